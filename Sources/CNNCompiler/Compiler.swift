import CNNCodegenC
import CNNFiles
import CNNFrontend
import CNNIR
import CNNONNX
import CNNPasses
import CNNToolchain
import Foundation

/// Everything a user can choose about one compilation.
public struct CompileOptions: Sendable {
    /// The targets whose code the library holds, most demanding first (`TargetList.parse`):
    /// one, or several x86-64 targets chosen among when the library is loaded.
    public var targets: [TargetCPU] = [.native]
    /// The target of a single-target library (the first of `targets`).
    public var target: TargetCPU {
        get { targets[0] }
        set { targets = [newValue] }
    }
    /// The C compiler (`--cc`): a path or a name on PATH; nil searches (`$CC`, clang, gcc, or the cross gcc).
    public var cc: String?
    /// The sysroot for cross-compiling (`--sysroot`).
    public var sysroot: String?
    /// Extra CPU features a target's code is recorded as needing: for tests of the load-time
    /// refusal and the dispatch fallback (a name no CPU has makes code no CPU runs).
    public var extraRequiredFeatures: [TargetCPU: [String]] = [:]
    /// Fold and fuse layers (turning this off is for debugging and differential tests).
    public var fuse = true
    /// Run 3x3 stride-1 convs as Winograd where it pays: tile Winograd F(4x4,3x3) (a quarter of
    /// the multiplies) or row Winograd F(4,3) (half), with slightly different rounding; off,
    /// every conv uses the direct register-tiled kernel.
    public var winograd = true
    /// Allow tile Winograd F(4x4,3x3) (off: row Winograd only, for tests and comparisons).
    public var tileWinograd = true
    /// Kernels that differ only in integer constants share one function (off: only exact
    /// duplicates; for tests and comparisons, `CodegenOptions.sharesKernels`).
    public var shareKernels = true
    /// Winograd weights stored transformed (2-4x the direct ones) or transformed by the
    /// library's first `create` (`--winograd-weights`, docs/deploy.md).
    public var winogradWeights: WinogradWeights = .stored
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
    /// Also return every layer's result (`--all-layers`): each kernel's output is exported under the
    /// name of the last layer it computes; the layers fused before it are listed in the kernel table.
    public var allLayers = false
    /// Seconds the C compiler may run before it is stopped (and the compile fails); nil waits forever.
    public var compilerTimeLimit: Double? = 3600
    /// What `output` is: a shared library, a static library, or a directory of C source, header and weights.
    public var emit: EmitForm = .shared
    /// OpenMP, or none (one thread, no OpenMP dependency); nil: OpenMP. Not for `.c`, whose builder chooses.
    public var threads: ThreadsRuntime?
    /// Resource limits checked before allocating (`--limit`, docs/untrusted-models.md).
    public var limits = Limits()
    /// Sees the graph as imported and after each pass, by pass name (`--dump-ir-after`).
    public var afterPass: (@Sendable (String, Graph) -> Void)?
    /// C compiler processes run at once (`--jobs`). A large model's C is split into several
    /// translation units (`SplitSource`) compiled in parallel; 1 compiles it as one unit.
    public var jobs = Toolchain.defaultJobs
    /// Kernel C per unit when the C is split (`ModelEmitter.splitBytesPerUnit`; tests make it small).
    public var splitBytesPerUnit = ModelEmitter.splitBytesPerUnit
    public init() {}
}

/// How long one step of a compilation took, for `cnnc compile --time`.
public struct StageTime: Sendable, Hashable {
    /// `read`, `passes`, `codegen`, `write C`, `C compiler`, `link`; a pass by its name (`detail` of `passes`).
    public var name: String
    public var seconds: Double
    /// The steps inside this one (the passes), in order.
    public var parts: [StageTime] = []
    /// What else is worth saying: sizes, units and processes, CPU seconds.
    public var note: String?
    public init(name: String, seconds: Double, parts: [StageTime] = [], note: String? = nil) {
        self.name = name
        self.seconds = seconds
        self.parts = parts
        self.note = note
    }
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
    /// Each step's time in detail, in order (`cnnc compile --time`).
    public var steps: [StageTime] = []
}

/// Times the passes through `afterPass`: each call ends the pass it names.
final class PassClock: @unchecked Sendable {
    private let lock = NSLock()
    private var last = DispatchTime.now().uptimeNanoseconds
    private var times: [StageTime] = []

