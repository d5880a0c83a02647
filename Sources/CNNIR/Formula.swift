/// A pointwise float formula of one variable `x`: how an activation computes, independent of C.
///
/// Code generation lowers it to a C expression (scalar) or to lane-wise vector code; each case
/// has exactly one C spelling, so a formula that matches the old hand-written expression
/// generates the same C.
public indirect enum Formula: Hashable, Sendable, ExpressibleByFloatLiteral, ExpressibleByIntegerLiteral {
    /// The input value.
    case x
    case constant(Float)
    case add(Formula, Formula)
    case sub(Formula, Formula)
    case mul(Formula, Formula)
    case div(Formula, Formula)
    case negate(Formula)
    /// `a > b` or `a < b`: only as the condition of a select.
    case greater(Formula, Formula)
    case less(Formula, Formula)
    /// `condition ? a : b`.
    case select(Formula, Formula, Formula)
    case call(MathFunction, [Formula])

    public init(floatLiteral value: Double) { self = .constant(Float(value)) }
    public init(integerLiteral value: Int) { self = .constant(Float(value)) }

    public static func + (a: Formula, b: Formula) -> Formula { .add(a, b) }
    public static func - (a: Formula, b: Formula) -> Formula { .sub(a, b) }
    public static func * (a: Formula, b: Formula) -> Formula { .mul(a, b) }
    public static func / (a: Formula, b: Formula) -> Formula { .div(a, b) }
    public static prefix func - (a: Formula) -> Formula { .negate(a) }
    public static func > (a: Formula, b: Formula) -> Formula { .greater(a, b) }
    public static func < (a: Formula, b: Formula) -> Formula { .less(a, b) }

    /// `t` clamped to [0, 1], NaN staying NaN (both tests fail on a NaN, which selects `t`).
    public static func unitClamp(_ t: Formula) -> Formula { .select(t < 0, 0, .select(t > 1, 1, t)) }
}

/// The math functions a formula may call.
public enum MathFunction: Hashable, Sendable {
    /// The generated library's branch-free sigmoid, tanh, expm1, softplus (log(1 + e^x)),
    /// GELU (erf form, x * Phi(x)) and SiLU (x * sigmoid(x)) (vectorisable, a few ulp; a NaN
    /// input gives NaN).
    case sigmoid, tanh, expm1Fast, softplus, gelu, silu
    /// libm.
    case fmin, fmax, exp, expm1, log, log1p, sqrt, abs, erf
}
