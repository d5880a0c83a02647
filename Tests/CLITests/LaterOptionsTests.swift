import CNNNumPy
import CNNTestSupport
import CNNToolchain
import Foundation
import Testing

/// Options added beyond cli.md: `bench --layers`, `--seeded-weights`/`--seeded-gain`, `import --weights`.
@Suite struct LaterOptionsTests {
    @Test func benchLayersTimesEveryKernel() throws {
        let dir = TemporaryDirectory()
        let lib = dir.path("lib.so")
        #expect(try cnnc(["compile", TestPaths.repo("examples/lenet5/net.json"), "-o", lib]).status == 0)

        let text = try cnnc(["bench", lib, "--threads", "1", "--iterations", "3", "--layers"])
        #expect(text.status == 0, "\(text)")
        #expect(text.stdout.contains("FMA peak in this process:"))
        #expect(text.stdout.contains("c1 + s2") && text.stdout.contains("% peak"))

        let json = try cnnc(["bench", lib, "--threads", "1", "--iterations", "3", "--layers", "--json"])
        #expect(json.status == 0, "\(json)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let peak = try #require(object["fma_peak_gflops"] as? Double)
        #expect(peak > 0)
        let layers = try #require(object["layers"] as? [[String: Any]])
        // LeNet-5: conv+pool twice, flatten, three dense, softmax.
        #expect(layers.count == 7)
        #expect(layers.allSatisfy { ($0["median_ms"] as? Double ?? -1) >= 0 })
        #expect((object["times_ms"] as? [Double])?.count == 3)
        // The profile names the target whose kernels and probe it measured (the descriptor's
        // required CPU features): a baseline library, which runs on any x86-64, needs none.
        #expect(text.stdout.contains("GFLOP/s, kernels built for "))
        #expect(object["target_features"] is [String])
        let baseline = dir.path("generic.so")
        #expect(try cnnc(["compile", TestPaths.repo("examples/lenet5/net.json"), "--target", "generic", "-o", baseline]).status == 0)
        let generic = try cnnc(["bench", baseline, "--threads", "1", "--iterations", "2", "--layers"])
        #expect(generic.status == 0, "\(generic)")
        #expect(generic.stdout.contains("kernels built for the baseline (no required CPU features)"))
        let genericJSON = try cnnc(["bench", baseline, "--threads", "1", "--iterations", "2", "--layers", "--json"])
        let genericObject = try #require(try JSONSerialization.jsonObject(with: Data(genericJSON.stdout.utf8)) as? [String: Any])
        #expect((genericObject["target_features"] as? [String]) == [])
    }

    @Test func seededWeightsReplaceTheMissingWeightsFile() throws {
        let dir = TemporaryDirectory()
        let lib = dir.path("lib.so")
        let net = TestPaths.repo("examples/alphago-policy/net.json")
        // The weights file is not committed: without --seeded-weights that is an error naming it.
        let missing = try cnnc(["inspect", net])
        expectCleanFailure(missing)
        #expect(missing.stderr.contains("weights.safetensors"))
        let inspect = try cnnc(["inspect", net, "--seeded-weights", "2026"])
        #expect(inspect.status == 0, "\(inspect)")
        #expect(inspect.stdout.contains("parameters:"))
        let compile = try cnnc(["compile", net, "-o", lib, "--seeded-weights", "2026", "--seeded-gain", "1.5"])
        #expect(compile.status == 0, "\(compile)")
        expectCleanFailure(try cnnc(["compile", net, "-o", dir.path("b.so"), "--seeded-gain", "1.5"]))
        expectCleanFailure(try cnnc(["compile", net, "-o", dir.path("b.so"), "--seeded-weights", "1", "--seeded-gain", "0"]))
        #expect(!FileManager.default.fileExists(atPath: dir.path("b.so")))
    }

    /// `--no-winograd` and `--target x86-64-v4`: the 3x3 conv's kernel changes (or its vector width),
    /// and every build still matches PyTorch's output.
    @Test func winogradAndTargetOptions() throws {
        let dir = TemporaryDirectory()
        let golden = TestPaths.repo("Tests/Goldens/ops/conv3x3_winograd_same_relu")
        let expected = try loadNPY(golden + "/output0.npy")
        var builds = [(["--no-winograd"], false)]
        // x86-64-v4 code only runs on an AVX-512 host.
        builds += HostCPU.hasAVX512 ? [([], true), (["--target", "x86-64-v4"], true)] : [([], true)]
        for (k, (options, winograd)) in builds.enumerated() {
            let lib = dir.path("lib\(k).so")
            let source = dir.path("model\(k).c")
            let out = dir.path("out\(k).npy")
            let compile = try cnnc(["compile", golden + "/net.json", "-o", lib, "--emit-c", source] + options)
            #expect(compile.status == 0, "\(options): \(compile)")
            #expect(try String(contentsOfFile: source, encoding: .utf8).contains("row Winograd F(4,3)") == winograd, "\(options)")
            let run = try cnnc(["run", lib, "--input", golden + "/input0.npy", "--output", out])
            #expect(run.status == 0, "\(options): \(run)")
            let actual = try loadNPY(out)
            #expect(actual.shape == expected.shape)
            let worst = zip(actual.values, expected.values).map { abs($0 - $1) - 1e-4 * abs($1) }.max() ?? 0
            #expect(worst <= 1e-5, "\(options): max excess error \(worst)")
        }
        expectCleanFailure(try cnnc(["compile", golden + "/net.json", "-o", dir.path("bad.so"), "--target", "x86-64-v5"]))
    }

