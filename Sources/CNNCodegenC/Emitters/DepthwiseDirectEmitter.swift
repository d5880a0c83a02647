import CNNIR

/// The depthwise-direct kernel (`ConvKernelPlan.DepthwiseDirect`): a depthwise conv of stride 1
/// or 2 computed from its input where it lies. Per channel plane, tiles of `rows` output rows x
/// `vectors` vectors of columns keep their accumulators in registers; each input row the tile
/// reaches is loaded once per column tap (vectors shifted by the tap; with stride 2, the even or
/// odd lanes of two vectors) and used by every output row of the tile it contributes to, then
/// the epilogue runs on the registers and stores them. Columns outside the input come from
/// shuffles against zero, rows outside it are left out, and a row under a vector is read in
/// part, so nothing is read outside the channel's rows. Each output's sum runs over the taps in order,
/// kernel row by kernel row: no scratch, no copy of the plane, no buffer between the FMAs and
/// the output (the depthwise-row kernel copies the padded plane and stores through one).
extension TiledConvEmitter {
    static func emitDepthwiseDirect(_ p: ConvKernelPlan.DepthwiseDirect, _ ctx: inout KernelContext) -> CFunction {
        let t = p.conv
        let channels = t.groups
        let taps = t.kh * t.kw
        let (weight, biasValues) = convParameters(ctx.node, outputs: channels)
        let w = ctx.weights(weight)
        let bias = ctx.weights(biasValues)
        let plane: (Int) -> CExpr = { (.v("b") * .int(channels) + .v("g")) * .int($0) }
        let perChannel: [CStmt] =
            [
                .local(.constFloatPointer, "src", ctx.input(0) + plane(t.inH * t.inW)),
                .local(.floatPointer, "dst", ctx.output + plane(t.outH * t.outW)),
                .local(.constFloatPointer, "wk", .v("w") + .v("g") * .int(taps)),
                .local(.constFloat, "bg", .v("bias")[.v("g")]),
            ] + depthwiseBands(p, ctx)
        let flops = 2 * taps * t.outH * t.outW * channels
        return ctx.function([
            .comment("depthwise-direct: tiles of \(p.rows) rows x \(p.vectors) vectors of \(t.lanes) columns"),
            .local(.constFloatPointer, "w", w),
            .local(.constFloatPointer, "bias", bias),
            KernelContext.parallelFor(collapse: 2, work: flops),
            .loop("b", ctx.batch, [.loop("g", .int(channels), perChannel)]),
        ])
    }

    /// The plane's bands of `rows` output rows: those whose input rows all lie inside the plane
    /// as one loop, those at the top and bottom edges (and the last, shorter band) written out
    /// with their rows known, so that no tile tests a row at run time.
    static func depthwiseBands(_ p: ConvKernelPlan.DepthwiseDirect, _ ctx: KernelContext) -> [CStmt] {
        let t = p.conv
        let count = (t.outH + p.rows - 1) / p.rows
        let rows: (Int) -> Int = { min(p.rows, t.outH - $0 * p.rows) }
        return edgesAndLoop(count: count, step: p.rows, variable: "oh") { k in
            let oh = k * p.rows
            return rows(k) == p.rows && oh * t.sh - t.padTop >= 0 && (oh + p.rows - 1) * t.sh + t.kh - 1 - t.padTop < t.inH
        } body: { k in
            depthwiseBand(p, ctx, rows: k.map(rows) ?? p.rows, top: k.map { $0 * p.rows })
        }
    }

    /// `count` pieces at multiples of `step`: the run of those that `inside` holds for (two or
    /// more) as one loop over `variable` (`body(nil)`), the others one by one with the
    /// variable a constant (`body(k)`).
    static func edgesAndLoop(count: Int, step: Int, variable: String, inside: (Int) -> Bool, body: (Int?) -> [CStmt]) -> [CStmt] {
        let run = (0..<count).filter(inside)
        let one: (Int) -> CStmt = { k in .block([.local(.constInt64, variable, .int(k * step))] + body(k)) }
        guard run.count >= 2, let first = run.first, let last = run.last, run.count == last - first + 1 else {
            return (0..<count).map(one)
        }
        return (0..<first).map(one) + [.loop(variable, from: .int(first * step), to: .int((last + 1) * step), step: step, body(nil))]
            + ((last + 1)..<count).map(one)
    }

