import ArgumentParser
import CNNONNX

/// `--shape NAME=1x3x224x224` (repeatable): full shapes for ONNX inputs with symbolic dimensions.
struct ShapeOptions: ParsableArguments {
    @Option(
        name: .customLong("shape"),
        help: ArgumentHelp(
            "An ONNX input's full shape, batch first, for symbolic dimensions: NAME=1x3x224x224 (repeatable).",
            valueName: "name=shape"))
    var shape: [String] = []

    /// The shapes by input name; the same name twice is an error.
    func value() throws -> [String: [Int]] {
        var shapes: [String: [Int]] = [:]
        for text in shape {
            let (name, dims) = try ONNXImporter.parseShapeOption(text)
            guard shapes[name] == nil else { throw ValidationError("expected each --shape name once, got '\(name)' twice") }
            shapes[name] = dims
        }
        return shapes
    }
}
