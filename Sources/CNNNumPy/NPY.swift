import CNNErrors
import CNNFiles

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

// This module stands alone (no CNNIR): programs that only run compiled models
// read and write .npy files without linking the compiler.

/// A problem with a .npy file, naming the file and saying what was expected.
public struct NPYError: LocatedError, Hashable {
    /// The file as the user named it.
    public var file: String
    /// What went wrong, phrased "expected X, got Y".
    public var message: String

    /// Makes an error about `file`.
    public init(file: String, message: String) {
        self.file = file
        self.message = message
    }

    /// The file (rendered `file: message`).
    public var location: SourceLocation { SourceLocation(file: file) }
}

/// A float32 array in C (row-major) order.
public struct NPYArray: Equatable, Sendable {
    /// The dimensions; `[]` is a scalar holding one value.
    public var shape: [Int]
    /// The elements in C order; `values.count` is the product of `shape`.
    public var values: [Float]

    /// Makes an array; `values.count` must be the product of `shape` for it to be written.
    public init(shape: [Int], values: [Float]) {
        self.shape = shape
        self.values = values
    }
}

/// Reading and writing NumPy's .npy format (float32, little-endian, C order), as `numpy.save` and `numpy.load` do.
public enum NPY {
    /// The dtype string this module reads and writes: little-endian float32.
    public static let dtype = "<f4"

    /// Reads a float32 C-order .npy file (format version 1.0, 2.0 or 3.0).
    public static func read(contentsOf path: String) throws -> NPYArray {
        let bytes = try FileIO.readAll(path, name: path)
        return try decode(bytes, name: path)
    }

    /// Decodes .npy bytes; `name` is what errors call the file.
    public static func decode(_ data: [UInt8], name: String) throws -> NPYArray {
        func fail(_ message: String) -> NPYError { NPYError(file: name, message: message) }

        let magic: [UInt8] = [0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59]  // "\x93NUMPY"
        guard !data.isEmpty, data.prefix(6).elementsEqual(magic.prefix(data.count)) else {
            throw fail("expected a .npy file starting with \\x93NUMPY, got \(describePrefix(data))")
        }
        guard data.count >= 10 else {
            throw fail("truncated header: expected at least 10 bytes, got \(data.count)")
        }
        let version = (data[6], data[7])
        let lengthSize: Int
        switch version {
        case (1, 0): lengthSize = 2
        case (2, 0), (3, 0): lengthSize = 4
        default: throw fail("expected .npy format version 1.0, 2.0 or 3.0, got \(version.0).\(version.1)")
        }
        let headerStart = 8 + lengthSize
        guard data.count >= headerStart else {
            throw fail("truncated header: expected at least \(headerStart) bytes, got \(data.count)")
        }
        var headerLength = 0
        for k in (8..<headerStart).reversed() { headerLength = headerLength << 8 | Int(data[k]) }
        let dataStart = headerStart + headerLength
        guard data.count >= dataStart else {
            throw fail("truncated header: expected \(headerLength) header bytes, got \(data.count - headerStart)")
        }

        let header = try HeaderParser.parseHeader(data[headerStart..<dataStart], fail: fail)
        let shape = header.shape
        let count = try elementCount(shape, fail: fail)
        let expectedBytes = count * 4
        let actualBytes = data.count - dataStart
        guard actualBytes == expectedBytes else {
            let what = actualBytes < expectedBytes ? "truncated data" : "trailing bytes after the data"
            throw fail("\(what): expected \(expectedBytes) bytes for shape \(pythonTuple(shape)), got \(actualBytes)")
        }

        let values = [Float](unsafeUninitializedCapacity: count) { buffer, initialized in
            data.withUnsafeBytes { raw in
                let source = UnsafeRawBufferPointer(rebasing: raw[dataStart..<data.count])
                #if _endian(little)
                UnsafeMutableRawBufferPointer(buffer).copyMemory(from: source)
                #else
                for k in 0..<count {
                    buffer[k] = Float(bitPattern: UInt32(littleEndian: source.loadUnaligned(fromByteOffset: 4 * k, as: UInt32.self)))
                }
                #endif
            }
            initialized = count
        }
        return NPYArray(shape: shape, values: values)
    }

