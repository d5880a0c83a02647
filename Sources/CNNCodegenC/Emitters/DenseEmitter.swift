import CNNIR

/// Fully connected layer. Weights are repacked at compile time into blocks of 16 units,
/// `[U/16][N][16]`, so each thread streams one contiguous block and the inner loop is a
/// 16-lane FMA; every sample of the batch reuses a block while it is in cache.
enum DenseEmitter {
    static let block = 16

    static func emit(_ a: DenseAttributes, _ ctx: inout KernelContext) -> CFunction {
        let n = ctx.inputShapes[0].reduce(1, *), units = a.units
        let blocks = (units + block - 1) / block
        let weight = ctx.node.params["weight"]!.storage.floats
        var packed = [Float](repeating: 0, count: blocks * n * block)
        for u in 0..<units {
            let blk = u / block, lane = u % block
            for k in 0..<n { packed[(blk * n + k) * block + lane] = weight[u * n + k] }
        }
        var bias = [Float](repeating: 0, count: blocks * block)
        if let b = ctx.node.params["bias"] { for u in 0..<units { bias[u] = b.storage.floats[u] } }
        let w = ctx.weights(packed)
        let biasPtr = ctx.weights(bias)
        let unit = CExpr.v("blk") * .int(block) + .v("u")
        let steps = epilogueStatements(a.epilogue, value: .v("v"), operandIndex: .v("b") * .int(units) + unit)
        let store: CStmt = .loop("u", .int(block), [
            .ifThen(unit < .int(units), [.decl("float", "v", .v("acc")[.v("u")])] + steps + [.assign(ctx.output[.v("b") * .int(units) + unit], "=", .v("v"))], else: []),
        ])
        return ctx.function([
            .decl("const float *restrict", "w", w),
            .decl("const float *restrict", "bias", biasPtr),
            KernelContext.parallelFor(collapse: 1, work: 2 * n * block * blocks),
            .loop("blk", .int(blocks), [
                .decl("const float *restrict", "wb", .v("w") + .v("blk") * .int(n * block)),
                .loop("b", ctx.batch, [
                    .decl("const float *restrict", "xb", ctx.input(0) + .v("b") * .int(n)),
                    .array("float", "acc", count: block, alignment: 64),
                    .loop("u", .int(block), [.assign(.v("acc")[.v("u")], "=", .v("bias")[.v("blk") * .int(block) + .v("u")])]),
                    .loop("k", .int(n), [
                        .decl("const float", "xv", .v("xb")[.v("k")]),
                        .loop("u", .int(block), [.assign(.v("acc")[.v("u")], "+=", .v("xv") * .v("wb")[.v("k") * .int(block) + .v("u")])]),
                    ]),
                    store,
                ]),
            ]),
        ])
    }
}
