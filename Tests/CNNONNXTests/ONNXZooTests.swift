import CNNCompiler
import CNNFrontend
import CNNIR
import CNNNumPy
import CNNONNX
import CNNTestSupport
import Foundation
import Testing

/// torchvision's models exported to ONNX (scripts/onnx/make_zoo_onnx.py), compiled from the
/// .onnx and run on the seeded input, against ONNX Runtime's logits for the same seeded weights.
/// Only the graphs are committed: their parameters are external data in a weights.bin that does
/// not exist, so the importer generates them with the seeded rule (docs/onnx.md).
///
/// Tolerance (seed.json, per model): atol = max(20 d, 1e-4 max|logit|), where d is the largest
/// difference between ONNX Runtime with all optimisations off and all on, i.e. between two
/// correct float32 evaluations of the same deep net with different kernels and summation
/// orders (1e-6 to 2e-5 here). A wrong weight, layout, padding or op changes the logits by
/// 1e-1 and more; see the note in docs/onnx.md for the errors measured.
@Suite(.serialized) struct ONNXZooTests {
    struct Model: CustomTestStringConvertible, Sendable {
        var name: String
        var seed: UInt64
        var gain: Double
        var input: String
        var inputShape: [Int]
        var atol: Float
        var testDescription: String { name }
        var directory: String { TestPaths.repo("Tests/Goldens/onnx-zoo/\(name)") }
    }

    static let models: [Model] = ["alexnet", "vgg16", "googlenet", "resnet18", "resnet50", "densenet121", "mobilenet_v2"].compactMap { name in
        let path = TestPaths.repo("Tests/Goldens/onnx-zoo/\(name)/seed.json")
        guard let data = FileManager.default.contents(atPath: path),
              let info = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return nil }
        return Model(name: name, seed: (info["seed"] as! NSNumber).uint64Value, gain: (info["gain"] as! NSNumber).doubleValue,
                     input: info["input"] as! String, inputShape: (info["input_shape"] as! [NSNumber]).map(\.intValue),
                     atol: (info["atol"] as! NSNumber).floatValue)
    }

    @Test func allSevenModelsArePresent() {
        #expect(Self.models.count == 7)
    }

    @Test(arguments: Self.models)
    func matchesONNXRuntime(_ m: Model) throws {
        let seeded = SeededWeights(seed: m.seed, gain: m.gain)
        let graph = try ONNXImporter.load(path: m.directory + "/model.onnx", seeded: seeded)
        #expect(graph.inputs.map(\.name) == [m.input])
        #expect(graph.inputs[0].shape == Array(m.inputShape.dropFirst()))
        // Straight from the imported graph: no 500 MB description round trip for the big models.
        let compiled = try CompiledModel(graph: graph)
        let input = seeded.input(m.input, count: m.inputShape.reduce(1, *))
        let expected = try loadNPY(m.directory + "/output0.npy")
        let output = try compiled.run([input], batch: 1)[0]
        #expect(output.count == expected.values.count)
        let error = maxAbsError(output, expected.values)
        let scale = expected.values.map(abs).max() ?? 0
        print("onnx-zoo \(m.name): max |cnnc - ORT| = \(error) (atol \(m.atol), max |logit| \(scale))")
        let mismatch = Mismatch.find(output, expected.values, atol: m.atol, rtol: 0)
        #expect(mismatch == nil, "\(m.name): \(mismatch?.description ?? "")")
    }

    /// Without `seeded:`, a missing external data file is an error naming the file.
    @Test func missingWeightsWithoutSeedingIsAnError() throws {
        let model = TestPaths.repo("Tests/Goldens/onnx-zoo/resnet18/model.onnx")
        let message = try #require(importError(model))
        #expect(message.contains("cannot read its external data file"), "\(message)")
        #expect(message.contains("weights.bin"), "\(message)")
    }
}
