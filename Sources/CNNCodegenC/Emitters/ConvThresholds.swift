/// The numbers conv kernel selection decides by (`KernelSelection.convPlan`'s priority chain:
/// tile Winograd, row Winograd, channel tiles, column copies), named in one place per vector
/// target (`VectorTarget.thresholds`). Each is a measured crossover; the comment where a plan
/// reads it says what was measured. Every target uses `standard` but AVX2 (`avx2`): a target tuned
/// apart gets its own value here and keeps the chain as it is.
public struct ConvThresholds: Sendable, Hashable {
    // Tile Winograd F(4x4,3x3) (`TileWinograd.plan`).
    /// Fewest lanes: the 4-lane targets round the 2-D transforms' products separately.
    public var tileWinogradMinLanes = 8
    /// Fewest input channels (the transforms' cost per channel is amortised over them).
    public var tileWinogradMinInputChannels = 16
    /// Narrow layers need at least this many output channels or `tileWinogradMinTiles` tiles.
    public var tileWinogradMinOutputChannels = 64
    public var tileWinogradMinTiles = 36
    /// Weights transformed as the kernel runs on planes under this many positions whose
    /// transformed weights exceed `tileWinogradTransformAboveBytes`.
    public var tileWinogradTransformBelowPositions = 320
    public var tileWinogradTransformAboveBytes = 1 << 20
    /// Transforming weights as it runs needs at least this many tiles and channels (in and out).
    public var tileWinogradTransformMinTiles = 16
    public var tileWinogradTransformMinChannels = 64
    /// Most transformed-weight bytes each task streams (from L3) when they are transformed ahead.
    public var tileWinogradMaxStreamedBytes = 12 << 20
    /// Most floats of a task's transformed input (about 512 KB, L2).
    public var tileWinogradTaskInputFloats = 131_072
    /// Most tiles per chunk of a task (36 planes of GEMM results for them, about 200 KB).
    public var tileWinogradChunkTiles = 40
    /// Registers a micro-tile leaves free beyond its accumulators and weight vectors.
    public var tileWinogradSpareRegisters = 4
    /// Accumulators the tile-Winograd micro-tile's score takes as keeping the FMA units busy.
    public var tileWinogradBusyAccumulators = 20
    /// Whether a tile-Winograd micro-tile may leave a narrower one at the end of a chunk.
    public var tileWinogradMicroTileTails = false

    // Winograd GEMM tiles (`ConvTiling.throughputTile`, the tile-Winograd micro-tile).
    /// Accumulators that keep both FMA units busy: more do not go faster.
    public var busyAccumulators = 20

    // Row Winograd F(4,3) (`RowWinograd.plan`).
    /// Fewest input and output channels.
    public var rowWinogradMinChannels = 16
    /// Most wide positions per task.
    public var rowWinogradTaskPositions = 256
    /// A plane of one chunk of rows whose first half of blocks of output channels holds more
    /// than this share of them runs as two chunks of rows (`RowWinograd.plan`); nil: never.
    public var rowWinogradSplitAboveShare: Double? = nil
    /// Winograd's vector steps must be at most this share of the direct kernel's.
    public var rowWinogradMaxStepShare = 0.8
    /// The GEMM takes the throughput tile when its lanes do at least this much more real work.
    public var leanTileMinGain = 1.1

