import CNNFrontend
import CNNIR
import Foundation

/// What an initializer is used for; decides the seeded generator's rule when its data is generated.
enum ParameterRole: Equatable {
    /// A conv, transposed conv or dense weight; `fanIn` is the He-scale's fan-in.
    case weight(fanIn: Int)
    /// A conv, dense or Add bias, or any other float constant: 0.1 u.
    case bias
    /// BatchNormalization's scale, B, mean or var.
    case batchNorm(BatchNormPart)
    /// PRelu's slope.
    case preluSlope
    /// The scale of LayerNormalization, GroupNormalization or InstanceNormalization (their bias is `.bias`).
    case normScale

    enum BatchNormPart { case scale, bias, mean, variance }
}

/// Decodes `TensorProto`s: inline (raw_data or the typed fields) and external data files.
struct TensorDecoder {
    /// Directory that external data locations are relative to.
    var modelDirectory: String
    /// The model file, for diagnostics.
    var modelFile: String
    var seeded: SeededWeights?
    /// `--limit weight-bytes` bounds each generated (seeded) initializer before it is made; the
    /// total is checked once the graph is imported (`Compiler.load`).
    var limits = Limits()
    /// How diagnostics call the tensor being decoded ("initializer", or "value tensor" for a Constant node's).
    var kind = "initializer"

    static let floatType: Int32 = 1
    static let typeNames: [Int32: String] = [
        0: "UNDEFINED", 1: "FLOAT", 2: "UINT8", 3: "INT8", 4: "UINT16", 5: "INT16", 6: "INT32", 7: "INT64",
        8: "STRING", 9: "BOOL", 10: "FLOAT16", 11: "DOUBLE", 12: "UINT32", 13: "UINT64", 14: "COMPLEX64",
        15: "COMPLEX128", 16: "BFLOAT16",
    ]

    static func typeName(_ type: Int32) -> String { typeNames[type] ?? "type \(type)" }

    func fail(_ tensor: Onnx_TensorProto, _ message: String) -> Diagnostic {
        Diagnostic("\(kind) '\(Diagnostic.quoted(tensor.name))': \(message)", at: SourceLocation(file: modelFile))
    }

    /// The tensor's value; `role` picks the seeded rule when its external file is missing and seeding is on.
    func decode(_ tensor: Onnx_TensorProto, role: ParameterRole = .bias) throws -> ConstTensor {
        var shape: [Int] = []
        for d in tensor.dims {
            guard d >= 0, d <= 1 << 40 else { throw fail(tensor, "expected non-negative dimensions, got \(tensor.dims)") }
            shape.append(Int(d))
        }
        guard ShapeBounds.isBounded(shape), let count = ShapeInference.boundedElementCount(shape) else {
            throw fail(tensor, "expected at most 2^40 elements (zero dimensions aside), got shape \(shape)")
        }
        let type = tensor.dataType
        let bytes: Data?
        if tensor.dataLocation == .external {
            let external = try externalBytes(tensor)
            guard let external else {
                // Missing file with seeding on: generate it (floats only), within the weight limit.
                let (bytes, overflow) = count.multipliedReportingOverflow(by: 4)
                try limits.checkWeights(total: overflow ? .max : bytes, adding: tensor.name, at: SourceLocation(file: modelFile))
                return try seededValue(tensor, shape: shape, count: count, role: role)
            }
            bytes = external
        } else {
            bytes = tensor.hasRawData ? tensor.rawData : nil
        }
        switch type {
        case 1:  // FLOAT
            if let bytes { return ConstTensor(shape: shape, floats: try littleFloats(bytes, count: count, tensor)) }
            return ConstTensor(shape: shape, floats: try checked(tensor.floatData, count, tensor))
        case 11:  // DOUBLE
            if let bytes {
                return ConstTensor(
                    shape: shape, floats: try little(bytes, count: count, tensor, UInt64.self, bits: { Float(Double(bitPattern: $0)) }))
            }
            return ConstTensor(shape: shape, floats: try checked(tensor.doubleData, count, tensor).map(Float.init))
        case 7:  // INT64
            if let bytes {
                return ConstTensor(
                    shape: shape, known: try little(bytes, count: count, tensor, UInt64.self, bits: { Int64(bitPattern: $0) }))
            }
            return ConstTensor(shape: shape, known: try checked(tensor.int64Data, count, tensor))
        case 6:  // INT32
            if let bytes {
                return ConstTensor(
                    shape: shape, known: try little(bytes, count: count, tensor, UInt32.self, bits: { Int64(Int32(bitPattern: $0)) }))
            }
            return ConstTensor(shape: shape, known: try checked(tensor.int32Data, count, tensor).map { Int64($0) })
        case 2, 3, 4, 5, 9:  // UINT8, INT8, UINT16, INT16, BOOL: int32_data or packed raw bytes
            if let bytes {
                let width = (type == 4 || type == 5) ? 2 : 1
                guard bytes.count == count * width else {
                    throw fail(tensor, "expected \(count * width) bytes of raw_data, got \(bytes.count)")
                }
                let b = [UInt8](bytes)
                let values: [Int64] = (0..<count).map { k in
                    switch type {
                    case 3: return Int64(Int8(bitPattern: b[k]))
                    case 4: return Int64(UInt16(b[2 * k]) | UInt16(b[2 * k + 1]) << 8)
                    case 5: return Int64(Int16(bitPattern: UInt16(b[2 * k]) | UInt16(b[2 * k + 1]) << 8))
                    default: return Int64(b[k])
                    }
                }
                return ConstTensor(shape: shape, known: values)
            }
            return ConstTensor(shape: shape, known: try checked(tensor.int32Data, count, tensor).map { Int64($0) })
        case 12, 13:  // UINT32, UINT64
            if let bytes, type == 12 {
                return ConstTensor(shape: shape, known: try little(bytes, count: count, tensor, UInt32.self, bits: { Int64($0) }))
            }
            if let bytes {
                return ConstTensor(
                    shape: shape, known: try little(bytes, count: count, tensor, UInt64.self, bits: { Int64(truncatingIfNeeded: $0) }))
            }
            return ConstTensor(shape: shape, known: try checked(tensor.uint64Data, count, tensor).map { Int64(truncatingIfNeeded: $0) })
        default:
            throw fail(tensor, "expected data type FLOAT, DOUBLE or an integer type, got \(Self.typeName(type))")
        }
    }

