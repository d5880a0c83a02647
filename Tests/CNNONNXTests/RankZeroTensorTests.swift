import CNNTestSupport
import Foundation
import SwiftProtobuf
import Testing

@testable import CNNONNX

/// A rank-0 (scalar) graph input with a scalar constant: the ONNX fuzzer's find of 2026-12-05
/// (`Add(c, x0)`, both scalars, opset 21) trapped on an index out of range, because a tensor and
/// a constant that fits it became a per-channel `bias` and PRelu a per-channel `prelu`, and a
/// rank-0 tensor has no channel axis. Both now take the general elementwise forms. The expected
/// values are the ops' arithmetic on the one input value, worked out here.
@Suite struct RankZeroTensorTests {
    static let x: Float = -3.5

    /// The model `y = op(inputs...)` over the scalar input `x` and the scalar constant `c`.
    func model(_ op: String, _ inputs: [String], c: Float) throws -> String {
        var node = Onnx_NodeProto()
        node.opType = op
        node.name = op.lowercased()
        node.input = inputs
        node.output = ["y"]
        var constant = Onnx_TensorProto()
        constant.name = "c"
        constant.dataType = 1
        constant.floatData = [c]
        let model = oneInputModel([node], [constant], input: [], opset: 21, irVersion: 10, name: "scalar")
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("cnnc-rank0-\(UUID().uuidString).onnx").path
        try model.serializedData().write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test(
        arguments: [
            ("Add", ["c", "x"], 1.25, 1.25 + x), ("Add", ["x", "c"], 1.25, x + 1.25), ("Sub", ["c", "x"], 1.25, 1.25 - x),
            ("Mul", ["x", "c"], 2, 2 * x), ("PRelu", ["x", "c"], 0.5, 0.5 * x), ("PRelu", ["x", "c"], -2, -2 * x),
        ] as [(String, [String], Float, Float)])
    func aScalarInputWithAScalarConstantCompilesAndComputes(_ op: String, _ inputs: [String], _ c: Float, _ expected: Float) throws {
        let path = try model(op, inputs, c: c)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let compiled = try CompiledModel(net: path)
        let output = try compiled.run([[Self.x]], batch: 1)
        #expect(output == [[expected]], "\(op)(\(inputs.joined(separator: ", "))) with c = \(c)")
    }
}
