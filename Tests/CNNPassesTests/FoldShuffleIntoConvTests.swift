import CNNIR
import CNNPasses
import Testing

/// `FoldShuffleIntoConv`: a channel shuffle read only by an ungrouped conv becomes a permutation
/// of the conv's input channels, computing the same sums.
@Suite struct FoldShuffleIntoConvTests {
    /// x [6, 2, 2] -> channel_shuffle(3) -> conv 1x1 with 4 filters (`groups`), plus a relu reading the shuffle when `shared`.
    func graph(groups: Int = 1, shared: Bool = false) -> Graph {
        let perGroup = 6 / groups
        let weight = WeightTensor(
            shape: [groups == 1 ? 4 : 6, perGroup, 1, 1], values: (0..<((groups == 1 ? 4 : 6) * perGroup)).map { Float($0) * 0.25 - 1 })
        let filters = groups == 1 ? 4 : 6
        var nodes = [
            Node(id: 0, name: "x", op: .input(index: 0), inputs: [], shape: [6, 2, 2]),
            Node(id: 1, name: "shuffle", op: .movement(.channelShuffle(groups: 3)), inputs: [0], shape: [6, 2, 2]),
            Node(
                id: 2, name: "conv",
                op: .conv(
                    ConvAttributes(
                        filters: filters, kernel: [1, 1], stride: [1, 1], dilation: [1, 1], padding: .zero(rank: 2), groups: groups,
                        hasBias: false)),
                inputs: [1], shape: [filters, 2, 2], params: ["weight": weight]),
        ]
        var outputs = [2]
        if shared {
            nodes.append(Node(id: 3, name: "relu", op: .activation(Activation(.relu)), inputs: [1], shape: [6, 2, 2]))
            outputs.append(3)
        }
        return Graph(name: "g", nodes: nodes, outputs: outputs)
    }

    func run(_ g: Graph) throws -> Graph {
        let out = RewriteDriver.run([FoldShuffleIntoConv()], on: g)
        try GraphVerifier.verify(out, after: "fold-shuffle-into-conv")
        return out
    }

    /// Output channel f of a 1x1 conv at one position, from the 6 input channel values.
    func conv1x1(_ w: [Float], _ x: [Double], filter f: Int) -> Double {
        (0..<6).reduce(0) { $0 + Double(w[f * 6 + $1]) * x[$1] }
    }

    @Test func foldsAndComputesTheSameSums() throws {
        let before = graph()
        let after = try run(before)
        #expect(after.nodes.map(\.op.kindName) == ["input", "conv2d"])
        #expect(after.nodes[1].inputs == [0])
        #expect(after.nodes[1].layers == ["shuffle", "conv"])
        let w = before.nodes[2].params["weight"]!.values
        let folded = after.nodes[1].params["weight"]!.values
        // At one position: the shuffled input y[o] = x[(o % 3) * 2 + o / 3].
        let x: [Double] = [0.5, -1.25, 2, 3.5, -0.75, 1]
        let y = (0..<6).map { o in x[(o % 3) * 2 + o / 3] }
        for f in 0..<4 {
            #expect(conv1x1(w, y, filter: f) == conv1x1(folded, x, filter: f), "filter \(f)")
        }
        #expect(w.sorted() == folded.sorted() && w != folded)
    }

    @Test func groupedConvsAndSharedShufflesStay() throws {
        #expect(try run(graph(groups: 6)).nodes.count == 3)
        #expect(try run(graph(shared: true)).nodes.count == 4)
    }
}
