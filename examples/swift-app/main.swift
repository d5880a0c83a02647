// digits-demo: classifies scikit-learn's handwritten digits with a model compiled by cnnc.
//
//     digits-demo LIB IMAGES.npy LABELS.npy [--expected-accuracy FILE.json]
//
// It links only CNNRuntime (load and run a compiled library) and CNNNumPy (read .npy
// files), never the compiler: this is all an app that embeds a model needs.

import CNNNumPy
import CNNRuntime
import Foundation

/// A failure worded for the user; printed as `error: <description>`.
struct DemoError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// The command line: three paths and an optional reference accuracy.
struct Arguments {
    static let usage = "usage: digits-demo LIB IMAGES.npy LABELS.npy [--expected-accuracy FILE.json]"

    var library: String
    var images: String
    var labels: String
    var expectedAccuracy: String?

    init(_ arguments: [String]) throws {
        var positional: [String] = []
        var expectedAccuracy: String?
        var rest = arguments[...]
        while let argument = rest.popFirst() {
            if argument == "--expected-accuracy" {
                guard let file = rest.popFirst() else { throw DemoError("expected a file after --expected-accuracy\n\(Self.usage)") }
                expectedAccuracy = file
            } else if argument.hasPrefix("-") {
                throw DemoError("expected a path or --expected-accuracy, got '\(argument)'\n\(Self.usage)")
            } else {
                positional.append(argument)
            }
        }
        guard positional.count == 3 else {
            throw DemoError("expected 3 paths (LIB IMAGES.npy LABELS.npy), got \(positional.count)\n\(Self.usage)")
        }
        (library, images, labels) = (positional[0], positional[1], positional[2])
        self.expectedAccuracy = expectedAccuracy
    }
}

/// The fields of `torch_accuracy.json` this demo compares with.
struct ReferenceAccuracy: Decodable {
    var correct: Int
    var total: Int
}

/// The most likely class of one sample and its probability.
struct Prediction {
    var digit: Int
    var confidence: Float

    /// The first largest score (NumPy's `argmax` rule) in `scores`.
    init(scores: ArraySlice<Float>) {
        var best = scores.startIndex
        for index in scores.indices where scores[index] > scores[best] { best = index }
        digit = best - scores.startIndex
        confidence = scores[best]
    }
}

func runDemo(_ arguments: Arguments) throws {
    // 1. Load the library: dlopen plus its validated self-description.
    let model = try ModelLibrary(path: arguments.library)
    print("model '\(model.name)' from \(arguments.library)")
    for input in model.inputs { print("  input  \(input.name) \(input.shape)") }
    for output in model.outputs { print("  output \(output.name) \(output.shape)") }
    guard model.inputs.count == 1, model.outputs.count == 1, model.outputs[0].shape.count == 1 else {
        throw DemoError(
            "\(arguments.library): expected a classifier with one input and one [classes] output, got \(model.inputs.count) inputs and outputs \(model.outputs.map(\.shape))"
        )
    }
    let input = model.inputs[0]
    let classes = model.outputs[0].elementCount

    // 2. Read the test set and check its shapes against the model's.
    let images = try NPY.read(contentsOf: arguments.images)
    let count = images.shape.first ?? 0
    guard count >= 1, Array(images.shape.dropFirst()) == input.shape else {
        let expected = "[N, " + input.shape.map(String.init).joined(separator: ", ") + "]"
        throw DemoError("\(arguments.images): expected shape \(expected) for input '\(input.name)', got \(images.shape)")
    }
    let labelArray = try NPY.read(contentsOf: arguments.labels)
    guard labelArray.shape == [count] else {
        throw DemoError("\(arguments.labels): expected shape [\(count)] (one label per image), got \(labelArray.shape)")
    }
    let labels = try labelArray.values.map { value in
        guard let label = Int(exactly: value), (0..<classes).contains(label) else {
            throw DemoError("\(arguments.labels): expected class numbers from 0 to \(classes - 1), got \(value)")
        }
        return label
    }

    // 3. Run the whole test set as one batch through one session.
    let session = try model.makeSession(maxBatch: count)
    let start = ContinuousClock.now
    let scores = try session.run(batch: count, inputs: [images.values])[0]
    let milliseconds = (ContinuousClock.now - start) / .milliseconds(1)
    print("ran \(count) images as one batch in \(String(format: "%.2f", milliseconds)) ms")

    // 4. Report: a few predictions, then the accuracy.
    let predictions = (0..<count).map { Prediction(scores: scores[$0 * classes..<($0 + 1) * classes]) }
    print("image  predicted  confidence  label")
    for (index, (prediction, label)) in zip(predictions, labels).enumerated().prefix(8) {
        let confidence = String(format: "%.2f%%", 100 * Double(prediction.confidence))
        let mark = prediction.digit == label ? "" : "  (wrong)"
        print(pad(index, 5) + pad(prediction.digit, 11) + pad(confidence, 12) + pad(label, 7) + mark)
    }
    let correct = zip(predictions, labels).filter { $0.digit == $1 }.count
    let accuracy = String(format: "%.2f%%", 100 * Double(correct) / Double(count))
    print("accuracy: \(correct)/\(count) (\(accuracy))")

    // 5. Optionally compare with the accuracy PyTorch reached on the same images.
    if let path = arguments.expectedAccuracy {
        let reference: ReferenceAccuracy
        do {
            reference = try JSONDecoder().decode(ReferenceAccuracy.self, from: Data(contentsOf: URL(fileURLWithPath: path)))
        } catch {
            throw DemoError(
                "\(path): expected JSON with integer fields \"correct\" and \"total\", got an unreadable file (\(error.localizedDescription))"
            )
        }
        guard reference.correct == correct, reference.total == count else {
            throw DemoError("\(path): expected PyTorch's accuracy \(reference.correct)/\(reference.total), got \(correct)/\(count)")
        }
        print("matches PyTorch: \(reference.correct)/\(reference.total)")
    }
}

/// Right-aligns `value` in a column `width` characters wide.
func pad(_ value: some CustomStringConvertible, _ width: Int) -> String {
    let text = value.description
    return String(repeating: " ", count: max(0, width - text.count)) + text
}

do {
    let arguments = Array(CommandLine.arguments.dropFirst())
    if arguments.contains("-h") || arguments.contains("--help") {
        print(Arguments.usage)
    } else {
        try runDemo(Arguments(arguments))
    }
} catch {
    FileHandle.standardError.write(Data("error: \(error)\n".utf8))
    exit(1)
}
