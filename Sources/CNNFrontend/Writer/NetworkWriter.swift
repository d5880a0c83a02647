import CNNFiles
import CNNIR
import Foundation

/// Writes a graph as a version-1 network description (`net.json`) plus its weights file,
/// so an imported model (e.g. from ONNX) can be read and edited as text.
///
/// One layer per line, fields only where they differ from the format's defaults, and
/// every parameter as `<layer>.<parameter>` in a safetensors file beside the description.
/// Reading the result with `NetworkReader` gives the same ops, shapes and bit-equal parameters.
public enum NetworkWriter {
    /// Writes `graph` to `descriptionPath` and its parameters to `weightsFileName` in the same directory.
    ///
    /// Both files are written to temporaries first and renamed into place only once both are
    /// complete, the weights first. The graph must be unfused (as the frontends build it): fused
    /// residual adds and pools in an epilogue have no version-1 form.
    public static func write(_ graph: Graph, descriptionPath: String, weightsFileName: String = "weights.safetensors") throws {
        let text = try describe(graph, weightsFileName: weightsFileName)
        let url = URL(fileURLWithPath: descriptionPath)
        let weightsPath = url.deletingLastPathComponent().appendingPathComponent(weightsFileName).path
        let tensors = graph.nodes.flatMap { node in
            parameterOrder(node).map { (name: node.name + "." + $0, tensor: node.params[$0]!) }
        }
        func checked<T>(_ body: () throws -> T) throws -> T {
            do { return try body() } catch let error as FileError { throw Diagnostic(error.message, at: SourceLocation(file: error.path)) }
        }
        guard URL(fileURLWithPath: weightsPath).standardizedFileURL != url.standardizedFileURL else {
            throw Diagnostic(
                "expected the description and its weights file '\(weightsFileName)' to be different files, got the same path",
                at: SourceLocation(file: descriptionPath))
        }
        // Both are written beside their final paths and renamed into place only once both are complete.
        let weightsOutput = try checked { tensors.isEmpty ? nil : try PendingOutput(weightsPath) }
        let descriptionOutput = try checked { try PendingOutput(descriptionPath) }
        if let weightsOutput {
            try SafetensorsWriter.write(tensors, into: weightsOutput, metadata: ["format": "pt", "written_by": "cnnc"])
        }
        try checked {
            try descriptionOutput.write(Data(text.utf8))
            try weightsOutput?.commit()
            try descriptionOutput.commit()
        }
    }

    /// The parameters of `node` in the order `ParameterRules` lists them.
    static func parameterOrder(_ node: Node) -> [String] {
        let names = node.params.keys
        let ruleOrder = ["weight", "bias", "running_mean", "running_var", "slope"]
        return ruleOrder.filter { names.contains($0) } + names.filter { !ruleOrder.contains($0) }.sorted()
    }

    /// The description's text.
    public static func describe(_ graph: Graph, weightsFileName: String = "weights.safetensors") throws -> String {
        try checkName(graph.name, what: "the model's name")
        var seen = Set<String>()
        for node in graph.nodes {
            try checkName(node.name, what: "a layer name")
            guard seen.insert(node.name).inserted else {
                throw Diagnostic("expected unique layer names to write a description, got '\(Diagnostic.quoted(node.name))' twice")
            }
        }
        let inputs = graph.inputs
        guard !inputs.isEmpty else { throw Diagnostic("expected a graph with at least one input to write a description, got none") }
        let byID = Dictionary(uniqueKeysWithValues: graph.nodes.map { ($0.id, $0) })
        var lines: [String] = []
        lines.append("{")
        lines.append("  \"version\": 1,")
        lines.append("  \"name\": \(JSONText.string(graph.name)),")
        lines.append("  \"inputs\": [")
        lines.append(
            inputs.map { "    {\"name\": \(JSONText.string($0.name)), \"shape\": \(JSONText.ints($0.shape))}" }.joined(separator: ",\n"))
        lines.append("  ],")
        if graph.nodes.contains(where: { !$0.params.isEmpty }) {
            lines.append("  \"weights\": \(JSONText.string(weightsFileName)),")
        }
        var layers: [String] = []
        // The tensor a layer without `input` reads: the previous layer, or the first input.
        var previous = inputs[0].id
        for node in graph.nodes {
            if case .input = node.op { continue }
            var fields: [(String, String)] = [("name", JSONText.string(node.name)), ("op", JSONText.string(node.op.kindName))]
            let sources = node.inputs.map { byID[$0]!.name }
            switch node.op {
            case .binary where node.inputs.count == 2, .select where node.inputs.count >= 2, .matmul where node.inputs.count == 2:
                fields.append(("inputs", "[" + sources.map(JSONText.string).joined(separator: ", ") + "]"))
            case .add, .concat:
                fields.append(("inputs", "[" + sources.map(JSONText.string).joined(separator: ", ") + "]"))
            case .input, .conv, .convTranspose, .dense, .flatten, .pool, .globalPool, .adaptivePool, .activation, .prelu,
                .softmax, .batchNorm, .lrn, .dropout, .upsample, .pad, .bias, .binary, .movement, .reduce, .normalization, .resize, .lpPool,
                .select, .matmul:
                if node.inputs != [previous] { fields.append(("input", JSONText.string(sources[0]))) }
            }
            fields += try OpFields.fields(node, inputShape: node.inputs.first.map { byID[$0]!.shape } ?? [])
            layers.append("    {" + fields.map { "\(JSONText.string($0.0)): \($0.1)" }.joined(separator: ", ") + "}")
            previous = node.id
        }
        guard !layers.isEmpty else { throw Diagnostic("expected a graph with at least one layer to write a description, got none") }
        lines.append("  \"layers\": [")
        lines.append(layers.joined(separator: ",\n"))
        lines.append("  ],")
        let outputs = graph.outputs.map { byID[$0]!.name }
        lines.append("  \"outputs\": [" + outputs.map(JSONText.string).joined(separator: ", ") + "]")
        lines.append("}")
        return lines.joined(separator: "\n") + "\n"
    }

    static func checkName(_ name: String, what: String) throws {
        guard !name.isEmpty, name.count <= 256 else {
            throw Diagnostic("expected \(what) of 1 to 256 characters to write a description, got '\(Diagnostic.quoted(name))'")
        }
    }
}

/// JSON literals for the writer.
enum JSONText {
    static func string(_ s: String) -> String { SafetensorsWriter.jsonString(s) }

    static func ints(_ v: [Int]) -> String { "[" + v.map(String.init).joined(separator: ", ") + "]" }

    /// One integer when all are equal (the format's shorthand), else a list.
    static func perDim(_ v: [Int]) -> String { Set(v).count == 1 ? String(v[0]) : ints(v) }

    /// A float that reads back to the same bits: the shortest form when it does, else the exact double.
    /// Infinities have no JSON form and become the largest finite float32.
    static func float(_ f: Float) -> String {
        var f = f
        if f.isInfinite { f = f < 0 ? -Float.greatestFiniteMagnitude : .greatestFiniteMagnitude }
        let short = "\(f)"
        if let d = Double(short), Float(d) == f { return short }
        return "\(Double(f))"
    }
}
