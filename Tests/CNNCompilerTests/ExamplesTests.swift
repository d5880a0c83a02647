import CNNCompiler
import CNNNumPy
import CNNRuntime
import CNNTestSupport
import Foundation
import Testing

/// The examples in `examples/`, end to end, against outputs computed by PyTorch (never by cnnc).
///
/// Tolerance: |got - expected| <= 1e-5 + 1e-4 * |expected|, the op goldens' tolerance. Both sides
/// are float32 evaluations of the same function with different summation orders; the longest
/// reduction in these nets is 1,250 terms (keras-mnist's dense1), whose float32 rounding error is
/// far below 1e-4 relative, and softmax turns a logit error d into a probability error of at most
/// about d/2. Observed worst cases: 1.1e-6 on digits (2% of the bound), 1.5e-8 on lenet5 and
/// keras-mnist, so the bound leaves room for any correct summation order while still catching a
/// wrong weight or layout (errors of 1e-2 and more).
@Suite struct ExamplesTests {
    static let atol: Float = 1e-5
    static let rtol: Float = 1e-4

    static let digits = TestPaths.repo("examples/digits")
    static let images = digits + "/test_images.npy"
    static let labels = digits + "/test_labels.npy"
    static let torchAccuracy = digits + "/torch_accuracy.json"

    /// PyTorch's result on the digits test set, from `torch_accuracy.json`.
    struct ReferenceAccuracy: Decodable {
        var correct: Int
        var total: Int
    }

    static func referenceAccuracy() throws -> ReferenceAccuracy {
        try JSONDecoder().decode(ReferenceAccuracy.self, from: Data(contentsOf: URL(fileURLWithPath: torchAccuracy)))
    }

    /// The index of the first largest value of each `classes`-long row (NumPy's argmax).
    static func argmax(_ values: [Float], classes: Int) -> [Int] {
        stride(from: 0, to: values.count, by: classes).map { start in
            var best = start
            for k in start..<start + classes where values[k] > values[best] { best = k }
            return best - start
        }
    }

    /// Compiles examples/digits into `directory` as libdigits.so plus digits.h.
    static func compileDigits(into directory: TemporaryDirectory) throws -> String {
        var options = CompileOptions()
        options.headerPath = directory.path("digits.h")
        let library = directory.path("libdigits.so")
        _ = try Compiler.compile(netPath: digits + "/net.json", output: library, options: options)
        return library
    }

    /// The line both apps print for the accuracy PyTorch reached, e.g. `accuracy: 355/360 (98.61%)`.
    static func accuracyLine(_ reference: ReferenceAccuracy) -> String {
        let percent = String(format: "%.2f", 100 * Double(reference.correct) / Double(reference.total))
        return "accuracy: \(reference.correct)/\(reference.total) (\(percent)%)"
    }

    // MARK: - digits through the runtime

    @Test func digitsMatchesPyTorchOnEveryTestImage() throws {
        let model = try CompiledModel(net: Self.digits + "/net.json")
        let images = try loadNPY(Self.images)
        let labels = try loadNPY(Self.labels).values.map { Int($0) }
        let torch = try loadNPY(Self.digits + "/torch_probabilities.npy")
        let count = images.shape[0]
        let classes = model.library.outputs[0].elementCount
        #expect(model.library.inputs.map(\.shape) == [Array(images.shape.dropFirst())])
        #expect(torch.shape == [count, classes])

        let probabilities = try model.run([images.values], batch: count)[0]

        let predicted = Self.argmax(probabilities, classes: classes)
        let torchPredicted = Self.argmax(torch.values, classes: classes)
        let disagreements = zip(predicted, torchPredicted).enumerated().filter { $0.element.0 != $0.element.1 }
        #expect(
            disagreements.isEmpty,
            "images where cnnc and PyTorch predict different digits (index, (cnnc, torch)): \(disagreements.prefix(10))")

        let mismatch = Mismatch.find(probabilities, torch.values, atol: Self.atol, rtol: Self.rtol)
        #expect(mismatch == nil, "probabilities: \(mismatch?.description ?? "")")

