import CNNCodegenC
import CNNCompiler
import CNNIR
import CNNPasses
import CNNTestSupport
import CNNToolchain
import Testing

/// Kernels that split one sample's work among threads, checked against their definition on
/// inputs large enough that the generated code takes the parallel path.
@Suite struct ParallelKernelTests {
    /// A channel concat of two inputs, 65 planes of 32x32 (66,560 floats a sample: above the
    /// threshold, so even one sample is copied by every thread, in 4096-float pieces with a
    /// partial last piece), at 1 and 2 threads and batches 1 and 3.
    @Test func channelConcatCopiesEveryPiece() throws {
        var f = GraphFixture(inputs: [("a", [40, 32, 32]), ("b", [25, 32, 32])])
        try f.add("cat", .concat(axis: 0), ["a", "b"])
        f.outputs(["cat"])
        let model = try CompiledModel(graph: f.graph)
        let (na, nb) = (40 * 32 * 32, 25 * 32 * 32)
        for batch in [1, 3] {
            let a = (0..<(batch * na)).map { Float($0 % 9973) * 0.5 }
            let b = (0..<(batch * nb)).map { -Float($0 % 7919) - 1 }
            var expected: [Float] = []
            for s in 0..<batch {
                expected.append(contentsOf: a[(s * na)..<((s + 1) * na)])
                expected.append(contentsOf: b[(s * nb)..<((s + 1) * nb)])
            }
            for threads in [1, 2] {
                let out = try model.run([a, b], batch: batch, threads: threads)
                #expect(out == [expected], "batch \(batch), \(threads) threads")
            }
        }
    }

