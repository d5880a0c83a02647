import CNNIR

/// Reductions over any set of axes, and layer / instance / group normalisation.
///
/// Both see one sample as runs of axes: neighbouring axes that are all reduced (or all kept)
/// merge into one run, and axes of size 1 drop out. When the innermost run is kept, `inner`
/// positions are contiguous in the input and in the output, so each thread reduces a chunk of
/// them side by side in a small array (the inner loops vectorise and every value is still
/// summed in input order, whatever the thread count); when it is reduced, `inner` is 1.
enum ReductionEmitter {
    /// Positions reduced side by side: a chunk of the innermost kept run.
    static let chunk = 64

    /// Runs of (size, reduced) after merging neighbours and dropping size-1 axes.
    static func runs(_ shape: [Int], reduced: (Int) -> Bool) -> [(size: Int, reduced: Bool)] {
        var out: [(size: Int, reduced: Bool)] = []
        for (d, size) in shape.enumerated() where size != 1 {
            if let last = out.last, last.reduced == reduced(d) {
                out[out.count - 1].size *= size
            } else {
                out.append((size, reduced(d)))
            }
        }
        return out
    }

    static func emit(_ a: ReduceAttributes, _ ctx: inout KernelContext) -> CFunction {
        let shape = ctx.inputShapes[0]
        let inSize = shape.reduce(1, *)
        let outSize = ctx.node.shape.reduce(1, *)
        var runs = runs(shape, reduced: { a.axes.contains($0) })
        let inner = runs.last.map { $0.reduced ? 1 : $0.size } ?? 1
        if runs.last?.reduced == false { runs.removeLast() }
        // Input strides of the remaining runs (the innermost kept run, if any, has stride 1 and size `inner`).
        var strides: [Int] = []
        var stride = inner
        for run in runs.reversed() {
            strides.insert(stride, at: 0)
            stride *= run.size
        }
        let kept = runs.indices.filter { !runs[$0].reduced }
        let reduced = runs.indices.filter { runs[$0].reduced }
        let outer = kept.map { runs[$0].size }.reduce(1, *)
        let count = reduced.map { runs[$0].size }.reduce(1, *)
        let width = min(inner, chunk)
        let chunks = (inner + width - 1) / width

        // The input offset of outer position `o`: each kept run's coordinate times its stride.
        var base: CExpr = .int(0)
        var below = outer
        for k in kept {
            below /= runs[k].size
            base = base + (.v("o") / .int(below)) % .int(runs[k].size) * .int(strides[k])
        }
        /// Nested loops over the reduced runs around `body`, with `p` pointing at the chunk's first position.
        func overReduced(_ body: [CStmt]) -> CStmt {
            var offset: CExpr = .v("x")
            for (level, r) in reduced.enumerated() { offset = offset + .v("r\(level)") * .int(strides[r]) }
            var stmt: CStmt = .block([.decl("const float *restrict", "p", offset), .loop("i", .v("nb"), body)])
            for (level, r) in reduced.enumerated().reversed() { stmt = .loop("r\(level)", .int(runs[r].size), [stmt]) }
            return stmt
        }
        let acc = CExpr.v("acc")[.v("i")]
        let x = CExpr.v("p")[.v("i")]
        // Each kind as a fold: the identity, how two partial results combine, and what each value
        // contributes (log-sum-exp: e^(x - m), after a max pass so exp cannot overflow).
        let initial: Float
        let combine: (CExpr, CExpr) -> CExpr
        let minFold: (CExpr, CExpr) -> CExpr = { acc, x in .ternary(x < acc || x.ne(x), x, acc) }
        switch a.kind {
        case .mean, .sum, .logSumExp, .l1, .l2, .sumSquare: (initial, combine) = (0, { $0 + $1 })
        case .prod: (initial, combine) = (1, { $0 * $1 })
        case .max: (initial, combine) = (-.infinity, maxFold)
        case .min: (initial, combine) = (.infinity, minFold)
        }
        func contribution(_ x: CExpr, max m: CExpr) -> CExpr {
            switch a.kind {
            case .l1: return .call("fabsf", [x])
            case .l2, .sumSquare: return x * x
            case .logSumExp: return .call("cnnc_expf", [x - m])
            case .mean, .sum, .prod, .max, .min: return x
            }
        }
        func result(_ acc: CExpr, max m: CExpr) -> CExpr {
            switch a.kind {
            case .mean: return acc / .float(Float(count))
            case .l2: return .call("sqrtf", [acc])
            case .logSumExp: return .call("logf", [acc]) + m
            case .sum, .l1, .sumSquare, .prod, .max, .min: return acc
            }
        }
        /// The kernel: `perOutput` for each sample `b` and outer position `o`, in parallel over
        /// `collapse` loops (its own loop, if any, counted).
        func overOutputs(collapse: Int, _ perOutput: [CStmt]) -> CFunction {
            ctx.function([
                KernelContext.parallelFor(collapse: collapse, work: inSize * a.kind.cost),
                .loop("b", ctx.batch, [.loop("o", .int(outer), perOutput)]),
            ])
        }
        if inner == 1 && reduced.count == 1 {
            // One contiguous run reduced per output (a global pool's shape): 16 lanes side by side.
            let value = { (j: CExpr) in CExpr.v("x")[j] }
            var body: [CStmt] = []
            if a.kind == .logSumExp { body += laneFold("m", count: count, initial: -.infinity, step: maxFold, term: value) }
            body += laneFold("total", count: count, initial: initial, step: combine, term: { contribution(value($0), max: .v("m")) })
            body.append(.assign(.v("y")[0], "=", result(.v("total"), max: .v("m"))))
            return overOutputs(
                collapse: 2,
                [
                    .decl("const float *restrict", "x", ctx.input(0) + .v("b") * .int(inSize) + base),
                    .decl("float *restrict", "y", ctx.output + .v("b") * .int(outSize) + .v("o")),
                ] + body)
        }
        var body: [CStmt] = [.array("float", "acc", count: width, alignment: 64)]
        if a.kind == .logSumExp {
            body += [
                .array("float", "m", count: width, alignment: 64),
                .loop("i", .v("nb"), [.assign(.v("m")[.v("i")], "=", .float(-.infinity))]),
                overReduced([.assign(.v("m")[.v("i")], "=", maxFold(.v("m")[.v("i")], x))]),
            ]
        }
        body += [
            .loop("i", .v("nb"), [.assign(acc, "=", .float(initial))]),
            overReduced([.assign(acc, "=", combine(acc, contribution(x, max: .v("m")[.v("i")])))]),
            .loop("i", .v("nb"), [.assign(.v("y")[.v("i")], "=", result(acc, max: .v("m")[.v("i")]))]),
        ]
        return overOutputs(
            collapse: 3,
            [
                .loop(
                    "c", .int(chunks),
                    [
                        .decl("const int64_t", "i0", .v("c") * .int(width)),
                        .decl("const int64_t", "nb", .call("cnnc_min", [.int(width), .int(inner) - .v("i0")])),
                        .decl("const float *restrict", "x", ctx.input(0) + .v("b") * .int(inSize) + base + .v("i0")),
                        .decl("float *restrict", "y", ctx.output + .v("b") * .int(outSize) + .v("o") * .int(inner) + .v("i0")),
                    ] + body)
            ])
    }

