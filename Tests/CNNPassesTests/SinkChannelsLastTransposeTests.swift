import CNNIR
import CNNPasses
import CNNTestSupport
import Testing

/// `SinkChannelsLastTranspose` and `CancelInverseTransposes`: a transpose to channels-last
/// moves down a chain of per-position steps (layer norm over the last axis, linear layers on the
/// last axis, activations) only when the chain ends in the transpose back, and the two cancel.
/// (The numbers are checked against ONNX Runtime by the `convnext_block_torchvision` golden.)
@Suite struct SinkChannelsLastTransposeTests {
    /// x [C, H, W] -> to channels-last -> layer norm -> linear C->U (+ `epilogue`) -> GELU ->
    /// linear U->C -> `back` (nil: no transpose back, the linear is the output).
    func graph(c: Int = 4, u: Int = 8, epilogue: [EpilogueStep] = [], back: [Int]? = [2, 0, 1], extraReader: Bool = false) -> Graph {
        let (h, w) = (3, 5)
        func tensor(_ shape: [Int]) -> WeightTensor {
            WeightTensor(shape: shape, values: (0..<shape.reduce(1, *)).map { 0.1 * Float($0 % 7) - 0.3 })
        }
        var nodes = [
            Node(id: 0, name: "x", op: .input(index: 0), inputs: [], shape: [c, h, w]),
            Node(id: 1, name: "to_nhwc", op: .movement(.transpose(perm: [1, 2, 0])), inputs: [0], shape: [h, w, c]),
            Node(
                id: 2, name: "ln", op: .normalization(NormAttributes(kind: .layer(first: 2, last: 2), epsilon: 1e-6)), inputs: [1],
                shape: [h, w, c], params: ["weight": tensor([c]), "bias": tensor([c])]),
            Node(
                id: 3, name: "fc1", op: .dense(DenseAttributes(units: u, hasBias: true, epilogue: epilogue, lastAxis: true)),
                inputs: epilogue.isEmpty ? [2] : [2, 1], shape: [h, w, u], params: ["weight": tensor([u, c]), "bias": tensor([u])]),
            Node(id: 4, name: "gelu", op: .activation(Activation(.gelu, [0])), inputs: [3], shape: [h, w, u]),
            Node(
                id: 5, name: "fc2", op: .dense(DenseAttributes(units: c, hasBias: true, lastAxis: true)), inputs: [4], shape: [h, w, c],
                params: ["weight": tensor([c, u]), "bias": tensor([c])]),
        ]
        var outputs = [5]
        if let back {
            nodes.append(
                Node(id: 6, name: "to_nchw", op: .movement(.transpose(perm: back)), inputs: [5], shape: back.map { [h, w, c][$0] }))
            outputs = [6]
        }
        if extraReader {
            nodes.append(Node(id: 7, name: "other", op: .activation(Activation(.relu)), inputs: [3], shape: [h, w, u]))
            outputs.append(7)
        }
        return Graph(name: "g", nodes: nodes, outputs: outputs)
    }

    func run(_ g: Graph) throws -> Graph {
        let out = EliminateDeadNodes.run(RewriteDriver.run([SinkChannelsLastTranspose(), CancelInverseTransposes()], on: g))
        try GraphVerifier.verify(out, after: "sink-channels-last-transpose")
        return out
    }

    @Test func blockRunsChannelsFirst() throws {
        let out = try run(graph())
        #expect(out.nodes.map(\.op.kindName) == ["input", "layernorm", "conv2d", "gelu", "conv2d"])
        #expect(out.nodes.map(\.shape) == [[4, 3, 5], [4, 3, 5], [8, 3, 5], [8, 3, 5], [4, 3, 5]])
        guard case .normalization(let norm) = out.nodes[1].op, case .conv(let fc1) = out.nodes[2].op else {
            Issue.record("expected a layer norm and a conv, got \(out.nodes.map(\.op.kindName))")
            return
        }
        #expect(norm.kind == .layer(first: 0, last: 0))
        #expect(fc1.kernel == [1, 1] && fc1.stride == [1, 1] && fc1.groups == 1 && fc1.hasBias && fc1.padding.isZero)
        // The same weight values, as [U, K, 1, 1]; the outputs keep their names.
        #expect(out.nodes[2].params["weight"]?.shape == [8, 4, 1, 1])
        #expect(out.nodes[2].params["weight"]?.values == graph().nodes[3].params["weight"]?.values)
        #expect(out.outputNames == ["to_nchw"])
    }

    @Test func otherChainsStay() throws {
        // No transpose back: the tensor stays channels-last (and fc1's output would be larger to move).
        #expect(try run(graph(back: nil)).nodes.map(\.op.kindName) == ["input", "transpose", "layernorm", "linear", "gelu", "linear"])
        // A transpose back that is not the inverse.
        #expect(try run(graph(back: [1, 0, 2])).nodes.count == 7)
        // A linear with a residual add fused (it reads a channels-last tensor): nothing moves.
        #expect(try run(graph(u: 4, epilogue: [.add(operand: 1)])).nodes.count == 7)
        // Something else reads a step of the chain.
        #expect(try run(graph(extraReader: true)).nodes.count == 8)
    }

    @Test func inverseTransposesCancel() throws {
        let g = Graph(
            name: "g",
            nodes: [
                Node(id: 0, name: "x", op: .input(index: 0), inputs: [], shape: [2, 3, 4]),
                Node(id: 1, name: "a", op: .movement(.transpose(perm: [2, 0, 1])), inputs: [0], shape: [4, 2, 3]),
                Node(id: 2, name: "b", op: .movement(.transpose(perm: [1, 2, 0])), inputs: [1], shape: [2, 3, 4]),
                Node(id: 3, name: "c", op: .movement(.transpose(perm: [0, 2, 1])), inputs: [1], shape: [4, 3, 2]),
                Node(id: 4, name: "r", op: .activation(Activation(.relu)), inputs: [2], shape: [2, 3, 4]),
            ], outputs: [4, 3])
        let out = try run(g)
        // b undoes a: r reads x; c does not, and keeps a.
        #expect(out.nodes.map(\.name) == ["x", "a", "c", "r"])
        #expect(out.nodes.first { $0.name == "r" }?.inputs == [0])
    }
}
