import CNNCodegenC
import CNNCompiler
import CNNFrontend
import CNNIR
import CNNNumPy
import CNNTestSupport
import CNNToolchain
import Foundation
import Testing

/// One case of Tests/Goldens/ops: a description, inputs, and PyTorch's outputs
/// (made by scripts/goldens/make_op_goldens.py, never by cnnc).
struct GoldenCase: CustomTestStringConvertible, Sendable {
    var name: String
    var atol: Float
    var rtol: Float
    var testDescription: String { name }

    var directory: String { TestPaths.repo("Tests/Goldens/ops/\(name)") }
    var net: String { directory + "/net.json" }

    func files(_ prefix: String) -> [String] {
        var out: [String] = []
        while FileManager.default.fileExists(atPath: "\(directory)/\(prefix)\(out.count).npy") {
            out.append("\(directory)/\(prefix)\(out.count).npy")
        }
        return out
    }

    static let all: [GoldenCase] = {
        let url = URL(fileURLWithPath: TestPaths.repo("Tests/Goldens/ops/manifest.json"))
        guard let data = try? Data(contentsOf: url),
            let entries = try? JSONSerialization.jsonObject(with: data) as? [[String: Any]]
        else { return [] }
        return entries.map {
            GoldenCase(
                name: $0["case"] as! String, atol: Float(($0["atol"] as! NSNumber).doubleValue),
                rtol: Float(($0["rtol"] as! NSNumber).doubleValue))
        }
    }()

    /// The Winograd cases that run as tile Winograd on AVX-512: planes of at least 36 tiles
    /// without a fused pool, and one small plane with large weights (which the kernel
    /// transforms as it runs); the smaller ones stay row Winograd, which the others test.
    /// The named case's only conv, planned for `target`.
    static func convPlan(_ name: String, target: VectorTarget) throws -> ConvKernelPlan {
        let c = try #require(all.first { $0.name == name }, "\(name)")
        let planned = try Compiler.plan(try Compiler.load(c.net))
        let conv = try #require(planned.graph.nodes.first { if case .conv = $0.op { return true } else { return false } })
        return try #require(KernelSelection.convPlan(conv, in: planned.graph, target: target))
    }

    /// The named case's conv's position-tile kernel on `target` (it must run as one).
    static func positionTiles(_ name: String, target: VectorTarget) throws -> PositionTileKernel {
        try #require(try convPlan(name, target: target).positionTileKernel, "\(name) should run as position tiles, lanes \(target.lanes)")
    }

    static let tileWinogradCases = [
        "conv3x3_winograd_uneven_tasks", "conv3x3_winograd_32x32_balanced", "conv3x3_winograd_chunks",
        "conv3x3_winograd_tile_edges", "conv3x3_winograd_tile_narrow_block", "conv3x3_winograd_tile_chunks",
        "conv3x3_winograd_tile_bn_residual", "conv3x3_winograd_tile_weights_at_run_time",
    ]
}

@Suite struct OpGoldenTests {
    @Test func manifestIsComplete() {
        // Guards against a missing or unreadable manifest silently running zero cases.
        #expect(GoldenCase.all.count >= 140)
    }

    /// Every op and non-default field, compiled and run, against PyTorch.
    @Test(arguments: GoldenCase.all)
    func matchesPyTorch(_ c: GoldenCase) throws {
        let model = try CompiledModel(net: c.net)
        let inputs = try c.files("input").map(loadNPY)
        let expected = try c.files("output").map(loadNPY)
        let batch = inputs[0].shape[0]
        let outputs = try model.run(inputs.map(\.values), batch: batch)
        #expect(outputs.count == expected.count)
        for (k, (actual, want)) in zip(outputs, expected).enumerated() {
            #expect(model.library.outputs[k].shape == Array(want.shape.dropFirst()), "output \(k) shape")
            let mismatch = Mismatch.find(actual, want.values, atol: c.atol, rtol: c.rtol)
            #expect(mismatch == nil, "output \(k): \(mismatch?.description ?? "")")
        }
        // The same bits whatever the thread count, and whatever the chunking of the batch.
        let oneThread = try model.run(inputs.map(\.values), batch: batch, maxBatch: 1, threads: 1)
        #expect(oneThread == outputs, "1 thread with max batch 1 differs from the default run")
    }

