/// Vectorisable float32 exp, expm1, tanh and sigmoid for activations and softmax, and the
/// max pools' running maximum (`cnnc_maxf`, see `maxFold`).
///
/// libm's scalar calls stop clang from vectorising a loop, and on small networks they
/// dominate the run time (LeNet-5 spent 60% of its time in tanhf). These are branch-free
/// (selects only) so loops that call them vectorise. Accuracy, checked against libm by
/// `MathPreludeTests` over their whole useful range: a few float32 ulp.
/// exp: Cody-Waite reduction x = n ln2 + r with |r| <= ln2/2, a degree-6 polynomial
/// for e^r (Cephes' expf coefficients), and 2^n built in the exponent bits.
/// tanh: an odd polynomial for |x| < 0.625 (Cephes' tanhf), else 1 - 2 / (e^(2|x|) + 1).
/// NaN in, NaN out, for all of them.
public enum MathPrelude {
    /// The C source of the functions (needs math.h, stdint.h, string.h).
    public static let text = """
    static inline float cnnc_maxf(float acc, float x) {
        /* The larger of a running maximum and a value; a NaN value becomes the maximum and stays
           (x > NaN fails), as PyTorch's max pool propagates NaN. */
        return x > acc || x != x ? x : acc;
    }
    static inline float cnnc_ldexp2(float p, float n) {
        /* p * 2^n for integral n in [-126, 127], through the exponent bits. */
        int32_t bits = ((int32_t)n + 127) << 23;
        float scale;
        memcpy(&scale, &bits, sizeof scale);
        return p * scale;
    }
    static inline float cnnc_expf(float x) {
        /* Clamped with selects that a NaN fails, so a NaN stays NaN (fminf/fmaxf would make it
           a number); n is made 0 for a NaN so the int conversion in cnnc_ldexp2 stays defined. */
        x = x < -87.33654f ? -87.33654f : x;
        x = x > 88.37626f ? 88.37626f : x;
        float n = floorf(x * 1.44269504f + 0.5f);
        n = n == n ? n : 0.0f;
        const float r = (x - n * 0.693359375f) - n * -2.12194440e-4f;
        float p = 1.9875691500e-4f;
        p = p * r + 1.3981999507e-3f;
        p = p * r + 8.3334519073e-3f;
        p = p * r + 4.1665795894e-2f;
        p = p * r + 1.6666665459e-1f;
        p = p * r + 5.0000001201e-1f;
        p = p * r * r + r + 1.0f;
        /* n = 128 only at the top of the range: split it so the exponent stays in range. */
        return n > 127.0f ? cnnc_ldexp2(p, n - 1.0f) * 2.0f : cnnc_ldexp2(p, n);
    }
    static inline float cnnc_expm1f(float x) {
        /* Near 0, e^x - 1 cancels: use its Taylor series there (error < 1e-7 relative for |x| < 0.5). */
        const float x2 = x * x;
        const float series = x + x2 * (0.5f + x * (1.0f / 6 + x * (1.0f / 24 + x * (1.0f / 120 + x * (1.0f / 720 + x * (1.0f / 5040))))));
        return fabsf(x) < 0.5f ? series : cnnc_expf(x) - 1.0f;
    }
    static inline float cnnc_tanhf(float x) {
        const float z = x * x;
        float small = -5.70498872745e-3f;
        small = small * z + 2.06390887954e-2f;
        small = small * z - 5.37397155531e-2f;
        small = small * z + 1.33314422036e-1f;
        small = small * z - 3.33332819422e-1f;
        small = small * z * x + x;
        const float large = 1.0f - 2.0f / (cnnc_expf(2.0f * fabsf(x)) + 1.0f);
        return fabsf(x) < 0.625f ? small : copysignf(large, x);
    }
    static inline float cnnc_sigmoidf(float x) { return 1.0f / (1.0f + cnnc_expf(-x)); }
    """
}
