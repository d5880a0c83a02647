import CNNCodegenC
import CNNCompiler
import CNNFrontend
import CNNIR
import CNNTestSupport
import Foundation
import Testing

/// Kernels read their weights through a `wts` argument at offsets relative to it, so layers of
/// the same shapes and fusion share one C function (the repeated blocks of a ResNet stage): less
/// C to compile, the same computation. The goldens (op cases, the zoo's ResNets against ONNX
/// Runtime) check the results; this checks that the sharing happens and is exact.
@Suite struct SharedKernelTests {
    static func definedKernels(_ source: String) -> [String] {
        source.split(separator: "\n").filter { $0.hasPrefix("static void k") }.map {
            String($0.prefix { $0 != "(" }.dropFirst("static void ".count))
        }
    }

    static func calledKernels(_ source: String) -> [String] {
        let calls = source.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter {
            $0.hasPrefix("k") && $0.contains("(n, nt, ")
        }
        return calls.map { String($0.prefix { $0 != "(" }) }
    }

    /// Three convs of one shape with their own weights, then two that differ (channels, kernel).
    static func repeatedBlocks() throws -> Graph {
        var f = GraphFixture(inputs: [("x", [8, 12, 12])])
        let relu: [EpilogueStep] = [.activation(Activation(.relu))]
        try f.add("c1", GraphFixture.conv(8, 3, pad: 1, epilogue: relu), ["x"])
        try f.add("c2", GraphFixture.conv(8, 3, pad: 1, epilogue: relu), ["c1"])
        try f.add("c3", GraphFixture.conv(8, 3, pad: 1, epilogue: relu), ["c2"])
        try f.add("c4", GraphFixture.conv(6, 3, pad: 1, epilogue: relu), ["c3"])
        try f.add("c5", GraphFixture.conv(6, 1), ["c4"])
        return f.graph
    }

    @Test(arguments: [VectorTarget.avx2, .avx512, .sse, .scalar])
    func layersOfOneShapeShareTheirKernel(_ target: VectorTarget) throws {
        let planned = try Compiler.plan(try Self.repeatedBlocks())
        // Exact duplicates only (`KernelSharing` with no parameters): the three convs of one shape.
        var exact = CodegenOptions(vector: target)
        exact.sharesKernels = false
        let model = ModelEmitter.emit(planned, options: exact)
        let defined = Self.definedKernels(model.source)
        #expect(model.kernels.count == 5)
        #expect(defined.count == 3, "\(defined)")
        // With constants as parameters, the 8 -> 6 conv may join them (the direct kernel differs
        // only in its output channel count), never more functions.
        let parameterised = Self.definedKernels(ModelEmitter.emit(planned, options: CodegenOptions(vector: target)).source)
        #expect(parameterised.count <= 3 && parameterised.count >= 2, "\(parameterised)")
        // Every kernel is called (the profiled and the plain call), only defined ones, each
        // with the blob where its own weights start.
        let called = Self.calledKernels(model.source)
        #expect(called.count == 10)
        #expect(Set(called) == Set(defined))
        // (`fixture_weights + 0` prints as `fixture_weights`.)
        let bases = model.source.split(separator: "\n").filter { $0.contains("(n, nt, fixture_weights") }
            .map {
                $0.split(separator: ",")[2].replacingOccurrences(of: "fixture_weights", with: "").replacingOccurrences(of: "+", with: "")
                    .trimmingCharacters(in: .whitespaces)
            }
        #expect(bases.count == 10)
        #expect(Set(bases).count == 5, "\(bases)")
    }

    /// The shared function with each layer's weights computes what each layer's own would: the
    /// same outputs bit for bit as the layers compiled one by one (the last layer's input is the
    /// previous library's output).
    @Test func sharedKernelsComputeWithTheirOwnWeights() throws {
        let graph = try Self.repeatedBlocks()
        let whole = try CompiledModel(graph: graph)
        var x = [Float](repeating: 0, count: 8 * 12 * 12)
        for i in x.indices { x[i] = Float((i * 7919) % 2001) / 1000 - 1 }
        let out = try whole.run([x], batch: 1)[0]
        var value = x
        for node in graph.nodes where node.name != "x" {
            var single = GraphFixture(inputs: [("in", graph.node(node.inputs[0]).shape)])
            try single.add(node.name, node.op, ["in"])
            var g = single.graph
            g.nodes[1].params = node.params
            value = try CompiledModel(graph: g).run([value], batch: 1)[0]
        }
        #expect(out == value)
    }
}
