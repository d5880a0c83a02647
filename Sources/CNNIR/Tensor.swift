/// Float32 weight data, either owned by Swift or borrowed from a mapped file.
///
/// Large safetensors files are mapped rather than copied, so a 500 MB model
/// costs no Swift-heap copy until a pass rewrites a tensor.
public final class WeightStorage: @unchecked Sendable {
    /// The floats; valid for the lifetime of this object.
    public let floats: UnsafeBufferPointer<Float>
    private let owner: AnyObject?
    private let ownedBase: UnsafeMutableBufferPointer<Float>?

    /// Copies `values` into storage owned by this object.
    public init(_ values: [Float]) {
        let buffer = UnsafeMutableBufferPointer<Float>.allocate(capacity: max(values.count, 1))
        _ = buffer.initialize(from: values)
        ownedBase = buffer
        floats = UnsafeBufferPointer(rebasing: buffer[0..<values.count])
        owner = nil
    }

    /// Borrows `floats`, keeping `owner` (e.g. a mapped file) alive as long as this storage.
    /// (Immutable memory that nobody writes, hence `@unchecked Sendable`.)
    public init(borrowing floats: UnsafeBufferPointer<Float>, owner: AnyObject) {
        self.floats = floats
        self.owner = owner
        ownedBase = nil
    }

    deinit { ownedBase?.deallocate() }
}

/// A float32 parameter tensor (weights, bias, batchnorm statistics...).
public struct WeightTensor: Sendable {
    public var shape: [Int]
    public var storage: WeightStorage

    public init(shape: [Int], storage: WeightStorage) {
        precondition(shape.reduce(1, *) == storage.floats.count, "tensor shape does not match its data")
        self.shape = shape
        self.storage = storage
    }

    /// Makes an owned tensor from values.
    public init(shape: [Int], values: [Float]) {
        self.init(shape: shape, storage: WeightStorage(values))
    }

    public var count: Int { storage.floats.count }
    /// The values, copied into an array.
    public var values: [Float] { Array(storage.floats) }
}
