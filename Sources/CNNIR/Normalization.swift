/// A reduction over a set of axes: how the reduced values combine.
public enum ReduceKind: String, CaseIterable, Hashable, Sendable {
    case mean, sum, max, min, l1, l2
    case sumSquare = "sum_square"
    case logSumExp = "log_sum_exp"
    case prod

    /// The net.json op name (`reduce_mean`, ...).
    public var name: String { "reduce_" + rawValue }

    /// The ONNX op type (`ReduceMean`, ...).
    public var onnx: String {
        switch self {
        case .mean: return "ReduceMean"
        case .sum: return "ReduceSum"
        case .max: return "ReduceMax"
        case .min: return "ReduceMin"
        case .l1: return "ReduceL1"
        case .l2: return "ReduceL2"
        case .sumSquare: return "ReduceSumSquare"
        case .logSumExp: return "ReduceLogSumExp"
        case .prod: return "ReduceProd"
        }
    }

    /// The first opset in which the ONNX op takes its axes as input 1 instead of an attribute
    /// (ReduceSum moved in 13, the others in 18).
    public var axesInputSince: Int { self == .sum ? 13 : 18 }

    /// Flops per input element as `Cost` counts them.
    public var cost: Int {
        switch self {
        case .mean, .sum, .max, .min, .l1, .prod: return 1
        case .l2, .sumSquare: return 2
        case .logSumExp: return 6
        }
    }
}

/// A reduction over `axes` of the per-sample shape (never the batch).
public struct ReduceAttributes: Hashable, Sendable {
    public var kind: ReduceKind
    /// Per-sample axes, sorted, distinct, at least one.
    public var axes: [Int]
    /// Whether reduced axes stay as size 1 (ONNX keepdims=1) or are removed.
    public var keepDims: Bool
    public init(kind: ReduceKind, axes: [Int], keepDims: Bool) {
        self.kind = kind
        self.axes = axes
        self.keepDims = keepDims
    }

    /// The output shape on `input`, or a diagnostic for a bad axis list.
    public func outputShape(input: [Int]) throws -> [Int] {
        guard !axes.isEmpty else { throw Diagnostic("expected at least one axis for \(kind.name), got none") }
        for a in axes where a < 0 || a >= input.count {
            throw Diagnostic(
                "expected \(kind.name) axes in 0..<\(input.count) for input \(ShapeInference.format(input)), got \(ShapeInference.format(axes))"
            )
        }
        guard axes == Array(Set(axes)).sorted() else {
            throw Diagnostic("expected distinct \(kind.name) axes in increasing order, got \(ShapeInference.format(axes))")
        }
        if keepDims { return input.indices.map { axes.contains($0) ? 1 : input[$0] } }
        let kept = input.indices.filter { !axes.contains($0) }.map { input[$0] }
        // Reducing every per-sample axis without keepdims leaves one value per sample: [1].
        return kept.isEmpty ? [1] : kept
    }
}

/// Which normalisation a `normalization` node computes; all divide by sqrt(var + epsilon)
/// (the biased variance) and then apply a learned `weight` and `bias`.
public enum NormKind: Hashable, Sendable {
    /// Layer norm over the per-sample axes `first...last` (ONNX's axis to the end is
    /// `first = axis, last = rank - 1`; a channels-first layer norm of `[C, H, W]`, ConvNeXt's,
    /// is `first = last = 0`). `weight` and `bias` have the shape of those axes.
    case layer(first: Int, last: Int)
    /// Instance norm: each channel over its spatial positions; `weight`, `bias` per channel.
    case instance
    /// Group norm: each of `groups` consecutive channel groups over its channels and positions;
    /// `weight`, `bias` per channel (PyTorch's and ONNX opset 21's form).
    case group(Int)
}

/// A layer, instance or group normalisation with its learned affine.
public struct NormAttributes: Hashable, Sendable {
    public var kind: NormKind
    public var epsilon: Float
    public init(kind: NormKind, epsilon: Float) {
        self.kind = kind
        self.epsilon = epsilon
    }

    /// The net.json op name.
    public var name: String {
        switch kind {
        case .layer: return "layernorm"
        case .instance: return "instancenorm"
        case .group: return "groupnorm"
        }
    }

    /// Checks the kind against `input` (the output has the input's shape).
    public func check(input: [Int]) throws {
        guard epsilon >= 0 else { throw Diagnostic("expected epsilon >= 0 for \(name), got \(epsilon)") }
        switch kind {
        case .layer(let first, let last):
            guard first >= 0, first <= last, last < input.count else {
                throw Diagnostic(
                    "expected layernorm axes first <= last in 0..<\(input.count) for input \(ShapeInference.format(input)), got \(first)...\(last)"
                )
            }
        case .instance:
            guard input.count >= 2 else {
                throw Diagnostic(
                    "expected an input with channels and at least one spatial dimension for instancenorm, got \(ShapeInference.format(input))"
                )
            }
        case .group(let groups):
            guard groups >= 1, input[0] % groups == 0 else {
                throw Diagnostic(
                    "expected channels divisible by groups (\(groups)) for groupnorm, got \(input[0]) channels in \(ShapeInference.format(input))"
                )
            }
        }
    }

    /// The shape of `weight` and `bias` on `input`.
    public func parameterShape(input: [Int]) -> [Int] {
        switch kind {
        case .layer(let first, let last): return Array(input[first...last])
        case .instance, .group: return [input[0]]
        }
    }

    /// The normalised blocks of one sample: `outer` groups of `length` values each spread over
    /// `inner`-strided runs ([outer][length][inner] in memory, normalised over `length` for
    /// each inner position); the affine index of element (o, j, i) is `affine(o, j)`.
    public func blocks(input: [Int]) -> (outer: Int, length: Int, inner: Int) {
        switch kind {
        case .layer(let first, let last):
            return (input[..<first].reduce(1, *), input[first...last].reduce(1, *), input[(last + 1)...].reduce(1, *))
        case .instance:
            return (input[0], input.dropFirst().reduce(1, *), 1)
        case .group(let g):
            return (g, input.reduce(1, *) / g, 1)
        }
    }
}