    /// One band of `rows` rows from `oh` (`top`: its constant value, nil inside the plane): its
    /// column tiles of `p.vectors` vectors, those whose every load lies inside the input row and
    /// whose every store is a whole vector as one loop over `c0`, those at the edges (and a
    /// row's last, narrower tile) with their columns known.
    static func depthwiseBand(_ p: ConvKernelPlan.DepthwiseDirect, _ ctx: KernelContext, rows: Int, top: Int?) -> [CStmt] {
        let t = p.conv
        let lanes = t.lanes
        let rowVectors = (t.outW + lanes - 1) / lanes
        let span = p.vectors * lanes
        let vectors: (Int) -> Int = { k in min(p.vectors, rowVectors - k * p.vectors) }
        return edgesAndLoop(count: (rowVectors + p.vectors - 1) / p.vectors, step: span, variable: "c0") { k in
            let c0 = k * span
            let loads = (0..<p.vectors).flatMap { depthwiseLoadStarts(t, column: c0 + $0 * lanes) }
            return c0 + span <= t.outW && loads.allSatisfy { $0 >= 0 && $0 + lanes <= t.inW }
        } body: { k in
            depthwiseTile(p, ctx, rows: rows, vectors: k.map(vectors) ?? p.vectors, top: top, column: k.map { $0 * span })
        } + (depthwiseEpilogueAfterBand(p) ? depthwiseBandEpilogue(p, rows: rows) : [])
    }

    /// One tile: `rows` output rows from `oh` (`top` its value where known, else every input row
    /// it reaches lies inside the plane), `vectors` vectors of columns from `c0` (`column` its
    /// value where known, else a tile inside the row). Accumulators `a{r}_{v}` start at the bias;
    /// each input row in reach outside the plane is left out, and of the others each column
    /// tap's vectors are loaded once and multiplied into every output row they reach.
    static func depthwiseTile(
        _ p: ConvKernelPlan.DepthwiseDirect, _ ctx: KernelContext, rows: Int, vectors: Int, top: Int?, column: Int?
    ) -> [CStmt] {
        let t = p.conv
        let lanes = t.lanes
        let vtype = CType.vector(lanes)
        let acc: (Int, Int) -> CExpr = { .v("a\($0)_\($1)") }
        var out: [CStmt] = []
        for r in 0..<rows {
            for v in 0..<vectors { out.append(.local(vtype, "a\(r)_\(v)", .call("cnnc_splat\(lanes)", [.v("bg")]))) }
        }
        for ir in 0..<((rows - 1) * t.sh + t.kh) {
            if let top, !(0..<t.inH).contains(top * t.sh + ir - t.padTop) { continue }
            let ih = CExpr.v("oh") * .int(t.sh) + .int(ir - t.padTop)
            // The barrier keeps clang from loading the weights once for the whole plane: held in
            // registers (9 for a 3x3 conv) next to the accumulators, they pushed the input
            // vectors to the stack (203 stack accesses in MobileNetV2's first depthwise kernel);
            // broadcast again for each input row, each serves the row's vectors.
            var step: [CStmt] = [.compilerBarrier, .local(.constFloatPointer, "row", .v("src") + ih * .int(t.inW))]
            for j in 0..<t.kw {
                for v in 0..<vectors {
                    let x = "x\(v)_\(j)"
                    step.append(.local(vtype.constant, x, depthwiseTap(t, column: column.map { $0 + v * lanes }, vector: v, tap: j)))
                }
                for r in 0..<rows where (0..<t.kh).contains(ir - r * t.sh) {
                    let weight = CExpr.v("wk")[.int((ir - r * t.sh) * t.kw + j)]
                    for v in 0..<vectors { step.append(.assign(acc(r, v), "+=", .v("x\(v)_\(j)") * weight)) }
                }
            }
            out.append(.block(step))
        }
        let oc = t.groups
        // Stride 2: the taps' lanes hold the columns in `StrideTwoShuffle.order`'s order; one
        // permute per accumulator puts them back.
        let order: [CExpr]? = t.sw == 2 && lanes > 4 ? StrideTwoShuffle.order(lanes).map { .int($0) } : nil
        for r in 0..<rows {
            for v in 0..<vectors {
                let c = CExpr.v("c0") + .int(v * lanes)
                let valid = column.map { min(lanes, t.outW - ($0 + v * lanes)) } ?? lanes
                let at = (.v("oh") + .int(r)) * .int(t.outW) + c
                let index = (.v("b") * .int(oc) + .v("g")) * .int(t.outH * t.outW) + at
                let steps =
                    depthwiseEpilogueAfterBand(p)
                    ? [] : vectorEpilogueStatements(p.attributes.epilogue, value: .v("y"), operandIndex: index, lanes: lanes)!
                let store: CStmt =
                    valid == lanes
                    ? .assign(.vectorAt(vtype, .v("dst") + at), "=", .v("y"))
                    : .expr(.call("memcpy", [.v("dst") + at, .addressOf(.v("y")), .int(valid * 4)]))
                let y: CExpr = order.map { .call("__builtin_shufflevector", [acc(r, v), acc(r, v)] + $0) } ?? acc(r, v)
                // One accumulator at a time: clang otherwise moved the stores among the last
                // taps' FMAs and spilled.
                out.append(.block([.local(vtype, "y", y)] + steps + [store, .compilerBarrier]))
            }
        }
        return out
    }

