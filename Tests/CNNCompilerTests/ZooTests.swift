import CNNCompiler
import CNNFrontend
import CNNTestSupport
import Foundation
import Testing

/// A full-size network of the course material: its description, the seed of its stand-in
/// weights, and PyTorch's outputs on them (scripts/zoo/make_zoo.py; never cnnc's).
struct ZooNet: CustomTestStringConvertible, Sendable {
    var name: String
    var seed: UInt64
    var gain: Double
    var inputs: [(name: String, shape: [Int])]
    /// Expected file, the layer it holds, and its tolerances.
    var checks: [(file: String, layer: String, atol: Float, rtol: Float)]
    var testDescription: String { name }

    var directory: String { TestPaths.repo("examples/\(name)") }

    static let names = ["alexnet", "vgg16", "googlenet", "resnet18", "resnet50", "densenet121", "unet", "alphago-policy", "mobilenetv2"]

    static let all: [ZooNet] = names.compactMap { name in
        let url = URL(fileURLWithPath: TestPaths.repo("examples/\(name)/seed.json"))
        guard let data = try? Data(contentsOf: url), let json = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
            let seed = json["seed"] as? NSNumber, let gain = json["gain"] as? NSNumber,
            let inputs = json["inputs"] as? [String: [Int]], let outputs = json["outputs"] as? [String: [String: Any]]
        else { return nil }
        let checks = outputs.keys.sorted().map { file -> (String, String, Float, Float) in
            let o = outputs[file]!
            return (file, o["layer"] as! String, Float((o["atol"] as! NSNumber).doubleValue), Float((o["rtol"] as! NSNumber).doubleValue))
        }
        return ZooNet(
            name: name, seed: seed.uint64Value, gain: gain.doubleValue,
            inputs: inputs.keys.sorted().map { ($0, Array(inputs[$0]!.dropFirst())) }, checks: checks)
    }

    /// A copy of the description whose outputs are the checked layers (logits as well as probabilities).
    func descriptionWithCheckedOutputs(in dir: TemporaryDirectory) throws -> String {
        let data = try Data(contentsOf: URL(fileURLWithPath: directory + "/net.json"))
        var json = try JSONSerialization.jsonObject(with: data) as! [String: Any]
        json["outputs"] = checks.map(\.layer)
        let path = dir.path("net.json")
        try JSONSerialization.data(withJSONObject: json, options: [.sortedKeys]).write(to: URL(fileURLWithPath: path))
        return path
    }
}

@Suite struct ZooTests {
    @Test func everyNetworkHasItsGolden() {
        #expect(ZooNet.all.map(\.name) == ZooNet.names)
    }

    /// Each network at full size, with stand-in weights regenerated from the seed, against PyTorch.
    @Test(arguments: ZooNet.all)
    func matchesPyTorchAtFullSize(_ net: ZooNet) throws {
        let dir = TemporaryDirectory()
        var options = CompileOptions()
        let seeded = SeededWeights(seed: net.seed, gain: net.gain)
        options.seeded = seeded
        let model = try CompiledModel(net: try net.descriptionWithCheckedOutputs(in: dir), options: options)
        let inputs = net.inputs.map { seeded.input($0.name, count: $0.shape.reduce(1, *)) }
        let outputs = try model.run(inputs, batch: 1)
        for (k, check) in net.checks.enumerated() {
            let expected = try loadNPY(net.directory + "/" + check.file)
            #expect(model.library.outputs[k].shape == Array(expected.shape.dropFirst()))
            let mismatch = Mismatch.find(outputs[k], expected.values, atol: check.atol, rtol: check.rtol)
            #expect(mismatch == nil, "\(check.file) (\(check.layer)): \(mismatch?.description ?? "")")
        }
    }

    /// `inspect`'s totals equal the published figures.
    @Test(arguments: [("resnet50", 25_557_032, 4.09), ("vgg16", 138_357_544, 15.47), ("resnet18", 11_689_512, 1.81)])
    func inspectTotalsMatchPublishedFigures(_ name: String, _ parameters: Int, _ gmacs: Double) throws {
        let graph = try Compiler.load(TestPaths.repo("examples/\(name)/net.json"), seeded: SeededWeights(seed: 2026))
        let report = InspectReport(graph: graph, planned: try Compiler.plan(graph))
        #expect(report.totalParameters == parameters)
        #expect(abs(Double(report.totalMACs) / 1e9 - gmacs) < 0.01)
        #expect(report.arenaBytesPerSample > 0)
        #expect(report.render().contains("parameters: \(InspectReport.grouped(parameters))"))
    }
}
