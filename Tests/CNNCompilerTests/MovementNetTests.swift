import CNNCompiler
import CNNFrontend
import CNNIR
import CNNTestSupport
import Foundation
import Testing

/// The net.json forms of the data movement ops, against results computed here with plain index
/// loops from the definitions in docs/net-format.md, and their errors.
@Suite struct MovementNetTests {
    static let net = #"""
        {"version": 1, "name": "mv", "inputs": [{"name": "x", "shape": [4, 3, 6]}],
         "layers": [
          {"name": "t", "op": "transpose", "input": "x", "perm": [2, 0, 1]},
          {"name": "r", "op": "reshape", "shape": [0, -1]},
          {"name": "s", "op": "slice", "input": "x", "starts": [-1, 0, 5], "ends": [-100, 3, 0], "steps": [-1, 2, -2]},
          {"name": "cs", "op": "channel_shuffle", "input": "x", "groups": 2},
          {"name": "d2s", "op": "depth_to_space", "input": "x", "block": 2, "mode": "CRD"},
          {"name": "s2d", "op": "space_to_depth", "input": "x", "block": 3},
          {"name": "u", "op": "unsqueeze", "input": "x", "axes": [0, -1]},
          {"name": "q", "op": "squeeze", "axes": [0, 4]},
          {"name": "fl", "op": "flatten", "axis": -2},
          {"name": "tail", "op": "slice", "input": "x", "starts": [2], "ends": [1000], "axes": [-1]}
         ],
         "outputs": ["r", "s", "cs", "d2s", "s2d", "fl", "tail"]}
        """#

    /// Element `index` of a row-major tensor of `shape`.
    static func at(_ x: ArraySlice<Float>, _ shape: [Int], _ index: [Int]) -> Float {
        var flat = 0
        for (i, n) in zip(index, shape) { flat = flat * n + i }
        return x[x.startIndex + flat]
    }

    /// Every index of `shape` in row-major order.
    static func indices(_ shape: [Int]) -> [[Int]] {
        shape.reduce([[]]) { acc, n in acc.flatMap { prefix in (0..<n).map { prefix + [$0] } } }
    }

    @Test func movementOpsMoveTheRightElements() throws {
        let dir = TemporaryDirectory()
        let model = try CompiledModel(net: dir.write("net.json", Self.net))
        let batch = 2
        let input = (0..<(batch * 72)).map { Float($0) * 0.5 - 7 }
        let out = try model.run([input], batch: batch)
        let shape = [4, 3, 6]
        var expected: [[Float]] = Array(repeating: [], count: 7)
        for b in 0..<batch {
            let x = input[(b * 72)..<(b * 72 + 72)]
            // transpose [2, 0, 1] then reshape [6, 12] (the same order).
            expected[0] += Self.indices([6, 4, 3]).map { i in Self.at(x, shape, [i[1], i[2], i[0]]) }
            // slice: axis 0 from 3 down to 0, axis 1 {0, 2}, axis 2 {5, 3, 1}.
            expected[1] += Self.indices([4, 2, 3]).map { i in Self.at(x, shape, [3 - i[0], 2 * i[1], 5 - 2 * i[2]]) }
            // channel shuffle of 2 groups of 2: output channel j * 2 + g is input channel g * 2 + j.
            expected[2] += Self.indices(shape).map { i in Self.at(x, shape, [(i[0] % 2) * 2 + i[0] / 2, i[1], i[2]]) }
            // CRD: out[c, h * 2 + i, w * 2 + j] = x[c * 4 + i * 2 + j, h, w].
            expected[3] += Self.indices([1, 6, 12]).map { o in
                Self.at(x, shape, [o[0] * 4 + (o[1] % 2) * 2 + o[2] % 2, o[1] / 2, o[2] / 2])
            }
            // space_to_depth: out[(i * 3 + j) * 4 + c, h, w] = x[c, h * 3 + i, w * 3 + j].
            expected[4] += Self.indices([36, 1, 2]).map { o in
                let c = o[0] % 4
                let i = (o[0] / 4) / 3
                let j = (o[0] / 4) % 3
                return Self.at(x, shape, [c, o[1] * 3 + i, o[2] * 3 + j])
            }
            // unsqueeze, squeeze, flatten from axis -2 (1): [4, 18], the same order.
            expected[5] += Array(x)
            // the last axis from 2 on.
            expected[6] += Self.indices([4, 3, 4]).map { i in Self.at(x, shape, [i[0], i[1], i[2] + 2]) }
        }
        let shapes = model.library.outputs.map(\.shape)
        #expect(shapes == [[6, 12], [4, 2, 3], [4, 3, 6], [1, 6, 12], [36, 1, 2], [4, 18], [4, 3, 4]])
        for k in expected.indices {
            #expect(out[k] == expected[k], "output \(k)")
        }
    }

    /// Errors name the file and the layer, and say what was expected.
    @Test(arguments: [
        (
            #"{"name": "m", "op": "transpose", "input": "x", "perm": [0, 0, 1]}"#,
            "expected perm to be a permutation of the 3 per-sample axes 0..<3 (input [3, 4, 5]), got [0, 0, 1]"
        ),
        (#"{"name": "m", "op": "transpose", "input": "x"}"#, "missing required field 'perm'"),
        (
            #"{"name": "m", "op": "reshape", "input": "x", "shape": [7, 9]}"#,
            "expected a shape of 60 elements per sample (the input is [3, 4, 5]), got [7, 9]"
        ),
        (#"{"name": "m", "op": "reshape", "input": "x", "shape": [-1, -1]}"#, "expected at most one -1 in the shape"),
        (
            #"{"name": "m", "op": "reshape", "input": "x", "shape": [0, 0, 0, 0]}"#,
            "expected a 0 only where the input [3, 4, 5] has a size to copy, got one at position 3"
        ),
        (
            #"{"name": "m", "op": "slice", "input": "x", "starts": [0], "ends": [2], "steps": [0]}"#,
            "expected non-zero slice steps, got 0 on axis 0"
        ),
        (
            #"{"name": "m", "op": "slice", "input": "x", "starts": [3], "ends": [1]}"#,
            "expected a non-empty slice, got 0 elements on axis 0 of size 3"
        ),
        (
            #"{"name": "m", "op": "slice", "input": "x", "starts": [0, 1], "ends": [2]}"#,
            "expected ends with one entry per start (2), got 1"
        ),
        (#"{"name": "m", "op": "slice", "input": "x", "starts": [0], "ends": [2], "axes": [3]}"#, "expected axes in -3..<3, got 3"),
        (
            #"{"name": "m", "op": "channel_shuffle", "input": "x", "groups": 2}"#,
            "expected channels divisible by groups (2) for channel_shuffle, got [3, 4, 5]"
        ),
        (
            #"{"name": "m", "op": "depth_to_space", "input": "x", "block": 2}"#,
            "expected an input [C, H, W] with C divisible by blocksize^2 (4) for depth_to_space, got [3, 4, 5]"
        ),
        (
            #"{"name": "m", "op": "depth_to_space", "input": "y", "block": 1, "mode": "RCD"}"#,
            "expected mode \"DCR\" or \"CRD\", got \"RCD\""
        ),
        (
            #"{"name": "m", "op": "space_to_depth", "input": "x", "block": 2}"#,
            "expected an input [C, H, W] with H and W divisible by blocksize (2) for space_to_depth, got [3, 4, 5]"
        ),
        (
            #"{"name": "m", "op": "space_to_depth", "input": "y", "block": 1, "mode": "DRC"}"#,
            "expected mode \"DCR\" or \"CRD\", got \"DRC\""
        ),
        (#"{"name": "m", "op": "squeeze", "input": "x", "axes": [1]}"#, "expected axes of size 1 to squeeze, got axis 1 of size 4"),
        (#"{"name": "m", "op": "squeeze", "input": "y"}"#, "expected at least one per-sample axis to remain after squeeze"),
        (#"{"name": "m", "op": "unsqueeze", "input": "x", "axes": [1, 1]}"#, "expected distinct axes, got [1, 1]"),
        (#"{"name": "m", "op": "flatten", "input": "x", "axis": 3}"#, "expected an axis in -3..<3 for input [3, 4, 5], got 3"),
    ])
    func errorsNameTheLayer(_ layer: String, _ message: String) {
        DescriptionChecks.expectLayerError(
            layer, message, inputs: #"[{"name": "x", "shape": [3, 4, 5]}, {"name": "y", "shape": [1, 1, 1]}]"#)
    }

    /// The writer puts every field back: read, write, read again gives the same graph
    /// (squeeze, unsqueeze and flatten with an axis come back as the reshapes they are).
    @Test func writerRoundTrips() throws {
        let text = try DescriptionChecks.expectWriterRoundTrips(Self.net)
        #expect(text.contains(#""op": "reshape", "input": "x", "shape": [1, 4, 3, 6, 1]"#), "\(text)")
        #expect(text.contains(#""steps": [-1, 2, -2]"#), "\(text)")
        #expect(text.contains(#""axes": [2]"#), "\(text)")
    }

    /// Reshape, transpose, reshape of a channel shuffle in a description becomes one channel_shuffle.
    @Test func describedShuffleFuses() throws {
        let dir = TemporaryDirectory()
        let path = dir.write(
            "net.json",
            #"""
            {"version": 1, "name": "sh", "inputs": [{"name": "x", "shape": [6, 2, 5]}],
             "layers": [
              {"name": "a", "op": "reshape", "shape": [3, 2, 10]},
              {"name": "b", "op": "transpose", "perm": [1, 0, 2]},
              {"name": "c", "op": "reshape", "shape": [6, 2, 5]}
             ]}
            """#)
        let planned = try Compiler.plan(try NetworkReader.read(path: path)).graph
        #expect(planned.nodes.map(\.op) == [.input(index: 0), .movement(.channelShuffle(groups: 3))])
        let model = try CompiledModel(net: path)
        let x = (0..<60).map(Float.init)
        let out = try model.run([x], batch: 1)[0]
        // Output channel j * 3 + i is input channel i * 2 + j.
        var expected: [Float] = []
        for c in 0..<6 {
            let source: Int = (c % 3) * 2 + c / 3
            for i in 0..<10 { expected.append(x[source * 10 + i]) }
        }
        #expect(out == expected)
    }

    /// A reshape shares its input's arena storage; the input stays live while the reshape is read.
    @Test func reshapeAliasesKeepTheirInputAlive() throws {
        let dir = TemporaryDirectory()
        let path = dir.write(
            "net.json",
            #"""
            {"version": 1, "name": "al", "inputs": [{"name": "x", "shape": [4, 3, 6]}],
             "layers": [
              {"name": "a", "op": "relu"},
              {"name": "r", "op": "reshape", "shape": [12, 6]},
              {"name": "b", "op": "sigmoid", "input": "x"},
              {"name": "c", "op": "reshape", "shape": [12, 6]},
              {"name": "d", "op": "tanh", "input": "x"},
              {"name": "s", "op": "add", "inputs": ["r", "c"]},
              {"name": "t", "op": "transpose", "input": "d", "perm": [2, 0, 1]},
              {"name": "u", "op": "reshape", "shape": [12, 6]},
              {"name": "v", "op": "add", "inputs": ["s", "u"]}
             ]}
            """#)
        let planned = try Compiler.plan(try NetworkReader.read(path: path))
        let ids = Dictionary(uniqueKeysWithValues: planned.graph.nodes.map { ($0.name, $0.id) })
        #expect(planned.memory.storage[ids["r"]!] == planned.memory.storage[ids["a"]!])
        #expect(planned.memory.storage[ids["u"]!] == planned.memory.storage[ids["t"]!])
        let model = try CompiledModel(net: path)
        let x = (0..<144).map { Float($0 % 37) * 0.125 - 2 }
        let out = try model.run([x], batch: 2)[0]
        var expected: [Float] = []
        for b in 0..<2 {
            let s = Array(x[(b * 72)..<(b * 72 + 72)])
            // t = transpose of tanh(x) by [2, 0, 1]: t[w, c, h] = tanh(x[c, h, w]), read flat.
            var t: [Float] = []
            for w in 0..<6 { for c in 0..<4 { for h in 0..<3 { t.append(tanhf(s[(c * 3 + h) * 6 + w])) } } }
            for i in 0..<72 { expected.append(max(s[i], 0) + 1 / (1 + expf(-s[i])) + t[i]) }
        }
        #expect(zip(out, expected).allSatisfy { abs($0 - $1) <= 1e-5 + 1e-5 * abs($1) })
    }
}
