/// Vectorisable float32 exp, expm1, tanh, sigmoid, SiLU, softplus and GELU for activations and softmax, and the
/// max pools' running maximum (`cnnc_maxf`, see `maxFold`).
///
/// libm's scalar calls stop clang from vectorising a loop, and on small networks they
/// dominate the run time (LeNet-5 spent 60% of its time in tanhf). These are branch-free
/// (selects only) so loops that call them vectorise. Accuracy, checked against libm by
/// `MathPreludeTests` over their whole useful range: a few float32 ulp (sigmoid and GELU: below).
/// exp: Cody-Waite reduction x = n ln2 + r with |r| <= ln2/2 (n rounded to nearest by the
/// 1.5 * 2^23 shift, where a floor emulated with two conversions, a compare and a select cost
/// SiLU a third of its time), a degree-6 polynomial for e^r (Cephes' expf coefficients), and
/// 2^n built in the exponent bits, applied as (2 e^r) 2^(n - 1) so that both ends of the range
/// (n = 128, and n = -125: x is clamped to -86.64, below which e^x stays 2.3e-38) need no
/// compare and select.
/// softplus: max(x, 0) + log1p(e^-|x|), the log1p as the atanh series (no log call).
/// tanh, sigmoid and GELU's Phi: rational functions of |x| (`Rational`); sigmoid's and GELU's error
/// is absolute, a few 1e-7.
/// NaN in, NaN out, for all of them.
public enum MathPrelude {
    /// A rational approximation t(a) = a P(a^2) / Q(a^2) of an odd function on [0, top]
    /// (`scripts/math/fit_rational.py`; coefficients highest degree first, all positive, so
    /// Horner's rule adds no cancellation), for f(|x|) = 1/2 + t(|x|) (`half`) or t(|x|): 1 past
    /// `top`, and never above 1 (near `top` it can round to 1 + 2^-23). The callers take f(x) =
    /// 1 - f(|x|) (`half`: an exact subtraction, so f(x) + f(-x) = 1 and f >= 0) or -f(|x|) for x < 0.
    /// At about half the vector operations of an exp and a division: SiLU over a 56x56x96 tensor
    /// ran 1.8x faster, GELU 2.4x, on a Zen 3 core. sigmoid's and Phi's error is absolute, not
    /// relative in the negative tail, as ONNX Runtime's (MLAS) and XNNPACK's rational forms;
    /// tanh's, fitted to the relative error, is a few ulp.
    struct Rational {
        var p: [String]
        var q: [String]
        var top: String
        var half: Bool
    }
    /// sigmoid(a) - 1/2 on [0, 18]; past 18, 1 - sigmoid(a) < 1.6e-8.
    static let sigmoidHalf = Rational(
        p: ["1.392391237e-11f", "8.326306045e-08f", "5.531990610e-05f", "8.387088776e-03f", "2.500000000e-01f"],
        q: ["3.188649123e-09f", "5.246471119e-06f", "1.628089813e-03f", "1.168816760e-01f", "1.0f"],
        top: "18.0f", half: true)
    /// Phi(a) - 1/2 = erf(a / sqrt 2) / 2 on [0, 5.5]; past 5.5, 1 - Phi(a) < 1.9e-8.
    static let phiHalf = Rational(
        p: ["2.274919986e-08f", "6.352122455e-06f", "1.688276534e-04f", "4.677272867e-03f", "3.385284916e-02f", "3.989422321e-01f"],
        q: ["1.197499387e-06f", "7.364808698e-05f", "1.884456258e-03f", "2.864598669e-02f", "2.515224218e-01f", "1.0f"],
        top: "5.5f", half: true)
    /// tanh(a) on [0, 9], to the relative error; past 9, 1 - tanh(a) < 3.1e-8.
    static let tanhOdd = Rational(
        p: ["1.335456723e-08f", "2.060900806e-05f", "3.495583311e-03f", "1.338102221e-01f", "1.0f"],
        q: ["7.776517919e-07f", "3.285627172e-04f", "2.587696351e-02f", "4.671433568e-01f", "1.0f"],
        top: "9.0f", half: false)

    /// The body lines computing `r = f(|x|)` for `rational` (from `a`, |x|, declared before), in
    /// the scalar form (`v` nil) or a lane-wise one (`v`: its vector width's names): the same
    /// operations in the same order, so that each lane gives the scalar function's bits.
    static func rationalLines(_ f: Rational, lanes v: (type: String, i: String, sel: String, splat: String)?) -> String {
        let c = CSpelling(v)
        return
            (quotientLines(f, of: "a", c) + [
                "const \(c.type) t = \(c.select("a > \(f.top)", c.constant("1.0f"), f.half ? "a * p / q + 0.5f" : "a * p / q"));",
                "const \(c.type) r = \(c.select("t > 1.0f", c.constant("1.0f"), "t"));",
            ]).joined(separator: "\n    ")
    }