    func mark(_ name: String) {
        lock.lock()
        defer { lock.unlock() }
        let now = DispatchTime.now().uptimeNanoseconds
        // `import` is the graph before any pass: the time before it is the pipeline's set-up.
        if name != "import" { times.append(StageTime(name: name, seconds: Double(now - last) / 1e9)) }
        last = now
    }

    /// The passes so far, and what followed the last one (memory planning) as `plan-memory`.
    func finish() -> [StageTime] {
        lock.lock()
        defer { lock.unlock() }
        return times + [StageTime(name: "plan-memory", seconds: Double(DispatchTime.now().uptimeNanoseconds - last) / 1e9)]
    }
}

/// The typed pipeline: description -> graph -> planned graph -> C -> shared library.
public enum Compiler {
    /// Reads a network: an ONNX model (`.onnx`) or a version-1 description (anything else, usually `.json`).
    public static func load(
        _ path: String, seeded: SeededWeights? = nil, shapes: [String: [Int]] = [:], limits: Limits = Limits()
    ) throws -> Graph {
        if path.lowercased().hasSuffix(".onnx") {
            let graph = try ONNXImporter.load(path: path, shapes: shapes, seeded: seeded, limits: limits)
            try limits.check(graph)
            return graph
        }
        if let name = shapes.keys.sorted().first {
            throw Diagnostic(
                "--shape \(Diagnostic.quoted(name))=... applies to ONNX models only; a description's input shapes are in the file",
                at: SourceLocation(file: path))
        }
        return try NetworkReader.read(path: path, seeded: seeded, limits: limits)
    }

    /// Runs the pass pipeline.
    public static func plan(_ graph: Graph, options: CompileOptions = CompileOptions()) throws -> PlannedGraph {
        let vector = vectorTarget(options)
        // Scratch depends on the kernel codegen will choose for each node of the final graph.
        let planned = try Pipeline.run(
            graph, options: PassOptions(fuse: options.fuse, verifyEachPass: options.verifyPasses, allLayers: options.allLayers),
            scratch: { node, final in KernelSelection.scratchFloats(node, in: final, target: vector) },
            afterPass: { options.afterPass?($0, $1) })
        try options.limits.checkArena(floatsPerSample: planned.memory.arenaFloatsPerSample, graph: planned.graph)
        return planned
    }

