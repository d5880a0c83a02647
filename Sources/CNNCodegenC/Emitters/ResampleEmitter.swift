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
        /// Pad's mapping, computed in the loop instead of a table (a padded axis may be long).
        var pad: (before: Int, lo: Int, n: Int, mode: PadMode)? = nil
    }

    static func emitPad(_ a: PadAttributes, _ ctx: inout KernelContext) -> CFunction {
        let input = ctx.inputShapes[0]
        let strides = contiguousStrides(input)
        let axes = input.indices.map { d -> Axis in
            var axis = Axis(size: ctx.node.shape[d], stride: strides[d], taps: 1, indices: nil, weights: nil)
            if a.begin[d] != 0 || a.end[d] != 0 {
                // The same mapping as `PadAttributes.sourceIndices`: crop [lo, lo + n), then pad by the mode.
                let lo = max(-a.begin[d], 0)
                axis.pad = (before: max(a.begin[d], 0), lo: lo, n: input[d] - lo - max(-a.end[d], 0), mode: a.mode)
            }
            return axis
        }
        return emitGather(axes, fill: a.value, &ctx)
    }

    static func emitResize(_ a: ResizeAttributes, _ ctx: inout KernelContext) -> CFunction {
        let input = ctx.inputShapes[0]
        let strides = contiguousStrides(input)
        let axes = input.indices.map { d -> Axis in
            if a.isIdentity(axis: d, input: input[d]) {
                return Axis(size: input[d], stride: strides[d], taps: 1, indices: nil, weights: nil)
            }
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
        // More than 4 taps on an axis (an antialiased filter, as wide as 1 / scale): a loop over
        // the taps of every axis instead of the unrolled sum.
        let tapLoops = tapAxes.contains { axes[$0].taps > 4 }
        // An axis whose table has -1 gets a test; the others never read outside the input.
        let outside = axes.indices.filter { d in
            if let p = axes[d].pad { return p.mode == .constant && axes[d].size > p.n }
            return axes[d].indices?.contains(-1) ?? false
        }
        // Each axis's offsets (and weights) are loaded once at its own loop level, as locals
        // `a<d>_<t>` / `w<d>_<t>`; the cell is the unrolled sum over every combination of taps.
        func level(_ d: Int) -> [CStmt] {
            let axis = axes[d]
            if let p = axis.pad { return padLevel(d, p, stride: axis.stride) }
            guard axis.indices != nil else { return [.decl("const int64_t", "a\(d)_0", .v("o\(d)") * .int(axis.stride))] }
            if tapLoops && axis.taps > 1 {
                // The cell's run of taps; a<d>_0 only for the outside test.
                var out: [CStmt] = [
                    .decl("const int64_t *restrict", "ixp\(d)", .v("ix\(d)") + .v("o\(d)") * .int(axis.taps)),
                    .decl("const float *restrict", "wtp\(d)", .v("wt\(d)") + .v("o\(d)") * .int(axis.taps)),
                ]
                if outside.contains(d) { out.append(.decl("const int64_t", "a\(d)_0", .v("ixp\(d)")[.int(0)])) }
                return out
            }
            var out: [CStmt] = []
            for t in 0..<axis.taps {
                let at: CExpr = axis.taps == 1 ? .v("o\(d)") : .v("o\(d)") * .int(axis.taps) + .int(t)
                out.append(.decl("const int64_t", "a\(d)_\(t)", .v("ix\(d)")[at]))
                if axis.weights != nil { out.append(.decl("const float", "w\(d)_\(t)", .v("wt\(d)")[at])) }
            }
            return out
        }
        let outIndex: CExpr = axes.indices.reduce(CExpr.int(0)) { $0 + .v("o\($1)") * .int(outStrides[$1]) }
        var terms: [([Int: Int])] = [[:]]
        for d in tapAxes { terms = terms.flatMap { combo in (0..<axes[d].taps).map { t in combo.merging([d: t]) { a, _ in a } } } }
        let value: CExpr = terms.map { combo -> CExpr in
            var offset: CExpr = .int(0)
            for d in axes.indices { offset = offset + .v("a\(d)_\(combo[d] ?? 0)") }
            var weight: CExpr = .int(1)
            for d in tapAxes { weight = weight * .v("w\(d)_\(combo[d]!)") }
            return tapAxes.isEmpty ? .v("x")[offset] : weight * .v("x")[offset]
        }.reduce(nil) { (sum: CExpr?, term: CExpr) in sum.map { $0 + term } ?? term }!
        var body: [CStmt] = [.assign(.v("y")[outIndex], "=", value)]
        if tapLoops {
            var offset: CExpr = .int(0)
            var weight: CExpr?
            for d in axes.indices {
                if tapAxes.contains(d) {
                    offset = offset + .v("ixp\(d)")[.v("t\(d)")]
                    weight = weight.map { $0 * .v("wtp\(d)")[.v("t\(d)")] } ?? .v("wtp\(d)")[.v("t\(d)")]
                } else {
                    offset = offset + .v("a\(d)_0")
                }
            }
            var sum: [CStmt] = [.assign(.v("acc"), "+=", weight! * .v("x")[offset])]
            for d in tapAxes.reversed() { sum = [.loop("t\(d)", .int(axes[d].taps), sum)] }
            body = [.decl("float", "acc", .float(0))] + sum + [.assign(.v("y")[outIndex], "=", .v("acc"))]
        }
        for d in axes.indices.reversed() {
            var prologue = level(d)
            if outside.contains(d) {
                prologue.append(
                    .ifThen(
                        .v("a\(d)_0") < .int(0), [fillBlock(axes, from: d + 1, fill: fill, outIndex: outIndex), .continueLoop], else: []))
            }
            body = prologue + body
            if d > 0 { body = [.loop("o\(d)", .int(axes[d].size), body)] }
        }
        let work = outCount * max(1, tapAxes.reduce(1) { $0 * axes[$1].taps })
        return ctx.function(
            tables + [
                KernelContext.parallelFor(collapse: 2, work: work),
                .loop(
                    "b", ctx.batch,
                    [
                        .loop(
                            "o0", .int(axes[0].size),
                            [
                                .decl("const float *restrict", "x", ctx.input(0) + .v("b") * .int(inCount)),
                                .decl("float *restrict", "y", ctx.output + .v("b") * .int(outCount)),
                            ] + body)
                    ]),
            ])
    }

    /// `a<d>_0` for a padded axis: the cell `j = o - before` of the kept run `[lo, lo + n)`, or
    /// by the mode outside it (-1 for the constant).
    static func padLevel(_ d: Int, _ p: (before: Int, lo: Int, n: Int, mode: PadMode), stride: Int) -> [CStmt] {
        let j: CExpr = .v("j\(d)")
        let n = p.n
        let source: CExpr
        switch p.mode {
        case .constant:
            return [
                .decl("const int64_t", "j\(d)", .v("o\(d)") - .int(p.before)),
                .decl("const int64_t", "a\(d)_0", .ternary(j >= .int(0) && j < .int(n), (j + .int(p.lo)) * .int(stride), .int(-1))),
            ]
        case .edge:
            source = .call("cnnc_min", [.call("cnnc_max", [j, .int(0)]), .int(n - 1)])
        case .wrap:
            source = ((j % .int(n)) + .int(n)) % .int(n)
        case .reflect:
            let period = max(2 * (n - 1), 1)
            let m: CExpr = ((j % .int(period)) + .int(period)) % .int(period)
            source = n > 1 ? .ternary(m < .int(n), m, .int(period) - m) : .int(0)
        }
        return [
            .decl("const int64_t", "j\(d)", .v("o\(d)") - .int(p.before)),
            .decl("const int64_t", "a\(d)_0", (source + .int(p.lo)) * .int(stride)),
        ]
    }

    /// Fills every output cell below loop level `from` (the cells of the current index of the outer axes).
    static func fillBlock(_ axes: [Axis], from: Int, fill: Float, outIndex: CExpr) -> CStmt {
        var body: [CStmt] = [.assign(.v("y")[outIndex], "=", .float(fill))]
        for d in (from..<axes.count).reversed() { body = [.loop("o\(d)", .int(axes[d].size), body)] }
        return .block(body)
    }
}