    /// How the lines spell a type, a constant and a per-lane select: scalar C (`v` nil) or the
    /// vector width's names.
    struct CSpelling {
        let v: (type: String, i: String, sel: String, splat: String)?
        init(_ v: (type: String, i: String, sel: String, splat: String)?) { self.v = v }
        var type: String { v?.type ?? "float" }
        func constant(_ c: String) -> String { v.map { "\($0.splat)(\(c))" } ?? c }
        func select(_ test: String, _ a: String, _ b: String) -> String {
            v.map { "\($0.sel)((\($0.i))(\(test)), \(a), \(b))" } ?? "\(test) ? \(a) : \(b)"
        }
    }

    /// `z = x * x` and the numerator `p` and denominator `q` of `f` in z, by Horner's rule.
    static func quotientLines(_ f: Rational, of x: String, _ c: CSpelling) -> [String] {
        [
            "const \(c.type) z = \(x) * \(x);",
            "\(c.type) p = \(c.constant(f.p[0]));",
            hornerSteps("p", "z", f.p.dropFirst()),
            "\(c.type) q = \(c.constant(f.q[0]));",
            hornerSteps("q", "z", f.q.dropFirst()),
        ]
    }
    /// The body lines computing SiLU, `x * sigmoid(x)`, from `x`, in the scalar form (`v` nil) or
    /// a lane-wise one, as `rationalLines` does. sigmoid(c) - 1/2 = t(c) is odd, so with c = x
    /// clamped to [-18, 18] (a vector max and min, which a NaN passes: it fails both tests) the
    /// sign needs no select: x (1/2 + c P(c^2) / Q(c^2)). Past +-18 the clamped quotient is exactly
    /// -+1/2, so SiLU is x or 0 there. On a Zen 1 core this took 0.80 of the time of x *
    /// cnnc_sigmoidv8(x) (9.4 against 11.7 ns a vector of 8, over 768 floats in L1), the same
    /// largest error over |x| (2.03e-7); EfficientNet-B0's kernels 0.959-0.967 of their time at one
    /// thread (paired runs), 0.979 at two.
    static func siluLines(lanes v: (type: String, i: String, sel: String, splat: String)?) -> String {
        let c = CSpelling(v)
        let f = sigmoidHalf
        return
            ([
                "const \(c.type) b = \(c.select("x < -\(f.top)", c.constant("-\(f.top)"), "x"));",
                "const \(c.type) c = \(c.select("b > \(f.top)", c.constant(f.top), "b"));",
            ] + quotientLines(f, of: "c", c) + ["return x * (c * p / q + 0.5f);"]).joined(separator: "\n    ")
    }

    /// softplus's atanh series 1 + z/3 + ... + z^7/15 in z = s^2, highest degree first.
    static let atanhSeries = ["1.0f / 15", "1.0f / 13", "1.0f / 11", "1.0f / 9", "1.0f / 7", "1.0f / 5", "1.0f / 3", "1.0f"]

    /// The Horner steps `acc = acc * t + c;` (or `- c` for a negative literal) for `coefficients`,
    /// one a line, at the function bodies' indentation in the generated C.
    static func hornerSteps(_ acc: String, _ t: String, _ coefficients: ArraySlice<String>) -> String {
        coefficients.map { c in
            c.hasPrefix("-") ? "\(acc) = \(acc) * \(t) - \(c.dropFirst());" : "\(acc) = \(acc) * \(t) + \(c);"
        }.joined(separator: "\n    ")
    }

