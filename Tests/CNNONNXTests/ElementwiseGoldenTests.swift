import CNNCodegenC
import CNNCompiler
import CNNIR
import CNNNumPy
import CNNONNX
import CNNTestSupport
import Foundation
import Testing

/// The activations, unary math ops and broadcasting binary ops against ONNX Runtime, on the
/// cases of Tests/Goldens/onnx-elementwise (scripts/goldens/make_elementwise_goldens.py).
///
/// Tolerance |got - expected| <= 1e-5 + 1e-4 |expected|, as for the other ONNX goldens; a NaN
/// expected must come out as a NaN (every new activation propagates NaN, as PyTorch does), and
/// an infinity as the same infinity.
@Suite struct ElementwiseGoldenTests {
    static let cases = ONNXCase.load(suite: "onnx-elementwise")

    @Test func manifestIsComplete() {
        #expect(Self.cases.filter { $0.error == nil }.count >= 60)
        #expect(Self.cases.filter { $0.error != nil }.count >= 3)
        // Every new activation of the ONNX table has a standalone NaN case and a fused conv case.
        for kind in ActivationKind.allCases {
            guard let onnx = kind.facts.onnx, ![.relu, .sigmoid, .tanh, .leakyRelu, .elu].contains(kind) else { continue }
            let prefix = onnx.lowercased()
            #expect(Self.cases.contains { $0.name.hasPrefix(prefix) && $0.name.hasSuffix("_nan") }, "\(onnx) NaN case")
            #expect(Self.cases.contains { $0.name.hasPrefix(prefix) && $0.name.hasSuffix("_conv") }, "\(onnx) conv case")
        }
    }

    @Test(arguments: cases.filter { $0.error == nil })
    func matchesONNXRuntime(_ c: ONNXCase) throws {
        let graph = try ONNXImporter.load(path: c.model, shapes: c.shapes)
        let compiled = try CompiledGraph(graph)
        expectEquivalent(graph, compiled.reread)
        try expectMatchesONNXRuntime(c, compiled)
    }

    /// A squeeze-and-excitation gate is applied by the 1x1 projection that reads the gated tensor
    /// (`FuseInputScale`): no mul kernel is left, the projection reads the gate as its input
    /// scale and computes the Mul's layer too; on each x86 vector width the projection runs as a
    /// kernel that applies the scale (channel tiles or position tiles, never Winograd), every
    /// form occurs among the cases (channel tiles scale the input where it holds fewer floats
    /// than the weights, `ConvKernelPlan.ChannelTiles.scalesInput`, else the weights), and the
    /// SSE form (`generic`) matches ONNX Runtime here on any host, as the native form does in
    /// `matchesONNXRuntime`.
    @Test func seGateScalesTheProjectionsInput() throws {
        var kinds = Set<String>()
        for name in ["se_project_small", "se_project_wide", "se_project_deep", "se_project_plane"] {
            let c = try #require(Self.cases.first { $0.name == name })
            let graph = try ONNXImporter.load(path: c.model, shapes: c.shapes)
            let planned = try Compiler.plan(graph)
            #expect(
                !planned.graph.nodes.contains { if case .binary = $0.op { return true } else { return false } }, "\(name): a mul is left")
            let projection = try #require(
                planned.graph.nodes.first { if case .conv(let a) = $0.op { return a.inputScale != nil } else { return false } }, "\(name)")
            guard case .conv(let a) = projection.op, let k = a.inputScale else { continue }
            let channels = planned.graph.node(projection.inputs[0]).shape[0]
            #expect(planned.graph.node(projection.inputs[k]).shape == [channels, 1, 1], "\(name): the scale operand")
            let mul = try #require(graph.nodes.first { if case .binary = $0.op { return true } else { return false } }, "\(name)")
            #expect(projection.layers.first == mul.name, "\(name): the projection computes the Mul's layer first, got \(projection.layers)")
            for target in [VectorTarget.avx512, .avx2, .sse] {
                let plan = try #require(KernelSelection.convPlan(projection, in: planned.graph, target: target))
                switch plan {
                case .channelTiles(let p): kinds.insert(p.scalesInput ? "channel tiles, scaled input" : "channel tiles, scaled weights")
                case .positionTiles: kinds.insert("position tiles")
                case .direct, .depthwiseRows, .depthwiseDirect, .pixelShuffle, .rowWinograd, .tileWinograd:
                    Issue.record("\(name) on \(target.lanes) lanes: \(plan)")
                }
            }
            var generic = CompileOptions()
            generic.targets = [.generic]
            try expectMatchesONNXRuntime(c, try CompiledGraph(graph, options: generic))
        }
        #expect(kinds == ["channel tiles, scaled input", "channel tiles, scaled weights", "position tiles"])
    }

    /// The kernels the fast paths leave (their values are checked against ONNX Runtime above):
    /// a normalisation's division folds into a padded conv and its subtraction stays (borders),
    /// both fold into an unpadded one, x / 255 folds into a padded one; exported GELU becomes
    /// one gelu in the epilogue of the dense or linear layer before it.
    @Test func fastPathsLeaveTheExpectedKernels() throws {
        func kinds(_ name: String) throws -> [String] {
            let c = try #require(Self.cases.first { $0.name == name })
            let planned = try Compiler.plan(try ONNXImporter.load(path: c.model, shapes: c.shapes))
            return planned.graph.nodes.map { node in
                if case .binary(let a) = node.op { return a.op.name }
                let fused = node.op.epilogue.compactMap { step -> String? in
                    if case .activation(let act) = step { return act.description } else { return nil }
                }
                return ([node.op.kindName] + fused).joined(separator: "+")
            }
        }
        #expect(try kinds("normalize_conv_padded") == ["input", "sub", "conv2d"])
        #expect(try kinds("normalize_conv_valid") == ["input", "conv2d"])
        #expect(try kinds("scale255_conv_padded") == ["input", "conv2d"])
        #expect(try kinds("gelu_exported_gemm") == ["input", "dense+gelu(approximate: 0.0)"])
        #expect(try kinds("gelu_exported_linear") == ["input", "linear+gelu(approximate: 0.0)"])
    }

    @Test(arguments: cases.filter { $0.error != nil })
    func refusesWithTheExpectedError(_ c: ONNXCase) throws {
        try expectRefusedAsTheManifestSays(c)
    }

    /// The fused cases really fuse: the activation runs in the conv's epilogue, and SiLU as exported stays correct.
    @Test func activationsFuseIntoTheConv() throws {
        let c = try #require(Self.cases.first { $0.name == "hardswish_conv" })
        let planned = try Compiler.plan(try ONNXImporter.load(path: c.model))
        let convs = planned.graph.nodes.filter { if case .conv = $0.op { return true } else { return false } }
        #expect(convs.count == 1)
        #expect(convs.first?.op.epilogue == [.activation(Activation(.hardSwish))])
        #expect(!planned.graph.nodes.contains { if case .activation = $0.op { return true } else { return false } })
        // SiLU and old-opset hardswish as PyTorch exports them (Conv, gate, Mul) become one conv with the activation in its epilogue.
        for (name, kind) in [("silu_exported", ActivationKind.silu), ("hardswish_exported_13", .hardSwish)] {
            let exported = try #require(Self.cases.first { $0.name == name })
            let g = try Compiler.plan(try ONNXImporter.load(path: exported.model)).graph
            #expect(g.nodes.count == 2, "\(name)")
            #expect(g.nodes.last?.op.epilogue == [.activation(Activation(kind))], "\(name)")
        }
    }

}
