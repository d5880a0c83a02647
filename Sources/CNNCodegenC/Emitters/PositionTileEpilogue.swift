import CNNIR

/// The position-tile kernel's epilogues from its tile buffer `wt`: the plain one (which stores
/// whole rows as vectors for depthwise-row plans) and the fused pool's.
extension TiledConvEmitter {
    /// Drops padding columns and applies the epilogue `steps` left (activations and the residual
    /// add), storing to the output: the positions from `start` to the chunk's end.
    static func epilogue(_ plan: PositionTileKernel, _ steps: [EpilogueStep], _ ctx: KernelContext, span: Int, from start: CExpr) -> [CStmt]
    {
        let t = plan.tiling
        let oc = t.ocg * t.groups
        let chan = CExpr.v("g") * .int(t.ocg) + .v("blk") * .int(t.ocb) + .v("j")
        if t.wq == t.outW {
            // No padding columns (1x1 and column-unpadded convs): positions are the output's own
            // offsets, so one flat loop per channel, vectorised, whatever the row length.
            let plane = (.v("b") * .int(oc) + chan) * .int(t.outH * t.outW)
            return [
                .loop(
                    "j", .v("width"),
                    [
                        .local(.floatPointer, "dst", ctx.output + plane),
                        .local(.constFloatPointer, "src", .v("wt") + .v("j") * .int(span) - .v("q0")),
                        .loop(
                            "q", start, .v("q1"),
                            [.local(.float, "v", .v("src")[.v("q")])]
                                + epilogueStatements(steps, value: .v("v"), operandIndex: plane + .v("q"))
                                + [.assign(.v("dst")[.v("q")], "=", .v("v"))]),
                    ])
            ]
        }
        let indexAt: (CExpr) -> CExpr = { ow in ((.v("b") * .int(oc) + chan) * .int(t.outH) + .v("oh")) * .int(t.outW) + ow }
        let index = indexAt(.v("ow"))
        let store: (CExpr, CExpr) -> CStmt = { lo, hi in
            .loop(
                "ow", lo, hi,
                [.local(.float, "v", .v("wt")[.v("base") + .v("ow")])]
                    + epilogueStatements(steps, value: .v("v"), operandIndex: index) + [.assign(.v("dst")[.v("ow")], "=", .v("v"))])
        }
        let scalarRow = store(.int(0), .int(t.outW))
        let wholeRow = wholeRowVectors(plan, steps, indexAt: indexAt, scalar: scalarRow) ?? scalarRow
        return [
            .loop(
                "j", .v("width"),
                [
                    // Rows outer, columns vectorised: with a chunk's rows known at compile time (a
                    // depthwise conv's whole plane), clang 14 otherwise vectorises across rows with
                    // gathers and scatters (a 192-channel depthwise conv on 28x28: 0.085 -> 0.053 ms).
                    .pragma("clang loop vectorize(disable)"),
                    .loop(
                        "oh", from: .v("q0") / .int(t.wq), to: .call("cnnc_min", [.int(t.outH), (.v("q1") + .int(t.wq - 1)) / .int(t.wq)]),
                        step: 1,
                        [
                            .local(.constInt64, "lo", .call("cnnc_max", [.v("q0") - .v("oh") * .int(t.wq), .int(0)])),
                            .local(.constInt64, "hi", .call("cnnc_min", [.v("q1") - .v("oh") * .int(t.wq), .int(t.outW)])),
                            .local(.constInt64, "base", .v("j") * .int(span) + .v("oh") * .int(t.wq) - .v("q0")),
                            .local(
                                .floatPointer, "dst",
                                ctx.output + (.v("b") * .int(oc) + chan) * .int(t.outH * t.outW) + .v("oh") * .int(t.outW)),
                            // Whole rows (the common case) with a constant trip count: straight-line vector code.
                            .ifThen(.v("lo").eq(.int(0)) && .v("hi").eq(.int(t.outW)), [wholeRow], else: [store(.v("lo"), .v("hi"))]),
                        ]),
                ])
        ]
    }

