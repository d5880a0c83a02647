import CNNIR

/// Pad and the general resize, as one table-driven gather: every output cell is a weighted sum
/// over a few taps per axis, whose input offsets and weights are decided at compile time.
enum ResampleEmitter {
    /// One per-sample axis of the gather.
    struct Axis {
        /// Output cells along the axis.
        var size: Int
        /// Input elements between neighbours along the axis.
        var stride: Int
        /// Taps per output cell (1: a plain gather along this axis).
        var taps: Int
        /// Per output cell, `taps` input indices (-1: the fill value); nil for the identity.
        var indices: [Int]?
        /// Per output cell, `taps` weights; nil when every weight is 1.
        var weights: [Float]?
    }

    static func emitPad(_ a: PadAttributes, _ ctx: inout KernelContext) -> CFunction {
        let input = ctx.inputShapes[0]
        let strides = contiguousStrides(input)
        let axes = input.indices.map { d -> Axis in
            let identity = a.begin[d] == 0 && a.end[d] == 0
            return Axis(size: ctx.node.shape[d], stride: strides[d], taps: 1, indices: identity ? nil : a.sourceIndices(axis: d, size: input[d]), weights: nil)
        }
        return emitGather(axes, fill: a.value, &ctx)
    }

    static func emitResize(_ a: ResizeAttributes, _ ctx: inout KernelContext) -> CFunction {
        let input = ctx.inputShapes[0]
        let strides = contiguousStrides(input)
        let axes = input.indices.map { d -> Axis in
            if a.isIdentity(axis: d, input: input[d]) { return Axis(size: input[d], stride: strides[d], taps: 1, indices: nil, weights: nil) }
            let t = a.table(axis: d, input: input[d])
            let taps = a.taps(axis: d, input: input[d])
            return Axis(size: a.output[d], stride: strides[d], taps: taps, indices: t.indices, weights: taps == 1 ? nil : t.weights)
        }
        return emitGather(axes, fill: a.extrapolation, &ctx)
    }

    static func contiguousStrides(_ shape: [Int]) -> [Int] {
        var strides = Array(repeating: 1, count: shape.count)
        for d in stride(from: shape.count - 2, through: 0, by: -1) { strides[d] = strides[d + 1] * shape[d + 1] }
        return strides
    }

    /// `y[o] = sum over taps of (product of the axes' weights) * x[sum of the axes' offsets]`,
    /// or the fill when an axis's index is -1. Parallel over samples and the first axis.
    /// Offsets are stored pre-multiplied by the axis stride; -1 stays -1.
    static func emitGather(_ axes: [Axis], fill: Float, _ ctx: inout KernelContext) -> CFunction {
        let inCount = ctx.inputShapes[0].reduce(1, *)
        let outShape = axes.map(\.size)
        let outStrides = contiguousStrides(outShape)
        let outCount = outShape.reduce(1, *)
        var tables: [CStmt] = []
        for (d, axis) in axes.enumerated() {
            if let indices = axis.indices {
                tables.append(CStmt.verbatimArray("ix\(d)", indices.map { $0 < 0 ? -1 : $0 * axis.stride }))
            }
            if let weights = axis.weights {
                tables.append(.decl("const float *restrict", "wt\(d)", ctx.weights(weights)))
            }
        }
        let tapAxes = axes.indices.filter { axes[$0].taps > 1 }
        // An axis whose table has -1 gets a test; the others never read outside the input.
        let outside = axes.indices.filter { axes[$0].indices?.contains(-1) ?? false }
        // Offsets of single-tap axes are fixed per output index; tap axes loop inside the cell.
        func offset(_ d: Int) -> CExpr {
            let axis = axes[d]
            if axis.indices == nil { return .v("o\(d)") * .int(axis.stride) }
            return axis.taps == 1 ? .v("ix\(d)")[.v("o\(d)")] : .v("ix\(d)")[.v("o\(d)") * .int(axis.taps) + .v("t\(d)")]
        }
        var sum: CExpr = .int(0)
        for d in axes.indices { sum = sum + .v("a\(d)") }
        var weight: CExpr = .int(1)
        for d in tapAxes { weight = weight * .v("wt\(d)")[.v("o\(d)") * .int(axes[d].taps) + .v("t\(d)")] }
        var cell: [CStmt]
        let outIndex: CExpr = axes.indices.reduce(CExpr.int(0)) { $0 + .v("o\($1)") * .int(outStrides[$1]) }
        if tapAxes.isEmpty {
            cell = [.assign(.v("y")[outIndex], "=", .v("x")[sum])]
        } else {
            var inner: [CStmt] = [.assign(.v("acc"), "+=", weight * .v("x")[sum])]
            for d in tapAxes.reversed() {
                inner = [.loop("t\(d)", .int(axes[d].taps), [.decl("const int64_t", "a\(d)", offset(d))] + inner)]
            }
            cell = [.decl("float", "acc", .float(0))] + inner + [.assign(.v("y")[outIndex], "=", .v("acc"))]
        }
        // Loops from the last axis out; single-tap offsets are declared at their own loop level.
        var body = cell
        for d in axes.indices.reversed() {
            var level: [CStmt] = []
            if axes[d].taps == 1 { level.append(.decl("const int64_t", "a\(d)", offset(d))) }
            if outside.contains(d) {
                let index: CExpr = axes[d].taps == 1 ? .v("a\(d)") : .v("ix\(d)")[.v("o\(d)") * .int(axes[d].taps)]
                level.append(.ifThen(index < .int(0), [fillBlock(axes, from: d + 1, fill: fill, outIndex: outIndex), .continueLoop], else: []))
            }
            body = level + body
            if d > 0 { body = [.loop("o\(d)", .int(axes[d].size), body)] }
        }
        let work = outCount * max(1, tapAxes.reduce(1) { $0 * axes[$1].taps })
        return ctx.function(tables + [
            KernelContext.parallelFor(collapse: 2, work: work),
            .loop("b", ctx.batch, [.loop("o0", .int(axes[0].size), [
                .decl("const float *restrict", "x", ctx.input(0) + .v("b") * .int(inCount)),
                .decl("float *restrict", "y", ctx.output + .v("b") * .int(outCount)),
            ] + body)]),
        ])
    }

    /// Fills every output cell below loop level `from` (the cells of the current index of the outer axes).
    static func fillBlock(_ axes: [Axis], from: Int, fill: Float, outIndex: CExpr) -> CStmt {
        var body: [CStmt] = [.assign(.v("y")[outIndex], "=", .float(fill))]
        for d in (from..<axes.count).reversed() { body = [.loop("o\(d)", .int(axes[d].size), body)] }
        return .block(body)
    }
}
