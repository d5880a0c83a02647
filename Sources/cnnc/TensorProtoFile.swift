import CNNNumPy
import Foundation

/// Reads one serialized ONNX `TensorProto` (the `input_0.pb` / `output_0.pb` files of ONNX test
/// data sets) holding FLOAT or DOUBLE data, inline (`raw_data`, `float_data` or `double_data`).
///
/// A small protobuf wire-format reader of the few fields needed (the ONNX importer's generated
/// types are internal to it); every length is checked, so a bad file is an error, not a trap.
enum TensorProtoFile {
    /// The tensor's name (may be empty) and values as float32.
    static func read(contentsOf path: String) throws -> (name: String, array: NPYArray) {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw VerifyError("\(path): expected a readable TensorProto (.pb) file, got no file at that path")
        }
        return try decode([UInt8](data), file: path)
    }

    static func decode(_ bytes: [UInt8], file: String) throws -> (name: String, array: NPYArray) {
        func fail(_ what: String) -> VerifyError { VerifyError("\(file): expected a serialized ONNX TensorProto, got \(what)") }
        var reader = WireReader(bytes: bytes)
        var dims: [Int] = []
        var dataType: UInt64 = 0
        var name = ""
        var raw: ArraySlice<UInt8>?
        var floats: [Float] = []
        var doubles: [Double] = []
        var external = false
        while !reader.atEnd {
            guard let key = reader.varint() else { throw fail("a truncated field key") }
            let field = key >> 3, wire = key & 7
            switch (field, wire) {
            case (1, 0):
                guard let d = reader.varint() else { throw fail("a truncated dimension") }
                dims.append(Int(truncatingIfNeeded: d))
            case (1, 2):
                guard var packed = reader.lengthDelimited().map({ WireReader(bytes: Array($0)) }) else { throw fail("truncated dims") }
                while !packed.atEnd {
                    guard let d = packed.varint() else { throw fail("truncated dims") }
                    dims.append(Int(truncatingIfNeeded: d))
                }
            case (2, 0):
                guard let t = reader.varint() else { throw fail("a truncated data_type") }
                dataType = t
            case (4, 2):
                guard let packed = reader.lengthDelimited(), packed.count % 4 == 0 else { throw fail("truncated float_data") }
                floats += stride(from: packed.startIndex, to: packed.endIndex, by: 4).map { Float(bitPattern: le32(packed, $0)) }
            case (4, 5):
                guard let word = reader.fixed(4) else { throw fail("truncated float_data") }
                floats.append(Float(bitPattern: le32(word, word.startIndex)))
            case (8, 2):
                guard let text = reader.lengthDelimited() else { throw fail("a truncated name") }
                name = String(decoding: text, as: UTF8.self)
            case (9, 2):
                guard let bytes = reader.lengthDelimited() else { throw fail("truncated raw_data") }
                raw = bytes
            case (10, 2):
                guard let packed = reader.lengthDelimited(), packed.count % 8 == 0 else { throw fail("truncated double_data") }
                doubles += stride(from: packed.startIndex, to: packed.endIndex, by: 8).map { Double(bitPattern: le64(packed, $0)) }
            case (10, 1):
                guard let word = reader.fixed(8) else { throw fail("truncated double_data") }
                doubles.append(Double(bitPattern: le64(word, word.startIndex)))
            case (14, 0):
                guard let location = reader.varint() else { throw fail("a truncated data_location") }
                external = location == 1
            default:
                guard reader.skip(wire: wire) else { throw fail("a field \(field) of wire type \(wire) that cannot be skipped") }
            }
        }
        let label = name.isEmpty ? "" : " '\(name)'"
        guard !external else { throw VerifyError("\(file): expected a tensor with inline data, got tensor\(label) with external data (save it with its data inline)") }
        guard dims.allSatisfy({ $0 >= 0 && $0 <= 1 << 40 }), dims.reduce(1, { $0.multipliedReportingOverflow(by: $1).overflow ? Int.max : $0 * $1 }) < 1 << 40 else {
            throw fail("dimensions \(dims)")
        }
        let count = dims.reduce(1, *)
        let values: [Float]
        switch dataType {
        case 1:
            if let raw {
                guard raw.count == count * 4 else { throw VerifyError("\(file): expected \(count * 4) bytes of raw_data for shape \(dims) (FLOAT), got \(raw.count)") }
                values = stride(from: raw.startIndex, to: raw.endIndex, by: 4).map { Float(bitPattern: le32(raw, $0)) }
            } else {
                values = floats
            }
        case 11:
            if let raw {
                guard raw.count == count * 8 else { throw VerifyError("\(file): expected \(count * 8) bytes of raw_data for shape \(dims) (DOUBLE), got \(raw.count)") }
                values = stride(from: raw.startIndex, to: raw.endIndex, by: 8).map { Float(Double(bitPattern: le64(raw, $0))) }
            } else {
                values = doubles.map(Float.init)
            }
        default:
            throw VerifyError("\(file): expected tensor\(label) of data type FLOAT or DOUBLE, got data type \(dataType)")
        }
        guard values.count == count else {
            throw VerifyError("\(file): expected \(count) values for shape \(dims), got \(values.count)")
        }
        return (name, NPYArray(shape: dims, values: values))
    }

    private static func le32(_ b: ArraySlice<UInt8>, _ i: Int) -> UInt32 {
        UInt32(b[i]) | UInt32(b[i + 1]) << 8 | UInt32(b[i + 2]) << 16 | UInt32(b[i + 3]) << 24
    }

    private static func le64(_ b: ArraySlice<UInt8>, _ i: Int) -> UInt64 {
        UInt64(le32(b, i)) | UInt64(le32(b, i + 4)) << 32
    }
}

/// A cursor over protobuf wire-format bytes; every read returns nil past the end.
private struct WireReader {
    let bytes: [UInt8]
    var position = 0

    var atEnd: Bool { position >= bytes.count }

    mutating func varint() -> UInt64? {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while position < bytes.count, shift < 64 {
            let byte = bytes[position]
            position += 1
            value |= UInt64(byte & 0x7F) << shift
            if byte & 0x80 == 0 { return value }
            shift += 7
        }
        return nil
    }

    mutating func fixed(_ count: Int) -> ArraySlice<UInt8>? {
        guard bytes.count - position >= count else { return nil }
        defer { position += count }
        return bytes[position..<position + count]
    }

    mutating func lengthDelimited() -> ArraySlice<UInt8>? {
        guard let length = varint(), length <= UInt64(bytes.count - position) else { return nil }
        return fixed(Int(length))
    }

    mutating func skip(wire: UInt64) -> Bool {
        switch wire {
        case 0: return varint() != nil
        case 1: return fixed(8) != nil
        case 2: return lengthDelimited() != nil
        case 5: return fixed(4) != nil
        default: return false
        }
    }
}
