import CNNCompiler
import CNNFrontend
import CNNIR
import CNNTestSupport
import Foundation
import Testing

/// The net.json forms of the new activations and the broadcasting binary ops, against values
/// computed here in double precision from the formulas of docs/net-format.md, and their errors.
@Suite struct ElementwiseNetTests {
    static let net = #"""
        {"version": 1, "name": "ew", "inputs": [{"name": "x", "shape": [2, 2, 3]}],
         "layers": [
          {"name": "pool", "op": "global_avgpool", "input": "x"},
          {"name": "gate", "op": "hardsigmoid"},
          {"name": "se", "op": "mul", "inputs": ["x", "gate"]},
          {"name": "norm", "op": "sub", "constant": [2, 1, 1], "params": {"constant": [[[0.5]], [[-1.0]]]}},
          {"name": "inv", "op": "div", "constant": [1], "constant_first": true, "params": {"constant": [2.0]}},
          {"name": "g", "op": "gelu", "approximate": "tanh"},
          {"name": "m", "op": "max", "inputs": ["g", "x"], "activation": {"op": "celu", "alpha": 0.5}},
          {"name": "bc", "op": "add", "broadcast": true, "inputs": ["m", "pool"], "activation": "hardswish"},
          {"name": "p", "op": "pow", "input": "x", "constant": [3], "params": {"constant": [2.0, 3.0, 0.5]}},
          {"name": "ab", "op": "abs", "input": "p"}
         ],
         "outputs": ["bc", "se", "ab"]}
        """#

    @Test func newOpsComputeTheirFormulas() throws {
        let dir = TemporaryDirectory()
        let path = dir.write("net.json", Self.net)
        let model = try CompiledModel(net: path)
        let x: [Float] = [0.3, -1.2, 2.5, 0.8, -0.4, 1.9, -2.2, 0.1, 1.4, -0.7, 3.1, 0.6]
        let batch = 2
        let input = x + x.map { -$0 * 0.5 }
        let out = try model.run([input], batch: batch)

        func hardsigmoid(_ v: Double) -> Double { Swift.min(Swift.max(v / 6 + 0.5, 0), 1) }
        func gelu(_ v: Double) -> Double { 0.5 * v * (1 + tanh(0.7978845608028654 * (v + 0.044715 * v * v * v))) }
        func celu(_ v: Double, _ a: Double) -> Double { Swift.max(0, v) + Swift.min(0, a * (exp(v / a) - 1)) }
        func hardswish(_ v: Double) -> Double { v * hardsigmoid(v) }
        var bc: [Float] = []
        var se: [Float] = []
        var ab: [Float] = []
        for b in 0..<batch {
            let s = input[(b * 12)..<(b * 12 + 12)].map(Double.init)
            let pool = (0..<2).map { c in s[(c * 6)..<(c * 6 + 6)].reduce(0, +) / 6 }
            for i in 0..<12 {
                let c = i / 6
                let seV = s[i] * hardsigmoid(pool[c])
                let norm = seV - (c == 0 ? 0.5 : -1.0)
                let m = Swift.max(gelu(2 / norm), s[i])
                bc.append(Float(hardswish(celu(m, 0.5) + pool[c])))
                se.append(Float(seV))
                ab.append(Float(abs(pow(s[i], [2.0, 3.0, 0.5][i % 3]))))
            }
        }
        #expect(
            Mismatch.find(out[0], bc, atol: 1e-5, rtol: 1e-4) == nil,
            "\(String(describing: Mismatch.find(out[0], bc, atol: 1e-5, rtol: 1e-4)))")
        #expect(Mismatch.find(out[1], se, atol: 1e-5, rtol: 1e-4) == nil)
        // pow of a negative base to 0.5 is NaN in C and in Swift alike.
        for (a, e) in zip(out[2], ab) { #expect(a.isNaN == e.isNaN && (a.isNaN || abs(a - e) <= 1e-5 + 1e-4 * abs(e)), "\(a) vs \(e)") }
        #expect(out[2].contains { $0.isNaN })
    }

    /// Errors name the file and the layer, and say what was expected.
    @Test(arguments: [
        (
            #"{"name": "m", "op": "mul", "inputs": ["x", "y"]}"#,
            "expected shapes that broadcast (equal sizes or 1, aligned at the last dimension) for mul, got [3, 4, 5] and [2, 1, 1] (3 against 2 in dimension 3 from the last)"
        ),
        (#"{"name": "m", "op": "add", "inputs": ["x", "y"]}"#, "expected inputs of equal shapes for add, got [3, 4, 5] and [2, 1, 1]"),
        (#"{"name": "m", "op": "add", "input": "x", "constant": [3, 1, 1]}"#, "expected constant only on an add with \"broadcast\": true"),
        (#"{"name": "m", "op": "sub", "input": "x"}"#, "expected 2 inputs for sub (or 1 and a constant), got 1"),
        (#"{"name": "m", "op": "sub", "inputs": ["x", "y"], "constant": [1]}"#, "expected 1 input for sub with a constant, got 2"),
        (
            #"{"name": "m", "op": "div", "input": "x", "constant": [3, 1, 1], "params": {"constant": [1, 2]}}"#,
            "parameter 'm.constant' has the wrong shape: expected [3, 1, 1], got [2]"
        ),
        (
            #"{"name": "m", "op": "div", "input": "x", "constant": [4, 1, 1], "params": {"constant": [[[1]], [[2]], [[3]], [[4]]]}}"#,
            "got [3, 4, 5] and [4, 1, 1]"
        ),
        (#"{"name": "m", "op": "div", "input": "x", "constant": []}"#, "expected the constant's shape as a non-empty list of integers"),
        (#"{"name": "m", "op": "gelu", "input": "x", "approximate": "fast"}"#, "expected approximate \"none\" or \"tanh\", got \"fast\""),
        (#"{"name": "m", "op": "hardsigmoid", "input": "x", "gamma": 1}"#, "gamma"),
        (#"{"name": "m", "op": "celu", "input": "x", "alpha": 0}"#, "expected a non-zero alpha, got 0"),
        (
            #"{"name": "m", "op": "max", "inputs": ["x", "x"], "activation": {"op": "selu", "beta": 1}}"#,
            "unknown key 'beta' in the selu activation"
        ),
        (#"{"name": "m", "op": "max", "inputs": ["x", "x"], "activation": "swish"}"#, "got \"swish\""),
    ])
    func errorsNameTheLayer(_ layer: String, _ message: String) {
        DescriptionChecks.expectLayerError(
            layer, message, inputs: #"[{"name": "x", "shape": [3, 4, 5]}, {"name": "y", "shape": [2, 1, 1]}]"#)
    }

    /// The writer puts every new field back: read, write, read again gives the same graph.
    @Test func writerRoundTrips() throws {
        try DescriptionChecks.expectWriterRoundTrips(Self.net)
    }
}
