import CNNIR

/// The vector unit the generated kernels are written for.
public struct VectorTarget: Sendable, Hashable {
    /// Floats per vector: 16 (AVX-512), 8 (AVX2), 4 (SSE/NEON); 0 disables the tiled kernels.
    public var lanes: Int
    /// Vector registers available to a micro-kernel's tile.
    public var registers: Int
    /// Whether 3x3 stride-1 convs may run as row Winograd F(4,3) (`RowWinograd`), which does
    /// half the multiplies at the cost of slightly different rounding.
    public var winograd: Bool
    /// Whether those convs may run as tile Winograd F(4x4,3x3) (`TileWinograd`) where it wins,
    /// with a quarter of the multiplies (off: row Winograd only; tests use it to cover both).
    public var tileWinograd: Bool
    /// How the position-tile kernel scores its candidate tiles on this target.
    public var tileScore: TileScore
    /// Registers a position tile leaves free beyond its accumulators, its input vectors and one
    /// broadcast: what clang's scheduler needs to keep the reduction loop free of spills.
    public var spareRegisters: Int
    /// The numbers kernel selection decides by on this target (`ConvThresholds`).
    public var thresholds: ConvThresholds
    public init(
        lanes: Int, registers: Int, winograd: Bool = true, tileWinograd: Bool = true, tileScore: TileScore = .accumulators,
        spareRegisters: Int = 2,
        thresholds: ConvThresholds = .standard
    ) {
        self.lanes = lanes
        self.registers = registers
        self.winograd = winograd
        self.tileWinograd = tileWinograd
        self.tileScore = tileScore
        self.spareRegisters = spareRegisters
        self.thresholds = thresholds
    }
    /// 32 zmm registers: the tile with the most accumulators is also the fastest (measured on
    /// AVX-512 hosts: 2 x 13 on 64 channels keeps both FMA units busy with 2 loads per 26 FMAs).
    /// Two spare registers: a 5 x 5 tile (25 + 5 + 1) spilled 2 in its loop under
    /// `-march=x86-64-v4`'s generic tuning (not under `-march=znver4`).
    public static let avx512 = VectorTarget(lanes: 16, registers: 32)
    /// 16 ymm registers: see `TileScore.throughput`.
    public static let avx2 = VectorTarget(
        lanes: 8, registers: 16, tileScore: .throughput(minimumAccumulators: 10), spareRegisters: 1, thresholds: .avx2)
    /// 16 xmm registers and no FMA (the portable x86-64 baseline): as AVX2, with more spares,
    /// since each multiply-add needs a product register and SSE's two-operand forms copy.
    public static let sse = VectorTarget(lanes: 4, registers: 16, tileScore: .throughput(minimumAccumulators: 10), spareRegisters: 4)
    /// ARM64 NEON: 32 128-bit registers and FMA (`fmla`). With 32 registers the most
    /// accumulators is the best tile, as on AVX-512, but with four spares: two (a 2 x 13 tile
    /// of 26 accumulators) spilled 10 registers in the direct 3x3 loop and 4 in the row-Winograd
    /// GEMM under clang 14 for armv8-a (`KernelCodeShapeTests`); with four (at most 24
    /// accumulators, e.g. 3 x 8 on 64 channels) neither spills.
    public static let neon = VectorTarget(lanes: 4, registers: 32, spareRegisters: 4)
    public static let scalar = VectorTarget(lanes: 0, registers: 0)

    /// Registers a position tile's accumulators and input vectors may use.
    public var tileRegisters: Int { registers - 1 - spareRegisters }
}

