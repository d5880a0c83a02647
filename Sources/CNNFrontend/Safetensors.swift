import CNNFiles
import CNNIR

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A safetensors file mapped into memory: tensors are listed from its header and read without copying.
///
/// Format: an 8-byte little-endian header length N, N bytes of JSON header
/// (`{"name": {"dtype": "F32", "shape": [...], "data_offsets": [begin, end]}, "__metadata__": {...}}`),
/// then the data buffer that the offsets index. Every header entry is checked
/// when the file is opened; only F32 tensors can be read, but all are listed.
/// The mapping is immutable and released when the last tensor borrowing it goes away.
public final class SafetensorsFile: @unchecked Sendable {
    /// The largest header accepted, as in the reference implementation; anything bigger is corruption.
    public static let maximumHeaderLength = 100_000_000

    /// What errors call the file.
    public let displayName: String
    /// The tensor names, sorted.
    public let names: [String]
    /// The `__metadata__` string map, empty if the file has none.
    public let metadata: [String: String]

    private struct Entry {
        var dtype: String
        var shape: [Int]
        var count: Int
        /// Byte range relative to the data buffer.
        var begin: Int
        var end: Int
    }

    private let entries: [String: Entry]
    private let mapping: UnsafeRawBufferPointer
    private let dataStart: Int

    /// Maps and validates the file at `path`; `displayName` is how errors name it.
    public init(contentsOf path: String, displayName: String) throws {
        self.displayName = displayName
        let mapping = try Self.map(path, displayName: displayName)
        do {
            let header = try Self.parseHeader(mapping, displayName: displayName)
            self.mapping = mapping
            entries = header.entries
            metadata = header.metadata
            dataStart = header.dataStart
            names = header.entries.keys.sorted()
        } catch {
            // Not every stored property is set, so deinit will not run; release the mapping here.
            if let base = mapping.baseAddress { munmap(UnsafeMutableRawPointer(mutating: base), mapping.count) }
            throw error
        }
    }

    deinit {
        if let base = mapping.baseAddress { munmap(UnsafeMutableRawPointer(mutating: base), mapping.count) }
    }

    /// The dtype string (e.g. "F32", "F16") and shape of tensor `name`, or nil if there is none.
    public func info(_ name: String) -> (dtype: String, shape: [Int])? {
        entries[name].map { ($0.dtype, $0.shape) }
    }

    /// Tensor `name` as float32 weights, borrowing the mapping when its data is 4-byte aligned.
    ///
    /// Writers (including `SafetensorsWriter` and the Python library) pad the
    /// header so data is aligned; a file whose data buffer starts at an unaligned
    /// offset is still read correctly, by copying that tensor into owned storage.
    /// (A tensor at an offset within the buffer that is not a multiple of its element
    /// size is refused when the file is opened, as are overlapping tensors.)
    public func tensor(_ name: String) throws -> WeightTensor {
        guard let entry = entries[name] else {
            throw Diagnostic(
                "expected a tensor named '\(Diagnostic.quoted(name))', got none (the file has \(names.count) tensors)",
                at: SourceLocation(file: displayName))
        }
        guard entry.dtype == "F32" else {
            throw Diagnostic(
                "tensor '\(Diagnostic.quoted(name))': expected dtype F32, got \(Diagnostic.quoted(entry.dtype))",
                at: SourceLocation(file: displayName))
        }
        let bytes = UnsafeRawBufferPointer(rebasing: mapping[(dataStart + entry.begin)..<(dataStart + entry.end)])
        #if _endian(little)
        if let start = bytes.baseAddress, Int(bitPattern: start) % MemoryLayout<Float>.alignment == 0 {
            let floats = UnsafeBufferPointer(start: start.bindMemory(to: Float.self, capacity: entry.count), count: entry.count)
            return WeightTensor(shape: entry.shape, storage: WeightStorage(borrowing: floats, owner: self))
        }
        #endif
        let values = [Float](unsafeUninitializedCapacity: entry.count) { buffer, initialized in
            for k in 0..<entry.count {
                let bits = bytes.loadUnaligned(fromByteOffset: 4 * k, as: UInt32.self)
                buffer[k] = Float(bitPattern: UInt32(littleEndian: bits))
            }
            initialized = entry.count
        }
        return WeightTensor(shape: entry.shape, values: values)
    }

