import CNNIR

/// Winograd F(4x4,3x3) over 4x4 output tiles of a 3x3, stride-1 conv: "tile Winograd".
///
/// Each tile's 6x6 input window becomes `V = Bᵀ d B`, each filter `U = G g Gᵀ` (at compile
/// time, in double precision; in float as the kernel runs with `transformsWeights`), and the tile is `Aᵀ [Σ_c U ⊙ V] A`: 36 multiplies per 16
/// outputs, against 144 for the direct conv and 72 for row Winograd (`RowWinograd`). The sum
/// over input channels is 36 independent GEMMs, one per transform point ξ:
/// `M[ξ][tile][oc] = Σ_c V[ξ][c][tile] · U[ξ][c][oc]`.
///
/// The layout keeps every step a contiguous vector operation in plain NCHW:
/// - The input transform works on one channel at a time. Down the rows it combines whole
///   padded rows (as row Winograd does), into a plane whose rows are exactly `4 * tilesW`
///   wide, so tile k's window starts at column `4k` of the flattened plane whatever its row;
///   across the rows it reads each tile's six columns at stride 4, vectorised over tiles. The
///   last tile of each row reads two columns past its row, which are kept aside and patched.
/// - The GEMMs put output channels across the lanes (as `ChannelTiling` does): a step loads
///   `ocv` vectors of transformed weights and broadcasts `p` tiles' values, so no lane holds
///   a tile that does not exist, whatever the plane's size.
/// - The output transform is vectorised over channels, adds the bias and transposes each
///   tile's 16 pixel vectors in registers, so the epilogue applies the fused activations and
///   residual add along whole output rows.
///
/// The interpolation points are 0, ±1, ±2 and ∞, as in `RowWinograd`; the error measured on
/// 64-channel sums was the same order as row Winograd's (a few 1e-6 on outputs of order 1).
public struct TileWinograd: Sendable, Hashable {
    public static let m = 4
    public static let alpha = 6
    /// Transform points: alpha x alpha.
    public static let points = 36

    /// The conv's own geometry (output extent, padding), from its direct plan.
    public var conv: ConvTiling
    /// Tiles down and across the output plane.
    public var tilesH: Int, tilesW: Int
    /// Tiles per micro-tile (broadcast values) and vectors of output channels per micro-tile.
    public var p: Int, ocv: Int
    /// Parallel tasks per sample, each a group of whole tile rows (whose transformed input stays
    /// in its thread's L2); the rows are shared as evenly as they divide.
    public var tasks: Int
    /// Tile rows per chunk of a task (whose GEMM results stay in L1 and L2 until the output transform).
    public var chunkRows: Int
    /// Set on small planes (13x13 to 17x17), whose transformed weights would stream from memory
    /// for few tiles: the kernel reads the direct weights (a quarter of the bytes) and
    /// transforms them per block of output channels into L1/L2, `weightChunk` input channels
    /// at a time; the input transform runs first, over channels, and the tasks are the blocks.
    public var transformsWeights = false
    /// Input channels per weight-transform chunk.
    public static let weightChunk = 32

    public var lanes: Int { conv.lanes }
    public var tiles: Int { tilesH * tilesW }
    /// Output channels per block: the transformed weights' packing width.
    public var blockChannels: Int { ocv * lanes }
    public var blocks: Int { (conv.ocg + blockChannels - 1) / blockChannels }
    /// The most tile rows a task takes.
    public var rowsPerTask: Int { (tilesH + tasks - 1) / tasks }
    /// The most tiles a task takes.
    public var tilesPerTask: Int { rowsPerTask * tilesW }
    /// Tiles of one chunk (a whole number of micro-tiles).
    public var chunkTiles: Int { chunkRows * tilesW }
    /// Floats between channels of a task's transformed input: its tiles, rounded up to whole
    /// vectors (the input transform stores whole vectors).
    public var taskStride: Int { (tilesPerTask + lanes - 1) / lanes * lanes }
    /// Floats between transform points of a task's transformed input: one more cache line than
    /// its channels need. The input transform stores to all 36 points at once; at a power-of-two
    /// stride (128 channels x 16 tiles = 8 KB) they all fall in one L1 set, and DenseNet's
    /// 56x56 layer spent 60% of its time there.
    public var pointStride: Int { conv.icg * taskStride + 16 }
    /// Floats of one task's transformed input, `V[ξ][c][taskStride]`.
    public var taskFloats: Int { TileWinograd.points * pointStride }
    /// Scratch floats per sample: every task's transformed input (each in its own slice, so it
    /// stays in the cache of the thread that wrote it).
    public var scratchFloats: Int { tasks * taskFloats }
    /// Width of one row of the vertically transformed plane.
    public var rowWidth: Int { TileWinograd.m * tilesW }

