import CNNIR

extension TiledConvEmitter {
    /// A 3x3 stride-1 conv as row Winograd F(4,3) (see `RowWinograd`): the input transform into
    /// scratch, then per task (sample, chunk of tile rows, block of output channels) the six
    /// planes' GEMMs into a buffer and the output transform fused with the epilogue.
    static func emitRowWinograd(_ plan: ConvKernelPlan.WinogradRows, _ ctx: inout KernelContext) -> CFunction {
        let a = plan.attributes
        let wg = plan.winograd
        let t = wg.conv
        let gemm = wg.gemm
        let ic = t.icg
        let oc = t.ocg
        let (weight, biasValues) = convParameters(ctx.node, outputs: t.ocg * t.groups)
        let w = weight.withUnsafeBufferPointer { ctx.rowWinogradWeights(wg, $0) }
        let bias = ctx.weights(biasValues)
        var body: [CStmt] = [
            .comment(
                "row Winograd F(4,3): \(wg.tileRows) tiles of 4 rows, 6 GEMMs of \(oc)x\(ic * 3), \(wg.chunks) task rows x \(gemm.blocksPerGroup) blocks of \(gemm.ocb)"
            ),
            .local(.constFloatPointer, "w", w),
            .local(.constFloatPointer, "bias", bias),
        ]
        body += inputTransform(wg, ctx)
        let task =
            rowWinogradTaskSetup(wg) + [rowWinogradGEMMs(wg)]
            + (a.epilogue.pool.map { rowWinogradPooledOutput(a, $0, wg, ctx) } ?? [rowWinogradOutput(a, wg, ctx)])
        let flops = 2 * ic * 3 * RowWinograd.alpha * wg.chunkRows * t.wq * oc
        body += [
            // Chunks outside blocks: consecutive tasks share the chunk's transformed rows in cache.
            KernelContext.parallelFor(collapse: 3, work: flops),
            .loop("b", ctx.batch, [.loop("tc", .int(wg.chunks), [.loop("blk", .int(gemm.blocksPerGroup), task)])]),
        ]
        return ctx.function(body, scratch: true)
    }

    /// A task's block of channels (`width`, `bb`), its tile rows and columns, and its GEMMs' buffer.
    static func rowWinogradTaskSetup(_ wg: RowWinograd) -> [CStmt] {
        let t = wg.conv
        let gemm = wg.gemm
        return [
            .local(.constInt64, "width", .call("cnnc_min", [.int(gemm.ocb), .int(t.ocg) - .v("blk") * .int(gemm.ocb)])),
            .local(.constFloatPointer, "bb", .v("bias") + .v("blk") * .int(gemm.ocb)),
            .local(.constInt64, "g", .int(0)),
            .local(.constInt64, "ty0", .v("tc") * .int(wg.chunkRows)),
            .local(.constInt64, "ty1", .call("cnnc_min", [.v("ty0") + .int(wg.chunkRows), .int(wg.tileRows)])),
            .local(.constInt64, "q0", .v("ty0") * .int(t.wq)),
            .local(.constInt64, "q1", .v("ty1") * .int(t.wq)),
            .array(.float, "planes", count: RowWinograd.alpha * gemm.ocb * wg.span, alignment: 64),
        ]
    }

    /// The six GEMMs: plane ξ of every channel against the ξ-th transformed weights.
    static func rowWinogradGEMMs(_ wg: RowWinograd) -> CStmt {
        let t = wg.conv
        let gemm = wg.gemm
        let ic = t.icg
        let oc = t.ocg
        let span = wg.span
        let vtype = CType.vector(gemm.lanes)
        return .loop(
            "xi", .int(RowWinograd.alpha),
            [
                .local(.constFloatPointer, "xs", .v("scratch") + .v("b") * .int(wg.scratchFloats) + .v("xi") * .int(ic * wg.planeFloats)),
                .local(.constFloatPointer, "wb", .v("w") + .v("xi") * .int(oc * ic * 3) + .v("blk") * .int(gemm.ocb * ic * 3)),
                .local(.floatPointer, "wt", .v("planes") + .v("xi") * .int(gemm.ocb * span)),
                .loop(
                    "tt", from: .v("q0"), to: .v("q1"), step: gemm.tile,
                    [
                        .ifThen(
                            .v("width").eq(.int(gemm.ocb)), microKernel(gemm, width: gemm.ocb, vtype: vtype, span: span, fromBias: false),
                            else: oc % gemm.ocb == 0
                                ? [] : microKernel(gemm, width: oc % gemm.ocb, vtype: vtype, span: span, fromBias: false))
                    ]),
            ])
    }