/// How a target ranks the register tiles of the position-tile kernel (`ConvTiling.bestTile`).
public enum TileScore: Sendable, Hashable {
    /// The most useful accumulators that fit the registers (one input vector per position vector,
    /// one broadcast, the spares): right where registers are plenty.
    case accumulators
    /// The most useful FMAs per cycle, counting a step's loads and broadcasts against its FMAs
    /// and at least `minimumAccumulators` to hide the FMA latency. With 16 registers the most accumulators is one position vector by 13
    /// channels: 13 broadcasts per 13 FMAs keep the load ports busier than the FMA units, and
    /// clang, hoisting broadcasts of neighbouring taps, spilled 17 registers in the 3x3 loop.
    /// Zen 2 (AVX2): FMA latency 5 cycles on 2 units, hence 10 accumulators.
    case throughput(minimumAccumulators: Int)

    /// The share of the FMA units a reduction step of `fmas` FMAs and `loads` loads (input
    /// vectors, broadcasts, weight vectors) keeps busy: 1 when accumulators are what counts; with
    /// `throughput`, a step costs the most of its FMAs, 1.5 cycles-worth per load (two load ports
    /// against two FMA units, with the broadcasts' extra latency) and the FMA latency's minimum.
    /// Channel tiles on Zen 2 measured it: 1x1 convs on 14x14 and 7x7 planes ran at 72-77% of
    /// the FMA peak with 11 positions x 1 vector (12 loads per 11 FMAs) and at 87-95% with
    /// 5 x 2 (7 loads per 10 FMAs).
    public func stepEfficiency(fmas: Int, loads: Int) -> Double {
        switch self {
        case .accumulators: return 1
        case .throughput(let minimum): return Double(fmas) / max(Double(fmas), 1.5 * Double(loads), Double(minimum))
        }
    }
}

/// How a 1-D or 2-D conv runs as a register-tiled kernel over a "wide" output.
///
/// The input is copied once into a padded, stride-phase-split scratch buffer
/// `[IC][sh*sw phases][Hq][Wq]`, so every tap of the window becomes a constant offset
/// from the output position q = oh*Wq + ow, and the innermost loads are contiguous
/// vectors for any stride, dilation and padding. A tile is `uv` vectors of positions
/// x `ocb` output channels held in registers across the whole reduction (input channels
/// x taps): each step loads `uv` input vectors, broadcasts `ocb` weights, and issues
/// uv*ocb FMAs. Positions with ow >= OW (the padding columns) are computed and dropped
/// by the epilogue, which applies activations, the residual add and the pool.
public struct ConvTiling: Sendable, Hashable {
    public var lanes: Int
    public var uv: Int
    public var ocb: Int
    /// Input channels, output channels, per group.
    public var icg: Int, ocg: Int, groups: Int
    public var inH: Int, inW: Int
    public var outH: Int, outW: Int
    public var kh: Int, kw: Int
    public var sh: Int, sw: Int
    public var dh: Int, dw: Int
    public var padTop: Int, padLeft: Int
    /// Phase-plane extent.
    public var hq: Int, wq: Int
    /// Whether the input is copied into scratch (padding, stride, or a caller's buffer without slack).
    public var copiesInput: Bool
    /// Whether each kernel column gets its own copy of the input, shifted by that column, instead
    /// of one copy per stride phase: rows are then exactly `outW` long (`wq == outW`), so no
    /// position is a padding column. Costs `kw / phaseCols` times the copy; chosen where padding
    /// columns are a large share of the positions (a 5x5 conv on 27x27: 31 columns for 27).
    public var columnCopies: Bool = false

