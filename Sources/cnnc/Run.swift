import ArgumentParser
import CNNErrors
import CNNFiles
import CNNNumPy
import CNNRuntime
import Foundation

/// A failure of `cnnc run` worded for the user: the file it is about and what was expected.
struct RunError: LocatedError {
    let location: SourceLocation
    let message: String
    init(file: String, _ message: String) {
        location = SourceLocation(file: file)
        self.message = message
    }
}

/// `cnnc run LIB --input [NAME=]FILE.npy ... --output [NAME=]FILE.npy ...`.
struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Run a compiled library on .npy inputs and write .npy outputs.")

    @Argument(help: "The shared library built by `cnnc compile`.")
    var library: String

    @Option(name: .long, help: "A model input as [NAME=]FILE.npy (float32, [N, ...] or the per-sample shape).")
    var input: [String] = []

    @Option(name: .long, help: "Where to write a model output, as [NAME=]FILE.npy.")
    var output: [String] = []

    @Option(
        name: .customLong("all-layers"),
        help: ArgumentHelp(
            "Write every layer of a library built with `cnnc compile --all-layers` into DIR (created if missing): one .npy per layer and layers.json, which also lists the layers fused into a kernel.",
            valueName: "DIR"))
    var allLayers: String?

    @Option(name: .long, parsing: .unconditional, help: "Threads to use (default: OpenMP's default).")
    var threads: Int = 0

    func validate() throws {
        guard threads >= 0 else { throw ValidationError("expected --threads of at least 0, got \(threads)") }
    }

    func run() throws {
        Cleanup.shared.installSignalHandlers()
        let model = try ModelLibrary(path: library)
        let inputs = try Self.bind(input, to: model.inputs, what: "input", library: library)
        guard !output.isEmpty || allLayers != nil else {
            throw RunError(
                file: library,
                "expected at least one --output [NAME=]FILE.npy or --all-layers DIR (outputs: \(model.outputs.map(\.name).joined(separator: ", ")))"
            )
        }
        let outputs = try Self.bind(output, to: model.outputs, what: "output", library: library)
        try Self.checkOutputs(outputs.map(\.file), inputs: [library] + inputs.map(\.file))
        let layers = try allLayers.map { _ in try LayerDump.layers(of: model, path: library) }
        guard inputs.count == model.inputs.count else {
            let missing = model.inputs.indices.filter { i in !inputs.contains { $0.index == i } }.map { model.inputs[$0].name }
            throw RunError(file: library, "expected every input to be given, missing: \(missing.joined(separator: ", "))")
        }
        var batch: Int?
        var arrays = [[Float]](repeating: [], count: model.inputs.count)
        for binding in inputs {
            let spec = model.inputs[binding.index]
            let array = try NPY.read(contentsOf: binding.file)
            let n: Int
            if array.shape == spec.shape {
                n = 1
            } else if array.shape.count == spec.shape.count + 1, Array(array.shape.dropFirst()) == spec.shape, array.shape[0] >= 1 {
                n = array.shape[0]
            } else {
                throw RunError(
                    file: binding.file,
                    "expected shape [N, \(spec.shape.map(String.init).joined(separator: ", "))] or \(spec.shape) for input '\(spec.name)', got \(array.shape)"
                )
            }
            if let batch, batch != n {
                throw RunError(file: binding.file, "expected batch size \(batch) like the other inputs, got \(n)")
            }
            batch = n
            arrays[binding.index] = array.values
        }
        let n = batch ?? 1
        if let allLayers { try LayerDump.checkDirectory(allLayers) }
        let session = try model.makeSession(maxBatch: min(n, 64), threads: threads)
        let results = try session.run(batch: n, inputs: arrays)
        for binding in outputs {
            let spec = model.outputs[binding.index]
            try NPY.write(NPYArray(shape: [n] + spec.shape, values: results[binding.index]), to: binding.file)
        }
        if let allLayers, let layers {
            try LayerDump.write(results, batch: n, model: model, layers: layers, to: allLayers, inputs: [library] + inputs.map(\.file))
        }
    }

    /// Every output is checked before anything runs: a regular file or a new one, not an input, all different.
    static func checkOutputs(_ files: [String], inputs: [String]) throws {
        var seen: Set<String> = []
        for file in files {
            let destination = try OutputFile.destination(file, inputs: inputs)
            guard seen.insert(OutputFile.identity(destination)).inserted else {
                throw RunError(file: file, "expected each --output to name a different file, got this one twice")
            }
        }
    }

    /// Matches `[NAME=]FILE` arguments of `--option` (default `--what`) to tensors: NAME= may be left
    /// out only when there is one tensor. Files of options other than `--output` are read, so exist.
    static func bind(
        _ arguments: [String], to specs: [TensorSpec], what: String, option: String? = nil, library: String
    ) throws -> [(index: Int, file: String)] {
        let option = option ?? what
        var bound: [(index: Int, file: String)] = []
        for argument in arguments {
            var index: Int?
            var file = argument
            let eq = argument.firstIndex(of: "=")
            let names = specs.map(\.name).joined(separator: ", ")
            // Names may hold '=' themselves: any '=' that ends a tensor's name splits NAME from FILE.
            let named = argument.indices.lazy.filter { argument[$0] == "=" }.compactMap { split in
                specs.firstIndex { $0.name == String(argument[..<split]) }.map { (split, $0) }
            }.first
            if let (split, i) = named {
                index = i
                file = String(argument[argument.index(after: split)...])
            } else if let eq,
                !(specs.count == 1
                    && (argument[..<eq].contains("/") || (option != "output" && FileManager.default.fileExists(atPath: argument))))
            {
                // NAME=FILE with an unknown NAME; a lone file whose path holds '=' is still accepted.
                throw RunError(
                    file: library,
                    "expected NAME in --\(option) NAME=FILE.npy to be one of the model's \(what)s (\(names)), got '\(argument[..<eq])'")
            } else if specs.count == 1 {
                index = 0
            }
            guard let index else {
                throw RunError(
                    file: library, "expected --\(option) NAME=FILE.npy with NAME one of the model's \(what)s (\(names)), got '\(argument)'")
            }
            guard !bound.contains(where: { $0.index == index }) else {
                throw RunError(file: library, "expected each \(what) once, got '\(specs[index].name)' twice")
            }
            bound.append((index, file))
        }
        return bound
    }
}
