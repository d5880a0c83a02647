import CNNFrontend
import CNNIR
import CNNTestSupport
import Foundation
import SwiftProtobuf
import Testing

@testable import CNNONNX

/// With `--seeded-weights`, an ONNX initializer whose external file is missing is generated; its
/// size comes from the model's own dimensions, so a few bytes of model could ask for terabytes.
/// The weight limit refuses it before anything is generated (it was an allocation abort).
@Suite struct SeededLimitTests {
    @Test func aHugeSeededInitializerIsRefusedBeforeItIsMade() throws {
        let dir = TemporaryDirectory()
        var model = try Onnx_ModelProto(
            serializedBytes: try Data(contentsOf: URL(fileURLWithPath: TestPaths.repo("Tests/Goldens/onnx/external_data/model.onnx"))))
        let index = try #require(model.graph.initializer.firstIndex { $0.name == "w" })
        // 2^20 x 2^20 x 1 x 1 floats: 4 TiB, in a model of a few hundred bytes whose weights file is absent.
        model.graph.initializer[index].dims = [1 << 20, 1 << 20, 1, 1]
        let path = dir.path("model.onnx")
        try model.serializedData().write(to: URL(fileURLWithPath: path))
        do {
            _ = try ONNXImporter.load(path: path, seeded: SeededWeights(seed: 1))
            Issue.record("a 4 TiB seeded initializer was accepted")
        } catch let diagnostic as Diagnostic {
            #expect(diagnostic.description.contains("model.onnx"), "\(diagnostic)")
            #expect(
                diagnostic.description.contains(
                    "expected at most 17179869184 bytes of weights in all (--limit weight-bytes=N raises it), got 4398046511104 with parameter 'w'"
                ), "\(diagnostic)")
        }
        // A lower limit refuses the golden's own 432-byte weight too, naming it.
        var limits = Limits()
        limits.weightBytes = 100
        let golden = TestPaths.repo("Tests/Goldens/onnx/external_data")
        try FileManager.default.copyItem(atPath: golden + "/model.onnx", toPath: dir.path("small.onnx"))
        #expect(throws: Diagnostic.self) {
            try ONNXImporter.load(path: dir.path("small.onnx"), seeded: SeededWeights(seed: 1), limits: limits)
        }
    }
}
