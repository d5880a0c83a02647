import CNNIR

extension TiledConvEmitter {
    /// A 3x3 stride-1 conv as tile Winograd F(4x4,3x3) (see `TileWinograd`). Each task (sample,
    /// group of tile rows) transforms its tiles' input for every channel into its own slice of
    /// scratch, which stays in its thread's cache; then chunk by chunk of tile rows and block by
    /// block of output channels it runs the 36 GEMMs into a buffer, the output transform over
    /// channels (transposed in registers, so each channel's pixels come out in rows), and the
    /// epilogue, vectorised along the output rows. The pieces are `TileWinogradKernel`'s.
    static func emitTileWinograd(_ plan: ConvKernelPlan.WinogradTiles, _ ctx: inout KernelContext) -> CFunction {
        let tw = plan.winograd
        let (weight, biasValues) = convParameters(ctx.node, outputs: tw.conv.ocg * tw.conv.groups)
        let w = weight.withUnsafeBufferPointer { ctx.tileWinogradWeights(tw, $0) }
        let bias = ctx.weights(tw.packBias(biasValues))
        let kernel = TileWinogradKernel(tw: tw, epilogue: plan.attributes.epilogue, ctx: ctx)
        let setup: [CStmt] = [kernel.comment, .local(.constFloatPointer, "w", w), .local(.constFloatPointer, "bias", bias)]
        return ctx.function(setup + (tw.transformsWeights ? kernel.weightTransformingTasks() : kernel.tileRowTasks()), scratch: true)
    }

    /// Transposes `lanes` vectors (rows) of `lanes` floats in registers, by swapping the
    /// off-diagonal blocks of sizes lanes/2, lanes/4, ..., 1. Returns the statements and the
    /// names of the columns.
    static func transpose(_ rows: [String], vtype: CType, prefix: String) -> ([CStmt], [String]) {
        let lanes = rows.count
        var names = rows
        var stmts: [CStmt] = []
        var size = lanes / 2
        var stage = 0
        while size >= 1 {
            var next = names
            for i in 0..<lanes where i & size == 0 {
                let (lo, hi) = (CExpr.v(names[i]), CExpr.v(names[i + size]))
                let first: [CExpr] = (0..<lanes).map { k in .int(k & size == 0 ? k : lanes + k - size) }
                let second: [CExpr] = (0..<lanes).map { k in .int(k & size == 0 ? k + size : lanes + k) }
                next[i] = "\(prefix)\(stage)_\(i)"
                next[i + size] = "\(prefix)\(stage)_\(i + size)"
                stmts.append(.local(vtype.constant, next[i], .call("__builtin_shufflevector", [lo, hi] + first)))
                stmts.append(.local(vtype.constant, next[i + size], .call("__builtin_shufflevector", [lo, hi] + second)))
            }
            names = next
            size /= 2
            stage += 1
        }
        return (stmts, names)
    }

