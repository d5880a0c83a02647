import CNNIR

/// Fully connected layer. Weights are repacked at compile time into blocks of 16 units,
/// `[U/16][N][16]`, so the inner loop is a 16-lane FMA (a `cnnc_v16`, split by clang into
/// narrower registers on narrower targets). A task takes `group` consecutive
/// blocks and accumulates them side by side: one block alone is a chain of dependent FMAs
/// (latency-bound, 4 cycles per input), several are independent chains. Each unit still sums
/// its inputs in order, so the bits do not depend on the grouping or the thread count. Every
/// sample of the batch reuses a task's blocks while they are in cache.
enum DenseEmitter {
    static let block = 16
    /// Blocks accumulated together (the weights are padded with zero blocks to a whole number of groups).
    static func group(blocks: Int) -> Int { min(4, blocks) }

    /// Rows of a linear layer computed together: each weight vector loaded serves this many
    /// rows (4 accumulators of 16 lanes, 8 AVX2 registers), one block of units per task.
    static let rowTile = 4

    static func emit(_ a: DenseAttributes, _ ctx: inout KernelContext) -> CFunction {
        // A linear layer (`lastAxis`) runs as a dense layer on a batch of n x rows vectors of its last axis.
        let input = ctx.inputShapes[0]
        let n = a.lastAxis ? input.last ?? 1 : input.reduce(1, *)
        let units = a.units
        let rows = a.lastAxis ? input.dropLast().reduce(1, *) : 1
        let blocks = (units + block - 1) / block
        // With several rows a sample, rows are tiled instead of blocks (`rowTile`).
        let tiled = rows >= rowTile
        let group = tiled ? 1 : group(blocks: blocks)
        let tasks = (blocks + group - 1) / group
        let weight = ctx.node.params["weight"]!.storage.floats
        var packed = [Float](repeating: 0, count: tasks * group * n * block)
        for u in 0..<units {
            let blk = u / block
            let lane = u % block
            for k in 0..<n { packed[(blk * n + k) * block + lane] = weight[u * n + k] }
        }
        var bias = [Float](repeating: 0, count: tasks * group * block)
        if let b = ctx.node.params["bias"] { for u in 0..<units { bias[u] = b.storage.floats[u] } }
        let w = ctx.weights(packed)
        let biasPtr = ctx.weights(bias)
        let unit = CExpr.v("t") * .int(group * block) + .v("u")
        // An epilogue of activations that call math functions (GELU, SiLU, sigmoid, tanh: libm's erff
        // alone took most of ConvNeXt-Tiny's time) runs on the accumulators as vectors of 16 units
        // (`vectorMathActivation`); other epilogues run per unit at the store, as before.
        let vectorSteps: (String) -> [CStmt]? = { name in
            guard !a.epilogue.isEmpty else { return nil }
            var out: [CStmt] = []
            for step in a.epilogue {
                guard case .activation(let act) = step, vectorActivation(act, .v(name), lanes: block) == nil,
                    let assignments = vectorMathActivation(act, .v(name), lanes: block)
                else { return nil }
                out += assignments
            }
            return out
        }
        let inVectors = vectorSteps("v") != nil
        let steps = inVectors ? [] : epilogueStatements(a.epilogue, value: .v("v"), operandIndex: .v("b") * .int(units) + unit)
        let store: CStmt = .loop(
            "u", .int(group * block),
            [
                .ifThen(
                    unit < .int(units),
                    [.decl("float", "v", .v("acc")[.v("u")])] + steps + [.assign(ctx.output[.v("b") * .int(units) + unit], "=", .v("v"))],
                    else: [])
            ])
        /// `count` rows from row `first`: accumulators a<r>_<g> start at the bias, then one
        /// FMA per input per row and block, in input order (the same sums whatever the tiling).
        func rowsStatements(_ count: Int, first: CExpr) -> [CStmt] {
            let rs = 0..<count
            let gs = 0..<group
            var out: [CStmt] = rs.map { r in .decl("const float *restrict", "x\(r)", ctx.input(0) + (first + .int(r)) * .int(n)) }
            for r in rs {
                for g in gs {
                    out.append(
                        .local(
                            .vector(16), "a\(r)_\(g)",
                            .loadVector(.vector(16), from: .v("bias") + .v("t") * .int(group * block) + .int(g * block))))
                }
            }
            var inner: [CStmt] = gs.map { g in
                .local(
                    CType.vector(16).constant, "w\(g)",
                    .loadVector(.vector(16), from: .v("wb") + .int(g * n * block) + .v("k") * .int(block)))
            }
            for r in rs {
                for g in gs { inner.append(.assign(.v("a\(r)_\(g)"), "+=", .v("x\(r)")[.v("k")] * .v("w\(g)"))) }
            }
            out.append(.loop("k", .int(n), inner))
            for r in rs {
                var body: [CStmt] = [
                    .decl("const int64_t", "b", first + .int(r)),
                    .array("float", "acc", count: group * block, alignment: 64),
                ]
                for g in gs {
                    let accumulator = "a\(r)_\(g)"
                    body += vectorSteps(accumulator) ?? []
                    let slot: CExpr = .vectorAt(.vector(16), .v("acc") + .int(g * block))
                    body.append(.assign(slot, "=", .v(accumulator)))
                }
                body.append(store)
                out.append(.block(body))
            }
            return out
        }
        let total = ctx.batch * .int(rows)
        let perTask: [CStmt] =
            tiled
            ? [
                .decl("const int64_t", "full", total / .int(rowTile) * .int(rowTile)),
                .loop("r0", from: .int(0), to: .v("full"), step: rowTile, rowsStatements(rowTile, first: .v("r0"))),
                .loop("r0", .v("full"), total, rowsStatements(1, first: .v("r0"))),
            ]
            : [
                // One row at a time, several blocks side by side (the dense layer's form).
                .loop(
                    "b", total,
                    [
                        .decl("const float *restrict", "xb", ctx.input(0) + .v("b") * .int(n)),
                        .array("float", "acc", count: group * block, alignment: 64),
                    ]
                        + (0..<group).map { g in
                            .local(
                                .vector(16), "a\(g)",
                                .loadVector(.vector(16), from: .v("bias") + .v("t") * .int(group * block) + .int(g * block)))
                        } + [
                            .loop(
                                "k", .int(n),
                                [
                                    .decl("const float", "xv", .v("xb")[.v("k")])
                                ]
                                    + (0..<group).map { g in
                                        .assign(
                                            .v("a\(g)"), "+=",
                                            .v("xv")
                                                * .loadVector(.vector(16), from: .v("wb") + .int(g * n * block) + .v("k") * .int(block)))
                                    })
                        ]
                        + (0..<group).flatMap { g -> [CStmt] in
                            let slot: CExpr = .vectorAt(.vector(16), .v("acc") + .int(g * block))
                            let steps: [CStmt] = vectorSteps("a\(g)") ?? []
                            return steps + [.assign(slot, "=", .v("a\(g)"))]
                        } + [
                            store
                        ])
            ]
        return ctx.function([
            .decl("const float *restrict", "w", w),
            .decl("const float *restrict", "bias", biasPtr),
            KernelContext.parallelFor(collapse: 1, work: 2 * n * block * blocks * rows),
            .loop(
                "t", .int(tasks),
                [
                    .decl("const float *restrict", "wb", .v("w") + .v("t") * .int(group * n * block))
                ] + perTask),
        ])
    }
}
