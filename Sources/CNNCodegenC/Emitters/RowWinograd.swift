import CNNIR

/// Winograd F(4,3) along the rows of a 3x3, stride-1 conv: "row Winograd".
///
/// A 3x3 conv is three 1-D convs down the columns (one per kernel column kx) summed. Each
/// runs as Winograd F(4,3) over tiles of 4 output rows: the 6 input rows a tile reads become
/// 6 transformed rows `V = Bᵀ d`, the kernel column becomes 6 values `U = G g`, and the
/// tile is `Aᵀ (U ⊙ V)`. Summed over kx and the input channels, each of the 6 transformed
/// planes is an ordinary 1x3 conv (a GEMM with taps at offsets 0, 1, 2) over planes of
/// `tileRows x wq`: 18 multiplies per 4 output rows instead of 36, and every transform
/// is a linear combination of whole rows, so it vectorises along the row in plain NCHW.
///
/// The 6 planes' GEMMs run the register-tiled micro-kernel of `TiledConvEmitter` (taps
/// along the row only), into a per-task buffer; the output transform then adds the bias
/// and applies the conv's fused epilogue (activations, residual add, pool) as it stores.
///
/// The interpolation points are 0, ±1, ±2 and ∞: the transforms' coefficients are small
/// integers and quarters, sixths, twelfths and twenty-fourths in `G`, applied at compile
/// time in double precision, so the error stays within a few ulp of the direct kernel's.
public struct RowWinograd: Sendable, Hashable {
    /// Output rows per tile.
    public static let m = 4
    /// Transformed rows per tile (m + 3 - 1).
    public static let alpha = 6

    /// `Bᵀ`: transformed row ξ = Σ_i bt[ξ][i] · input row i of the tile.
    static let bt: [[Double]] = [
        [4, 0, -5, 0, 1, 0],
        [0, -4, -4, 1, 1, 0],
        [0, 4, -4, -1, 1, 0],
        [0, -2, -1, 2, 1, 0],
        [0, 2, -1, -2, 1, 0],
        [0, 4, 0, -5, 0, 1],
    ]
    /// `G`: transformed weight ξ = Σ_k g[ξ][k] · kernel row k.
    static let g: [[Double]] = [
        [1.0 / 4, 0, 0],
        [-1.0 / 6, -1.0 / 6, -1.0 / 6],
        [-1.0 / 6, 1.0 / 6, -1.0 / 6],
        [1.0 / 24, 1.0 / 12, 1.0 / 6],
        [1.0 / 24, -1.0 / 12, 1.0 / 6],
        [0, 0, 1],
    ]
    /// `Aᵀ`: output row r of the tile = Σ_ξ at[r][ξ] · product plane ξ.
    static let at: [[Double]] = [
        [1, 1, 1, 1, 1, 0],
        [0, 1, -1, 2, -2, 0],
        [0, 1, 1, 4, 4, 0],
        [0, 1, -1, 8, -8, 1],
    ]

    /// The conv's own geometry (output extent, padded width `wq`, padding); its `ocb` is the GEMM's.
    public var conv: ConvTiling
    /// The GEMM of one transformed plane: a 1x3 conv over `[IC][tileRows][wq]`.
    public var gemm: ConvTiling
    /// Tiles of 4 output rows down the plane.
    public var tileRows: Int
    /// Tile rows per parallel task.
    public var chunkRows: Int

    /// Floats of one transformed plane of one channel.
    public var planeFloats: Int { tileRows * conv.wq }
    /// Scratch floats per sample: the 6 transformed planes of every channel, plus room for
    /// the last tile's reads past the end (zeroed, so the discarded lanes stay normal numbers).
    public var scratchFloats: Int { RowWinograd.alpha * conv.icg * planeFloats + slackFloats }
    var slackFloats: Int { gemm.tile + 16 }
    public var chunks: Int { (tileRows + chunkRows - 1) / chunkRows }
    /// Wide positions of one task in each plane, rounded up to whole tiles.
    public var span: Int { (chunkRows * conv.wq + gemm.tile - 1) / gemm.tile * gemm.tile }

    /// Row Winograd for the conv `a` when it applies and does fewer vector FMAs than `direct`
    /// (the register-tiled plan of the same conv), else nil.
    public static func plan(_ a: ConvAttributes, input: [Int], target: VectorTarget, direct: ConvTiling) -> RowWinograd? {
        let th = target.thresholds
        guard target.winograd, target.lanes > 0, a.spatialRank == 2, a.kernel == [3, 3], a.stride == [1, 1], a.dilation == [1, 1],
            a.groups == 1,
            direct.icg >= th.rowWinogradMinChannels, direct.ocg >= th.rowWinogradMinChannels, direct.outH >= m
        else { return nil }
        // A fused pool must take whole windows of rows from one tile, without overlap.
        if let p = a.epilogue.pool {
            guard p.size.count == 2, p.size[0] == p.stride[0], p.padding.begin[0] == 0, m % p.stride[0] == 0 else { return nil }
        }
        let tileRows = (direct.outH + m - 1) / m
        let wq = direct.wq
        // Tasks of at most ~256 wide positions, with the tile rows shared evenly among them: a
        // task of one left-over row costs nearly a whole task (UNet's 32x32 layers: 7 + 1 rows
        // made Winograd look no cheaper than the direct kernel; 4 + 4 is).
        let maxRows = max(1, min(tileRows, th.rowWinogradTaskPositions / wq))
        let taskCount = (tileRows + maxRows - 1) / maxRows
        guard let plan = Self.plan(a, direct: direct, tileRows: tileRows, chunkRows: (tileRows + taskCount - 1) / taskCount, target: target)
        else { return nil }
        // One chunk of rows leaves the blocks of channels as the only tasks: where the first half
        // of them (one of two threads' static share) holds clearly more than half the channels
        // (`rowWinogradSplitAboveShare`), two chunks of rows share the plane evenly instead, if
        // Winograd still wins with them.
        let gemm = plan.gemm
        let firstHalf = min(gemm.ocg, (gemm.blocksPerGroup + 1) / 2 * gemm.ocb)
        if plan.chunks == 1, tileRows >= 2, let limit = th.rowWinogradSplitAboveShare, Double(firstHalf) > limit * Double(gemm.ocg),
            let halves = Self.plan(a, direct: direct, tileRows: tileRows, chunkRows: (tileRows + 1) / 2, target: target)
        {
            return halves
        }
        return plan
    }

