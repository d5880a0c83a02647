import CNNIR

/// Direct convolution (1-D to 3-D, groups, dilation, padding) with its fused epilogue:
/// bias, activations, a residual add, and a non-overlapping max/avg pool.
///
/// Straightforward and vectoriser-friendly: each (sample, output channel) is one
/// parallel task; a row of outputs is accumulated in a local array, and the
/// innermost loop runs over output columns with compile-time bounds per kernel
/// column, so it has no edge branches. Register-tiled kernels replace this later.
enum ConvEmitter {
    static func emit(_ a: ConvAttributes, _ ctx: inout KernelContext) -> CFunction {
        let shape = DirectConvShape(a, input: ctx.inputShapes[0])
        let w = ctx.weights(ctx.node.params["weight"]!)
        let bias: CExpr = ctx.node.params["bias"].map { ctx.weights($0) } ?? .int(0)
        let (lo, hi) = shape.columnBounds()
        let flopsPerTask = 2 * shape.icg * shape.k.reduce(1, *) * shape.o3.reduce(1, *)
        return ctx.function([
            .local(.constFloatPointer, "w", w),
            .local(.constFloatPointer, "bias", bias),
            .verbatimArray("col_lo", lo),
            .verbatimArray("col_hi", hi),
            .expr(.cast("void", .v("bias"))),
            KernelContext.parallelFor(collapse: 2, work: flopsPerTask * shape.oc),
            .loop("b", ctx.batch, [.loop("oc", .int(shape.oc), task(a, shape, ctx))]),
        ])
    }

    /// One task (sample `b`, output channel `oc`): every conv row into `acc`, then into the
    /// output plane, pooled on the way when the epilogue pools.
    static func task(_ a: ConvAttributes, _ shape: DirectConvShape, _ ctx: KernelContext) -> [CStmt] {
        let (i3, o3, k) = (shape.i3, shape.o3, shape.k)
        var perTask: [CStmt] =
            [
                .local(
                    .constFloatPointer, "x",
                    ctx.input(0) + (.v("b") * .int(shape.ic) + (.v("oc") / .int(shape.ocg)) * .int(shape.icg)) * .int(i3.reduce(1, *))),
                .local(.constFloatPointer, "wk", .v("w") + .v("oc") * .int(shape.icg * k.reduce(1, *))),
                .array(.float, "acc", count: o3[2], alignment: 64),
            ] + inputScalePointer(a, ctx, channels: shape.ic)
        let outShape = to3D(Array(ctx.node.shape.dropFirst()), fill: 1)
        let outPlane = CExpr.v("out") + (.v("b") * .int(shape.oc) + .v("oc")) * .int(outShape.reduce(1, *))
        perTask.append(.local(.floatPointer, "y", outPlane))
        let row = { (od: CExpr, oh: CExpr) in Self.row(a, shape, od, oh) }
        if let pool = a.epilogue.pool {
            return perTask + pooledRows(pool, conv: o3, out: outShape, row: row)
        }
        return perTask + [
            .loop(
                "od", .int(o3[0]),
                [
                    .loop(
                        "oh", .int(o3[1]),
                        row(.v("od"), .v("oh")) + [
                            .loop(
                                "ow", .int(o3[2]),
                                [.assign(.v("y")[(.v("od") * .int(o3[1]) + .v("oh")) * .int(o3[2]) + .v("ow")], "=", .v("acc")[.v("ow")])])
                        ])
                ])
        ]
    }

