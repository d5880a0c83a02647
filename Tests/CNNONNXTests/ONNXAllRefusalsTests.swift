import CNNIR
import CNNTestSupport
import Foundation
import SwiftProtobuf
import Testing

@testable import CNNONNX

/// One compile lists every unsupported node of an ONNX model (issue 14, item 7), each in the
/// usual `file: node K 'name' (Op): what` form, in graph order; a node that only reads the output
/// of a refused node is checked for its op and attributes, and not blamed for its missing input.
@Suite struct ONNXAllRefusalsTests {
    func node(
        _ op: String, _ name: String, _ inputs: [String], _ output: String, domain: String = "", attributes: [Onnx_AttributeProto] = []
    ) -> Onnx_NodeProto {
        var n = Onnx_NodeProto()
        n.opType = op
        n.name = name
        n.domain = domain
        n.input = inputs
        n.output = [output]
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

    func tensor(_ name: String, dims: [Int64], _ values: [Float]) -> Onnx_TensorProto {
        var t = Onnx_TensorProto()
        t.name = name
        t.dims = dims
        t.dataType = 1
        t.floatData = values
        return t
    }

    /// A model `x [1, 2, 4, 4] -> y` with `nodes`, written to `dir`.
    func write(_ nodes: [Onnx_NodeProto], in dir: TemporaryDirectory) throws -> String {
        let model = oneInputModel(
            nodes,
            [
                tensor("W", dims: [2, 2, 1, 1], [1, 0, 0, 1]),
                tensor("s", dims: [2], [1, 1]), tensor("b", dims: [2], [0, 0]),
                tensor("m", dims: [2], [0, 0]), tensor("v", dims: [2], [1, 1]),
            ], input: [1, 2, 4, 4])
        let path = dir.path("model.onnx")
        try model.serializedData().write(to: URL(fileURLWithPath: path))
        return path
    }

    /// Four problems of four kinds; Relu and the final Add read refused nodes' outputs and are not listed.
    var nodes: [Onnx_NodeProto] {
        [
            node("Conv", "conv", ["x", "W"], "c"),
            node("Hardmax", "hm", ["c"], "h"),
            node("Relu", "relu", ["h"], "r"),
            node("Conv", "conv2", ["r", "W"], "c2", attributes: [int("future_option", 1)]),
            node("BatchNormalization", "bn", ["c", "s", "b", "m", "v"], "n", attributes: [int("spatial", 0)]),
            node("Gelu2", "custom", ["c"], "g", domain: "com.example"),
            node("Add", "add", ["c2", "n"], "y"),
        ]
    }

    @Test func everyUnsupportedNodeIsListedInGraphOrder() throws {
        let dir = TemporaryDirectory()
        let path = try write(nodes, in: dir)
        let error: Diagnostic
        do {
            _ = try ONNXImporter.load(path: path)
            Issue.record("the model imported")
            return
        } catch let d as Diagnostic {
            error = d
        }
        #expect(error.lines.count == 4, "\(error)")
        let expected = [
            "\(path): node 1 'hm' (Hardmax): unsupported op Hardmax (supported ops: ",
            "\(path): node 3 'conv2' (Conv): unsupported attribute 'future_option' (supported attributes: auto_pad, dilations, group, kernel_shape, pads, strides)",
            "\(path): node 4 'bn' (BatchNormalization): unsupported spatial 0 (only 1)",
            "\(path): node 5 'custom' (Gelu2): unsupported operator domain 'com.example' (only the default ONNX domain is supported)",
        ]
        for (line, want) in zip(error.lines, expected) {
            #expect(line.hasPrefix(want), "\(line)")
        }
        #expect(!error.description.contains("'relu'") && !error.description.contains("'add'"), "\(error)")
    }

    /// A single problem reads exactly as before: one line.
    @Test func oneProblemIsOneLine() throws {
        let dir = TemporaryDirectory()
        let path = try write([node("Conv", "conv", ["x", "W"], "c"), node("Hardmax", "hm", ["c"], "y")], in: dir)
        do {
            _ = try ONNXImporter.load(path: path)
            Issue.record("the model imported")
        } catch let d as Diagnostic {
            #expect(d.lines.count == 1 && d.related.isEmpty, "\(d)")
            #expect(d.description.hasPrefix("\(path): node 1 'hm' (Hardmax): unsupported op Hardmax"), "\(d)")
        }
    }

    /// A node with no output (or an empty first one), such as a MatMul the fuzzer made, is
    /// refused with its place and what was expected, never indexed past its outputs.
    @Test(arguments: [[String](), [""]])
    func aNodeWithoutItsFirstOutputIsRefused(_ outputs: [String]) throws {
        let dir = TemporaryDirectory()
        var matMul = node("MatMul", "mm", ["x", "W"], "unused")
        matMul.output = outputs
        let path = try write([matMul, node("Relu", "relu", ["m"], "y")], in: dir)
        do {
            _ = try ONNXImporter.load(path: path)
            Issue.record("the model imported")
        } catch let d as Diagnostic {
            #expect(
                d.description.hasPrefix("\(path): node 0 'mm' (MatMul): expected an output (its first, which MatMul always has), got none"),
                "\(d)")
        }
    }

    /// The CLI prints one `error:` line per problem, exits 1 and writes nothing.
    @Test func theCLIPrintsOneErrorLinePerProblem() throws {
        let dir = TemporaryDirectory()
        let path = try write(nodes, in: dir)
        let library = dir.path("lib.so")
        let result = try runProcess(TestPaths.cnnc, ["compile", path, "-o", library])
        #expect(result.status == 1)
        let lines = result.stderr.split(separator: "\n")
        #expect(lines.count == 4, "\(result.stderr)")
        #expect(lines.allSatisfy { $0.hasPrefix("error: \(path): node ") }, "\(result.stderr)")
        #expect(
            lines.map { $0.contains("(Hardmax)") || $0.contains("(Conv)") || $0.contains("(BatchNormalization)") || $0.contains("(Gelu2)") }
                == [true, true, true, true])
        #expect(!FileManager.default.fileExists(atPath: library))
    }
}