    // MARK: Opening

    private static func fail(_ message: String, _ displayName: String) -> Diagnostic {
        Diagnostic(message, at: SourceLocation(file: displayName))
    }

    private static func map(_ path: String, displayName: String) throws -> UnsafeRawBufferPointer {
        // A device or FIFO is refused before it is opened (opening a FIFO blocks until a writer comes).
        var before = stat()
        if stat(path, &before) == 0, (before.st_mode & S_IFMT) != S_IFREG {
            throw fail("expected a regular safetensors file, got \(OutputFile.kindName(before.st_mode & S_IFMT))", displayName)
        }
        // O_NONBLOCK: a file swapped for a FIFO meanwhile is refused by the check below, not waited on.
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY)
        guard fd >= 0 else {
            throw fail("expected a readable safetensors file, got: \(String(cString: strerror(errno)))", displayName)
        }
        defer { close(fd) }
        InputFiles.record(path)
        var status = stat()
        guard fstat(fd, &status) == 0 else {
            throw fail("expected a readable safetensors file, got: \(String(cString: strerror(errno)))", displayName)
        }
        guard (status.st_mode & S_IFMT) == S_IFREG else {
            throw fail("expected a regular safetensors file, got \(OutputFile.kindName(status.st_mode & S_IFMT))", displayName)
        }
        let size = Int(status.st_size)
        guard size >= 8 else {
            throw fail("expected a safetensors file of at least 8 bytes (the header length), got \(size) bytes", displayName)
        }
        // MAP_PRIVATE + PROT_READ: a 500 MB model costs address space, not a heap copy.
        guard let base = mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0), base != UnsafeMutableRawPointer(bitPattern: -1) else {
            throw fail("expected to map the safetensors file into memory, got: \(String(cString: strerror(errno)))", displayName)
        }
        return UnsafeRawBufferPointer(start: base, count: size)
    }

    private static func parseHeader(
        _ file: UnsafeRawBufferPointer, displayName: String
    ) throws -> (entries: [String: Entry], metadata: [String: String], dataStart: Int) {
        func fail(_ message: String) -> Diagnostic { Self.fail(message, displayName) }

        let declared = UInt64(littleEndian: file.loadUnaligned(fromByteOffset: 0, as: UInt64.self))
        let available = file.count - 8
        guard declared <= UInt64(min(available, maximumHeaderLength)) else {
            if declared > UInt64(maximumHeaderLength) {
                throw fail("expected a header length of at most \(maximumHeaderLength) bytes, got \(declared) (not a safetensors file?)")
            }
            throw fail("truncated file: expected a header of \(declared) bytes, got \(available) bytes after the length")
        }
        let headerLength = Int(declared)
        let dataStart = 8 + headerLength
        let bufferSize = file.count - dataStart

        let headerBytes = UnsafeRawBufferPointer(rebasing: file[8..<dataStart]).bindMemory(to: UInt8.self)
        let json: JSONValue
        do {
            json = try JSONParser.parse(buffer: headerBytes, file: displayName)
        } catch let diagnostic as Diagnostic {
            // Lines and columns of a binary file mean little to users; say where in the header instead.
            let line = diagnostic.location.line.map { " (header line \($0), column \(diagnostic.location.column ?? 1))" } ?? ""
            throw fail("invalid JSON header: \(diagnostic.message)\(line)")
        }
        guard let root = json.objectValue else {
            throw fail("expected the header to be a JSON object, got \(json.typeName)")
        }

        var entries: [String: Entry] = [:]
        var metadata: [String: String] = [:]
        for member in root.entries {
            let name = member.key
            if name == "__metadata__" {
                guard let object = member.value.objectValue else {
                    throw fail("expected __metadata__ to be an object of strings, got \(member.value.typeName)")
                }
                for item in object.entries {
                    guard let text = item.value.stringValue else {
                        throw fail("expected __metadata__ '\(Diagnostic.quoted(item.key))' to be a string, got \(item.value.typeName)")
                    }
                    metadata[item.key] = text
                }
                continue
            }
            entries[name] = try parseEntry(name, member.value, bufferSize: bufferSize, fail: fail)
        }
        try checkLayout(entries, fail: fail)
        return (entries, metadata, dataStart)
    }

    /// No two tensors share bytes (a weight edited through one would change another, and the
    /// reference implementation refuses it), and each starts at a multiple of its element size
    /// within the data buffer (as every writer lays them out).
    private static func checkLayout(_ entries: [String: Entry], fail: (String) -> Diagnostic) throws {
        func quoted(_ name: String) -> String { "'\(Diagnostic.quoted(name))'" }
        for (name, entry) in entries.sorted(by: { $0.key < $1.key }) {
            guard let bits = bitsPerElement[entry.dtype], bits % 8 == 0 else { continue }
            guard entry.begin % (bits / 8) == 0 else {
                throw fail(
                    "tensor \(quoted(name)): expected data_offsets starting at a multiple of \(bits / 8) bytes (the size of a \(entry.dtype) element), got [\(entry.begin), \(entry.end)]"
                )
            }
        }
        let ranges = entries.filter { $0.value.begin < $0.value.end }
            .sorted { ($0.value.begin, $0.value.end, $0.key) < ($1.value.begin, $1.value.end, $1.key) }
        for (a, b) in zip(ranges, ranges.dropFirst()) where b.value.begin < a.value.end {
            throw fail(
                "tensors \(quoted(a.key)) and \(quoted(b.key)): expected data_offsets that do not overlap, got [\(a.value.begin), \(a.value.end)] and [\(b.value.begin), \(b.value.end)]"
            )
        }
    }

    private static func parseEntry(
        _ name: String, _ value: JSONValue, bufferSize: Int, fail: (String) -> Diagnostic
    ) throws -> Entry {
        let tensor = "tensor '\(Diagnostic.quoted(name))'"
        guard let object = value.objectValue else {
            throw fail("\(tensor): expected an object with dtype, shape and data_offsets, got \(value.typeName)")
        }
        func field(_ key: String) throws -> JSONValue {
            guard let value = object[key] else { throw fail("\(tensor): expected a '\(key)' field, got none") }
            return value
        }
        func integers(_ key: String) throws -> [Int] {
            let value = try field(key)
            guard let items = value.arrayValue else {
                throw fail("\(tensor): expected \(key) to be an array of integers, got \(value.typeName)")
            }
            return try items.map { item in
                guard let int = item.intValue, int >= 0 else {
                    let got = item.numberValue.map { "'\($0.text)'" } ?? item.typeName
                    throw fail("\(tensor): expected \(key) to hold non-negative integers, got \(got)")
                }
                return int
            }
        }

        let dtypeValue = try field("dtype")
        guard let dtype = dtypeValue.stringValue else {
            throw fail("\(tensor): expected dtype to be a string, got \(dtypeValue.typeName)")
        }
        let shape = try integers("shape")
        let offsets = try integers("data_offsets")
        guard offsets.count == 2 else {
            throw fail("\(tensor): expected data_offsets to be [begin, end], got \(offsets.count) numbers")
        }
        let (begin, end) = (offsets[0], offsets[1])
        guard begin <= end, end <= bufferSize else {
            throw fail(
                "\(tensor): expected data_offsets within the \(bufferSize)-byte data buffer with begin <= end, got [\(begin), \(end)]")
        }
        var count = 1
        for dimension in shape {
            let (product, overflow) = count.multipliedReportingOverflow(by: dimension)
            guard !overflow, product <= Int.max / 64 else {
                throw fail("\(tensor): expected a shape whose size fits in memory, got \(shape)")
            }
            count = product
        }
        // Unknown dtypes are listed without a size check; reading one is refused in `tensor(_:)`.
        if let bits = bitsPerElement[dtype] {
            let expected = (count * bits + 7) / 8
            guard end - begin == expected else {
                throw fail(
                    "\(tensor): expected \(expected) bytes for dtype \(dtype) and shape \(shape), got \(end - begin) (data_offsets [\(begin), \(end)])"
                )
            }
        }
        return Entry(dtype: dtype, shape: shape, count: count, begin: begin, end: end)
    }

    private static let bitsPerElement: [String: Int] = [
        "BOOL": 8, "U8": 8, "I8": 8, "F8_E4M3": 8, "F8_E5M2": 8, "F8_E8M0": 8,
        "U16": 16, "I16": 16, "F16": 16, "BF16": 16,
        "U32": 32, "I32": 32, "F32": 32,
        "U64": 64, "I64": 64, "F64": 64, "C64": 64,
        "F4": 4, "F6_E2M3": 6, "F6_E3M2": 6,
    ]
}

