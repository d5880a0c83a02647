"""Fits the rational approximations of the generated library's sigmoid, GELU (erf form) and tanh:
`cnnc_sigmoidf`, `cnnc_geluf`, `cnnc_tanhf` and their lane-wise twins in MathPrelude.

Each is an odd t approximated as t(a) = a P(a^2) / Q(a^2), P and Q with positive coefficients
(Horner's rule in float32 then adds no cancellation), Q(0) = 1; sigmoid and Phi are 1/2 + t(|x|):
- sigmoid: t(a) = sigmoid(a) - 1/2 on [0, 18] (past 18, 1 - sigmoid(a) < 1.6e-8: the
  kernel takes 1); P of degree 4, Q of degree 4.
- GELU's Phi (the normal CDF): t(a) = erf(a / sqrt 2) / 2 on [0, 5.5] (past 5.5, 1 - Phi(a)
  < 1.9e-8: the kernel takes 1); P of degree 5, Q of degree 5.
- tanh: t(a) = tanh(a) on [0, 9] (past 9, 1 - tanh(a) < 3.1e-8: the kernel takes 1); P and Q of
  degree 4, fitted to the relative error (tanh(x) ~ x near 0), so it is a few ulp everywhere.
For negative x the kernels take 1 - (1/2 + t(|x|)), an exact subtraction, so sigmoid(x) +
sigmoid(-x) = 1 and neither goes below 0: the error is absolute (a few 1e-7), as in ONNX
Runtime's (MLAS) and XNNPACK's rational forms, not relative in the negative tail.
The fit minimises the absolute error (tanh: the relative error): linearised least squares (a P - f Q, weighted by the
previous Q: Loeb's iteration) on Chebyshev nodes, reweighted by Lawson's rule towards the
minimax fit. Deterministic; needs numpy and scipy; prints the float32 coefficients, highest
degree first (MathPrelude's order).
Run: python3 scripts/math/fit_rational.py
"""
import numpy as np
from scipy.special import erf, expit

FITS = [
    ("sigmoid", lambda a: expit(a) - 0.5, 18.0, 4, 4, False),
    ("Phi", lambda a: 0.5 * erf(a / np.sqrt(2)), 5.5, 5, 5, False),
    ("tanh", np.tanh, 9.0, 4, 4, True),
]


def fit(f, top, dp, dq, relative, rounds=60, nodes=6000):
    a = top * (np.cos(np.pi * (np.arange(nodes) + 0.5) / nodes) * 0.5 + 0.5)
    z = a * a
    y = f(a)
    vp = np.vander(z, dp + 1, increasing=True) * a[:, None]
    vq = np.vander(z, dq + 1, increasing=True)
    scale = 1 / np.abs(y) if relative else np.ones(nodes)
    q = np.ones(nodes)
    w = np.ones(nodes)
    best = None
    for r in range(rounds):
        for _ in range(300 if r == rounds - 1 else 20):
            s = np.sqrt(w) / q * scale
            c, *_ = np.linalg.lstsq(np.hstack([vp, -(y[:, None] * vq[:, 1:])]) * s[:, None], y * s, rcond=None)
            p_coeffs, q_coeffs = c[: dp + 1], np.concatenate([[1.0], c[dp + 1 :]])
            e = np.abs((vp @ p_coeffs) / (vq @ q_coeffs) - y) * scale
            w = w * e
            w /= w.sum()
        q = vq @ q_coeffs
        if best is None or e.max() < best[0]:
            best = (e.max(), p_coeffs, q_coeffs)
    return best


def main():
    for name, f, top, dp, dq, relative in FITS:
        error, p, q = fit(f, top, dp, dq, relative)
        kind = "relative" if relative else "absolute"
        print(f"{name}: [0, {top}], P degree {dp}, Q degree {dq}: {kind} error of the fit (in double) {error:.3g}")
        for label, cs in (("P", p), ("Q", q)):
            print(f"  {label}:", ", ".join('"%.9ef"' % np.float32(c) for c in cs[::-1]))


if __name__ == "__main__":
    main()
