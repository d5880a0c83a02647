/// An elementwise operation of two tensors with NumPy broadcasting.
///
/// Comparisons and logical ops work in the float IR with masks: a comparison gives 1 where it
/// holds and 0 elsewhere (a NaN operand makes every comparison false, as in C and NumPy, so
/// `less(NaN, 0)` is 0), and the logical ops read any non-zero value as true and give a mask.
public enum BinaryOperator: String, CaseIterable, Hashable, Sendable {
    case add, sub, mul, div, pow, max, min
    case less, greater, equal
    case lessOrEqual = "less_equal"
    case greaterOrEqual = "greater_equal"
    case and, or, xor

    /// The net.json op name (`add` stays the version-1 equal-shape add; the broadcasting add is `add` with `broadcast: true`).
    public var name: String { rawValue }

    /// The ONNX op type.
    public var onnx: String {
        switch self {
        case .add: return "Add"
        case .sub: return "Sub"
        case .mul: return "Mul"
        case .div: return "Div"
        case .pow: return "Pow"
        case .max: return "Max"
        case .min: return "Min"
        case .less: return "Less"
        case .lessOrEqual: return "LessOrEqual"
        case .greater: return "Greater"
        case .greaterOrEqual: return "GreaterOrEqual"
        case .equal: return "Equal"
        case .and: return "And"
        case .or: return "Or"
        case .xor: return "Xor"
        }
    }

    /// Whether the result is a mask (0 or 1): the comparisons and the logical ops.
    public var isMask: Bool {
        switch self {
        case .add, .sub, .mul, .div, .pow, .max, .min: return false
        case .less, .lessOrEqual, .greater, .greaterOrEqual, .equal, .and, .or, .xor: return true
        }
    }

    /// Whether the operands must be masks (ONNX's And, Or and Xor take booleans).
    public var isLogical: Bool { self == .and || self == .or || self == .xor }

    /// Flops per output element as `Cost` counts them.
    public var cost: Int {
        switch self {
        case .add, .sub, .mul, .max, .min: return 1
        case .less, .lessOrEqual, .greater, .greaterOrEqual, .equal, .and, .or, .xor: return 1
        case .div: return 4
        case .pow: return 20
        }
    }
}

/// Which operand of a binary op is a constant (the node's parameter `constant`), if one is.
public struct ConstantOperand: Hashable, Sendable {
    /// The constant's per-sample shape, of the output's rank (left-padded with 1s).
    public var shape: [Int]
    /// Whether the constant is the first operand (`c - x`) rather than the second (`x - c`).
    public var isFirst: Bool
    public init(shape: [Int], isFirst: Bool) {
        self.shape = shape
        self.isFirst = isFirst
    }
}

/// `a op b` with NumPy broadcasting: two inputs, or one input and a constant operand.
public struct BinaryAttributes: Hashable, Sendable {
    public var op: BinaryOperator
    public var constant: ConstantOperand?
    /// Fused activations applied to the result.
    public var epilogue: [EpilogueStep] = []
    public init(op: BinaryOperator, constant: ConstantOperand? = nil, epilogue: [EpilogueStep] = []) {
        self.op = op
        self.constant = constant
        self.epilogue = epilogue
    }

    /// The two operands' per-sample shapes, given the node's input shapes.
    public func operandShapes(inputs: [[Int]]) -> ([Int], [Int]) {
        guard let c = constant else { return (inputs[0], inputs[1]) }
        return c.isFirst ? (c.shape, inputs[0]) : (inputs[0], c.shape)
    }
}

/// NumPy's broadcasting rule on per-sample shapes.
public enum Broadcasting {
    /// The broadcast shape of `a` and `b` (aligned at their last dimensions; each pair of sizes
    /// equal or one of them 1), or a diagnostic naming the first pair that differs.
    public static func shape(_ a: [Int], _ b: [Int], op: String) throws -> [Int] {
        let rank = Swift.max(a.count, b.count)
        let pa = padded(a, to: rank)
        let pb = padded(b, to: rank)
        var out: [Int] = []
        for d in 0..<rank {
            guard pa[d] == pb[d] || pa[d] == 1 || pb[d] == 1 else {
                throw Diagnostic(
                    "expected shapes that broadcast (equal sizes or 1, aligned at the last dimension) for \(op), got \(ShapeInference.format(a)) and \(ShapeInference.format(b)) (\(pa[d]) against \(pb[d]) in dimension \(rank - d) from the last)"
                )
            }
            out.append(Swift.max(pa[d], pb[d]))
        }
        return out
    }

    /// `shape` with 1s prepended up to `rank` dimensions.
    public static func padded(_ shape: [Int], to rank: Int) -> [Int] {
        Array(repeating: 1, count: Swift.max(rank - shape.count, 0)) + shape
    }
}
