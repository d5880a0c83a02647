import CNNIR
import CNNPasses
import CNNTestSupport
import Testing

/// `FoldInputNormalization`: a constant per-channel scale or shift on a conv's input folds into
/// the conv; a shift only when the conv has no padding (the border pixels would be wrong). The
/// ONNX goldens normalize_conv_padded, normalize_conv_valid and scale255_conv_padded check the
/// values against ONNX Runtime, borders included.
@Suite struct FoldInputNormalizationTests {
    /// x [3, 5, 6] -> x op k (k [3, 1, 1]) -> conv 3->2 k3 (pad `pad`).
    func graph(_ op: BinaryOperator, k: [Float] = [0.5, 2, 4], pad: Int = 0, extraReader: Bool = false) -> Graph {
        let conv = ConvAttributes(
            filters: 2, kernel: [3, 3], stride: [1, 1], dilation: [1, 1],
            padding: Padding(begin: [pad, pad], end: [pad, pad]), groups: 1, hasBias: true)
        let out = [2, 3 + 2 * pad, 4 + 2 * pad]
        var nodes = [
            Node(id: 0, name: "x", op: .input(index: 0), inputs: [], shape: [3, 5, 6]),
            Node(
                id: 1, name: "norm",
                op: .binary(BinaryAttributes(op: op, constant: ConstantOperand(shape: [k.count, 1, 1], isFirst: false))),
                inputs: [0], shape: [3, 5, 6], params: ["constant": WeightTensor(shape: [k.count, 1, 1], values: k)]),
            Node(
                id: 2, name: "conv", op: .conv(conv), inputs: [1], shape: out,
                params: [
                    "weight": WeightTensor(shape: [2, 3, 3, 3], values: (0..<54).map { Float($0 % 7) - 3 }),
                    "bias": WeightTensor(shape: [2], values: [0.25, -0.5]),
                ]),
        ]
        var outputs = [2]
        if extraReader {
            nodes.append(Node(id: 3, name: "other", op: .activation(Activation(.relu)), inputs: [1], shape: [3, 5, 6]))
            outputs.append(3)
        }
        return Graph(name: "g", nodes: nodes, outputs: outputs)
    }

    func run(_ g: Graph) throws -> Graph {
        let out = EliminateDeadNodes.run(RewriteDriver.run([FoldInputNormalization()], on: g))
        try GraphVerifier.verify(out, after: "fold-input-normalization")
        return out
    }

    @Test func scalesFoldWhateverThePadding() throws {
        for pad in [0, 1] {
            let out = try run(graph(.div, pad: pad))
            #expect(out.nodes.count == 2, "pad \(pad)")
            let w = try #require(out.nodes.last?.params["weight"]?.values)
            // Filter 0, channel 1 (divided by 2), first tap: weight index 9 was 9 % 7 - 3 = -1.
            #expect(w[9] == -0.5 && w[0] == -6 && w[18] == 0.25)
            #expect(out.nodes.last?.params["bias"]?.values == [0.25, -0.5])
            #expect(out.nodes.last?.inputs == [0])
        }
        #expect(try run(graph(.mul, pad: 1)).nodes.last?.params["weight"]?.values[9] == -2)
    }

    @Test func shiftsFoldOnlyWithoutPadding() throws {
        let out = try run(graph(.sub, k: [1, 2, 3]))
        #expect(out.nodes.count == 2)
        // bias'[f] = bias[f] - sum_{c,k} w[f, c, k] * k[c].
        let w = (0..<54).map { Double($0 % 7) - 3 }
        let k = [1.0, 2, 3]
        for f in 0..<2 {
            var expected = f == 0 ? 0.25 : -0.5
            for c in 0..<3 { for t in 0..<9 { expected -= w[(f * 3 + c) * 9 + t] * k[c] } }
            #expect(out.nodes.last?.params["bias"]?.values[f] == Float(expected))
        }
        #expect(try run(graph(.add, k: [1, 2, 3])).nodes.count == 2)
        // With padding the subtraction stays its own kernel.
        #expect(try run(graph(.sub, k: [1, 2, 3], pad: 1)).nodes.count == 3)
        #expect(try run(graph(.add, k: [1, 2, 3], pad: 1)).nodes.count == 3)
        // A zero shift is no shift.
        #expect(try run(graph(.sub, k: [0, 0, 0], pad: 1)).nodes.count == 2)
    }

    @Test func otherPatternsStay() throws {
        // Another reader of the normalised tensor.
        #expect(try run(graph(.div, extraReader: true)).nodes.count == 4)
        // Division by zero, a zero scale, max/min/pow.
        #expect(try run(graph(.div, k: [1, 0, 1])).nodes.count == 3)
        #expect(try run(graph(.mul, k: [1, 0, 1])).nodes.count == 3)
        #expect(try run(graph(.max, k: [1, 2, 3])).nodes.count == 3)
        // A scalar constant folds too.
        #expect(try run(graph(.div, k: [255], pad: 1)).nodes.count == 2)
    }
}