    /// Tile Winograd for the conv `a` when it applies and is expected to beat the row Winograd
    /// and direct kernels, else nil.
    public static func plan(_ a: ConvAttributes, target: VectorTarget, direct: ConvTiling) -> TileWinograd? {
        // Only on FMA targets (8 and 16 lanes): the portable 4-lane target rounds each product of
        // the 2-D transforms separately, which put two golden cases just past their 1e-5 tolerance.
        let th = target.thresholds
        guard target.winograd, target.tileWinograd, target.lanes >= th.tileWinogradMinLanes, a.spatialRank == 2, a.kernel == [3, 3],
            a.stride == [1, 1],
            a.dilation == [1, 1], a.groups == 1, a.epilogue.pool == nil,
            direct.icg >= th.tileWinogradMinInputChannels, direct.ocg >= target.lanes, direct.outH >= m, direct.outW >= m
        else { return nil }
        let tilesH = (direct.outH + m - 1) / m
        let tilesW = (direct.outW + m - 1) / m
        let tiles = tilesH * tilesW
        // The input transform costs about as much per tile and input channel as 32 output
        // channels' GEMM: narrow layers on small planes (DenseNet's 32-channel 3x3 convs on
        // 14x14 and 7x7) ran 1.6-2.3x slower than the direct kernel, on 28x28 and up faster.
        guard direct.ocg >= th.tileWinogradMinOutputChannels || tiles >= th.tileWinogradMinTiles else { return nil }
        // The transformed weights are 4x the direct ones. At batch 1 a layer's weights come from
        // memory (~14 GB/s on one core), which takes 36*4 bytes per weight pair against the row
        // kernel's ~18 flops per pair and pixel at ~280 GFLOP/s: the ratio is ~160 / pixels, so
        // on planes under ~18x18 streaming would take more than half the row kernel's time
        // (ResNet's and GoogLeNet's 14x14 and 7x7 layers lost in the network, though they won
        // alone with their weights in cache). Small weights (under 1 MB) are cheap anywhere.
        // There the kernel transforms the direct weights as it runs instead (`transformsWeights`).
        let weightBytes = points * direct.icg * direct.ocg * 4
        let transformsWeights =
            direct.outH * direct.outW < th.tileWinogradTransformBelowPositions && weightBytes > th.tileWinogradTransformAboveBytes
        var tasks = 1
        var chunkRows = tilesH
        if transformsWeights {
            // Transforming a weight costs about a quarter of its GEMM work at 16 tiles; with
            // fewer tiles (7x7 planes) it would cost more than Winograd saves.
            guard tiles >= th.tileWinogradTransformMinTiles, direct.icg >= th.tileWinogradTransformMinChannels,
                direct.ocg >= th.tileWinogradTransformMinChannels
            else { return nil }
        } else {
            // Each task streams all the transformed weights: from L3 when they fit (VGG-16's 9.4 MB
            // conv3 ran 1.6x faster), from memory when not (its 38 MB conv4_2 ran 1.4x slower).
            guard weightBytes <= th.tileWinogradMaxStreamedBytes else { return nil }
            // A task's transformed input (36 floats per tile and input channel) should stay in L2:
            // at most ~512 KB, in whole tile rows. An even number of tasks shares two threads evenly
            // (each takes the nearest whole number of rows to its share).
            let cap = max(1, th.tileWinogradTaskInputFloats / (points * direct.icg))
            let rowsPerTask = max(1, min(tilesH, cap / tilesW))
            tasks = (tilesH + rowsPerTask - 1) / rowsPerTask
            if tasks % 2 == 1 && tasks < tilesH { tasks += 1 }
            // Chunks of at most ~40 tiles: 36 planes of GEMM results for them are ~200 KB.
            chunkRows = max(1, min((tilesH + tasks - 1) / tasks, th.tileWinogradChunkTiles / tilesW))
        }
        // Output channels across lanes: 2 vectors when they fill them, else 1; and 1 where that
        // allows a micro-tile that keeps the FMA units busier. On 16 registers, 2 vectors allow
        // at most 5 tiles, and the chunks of a 28x28 plane (7 tiles a row, chunks of 3 and 4 rows:
        // 21 and 28 tiles) share no divisor from 2 to 5: ResNet-50's 128-channel 3x3 convs ran
        // 1 tile x 2 vectors, 2 accumulators, at 2.1 ms against 0.8 ms on AVX-512 (the same FMA
        // rate on Zen 4); 7 tiles x 1 vector: see the measurement in docs/architecture.md.
        var (ocv, p, best) = (1, 1, -1.0)
        for vectors in direct.ocg % (2 * target.lanes) == 0 ? [2, 1] : [1] {
            let tile = microTile(tilesH: tilesH, tilesW: tilesW, tasks: tasks, chunkRows: chunkRows, ocv: vectors, target: target)
            if tile.score > best + 1e-9 { (ocv, p, best) = (vectors, tile.p, tile.score) }
        }
        return TileWinograd(
            conv: direct, tilesH: tilesH, tilesW: tilesW, p: p, ocv: ocv, tasks: tasks, chunkRows: chunkRows,
            transformsWeights: transformsWeights)
    }

