import ArgumentParser
import CNNCompiler
import CNNErrors
import CNNNumPy
import CNNONNX
import CNNRuntime
import Foundation

/// A failure of `cnnc verify` worded for the user: the file it is about, if any, and what was expected.
struct VerifyError: LocatedError {
    let location: SourceLocation
    let message: String
    init(file: String, _ message: String) {
        location = SourceLocation(file: file)
        self.message = message
    }
    init(_ message: String) {
        location = SourceLocation()
        self.message = message
    }
}

/// `cnnc verify LIB|NET --input [NAME=]x.npy --expected [NAME=]y.npy`: a run checked against reference outputs.
struct Verify: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run a model on inputs and compare its outputs with expected ones (exit 1 when out of tolerance).",
        discussion:
            "An element is within tolerance when |actual - expected| <= atol + rtol * |expected| (and, with --max-ulp, at most U ULPs apart; elements with both values within atol of zero count as 0 ULP)."
    )

    @Argument(help: "A library built by `cnnc compile`, or a network (net.json or .onnx) to compile first.")
    var model: String

    @Option(name: .long, help: "A model input as [NAME=]FILE.npy (float32, [N, ...] or the per-sample shape).")
    var input: [String] = []

    @Option(name: .long, help: "An output's expected values as [NAME=]FILE.npy, shaped like the output.")
    var expected: [String] = []

    @Option(
        name: .long, help: "A directory of test_data_set_K/ folders holding input_*.npy|.pb and output_*.npy|.pb (ONNX test data layout).")
    var cases: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "With --per-layer: `onnxruntime` (runs `python3 -m cnnc.reference`, needs pip install './python[onnxruntime]') or a directory of per-layer .npy files with layers.json.",
            valueName: "onnxruntime|DIR"))
    var reference: String?

    @Flag(
        name: .customLong("per-layer"),
        help: "Compile with --all-layers and compare every layer with --reference, naming the first one out of tolerance.")
    var perLayer = false

    @Option(name: .long, parsing: .unconditional, help: "Relative tolerance.")
    var rtol: Double = 1e-4

    @Option(name: .long, parsing: .unconditional, help: "Absolute tolerance, also the floor below which ULPs are not counted.")
    var atol: Double = 1e-5

    @Option(
        name: .customLong("max-ulp"), parsing: .unconditional,
        help: "Also require every element to be at most U ULPs from its expected value.")
    var maxULP: UInt64?

    @Option(name: .long, parsing: .unconditional, help: "Threads to use (default: OpenMP's default).")
    var threads: Int = 0

    @Flag(name: .long, help: "Print one JSON object on standard output instead of text.")
    var json = false

    @OptionGroup var seeded: SeededWeightsOptions

    @OptionGroup var shapes: ShapeOptions

    @Flag(name: .customLong("no-winograd"), help: "When compiling NET: run every conv with the direct kernel.")
    var noWinograd = false

    @Flag(
        name: .customLong("no-fuse"),
        help: "When compiling NET: do not fold or fuse layers (with --per-layer: every layer is compared, none is fused).")
    var noFuse = false

    func validate() throws {
        guard rtol >= 0, rtol.isFinite else { throw ValidationError("expected --rtol of at least 0, got \(rtol)") }
        guard atol >= 0, atol.isFinite else { throw ValidationError("expected --atol of at least 0, got \(atol)") }
        guard threads >= 0 else { throw ValidationError("expected --threads of at least 0, got \(threads)") }
        if perLayer || reference != nil {
            guard perLayer, reference != nil else {
                throw ValidationError(
                    "expected --per-layer and --reference onnxruntime|DIR together, got only \(perLayer ? "--per-layer" : "--reference")")
            }
            guard expected.isEmpty, cases == nil, !input.isEmpty else {
                throw ValidationError(
                    "expected --input [NAME=]FILE.npy with --per-layer (the reference gives the expected values; --expected and --cases do not apply)"
                )
            }
        } else if cases != nil {
            guard input.isEmpty, expected.isEmpty else {
                throw ValidationError("expected either --cases DIR or --input/--expected files, got both")
            }
        } else {
            guard !input.isEmpty, !expected.isEmpty else {
                throw ValidationError("expected --input [NAME=]FILE.npy and --expected [NAME=]FILE.npy (or --cases DIR)")
            }
        }
    }

    /// One set of inputs and expected outputs, bound to the model's tensors.
    struct Case {
        /// The test_data_set folder's name; nil for files given on the command line.
        var name: String?
        var inputs: [(index: Int, file: String, array: NPYArray)]
        var expected: [(index: Int, file: String, array: NPYArray)]
    }

    var isNetwork: Bool {
        let lower = model.lowercased()
        return lower.hasSuffix(".json") || lower.hasSuffix(".onnx")
    }

    func run() throws {
        let tolerance = Tolerance(rtol: rtol, atol: atol, maxULP: maxULP)
        if perLayer, let reference { return try runPerLayer(reference: reference, tolerance: tolerance) }
        var temporaryDirectory: String?
        defer { if let temporaryDirectory { try? FileManager.default.removeItem(atPath: temporaryDirectory) } }
        var libraryPath = model
        if isNetwork {
            let directory = try Self.makeTemporaryDirectory()
            temporaryDirectory = directory
            libraryPath = directory + "/model.so"
            var options = CompileOptions()
            options.seeded = seeded.value
            options.shapes = try shapes.value()
            options.winograd = !noWinograd
            options.fuse = !noFuse
            let progress = Progress(enabled: !json && isatty(STDERR_FILENO) != 0)
            defer { progress.finish() }
            _ = try Compiler.compile(netPath: model, output: libraryPath, options: options) { progress.show($0) }
        }
        let library = try ModelLibrary(path: libraryPath)
        let verifyCases =
            try cases.map { try Self.loadCases(directory: $0, model: library) }
            ?? [try commandLineCase(library)]

        var batches: [Int] = []
        for c in verifyCases { batches.append(try Self.batch(of: c, model: library)) }
        let session = try library.makeSession(maxBatch: min(batches.max() ?? 1, 64), threads: threads)
        var results: [(name: String?, batch: Int, outputs: [OutputComparison])] = []
        for (c, n) in zip(verifyCases, batches) {
            var arrays = [[Float]](repeating: [], count: library.inputs.count)
            for binding in c.inputs { arrays[binding.index] = binding.array.values }
            let actual = try session.run(batch: n, inputs: arrays)
            let comparisons = c.expected.map { binding in
                let spec = library.outputs[binding.index]
                return OutputComparison(
                    name: spec.name, shape: [n] + spec.shape, actual: actual[binding.index],
                    expected: binding.array.values, tolerance: tolerance)
            }
            results.append((c.name, n, comparisons))
        }
        let passed = results.allSatisfy { $0.outputs.allSatisfy(\.passed) }
        if json {
            print(report(json: results, model: library, passed: passed))
        } else {
            print("model \(library.name) (\(model)): rtol \(rtol), atol \(atol)\(maxULP.map { ", max ULP \($0)" } ?? "")")
            for result in results {
                for comparison in result.outputs {
                    print((result.name.map { $0 + ": " } ?? "") + comparison.verdict())
                }
            }
            let all = results.flatMap(\.outputs)
            let failed = all.filter { !$0.passed }.count
            let where_ = cases == nil ? "" : " in \(results.count) case\(results.count == 1 ? "" : "s")"
            print(
                passed
                    ? "passed: all \(all.count) output\(all.count == 1 ? "" : "s") within tolerance\(where_)"
                    : "failed: \(failed) of \(all.count) output\(all.count == 1 ? "" : "s") out of tolerance\(where_)")
        }
        if !passed { throw ExitCode(1) }
    }

    /// `--per-layer`: the library built with --all-layers (or given, built so) against the reference's layers.
    private func runPerLayer(reference: String, tolerance: Tolerance) throws {
        let temporary = try Self.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: temporary) }
        var libraryPath = model
        if isNetwork {
            libraryPath = temporary + "/model.so"
            var options = CompileOptions()
            options.seeded = seeded.value
            options.shapes = try shapes.value()
            options.winograd = !noWinograd
            options.fuse = !noFuse
            options.allLayers = true
            let progress = Progress(enabled: !json && isatty(STDERR_FILENO) != 0)
            defer { progress.finish() }
            _ = try Compiler.compile(netPath: model, output: libraryPath, options: options) { progress.show($0) }
        }
        let library = try ModelLibrary(path: libraryPath)
        let layers = try LayerDump.layers(of: library, path: model)
        let bound = try Run.bind(input, to: library.inputs, what: "input", library: model)
        guard bound.count == library.inputs.count else {
            let missing = library.inputs.indices.filter { i in !bound.contains { $0.index == i } }.map { library.inputs[$0].name }
            throw VerifyError(file: model, "expected every input to be given, missing: \(missing.joined(separator: ", "))")
        }
        let c = Case(name: nil, inputs: try bound.map { ($0.index, $0.file, try NPY.read(contentsOf: $0.file)) }, expected: [])
        let n = try Self.batch(of: c, model: library)
        var referenceDirectory = reference
        if reference == "onnxruntime" {
            guard model.lowercased().hasSuffix(".onnx") else {
                throw VerifyError(
                    file: model,
                    "--reference onnxruntime needs the ONNX model itself (model.onnx); for a description or a library, give --reference DIR of per-layer .npy files (docs/python.md: the PyTorch hook script)"
                )
            }
            referenceDirectory = temporary + "/reference"
            try FileManager.default.createDirectory(atPath: referenceDirectory, withIntermediateDirectories: false)
            try PerLayerComparison.runOnnxRuntime(
                model: model, inputs: bound.map { (library.inputs[$0.index].name, $0.file) }, into: referenceDirectory)
        }
        var arrays = [[Float]](repeating: [], count: library.inputs.count)
        for binding in c.inputs { arrays[binding.index] = binding.array.values }
        let session = try library.makeSession(maxBatch: min(n, 64), threads: threads)
        let results = try session.run(batch: n, inputs: arrays)
        let comparison = try PerLayerComparison(
            results: results, batch: n, model: library, layers: layers, reference: referenceDirectory, tolerance: tolerance)
        if json {
            print(comparison.json(model: library.name, reference: reference, tolerance: tolerance))
        } else {
            print(
                "model \(library.name) (\(model)) against \(reference), layer by layer: rtol \(rtol), atol \(atol)\(maxULP.map { ", max ULP \($0)" } ?? "")"
            )
            print(comparison.text())
        }
        if !comparison.passed { throw ExitCode(1) }
    }

    private func report(
        json results: [(name: String?, batch: Int, outputs: [OutputComparison])], model library: ModelLibrary, passed: Bool
    ) -> String {
        let cases = results.map { result in
            "{\"name\": \(result.name.map(JSON.string) ?? "null"), \"batch\": \(result.batch), "
                + "\"passed\": \(result.outputs.allSatisfy(\.passed)), "
                + "\"outputs\": [" + result.outputs.map { $0.json() }.joined(separator: ", ") + "]}"
        }
        let fields = [
            "\"model\": \(JSON.string(library.name))", "\"path\": \(JSON.string(model))", "\"rtol\": \(rtol)", "\"atol\": \(atol)",
            "\"max_ulp\": \(maxULP.map(String.init) ?? "null")", "\"passed\": \(passed)",
            "\"cases\": [" + cases.joined(separator: ", ") + "]",
        ]
        return "{" + fields.joined(separator: ", ") + "}"
    }

    /// The case given by `--input` and `--expected`.
    private func commandLineCase(_ library: ModelLibrary) throws -> Case {
        let inputs = try Run.bind(input, to: library.inputs, what: "input", library: model)
        guard inputs.count == library.inputs.count else {
            let missing = library.inputs.indices.filter { i in !inputs.contains { $0.index == i } }.map { library.inputs[$0].name }
            throw VerifyError(file: model, "expected every input to be given, missing: \(missing.joined(separator: ", "))")
        }
        let expected = try Run.bind(self.expected, to: library.outputs, what: "output", option: "expected", library: model)
        return Case(
            name: nil,
            inputs: try inputs.map { ($0.index, $0.file, try NPY.read(contentsOf: $0.file)) },
            expected: try expected.map { ($0.index, $0.file, try NPY.read(contentsOf: $0.file)) })
    }

    /// The batch size of a case, checking every input's and expected output's shape and the expected values.
    static func batch(of c: Case, model: ModelLibrary) throws -> Int {
        var batch: Int?
        for binding in c.inputs {
            let spec = model.inputs[binding.index]
            let shape = binding.array.shape
            let n: Int
            if shape == spec.shape {
                n = 1
            } else if shape.count == spec.shape.count + 1, Array(shape.dropFirst()) == spec.shape, shape[0] >= 1 {
                n = shape[0]
            } else {
                throw VerifyError(
                    file: binding.file,
                    "expected shape [N, \(spec.shape.map(String.init).joined(separator: ", "))] or \(spec.shape) for input '\(spec.name)', got \(shape)"
                )
            }
            if let batch, batch != n {
                throw VerifyError(file: binding.file, "expected batch size \(batch) like the other inputs, got \(n)")
            }
            batch = n
        }
        let n = batch ?? 1
        for binding in c.expected {
            let spec = model.outputs[binding.index]
            let shape = binding.array.shape
            guard shape == [n] + spec.shape || (n == 1 && shape == spec.shape) else {
                let alternative = n == 1 ? " or \(spec.shape)" : ""
                throw VerifyError(
                    file: binding.file,
                    "expected shape \([n] + spec.shape)\(alternative) for output '\(spec.name)' (batch \(n) like the inputs), got \(shape)")
            }
            if let nan = binding.array.values.firstIndex(where: \.isNaN) {
                let count = binding.array.values.lazy.filter(\.isNaN).count
                throw VerifyError(
                    file: binding.file,
                    "expected values without NaN for output '\(spec.name)', got \(count) NaN (first at \(OutputComparison.index(nan, in: [n] + spec.shape)))"
                )
            }
        }
        return n
    }

    /// The cases of an ONNX-style test data directory: `test_data_set_K/{input,output}_J.{npy,pb}`.
    static func loadCases(directory: String, model: ModelLibrary) throws -> [Case] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw VerifyError(file: directory, "expected a directory of test_data_set_K folders, got no directory at that path")
        }
        let folders = try FileManager.default.contentsOfDirectory(atPath: directory)
            .compactMap { name in numbered(name, prefix: "test_data_set_", extensions: [""]).map { (name, $0.number) } }
            .filter {
                var d: ObjCBool = false
                return FileManager.default.fileExists(atPath: directory + "/" + $0.0, isDirectory: &d) && d.boolValue
            }
            .sorted { $0.1 < $1.1 }
        guard !folders.isEmpty else {
            throw VerifyError(file: directory, "expected test_data_set_K folders (ONNX test data layout), got none")
        }
        return try folders.map { folder, _ in
            let path = directory + "/" + folder
            let files = try FileManager.default.contentsOfDirectory(atPath: path)
            let inputs = try bindCaseFiles(files, in: path, prefix: "input_", to: model.inputs, what: "input")
            guard inputs.count == model.inputs.count else {
                let missing = model.inputs.indices.filter { i in !inputs.contains { $0.index == i } }.map { model.inputs[$0].name }
                throw VerifyError(file: path, "expected a file for every input, missing: \(missing.joined(separator: ", "))")
            }
            let expected = try bindCaseFiles(files, in: path, prefix: "output_", to: model.outputs, what: "output")
            guard !expected.isEmpty else { throw VerifyError(file: path, "expected output_K.npy or output_K.pb files, got none") }
            return Case(name: folder, inputs: inputs, expected: expected)
        }
    }

    /// `input_K` / `output_K` files matched to tensors: a .pb tensor by its name when it names one, else by position K.
    private static func bindCaseFiles(
        _ files: [String], in folder: String, prefix: String, to specs: [TensorSpec], what: String
    ) throws -> [(index: Int, file: String, array: NPYArray)] {
        let numberedFiles = files.compactMap { name in
            numbered(name, prefix: prefix, extensions: [".npy", ".pb"]).map { (name, $0.number, $0.ext) }
        }
        .sorted { $0.1 < $1.1 }
        var bound: [(index: Int, file: String, array: NPYArray)] = []
        for (name, number, ext) in numberedFiles {
            let file = folder + "/" + name
            let array: NPYArray
            var index: Int?
            if ext == ".pb" {
                let tensor = try ONNXTensorFile.read(contentsOf: file)
                array = NPYArray(shape: tensor.shape, values: tensor.values)
                index = specs.firstIndex { $0.name == tensor.name }
            } else {
                array = try NPY.read(contentsOf: file)
            }
            if index == nil {
                guard number < specs.count else {
                    throw VerifyError(
                        file: file,
                        "expected at most \(specs.count) \(what) file\(specs.count == 1 ? "" : "s") (the model's \(what)s: \(specs.map(\.name).joined(separator: ", "))), got \(what) number \(number)"
                    )
                }
                index = number
            }
            guard let index else { continue }
            if let other = bound.first(where: { $0.index == index }) {
                throw VerifyError(file: file, "expected one file for \(what) '\(specs[index].name)', got this one and \(other.file)")
            }
            bound.append((index, file, array))
        }
        return bound
    }

    /// `prefix` + a decimal number + one of `extensions`, e.g. `input_12.npy`.
    private static func numbered(_ name: String, prefix: String, extensions: [String]) -> (number: Int, ext: String)? {
        guard name.hasPrefix(prefix) else { return nil }
        let rest = name.dropFirst(prefix.count)
        for ext in extensions where rest.hasSuffix(ext) {
            let digits = rest.dropLast(ext.count)
            if !digits.isEmpty, digits.allSatisfy(\.isASCII), digits.allSatisfy(\.isNumber), let number = Int(digits) {
                return (number, ext)
            }
        }
        return nil
    }

    /// A fresh private directory for the library compiled from NET.
    static func makeTemporaryDirectory() throws -> String {
        var template = Array((NSTemporaryDirectory() + "/cnnc-verify-XXXXXX").utf8CString)
        guard let made = mkdtemp(&template) else {
            throw VerifyError("\(NSTemporaryDirectory()): expected a writable temporary directory, got \(String(cString: strerror(errno)))")
        }
        return String(cString: made)
    }
}
