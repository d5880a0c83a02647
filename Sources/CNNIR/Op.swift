/// Max or average pooling.
public enum PoolKind: String, Hashable, Sendable {
    case max
    case average
}

/// Explicit padding per spatial dimension, resolved from "valid", "same", "full" or numbers.
public struct Padding: Hashable, Sendable {
    public var begin: [Int]
    public var end: [Int]
    public init(begin: [Int], end: [Int]) {
        self.begin = begin
        self.end = end
    }
    public static func zero(rank: Int) -> Padding {
        Padding(begin: Array(repeating: 0, count: rank), end: Array(repeating: 0, count: rank))
    }
    public var isZero: Bool { begin.allSatisfy { $0 == 0 } && end.allSatisfy { $0 == 0 } }
}

/// One step applied to a kernel's result while it is still in registers.
///
/// Steps run in order; a pool, when present, is the last step and changes the output shape.
public enum EpilogueStep: Hashable, Sendable {
    /// Applies an activation.
    case activation(Activation)
    /// Adds another tensor of the same shape: `inputs[operand]` of the node (a fused residual add).
    case add(operand: Int)
    /// Pools the result; the node's output shape is the pooled shape.
    case pool(PoolAttributes)
}

/// Convolution, 1-D to 3-D, with groups and dilation.
public struct ConvAttributes: Hashable, Sendable {
    public var filters: Int
    public var kernel: [Int]
    public var stride: [Int]
    public var dilation: [Int]
    public var padding: Padding
    public var groups: Int
    public var hasBias: Bool
    public var epilogue: [EpilogueStep] = []
    /// The operand (an index into the node's inputs) holding one scale per input channel, shape
    /// [C, 1, ...]: the conv reads x[c] * scale[c] (a squeeze-and-excitation block's gate,
    /// `FuseInputScale`), or nil.
    public var inputScale: Int? = nil
    public var spatialRank: Int { kernel.count }
    public init(
        filters: Int, kernel: [Int], stride: [Int], dilation: [Int], padding: Padding, groups: Int, hasBias: Bool,
        epilogue: [EpilogueStep] = []
    ) {
        self.filters = filters
        self.kernel = kernel
        self.stride = stride
        self.dilation = dilation
        self.padding = padding
        self.groups = groups
        self.hasBias = hasBias
        self.epilogue = epilogue
    }
}

/// Transposed convolution ("up-convolution"), PyTorch semantics.
public struct ConvTransposeAttributes: Hashable, Sendable {
    public var filters: Int
    public var kernel: [Int]
    public var stride: [Int]
    public var dilation: [Int]
    /// Symmetric padding per spatial dimension (PyTorch's `padding`).
    public var padding: [Int]
    public var outputPadding: [Int]
    public var groups: Int
    public var hasBias: Bool
    public var epilogue: [EpilogueStep] = []
    public var spatialRank: Int { kernel.count }
    public init(
        filters: Int, kernel: [Int], stride: [Int], dilation: [Int], padding: [Int], outputPadding: [Int], groups: Int, hasBias: Bool,
        epilogue: [EpilogueStep] = []
    ) {
        self.filters = filters
        self.kernel = kernel
        self.stride = stride
        self.dilation = dilation
        self.padding = padding
        self.outputPadding = outputPadding
        self.groups = groups
        self.hasBias = hasBias
        self.epilogue = epilogue
    }
}

/// Fully connected layer on a flat input, or (`lastAxis`, net.json's `linear`) on the last axis
/// of an input of any rank: `[..., K]` to `[..., units]`, as PyTorch's `nn.Linear`.
public struct DenseAttributes: Hashable, Sendable {
    public var units: Int
    public var hasBias: Bool
    public var epilogue: [EpilogueStep] = []
    /// Applies to the last axis, every other axis being rows (false: the input must be flat).
    public var lastAxis: Bool = false
    public init(units: Int, hasBias: Bool, epilogue: [EpilogueStep] = [], lastAxis: Bool = false) {
        self.units = units
        self.hasBias = hasBias
        self.epilogue = epilogue
        self.lastAxis = lastAxis
    }
}

/// Windowed max or average pooling, 1-D to 3-D.
public struct PoolAttributes: Hashable, Sendable {
    public var kind: PoolKind
    public var size: [Int]
    public var stride: [Int]
    public var padding: Padding
    public var ceilMode: Bool
    public var countIncludePad: Bool
    /// Spacing of the window's cells (1: adjacent).
    public var dilation: [Int]
    public var spatialRank: Int { size.count }
    /// True when some dilation is above 1 (only the direct kernel handles those).
    public var isDilated: Bool { dilation.contains { $0 != 1 } }
    public init(kind: PoolKind, size: [Int], stride: [Int], padding: Padding, ceilMode: Bool, countIncludePad: Bool, dilation: [Int]? = nil)
    {
        self.kind = kind
        self.size = size
        self.stride = stride
        self.padding = padding
        self.ceilMode = ceilMode
        self.countIncludePad = countIncludePad
        self.dilation = dilation ?? Array(repeating: 1, count: size.count)
    }
}

/// Local response normalisation across channels (PyTorch/ONNX form).
public struct LRNAttributes: Hashable, Sendable {
    public var size: Int
    public var alpha: Float
    public var beta: Float
    public var k: Float
    public init(size: Int, alpha: Float, beta: Float, k: Float) {
        self.size = size
        self.alpha = alpha
        self.beta = beta
        self.k = k
    }
}

/// How `upsample2d` fills new pixels.
public enum UpsampleMode: String, Hashable, Sendable {
    case nearest
    case bilinear
}

/// Whether a learned `bias` op adds one value per channel or one per element.
public enum BiasMode: String, Hashable, Sendable {
    case channel
    case position
}

