import ArgumentParser
import CNNCompiler
import CNNIR
import CNNToolchain
import Foundation

/// `cnnc inspect NET`: layers, shapes, parameters, FLOPs and fused kernels.
struct Inspect: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Show each layer's shape, parameters, FLOPs and fused kernel, then totals.")

    @Argument(help: "The network: a description (net.json) or an ONNX model (.onnx).")
    var net: String

    @OptionGroup var seeded: SeededWeightsOptions

    @OptionGroup var shapes: ShapeOptions

    @OptionGroup var limits: LimitOptions

    @Flag(name: .customLong("no-fuse"), help: "Show the plan without folding or fusion.")
    var noFuse = false

    @Flag(name: .customLong("no-winograd"), help: "Show the plan with every conv on the direct kernel (as compile --no-winograd).")
    var noWinograd = false

    @Option(
        name: .customLong("winograd-weights"),
        help: ArgumentHelp(
            "Count Winograd weights as compile would store them (stored) or transform them at load (at-load).", valueName: "stored|at-load")
    )
    var winogradWeights: WinogradWeights = .stored

    @Option(name: .long, help: "CPU to plan for (as compile --target): native, x86-64-v4, x86-64-v3 or generic.")
    var target: TargetCPU = .native

    func run() throws {
        let graph = try Compiler.load(net, seeded: seeded.value, shapes: try shapes.value(), limits: try limits.value())
        var options = CompileOptions()
        options.limits = try limits.value()
        options.seeded = seeded.value
        options.shapes = try shapes.value()
        options.fuse = !noFuse
        options.winograd = !noWinograd
        options.target = target
        options.winogradWeights = winogradWeights
        let planned = try Compiler.plan(graph, options: options)
        var report = InspectReport(graph: graph, planned: planned) { Compiler.convAlgorithm($0, in: planned.graph, options: options) }
        // The weight blob as compile would store it (codegen without the C compiler).
        (report.weightBytesStored, report.weightBytesAtLoad) = Compiler.weightBytes(planned, options: options)
        print(report.render(), terminator: "")
    }
}