    /// Encodes `array` exactly as `numpy.save` would: version 1.0 (2.0 if the header is huge), '<f4', data 64-byte aligned.
    ///
    /// The shape must match the values (a programming error otherwise); `write` checks it and throws instead.
    public static func encode(_ array: NPYArray) -> [UInt8] {
        precondition(
            array.shape.allSatisfy { $0 >= 0 } && array.shape.reduce(1, *) == array.values.count,
            "NPYArray shape \(array.shape) does not match its \(array.values.count) values")
        var header = "{'descr': '\(dtype)', 'fortran_order': False, 'shape': \(pythonTuple(array.shape)), }"
        // numpy leaves room to grow the first axis in place; matching it keeps output byte-identical.
        let growthAxisMaxDigits = 21
        if let first = array.shape.first {
            header += String(repeating: " ", count: max(0, growthAxisMaxDigits - String(first).utf8.count))
        }
        let alignment = 64
        var lengthSize = 2
        var headerLength = header.utf8.count + 1
        var padding = alignment - (6 + 2 + lengthSize + headerLength) % alignment
        if headerLength + padding > Int(UInt16.max) {
            lengthSize = 4
            padding = alignment - (6 + 2 + lengthSize + headerLength) % alignment
        }
        headerLength += padding

        var bytes: [UInt8] = [0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59, lengthSize == 2 ? 1 : 2, 0]
        bytes.reserveCapacity(6 + 2 + lengthSize + headerLength + 4 * array.values.count)
        for k in 0..<lengthSize { bytes.append(UInt8(truncatingIfNeeded: headerLength >> (8 * k))) }
        bytes.append(contentsOf: header.utf8)
        bytes.append(contentsOf: repeatElement(UInt8(ascii: " "), count: padding))
        bytes.append(UInt8(ascii: "\n"))
        array.values.withUnsafeBytes { raw in
            #if _endian(little)
            bytes.append(contentsOf: raw)
            #else
            for value in array.values {
                withUnsafeBytes(of: value.bitPattern.littleEndian) { bytes.append(contentsOf: $0) }
            }
            #endif
        }
        return bytes
    }

    /// Writes `array` to `path` atomically: a temporary file in the same directory is renamed over it, so no half-written file is ever seen.
    ///
    /// `path` must be a regular file or a new one, never a directory, device, FIFO or a file this process read (`OutputFile`).
    public static func write(_ array: NPYArray, to path: String) throws {
        if let bad = array.shape.first(where: { $0 < 0 }) {
            throw NPYError(file: path, message: "expected non-negative dimensions, got \(bad) in shape \(pythonTuple(array.shape))")
        }
        let count = try elementCount(array.shape) { NPYError(file: path, message: $0) }
        guard count == array.values.count else {
            throw NPYError(
                file: path,
                message: "expected \(count) values for shape \(pythonTuple(array.shape)), got \(array.values.count)")
        }
        let bytes = encode(array)
        do {
            try OutputFile.write(path) { append in try bytes.withUnsafeBytes { try append($0) } }
        } catch let error as FileError {
            throw NPYError(file: path, message: error.message)
        }
    }

    /// The number of elements, refusing negative dimensions and sizes whose byte count overflows.
    static func elementCount(_ shape: [Int], fail: (String) -> NPYError) throws -> Int {
        var count = 1
        for dimension in shape {
            guard dimension >= 0 else {
                throw fail("expected non-negative dimensions, got \(dimension) in shape \(pythonTuple(shape))")
            }
            let (product, overflow) = count.multipliedReportingOverflow(by: dimension)
            guard !overflow, product <= Int.max / 4 else {
                throw fail("expected a shape whose size fits in memory, got \(pythonTuple(shape))")
            }
            count = product
        }
        return count
    }