    /// `inspect` names the algorithm of each conv kernel: VGG-16's first conv (3 input channels)
    /// uses position tiles, conv1_2 (with its fused pool) row Winograd, and conv2_1 tile
    /// Winograd where the host has AVX2 or AVX-512 (FMA targets only).
    /// `inspect --target x86-64-v3` names the depthwise-direct kernel of MobileNetV2's depthwise
    /// convs, stride 1 and 2, whatever the host; x86-64-v4 keeps depthwise rows (position tiles).
    @Test func inspectNamesTheDepthwiseDirectKernel() throws {
        func row(_ target: String, _ layer: String) throws -> Substring {
            let result = try cnnc([
                "inspect", TestPaths.repo("examples/mobilenetv2/net.json"), "--seeded-weights", "2026", "--target", target,
            ])
            #expect(result.status == 0, "\(result)")
            return try #require(result.stdout.split(separator: "\n").first { $0.hasPrefix(layer + " ") }, "\(layer)")
        }
        #expect(try row("x86-64-v3", "block1.dw").contains("conv2d [depthwise direct, 4 x 2 tiles]"))
        #expect(try row("x86-64-v3", "block2.dw").contains("conv2d [depthwise direct, 4 x 2 tiles]"))
        #expect(try row("x86-64-v4", "block1.dw").contains("conv2d [position tiles]"))
    }

    @Test func inspectNamesTheConvAlgorithm() throws {
        let result = try cnnc(["inspect", TestPaths.repo("examples/vgg16/net.json"), "--seeded-weights", "2026"])
        #expect(result.status == 0, "\(result)")
        let rows = result.stdout.split(separator: "\n")
        #expect(rows.first { $0.hasPrefix("conv1_1 ") }?.contains("k0 conv2d [position tiles]") == true, "\(result.stdout)")
        #expect(rows.first { $0.hasPrefix("conv1_2 ") }?.contains("k1 conv2d [row Winograd F(4,3)] (fused: conv1_2 + pool1)") == true)
        let fma = HostCPU.hasAVX2
        let conv21 = try #require(rows.first { $0.hasPrefix("conv2_1 ") })
        #expect(conv21.contains(fma ? "k2 conv2d [tile Winograd F(4x4,3x3)]" : "k2 conv2d [row Winograd F(4,3)]"), "\(conv21)")
        let fc6 = try #require(rows.first { $0.hasPrefix("fc6 ") })
        #expect(fc6.hasSuffix(" dense"), "only convs name an algorithm: \(fc6)")
        if HostCPU.hasAVX512 {
            // AlexNet's 5x5 conv2 on 27x27 copies its input per kernel column on AVX-512.
            let alexnet = try cnnc(["inspect", TestPaths.repo("examples/alexnet/net.json"), "--seeded-weights", "2026"])
            let conv2 = try #require(alexnet.stdout.split(separator: "\n").first { $0.hasPrefix("conv2 ") })
            #expect(conv2.contains("conv2d [position tiles, column copies]"), "\(conv2)")
        }
    }

    @Test func importNamesTheWeightsFile() throws {
        let dir = TemporaryDirectory()
        let model = TestPaths.repo("Tests/Goldens/onnx/conv2d_basic/model.onnx")
        let result = try cnnc(["import", model, "-o", dir.path("net.json"), "--weights", "w.safetensors"])
        #expect(result.status == 0, "\(result)")
        #expect(Set(try FileManager.default.contentsOfDirectory(atPath: dir.url.path)) == ["net.json", "w.safetensors"])
        #expect(try String(contentsOfFile: dir.path("net.json"), encoding: .utf8).contains("\"weights\": \"w.safetensors\""))
        expectCleanFailure(try cnnc(["import", model, "-o", dir.path("x.json"), "--weights", "sub/w.safetensors"]))
        expectCleanFailure(try cnnc(["import", TestPaths.repo("examples/lenet5/net.json"), "-o", dir.path("y.json")]))
    }
}
