import CNNCodegenC
import CNNFrontend
import CNNIR
import CNNONNX
import CNNPasses
import CNNToolchain
import Foundation

/// Everything a user can choose about one compilation.
public struct CompileOptions: Sendable {
    public var target: TargetCPU = .native
    /// Fold and fuse layers (turning this off is for debugging and differential tests).
    public var fuse = true
    /// Run 3x3 stride-1 convs as Winograd where it pays: tile Winograd F(4x4,3x3) (a quarter of
    /// the multiplies) or row Winograd F(4,3) (half), with slightly different rounding; off,
    /// every conv uses the direct register-tiled kernel.
    public var winograd = true
    /// Allow tile Winograd F(4x4,3x3) (off: row Winograd only, for tests and comparisons).
    public var tileWinograd = true
    /// Symbol prefix; nil uses the sanitised model name.
    public var prefix: String?
    /// Also write the generated header here.
    public var headerPath: String?
    /// Also write the generated C source here.
    public var sourcePath: String?
    /// Re-verify the graph after each pass.
    public var verifyPasses = false
    /// Generate stand-in weights instead of reading the weights file (benchmarks, full-size tests).
    public var seeded: SeededWeights?
    /// Full shapes (batch first) for ONNX inputs with symbolic dimensions, by input name (`--shape`).
    public var shapes: [String: [Int]] = [:]
    public init() {}
}

/// The stages of a compilation, reported as they start (for progress display).
public enum CompileStage: String, Sendable, CaseIterable {
    case parse = "parsing"
    case passes = "optimising"
    case codegen = "generating C"
    case cCompiler = "compiling C"
}

/// What a compilation produced, for `inspect` and tests.
public struct CompileResult: Sendable {
    public var planned: PlannedGraph
    public var generated: GeneratedModel
    /// Seconds spent in each stage.
    public var timings: [(stage: CompileStage, seconds: Double)]
}

/// The typed pipeline: description -> graph -> planned graph -> C -> shared library.
public enum Compiler {
    /// Reads a network: an ONNX model (`.onnx`) or a version-1 description (anything else, usually `.json`).
    public static func load(_ path: String, seeded: SeededWeights? = nil, shapes: [String: [Int]] = [:]) throws -> Graph {
        if path.lowercased().hasSuffix(".onnx") {
            return try ONNXImporter.load(path: path, shapes: shapes, seeded: seeded)
        }
        if let name = shapes.keys.sorted().first {
            throw Diagnostic("--shape \(Diagnostic.quoted(name))=... applies to ONNX models only; a description's input shapes are in the file", at: SourceLocation(file: path))
        }
        return try NetworkReader.read(path: path, seeded: seeded)
    }

    /// Runs the pass pipeline.
    public static func plan(_ graph: Graph, options: CompileOptions = CompileOptions()) throws -> PlannedGraph {
        let vector = vectorTarget(options)
        // Scratch depends on the kernel codegen will choose for each node of the final graph.
        return try Pipeline.run(graph, options: PassOptions(fuse: options.fuse, verifyEachPass: options.verifyPasses)) { node, final in
            KernelSelection.scratchFloats(node, in: final, target: vector)
        }
    }

    /// How codegen will compute a conv node of the planned `graph` (for `cnnc inspect`), or nil for other ops.
    public static func convAlgorithm(_ node: Node, in graph: Graph, options: CompileOptions) -> String? {
        switch node.op {
        case .conv, .convTranspose:
            guard let plan = KernelSelection.tiledConv(node, in: graph, target: vectorTarget(options)) else { return "direct" }
            switch plan.kernel {
            case .tileWinograd: return "tile Winograd F(4x4,3x3)"
            case .rowWinograd: return "row Winograd F(4,3)"
            case .channelTiles: return "channel tiles"
            case .positionTiles:
                if plan.upsample.contains(where: { $0 > 1 }) { return "pixel-shuffle tiles" }
                return plan.tiling.columnCopies ? "position tiles, column copies" : "position tiles"
            }
        default:
            return nil
        }
    }

    /// The vector unit and kernel choices for `options` on this host.
    public static func vectorTarget(_ options: CompileOptions) -> VectorTarget {
        var vector = vectorTarget(options.target)
        vector.winograd = options.winograd
        vector.tileWinograd = options.tileWinograd
        return vector
    }

    /// The vector unit for a target on this host.
    public static func vectorTarget(_ target: TargetCPU) -> VectorTarget {
        switch target {
        case .native: return HostCPU.hasAVX512 ? .avx512 : HostCPU.hasAVX2 ? .avx2 : .sse
        case .x86_64_v4: return .avx512
        case .x86_64_v3: return .avx2
        case .generic: return .sse
        }
    }

    /// Validates a user-chosen symbol prefix: it must already be a C identifier.
    static func checkPrefix(_ prefix: String?) throws {
        guard let prefix else { return }
        guard Namer.sanitize(prefix) == prefix, prefix.count <= 40, !prefix.hasPrefix("_") else {
            throw Diagnostic("expected a prefix made of ASCII letters, digits and '_' that starts with a letter (at most 40 characters), got '\(Diagnostic.quoted(prefix))'")
        }
    }

