import CNNTestSupport
import Foundation
import SwiftProtobuf
import Testing

@testable import CNNONNX

/// External data of an untrusted model: only regular files inside the model's own directory,
/// offsets and lengths within the file (docs/untrusted-models.md).
@Suite(.timeLimit(.minutes(1))) struct ExternalDataSafetyTests {
    /// A copy of the `external_data` golden in `<tmp>/model/`, with a 448-byte `<tmp>/secret.bin` beside the folder.
    final class Fixture {
        let root = TemporaryDirectory()
        var modelDirectory: String { root.path("model") }
        var model: String { modelDirectory + "/model.onnx" }
        var secret: String { root.path("secret.bin") }
        let proto: Onnx_ModelProto

        init() throws {
            let golden = TestPaths.repo("Tests/Goldens/onnx/external_data")
            try FileManager.default.createDirectory(atPath: root.path("model"), withIntermediateDirectories: true)
            try FileManager.default.copyItem(atPath: golden + "/weights.bin", toPath: root.path("model") + "/weights.bin")
            try Data(repeating: 0x41, count: 448).write(to: URL(fileURLWithPath: root.path("secret.bin")))
            proto = try Onnx_ModelProto(serializedBytes: try Data(contentsOf: URL(fileURLWithPath: golden + "/model.onnx")))
        }

        /// Writes the model with initializer `w`'s external data fields replaced by `fields`, and imports it.
        func importError(_ fields: [String: String]) throws -> String? {
            var model = proto
            let index = try #require(model.graph.initializer.firstIndex { $0.name == "w" })
            var entries = model.graph.initializer[index].externalData.filter { fields[$0.key] == nil }
            for (key, value) in fields.sorted(by: { $0.key < $1.key }) {
                var entry = Onnx_StringStringEntryProto()
                entry.key = key
                entry.value = value
                entries.append(entry)
            }
            model.graph.initializer[index].externalData = entries
            try model.serializedData().write(to: URL(fileURLWithPath: self.model))
            do {
                _ = try ONNXImporter.load(path: self.model)
                return nil
            } catch {
                return "\(error)"
            }
        }
    }

    func expectRefused(_ message: String?, _ location: String, _ why: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let prefix = "model.onnx: initializer 'w': external data location '\(location)'"
        #expect(message?.contains(prefix) == true, "\(message ?? "accepted")", sourceLocation: sourceLocation)
        #expect(message?.contains(why) == true, "\(message ?? "accepted")", sourceLocation: sourceLocation)
    }

    @Test func theGoldenLayoutStillImports() throws {
        let f = try Fixture()
        #expect(try f.importError([:]) == nil)
        // Inside the folder through a subdirectory, a '..' that stays inside, and an inner symbolic link.
        try FileManager.default.createDirectory(atPath: f.modelDirectory + "/sub", withIntermediateDirectories: true)
        #expect(try f.importError(["location": "sub/../weights.bin"]) == nil)
        try FileManager.default.createSymbolicLink(atPath: f.modelDirectory + "/sub/link.bin", withDestinationPath: "../weights.bin")
        #expect(try f.importError(["location": "sub/link.bin"]) == nil)
        #expect(try f.importError(["location": "./weights.bin"]) == nil)
    }

    @Test func absolutePathsAreRefused() throws {
        let f = try Fixture()
        expectRefused(try f.importError(["location": f.secret]), f.secret, "is an absolute path")
        expectRefused(try f.importError(["location": "/etc/passwd"]), "/etc/passwd", "is an absolute path")
    }

    @Test func dotDotEscapesAreRefused() throws {
        let f = try Fixture()
        expectRefused(try f.importError(["location": "../secret.bin"]), "../secret.bin", "leaves the model's directory")
        expectRefused(try f.importError(["location": "a/../../secret.bin"]), "a/../../secret.bin", "leaves the model's directory")
        // Even a file that does not exist outside is refused, not looked up.
        expectRefused(
            try f.importError(["location": "../../../../../../no-such-file"]), "../../../../../../no-such-file",
            "leaves the model's directory")
    }

    @Test func symbolicLinksPointingOutAreRefused() throws {
        let f = try Fixture()
        try FileManager.default.createSymbolicLink(atPath: f.modelDirectory + "/out.bin", withDestinationPath: f.secret)
        expectRefused(try f.importError(["location": "out.bin"]), "out.bin", "outside the model's directory")
        try FileManager.default.createSymbolicLink(atPath: f.modelDirectory + "/up", withDestinationPath: "..")
        expectRefused(try f.importError(["location": "up/secret.bin"]), "up/secret.bin", "outside the model's directory")
        try FileManager.default.createSymbolicLink(atPath: f.modelDirectory + "/zero.bin", withDestinationPath: "/dev/zero")
        expectRefused(try f.importError(["location": "zero.bin"]), "zero.bin", "outside the model's directory")
    }

    @Test func directoriesAndFIFOsAreRefusedWithoutBlocking() throws {
        let f = try Fixture()
        try FileManager.default.createDirectory(atPath: f.modelDirectory + "/dir.bin", withIntermediateDirectories: true)
        expectRefused(try f.importError(["location": "dir.bin"]), "dir.bin", "is a directory, not a regular file")
        #expect(mkfifo(f.modelDirectory + "/fifo.bin", 0o644) == 0)
        expectRefused(try f.importError(["location": "fifo.bin"]), "fifo.bin", "is a FIFO, not a regular file")
    }

    @Test func offsetsAndLengthsAreCheckedWithoutOverflow() throws {
        let f = try Fixture()
        let nearMax = "9223372036854775800"
        expectRefused(
            try f.importError(["offset": nearMax]), "weights.bin", "expected offset \(nearMax) + length 432 within the file's 448 bytes")
        expectRefused(try f.importError(["offset": "16", "length": nearMax]), "weights.bin", "within the file's 448 bytes")
        expectRefused(
            try f.importError(["offset": "17", "length": "432"]), "weights.bin",
            "expected offset 17 + length 432 within the file's 448 bytes")
        let tooLarge = try f.importError(["offset": "9223372036854775808"])
        #expect(tooLarge?.contains("expected external_data 'offset' to be a non-negative integer") == true, "\(tooLarge ?? "accepted")")
    }
}