    /// A shape the way Python prints a tuple: `()`, `(5,)`, `(2, 3)`.
    static func pythonTuple(_ shape: [Int]) -> String {
        shape.count == 1 ? "(\(shape[0]),)" : "(" + shape.map(String.init).joined(separator: ", ") + ")"
    }

    static func describePrefix(_ data: [UInt8]) -> String {
        if data.isEmpty { return "an empty file" }
        let shown = data.prefix(6).map { byte in
            (0x20..<0x7F).contains(byte) && byte != UInt8(ascii: "\\")
                ? String(Character(Unicode.Scalar(byte))) : "\\x" + (byte < 16 ? "0" : "") + String(byte, radix: 16)
        }
        return "'" + shown.joined() + "'"
    }
}

// MARK: - Header

/// The part of the header dict this module needs.
struct NPYHeader {
    var shape: [Int]
}

/// A Python literal as it appears in a .npy header.
indirect enum PythonLiteral {
    case string(String)
    case bool(Bool)
    case none
    /// The value (nil when it does not fit in `Int`) and the digits as written.
    case int(Int?, text: String)
    case tuple([PythonLiteral])
    case list([PythonLiteral])
    case dict([(key: PythonLiteral, value: PythonLiteral)])

    /// How the literal reads in a message.
    var text: String {
        switch self {
        case .string(let string): "'\(string)'"
        case .bool(let value): value ? "True" : "False"
        case .none: "None"
        case .int(_, let text): text
        case .tuple(let items): items.count == 1 ? "(\(items[0].text),)" : "(" + items.map(\.text).joined(separator: ", ") + ")"
        case .list(let items): "[" + items.map(\.text).joined(separator: ", ") + "]"
        case .dict(let entries): "{" + entries.map { "\($0.key.text): \($0.value.text)" }.joined(separator: ", ") + "}"
        }
    }
}

/// Parses the header, a Python dict literal such as `{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }`.
///
/// A small literal parser rather than pattern matching, so spacing, key order,
/// double quotes and Python 2's `3L` are all accepted, as `ast.literal_eval` would.
struct HeaderParser {
    let bytes: ArraySlice<UInt8>
    var index: Int
    let fail: (String) -> NPYError

    static func parseHeader(_ bytes: ArraySlice<UInt8>, fail: @escaping (String) -> NPYError) throws -> NPYHeader {
        var parser = HeaderParser(bytes: bytes, index: bytes.startIndex, fail: fail)
        let literal = try parser.parseValue(depth: 0)
        parser.skipSpace()
        guard parser.index == bytes.endIndex else {
            throw parser.failure("expected the header dict to end the header, got \(parser.rest())")
        }
        guard case .dict(let entries) = literal else {
            throw fail("invalid header: expected a dict, got \(literal.text)")
        }
        var descr: PythonLiteral?
        var fortranOrder: PythonLiteral?
        var shapeLiteral: PythonLiteral?
        for entry in entries {
            switch entry.key {
            case .string("descr"): descr = entry.value
            case .string("fortran_order"): fortranOrder = entry.value
            case .string("shape"): shapeLiteral = entry.value
            default: throw fail("invalid header: expected only the keys 'descr', 'fortran_order' and 'shape', got \(entry.key.text)")
            }
        }
        guard let descr, let fortranOrder, let shapeLiteral else {
            let missing = [("descr", descr), ("fortran_order", fortranOrder), ("shape", shapeLiteral)]
                .filter { $0.1 == nil }.map { "'\($0.0)'" }.joined(separator: ", ")
            throw fail("invalid header: expected the keys 'descr', 'fortran_order' and 'shape', got a dict without \(missing)")
        }

        switch descr {
        case .string(NPY.dtype):
            break
        case .string(let other):
            let hint = other == ">f4" ? " (big-endian; convert with .astype('<f4'))" : " (convert with .astype(np.float32))"
            throw fail("expected dtype float32 ('\(NPY.dtype)'), got '\(other)'\(hint)")
        default:
            throw fail("expected dtype float32 ('\(NPY.dtype)'), got the structured dtype \(descr.text)")
        }

        switch fortranOrder {
        case .bool(false):
            break
        case .bool(true):
            throw fail("expected C-order data (fortran_order False), got fortran_order True (save np.ascontiguousarray(a) instead)")
        default:
            throw fail("invalid header: expected fortran_order True or False, got \(fortranOrder.text)")
        }

        guard case .tuple(let items) = shapeLiteral else {
            throw fail("invalid header: expected shape to be a tuple of integers, got \(shapeLiteral.text)")
        }
        var shape: [Int] = []
        for item in items {
            guard case .int(let dimension, _) = item else {
                throw fail("invalid header: expected shape to be a tuple of integers, got \(shapeLiteral.text)")
            }
            guard let dimension else {
                throw fail("expected a shape whose size fits in memory, got \(shapeLiteral.text)")
            }
            shape.append(dimension)
        }
        return NPYHeader(shape: shape)
    }

