/// A model input or output: its name and its per-sample shape (the batch dimension is not part of it).
public struct TensorSpec: Sendable, Hashable {
    /// The tensor's name in the network description.
    public let name: String
    /// The shape of one sample, in C (row-major) order; `[]` for a scalar.
    public let shape: [Int]

    /// Makes a spec from a name and a per-sample shape.
    public init(name: String, shape: [Int]) {
        self.name = name
        self.shape = shape
    }

    /// Floats per sample: the product of `shape` (1 for a scalar).
    public var elementCount: Int { shape.reduce(1, *) }
}
