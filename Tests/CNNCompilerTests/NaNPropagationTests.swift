import CNNCompiler
import CNNFrontend
import CNNIR
import CNNTestSupport
import Foundation
import Testing

/// NaN and infinities go through every activation (standalone and fused) as in PyTorch
/// (issue 15): a NaN in gives NaN out, never a number that looks normal. The values at +-inf
/// and the other ops (softmax, max pools, conv and dense epilogues) are checked against ONNX
/// Runtime by the `*_specials` and `*_nan` cases of `ElementwiseGoldenTests`.
@Suite struct NaNPropagationTests {
    static let specials: [Float] = [.nan, .infinity, -.infinity, -2, -0.5, 0, 0.5, 2]

    /// One layer per activation kind, all reading the input; NaN in gives NaN out for each, and
    /// the infinities give PyTorch's limits for the first six.
    @Test func everyActivationPropagatesNaN() throws {
        let dir = TemporaryDirectory()
        let kinds = ActivationKind.allCases
        let layers = kinds.map { kind -> String in
            let extra = kind == .clip ? #", "min": 0, "max": 6"# : ""
            return #"{"name": "a_\#(kind.rawValue)", "op": "\#(kind.rawValue)", "input": "x"\#(extra)}"#
        }
        let net = dir.write(
            "net.json",
            """
            {"version": 1, "name": "nan_acts", "inputs": [{"name": "x", "shape": [\(Self.specials.count)]}],
             "layers": [\(layers.joined(separator: ",\n"))],
             "outputs": [\(kinds.map { "\"a_\($0.rawValue)\"" }.joined(separator: ", "))]}
            """)
        let model = try CompiledModel(net: net)
        let outputs = try model.run([Self.specials], batch: 1)
        #expect(outputs.count == kinds.count)
        let byKind = Dictionary(uniqueKeysWithValues: zip(kinds, outputs))
        // ONNX's ThresholdedRelu is "x if x > alpha, else 0", and ONNX Runtime and the onnx
        // reference give 0 for a NaN: cnnc follows them (its goldens are ONNX Runtime's).
        for (kind, y) in zip(kinds, outputs) where kind != .thresholdedRelu {
            #expect(y[0].isNaN, "\(kind.rawValue)(NaN) = \(y[0])")
        }
        #expect(byKind[.thresholdedRelu]![0] == 0 && byKind[.thresholdedRelu]![1] == .infinity && byKind[.thresholdedRelu]![2] == 0)
        #expect(byKind[.relu]![1] == .infinity && byKind[.relu]![2] == 0)
        #expect(byKind[.clip]![1] == 6 && byKind[.clip]![2] == 0)
        #expect(byKind[.sigmoid]![1] == 1 && abs(byKind[.sigmoid]![2]) < 1e-30)
        #expect(byKind[.tanh]![1] == 1 && byKind[.tanh]![2] == -1)
        #expect(byKind[.elu]![1] == .infinity && byKind[.elu]![2] == -1)
        #expect(byKind[.leakyRelu]![1] == .infinity && byKind[.leakyRelu]![2] == -.infinity)
    }

    /// The same activations fused into a conv's epilogue: the conv's NaN survives them.
    @Test(arguments: ["relu", "sigmoid", "tanh", "elu", "leaky_relu", "hardswish"])
    func fusedActivationPropagatesNaN(_ activation: String) throws {
        let dir = TemporaryDirectory()
        let net = dir.write(
            "net.json",
            """
            {"version": 1, "name": "nan_fused", "inputs": [{"name": "x", "shape": [2, 4, 4]}],
             "layers": [{"name": "conv", "op": "conv2d", "filters": 16, "kernel": 1, "activation": "\(activation)"},
                        {"name": "relu6", "op": "conv2d", "filters": 16, "kernel": 1, "activation": {"op": "clip", "min": 0, "max": 6}}],
             "outputs": ["conv", "relu6"]}
            """)
        var options = CompileOptions()
        options.seeded = SeededWeights(seed: 3)
        let model = try CompiledModel(net: net, options: options)
        var x = (0..<32).map { Float($0 % 7) - 3 }
        x[5] = .nan
        let outputs = try model.run([x], batch: 1)
        // Pixel 5 is NaN in every output channel of both convs (1x1: each channel reads it); no other is.
        for y in outputs {
            for c in 0..<16 {
                for p in 0..<16 {
                    #expect(y[c * 16 + p].isNaN == (p == 5), "\(activation): channel \(c) pixel \(p) = \(y[c * 16 + p])")
                }
            }
        }
    }

    /// LeNet-5 on an all-NaN image returns NaN for every class, not normal-looking probabilities.
    @Test func lenetOnAllNaNImageReturnsNaN() throws {
        let model = try CompiledModel(net: TestPaths.repo("examples/lenet5/net.json"))
        let count = model.library.inputs[0].elementCount
        let y = try model.run([[Float](repeating: .nan, count: count)], batch: 1)[0]
        #expect(y.count == 10)
        #expect(y.allSatisfy { $0.isNaN }, "\(y)")
    }
}