    /// Layer, instance and group norm: mean, then the biased variance about it (two passes, for
    /// accuracy), then y = (x - mean) / sqrt(var + eps) * weight + bias.
    static func emitNorm(_ a: NormAttributes, _ ctx: inout KernelContext) -> CFunction {
        let shape = ctx.node.shape
        let size = shape.reduce(1, *)
        let (outer, length, inner) = a.blocks(input: shape)
        let w = ctx.weights(ctx.node.params["weight"]!)
        let bias = ctx.weights(ctx.node.params["bias"]!)
        let head: [CStmt] = [.decl("const float *restrict", "w", w), .decl("const float *restrict", "bb", bias)]
        let eps = CExpr.float(a.epsilon)
        if inner > 1 {
            // Normalised axes in the middle (ConvNeXt's channels-first layer norm): a chunk of the
            // contiguous inner positions at a time, each with its own statistics.
            let width = min(inner, chunk)
            let chunks = (inner + width - 1) / width
            let x = CExpr.v("x")[.v("j") * .int(inner) + .v("i")]
            let y = CExpr.v("y")[.v("j") * .int(inner) + .v("i")]
            let mean = CExpr.v("mean")[.v("i")]
            let rs = CExpr.v("rs")[.v("i")]
            return ctx.function(
                head + [
                    KernelContext.parallelFor(collapse: 3, work: 6 * size),
                    .loop(
                        "b", ctx.batch,
                        [
                            .loop(
                                "o", .int(outer),
                                [
                                    .loop(
                                        "c", .int(chunks),
                                        [
                                            .decl("const int64_t", "i0", .v("c") * .int(width)),
                                            .decl("const int64_t", "nb", .call("cnnc_min", [.int(width), .int(inner) - .v("i0")])),
                                            .decl(
                                                "const float *restrict", "x",
                                                ctx.input(0) + .v("b") * .int(size) + .v("o") * .int(length * inner) + .v("i0")),
                                            .decl(
                                                "float *restrict", "y",
                                                ctx.output + .v("b") * .int(size) + .v("o") * .int(length * inner) + .v("i0")),
                                            .array("float", "mean", count: width, alignment: 64),
                                            .array("float", "rs", count: width, alignment: 64),
                                            .loop("i", .v("nb"), [.assign(mean, "=", .float(0)), .assign(rs, "=", .float(0))]),
                                            .loop("j", .int(length), [.loop("i", .v("nb"), [.assign(mean, "+=", x)])]),
                                            .loop("i", .v("nb"), [.assign(mean, "=", mean / .float(Float(length)))]),
                                            .loop(
                                                "j", .int(length),
                                                [
                                                    .loop(
                                                        "i", .v("nb"),
                                                        [
                                                            .decl("const float", "d", x - mean),
                                                            .assign(rs, "+=", .v("d") * .v("d")),
                                                        ])
                                                ]),
                                            .loop(
                                                "i", .v("nb"),
                                                [.assign(rs, "=", .float(1) / .call("sqrtf", [rs / .float(Float(length)) + eps]))]),
                                            .loop(
                                                "j", .int(length),
                                                [
                                                    .decl("const float", "wj", .v("w")[.v("j")]),
                                                    .decl("const float", "bj", .v("bb")[.v("j")]),
                                                    .loop("i", .v("nb"), [.assign(y, "=", (x - mean) * rs * .v("wj") + .v("bj"))]),
                                                ]),
                                        ])
                                ])
                        ]),
                ])
        }
        // Each normalised block is contiguous: `length` values, summed in 16 interleaved partial
        // sums (which vectorise) folded in a fixed order.
        let channels: Int
        let spatial: Int
        switch a.kind {
        case .layer: (channels, spatial) = (1, length)
        case .instance: (channels, spatial) = (1, length)
        case .group(let g): (channels, spatial) = (shape[0] / g, length / (shape[0] / g))
        }
        let x = CExpr.v("x")
        func sum(_ name: String, _ term: (CExpr) -> CExpr) -> [CStmt] {
            laneFold(name, count: length, initial: 0, step: { $0 + $1 }, term: { term(x[$0]) })
        }
        let write: CStmt
        if case .layer = a.kind {
            write = .loop(
                "j", .int(length),
                [.assign(.v("y")[.v("j")], "=", (x[.v("j")] - .v("mean")) * .v("rs") * .v("w")[.v("j")] + .v("bb")[.v("j")])])
        } else {
            // Per channel: y = x * scale + shift with scale = w rs, shift = b - mean scale.
            let ch: CExpr = a.kind == .instance ? .v("o") : .v("o") * .int(channels) + .v("cc")
            write = .loop(
                "cc", .int(channels),
                [
                    .decl("const float", "scale", .v("w")[ch] * .v("rs")),
                    .decl("const float", "shift", .v("bb")[ch] - .v("mean") * .v("scale")),
                    .decl("const int64_t", "q", .v("cc") * .int(spatial)),
                    .loop("s", .int(spatial), [.assign(.v("y")[.v("q") + .v("s")], "=", x[.v("q") + .v("s")] * .v("scale") + .v("shift"))]),
                ])
        }
        return ctx.function(
            head + [
                KernelContext.parallelFor(collapse: 2, work: 6 * size),
                .loop(
                    "b", ctx.batch,
                    [
                        .loop(
                            "o", .int(outer),
                            [
                                .decl("const float *restrict", "x", ctx.input(0) + .v("b") * .int(size) + .v("o") * .int(length)),
                                .decl("float *restrict", "y", ctx.output + .v("b") * .int(size) + .v("o") * .int(length)),
                            ] + sum("total", { $0 }) + [
                                .decl("const float", "mean", .v("total") / .float(Float(length)))
                            ] + sum("sq", { ($0 - .v("mean")) * ($0 - .v("mean")) }) + [
                                .decl("const float", "rs", .float(1) / .call("sqrtf", [.v("sq") / .float(Float(length)) + eps])),
                                write,
                            ])
                    ]),
            ])
    }
}
