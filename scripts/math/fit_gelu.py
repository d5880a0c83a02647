"""Fits the coefficients of the generated library's GELU (erf form), `cnnc_geluf` and its vector
twins in MathPrelude.

GELU(x) = x * Phi(x), Phi the standard normal CDF. With h = Phi(-|x|) = erfc(|x| / sqrt 2) / 2,
Phi(x) is 1 - h for x >= 0 and h for x < 0, and h = exp(-x^2 / 2) * S(u) with
u = 1 / (1 + K |x|) and S a polynomial of degree 8 fitted to erfcx(|x| / sqrt 2) / 2 (erfcx the
scaled complementary error function, smooth and between 0 and 1/2 here) for |x| in [0, TOP].
Past TOP, h is under 6.3e-16 and taken as 0. No cancellation: Phi(x) for negative x is computed
as itself, not as 1 + erf(x / sqrt 2).
A least-squares fit of the relative error on Chebyshev nodes, reweighted (Lawson's iteration)
towards the minimax fit. Needs numpy and scipy; prints the float32 coefficients,
lowest degree first.
Run: python3 scripts/math/fit_gelu.py
"""
import numpy as np
from scipy.special import erfcx

K = 0.28125  # about 0.4 / sqrt 2 (u = 1 / (1 + 0.4 a), a = |x| / sqrt 2), exact in float32
TOP = 8.0
DEGREE = 8


def lawson(v, y, iterations=200):
    w = np.ones(len(y))
    for _ in range(iterations):
        sw = np.sqrt(w) / np.abs(y)
        c, *_ = np.linalg.lstsq(v * sw[:, None], y * sw, rcond=None)
        e = np.abs(v @ c - y) / np.abs(y)
        w = w * e
        w /= w.sum()
    return c, e.max()


def main():
    n = 4000
    t = np.cos(np.pi * (np.arange(n) + 0.5) / n) * 0.5 + 0.5
    x = TOP * t
    u = 1 / (1 + K * x)
    s, error = lawson(np.vander(u, DEGREE + 1, increasing=True), erfcx(x / np.sqrt(2)) / 2)
    print(f"relative error of the fit (in double): {error:.3g}")
    print("S:", ", ".join("%.9ef" % np.float32(c) for c in s))


if __name__ == "__main__":
    main()