    /// Writes the task's `V[ξ][c][tile - k0]` for every channel. Per channel: the task's input
    /// rows are padded into a local plane; each tile row's six rows are combined down (`Bᵀ d`)
    /// into rows of `4 * tilesW` columns, flattened so tile k starts at column 4k; then each
    /// transformed row is combined across (`· B`), a vector of tiles at a time, its six columns
    /// taken at stride 4 by shuffles. The last tile of a row reads the two columns past it,
    /// which the flattened rows do not hold: they are kept aside and that tile is redone.
    static func tileInputTransform(_ tw: TileWinograd, _ ctx: KernelContext, channels: (CExpr, CExpr)? = nil) -> [CStmt] {
        let t = tw.conv
        let ic = t.icg
        let alpha = TileWinograd.alpha
        let m = TileWinograd.m
        let layout = TileInputLayout(tw)
        let (rw, vtStride) = (tw.rowWidth, layout.vtStride)
        // Keeps aside the two columns past each tile row's end, which the next row overwrites.
        let keepEnds: CStmt = .loop(
            "xi", .int(alpha),
            [
                .loop(
                    "x", .int(2),
                    [
                        .assign(
                            .v("ex")[(.v("xi") * .int(tw.rowsPerTask) + .v("tl")) * .int(2) + .v("x")], "=",
                            .v("vt")[.v("xi") * .int(vtStride) + .v("tl") * .int(rw) + .int(rw) + .v("x")])
                    ])
            ])
        return [
            .local(.constInt64, "rows", .v("ty1") - .v("ty0")),
            .array(.float, "pl", count: layout.planeRows * layout.dw, alignment: 64),
            .array(.float, "vt", count: alpha * vtStride, alignment: 64),
            .array(.float, "ex", count: alpha * tw.rowsPerTask * 2, alignment: 64),
            .loop(
                "c", channels?.0 ?? .int(0), channels?.1 ?? .int(ic),
                [
                    .local(.constFloatPointer, "src", ctx.input(0) + (.v("b") * .int(ic) + .v("c")) * .int(t.inH * t.inW)),
                    .local(.floatPointer, "vc", .v("vl") + .v("c") * .int(tw.taskStride)),
                    .loop(
                        "pr", .v("rows") * .int(m) + .int(2),
                        [
                            .local(.constInt64, "ih", .v("ty0") * .int(m) + .v("pr") - .int(t.padTop)),
                            .local(.floatPointer, "row", .v("pl") + .v("pr") * .int(layout.dw)),
                            paddedRow(t, width: layout.dw),
                        ]),
                    .loop("tl", .v("rows"), [.loop("x", from: .int(0), to: .int(layout.dw), step: tw.lanes, layout.down()), keepEnds]),
                    .loop(
                        "r", .int(alpha),
                        [
                            .local(.constFloatPointer, "tr", .v("vt") + .v("r") * .int(vtStride)),
                            .loop("kl", from: .int(0), to: .v("count"), step: tw.lanes, layout.across()),
                            .loop(
                                "tl", .v("rows"),
                                [.local(.constInt64, "kl", .v("tl") * .int(tw.tilesW) + .int(tw.tilesW - 1))] + layout.lastTile()),
                        ]),
                ]),
        ]
    }

    /// The buffers of `tileInputTransform` and its three passes' statements: the padded plane
    /// `pl` (rows of `dw`), the rows combined down `vt` (`vtStride` apart per point), and the
    /// side buffer `ex` of each row's two columns past its end.
    struct TileInputLayout {
        let tw: TileWinograd
        let vtype: CType
        /// A padded row's floats: the row and its two columns past, in whole vectors.
        let dw: Int
        let planeRows: Int
        /// Floats per point of `vt`: the across pass reads up to 4 vectors past a task's last tile.
        let vtStride: Int

        init(_ tw: TileWinograd) {
            self.tw = tw
            vtype = CType.vector(tw.lanes)
            dw = (tw.rowWidth + 2 + tw.lanes - 1) / tw.lanes * tw.lanes
            planeRows = tw.rowsPerTask * TileWinograd.m + 2
            vtStride = tw.rowsPerTask * tw.rowWidth + 5 * tw.lanes + 8
        }

        func load(_ pointer: CExpr) -> CExpr { .loadVector(vtype, from: pointer) }
        func store(_ pointer: CExpr, _ value: CExpr) -> CStmt { .assign(.vectorAt(vtype, pointer), "=", value) }

        /// Down the rows, a vector of columns at a time (the last spills into the next row, which
        /// overwrites it; its two columns past the row are kept aside first).
        func down() -> [CStmt] {
            let (alpha, m, bt) = (TileWinograd.alpha, TileWinograd.m, RowWinograd.bt)
            let loads: [CStmt] = (0..<alpha).map { i in
                .local(vtype.constant, "d\(i)", load(.v("pl") + (.v("tl") * .int(m) + .int(i)) * .int(dw) + .v("x")))
            }
            return loads
                + (0..<alpha).map { xi in
                    store(
                        .v("vt") + .int(xi * vtStride) + .v("tl") * .int(tw.rowWidth) + .v("x"), linearCombination(bt[xi]) { .v("d\($0)") })
                }
        }

