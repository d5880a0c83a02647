import CNNNumPy
import CNNTestSupport
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