    /// How codegen will compute a conv node of the planned `graph` (for `cnnc inspect`), or nil for other ops.
    public static func convAlgorithm(_ node: Node, in graph: Graph, options: CompileOptions) -> String? {
        switch node.op {
        case .conv, .convTranspose:
            switch KernelSelection.convPlan(node, in: graph, target: vectorTarget(options)) ?? .direct {
            case .direct: return "direct"
            case .tileWinograd: return "tile Winograd F(4x4,3x3)"
            case .rowWinograd: return "row Winograd F(4,3)"
            case .channelTiles: return "channel tiles"
            case .pixelShuffle: return "pixel-shuffle tiles"
            case .positionTiles(let p): return p.tiling.columnCopies ? "position tiles, column copies" : "position tiles"
            case .depthwiseRows(let p): return p.tiling.columnCopies ? "position tiles, column copies" : "position tiles"
            case .depthwiseDirect(let p): return "depthwise direct, \(p.rows) x \(p.vectors) tiles"
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
        case .aarch64: return .neon
        case .aarch64Generic: return .scalar
        }
    }

    /// The codegen options for one target of `options` (`dispatchPrefix` set in a multi-target library).
    static func codegenOptions(
        _ options: CompileOptions, target: TargetCPU, publicPrefix: String?, threadsNote: [String]? = nil
    ) -> CodegenOptions {
        var single = options
        single.target = target
        var codegen = CodegenOptions(
            prefix: publicPrefix.map { "\($0)_\(target.tag)" } ?? options.prefix, vector: vectorTarget(single),
            requiredFeatures: target.requiredFeatures + (options.extraRequiredFeatures[target] ?? []),
            dispatchPrefix: publicPrefix, threadsNote: threadsNote, winogradWeights: options.winogradWeights)
        codegen.splitBytesPerUnit = options.splitBytesPerUnit
        codegen.sharesKernels = options.shareKernels
        return codegen
    }

    /// Names reach the library as C strings: one with a NUL would be cut there (and could collide).
    static func checkNames(_ graph: Graph) throws {
        for node in graph.nodes where node.name.unicodeScalars.contains("\0") {
            throw Diagnostic(
                "expected a layer or input name without NUL characters (the library stores names as C strings), got '\(Diagnostic.quoted(node.name))'",
                at: node.location)
        }
        for name in graph.outputNames where name.unicodeScalars.contains("\0") {
            throw Diagnostic(
                "expected output names without NUL characters (the library stores names as C strings), got '\(Diagnostic.quoted(name))'")
        }
    }

    /// The runtime refuses a library with two outputs of one name: refused here instead.
    static func checkOutputNames(_ graph: Graph) throws {
        var seen: Set<String> = []
        for name in graph.outputNames where !seen.insert(name).inserted {
            throw Diagnostic("expected distinct output names, got two outputs named '\(Diagnostic.quoted(name))'")
        }
    }

    /// Validates a user-chosen symbol prefix: it must already be a C identifier.
    static func checkPrefix(_ prefix: String?) throws {
        guard let prefix else { return }
        guard Namer.sanitize(prefix) == prefix, prefix.count <= 40, !prefix.hasPrefix("_") else {
            throw Diagnostic(
                "expected a prefix made of ASCII letters, digits and '_' that starts with a letter (at most 40 characters), got '\(Diagnostic.quoted(prefix))'"
            )
        }
    }

    /// Compiles the network at `netPath` (a description or an ONNX model) into a shared library at `output`, atomically.
    public static func compile(
        netPath: String, output: String, options: CompileOptions = CompileOptions(), progress: (CompileStage) -> Void = { _ in }
    ) throws -> CompileResult {
        // Argument problems are reported before any time is spent parsing.
        try checkPrefix(options.prefix)
        try checkEmitForm(options)
        try checkOutputs(output: output, options: options, inputs: [netPath])
        progress(.parse)
        let start = DispatchTime.now().uptimeNanoseconds
        let graph = try load(netPath, seeded: options.seeded, shapes: options.shapes, limits: options.limits)
        let parseSeconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        var result = try compile(graph: graph, output: output, options: options, progress: progress)
        result.timings.insert((.parse, parseSeconds), at: 0)
        result.steps.insert(StageTime(name: "read", seconds: parseSeconds), at: 0)
        return result
    }

    /// Compiles an already loaded graph (e.g. from `ONNXImporter`) into a shared library at `output`, atomically.
    public static func compile(
        graph: Graph, output: String, options: CompileOptions = CompileOptions(), progress: (CompileStage) -> Void = { _ in }
    ) throws -> CompileResult {
        try checkPrefix(options.prefix)
        try checkEmitForm(options)
        try checkOutputs(output: output, options: options, inputs: [])
        var timings: [(CompileStage, Double)] = []
        func timed<T>(_ stage: CompileStage, _ body: () throws -> T) rethrows -> T {
            progress(stage)
            let start = DispatchTime.now().uptimeNanoseconds
            defer { timings.append((stage, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)) }
            return try body()
        }
        guard !options.targets.isEmpty else { throw Diagnostic("expected at least one target, got none") }
        try checkNames(graph)
        if options.targets.count > 1, let source = options.sourcePath {
            throw Diagnostic(
                "expected one --target with --emit-c, got \(options.targets.count) (a multi-target library is one C file per target and a dispatcher); compile the C of each target separately",
                at: SourceLocation(file: source))
        }
        if options.targets.count > 1, options.emit != .shared {
            throw Diagnostic(
                "expected one --target with --emit \(options.emit.rawValue), got \(options.targets.count); a multi-target library (kernels chosen at load) is a shared library only",
                at: SourceLocation(file: output))
        }
        // The toolchain is found first so the header can name the OpenMP runtime it links (not needed for C).
        let toolchain: Toolchain?
        if options.emit == .c {
            toolchain = nil
        } else {
            do {
                toolchain = try Toolchain.find(for: options.target.architecture, cc: options.cc, sysroot: options.sysroot)
            } catch let error as ToolchainError {
                throw Diagnostic(error.description, at: SourceLocation(file: output))
            }
        }
        let note = threadsNote(options, toolchain: toolchain)
        // A multi-target library: each target's code planned and generated on its own, under
        // `<prefix>_<tag>`, behind a dispatcher that exports `<prefix>_*`.
        let publicPrefix = options.targets.count > 1 ? options.prefix ?? Namer.sanitize(graph.name) : nil
        var units: [(target: TargetCPU, planned: PlannedGraph, generated: GeneratedModel)] = []
        var steps: [StageTime] = []
        for target in options.targets {
            var single = options
            single.target = target
            let clock = PassClock()
            let user = options.afterPass
            single.afterPass = { name, graph in
                clock.mark(name)
                user?(name, graph)
            }
            let passesStart = DispatchTime.now().uptimeNanoseconds
            let planned = try timed(.passes) { try plan(graph, options: single) }
            let tag = options.targets.count > 1 ? " (\(target.rawValue))" : ""
            steps.append(
                StageTime(
                    name: "passes" + tag, seconds: Double(DispatchTime.now().uptimeNanoseconds - passesStart) / 1e9, parts: clock.finish()))
            try checkOutputNames(planned.graph)
            let codegenStart = DispatchTime.now().uptimeNanoseconds
            let generated = timed(.codegen) {
                ModelEmitter.emit(planned, options: codegenOptions(options, target: target, publicPrefix: publicPrefix, threadsNote: note))
            }
            steps.append(
                StageTime(
                    name: "codegen" + tag, seconds: Double(DispatchTime.now().uptimeNanoseconds - codegenStart) / 1e9,
                    note: "\(megabytes(generated.source.utf8.count)) of C, \(generated.kernels.count) kernels"))
            units.append((target, planned, generated))
        }
        try timed(.cCompiler) {
            if let toolchain {
                steps += try build(units.map { ($0.target, $0.generated) }, output: output, options: options, toolchain: toolchain)
            } else {
                let start = DispatchTime.now().uptimeNanoseconds
                try writeCDirectory(units[0].generated, output: output, options: options)
                steps.append(StageTime(name: "write C", seconds: Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9))
            }
        }
        return CompileResult(planned: units[0].planned, generated: units[0].generated, timings: timings, steps: steps)
    }

    /// `1.2 MB`, `640 KB`: a size for the `--time` notes.
    static func megabytes(_ bytes: Int) -> String {
        bytes >= 1_000_000 ? String(format: "%.1f MB", Double(bytes) / 1e6) : "\(max(1, (bytes + 500) / 1000)) KB"
    }

    /// Writes the C source and weight blob to a private directory, builds the library and
    /// moves every requested file into place only once all of them exist.
    ///
    /// Each output is built under a temporary name beside its final path (`PendingOutput`) and
    /// renamed into place, side files first and the library last, so a failure leaves no library
    /// behind. The work directory and temporary files are registered with `Cleanup`, so an
    /// interrupted compile removes them too.
    /// Returns the time each step took (`--time`).
    @discardableResult
    static func build(
        _ units: [(target: TargetCPU, model: GeneratedModel)], output: String, options: CompileOptions, toolchain: Toolchain
    ) throws -> [StageTime] {
        let model = units[0].model
        let threads = options.threads ?? .openmp
        let writeStart = DispatchTime.now().uptimeNanoseconds
        // Checked again now that the files read are recorded: no output may replace an input.
        try checkOutputs(output: output, options: options, inputs: [])
        let library = try fileErrors { try PendingOutput(output) }
        let sideFiles = try zip([options.headerPath, options.sourcePath], [model.header, model.source]).compactMap { path, text in
            try path.map { path in (try fileErrors { try PendingOutput(path) }, text) }
        }
        let workDir = try makeWorkDirectory()
        defer {
            try? FileManager.default.removeItem(atPath: workDir)
            Cleanup.shared.remove(path: workDir)
        }
        let sourceFile = workDir + "/\(model.prefix).c"
        var buildUnits: [Toolchain.Unit] = []
        // A large model's kernels in several units compiled in parallel (a shared library of one
        // target: a static library's units would need prefixed kernel names to link beside another model's).
        let split = units.count == 1 && options.emit == .shared && options.jobs > 1 ? model.split : nil
        var cBytes = 0
        try temporaryFileErrors(workDir) {
            if units.count == 1, let split {
                // The main unit (the weights, the run sequence, the entry points) first: the assembler's copy of the weights is the longest single step.
                for (index, text) in ([split.main] + split.kernelUnits).enumerated() {
                    let file = workDir + "/\(model.prefix)_\(index).c"
                    try Data(text.utf8).write(to: URL(fileURLWithPath: file))
                    cBytes += text.utf8.count
                    buildUnits.append(Toolchain.Unit(source: file, flags: Toolchain.targetFlags(options.target)))
                }
                try writeBlob(model.blob, to: workDir + "/" + model.weightsFileName)
            } else if units.count == 1 {
                try Data(model.source.utf8).write(to: URL(fileURLWithPath: sourceFile))
                cBytes = model.source.utf8.count
                try writeBlob(model.blob, to: workDir + "/" + model.weightsFileName)
            } else {
                for (target, unit) in units {
                    let file = workDir + "/model_\(target.tag).c"
                    try Data(unit.source.utf8).write(to: URL(fileURLWithPath: file))
                    cBytes += unit.source.utf8.count
                    try writeBlob(unit.blob, to: workDir + "/" + unit.weightsFileName)
                    buildUnits.append(Toolchain.Unit(source: file, flags: Toolchain.targetFlags(target)))
                }
                let variants = units.map {
                    DispatchEmitter.Variant(prefix: "\(model.prefix)_\($0.target.tag)", requiredFeatures: $0.model.requiredFeatures)
                }
                let dispatcher = workDir + "/dispatch.c"
                try Data(DispatchEmitter.emit(prefix: model.prefix, variants: variants).utf8).write(to: URL(fileURLWithPath: dispatcher))
                // The dispatcher runs before any feature is known: the architecture's baseline.
                buildUnits.append(Toolchain.Unit(source: dispatcher, flags: []))
            }
        }
        for (file, text) in sideFiles { try fileErrors { try file.write(Data(text.utf8)) } }
        let blobBytes = units.reduce(0) { $0 + $1.model.blob.byteCount }
        var steps = [
            StageTime(
                name: "write C", seconds: Double(DispatchTime.now().uptimeNanoseconds - writeStart) / 1e9,
                note: "\(megabytes(cBytes)) of C, \(megabytes(blobBytes)) of weights")
        ]
        let compileStart = DispatchTime.now().uptimeNanoseconds
        let cpuBefore = Toolchain.childrenCPUSeconds()
        func cpu() -> String { String(format: "%.2f s CPU", Toolchain.childrenCPUSeconds() - cpuBefore) }
        do {
            if !buildUnits.isEmpty {
                let times = try toolchain.buildSharedLibrary(
                    units: buildUnits, workingDirectory: workDir, output: library.temporary, timeLimit: options.compilerTimeLimit,
                    threads: threads, jobs: options.jobs)
                steps.append(
                    StageTime(
                        name: "C compiler", seconds: times.compileSeconds,
                        note:
                            "\(times.units) units, \(times.jobs) at a time; \(String(format: "%.2f s CPU", times.cpuSeconds)) with the link"
                    ))
                steps.append(StageTime(name: "link", seconds: times.linkSeconds))
                try Toolchain.checkSharedLibrary(at: library.temporary, compiler: toolchain.compiler)
            } else {
                switch options.emit {
                case .shared, .c:
                    try toolchain.buildSharedLibrary(
                        sourceFile: sourceFile, workingDirectory: workDir, output: library.temporary, target: options.target,
                        timeLimit: options.compilerTimeLimit, threads: threads)
                    steps.append(
                        StageTime(
                            name: "C compiler", seconds: Double(DispatchTime.now().uptimeNanoseconds - compileStart) / 1e9,
                            note: "1 unit, compiled and linked in one process; \(cpu())"))
                    try Toolchain.checkSharedLibrary(at: library.temporary, compiler: toolchain.compiler)
                case .static:
                    let object = workDir + "/\(model.prefix).o"
                    try toolchain.buildSharedLibrary(
                        sourceFile: sourceFile, workingDirectory: workDir, output: object, target: options.target,
                        timeLimit: options.compilerTimeLimit, product: .object, threads: threads)
                    steps.append(
                        StageTime(
                            name: "C compiler", seconds: Double(DispatchTime.now().uptimeNanoseconds - compileStart) / 1e9,
                            note: "1 unit; \(cpu())"))
                    let archiveStart = DispatchTime.now().uptimeNanoseconds
                    try toolchain.buildStaticLibrary(
                        object: object, memberName: "\(model.prefix).o", workingDirectory: workDir, output: library.temporary)
                    steps.append(StageTime(name: "archive", seconds: Double(DispatchTime.now().uptimeNanoseconds - archiveStart) / 1e9))
                }
            }
        } catch let error as ToolchainError {
            throw Diagnostic(error.description, at: SourceLocation(file: output))
        }
        try fileErrors {
            for (file, _) in sideFiles { try file.commit() }
            try library.commit()
        }
        return steps
    }

    /// A fresh private directory under the temporary directory, registered for cleanup.
    static func makeWorkDirectory() throws -> String {
        let root = FileManager.default.temporaryDirectory.path
        let path = root + "/cnnc-\(getpid())-\(UUID().uuidString.prefix(8))"
        Cleanup.shared.add(path: path)
        guard mkdir(path, 0o700) == 0 else {
            let reason = OutputFile.reason(errno)
            Cleanup.shared.remove(path: path)
            throw Diagnostic(
                "cannot create cnnc's work directory in the temporary directory '\(root)' (\(reason)); set TMPDIR to a writable directory with space",
                at: SourceLocation(file: path))
        }
        return path
    }

    /// Runs `body`, turning a file error into a diagnostic located at the file.
    static func fileErrors<T>(_ body: () throws -> T) throws -> T {
        do { return try body() } catch let error as FileError {
            throw Diagnostic(error.message, at: SourceLocation(file: error.path))
        }
    }

    /// Runs `body`, which writes into the work directory, naming the directory and the reason on failure.
    static func temporaryFileErrors(_ directory: String, _ body: () throws -> Void) throws {
        do { try body() } catch let d as Diagnostic { throw d } catch {
            let ns = error as NSError
            let underlying = ns.userInfo[NSUnderlyingErrorKey] as? NSError
            // Foundation reports a full disk as its own out-of-space error, with or without the errno beneath.
            let outOfSpace = ns.domain == NSCocoaErrorDomain && ns.code == NSFileWriteOutOfSpaceError
            let reason =
                underlying.flatMap { $0.domain == NSPOSIXErrorDomain ? OutputFile.reason(Int32($0.code)) : nil }
                ?? (outOfSpace ? OutputFile.reason(ENOSPC) : error.localizedDescription)
            throw Diagnostic(
                "cannot write the generated C into the work directory (\(reason)); set TMPDIR to a writable directory with space",
                at: SourceLocation(file: directory))
        }
    }

    static func writeBlob(_ blob: WeightBlob, to path: String) throws {
        guard FileManager.default.createFile(atPath: path, contents: nil), let handle = FileHandle(forWritingAtPath: path) else {
            throw Diagnostic(
                "cannot write the weight blob to the work directory (\(OutputFile.reason(errno))); set TMPDIR to a writable directory with space",
                at: SourceLocation(file: path))
        }
        defer { try? handle.close() }
        try blob.write { bytes in try handle.write(contentsOf: bytes) }
    }

    /// Checks every output path (`OutputFile.destination`): regular files or new ones, not an input, all different.
    @discardableResult
    static func checkOutputs(output: String, options: CompileOptions, inputs: [String]) throws -> [String] {
        var seen: [String: String] = [:]
        var destinations: [String] = []
        if options.emit == .c {
            return [try fileErrors { try OutputDirectory.destination(output, inputs: inputs, replaceable: isGeneratedCFile) }]
        }
        for (path, what) in [(output, "-o"), (options.headerPath, "--header"), (options.sourcePath, "--emit-c")] {
            guard let path else { continue }
            let destination = try fileErrors { try OutputFile.destination(path, inputs: inputs) }
            let identity = OutputFile.identity(destination)
            if let other = seen[identity] {
                throw Diagnostic(
                    "expected \(what) to name a different file than \(other), got the same one", at: SourceLocation(file: path))
            }
            seen[identity] = what
            destinations.append(destination)
        }
        return destinations
    }
}

extension Compiler {
    /// Scratch floats per sample the kernel codegen picks for `node` of the planned `graph` takes while it runs (for `cnnc report`).
    public static func scratchFloats(_ node: Node, in graph: Graph, options: CompileOptions) -> Int {
        KernelSelection.scratchFloats(node, in: graph, target: vectorTarget(options))
    }
}

extension Compiler {
    /// The target in words for reports: `x86-64-v3 (AVX2, 8-float vectors)`; `native` names what this host resolves to.
    public static func targetDescription(_ options: CompileOptions) -> String {
        let vector = vectorTarget(options)
        let unit = vector.lanes >= 16 ? "AVX-512" : vector.lanes == 8 ? "AVX2" : "SSE/portable C"
        return "\(options.target.rawValue) (\(unit), \(vector.lanes)-float vectors)"
    }
}