    func checked<T>(_ values: [T], _ count: Int, _ tensor: Onnx_TensorProto) throws -> [T] {
        guard values.count == count else {
            throw fail(
                tensor, "expected \(count) values for shape \(ShapeInference.format(tensor.dims.map { Int($0) })), got \(values.count)")
        }
        return values
    }

    /// `count` little-endian float32 values, copied in one go on little-endian hosts.
    func littleFloats(_ bytes: Data, count: Int, _ tensor: Onnx_TensorProto) throws -> [Float] {
        #if _endian(little)
        guard bytes.count == count * 4 else {
            throw fail(
                tensor,
                "expected \(count * 4) bytes of data for shape \(ShapeInference.format(tensor.dims.map { Int($0) })) (FLOAT), got \(bytes.count)"
            )
        }
        return [Float](unsafeUninitializedCapacity: count) { buffer, initialized in
            bytes.withUnsafeBytes { raw in
                if count > 0 { UnsafeMutableRawPointer(buffer.baseAddress!).copyMemory(from: raw.baseAddress!, byteCount: count * 4) }
            }
            initialized = count
        }
        #else
        return try little(bytes, count: count, tensor, UInt32.self, bits: { Float(bitPattern: $0) })
        #endif
    }

    /// `count` little-endian values of `Word`'s width, converted by `bits`.
    func little<Word: FixedWidthInteger, T>(
        _ bytes: Data, count: Int, _ tensor: Onnx_TensorProto, _ word: Word.Type, bits: (Word) -> T
    ) throws -> [T] {
        let width = MemoryLayout<Word>.size
        guard bytes.count == count * width else {
            throw fail(
                tensor,
                "expected \(count * width) bytes of data for shape \(ShapeInference.format(tensor.dims.map { Int($0) })) (\(Self.typeName(tensor.dataType))), got \(bytes.count)"
            )
        }
        return bytes.withUnsafeBytes { raw in
            (0..<count).map { k in bits(Word(littleEndian: raw.loadUnaligned(fromByteOffset: k * width, as: Word.self))) }
        }
    }

    /// The seeded stand-in for a float initializer (docs/onnx.md, "Seeded weights").
    func seededValue(_ tensor: Onnx_TensorProto, shape: [Int], count: Int, role: ParameterRole) throws -> ConstTensor {
        guard let seeded else { preconditionFailure("seeded values without a generator") }
        let u = seeded.uniform(tensor.name, count: count)
        let f: (Double) -> Double
        switch role {
        case .weight(let fanIn):
            let scale = 3.0.squareRoot() * seeded.gain / Double(max(fanIn, 1)).squareRoot()
            f = { $0 * scale }
        case .bias: f = { 0.1 * $0 }
        case .batchNorm(.scale): f = { 1 + 0.1 * $0 }
        case .batchNorm(.bias), .batchNorm(.mean): f = { 0.1 * $0 }
        case .batchNorm(.variance): f = { 1 + 0.25 * ($0 + 1) }
        case .preluSlope: f = { 0.25 + 0.05 * $0 }
        case .normScale: f = { 1 + 0.1 * $0 }
        }
        return ConstTensor(shape: shape, floats: u.map { Float(f($0)) })
    }
}
