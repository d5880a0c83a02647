import CNNCodegenC
import CNNCompiler
import CNNIR
import CNNTestSupport
import CNNToolchain
import Foundation
import Testing

/// Kernels that differ only in integer constants share one function with those constants as
/// parameters (`KernelSharing`): a dense block's 1x1 convs, whose input channels grow layer by
/// layer, are written once; the bits do not change.
@Suite struct KernelSharingTests {
    /// A dense block: five layers, each a 1x1 conv (and a 3x3 conv) reading the concatenation of
    /// everything before it, so the 1x1 convs read 32, 48, 64, 80 and 96 channels.
    static func denseBlock() throws -> Graph {
        var f = GraphFixture(inputs: [("x", [32, 14, 14])])
        let relu: [EpilogueStep] = [.activation(Activation(.relu))]
        var last = "x"
        for layer in 1...5 {
            try f.add("b\(layer)", GraphFixture.conv(32, 1, epilogue: relu), [last])
            try f.add("g\(layer)", GraphFixture.conv(16, 3, pad: 1), ["b\(layer)"])
            try f.add("cat\(layer)", .concat(axis: 0), [last, "g\(layer)"])
            last = "cat\(layer)"
        }
        return f.graph
    }

    /// The kernel functions a source defines.
    static func definitions(_ source: String) -> [String] {
        source.split(separator: "\n").filter { $0.hasPrefix("static void k") && $0.hasSuffix("{") }.map(String.init)
    }

    @Test(arguments: [VectorTarget.avx512, .avx2, .sse, .scalar])
    func aDenseBlocksConvsShareFunctions(_ target: VectorTarget) throws {
        let planned = try Compiler.plan(try Self.denseBlock())
        var exact = CodegenOptions(vector: target)
        exact.sharesKernels = false
        let shared = ModelEmitter.emit(planned, options: CodegenOptions(vector: target))
        let unshared = ModelEmitter.emit(planned, options: exact)
        let sharedDefinitions = Self.definitions(shared.source)
        #expect(shared.kernels.count == 15)
        // Without sharing, the 3x3 convs (the same shapes) are one function and every other layer has its own.
        #expect(Self.definitions(unshared.source).count == 11, "\(Self.definitions(unshared.source))")
        // With it, 1x1 convs reading 48 to 96 channels share a function with their channel
        // counts as parameters (which ones depends on the target's kernel kinds and tiles, on
        // whether they pack their input, which AVX2 does from 64 channels, and on whether they are
        // small enough for a one-thread copy of their loops, below 1 MFLOP: 64 channels are, 80
        // are not; the concats keep their own, since their parallel regions' size thresholds differ).
        #expect(sharedDefinitions.count < 11, "\(sharedDefinitions.joined(separator: "\n"))")
        #expect(sharedDefinitions.contains { $0.contains("int64_t lit0") }, "\(sharedDefinitions)")
        #expect(ModelEmitter.emit(planned, options: CodegenOptions(vector: target)).source == shared.source, "deterministic")
    }

    static func input(_ count: Int) -> [Float] { (0..<count).map { Float(($0 * 7919) % 2001) / 1000 - 1 } }

    /// The shared and the unshared library compute the same bits, on the host's target, AVX2
    /// named explicitly and the generic x86-64 target, on 1 and 2 threads.
    @Test(arguments: [TargetCPU.native, .x86_64_v3, .generic])
    func sharedKernelsComputeTheSameBits(_ target: TargetCPU) throws {
        let graph = try Self.denseBlock()
        var options = CompileOptions()
        options.target = target
        var exact = options
        exact.shareKernels = false
        let shared = try CompiledModel(graph: graph, options: options)
        let unshared = try CompiledModel(graph: graph, options: exact)
        #expect(Self.definitions(shared.result.generated.source).count < Self.definitions(unshared.result.generated.source).count)
        let x = Self.input(2 * 32 * 14 * 14)
        for threads in [1, 2] {
            let a = try shared.run([x], batch: 2, threads: threads)[0]
            let b = try unshared.run([x], batch: 2, threads: threads)[0]
            #expect(a.count == 2 * 112 * 14 * 14)
            #expect(a.map(\.bitPattern) == b.map(\.bitPattern))
        }
    }

    static func kernel(_ name: String, _ body: [CStmt]) -> CFunction {
        CFunction(name: name, parameters: [(type: "int64_t", name: "n")], body: [.comment(name)] + body)
    }

    /// The grouping rules on hand-made kernels: a value repeated in several places is one
    /// parameter; prefetch addresses may differ, shuffle indices may not; more columns of
    /// differing values than the limit, or another structure, keep functions apart.
    @Test func groupingRules() {
        func body(_ bound: Int, _ stride: Int, shuffle: Int = 1, prefetch: Int = 64) -> [CStmt] {
            [
                .loop("c", .int(bound), [.assign(.v("x")[.v("c") * .int(stride)], "=", .int(bound))]),
                .expr(.call("__builtin_prefetch", [.v("w") + .int(prefetch), .int(0), .int(2)])),
                .expr(.call("__builtin_shufflevector", [.v("a"), .v("b"), .int(shuffle)])),
            ]
        }
        let a = Self.kernel("ka", body(96, 3))
        let b = Self.kernel("kb", body(128, 3, prefetch: 80))
        let c = Self.kernel("kc", body(160, 5))
        let d = Self.kernel("kd", body(96, 3, shuffle: 2))
        let (kernels, members) = KernelSharing.group([a, b, c, d])
        #expect(kernels.map(\.name) == ["ka", "kd"])
        #expect(kernels[0].parameters.map(\.name) == ["n", "lit0", "lit1", "lit2"])
        #expect(members.map(\.kernel) == [0, 0, 0, 1])
        // Columns: the bound (two places), the stride, the prefetch distance.
        #expect(members[0].arguments == [.int(96), .int(3), .int(64)])
        #expect(members[1].arguments == [.int(128), .int(3), .int(80)])
        #expect(members[2].arguments == [.int(160), .int(5), .int(64)])
        #expect(members[3].arguments.isEmpty)
        let printed = CPrinter.print([.function(kernels[0])])
        #expect(printed.contains("c < lit0") && printed.contains("= lit0;") && printed.contains("c * lit1"))
        #expect(printed.contains("__builtin_prefetch(w + lit2, 0, 2)"))
        // No sharing beyond exact duplicates with no parameters allowed.
        #expect(
            KernelSharing.group([a, b, c, Self.kernel("ke", body(96, 3))], maxParameters: 0).kernels.map(\.name) == ["ka", "kb", "kc"])
    }
}
