import CNNIR
import Foundation
import SwiftProtobuf

/// One serialized ONNX `TensorProto` read from its own file: the `input_0.pb` / `output_0.pb`
/// files of the ONNX project's test data sets.
///
/// Decoded by the importer's own `TensorDecoder`, so every data type, inline or external (a
/// location inside the file's own folder), and every check on lengths is the importer's.
public struct ONNXTensorFile: Sendable {
    /// The tensor's name (may be empty).
    public var name: String
    /// The full ONNX shape.
    public var shape: [Int]
    /// The values as float32 (integer tensors converted).
    public var values: [Float]

    /// Reads and decodes the tensor at `path`; a bad file is a located `Diagnostic`.
    public static func read(contentsOf path: String) throws -> ONNXTensorFile {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped)
        } catch {
            let reason = FileManager.default.fileExists(atPath: path) ? "it could not be read" : "no such file"
            throw Diagnostic("cannot read the tensor file: \(reason)", at: SourceLocation(file: path))
        }
        let tensor: Onnx_TensorProto
        do {
            tensor = try Onnx_TensorProto(serializedBytes: data)
        } catch {
            throw Diagnostic(
                "expected a serialized ONNX TensorProto, got bytes that do not parse: \(error)", at: SourceLocation(file: path))
        }
        let directory = (path as NSString).deletingLastPathComponent
        let decoder = TensorDecoder(modelDirectory: directory.isEmpty ? "." : directory, modelFile: path, seeded: nil)
        let value = try decoder.decode(tensor)
        guard let floats = value.floats else {
            throw Diagnostic(
                "tensor '\(Diagnostic.quoted(tensor.name))': expected numbers, got an unknown batch size", at: SourceLocation(file: path))
        }
        return ONNXTensorFile(name: tensor.name, shape: value.shape, values: floats)
    }
}