    public var tile: Int { uv * lanes }
    /// Phase rows and columns a tap can land on: a window narrower than the stride (a strided
    /// 1x1 conv) reads only the first phases, so only those are copied.
    public var phaseRows: Int { min(sh, (kh - 1) * dh + 1) }
    public var phaseCols: Int { min(sw, (kw - 1) * dw + 1) }
    /// Column planes per phase row: the stride phases, or one copy per kernel column.
    public var columnPlanes: Int { columnCopies ? kw : phaseCols }
    public var phases: Int { phaseRows * columnPlanes }
    /// Whether the copy splits each padded input row into its column phases with vector loads and
    /// deinterleaving shuffles: strides 2 and 4 (keeping the phases the taps use: only the first
    /// for a strided 1x1 conv), rows of at least a vector.
    public var splitsPhasesWithShuffles: Bool {
        copiesInput && !columnCopies && (sw == 2 || sw == 4) && wq >= lanes && lanes >= 4
    }
    public var planeFloats: Int { hq * wq }
    /// Wide output positions: every row is wq long.
    public var positions: Int { outH * wq }
    /// Depthwise-style convs (one input channel per group, one block of outputs) copy each
    /// channel's plane just before using it, into a stack buffer that stays in cache,
    /// instead of copying the whole tensor through memory first.
    public var copiesPerGroup: Bool { copiesInput && icg == 1 && blocksPerGroup == 1 && localCopyFloats <= 16384 }
    /// Rows per chunk of a depthwise conv's plane (one task per plane): whole rows, at most 4096
    /// positions; nil for other convs (chunks of whole tiles).
    public var chunkRows: Int? { copiesPerGroup && groups >= 8 ? max(1, min(outH, 4096 / wq)) : nil }
    /// Floats of a per-group copy: one channel's phase planes plus room for the last tile's overrun.
    public var localCopyFloats: Int { phases * planeFloats + tile + kw * dw + 16 }
    /// Scratch floats per sample for the copied input.
    public var scratchFloats: Int { copiesInput && !copiesPerGroup ? icg * groups * phases * planeFloats : 0 }
    /// Whether the kernel takes a scratch pointer from the arena.
    public var usesScratch: Bool { scratchFloats > 0 }
    /// Floats of the packed weights (`pack`): every group's output x input channels x taps.
    public var packedWeightFloats: Int { groups * ocg * icg * kh * kw }
    public var blocksPerGroup: Int { (ocg + ocb - 1) / ocb }
    /// Where kernel row `kh`'s taps start in the copied input, relative to an output position:
    /// its phase-row planes and the plane row it lands on.
    public func rowOffset(_ kh: Int) -> Int { ((kh * dh) % sh) * columnPlanes * planeFloats + ((kh * dh) / sh) * wq }
    /// Kernel column `kw`'s offset within a row: its phase-column plane and column, or its copy.
    public func columnOffset(_ kw: Int) -> Int { columnCopies ? kw * planeFloats : ((kw * dw) % sw) * planeFloats + (kw * dw) / sw }

    /// A tiling for `a` on `input`, or nil when the direct kernel should be used.
    public static func plan(
        _ a: ConvAttributes, input: [Int], target: VectorTarget, inputIsCallerBuffer: Bool, columnCopies: Bool = false
    ) -> ConvTiling? {
        guard target.lanes > 0, a.spatialRank <= 2 else { return nil }
        let spatial = Array(input.dropFirst())
        let i2 = Array(repeating: 1, count: 2 - spatial.count) + spatial
        let k = Array(repeating: 1, count: 2 - a.kernel.count) + a.kernel
        let s = Array(repeating: 1, count: 2 - a.stride.count) + a.stride
        let d = Array(repeating: 1, count: 2 - a.dilation.count) + a.dilation
        let pb = Array(repeating: 0, count: 2 - a.padding.begin.count) + a.padding.begin
        let pe = Array(repeating: 0, count: 2 - a.padding.end.count) + a.padding.end
        let outH = WindowArithmetic.convOutput(input: i2[0], kernel: k[0], stride: s[0], dilation: d[0], padBegin: pb[0], padEnd: pe[0])
        let outW = WindowArithmetic.convOutput(input: i2[1], kernel: k[1], stride: s[1], dilation: d[1], padBegin: pb[1], padEnd: pe[1])
        // Phase planes must hold every row/column a valid output reads: oh + (kh*dh)/sh < hq.
        let hq = outH + ((k[0] - 1) * d[0]) / s[0]
        let wq = columnCopies ? outW : outW + ((k[1] - 1) * d[1]) / s[1]
        let direct = pb == [0, 0] && pe == [0, 0] && s == [1, 1] && !inputIsCallerBuffer && hq == i2[0] && wq == i2[1]
        let icg = input[0] / a.groups
        let ocg = a.filters / a.groups
        let positions = outH * wq
        // A tile is no longer than one task's positions: a fused pool's window of conv rows, else the plane.
        let poolRows = a.epilogue.pool.map { $0.size.count >= 2 ? $0.size[0] : 1 }
        let taskPositions = poolRows.map { $0 * wq } ?? positions
        // The most useful FMAs per step: accumulators times the share of lanes doing real work.
        let best = bestTile(ocg: ocg, target: target, maxUV: maxUV(taskPositions: taskPositions, lanes: target.lanes)) { uv, ocb in
            let useful = Double(uv * ocb) * laneEfficiency(uv: uv, ocb: ocb, positions: positions, ocg: ocg, lanes: target.lanes)
            switch target.tileScore {
            case .accumulators: return useful
            case .throughput(let minimum): return useful / max(Double(uv * ocb), 1.5 * Double(uv + ocb), Double(minimum))
            }
        }
        return ConvTiling(
            lanes: target.lanes, uv: best.uv, ocb: best.ocb, icg: icg, ocg: ocg, groups: a.groups,
            inH: i2[0], inW: i2[1], outH: outH, outW: outW, kh: k[0], kw: k[1], sh: s[0], sw: s[1], dh: d[0], dw: d[1],
            padTop: pb[0], padLeft: pb[1], hq: hq, wq: wq, copiesInput: !direct || columnCopies, columnCopies: columnCopies)
    }

