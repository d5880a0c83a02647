import CNNIR

/// The register-tiled conv with output channels across the vector lanes, for small planes.
///
/// `ConvTiling` puts output positions across the lanes, which wastes lanes when a plane is
/// small: a 7x7 plane is 49 positions in 64 lanes, read at addresses that are not vector
/// aligned. Here a tile is `p` output positions of one row x `ocv` vectors of output
/// channels: each step loads `ocv` weight vectors (packed `[block][ic][tap][ocv*lanes]`,
/// aligned) and broadcasts `p` input values, for p*ocv FMAs. `p` divides the row (or the
/// tiles run across rows, `flat`), so no lane computes a position that does not exist; the
/// only waste is a narrower last block of channels, padded with zero weights. The input is
/// read through the same padded, phase-split copy as `ConvTiling` (or in place, for unpadded
/// stride-1 1x1 convs).
public struct ChannelTiling: Sendable, Hashable {
    /// The conv's geometry and input copy (its `uv`/`ocb` are unused).
    public var base: ConvTiling
    /// Positions per tile (a divisor of the output row, unless `flat`).
    public var p: Int
    /// Vectors of output channels per tile.
    public var ocv: Int
    /// Whether tiles run on across row ends, over a task's rows as one range of positions, with a
    /// narrower tile for the range's last positions: 1x1 convs only, whose rows have no padding
    /// columns (`wq == outW`). Then `p` need not divide the row: a 1x1 conv on a 14x14 plane
    /// with 256 channels takes 13 positions x 2 vectors (26 accumulators, no lane wasted),
    /// where whole-row tiles took 7 x 3 (21, with 256 channels in blocks of 48).
    public var flat = false
    /// Whether whole-row tiles need not divide the row: each row then ends with a narrower tile
    /// of `rowTail` positions (convs with more than one tap, where tiles cannot run across rows,
    /// on targets with `ConvThresholds.channelTilesRowTails`).
    public var rowTails = false

    /// The positions of each row's narrower last tile (0: the tiles divide the row, or run across rows).
    public var rowTail: Int { flat ? 0 : base.outW % p }
    public var lanes: Int { base.lanes }
    /// Output channels per block: the weights' packing width.
    public var blockChannels: Int { ocv * base.lanes }
    public var blocks: Int { (base.ocg + blockChannels - 1) / blockChannels }
    public var taps: Int { base.kh * base.kw }
    /// Weight floats per reduction chunk (`ConvThresholds.channelTilesChunkFloats`).
    public var chunkFloats = 4096
    /// Input channels per reduction chunk: their weights for one block stay in L1 while every
    /// tile of a task accumulates them.
    public var channelsPerChunk: Int { max(1, chunkFloats / (taps * blockChannels)) }
    /// Output rows per task: all of them when there are enough blocks to share among threads.
    public var rowsPerTask: Int {
        let groups = blocks >= 8 ? 1 : min(base.outH, (8 + blocks - 1) / blocks)
        return (base.outH + groups - 1) / groups
    }
    public var rowTasks: Int { (base.outH + rowsPerTask - 1) / rowsPerTask }
    /// The rows of each distinct task size: `rowsPerTask`, and the last task's rows if fewer.
    public var taskRows: [Int] {
        let last = base.outH - (rowTasks - 1) * rowsPerTask
        return last == rowsPerTask ? [rowsPerTask] : [rowsPerTask, last]
    }

