import CNNCompiler
import CNNFrontend
import CNNIR
import CNNTestSupport
import Foundation
import Testing

/// net.json's `matmul` (docs/net-format.md): two inputs, a constant B of rank 3, a constant
/// vector, a constant first operand; against products computed here in double precision with
/// NumPy's matmul rule; its errors, and the writer's round trip.
@Suite struct MatMulNetTests {
    static let wb: [Float] = (0..<24).map { Float($0 % 7) * 0.25 - 0.5 }  // [2, 4, 3]
    static let wv: [Float] = [0.5, -1, 2, 0.25]  // [4]
    static let wa: [Float] = [1, -0.5, 0.25, 2, 0, 1.5]  // [2, 3]
    static func nested(_ v: [Float], _ shape: [Int]) -> String {
        guard shape.count > 1 else { return "[" + v.map { "\($0)" }.joined(separator: ", ") + "]" }
        let n = v.count / shape[0]
        return "[" + (0..<shape[0]).map { nested(Array(v[($0 * n)..<($0 * n + n)]), Array(shape.dropFirst())) }.joined(separator: ", ")
            + "]"
    }
    static let net = """
        {"version": 1, "name": "mm", "inputs": [{"name": "x", "shape": [2, 3, 4]}, {"name": "y", "shape": [1, 4, 5]}],
         "layers": [
          {"name": "xy", "op": "matmul", "inputs": ["x", "y"]},
          {"name": "xw", "op": "matmul", "input": "x", "constant": [2, 4, 3], "params": {"constant": \(nested(wb, [2, 4, 3]))}},
          {"name": "xv", "op": "matmul", "input": "x", "constant": [4], "params": {"constant": \(nested(wv, [4]))}},
          {"name": "ax", "op": "matmul", "input": "xw", "constant": [2, 3], "constant_first": true, "params": {"constant": \(nested(wa, [2, 3]))}}
         ],
         "outputs": ["xy", "xv", "ax"]}
        """

    /// NumPy matmul of row-major `a` [batch..., M, K] by `b` [batch..., K, P] (equal batch shapes,
    /// or one of them without batch axes), in double precision.
    static func matmul(_ a: [Double], _ b: [Double], batchA: Int, batchB: Int, m: Int, k: Int, p: Int) -> [Double] {
        var out: [Double] = []
        for t in 0..<max(batchA, batchB) {
            let oa = (batchA == 1 ? 0 : t) * m * k
            let ob = (batchB == 1 ? 0 : t) * k * p
            for i in 0..<m { for j in 0..<p { out.append((0..<k).reduce(0) { $0 + a[oa + i * k + $1] * b[ob + $1 * p + j] }) } }
        }
        return out
    }