    /// Activations and adds on the window's conv rows in place, then the pool into one output row.
    /// With windows inside the row and vector code for them (`poolRowVectors`), activations alone
    /// run on the vectors the pool loads instead: the in-place pass's stores made the pool's
    /// loads, which straddle them, wait (a quarter of the Keras MNIST CNN's first conv).
    /// `wholeTiles`: `wt` holds whole tiles of `t.tile` positions from the chunk's first row, padding
    /// columns included (the position-tile kernel); row Winograd's buffer holds each row's output
    /// columns only, so it keeps the scalar fold.
    static func poolEpilogue(
        _ a: ConvAttributes, _ p: PoolAttributes, _ t: ConvTiling, _ ctx: KernelContext, span: Int, wholeTiles: Bool
    ) -> [CStmt] {
        let oc = t.ocg * t.groups
        let chan = CExpr.v("g") * .int(t.ocg) + .v("blk") * .int(t.ocb) + .v("j")
        let pooledW = ctx.node.shape.last!
        let pooledH = ctx.node.shape.count == 2 ? 1 : ctx.node.shape[ctx.node.shape.count - 2]
        let kw = p.size.last!
        let sw = p.stride.last!
        let pw = p.padding.begin.last!
        let dst: CStmt = .local(.floatPointer, "dst", ctx.output + ((.v("b") * .int(oc) + chan) * .int(pooledH) + .v("ch")) * .int(pooledW))
        let inPlace = poolWindowActivations(a, t, chan: chan, span: span)
        guard pw == 0 && (pooledW - 1) * sw + kw <= t.outW else {
            return [.loop("j", .v("width"), inPlace + [dst, poolCheckedWindows(p, t, pooledW: pooledW, span: span)])]
        }
        let steps = Array(a.epilogue.dropLast())
        let pointwise = !steps.hasAdd
        let onLoads: ((CExpr, Int) -> [CStmt])? =
            pointwise && vectorEpilogueStatements(steps, value: .v("s0"), operandIndex: .int(0), lanes: 4) != nil
            ? { vectorEpilogueStatements(steps, value: $0, operandIndex: .int(0), lanes: $1)! } : nil
        if wholeTiles, let vectors = poolRowVectors(p, t, pooledW: pooledW, pooledH: pooledH, span: span, activation: onLoads) {
            return [.loop("j", .v("width"), [dst] + vectors)]
        }
        if wholeTiles, let vectors = poolRowVectors(p, t, pooledW: pooledW, pooledH: pooledH, span: span, activation: nil) {
            return [.loop("j", .v("width"), inPlace + [dst] + vectors)]
        }
        return [.loop("j", .v("width"), inPlace + [dst] + poolRowsInside(p, t, pooledW: pooledW, span: span))]
    }

    /// The epilogue's steps on the window's conv rows of channel j, in place (none without steps).
    static func poolWindowActivations(_ a: ConvAttributes, _ t: ConvTiling, chan: CExpr, span: Int) -> [CStmt] {
        let oc = t.ocg * t.groups
        let index = ((.v("b") * .int(oc) + chan) * .int(t.outH) + .v("r")) * .int(t.outW) + .v("ow")
        let steps = epilogueStatements(a.epilogue, value: .v("v"), operandIndex: index)
        guard !steps.isEmpty else { return [] }
        let pointwise = !a.epilogue.hasAdd
        if pointwise {
            // Activations alone: one flat pass over the window's rows, padding columns included
            // (finite values, dropped by the pool), so no row leaves a scalar remainder.
            let flat = epilogueStatements(a.epilogue, value: .v("v"), operandIndex: .int(0))
            return [
                .block([
                    .local(.floatPointer, "rows", .v("wt") + .v("j") * .int(span)),
                    .loop(
                        "i", .int(0), (.v("rhi") - .v("rlo")) * .int(t.wq),
                        [.local(.float, "v", .v("rows")[.v("i")])] + flat + [.assign(.v("rows")[.v("i")], "=", .v("v"))]),
                ])
            ]
        }
        return [
            .loop(
                "r", .v("rlo"), .v("rhi"),
                [
                    .local(.floatPointer, "row", .v("wt") + .v("j") * .int(span) + (.v("r") - .v("rlo")) * .int(t.wq)),
                    .loop(
                        "ow", .int(t.outW),
                        [.local(.float, "v", .v("row")[.v("ow")])] + steps + [.assign(.v("row")[.v("ow")], "=", .v("v"))]),
                ])
        ]
    }

    /// How many conv values the average pool's window at pooled row `ch`, column `column` holds.
    static func poolWindowCount(_ p: PoolAttributes, _ t: ConvTiling, column: CExpr = .v("px")) -> CExpr {
        let size3 = [1, p.size.count >= 2 ? p.size[0] : 1, p.size.last!]
        let stride3 = [1, p.stride.count >= 2 ? p.stride[0] : 1, p.stride.last!]
        let pad3 = [0, p.padding.begin.count >= 2 ? p.padding.begin[0] : 0, p.padding.begin.last!]
        let padEnd3 = [0, p.padding.end.count >= 2 ? p.padding.end[0] : 0, p.padding.end.last!]
        return PoolEmitter.windowCount(
            dims: [.int(0), .v("ch"), column], size: size3, stride: stride3, pad: pad3, padEnd: padEnd3, input: [1, t.outH, t.outW],
            includePad: p.countIncludePad)
    }

