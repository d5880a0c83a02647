"""Fits the coefficients of the generated library's vector erf (MathPrelude.vectorText).

erf(x) = x * P(x^2) for |x| < 0.9 (P of degree 5), and
erf(x) = 1 - exp(-x^2) * R(1 / (1 + |x|)) for 0.9 <= |x| (R of degree 7, fitted on [0.9, 3.95];
past 3.95, erfc is under half a float32 ulp of 1 and the kernel clamps |x| there).
Both are least-squares fits of the relative error on Chebyshev nodes, reweighted (Lawson's
iteration) towards the minimax fit. Needs numpy and scipy; prints the float32 coefficients.
Run: python3 scripts/math/fit_erf.py
"""
import numpy as np
from scipy.special import erf, erfc


def lawson(v, y, iterations=60):
    w = np.ones(len(y))
    for _ in range(iterations):
        sw = np.sqrt(w) / np.abs(y)
        c, *_ = np.linalg.lstsq(v * sw[:, None], y * sw, rcond=None)
        e = np.abs(v @ c - y) / np.abs(y)
        w = w * e
        w /= w.sum()
    return c, e.max()


def main():
    n = 2000
    t = np.cos(np.pi * (np.arange(n) + 0.5) / n) * 0.5 + 0.5
    split, top = 0.9, 3.95
    x = t * split
    y = np.where(x > 0, erf(x) / np.where(x > 0, x, 1), 2 / np.sqrt(np.pi))
    small, small_error = lawson(np.vander(x * x, 6, increasing=True), y)
    x = split + (top - split) * t
    large, large_error = lawson(np.vander(1 / (1 + x), 8, increasing=True), erfc(x) * np.exp(x * x))
    print(f"relative error of the fits (in double): small {small_error:.3g}, large {large_error:.3g}")
    print("small:", ", ".join("%.9ef" % np.float32(c) for c in small))
    print("large:", ", ".join("%.9ef" % np.float32(c) for c in large))


if __name__ == "__main__":
    main()