    /// Output row r of a tile: bias + Σ_ξ Aᵀ[r][ξ] · plane ξ (`p`, at column `ow`).
    static func rowWinogradTransformed(_ wg: RowWinograd, _ r: Int) -> CExpr {
        linearCombination(RowWinograd.at[r], start: .v("bb")[.v("j")]) { .v("p")[.int($0 * wg.gemm.ocb * wg.span) + .v("ow")] }
    }

    /// The output transform fused with the epilogue, each tile row of channel j straight to the output.
    static func rowWinogradOutput(_ a: ConvAttributes, _ wg: RowWinograd, _ ctx: KernelContext) -> CStmt {
        let t = wg.conv
        let m = RowWinograd.m
        let oc = t.ocg
        let chan = CExpr.v("blk") * .int(wg.gemm.ocb) + .v("j")
        return .loop(
            "j", .v("width"),
            [
                .loop(
                    "ty", .v("ty0"), .v("ty1"),
                    [
                        .local(.constFloatPointer, "p", .v("planes") + .v("j") * .int(wg.span) + (.v("ty") - .v("ty0")) * .int(t.wq))
                    ]
                        + (0..<m).map { r in
                            let oh = CExpr.v("ty") * .int(m) + .int(r)
                            let index = ((.v("b") * .int(oc) + chan) * .int(t.outH) + oh) * .int(t.outW) + .v("ow")
                            return .ifThen(
                                oh < .int(t.outH),
                                [
                                    .local(
                                        .floatPointer, "dst", ctx.output + ((.v("b") * .int(oc) + chan) * .int(t.outH) + oh) * .int(t.outW)),
                                    .loop(
                                        "ow", .int(t.outW),
                                        [.local(.float, "v", rowWinogradTransformed(wg, r))]
                                            + epilogueStatements(a.epilogue, value: .v("v"), operandIndex: index)
                                            + [.assign(.v("dst")[.v("ow")], "=", .v("v"))]),
                                ], else: [])
                        })
            ])
    }

    /// With a pool: transformed rows go to a buffer of conv rows; then each pooled row of the
    /// chunk takes its window (rows never straddle tiles: the pool's row stride divides 4).
    static func rowWinogradPooledOutput(_ a: ConvAttributes, _ pool: PoolAttributes, _ wg: RowWinograd, _ ctx: KernelContext) -> [CStmt] {
        let t = wg.conv
        let m = RowWinograd.m
        let rowsSpan = wg.chunkRows * m * t.wq
        let (ps, pk) = (rowValue(pool.stride, 1), rowValue(pool.size, 1))
        let pooledH = ctx.node.shape[ctx.node.shape.count - 2]
        return [
            .array(.float, "rows", count: wg.gemm.ocb * rowsSpan, alignment: 64),
            .loop(
                "j", .v("width"),
                [
                    .loop(
                        "ty", .v("ty0"), .v("ty1"),
                        [
                            .local(.constFloatPointer, "p", .v("planes") + .v("j") * .int(wg.span) + (.v("ty") - .v("ty0")) * .int(t.wq))
                        ]
                            + (0..<m).map { r in
                                .block([
                                    .local(
                                        .floatPointer, "dst",
                                        .v("rows") + .v("j") * .int(rowsSpan) + ((.v("ty") - .v("ty0")) * .int(m) + .int(r)) * .int(t.wq)),
                                    .loop("ow", .int(t.outW), [.assign(.v("dst")[.v("ow")], "=", rowWinogradTransformed(wg, r))]),
                                ])
                            })
                ]),
            .loop(
                "ch", from: .v("ty0") * .int(m / ps), to: .call("cnnc_min", [.v("ty1") * .int(m / ps), .int(pooledH)]), step: 1,
                [
                    .local(.constInt64, "rlo", .v("ch") * .int(ps)),
                    .local(.constInt64, "rhi", .call("cnnc_min", [.v("rlo") + .int(pk), .int(t.outH)])),
                    .local(.floatPointer, "wt", .v("rows") + (.v("rlo") - .v("ty0") * .int(m)) * .int(t.wq)),
                ] + poolEpilogue(a, pool, t, ctx, span: rowsSpan, wholeTiles: false)),
        ]
    }

