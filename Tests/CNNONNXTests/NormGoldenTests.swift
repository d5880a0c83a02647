import CNNCompiler
import CNNIR
import CNNNumPy
import CNNONNX
import CNNTestSupport
import Foundation
import Testing

/// Reductions, softmax and log-softmax on any axis, layer / instance / group norm and MatMul on
/// any rank against ONNX Runtime, on the cases of Tests/Goldens/onnx-norm
/// (scripts/goldens/make_norm_goldens.py).
///
/// Tolerance |got - expected| <= 1e-5 + 1e-4 |expected|, as for the other ONNX goldens; a NaN
/// expected must come out as a NaN, and an infinity as the same infinity.
@Suite struct NormGoldenTests {
    static let cases = ONNXCase.load(suite: "onnx-norm")

    @Test func manifestIsComplete() {
        #expect(Self.cases.filter { $0.error == nil }.count >= 120)
        #expect(Self.cases.filter { $0.error != nil }.count >= 10)
        // Every reduction has a NaN case, keepdims both ways, and the axes both as an attribute and as an input.
        for kind in ReduceKind.allCases {
            let prefix = String(kind.onnx.dropFirst(6)).lowercased() + "_"
            let mine = Self.cases.filter { $0.name.hasPrefix(prefix) }
            #expect(mine.contains { $0.name.hasSuffix("_nan") }, "\(kind.onnx) NaN case")
            #expect(mine.contains { $0.name.contains("_k0_") } && mine.contains { $0.name.contains("_k1_") }, "\(kind.onnx) keepdims")
            #expect(Set(mine.map(\.opset)).count >= 2, "\(kind.onnx) axes as attribute and input")
        }
        for op in ["softmax", "logsoftmax", "layernorm", "instancenorm", "groupnorm"] {
            #expect(Self.cases.contains { $0.name.hasPrefix(op + "_") && $0.name.hasSuffix("_nan") }, "\(op) NaN case")
        }
    }

    @Test(arguments: cases.filter { $0.error == nil })
    func matchesONNXRuntime(_ c: ONNXCase) throws {
        let graph = try ONNXImporter.load(path: c.model, shapes: c.shapes)
        let compiled = try CompiledGraph(graph)
        expectEquivalent(graph, compiled.reread)
        // A reduction to one value per sample is [N] in ONNX and [1] per sample here.
        try expectMatchesONNXRuntime(c, compiled, outputShape: { $0.count == 1 ? [1] : Array($0.dropFirst()) })
    }

    @Test(arguments: cases.filter { $0.error != nil })
    func refusesWithTheExpectedError(_ c: ONNXCase) throws {
        try expectRefusedAsTheManifestSays(c)
    }

    /// The ConvNeXt block's Linear layers become linear nodes with their bias folded and GELU
    /// in the first one's epilogue; a spatial ReduceMean stays the global pool.
    @Test func convNeXtBlockFuses() throws {
        let c = try #require(Self.cases.first { $0.name == "convnext_block_channels_last" })
        let graph = try Compiler.plan(try ONNXImporter.load(path: c.model)).graph
        let linears = graph.nodes.filter { if case .dense(let a) = $0.op { return a.lastAxis } else { return false } }
        #expect(linears.count == 2)
        #expect(linears.allSatisfy { $0.params["bias"] != nil })
        #expect(linears.first?.op.epilogue == [.activation(Activation(.gelu, [0]))])
        #expect(
            graph.nodes.contains {
                if case .normalization(let a) = $0.op { return a.kind == .layer(first: 2, last: 2) } else { return false }
            })
        let pool = try #require(Self.cases.first { $0.name == "reducemean_spatial_pool" })
        let pooled = try ONNXImporter.load(path: pool.model)
        #expect(pooled.nodes.contains { $0.op == .globalPool(.average) })
        #expect(!pooled.nodes.contains { if case .reduce = $0.op { return true } else { return false } })
    }

    /// ConvNeXt's block as torchvision exports it (depthwise conv, transpose to channels-last,
    /// layer norm, linear, GELU, linear, transpose back, layer scale, residual add) plans
    /// channels-first: no transpose, the linears as 1x1 convs, GELU in the first one's epilogue,
    /// the layer scale folded into the second one's weights and the residual add in its epilogue.
    @Test func torchvisionConvNeXtBlockRunsChannelsFirst() throws {
        let c = try #require(Self.cases.first { $0.name == "convnext_block_torchvision" })
        let graph = try Compiler.plan(try ONNXImporter.load(path: c.model)).graph
        #expect(graph.nodes.map(\.op.kindName) == ["input", "conv2d", "layernorm", "conv2d", "conv2d"])
        #expect(
            graph.nodes.contains {
                if case .normalization(let a) = $0.op { return a.kind == .layer(first: 0, last: 0) } else { return false }
            })
        let pointwise = graph.nodes.filter { if case .conv(let a) = $0.op { return a.kernel == [1, 1] } else { return false } }
        #expect(pointwise.map(\.op.epilogue) == [[.activation(Activation(.gelu, [0]))], [.add(operand: 1)]])
        #expect(pointwise.map { $0.params["weight"]?.shape } == [[64, 16, 1, 1], [16, 64, 1, 1]])
    }

    /// ConvNeXt's LayerNorm2d as exported (transpose, layer norm over the last axis, transpose
    /// back) plans as one layer norm over the channels: no transpose is left.
    @Test func exportedLayerNorm2dFoldsToChannelsFirst() throws {
        let c = try #require(Self.cases.first { $0.name == "convnext_layernorm2d_exported" })
        let graph = try Compiler.plan(try ONNXImporter.load(path: c.model)).graph
        #expect(graph.nodes.map(\.op.kindName) == ["input", "conv2d", "layernorm"])
        #expect(
            graph.nodes.contains {
                if case .normalization(let a) = $0.op { return a.kind == .layer(first: 0, last: 0) } else { return false }
            })
    }
}
