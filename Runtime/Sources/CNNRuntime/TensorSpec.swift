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

/// One generated kernel (a fused group of layers) as the library describes it.
public struct KernelSpec: Sendable, Hashable {
    /// The kernel's C function name.
    public let name: String
    /// Its op, e.g. "conv2d".
    public let op: String
    /// The description layers it computes, joined by " + ".
    public let layers: String
    /// Approximate floating-point operations per sample.
    public let flopsPerSample: Int
}