    /// The AVX-512 (16-lane, when the host has it), AVX2 (8-lane) and portable (4-lane) code paths
    /// compute the same function as the native one.
    @Test(
        arguments: GoldenCase.all.filter { $0.name.contains("conv") || $0.name.contains("net_") },
        HostCPU.hasAVX512 ? [TargetCPU.x86_64_v4, .x86_64_v3, .generic] : [.x86_64_v3, .generic])
    func otherTargetsMatchPyTorch(_ c: GoldenCase, _ target: TargetCPU) throws {
        var options = CompileOptions()
        options.target = target
        try expectMatch(c, options: options)
    }

    /// On AVX2 the tile-Winograd micro-tiles are 5 tiles x 2 vectors where the output channels
    /// fill them, chunks that 5 does not divide ending with a narrower micro-tile: some golden
    /// case has such tails (and `otherTargetsMatchPyTorch` runs it on x86-64-v3 on every host),
    /// and no micro-tile is wider than the smallest chunk. AVX-512 keeps micro-tiles that divide
    /// every chunk.
    @Test func tileWinogradTailsAreCoveredOnAVX2() throws {
        var tails: [String: [Int]] = [:]
        for c in GoldenCase.all where c.name.hasPrefix("conv3x3_winograd") {
            let planned = try Compiler.plan(try Compiler.load(c.net))
            for node in planned.graph.nodes {
                guard case .conv = node.op else { continue }
                if let w = KernelSelection.convPlan(node, in: planned.graph, target: .avx2)?.winogradTiles {
                    #expect(w.chunkCounts.allSatisfy { $0 >= w.p }, "\(c.name)")
                    if !w.tails.isEmpty { tails[c.name] = w.tails }
                }
                if let w = KernelSelection.convPlan(node, in: planned.graph, target: .avx512)?.winogradTiles {
                    #expect(w.tails.isEmpty, "\(c.name): \(w.p) tiles against chunks of \(w.chunkCounts.sorted())")
                }
            }
        }
        #expect(!tails.isEmpty)
        print("tile-Winograd tails on AVX2: \(tails)")
    }

    /// The Winograd-sized cases run their conv as Winograd on every vector target: tile
    /// Winograd F(4x4,3x3) on the FMA targets where it applies, else row Winograd F(4,3), and
    /// row Winograd when tile Winograd is turned off (so the goldens test both kernels); the
    /// direct kernel when Winograd is turned off.
    @Test(arguments: GoldenCase.all.filter { $0.name.hasPrefix("conv3x3_winograd") })
    func winogradCasesRunAsWinograd(_ c: GoldenCase) throws {
        let planned = try Compiler.plan(try Compiler.load(c.net))
        let convs = planned.graph.nodes.filter { if case .conv = $0.op { return true } else { return false } }
        #expect(convs.count == 1)
        for var target in [VectorTarget.avx512, .avx2, .sse] {
            for node in convs {
                let plan = KernelSelection.convPlan(node, in: planned.graph, target: target)
                #expect(plan?.winogradRows != nil || plan?.winogradTiles != nil, "lanes \(target.lanes)")
                if target.lanes == 4 { #expect(plan?.winogradTiles == nil, "no tile Winograd without FMA") }
                target.tileWinograd = false
                #expect(
                    KernelSelection.convPlan(node, in: planned.graph, target: target)?.winogradRows != nil,
                    "lanes \(target.lanes), rows only")
                target.winograd = false
                let off = KernelSelection.convPlan(node, in: planned.graph, target: target)
                #expect(off?.winogradRows == nil && off?.winogradTiles == nil, "lanes \(target.lanes), off")
            }
        }
    }

