import CNNTestSupport
import Foundation
import SwiftProtobuf
import Testing

@testable import CNNONNX

/// Hostile integers in an ONNX model are errors, never traps (issue 15, item 3: the fuzzer's
/// exit-132 crashes were `abs(Int64.min)` and unchecked products of dimensions).
@Suite struct ONNXOverflowTests {
    static let int64Min = Int64.min

    func node(_ op: String, _ inputs: [String], _ outputs: [String] = ["y"], attributes: [Onnx_AttributeProto] = []) -> Onnx_NodeProto {
        var n = Onnx_NodeProto()
        n.opType = op
        n.name = op.lowercased()
        n.input = inputs
        n.output = outputs
        n.attribute = attributes
        return n
    }

    func int(_ name: String, _ value: Int64) -> Onnx_AttributeProto {
        var a = Onnx_AttributeProto()
        a.name = name
        a.type = .int
        a.i = value
        return a
    }

    func ints(_ name: String, _ values: [Int64]) -> Onnx_AttributeProto {
        var a = Onnx_AttributeProto()
        a.name = name
        a.type = .ints
        a.ints = values
        return a
    }

    func tensor(_ name: String, dims: [Int64], floats: [Float]? = nil, int64s: [Int64]? = nil) -> Onnx_TensorProto {
        var t = Onnx_TensorProto()
        t.name = name
        t.dims = dims
        if let int64s {
            t.dataType = 7
            t.int64Data = int64s
        } else {
            t.dataType = 1
            t.floatData = floats ?? []
        }
        return t
    }

    /// Imports a one-input (`x`, shape `input`) model with `nodes` and `initializers`; the error text or nil.
    func importError(_ nodes: [Onnx_NodeProto], _ initializers: [Onnx_TensorProto] = [], input: [Int64] = [1, 2, 4, 4]) throws -> String? {
        let model = oneInputModel(nodes, initializers, input: input)
        let dir = TemporaryDirectory()
        let path = dir.path("model.onnx")
        try model.serializedData().write(to: URL(fileURLWithPath: path))
        do {
            _ = try ONNXImporter.load(path: path)
            return nil
        } catch {
            return "\(error)"
        }
    }

    func expectError(_ message: String?, _ parts: String..., sourceLocation: SourceLocation = #_sourceLocation) {
        for part in parts {
            #expect(message?.contains(part) == true, "\(message ?? "accepted")", sourceLocation: sourceLocation)
        }
    }

    var weight: Onnx_TensorProto { tensor("W", dims: [2, 2, 1, 1], floats: [1, 0, 0, 1]) }

    @Test func theBaseModelImports() throws {
        #expect(try importError([node("Conv", ["x", "W"])], [weight]) == nil)
    }

    /// NaN or infinite learned parameters are refused, naming the node and the element (as in
    /// descriptions and safetensors files); an infinite constant of an elementwise op is not.
    @Test func nonFiniteParametersAreErrors() throws {
        expectError(
            try importError([node("Conv", ["x", "W"])], [tensor("W", dims: [2, 2, 1, 1], floats: [1, 0, .nan, 1])]),
            "model.onnx: node 0 'conv' (Conv): expected finite float32 numbers in parameter weight, got nan at index [1, 0, 0, 0]")
        expectError(
            try importError([node("Conv", ["x", "W", "B"])], [weight, tensor("B", dims: [2], floats: [0, .infinity])]),
            "(Conv): expected finite float32 numbers in parameter bias, got inf at index [1]")
        let bn = ["scale", "bias", "mean", "var"].enumerated().map { i, name in
            tensor(name, dims: [2], floats: i == 3 ? [1, -.infinity] : [1, 1])
        }
        expectError(
            try importError([node("BatchNormalization", ["x", "scale", "bias", "mean", "var"])], bn),
            "(BatchNormalization): expected finite float32 numbers in parameter running_var, got -inf at index [1]")
        expectError(
            try importError([node("PRelu", ["x", "slope"])], [tensor("slope", dims: [2, 1, 1], floats: [0.25, .nan])]),
            "(PRelu): expected finite float32 numbers in parameter slope")
        #expect(try importError([node("Max", ["x", "low"])], [tensor("low", dims: [1], floats: [-.infinity])]) == nil)
    }

    @Test func int64MinAttributesAreErrors() throws {
        expectError(
            try importError([node("Conv", ["x", "W"], attributes: [int("group", Self.int64Min)])], [weight]),
            "model.onnx: node 0 'conv' (Conv): expected attribute 'group' in -2^40...2^40, got -9223372036854775808")
        expectError(
            try importError([node("Conv", ["x", "W"], attributes: [ints("strides", [Self.int64Min, 1])])], [weight]),
            "node 0 'conv' (Conv): expected attribute 'strides' values in -2^40...2^40")
        expectError(
            try importError([node("Softmax", ["x"], attributes: [int("axis", Self.int64Min)])]), "(Softmax): expected attribute 'axis'")
        expectError(
            try importError([node("Concat", ["x", "x"], attributes: [int("axis", Self.int64Min)])]), "(Concat): expected attribute 'axis'")
    }

