import CNNIR
import CNNPasses
import CNNTestSupport
import Testing

/// `FoldChannelsLastLayerNorm`: ConvNeXt's LayerNorm2d as exported (transpose to channels-last,
/// layer norm over the last axis, transpose back) becomes one layer norm over axis 0, and only
/// when the pattern really is that and nothing else reads the intermediates.
@Suite struct FoldChannelsLastLayerNormTests {
    /// x [C, H, W] -> transpose `perm` -> layer norm over `first...last` -> transpose `back`.
    func graph(
        x: [Int] = [4, 3, 5], perm: [Int] = [1, 2, 0], norm: (Int, Int) = (2, 2), back: [Int] = [2, 0, 1], extraReader: Bool = false
    ) -> Graph {
        let t = perm.map { x[$0] }
        let normShape = Array(t[norm.0...norm.1])
        let count = normShape.reduce(1, *)
        let params = [
            "weight": WeightTensor(shape: normShape, values: (0..<count).map { 1 + 0.1 * Float($0) }),
            "bias": WeightTensor(shape: normShape, values: (0..<count).map { 0.05 * Float($0) }),
        ]
        var nodes = [
            Node(id: 0, name: "x", op: .input(index: 0), inputs: [], shape: x),
            Node(id: 1, name: "to_nhwc", op: .movement(.transpose(perm: perm)), inputs: [0], shape: t),
            Node(
                id: 2, name: "ln", op: .normalization(NormAttributes(kind: .layer(first: norm.0, last: norm.1), epsilon: 1e-6)),
                inputs: [1], shape: t, params: params),
            Node(id: 3, name: "to_nchw", op: .movement(.transpose(perm: back)), inputs: [2], shape: back.map { t[$0] }),
        ]
        var outputs = [3]
        if extraReader {
            nodes.append(Node(id: 4, name: "other", op: .activation(Activation(.relu)), inputs: [2], shape: t))
            outputs.append(4)
        }
        return Graph(name: "g", nodes: nodes, outputs: outputs)
    }

    func run(_ g: Graph) throws -> Graph {
        let out = EliminateDeadNodes.run(RewriteDriver.run([FoldChannelsLastLayerNorm()], on: g))
        try GraphVerifier.verify(out, after: "fold-channels-last-layernorm")
        return out
    }

    @Test func layerNorm2dFolds() throws {
        let out = try run(graph())
        #expect(out.nodes.map(\.op) == [.input(index: 0), .normalization(NormAttributes(kind: .layer(first: 0, last: 0), epsilon: 1e-6))])
        #expect(out.nodes.last?.shape == [4, 3, 5])
        #expect(out.nodes.last?.params["weight"]?.shape == [4])
        #expect(out.outputNames == ["to_nchw"])
        // Rank 2 per sample ([C, L], a 1-D feature map) and rank 4 ([C, D, H, W]) too.
        #expect(try run(graph(x: [4, 6], perm: [1, 0], norm: (1, 1), back: [1, 0])).nodes.count == 2)
        #expect(try run(graph(x: [4, 2, 3, 5], perm: [1, 2, 3, 0], norm: (3, 3), back: [3, 0, 1, 2])).nodes.count == 2)
    }

    @Test func otherPatternsStay() throws {
        // Norm over more than the channels.
        #expect(try run(graph(norm: (1, 2))).nodes.count == 4)
        // A transpose back that is not the inverse.
        #expect(try run(graph(back: [2, 1, 0])).nodes.count == 4)
        // Channels not moved last.
        #expect(try run(graph(perm: [0, 2, 1], norm: (2, 2), back: [0, 2, 1])).nodes.count == 4)
        // Something else reads the channels-last norm.
        #expect(try run(graph(extraReader: true)).nodes.count == 5)
    }
}