        /// Across: the six columns of a vector of tiles, by deinterleaving 4 vectors at offsets 0 and 4.
        func across() -> [CStmt] {
            let (alpha, m, bt) = (TileWinograd.alpha, TileWinograd.m, RowWinograd.bt)
            var across: [CStmt] = []
            for (offset, prefix) in [(0, "a"), (4, "b")] {
                across += (0..<4).map { q in
                    .local(vtype.constant, "\(prefix)\(q)", load(.v("tr") + .v("kl") * .int(m) + .int(offset + q * tw.lanes)))
                }
                across += TiledConvEmitter.deinterleave4(
                    (0..<4).map { "\(prefix)\($0)" }, lanes: tw.lanes, vtype: vtype, prefix: "\(prefix)i")
            }
            let columns = ["ai0", "ai1", "ai2", "ai3", "bi0", "bi1"]
            return across
                + (0..<alpha).map { s in
                    store(
                        .v("vc") + (.v("r") * .int(alpha) + .int(s)) * .int(tw.pointStride) + .v("kl"),
                        linearCombination(bt[s]) { .v(columns[$0]) })
                }
        }

        /// A row's last tile, scalar, with its two columns from the side buffer.
        func lastTile() -> [CStmt] {
            let (alpha, m, bt) = (TileWinograd.alpha, TileWinograd.m, RowWinograd.bt)
            let inputs: [CStmt] = (0..<alpha).map { j in
                .local(
                    .constFloat, "e\(j)",
                    j < m
                        ? .v("tr")[.v("kl") * .int(m) + .int(j)]
                        : .v("ex")[(.v("r") * .int(tw.rowsPerTask) + .v("tl")) * .int(2) + .int(j - m)])
            }
            return inputs
                + (0..<alpha).map { s in
                    .assign(
                        .v("vc")[(.v("r") * .int(alpha) + .int(s)) * .int(tw.pointStride) + .v("kl")], "=",
                        linearCombination(bt[s]) { .v("e\($0)") })
                }
        }
    }

    /// Splits 4 vectors holding consecutive floats into the 4 vectors of floats at stride 4
    /// (`{prefix}0` holds elements 0, 4, 8, ...): twice, even and odd elements of pairs.
    static func deinterleave4(_ names: [String], lanes: Int, vtype: CType, prefix: String) -> [CStmt] {
        func half(_ a: String, _ b: String, odd: Bool) -> CExpr {
            .call("__builtin_shufflevector", [.v(a), .v(b)] + (0..<lanes).map { .int(2 * $0 + (odd ? 1 : 0)) })
        }
        return [
            .local(vtype.constant, "\(prefix)e01", half(names[0], names[1], odd: false)),
            .local(vtype.constant, "\(prefix)o01", half(names[0], names[1], odd: true)),
            .local(vtype.constant, "\(prefix)e23", half(names[2], names[3], odd: false)),
            .local(vtype.constant, "\(prefix)o23", half(names[2], names[3], odd: true)),
            .local(vtype.constant, "\(prefix)0", half("\(prefix)e01", "\(prefix)e23", odd: false)),
            .local(vtype.constant, "\(prefix)2", half("\(prefix)e01", "\(prefix)e23", odd: true)),
            .local(vtype.constant, "\(prefix)1", half("\(prefix)o01", "\(prefix)o23", odd: false)),
            .local(vtype.constant, "\(prefix)3", half("\(prefix)o01", "\(prefix)o23", odd: true)),
        ]
    }
}

/// `start + Σ_i coefficients[i] · term(i)` over the nonzero coefficients, with ±1 as plain
/// adds and subtractions (the Winograd transforms' rows).
func linearCombination(_ coefficients: [Double], start: CExpr? = nil, _ term: (Int) -> CExpr) -> CExpr {
    var sum = start
    for (i, c) in coefficients.enumerated() where c != 0 {
        let magnitude = abs(c) == 1 ? term(i) : .float(Float(abs(c))) * term(i)
        if let s = sum { sum = c > 0 ? s + magnitude : s - magnitude } else { sum = c > 0 ? magnitude : .negate(magnitude) }
    }
    return sum ?? .float(0)
}

/// The pieces of a tile Winograd kernel (`TiledConvEmitter.emitTileWinograd`): the GEMMs'
/// micro-tile, the output transform, the epilogue, and the two task shapes built from them
/// (tasks over tile rows, or, when the weights are transformed per block, over blocks).
struct TileWinogradKernel {
    let tw: TileWinograd
    let epilogueSteps: [EpilogueStep]
    let ctx: KernelContext
    let vtype: CType
    var t: ConvTiling { tw.conv }
    var ic: Int { tw.conv.icg }
    var oc: Int { tw.conv.ocg }
    var bc: Int { tw.blockChannels }
    var lanes: Int { tw.lanes }
    var ct: Int { tw.chunkTiles }
    var ts: Int { tw.taskStride }
    var perPoint: Int { tw.blocks * ic * bc }
    var chunkPixelRows: Int { tw.chunkRows * TileWinograd.m }
    var flops: Int { 2 * ic * TileWinograd.points * tw.tiles * oc }

