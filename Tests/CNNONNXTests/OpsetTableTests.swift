import CNNIR
import CNNTestSupport
import Foundation
import SwiftProtobuf
import Testing

@testable import CNNONNX

/// Every opset from 11 to the newest the onnx package defines (issue 14, item 7): the importer
/// reads a new opset only once every change of every op it handles is reviewed.
///
/// Tests/Goldens/onnx-opsets/history.json is written from the onnx package's schemas by
/// scripts/onnx/make_opset_table.py (onnx 1.23.2: opsets up to 28). A change of kind "types"
/// (only new element types) leaves float32 semantics alone; every other change must have a
/// verdict in `OpsetReview`, and every verdict must name a real change.
@Suite struct OpsetTableTests {
    struct Change: Sendable {
        var op: String
        var since: Int
        var kind: String
        var what: String
    }

    static let history: (newest: Int, ops: [String: [Change]]) = {
        let path = TestPaths.repo("Tests/Goldens/onnx-opsets/history.json")
        guard let data = FileManager.default.contents(atPath: path),
            let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
            let ops = object["ops"] as? [String: [String: Any]]
        else { return (0, [:]) }
        var table: [String: [Change]] = [:]
        for (op, entry) in ops {
            table[op] = (entry["changes"] as? [[String: Any]] ?? []).map {
                Change(op: op, since: ($0["since"] as! NSNumber).intValue, kind: $0["kind"] as! String, what: $0["what"] as! String)
            }
        }
        return ((object["newest"] as? NSNumber)?.intValue ?? 0, table)
    }()

    @Test func theImporterReadsEveryOpsetUpToTheNewest() {
        #expect(Self.history.newest >= 28, "history.json is missing or old")
        #expect(ONNXImporter.supportedOpsets == 11...Self.history.newest)
    }

    @Test func everyHandledOpIsAnONNXOp() {
        for op in ONNXImporter.supportedOps {
            #expect(Self.history.ops[op] != nil, "\(op) is not an op of the default domain in onnx's schemas")
        }
    }

    @Test func everyChangeOfAHandledOpIsReviewed() {
        var reviewed = 0
        for op in ONNXImporter.supportedOps {
            for change in Self.history.ops[op] ?? [] where change.kind != "types" {
                #expect(
                    OpsetReview.changes[op]?[change.since] != nil,
                    "\(op) changed at opset \(change.since) (\(change.kind): \(change.what)): add a verdict to OpsetReview")
                reviewed += 1
            }
        }
        #expect(reviewed >= 20)
    }

    @Test func everyVerdictNamesARealChange() {
        for (op, versions) in OpsetReview.changes {
            #expect(ONNXImporter.supportedOps.contains(op), "\(op) has verdicts but no handler")
            for since in versions.keys {
                let change = Self.history.ops[op]?.first { $0.since == since }
                #expect(change != nil && change?.kind != "types", "\(op) at \(since): no such change (or types only) in history.json")
            }
        }
    }

    /// Conv + Relu + Sigmoid at every opset: read from 11 to the newest, refused outside.
    @Test(arguments: [10, 11, 13, 18, 21, 22, 23, 24, 25, 26, 27, 28, 29])
    func aSmallModelAtEachOpset(_ opset: Int) throws {
        var model = Onnx_ModelProto()
        model.irVersion = 10
        var set = Onnx_OperatorSetIdProto()
        set.version = Int64(opset)
        model.opsetImport = [set]
        var x = Onnx_ValueInfoProto()
        x.name = "x"
        var type = Onnx_TypeProto.Tensor()
        type.elemType = 1
        type.shape.dim = ([1, 2, 3, 3] as [Int64]).map { v in
            var d = Onnx_TensorShapeProto.Dimension()
            d.value = .dimValue(v)
            return d
        }
        x.type.tensorType = type
        var y = Onnx_ValueInfoProto()
        y.name = "y"
        var w = Onnx_TensorProto()
        w.name = "W"
        w.dims = [2, 2, 1, 1]
        w.dataType = 1
        w.floatData = [1, 0, 0, 1]
        func node(_ op: String, _ input: [String], _ output: String) -> Onnx_NodeProto {
            var n = Onnx_NodeProto()
            n.opType = op
            n.name = op.lowercased()
            n.input = input
            n.output = [output]
            return n
        }
        model.graph.name = "g"
        model.graph.input = [x]
        model.graph.output = [y]
        model.graph.initializer = [w]
        model.graph.node = [node("Conv", ["x", "W"], "c"), node("Relu", ["c"], "r"), node("Sigmoid", ["r"], "y")]
        let dir = TemporaryDirectory()
        let path = dir.path("model.onnx")
        try model.serializedData().write(to: URL(fileURLWithPath: path))
        do {
            let graph = try ONNXImporter.load(path: path)
            #expect((11...28).contains(opset), "opset \(opset) was read")
            #expect(graph.nodes.count == 4)
        } catch let d as Diagnostic {
            #expect(!(11...28).contains(opset), "\(d)")
            #expect(
                d.description == "\(path): expected ONNX opset 11 to 28, got opset \(opset) (re-export with opset_version in that range)")
        }
    }

    /// A refused change refuses the op from its opset on, naming the change (none is refused today).
    @Test func aRefusedVerdictRefusesFromItsOpsetOn() {
        let table: [String: [Int: OpsetReview.Verdict]] = ["Conv": [22: .handled("types"), 24: .refused("a new attribute default")]]
        #expect(OpsetReview.refusal(op: "Conv", opset: 23, in: table) == nil)
        #expect(
            OpsetReview.refusal(op: "Conv", opset: 24, in: table)
                == "unsupported at opset 24 (the op's definition since opset 24): a new attribute default")
        #expect(OpsetReview.refusal(op: "Conv", opset: 28, in: table)?.hasPrefix("unsupported at opset 28") == true)
        #expect(OpsetReview.refusal(op: "Relu", opset: 28, in: table) == nil)
        for op in ONNXImporter.supportedOps {
            #expect(OpsetReview.refusal(op: op, opset: 28) == nil, "\(op)")
        }
    }
}