    /// The C source of the functions (needs math.h, stdint.h, string.h).
    public static let text = """
        static inline float cnnc_maxf(float acc, float x) {
            /* The larger of a running maximum and a value; a NaN value becomes the maximum and stays
               (x > NaN fails), as PyTorch's max pool propagates NaN. */
            return x > acc || x != x ? x : acc;
        }
        static inline float cnnc_expf(float x) {
            /* Clamped with selects that a NaN fails, so a NaN stays NaN (fminf/fmaxf would make it
               a number). n = x / ln2 rounded to nearest: adding 1.5 * 2^23 leaves it in the low
               bits of t's mantissa (|n| <= 128), so 2^n is built from t's bits with integer
               arithmetic, no float-to-int conversion (a NaN's garbage bits are multiplied by a NaN p). */
            x = x < -86.64f ? -86.64f : x;
            x = x > 88.37626f ? 88.37626f : x;
            const float t = x * 1.44269504f + 12582912.0f;
            const float n = t - 12582912.0f;
            const float r = (x - n * 0.693359375f) - n * -2.12194440e-4f;
            float p = 1.9875691500e-4f;
            p = p * r + 1.3981999507e-3f;
            p = p * r + 8.3334519073e-3f;
            p = p * r + 4.1665795894e-2f;
            p = p * r + 1.6666665459e-1f;
            p = p * r + 5.0000001201e-1f;
            p = p * r * r + r + 1.0f;
            /* p 2^n as (2 p) 2^(n - 1), so that n = 128 (the top of the range) keeps 2^(n - 1) in the
               exponent's range and n = -125 (the bottom, hence the clamp at -86.64) too; both
               products are exact, so this is p 2^n to the bit. */
            uint32_t bits;
            memcpy(&bits, &t, sizeof bits);
            bits = (bits - 0x4B400000u + 126u) << 23;
            float scale;
            memcpy(&scale, &bits, sizeof scale);
            return p * 2.0f * scale;
        }
        static inline float cnnc_expm1f(float x) {
            /* Near 0, e^x - 1 cancels: use its Taylor series there (error < 1e-7 relative for |x| < 0.5). */
            const float x2 = x * x;
            const float series = x + x2 * (0.5f + x * (1.0f / 6 + x * (1.0f / 24 + x * (1.0f / 120 + x * (1.0f / 720 + x * (1.0f / 5040))))));
            return fabsf(x) < 0.5f ? series : cnnc_expf(x) - 1.0f;
        }
        static inline float cnnc_tanhf(float x) {
            /* t(|x|) with the sign of x, t(a) = a P(a^2) / Q(a^2) fitted to tanh(a) on [0, 9] by
               scripts/math/fit_rational.py (relative error), 1 past 9: within 5 ulp of tanhf.
               tanh(-0) = -0; a NaN fails both tests and stays NaN. */
            const float a = fabsf(x);
            \(rationalLines(tanhOdd, lanes: nil))
            return copysignf(r, x);
        }
        static inline float cnnc_sigmoidf(float x) {
            /* 1/2 + t(|x|) for x >= 0, 1 minus it for x < 0, t(a) = a P(a^2) / Q(a^2) fitted to
               sigmoid(a) - 1/2 on [0, 18] by scripts/math/fit_rational.py, and 1 past 18: within
               2e-7 of sigmoid(x) (absolute), and sigmoid(x) + sigmoid(-x) = 1. A NaN fails both
               tests and stays NaN; sigmoid(-inf) = 0. */
            const float a = fabsf(x);
            \(rationalLines(sigmoidHalf, lanes: nil))
            return x < 0.0f ? 1.0f - r : r;
        }
        static inline float cnnc_geluf(float x) {
            /* GELU (erf form): x * Phi(x), Phi the normal CDF as 1/2 + t(|x|) for x >= 0 and 1 minus
               it for x < 0, t(a) = a P(a^2) / Q(a^2) fitted to erf(a / sqrt 2) / 2 on [0, 5.5] by
               scripts/math/fit_rational.py, and 1 past 5.5: within 2.5e-7 max(1, |x|) of x Phi(x).
               A NaN fails both tests and stays NaN; GELU(-inf) = -inf * 0 = NaN, as in PyTorch. */
            const float a = fabsf(x);
            \(rationalLines(phiHalf, lanes: nil))
            const float phi = x < 0.0f ? 1.0f - r : r;
            return x * phi;
        }
        static inline float cnnc_siluf(float x) {
            /* x sigmoid(x) as x (1/2 + t(c)), c = x clamped to [-18, 18] and t sigmoid's rational
               function above (odd, so no select on the sign): within 2.1e-7 |x| of x sigmoid(x);
               x past 18, 0 past -18 (there t(c) is exactly -+1/2). A NaN stays NaN; SiLU(-inf) =
               -inf * 0 = NaN, as in PyTorch. */
            \(siluLines(lanes: nil))
        }
        static inline float cnnc_softplusf(float x) {
            /* log(1 + e^x) = max(x, 0) + log1p(e^-|x|), and log1p(e) for e in [0, 1] is 2 atanh(s)
               with s = e / (2 + e) in [0, 1/3]: its series to s^15 (the next term is under 2e-9 of
               the sum). e^-|x| is taken as 0 past 87, where cnnc_expf stops at about 2^-125, so
               softplus(-inf) = 0 as in PyTorch; a NaN fails both tests and stays NaN. */
            const float a = fabsf(x);
            const float e = a > 87.0f ? 0.0f : cnnc_expf(-a);
            const float s = e / (2.0f + e);
            const float z = s * s;
            float p = \(atanhSeries[0]);
            \(hornerSteps("p", "z", atanhSeries.dropFirst()))
            const float l = 2.0f * s * p;
            const float m = x < 0.0f ? 0.0f : x;
            return m + l;
        }
        """