    init(tw: TileWinograd, epilogue: [EpilogueStep], ctx: KernelContext) {
        self.tw = tw
        self.epilogueSteps = epilogue
        self.ctx = ctx
        self.vtype = CType.vector(tw.lanes)
    }

    var comment: CStmt {
        .comment(
            "tile Winograd F(4x4,3x3): \(tw.tilesH)x\(tw.tilesW) tiles in \(tw.tasks) tasks of up to \(tw.rowsPerTask) rows, 36 GEMMs of \(oc)x\(ic), micro-tiles of \(tw.p) tiles x \(bc) channels"
                + (tw.transformsWeights ? ", weights transformed per block" : ""))
    }

    /// The accumulator of tile `i`, channel vector `v` in the GEMM buffer `mt`.
    func accumulator(_ i: Int, _ v: Int) -> CExpr {
        .vectorAt(vtype, .v("mt") + (.v("kk") - .v("kc0") + .int(i)) * .int(bc) + .int(v * lanes))
    }

    /// One micro-tile: p tiles from kk x ocv vectors of channels, reduced over the input
    /// channels `c < reduction`; the accumulators start from zero, or from `mt` when
    /// `resume` holds (weight chunks after the first).
    func microTile(tiles: Int? = nil, resume: CExpr? = nil, reduction: CExpr, prefetchAhead: Int? = nil) -> [CStmt] {
        let p = tiles ?? tw.p
        let zero: CExpr = .splat(lanes, .float(0))
        var micro: [CStmt] = []
        for i in 0..<p {
            for v in 0..<tw.ocv { micro.append(.local(vtype, "a\(i)_\(v)", resume.map { .ternary($0, accumulator(i, v), zero) } ?? zero)) }
        }
        var step: [CStmt] = [
            .local(.constFloatPointer, "xc", .v("xv") + .v("c") * .int(ts) + .v("kk")),
            .local(.constFloatPointer, "wc", .v("wb") + .v("c") * .int(bc)),
        ]
        if let ahead = prefetchAhead { step += TiledConvEmitter.prefetch(from: "wc", ahead: ahead, floats: bc) }
        step += TiledConvEmitter.channelLaneFMAs(p: p, ocv: tw.ocv, lanes: lanes, weights: .v("wc"), input: { .v("xc")[.int($0)] })
        micro.append(.loop("c", .int(0), reduction, step))
        for i in 0..<p {
            for v in 0..<tw.ocv { micro.append(.assign(accumulator(i, v), "=", .v("a\(i)_\(v)"))) }
        }
        return micro
    }

    /// The chunk's micro-tiles from `start` to `kc1`: whole ones of `p` tiles, then the tail
    /// that ends the chunk (one of `tw.tails`, chosen by the chunk's size).
    func wholeMicroTiles(from start: CExpr, _ micro: (Int?) -> [CStmt]) -> [CStmt] {
        let tails = tw.tails
        let end: CExpr = tails.isEmpty ? .v("kc1") : .v("kc1") - .int(tw.p - 1)
        var stmts: [CStmt] = [.loop("kk", from: start, to: end, step: tw.p, [.block(micro(nil))])]
        guard !tails.isEmpty else { return stmts }
        stmts.append(.local(.constInt64, "kt", .v("kc0") + (.v("kc1") - .v("kc0")) / .int(tw.p) * .int(tw.p)))
        for tail in tails {
            stmts.append(.ifThen((.v("kc1") - .v("kt")).eq(.int(tail)), [.local(.constInt64, "kk", .v("kt"))] + micro(tail), else: []))
        }
        return stmts
    }