    /// The tile counts of the chunks (the last task and its last chunk may have fewer rows).
    static func chunkCounts(tilesH: Int, tilesW: Int, tasks: Int, chunkRows: Int) -> Set<Int> {
        Set(
            [tilesH / tasks, (tilesH + tasks - 1) / tasks].flatMap { rows in [min(rows, chunkRows), rows % chunkRows] }.filter { $0 > 0 }
                .map { $0 * tilesW })
    }

    /// The tile counts of the chunks.
    public var chunkCounts: Set<Int> {
        transformsWeights ? [tiles] : TileWinograd.chunkCounts(tilesH: tilesH, tilesW: tilesW, tasks: tasks, chunkRows: chunkRows)
    }

    /// The narrower micro-tiles that end chunks whose tiles `p` does not divide, ascending.
    public var tails: [Int] { Set(chunkCounts.map { $0 % p }).filter { $0 > 0 }.sorted() }

    /// Tiles per micro-tile, with the most useful FMAs per cycle (see `ConvTiling.throughputTile`):
    /// about 20 accumulators keep both FMA units busy, and 8 hide the FMA latency
    /// (`tileWinogradBusyAccumulators`); each step's loads (a vector per `ocv`, a broadcast per
    /// tile) take 1.5 FMAs' time. A divisor of every chunk's tiles, or on targets that allow
    /// tails (`tileWinogradMicroTileTails`) any width up to the smallest chunk, each chunk then
    /// ending with a narrower micro-tile, scored by the time of the chunk's micro-tiles.
    static func microTile(tilesH: Int, tilesW: Int, tasks: Int, chunkRows: Int, ocv: Int, target: VectorTarget) -> (p: Int, score: Double) {
        let th = target.thresholds
        let counts = chunkCounts(tilesH: tilesH, tilesW: tilesW, tasks: tasks, chunkRows: chunkRows)
        let rate: (Int) -> Double = { tiles in
            let fmas = Double(tiles * ocv)
            return fmas / max(fmas, 1.5 * Double(tiles + ocv), Double(th.tileWinogradBusyAccumulators))
        }
        var p = 1
        var best = 0.0
        for candidate in 1...min(counts.min() ?? 1, (target.registers - th.tileWinogradSpareRegisters) / ocv - 1)
        where th.tileWinogradMicroTileTails || counts.allSatisfy({ $0 % candidate == 0 }) {
            // Tiles per unit of time over the chunks' micro-tiles: whole ones, then the tail.
            let time = counts.reduce(0.0) { sum, count in
                let tail = count % candidate
                return sum + Double(count - tail) / rate(candidate) + (tail > 0 ? Double(tail) / rate(tail) : 0)
            }
            let score = Double(counts.reduce(0, +)) / time
            if score > best + 1e-9 { (p, best) = (candidate, score) }
        }
        return (p, best)
    }

    /// Transformed weights `[ξ][block][ic][blockChannels]`, zero past the last channel:
    /// `U[ξ = 6r + s][oc][ic] = Σ_{k,l} G[r][k] · G[s][l] · w[oc][ic][k][l]`, in double precision.
    /// With `transformsWeights`, the direct weights `[block][ic][9][blockChannels]` instead.
    public func pack(_ weight: UnsafeBufferPointer<Float>) -> [Float] {
        let oc = conv.ocg
        let ic = conv.icg
        let bc = blockChannels
        if transformsWeights { return ChannelTiling.packBlocks(weight, oc: oc, ic: ic, taps: 9, blockChannels: bc) }
        let perPoint = blocks * ic * bc
        var out = [Float](repeating: 0, count: TileWinograd.points * perPoint)
        let g = RowWinograd.g
        for o in 0..<oc {
            let (block, lane) = (o / bc, o % bc)
            for c in 0..<ic {
                let base = (o * ic + c) * 9
                // G g: 6 x 3, then (G g) Gᵀ: 6 x 6.
                var left = [[Double]](repeating: [0, 0, 0], count: 6)
                for r in 0..<6 {
                    for l in 0..<3 {
                        var sum = 0.0
                        for k in 0..<3 { sum += g[r][k] * Double(weight[base + k * 3 + l]) }
                        left[r][l] = sum
                    }
                }
                for r in 0..<6 {
                    for s in 0..<6 {
                        var sum = 0.0
                        for l in 0..<3 { sum += left[r][l] * g[s][l] }
                        out[(r * 6 + s) * perPoint + (block * ic + c) * bc + lane] = Float(sum)
                    }
                }
            }
        }
        return out
    }

    /// Biases padded to whole blocks.
    public func packBias(_ bias: [Float]) -> [Float] { ChannelTiling.padBias(bias, blocks: blocks, blockChannels: blockChannels) }
}