    /// The cases that tile Winograd takes on AVX-512 (so the goldens above test it), and the
    /// ones it leaves to row Winograd: a fused pool, and a small plane with large weights.
    @Test func tileWinogradTakesTheCasesItShould() throws {
        var tiled: [String] = []
        for c in GoldenCase.all where c.name.hasPrefix("conv3x3_winograd") {
            let planned = try Compiler.plan(try Compiler.load(c.net))
            let conv = try #require(planned.graph.nodes.first { if case .conv = $0.op { return true } else { return false } })
            guard let tile = KernelSelection.convPlan(conv, in: planned.graph, target: .avx512)?.winogradTiles else { continue }
            tiled.append(c.name)
            #expect(tile.transformsWeights == c.name.hasSuffix("weights_at_run_time"), "\(c.name)")
        }
        #expect(Set(tiled) == Set(GoldenCase.tileWinogradCases), "\(tiled.sorted())")
    }

    /// The cases made to copy their input once per kernel column do so on every vector target
    /// (so the goldens test that layout strided, dilated, 1-D and with a fused pool; many of the
    /// small cases take it too), and its rows then have no padding columns. AlexNet's 5x5 conv on
    /// 27x27 is channel-tiled on AVX2 (`convsWithTapsOntoMidSizedPlanesRunChannelTiledOnAVX2`);
    /// on 31x31 it copies columns there too.
    @Test(arguments: [VectorTarget.avx512, .avx2, .sse])
    func columnCopiesTakeTheCasesMadeForThem(_ target: VectorTarget) throws {
        let cases = [
            "conv5x5_column_copies", "conv5x5_column_copies_31x31", "conv_column_copies_strided_dilated", "conv1d_column_copies",
            "conv5x5_column_copies_maxpool",
        ]
        for name in cases where !(name == "conv5x5_column_copies" && target == .avx2) {
            let tiling = try #require(try GoldenCase.convPlan(name, target: target).tiling, "\(name), lanes \(target.lanes)")
            #expect(tiling.columnCopies && tiling.wq == tiling.outW, "\(name), lanes \(target.lanes)")
        }
    }

    /// The strided cases made for it split their rows into column phases with shuffles (AVX-512
    /// splits rows of at least 16 columns; the others, 8 and 4), a strided 1x1 conv keeping only
    /// the first phase; at least two of them on every vector target. Where one does not, the
    /// target's tiles made another plan win: on AVX2 the 3x3 conv copies its input per kernel
    /// column, on the 4-lane target the 7x7 conv (225 positions) runs as channel tiles.
    @Test(arguments: [
        (VectorTarget.avx512, ["conv3x3_stride2_phase_shuffles", "conv7x7_stride4_phase_shuffles", "conv1x1_stride2_phase_shuffles"]),
        (.avx2, ["conv7x7_stride4_phase_shuffles", "conv1x1_stride2_phase_shuffles"]),
        (.sse, ["conv3x3_stride2_phase_shuffles", "conv1x1_stride2_phase_shuffles"]),
    ])
    func stridedCopiesSplitPhasesWithShuffles(_ target: VectorTarget, _ cases: [String]) throws {
        for name in cases {
            let plan = try GoldenCase.convPlan(name, target: target)
            #expect(plan.positionTileKernel?.tiling.splitsPhasesWithShuffles == true, "\(name), lanes \(target.lanes)")
        }
        if target == .avx2 {
            #expect(try GoldenCase.positionTiles("conv3x3_stride2_phase_shuffles", target: target).tiling.columnCopies)
        }
        if target == .sse, case .channelTiles = try GoldenCase.convPlan("conv7x7_stride4_phase_shuffles", target: target) {
        } else if target == .sse {
            Issue.record("the 7x7 stride-4 case should run as channel tiles on the 4-lane target")
        }
    }