/// Every operation the IR knows. Switches over it have no `default:`, so a new
/// case makes the compiler list every place that must handle it.
public enum Op: Hashable, Sendable {
    /// A model input; its shape is the node's shape.
    case input(index: Int)
    case conv(ConvAttributes)
    case convTranspose(ConvTransposeAttributes)
    case dense(DenseAttributes)
    case flatten
    case pool(PoolAttributes)
    case globalPool(PoolKind)
    case adaptivePool(PoolKind, output: [Int])
    case activation(Activation)
    case prelu
    /// Softmax (or with `log`, log-softmax) over one per-sample axis.
    case softmax(axis: Int, log: Bool = false)
    /// Mean, sum, max, ... over a set of per-sample axes.
    case reduce(ReduceAttributes)
    /// Layer, instance or group normalisation with the learned `weight` and `bias`.
    case normalization(NormAttributes)
    /// Standalone batchnorm (one that follows no conv or dense); `epilogue` holds fused activations.
    case batchNorm(epsilon: Float, epilogue: [EpilogueStep])
    case lrn(LRNAttributes)
    case dropout(rate: Float)
    case add(epilogue: [EpilogueStep])
    case concat(axis: Int)
    case upsample(scale: [Int], mode: UpsampleMode)
    /// Constant, reflect, edge or wrap padding (negative: cropping) of any per-sample axis.
    case pad(PadAttributes)
    /// Nearest, linear or cubic resizing of any per-sample axes (`upsample` is the integer fast path).
    case resize(ResizeAttributes)
    /// Windowed or global Lp pooling.
    case lpPool(LpPoolAttributes)
    case bias(BiasMode)
    /// `a op b` with NumPy broadcasting (sub, mul, SE scales, `x * sigmoid(x)`...); `epilogue` holds fused activations.
    case binary(BinaryAttributes)
    /// `condition != 0 ? x : y` with NumPy broadcasting (ONNX Where); any operand may be a constant.
    case select(WhereAttributes)
    /// Reshape, transpose, slice, channel shuffle, depth/space rearrangements (`MovementOp`).
    case movement(MovementOp)
    /// `a @ b` with NumPy's matmul rule (batched, broadcasting batch axes, 1-D operands promoted).
    case matmul(MatMulAttributes)

    /// The short name used in diagnostics and `cnnc inspect`.
    public var kindName: String {
        switch self {
        case .input: return "input"
        case .conv(let a): return "conv\(a.spatialRank)d"
        case .convTranspose(let a): return "conv_transpose\(a.spatialRank)d"
        case .dense(let a): return a.lastAxis ? "linear" : "dense"
        case .flatten: return "flatten"
        case .pool(let a): return (a.kind == .max ? "maxpool" : "avgpool") + "\(a.spatialRank)d"
        case .globalPool(let k): return k == .max ? "global_maxpool" : "global_avgpool"
        case .adaptivePool(let k, _): return k == .max ? "adaptive_maxpool2d" : "adaptive_avgpool2d"
        case .activation(let a): return a.kind.rawValue
        case .prelu: return "prelu"
        case .softmax(_, let log): return log ? "log_softmax" : "softmax"
        case .reduce(let a): return a.kind.name
        case .normalization(let a): return a.name
        case .batchNorm: return "batchnorm"
        case .lrn: return "lrn"
        case .dropout: return "dropout"
        case .add: return "add"
        case .concat: return "concat"
        case .upsample: return "upsample2d"
        case .pad: return "pad"
        case .resize: return "resize"
        case .lpPool(let a): return a.window.map { "lppool\($0.spatialRank)d" } ?? "global_lppool"
        case .bias: return "bias"
        case .binary(let a): return a.op.name
        case .select: return "where"
        case .movement(let m): return m.name
        case .matmul: return "matmul"
        }
    }

    /// The fused epilogue of ops that carry one.
    public var epilogue: [EpilogueStep] {
        switch self {
        case .conv(let a): return a.epilogue
        case .convTranspose(let a): return a.epilogue
        case .dense(let a): return a.epilogue
        case .add(let e): return e
        case .batchNorm(_, let e): return e
        case .binary(let a): return a.epilogue
        case .input, .flatten, .pool, .globalPool, .adaptivePool, .activation, .prelu, .softmax,
            .lrn, .dropout, .concat, .upsample, .pad, .bias, .movement, .reduce, .normalization, .resize, .lpPool, .select, .matmul:
            return []
        }
    }

    /// A copy with `epilogue` replaced, or nil for ops that cannot carry one.
    public func withEpilogue(_ steps: [EpilogueStep]) -> Op? {
        switch self {
        case .conv(var a):
            a.epilogue = steps
            return .conv(a)
        case .convTranspose(var a):
            a.epilogue = steps
            return .convTranspose(a)
        case .dense(var a):
            a.epilogue = steps
            return .dense(a)
        case .add: return .add(epilogue: steps)
        case .batchNorm(let epsilon, _):
            // Only activations: the elementwise kernel has no second operand and no window.
            guard steps.allSatisfy({ if case .activation = $0 { return true } else { return false } }) else { return nil }
            return .batchNorm(epsilon: epsilon, epilogue: steps)
        case .binary(var a):
            // Only activations: the broadcasting kernel has no third operand and no window.
            guard steps.allSatisfy({ if case .activation = $0 { return true } else { return false } }) else { return nil }
            a.epilogue = steps
            return .binary(a)
        case .input, .flatten, .pool, .globalPool, .adaptivePool, .activation, .prelu, .softmax,
            .lrn, .dropout, .concat, .upsample, .pad, .bias, .movement, .reduce, .normalization, .resize, .lpPool, .select, .matmul:
            return nil
        }
    }
}
