import ArgumentParser
import CNNCompiler
import CNNFiles
import CNNIR
import CNNToolchain
import Foundation

extension TargetCPU: ExpressibleByArgument {}
extension EmitForm: ExpressibleByArgument {}
extension ThreadsRuntime: ExpressibleByArgument {}
extension WinogradWeights: ExpressibleByArgument {}

/// `cnnc compile NET -o LIB`.
struct Compile: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Compile a network description into a shared library (or a static library, or C source).")

    @Argument(help: "The network: a description (net.json) or an ONNX model (.onnx).")
    var net: String

    @Option(name: .shortAndLong, help: "The shared library to write (with --emit: the static library or the C directory).")
    var output: String

    @Option(
        name: .long,
        help: ArgumentHelp(
            "What -o writes: a shared library, a static library (ar archive) or a directory of C source, header and weights.",
            valueName: "shared|static|c"))
    var emit: EmitForm = .shared

    @Option(
        name: .customLong("threads-runtime"),
        help: ArgumentHelp("openmp (default), or none: one thread and no OpenMP dependency.", valueName: "openmp|none"))
    var threadsRuntime: ThreadsRuntime?

    @Option(name: .long, help: "Also write the C header for this model here.")
    var header: String?

    @Option(name: .customLong("emit-c"), help: "Also write the generated C source here.")
    var emitC: String?

    @Option(name: .long, help: "Symbol prefix (default: the sanitised model name).")
    var prefix: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "CPU to compile for: native, x86-64-v4, x86-64-v3, generic, aarch64 or aarch64-generic; a comma-separated list of x86-64 targets (the library chooses at load from the CPU's features); or portable (x86-64-v4,x86-64-v3,generic: for shipping to other machines).",
            valueName: "target"))
    var target: String = "native"

    @Option(
        name: .long,
        help: ArgumentHelp(
            "The C compiler (a path or a name on PATH): for aarch64 a cross compiler, by default aarch64-linux-gnu-gcc.",
            valueName: "compiler"))
    var cc: String?

    @Option(
        name: .long,
        help: ArgumentHelp("The sysroot to cross-compile against (passed to the compiler as --sysroot).", valueName: "directory"))
    var sysroot: String?

    @Flag(name: .customLong("no-fuse"), help: "Do not fold or fuse layers (for debugging).")
    var noFuse = false

    @Flag(
        name: .customLong("no-winograd"), help: "Run every conv with the direct kernel, never Winograd (rounding closest to a direct conv)."
    )
    var noWinograd = false

    @Option(
        name: .customLong("winograd-weights"),
        help: ArgumentHelp(
            "Winograd weights stored transformed in the library (stored: 2-4x the direct weights) or transformed by its first session (at-load: a library the size of its weights; docs/deploy.md).",
            valueName: "stored|at-load"))
    var winogradWeights: WinogradWeights = .stored

    @Option(
        name: .customLong("dump-ir-after"),
        help: ArgumentHelp(
            "Print the graph after this pass (or 'import', or 'all') on standard output; repeatable. Passes: \(Compiler.passNames.joined(separator: ", ")).",
            valueName: "pass|all"))
    var dumpIRAfter: [String] = []

    @Flag(
        name: .customLong("all-layers"),
        help:
            "Also return every layer's result, for `cnnc run --all-layers` and `cnnc verify --per-layer` (fusion stays on: layers fused into a kernel are listed, not returned)."
    )
    var allLayers = false

    @OptionGroup var seeded: SeededWeightsOptions

    @OptionGroup var shapes: ShapeOptions

    @OptionGroup var limits: LimitOptions

    @Option(
        name: .customLong("cc-timeout"), parsing: .unconditional,
        help: ArgumentHelp("Stop the C compiler after this many seconds and fail (0: no limit).", valueName: "seconds"))
    var ccTimeout: Double = 3600

    @Option(
        name: .shortAndLong,
        help: ArgumentHelp(
            "C compiler processes to run at once (default: one per processor); a large model's C is split into translation units compiled in parallel. 1: one unit, one process.",
            valueName: "n"))
    var jobs: Int?

    @Flag(name: .long, help: "Print how long each stage took (reading, each pass, codegen, the C compiler, the link) on standard error.")
    var time = false

    @Flag(name: .shortAndLong, help: "Print nothing on success, not even progress (--time still prints its table).")
    var quiet = false

    func validate() throws {
        guard ccTimeout >= 0, ccTimeout.isFinite else {
            throw ValidationError("expected --cc-timeout of at least 0 seconds, got \(ccTimeout)")
        }
        if let jobs, jobs < 1 { throw ValidationError("expected --jobs of at least 1, got \(jobs)") }
        do { _ = try TargetList.parse(target) } catch let error as ToolchainError { throw ValidationError(error.description) }
    }

    func run() throws {
        // Ctrl-C or a kill removes the temporary files and ends the C compiler (docs/cli.md).
        Cleanup.shared.installSignalHandlers()
        var options = CompileOptions()
        options.compilerTimeLimit = ccTimeout > 0 ? ccTimeout : nil
        options.seeded = seeded.value
        options.shapes = try shapes.value()
        options.targets = try TargetList.parse(target)
        options.cc = cc
        options.sysroot = sysroot
        options.limits = try limits.value()
        options.fuse = !noFuse
        options.allLayers = allLayers
        options.winograd = !noWinograd
        options.winogradWeights = winogradWeights
        for name in dumpIRAfter where name != "all" && !Compiler.passNames.contains(name) {
            throw Diagnostic(
                "--dump-ir-after: expected a pass name or 'all' (passes: \(Compiler.passNames.joined(separator: ", "))), got '\(Diagnostic.quoted(name))'"
            )
        }
        if !dumpIRAfter.isEmpty {
            let wanted = Set(dumpIRAfter)
            options.afterPass = { name, graph in
                guard wanted.contains("all") || wanted.contains(name) else { return }
                print("== after \(name)\n" + graph.dump(), terminator: "")
            }
        }
        options.prefix = prefix
        options.headerPath = header
        options.sourcePath = emitC
        options.emit = emit
        options.threads = threadsRuntime
        if let jobs { options.jobs = jobs }
        let progress = Progress(enabled: !quiet && isatty(STDERR_FILENO) != 0)
        let start = DispatchTime.now().uptimeNanoseconds
        let result: CompileResult
        do {
            defer { progress.finish() }
            result = try Compiler.compile(netPath: net, output: output, options: options) { stage in progress.show(stage) }
        }
        if time {
            Diagnostics.note(StageTable.render(result.steps, total: Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9))
        }
    }
}