    /// Compiles the network at `netPath` (a description or an ONNX model) into a shared library at `output`, atomically.
    public static func compile(netPath: String, output: String, options: CompileOptions = CompileOptions(), progress: (CompileStage) -> Void = { _ in }) throws -> CompileResult {
        // Argument problems are reported before any time is spent parsing.
        try checkPrefix(options.prefix)
        for path in [output, options.headerPath, options.sourcePath].compactMap({ $0 }) { try checkWritable(path) }
        progress(.parse)
        let start = DispatchTime.now().uptimeNanoseconds
        let graph = try load(netPath, seeded: options.seeded, shapes: options.shapes)
        let parseSeconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        var result = try compile(graph: graph, output: output, options: options, progress: progress)
        result.timings.insert((.parse, parseSeconds), at: 0)
        return result
    }

    /// Compiles an already loaded graph (e.g. from `ONNXImporter`) into a shared library at `output`, atomically.
    public static func compile(graph: Graph, output: String, options: CompileOptions = CompileOptions(), progress: (CompileStage) -> Void = { _ in }) throws -> CompileResult {
        try checkPrefix(options.prefix)
        for path in [output, options.headerPath, options.sourcePath].compactMap({ $0 }) { try checkWritable(path) }
        var timings: [(CompileStage, Double)] = []
        func timed<T>(_ stage: CompileStage, _ body: () throws -> T) rethrows -> T {
            progress(stage)
            let start = DispatchTime.now().uptimeNanoseconds
            defer { timings.append((stage, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)) }
            return try body()
        }
        let planned = try timed(.passes) { try plan(graph, options: options) }
        let generated = timed(.codegen) { ModelEmitter.emit(planned, options: CodegenOptions(prefix: options.prefix, vector: vectorTarget(options))) }
        try timed(.cCompiler) { try build(generated, output: output, options: options) }
        return CompileResult(planned: planned, generated: generated, timings: timings)
    }

    /// Writes the C source and weight blob to a private directory, builds the library and
    /// moves every requested file into place only once all of them exist.
    static func build(_ model: GeneratedModel, output: String, options: CompileOptions) throws {
        let toolchain = try Toolchain.find()
        let workDir = FileManager.default.temporaryDirectory.appendingPathComponent("cnnc-\(getpid())-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: workDir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: workDir) }
        let sourceFile = workDir.appendingPathComponent("model.c").path
        try Data(model.source.utf8).write(to: URL(fileURLWithPath: sourceFile))
        try writeBlob(model.blob, to: workDir.appendingPathComponent(model.weightsFileName).path)
        // Everything is built under temporary names beside its destination, then renamed into
        // place (side files first, the library last), so a failure leaves no library behind.
        var pending: [(temporary: String, final: String)] = []
        defer { for p in pending { try? FileManager.default.removeItem(atPath: p.temporary) } }
        for (path, text) in [(options.headerPath, model.header), (options.sourcePath, model.source)] {
            guard let path else { continue }
            let temporary = temporaryName(beside: path)
            pending.append((temporary, path))
            do { try Data(text.utf8).write(to: URL(fileURLWithPath: temporary)) } catch {
                throw Diagnostic("cannot write '\(path)': \(error.localizedDescription)", at: SourceLocation(file: path))
            }
        }
        let library = temporaryName(beside: output)
        pending.append((library, output))
        try toolchain.buildSharedLibrary(sourceFile: sourceFile, workingDirectory: workDir.path, output: library, target: options.target)
        while !pending.isEmpty {
            let p = pending[0]
            guard rename(p.temporary, p.final) == 0 else {
                throw Diagnostic("cannot write '\(p.final)': \(String(cString: strerror(errno)))", at: SourceLocation(file: p.final))
            }
            pending.removeFirst()
        }
    }

    static func writeBlob(_ blob: WeightBlob, to path: String) throws {
        guard FileManager.default.createFile(atPath: path, contents: nil), let handle = FileHandle(forWritingAtPath: path) else {
            throw Diagnostic("cannot write the weight blob to the temporary directory \(path)")
        }
        defer { try? handle.close() }
        try blob.write { bytes in try handle.write(contentsOf: bytes) }
    }

    static func temporaryName(beside path: String) -> String {
        let url = URL(fileURLWithPath: path)
        return url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).tmp-\(getpid())-\(UUID().uuidString.prefix(8))").path
    }

    /// The output's directory must exist and be writable, and the path must not be a directory.
    static func checkWritable(_ path: String) throws {
        let url = URL(fileURLWithPath: path)
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw Diagnostic("expected an output file path, got a directory", at: SourceLocation(file: path))
        }
        let dir = url.deletingLastPathComponent().path
        guard FileManager.default.fileExists(atPath: dir, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw Diagnostic("cannot write the output: its directory '\(dir)' does not exist", at: SourceLocation(file: path))
        }
        guard FileManager.default.isWritableFile(atPath: dir) else {
            throw Diagnostic("cannot write the output: its directory '\(dir)' is not writable", at: SourceLocation(file: path))
        }
    }
}
