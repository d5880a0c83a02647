import CNNCompiler
import CNNFrontend
import CNNIR
import CNNNumPy
import CNNTestSupport
import Foundation
import Testing

@testable import CNNONNX

/// torchvision's models exported to ONNX (scripts/onnx/make_zoo_onnx.py), compiled from the
/// .onnx and run on the seeded input, against ONNX Runtime's output for the same seeded weights.
/// Only the graphs are committed: their parameters are external data in a weights.bin that does
/// not exist, so the importer generates them with the seeded rule (docs/onnx.md).
///
/// Tolerance (seed.json, per model): atol = max(20 d, 1e-4 max|output|), where d is the largest
/// difference between ONNX Runtime with all optimisations off and all on, i.e. between two
/// correct float32 evaluations of the same deep net with different kernels and summation
/// orders (1e-7 to 2e-5 here). A wrong weight, layout, padding or op changes the outputs by
/// 1e-1 and more; see the note in docs/onnx.md for the errors measured.
@Suite(.serialized) struct ONNXZooTests {
    struct Model: CustomTestStringConvertible, Sendable {
        var name: String
        var seed: UInt64
        var gain: Double
        var input: String
        var inputShape: [Int]
        var outputShape: [Int]
        var atol: Float
        /// (initializer, seeded rule, fan-in, file): values seeded.py made, for a bit-exact check.
        var seededChecks: [(String, String, Int?, String)]
        var testDescription: String { name }
        var directory: String { TestPaths.repo("Tests/Goldens/onnx-zoo/\(name)") }
    }

    /// Every model whose goldens are committed, in make_zoo_onnx.py's order.
    static let all = [
        "alexnet", "vgg16", "googlenet", "resnet18", "resnet50", "densenet121", "mobilenet_v2",
        "efficientnet_b0", "mobilenet_v3_small", "mobilenet_v3_small_dynamo", "mobilenet_v3_large", "regnet_y_400mf",
        "shufflenet_v2_x1_0", "convnext_tiny", "mnasnet1_0", "squeezenet1_1", "inception_v3", "resnext50_32x4d",
        "densenet169", "fcn_resnet50", "deeplabv3_resnet50", "lraspp_mobilenet_v3_large",
    ]

    /// The models compiled and compared with ONNX Runtime: all of them (a model the importer
    /// refuses would stay out of this list, its refusal listed in docs/onnx.md, "The zoo").
    static let compared = all

    /// The slowest of the new models to import and compile (each 1 to 4 minutes of the suite's
    /// 32 on the loaded 2-core dev machine; the five together two thirds of the new models'
    /// time): compared only with CNNC_ZOO_ALL=1, so the suite stays within CI's budget.
    static let slow: Set<String> = ["inception_v3", "resnext50_32x4d", "densenet169", "fcn_resnet50", "deeplabv3_resnet50"]
    static let runsSlow = ProcessInfo.processInfo.environment["CNNC_ZOO_ALL"] == "1"

    static func load(_ name: String) -> Model? {
        let path = TestPaths.repo("Tests/Goldens/onnx-zoo/\(name)/seed.json")
        guard let data = FileManager.default.contents(atPath: path),
            let info = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
        else { return nil }
        let checks = (info["seeded_checks"] as? [[String: Any]] ?? []).map { c in
            (c["initializer"] as! String, c["rule"] as! String, (c["fan_in"] as? NSNumber)?.intValue, c["file"] as! String)
        }
        let inputShape = (info["input_shape"] as! [NSNumber]).map(\.intValue)
        return Model(
            name: name, seed: (info["seed"] as! NSNumber).uint64Value, gain: (info["gain"] as! NSNumber).doubleValue,
            input: info["input"] as! String, inputShape: inputShape,
            outputShape: (info["output_shape"] as? [NSNumber])?.map(\.intValue) ?? [1, 1000],
            atol: (info["atol"] as! NSNumber).floatValue, seededChecks: checks)
    }

    static let models: [Model] = all.compactMap(load)
    static let comparedModels: [Model] = compared.filter { runsSlow || !slow.contains($0) }.compactMap(load)

