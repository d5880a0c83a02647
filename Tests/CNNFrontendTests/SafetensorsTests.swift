import CNNFrontend
import CNNIR
import Foundation
import Testing

private func fixture(_ name: String) -> String {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/\(name)").path
}

private func temporaryDirectory() throws -> String {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("safetensors-tests-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

private func fileBytes(_ path: String) throws -> [UInt8] {
    [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
}

/// A safetensors file assembled by hand: length prefix (the real one unless overridden), header text, data.
private func handMade(header: String, data: [UInt8] = [], declaredLength: UInt64? = nil) -> [UInt8] {
    let headerBytes = Array(header.utf8)
    var file: [UInt8] = []
    withUnsafeBytes(of: (declaredLength ?? UInt64(headerBytes.count)).littleEndian) { file += $0 }
    return file + headerBytes + data
}

/// Writes `bytes` to a scratch file, opens it, and returns the diagnostic, or nil if it opened.
private func openError(_ bytes: [UInt8]) throws -> Diagnostic? {
    let directory = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let path = directory + "/model.safetensors"
    try Data(bytes).write(to: URL(fileURLWithPath: path))
    do {
        _ = try SafetensorsFile(contentsOf: path, displayName: "model.safetensors")
        return nil
    } catch let diagnostic as Diagnostic {
        #expect(diagnostic.location.file == "model.safetensors")
        return diagnostic
    }
}

/// A header entry and the message it must produce; the data buffer is 8 bytes.
struct SafetensorsEntryCase: Sendable, CustomTestStringConvertible {
    var header: String
    var message: String
    var testDescription: String { header }
}

private let entryErrors: [SafetensorsEntryCase] = [
    .init(header: #"{"a": 1}"#, message: "tensor 'a': expected an object with dtype, shape and data_offsets, got a number"),
    .init(header: #"{"a": {"shape": [2], "data_offsets": [0, 8]}}"#, message: "tensor 'a': expected a 'dtype' field, got none"),
    .init(
        header: #"{"a": {"dtype": 32, "shape": [2], "data_offsets": [0, 8]}}"#,
        message: "tensor 'a': expected dtype to be a string, got a number"),
    .init(header: #"{"a": {"dtype": "F32", "data_offsets": [0, 8]}}"#, message: "tensor 'a': expected a 'shape' field, got none"),
    .init(
        header: #"{"a": {"dtype": "F32", "shape": 2, "data_offsets": [0, 8]}}"#,
        message: "tensor 'a': expected shape to be an array of integers, got a number"),
    .init(
        header: #"{"a": {"dtype": "F32", "shape": [-2], "data_offsets": [0, 8]}}"#,
        message: "tensor 'a': expected shape to hold non-negative integers, got '-2'"),
    .init(
        header: #"{"a": {"dtype": "F32", "shape": [2.0], "data_offsets": [0, 8]}}"#,
        message: "tensor 'a': expected shape to hold non-negative integers, got '2.0'"),
    .init(
        header: #"{"a": {"dtype": "F32", "shape": ["2"], "data_offsets": [0, 8]}}"#,
        message: "tensor 'a': expected shape to hold non-negative integers, got a string"),
    .init(header: #"{"a": {"dtype": "F32", "shape": [2]}}"#, message: "tensor 'a': expected a 'data_offsets' field, got none"),
    .init(
        header: #"{"a": {"dtype": "F32", "shape": [2], "data_offsets": [0, 4, 8]}}"#,
        message: "tensor 'a': expected data_offsets to be [begin, end], got 3 numbers"),
    .init(
        header: #"{"a": {"dtype": "F32", "shape": [4], "data_offsets": [0, 16]}}"#,
        message: "tensor 'a': expected data_offsets within the 8-byte data buffer with begin <= end, got [0, 16]"),
    .init(
        header: #"{"a": {"dtype": "F32", "shape": [0], "data_offsets": [8, 4]}}"#,
        message: "tensor 'a': expected data_offsets within the 8-byte data buffer with begin <= end, got [8, 4]"),
    .init(
        header: #"{"a": {"dtype": "F32", "shape": [3], "data_offsets": [0, 8]}}"#,
        message: "tensor 'a': expected 12 bytes for dtype F32 and shape [3], got 8 (data_offsets [0, 8])"),
    .init(
        header: #"{"a": {"dtype": "F16", "shape": [3], "data_offsets": [0, 8]}}"#,
        message: "tensor 'a': expected 6 bytes for dtype F16 and shape [3], got 8 (data_offsets [0, 8])"),
    .init(
        header: #"{"a": {"dtype": "F32", "shape": [4294967296, 4294967296], "data_offsets": [0, 8]}}"#,
        message: "tensor 'a': expected a shape whose size fits in memory, got [4294967296, 4294967296]"),
    // Issue 15: overlapping and misaligned tensors were accepted.
    .init(
        header:
            #"{"a": {"dtype": "F32", "shape": [2], "data_offsets": [0, 8]}, "b": {"dtype": "F32", "shape": [1], "data_offsets": [4, 8]}}"#,
        message: "tensors 'a' and 'b': expected data_offsets that do not overlap, got [0, 8] and [4, 8]"),
    .init(
        header:
            #"{"w": {"dtype": "F32", "shape": [1], "data_offsets": [4, 8]}, "v": {"dtype": "F32", "shape": [1], "data_offsets": [4, 8]}}"#,
        message: "tensors 'v' and 'w': expected data_offsets that do not overlap, got [4, 8] and [4, 8]"),
    .init(
        header:
            #"{"a": {"dtype": "U8", "shape": [6], "data_offsets": [0, 6]}, "b": {"dtype": "U8", "shape": [3], "data_offsets": [5, 8]}}"#,
        message: "tensors 'a' and 'b': expected data_offsets that do not overlap, got [0, 6] and [5, 8]"),
    .init(
        header:
            #"{"a": {"dtype": "U8", "shape": [2], "data_offsets": [0, 2]}, "m": {"dtype": "F32", "shape": [1], "data_offsets": [2, 6]}}"#,
        message: "tensor 'm': expected data_offsets starting at a multiple of 4 bytes (the size of a F32 element), got [2, 6]"),
    .init(
        header: #"{"h": {"dtype": "F16", "shape": [1], "data_offsets": [3, 5]}}"#,
        message: "tensor 'h': expected data_offsets starting at a multiple of 2 bytes (the size of a F16 element), got [3, 5]"),
    .init(header: #"{"__metadata__": {"n": 1}}"#, message: "expected __metadata__ 'n' to be a string, got a number"),
    .init(header: #"{"__metadata__": []}"#, message: "expected __metadata__ to be an object of strings, got an array"),
    .init(
        header: #"{"a": {"dtype": "F32", "shape": [2], "data_offsets": [0, 8]}, "a": {}}"#,
        message: "invalid JSON header: duplicate key 'a' in an object (first at line 1, column 2) (header line 1, column 63)"),
]

@Suite struct SafetensorsTests {
    @Test func readsAFileWrittenByThePythonLibrary() throws {
        let file = try SafetensorsFile(contentsOf: fixture("numpy_written.safetensors"), displayName: "weights.safetensors")
        #expect(file.names == ["conv.bias", "conv.weight", "half", "scalar"])
        #expect(file.metadata == ["format": "np", "note": "fixture"])
        #expect(file.info("half")?.dtype == "F16")
        #expect(file.info("half")?.shape == [4])
        #expect(file.info("conv.weight")?.shape == [2, 1, 3, 3])
        #expect(file.info("nope") == nil)

        let weight = try file.tensor("conv.weight")
        #expect(weight.shape == [2, 1, 3, 3])
        #expect(weight.values == (0..<18).map { (Float($0) - 9) / 8 })
        #expect(try file.tensor("conv.bias").values == [0.5, -1.5])
        let scalar = try file.tensor("scalar")
        #expect(scalar.shape == [] && scalar.values == [7.25])
    }

    @Test func tensorRefusesOtherDtypesAndUnknownNames() throws {
        let file = try SafetensorsFile(contentsOf: fixture("numpy_written.safetensors"), displayName: "weights.safetensors")
        let half = try #require(throws: Diagnostic.self) { try file.tensor("half") }
        #expect(half.description == "weights.safetensors: tensor 'half': expected dtype F32, got F16")
        let unknown = try #require(throws: Diagnostic.self) { try file.tensor("conv.wieght") }
        #expect(unknown.message == "expected a tensor named 'conv.wieght', got none (the file has 4 tensors)")
    }

    @Test func borrowedTensorsOutliveTheFileObject() throws {
        func load() throws -> WeightTensor {
            try SafetensorsFile(contentsOf: fixture("numpy_written.safetensors"), displayName: "w").tensor("conv.weight")
        }
        let weight = try load()  // the mapping is kept alive by the storage alone now
        #expect(Int(bitPattern: weight.storage.floats.baseAddress) % 4 == 0)
        #expect(weight.values.last == 1)
    }

    @Test func unalignedDataIsCopiedAndStillCorrect() throws {
        // Written by hand with Python's struct and json: the data starts 2 bytes past 4-byte alignment.
        let file = try SafetensorsFile(contentsOf: fixture("unaligned.safetensors"), displayName: "u")
        let tensor = try file.tensor("odd")
        #expect(tensor.shape == [3])
        #expect(tensor.values == [1.5, -2.25, 3.0])
    }

    @Test func writerRoundTripsAndPadsTheHeaderTo8Bytes() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/out.safetensors"
        let tensors: [(name: String, tensor: WeightTensor)] = [
            ("b.weight", WeightTensor(shape: [2, 3], values: [1, 2, 3, 4, 5, 6])),
            ("a \"quoted\"\nname é", WeightTensor(shape: [], values: [-1])),
            ("empty", WeightTensor(shape: [0, 4], values: [])),
            ("big", WeightTensor(shape: [1000, 1000], values: (0..<1_000_000).map { Float($0) })),
        ]
        try SafetensorsWriter.write(tensors, to: path, metadata: ["format": "pt", "k\"": "v\\"])

        let raw = try fileBytes(path)
        let headerLength = raw[0..<8].reversed().reduce(0) { $0 << 8 | Int($1) }
        #expect((8 + headerLength) % 8 == 0)
        #expect(raw.count == 8 + headerLength + 4 * (6 + 1 + 0 + 1_000_000))

        let file = try SafetensorsFile(contentsOf: path, displayName: "out")
        #expect(file.names == tensors.map(\.name).sorted())
        #expect(file.metadata == ["format": "pt", "k\"": "v\\"])
        for (name, tensor) in tensors {
            let read = try file.tensor(name)
            #expect(read.shape == tensor.shape, "\(name)")
            #expect(read.values == tensor.values, "\(name)")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory) == ["out.safetensors"])
    }

    @Test func writerProducesTheExpectedBytes() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/one.safetensors"
        try SafetensorsWriter.write([("w", WeightTensor(shape: [2], values: [1, -2]))], to: path)
        let header = #"{"w":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}"#  // 54 bytes, padded to 56
        let expected = handMade(header: header + "  ", data: [0, 0, 0x80, 0x3F, 0, 0, 0, 0xC0])
        #expect(try fileBytes(path) == expected)
    }

    @Test func failedWriteLeavesTheExistingFileIntact() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/keep.safetensors"
        let tensor = WeightTensor(shape: [1], values: [1])
        try SafetensorsWriter.write([("x", tensor)], to: path)
        let before = try fileBytes(path)

        let duplicate = try #require(throws: Diagnostic.self) {
            try SafetensorsWriter.write([("y", tensor), ("y", tensor)], to: path)
        }
        #expect(duplicate.description == "\(path): expected unique tensor names, got 'y' twice")
        let reserved = try #require(throws: Diagnostic.self) {
            try SafetensorsWriter.write([("__metadata__", tensor)], to: path)
        }
        #expect(reserved.message == "expected a tensor name other than '__metadata__', got it")

        // The target is a directory: refused before anything is written, no temporary file lingers.
        let blocked = directory + "/blocked.safetensors"
        try FileManager.default.createDirectory(atPath: blocked + "/inside", withIntermediateDirectories: true)
        let renameError = try #require(throws: Diagnostic.self) { try SafetensorsWriter.write([("x", tensor)], to: blocked) }
        #expect(renameError.message == "expected an output file path, got a directory; nothing was written")

        #expect(try fileBytes(path) == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory).sorted() == ["blocked.safetensors", "keep.safetensors"])
    }

    @Test func fileLevelErrors() throws {
        let missing = try #require(throws: Diagnostic.self) {
            try SafetensorsFile(contentsOf: "/nonexistent-dir/w.safetensors", displayName: "w.safetensors")
        }
        #expect(missing.description == "w.safetensors: expected a readable safetensors file, got: No such file or directory")

        let directory = try #require(throws: Diagnostic.self) {
            try SafetensorsFile(contentsOf: FileManager.default.temporaryDirectory.path, displayName: "d")
        }
        #expect(directory.message == "expected a regular safetensors file, got a directory")

        #expect(try openError([1, 2, 3])?.message == "expected a safetensors file of at least 8 bytes (the header length), got 3 bytes")
        #expect(
            try openError(handMade(header: "{}", declaredLength: 1 << 40))?.message
                == "expected a header length of at most 100000000 bytes, got 1099511627776 (not a safetensors file?)")
        #expect(
            try openError(handMade(header: "{}", declaredLength: 3))?.message
                == "truncated file: expected a header of 3 bytes, got 2 bytes after the length")
        #expect(
            try openError(handMade(header: #"{"a": }"#))?.message
                == "invalid JSON header: expected a value, got '}' (header line 1, column 7)")
        #expect(
            try openError(handMade(header: ""))?.message
                == "invalid JSON header: expected a value, got end of file (header line 1, column 1)")
        #expect(try openError(handMade(header: "[]"))?.message == "expected the header to be a JSON object, got an array")
        #expect(try openError(handMade(header: "{}")) == nil)
    }

    @Test("malformed header entries are refused, naming the tensor", arguments: entryErrors)
    func headerEntryError(_ testCase: SafetensorsEntryCase) throws {
        let diagnostic = try #require(try openError(handMade(header: testCase.header, data: [UInt8](repeating: 0, count: 8))))
        #expect(diagnostic.message == testCase.message)
    }

    /// Empty tensors share no bytes, and tensors back to back do not overlap.
    @Test func adjacentAndEmptyTensorsAreAccepted() throws {
        let header =
            #"{"a": {"dtype": "F32", "shape": [1], "data_offsets": [0, 4]}, "e": {"dtype": "F32", "shape": [0], "data_offsets": [4, 4]}, "b": {"dtype": "F32", "shape": [1], "data_offsets": [4, 8]}}"#
        #expect(try openError(handMade(header: header, data: [UInt8](repeating: 0, count: 8))) == nil)
    }

    @Test func listsUnknownAndSubByteDtypesButOnlyReadsF32() throws {
        let header =
            #"{"q": {"dtype": "F4", "shape": [3], "data_offsets": [0, 2]}, "z": {"dtype": "X9", "shape": [5], "data_offsets": [2, 8]}}"#
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/m.safetensors"
        try Data(handMade(header: header, data: [UInt8](repeating: 0, count: 8))).write(to: URL(fileURLWithPath: path))
        let file = try SafetensorsFile(contentsOf: path, displayName: "m")
        #expect(file.names == ["q", "z"])
        #expect(file.info("z")?.dtype == "X9")
        #expect(throws: Diagnostic.self) { try file.tensor("z") }
    }
}