    /// Whether the epilogue runs over each band's rows after its tiles have stored them, rather
    /// than on the tiles' accumulators: where an activation calls the prelude's vector math
    /// (SiLU, GELU, ...). On the accumulators, clang kept that math's constants in registers
    /// across the tiles' loop and spilled (a 5x5 SiLU kernel: 31 spills and 59 reloads a tile,
    /// against about 200 FMAs); over the band, just stored and still in L1, the loop has the
    /// registers to itself.
    static func depthwiseEpilogueAfterBand(_ p: ConvKernelPlan.DepthwiseDirect) -> Bool {
        p.attributes.epilogue.callsVectorMath(lanes: p.conv.lanes)
    }

    /// The epilogue over a band's `rows` rows from `oh` in `dst`, as vectors and then one value
    /// at a time (the vector math gives the scalar functions' bits).
    static func depthwiseBandEpilogue(_ p: ConvKernelPlan.DepthwiseDirect, rows: Int) -> [CStmt] {
        let t = p.conv
        let lanes = t.lanes
        let vtype = CType.vector(lanes)
        let count = rows * t.outW
        let whole = count / lanes * lanes
        let plane = (CExpr.v("b") * .int(t.groups) + .v("g")) * .int(t.outH * t.outW) + .v("oh") * .int(t.outW)
        let steps = p.attributes.epilogue
        var body: [CStmt] = [
            .local(.floatPointer, "band", .v("dst") + .v("oh") * .int(t.outW)),
            .loop(
                "q", from: .int(0), to: .int(whole), step: lanes,
                [.local(vtype, "y", .loadVector(vtype, from: .v("band") + .v("q")))]
                    + vectorEpilogueStatements(steps, value: .v("y"), operandIndex: plane + .v("q"), lanes: lanes)!
                    + [.assign(.vectorAt(vtype, .v("band") + .v("q")), "=", .v("y"))]),
        ]
        if whole < count {
            body.append(
                .loop(
                    "q", .int(whole), .int(count),
                    [.local(.float, "y", .v("band")[.v("q")])] + epilogueStatements(steps, value: .v("y"), operandIndex: plane + .v("q"))
                        + [.assign(.v("band")[.v("q")], "=", .v("y"))]))
        }
        return [.block(body)]
    }

    /// Column tap `j`'s vector for the output columns from `column` (nil: `c0 + vector * lanes`,
    /// inside the row): with stride 1 the input columns shifted by the tap (`depthwiseLoad`);
    /// with stride 2 the even lanes of two vectors from the tap's first column, or, for a tap
    /// one column after a pair's first, their odd lanes (the two taps share the loads), taken
    /// within each 128-bit lane (`StrideTwoShuffle.lanes`).
    static func depthwiseTap(_ t: ConvTiling, column: Int?, vector: Int, tap j: Int) -> CExpr {
        let lanes = t.lanes
        guard t.sw == 2 else { return depthwiseLoad(t, column: column, vector: vector, shift: j - t.padLeft) }
        let first = j - j % 2 - t.padLeft
        let pair: [CExpr] = [0, lanes].map { half in
            guard let c = column else {
                let offset = 2 * vector * lanes + first + half
                let start: CExpr = .v("c0") * .int(2) + .int(offset)
                return .loadVector(.vector(lanes), from: .v("row") + start)
            }
            return depthwiseAligned(t, 2 * c + first + half)
        }
        return .call("__builtin_shufflevector", pair + StrideTwoShuffle.lanes(lanes, parity: j % 2).map { .int($0) })
    }

    /// Where the loads for the output columns from `column` start in the input row (each reads
    /// a vector): one per tap with stride 1, two per pair of taps with stride 2.
    static func depthwiseLoadStarts(_ t: ConvTiling, column c: Int) -> [Int] {
        guard t.sw == 2 else { return (0..<t.kw).map { c + $0 - t.padLeft } }
        var starts: [Int] = []
        for j in stride(from: 0, to: t.kw, by: 2) {
            let first: Int = 2 * c + j - t.padLeft
            starts += [first, first + t.lanes]
        }
        return starts
    }

