import CNNIR

/// Deterministic stand-in weights for benchmarking and full-size golden tests, generated
/// from the tensor's name and a seed, so no weight file needs to exist or be committed.
///
/// The same generator is implemented in Python (`scripts/cnnc_tools/seeded.py`) to feed PyTorch;
/// `docs/seeded-weights.md` is the specification both follow bit for bit:
/// r_i = splitmix64((fnv1a64(name) ^ seed) + i), u_i = (r_i >> 40) / 2^23 - 1 in [-1, 1),
/// and each value is float32(f(u_i)) with f computed in double per parameter kind.
public struct SeededWeights: Sendable, Hashable {
    public var seed: UInt64
    /// Multiplier of the He-style weight scale sqrt(3) * gain / sqrt(fan_in).
    public var gain: Double

    public init(seed: UInt64, gain: Double = 2.0.squareRoot()) {
        self.seed = seed
        self.gain = gain
    }

    static func fnv1a64(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return hash
    }

    static func splitmix64(_ x: UInt64) -> UInt64 {
        var z = x &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// The uniform numbers u_i in [-1, 1) of tensor `name`.
    public func uniform(_ name: String, count: Int) -> [Double] {
        let base = SeededWeights.fnv1a64(name) ^ seed
        return (0..<count).map { i in Double(SeededWeights.splitmix64(base &+ UInt64(i)) >> 40) / 8_388_608.0 - 1.0 }
    }

    /// The values of parameter `parameter` of `layer` (an op of kind `op`) with `shape`.
    public func parameter(layer: String, parameter: String, op: Op, shape: [Int]) -> WeightTensor {
        let u = uniform(layer + "." + parameter, count: shape.reduce(1, *))
        let f: (Double) -> Double
        switch (op, parameter) {
        case (.batchNorm, "weight"): f = { 1 + 0.1 * $0 }
        case (.batchNorm, "bias"), (.batchNorm, "running_mean"): f = { 0.1 * $0 }
        case (.batchNorm, "running_var"): f = { 1 + 0.25 * ($0 + 1) }
        case (.prelu, _): f = { 0.25 + 0.05 * $0 }
        case (_, "weight") where shape.count >= 2:
            let scale = 3.0.squareRoot() * gain / Double(shape.dropFirst().reduce(1, *)).squareRoot()
            f = { $0 * scale }
        default: f = { 0.1 * $0 }
        }
        return WeightTensor(shape: shape, values: u.map { Float(f($0)) })
    }

    /// A model input `name` of `count` floats: u_i as float32.
    public func input(_ name: String, count: Int) -> [Float] {
        uniform("input:" + name, count: count).map { Float($0) }
    }
}
