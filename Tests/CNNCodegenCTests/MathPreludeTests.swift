import CNNCodegenC
import CNNTestSupport
import Foundation
import Testing

/// The vectorisable exp/expm1/tanh/sigmoid/softplus of the generated code, against glibc's libm.
@Suite struct MathPreludeTests {
    @Test func agreesWithLibmToAFewUlp() throws {
        let dir = TemporaryDirectory()
        let program = """
            #include <math.h>
            #include <stdint.h>
            #include <stdio.h>
            #include <string.h>
            \(MathPrelude.text)
            static double ulps(float got, float want) {
                if (got == want) return 0;
                const double spacing = nextafterf(fabsf(want), INFINITY) - fabsf(want);
                return fabs((double)got - (double)want) / spacing;
            }
            int main(void) {
                double worst[5] = {0, 0, 0, 0, 0};
                double worst_abs[5] = {0, 0, 0, 0, 0};
                for (int i = -2000000; i <= 2000000; i++) {
                    const float x = (float)i * 4.4e-5f;           /* [-88, 88] */
                    const float got[5] = {cnnc_expf(x), cnnc_expm1f(x), cnnc_tanhf(x), cnnc_sigmoidf(x), cnnc_softplusf(x)};
                    const float want[5] = {expf(x), expm1f(x), tanhf(x), (float)(1.0 / (1.0 + exp(-(double)x))), (float)log1p(exp((double)x))};
                    for (int k = 0; k < 5; k++) {
                        if (!(fabsf(want[k]) >= 1e-30f) && k != 3) continue;   /* denormal corners of exp and softplus */
                        const double u = ulps(got[k], want[k]);
                        if (u > worst[k] && (k != 3 || x >= 0)) worst[k] = u;   /* sigmoid: in ulp where it is >= 1/2 */
                        const double a = fabs((double)got[k] - (double)want[k]);
                        if (a > worst_abs[k]) worst_abs[k] = a;
                    }
                }
                printf("%g %g %g %g %g %g %g %g %g %g\\n", worst[0], worst[1], worst[2], worst[3], worst_abs[0], worst_abs[1], worst_abs[2], worst_abs[3], worst[4], worst_abs[4]);
                return 0;
            }
            """
        let source = dir.write("math.c", program)
        let binary = dir.path("math")
        let cc = ProcessInfo.processInfo.environment["CC"] ?? "clang"
        let build = try runProcess("/usr/bin/env", [cc, "-O2", "-o", binary, source, "-lm"])
        #expect(build.status == 0, "\(build.stderr)")
        let run = try runProcess(binary, [])
        let values = run.stdout.split(separator: " ").compactMap { Double($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
        try #require(values.count == 10)
        // exp within 4 ulp; expm1 and tanh within 8 ulp or 1e-7 absolute near 0. sigmoid, a
        // rational function (MathPrelude.Rational), within 2e-7 absolute everywhere (measured
        // 1.78e-7 at x = 12.67) and 4 ulp for x >= 0 (measured 3).
        #expect(values[0] <= 4, "expf: \(values[0]) ulp")
        #expect(values[3] <= 4, "sigmoid (x >= 0): \(values[3]) ulp")
        #expect(values[7] <= 2e-7, "sigmoid: \(values[7]) absolute")
        // softplus within 4 ulp of log1p(exp(x)) in double wherever that is above 1e-30 (x > -69;
        // measured 3 ulp at x = -7.08).
        #expect(values[8] <= 4, "softplus: \(values[8]) ulp, \(values[9]) absolute")
        #expect(values[1] <= 8 || values[5] <= 1e-7, "expm1f: \(values[1]) ulp, \(values[5]) absolute")
        // tanh, a rational function fitted to the relative error, within 6 ulp (measured 4.9 at
        // x = -6.06, where 1 - tanh is 1.1e-5).
        #expect(values[2] <= 6, "tanhf: \(values[2]) ulp, \(values[6]) absolute")
    }

    /// The lane-wise functions (`MathPrelude.vectorText`): exp, expm1, tanh, sigmoid, SiLU, softplus
    /// and GELU give each lane the scalar function's bits, on 4, 8 and 16 lanes; GELU is within
    /// 2.5e-7 max(1, |x|) of x Phi(x) (double), 6 ulp above -1 and 5e-15 below -8; SiLU within
    /// 2.5e-7 |x| of x sigmoid(x) (double) and 0 below -18; sigmoid(x) + sigmoid(-x) = 1 and tanh
    /// is odd; NaN and the infinities give PyTorch's values.
    @Test func vectorFormsMatchTheScalarOnesAndGeluIsAccurate() throws {
        let dir = TemporaryDirectory()
        let program = """
            #include <math.h>
            #include <stdint.h>
            #include <stdio.h>
            #include <string.h>
            \(MathPrelude.text)
            \(MathPrelude.vectorTypes)
            \(MathPrelude.vectorText)
            static int differ(float a, float b) { return memcmp(&a, &b, sizeof a) != 0; }
            static long mismatches = 0;
            static double gelu_ulp = 0, gelu_abs = 0, gelu_tail = 0, symmetry = 0, silu_rel = 0, silu_tail = 0;
            static void check(float x, float e, float m, float t, float s, float sp, float g, float su) {
                mismatches += differ(e, cnnc_expf(x)) + differ(m, cnnc_expm1f(x)) + differ(t, cnnc_tanhf(x)) + differ(s, cnnc_sigmoidf(x)) + differ(sp, cnnc_softplusf(x))
                    + differ(g, cnnc_geluf(x)) + differ(su, cnnc_siluf(x));
                /* SiLU against x sigmoid(x) in double, over |x|; below -18 it returns (-)0. */
                const double sw = (double)x / (1.0 + exp(-(double)x));
                if (x != 0 && fabs((double)su - sw) / fabs((double)x) > silu_rel) silu_rel = fabs((double)su - sw) / fabs((double)x);
                if (x < -18.0f && su != 0.0f) silu_tail += 1;
                /* GELU against x Phi(x) in double: absolute, over max(1, |x|), everywhere; in ulp
                   above -1; absolute below -8 (there it is 0). */
                const double gw = (double)x * 0.5 * erfc(-(double)x / sqrt(2.0));
                const float gwf = (float)gw;
                if (fabs((double)g - gw) / fmax(1.0, fabs((double)x)) > gelu_abs) gelu_abs = fabs((double)g - gw) / fmax(1.0, fabs((double)x));
                if (x >= -1.0f && gwf != 0) {
                    const double gs = nextafterf(fabsf(gwf), INFINITY) - fabsf(gwf);
                    if (fabs((double)g - gw) / gs > gelu_ulp) gelu_ulp = fabs((double)g - gw) / gs;
                } else if (x < -8.0f && fabs((double)g - gw) > gelu_tail) gelu_tail = fabs((double)g - gw);
                /* sigmoid(x) + sigmoid(-x) = 1 exactly, sigmoid >= 0, tanh(-x) = -tanh(x). */
                if (cnnc_sigmoidf(x) + cnnc_sigmoidf(-x) != 1.0f || !(s >= 0.0f) || differ(-t, cnnc_tanhf(-x))) symmetry += 1;
            }
            #define SWEEP(L) \\
                for (int i = -2000000; i < 2000000; i += L) { \\
                    cnnc_v##L x; \\
                    for (int k = 0; k < L; k++) x[k] = (float)(i + k) * 4.4e-5f; \\
                    const cnnc_v##L e = cnnc_expv##L(x), m = cnnc_expm1v##L(x), t = cnnc_tanhv##L(x), s = cnnc_sigmoidv##L(x), sp = cnnc_softplusv##L(x), g = cnnc_geluv##L(x); \\
                    const cnnc_v##L su = cnnc_siluv##L(x); \\
                    for (int k = 0; k < L; k++) check(x[k], e[k], m[k], t[k], s[k], sp[k], g[k], su[k]); \\
                }
            int main(void) {
                SWEEP(4) SWEEP(8) SWEEP(16)
                cnnc_v8 special = {NAN, INFINITY, -INFINITY, 0.0f, -0.0f, 10.0f, -10.0f, 1e-30f};
                const int specials_ok = cnnc_sigmoidv8(special)[0] != cnnc_sigmoidv8(special)[0] && cnnc_tanhv8(special)[0] != cnnc_tanhv8(special)[0]
                    && cnnc_softplusv8(special)[0] != cnnc_softplusv8(special)[0] && cnnc_softplusv8(special)[1] == INFINITY && cnnc_softplusv8(special)[2] == 0
                    && cnnc_geluv8(special)[0] != cnnc_geluv8(special)[0] && cnnc_geluv8(special)[1] == INFINITY && cnnc_geluv8(special)[2] != cnnc_geluv8(special)[2]
                    && cnnc_geluv8(special)[5] == 10.0f && cnnc_geluv8(special)[3] == 0
                    && cnnc_siluv8(special)[0] != cnnc_siluv8(special)[0] && cnnc_siluv8(special)[1] == INFINITY && cnnc_siluv8(special)[2] != cnnc_siluv8(special)[2]
                    && cnnc_siluv8(special)[3] == 0 && fabsf(cnnc_siluv8(special)[5] - 9.999546f) < 1e-5f && fabsf(cnnc_siluv8(special)[6] + 4.5398e-4f) < 2.5e-6f;
                printf("%ld %d %g %g %g %g %g %g\\n", mismatches, specials_ok, gelu_ulp, gelu_tail, gelu_abs, symmetry, silu_rel, silu_tail);
                return 0;
            }
            """
        let source = dir.write("vmath.c", program)
        let cc = ProcessInfo.processInfo.environment["CC"] ?? "clang"
        // The generated C builds with gcc too (CC=gcc, the cross toolchains): the prelude uses no
        // clang-only builtin. gcc is installed wherever the gcc-built library tests run.
        if FileManager.default.isExecutableFile(atPath: "/usr/bin/gcc") {
            for march in ["x86-64-v3", "x86-64-v4"] {
                let gcc = try runProcess("/usr/bin/gcc", ["-fsyntax-only", "-O3", "-march=\(march)", source])
                #expect(gcc.status == 0, "gcc, \(march): \(gcc.stderr)")
            }
        }
        // x86-64-v3 (AVX2 and FMA: the contraction of a * b + c into an FMA, in both forms alike)
        // runs on every x86-64 host this suite supports. x86-64-v4 takes exp's AVX-512 branch
        // (vscalefps): it is always built, and run where the host has AVX-512.
        let cpuinfo = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? ""
        let hasAVX512 = cpuinfo.contains(" avx512f ") && cpuinfo.contains(" avx512vl")
        for (march, runs) in [("x86-64-v3", true), ("x86-64-v4", hasAVX512)] {
            let binary = dir.path("vmath-\(march)")
            let build = try runProcess("/usr/bin/env", [cc, "-O3", "-march=\(march)", "-o", binary, source, "-lm"])
            #expect(build.status == 0, "\(march): \(build.stderr)")
            guard runs else { continue }
            try checkVectorForms(run: runProcess(binary, []), march: march)
        }
    }

    private func checkVectorForms(run: (status: Int32, stdout: String, stderr: String), march: String) throws {
        let values = run.stdout.split(separator: " ").compactMap { Double($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
        try #require(values.count == 8, "\(march): \(run.stdout)")
        #expect(values[0] == 0, "\(march): lanes differing from the scalar exp/expm1/tanh/sigmoid/softplus/GELU/SiLU: \(values[0])")
        #expect(values[1] == 1, "\(march): sigmoid, tanh, softplus, GELU or SiLU of NaN, +-inf, +-0 or +-10")
        // SiLU (sigmoid's rational function on x clamped to [-18, 18]) within 2.5e-7 |x| of x
        // sigmoid(x) (measured 2.03e-7), and exactly 0 below -18.
        #expect(values[6] <= 2.5e-7, "\(march): SiLU: \(values[6]) absolute over |x|")
        #expect(values[7] == 0, "\(march): SiLU below -18 not 0 at \(values[7]) points")
        // GELU (erf form; Phi a rational function, MathPrelude.Rational) within 2.5e-7 max(1, |x|)
        // of x Phi(x) everywhere (measured 1.97e-7 at x = 4.94), 6 ulp above -1 (measured 3.6
        // at -0.95), and 5e-15 below -8, where it returns 0.
        #expect(values[4] <= 2.5e-7, "\(march): GELU: \(values[4]) absolute over max(1, |x|)")
        #expect(values[2] <= 6, "\(march): GELU above -1: \(values[2]) ulp")
        #expect(values[3] <= 5e-15, "\(march): GELU below -8: \(values[3]) absolute")
        #expect(values[5] == 0, "\(march): sigmoid(x) + sigmoid(-x) != 1, sigmoid < 0 or tanh(-x) != -tanh(x) at \(values[5]) points")
    }
}