    /// The vector types of the kernels (4, 8 and 16 floats), their splats, lane masks and
    /// per-lane selects: what `vectorText` and the tiled kernels are written in.
    public static let vectorTypes = """
        /* Vectors for the tiled kernels; aligned(4) so loads need not be aligned. */
        typedef float cnnc_v4 __attribute__((vector_size(16), aligned(4)));
        typedef float cnnc_v8 __attribute__((vector_size(32), aligned(4)));
        typedef float cnnc_v16 __attribute__((vector_size(64), aligned(4)));
        static inline cnnc_v4 cnnc_splat4(float x) { cnnc_v4 v = {0}; return v + x; }
        static inline cnnc_v8 cnnc_splat8(float x) { cnnc_v8 v = {0}; return v + x; }
        static inline cnnc_v16 cnnc_splat16(float x) { cnnc_v16 v = {0}; return v + x; }
        /* Lane masks from vector comparisons, and (m ? a : b) per lane. */
        typedef int32_t cnnc_i4 __attribute__((vector_size(16), aligned(4)));
        typedef int32_t cnnc_i8 __attribute__((vector_size(32), aligned(4)));
        typedef int32_t cnnc_i16 __attribute__((vector_size(64), aligned(4)));
        /* Unsigned lanes, for exponent bits built by shifts (wrapping, never undefined). */
        typedef uint32_t cnnc_u4 __attribute__((vector_size(16), aligned(4)));
        typedef uint32_t cnnc_u8 __attribute__((vector_size(32), aligned(4)));
        typedef uint32_t cnnc_u16 __attribute__((vector_size(64), aligned(4)));
        static inline cnnc_v4 cnnc_select4(cnnc_i4 m, cnnc_v4 a, cnnc_v4 b) { return (cnnc_v4)(((cnnc_i4)a & m) | ((cnnc_i4)b & ~m)); }
        static inline cnnc_v8 cnnc_select8(cnnc_i8 m, cnnc_v8 a, cnnc_v8 b) { return (cnnc_v8)(((cnnc_i8)a & m) | ((cnnc_i8)b & ~m)); }
        static inline cnnc_v16 cnnc_select16(cnnc_i16 m, cnnc_v16 a, cnnc_v16 b) { return (cnnc_v16)(((cnnc_i16)a & m) | ((cnnc_i16)b & ~m)); }
        /* The first n floats at p, zeros after them: nothing past p + n is read. */
        static inline cnnc_v4 cnnc_loadpart4(const float *p, int64_t n) { cnnc_v4 v = {0}; memcpy(&v, p, (size_t)n * sizeof(float)); return v; }
        static inline cnnc_v8 cnnc_loadpart8(const float *p, int64_t n) { cnnc_v8 v = {0}; memcpy(&v, p, (size_t)n * sizeof(float)); return v; }
        static inline cnnc_v16 cnnc_loadpart16(const float *p, int64_t n) { cnnc_v16 v = {0}; memcpy(&v, p, (size_t)n * sizeof(float)); return v; }
        """

    /// Lane-wise forms of the same functions on the prelude's vector types (`cnnc_v4`, `cnnc_v8`,
    /// `cnnc_v16`, `vectorTypes`), for the activations' vector forms (`vectorExpr` with calls):
    /// `cnnc_expv8`, `cnnc_expm1v8`, `cnnc_tanhv8`, `cnnc_sigmoidv8`, `cnnc_siluv8`, `cnnc_softplusv8`
    /// and `cnnc_geluv8`. Each lane gives the scalar function's bits (the same operations in the same
    /// order; `MathPreludeTests` checks it), so a kernel's vector body and its scalar tail agree.
    /// On AVX-512 targets exp scales by 2^n with `vscalefps` (bit-identical to the portable form).
    public static var vectorText: String {
        (["#if defined(__AVX512F__)\n#include <immintrin.h>\n#endif"] + [4, 8, 16].map(vectorFunctions)).joined(separator: "\n")
    }