    // Channel tiles (`ChannelTiling.plan`).
    /// Most output positions of the plane.
    public var channelTilesMaxPositions = 256
    /// Most output positions of the plane of a conv with more than one tap; nil: as
    /// `channelTilesMaxPositions`. On AVX2, 784 (28x28): position tiles of a 5x5 conv on 27x27
    /// (AlexNet's conv2, 27 columns of 8-lane tiles) reached a third of the FMA peak on a Zen 1
    /// core, channel tiles 45%; 3x3 stride-2 convs onto 28x28 (ResNet's) gain a little. 1x1
    /// convs on 28x28 ran slower channel-tiled (1.2-1.4x) and keep the 256.
    public var channelTilesMaxPositionsWithTaps: Int? = nil
    /// Fewest products per output (input channels x taps).
    public var channelTilesMinReduction = 128
    /// Registers a channel tile leaves free beyond its accumulators and weight vectors.
    public var channelTilesSpareRegisters = 4
    /// Whether channel tiles are ranked by their share of the FMA peak alone (useful lanes x
    /// `TileScore.stepEfficiency`, with more FMAs per step only breaking ties) rather than by
    /// their accumulators x that share, which prefers the widest tile even where a narrower one
    /// runs a chunk of positions in fewer cycles.
    public var channelTilesRankByCycles = false
    /// Whether a channel-tile conv whose rows are split among tasks (fewer than 8 blocks of
    /// channels) orders its tasks row group by row group, so that each thread's static share is
    /// a range of rows in every block, rather than block by block (a range of channels in all
    /// rows): the input a thread reads is then the rows it computes, not the whole input.
    public var channelTilesRowsOuter = false
    /// Whether whole-row channel tiles of convs with more than one tap may leave a narrower tile
    /// at each row's end (`ChannelTiling.rowTails`) instead of dividing the row.
    public var channelTilesRowTails = false
    /// The channel tiles' score must beat the position tiles' by this factor.
    public var channelTilesMinGain = 1.1
    /// Weight floats per reduction chunk: a chunk's weights for one block stay in L1 while every
    /// tile of the task accumulates them, next to the input lines those tiles read (one 64-byte
    /// line per channel and kernel row) and the next chunk's weights, prefetched meanwhile.
    /// 4096 (16 KB) on AVX-512, where a block is 32 or more channels; on AVX2 (16-channel
    /// blocks) 4096 meant 256 channels, 16 KB of weights, 16 KB of input lines and 16 KB
    /// prefetched: more than Zen 3's 32 KB L1 (see `avx2`).
    public var channelTilesChunkFloats = 4096
    /// Input bytes (per sample) above which the channel tiles prefetch their input rows a line
    /// ahead (`ChannelTiledConvEmitter.channelInputPrefetch`); nil: never.
    public var channelTileInputPrefetchAboveBytes: Int? = nil
    /// Whether the channel tiles of a conv with more than one tap prefetch at all (the next
    /// chunk's weights, and the input where `channelTileInputPrefetchAboveBytes` says so); 1x1
    /// convs do as those say whatever this is.
    public var channelTilesPrefetchWithTaps = true
    /// The position tiles' score on misaligned planes (not whole vectors, or padding columns).
    public var misalignedPositionShare = 0.8

    // Position tiles (`TiledConvEmitter.positionTileChunks`, `positionTileLoops`).
    /// Most output positions per task of a position-tile conv (whole tiles).
    public var positionTileChunkPositions = 512
    /// Input bytes per group (all its channels' planes, copied or not) above which the tasks run
    /// chunk by chunk, every block of output channels of a chunk of positions before the next
    /// chunk, so that the chunk's input stays in cache across the blocks; at or below it, block
    /// by block, every chunk of one block before the next (each thread then writes whole
    /// channel planes, which the next layer, a depthwise conv, reads on the same core).
    /// `Int.max`: block by block always.
    public var positionTileChunksOuterAboveBytes = Int.max
    /// Whether a strided 1x1 conv (which copies the rows and columns of its input that it reads)
    /// runs chunk by chunk whatever its input's size.
    public var positionTileStrided1x1ChunksOuter = false
    /// Where a position-tile reduction prefetches its input lines (`TiledConvEmitter.inputPrefetch`);
    /// nil: nowhere.
    public var positionTileInputPrefetch: InputPrefetch? = nil
    /// Weight bytes of a position-tile conv above which its reduction prefetches the next
    /// block's weights (0: always).
    public var positionTileWeightPrefetchAboveBytes = 0
    /// Whether a position-tile conv whose epilogue adds a residual in registers prefetches the
    /// tile's residual values before its reduction (`TiledConvEmitter.residualPrefetch`).
    public var positionTileResidualPrefetch = false
    /// Most floats of the stack buffer into which a 1x1 position-tile conv packs each chunk of its
    /// input, tile by tile, so that every reduction step reads one contiguous run instead of a
    /// line per channel row (`TiledConvEmitter.packedChunk`); nil: the reduction reads the
    /// input's rows where they are.
    public var positionTilePackMaxFloats: Int? = nil
    /// Most floats of a packing conv's buffer when it holds the whole plane as one chunk
    /// (`TiledConvEmitter.packedChunks`): larger than `positionTilePackMaxFloats`, for
    /// up to 118 channels of 14x14 planes (EfficientNet-B0's and MobileNetV3's 80 and 112);
    /// nil: that size.
    public var positionTilePackWholePlaneMaxFloats: Int? = nil
    /// Fewest input channels of a conv that packs its chunks.
    public var positionTilePackMinInputChannels = 64
    /// Which packing convs' reductions prefetch the next chunk's input lines
    /// (`TiledConvEmitter.nextChunkPrefetch`); nil: none.
    public var positionTilePackPrefetch: PackPrefetch? = nil
    // Column copies (`ConvTiling.prefersColumnCopies`).
    /// The copies' share of useful lanes must be at least this factor of the phase copy's.
    public var columnCopiesMinGain = 1.08
    /// Most bytes of the copies per sample (L2-sized).
    public var columnCopiesMaxBytes = 2 * 1024 * 1024

