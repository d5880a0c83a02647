import CNNFiles
import CNNIR
import Foundation

/// Reads a version-1 network description (`net.json`) into a shape-checked graph with its weights bound.
///
/// Every problem is a located `Diagnostic`: the file, line and column, JSON path and layer.
public enum NetworkReader {
    /// Description versions this compiler reads.
    public static let supportedVersions = [1]
    static let topLevelKeys = ["version", "name", "inputs", "weights", "layers", "outputs"]
    static let maxNameLength = 256

    /// Reads and checks the description at `path`. With `seeded`, parameters not given inline are
    /// generated (for benchmarks and full-size tests) and the weights file is not opened.
    public static func read(path: String, seeded: SeededWeights? = nil, limits: Limits = Limits()) throws -> Graph {
        guard let data = FileManager.default.contents(atPath: path) else {
            let reason = FileManager.default.fileExists(atPath: path) ? "it could not be read" : "no such file"
            throw Diagnostic("cannot read the network description: \(reason)", at: SourceLocation(file: path))
        }
        InputFiles.record(path)
        let directory = (path as NSString).deletingLastPathComponent
        return try parse(Array(data), file: path, directory: directory.isEmpty ? "." : directory, seeded: seeded, limits: limits)
    }

    /// Two files users pass for a description, which no JSON begins with: a compiled library
    /// (ELF) and an ONNX model without the `.onnx` name (a ModelProto begins with field 1,
    /// `ir_version`, tag 0x08). Each gets an error saying what it is, not a JSON syntax error.
    static func rejectOtherFormats(_ bytes: [UInt8], file: String) throws {
        let at = SourceLocation(file: file)
        if bytes.starts(with: [0x7F, 0x45, 0x4C, 0x46]) {
            throw Diagnostic(
                "expected a network description (net.json) or an ONNX model (.onnx), got a compiled library (ELF); "
                    + "cnnc run, verify, bench and report take libraries", at: at)
        }
        if bytes.first == 0x08 {
            throw Diagnostic(
                "expected a network description (JSON), got binary data that looks like an ONNX model (protobuf); "
                    + "an ONNX model is read by its name: give the file the .onnx extension", at: at)
        }
    }

    /// Parses description bytes; `directory` resolves the relative `weights` path.
    public static func parse(
        _ bytes: [UInt8], file: String, directory: String, seeded: SeededWeights? = nil, limits: Limits = Limits()
    ) throws -> Graph {
        try rejectOtherFormats(bytes, file: file)
        let root = try JSONParser.parse(bytes, file: file)
        let top = try FieldReader(root, location: SourceLocation(file: file, path: ""), what: "the network description")
        try top.rejectUnknownKeys(what: "the network description", allowed: topLevelKeys, known: topLevelKeys)

        let versionValue = try top.required("version", "the format version, 1")
        guard let version = FieldReader.int(versionValue), supportedVersions.contains(version) else {
            throw top.error(
                "version",
                "expected version 1 (supported versions: \(supportedVersions.map(String.init).joined(separator: ", "))), got \(FieldReader.describe(versionValue))"
            )
        }
        let name = try top.requiredString("name", "the model's name")
        try checkName(name, fields: top, key: "name")

        var builder = GraphBuilder(file: file)
        builder.seeded = seeded
        builder.limits = limits
        let inputsValue = try top.required("inputs", "a list of {\"name\", \"shape\"}")
        guard case .array(let inputItems) = inputsValue.kind, !inputItems.isEmpty else {
            throw top.error(
                "inputs",
                "expected a non-empty list of inputs, got \(inputsValue.typeName == "an array" ? "an empty list" : inputsValue.typeName)")
        }
        for (i, item) in inputItems.enumerated() {
            try builder.addInput(item, index: i, location: SourceLocation(file: file, path: "inputs[\(i)]"))
        }

        if let weightsValue = top.value("weights"), seeded == nil {
            guard case .string(let relative) = weightsValue.kind else {
                throw top.error("weights", "expected the weights file's path as a string, got \(weightsValue.typeName)")
            }
            let path = relative.hasPrefix("/") ? relative : directory + "/" + relative
            do {
                builder.weights = try SafetensorsFile(contentsOf: path, displayName: path)
            } catch let diagnostic as Diagnostic {
                // Located at the "weights" field of the description, naming the weights file too.
                throw top.error("weights", "cannot use the weights file '\(Diagnostic.quoted(path))': \(diagnostic.message)")
            }
        }

        let layersValue = try top.required("layers", "a list of layers")
        guard case .array(let layerItems) = layersValue.kind, !layerItems.isEmpty else {
            throw top.error(
                "layers",
                "expected a non-empty list of layers, got \(layersValue.typeName == "an array" ? "an empty list" : layersValue.typeName)")
        }
        guard layerItems.count <= limits.layers else {
            throw top.error("layers", "expected at most \(limits.layers) layers (--limit layers=N raises it), got \(layerItems.count)")
        }
        builder.laterNames = Set(
            layerItems.compactMap { item in
                guard case .object(let object) = item.kind, let name = object["name"], case .string(let s) = name.kind else { return nil }
                return s
            })
        for (i, item) in layerItems.enumerated() {
            try builder.addLayer(item, location: SourceLocation(file: file, path: "layers[\(i)]"))
        }
        try builder.checkUnclaimedWeights(location: top.error("weights", "").location)

        var outputs: [NodeID] = [builder.nodes[builder.nodes.count - 1].id]
        if let outputsValue = top.value("outputs") {
            outputs = try builder.resolveOutputs(outputsValue, fields: top)
        }
        return Graph(name: name, nodes: builder.nodes, outputs: outputs)
    }

    /// Names are non-empty, at most 256 characters, and free of NUL (the library holds them as C strings).
    static func checkName(_ name: String, fields: FieldReader, key: String) throws {
        guard !name.isEmpty else { throw fields.error(key, "expected a non-empty name, got \"\"") }
        guard !name.unicodeScalars.contains("\0") else {
            throw fields.error(
                key, "expected a name without NUL characters (the library stores names as C strings), got '\(Diagnostic.quoted(name))'")
        }
        guard name.count <= maxNameLength else {
            throw fields.error(key, "expected a name of at most \(maxNameLength) characters, got \(name.count)")
        }
    }
}

extension FieldReader {
    /// Rejects unknown keys before any field is read, so a typo is named rather than reported as a missing field.
    func rejectUnknownKeys(what: String, allowed: [String], known: [String]) throws {
        let allowedSet = Set(allowed)
        for entry in object.entries where !allowedSet.contains(entry.key) {
            var loc = location
            loc.path = path(entry.key)
            loc.line = entry.keyPosition.line
            loc.column = entry.keyPosition.column
            throw Diagnostic(
                "unknown key '\(Diagnostic.quoted(entry.key))' in \(what) (expected one of: \(known.joined(separator: ", ")))", at: loc)
        }
    }
}
