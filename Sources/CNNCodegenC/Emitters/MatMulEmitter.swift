import CNNIR

/// `out = a @ b` (NumPy matmul on per-sample shapes): for each sample and each position of the
/// broadcast batch axes, an [M, K] by [K, P] product. The loops over the sample, the batch
/// axes (walked as `BinaryEmitter` walks a broadcast, in units of whole matrices) and the rows
/// of A are collapsed into one parallel loop; each row of the output is accumulated as
/// `o[j] += a[i, k] * b[k, j]` over k, whose inner loop is unit-stride in B and the output and
/// vectorises. A column B (P = 1) is a dot product per row instead.
enum MatMulEmitter {
    static func emit(_ attributes: MatMulAttributes, _ ctx: inout KernelContext) -> CFunction {
        // ShapeInference has already checked the operands (a bad one is a located error there), so
        // failing here is a compiler bug, not bad input.
        let plan: MatMulAttributes.Plan
        do { plan = try attributes.plan(inputs: ctx.inputShapes) } catch {
            preconditionFailure("matmul operands passed shape inference but do not plan: \(error)")
        }
        let (m, k, p) = (plan.m, plan.k, plan.p)
        let (shapeA, shapeB) = attributes.operandShapes(inputs: ctx.inputShapes)
        let dims = BinaryEmitter.dimensions(out: plan.batch, plan.batchA, plan.batchB)

        var decls: [CStmt] = []
        let ((pa, sampleA), (pb, sampleB)) = ctx.twoOperands(attributes.constant, shapeA, shapeB, decls: &decls)
        let sampleOut = ctx.node.elementCount

        func offset(_ stride: (BinaryEmitter.Dimension) -> Int, sample: Int, matrix: Int) -> CExpr {
            dims.indices.reduce(.v("b") * .int(sample)) { $0 + .v("t\($1)") * .int(stride(dims[$1]) * matrix) }
        }
        var row: [CStmt] = [
            .decl("const float *restrict", "ar", pa + offset(\.a, sample: sampleA, matrix: m * k) + .v("i") * .int(k)),
            .decl("const float *restrict", "bm", pb + offset(\.b, sample: sampleB, matrix: k * p)),
            .decl("float *restrict", "o", ctx.output + offset(\.out, sample: sampleOut, matrix: m * p) + .v("i") * .int(p)),
        ]
        if p == 1 {
            row += [
                .decl("float", "s", .float(0)),
                .loop("kk", .int(k), [.assign(.v("s"), "+=", .v("ar")[.v("kk")] * .v("bm")[.v("kk")])]),
                .assign(.v("o")[.int(0)], "=", .v("s")),
            ]
        } else {
            row += [
                .loop("j", .int(p), [.assign(.v("o")[.v("j")], "=", .float(0))]),
                .loop(
                    "kk", .int(k),
                    [
                        .decl("const float", "av", .v("ar")[.v("kk")]),
                        .decl("const float *restrict", "br", .v("bm") + .v("kk") * .int(p)),
                        .loop("j", .int(p), [.assign(.v("o")[.v("j")], "+=", .v("av") * .v("br")[.v("j")])]),
                    ]),
            ]
        }
        var body: [CStmt] = [.loop("i", .int(m), row)]
        for d in dims.indices.reversed() { body = [.loop("t\(d)", .int(dims[d].size), body)] }
        let work = 2 * plan.batch.reduce(1, *) * m * k * p
        return ctx.function(
            decls + [
                KernelContext.parallelFor(collapse: dims.count + 2, work: work),
                .loop("b", ctx.batch, body),
            ])
    }
}