    // Depthwise rows padded to whole vectors (`ConvTiling.withVectorRows`).
    /// Most growth of a depthwise conv's row pitch (and so of its positions) to make each row a
    /// whole number of vectors.
    public var vectorRowsMaxGrowth = 1.15

    // Depthwise convs read where they lie (`KernelSelection.depthwiseDirect`).
    /// Output rows per tile of a depthwise conv computed straight from its input
    /// (`ConvKernelPlan.DepthwiseDirect`); nil: such convs copy each plane (depthwise rows).
    public var depthwiseDirectRows: Int? = nil
    /// Vectors of output columns per tile.
    public var depthwiseDirectVectors = 2
    /// Output rows per tile where a row is one vector (7x7 planes on 8 lanes): 4 accumulators
    /// would wait on the FMA latency.
    public var depthwiseDirectOneVectorRows = 8
    /// The widest window of a stride-2 depthwise conv that runs as depthwise direct (its input
    /// columns split into even and odd lanes by shuffles as each tile loads them); 0: none.
    public var depthwiseDirectStride2MaxWindow = 0

    public init() {}

    /// A position-tile reduction's input prefetch: the lines of the channel `rowsAhead` on, in
    /// groups of at least `minChannels` input channels whose input exceeds `aboveBytes`.
    public struct InputPrefetch: Hashable, Sendable {
        public var rowsAhead: Int
        public var minChannels: Int
        public var aboveBytes: Int
    }

    /// A packing conv's next-chunk prefetch: where its input (per sample) exceeds `aboveBytes` and
    /// it has at most `maxBlocks` blocks of output channels per group. With more, the pack is a
    /// small share of a chunk's time, and every block's steps prefetch the same lines again.
    public struct PackPrefetch: Hashable, Sendable {
        public var aboveBytes: Int
        public var maxBlocks: Int
    }

