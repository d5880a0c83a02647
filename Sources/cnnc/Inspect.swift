import ArgumentParser
import CNNCompiler
import CNNIR
import Foundation

/// `cnnc inspect NET`: layers, shapes, parameters, FLOPs and fused kernels.
struct Inspect: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Show each layer's shape, parameters, FLOPs and fused kernel, then totals.")

    @Argument(help: "The network: a description (net.json) or an ONNX model (.onnx).")
    var net: String

    @OptionGroup var seeded: SeededWeightsOptions

    @OptionGroup var shapes: ShapeOptions

    @Flag(name: .customLong("no-fuse"), help: "Show the plan without folding or fusion.")
    var noFuse = false

    func run() throws {
        let graph = try Compiler.load(net, seeded: seeded.value, shapes: try shapes.value())
        var options = CompileOptions()
        options.seeded = seeded.value
        options.shapes = try shapes.value()
        options.fuse = !noFuse
        let planned = try Compiler.plan(graph, options: options)
        let report = InspectReport(graph: graph, planned: planned) { Compiler.convAlgorithm($0, in: planned.graph, options: options) }
        print(report.render(), terminator: "")
    }
}
