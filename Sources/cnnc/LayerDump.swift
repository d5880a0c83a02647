import CNNFiles
import CNNNumPy
import CNNRuntime
import Foundation

/// The layers of a library built with `--all-layers`, and the directory `cnnc run --all-layers DIR`
/// writes: one .npy per returned layer and `layers.json`, the list of every layer in run order
/// (`{"name", "file", "shape"}` for a returned layer, `{"name", "fused_into"}` for one a fused kernel
/// never writes). A reference directory (`cnnc.reference`, the PyTorch hook script) has the same layout.
enum LayerDump {
    static let manifestName = "layers.json"

    /// One layer of the library, in run order.
    struct Layer: Equatable {
        var name: String
        /// The output that returns it; nil when fused.
        var output: Int?
        /// The layer whose kernel computes this one (the kernel's returned layer), when fused.
        var fusedInto: String?
    }

    /// Every layer the kernel table names, each returned or fused, then the outputs no kernel names
    /// (a removed dropout, returned as a second name for its source). Throws when the library was not
    /// built with `--all-layers` (a kernel's last layer is not returned).
    static func layers(of model: ModelLibrary, path: String) throws -> [Layer] {
        let outputIndex = Dictionary(model.outputs.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { a, _ in a })
        var layers: [Layer] = []
        var seen: Set<String> = []
        for kernel in model.kernels where !kernel.layers.isEmpty {
            let names = kernel.layers.components(separatedBy: " + ")
            guard let last = names.last, outputIndex[last] != nil else {
                throw RunError(
                    file: path,
                    "expected a library built with `cnnc compile --all-layers`, got one that does not return layer '\(names.last ?? "")' (kernel \(kernel.name))"
                )
            }
            for name in names where seen.insert(name).inserted {
                if let index = outputIndex[name] {
                    layers.append(Layer(name: name, output: index))
                } else {
                    layers.append(Layer(name: name, fusedInto: last))
                }
            }
        }
        for (index, spec) in model.outputs.enumerated() where seen.insert(spec.name).inserted {
            layers.append(Layer(name: spec.name, output: index))
        }
        return layers
    }

    /// A file name for the layer at `position`: the position (so names never collide) and the name's safe characters.
    static func fileName(_ name: String, position: Int) -> String {
        var safe = ""
        for scalar in name.unicodeScalars.prefix(80) {
            let ok = (scalar.isASCII && (CharacterSet.alphanumerics.contains(scalar) || scalar == "." || scalar == "-" || scalar == "_"))
            safe.unicodeScalars.append(ok ? scalar : "_")
        }
        return String(format: "%04d_", position) + safe + ".npy"
    }

    /// Checks DIR for `--all-layers` before anything runs: an existing directory, or a new path whose parent exists.
    static func checkDirectory(_ directory: String) throws {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else {
                throw RunError(file: directory, "expected a directory for --all-layers, got a file; nothing was written")
            }
            return
        }
        let parent = (directory as NSString).deletingLastPathComponent
        guard FileManager.default.fileExists(atPath: parent.isEmpty ? "." : parent, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw RunError(
                file: directory, "expected a directory for --all-layers or a new one in an existing directory, got no directory '\(parent)'"
            )
        }
    }

    /// Creates DIR when missing (after the run succeeded: a failed run leaves nothing).
    static func createDirectory(_ directory: String) throws {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue { return }
        guard mkdir(directory, 0o777) == 0 else {
            throw RunError(file: directory, "cannot create the --all-layers directory (\(String(cString: strerror(errno))))")
        }
    }

    /// Writes every returned layer of a batch-`batch` run, then the manifest (each file atomically).
    static func write(_ results: [[Float]], batch: Int, model: ModelLibrary, layers: [Layer], to directory: String, inputs: [String]) throws
    {
        try createDirectory(directory)
        var entries: [String] = []
        for (position, layer) in layers.enumerated() {
            if let index = layer.output {
                let spec = model.outputs[index]
                let file = fileName(layer.name, position: position)
                try NPY.write(NPYArray(shape: [batch] + spec.shape, values: results[index]), to: directory + "/" + file)
                entries.append("{\"name\": \(JSON.string(layer.name)), \"file\": \(JSON.string(file)), \"shape\": \([batch] + spec.shape)}")
            } else if let kernel = layer.fusedInto {
                entries.append("{\"name\": \(JSON.string(layer.name)), \"fused_into\": \(JSON.string(kernel))}")
            }
        }
        let text =
            "{\"model\": \(JSON.string(model.name)), \"batch\": \(batch), \"layers\": [\n  " + entries.joined(separator: ",\n  ") + "\n]}\n"
        try OutputFile.write(Data(text.utf8), to: directory + "/" + manifestName, inputs: inputs)
    }

    /// A layer of a dump directory as its manifest lists it.
    struct Entry {
        var name: String
        var file: String?
        var fusedInto: String?
    }

    /// Reads `DIR/layers.json`; without one, every `NAME.npy` in DIR is a layer named NAME (sorted by name).
    static func readManifest(_ directory: String) throws -> [Entry] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw VerifyError(file: directory, "expected a directory of per-layer .npy files, got no directory at that path")
        }
        let manifest = directory + "/" + manifestName
        guard FileManager.default.fileExists(atPath: manifest) else {
            let files = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix(".npy") }.sorted()
            guard !files.isEmpty else { throw VerifyError(file: directory, "expected \(manifestName) or NAME.npy files, got neither") }
            return files.map { Entry(name: String($0.dropLast(4)), file: $0) }
        }
        let data = try Data(contentsOf: URL(fileURLWithPath: manifest))
        guard let top = try? JSONSerialization.jsonObject(with: data) as? [String: Any], let list = top["layers"] as? [[String: Any]] else {
            throw VerifyError(file: manifest, "expected a JSON object with a \"layers\" list, got something else")
        }
        return try list.enumerated().map { i, item in
            guard let name = item["name"] as? String else {
                throw VerifyError(file: manifest, "expected a \"name\" string in layers[\(i)]")
            }
            let file = item["file"] as? String
            if let file, file.contains("/") || file == ".." {
                throw VerifyError(file: manifest, "expected a file name inside the directory in layers[\(i)], got '\(file)'")
            }
            return Entry(name: name, file: file, fusedInto: item["fused_into"] as? String)
        }
    }
}