    /// Every window lies inside the row: no bounds test, rows outer, so the loop over pooled
    /// columns vectorises (the common 2x2/2 pool after a conv).
    static func poolRowsInside(_ p: PoolAttributes, _ t: ConvTiling, pooledW: Int, span: Int) -> [CStmt] {
        let isMax = p.kind == .max
        let kw = p.size.last!
        let sw = p.stride.last!
        let fold: (CExpr, CExpr) -> CExpr = { acc, x in isMax ? maxFold(acc, x) : acc + x }
        var body: [CStmt] = [
            .loop("px", .int(pooledW), [.assign(.v("dst")[.v("px")], "=", isMax ? .float(-.infinity) : .float(0))]),
            .loop(
                "r", .v("rlo"), .v("rhi"),
                [
                    .local(.constFloatPointer, "row", .v("wt") + .v("j") * .int(span) + (.v("r") - .v("rlo")) * .int(t.wq)),
                    .loop(
                        "px", .int(pooledW),
                        [
                            .local(.float, "acc", .v("dst")[.v("px")])
                        ] + (0..<kw).map { k in .assign(.v("acc"), "=", fold(.v("acc"), .v("row")[.v("px") * .int(sw) + .int(k)])) } + [
                            .assign(.v("dst")[.v("px")], "=", .v("acc"))
                        ]),
                ]),
        ]
        if !isMax {
            body.append(.loop("px", .int(pooledW), [.assign(.v("dst")[.v("px")], "/=", .cast(.float, poolWindowCount(p, t)))]))
        }
        return body
    }

