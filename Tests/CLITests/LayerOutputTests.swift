import CNNTestSupport
import Foundation
import Testing

/// Output names (issue 15 item 5) and every layer on request (`compile --all-layers`, `run --all-layers DIR`, issue 17 item 2).
@Suite("layer outputs")
struct LayerOutputTests {
    /// x [1, 2, 2] -> conv c (1x1, weight 2, bias -1) -> relu r -> max pool p (2x2): r and p fuse into c.
    static let convReluPool = #"""
        {"version": 1, "name": "crp", "inputs": [{"name": "x", "shape": [1, 2, 2]}],
         "layers": [
           {"name": "c", "op": "conv2d", "filters": 1, "kernel": 1, "params": {"weight": [[[[2.0]]]], "bias": [-1.0]}},
           {"name": "r", "op": "relu"},
           {"name": "p", "op": "maxpool2d", "size": 2}
         ],
         "outputs": [OUTPUTS]}
        """#

    /// x [3] -> dense fc (2 units) -> dropout d.
    static let denseDropout = #"""
        {"version": 1, "name": "dd", "inputs": [{"name": "x", "shape": [3]}],
         "layers": [
           {"name": "fc", "op": "dense", "units": 2, "params": {"weight": [[1.0, 2.0, 3.0], [-1.0, 0.5, 0.0]], "bias": [0.5, -0.5]}},
           {"name": "d", "op": "dropout", "rate": 0.5}
         ],
         "outputs": [OUTPUTS]}
        """#

    static func compile(_ json: String, outputs: String, in dir: TemporaryDirectory, flags: [String] = []) throws -> CLIResult {
        let net = dir.write("net.json", json.replacingOccurrences(of: "OUTPUTS", with: outputs))
        return try cnnc(["compile", net, "-o", dir.path("model.so")] + flags)
    }

    // MARK: output names (issue 15 item 5)

    @Test func fusedOutputKeepsItsName() throws {
        let dir = TemporaryDirectory()
        let r = try Self.compile(Self.convReluPool, outputs: #""p""#, in: dir)
        try #require(r.status == 0, "\(r)")
        try writeNPY([2, 1, 2, 2], [0, 1, 0.25, 0.5, -3, -2, -1, -0.75], to: dir.path("x.npy"))
        let run = try cnnc(["run", dir.path("model.so"), "--input", dir.path("x.npy"), "--output", "p=" + dir.path("p.npy")])
        #expect(run.status == 0, "\(run)")
        // max over the window of relu(2x - 1): sample 0 max(0, 2*1 - 1) = 1; sample 1 relu(-2.5) = 0.
        #expect(try loadNPY(dir.path("p.npy")).values == [1, 0])
        let byProducer = try cnnc(["run", dir.path("model.so"), "--input", dir.path("x.npy"), "--output", "c=" + dir.path("c.npy")])
        expectCleanFailure(byProducer)
        #expect(byProducer.stderr.contains("(p)"), "\(byProducer)")
    }

    @Test func lenetFusedPoolIsExportedAsS4() throws {
        let dir = TemporaryDirectory()
        var text = try String(contentsOfFile: TestPaths.repo("examples/lenet5/net.json"), encoding: .utf8)
        text = text.replacingOccurrences(of: #""outputs": ["prob"]"#, with: #""outputs": ["s4", "prob"]"#)
            .replacingOccurrences(of: "lenet5.safetensors", with: TestPaths.repo("examples/lenet5/lenet5.safetensors"))
        let net = dir.write("net.json", text)
        let r = try cnnc(["compile", net, "-o", dir.path("model.so")])
        try #require(r.status == 0, "\(r)")
        let run = try cnnc([
            "run", dir.path("model.so"), "--input", TestPaths.repo("examples/lenet5/input.npy"),
            "--output", "s4=" + dir.path("s4.npy"), "--output", "prob=" + dir.path("prob.npy"),
        ])
        #expect(run.status == 0, "\(run)")
        #expect(try loadNPY(dir.path("s4.npy")).shape == [2, 16, 5, 5])
        let expected = try loadNPY(TestPaths.repo("examples/lenet5/expected.npy"))
        #expect(Mismatch.find(try loadNPY(dir.path("prob.npy")).values, expected.values, atol: 1e-5, rtol: 1e-4) == nil)
    }

    @Test func dropoutOutputAndItsSourceBothWork() throws {
        let dir = TemporaryDirectory()
        let r = try Self.compile(Self.denseDropout, outputs: #""fc", "d""#, in: dir)
        try #require(r.status == 0, "\(r)")
        try writeNPY([1, 3], [1, 2, 3], to: dir.path("x.npy"))
        let run = try cnnc([
            "run", dir.path("model.so"), "--input", dir.path("x.npy"),
            "--output", "fc=" + dir.path("fc.npy"), "--output", "d=" + dir.path("d.npy"),
        ])
        #expect(run.status == 0, "\(run)")
        // [1+4+9+0.5, -1+1+0-0.5]
        #expect(try loadNPY(dir.path("fc.npy")).values == [14.5, -0.5])
        #expect(try loadNPY(dir.path("d.npy")).values == [14.5, -0.5])
    }

    @Test func dropoutAloneIsExportedUnderItsName() throws {
        let dir = TemporaryDirectory()
        let r = try Self.compile(Self.denseDropout, outputs: #""d""#, in: dir)
        try #require(r.status == 0, "\(r)")
        try writeNPY([1, 3], [1, 2, 3], to: dir.path("x.npy"))
        let run = try cnnc(["run", dir.path("model.so"), "--input", dir.path("x.npy"), "--output", "d=" + dir.path("d.npy")])
        #expect(run.status == 0, "\(run)")
        #expect(try loadNPY(dir.path("d.npy")).values == [14.5, -0.5])
    }

    @Test(arguments: [#""a\u0000b""#, #""\u0000""#])
    func namesWithNULAreRefused(_ name: String) throws {
        let dir = TemporaryDirectory()
        let json =
            #"{"version": 1, "name": "t", "inputs": [{"name": "x", "shape": [3]}], "layers": [{"name": NAME, "op": "relu"}, {"name": "a", "op": "relu"}]}"#
        let net = dir.write("net.json", json.replacingOccurrences(of: "NAME", with: name))
        let r = try cnnc(["compile", net, "-o", dir.path("model.so")])
        expectCleanFailure(r)
        #expect(r.stderr.contains("NUL"), "\(r)")
        #expect(r.stderr.contains("layers[0]"), "\(r)")
        #expect(!FileManager.default.fileExists(atPath: dir.path("model.so")))
    }

    @Test func inputNameWithNULIsRefused() throws {
        let dir = TemporaryDirectory()
        let net = dir.write(
            "net.json",
            #"{"version": 1, "name": "t", "inputs": [{"name": "x\u0000y", "shape": [3]}], "layers": [{"name": "a", "op": "relu"}]}"#)
        let r = try cnnc(["compile", net, "-o", dir.path("model.so")])
        expectCleanFailure(r)
        #expect(r.stderr.contains("NUL") && r.stderr.contains("inputs[0]"), "\(r)")
    }

    // MARK: --all-layers (issue 17 item 2), against ONNX Runtime's per-layer outputs

    static let small = TestPaths.repo("Tests/Goldens/layers/small_cnn")

    struct Manifest {
        var layers: [[String: Any]]
        init(_ path: String) throws {
            let data = try Data(contentsOf: URL(fileURLWithPath: path))
            let top = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
            layers = try #require(top["layers"] as? [[String: Any]])
        }
        var names: [String] { layers.compactMap { $0["name"] as? String } }
        func entry(_ name: String) -> [String: Any]? { layers.first { $0["name"] as? String == name } }
    }

    static let linearBias = TestPaths.repo("Tests/Goldens/layers/linear_bias")

    /// Compiles the golden model with `flags`, runs it with --all-layers and compares every returned layer with ORT's.
    func dumpAndCompare(_ flags: [String], golden: String = LayerOutputTests.small) throws -> Manifest {
        let dir = TemporaryDirectory()
        let c = try cnnc(["compile", golden + "/model.onnx", "-o", dir.path("model.so"), "--all-layers"] + flags)
        try #require(c.status == 0, "\(c)")
        let r = try cnnc(["run", dir.path("model.so"), "--input", golden + "/input.npy", "--all-layers", dir.path("dump")])
        try #require(r.status == 0, "\(r)")
        let ours = try Manifest(dir.path("dump/layers.json"))
        let ort = try Manifest(golden + "/ort/layers.json")
        // Every ORT tensor is a layer of the library, in the same order, named by its tensor name.
        #expect(ours.names == ort.names)
        for layer in ours.layers {
            let name = try #require(layer["name"] as? String)
            guard let file = layer["file"] as? String else {
                #expect(layer["fused_into"] is String, "\(name) neither returned nor fused")
                continue
            }
            let actual = try loadNPY(dir.path("dump/" + file))
            let expected = try loadNPY(golden + "/ort/" + (try #require(ort.entry(name)?["file"] as? String)))
            #expect(actual.shape == expected.shape, "\(name)")
            #expect(Mismatch.find(actual.values, expected.values, atol: 1e-5, rtol: 1e-4) == nil, "\(name)")
        }
        return ours
    }

    @Test func allLayersWithFusionListTheFusedOnes() throws {
        let m = try dumpAndCompare([])
        let returned = m.layers.filter { $0["file"] != nil }.compactMap { $0["name"] as? String }
        #expect(returned == ["t_pool1", "t_relu2", "t_gap", "t_flat", "logits", "prob"])
        #expect(m.entry("t_conv1")?["fused_into"] as? String == "t_pool1")
        #expect(m.entry("t_relu1")?["fused_into"] as? String == "t_pool1")
        for name in ["t_conv2", "t_bn2", "t_add"] { #expect(m.entry(name)?["fused_into"] as? String == "t_relu2", "\(name)") }
    }

    /// A MatMul whose bias Add is folded into its kernel writes the Add's tensor: the kernel is exported
    /// under the Add's name and the MatMul's tensor is fused into it (it used to be exported under the
    /// MatMul's name, holding the Add's values, and failed against ORT's MatMul tensor). An exported
    /// GELU's five nodes run as one activation in the linear kernel before it: all of its tensors are
    /// fused into that kernel (the scale, erf and add of one used to be missing from the library).
    @Test func linearWithFoldedBiasIsNamedByTheAdd() throws {
        for flags in [[], ["--no-fuse"]] {
            let m = try dumpAndCompare(flags, golden: Self.linearBias)
            #expect(m.entry("t_mm2")?["fused_into"] as? String == "t_lin2", "\(flags)")
            #expect(m.entry("t_lin2")?["file"] is String, "\(flags)")
        }
        let m = try dumpAndCompare([], golden: Self.linearBias)
        for name in ["t_mm1", "t_lin1", "t_div", "t_erf", "t_plus", "t_mul"] {
            #expect(m.entry(name)?["fused_into"] as? String == "t_gelu", "\(name)")
        }
    }

    @Test func allLayersWithoutFusionReturnsEveryLayer() throws {
        let m = try dumpAndCompare(["--no-fuse"])
        #expect(m.layers.allSatisfy { $0["file"] != nil }, "\(m.layers)")
    }

    @Test func allLayersOfADescriptionKeepsDropoutAndNames() throws {
        let dir = TemporaryDirectory()
        let r = try Self.compile(Self.denseDropout, outputs: #""d""#, in: dir, flags: ["--all-layers"])
        try #require(r.status == 0, "\(r)")
        try writeNPY([1, 3], [1, 2, 3], to: dir.path("x.npy"))
        let run = try cnnc(["run", dir.path("model.so"), "--input", dir.path("x.npy"), "--all-layers", dir.path("out")])
        #expect(run.status == 0, "\(run)")
        let m = try Manifest(dir.path("out/layers.json"))
        #expect(Set(m.names) == ["fc", "d"])
        for name in ["fc", "d"] {
            let file = try #require(m.entry(name)?["file"] as? String)
            #expect(try loadNPY(dir.path("out/" + file)).values == [14.5, -0.5], "\(name)")
        }
    }

    @Test func runAllLayersRefusesAFileAndALibraryWithoutLayers() throws {
        let dir = TemporaryDirectory()
        let lenet = try cnnc(["compile", TestPaths.repo("examples/lenet5/net.json"), "-o", dir.path("lenet.so")])
        try #require(lenet.status == 0, "\(lenet)")
        let plain = try cnnc([
            "run", dir.path("lenet.so"), "--input", TestPaths.repo("examples/lenet5/input.npy"), "--all-layers", dir.path("out"),
        ])
        expectCleanFailure(plain)
        #expect(plain.stderr.contains("--all-layers"), "\(plain)")
        #expect(!FileManager.default.fileExists(atPath: dir.path("out")))

        let all = try Self.compile(Self.convReluPool, outputs: #""p""#, in: dir, flags: ["--all-layers"])
        try #require(all.status == 0, "\(all)")
        try writeNPY([1, 1, 2, 2], [0, 1, 0.25, 0.5], to: dir.path("x.npy"))
        let file = dir.write("taken", "keep")
        let onFile = try cnnc(["run", dir.path("model.so"), "--input", dir.path("x.npy"), "--all-layers", file])
        expectCleanFailure(onFile)
        #expect(onFile.stderr.contains("expected a directory"), "\(onFile)")
        #expect(try String(contentsOfFile: file, encoding: .utf8) == "keep")
        let noParent = try cnnc(["run", dir.path("model.so"), "--input", dir.path("x.npy"), "--all-layers", dir.path("missing/out")])
        expectCleanFailure(noParent)
        #expect(noParent.stderr.contains("got no directory"), "\(noParent)")
        #expect(!FileManager.default.fileExists(atPath: dir.path("missing")))
    }
}
