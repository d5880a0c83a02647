import CNNIR

/// Softmax along one axis and cross-channel LRN.
enum NormalizationEmitter {
    /// Softmax over `axis` of the per-sample shape: max-subtracted for range, in float.
    static func emitSoftmax(axis: Int, _ ctx: inout KernelContext) -> CFunction {
        let shape = ctx.node.shape
        let outer = shape[..<axis].reduce(1, *), len = shape[axis], inner = shape[(axis + 1)...].reduce(1, *)
        let at: (CExpr) -> CExpr = { j in (.v("o") * .int(len) + j) * .int(inner) + .v("r") }
        return ctx.function([
            KernelContext.parallelFor(collapse: 1, work: 8 * len * inner * outer),
            .loop("b", ctx.batch, [
                .decl("const float *restrict", "x", ctx.input(0) + .v("b") * .int(shape.reduce(1, *))),
                .decl("float *restrict", "y", ctx.output + .v("b") * .int(shape.reduce(1, *))),
                .loop("o", .int(outer), [.loop("r", .int(inner), [
                    .decl("float", "m", .float(-.infinity)),
                    .loop("j", .int(len), [.assign(.v("m"), "=", .call("fmaxf", [.v("m"), .v("x")[at(.v("j"))]]))]),
                    .decl("float", "sum", .float(0)),
                    .loop("j", .int(len), [
                        .decl("const float", "e", .call("cnnc_expf", [.v("x")[at(.v("j"))] - .v("m")])),
                        .assign(.v("y")[at(.v("j"))], "=", .v("e")),
                        .assign(.v("sum"), "+=", .v("e")),
                    ]),
                    .decl("const float", "inv", .float(1) / .v("sum")),
                    .loop("j", .int(len), [.assign(.v("y")[at(.v("j"))], "*=", .v("inv"))]),
                ])]),
            ]),
        ])
    }

    /// b[c] = a[c] / (k + alpha/size * sum of a^2 over channels [c - size/2, c + (size-1)/2])^beta (PyTorch's window).
    static func emitLRN(_ a: LRNAttributes, _ ctx: inout KernelContext) -> CFunction {
        let shape = ctx.node.shape
        let c = shape[0], plane = shape.dropFirst().reduce(1, *)
        let before = a.size / 2, after = (a.size - 1) / 2
        let at: (CExpr) -> CExpr = { ch in (.v("b") * .int(c) + ch) * .int(plane) + .v("i") }
        return ctx.function([
            KernelContext.parallelFor(collapse: 2, work: (a.size + 8) * plane),
            .loop("b", ctx.batch, [.loop("ch", .int(c), [
                .decl("const int64_t", "lo", .call("cnnc_max", [.v("ch") - .int(before), .int(0)])),
                .decl("const int64_t", "hi", .call("cnnc_min", [.v("ch") + .int(after + 1), .int(c)])),
                .loop("i", .int(plane), [
                    .decl("float", "sum", .float(0)),
                    .loop("j", .v("lo"), .v("hi"), [
                        .decl("const float", "t", ctx.input(0)[at(.v("j"))]),
                        .assign(.v("sum"), "+=", .v("t") * .v("t")),
                    ]),
                    .assign(ctx.output[at(.v("ch"))], "=", ctx.input(0)[at(.v("ch"))] / .call("powf", [.float(a.k) + .float(a.alpha / Float(a.size)) * .v("sum"), .float(a.beta)])),
                ]),
            ])]),
        ])
    }
}