    /// `poolRowsInside` in vectors of `lanes` pooled columns: for each block of them and each of the
    /// window's conv rows, two vector loads from `wt`, and window column k of every lane picked out
    /// of them with one shuffle; the fold runs lane-wise in the scalar loop's order (rows, then
    /// columns), so each output has the same bits. A fully unrolled scalar loop was 53% of the
    /// Keras MNIST CNN's first conv (a max pool to 13 columns: scalar compares, blends, stores).
    /// Nil where it does not apply: a scalar target, a window too wide for two vectors, or reads
    /// that would reach past what the chunk's tiles wrote into `wt` (the lanes beyond the row's
    /// pooled columns read written, finite values and are dropped).
    /// `activation`, when given, applies the epilogue's activations to a loaded vector of so many lanes.
    static func poolRowVectors(
        _ p: PoolAttributes, _ t: ConvTiling, pooledW: Int, pooledH: Int, span: Int, activation: ((CExpr, Int) -> [CStmt])?
    ) -> [CStmt]? {
        let kw = p.size.last!
        let sw = p.stride.last!
        // The chunk of pooled row ch holds its window's conv rows, clipped as `taskRange` clips them,
        // and its tiles wrote whole tiles of positions from the first.
        let (ps, pp, pk) = (rowValue(p.stride, 1), rowValue(p.padding.begin, 0), rowValue(p.size, 1))
        let fits: (Int) -> Bool = { lanes in
            guard sw * (lanes - 1) + kw <= 2 * lanes else { return false }
            let reach = ((pooledW + lanes - 1) / lanes - 1) * lanes * sw + 2 * lanes
            return (0..<pooledH).allSatisfy { ch in
                let rows = min(ch * ps - pp + pk, t.outH) - max(ch * ps - pp, 0)
                let written = (rows * t.wq + t.tile - 1) / t.tile * t.tile
                return rows < 1 || (rows - 1) * t.wq + reach <= min(written, span)
            }
        }
        // The target's vectors, or narrower ones (down to 4 lanes) where the row is short: the
        // narrowest that holds the row as few times, else the widest that fits (LeNet-5's 5 pooled
        // columns in 8 lanes on AVX-512).
        guard t.lanes >= 4 else { return nil }
        let widths = sequence(first: t.lanes, next: { $0 / 2 >= 4 ? $0 / 2 : nil }).filter(fits)
        let fewest = widths.map { (pooledW + $0 - 1) / $0 }.min()
        guard let lanes = widths.last(where: { (pooledW + $0 - 1) / $0 == fewest }) else { return nil }
        let isMax = p.kind == .max
        let vtype = CType.vector(lanes)
        let splat: (CExpr) -> CExpr = { .call("cnnc_splat\(lanes)", [$0]) }
        let select: (CExpr, CExpr, CExpr) -> CExpr = { m, x, y in .call("cnnc_select\(lanes)", [.cast("cnnc_i\(lanes)", m), x, y]) }
        let fold: (Int) -> [CStmt] = { k in
            let column: CExpr = .call("__builtin_shufflevector", [.v("s0"), .v("s1")] + (0..<lanes).map { .int($0 * sw + k) })
            let x = CExpr.v("x\(k)")
            // cnnc_maxf lane-wise: the larger, and a NaN value wins and stays.
            let step: [CStmt] =
                isMax
                ? [.assign(.v("acc"), "=", select(x > .v("acc"), x, .v("acc"))), .assign(.v("acc"), "=", select(x.ne(x), x, .v("acc")))]
                : [.assign(.v("acc"), "+=", x)]
            return [.local(vtype.constant, "x\(k)", column)] + step
        }
        let block: (CExpr, Int?) -> CStmt = { first, partial in
            var body: [CStmt] = [
                .local(vtype, "acc", splat(.float(isMax ? -.infinity : 0))),
                .loop(
                    "r", .v("rlo"), .v("rhi"),
                    [
                        .local(
                            .constFloatPointer, "row",
                            .v("wt") + .v("j") * .int(span) + (.v("r") - .v("rlo")) * .int(t.wq) + first * .int(sw)),
                        .local(activation == nil ? vtype.constant : vtype, "s0", .loadVector(vtype, from: .v("row"))),
                        .local(activation == nil ? vtype.constant : vtype, "s1", .loadVector(vtype, from: .v("row") + .int(lanes))),
                    ] + (activation.map { $0(.v("s0"), lanes) + $0(.v("s1"), lanes) } ?? []) + (0..<kw).flatMap(fold)),
            ]
            if !isMax {
                // Windows inside the row hold the same count at every column of a pooled row.
                body.append(.assign(.v("acc"), "/=", splat(.cast(.float, poolWindowCount(p, t, column: .int(0))))))
            }
            if let partial {
                body += [
                    .array(.float, "lane", count: lanes, alignment: 64),
                    .assign(.vectorAt(vtype, .v("lane")), "=", .v("acc")),
                    .loop("px", .int(partial), [.assign(.v("dst")[first + .v("px")], "=", .v("lane")[.v("px")])]),
                ]
            } else {
                body.append(.assign(.vectorAt(vtype, .v("dst") + first), "=", .v("acc")))
            }
            return .block(body)
        }
        let whole = pooledW / lanes
        var out: [CStmt] = []
        if whole == 1 {
            out.append(block(.int(0), nil))
        } else if whole > 1 {
            out.append(.loop("pb", from: .int(0), to: .int(whole * lanes), step: lanes, [block(.v("pb"), nil)]))
        }
        if pooledW % lanes != 0 {
            out.append(block(.int(whole * lanes), pooledW % lanes))
        }
        return out
    }

    /// Windows that may cross the row's ends: each column tested.
    static func poolCheckedWindows(_ p: PoolAttributes, _ t: ConvTiling, pooledW: Int, span: Int) -> CStmt {
        let isMax = p.kind == .max
        let kw = p.size.last!
        let sw = p.stride.last!
        let pw = p.padding.begin.last!
        let value: CExpr = .v("wt")[.v("j") * .int(span) + (.v("r") - .v("rlo")) * .int(t.wq) + .v("cw")]
        return .loop(
            "px", .int(pooledW),
            [
                .local(.float, "acc", isMax ? .float(-.infinity) : .float(0)),
                .loop(
                    "r", .v("rlo"), .v("rhi"),
                    [
                        .loop(
                            "k", .int(kw),
                            [
                                .local(.constInt64, "cw", .v("px") * .int(sw) - .int(pw) + .v("k")),
                                .ifThen(
                                    .v("cw") >= .int(0) && .v("cw") < .int(t.outW),
                                    [
                                        isMax ? .assign(.v("acc"), "=", maxFold(.v("acc"), value)) : .assign(.v("acc"), "+=", value)
                                    ], else: []),
                            ])
                    ]),
                .assign(.v("dst")[.v("px")], "=", isMax ? .v("acc") : .v("acc") / .cast(.float, poolWindowCount(p, t))),
            ])
    }
}
