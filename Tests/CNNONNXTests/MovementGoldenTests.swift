import CNNCompiler
import CNNIR
import CNNNumPy
import CNNONNX
import CNNTestSupport
import Foundation
import Testing

/// Reshape, Transpose, Slice, Split, DepthToSpace, SpaceToDepth and the channel shuffle on
/// tensors computed at run time, against ONNX Runtime, on the cases of
/// Tests/Goldens/onnx-movement (scripts/goldens/make_movement_goldens.py).
///
/// Data movement is exact: the outputs must equal ONNX Runtime's bit for bit except where a
/// conv or batchnorm computes (tolerance |got - expected| <= 1e-5 + 1e-4 |expected|, as for
/// the other ONNX goldens).
@Suite struct MovementGoldenTests {
    static let cases = ONNXCase.load(suite: "onnx-movement")

    @Test func manifestIsComplete() {
        #expect(Self.cases.filter { $0.error == nil }.count >= 30)
        #expect(Self.cases.filter { $0.error != nil }.count >= 6)
        for prefix in [
            "reshape", "squeeze", "transpose", "slice", "split", "depth_to_space", "space_to_depth", "conv_shuffle_conv", "shufflenet_v2",
        ] {
            #expect(Self.cases.contains { $0.name.hasPrefix(prefix) && $0.error == nil }, "\(prefix) case")
        }
    }

    @Test(arguments: cases.filter { $0.error == nil })
    func matchesONNXRuntime(_ c: ONNXCase) throws {
        let graph = try ONNXImporter.load(path: c.model, shapes: c.shapes)
        let compiled = try CompiledGraph(graph)
        expectEquivalent(graph, compiled.reread)
        try expectMatchesONNXRuntime(c, compiled)
    }

    /// Without fusion the shuffles run as reshape, transpose and reshape kernels: the same results.
    @Test(arguments: cases.filter { ["conv_shuffle_conv", "shufflenet_v2_units", "transpose_large_nhwc"].contains($0.name) })
    func matchesWithoutFusionAndOnEveryX86Target(_ c: ONNXCase) throws {
        let graph = try ONNXImporter.load(path: c.model, shapes: c.shapes)
        var options = CompileOptions()
        options.fuse = false
        try expectMatchesONNXRuntime(c, try CompiledGraph(graph, options: options))
        for pick in 0..<2 {
            var options = CompileOptions()
            options.targets = pick == 0 ? [.generic] : [.x86_64_v3]
            try expectMatchesONNXRuntime(c, try CompiledGraph(graph, options: options), threads: 2)
        }
    }

    @Test(arguments: cases.filter { $0.error != nil })
    func refusesWithTheExpectedError(_ c: ONNXCase) throws {
        try expectRefusedAsTheManifestSays(c)
    }

    /// The shuffles as exported (reshape, transpose, reshape) become one channel_shuffle each,
    /// or nothing when an ungrouped conv reads the shuffle (its input channels are permuted).
    @Test func shufflesBecomeOneOp() throws {
        for (name, count, groups) in [("conv_shuffle_conv", 0, 3), ("shufflenet_v2_units", 2, 2)] {
            let c = try #require(Self.cases.first { $0.name == name })
            let imported = try ONNXImporter.load(path: c.model)
            let planned = try Compiler.plan(imported).graph
            let shuffles = planned.nodes.filter { $0.op == .movement(.channelShuffle(groups: groups)) }
            #expect(shuffles.count == count, "\(name)")
            #expect(!planned.nodes.contains { if case .movement(.transpose) = $0.op { return true } else { return false } }, "\(name)")
            #expect(!planned.nodes.contains { if case .movement(.reshape) = $0.op { return true } else { return false } }, "\(name)")
        }
        let c = try #require(Self.cases.first { $0.name == "conv_shuffle_conv" })
        let planned = try Compiler.plan(try ONNXImporter.load(path: c.model)).graph
        #expect(planned.nodes.map(\.op.kindName) == ["input", "conv2d", "conv2d"])
    }
}