    /// The thresholds of the AVX-512, SSE and NEON targets.
    public static let standard = ConvThresholds()
    /// AVX2: `standard` with 1024-float chunks of channel-tile weights (64 channels of a 16-channel
    /// block: 4 KB of weights and 4 KB of input lines), position tiles chunk by chunk on large
    /// inputs, and channel tiles at a lower gain. Measured on ResNet-50's 1x1 channel-tile
    /// convs on a Zen 3 core (2026-12-06, median ms per kernel, `cnnc bench --layers`, 4096 ->
    /// 1024): 14x14 1024->256 1.68 -> 1.34, 256->1024 1.66 -> 1.21; 7x7 512->2048 1.98 -> 1.18,
    /// 2048->512 2.02 -> 1.23; the stride-2 1024->2048 onto 7x7 3.97 -> 2.44.
    public static let avx2: ConvThresholds = {
        var t = ConvThresholds()
        t.channelTilesChunkFloats = 1024
        // Channel tiles of 6 positions x 2 vectors (12 accumulators, 2 weight vectors and a
        // broadcast: 15 registers) where their cycles per chunk of positions are fewest, 5 x 2
        // where the plane's last tile would be too short (49 positions: 8 tiles and a 1-position
        // tail, whose 2 accumulators wait on the FMA latency). Paired per-kernel runs on a Zen 3
        // core (bench/ab-kernels, 1 thread, 40 rounds, 5 x 2 -> 6 x 2): the 1x1 convs on 14x14 of
        // MobileNetV2 0.88-0.92, ResNet-50 0.92-0.97, ConvNeXt-Tiny 0.98-1.0; on 7x7, where 6 x 2
        // leaves that tail, ResNet-50's 1.04-1.055, ConvNeXt's 1.01-1.025, EfficientNet-B0's
        // 1.03-1.09 (so they keep 5 x 2).
        t.channelTilesSpareRegisters = 2
        t.channelTilesRankByCycles = true
        // Row groups outer: MobileNetV2's 1x1 convs on 14x14 with 4-6 blocks (2 row groups), at 2
        // threads (bench/ab-kernels, Zen 3, 40 rounds, blocks outer -> rows outer): 0.73-0.84;
        // each thread read the whole input, half of it written by the other core's depthwise conv.
        t.channelTilesRowsOuter = true
        // Tile-Winograd micro-tiles scored by their loads as well: 16 registers hold at most 10
        // accumulators (5 tiles x 2 vectors), so the score's floor of 20 made it pick the most
        // FMAs per step, 7 tiles x 1 vector, which loads 8 values for 7 FMAs. With 8 (what the
        // FMA latency needs) and tails where the width does not divide a chunk, ResNet-50's
        // 64-channel 3x3 convs on 56x56 run 5 tiles x 2 vectors (10 FMAs for 7 loads): 4 tiles x
        // 2 vectors there (chunks of 28 tiles, forced for the measurement) took 1.06-1.22 ms
        // against 1.47-1.54 at 1 thread on a Zen 3 core, 0.76-0.79 against 0.83-0.87 at 2.
        t.tileWinogradBusyAccumulators = 8
        // With 2 registers to spare instead of 4, micro-tiles of up to 6 tiles x 2 vectors (12
        // accumulators, 15 registers), which the score takes where a chunk's tail stays wide:
        // 56x56 (chunks of 28 tiles: 4 x 6 and a 4-tile tail; of 14: 2 x 6 and 2) and 14x14 (16
        // tiles: 6, 6 and 4); 28x28 keeps 5 x 2. Paired per-kernel runs on a Zen 3 core
        // (bench/ab-kernels, 1 thread, 40 rounds, 5 or 4 tiles -> 6): ResNet-50's 64-channel 3x3
        // convs on 56x56 0.95-0.975, its 256-channel ones on 14x14 0.93-0.97; GoogLeNet's 64 ->
        // 192 on 56x56 0.93, its 14x14 ones 0.95-1.0.
        t.tileWinogradSpareRegisters = 2
        t.tileWinogradTaskInputFloats = 65_536
        t.tileWinogradMicroTileTails = true
        // Channel tiles also where they score 0.85 of the position tiles: ResNet-50's 3x3 stride-2
        // convs onto 14x14 and 7x7 (7 x 1 tiles, 7 against 7.3) took 4.2 -> 2.7 and 4.5 -> 3.1 ms
        // at 1 thread (4 alternated runs); ResNet-18's two such convs at 2 threads 0.98-1.54 ->
        // 0.69-0.86 ms. No other bench network's plan changes.
        t.channelTilesMinGain = 0.85
        // Inputs larger than Zen 3's 512 KB L2 come from L3 for every block of channels: their
        // rows prefetched a line ahead. ResNet-50's 1x1 convs on 14x14 with 1024 input channels
        // (800 KB), one kernel alone, alternated in one process: 1024 -> 256 1.47-1.53 ->
        // 1.28-1.30 ms, 1024 -> 512 2.90-3.08 -> 2.49-2.67 ms; with 256 channels (200 KB), and on
        // 7x7 with 512 or 2048 (100 and 400 KB), the same or up to 3% slower.
        t.channelTileInputPrefetchAboveBytes = 512 << 10
        // Chunks of 128 positions, chunk by chunk above Zen 3's 512 KB L2: the same core, ResNet-50
        // (median ms per kernel, block by block -> chunk by chunk): 1x1 64->256 on 56x56 1.64 ->
        // 1.44, 3x3 stride 2 128 channels onto 28x28 4.62 -> 4.13, 1x1 stride 2 512->1024 3.32 ->
        // 2.91; the sum of its kernels 103.6 -> 97.8. Not below L2: MobileNetV2's expand convs
        // then write channel planes that the other thread's depthwise conv reads (2 threads 3%
        // slower with every position-tile conv chunk by chunk).
        t.positionTileChunkPositions = 128
        t.positionTileChunksOuterAboveBytes = 512 << 10
        // A strided 1x1 conv's copy below that size as well: block by block, each thread read the
        // whole copy once per block of its share, and RegNetY-400MF's 32 -> 48 projection onto
        // 56x56 (401 KB) gained nothing from a second thread in one run (0.35 ms at one and two
        // threads on a Zen 1 core; chunk by chunk 0.33 and 0.21 ms); in another, its cores handing
        // lines over faster, chunk by chunk took 0.97 / 0.83 of the time at one / two threads.
        t.positionTileStrided1x1ChunksOuter = true
        // Each tile's input rows prefetched 8 channels ahead where the reduction is long and the
        // input exceeds twice the L1, and the next block's weights only where they do not fit in
        // L2 with the input: prefetched as well, L2-resident weights cost load slots. ResNet-50's
        // 1x1 convs, Zen 3, one kernel alone, the variants alternated in one process: 64 -> 256
        // on 56x56 78-81% -> 85-88% of peak, 128 -> 512 on 28x28 75-79% -> 84-92%, 512 -> 256 on
        // 28x28 74-83% -> 87-93%; with the weight prefetch kept, 3% less. MobileNetV2's 64 -> 384
        // convs on 14x14 (50 KB of input) ran 4-6% slower with it, its 32 -> 192 ones on 28x28
        // 2-7% slower, its 96 -> 576 ones on 14x14 (75 KB) the same.
        t.positionTileInputPrefetch = InputPrefetch(rowsAhead: 8, minChannels: 64, aboveBytes: 64 << 10)
        t.positionTileWeightPrefetchAboveBytes = 1 << 20
        t.positionTileResidualPrefetch = true
        // 1x1 convs of 64 or more input channels pack each chunk of input into a 64 KB stack
        // buffer (the most a depthwise conv's plane copy takes): chunks of 64 positions with 256
        // channels, 128 with up to 128 (`TiledConvEmitter.packedChunks` has the figures).
        t.positionTilePackMaxFloats = 16384
        // Beyond half the 512 KB L2, at most 8 blocks (projections to 16-48 channels): figures at
        // `TiledConvEmitter.nextChunkPrefetch` and in docs/architecture.md. From 512 KB, paired on
        // a Zen 1 core (bench/ab-kernels, 15-41 rounds, 1 / 2 threads), the projections from 451
        // KB on 28x28: MobileNetV2's 144 -> 32 1.0 / 0.93-0.94, MobileNetV3-Large's 120 -> 40 1.01
        // / 0.965, EfficientNet-B0's 144 -> 40 1.0 / 0.98-0.99. With 11 blocks (outputs to 64),
        // ResNet-50's 256 -> 64 convs on 56x56 (3.2 MB) took 0.97-0.99 but its 64 -> 64 (800 KB)
        // and GoogLeNet's 64 -> 64 and 192 -> 64 1.006-1.022 at one thread: 8 it stays.
        t.positionTilePackPrefetch = PackPrefetch(aboveBytes: 256 << 10, maxBlocks: 8)
        t.positionTilePackWholePlaneMaxFloats = 24576
        t.channelTilesRowTails = true
        // Paired on a Zen 1 core (bench/ab-kernels, position -> channel tiles, 1 / 2 threads):
        // AlexNet's conv2 0.764 / 0.752 (the network's kernels 0.886 / 0.894), ResNet-18's
        // layer2.0.conv1 0.988 / 0.925, ResNet-50's layer2.0.conv2 0.974, ConvNeXt-Tiny's 2x2
        // stride-2 conv onto 28x28 1.007 / 1.014.
        t.channelTilesMaxPositionsWithTaps = 784
        // Convs with more than one tap read a phase copy or rows that the hardware prefetcher
        // follows, each chunk's weights from L1 for every tile: prefetched as well, the 3x3
        // stride-2 convs lost load slots. Paired on a Zen 1 core (bench/ab-kernels, 15-21 rounds,
        // prefetches -> none, 1 / 2 threads): the 3x3 stride-2 convs onto 28x28 of ResNet-50
        // 0.918-0.942 / 0.947-0.948, of ResNet-18 0.931 / 0.943; onto 14x14 0.932-0.961 /
        // 0.986-0.993, onto 7x7 0.99-1.01; AlexNet's conv2 (5x5) 0.975 / 0.984; ConvNeXt-Tiny's
        // 2x2 stride-2 convs 0.997-1.006. ResNet-50's 1x1 channel tiles keep both: without them
        // 1.01-1.05.
        t.channelTilesPrefetchWithTaps = false
        // Stride-1 depthwise convs straight from their input, in tiles of 4 rows x 2 vectors (8
        // accumulators; each input row's 3 shifted vectors per column vector serve up to 3 output
        // rows). Paired on a Zen 1 core (bench/ab-kernels, depthwise rows -> direct, 1 / 2
        // threads): MobileNetV2's 32 channels on 112x112 0.644 / 0.650, 144 on 56x56 0.515 /
        // 0.554, 192 on 28x28 0.78 / 0.64-0.75, 384 on 14x14 0.93 / 0.61; ConvNeXt-Tiny's 7x7
        // ones on 56x56 0.67-0.70, 28x28 0.76, 14x14 0.73-0.77; on 7x7 planes (rows read in part,
        // tiles of 8 rows) EfficientNet-B0's 5x5 SiLU ones 0.49-0.50 / 0.55-0.64, MobileNetV2's
        // 3x3 ones 0.73 / 0.77.
        t.depthwiseDirectRows = 4
        // A one-chunk row-Winograd plane whose first half of blocks holds 18 of 32 channels (6
        // blocks of 6, the last of 2: DenseNet-121's dense block 3 3x3 convs on 14x14) left one of
        // two threads 56% of the work; in two chunks of rows, paired on a Zen 1 core
        // (bench/ab-kernels, 21 rounds, 1 / 2 threads): those 24 convs 0.99-1.02 / 0.88-0.94, the
        // network's kernels 1.003 / 0.972. No other bench network's plan changes.
        t.rowWinogradSplitAboveShare = 0.55
        // Stride 2 as well: paired on Zen 1 (depthwise rows -> direct, 1 / 2 threads), 3x3 onto
        // 56x56 0.715 / 0.704 (MobileNetV2, 96 channels), 0.755 / 0.755 (MobileNetV3, 64), 0.93 /
        // 0.93 (EfficientNet-B0 with SiLU); onto 28x28 0.826 / 0.762; onto 14x14 0.96-1.01. 5x5
        // ones ran 1.04-1.13 onto 28x28 while each tap took a lane-crossing deinterleave; with
        // the in-lane shuffles (`StrideTwoShuffle`), one thread: EfficientNet-B0's onto 28x28
        // 0.865 and onto 7x7 0.554, MobileNetV3-Large's 0.873 and 0.739.
        t.depthwiseDirectStride2MaxWindow = 5
        return t
    }()
}