    @Test func everyModelHasItsGoldens() {
        #expect(Self.models.map(\.name) == Self.all)
        #expect(Set(Self.compared).isSubset(of: Self.all))
        #expect(Self.slow.isSubset(of: Self.compared))
        for m in Self.models {
            for file in ["model.onnx", "output0.npy"] {
                #expect(FileManager.default.fileExists(atPath: m.directory + "/" + file), "\(m.name)/\(file)")
            }
        }
    }

    @Test(arguments: Self.comparedModels)
    func matchesONNXRuntime(_ m: Model) throws {
        let start = Date()
        let seeded = SeededWeights(seed: m.seed, gain: m.gain)
        let graph = try ONNXImporter.load(path: m.directory + "/model.onnx", seeded: seeded)
        #expect(graph.inputs.map(\.name) == [m.input])
        #expect(graph.inputs[0].shape == Array(m.inputShape.dropFirst()))
        // Straight from the imported graph: no 500 MB description round trip for the big models.
        let compiled = try CompiledModel(graph: graph)
        let compiledAt = Date()
        let input = seeded.input(m.input, count: m.inputShape.reduce(1, *))
        let expected = try loadNPY(m.directory + "/output0.npy")
        #expect(expected.shape == m.outputShape)
        let output = try compiled.run([input], batch: 1)[0]
        #expect(output.count == expected.values.count)
        let error = maxAbsError(output, expected.values)
        let scale = expected.values.map(abs).max() ?? 0
        let seconds = { (a: Date, b: Date) in String(format: "%.1f", b.timeIntervalSince(a)) }
        print(
            "onnx-zoo \(m.name): max |cnnc - ORT| = \(error) (atol \(m.atol), max |output| \(scale)); "
                + "import + compile \(seconds(start, compiledAt)) s, run \(seconds(compiledAt, Date())) s")
        let mismatch = Mismatch.find(output, expected.values, atol: m.atol, rtol: 0)
        #expect(mismatch == nil, "\(m.name): \(mismatch?.description ?? "")")
    }

    /// The importer's seeded generator gives, bit for bit, the values scripts/cnnc_tools/onnx_seeded.py
    /// gave ONNX Runtime, for every rule each model uses (LayerNormalization's scale included).
    @Test(arguments: Self.models.filter { !$0.seededChecks.isEmpty })
    func seededRulesMatchPython(_ m: Model) throws {
        let decoder = TensorDecoder(
            modelDirectory: m.directory, modelFile: m.directory + "/model.onnx",
            seeded: SeededWeights(seed: m.seed, gain: m.gain))
        for (name, rule, fanIn, file) in m.seededChecks {
            let python = try loadNPY(m.directory + "/" + file)
            let role: ParameterRole
            switch rule {
            case "weight": role = .weight(fanIn: try #require(fanIn, "\(m.name): \(name) has no fan_in"))
            case "bias": role = .bias
            case "bn_scale": role = .batchNorm(.scale)
            case "bn_bias": role = .batchNorm(.bias)
            case "bn_mean": role = .batchNorm(.mean)
            case "bn_var": role = .batchNorm(.variance)
            case "prelu": role = .preluSlope
            case "norm_scale": role = .normScale
            default:
                Issue.record("\(m.name): unknown seeded rule '\(rule)' in seed.json")
                continue
            }
            var tensor = Onnx_TensorProto()
            tensor.name = name
            let value = try decoder.seededValue(tensor, shape: python.shape, count: python.values.count, role: role)
            #expect(value.floats?.map(\.bitPattern) == python.values.map(\.bitPattern), "\(m.name): \(name) (\(rule))")
        }
    }

    /// Without `seeded:`, a missing external data file is an error naming the file.
    @Test func missingWeightsWithoutSeedingIsAnError() throws {
        let model = TestPaths.repo("Tests/Goldens/onnx-zoo/resnet18/model.onnx")
        let message = try #require(importError(model))
        #expect(message.contains("cannot read its external data file"), "\(message)")
        #expect(message.contains("weights.bin"), "\(message)")
    }
}