    /// The cases made for it apply their epilogue in registers on every vector target (relu6 as
    /// a clip, leaky relu, a residual add; 1x1 convs, grouped and depthwise, and column copies),
    /// so the goldens test the vector forms against the scalar ones of a partial last tile. Convs
    /// with padding columns, a fused pool (here with column copies, so no padding columns), or an
    /// activation with no vector form keep the scalar epilogue.
    @Test(arguments: [VectorTarget.avx512, .avx2, .sse])
    func epiloguesRunInRegistersWhereTheyCan(_ target: VectorTarget) throws {
        for name in [
            "conv1x1_registers_relu6_tail", "conv1x1_registers_leaky", "conv1x1_registers_bn_residual", "conv1x1_registers_groups",
            "conv1x1_registers_depthwise", "conv5x5_column_copies", "conv5x5_column_copies_31x31",
        ] where !(name == "conv5x5_column_copies" && target == .avx2) {
            let plan = try GoldenCase.convPlan(name, target: target)
            // (On AVX2 the depthwise 1x1 conv runs as depthwise direct, which stores from registers.)
            #expect(
                plan.positionTileKernel?.storesFromRegisters == true || (target == .avx2 && plan.kindName == "depthwise-direct"),
                "\(name), lanes \(target.lanes)")
        }
        // (On AVX2 the 3x3 stride-2 conv copies its input per kernel column, so it has no
        // padding columns and stores from registers too.)
        for name in ["conv3x3_stride2_phase_shuffles", "conv_bn_relu_maxpool"] where !(target == .avx2 && name.hasPrefix("conv3x3")) {
            #expect(try !GoldenCase.positionTiles(name, target: target).storesFromRegisters, "\(name), lanes \(target.lanes)")
        }
        // The same 1x1 conv with log, which has no vector form here (libm's logf), keeps the scalar
        // epilogue; with sigmoid, tanh, SiLU, GELU (both forms), ELU, SELU, CELU, softplus or mish,
        // which call the prelude's vector functions, it stores from registers.
        let c = try #require(GoldenCase.all.first { $0.name == "conv1x1_registers_leaky" })
        let planned = try Compiler.plan(try Compiler.load(c.net))
        let conv = try #require(planned.graph.nodes.first { if case .conv = $0.op { return true } else { return false } })
        func storesFromRegisters(_ act: Activation) throws -> Bool {
            var node = conv
            guard case .conv(var a) = node.op else { return false }
            a.epilogue = [.activation(act)]
            node.op = .conv(a)
            return try #require(KernelSelection.convPlan(node, in: planned.graph, target: target)?.positionTileKernel).storesFromRegisters
        }
        #expect(try storesFromRegisters(Activation(.log)) == false)
        for act in [
            Activation.sigmoid, .tanh, Activation(.silu), Activation(.gelu, [0]), Activation(.gelu, [1]), .elu(alpha: 1),
            Activation(.selu, [1.67, 1.05]), Activation(.celu, [0.5]), Activation(.softplus), Activation(.mish),
        ] {
            #expect(try storesFromRegisters(act), "\(act), lanes \(target.lanes)")
        }
    }

    /// A 5x5 stride-2 depthwise conv (EfficientNet-B0's, MobileNetV3's) runs as depthwise direct
    /// on AVX2 (`ConvThresholds.depthwiseDirectStride2MaxWindow`), which its golden then tests, and
    /// keeps depthwise rows where the target takes no depthwise direct.
    @Test func fiveByFiveStrideTwoDepthwiseRunsDirectOnAVX2() throws {
        let name = "conv_depthwise_direct_5x5_stride2"
        #expect(try GoldenCase.convPlan(name, target: .avx2).kindName == "depthwise-direct")
        #expect(try GoldenCase.convPlan(name, target: .avx512).kindName == "depthwise-rows")
    }

    /// The depthwise cases made for it run each plane in chunks of whole rows on every vector
    /// target: two chunks (60 and 10 rows of 68 positions) for the larger plane, one for the
    /// strided one; a conv with few groups keeps chunks of whole tiles. On AVX2 the two run as
    /// depthwise direct instead, which their goldens then test.
    @Test(arguments: [VectorTarget.avx512, .avx2, .sse])
    func depthwisePlanesRunInChunksOfWholeRows(_ target: VectorTarget) throws {
        if target == .avx2 {
            for name in ["conv_depthwise_row_chunks", "conv_depthwise_stride2_whole_plane"] {
                #expect(try GoldenCase.convPlan(name, target: target).kindName == "depthwise-direct", "\(name)")
            }
        } else {
            let large = try GoldenCase.positionTiles("conv_depthwise_row_chunks", target: target).tiling
            #expect(large.copiesPerGroup && large.wq == 68 && large.chunkRows == 60, "lanes \(target.lanes)")
            let strided = try GoldenCase.positionTiles("conv_depthwise_stride2_whole_plane", target: target).tiling
            #expect(strided.copiesPerGroup && strided.chunkRows == strided.outH, "lanes \(target.lanes)")
            #expect(try GoldenCase.positionTiles("conv2d_depthwise", target: target).tiling.chunkRows == nil, "lanes \(target.lanes)")
        }
    }

    /// Whole rows of those depthwise convs (and of the two made for it: a residual add on rows of
    /// 14, leaky relu on rows of 9) take the vector epilogue on every vector target, so their
    /// goldens test the vectors that run into the next rows and the scalar loop of the plane's
    /// last rows; a conv without whole-row chunks does not. (On AVX2 the stride-1 ones with rows
    /// of a vector or more and no add on part vectors run as depthwise direct.)
    @Test(arguments: [VectorTarget.avx512, .avx2, .sse])
    func depthwiseRowsStoreAsVectors(_ target: VectorTarget) throws {
        for (name, width) in [
            ("conv_depthwise_row_chunks", 66), ("conv_depthwise_stride2_whole_plane", 15),
            ("conv_depthwise_rows_residual", 14), ("conv_depthwise_rows_narrow", 9),
        ] where !(target == .avx2 && [66, 15, 9].contains(width)) {
            let plan = try GoldenCase.positionTiles(name, target: target)
            #expect(
                plan.tiling.outW == width && plan.rowEpilogueVectors == (width + target.lanes - 1) / target.lanes,
                "\(name), lanes \(target.lanes)")
        }
        if target != .avx2 {
            #expect(try GoldenCase.positionTiles("conv2d_depthwise", target: target).rowEpilogueVectors == nil, "lanes \(target.lanes)")
        }
        // A 1-D plane of 20: two vectors of 16 or three of 8 would run past it; five of 4 fill it.
        // (AVX2 runs it as depthwise direct: 3 vectors, the last stored in part.)
        if target == .avx2 {
            #expect(try GoldenCase.convPlan("conv1d_depthwise_rows_short_plane", target: target).kindName == "depthwise-direct")
            return
        }
        let short = try GoldenCase.positionTiles("conv1d_depthwise_rows_short_plane", target: target)
        #expect(short.tiling.chunkRows != nil && short.rowEpilogueVectors == (target.lanes == 4 ? 5 : nil), "lanes \(target.lanes)")
    }

    /// Column copies where they were measured to win, and not where the tile's lanes gain nothing:
    /// AlexNet's 5x5 conv2 on 27x27 takes them; DenseNet's 3x3 convs on 7x7 (a 64-position tile
    /// either way) do not.
    @Test func columnCopiesWhereTheyWin() throws {
        func plan(_ net: String, _ layer: String) throws -> ConvKernelPlan {
            let planned = try Compiler.plan(try Compiler.load(TestPaths.repo("examples/\(net)/net.json"), seeded: SeededWeights(seed: 1)))
            let node = try #require(planned.graph.nodes.first { $0.name == layer }, "\(layer)")
            return try #require(KernelSelection.convPlan(node, in: planned.graph, target: .avx512))
        }
        #expect(try plan("alexnet", "conv2").positionTileKernel?.tiling.columnCopies == true)
        let dense = try plan("densenet121", "features.denseblock4.denselayer1.conv2")
        #expect(dense.positionTileKernel?.tiling.columnCopies == false)
    }

    /// With tile Winograd off, the Winograd cases match through row Winograd.
    @Test(arguments: GoldenCase.all.filter { $0.name.hasPrefix("conv3x3_winograd") })
    func winogradCasesMatchWithRowWinograd(_ c: GoldenCase) throws {
        var options = CompileOptions()
        options.tileWinograd = false
        try expectMatch(c, options: options)
    }

    /// On a 19x19 plane the Winograd GEMM takes the tile that wastes fewest lanes (7 vectors of
    /// positions x 3 channels for 105 wide positions), not the one with the most accumulators
    /// (4 x 6, which computes 128 positions): the golden case above runs that tile.
    @Test func winogradGemmOnASmallPlaneWastesFewLanes() throws {
        let c = try #require(GoldenCase.all.first { $0.name == "conv3x3_winograd_19x19_lean_tile" })
        let planned = try Compiler.plan(try Compiler.load(c.net))
        let conv = try #require(planned.graph.nodes.first { if case .conv = $0.op { return true } else { return false } })
        var rowsOnly = VectorTarget.avx512
        rowsOnly.tileWinograd = false
        let wg = try #require(KernelSelection.convPlan(conv, in: planned.graph, target: rowsOnly)?.winogradRows)
        #expect(wg.gemm.positions == 105)
        #expect(wg.gemm.uv == 7 && wg.gemm.ocb == 3, "uv \(wg.gemm.uv), ocb \(wg.gemm.ocb)")
    }

    /// The small-plane cases run channel-tiled on AVX-512 (so the goldens above test that kernel
    /// wherever the host has AVX-512; other hosts run them through the position-tiled kernel).
    @Test(arguments: GoldenCase.all.filter { $0.name.hasPrefix("conv_small_plane") })
    func smallPlaneCasesRunChannelTiled(_ c: GoldenCase) throws {
        let planned = try Compiler.plan(try Compiler.load(c.net))
        let conv = try #require(planned.graph.nodes.first { if case .conv = $0.op { return true } else { return false } })
        let plan = KernelSelection.convPlan(conv, in: planned.graph, target: .avx512)
        #expect(plan?.channelTiling != nil, "\(String(describing: plan))")
    }

    /// On AVX2 a 3x3 stride-2 conv onto 7x7 (ResNet-18's layer4.0.conv1: 256 -> 512 from 14x14)
    /// runs channel-tiled, where its position tiles ran at about half the FMA peak, in tiles of 5
    /// positions and a tail of 2 per row (`ChannelTiling.rowTails`; 7 x 1 before); the golden
    /// `conv_small_plane_stride2` runs that kernel on the v3 target (`otherTargetsMatchPyTorch`).
    @Test func stridedConvsOntoSmallPlanesRunChannelTiledOnAVX2() throws {
        var f = GraphFixture(name: "strided", inputs: [("x", [256, 14, 14])])
        try f.add("conv", GraphFixture.conv(512, 3, stride: 2, pad: 1, epilogue: [.activation(.relu)]), ["x"])
        let planned = try Compiler.plan(f.graph)
        let conv = try #require(planned.graph.nodes.first { if case .conv = $0.op { return true } else { return false } })
        let tiles = try #require(KernelSelection.convPlan(conv, in: planned.graph, target: .avx2)?.channelTiling)
        #expect(tiles.base.sh == 2 && tiles.taps == 9 && tiles.p == 5 && tiles.rowTail == 2, "\(tiles)")
        #expect(try GoldenCase.convPlan("conv_small_plane_stride2", target: .avx2).channelTiling != nil)
    }

    /// On AVX2 convs with taps take channel tiles on planes of up to 784 positions
    /// (`ConvThresholds.channelTilesMaxPositionsWithTaps`): AlexNet's 5x5 conv2 on 27x27 and
    /// ResNet's 3x3 stride-2 convs onto 28x28; 1x1 convs on 28x28 keep position tiles, and so
    /// does AVX-512. The golden `conv5x5_column_copies` (AlexNet's conv2 plane, with fewer
    /// channels) runs that kernel on the v3 target (`otherTargetsMatchPyTorch`).
    @Test func convsWithTapsOntoMidSizedPlanesRunChannelTiledOnAVX2() throws {
        func plan(_ input: [Int], _ conv: Op, _ target: VectorTarget) throws -> ConvKernelPlan? {
            var f = GraphFixture(name: "mid", inputs: [("x", input)])
            try f.add("conv", conv, ["x"])
            let planned = try Compiler.plan(f.graph)
            let node = try #require(planned.graph.nodes.first { if case .conv = $0.op { return true } else { return false } })
            return KernelSelection.convPlan(node, in: planned.graph, target: target)
        }
        let alexNet = GraphFixture.conv(256, 5, pad: 2, epilogue: [.activation(.relu)])
        #expect(try plan([96, 27, 27], alexNet, .avx2)?.channelTiling != nil)
        #expect(try plan([96, 27, 27], alexNet, .avx512)?.channelTiling == nil)
        let strided = GraphFixture.conv(128, 3, stride: 2, pad: 1, epilogue: [.activation(.relu)])
        #expect(try plan([128, 56, 56], strided, .avx2)?.channelTiling != nil)
        #expect(try plan([256, 28, 28], GraphFixture.conv(128, 1, epilogue: [.activation(.relu)]), .avx2)?.channelTiling == nil)
        // Above the limit (30x30), position tiles.
        #expect(try plan([96, 30, 30], alexNet, .avx2)?.channelTiling == nil)
        #expect(try GoldenCase.convPlan("conv5x5_column_copies", target: .avx2).channelTiling != nil)
    }

    /// A depthwise conv whose rows are whole vectors leaves a math-calling activation (SiLU) to
    /// its store, which runs each row as vectors, on both vector widths (the golden case checks
    /// its values against PyTorch); with a row that would take the store's scalar loop (28x28 in
    /// 8 lanes), or an activation of plain arithmetic (ReLU6), the micro-kernel keeps it.
    @Test(arguments: [VectorTarget.avx512, .avx2])
    func siluDepthwiseRowsRunTheMathInTheirStore(_ target: VectorTarget) throws {
        // Depthwise rows as the targets that do not take depthwise direct plan them (AVX2 runs
        // these convs as depthwise direct).
        var rowsTarget = target
        rowsTarget.thresholds.depthwiseDirectRows = nil
        let golden = try GoldenCase.positionTiles("conv_depthwise_silu_rows_stride2", target: rowsTarget)
        #expect(golden.rowEpilogueVectors != nil && golden.storeRunsVectorMath, "lanes \(target.lanes)")
        // Its input rows' inner vectors are split into phases straight from the input row; only
        // the ends, with the padding, go through `line`.
        let c = try #require(GoldenCase.all.first { $0.name == "conv_depthwise_silu_rows_stride2" })
        let source = ModelEmitter.emit(try Compiler.plan(try Compiler.load(c.net)), options: CodegenOptions(vector: rowsTarget)).source
        let v = "cnnc_v\(target.lanes)"
        #expect(source.contains("((const \(v) *)(in + j * 2))[0]"), "lanes \(target.lanes)")
        #expect(source.contains("((const \(v) *)(line + j * 2))[0]"), "lanes \(target.lanes)")
        func depthwise(side: Int, _ act: Activation) throws -> PositionTileKernel {
            var f = GraphFixture(name: "dw", inputs: [("x", [8, side, side])])
            try f.add("dw", GraphFixture.conv(8, 3, pad: 1, groups: 8, epilogue: [.activation(act)]), ["x"])
            let planned = try Compiler.plan(f.graph)
            let conv = try #require(planned.graph.nodes.first { if case .conv = $0.op { return true } else { return false } })
            return try #require(KernelSelection.convPlan(conv, in: planned.graph, target: rowsTarget)?.positionTileKernel)
        }
        #expect(try depthwise(side: 64, Activation(.silu)).storeRunsVectorMath, "lanes \(target.lanes)")
        #expect(try !depthwise(side: 64, .clip(min: 0, max: 6)).storeRunsVectorMath, "lanes \(target.lanes)")
        let narrow = try depthwise(side: 28, Activation(.silu))
        #expect(narrow.rowEpilogueVectors != nil && !narrow.storeRunsVectorMath, "lanes \(target.lanes)")
    }

    /// 1x1 convs run their channel tiles across row ends, whether they read their input in place
    /// or through the copy (the cases made for it end their tasks in tails of two widths on
    /// AVX-512); convs with more taps keep whole-row tiles.
    @Test(arguments: [VectorTarget.avx512, .avx2])
    func channelTilesRunAcrossRowsInOneByOneConvs(_ target: VectorTarget) throws {
        // (With 8 lanes, 11 positions fill the flat_tails case's 11-wide rows: whole-row tiles, a tie.)
        for name in target == .avx512
            ? ["conv_small_plane_flat_tails", "conv_small_plane_flat_residual"] : ["conv_small_plane_flat_residual"]
        {
            let tiles = try #require(try GoldenCase.convPlan(name, target: target).channelTiling, "\(name), lanes \(target.lanes)")
            #expect(tiles.flat && !tiles.base.copiesInput, "\(name), lanes \(target.lanes)")
            if target == .avx512 {
                #expect(
                    tiles.flatTails.count == 2 && tiles.flatTails.allSatisfy { $0.tail > 0 && $0.tail < tiles.p },
                    "\(name): \(tiles.flatTails)")
            }
        }
        if target == .avx512 {
            let copied = try #require(try GoldenCase.convPlan("conv_small_plane_1x1", target: target).channelTiling)
            #expect(copied.flat && copied.base.copiesInput)
            let strided = try #require(try GoldenCase.convPlan("conv_small_plane_stride2", target: target).channelTiling)
            #expect(!strided.flat && strided.base.outW % strided.p == 0)
        }
    }

    /// With Winograd off, the same cases match through the direct kernel.
    @Test(arguments: GoldenCase.all.filter { $0.name.hasPrefix("conv3x3_winograd") })
    func winogradCasesMatchWithWinogradOff(_ c: GoldenCase) throws {
        var options = CompileOptions()
        options.winograd = false
        try expectMatch(c, options: options)
    }

    /// The unfused pipeline computes the same function: a differential test of every fusion and folding rule.
    @Test(
        arguments: GoldenCase.all.filter {
            ["conv", "batchnorm", "net_", "residual", "add", "dropout", "dead", "chain"].contains(where: $0.name.contains)
        })
    func unfusedMatchesPyTorch(_ c: GoldenCase) throws {
        var options = CompileOptions()
        options.fuse = false
        options.verifyPasses = true
        try expectMatch(c, options: options)
    }

    /// Compiles `c` with `options`, runs its inputs and expects PyTorch's outputs within the case's tolerance.
    func expectMatch(_ c: GoldenCase, options: CompileOptions) throws {
        let model = try CompiledModel(net: c.net, options: options)
        let inputs = try c.files("input").map(loadNPY)
        let expected = try c.files("output").map(loadNPY)
        let outputs = try model.run(inputs.map(\.values), batch: inputs[0].shape[0])
        #expect(outputs.count == expected.count)
        for (k, (actual, want)) in zip(outputs, expected).enumerated() {
            let mismatch = Mismatch.find(actual, want.values, atol: c.atol, rtol: c.rtol)
            #expect(mismatch == nil, "output \(k): \(mismatch?.description ?? "")")
        }
    }
}
