import CNNIR

/// The model's parameters as one binary blob, linked into the library as raw bytes.
///
/// Segments are 64-byte aligned so kernels can use aligned vector loads. A
/// segment may borrow a mapped tensor (no copy until written out) or own
/// repacked values.
public struct WeightBlob: Sendable {
    public static let alignment = 64

    /// One stored tensor and its byte offset.
    public enum Segment: Sendable {
        case tensor(WeightTensor)
        case values([Float])
        var count: Int {
            switch self {
            case .tensor(let t): return t.count
            case .values(let v): return v.count
            }
        }
    }

    public private(set) var segments: [(offset: Int, segment: Segment)] = []
    public private(set) var byteCount = 0

    public init() {}

    /// The offset (floats) the next segment will get.
    public var nextOffset: Int { (byteCount + WeightBlob.alignment - 1) / WeightBlob.alignment * WeightBlob.alignment / 4 }

    /// Appends a tensor and returns its offset in floats.
    public mutating func add(_ tensor: WeightTensor) -> Int { append(.tensor(tensor)) }

    /// Appends computed (e.g. repacked) values and returns their offset in floats.
    public mutating func add(_ values: [Float]) -> Int { append(.values(values)) }

    private mutating func append(_ segment: Segment) -> Int {
        let offset = (byteCount + WeightBlob.alignment - 1) / WeightBlob.alignment * WeightBlob.alignment
        segments.append((offset, segment))
        byteCount = offset + segment.count * 4
        return offset / 4
    }

    /// Streams the blob out in chunks (little-endian float32), so a 500 MB model never needs a second copy.
    public func write(to sink: (UnsafeRawBufferPointer) throws -> Void) rethrows {
        var position = 0
        let zeros = [UInt8](repeating: 0, count: WeightBlob.alignment)
        for (offset, segment) in segments {
            if offset > position {
                try zeros.withUnsafeBytes { try sink(UnsafeRawBufferPointer(rebasing: $0[0..<(offset - position)])) }
            }
            switch segment {
            case .tensor(let t): try sink(UnsafeRawBufferPointer(t.storage.floats))
            case .values(let v): try v.withUnsafeBytes { try sink($0) }
            }
            position = offset + segment.count * 4
        }
    }
}