    static func vectorFunctions(_ l: Int) -> String {
        let v = "cnnc_v\(l)"
        let i = "cnnc_i\(l)"
        let u = "cnnc_u\(l)"
        let sel = "cnnc_select\(l)"
        let splat = "cnnc_splat\(l)"
        let names = (type: v, i: i, sel: sel, splat: splat)
        // AVX-512's vscalefps builds 2^n and multiplies in one instruction, where the bit trick
        // took six (a compare, a select, two integer adds, a shift, two multiplies): SiLU over
        // EfficientNet-B0's 6.2 million activations went 2.3 -> 1.8 ms. The bit trick now takes
        // four (an integer add, a shift, two multiplies), as (2p) 2^(n - 1).
        let (scalef, native) =
            l == 16 ? ("_mm512_scalef_ps", "__m512") : l == 8 ? ("_mm256_scalef_ps", "__m256") : ("_mm_scalef_ps", "__m128")
        let scalefGuard = l == 16 ? "defined(__AVX512F__)" : "defined(__AVX512F__) && defined(__AVX512VL__)"
        return """
            /* |x| lane-wise in C that gcc and clang both accept (clang's __builtin_elementwise_*
               are not in gcc). */
            static inline \(v) cnnc_absv\(l)(\(v) x) { return (\(v))((\(i))x & 0x7fffffff); }
            static inline \(v) cnnc_expv\(l)(\(v) x) {
                x = \(sel)((\(i))(x < -86.64f), \(splat)(-86.64f), x);
                x = \(sel)((\(i))(x > 88.37626f), \(splat)(88.37626f), x);
                const \(v) t = x * 1.44269504f + 12582912.0f;
                const \(v) n = t - 12582912.0f;
                const \(v) r = (x - n * 0.693359375f) - n * -2.12194440e-4f;
                \(v) p = \(splat)(1.9875691500e-4f);
                p = p * r + 1.3981999507e-3f;
                p = p * r + 8.3334519073e-3f;
                p = p * r + 4.1665795894e-2f;
                p = p * r + 1.6666665459e-1f;
                p = p * r + 5.0000001201e-1f;
                p = p * r * r + r + 1.0f;
            #if \(scalefGuard)
                /* p * 2^n in one instruction: exact, as the product below is (n is an integer in
                   [-125, 128] and p in [0.7, 1.42], so neither rounds nor leaves the normal range,
                   and at n = 128 both overflow to infinity alike). */
                return (\(v))\(scalef)((\(native))p, (\(native))n);
            #else
                const \(u) bits = ((\(u))t - 0x4B400000u + 126u) << 23;
                return p * 2.0f * (\(v))bits;
            #endif
            }
            static inline \(v) cnnc_expm1v\(l)(\(v) x) {
                const \(v) x2 = x * x;
                const \(v) series = x + x2 * (0.5f + x * (1.0f / 6 + x * (1.0f / 24 + x * (1.0f / 120 + x * (1.0f / 720 + x * (1.0f / 5040))))));
                return \(sel)((\(i))(cnnc_absv\(l)(x) < 0.5f), series, cnnc_expv\(l)(x) - 1.0f);
            }
            static inline \(v) cnnc_tanhv\(l)(\(v) x) {
                const \(v) a = cnnc_absv\(l)(x);
                \(rationalLines(tanhOdd, lanes: names))
                return (\(v))(((\(i))r & 0x7fffffff) | ((\(i))x & (int32_t)0x80000000));
            }
            static inline \(v) cnnc_sigmoidv\(l)(\(v) x) {
                const \(v) a = cnnc_absv\(l)(x);
                \(rationalLines(sigmoidHalf, lanes: names))
                return \(sel)((\(i))(x < 0.0f), 1.0f - r, r);
            }
            static inline \(v) cnnc_geluv\(l)(\(v) x) {
                const \(v) a = cnnc_absv\(l)(x);
                \(rationalLines(phiHalf, lanes: names))
                const \(v) phi = \(sel)((\(i))(x < 0.0f), 1.0f - r, r);
                return x * phi;
            }
            static inline \(v) cnnc_siluv\(l)(\(v) x) {
                \(siluLines(lanes: names))
            }
            static inline \(v) cnnc_softplusv\(l)(\(v) x) {
                const \(v) a = cnnc_absv\(l)(x);
                const \(v) e = \(sel)((\(i))(a > 87.0f), \(splat)(0.0f), cnnc_expv\(l)(-a));
                const \(v) s = e / (2.0f + e);
                const \(v) z = s * s;
                \(v) p = \(splat)(\(atanhSeries[0]));
                \(hornerSteps("p", "z", atanhSeries.dropFirst()))
                const \(v) l = 2.0f * s * p;
                const \(v) m = \(sel)((\(i))(x < 0.0f), \(splat)(0.0f), x);
                return m + l;
            }
            """
    }
}
