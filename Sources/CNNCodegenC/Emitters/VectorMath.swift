import CNNIR

// Vector forms of activations whose formulas call math functions (sigmoid, tanh, SiLU, GELU,
// ELU, SELU, CELU, softplus, mish): `vectorExpr(calls: true)` turns the calls the prelude has a lane-wise form of
// (`MathPrelude.vectorText`) into those.
//
// sigmoid, tanh, SiLU, softplus, GELU and the fast expm1 give each lane the scalar function's bits, so
// a kernel's vector body and its scalar tail agree. libm calls (exp, log, log1p, expm1, sqrt,
// erf, fmin, fmax) have no vector form here: they make the whole form nil, and the epilogue runs
// scalar.

/// The C vector function for `fn` on `lanes` floats, or nil when there is none.
func vectorFunctionName(_ fn: MathFunction, lanes: Int) -> String? {
    switch fn {
    case .sigmoid: return "cnnc_sigmoidv\(lanes)"
    case .tanh: return "cnnc_tanhv\(lanes)"
    case .expm1Fast: return "cnnc_expm1v\(lanes)"
    case .softplus: return "cnnc_softplusv\(lanes)"
    case .gelu: return "cnnc_geluv\(lanes)"
    case .silu: return "cnnc_siluv\(lanes)"
    case .abs: return "cnnc_absv\(lanes)"
    case .fmin, .fmax, .exp, .expm1, .log, .log1p, .sqrt, .erf: return nil
    }
}

/// Assignments applying `act` to every lane of the vector variable `v`: the arithmetic-only form
/// (`vectorActivation`) when there is one, else the form with the prelude's vector calls; nil
/// when the activation has no vector form.
func vectorMathActivation(_ act: Activation, _ v: CExpr, lanes: Int) -> [CStmt]? {
    vectorActivation(act, v, lanes: lanes, calls: true)
}