    /// The vector of input columns `c + shift ..< c + shift + lanes` of `row`, c being the output
    /// column `column` (nil: `c0 + vector * lanes`, inside the row), with zeros outside the row:
    /// one load where it lies inside, else the vectors at c and beside it (`depthwiseAligned`)
    /// shuffled together.
    static func depthwiseLoad(_ t: ConvTiling, column: Int?, vector: Int, shift: Int) -> CExpr {
        let vtype = CType.vector(t.lanes)
        guard let c = column else { return .loadVector(vtype, from: .v("row") + .v("c0") + .int(vector * t.lanes + shift)) }
        let lanes = t.lanes
        if c + shift >= 0 && c + shift + lanes <= t.inW { return .loadVector(vtype, from: .v("row") + .int(c + shift)) }
        if shift == 0 { return depthwiseAligned(t, c) }
        let (lo, hi, first) = shift < 0 ? (c - lanes, c, lanes + shift) : (c, c + lanes, shift)
        return .call(
            "__builtin_shufflevector", [depthwiseAligned(t, lo), depthwiseAligned(t, hi)] + (0..<lanes).map { .int(first + $0) })
    }

    /// The input columns `k ..< k + lanes` of `row` with zeros outside it: zero, one load, or
    /// at the row's start its first vector shifted up, at its end its last vector shifted
    /// down, against zero. A row under a vector is read in part (`cnnc_loadpart`).
    static func depthwiseAligned(_ t: ConvTiling, _ k: Int) -> CExpr {
        let lanes = t.lanes
        let vtype = CType.vector(lanes)
        let zero = CExpr.call("cnnc_splat\(lanes)", [.float(0)])
        let part: (Int) -> CExpr = { .call("cnnc_loadpart\(lanes)", [.v("row") + .int($0), .int(t.inW - $0)]) }
        if k <= -lanes || k >= t.inW { return zero }
        if k < 0 {
            let indices: [CExpr] = (0..<lanes).map { .int(k + $0 < 0 ? 0 : lanes + k + $0) }
            let first = t.inW >= lanes ? .loadVector(vtype, from: .v("row")) : part(0)
            return .call("__builtin_shufflevector", [zero, first] + indices)
        }
        if k + lanes <= t.inW { return .loadVector(vtype, from: .v("row") + .int(k)) }
        if t.inW < lanes { return part(k) }
        let start = t.inW - lanes
        let indices: [CExpr] = (0..<lanes).map { .int(k + $0 < t.inW ? k + $0 - start : lanes) }
        return .call("__builtin_shufflevector", [.loadVector(vtype, from: .v("row") + .int(start)), zero] + indices)
    }
}

/// The in-lane shuffles of the stride-2 depthwise-direct taps (`TiledConvEmitter.depthwiseTap`).
public enum StrideTwoShuffle {
    /// The even (`parity` 0) or odd lanes of two vectors a, b, as one in-lane shuffle: each
    /// 128-bit lane k of the result holds a's and then b's even lanes of lane k (vshufps). The
    /// output columns then lie in a fixed order across the vector (`order`), the same
    /// for every tap, so one permute per accumulator puts them back where a full deinterleave
    /// of each tap took a second, lane-crossing shuffle (vpermpd; on Zen 1 three macro-ops).
    /// Bit-identical; on a Zen 1 core MobileNetV2's stride-2 depthwise convs onto 28x28, 14x14
    /// and 7x7 took 0.84-0.92 of their time, the one from 112x112 (its input beyond L2) 0.99.
    /// With 4 lanes the order is the plain one.
    public static func lanes(_ lanes: Int, parity: Int) -> [Int] {
        (0..<lanes).map { l in
            let (k, i) = (l / 4, l % 4)
            return (i < 2 ? 4 * k + 2 * i : lanes + 4 * k + 2 * (i - 2)) + parity
        }
    }

    /// The permute that puts the output columns of accumulators built from `lanes`
    /// back in order: column c < lanes / 2 lies in lane 4 (c / 2) + c % 2, column lanes / 2 + m
    /// in lane 4 (m / 2) + 2 + m % 2.
    public static func order(_ lanes: Int) -> [Int] {
        (0..<lanes).map { c in
            let m = c < lanes / 2 ? c : c - lanes / 2
            return 4 * (m / 2) + m % 2 + (c < lanes / 2 ? 0 : 2)
        }
    }
}