    /// Writes the six transformed planes of every channel: plane ξ row ty = Σ_i Bᵀ[ξ][i] · padded
    /// input row 4·ty + i. Each task pads the tile's six rows into a local buffer first.
    static func inputTransform(_ wg: RowWinograd, _ ctx: KernelContext) -> [CStmt] {
        let t = wg.conv
        let ic = t.icg
        let wq = t.wq
        let alpha = RowWinograd.alpha
        let m = RowWinograd.m
        var combine: [CStmt] = (0..<alpha).map { i in .local(.constFloat, "d\(i)", .v("d")[.int(i * wq) + .v("x")]) }
        for xi in 0..<alpha {
            combine.append(
                .assign(.v("v")[.int(xi * ic * wg.planeFloats) + .v("x")], "=", linearCombination(RowWinograd.bt[xi]) { .v("d\($0)") }))
        }
        return [
            KernelContext.parallelFor(collapse: 2, work: alpha * 5 * wg.planeFloats * ic),
            .loop(
                "b", ctx.batch,
                [
                    .loop(
                        "c", .int(ic),
                        [
                            .local(.constFloatPointer, "src", ctx.input(0) + (.v("b") * .int(ic) + .v("c")) * .int(t.inH * t.inW)),
                            .array(.float, "d", count: alpha * wq, alignment: 64),
                            .loop(
                                "ty", .int(wg.tileRows),
                                [
                                    .loop(
                                        "i", .int(alpha),
                                        [
                                            .local(.constInt64, "ih", .v("ty") * .int(m) + .v("i") - .int(t.padTop)),
                                            .local(.floatPointer, "row", .v("d") + .v("i") * .int(wq)),
                                            paddedRow(t, width: wq),
                                        ]),
                                    .local(
                                        .floatPointer, "v",
                                        .v("scratch") + .v("b") * .int(wg.scratchFloats) + .v("c") * .int(wg.planeFloats) + .v("ty")
                                            * .int(wq)),
                                    .loop("x", .int(wq), combine),
                                ]),
                            // The last tile's GEMM reads past the planes into lanes it discards.
                            .ifThen(
                                .v("c").eq(.int(0)),
                                [
                                    .loop(
                                        "x", .int(alpha * ic * wg.planeFloats), .int(wg.scratchFloats),
                                        [
                                            .assign(.v("scratch")[.v("b") * .int(wg.scratchFloats) + .v("x")], "=", .float(0))
                                        ])
                                ], else: []),
                        ])
                ]),
        ]
    }

    /// Fills `row` (`width` floats) with input row `ih` of `src`, padded with zeros: the columns
    /// left of the input, right of it, and the whole row when `ih` is outside the input.
    static func paddedRow(_ t: ConvTiling, width: Int) -> CStmt {
        .ifThen(
            .v("ih") < .int(0) || .v("ih") >= .int(t.inH),
            [
                .loop("x", .int(width), [.assign(.v("row")[.v("x")], "=", .float(0))])
            ],
            else: [
                .loop("x", .int(t.padLeft), [.assign(.v("row")[.v("x")], "=", .float(0))]),
                copyFloats(to: .v("row") + .int(t.padLeft), from: .v("src") + .v("ih") * .int(t.inW), count: t.inW),
                .loop("x", .int(t.padLeft + t.inW), .int(width), [.assign(.v("row")[.v("x")], "=", .float(0))]),
            ])
    }
}