/// Writes float32 tensors as a safetensors file that `safetensors.safe_open` (and `SafetensorsFile`) can read.
public enum SafetensorsWriter {
    /// Writes `tensors` in the given order, F32, with the header padded by spaces to 8 bytes, atomically
    /// (`OutputFile`: a temporary file beside `path`, then renamed over it).
    public static func write(
        _ tensors: [(name: String, tensor: WeightTensor)], to path: String, metadata: [String: String] = [:]
    ) throws {
        try checkNames(tensors, path: path)
        let output = try located(path) { try PendingOutput(path) }
        try write(tensors, into: output, metadata: metadata)
        try located(path) { try output.commit() }
    }

    /// Writes `tensors` into `output`'s temporary file (see `write(_:to:metadata:)`); the caller commits it,
    /// e.g. together with other files (`NetworkWriter`).
    public static func write(
        _ tensors: [(name: String, tensor: WeightTensor)], into output: PendingOutput, metadata: [String: String] = [:]
    ) throws {
        let path = output.path
        try checkNames(tensors, path: path)

        var header = "{"
        var members: [String] = []
        if !metadata.isEmpty {
            let items = metadata.keys.sorted().map { "\(jsonString($0)):\(jsonString(metadata[$0] ?? ""))" }
            members.append("\"__metadata__\":{\(items.joined(separator: ","))}")
        }
        var offset = 0
        for (name, tensor) in tensors {
            let size = tensor.count * MemoryLayout<Float>.size
            let shape = tensor.shape.map(String.init).joined(separator: ",")
            members.append("\(jsonString(name)):{\"dtype\":\"F32\",\"shape\":[\(shape)],\"data_offsets\":[\(offset),\(offset + size)]}")
            offset += size
        }
        header += members.joined(separator: ",") + "}"
        var headerBytes = Array(header.utf8)
        // 8-byte padding keeps every tensor (all multiples of 4 bytes) aligned for mapping.
        headerBytes.append(contentsOf: repeatElement(UInt8(ascii: " "), count: (8 - headerBytes.count % 8) % 8))

        try located(path) {
            try output.write { sink in
                var length = UInt64(headerBytes.count).littleEndian
                try withUnsafeBytes(of: &length) { try sink($0) }
                try headerBytes.withUnsafeBytes { try sink($0) }
                for (_, tensor) in tensors {
                    #if _endian(little)
                    try sink(UnsafeRawBufferPointer(tensor.storage.floats))
                    #else
                    let swapped = tensor.storage.floats.map { $0.bitPattern.littleEndian }
                    try swapped.withUnsafeBytes { try sink($0) }
                    #endif
                }
            }
        }
    }

    /// Refuses the reserved name `__metadata__` and names given twice.
    private static func checkNames(_ tensors: [(name: String, tensor: WeightTensor)], path: String) throws {
        var seen = Set<String>()
        for (name, _) in tensors {
            guard name != "__metadata__" else {
                throw Diagnostic("expected a tensor name other than '__metadata__', got it", at: SourceLocation(file: path))
            }
            guard seen.insert(name).inserted else {
                throw Diagnostic(
                    "expected unique tensor names, got '\(Diagnostic.quoted(name))' twice", at: SourceLocation(file: path))
            }
        }
    }

    /// Runs `body`, reporting a `FileError` as a `Diagnostic` located at `path`.
    private static func located<T>(_ path: String, _ body: () throws -> T) throws -> T {
        do { return try body() } catch let error as FileError { throw Diagnostic(error.message, at: SourceLocation(file: path)) }
    }

    /// `text` as a JSON string literal, escaping quotes, backslashes and control characters.
    public static func jsonString(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
