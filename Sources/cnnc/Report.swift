import ArgumentParser
import CNNCompiler
import CNNFiles
import CNNIR
import CNNReport
import CNNRuntime
import CNNToolchain
import Foundation

/// `cnnc report NET|LIB -o report.html`: one self-contained HTML page of the fused graph, its memory and its times.
struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write one self-contained HTML report: the fused graph, the arena over the run, and (with --bench) each kernel's time.",
        discussion:
            "A network (net.json or .onnx) gives the full report; a compiled library gives its kernels and, with --bench, their times (see docs/report.md)."
    )

    @Argument(help: "A network (net.json or .onnx), or a library built by `cnnc compile`.")
    var model: String

    @Option(name: .shortAndLong, help: "The HTML file to write.")
    var output: String

    @Flag(name: .long, help: "Compile (for a network) and time every kernel in this process, like `bench --layers`.")
    var bench = false

    @Option(name: .long, help: "Threads for --bench (default: OpenMP's default).")
    var threads: Int = 0

    @Option(name: .long, help: "Samples per run for --bench.")
    var batch: Int = 1

    @Option(name: .long, help: "Timed runs for --bench.")
    var iterations: Int = 20

    @Option(
        name: .customLong("layers-json"),
        help: ArgumentHelp("Per-kernel times saved by `cnnc bench LIB --layers --json` (instead of --bench).", valueName: "file"))
    var layersJSON: String?

    @Option(
        name: .customLong("verify-json"),
        help: ArgumentHelp("Errors saved by `cnnc verify ... --json`, coloured against its tolerance.", valueName: "file"))
    var verifyJSON: String?

    @Option(name: .long, help: "CPU the plan is made for: native, x86-64-v4, x86-64-v3 or generic.")
    var target: TargetCPU = .native

    @Flag(name: .customLong("no-winograd"), help: "Plan every conv with the direct kernel, never Winograd.")
    var noWinograd = false

    @OptionGroup var seeded: SeededWeightsOptions

    @OptionGroup var shapes: ShapeOptions

    func validate() throws {
        guard threads >= 0 else { throw ValidationError("expected --threads of at least 0, got \(threads)") }
        guard batch >= 1 else { throw ValidationError("expected --batch of at least 1, got \(batch)") }
        guard iterations >= 1 else { throw ValidationError("expected --iterations of at least 1, got \(iterations)") }
        if bench && layersJSON != nil { throw ValidationError("expected either --bench or --layers-json FILE, got both") }
    }

    var isNetwork: Bool {
        let lower = model.lowercased()
        return lower.hasSuffix(".json") || lower.hasSuffix(".onnx")
    }

    func run() throws {
        Cleanup.shared.installSignalHandlers()
        let reads = [model] + [layersJSON, verifyJSON].compactMap { $0 }
        // A bad -o is reported before any time is spent.
        _ = try fileErrors { try OutputFile.destination(output, inputs: reads) }
        var options = CompileOptions()
        options.seeded = seeded.value
        options.shapes = try shapes.value()
        options.target = target
        options.winograd = !noWinograd
        var data: ReportData
        var library: ModelLibrary?
        var temporaryDirectory: String?
        defer {
            if let temporaryDirectory {
                try? FileManager.default.removeItem(atPath: temporaryDirectory)
                Cleanup.shared.remove(path: temporaryDirectory)
            }
        }
        if isNetwork {
            let graph = try Compiler.load(model, seeded: options.seeded, shapes: options.shapes)
            let planned = try Compiler.plan(graph, options: options)
            data = ReportData(
                graph: graph, planned: planned, source: model, target: Compiler.targetDescription(options),
                algorithm: { Compiler.convAlgorithm($0, in: planned.graph, options: options) },
                scratchFloats: { Compiler.scratchFloats($0, in: planned.graph, options: options) })
            if bench {
                let directory = try Verify.makeTemporaryDirectory()
                // Removed on exit, and on Ctrl-C or a kill too.
                Cleanup.shared.add(path: directory)
                temporaryDirectory = directory
                _ = try Compiler.compile(graph: graph, output: directory + "/model.so", options: options)
                library = try ModelLibrary(path: directory + "/model.so")
            }
        } else {
            let lib = try ModelLibrary(path: model)
            library = lib
            data = ReportData(
                title: lib.name, source: model, target: "not recorded in a library (see docs/report.md)", hasGraph: false, layers: [],
                kernels: lib.kernels.map { ReportData.Kernel(op: $0.op, layers: [$0.layers], flops: $0.flopsPerSample) },
                slices: [], inputs: lib.inputs.map { .init(name: $0.name, shape: $0.shape) },
                outputs: lib.outputs.map { .init(name: $0.name, shape: $0.shape) },
                parameters: 0, flops: lib.flopsPerSample, arenaBytes: lib.workspaceBytesPerSample)
        }
        if bench, let library {
            let m = try Bench.Measurement.take(model: library, batch: batch, threads: threads, iterations: iterations, layers: true)
            let profile = m.profile!
            try Self.checkKernels(profile.kernels.map(\.layers), against: data, what: "the compiled library")
            data.timing = ReportData.Timing(
                source: "measured in-process by --bench (\(iterations) runs, on \(Self.hostCPU()))", batch: batch, threads: m.threads,
                medianMs: m.median, minMs: m.minimum, imagesPerSecond: m.imagesPerSecond, gflops: m.gflops, peakGFLOPS: profile.peakGFLOPS,
                kernelMs: profile.medians, kernelGFLOPS: profile.kernels.indices.map(profile.gflops))
        }
        if let layersJSON { data.timing = try ReportInputs.timing(layersJSON, data: data) }
        if let verifyJSON { data.verification = try ReportInputs.verification(verifyJSON) }
        let html = HTMLReport.render(data)
        try fileErrors { try OutputFile.write(Data(html.utf8), to: output, inputs: reads) }
    }

    /// Kernel `k` of the measurement must compute the layers of kernel `k` of the report.
    static func checkKernels(_ layers: [String], against data: ReportData, what: String) throws {
        guard layers.count == data.kernels.count else {
            throw Diagnostic(
                "expected \(what) to have the report's \(data.kernels.count) kernels, got \(layers.count); was it compiled from this network with the same options?"
            )
        }
        for (k, measured) in layers.enumerated() where measured != data.kernels[k].layers.joined(separator: " + ") {
            throw Diagnostic(
                "expected kernel k\(k) of \(what) to compute '\(Diagnostic.quoted(data.kernels[k].layers.joined(separator: " + ")))', got '\(Diagnostic.quoted(measured))'; was it compiled from this network with the same options?"
            )
        }
    }

    /// The CPU's model name from /proc/cpuinfo, or `this host`.
    static func hostCPU() -> String {
        guard let text = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
            let line = text.split(separator: "\n").first(where: { $0.hasPrefix("model name") }),
            let colon = line.firstIndex(of: ":")
        else { return "this host" }
        return line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
    }

    func fileErrors<T>(_ body: () throws -> T) throws -> T {
        do { return try body() } catch let error as FileError {
            throw Diagnostic(error.message, at: SourceLocation(file: error.path))
        }
    }
}
