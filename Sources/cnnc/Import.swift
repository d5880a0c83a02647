import ArgumentParser
import CNNCompiler
import CNNFiles
import CNNFrontend

/// `cnnc import model.onnx -o net.json`: a readable version-1 description plus `weights.safetensors` beside it.
struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Convert an ONNX model into a version-1 description (net.json) and weights.safetensors beside it.")

    @Argument(help: "The ONNX model (.onnx).")
    var model: String

    @Option(name: .shortAndLong, help: "The description to write; the weights go beside it.")
    var output: String

    @Option(name: .long, help: "File name of the weights, beside the description.")
    var weights: String = "weights.safetensors"

    @OptionGroup var shapes: ShapeOptions

    func validate() throws {
        guard model.lowercased().hasSuffix(".onnx") else { throw ValidationError("expected an ONNX model (.onnx), got '\(model)'") }
        guard !weights.contains("/") && !weights.isEmpty else {
            throw ValidationError("expected --weights to be a file name, got '\(weights)'")
        }
    }

    func run() throws {
        Cleanup.shared.installSignalHandlers()
        let graph = try Compiler.load(model, shapes: try shapes.value())
        try NetworkWriter.write(graph, descriptionPath: output, weightsFileName: weights)
    }
}
