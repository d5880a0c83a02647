import CNNTestSupport
import Foundation
import Testing

/// `cnnc verify NET --input x.npy --reference onnxruntime|DIR --per-layer` (issue 17 item 3), against
/// ONNX Runtime's per-layer outputs committed by scripts/goldens/make_layer_goldens.py.
@Suite("cnnc verify --per-layer")
struct PerLayerVerifyTests {
    static let small = TestPaths.repo("Tests/Goldens/layers/small_cnn")
    static let input = small + "/input.npy"
    static let ort = small + "/ort"

    func verify(_ model: String, _ extra: [String], input: String = Self.input, environment: [String: String]? = nil) throws -> CLIResult {
        let r = try runProcess(TestPaths.cnnc, ["verify", model, "--input", input, "--per-layer"] + extra, environment: environment)
        return CLIResult(status: r.status, stdout: r.stdout, stderr: r.stderr)
    }

    @Test func theModelMatchesORTLayerByLayer() throws {
        let r = try verify(Self.small + "/model.onnx", ["--reference", Self.ort])
        #expect(r.status == 0, "\(r)")
        #expect(r.stdout.contains("passed: all 6 compared layers within tolerance (5 fused, 0 not in the library); worst layer "), "\(r)")
        #expect(r.stdout.contains("t_conv1  fused into t_pool1"), "\(r)")
    }

    /// ConvNeXt's block as torchvision exports it runs channels-first with no transpose in a
    /// library, but with --all-layers (which --per-layer compiles with) the transposes stay, so
    /// every tensor between them is returned channels-last, as ONNX Runtime has it (the layer
    /// norm's was compared channels-first against channels-last and failed).
    @Test func convNeXtBlockComparesInONNXsLayout() throws {
        let golden = TestPaths.repo("Tests/Goldens/layers/convnext_block")
        let r = try verify(golden + "/model.onnx", ["--reference", golden + "/ort"], input: golden + "/input.npy")
        #expect(r.status == 0, "\(r)")
        #expect(r.stdout.contains("passed: all 7 compared layers within tolerance (7 fused, 0 not in the library)"), "\(r)")
        #expect(r.stdout.contains("t_ln      PASS"), "\(r)")
    }

    @Test func aPerturbedWeightIsFoundInTheKernelThatHoldsIt() throws {
        let r = try verify(Self.small + "/conv2_perturbed.onnx", ["--reference", Self.ort])
        #expect(r.status == 1, "\(r)")
        // conv2, its batchnorm, the residual add and the relu are one kernel: its result is the first to differ.
        #expect(r.stdout.contains("first layer out of tolerance: t_relu2"), "\(r)")
        // Its kernel's inputs, through the fused layers: the add, the batchnorm, the conv, and the pool they all read.
        #expect(
            r.stdout.contains(
                """
                  it reads (through the layers fused into its kernel):
                    t_add: fused into t_relu2
                    t_bn2: fused into t_relu2
                    t_pool1: PASS
                """), "\(r)")
        #expect(r.stdout.contains("    t_conv2: fused into t_relu2"), "\(r)")
        #expect(r.stdout.contains("t_conv1  fused into t_pool1"), "\(r)")
    }

    @Test func withoutFusionThePerturbedLayerItselfIsNamed() throws {
        let r = try verify(Self.small + "/conv2_perturbed.onnx", ["--reference", Self.ort, "--no-fuse"])
        #expect(r.status == 1, "\(r)")
        #expect(r.stdout.contains("first layer out of tolerance: t_conv2"), "\(r)")
        #expect(r.stdout.contains("  it reads (through the layers fused into its kernel):\n    t_pool1: PASS"), "\(r)")
        #expect(r.stdout.contains("FAIL t_conv2 [2, 4, 4, 4]"), "\(r)")
    }

    @Test func jsonNamesTheFirstFailure() throws {
        let r = try verify(Self.small + "/conv2_perturbed.onnx", ["--reference", Self.ort, "--no-fuse", "--json"])
        #expect(r.status == 1, "\(r)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        #expect(object["first_failure"] as? String == "t_conv2")
        #expect(object["passed"] as? Bool == false)
        let layers = try #require(object["layers"] as? [[String: Any]])
        #expect(layers.count == 11)
        #expect(layers.compactMap { $0["status"] as? String }.prefix(4) == ["pass", "pass", "pass", "fail"])
    }

    @Test func missingPythonIsAClearError() throws {
        var environment = ProcessInfo.processInfo.environment
        environment["CNNC_PYTHON"] = "/nonexistent/python3"
        let r = try verify(Self.small + "/model.onnx", ["--reference", "onnxruntime"], environment: environment)
        expectCleanFailure(r)
        #expect(r.stderr.contains("pip install './python[onnxruntime]'"), "\(r)")
    }

    @Test func aPythonWithoutThePackageIsAClearError() throws {
        var environment = ProcessInfo.processInfo.environment
        environment["PYTHONPATH"] = nil
        environment["CNNC_PYTHON"] = "/usr/bin/python3"
        environment["PYTHONNOUSERSITE"] = "1"
        let r = try verify(Self.small + "/model.onnx", ["--reference", "onnxruntime"], environment: environment)
        expectCleanFailure(r)
        #expect(r.stderr.contains("cannot import the cnnc package") && r.stderr.contains("pip install './python[onnxruntime]'"), "\(r)")
    }

    @Test func onnxruntimeNeedsAnONNXModel() throws {
        let r = try verify(
            TestPaths.repo("examples/lenet5/net.json"), ["--reference", "onnxruntime"], input: TestPaths.repo("examples/lenet5/input.npy"))
        expectCleanFailure(r)
        #expect(r.stderr.contains("--reference onnxruntime needs the ONNX model"), "\(r)")
    }

    @Test func aReferenceWithNoMatchingLayerIsAClearError() throws {
        let dir = TemporaryDirectory()
        try writeNPY([2, 5], Array(repeating: 0, count: 10), to: dir.path("something_else.npy"))
        let r = try verify(Self.small + "/model.onnx", ["--reference", dir.url.path])
        expectCleanFailure(r)
        #expect(r.stderr.contains("got none that match"), "\(r)")
    }

    @Test func perLayerAndReferenceGoTogether() throws {
        let r = try cnnc(["verify", Self.small + "/model.onnx", "--input", Self.input, "--per-layer"])
        #expect(r.status != 0)
        #expect(r.stderr.contains("--per-layer and --reference"), "\(r)")
    }
}