        let reference = try Self.referenceAccuracy()
        let correct = zip(predicted, labels).filter { $0 == $1 }.count
        #expect(reference.total == count)
        #expect(correct == reference.correct, "cnnc: \(correct)/\(count), PyTorch: \(reference.correct)/\(reference.total)")
    }

    // MARK: - the embedding examples

    @Test func cAppBuildsAndClassifiesTheTestSet() throws {
        let directory = TemporaryDirectory()
        _ = try Self.compileDigits(into: directory)
        let program = directory.path("digits-c")
        let build = try runProcess(
            "/usr/bin/env",
            [
                "clang", "-O2", "-std=c11", "-Wall", "-Wextra", "-Werror",
                TestPaths.repo("examples/c-app/main.c"), "-I", directory.url.path, "-L", directory.url.path, "-ldigits", "-lm",
                "-Wl,-rpath,\(directory.url.path)", "-o", program,
            ])
        try #require(build.status == 0, "clang failed: \(build.stderr)")

        let run = try runProcess(program, [Self.images, Self.labels])
        #expect(run.status == 0, "stderr: \(run.stderr)")
        #expect(run.stdout.contains("model 'digits'"))
        #expect(run.stdout.contains("input  image [1, 8, 8] (64 floats per sample)"), "the descriptor's names and shapes: \(run.stdout)")
        #expect(run.stdout.contains("output probabilities [10] (10 floats per sample)"))
        #expect(run.stdout.contains(Self.accuracyLine(try Self.referenceAccuracy())), "stdout: \(run.stdout)")

        // A bad file is an `error:` line and exit status 1, not a crash.
        let bad = try runProcess(program, [Self.labels, Self.labels])
        #expect(bad.status == 1)
        #expect(bad.stderr.hasPrefix("error: "), "stderr: \(bad.stderr)")
    }

    @Test func swiftDemoClassifiesTheTestSetLikePyTorch() throws {
        let demo = TestPaths.productsDirectory.appendingPathComponent("digits-demo").path
        try #require(FileManager.default.isExecutableFile(atPath: demo), "\(demo) is missing: build it with swift build --build-tests")
        let directory = TemporaryDirectory()
        let library = try Self.compileDigits(into: directory)
        let reference = try Self.referenceAccuracy()

        let run = try runProcess(demo, [library, Self.images, Self.labels, "--expected-accuracy", Self.torchAccuracy])
        #expect(run.status == 0, "stderr: \(run.stderr)")
        #expect(run.stdout.contains("input  image [1, 8, 8]"))
        #expect(run.stdout.contains("output probabilities [10]"))
        #expect(run.stdout.contains("image  predicted  confidence  label"))
        #expect(run.stdout.contains(Self.accuracyLine(reference)), "stdout: \(run.stdout)")
        #expect(run.stdout.contains("matches PyTorch: \(reference.correct)/\(reference.total)"))

        // A different expected accuracy fails with an `error:` line.
        let wrong = directory.write("wrong.json", #"{"correct": \#(reference.correct - 1), "total": \#(reference.total)}"#)
        let mismatch = try runProcess(demo, [library, Self.images, Self.labels, "--expected-accuracy", wrong])
        #expect(mismatch.status == 1)
        #expect(mismatch.stderr.hasPrefix("error: \(wrong): expected PyTorch's accuracy"), "stderr: \(mismatch.stderr)")

        // Images of the wrong shape, and a missing library, are `error:` lines too.
        let badShape = try runProcess(demo, [library, Self.labels, Self.labels])
        #expect(badShape.status == 1)
        #expect(badShape.stderr.hasPrefix("error: \(Self.labels): expected shape [N, 1, 8, 8]"), "stderr: \(badShape.stderr)")
        let missing = try runProcess(demo, [directory.path("missing.so"), Self.images, Self.labels])
        #expect(missing.status == 1)
        #expect(missing.stderr.hasPrefix("error: "), "stderr: \(missing.stderr)")
    }

    // MARK: - reference networks

    /// LeNet-5 and the Keras MNIST convnet, against PyTorch's output for their `input.npy`.
    @Test(arguments: ["lenet5", "keras-mnist"])
    func referenceNetworkMatchesPyTorch(_ name: String) throws {
        let directory = TestPaths.repo("examples/\(name)")
        let model = try CompiledModel(net: directory + "/net.json")
        let input = try loadNPY(directory + "/input.npy")
        let expected = try loadNPY(directory + "/expected.npy")
        let batch = input.shape[0]
        #expect(model.library.inputs.map(\.shape) == [Array(input.shape.dropFirst())])
        #expect(model.library.outputs.map(\.shape) == [Array(expected.shape.dropFirst())])

        let output = try model.run([input.values], batch: batch)[0]
        let mismatch = Mismatch.find(output, expected.values, atol: Self.atol, rtol: Self.rtol)
        #expect(mismatch == nil, "\(name): \(mismatch?.description ?? "")")
    }
}