    /// The plan in chunks of `chunkRows` tile rows, or nil where it would not do clearly fewer
    /// vector FMAs than the direct kernel.
    static func plan(_ a: ConvAttributes, direct: ConvTiling, tileRows: Int, chunkRows: Int, target: VectorTarget) -> RowWinograd? {
        let th = target.thresholds
        // The GEMM of one plane: 1x3 taps along rows of wq, over one task's rows.
        let rowConv = ConvAttributes(
            filters: a.filters, kernel: [1, 3], stride: [1, 1], dilation: [1, 1],
            padding: .zero(rank: 2), groups: 1, hasBias: false, epilogue: [])
        guard var gemm = ConvTiling.plan(rowConv, input: [direct.icg, chunkRows, direct.wq], target: target, inputIsCallerBuffer: false)
        else {
            return nil
        }
        // A task's wide positions are few on small planes (105 on a 19x19 plane), so the tile with
        // the most accumulators can leave many lanes idle; take the tile with the most useful
        // FMAs per cycle when it wastes clearly fewer lanes. (Where both waste about the same,
        // the bigger tile reuses each input more: on VGG-16's 28x28 layers it was 10% faster.)
        let lean = ConvTiling.throughputTile(
            positions: gemm.positions, ocg: gemm.ocg, target: target,
            maxUV: ConvTiling.maxUV(taskPositions: gemm.positions, lanes: target.lanes))
        let used: (Int, Int) -> Double = {
            ConvTiling.laneEfficiency(uv: $0, ocb: $1, positions: gemm.positions, ocg: gemm.ocg, lanes: target.lanes)
        }
        if used(lean.uv, lean.ocb) >= th.leanTileMinGain * used(gemm.uv, gemm.ocb) { (gemm.uv, gemm.ocb) = lean }
        gemm.inH = tileRows
        gemm.hq = tileRows
        gemm.outH = tileRows
        var conv = direct
        conv.uv = gemm.uv
        conv.ocb = gemm.ocb
        let plan = RowWinograd(conv: conv, gemm: gemm, tileRows: tileRows, chunkRows: chunkRows)
        // Vector FMAs per output channel and input channel: each plane's tiles x 3 taps, against
        // the direct kernel's tiles x 9 taps. The transforms cost a few flops per element, which
        // the 16-channel minimum amortises; demand a clear win.
        let directSteps = (direct.positions + direct.tile - 1) / direct.tile * direct.uv * 9
        let winogradSteps = alpha * plan.chunks * (plan.span / gemm.lanes) * 3
        return Double(winogradSteps) <= th.rowWinogradMaxStepShare * Double(directSteps) ? plan : nil
    }

    /// The direct weights as three planes, one per kernel row k, each packed as the GEMM reads
    /// a transformed plane: `[k][block][ic][kx][ocb]` (for `--winograd-weights at-load`).
    public func packRows(_ weight: UnsafeBufferPointer<Float>) -> [Float] {
        let oc = conv.ocg
        let ic = conv.icg
        var out: [Float] = []
        out.reserveCapacity(3 * oc * ic * 3)
        var plane = [Float](repeating: 0, count: oc * ic * 3)
        for k in 0..<3 {
            for o in 0..<oc {
                for c in 0..<ic {
                    for kx in 0..<3 { plane[(o * ic + c) * 3 + kx] = weight[(o * ic + c) * 9 + k * 3 + kx] }
                }
            }
            out += plane.withUnsafeBufferPointer { gemm.pack($0) }
        }
        return out
    }

    /// Transformed weights, `[ξ][block][ic][kx][ocb]` (the GEMM's packing for each plane):
    /// `U[ξ][oc][ic][kx] = Σ_k G[ξ][k] · w[oc][ic][k][kx]`, in double precision.
    public func pack(_ weight: UnsafeBufferPointer<Float>) -> [Float] {
        let oc = conv.ocg
        let ic = conv.icg
        var out: [Float] = []
        out.reserveCapacity(RowWinograd.alpha * oc * ic * 3)
        var plane = [Float](repeating: 0, count: oc * ic * 3)
        for xi in 0..<RowWinograd.alpha {
            for o in 0..<oc {
                for c in 0..<ic {
                    let base = (o * ic + c) * 9
                    for kx in 0..<3 {
                        var sum = 0.0
                        for k in 0..<3 { sum += RowWinograd.g[xi][k] * Double(weight[base + k * 3 + kx]) }
                        plane[(o * ic + c) * 3 + kx] = Float(sum)
                    }
                }
            }
            out += plane.withUnsafeBufferPointer { gemm.pack($0) }
        }
        return out
    }
}
