import CNNCodegenC
import CNNCompiler
import CNNFrontend
import CNNIR
import CNNTestSupport
import CNNToolchain
import Foundation
import Testing

/// The generated C of golden cases and examples built with `-fsanitize=address,undefined` (no
/// recovery: the first report ends the program with an error) into one executable with a driver
/// that runs every batch size from 1 to 5, with contexts of capacity 2 (batches in chunks) and of
/// the whole batch, on 1, 2 and 3 threads. Buffers are exactly as large as the ABI says, so a read
/// or write past any tensor, the arena or the weights is reported. The driver also checks that the
/// thread count never changes a bit of any output.
///
/// CI runs the cases of `ciCases`; `scripts/sanitize.sh` (`CNNC_SANITIZE_ALL=1`) runs every golden case.
@Suite("generated code under AddressSanitizer and UndefinedBehaviorSanitizer")
struct SanitizerTests {
    /// One case per kernel family: direct, position and channel tiles, both Winograds, depthwise rows,
    /// phase shuffles, column copies, pools, upsampling, transposed conv, dense, softmax, LRN, concat.
    static let ciCases = [
        "conv2d_full", "conv1x1_registers_bn_residual", "conv3x3_winograd_bn_residual",
        "conv3x3_winograd_tile_edges", "conv_depthwise_rows_residual", "conv3x3_stride2_phase_shuffles",
        "conv5x5_column_copies_maxpool", "conv_small_plane_flat_tails", "upsample2d_bilinear_2x3",
        "conv_transpose2d_all", "batch3_dense_softmax", "lrn_default", "net_mini_inception", "two_outputs",
    ]

    static var cases: [String] {
        let all = ProcessInfo.processInfo.environment["CNNC_SANITIZE_ALL"] == "1"
        // Tests/Goldens/resample: pad (crop, reflect, wrap), resize (cubic, tf_crop_and_resize, nearest), dilated and Lp pools.
        guard all else {
            return ciCases.map { "Tests/Goldens/ops/\($0)/net.json" } + ["examples/lenet5/net.json", "Tests/Goldens/resample/net.json"]
        }
        let ops = (try? FileManager.default.contentsOfDirectory(atPath: TestPaths.repo("Tests/Goldens/ops"))) ?? []
        return ops.sorted().filter { FileManager.default.fileExists(atPath: TestPaths.repo("Tests/Goldens/ops/\($0)/net.json")) }
            .map { "Tests/Goldens/ops/\($0)/net.json" }
            + ["examples/lenet5/net.json", "examples/digits/net.json", "examples/keras-mnist/net.json", "Tests/Goldens/resample/net.json"]
    }

    /// The 8-lane AVX2 kernels (every host seen has AVX2) and the 4-lane baseline, chosen by name.
    static let targets: [TargetCPU] = HostCPU.hasAVX2 ? [.x86_64_v3, .generic] : [.generic]

    @Test("golden cases and examples run clean under ASan and UBSan, bit-identical on 1 to 3 threads", arguments: cases)
    func sanitized(_ description: String) throws {
        try Self.buildAndRunSanitized(Compiler.load(TestPaths.repo(description)), name: description, fuse: true)
    }

