import CNNCodegenC
import CNNTestSupport
import Foundation
import Testing

/// The vectorisable exp/expm1/tanh/sigmoid of the generated code, against glibc's libm.
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
            double worst[4] = {0, 0, 0, 0};
            double worst_abs[4] = {0, 0, 0, 0};
            for (int i = -2000000; i <= 2000000; i++) {
                const float x = (float)i * 4.4e-5f;           /* [-88, 88] */
                const float got[4] = {cnnc_expf(x), cnnc_expm1f(x), cnnc_tanhf(x), cnnc_sigmoidf(x)};
                const float want[4] = {expf(x), expm1f(x), tanhf(x), (float)(1.0 / (1.0 + exp(-(double)x)))};
                for (int k = 0; k < 4; k++) {
                    if (!(fabsf(want[k]) >= 1e-30f) && k != 3) continue;   /* denormal corners of exp */
                    const double u = ulps(got[k], want[k]);
                    if (u > worst[k]) worst[k] = u;
                    const double a = fabs((double)got[k] - (double)want[k]);
                    if (a > worst_abs[k]) worst_abs[k] = a;
                }
            }
            printf("%g %g %g %g %g %g %g %g\\n", worst[0], worst[1], worst[2], worst[3], worst_abs[0], worst_abs[1], worst_abs[2], worst_abs[3]);
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
        try #require(values.count == 8)
        // exp and sigmoid within 4 ulp; expm1 and tanh within 8 ulp or 1e-7 absolute near 0.
        #expect(values[0] <= 4, "expf: \(values[0]) ulp")
        #expect(values[3] <= 4, "sigmoid: \(values[3]) ulp")
        #expect(values[1] <= 8 || values[5] <= 1e-7, "expm1f: \(values[1]) ulp, \(values[5]) absolute")
        #expect(values[2] <= 8 || values[6] <= 1e-7, "tanhf: \(values[2]) ulp, \(values[6]) absolute")
    }
}
