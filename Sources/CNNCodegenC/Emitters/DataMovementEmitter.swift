import CNNIR

/// Kernels that only move data: concat, upsample and copies (pad: `ResampleEmitter`) (flatten, output aliases).
enum DataMovementEmitter {
    /// Plain copy of the per-sample tensor (flatten keeps channel-major order, so it is a copy).
    static func emitCopy(_ ctx: inout KernelContext) -> CFunction {
        let count = ctx.node.elementCount
        return ctx.function([
            .expr(.call("memcpy", [ctx.output, ctx.input(0), .cast("size_t", ctx.batch * .int(count)) * .call("sizeof", [.v("float")])])),
            .expr(.cast("void", .v("nt"))),
        ])
    }

    /// Each input fills its slice of the axis: contiguous runs of (axis length x inner) floats,
    /// copied in pieces of at most 4096 floats so both threads share even a one-sample concat
    /// (one team; each input's pieces are split among the threads without a barrier between).
    static func emitConcat(axis: Int, _ ctx: inout KernelContext) -> CFunction {
        let out = ctx.node.shape
        let outer = out[..<axis].reduce(1, *)
        let inner = out[(axis + 1)...].reduce(1, *)
        let piece = 4096
        var body: [CStmt] = []
        var offset = 0
        for (k, shape) in ctx.inputShapes.enumerated() {
            let run = shape[axis] * inner
            let pieces = (run + piece - 1) / piece
            body += [
                .pragma("omp for collapse(3) schedule(static) nowait"),
                .loop(
                    "b", ctx.batch,
                    [
                        .loop(
                            "o", .int(outer),
                            [
                                .loop(
                                    "p", .int(pieces),
                                    [
                                        .decl("const int64_t", "lo", .v("p") * .int(piece)),
                                        .expr(
                                            .call(
                                                "memcpy",
                                                [
                                                    ctx.output + .v("b") * .int(out.reduce(1, *)) + .v("o") * .int(out[axis] * inner)
                                                        + .int(offset) + .v("lo"),
                                                    ctx.input(k) + .v("b") * .int(shape.reduce(1, *)) + .v("o") * .int(run) + .v("lo"),
                                                    .cast("size_t", .call("cnnc_min", [.int(piece), .int(run) - .v("lo")]))
                                                        * .call("sizeof", [.v("float")]),
                                                ])),
                                    ])
                            ])
                    ]),
            ]
            offset += run
        }
        return ctx.function([KernelContext.parallelTeam(work: out.reduce(1, *) / 4), .block(body)])
    }

    /// Nearest (source floor(i / scale)) or bilinear (half-pixel centres, align_corners false) upsampling.
    static func emitUpsample(scale: [Int], mode: UpsampleMode, _ ctx: inout KernelContext) -> CFunction {
        let s = ctx.inputShapes[0]
        let c = s[0]
        let ih = s[1]
        let iw = s[2]
        let oh = ih * scale[0]
        let ow = iw * scale[1]
        let cell: [CStmt]
        switch mode {
        case .nearest:
            cell = [
                .assign(
                    .v("y")[.v("oy") * .int(ow) + .v("ox")], "=",
                    .v("x")[(.v("oy") / .int(scale[0])) * .int(iw) + .v("ox") / .int(scale[1])])
            ]
        case .bilinear:
            // Source coordinate (o + 0.5) / scale - 0.5, clamped at 0 like PyTorch; weights per axis.
            func axis(_ o: String, _ sc: Int, _ size: Int, _ p: String) -> [CStmt] {
                [
                    .decl(
                        "float", p + "f",
                        .call("fmaxf", [(.cast("float", .v(o)) + .float(0.5)) / .float(Float(sc)) - .float(0.5), .float(0)])),
                    .decl("int64_t", p + "0", .cast("int64_t", .v(p + "f"))),
                    .decl("int64_t", p + "1", .call("cnnc_min", [.v(p + "0") + .int(1), .int(size - 1)])),
                    .decl("float", p + "w", .v(p + "f") - .cast("float", .v(p + "0"))),
                ]
            }
            let px: (String, String) -> CExpr = { yy, xx in .v("x")[.v(yy) * .int(iw) + .v(xx)] }
            cell =
                axis("oy", scale[0], ih, "sy") + axis("ox", scale[1], iw, "sx") + [
                    .assign(
                        .v("y")[.v("oy") * .int(ow) + .v("ox")], "=",
                        (.float(1) - .v("syw")) * ((.float(1) - .v("sxw")) * px("sy0", "sx0") + .v("sxw") * px("sy0", "sx1"))
                            + .v("syw") * ((.float(1) - .v("sxw")) * px("sy1", "sx0") + .v("sxw") * px("sy1", "sx1")))
                ]
        }
        return ctx.function(
            PoolEmitter.planeLoop(
                ctx, channels: c, inCount: ih * iw, outCount: oh * ow, work: oh * ow * 4,
                body: [
                    .loop("oy", .int(oh), [.loop("ox", .int(ow), cell)])
                ]))
    }
}