    func failure(_ message: String) -> NPYError { fail("invalid header: " + message) }

    func rest() -> String {
        if index >= bytes.endIndex { return "the end of the header" }
        let end = bytes[index..<min(index + 20, bytes.endIndex)].firstIndex(of: UInt8(ascii: "\n")) ?? min(index + 20, bytes.endIndex)
        if end == index { return "the end of the header" }
        let shown = String(decoding: bytes[index..<end], as: UTF8.self)
        return "'\(shown)'"
    }

    mutating func skipSpace() {
        while index < bytes.endIndex, [0x20, 0x09, 0x0A, 0x0D, 0x00].contains(bytes[index]) { index += 1 }
    }

    mutating func parseValue(depth: Int) throws -> PythonLiteral {
        // Headers nest at most a few levels (structured dtypes); the limit only stops hostile input.
        guard depth < 32 else { throw failure("expected at most 32 nested brackets, got more") }
        skipSpace()
        guard index < bytes.endIndex else { throw failure("expected a value, got the end of the header") }
        switch bytes[index] {
        case UInt8(ascii: "{"):
            let (items, _) = try parseSequence(close: UInt8(ascii: "}"), depth: depth, isDict: true)
            var entries: [(key: PythonLiteral, value: PythonLiteral)] = []
            for pair in stride(from: 0, to: items.count, by: 2) { entries.append((items[pair], items[pair + 1])) }
            return .dict(entries)
        case UInt8(ascii: "("):
            let (items, trailingComma) = try parseSequence(close: UInt8(ascii: ")"), depth: depth, isDict: false)
            // In Python `(5)` is just 5; only a comma makes a one-element tuple.
            return items.count == 1 && !trailingComma ? items[0] : .tuple(items)
        case UInt8(ascii: "["):
            return .list(try parseSequence(close: UInt8(ascii: "]"), depth: depth, isDict: false).items)
        case UInt8(ascii: "'"), UInt8(ascii: "\""):
            return .string(try parseString())
        case UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return try parseInt()
        default:
            var end = index
            while end < bytes.endIndex, isIdentifierByte(bytes[end]) { end += 1 }
            let word = String(decoding: bytes[index..<end], as: UTF8.self)
            switch word {
            case "True":
                index = end
                return .bool(true)
            case "False":
                index = end
                return .bool(false)
            case "None":
                index = end
                return .none
            default: throw failure("expected a Python literal, got \(rest())")
            }
        }
    }