    /// The share of the tile's lanes that compute real output: channels of the last block and
    /// positions of the last tile, less the padding columns.
    public var usefulShare: Double {
        ConvTiling.laneEfficiency(uv: uv, ocb: ocb, positions: positions, ocg: ocg, lanes: lanes) * Double(outH * outW) / Double(positions)
    }

    /// Whether `copies` (this conv with one input copy per kernel column) should run instead of
    /// this phase-copied tiling: at least 8% more of its lanes do real work, and the copies stay
    /// within an L2-sized 2 MB per sample. Measured: AlexNet's 5x5 conv2 on 27x27 (31 columns per
    /// row for 27; 84% useful lanes, 99% with copies) went from 4.71 to 4.17 ms on one thread;
    /// DenseNet's 3x3 convs on 7x7 (useful share unchanged by the 64-position tile) lost 9%.
    public func prefersColumnCopies(_ copies: ConvTiling, thresholds: ConvThresholds = .standard) -> Bool {
        guard kw > 1, copiesInput, !columnCopies, !copiesPerGroup, !copies.copiesPerGroup else { return false }
        return copies.usefulShare >= thresholds.columnCopiesMinGain * usefulShare
            && copies.scratchFloats * 4 <= thresholds.columnCopiesMaxBytes
    }

    /// This depthwise tiling with its rows padded to a whole number of vectors, or nil where that
    /// does not pay. Tap (kh, kw) of a position is then tap (kh - 1, kw) of the position a row
    /// below, a whole number of vectors further on, so where a tile spans two rows or more the
    /// vectors it loads for one kernel row are the ones the next kernel row needs, and clang
    /// loads them once: a tile of 8 vectors over rows of 4 loads 16 vectors per kernel column
    /// for 24 FMAs, where rows of 58 positions shared none (24 loads). The padding columns cost
    /// FMAs, so the pitch may grow by at most `vectorRowsMaxGrowth`. Measured on Zen 4
    /// (AVX-512), MobileNetV2's depthwise convs: 144 channels 56x56 0.206 -> 0.175 ms, stride 2
    /// 28 -> 14 (rows of 15 -> 16) 0.063 -> 0.030 ms; rows of 114 (one row per tile) gained nothing.
    public func withVectorRows(thresholds: ConvThresholds) -> ConvTiling? {
        guard copiesPerGroup, !columnCopies, kh > 1, lanes > 1, wq % lanes != 0 else { return nil }
        let pitch = (wq + lanes - 1) / lanes * lanes
        guard Double(pitch) <= thresholds.vectorRowsMaxGrowth * Double(wq), tile >= 2 * pitch else { return nil }
        var t = self
        t.wq = pitch
        return t.copiesPerGroup ? t : nil
    }

