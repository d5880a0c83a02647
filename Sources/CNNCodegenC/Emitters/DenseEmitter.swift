import CNNIR

/// Fully connected layer. Weights are repacked at compile time into blocks of 16 units,
/// `[U/16][N][16]`, so the inner loop is a 16-lane FMA (a `cnnc_v16`, split by clang into
/// narrower registers on narrower targets). A task takes `group` consecutive
/// blocks and accumulates them side by side: one block alone is a chain of dependent FMAs
/// (latency-bound, 4 cycles per input), several are independent chains. Each unit still sums
/// its inputs in order, so the bits do not depend on the grouping or the thread count. Every
/// sample of the batch reuses a task's blocks while they are in cache.
public enum DenseEmitter {
    static let block = 16
    /// Blocks accumulated together (the weights are padded with zero blocks to a whole number of groups).
    static func group(blocks: Int) -> Int { min(4, blocks) }

    /// A linear layer's register tile: `rows` rows by `blocks` blocks of 16 units, one accumulator
    /// of 16 lanes each. Every weight vector loaded serves `rows` rows and every input broadcast
    /// serves `blocks` blocks.
    public struct LinearTile: Equatable, Sendable {
        public var rows: Int
        public var blocks: Int
        public init(rows: Int, blocks: Int) {
            self.rows = rows
            self.blocks = blocks
        }
    }

    /// The tile without a target: 4 rows of one block (4 accumulators, 8 AVX2 registers).
    public static let defaultLinearTile = LinearTile(rows: 4, blocks: 1)
    /// Row tiles in a task's chunk of rows: enough tasks for the threads when a sample has few rows.
    static let chunkTiles = 8

    /// The largest tile whose accumulators, weight vectors and broadcast input fit the target's
    /// registers (a 16-lane vector takes 16 / lanes registers), with the share of padding blocks
    /// counted against it; ties go to more blocks. AVX-512: 6 rows x 4 blocks (24 of 32 registers
    /// hold accumulators); AVX2: 6 x 1 (12 of 16); SSE: 2 x 1. (On AVX2, 2 rows x 3 blocks, which
    /// counted a split weight vector as 2 registers, spilled and ran ConvNeXt-Tiny 1.8x slower.)
    public static func linearTile(blocks: Int, target: VectorTarget?) -> LinearTile {
        // Without a target, or for the scalar target (no vector registers: ARM64's generic form), the
        // tile stays the one every target had before.
        guard let target, target.lanes > 0 else { return defaultLinearTile }
        let perVector = max(1, block / target.lanes)
        var best = LinearTile(rows: 1, blocks: 1)
        var bestScore = 0.0
        for g in 1...min(4, blocks) {
            let weightRegisters = g * perVector
            for r in 1...8 where r * g * perVector + weightRegisters + 1 <= target.registers {
                let padded = (blocks + g - 1) / g * g
                let score = Double(r * g * blocks) / Double(padded)
                if score > bestScore || (score == bestScore && g > best.blocks) {
                    (best, bestScore) = (LinearTile(rows: r, blocks: g), score)
                }
            }
        }
        return best
    }

    static func emit(_ a: DenseAttributes, _ ctx: inout KernelContext) -> CFunction {
        // A linear layer (`lastAxis`) runs as a dense layer on a batch of n x rows vectors of its last axis.
        let input = ctx.inputShapes[0]
        let n = a.lastAxis ? input.last ?? 1 : input.reduce(1, *)
        let units = a.units
        let rows = a.lastAxis ? input.dropLast().reduce(1, *) : 1
        let blocks = (units + block - 1) / block
        // With several rows a sample, rows are tiled as well as blocks (`linearTile`).
        let tile = linearTile(blocks: blocks, target: ctx.target)
        let tiled = rows >= tile.rows && tile.rows > 1
        let group = tiled ? tile.blocks : group(blocks: blocks)
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
        // Whole blocks of units with nothing left to apply per unit are stored as vectors.
        let storesVectors = units % block == 0 && steps.isEmpty
        /// The first unit of block `g` of task `t`.
        func blockStart(_ g: Int) -> CExpr { .v("t") * .int(group * block) + .int(g * block) }
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
                if storesVectors {
                    var body: [CStmt] = [.decl("float *restrict", "o", ctx.output + (first + .int(r)) * .int(units))]
                    for g in gs {
                        let accumulator = "a\(r)_\(g)"
                        let slot: CExpr = .vectorAt(.vector(16), .v("o") + blockStart(g))
                        let stores = (vectorSteps(accumulator) ?? []) + [.assign(slot, "=", .v(accumulator))]
                        // A padding block (past the units) is computed but not stored.
                        body += blocks % group == 0 ? stores : [.ifThen(.v("t") * .int(group) + .int(g) < .int(blocks), stores, else: [])]
                    }
                    out.append(.block(body))
                    continue
                }
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
        if tiled {
            // Tasks are (block group, chunk of rows) pairs, the chunks inner: a thread's run of
            // tasks reads one group's weights (which stay in cache) for many chunks of rows. Chunks
            // outer read every weight once a chunk, from memory when they outgrow the caches
            // (ConvNeXt-Tiny's last stage: 9.4 MB of weights and 49 rows). Each unit's sum is made
            // in one task in input order, so the bits do not depend on the tasks or the threads.
            let chunk = tile.rows * chunkTiles
            return ctx.function([
                .decl("const float *restrict", "w", w),
                .decl("const float *restrict", "bias", biasPtr),
                KernelContext.parallelFor(collapse: 2, work: 2 * n * block * blocks * rows),
                .loop(
                    "t", .int(tasks),
                    [
                        .loop(
                            "c", (total + .int(chunk - 1)) / .int(chunk),
                            [
                                .decl("const float *restrict", "wb", .v("w") + .v("t") * .int(group * n * block)),
                                .decl("const int64_t", "lo", .v("c") * .int(chunk)),
                                .decl("const int64_t", "hi", .call("cnnc_min", [.v("lo") + .int(chunk), total])),
                                .decl("const int64_t", "full", .v("lo") + (.v("hi") - .v("lo")) / .int(tile.rows) * .int(tile.rows)),
                                .loop("r0", from: .v("lo"), to: .v("full"), step: tile.rows, rowsStatements(tile.rows, first: .v("r0"))),
                                .loop("r0", .v("full"), .v("hi"), rowsStatements(1, first: .v("r0"))),
                            ])
                    ]),
            ])
        }
        let perTask: [CStmt] = [
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
