import CNNIR

extension TiledConvEmitter {
    /// A conv as `ChannelTiling`: per task (sample, block of channels, output row), tiles of
    /// `p` positions x `ocv` channel vectors in named accumulators across the whole reduction,
    /// then the epilogue from a small transposing buffer. The reduction runs in the same order
    /// as the position-tiled kernel's (input channels, then taps), so the results are the same bits.
    static func emitChannelTiled(_ plan: TiledConvPlan, _ ct: ChannelTiling, _ ctx: inout KernelContext) -> CFunction {
        let a = plan.attributes, t = ct.base
        let ic = t.icg, oc = t.ocg, bc = ct.blockChannels, lanes = ct.lanes, taps = ct.taps
        let vtype = "cnnc_v\(lanes)"
        let (weight, biasValues) = equivalentParameters(plan, ctx.node)
        let w = weight.withUnsafeBufferPointer { ctx.weights(ct.pack($0)) }
        let bias = ctx.weights(ct.packBias(biasValues))
        var body: [CStmt] = [
            .comment("channel-tiled: \(ct.p) positions x \(ct.ocv) vectors of \(lanes) channels, \(ct.blocks) blocks"),
            .decl("const float *restrict", "w", w),
            .decl("const float *restrict", "bias", bias),
        ]
        let source: CExpr
        if t.copiesInput {
            body += copyInput(t, ctx)
            source = .v("scratch")
        } else {
            source = ctx.input(0)
        }
        func acc(_ p: Int, _ v: Int) -> CExpr { .v("a\(p)_\(v)") }
        var tile: [CStmt] = []
        for v in 0..<ct.ocv {
            for p in 0..<ct.p { tile.append(.decl(vtype, "a\(p)_\(v)", .index(.cast("const \(vtype) *", .v("bb") + .int(v * lanes)), 0))) }
        }
        var step: [CStmt] = [
            .decl("const float *restrict", "xi", .v("xs") + .v("ow0") + .v("c") * .int(t.phases * t.planeFloats)),
            .decl("const float *restrict", "wi", .v("wb") + .v("c") * .int(taps * bc)),
        ]
        for kh in 0..<t.kh {
            for kw in 0..<t.kw {
                let tap = kh * t.kw + kw
                let phase = ((kh * t.dh) % t.sh) * t.phaseCols + (kw * t.dw) % t.sw
                let offset = phase * t.planeFloats + ((kh * t.dh) / t.sh) * t.wq + (kw * t.dw) / t.sw
                var block: [CStmt] = []
                for v in 0..<ct.ocv {
                    block.append(.decl("const \(vtype)", "w\(v)", .index(.cast("const \(vtype) *", .v("wi") + .int(tap * bc + v * lanes)), 0)))
                }
                for p in 0..<ct.p {
                    block.append(.decl("const float", "x\(p)", .v("xi")[.int(offset + p)]))
                    for v in 0..<ct.ocv { block.append(.assign(acc(p, v), "+=", .v("w\(v)") * .v("x\(p)"))) }
                }
                step.append(.block(block))
            }
        }
        tile.append(.loop("c", .int(ic), step))
        for p in 0..<ct.p {
            for v in 0..<ct.ocv {
                tile.append(.assign(.index(.cast("\(vtype) *", .v("tmp") + .int(p * bc + v * lanes)), 0), "=", acc(p, v)))
            }
        }
        // Transpose out of the buffer: channel j's p positions are contiguous in the output row.
        let row = (.v("b") * .int(oc) + .v("blk") * .int(bc) + .v("j")) * .int(t.outH) + .v("oh")
        // The positions are unrolled: the loop over channels is straight-line code.
        tile.append(.loop("j", .v("width"), [
            .decl("float *restrict", "dst", ctx.output + row * .int(t.outW) + .v("ow0")),
        ] + (0..<ct.p).map { p in
            .block([.decl("float", "v", .v("tmp")[.int(p * bc) + .v("j")])]
                + epilogueStatements(a.epilogue, value: .v("v"), operandIndex: row * .int(t.outW) + .v("ow0") + .int(p))
                + [.assign(.v("dst")[.int(p)], "=", .v("v"))])
        }))
        let task: [CStmt] = [
            .decl("const int64_t", "width", .call("cnnc_min", [.int(bc), .int(oc) - .v("blk") * .int(bc)])),
            .decl("const float *restrict", "xs", source + .v("b") * .int(ic * t.phases * t.planeFloats) + .v("oh") * .int(t.wq)),
            .decl("const float *restrict", "wb", .v("w") + .v("blk") * .int(ic * taps * bc)),
            .decl("const float *restrict", "bb", .v("bias") + .v("blk") * .int(bc)),
            .array("float", "tmp", count: ct.p * bc, alignment: 64),
            .loop("ow0", from: .int(0), to: .int(t.outW), step: ct.p, [.block(tile)]),
        ]
        let flops = 2 * ic * taps * t.outH * t.outW * oc
        body += [
            // Rows inside blocks: a thread's consecutive tasks share the block's weights in cache.
            KernelContext.parallelFor(collapse: 3, work: flops),
            .loop("b", ctx.batch, [.loop("blk", .int(ct.blocks), [.loop("oh", .int(t.outH), task)])]),
        ]
        return ctx.function(body, scratch: t.usesScratch)
    }
}
