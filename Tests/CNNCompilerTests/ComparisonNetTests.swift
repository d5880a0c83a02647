import CNNCompiler
import CNNFrontend
import CNNIR
import CNNTestSupport
import Foundation
import Testing

/// The net.json forms of the comparisons, the logical ops and `where`, against values computed
/// here from docs/net-format.md's definitions (NaN and infinities included), their errors, and
/// the writer's round trip.
@Suite struct ComparisonNetTests {
    static let net = #"""
        {"version": 1, "name": "cmp", "inputs": [{"name": "x", "shape": [2, 3]}, {"name": "y", "shape": [1, 3]}],
         "layers": [
          {"name": "lt", "op": "less", "inputs": ["x", "y"]},
          {"name": "le", "op": "less_equal", "inputs": ["x", "y"]},
          {"name": "gt", "op": "greater", "input": "x", "constant": [1], "params": {"constant": [0.0]}},
          {"name": "ge", "op": "greater_equal", "input": "x", "constant": [2, 1], "constant_first": true, "params": {"constant": [[1.0], [-1.0]]}},
          {"name": "eq", "op": "equal", "inputs": ["x", "y"]},
          {"name": "a", "op": "and", "inputs": ["lt", "gt"]},
          {"name": "o", "op": "or", "inputs": ["lt", "gt"]},
          {"name": "xo", "op": "xor", "inputs": ["le", "ge"]},
          {"name": "w", "op": "where", "inputs": ["lt", "x", "y"]},
          {"name": "wc", "op": "where", "inputs": ["gt", "x"], "constant_y": [3], "params": {"y": [7.0, 8.0, 9.0]}},
          {"name": "wk", "op": "where", "input": "y", "constant_condition": [2, 1], "constant_x": [1], "params": {"condition": [[1.0], [0.0]], "x": [-5.0]}}
         ],
         "outputs": ["lt", "le", "gt", "ge", "eq", "a", "o", "xo", "w", "wc", "wk"]}
        """#

    @Test func computeTheirDefinitions() throws {
        let dir = TemporaryDirectory()
        let model = try CompiledModel(net: dir.write("net.json", Self.net))
        let x: [Float] = [0.5, -1, .nan, 2, .infinity, -.infinity]
        let y: [Float] = [0.5, 0, 1]
        let out = try model.run([x, y], batch: 1)
        func mask(_ b: Bool) -> Float { b ? 1 : 0 }
        let lt = (0..<6).map { mask(x[$0] < y[$0 % 3]) }
        let le = (0..<6).map { mask(x[$0] <= y[$0 % 3]) }
        let gt = (0..<6).map { mask(x[$0] > 0) }
        let ge = (0..<6).map { mask(($0 < 3 ? 1 : -1) >= x[$0]) }
        let eq = (0..<6).map { mask(x[$0] == y[$0 % 3]) }
        let expected: [[Float]] = [
            lt, le, gt, ge, eq,
            (0..<6).map { mask(lt[$0] != 0 && gt[$0] != 0) },
            (0..<6).map { mask(lt[$0] != 0 || gt[$0] != 0) },
            (0..<6).map { mask((le[$0] != 0) != (ge[$0] != 0)) },
            (0..<6).map { lt[$0] != 0 ? x[$0] : y[$0 % 3] },
            (0..<6).map { gt[$0] != 0 ? x[$0] : [7, 8, 9][$0 % 3] },
            (0..<6).map { $0 < 3 ? -5 : y[$0 % 3] },
        ]
        for (k, e) in expected.enumerated() {
            // Bit-exact: every one of these selects or compares, nothing rounds.
            #expect(out[k].map(\.bitPattern) == e.map(\.bitPattern), "output \(k): \(out[k]) vs \(e)")
        }
        // Less(NaN, 0.5) is false and Where then picks y; x's NaN is kept where the condition holds.
        #expect(lt[2] == 0 && out[8][2] == 1)
    }

    /// Errors name the file and the layer, and say what was expected.
    @Test(arguments: [
        (
            #"{"name": "m", "op": "less", "inputs": ["x", "y"]}"#,
            "expected shapes that broadcast (equal sizes or 1, aligned at the last dimension) for less, got [3, 4, 5] and [2, 1, 1]"
        ),
        (
            #"{"name": "m", "op": "where", "inputs": ["x", "y", "x"]}"#,
            "expected shapes that broadcast (equal sizes or 1, aligned at the last dimension) for where, got [3, 4, 5] and [2, 1, 1]"
        ),
        (
            #"{"name": "m", "op": "where", "inputs": ["x", "x"]}"#,
            "expected 3 inputs for where (condition, x and y, less the 0 given as constants), got 2"
        ),
        (
            #"{"name": "m", "op": "where", "inputs": ["x", "x", "x"], "constant_y": [1], "params": {"y": [0]}}"#,
            "expected 2 inputs for where (condition, x and y, less the 1 given as constants), got 3"
        ),
        (
            #"{"name": "m", "op": "where", "input": "x", "constant_x": [1], "constant_y": [1], "constant_condition": [1]}"#,
            "expected at least one operand of where to be an input, got three constants"
        ),
        (
            #"{"name": "m", "op": "where", "inputs": ["x", "x"], "constant_y": 3}"#,
            "expected the constant's shape as a non-empty list of integers"
        ),
        (
            #"{"name": "m", "op": "where", "inputs": ["x", "x"], "constant_y": [4, 1, 1], "params": {"y": [[[1]], [[2]], [[3]], [[4]]]}}"#,
            "got [3, 4, 5] and [4, 1, 1]"
        ),
        (
            #"{"name": "m", "op": "where", "inputs": ["x", "x"], "constant_y": [3, 1, 1], "params": {"y": [1, 2]}}"#,
            "parameter 'm.y' has the wrong shape: expected [3, 1, 1], got [2]"
        ),
        (#"{"name": "m", "op": "where", "inputs": ["x", "x"], "constant": [1]}"#, "constant"),
    ])
    func errorsNameTheLayer(_ layer: String, _ message: String) {
        DescriptionChecks.expectLayerError(
            layer, message, inputs: #"[{"name": "x", "shape": [3, 4, 5]}, {"name": "y", "shape": [2, 1, 1]}]"#)
    }

    /// The writer puts every field back (`cnnc import` writes these ops with it).
    @Test func writerRoundTrips() throws {
        let text = try DescriptionChecks.expectWriterRoundTrips(Self.net)
        #expect(
            text.contains(#""op": "where""#) && text.contains(#""constant_condition": [2, 1]"#) && text.contains(#""op": "less_equal""#))
    }
}