    func isIdentifierByte(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
            || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: "_")
    }

    /// Items of `{...}`, `(...)` or `[...]`, allowing a trailing comma; a dict's items alternate key and value.
    mutating func parseSequence(
        close: UInt8, depth: Int, isDict: Bool
    ) throws -> (items: [PythonLiteral], trailingComma: Bool) {
        index += 1
        var items: [PythonLiteral] = []
        var trailingComma = false
        while true {
            skipSpace()
            if index < bytes.endIndex, bytes[index] == close {
                index += 1
                return (items, trailingComma)
            }
            items.append(try parseValue(depth: depth + 1))
            skipSpace()
            if isDict {
                guard index < bytes.endIndex, bytes[index] == UInt8(ascii: ":") else {
                    throw failure("expected ':' after a dict key, got \(rest())")
                }
                index += 1
                items.append(try parseValue(depth: depth + 1))
                skipSpace()
            }
            guard index < bytes.endIndex else {
                throw failure("expected '\(Character(Unicode.Scalar(close)))', got the end of the header")
            }
            trailingComma = bytes[index] == UInt8(ascii: ",")
            if trailingComma {
                index += 1
            } else if bytes[index] != close {
                throw failure("expected ',' or '\(Character(Unicode.Scalar(close)))', got \(rest())")
            }
        }
    }

    mutating func parseString() throws -> String {
        let quote = bytes[index]
        index += 1
        var text: [UInt8] = []
        while index < bytes.endIndex, bytes[index] != quote {
            if bytes[index] == UInt8(ascii: "\\"), index + 1 < bytes.endIndex { index += 1 }
            text.append(bytes[index])
            index += 1
        }
        guard index < bytes.endIndex else { throw failure("expected a closing quote, got the end of the header") }
        index += 1
        return String(decoding: text, as: UTF8.self)
    }

    mutating func parseInt() throws -> PythonLiteral {
        var negative = false
        if bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+") {
            negative = bytes[index] == UInt8(ascii: "-")
            index += 1
        }
        let digitsStart = index
        var value: Int? = 0
        while index < bytes.endIndex, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) {
            let digit = Int(bytes[index] - UInt8(ascii: "0"))
            if let current = value {
                let (scaled, o1) = current.multipliedReportingOverflow(by: 10)
                let (next, o2) = negative ? scaled.subtractingReportingOverflow(digit) : scaled.addingReportingOverflow(digit)
                value = o1 || o2 ? nil : next
            }
            index += 1
        }
        guard index > digitsStart else { throw failure("expected digits, got \(rest())") }
        let text = (negative ? "-" : "") + String(decoding: bytes[digitsStart..<index], as: UTF8.self)
        if index < bytes.endIndex, bytes[index] == UInt8(ascii: "L") || bytes[index] == UInt8(ascii: "l") { index += 1 }
        return .int(value, text: text)
    }
}

// MARK: - Files

/// Whole-file reads and atomic writes through POSIX calls.
enum FileIO {
    static func errorText() -> String { String(cString: strerror(errno)) }

    static func physicalMemory() -> Int {
        let pages = sysconf(Int32(_SC_PHYS_PAGES))
        let size = sysconf(Int32(_SC_PAGESIZE))
        guard pages > 0, size > 0 else { return Int.max }
        return pages.multipliedReportingOverflow(by: size).overflow ? Int.max : pages * size
    }

    /// Reads the whole file at `path`.
    static func readAll(_ path: String, name: String) throws -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw NPYError(file: name, message: "expected a readable file, got: \(errorText())") }
        defer { close(fd) }
        InputFiles.record(path)
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw NPYError(file: name, message: "expected a readable file, got: \(errorText())") }
        // Before reserving: a file larger than the machine's memory was an allocation abort.
        let memory = physicalMemory()
        guard Int(info.st_size) <= memory else {
            throw NPYError(
                file: name, message: "expected a file that fits in this machine's memory (\(memory) bytes), got \(info.st_size) bytes")
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(Int(info.st_size))
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let got = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if got < 0 {
                if errno == EINTR { continue }
                throw NPYError(file: name, message: "expected a readable file, got: \(errorText())")
            }
            if got == 0 { return bytes }
            bytes.append(contentsOf: chunk[0..<got])
            // Not a .npy file (e.g. /dev/zero, which never ends): stop here, `decode` says what it got.
            if bytes.count >= 6 && !bytes.prefix(6).elementsEqual([0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59]) { return Array(bytes.prefix(64)) }
        }
    }
}