    @Test func initializerDimensionsWhoseProductOverflowsAreErrors() throws {
        let huge = tensor("W", dims: [2, 1 << 40, 1 << 40, 1])
        expectError(
            try importError([node("Conv", ["x", "W"])], [huge]),
            "node 0 'conv' (Conv): expected the weight W 'W' to have non-negative dimensions and at most 2^40 elements")
        // An empty tensor whose other dimensions still overflow any partial product.
        let empty = tensor("W", dims: [0, 1 << 40, 1 << 40, 1])
        expectError(try importError([node("Conv", ["x", "W"])], [empty]), "expected the weight W 'W' to have non-negative dimensions")
        let decoded = tensor("B", dims: [0, 1 << 40, 1 << 40])
        expectError(
            try importError([node("Add", ["x", "B"])], [decoded]), "initializer 'B': expected at most 2^40 elements (zero dimensions aside)"
        )
    }

    @Test func inputDimensionsWhoseProductOverflowsAreErrors() throws {
        expectError(
            try importError([node("Relu", ["x"])], input: [1, 1 << 31, 1 << 31, 1 << 31]),
            "model.onnx: input 'x': expected at most 2^40 elements per sample, got shape [2147483648, 2147483648, 2147483648]")
    }

    @Test func reshapeTargetsWhoseProductOverflowsAreErrors() throws {
        let target = tensor("s", dims: [3], int64s: [0, 1 << 40, 1 << 40])
        expectError(
            try importError([node("Reshape", ["x", "s"])], [target]), "node 0 'reshape' (Reshape): cannot reshape 32 values per sample")
        let inferred = tensor("s", dims: [3], int64s: [-1, 1 << 40, 1 << 40])
        expectError(try importError([node("Reshape", ["x", "s"])], [inferred]), "(Reshape): unsupported shape")
        // Folded on a constant.
        let c = tensor("c", dims: [4], floats: [1, 2, 3, 4])
        let constantTarget = tensor("t", dims: [3], int64s: [-1, 1 << 40, 1 << 40])
        expectError(
            try importError([node("Reshape", ["c", "t"], ["r"]), node("Relu", ["x"], ["y"])], [c, constantTarget]),
            "cannot reshape 4 values")
        let overflowing = tensor("t", dims: [3], int64s: [1 << 40, 1 << 40, 4])
        expectError(
            try importError([node("Reshape", ["c", "t"], ["r"]), node("Relu", ["x"], ["y"])], [c, overflowing]),
            "cannot reshape a constant of shape [4]")
    }

    @Test func sliceStepsNearTheLimitsFoldWithoutOverflow() throws {
        let c = tensor("c", dims: [4], floats: [1, 2, 3, 4])
        let starts = tensor("st", dims: [1], int64s: [1])
        let ends = tensor("en", dims: [1], int64s: [Int64.max])
        let axes = tensor("ax", dims: [1], int64s: [0])
        let steps = tensor("sp", dims: [1], int64s: [Int64.max])
        #expect(
            try importError(
                [node("Slice", ["c", "st", "en", "ax", "sp"], ["r"]), node("Relu", ["x"], ["y"])], [c, starts, ends, axes, steps]) == nil)
        let back = tensor("sp", dims: [1], int64s: [Int64.min])
        let from = tensor("st", dims: [1], int64s: [-1])
        let to = tensor("en", dims: [1], int64s: [Int64.min])
        #expect(
            try importError([node("Slice", ["c", "st", "en", "ax", "sp"], ["r"]), node("Relu", ["x"], ["y"])], [c, from, to, axes, back])
                == nil)
    }

    /// Sizes computed from model-given strides and scales: a ConvTranspose of stride 2^40 and a
    /// Resize by 2^20 trapped (the first in the importer, the second when counting elements).
    @Test func outputSizesThatOverflowAreErrors() throws {
        let w = tensor("W", dims: [1, 1, 1], floats: [1])
        expectError(
            try importError(
                [node("ConvTranspose", ["x", "W"], attributes: [ints("strides", [1 << 40])])], [w], input: [1, 1, (1 << 23) + 1]),
            "node 0 'convtranspose' (ConvTranspose): expected an output of at most 2^40 elements along spatial dimension 0, got stride 1099511627776"
        )
        let scales = tensor("s", dims: [4], floats: [1, 1, 1_048_576, 1_048_576])
        expectError(
            try importError(
                [node("Resize", ["x", "", "s"], attributes: [string("mode", "nearest")])], [scales], input: [1, 1, 1 << 20, 1 << 20]),
            "node 0 'resize' (Resize): expected an output of at most 2^40 elements per sample, got shape [1, 1099511627776, 1099511627776]")
        let pads = tensor("p", dims: [6], int64s: [0, 0, 1 << 40, 0, 0, 1 << 40])
        expectError(
            try importError([node("Pad", ["x", "p"])], [pads], input: [1, 1, 1 << 20]),
            "(Pad): expected an output of at most 2^40 elements per sample")
    }

    func string(_ name: String, _ value: String) -> Onnx_AttributeProto {
        var a = Onnx_AttributeProto()
        a.name = name
        a.type = .string
        a.s = Data(value.utf8)
        return a
    }
}