    /// Computes conv row (od, oh) into acc[OW], epilogue steps before the pool applied. With an
    /// input scale (one group only), tap weights of input channel ic are multiplied by sp[ic].
    static func row(_ a: ConvAttributes, _ shape: DirectConvShape, _ od: CExpr, _ oh: CExpr) -> [CStmt] {
        let (i3, o3, k, s, d, pb) = (shape.i3, shape.o3, shape.k, shape.s, shape.d, shape.pb)
        precondition(a.inputScale == nil || shape.icg == shape.ic, "an input scale needs one group")
        let scaled = { (w: CExpr) in a.inputScale == nil ? w : w * CExpr.v("sp")[.v("ic")] }
        var body: [CStmt] = [
            .loop("ow", .int(o3[2]), [.assign(.v("acc")[.v("ow")], "=", a.hasBias ? .v("bias")[.v("oc")] : .float(0))])
        ]
        let kwLoop: CStmt = .loop(
            "kw", .int(k[2]),
            [
                .local(
                    .constFloat, "wv",
                    scaled(.v("wk")[((.v("ic") * .int(k[0]) + .v("kd")) * .int(k[1]) + .v("kh")) * .int(k[2]) + .v("kw")])),
                .local(.constInt64, "off", .v("kw") * .int(d[2]) - .int(pb[2])),
                .loop(
                    "ow", from: CExpr.ident("col_lo")[.v("kw")], to: CExpr.ident("col_hi")[.v("kw")], step: 1,
                    [
                        .assign(.v("acc")[.v("ow")], "+=", .v("wv") * .v("row")[.v("ow") * .int(s[2]) + .v("off")])
                    ]),
            ])
        body.append(
            .loop(
                "ic", .int(shape.icg),
                [
                    .loop(
                        "kd", .int(k[0]),
                        [
                            .local(.constInt64, "id", od * .int(s[0]) - .int(pb[0]) + .v("kd") * .int(d[0])),
                            .ifThen(.v("id") < .int(0) || .v("id") >= .int(i3[0]), [.continueLoop], else: []),
                            .loop(
                                "kh", .int(k[1]),
                                [
                                    .local(.constInt64, "ih", oh * .int(s[1]) - .int(pb[1]) + .v("kh") * .int(d[1])),
                                    .ifThen(.v("ih") < .int(0) || .v("ih") >= .int(i3[1]), [.continueLoop], else: []),
                                    .local(
                                        .constFloatPointer, "row",
                                        .v("x") + (.v("ic") * .int(i3[0]) + .v("id")) * .int(i3[1] * i3[2]) + .v("ih") * .int(i3[2])),
                                    kwLoop,
                                ]),
                        ])
                ]))
        // Activations and the residual add run on the full-resolution row.
        let index = ((.v("b") * .int(shape.oc) + .v("oc")) * .int(o3[0]) + od) * .int(o3[1] * o3[2]) + oh * .int(o3[2]) + .v("ow")
        let steps = epilogueStatements(a.epilogue, value: .v("v"), operandIndex: index)
        if !steps.isEmpty {
            body.append(
                .loop("ow", .int(o3[2]), [.local(.float, "v", .v("acc")[.v("ow")])] + steps + [.assign(.v("acc")[.v("ow")], "=", .v("v"))]))
        }
        return body
    }

    /// Pools conv rows as they are produced: each pooled row reads the conv rows of its window.
    static func pooledRows(_ p: PoolAttributes, conv o3: [Int], out: [Int], row: (CExpr, CExpr) -> [CStmt]) -> [CStmt] {
        let size = to3D(p.size, fill: 1)
        let stride = to3D(p.stride, fill: 1)
        let pad = to3D(p.padding.begin, fill: 0)
        let isMax = p.kind == .max
        var horizontal: [CStmt] = [
            .loop(
                "pw", .int(out[2]),
                [
                    .loop(
                        "ww", .int(size[2]),
                        [
                            .local(.constInt64, "cw", .v("pw") * .int(stride[2]) - .int(pad[2]) + .v("ww")),
                            .ifThen(
                                .v("cw") >= .int(0) && .v("cw") < .int(o3[2]),
                                [
                                    isMax
                                        ? .assign(.v("pacc")[.v("pw")], "=", maxFold(.v("pacc")[.v("pw")], .v("acc")[.v("cw")]))
                                        : .assign(.v("pacc")[.v("pw")], "+=", .v("acc")[.v("cw")])
                                ], else: []),
                        ])
                ])
        ]
        horizontal = row(.v("cd"), .v("ch")) + horizontal
        let store = pooledStore(p, conv: o3, out: out)
        return [
            .loop(
                "pd", .int(out[0]),
                [
                    .loop(
                        "ph", .int(out[1]),
                        [
                            .array(.float, "pacc", count: out[2], alignment: 64),
                            .loop("pw", .int(out[2]), [.assign(.v("pacc")[.v("pw")], "=", isMax ? .float(-.infinity) : .float(0))]),
                            .loop(
                                "wd", .int(size[0]),
                                [
                                    .local(.constInt64, "cd", .v("pd") * .int(stride[0]) - .int(pad[0]) + .v("wd")),
                                    .ifThen(.v("cd") < .int(0) || .v("cd") >= .int(o3[0]), [.continueLoop], else: []),
                                    .loop(
                                        "wh", .int(size[1]),
                                        [
                                            .local(.constInt64, "ch", .v("ph") * .int(stride[1]) - .int(pad[1]) + .v("wh")),
                                            .ifThen(.v("ch") < .int(0) || .v("ch") >= .int(o3[1]), [.continueLoop], else: []),
                                        ] + horizontal),
                                ]),
                            store,
                        ])
                ])
        ]
    }

