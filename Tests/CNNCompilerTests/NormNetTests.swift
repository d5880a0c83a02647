import CNNCompiler
import CNNFrontend
import CNNIR
import CNNTestSupport
import Foundation
import Testing

/// The net.json forms of the reductions, log-softmax, layer / instance / group norm and the
/// linear layer, against values computed here in double precision from the formulas of
/// docs/net-format.md, and their errors.
@Suite struct NormNetTests {
    static let net = #"""
        {"version": 1, "name": "norms", "inputs": [{"name": "x", "shape": [4, 2, 3]}],
         "layers": [
          {"name": "ln", "op": "layernorm", "input": "x", "axis": 0, "last_axis": 0,
           "params": {"weight": [1.0, 0.5, -1.0, 2.0], "bias": [0.0, 0.1, 0.2, 0.3]}},
          {"name": "inn", "op": "instancenorm", "input": "x", "epsilon": 0.001,
           "params": {"weight": [1.0, 0.5, -1.0, 2.0], "bias": [0.0, 0.1, 0.2, 0.3]}},
          {"name": "gn", "op": "groupnorm", "input": "x", "groups": 2,
           "params": {"weight": [1.0, 0.5, -1.0, 2.0], "bias": [0.0, 0.1, 0.2, 0.3]}},
          {"name": "lnl", "op": "layernorm", "input": "x", "params": {"weight": [1.0, 2.0, 3.0], "bias": [-1.0, 0.0, 1.0]}},
          {"name": "rs", "op": "reduce_sum", "input": "x", "axes": [0, 2], "keepdims": false},
          {"name": "rmax", "op": "reduce_max", "input": "x", "axes": [-1]},
          {"name": "rl2", "op": "reduce_l2", "input": "x", "axes": [1], "keepdims": false},
          {"name": "lsm", "op": "log_softmax", "input": "x", "axis": 1},
          {"name": "lin", "op": "linear", "input": "x", "units": 2, "activation": "relu",
           "params": {"weight": [[1.0, -1.0, 0.5], [0.25, 2.0, -0.5]], "bias": [0.1, -0.2]}}
         ],
         "outputs": ["ln", "inn", "gn", "lnl", "rs", "rmax", "rl2", "lsm", "lin"]}
        """#

    static let w = [1.0, 0.5, -1.0, 2.0], b = [0.0, 0.1, 0.2, 0.3]

    /// Normalises `values` (biased variance, epsilon inside the root).
    static func normalised(_ values: [Double], eps: Double) -> [Double] {
        let mean = values.reduce(0, +) / Double(values.count)
        let variance = values.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(values.count)
        return values.map { ($0 - mean) / (variance + eps).squareRoot() }
    }

    /// The reference outputs of one sample `s` of shape [4, 2, 3], in the net's output order.
    static func reference(_ s: [Double]) -> [[Double]] {
        func at(_ c: Int, _ h: Int, _ w: Int) -> Double { s[(c * 2 + h) * 3 + w] }
        var out = Array(repeating: [Double](), count: 9)
        // ln: every position over the 4 channels.
        var ln = [Double](repeating: 0, count: 24)
        for p in 0..<6 {
            let v = normalised((0..<4).map { s[$0 * 6 + p] }, eps: 1e-5)
            for c in 0..<4 { ln[c * 6 + p] = v[c] * w[c] + b[c] }
        }
        out[0] = ln
        // inn: each channel over its 6 positions; gn: channels {0, 1} and {2, 3}.
        for c in 0..<4 {
            let v = normalised(Array(s[(c * 6)..<(c * 6 + 6)]), eps: 1e-3)
            for x in v { out[1].append(x * w[c] + b[c]) }
        }
        for g in 0..<2 {
            let v = normalised(Array(s[(g * 12)..<(g * 12 + 12)]), eps: 1e-5)
            for (i, x) in v.enumerated() { out[2].append(x * w[g * 2 + i / 6] + b[g * 2 + i / 6]) }
        }
        // lnl: each row of 3 over the last axis, weight and bias per position of it.
        let lw: [Double] = [1, 2, 3]
        let lb: [Double] = [-1, 0, 1]
        for r in 0..<8 {
            let v = normalised(Array(s[(r * 3)..<(r * 3 + 3)]), eps: 1e-5)
            for (i, x) in v.enumerated() { out[3].append(x * lw[i] + lb[i]) }
        }
        for h in 0..<2 {
            var sum = 0.0
            for c in 0..<4 { for x in 0..<3 { sum += at(c, h, x) } }
            out[4].append(sum)
        }
        for r in 0..<8 { out[5].append(s[(r * 3)..<(r * 3 + 3)].max()!) }
        for c in 0..<4 {
            for x in 0..<3 { out[6].append((at(c, 0, x) * at(c, 0, x) + at(c, 1, x) * at(c, 1, x)).squareRoot()) }
        }
        var lsm = [Double](repeating: 0, count: 24)
        for c in 0..<4 {
            for x in 0..<3 {
                let lse = log(exp(at(c, 0, x)) + exp(at(c, 1, x)))
                for h in 0..<2 { lsm[(c * 2 + h) * 3 + x] = at(c, h, x) - lse }
            }
        }
        out[7] = lsm
        let wl: [[Double]] = [[1.0, -1.0, 0.5], [0.25, 2.0, -0.5]]
        let bl: [Double] = [0.1, -0.2]
        for r in 0..<8 {
            for u in 0..<2 {
                var v = bl[u]
                for k in 0..<3 { v += wl[u][k] * s[r * 3 + k] }
                out[8].append(max(0, v))
            }
        }
        return out
    }

    @Test func opsComputeTheirFormulas() throws {
        let dir = TemporaryDirectory()
        let model = try CompiledModel(net: dir.write("net.json", Self.net))
        let x: [Float] = (0..<24).map { (i: Int) -> Float in
            let d = Double(i)
            return Float(sin(d * 1.7) * 2.0 + Double(i % 5) * 0.3)
        }
        let input = x + x.map { -$0 * 0.5 + 0.25 }
        let out = try model.run([input], batch: 2)
        var want = Array(repeating: [Double](), count: 9)
        for n in 0..<2 {
            let sample = input[(n * 24)..<(n * 24 + 24)].map(Double.init)
            for (k, v) in Self.reference(sample).enumerated() { want[k] += v }
        }
        #expect(out.count == 9)
        for (k, (got, expected)) in zip(out, want).enumerated() {
            let m = Mismatch.find(got, expected.map(Float.init), atol: 1e-5, rtol: 1e-4)
            #expect(m == nil, "output \(k): \(String(describing: m))")
        }
        let shapes: [[Int]] = [[4, 2, 3], [4, 2, 3], [4, 2, 3], [4, 2, 3], [2], [4, 2, 1], [4, 3], [4, 2, 3], [4, 2, 2]]
        #expect(model.library.outputs.map(\.shape) == shapes)
    }

    /// Errors name the file and the layer, and say what was expected.
    @Test(arguments: [
        (#"{"name": "m", "op": "reduce_mean", "input": "x"}"#, "missing required field 'axes'"),
        (#"{"name": "m", "op": "reduce_mean", "input": "x", "axes": []}"#, "expected axes as a non-empty list of integers"),
        (#"{"name": "m", "op": "reduce_sum", "input": "x", "axes": [3]}"#, "expected axes in -3..<3 for input [3, 4, 5], got 3"),
        (#"{"name": "m", "op": "reduce_prod", "input": "x", "axes": [1, -2]}"#, "expected distinct axes, got [1, 1]"),
        (#"{"name": "m", "op": "log_softmax", "input": "x", "axis": 3}"#, "expected an axis in 0..<3 for input [3, 4, 5], got 3"),
        (#"{"name": "m", "op": "layernorm", "input": "x", "axis": 2, "last_axis": 1}"#, "expected last_axis at or after axis (2), got 1"),
        (#"{"name": "m", "op": "layernorm", "input": "x", "axis": -4}"#, "expected axis in -3..<3 for input [3, 4, 5], got -4"),
        (
            #"{"name": "m", "op": "layernorm", "input": "x", "params": {"weight": [1, 1, 1], "bias": [0, 0, 0, 0, 0]}}"#,
            "expected [5], got [3]"
        ),
        (#"{"name": "m", "op": "groupnorm", "input": "x", "groups": 2}"#, "expected groups dividing the 3 channels of [3, 4, 5], got 2"),
        (#"{"name": "m", "op": "groupnorm", "input": "x"}"#, "missing required field 'groups'"),
        (#"{"name": "m", "op": "instancenorm", "input": "x", "epsilon": 0}"#, "expected epsilon > 0, got 0"),
        (#"{"name": "m", "op": "linear", "input": "x", "units": 0}"#, "expected units of at least 1, got 0"),
        (
            #"{"name": "m", "op": "linear", "input": "x", "units": 2, "params": {"weight": [[1, 2, 3], [4, 5, 6]]}}"#,
            "expected [2, 5], got [2, 3]"
        ),
        (#"{"name": "m", "op": "dense", "input": "x", "units": 2}"#, "expected a flat input [N] for dense, got [3, 4, 5]"),
    ])
    func errorsNameTheLayer(_ layer: String, _ message: String) {
        DescriptionChecks.expectLayerError(layer, message, inputs: #"[{"name": "x", "shape": [3, 4, 5]}]"#)
    }

    /// The writer puts every new field back: read, write, read again gives the same graph.
    @Test func writerRoundTrips() throws {
        let text = try DescriptionChecks.expectWriterRoundTrips(Self.net)
        #expect(text.contains(#""op": "layernorm", "axis": 0, "last_axis": 0"#))
        #expect(text.contains(#""op": "reduce_sum", "input": "x", "axes": [0, 2], "keepdims": false"#))
        #expect(text.contains(#""op": "linear", "input": "x", "units": 2, "activation": "relu""#))
    }
}