    /// Both tile-Winograd kernels (several tasks of tile rows on a 40x40 plane; blocks of output
    /// channels with weights transformed as it runs on a 14x14 plane): the same bits on 1 and 2
    /// threads, and each sample of a batch the same as that sample alone. Reductions are never
    /// split across threads, so nothing may depend on which thread ran which task.
    @Test(arguments: [(64, 64, 40, false), (96, 128, 14, true)])
    func tileWinogradIsTheSameOnAnyThreadCount(ic: Int, oc: Int, side: Int, weightsAtRunTime: Bool) throws {
        var f = GraphFixture(inputs: [("x", [ic, side, side])])
        try f.add("conv", GraphFixture.conv(oc, 3, pad: 1, epilogue: [.activation(.relu)]), ["x"])
        f.outputs(["conv"])
        // The plans by name (host-independent); the runs on AVX2, which every x86-64 host seen has.
        for vector in [VectorTarget.avx512, .avx2] {
            let tile = try #require(
                KernelSelection.convPlan(f.graph.nodes[1], in: f.graph, target: vector)?.winogradTiles,
                "this conv should run as tile Winograd, lanes \(vector.lanes)")
            #expect(tile.transformsWeights == weightsAtRunTime)
            #expect(weightsAtRunTime || tile.tasks > 1)
        }
        try expectSameOnAnyThreadCount(f.graph, plane: ic * side * side, outPlane: oc * side * side, target: .x86_64_v3)
    }

    /// The kernels whose tasks changed shape this session: a 1x1 conv read in place, with channel
    /// tiles across row ends and narrower tail tiles; a depthwise conv with a residual add, whose
    /// whole rows store as vectors running into the rows after them. The same bits on 1 and 2
    /// threads, and each sample of a batch the same as that sample alone.
    @Test func flatChannelTilesAndDepthwiseRowsAreTheSameOnAnyThreadCount() throws {
        let (c, side) = (192, 14)
        var f = GraphFixture(inputs: [("x", [c, side, side])])
        try f.add("pre", .activation(.relu), ["x"])
        try f.add("pw", GraphFixture.conv(144, 1, epilogue: [.activation(.relu)]), ["pre"])
        try f.add(
            "dw", GraphFixture.conv(144, 3, pad: 1, groups: 144, epilogue: [.add(operand: 1), .activation(.clip(min: 0, max: 6))]),
            ["pw", "pw"])
        f.outputs(["dw"])
        // The AVX-512 plan has both forms (checked by name, on any host); the runs are on AVX2.
        let pw = try #require(KernelSelection.convPlan(f.graph.nodes[2], in: f.graph, target: .avx512)?.channelTiling)
        #expect(pw.flat && !pw.flatTails.isEmpty, "\(pw)")
        #expect(KernelSelection.convPlan(f.graph.nodes[3], in: f.graph, target: .avx512)?.positionTileKernel?.rowEpilogueVectors == 1)
        try expectSameOnAnyThreadCount(f.graph, plane: c * side * side, outPlane: 144 * side * side, target: .x86_64_v3)
    }

    /// A 1x1 conv onto 14x14 on AVX2 (120 -> 480 channels: too many for the whole plane in one
    /// pack buffer), which packs its input chunk by chunk with the chunks outermost: its 196
    /// positions in two chunks of 112 and 84 (7 and 6 tiles of 16), where chunks of 128 and 68
    /// left one of two threads 65% of the work (`TiledConvEmitter.positionTileChunks`). The same
    /// bits on 1 and 2 threads, and each sample of a batch the same as that sample alone.
    @Test func positionTileChunksShareTheirTilesEvenly() throws {
        var f = GraphFixture(inputs: [("x", [120, 14, 14])])
        try f.add("conv", GraphFixture.conv(480, 1, epilogue: [.activation(.relu)]), ["x"])
        f.outputs(["conv"])
        let vector = VectorTarget.avx2
        #expect(try #require(KernelSelection.convPlan(f.graph.nodes[1], in: f.graph, target: vector)).positionTileKernel != nil)
        let planned = try Pipeline.run(f.graph) { KernelSelection.scratchFloats($0, in: $1, target: vector) }
        let source = ModelEmitter.emit(planned, options: CodegenOptions(vector: vector)).source
        #expect(source.contains(#/for \(int64_t ch = 0; ch < 2; ch\+\+\) \{\s*for \(int64_t blk = 0/#))
        #expect(source.contains("const int64_t q0 = ch * 112;"))
        try expectSameOnAnyThreadCount(f.graph, plane: 120 * 196, outPlane: 480 * 196, target: .x86_64_v3)
    }

    /// 1x1 convs onto 14x14 on AVX2 whose whole plane fits a pack buffer pack it as one chunk and
    /// share their blocks of channels among the threads (`TiledConvEmitter.packedChunks`),
    /// where chunks of 7 and 6 tiles left one of two threads 54% of the work: 64 -> 384 channels
    /// (MobileNetV2's expand convs: 13 tiles of 16 positions x 64 channels, 13312 floats) in the
    /// usual 16384 floats, 80 -> 480 (EfficientNet-B0's: 16640 floats) only in the larger buffer
    /// of a whole plane, `positionTilePackWholePlaneMaxFloats`, which every whole-plane pack
    /// declares so that such kernels differing in channel counts alone stay one function. The same
    /// bits on 1 and 2 threads, and each sample of a batch the same as that sample alone.
    @Test(arguments: [(64, 384), (80, 480)])
    func aPlaneThatFitsThePackBufferIsOneChunk(inputs: Int, outputs: Int) throws {
        var f = GraphFixture(inputs: [("x", [inputs, 14, 14])])
        try f.add("conv", GraphFixture.conv(outputs, 1, epilogue: [.activation(.relu)]), ["x"])
        f.outputs(["conv"])
        let vector = VectorTarget.avx2
        #expect(try #require(KernelSelection.convPlan(f.graph.nodes[1], in: f.graph, target: vector)).positionTileKernel != nil)
        let planned = try Pipeline.run(f.graph) { KernelSelection.scratchFloats($0, in: $1, target: vector) }
        let source = ModelEmitter.emit(planned, options: CodegenOptions(vector: vector)).source
        let blocks = (outputs + 5) / 6
        let loops = source.firstMatch(of: #/for \(int64_t ch = 0; ch < 1; ch\+\+\) \{\s*for \(int64_t blk = 0; blk < (\d+); blk\+\+\)/#)
        #expect(loops.flatMap { Int($0.output.1) } == blocks)
        #expect(source.contains("const int64_t q1 = cnnc_min(q0 + 208, 196);"))
        #expect(source.contains("float pk[24576] __attribute__((aligned(64)));"))
        try expectSameOnAnyThreadCount(f.graph, plane: inputs * 196, outPlane: outputs * 196, target: .x86_64_v3)
    }

    /// A row-Winograd conv whose plane is one chunk of rows and whose blocks of output channels
    /// split unevenly between two threads (DenseNet-121's 128 -> 32 on 14x14: 6 blocks of 6, the
    /// first 3 holding 18 of the 32 channels) runs as two chunks of rows on AVX2
    /// (`ConvThresholds.rowWinogradSplitAboveShare`); 48 outputs (8 blocks of 6) keep one chunk.
    /// Both give the same bits on 1 and 2 threads and per sample.
    @Test(arguments: [(32, 2), (48, 1)])
    func rowWinogradSplitsUnevenBlocksIntoTwoChunksOfRows(outputs: Int, chunks: Int) throws {
        var f = GraphFixture(inputs: [("x", [128, 14, 14])])
        try f.add("conv", GraphFixture.conv(outputs, 3, pad: 1, epilogue: [.activation(.relu)]), ["x"])
        f.outputs(["conv"])
        let plan = try #require(KernelSelection.convPlan(f.graph.nodes[1], in: f.graph, target: .avx2))
        guard case .rowWinograd(let rows) = plan else {
            Issue.record("\(outputs) outputs: expected row Winograd, got \(plan)")
            return
        }
        #expect(rows.winograd.chunks == chunks)
        #expect(rows.winograd.gemm.blocksPerGroup == (outputs + 5) / 6)
        let standard = try #require(KernelSelection.convPlan(f.graph.nodes[1], in: f.graph, target: .avx512))
        if case .rowWinograd(let wide) = standard { #expect(wide.winograd.chunks == 1) }
        try expectSameOnAnyThreadCount(f.graph, plane: 128 * 196, outPlane: outputs * 196, target: .x86_64_v3)
    }

    /// Runs the one-input, one-output `graph` on a batch of 3 at 1 and 2 threads and expects the
    /// same bits, and each sample the same as that sample alone (`plane`/`outPlane`: floats per
    /// sample of the input and the output).
    func expectSameOnAnyThreadCount(_ graph: Graph, plane: Int, outPlane: Int, target: TargetCPU) throws {
        var options = CompileOptions()
        options.target = target
        let model = try CompiledModel(graph: graph, options: options)
        let x = (0..<(3 * plane)).map { Float(($0 * 7919) % 2003) / 1001.5 - 1 }
        let one = try model.run([x], batch: 3, threads: 1)
        let two = try model.run([x], batch: 3, threads: 2)
        #expect(one == two, "1 and 2 threads")
        for s in 0..<3 {
            let alone = try model.run([Array(x[(s * plane)..<((s + 1) * plane)])], batch: 1, threads: 2)
            #expect(alone[0] == Array(one[0][(s * outPlane)..<((s + 1) * outPlane)]), "sample \(s)")
        }
    }
}
