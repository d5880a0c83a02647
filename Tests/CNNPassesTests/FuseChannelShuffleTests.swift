import CNNIR
import CNNPasses
import CNNTestSupport
import Testing

/// `FuseChannelShuffle`: reshape / transpose / reshape becomes one channel_shuffle, and only when
/// nothing else reads the intermediate tensors and the pattern really is a shuffle.
@Suite struct FuseChannelShuffleTests {
    /// x [C, H, W] -> reshape `view` -> transpose `perm` -> reshape back to x's shape; `extraReader`
    /// adds a relu reading the transpose.
    func graph(channels: Int = 6, view: [Int], perm: [Int], back: [Int]? = nil, extraReader: Bool = false) -> Graph {
        let x = [channels, 2, 5]
        var nodes = [
            Node(id: 0, name: "x", op: .input(index: 0), inputs: [], shape: x),
            Node(id: 1, name: "split", op: .movement(.reshape(shape: view)), inputs: [0], shape: view),
            Node(id: 2, name: "swap", op: .movement(.transpose(perm: perm)), inputs: [1], shape: perm.map { view[$0] }),
            Node(id: 3, name: "merge", op: .movement(.reshape(shape: back ?? x)), inputs: [2], shape: back ?? x),
        ]
        var outputs = [3]
        if extraReader {
            nodes.append(Node(id: 4, name: "other", op: .activation(Activation(.relu)), inputs: [2], shape: nodes[2].shape))
            outputs.append(4)
        }
        return Graph(name: "g", nodes: nodes, outputs: outputs)
    }

    func run(_ g: Graph) throws -> Graph {
        let out = EliminateDeadNodes.run(RewriteDriver.run([FuseChannelShuffle()], on: g))
        try GraphVerifier.verify(out, after: "fuse-channel-shuffle")
        return out
    }

    @Test func shuffleFuses() throws {
        let out = try run(graph(view: [3, 2, 2, 5], perm: [1, 0, 2, 3]))
        #expect(out.nodes.map(\.op) == [.input(index: 0), .movement(.channelShuffle(groups: 3))])
        #expect(out.nodes.last?.name == "merge")
        #expect(out.nodes.last?.layers == ["swap", "merge"])
        #expect(out.outputNames == ["merge"])
        // The spatial sizes may be regrouped in the view ([3, 2, 10] for [6, 2, 5]).
        let merged = try run(graph(view: [2, 3, 10], perm: [1, 0, 2]))
        #expect(merged.nodes.map(\.op) == [.input(index: 0), .movement(.channelShuffle(groups: 2))])
    }

    @Test func otherPatternsStay() throws {
        // Not the first two axes swapped.
        #expect(try run(graph(view: [3, 2, 2, 5], perm: [0, 1, 3, 2], back: [6, 2, 5])).nodes.count == 4)
        // The first two axes do not regroup the channels ([2, 6, 5] mixes channels and rows of [6, 2, 5]).
        #expect(try run(graph(view: [2, 6, 5], perm: [1, 0, 2], back: [6, 2, 5])).nodes.count == 4)
        // Back to another shape than the input's.
        #expect(try run(graph(view: [3, 2, 2, 5], perm: [1, 0, 2, 3], back: [6, 10])).nodes.count == 4)
        // The transposed tensor is read by another layer too.
        #expect(try run(graph(view: [3, 2, 2, 5], perm: [1, 0, 2, 3], extraReader: true)).nodes.count == 5)
    }
}
