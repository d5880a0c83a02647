import CNNIR

/// Softmax along one axis and cross-channel LRN.
enum NormalizationEmitter {
    /// Softmax over `axis` of the per-sample shape: max-subtracted for range, in float.
    /// With `log`, log-softmax: (x - max) - log(sum of exp(x - max)).
    static func emitSoftmax(axis: Int, log: Bool = false, _ ctx: inout KernelContext) -> CFunction {
        let shape = ctx.node.shape
        let outer = shape[..<axis].reduce(1, *)
        let len = shape[axis]
        let inner = shape[(axis + 1)...].reduce(1, *)
        let at: (CExpr) -> CExpr = { j in (.v("o") * .int(len) + j) * .int(inner) + .v("r") }
        return ctx.function([
            KernelContext.parallelFor(collapse: 1, work: 8 * len * inner * outer),
            .loop(
                "b", ctx.batch,
                [
                    .decl("const float *restrict", "x", ctx.input(0) + .v("b") * .int(shape.reduce(1, *))),
                    .decl("float *restrict", "y", ctx.output + .v("b") * .int(shape.reduce(1, *))),
                    .loop(
                        "o", .int(outer),
                        [
                            .loop(
                                "r", .int(inner),
                                [
                                    .decl("float", "m", .float(-.infinity)),
                                    .loop("j", .int(len), [.assign(.v("m"), "=", maxFold(.v("m"), .v("x")[at(.v("j"))]))]),
                                    .decl("float", "sum", .float(0)),
                                ]
                                    + (log
                                        ? [
                                            .loop(
                                                "j", .int(len),
                                                [.assign(.v("sum"), "+=", .call("cnnc_expf", [.v("x")[at(.v("j"))] - .v("m")]))]),
                                            .decl("const float", "lse", .call("logf", [.v("sum")])),
                                            .loop(
                                                "j", .int(len),
                                                [.assign(.v("y")[at(.v("j"))], "=", (.v("x")[at(.v("j"))] - .v("m")) - .v("lse"))]),
                                        ]
                                        : [
                                            .loop(
                                                "j", .int(len),
                                                [
                                                    .decl("const float", "e", .call("cnnc_expf", [.v("x")[at(.v("j"))] - .v("m")])),
                                                    .assign(.v("y")[at(.v("j"))], "=", .v("e")),
                                                    .assign(.v("sum"), "+=", .v("e")),
                                                ]),
                                            .decl("const float", "inv", .float(1) / .v("sum")),
                                            .loop("j", .int(len), [.assign(.v("y")[at(.v("j"))], "*=", .v("inv"))]),
                                        ]))
                        ]),
                ]),
        ])
    }

    /// b[c] = a[c] / (k + alpha/size * sum of a^2 over channels [c - size/2, c + (size-1)/2])^beta (PyTorch's window).
    static func emitLRN(_ a: LRNAttributes, _ ctx: inout KernelContext) -> CFunction {
        let shape = ctx.node.shape
        let c = shape[0]
        let plane = shape.dropFirst().reduce(1, *)
        let before = a.size / 2
        let after = (a.size - 1) / 2
        // Positions in blocks: the window's squares are summed channel by channel into a block of
        // sums, so both loops run along contiguous positions and vectorise.
        let block = min(plane, 256)
        let base = CExpr.float(a.k) + .float(a.alpha / Float(a.size)) * .v("sum")[.v("i")]
        let x = CExpr.v("xc")[.v("p0") + .v("i")]
        // base^beta: square roots for the common betas (AlexNet's 0.75), which vectorise; powf otherwise.
        let scaled: CExpr
        switch a.beta {
        case 0.75: scaled = x / (.call("sqrtf", [.v("s")]) * .call("sqrtf", [.call("sqrtf", [.v("s")])]))
        case 0.5: scaled = x / .call("sqrtf", [.v("s")])
        case 1: scaled = x / .v("s")
        default: scaled = x / .call("powf", [.v("s"), .float(a.beta)])
        }
        return ctx.function([
            KernelContext.parallelFor(collapse: 2, work: (a.size + 8) * plane * c),
            .loop(
                "b", ctx.batch,
                [
                    .loop(
                        "ch", .int(c),
                        [
                            .decl("const int64_t", "lo", .call("cnnc_max", [.v("ch") - .int(before), .int(0)])),
                            .decl("const int64_t", "hi", .call("cnnc_min", [.v("ch") + .int(after + 1), .int(c)])),
                            .decl("const float *restrict", "xc", ctx.input(0) + (.v("b") * .int(c) + .v("ch")) * .int(plane)),
                            .decl("float *restrict", "yc", ctx.output + (.v("b") * .int(c) + .v("ch")) * .int(plane)),
                            .array("float", "sum", count: block, alignment: 64),
                            .loop(
                                "p0", from: .int(0), to: .int(plane), step: block,
                                [
                                    .decl("const int64_t", "np", .call("cnnc_min", [.int(block), .int(plane) - .v("p0")])),
                                    .loop("i", .v("np"), [.assign(.v("sum")[.v("i")], "=", .float(0))]),
                                    .loop(
                                        "j", .v("lo"), .v("hi"),
                                        [
                                            .decl(
                                                "const float *restrict", "xj",
                                                ctx.input(0) + (.v("b") * .int(c) + .v("j")) * .int(plane) + .v("p0")),
                                            .loop(
                                                "i", .v("np"), [.assign(.v("sum")[.v("i")], "+=", .v("xj")[.v("i")] * .v("xj")[.v("i")])]),
                                        ]),
                                    .loop(
                                        "i", .v("np"),
                                        [
                                            .decl("const float", "s", base),
                                            .assign(.v("yc")[.v("p0") + .v("i")], "=", scaled),
                                        ]),
                                ]),
                        ])
                ]),
        ])
    }
}