    /// Output transform of one tile, for one vector of channels: Aᵀ M A + bias gives 16 pixel
    /// vectors of `lanes` channels; transposed, each channel's pixels go to its rows in `yt`
    /// (`[bc][chunk rows][rowWidth]`), four at a time.
    func outputTransform() -> [CStmt] {
        let m = TileWinograd.m
        var outTile: [CStmt] = [
            .local(.constInt64, "tyl", .v("kl") / .int(tw.tilesW)),
            .local(.constInt64, "tx", .v("kl") % .int(tw.tilesW)),
            .local(.constFloatPointer, "mk", .v("mb") + .v("kl") * .int(bc) + .v("v") * .int(lanes)),
        ]
        for xi in 0..<TileWinograd.points {
            outTile.append(.local(vtype.constant, "m\(xi)", .loadVector(vtype, from: .v("mk") + .int(xi * ct * bc))))
        }
        // Down: s{r}_{c} = Σ_ξr Aᵀ[r][ξr] m[ξr][c]; across: pixel (r, s) = bias + Σ_ξc Aᵀ[s][ξc] s[r][ξc].
        let at = RowWinograd.at
        for r in 0..<m {
            for col in 0..<TileWinograd.alpha {
                outTile.append(.local(vtype.constant, "s\(r)_\(col)", linearCombination(at[r]) { .v("m\($0 * 6 + col)") }))
            }
        }
        outTile.append(.local(vtype.constant, "bv", .loadVector(vtype, from: .v("bb") + .v("v") * .int(lanes))))
        for r in 0..<m {
            for s in 0..<m {
                outTile.append(.local(vtype, "y\(r * m + s)", linearCombination(at[s], start: .v("bv")) { .v("s\(r)_\($0)") }))
            }
        }
        for block in 0..<(16 / lanes) { outTile += storeTransposed(block: block) }
        return outTile
    }

    /// Pixel vectors `y{block·lanes}`..: transposed in registers, then each channel's four
    /// pixels of a tile row stored to its row in `yt`.
    func storeTransposed(block: Int) -> [CStmt] {
        let m = TileWinograd.m
        let (transposed, columns) = TiledConvEmitter.transpose(
            (0..<lanes).map { "y\(block * lanes + $0)" }, vtype: vtype, prefix: "q\(block)_")
        var stmts = transposed
        for j in 0..<lanes {
            for g in 0..<(lanes / 4) {
                let pixel = block * lanes + g * 4
                let dst =
                    .v("yt") + ((.v("v") * .int(lanes) + .int(j)) * .int(chunkPixelRows) + .v("tyl") * .int(m) + .int(pixel / 4))
                    * .int(tw.rowWidth) + .v("tx") * .int(m)
                let quarter: CExpr = .call("__builtin_shufflevector", [.v(columns[j]), .v(columns[j])] + (0..<4).map { .int(g * 4 + $0) })
                stmts.append(.assign(.vectorAt(.vector(4), dst), "=", quarter))
            }
        }
        return stmts
    }

    /// The epilogue: channel j's rows, contiguous in `yt` and in the output.
    func epilogue() -> CStmt {
        let row = (.v("b") * .int(oc) + .v("blk") * .int(bc) + .v("j")) * .int(t.outH) + .v("oh")
        return .loop(
            "j", .v("width"),
            [
                .loop(
                    "oh", .v("oh0"), .v("oh1"),
                    [
                        .local(
                            .constFloatPointer, "src",
                            .v("yt") + (.v("j") * .int(chunkPixelRows) + .v("oh") - .v("oh0")) * .int(tw.rowWidth)),
                        .local(.floatPointer, "dst", ctx.output + row * .int(t.outW)),
                        .loop(
                            "ow", .int(t.outW),
                            [.local(.float, "val", .v("src")[.v("ow")])]
                                + epilogueStatements(epilogueSteps, value: .v("val"), operandIndex: row * .int(t.outW) + .v("ow"))
                                + [.assign(.v("dst")[.v("ow")], "=", .v("val"))]),
                    ])
            ])
    }

    /// The block's output width and bias (`width`, `bb`).
    func blockSetup() -> [CStmt] {
        [
            .local(.constInt64, "width", .call("cnnc_min", [.int(bc), .int(oc) - .v("blk") * .int(bc)])),
            .local(.constFloatPointer, "bb", .v("bias") + .v("blk") * .int(bc)),
        ]
    }

