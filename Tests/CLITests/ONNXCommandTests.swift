import CNNNumPy
import CNNTestSupport
import Foundation
import Testing

/// `cnnc compile/inspect/import` on ONNX models, through the binary.
@Suite struct ONNXCommandTests {
    func golden(_ name: String) -> String { TestPaths.repo("Tests/Goldens/onnx/\(name)") }

    @Test func compileAndRunAnONNXModelDirectly() throws {
        let dir = TemporaryDirectory()
        let lib = dir.path("lib.so")
        let out = dir.path("out.npy")
        let compile = try runProcess(TestPaths.cnnc, ["compile", golden("conv2d_basic") + "/model.onnx", "-o", lib])
        #expect(compile.status == 0, "\(compile.stderr)")
        let run = try runProcess(TestPaths.cnnc, ["run", lib, "--input", golden("conv2d_basic") + "/input0.npy", "--output", out])
        #expect(run.status == 0, "\(run.stderr)")
        let got = try NPY.read(contentsOf: out)
        let want = try NPY.read(contentsOf: golden("conv2d_basic") + "/output0.npy")
        #expect(got.shape == want.shape)
        #expect(Mismatch.find(got.values, want.values, atol: 1e-5, rtol: 1e-4) == nil)
    }

    @Test func importWritesAReadableDescriptionAndWeights() throws {
        let dir = TemporaryDirectory()
        let net = dir.path("net.json")
        let result = try runProcess(TestPaths.cnnc, ["import", golden("conv2d_basic") + "/model.onnx", "-o", net])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(Set(try FileManager.default.contentsOfDirectory(atPath: dir.url.path)) == ["net.json", "weights.safetensors"])
        let text = try String(contentsOfFile: net, encoding: .utf8)
        #expect(text.contains("\"version\": 1") && text.contains("\"op\": \"conv2d\""))
        // The written description compiles like any other.
        let compile = try runProcess(TestPaths.cnnc, ["compile", net, "-o", dir.path("lib.so")])
        #expect(compile.status == 0, "\(compile.stderr)")
    }

    @Test func symbolicDimensionsNeedShape() throws {
        let dir = TemporaryDirectory()
        let lib = dir.path("lib.so")
        let model = golden("symbolic_dims_with_shape") + "/model.onnx"
        let without = try runProcess(TestPaths.cnnc, ["compile", model, "-o", lib])
        #expect(without.status == 1)
        #expect(without.stderr.hasPrefix("error: ") && without.stderr.contains("--shape x0="))
        #expect(!FileManager.default.fileExists(atPath: lib))
        let with = try runProcess(TestPaths.cnnc, ["compile", model, "-o", lib, "--shape", "x0=1x2x5x5"])
        #expect(with.status == 0, "\(with.stderr)")
        let twice = try runProcess(
            TestPaths.cnnc, ["compile", model, "-o", dir.path("b.so"), "--shape", "x0=1x2x5x5", "--shape", "x0=1x2x5x5"])
        #expect(twice.status == 1 && twice.stderr.contains("twice"))
    }

    @Test func unsupportedOpsNameTheNodeAndListWhatIsSupported() throws {
        let dir = TemporaryDirectory()
        let lib = dir.path("lib.so")
        FileManager.default.createFile(atPath: lib, contents: Data("keep".utf8))
        let result = try runProcess(TestPaths.cnnc, ["compile", golden("neg_unsupported_op") + "/model.onnx", "-o", lib])
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("error: "))
        #expect(
            result.stderr.contains("model.onnx") && result.stderr.contains("'hm' (Hardmax)") && result.stderr.contains("supported ops: "))
        #expect(try String(contentsOfFile: lib, encoding: .utf8) == "keep")
        let inspect = try runProcess(TestPaths.cnnc, ["inspect", golden("neg_unsupported_op") + "/model.onnx"])
        #expect(inspect.status == 1 && inspect.stderr.contains("Hardmax"))
    }

    @Test func shapeIsRejectedForDescriptions() throws {
        let result = try runProcess(TestPaths.cnnc, ["inspect", TestPaths.repo("examples/lenet5/net.json"), "--shape", "image=1x1x32x32"])
        #expect(result.status == 1 && result.stderr.contains("applies to ONNX models only"))
    }

    /// An untrusted model cannot read files outside its folder through external data (issue 15, item 1).
    @Test func externalDataOutsideTheModelsFolderIsRefused() throws {
        let dir = TemporaryDirectory()
        let golden = try Data(contentsOf: URL(fileURLWithPath: golden("external_data") + "/model.onnx"))
        // Same length, so the protobuf framing stays valid: both initializers now point at /etc/passwd.
        let hostile = try #require(
            String(data: golden, encoding: .isoLatin1)?.replacingOccurrences(of: "weights.bin", with: "/etc/passwd").data(using: .isoLatin1)
        )
        #expect(hostile != golden)
        try hostile.write(to: URL(fileURLWithPath: dir.path("model.onnx")))
        let lib = dir.path("lib.so")
        let r = try cnnc(["compile", dir.path("model.onnx"), "-o", lib])
        expectCleanFailure(r)
        #expect(r.stderr.contains("model.onnx: initializer 'w': external data location '/etc/passwd' is an absolute path"), "\(r)")
        #expect(listing(dir.url.path) == ["model.onnx"])
    }
}
