import CNNCodegenC
import CNNIR
import CNNPasses
import CNNTestSupport
import Testing

/// The conv kernel plans check their invariants when they are made: the plans behind the two
/// buffer overruns the tiled kernels once had cannot be made.
@Suite struct KernelPlanTests {
    /// The plan selection makes for the net's last node.
    func selected(_ f: GraphFixture, target: VectorTarget) throws -> ConvKernelPlan {
        let planned = try Pipeline.run(f.graph) { KernelSelection.scratchFloats($0, in: $1, target: target) }
        let node = try #require(planned.graph.nodes.last)
        return try #require(KernelSelection.convPlan(node, in: planned.graph, target: target))
    }

    /// A 1-D depthwise conv of length 20 on 16 lanes: a row takes two vectors (32 floats), more
    /// than the 20-float plane, so storing each row as vectors would write past the plane.
    @Test func aDepthwiseRowStoredPastItsPlaneIsNoPlan() throws {
        var f = GraphFixture(name: "dw1d", inputs: [("x", [32, 20])])
        try f.add(
            "dw",
            .conv(
                ConvAttributes(
                    filters: 32, kernel: [3], stride: [1], dilation: [1], padding: Padding(begin: [1], end: [1]),
                    groups: 32, hasBias: true, epilogue: [.activation(.relu)])), ["x"])
        guard case .depthwiseRows(let rows) = try selected(f, target: .avx512) else {
            Issue.record("expected a depthwise-row plan")
            return
        }
        #expect(rows.rowVectors == nil)
        #expect(rows.tiling.outH * rows.tiling.outW == 20)
        #expect(throws: KernelPlanError.self) {
            try ConvKernelPlan.DepthwiseRows(attributes: rows.attributes, tiling: rows.tiling, chunkRows: rows.chunkRows, rowVectors: 2)
        }
        // Too few vectors to cover the row is no plan either; chunks must be whole rows of the plane.
        #expect(throws: KernelPlanError.self) {
            try ConvKernelPlan.DepthwiseRows(attributes: rows.attributes, tiling: rows.tiling, chunkRows: 2, rowVectors: nil)
        }
        #expect(throws: Never.self) {
            try ConvKernelPlan.DepthwiseRows(attributes: rows.attributes, tiling: rows.tiling, chunkRows: 1, rowVectors: nil)
        }
    }

    /// Where a row's vectors end within the plane, selection stores rows as vectors.
    @Test func aDepthwiseRowWithinItsPlaneStoresVectors() throws {
        var f = GraphFixture(name: "dw", inputs: [("x", [16, 14, 14])])
        try f.add("dw", GraphFixture.conv(16, 3, pad: 1, groups: 16, epilogue: [.activation(.relu)]), ["x"])
        guard case .depthwiseRows(let rows) = try selected(f, target: .avx512) else {
            Issue.record("expected a depthwise-row plan")
            return
        }
        #expect(rows.rowVectors == 1)
        #expect(throws: KernelPlanError.self) {
            try ConvKernelPlan.DepthwiseRows(attributes: rows.attributes, tiling: rows.tiling, chunkRows: rows.chunkRows, rowVectors: 0)
        }
    }

    /// Depthwise rows are padded to whole vectors where a tile then spans two rows or more and
    /// the pitch grows by at most 15%: 56x56 on 16 lanes gets rows of 64 (58 before), stride 2
    /// onto 14x14 rows of 16 (15); 112x112 (rows of 114: a tile is one row) and 7x7 (9 -> 16)
    /// keep theirs, and so does 56x56 on AVX2, whose 7-vector tile is under two rows of 64.
    @Test func depthwiseRowsArePaddedToWholeVectorsWhereTilesShareRows() throws {
        func pitch(_ input: [Int], stride: Int = 1, target: VectorTarget = .avx512) throws -> Int? {
            var f = GraphFixture(name: "dw", inputs: [("x", input)])
            try f.add("dw", GraphFixture.conv(input[0], 3, stride: stride, pad: 1, groups: input[0]), ["x"])
            guard case .depthwiseRows(let rows) = try selected(f, target: target) else { return nil }
            return rows.tiling.wq
        }
        #expect(try pitch([16, 56, 56]) == 64)
        #expect(try pitch([16, 28, 28], stride: 2) == 16)
        #expect(try pitch([16, 28, 28]) == 32)
        #expect(try pitch([16, 14, 14]) == 16)
        #expect(try pitch([16, 112, 112]) == 114)
        #expect(try pitch([16, 7, 7]) == 9)
        // (AVX2 runs stride-1 depthwise convs as depthwise direct; its depthwise rows, without it:)
        var avx2Rows = VectorTarget.avx2
        avx2Rows.thresholds.depthwiseDirectRows = nil
        #expect(try pitch([16, 56, 56], target: avx2Rows) == 58)
        // The threshold is the target's: no growth allowed, no padding.
        var strict = VectorTarget.avx512
        strict.thresholds.vectorRowsMaxGrowth = 1
        #expect(try pitch([16, 56, 56], target: strict) == 58)
    }

    /// Tile Winograd picks its channel vectors with its micro-tile. On 16 registers 2 vectors
    /// allow at most 5 tiles, which divides neither a 28x28 plane's chunks (7 tiles a row) nor a
    /// 56x56 plane's (14): AVX2 takes 5 tiles x 2 vectors (10 FMAs for 7 loads), each chunk
    /// ending with a narrower micro-tile, where it took 7 x 1 (7 FMAs for 8 loads) while
    /// micro-tiles had to divide every chunk (ResNet-50's 3x3 convs on 56x56 and 28x28 at 1
    /// thread on a Zen 3 core: 7-15% faster, with the smaller tasks of AVX2's 256 KB of
    /// transformed input 14-26%). With 2 registers to spare, 56x56 (chunks of 28 and 14 tiles)
    /// and 14x14 (16 tiles) take 6 x 2, with tails of 4 and 2 tiles. AVX-512 keeps micro-tiles that
    /// divide every chunk: 7 x 2 on 28x28.
    /// A stride-2 depthwise tap takes the even or odd lanes of two vectors within each 128-bit
    /// lane, and one permute per accumulator restores the column order: together, on 4, 8 and 16
    /// lanes, they are the plain deinterleave (column c from input column 2c + parity).
    @Test func strideTwoShufflesAndTheirPermuteAreTheDeinterleave() {
        for lanes in [4, 8, 16] {
            let order = StrideTwoShuffle.order(lanes)
            #expect(Set(order) == Set(0..<lanes), "lanes \(lanes): \(order) is no permutation")
            for parity in [0, 1] {
                let taps = StrideTwoShuffle.lanes(lanes, parity: parity)
                // Each tap index stays within its 128-bit lane of a (0 ..< lanes) or b (lanes ..< 2 lanes).
                #expect(taps.enumerated().allSatisfy { l, i in (i % lanes) / 4 == l / 4 }, "lanes \(lanes): \(taps)")
                #expect(order.map { taps[$0] } == (0..<lanes).map { 2 * $0 + parity }, "lanes \(lanes), parity \(parity)")
            }
        }
        #expect(StrideTwoShuffle.order(4) == [0, 1, 2, 3])
    }

    @Test func tileWinogradChoosesChannelVectorsWithItsMicroTile() throws {
        var f = GraphFixture(name: "w", inputs: [("x", [128, 28, 28])])
        try f.add("c", GraphFixture.conv(128, 3, pad: 1), ["x"])
        let avx2 = try #require(try selected(f, target: .avx2).winogradTiles)
        #expect(avx2.p == 5 && avx2.ocv == 2 && !avx2.tails.isEmpty, "\(avx2.p) x \(avx2.ocv), tails \(avx2.tails)")
        let avx512 = try #require(try selected(f, target: .avx512).winogradTiles)
        #expect(avx512.p == 7 && avx512.ocv == 2 && avx512.tails.isEmpty)
        var wide = GraphFixture(name: "w", inputs: [("x", [64, 56, 56])])
        try wide.add("c", GraphFixture.conv(64, 3, pad: 1), ["x"])
        let wideAVX2 = try #require(try selected(wide, target: .avx2).winogradTiles)
        #expect(
            wideAVX2.p == 6 && wideAVX2.ocv == 2 && wideAVX2.tails == [2, 4], "\(wideAVX2.p) x \(wideAVX2.ocv), tails \(wideAVX2.tails)")
        var small = GraphFixture(name: "w", inputs: [("x", [256, 14, 14])])
        try small.add("c", GraphFixture.conv(256, 3, pad: 1), ["x"])
        let smallAVX2 = try #require(try selected(small, target: .avx2).winogradTiles)
        #expect(
            smallAVX2.p == 6 && smallAVX2.ocv == 2 && smallAVX2.tails == [4], "\(smallAVX2.p) x \(smallAVX2.ocv), tails \(smallAVX2.tails)")
        // AVX2's tasks hold at most 256 KB of transformed input: 2 tile rows of 64 channels.
        #expect(wideAVX2.rowsPerTask == 2 && wideAVX2.tasks == 8, "\(wideAVX2.tasks) tasks of \(wideAVX2.rowsPerTask) rows")
        let wideAVX512 = try #require(try selected(wide, target: .avx512).winogradTiles)
        #expect(wideAVX512.ocv == 2 && wideAVX512.p * wideAVX512.ocv >= 14 && wideAVX512.tails.isEmpty)
    }

    /// AVX2 ranks 1x1 channel tiles by their cycles per chunk of positions. On 14x14 it takes 6
    /// positions x 2 vectors (12 accumulators, 15 registers with the weights and a broadcast); on
    /// 7x7, where 6 would end each task with a 1-position tile whose 2 accumulators wait on the
    /// FMA latency, 5 x 2. AVX-512 keeps ranking by accumulators: 13 x 2 on 14x14.
    @Test func avx2ChannelTilesAreRankedByCycles() throws {
        func tiles(side: Int, target: VectorTarget) throws -> ChannelTiling {
            var f = GraphFixture(name: "pw", inputs: [("x", [512, side, side])])
            try f.add("pw", GraphFixture.conv(256, 1), ["x"])
            return try #require(try selected(f, target: target).channelTiling, "\(side)x\(side)")
        }
        let wide = try tiles(side: 14, target: .avx2)
        #expect(wide.flat && wide.p == 6 && wide.ocv == 2, "\(wide.p) x \(wide.ocv)")
        let small = try tiles(side: 7, target: .avx2)
        #expect(small.flat && small.p == 5 && small.ocv == 2, "\(small.p) x \(small.ocv)")
        let avx512 = try tiles(side: 14, target: .avx512)
        #expect(avx512.p == 13 && avx512.ocv == 2, "\(avx512.p) x \(avx512.ocv)")
    }

    /// Channel tiles across rows: with two task sizes (4 and 2 rows of 14), each task size has its
    /// own tail tile; the 4-row tasks' tail run in a 2-row task (the overrun fixed in 3e96657)
    /// is no plan.
    @Test func aTailTileRunPastItsTasksRowsIsNoPlan() throws {
        var f = GraphFixture(name: "pw", inputs: [("x", [256, 14, 14])])
        try f.add("pre", .activation(.relu), ["x"])
        try f.add("pw", GraphFixture.conv(256, 1), ["pre"])
        guard case .channelTiles(let tiles) = try selected(f, target: .avx512) else {
            Issue.record("expected a channel-tile plan")
            return
        }
        var channels = tiles.channels
        #expect(channels.flat && channels.p == 13)
        // Fewer output channels: two blocks of 32, so the rows are shared among tasks of 4 and 2 rows.
        channels.base.ocg = 64
        #expect(channels.taskRows == [4, 2])
        let made = try ConvKernelPlan.ChannelTiles(attributes: tiles.attributes, channels: channels)
        #expect(made.tails == [.init(rows: 4, start: 52, width: 4), .init(rows: 2, start: 26, width: 2)])
        #expect(throws: KernelPlanError.self) {
            try ConvKernelPlan.ChannelTiles(attributes: tiles.attributes, channels: channels, tails: [.init(rows: 2, start: 52, width: 4)])
        }
        #expect(throws: KernelPlanError.self) {
            try ConvKernelPlan.ChannelTiles(attributes: tiles.attributes, channels: channels, tails: [.init(rows: 5, start: 57, width: 13)])
        }
        #expect(throws: KernelPlanError.self) {
            try ConvKernelPlan.ChannelTiles(
                attributes: tiles.attributes, channels: channels,
                tails: [.init(rows: 4, start: 52, width: 4), .init(rows: 4, start: 52, width: 4)])
        }
    }

    /// Tiles across rows only for 1x1 convs, whose rows have no padding columns; whole-row tiles
    /// divide the row.
    @Test func channelTilesAcrossPaddedRowsAreNoPlan() throws {
        var f = GraphFixture(name: "c3", inputs: [("x", [128, 7, 7])])
        try f.add("pre", .activation(.relu), ["x"])
        try f.add("c", GraphFixture.conv(64, 3, stride: 2, pad: 1), ["pre"])
        guard case .channelTiles(let tiles) = try selected(f, target: .avx512) else {
            Issue.record("expected a channel-tile plan")
            return
        }
        #expect(!tiles.channels.flat && tiles.tails.isEmpty)
        var across = tiles.channels
        across.flat = true
        #expect(throws: KernelPlanError.self) { try ConvKernelPlan.ChannelTiles(attributes: tiles.attributes, channels: across) }
        var ragged = tiles.channels
        ragged.p = 3
        #expect(throws: KernelPlanError.self) { try ConvKernelPlan.ChannelTiles(attributes: tiles.attributes, channels: ragged) }
    }

    /// An up-convolution's phases must split its channels; a plan error names the kernel and
    /// what it expected.
    @Test func pixelShufflePhasesMustSplitTheChannels() throws {
        var f = GraphFixture(name: "up", inputs: [("x", [8, 4, 4])])
        try f.add("pre", .activation(.relu), ["x"])
        try f.add(
            "up",
            .convTranspose(
                ConvTransposeAttributes(
                    filters: 4, kernel: [2, 2], stride: [2, 2], dilation: [1, 1], padding: [0, 0, 0, 0],
                    outputPadding: [0, 0], groups: 1, hasBias: true)), ["pre"])
        guard case .pixelShuffle(let up) = try selected(f, target: .avx2) else {
            Issue.record("expected a pixel-shuffle plan")
            return
        }
        #expect(up.phases == [2, 2] && up.tiling.ocg == 16)
        do {
            _ = try ConvKernelPlan.PixelShuffle(attributes: up.attributes, tiling: up.tiling, phases: [3, 2])
            Issue.record("a pixel-shuffle plan with 16 channels in 6 phases was made")
        } catch let error as KernelPlanError {
            #expect(error.description == "pixel-shuffle plan: expected output channels a multiple of the 6 phases, got 16")
        }
        #expect(throws: KernelPlanError.self) {
            try ConvKernelPlan.PixelShuffle(attributes: up.attributes, tiling: up.tiling, phases: [1, 1])
        }
    }

    /// Memory planning's scratch query is the plan's.
    @Test func scratchIsThePlans() throws {
        var f = GraphFixture(name: "c", inputs: [("x", [16, 12, 12])])
        try f.add("c", GraphFixture.conv(16, 3, pad: 1), ["x"])
        let planned = try Pipeline.run(f.graph) { KernelSelection.scratchFloats($0, in: $1, target: .avx2) }
        let node = planned.graph.nodes[1]
        let plan = try #require(KernelSelection.convPlan(node, in: planned.graph, target: .avx2))
        #expect(plan.scratchFloats > 0)
        #expect(KernelSelection.scratchFloats(node, in: planned.graph, target: .avx2) == plan.scratchFloats)
        #expect(KernelSelection.convPlan(planned.graph.nodes[1], in: planned.graph, target: .scalar) == .direct)
    }

    /// A target tuned apart gets its own `ConvThresholds` and keeps the chain: raising a kind's
    /// threshold on a target moves a conv to the next kind in the chain on that target.
    @Test func aTargetsOwnThresholdsSteerTheChain() throws {
        func plan(_ f: GraphFixture, _ tune: (inout ConvThresholds) -> Void = { _ in }) throws -> ConvKernelPlan {
            var target = VectorTarget.avx512
            tune(&target.thresholds)
            return try selected(f, target: target)
        }
        // 3x3 on 40x40, 64 channels: tile Winograd; row Winograd with more input channels asked
        // of tile Winograd; position tiles with more asked of both.
        var wide = GraphFixture(name: "w", inputs: [("x", [64, 40, 40])])
        try wide.add("c", GraphFixture.conv(64, 3, pad: 1), ["x"])
        #expect(try plan(wide).kindName == "tile-winograd")
        #expect(try plan(wide) { $0.tileWinogradMinInputChannels = 128 }.kindName == "row-winograd")
        let neither = try plan(wide) {
            $0.tileWinogradMinInputChannels = 128
            $0.rowWinogradMinChannels = 128
        }
        #expect(neither.kindName == "position-tiles")
        // 1x1 on 7x7, 256 channels: channel tiles; position tiles when the target allows channel
        // tiles only on planes of at most 32 positions.
        var small = GraphFixture(name: "s", inputs: [("x", [256, 7, 7])])
        try small.add("c", GraphFixture.conv(256, 1), ["x"])
        #expect(try plan(small).kindName == "channel-tiles")
        #expect(try plan(small) { $0.channelTilesMaxPositions = 32 }.kindName == "position-tiles")
        // 5x5 on 27x27 (AlexNet's conv2): column copies, and none where the target caps their bytes.
        var five = GraphFixture(name: "f", inputs: [("x", [64, 27, 27])])
        try five.add("c", GraphFixture.conv(192, 5, pad: 2), ["x"])
        #expect(try plan(five).positionTileKernel?.tiling.columnCopies == true)
        #expect(try plan(five) { $0.columnCopiesMaxBytes = 0 }.positionTileKernel?.tiling.columnCopies == false)
    }

    /// On AVX2, depthwise convs with rows of a vector or more run straight from their input
    /// (depthwise direct, tiles of 4 rows x 2 vectors, 8 rows where a row is one vector),
    /// stride-2 ones with 3x3 and 5x5 windows too; stride-2 7x7 ones and a fused add on rows of
    /// part vectors keep depthwise rows, as every conv does on the targets that do not take the plan.
    @Test func depthwiseConvsRunDirectOnAVX2() throws {
        func plan(
            _ input: [Int], kernel: Int = 3, stride: Int = 1, add: Bool = false, target: VectorTarget = .avx2
        ) throws
            -> ConvKernelPlan
        {
            var f = GraphFixture(name: "dw", inputs: [("x", input)])
            let c = input[0]
            try f.add("dw", GraphFixture.conv(c, kernel, stride: stride, pad: kernel / 2, groups: c), ["x"])
            if add { try f.add("sum", .add(epilogue: []), ["dw", "x"]) }
            return try selected(f, target: target)
        }
        guard case .depthwiseDirect(let direct) = try plan([32, 56, 56]) else {
            Issue.record("expected a depthwise-direct plan")
            return
        }
        #expect(direct.rows == 4 && direct.vectors == 2)
        #expect(direct.conv.outW == 56 && direct.conv.padLeft == 1)
        #expect(try plan([32, 56, 56]).scratchFloats == 0)
        #expect(try plan([16, 14, 14], kernel: 5).kindName == "depthwise-direct")
        #expect(try plan([16, 16, 16], add: true).kindName == "depthwise-direct")
        #expect(try plan([16, 14, 14], add: true).kindName == "depthwise-rows")
        // Rows of one vector (7x7) take tiles of 8 rows.
        guard case .depthwiseDirect(let narrow) = try plan([16, 7, 7], kernel: 5) else {
            Issue.record("expected a depthwise-direct plan on 7x7")
            return
        }
        #expect(narrow.rows == 8 && narrow.vectors == 2)
        #expect(try plan([16, 14, 14], kernel: 3, stride: 2).kindName == "depthwise-direct")
        #expect(try plan([32, 56, 56], stride: 2).kindName == "depthwise-direct")
        #expect(try plan([32, 56, 56], kernel: 5, stride: 2).kindName == "depthwise-direct")
        #expect(try plan([32, 56, 56], kernel: 7, stride: 2).kindName == "depthwise-rows")
        #expect(try plan([32, 56, 56], target: .avx512).kindName == "depthwise-rows")
        #expect(try plan([32, 56, 56], target: .sse).kindName == "depthwise-rows")
        // The plan itself refuses what its kernel cannot do.
        func conv(_ change: (inout ConvTiling) -> Void) -> ConvTiling {
            var t = direct.conv
            change(&t)
            return t
        }
        var adding = direct.attributes
        adding.epilogue = [.add(operand: 1)]
        let refusals: [(ConvTiling, ConvAttributes, String)] = [
            (conv { $0.sw = 2 }, direct.attributes, "depthwise-direct plan: expected stride 1 or 2 and dilation 1"),
            (conv { ($0.sh, $0.sw, $0.inW) = (2, 2, 7) }, direct.attributes, "depthwise-direct plan: expected vectors"),
            (conv { ($0.kw, $0.padLeft) = (19, 9) }, direct.attributes, "depthwise-direct plan: expected column taps"),
            (conv { $0.outW = 60 }, adding, "depthwise-direct plan: expected no fused add"),
        ]
        for (conv, attributes, message) in refusals {
            do {
                _ = try ConvKernelPlan.DepthwiseDirect(attributes: attributes, conv: conv, rows: 4, vectors: 2)
                Issue.record("made: \(message)")
            } catch let error as KernelPlanError {
                #expect(error.description.hasPrefix(message), "\(error)")
            }
        }
        #expect(throws: KernelPlanError.self) {
            try ConvKernelPlan.DepthwiseDirect(attributes: direct.attributes, conv: direct.conv, rows: 0, vectors: 2)
        }
    }
}