    /// Channel tiling for a conv whose position tiling is `base`, when the plane is small enough
    /// that positions waste lanes and this tiling keeps more of them busy, else nil.
    public static func plan(_ a: ConvAttributes, base: ConvTiling, target: VectorTarget) -> ChannelTiling? {
        let th = target.thresholds
        let maxPositions =
            base.kh * base.kw > 1 ? th.channelTilesMaxPositionsWithTaps ?? th.channelTilesMaxPositions : th.channelTilesMaxPositions
        guard target.lanes > 0, a.groups == 1, a.epilogue.pool == nil, !base.copiesPerGroup,
            base.outH * base.outW <= maxPositions,
            base.icg * base.kh * base.kw >= th.channelTilesMinReduction, base.ocg >= target.lanes
        else { return nil }
        // Accumulators plus the weight vectors of one step, with a few registers to spare.
        let budget = target.registers - th.channelTilesSpareRegisters
        var best: (rank: Double, p: Int, ocv: Int, flat: Bool) = (0, 0, 0, false)
        // The most lanes kept busy by any tile: what decides against position tiles below.
        var busiest = 0.0
        // Whole-row tiles first, so they win ties (ranked by cycles, a tie goes to more FMAs per
        // step). Tiles across rows only for 1x1 convs: with more taps, clang keeps the broadcasts
        // that neighbouring taps share live across them, and a wide tile then spills (a 3x3
        // stride-2 conv onto 7x7 with 512 channels: 1.10 ms with 7 x 3 whole-row tiles, 1.33 ms
        // with 13 x 2 across rows).
        // Row tails where tiles cannot run across rows: a 14-position row as 5 + 5 + 4 rather
        // than 7 x 2 or 2 x 7.
        let rowTails = th.channelTilesRowTails && base.kh * base.kw > 1
        for flat in base.kh * base.kw == 1 ? [false, true] : [false] {
            for p in 1...16 where flat || (p <= base.outW && (base.outW % p == 0 || rowTails)) {
                for ocv in 1...4 where p * ocv + ocv <= budget {
                    let blockChannels = ocv * target.lanes
                    let blocks = (base.ocg + blockChannels - 1) / blockChannels
                    // The share of the tile's lanes that compute real outputs.
                    var share = Double(base.ocg) / Double(blocks * blockChannels)
                    if flat { share *= ChannelTiling(base: base, p: p, ocv: ocv, flat: true).flatShare }
                    let tail = flat ? 0 : base.outW % p
                    if tail > 0 {
                        // A row's tail tile costs as much as `tail` positions, but no less than
                        // `8 / ocv` (fewer than 8 accumulators wait on the FMA latency).
                        share *= Double(base.outW) / (Double(base.outW - tail) + max(Double(tail), 8 / Double(ocv)))
                    }
                    let score = Double(p * ocv) * share
                    // Tiles with row tails choose among channel tiles, not between them and
                    // position tiles, which tiles that divide the row decide as before.
                    if tail == 0 { busiest = max(busiest, score) }
                    // A step loads p broadcasts and ocv weight vectors for p x ocv FMAs.
                    let rank =
                        (th.channelTilesRankByCycles ? share : score) * target.tileScore.stepEfficiency(fmas: p * ocv, loads: p + ocv)
                    let moreFMAs = th.channelTilesRankByCycles && rank > best.rank - 1e-9 && p * ocv > best.p * best.ocv
                    if rank > best.rank + 1e-9 || moreFMAs { best = (rank, p, ocv, flat) }
                }
            }
        }
        guard best.p > 0 else { return nil }
        let chosenTails = !best.flat && base.outW % best.p != 0
        // The position tiling's useful lanes: real outputs over computed ones; misaligned rows
        // (a plane that is not a whole number of vectors) cost it about a fifth more (measured:
        // 1x1 convs on 7x7 planes ran at 45-74% of peak, on 8x8 planes at 96%).
        let computed = (base.positions + base.tile - 1) / base.tile * base.tile
        var positionScore =
            Double(base.uv * base.ocb) * Double(base.outH * base.outW) / Double(computed)
            * Double(base.ocg) / Double(base.blocksPerGroup * base.ocb)
        if base.planeFloats % target.lanes != 0 || base.wq != base.outW { positionScore *= th.misalignedPositionShare }
        guard busiest > th.channelTilesMinGain * positionScore else { return nil }
        return ChannelTiling(
            base: base, p: best.p, ocv: best.ocv, flat: best.flat, rowTails: chosenTails, chunkFloats: th.channelTilesChunkFloats)
    }

    /// The positions a task's tail tile covers (its range's positions past the last whole tile),
    /// per distinct task size: `(rows, tail)`, zero tails left out.
    public var flatTails: [(rows: Int, tail: Int)] {
        guard flat else { return [] }
        return taskRows.map { ($0, $0 * base.outW % p) }.filter { $0.tail > 0 }
    }

    /// With `flat` tiles, the share of the tiles' work that is real outputs: a tail tile of `t`
    /// positions costs as much as `t` positions, but no less than `8 / ocv` (fewer than 8
    /// accumulators wait on the FMA latency).
    var flatShare: Double {
        var real = 0.0
        var cost = 0.0
        for task in 0..<rowTasks {
            let span = min(rowsPerTask, base.outH - task * rowsPerTask) * base.outW
            let tail = span % p
            real += Double(span)
            cost += Double(span - tail) + (tail > 0 ? max(Double(tail), 8 / Double(ocv)) : 0)
        }
        return real / cost
    }

    /// Weights `[block][ic][tap][blockChannels]`, zero past the last channel.
    public func pack(_ weight: UnsafeBufferPointer<Float>) -> [Float] {
        ChannelTiling.packBlocks(weight, oc: base.ocg, ic: base.icg, taps: taps, blockChannels: blockChannels)
    }

    /// Floats of the packed weights (`pack`): whole blocks of every input channel and tap.
    public var packedWeightFloats: Int { blocks * base.icg * taps * blockChannels }

    /// Biases padded to whole blocks.
    public func packBias(_ bias: [Float]) -> [Float] { ChannelTiling.padBias(bias, blocks: blocks, blockChannels: blockChannels) }

    /// Weights `[oc][ic][taps]` for output channels across the lanes: `[block][ic][tap][blockChannels]`,
    /// zero past the last channel (this kernel's packing, and tile Winograd's direct weights).
    static func packBlocks(_ weight: UnsafeBufferPointer<Float>, oc: Int, ic: Int, taps: Int, blockChannels: Int) -> [Float] {
        let blocks = (oc + blockChannels - 1) / blockChannels
        var out = [Float](repeating: 0, count: blocks * ic * taps * blockChannels)
        for o in 0..<oc {
            let (block, lane) = (o / blockChannels, o % blockChannels)
            for c in 0..<ic {
                for t in 0..<taps {
                    out[((block * ic + c) * taps + t) * blockChannels + lane] = weight[(o * ic + c) * taps + t]
                }
            }
        }
        return out
    }

    /// `bias` padded with zeros to `blocks` whole blocks of channels.
    static func padBias(_ bias: [Float], blocks: Int, blockChannels: Int) -> [Float] {
        bias + [Float](repeating: 0, count: blocks * blockChannels - bias.count)
    }
}