    /// The GEMM, transform and tile buffers of a task.
    func buffers(weightChunk ubFloats: Int? = nil) -> [CStmt] {
        [.array(.float, "mb", count: TileWinograd.points * ct * bc, alignment: 64)]
            + (ubFloats.map { [CStmt.array(.float, "ub", count: $0, alignment: 64)] } ?? [])
            + [.array(.float, "yt", count: bc * chunkPixelRows * tw.rowWidth, alignment: 64)]
    }

    /// The tasks over tile rows (weights transformed at compile time): each transforms its rows'
    /// input, then per chunk of tile rows and block of channels runs the GEMMs, the output
    /// transform and the epilogue.
    func tileRowTasks() -> [CStmt] {
        let m = TileWinograd.m
        let task: [CStmt] =
            [
                .local(.constInt64, "ty0", .v("task") * .int(tw.tilesH) / .int(tw.tasks)),
                .local(.constInt64, "ty1", (.v("task") + .int(1)) * .int(tw.tilesH) / .int(tw.tasks)),
                .local(.constInt64, "k0", .v("ty0") * .int(tw.tilesW)),
                .local(.constInt64, "count", (.v("ty1") - .v("ty0")) * .int(tw.tilesW)),
                .local(.floatPointer, "vl", .v("scratch") + (.v("b") * .int(tw.tasks) + .v("task")) * .int(tw.taskFloats)),
            ] + TiledConvEmitter.tileInputTransform(tw, ctx) + buffers() + [
                .loop(
                    "cy", from: .v("ty0"), to: .v("ty1"), step: tw.chunkRows,
                    [
                        .local(.constInt64, "kc0", .v("cy") * .int(tw.tilesW)),
                        .local(.constInt64, "kc1", .call("cnnc_min", [.v("cy") + .int(tw.chunkRows), .v("ty1")]) * .int(tw.tilesW)),
                        .local(.constInt64, "oh0", .v("cy") * .int(m)),
                        .local(.constInt64, "oh1", .call("cnnc_min", [.v("kc1") / .int(tw.tilesW) * .int(m), .int(t.outH)])),
                        .loop(
                            "blk", .int(tw.blocks),
                            blockSetup() + [
                                // The 36 GEMMs: transform point ξ of every channel against the ξ-th transformed weights.
                                .loop(
                                    "pt", .int(TileWinograd.points),
                                    [
                                        .local(.constFloatPointer, "xv", .v("vl") + .v("pt") * .int(tw.pointStride) - .v("k0")),
                                        .local(.constFloatPointer, "wb", .v("w") + .v("pt") * .int(perPoint) + .v("blk") * .int(ic * bc)),
                                        .local(.floatPointer, "mt", .v("mb") + .v("pt") * .int(ct * bc)),
                                        // The first micro-tile prefetches the next point's weights (the next
                                        // block's after the last point), which come from memory at batch 1.
                                        .loop(
                                            "kk", from: .v("kc0"), to: .v("kc0") + .int(tw.p), step: tw.p,
                                            [.block(microTile(reduction: .int(ic), prefetchAhead: perPoint))]),
                                    ] + wholeMicroTiles(from: .v("kc0") + .int(tw.p)) { microTile(tiles: $0, reduction: .int(ic)) }),
                                .loop("kl", .v("kc1") - .v("kc0"), [.loop("v", .int(tw.ocv), outputTransform())]),
                                epilogue(),
                            ]),
                    ])
            ]
        return [
            KernelContext.parallelFor(collapse: 2, work: flops),
            .loop("b", ctx.batch, [.loop("task", .int(tw.tasks), task)]),
        ]
    }

    /// Small planes: the input transform of the whole plane, over groups of channels; then one
    /// task per block of output channels, which transforms its direct weights chunk by chunk
    /// of input channels (into `ub`, L1/L2) and accumulates each chunk's GEMMs in `mb`.
    func weightTransformingTasks() -> [CStmt] {
        let groups = min(ic, 8)
        return [
            // Work: two passes, each about 5 flops per transformed value, 36 values per tile and channel.
            KernelContext.parallelFor(collapse: 2, work: 2 * 5 * TileWinograd.points * tw.tiles * ic),
            .loop(
                "b", ctx.batch,
                [
                    .loop(
                        "cg", .int(groups),
                        [
                            .local(.constInt64, "ty0", .int(0)),
                            .local(.constInt64, "ty1", .int(tw.tilesH)),
                            .local(.constInt64, "count", .int(tw.tiles)),
                            .local(.floatPointer, "vl", .v("scratch") + .v("b") * .int(tw.scratchFloats)),
                        ]
                            + TiledConvEmitter.tileInputTransform(
                                tw, ctx, channels: (.v("cg") * .int(ic) / .int(groups), (.v("cg") + .int(1)) * .int(ic) / .int(groups))))
                ]),
            KernelContext.parallelFor(collapse: 2, work: flops),
            .loop("b", ctx.batch, [.loop("blk", .int(tw.blocks), blockTask())]),
        ]
    }

