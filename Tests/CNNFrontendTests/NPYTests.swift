import CNNNumPy
import Foundation
import Testing

/// Fixtures written by numpy 2.x (see Fixtures/), found next to this file rather than as SwiftPM resources.
private func fixture(_ name: String) -> String {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/\(name)").path
}

private func bytes(of path: String) throws -> [UInt8] {
    [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
}

/// A fresh empty directory for one test.
private func temporaryDirectory() throws -> String {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("npy-tests-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

/// A version 1.0 .npy file with an arbitrary header text and `count` float32 values 0, 1, 2...
private func handMade(header: String, count: Int, version: UInt8 = 1) -> [UInt8] {
    var header = Array(header.utf8)
    header.append(UInt8(ascii: "\n"))
    var file: [UInt8] = [0x93] + Array("NUMPY".utf8) + [version, 0]
    file += [UInt8(header.count & 0xFF), UInt8(header.count >> 8)] + header
    for k in 0..<count { withUnsafeBytes(of: Float(k).bitPattern.littleEndian) { file += $0 } }
    return file
}

private func decodeError(_ data: [UInt8], name: String = "input.npy") -> NPYError? {
    do {
        _ = try NPY.decode(data, name: name)
        return nil
    } catch {
        return error as? NPYError
    }
}

private let twoByThree: [Float] = [-0.625, -0.375, -0.125, 0.125, 0.375, 0.625]

/// A header and the message it must produce.
struct NPYHeaderCase: Sendable, CustomTestStringConvertible {
    var header: String
    var count: Int
    var message: String
    var testDescription: String { header }
}

private let headerErrors: [NPYHeaderCase] = [
    NPYHeaderCase(
        header: "{'descr': '<f4', 'fortran_order': False, 'shape': (2, -3), }", count: 0,
        message: "expected non-negative dimensions, got -3 in shape (2, -3)"),
    NPYHeaderCase(
        header: "{'descr': '<f4', 'fortran_order': False, 'shape': (4294967296, 4294967296), }", count: 0,
        message: "expected a shape whose size fits in memory, got (4294967296, 4294967296)"),
    NPYHeaderCase(
        header: "{'descr': '<f4', 'fortran_order': False, 'shape': (99999999999999999999,), }", count: 0,
        message: "expected a shape whose size fits in memory, got (99999999999999999999,)"),
    NPYHeaderCase(
        header: "{'descr': '<f4', 'fortran_order': False, 'shape': (5), }", count: 5,
        message: "invalid header: expected shape to be a tuple of integers, got 5"),
    NPYHeaderCase(
        header: "{'descr': '<f4', 'fortran_order': False, 'shape': (2.5,), }", count: 5,
        message: "invalid header: expected ',' or ')', got '.5,), }'"),
    NPYHeaderCase(
        header: "{'descr': '<f4', 'shape': (2,)}", count: 2,
        message: "invalid header: expected the keys 'descr', 'fortran_order' and 'shape', got a dict without 'fortran_order'"),
    NPYHeaderCase(
        header: "{'descr': '<f4', 'fortran_order': False, 'shape': (2,), 'extra': 1}", count: 2,
        message: "invalid header: expected only the keys 'descr', 'fortran_order' and 'shape', got 'extra'"),
    NPYHeaderCase(
        header: "{'descr': '<f4', 'fortran_order': False 'shape': (2,)}", count: 2,
        message: "invalid header: expected ',' or '}', got ''shape': (2,)}'"),
    NPYHeaderCase(
        header: "{'descr': '<f4', 'fortran_order': 0, 'shape': (2,)}", count: 2,
        message: "invalid header: expected fortran_order True or False, got 0"),
    NPYHeaderCase(
        header: "{'descr': [('a', '<f4')], 'fortran_order': False, 'shape': (2,)}", count: 2,
        message: "expected dtype float32 ('<f4'), got the structured dtype [('a', '<f4')]"),
    NPYHeaderCase(
        header: "{'descr': '<i4', 'fortran_order': False, 'shape': (2,)}", count: 2,
        message: "expected dtype float32 ('<f4'), got '<i4' (convert with .astype(np.float32))"),
    NPYHeaderCase(header: "['descr', '<f4']", count: 2, message: "invalid header: expected a dict, got ['descr', '<f4']"),
    NPYHeaderCase(
        header: "{'descr': '<f4', 'fortran_order': False, 'shape': (2,)} x", count: 2,
        message: "invalid header: expected the header dict to end the header, got 'x'"),
    NPYHeaderCase(header: "{'descr': '<f4", count: 2, message: "invalid header: expected a closing quote, got the end of the header"),
    NPYHeaderCase(
        header: String(repeating: "(", count: 40), count: 0,
        message: "invalid header: expected at most 32 nested brackets, got more"),
]

@Suite struct NPYTests {
    @Test func readsArraysWrittenByNumPy() throws {
        let matrix = try NPY.read(contentsOf: fixture("f32_2x3.npy"))
        #expect(matrix == NPYArray(shape: [2, 3], values: twoByThree))

        let scalar = try NPY.read(contentsOf: fixture("f32_scalar.npy"))
        #expect(scalar == NPYArray(shape: [], values: [3.5]))

        let vector = try NPY.read(contentsOf: fixture("f32_vec5.npy"))
        #expect(vector == NPYArray(shape: [5], values: [1, -2, 0.5, 1e-3, 3.4e38]))
    }

    @Test func readsFormatVersions2And3() throws {
        for name in ["f32_v2.npy", "f32_v3.npy"] {
            let data = try bytes(of: fixture(name))
            #expect(data[6] == (name == "f32_v2.npy" ? 2 : 3))
            #expect(try NPY.decode(data, name: name) == NPYArray(shape: [2, 3], values: twoByThree))
        }
    }

    @Test(arguments: ["f32_2x3.npy", "f32_scalar.npy", "f32_vec5.npy"])
    func encodesByteForByteLikeNumPy(_ name: String) throws {
        let original = try bytes(of: fixture(name))
        let array = try NPY.decode(original, name: name)
        #expect(NPY.encode(array) == original)
    }

    @Test func rejectsOtherDtypesAndFortranOrderFromNumPy() throws {
        let float64 = fixture("f64_2x3.npy")
        let error = try #require(throws: NPYError.self) { try NPY.read(contentsOf: float64) }
        #expect(error.file == float64)
        #expect(error.description.hasPrefix("\(float64): expected dtype float32 ('<f4'), got '<f8'"))

        let bigEndian = try #require(throws: NPYError.self) { try NPY.read(contentsOf: fixture("f32_bigendian.npy")) }
        #expect(bigEndian.message == "expected dtype float32 ('<f4'), got '>f4' (big-endian; convert with .astype('<f4'))")

        let fortran = try #require(throws: NPYError.self) { try NPY.read(contentsOf: fixture("f32_fortran.npy")) }
        #expect(fortran.message.hasPrefix("expected C-order data (fortran_order False), got fortran_order True"))
    }

    @Test func headerParsingToleratesSpacingQuotesKeyOrderAndPython2Integers() throws {
        let variants: [(String, [Int])] = [
            ("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }", [2, 3]),
            (#"{"shape":(2,3),"fortran_order":False,"descr":"<f4"}"#, [2, 3]),
            ("{ 'fortran_order' : False ,\t'shape' : ( 5 , ) , 'descr' : '<f4' }   ", [5]),
            ("{'descr': '<f4', 'fortran_order': False, 'shape': (), }", []),
            ("{'descr': '<f4', 'fortran_order': False, 'shape': (2L, 3L), }", [2, 3]),
            ("{'descr': '<f4', 'fortran_order': False, 'shape': (0, 3), }", [0, 3]),
        ]
        for (header, shape) in variants {
            let count = shape.reduce(1, *)
            let array = try NPY.decode(handMade(header: header, count: count), name: "h.npy")
            #expect(array.shape == shape, "\(header)")
            #expect(array.values == (0..<count).map(Float.init))
        }
    }

    @Test("malformed and unsupported headers are refused with a precise message", arguments: headerErrors)
    func headerError(_ testCase: NPYHeaderCase) throws {
        let error = try #require(decodeError(handMade(header: testCase.header, count: testCase.count)))
        #expect(error.message == testCase.message)
        #expect(error.file == "input.npy")
    }

    @Test func truncationMagicAndVersionErrors() throws {
        let good = try bytes(of: fixture("f32_2x3.npy"))

        #expect(decodeError([])?.description == "input.npy: expected a .npy file starting with \\x93NUMPY, got an empty file")
        #expect(decodeError(Array("hello world".utf8))?.message == "expected a .npy file starting with \\x93NUMPY, got 'hello '")
        #expect(decodeError(Array(good[0..<7]))?.message == "truncated header: expected at least 10 bytes, got 7")
        #expect(decodeError(Array(good[0..<50]))?.message == "truncated header: expected 118 header bytes, got 40")
        #expect(decodeError(Array(good.dropLast(4)))?.message == "truncated data: expected 24 bytes for shape (2, 3), got 20")
        #expect(decodeError(good + [0, 0, 0, 0])?.message == "trailing bytes after the data: expected 24 bytes for shape (2, 3), got 28")

        var version4 = good
        version4[6] = 4
        #expect(decodeError(version4)?.message == "expected .npy format version 1.0, 2.0 or 3.0, got 4.0")

        let missing = "/nonexistent-dir/input.npy"
        let error = try #require(throws: NPYError.self) { try NPY.read(contentsOf: missing) }
        #expect(error.description == "\(missing): expected a readable file, got: No such file or directory")
    }

    @Test func encodeAlignsDataTo64BytesForAnyRank() throws {
        for shape in [[], [1], [7], [2, 3], [1, 2, 3, 4, 5], [3, 1, 1, 1, 1, 1, 1, 2], [0], [123_456_789_012, 0]] {
            let count = shape.reduce(1, *)
            let values = (0..<count).map { Float($0) * 0.5 - 1 }
            let encoded = NPY.encode(NPYArray(shape: shape, values: values))
            let headerLength = Int(encoded[8]) | Int(encoded[9]) << 8
            let dataStart = 10 + headerLength
            #expect(dataStart % 64 == 0, "\(shape)")
            #expect(encoded[dataStart - 1] == UInt8(ascii: "\n"))
            #expect(encoded.count == dataStart + 4 * count)
            #expect(try NPY.decode(encoded, name: "x") == NPYArray(shape: shape, values: values))
        }
    }

    @Test func roundTripsSpecialValuesBitForBit() throws {
        let values: [Float] = [.nan, -.infinity, .infinity, -0.0, .leastNonzeroMagnitude, .greatestFiniteMagnitude, 1 / 3]
        let decoded = try NPY.decode(NPY.encode(NPYArray(shape: [7], values: values)), name: "x")
        #expect(decoded.values.map(\.bitPattern) == values.map(\.bitPattern))
    }

    @Test func writesAtomicallyAndReadsBack() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/out.npy"
        let array = NPYArray(shape: [2, 2], values: [1, 2, 3, 4])
        try NPY.write(array, to: path)
        #expect(try NPY.read(contentsOf: path) == array)

        // Overwriting replaces the whole file.
        let bigger = NPYArray(shape: [3], values: [5, 6, 7])
        try NPY.write(bigger, to: path)
        #expect(try NPY.read(contentsOf: path) == bigger)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory) == ["out.npy"])
    }

    @Test func failedWriteLeavesTheExistingFileIntact() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/keep.npy"
        try NPY.write(NPYArray(shape: [2], values: [1, 2]), to: path)
        let before = try bytes(of: path)

        let mismatched = try #require(throws: NPYError.self) {
            try NPY.write(NPYArray(shape: [2, 2], values: [1, 2, 3]), to: path)
        }
        #expect(mismatched.description == "\(path): expected 4 values for shape (2, 2), got 3")
        let negative = try #require(throws: NPYError.self) { try NPY.write(NPYArray(shape: [-1], values: []), to: path) }
        #expect(negative.message == "expected non-negative dimensions, got -1 in shape (-1,)")

        // The target is a directory: refused before anything is written, no temporary file lingers.
        let blocked = directory + "/blocked.npy"
        try FileManager.default.createDirectory(atPath: blocked + "/inside", withIntermediateDirectories: true)
        let renameError = try #require(throws: NPYError.self) { try NPY.write(NPYArray(shape: [1], values: [1]), to: blocked) }
        #expect(renameError.message == "expected an output file path, got a directory; nothing was written")

        #expect(try bytes(of: path) == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory).sorted() == ["blocked.npy", "keep.npy"])

        let noDirectory = try #require(throws: NPYError.self) {
            try NPY.write(NPYArray(shape: [1], values: [1]), to: directory + "/missing/x.npy")
        }
        #expect(noDirectory.message == "cannot write the output: its directory '\(directory)/missing' does not exist")
    }
}