    /// Compiles `graph` for each of `targets` with the sanitizers and the driver of `driver(prefix:)`,
    /// runs it, and records an issue unless the build succeeds and the run reports "sanitized run ok".
    static func buildAndRunSanitized(_ graph: Graph, name: String, fuse: Bool) throws {
        for target in Self.targets {
            var options = CompileOptions()
            options.target = target
            options.fuse = fuse
            let planned = try Compiler.plan(graph, options: options)
            let model = ModelEmitter.emit(planned, options: CodegenOptions(vector: Compiler.vectorTarget(options)))
            let dir = TemporaryDirectory()
            try Data(model.source.utf8).write(to: dir.url.appendingPathComponent("model.c"))
            try Data(model.header.utf8).write(to: dir.url.appendingPathComponent("model.h"))
            try Data(Self.driver(prefix: model.prefix).utf8).write(to: dir.url.appendingPathComponent("driver.c"))
            var blob = Data()
            model.blob.write { blob.append(contentsOf: $0) }
            try blob.write(to: dir.url.appendingPathComponent(model.weightsFileName))

            let toolchain = try Toolchain.find()
            let build = try Self.run(
                toolchain.compiler,
                [
                    "-std=c11", "-O1", "-g", "-fopenmp", "-fno-omit-frame-pointer",
                    "-fsanitize=address,undefined", "-fno-sanitize-recover=all", "-fno-math-errno", "-w",
                ]
                    + Toolchain.targetFlags(target) + ["model.c", "driver.c", "-o", "run", "-lm"], in: dir.url.path)
            try #require(build.status == 0, "\(name) for \(target): the sanitized build failed:\n\(build.output)")
            let result = try Self.run(dir.path("run"), [], in: dir.url.path)
            #expect(
                result.status == 0 && result.output.contains("sanitized run ok"),
                "\(name) for \(target): exit \(result.status)\n\(result.output.prefix(4000))")
        }
    }

    static func run(_ executable: String, _ arguments: [String], in directory: String) throws -> (status: Int32, output: String) {
        var environment = ProcessInfo.processInfo.environment
        // LeakSanitizer is on with ASan; UBSan prints a stack for each report.
        environment["ASAN_OPTIONS"] = "detect_leaks=1:abort_on_error=0:exitcode=86"
        environment["UBSAN_OPTIONS"] = "print_stacktrace=1"
        let r = try runProcess(
            executable.hasPrefix("/") ? executable : "/usr/bin/env", executable.hasPrefix("/") ? arguments : [executable] + arguments,
            cwd: directory, environment: environment)
        return (r.status, r.stdout + r.stderr)
    }

    /// Runs batches 1...5 at capacities 2 and `batch` on 1...3 threads from exact-size heap buffers;
    /// outputs on 2 and 3 threads must equal those on 1 thread bit for bit.
    static func driver(prefix: String) -> String {
        """
        #include <stdio.h>
        #include <stdlib.h>
        #include <string.h>
        #include "model.h"

        static float input_value(int tensor, int64_t i) {
            uint32_t x = (uint32_t)(i * 2654435761u) ^ (uint32_t)(tensor * 40503u + 17u);
            x ^= x >> 13; x *= 0x5bd1e995u; x ^= x >> 15;
            return (float)(x % 2001u) / 1000.0f - 1.0f;
        }

        static int check(int status, const char *what) {
            if (status != CNNC_OK) { fprintf(stderr, "%s failed with status %d\\n", what, status); exit(1); }
            return status;
        }

        int main(void) {
            const cnnc_model_desc *d = \(prefix)_cnnc_model();
            const int ni = (int)d->input_count, no = (int)d->output_count;
            for (int64_t batch = 1; batch <= 5; batch++) {
                float **in = calloc((size_t)ni, sizeof *in);
                float **reference = calloc((size_t)no, sizeof *reference);
                for (int i = 0; i < ni; i++) {
                    in[i] = malloc((size_t)(batch * d->inputs[i].element_count) * sizeof(float));
                    for (int64_t k = 0; k < batch * d->inputs[i].element_count; k++) in[i][k] = input_value(i, k);
                }
                for (int capacity_kind = 0; capacity_kind < 2; capacity_kind++) {
                    const int64_t capacity = capacity_kind == 0 ? batch : (batch < 2 ? batch : 2);
                    for (int threads = 1; threads <= 3; threads++) {
                        cnnc_context *ctx = NULL;
                        check(d->create(capacity, threads, &ctx), "create");
                        float **out = calloc((size_t)no, sizeof *out);
                        for (int o = 0; o < no; o++) out[o] = malloc((size_t)(batch * d->outputs[o].element_count) * sizeof(float));
                        check(d->run(ctx, batch, (const float *const *)in, out), "run");
                        for (int o = 0; o < no; o++) {
                            const size_t bytes = (size_t)(batch * d->outputs[o].element_count) * sizeof(float);
                            if (!reference[o]) { reference[o] = out[o]; out[o] = NULL; continue; }
                            if (threads > 1 && capacity_kind == 0 && memcmp(reference[o], out[o], bytes) != 0) {
                                fprintf(stderr, "output %s differs on %d threads from 1 thread (batch %lld)\\n",
                                        d->outputs[o].name, threads, (long long)batch);
                                return 1;
                            }
                            free(out[o]);
                        }
                        free(out);
                        d->destroy(ctx);
                    }
                }
                for (int i = 0; i < ni; i++) free(in[i]);
                for (int o = 0; o < no; o++) free(reference[o]);
                free(in); free(reference);
            }
            printf("sanitized run ok\\n");
            return 0;
        }
        """
    }
}