    /// Floats between transform points in `ub`, the chunk's transformed weights.
    var ubStride: Int { TileWinograd.weightChunk * bc + 16 }

    /// One block of output channels over the whole plane (`weightTransformingTasks`).
    func blockTask() -> [CStmt] {
        let chunk = TileWinograd.weightChunk
        let points = TileWinograd.points
        // The next chunk's direct weights, prefetched a 36th at a time by each point's GEMMs.
        let perPointFloats = (chunk * 9 * bc / points + 15) / 16 * 16
        return blockSetup() + [
            .local(.constFloatPointer, "vl", .v("scratch") + .v("b") * .int(tw.scratchFloats)),
            .local(.constInt64, "kc0", .int(0)),
            .local(.constInt64, "kc1", .int(tw.tiles)),
            .local(.constInt64, "oh0", .int(0)),
            .local(.constInt64, "oh1", .int(t.outH)),
        ] + buffers(weightChunk: points * ubStride) + [
            .loop(
                "c0", from: .int(0), to: .int(ic), step: chunk,
                [
                    .local(.constInt64, "cn", .call("cnnc_min", [.int(chunk), .int(ic) - .v("c0")])),
                    .loop(
                        "cl", .v("cn"),
                        [
                            .local(.constFloatPointer, "wd", .v("w") + ((.v("blk") * .int(ic) + .v("c0") + .v("cl")) * .int(9)) * .int(bc))
                        ] + (0..<tw.ocv).map { .block(weightTransform(vector: $0)) }),
                    .loop(
                        "pt", .int(points),
                        [
                            .local(
                                .constFloatPointer, "wn",
                                .v("w") + ((.v("blk") * .int(ic) + .v("c0") + .int(chunk)) * .int(9)) * .int(bc) + .v("pt")
                                    * .int(perPointFloats))
                        ] + TiledConvEmitter.prefetch(from: "wn", ahead: 0, floats: perPointFloats) + [
                            .local(.constFloatPointer, "xv", .v("vl") + .v("pt") * .int(tw.pointStride) + .v("c0") * .int(ts)),
                            .local(.constFloatPointer, "wb", .v("ub") + .v("pt") * .int(ubStride)),
                            .local(.floatPointer, "mt", .v("mb") + .v("pt") * .int(ct * bc)),
                        ] + wholeMicroTiles(from: .int(0)) { microTile(tiles: $0, resume: .v("c0") > .int(0), reduction: .v("cn")) }),
                ]),
            .loop("kl", .int(tw.tiles), [.loop("v", .int(tw.ocv), outputTransform())]),
            epilogue(),
        ]
    }

    /// The weight transform of input channel `cl` of the chunk, for channel vector `v`: G g
    /// (6 x 3), then (G g) Gᵀ (6 x 6), in float, into `ub`.
    func weightTransform(vector v: Int) -> [CStmt] {
        var block: [CStmt] = (0..<9).map { k in
            .local(vtype.constant, "g\(k)", .loadVector(vtype, from: .v("wd") + .int(k * bc + v * lanes)))
        }
        let g = RowWinograd.g
        for r in 0..<6 {
            for l in 0..<3 {
                block.append(.local(vtype.constant, "h\(r)_\(l)", linearCombination(g[r]) { .v("g\($0 * 3 + l)") }))
            }
        }
        for r in 0..<6 {
            for s in 0..<6 {
                block.append(
                    .assign(
                        .vectorAt(vtype, .v("ub") + .int((r * 6 + s) * ubStride + v * lanes) + .v("cl") * .int(bc)), "=",
                        linearCombination(g[s]) { .v("h\(r)_\($0)") }))
            }
        }
        return block
    }
}