    /// Vectors of positions a tile may hold: no more than one task's positions, and at most 8.
    static func maxUV(taskPositions: Int, lanes: Int) -> Int { max(1, min(8, (taskPositions + lanes - 1) / lanes)) }

    /// The share of a `uv` x `ocb` tile's lanes that hold real positions and real channels.
    static func laneEfficiency(uv: Int, ocb: Int, positions: Int, ocg: Int, lanes: Int) -> Double {
        let blocks = (ocg + ocb - 1) / ocb
        let ocEfficiency = Double(ocg) / Double(blocks * ocb)
        let tile = uv * lanes
        let posEfficiency = Double(positions) / Double(((positions + tile - 1) / tile) * tile)
        return ocEfficiency * posEfficiency
    }

    /// The candidate tile with the highest `score`: for each width `ocb` up to 16 channels, as
    /// many vectors of positions as the registers hold (accumulators plus one input vector per
    /// position vector, within `VectorTarget.tileRegisters`), up to `maxUV`. The first of equal
    /// scores wins.
    static func bestTile(ocg: Int, target: VectorTarget, maxUV: Int, score: (_ uv: Int, _ ocb: Int) -> Double) -> (uv: Int, ocb: Int) {
        var best: (score: Double, uv: Int, ocb: Int) = (0, 1, 1)
        for ocb in 1...min(ocg, 16) {
            let uv = min(maxUV, target.tileRegisters / (ocb + 1))
            guard uv >= 1 else { continue }
            let s = score(uv, ocb)
            if s > best.score + 1e-9 { best = (s, uv, ocb) }
        }
        return (best.uv, best.ocb)
    }

    /// The tile with the most useful FMAs per cycle, for a kernel whose steps are cheap to
    /// repeat (the Winograd GEMMs): once about 20 accumulators keep both FMA units busy, more
    /// of them do not go faster, but wasted lanes always cost. A step issues uv*ocb FMAs and
    /// uv + ocb loads (broadcasts count), about 1.5 load cycles per FMA cycle at two ports
    /// each. Measured on AlphaGo's 192-channel 19x19 layer (105 wide positions): 7x3 ran at
    /// 147% of the direct kernel's peak, the register-count choice 2x14 at 130%.
    static func throughputTile(positions: Int, ocg: Int, target: VectorTarget, maxUV: Int) -> (uv: Int, ocb: Int) {
        bestTile(ocg: ocg, target: target, maxUV: maxUV) { uv, ocb in
            let useful = Double(uv * ocb) * laneEfficiency(uv: uv, ocb: ocb, positions: positions, ocg: ocg, lanes: target.lanes)
            return useful / max(Double(uv * ocb), 1.5 * Double(uv + ocb), Double(target.thresholds.busyAccumulators))
        }
    }

    /// Weights repacked per (group, block): `[block][ic][kh][kw][ocb]`, the tail block narrower.
    /// Returns the packed values and each block's width.
    public func pack(_ weight: UnsafeBufferPointer<Float>) -> [Float] {
        var out: [Float] = []
        out.reserveCapacity(groups * blocksPerGroup * ocb * icg * kh * kw)
        let taps = kh * kw
        for g in 0..<groups {
            for block in 0..<blocksPerGroup {
                let width = min(ocb, ocg - block * ocb)
                for ic in 0..<icg {
                    for t in 0..<taps {
                        for j in 0..<width {
                            let oc = g * ocg + block * ocb + j
                            out.append(weight[(oc * icg + ic) * taps + t])
                        }
                    }
                }
            }
        }
        return out
    }
}