/// The `--time` table: one line a stage, the passes that took 5 ms or more on their own line.
enum StageTable {
    static func render(_ steps: [StageTime], total: Double) -> String {
        func seconds(_ s: Double) -> String { String(format: "%7.3f s", s) }
        var lines: [String] = []
        for step in steps {
            lines.append(
                "time: \(step.name.padding(toLength: 22, withPad: " ", startingAt: 0))\(seconds(step.seconds))"
                    + (step.note.map { "  (\($0))" } ?? ""))
            let shown = step.parts.filter { $0.seconds >= 0.005 }
            for part in shown {
                lines.append("time:   \(part.name.padding(toLength: 20, withPad: " ", startingAt: 0))\(seconds(part.seconds))")
            }
            if !step.parts.isEmpty, shown.count < step.parts.count {
                let rest = step.parts.filter { $0.seconds < 0.005 }
                lines.append(
                    "time:   \("\(rest.count) other passes".padding(toLength: 20, withPad: " ", startingAt: 0))\(seconds(rest.reduce(0) { $0 + $1.seconds }))"
                )
            }
        }
        lines.append("time: \("total".padding(toLength: 22, withPad: " ", startingAt: 0))\(seconds(total))")
        return lines.joined(separator: "\n") + "\n"
    }
}

/// The stage line on a terminal: rewritten in place, erased at the end.
final class Progress {
    let enabled: Bool
    var start = Date()
    init(enabled: Bool) { self.enabled = enabled }

    func show(_ stage: CompileStage) {
        guard enabled else { return }
        let index = CompileStage.allCases.firstIndex(of: stage).map { $0 + 1 } ?? 0
        Diagnostics.note(
            "\r\u{1B}[2K[\(index)/\(CompileStage.allCases.count)] \(stage.rawValue)... (\(String(format: "%.1f", Date().timeIntervalSince(start))) s)"
        )
    }

    func finish() {
        guard enabled else { return }
        Diagnostics.note("\r\u{1B}[2K")
    }
}