    @Test func productsFollowNumPy() throws {
        let dir = TemporaryDirectory()
        let model = try CompiledModel(net: dir.write("net.json", Self.net))
        let batch = 2
        let x: [Float] = (0..<(batch * 24)).map { Float(($0 * 37) % 19) * 0.125 - 1 }
        let y: [Float] = (0..<(batch * 20)).map { Float(($0 * 11) % 13) * 0.2 - 1.1 }
        let out = try model.run([x, y], batch: batch)
        var xy: [Float] = []
        var xv: [Float] = []
        var ax: [Float] = []
        for s in 0..<batch {
            let xs = x[(s * 24)..<(s * 24 + 24)].map(Double.init)
            let ys = y[(s * 20)..<(s * 20 + 20)].map(Double.init)
            xy += Self.matmul(xs, ys, batchA: 2, batchB: 1, m: 3, k: 4, p: 5).map(Float.init)
            let xw = Self.matmul(xs, Self.wb.map(Double.init), batchA: 2, batchB: 2, m: 3, k: 4, p: 3)
            xv += Self.matmul(xs, Self.wv.map(Double.init), batchA: 2, batchB: 1, m: 3, k: 4, p: 1).map(Float.init)
            ax += Self.matmul(Self.wa.map(Double.init), xw, batchA: 1, batchB: 2, m: 2, k: 3, p: 3).map(Float.init)
        }
        #expect(model.library.outputs.map(\.shape) == [[2, 3, 5], [2, 3], [2, 2, 3]])
        for (got, expected) in zip(out, [xy, xv, ax]) {
            #expect(got.count == expected.count)
            #expect(
                Mismatch.find(got, expected, atol: 1e-5, rtol: 1e-5) == nil,
                "\(String(describing: Mismatch.find(got, expected, atol: 1e-5, rtol: 1e-5)))")
        }
    }

    /// Two vectors give [1]; a vector A drops M.
    @Test func vectorsArePromotedThenDropped() throws {
        let dir = TemporaryDirectory()
        let model = try CompiledModel(
            net: dir.write(
                "net.json",
                #"""
                {"version": 1, "name": "v", "inputs": [{"name": "a", "shape": [3]}, {"name": "b", "shape": [3]}, {"name": "m", "shape": [2, 3, 2]}],
                 "layers": [{"name": "dot", "op": "matmul", "inputs": ["a", "b"]}, {"name": "vm", "op": "matmul", "inputs": ["a", "m"]}],
                 "outputs": ["dot", "vm"]}
                """#))
        let a: [Float] = [1, 2, -1]
        let b: [Float] = [0.5, 0.25, 4]
        let m: [Float] = [1, 2, 3, 4, 5, 6, -1, -2, -3, -4, -5, -6]
        let out = try model.run([a, b, m], batch: 1)
        #expect(model.library.outputs.map(\.shape) == [[1], [2, 2]])
        #expect(out[0] == [-3])
        let expected: [Float] = [2, 4, -2, -4]  // [1, 2, -1] @ [[1, 2], [3, 4], [5, 6]] and its negation
        #expect(out[1] == expected)
    }

    @Test(arguments: [
        (
            #"{"name": "m", "op": "matmul", "inputs": ["x", "y"]}"#,
            "expected the last dimension of A to equal the second to last dimension of B for matmul (K), got A [3, 4, 5] and B [2, 4, 6] (5 against 4)"
        ),
        (
            #"{"name": "m", "op": "matmul", "inputs": ["x", "z"]}"#,
            "expected shapes that broadcast (equal sizes or 1, aligned at the last dimension) for matmul (the batch dimensions before the last two), got [3] and [2]"
        ),
        (
            #"{"name": "m", "op": "matmul", "inputs": ["x", "big"]}"#,
            "expected operands of rank 1 to 5 for matmul, got [3, 4, 5] and [1, 1, 1, 1, 5, 2]"
        ),
        (#"{"name": "m", "op": "matmul", "input": "x"}"#, "expected 2 inputs for matmul (or 1 and a constant), got 1"),
        (#"{"name": "m", "op": "matmul", "inputs": ["x", "y"], "constant": [5, 2]}"#, "expected 1 input for matmul with a constant, got 2"),
        (#"{"name": "m", "op": "matmul", "inputs": ["x", "y"], "constant_first": true}"#, "expected constant_first only with a constant"),
        (
            #"{"name": "m", "op": "matmul", "input": "x", "constant": [5, 2], "params": {"constant": [1, 2]}}"#,
            "parameter 'm.constant' has the wrong shape: expected [5, 2], got [2]"
        ),
        (#"{"name": "m", "op": "matmul", "input": "x", "constant": []}"#, "expected the constant's shape as a non-empty list of integers"),
    ])
    func errorsNameTheLayer(_ layer: String, _ message: String) {
        DescriptionChecks.expectLayerError(
            layer, message,
            inputs:
                #"[{"name": "x", "shape": [3, 4, 5]}, {"name": "y", "shape": [2, 4, 6]}, {"name": "z", "shape": [2, 5, 6]}, {"name": "big", "shape": [1, 1, 1, 1, 5, 2]}]"#
        )
    }

    @Test func writerRoundTrips() throws {
        let text = try DescriptionChecks.expectWriterRoundTrips(Self.net)
        #expect(text.contains(#""op": "matmul", "inputs": ["x", "y"]"#), "\(text)")
        #expect(text.contains(#""constant": [2, 3], "constant_first": true"#), "\(text)")
    }
}
