import CNNIR

// Vector forms of activations whose formulas call math functions (sigmoid, tanh, SiLU, GELU,
// ELU): `vectorExpr` covers the arithmetic and selects, this adds the calls the prelude has a
// lane-wise form of (`MathPrelude.vectorText`).
//
// sigmoid, tanh and the fast expm1 give each lane the scalar function's bits, so a kernel's
// vector body and its scalar tail agree. erf runs as the prelude's `cnnc_erfv*` in vectors and
// as libm's `erff` in a scalar tail: the two differ by at most a few float32 ulp (GELU's erf
// form; `MathPreludeTests` bounds the vector erf against libm's double erf).
// libm calls with no vector form here (exp, log, log1p, expm1, sqrt, fmin, fmax) make the whole
// form nil, and the epilogue runs scalar as before.

/// The C vector function for `fn` on `lanes` floats, or nil when there is none.
func vectorFunctionName(_ fn: MathFunction, lanes: Int) -> String? {
    switch fn {
    case .sigmoid: return "cnnc_sigmoidv\(lanes)"
    case .tanh: return "cnnc_tanhv\(lanes)"
    case .expm1Fast: return "cnnc_expm1v\(lanes)"
    case .erf: return "cnnc_erfv\(lanes)"
    case .abs: return "__builtin_elementwise_abs"
    case .fmin, .fmax, .exp, .expm1, .log, .log1p, .sqrt: return nil
    }
}

/// The lane-wise C of a formula on the vector variable `v` (as `vectorExpr`), calls included.
func vectorMathExpr(_ f: Formula, _ v: CExpr, lanes: Int) -> CExpr? {
    let e = { (g: Formula) in vectorMathExpr(g, v, lanes: lanes) }
    switch f {
    case .call(let fn, let args):
        guard let name = vectorFunctionName(fn, lanes: lanes) else { return nil }
        var operands: [CExpr] = []
        for a in args {
            guard let operand = e(a) else { return nil }
            operands.append(operand)
        }
        return .call(name, operands)
    case .x: return v
    case .constant(let c): return .call("cnnc_splat\(lanes)", [.float(c)])
    case .add(let a, let b): return e(a).flatMap { x in e(b).map { x + $0 } }
    case .sub(let a, let b): return e(a).flatMap { x in e(b).map { x - $0 } }
    case .mul(let a, let b): return e(a).flatMap { x in e(b).map { x * $0 } }
    case .div(let a, let b): return e(a).flatMap { x in e(b).map { x / $0 } }
    case .negate(let a): return e(a).map { .negate($0) }
    case .greater(let a, let b): return e(a).flatMap { x in e(b).map { x > $0 } }
    case .less(let a, let b): return e(a).flatMap { x in e(b).map { x < $0 } }
    case .select(let c, let a, let b):
        guard let m = e(c), let x = e(a), let y = e(b) else { return nil }
        return .call("cnnc_select\(lanes)", [.cast("cnnc_i\(lanes)", m), x, y])
    }
}

/// Assignments applying `act` to every lane of the vector variable `v`: the arithmetic-only form
/// (`vectorActivation`) when there is one, else the form with the prelude's vector calls; nil
/// when the activation has no vector form.
func vectorMathActivation(_ act: Activation, _ v: CExpr, lanes: Int) -> [CStmt]? {
    if let plain = vectorActivation(act, v, lanes: lanes) { return plain }
    guard let steps = act.vectorSteps else { return nil }
    var out: [CStmt] = []
    for step in steps {
        guard let value = vectorMathExpr(step, v, lanes: lanes) else { return nil }
        out.append(.assign(v, "=", value))
    }
    return out
}
