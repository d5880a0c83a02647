import CNNIR

extension TiledConvEmitter {
    /// A conv as `ChannelTiling`: per task (sample, block of channels, group of output rows), for
    /// each chunk of input channels, every tile of `p` positions x `ocv` channel vectors loads its
    /// accumulators (the bias on the first chunk), reduces the chunk in named registers and
    /// stores them to the task's buffer; the epilogue then transposes the buffer into the output.
    /// Each output's sum still runs over input channels, then taps, in order: the same bits as
    /// the position-tiled kernel.
    static func emitChannelTiled(_ channelPlan: ConvKernelPlan.ChannelTiles, _ ctx: inout KernelContext) -> CFunction {
        let ct = channelPlan.channels
        let t = ct.base
        let (weight, biasValues) = convParameters(ctx.node, outputs: t.ocg * t.groups)
        let w = weight.withUnsafeBufferPointer { ctx.weights(ct.pack($0)) }
        let bias = ctx.weights(ct.packBias(biasValues))
        var body: [CStmt] = [
            .comment(
                "channel-tiled: \(ct.p) positions\(ct.flat ? " (across rows)" : ct.rowTail > 0 ? " (and \(ct.rowTail) at each row's end)" : "") x \(ct.ocv) vectors of \(ct.lanes) channels, \(ct.blocks) blocks"
            ),
            .local(.constFloatPointer, "w", w),
            .local(.constFloatPointer, "bias", bias),
        ]
        var source: CExpr
        if t.copiesInput {
            body += copyInput(t, ctx)
            source = .v("scratch")
        } else {
            source = ctx.input(0)
        }
        let flops = 2 * t.icg * ct.taps * t.outH * t.outW * t.ocg
        if let k = channelPlan.attributes.inputScale {
            if channelPlan.scalesInput {
                body += scaledInput(ctx, scale: k, copyFloats: t.scratchFloats, inputChannels: t.icg, plane: t.planeFloats)
                source = .v("xsc")
            } else {
                body += scaledWeights(
                    ctx, scale: k, copyFloats: t.scratchFloats, inputChannels: t.icg, blocks: ct.blocks, blockStride: ct.blockChannels,
                    width: .int(ct.blockChannels), taps: ct.taps, perSample: ct.packedWeightFloats)
            }
        }
        // Tasks in the order the threads' static shares should follow: block by block (each
        // thread a range of output channels), or, with `channelTilesRowsOuter`, row group by row
        // group (each thread a range of rows, every block of them).
        let task = channelTiledTask(channelPlan, channelPlan.attributes.epilogue, ctx, source: source)
        let rowsOuter = ct.rowTasks > 1 && ctx.thresholds.channelTilesRowsOuter
        let (outer, inner) = rowsOuter ? (("rg", ct.rowTasks), ("blk", ct.blocks)) : (("blk", ct.blocks), ("rg", ct.rowTasks))
        body += [
            KernelContext.parallelFor(collapse: 3, work: flops),
            .loop("b", ctx.batch, [.loop(outer.0, .int(outer.1), [.loop(inner.0, .int(inner.1), task)])]),
        ]
        return ctx.function(body, scratch: ConvKernelPlan.channelTiles(channelPlan).scratchFloats > 0)
    }

    /// One task (sample `b`, block `blk`, row group `rg`): chunk by chunk of input channels,
    /// every tile of its rows into the buffer `acc`; then the epilogue out of it.
    static func channelTiledTask(
        _ channelPlan: ConvKernelPlan.ChannelTiles, _ epilogue: [EpilogueStep], _ ctx: KernelContext, source: CExpr
    ) -> [CStmt] {
        let ct = channelPlan.channels
        let t = ct.base
        let ic = t.icg
        let bc = ct.blockChannels
        return [
            .local(.constInt64, "width", .call("cnnc_min", [.int(bc), .int(t.ocg) - .v("blk") * .int(bc)])),
            .local(
                .constFloatPointer, "wb",
                (channelPlan.scalesWeights ? .v("ws") + .v("b") * .int(ct.packedWeightFloats) : .v("w"))
                    + .v("blk") * .int(ic * ct.taps * bc)),
            .local(.constFloatPointer, "bb", .v("bias") + .v("blk") * .int(bc)),
            .local(.constInt64, "oh0", .v("rg") * .int(ct.rowsPerTask)),
            .local(.constInt64, "oh1", .call("cnnc_min", [.v("oh0") + .int(ct.rowsPerTask), .int(t.outH)])),
            .array(.float, "acc", count: ct.rowsPerTask * t.outW * bc, alignment: 64),
            // Chunks of input channels whose weights stay in L1 while every tile of the task uses them.
            .loop(
                "c0", from: .int(0), to: .int(ic), step: ct.channelsPerChunk,
                [
                    .local(.constInt64, "c1", .call("cnnc_min", [.v("c0") + .int(ct.channelsPerChunk), .int(ic)]))
                ] + channelTiles(channelPlan, source: source, prefetch: Prefetches(ct, ctx))),
        ] + channelTiledStore(ct, epilogue, ctx)
    }

    /// What the tiles' reduction steps prefetch: the next chunk's `weights`, and their `input`
    /// rows a line ahead (`channelInputPrefetch`) where the input, which every block reads
    /// again, exceeds `channelTileInputPrefetchAboveBytes`; neither for a conv with more than one
    /// tap unless `channelTilesPrefetchWithTaps`.
    struct Prefetches {
        let weights: Bool
        let input: Bool
        init(_ ct: ChannelTiling, _ ctx: KernelContext) {
            let t = ct.base
            let th = ctx.thresholds
            let prefetches = ct.taps == 1 || th.channelTilesPrefetchWithTaps
            let inputBytes = t.icg * t.phases * t.planeFloats * 4
            weights = prefetches
            input = prefetches && (th.channelTileInputPrefetchAboveBytes.map { inputBytes > $0 } ?? false)
        }
    }

    /// Prefetches (into L1) the line after each run of input a step reads, clamped to the
    /// sample's input: a tile reads a few positions of each channel's row, and the next tiles the
    /// rest of its line, then the next line. With an input larger than L2, which each block of
    /// channels streams again from L3, a new line of every channel's row waited for L3 every few
    /// tiles (ResNet-50's 1x1 convs on 14x14 with 1024 input channels, 800 KB: 67-70% -> 77-82%
    /// of a Zen 3 core's peak).
    static func channelInputPrefetch(_ ct: ChannelTiling, width: Int) -> [CStmt] {
        let t = ct.base
        let stride = t.phases * t.planeFloats
        // The last index of the sample's input, from `xs` (row `oh` of channel 0).
        let last = CExpr.int(t.icg * stride - 1) - .v("oh") * .int(t.wq)
        return tapRuns(t, width: width).map { start, _ in
            let index = CExpr.v("ow0") + .v("c") * .int(stride) + .int(start + 16)
            return .expr(.call("__builtin_prefetch", [.v("xs") + .call("cnnc_min", [index, last]), .int(0), .int(3)]))
        }
    }

    /// The task's tiles for one chunk of input channels: row by row, or with `flat` tiles the
    /// task's rows as one range (1x1 convs: rows of `outW` positions, no padding columns), whole
    /// tiles then a narrower one for the rest, whose width is fixed per task size; with two task
    /// sizes, each tail runs only in its own (the plan checked that each ends where its task's
    /// range ends).
    static func channelTiles(_ channelPlan: ConvKernelPlan.ChannelTiles, source: CExpr, prefetch: Prefetches) -> [CStmt] {
        let ct = channelPlan.channels
        let t = ct.base
        let rowSource = source + .v("b") * .int(t.icg * t.phases * t.planeFloats) + .v("oh") * .int(t.wq)
        guard ct.flat else {
            // Whole tiles, then each row's narrower last tile (`rowTail`), if any.
            let tail = ct.rowTail
            let rowEnd: [CStmt] =
                tail == 0
                ? []
                : [
                    .block(
                        [.local(.constInt64, "ow0", .int(t.outW - tail))]
                            + channelTile(ct, width: tail, prefetch: prefetch))
                ]
            return [
                .loop(
                    "oh", .v("oh0"), .v("oh1"),
                    [
                        .local(.constFloatPointer, "xs", rowSource),
                        .loop(
                            "ow0", from: .int(0), to: .int(t.outW - tail), step: ct.p,
                            [.block(channelTile(ct, width: ct.p, prefetch: prefetch))]),
                    ] + rowEnd)
            ]
        }
        let tails: [CStmt] = channelPlan.tails.map { tail in
            let body: [CStmt] =
                [.local(.constInt64, "ow0", .int(tail.start))]
                + channelTile(ct, width: tail.width, prefetch: prefetch)
            return ct.taskRows.count == 1 ? .block(body) : .ifThen(.v("span").eq(.int(tail.rows * t.outW)), body, else: [])
        }
        return [
            .local(.constInt64, "oh", .v("oh0")),
            .local(.constFloatPointer, "xs", rowSource),
            .local(.constInt64, "span", (.v("oh1") - .v("oh0")) * .int(t.outW)),
            .loop(
                "ow0", from: .int(0), to: .v("span") - .int(ct.p - 1), step: ct.p,
                [.block(channelTile(ct, width: ct.p, prefetch: prefetch))]),
        ] + tails
    }

    /// One tile of `width` positions at `ow0` of row `oh` (with `flat` tiles, of the task's range
    /// from `oh0`): accumulators from the bias on the first chunk of input channels, else from
    /// the buffer; the chunk's channels and taps (an input scale is in the weights already:
    /// `scaledWeights`); the accumulators back to the buffer.
    static func channelTile(_ ct: ChannelTiling, width: Int, prefetch: Prefetches) -> [CStmt] {
        let t = ct.base
        let bc = ct.blockChannels
        let lanes = ct.lanes
        let taps = ct.taps
        let vtype = CType.vector(lanes)
        var tile: [CStmt] = [
            .local(.floatPointer, "ab", .v("acc") + ((.v("oh") - .v("oh0")) * .int(t.outW) + .v("ow0")) * .int(bc)),
            .local(.constFloatPointer, "ib", .ternary(.v("c0").eq(.int(0)), .v("bb"), .v("ab"))),
            .local(.constInt64, "is", .ternary(.v("c0").eq(.int(0)), .int(0), .int(bc))),
        ]
        for v in 0..<ct.ocv {
            for p in 0..<width {
                tile.append(.local(vtype, "a\(p)_\(v)", .loadVector(vtype, from: .v("ib") + .int(p) * .v("is") + .int(v * lanes))))
            }
        }
        var step: [CStmt] = [
            .local(.constFloatPointer, "xi", .v("xs") + .v("ow0") + .v("c") * .int(t.phases * t.planeFloats)),
            .local(.constFloatPointer, "wi", .v("wb") + .v("c") * .int(taps * bc)),
        ]
        // The next chunk's weights (the next block's after the last chunk) load while this one runs.
        if prefetch.weights { step += Self.prefetch(from: "wi", ahead: ct.channelsPerChunk * taps * bc, floats: taps * bc) }
        if prefetch.input { step += channelInputPrefetch(ct, width: width) }
        for kh in 0..<t.kh {
            for kw in 0..<t.kw {
                let tap = kh * t.kw + kw
                let offset = t.rowOffset(kh) + t.columnOffset(kw)
                // Tiles of 5 positions x 2 vectors (`rowTails`) leave no register for a broadcast
                // kept from one tap to a later one that reads the same input (kw 0 and 2 of a
                // stride-2 conv, one column apart): clang kept them and spilled 3-5 vectors per
                // step. Each tap loads its own after a compiler barrier (the same speed on a Zen 3
                // core, the same bits).
                if ct.rowTails && tap > 0 { step.append(.compilerBarrier) }
                step.append(
                    .block(
                        channelLaneFMAs(
                            p: width, ocv: ct.ocv, lanes: lanes, weights: .v("wi") + .int(tap * bc),
                            input: { .v("xi")[.int(offset + $0)] })
                    ))
            }
        }
        tile.append(.loop("c", .v("c0"), .v("c1"), step))
        for p in 0..<width {
            for v in 0..<ct.ocv {
                tile.append(.assign(.vectorAt(vtype, .v("ab") + .int(p * bc + v * lanes)), "=", .v("a\(p)_\(v)")))
            }
        }
        return tile
    }

    /// The epilogue transposes out of the buffer: channel j's row is contiguous in the output.
    /// Short rows are unrolled: the loop over channels is then straight-line code.
    /// Activations before the first fused add run first, in vectors over the whole buffer (each
    /// lane gets the scalar form's bits): one at a time in the transposing loop, SiLU's sigmoid
    /// made EfficientNet-B0's expand convs at 7 x 7 take twice their FMA time.
    static func channelTiledStore(_ ct: ChannelTiling, _ epilogue: [EpilogueStep], _ ctx: KernelContext) -> [CStmt] {
        let t = ct.base
        let bc = ct.blockChannels
        let vtype = CType.vector(ct.lanes)
        let leading = leadingVectorActivations(epilogue, lanes: ct.lanes)
        let lead = vectorEpilogueStatements(Array(epilogue.prefix(leading)), value: .v("v"), operandIndex: .int(0), lanes: ct.lanes)!
        let vectorPass: [CStmt] =
            lead.isEmpty
            ? []
            : [
                .loop(
                    "i", from: .int(0), to: (.v("oh1") - .v("oh0")) * .int(t.outW * bc), step: ct.lanes,
                    [.local(vtype, "v", .loadVector(vtype, from: .v("acc") + .v("i")))] + lead + [
                        .assign(.vectorAt(vtype, .v("acc") + .v("i")), "=", .v("v"))
                    ])
            ]
        let epilogue = Array(epilogue.dropFirst(leading))
        let row = (.v("b") * .int(t.ocg) + .v("blk") * .int(bc) + .v("j")) * .int(t.outH) + .v("oh")
        let element: (CExpr) -> [CStmt] = { ow in
            [.local(.float, "v", .v("acc")[((.v("oh") - .v("oh0")) * .int(t.outW) + ow) * .int(bc) + .v("j")])]
                + epilogueStatements(epilogue, value: .v("v"), operandIndex: row * .int(t.outW) + ow)
                + [.assign(.v("dst")[ow], "=", .v("v"))]
        }
        let store: [CStmt] = t.outW <= 16 ? (0..<t.outW).map { .block(element(.int($0))) } : [.loop("ow", .int(t.outW), element(.v("ow")))]
        return vectorPass + [
            .loop(
                "j", .v("width"),
                [
                    .loop(
                        "oh", .v("oh0"), .v("oh1"),
                        [
                            .local(.floatPointer, "dst", ctx.output + row * .int(t.outW))
                        ] + store)
                ])
        ]
    }

    /// One reduction step with output channels across the lanes, into the accumulators
    /// `a{i}_{v}`: `ocv` weight vectors from `weights`, then for each of the `p` positions (or
    /// tiles) its input value, broadcast into `ocv` FMAs.
    static func channelLaneFMAs(p: Int, ocv: Int, lanes: Int, weights: CExpr, input: (Int) -> CExpr) -> [CStmt] {
        let vtype = CType.vector(lanes)
        var step: [CStmt] = (0..<ocv).map { v in
            let w = CExpr.loadVector(vtype, from: weights + .int(v * lanes))
            return .local(vtype.constant, "w\(v)", w)
        }
        for i in 0..<p {
            step.append(.local(.constFloat, "x\(i)", input(i)))
            for v in 0..<ocv { step.append(.multiplyAdd(.v("a\(i)_\(v)"), .v("w\(v)"), .v("x\(i)"))) }
        }
        return step
    }
}
