import CNNIR
import CNNPasses
import CNNTestSupport
import Testing

/// `FoldChannelScale`: a constant per-channel scale or shift of a conv's (channels first) or a
/// linear layer's (channels last) output folds into its weights and bias, and nothing else does.
@Suite struct FoldChannelScaleTests {
    @Test func channelScaleFoldsOnlyPerChannel() throws {
        func graph(constant: [Int], op: BinaryOperator = .mul, epilogue: [EpilogueStep] = []) -> Graph {
            let conv = Node(
                id: 1, name: "conv",
                op: .conv(
                    ConvAttributes(
                        filters: 2, kernel: [1, 1], stride: [1, 1], dilation: [1, 1], padding: .zero(rank: 2), groups: 1, hasBias: false,
                        epilogue: epilogue)),
                inputs: [0], shape: [2, 2, 2], params: ["weight": WeightTensor(shape: [2, 3, 1, 1], values: [1, 2, 3, 4, 5, 6])])
            let n = constant.reduce(1, *)
            let k = Node(
                id: 2, name: "k", op: .binary(BinaryAttributes(op: op, constant: ConstantOperand(shape: constant, isFirst: false))),
                inputs: [1], shape: [2, 2, 2],
                params: ["constant": WeightTensor(shape: constant, values: (0..<n).map { Float($0 + 2) })])
            return Graph(
                name: "g", nodes: [Node(id: 0, name: "x", op: .input(index: 0), inputs: [], shape: [3, 2, 2]), conv, k], outputs: [2])
        }
        let scaled = RewriteDriver.run([FoldChannelScale()], on: graph(constant: [2, 1, 1]))
        #expect(scaled.nodes.count == 2)
        #expect(scaled.nodes[1].params["weight"]?.values == [2, 4, 6, 12, 15, 18])
        #expect(scaled.nodes[1].params["bias"]?.values == [0, 0])
        let shifted = RewriteDriver.run([FoldChannelScale()], on: graph(constant: [2, 1, 1], op: .add))
        #expect(shifted.nodes[1].params["bias"]?.values == [2, 3])
        #expect(
            RewriteDriver.run([FoldChannelScale()], on: graph(constant: [1])).nodes[1].params["weight"]?.values == [2, 4, 6, 8, 10, 12])
        // The importer's per-channel bias op (an Add of a [C, 1, 1] constant) adds to the bias.
        var biased = graph(constant: [2, 1, 1])
        biased.nodes[2].op = .bias(.channel)
        biased.nodes[2].params = ["bias": WeightTensor(shape: [2], values: [0.5, -2])]
        let folded = RewriteDriver.run([FoldChannelScale()], on: biased)
        #expect(folded.nodes.count == 2)
        #expect(folded.nodes[1].params["bias"]?.values == [0.5, -2])
        #expect(folded.nodes[1].params["weight"]?.values == [1, 2, 3, 4, 5, 6])
        // A linear layer on the last axis takes a [1, 1, U] scale in its rows.
        let linear = Node(
            id: 1, name: "fc", op: .dense(DenseAttributes(units: 2, hasBias: true, lastAxis: true)), inputs: [0], shape: [2, 2],
            params: [
                "weight": WeightTensor(shape: [2, 3], values: [1, 2, 3, 4, 5, 6]), "bias": WeightTensor(shape: [2], values: [1, -1]),
            ])
        let lk = Node(
            id: 2, name: "k", op: .binary(BinaryAttributes(op: .mul, constant: ConstantOperand(shape: [1, 2], isFirst: false))),
            inputs: [1], shape: [2, 2],
            params: ["constant": WeightTensor(shape: [1, 2], values: [3, 0.5])])
        let lin = RewriteDriver.run(
            [FoldChannelScale()],
            on: Graph(
                name: "g", nodes: [Node(id: 0, name: "x", op: .input(index: 0), inputs: [], shape: [2, 3]), linear, lk], outputs: [2]))
        #expect(lin.nodes.count == 2)
        #expect(lin.nodes[1].params["weight"]?.values == [3, 6, 9, 2, 2.5, 3])
        #expect(lin.nodes[1].params["bias"]?.values == [3, -0.5])
        // Per position, a subtraction, or a conv with an activation already fused: unchanged.
        #expect(RewriteDriver.run([FoldChannelScale()], on: graph(constant: [2, 2, 1])).nodes.count == 3)
        #expect(RewriteDriver.run([FoldChannelScale()], on: graph(constant: [2, 1, 1], op: .sub)).nodes.count == 3)
        #expect(
            RewriteDriver.run([FoldChannelScale()], on: graph(constant: [2, 1, 1], epilogue: [.activation(Activation(.relu))])).nodes.count
                == 3)
    }
}