    /// Stores a pooled row from its accumulators `pacc`: the max, or the sum over the window's count.
    static func pooledStore(_ p: PoolAttributes, conv o3: [Int], out: [Int]) -> CStmt {
        let y = CExpr.v("y")[(.v("pd") * .int(out[1]) + .v("ph")) * .int(out[2]) + .v("pw")]
        if p.kind == .max { return .loop("pw", .int(out[2]), [.assign(y, "=", .v("pacc")[.v("pw")])]) }
        let count = PoolEmitter.windowCount(
            dims: [.v("pd"), .v("ph"), .v("pw")], size: to3D(p.size, fill: 1), stride: to3D(p.stride, fill: 1),
            pad: to3D(p.padding.begin, fill: 0), padEnd: to3D(p.padding.end, fill: 0), input: o3, includePad: p.countIncludePad)
        return .loop("pw", .int(out[2]), [.assign(y, "=", .v("pacc")[.v("pw")] / .cast(.float, count))])
    }
}

func ceilDiv(_ a: Int, _ b: Int) -> Int { a >= 0 ? (a + b - 1) / b : -((-a) / b) }
func floorDiv(_ a: Int, _ b: Int) -> Int { a >= 0 ? a / b : -((-a + b - 1) / b) }

extension CStmt {
    /// `static const int64_t name[] = {...};` for compile-time tables.
    static func verbatimArray(_ name: String, _ values: [Int]) -> CStmt {
        .decl(
            "static const int64_t", name + "[\(max(values.count, 1))]",
            .ident("{" + (values.isEmpty ? "0" : values.map(String.init).joined(separator: ", ")) + "}"))
    }
}

/// A direct conv's geometry, every spatial list as 3-D (depth, height, width): input `i3`,
/// conv output `o3` (before any pool), kernel `k`, stride `s`, dilation `d`, leading padding `pb`.
struct DirectConvShape {
    let ic: Int, oc: Int, icg: Int, ocg: Int
    let i3: [Int], o3: [Int], k: [Int], s: [Int], d: [Int], pb: [Int]

    init(_ a: ConvAttributes, input inShape: [Int]) {
        ic = inShape[0]
        oc = a.filters
        i3 = to3D(Array(inShape.dropFirst()), fill: 1)
        k = to3D(a.kernel, fill: 1)
        s = to3D(a.stride, fill: 1)
        d = to3D(a.dilation, fill: 1)
        pb = to3D(a.padding.begin, fill: 0)
        let convShape =
            (try? ShapeInference.conv(
                ConvAttributes(
                    filters: a.filters, kernel: a.kernel, stride: a.stride, dilation: a.dilation, padding: a.padding, groups: a.groups,
                    hasBias: a.hasBias), input: inShape)) ?? []
        o3 = to3D(Array(convShape.dropFirst()), fill: 1)
        icg = ic / a.groups
        ocg = oc / a.groups
    }

    /// Output columns valid for each kernel column: iw = ow*SW - PW + kw*DW in [0, IW).
    func columnBounds() -> (lo: [Int], hi: [Int]) {
        var lo: [Int] = []
        var hi: [Int] = []
        for kw in 0..<k[2] {
            let shift = kw * d[2] - pb[2]
            lo.append(min(max(0, ceilDiv(-shift, s[2])), o3[2]))
            hi.append(max(min(o3[2], floorDiv(i3[2] - 1 - shift, s[2]) + 1), 0))
        }
        return (lo, hi)
    }
}
