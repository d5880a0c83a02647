import CNNIR

/// Windowed, global and adaptive pooling. Each (sample, channel) plane is one parallel task.
enum PoolEmitter {
    /// Number of cells an average divides by at output position `dims`: cells inside the input,
    /// or (count_include_pad) inside the padded input; never cells past the padded end.
    static func windowCount(dims: [CExpr], size: [Int], stride: [Int], pad: [Int], padEnd: [Int], input: [Int], includePad: Bool) -> CExpr {
        var product: CExpr = .int(1)
        for d in 0..<3 where size[d] > 1 || pad[d] > 0 || padEnd[d] > 0 {
            let start = dims[d] * .int(stride[d]) - .int(pad[d])
            let lower: Int = includePad ? -pad[d] : 0
            let upper: Int = includePad ? input[d] + padEnd[d] : input[d]
            // cnnc_span(start, size, lower, upper) = |[start, start+size) ∩ [lower, upper)|
            product = product * .call("cnnc_span", [start, .int(size[d]), .int(lower), .int(upper)])
        }
        return product
    }

    static func emit(_ p: PoolAttributes, _ ctx: inout KernelContext) -> CFunction {
        let inShape = ctx.inputShapes[0]
        let c = inShape[0]
        let i3 = to3D(Array(inShape.dropFirst()), fill: 1)
        let o3 = to3D(Array(ctx.node.shape.dropFirst()), fill: 1)
        let size = to3D(p.size, fill: 1)
        let stride = to3D(p.stride, fill: 1)
        let pad = to3D(p.padding.begin, fill: 0)
        let padEnd = to3D(p.padding.end, fill: 0)
        let isMax = p.kind == .max
        if i3[0] == 1 && o3[0] == 1 && size[0] == 1 && !p.isDilated {
            let separable = isMax && stride[1] == 1 && stride[2] == 1 && o3[2] == i3[2] && o3[1] * o3[2] <= 16384
            return ctx.function(
                planeLoop(
                    ctx, channels: c, inCount: i3.reduce(1, *), outCount: o3.reduce(1, *), work: size.reduce(1, *) * o3.reduce(1, *),
                    body: separable
                        ? separableMaxPool(input: i3, output: o3, size: size, pad: pad)
                        : rowPool(p, input: i3, output: o3, size: size, stride: stride, pad: pad, padEnd: padEnd)))
        }
        let cell: (CExpr) -> CStmt = { x in isMax ? .assign(.v("acc"), "=", maxFold(.v("acc"), x)) : .assign(.v("acc"), "+=", x) }
        var count: [CStmt] = []
        var divisor: CExpr = .int(1)
        if !isMax && p.isDilated {
            // Dilated windows are not runs, so each axis counts its cells inside the (padded) input.
            let dil = to3D(p.dilation, fill: 1)
            for (d, name) in ["d", "h", "w"].enumerated() where size[d] > 1 || pad[d] > 0 || padEnd[d] > 0 {
                let i: CExpr = .v("o" + name) * .int(stride[d]) - .int(pad[d]) + .v("k") * .int(dil[d])
                let (lower, upper) = p.countIncludePad ? (-pad[d], i3[d] + padEnd[d]) : (0, i3[d])
                count += [
                    .decl("int64_t", "n" + name, .int(0)),
                    .loop("k", .int(size[d]), [.assign(.v("n" + name), "+=", .cast("int64_t", i >= .int(lower) && i < .int(upper)))]),
                ]
                divisor = divisor * .v("n" + name)
            }
        } else if !isMax {
            divisor = windowCount(
                dims: [.v("od"), .v("oh"), .v("ow")], size: size, stride: stride, pad: pad, padEnd: padEnd, input: i3,
                includePad: p.countIncludePad)
        }
        return ctx.function(
            windowLoop(
                p, ctx, initial: isMax ? .float(-.infinity) : .float(0), fold: cell,
                finish: isMax ? .v("acc") : .v("acc") / .cast("float", divisor), prologue: count))
    }

    /// The direct kernel of any window (dilated, 3-D): per output cell, `fold` each input cell
    /// inside the window into `acc` (from `initial`); padding cells are skipped; `prologue` runs
    /// first in the cell; the output is `finish`.
    static func windowLoop(
        _ p: PoolAttributes, _ ctx: KernelContext, initial: CExpr, fold: (CExpr) -> CStmt, finish: CExpr, prologue: [CStmt] = []
    ) -> [CStmt] {
        let inShape = ctx.inputShapes[0]
        let c = inShape[0]
        let i3 = to3D(Array(inShape.dropFirst()), fill: 1)
        let o3 = to3D(Array(ctx.node.shape.dropFirst()), fill: 1)
        let size = to3D(p.size, fill: 1)
        let stride = to3D(p.stride, fill: 1)
        let dil = to3D(p.dilation, fill: 1)
        let pad = to3D(p.padding.begin, fill: 0)
        let coords = ["d", "h", "w"]
        var inner: [CStmt] = [fold(.v("x")[(.v("id") * .int(i3[1]) + .v("ih")) * .int(i3[2]) + .v("iw")])]
        for d in (0..<3).reversed() {
            let i = "i" + coords[d]
            let k = "k" + coords[d]
            inner = [
                .loop(
                    k, .int(size[d]),
                    [
                        .decl("const int64_t", i, .v("o" + coords[d]) * .int(stride[d]) - .int(pad[d]) + .v(k) * .int(dil[d])),
                        .ifThen(.v(i) < .int(0) || .v(i) >= .int(i3[d]), [.continueLoop], else: []),
                    ] + inner)
            ]
        }
        let outIndex = (.v("od") * .int(o3[1]) + .v("oh")) * .int(o3[2]) + .v("ow")
        let cell: [CStmt] = prologue + [.decl("float", "acc", initial)] + inner + [.assign(.v("y")[outIndex], "=", finish)]
        return planeLoop(
            ctx, channels: c, inCount: i3.reduce(1, *), outCount: o3.reduce(1, *), work: size.reduce(1, *) * o3.reduce(1, *),
            body: [
                .loop("od", .int(o3[0]), [.loop("oh", .int(o3[1]), [.loop("ow", .int(o3[2]), cell)])])
            ])
    }

    /// Lp pooling: the p-th root of the sum of |x|^p over the window (padding cells add 0), or over the plane.
    static func emitLp(_ a: LpPoolAttributes, _ ctx: inout KernelContext) -> CFunction {
        let power: (CExpr) -> CExpr = { x in
            switch a.p {
            case 1: return .call("fabsf", [x])
            case 2: return x * x
            default: return .call("powf", [.call("fabsf", [x]), .float(Float(a.p))])
            }
        }
        let root: CExpr =
            a.p == 1 ? .v("acc") : a.p == 2 ? .call("sqrtf", [.v("acc")]) : .call("powf", [.v("acc"), .float(1 / Float(a.p))])
        guard let window = a.window else {
            let c = ctx.inputShapes[0][0]
            let count = ctx.inputShapes[0].dropFirst().reduce(1, *)
            return ctx.function(
                planeLoop(
                    ctx, channels: c, inCount: count, outCount: 1, work: count * 3,
                    body: [
                        .decl("float", "acc", .float(0)),
                        .loop("i", .int(count), [.assign(.v("acc"), "+=", power(.v("x")[.v("i")]))]),
                        .assign(.v("y")[0], "=", root),
                    ]))
        }
        return ctx.function(windowLoop(window, ctx, initial: .float(0), fold: { .assign(.v("acc"), "+=", power($0)) }, finish: root))
    }

    /// A 1-D or 2-D pool of one plane, vectorisable: per output row, the window's input rows are
    /// first reduced into one padded row (`vm`, padding cells hold the identity: -inf or 0), then
    /// each output takes its window of that row. No bounds test in either loop.
    static func rowPool(
        _ p: PoolAttributes, input i3: [Int], output o3: [Int], size: [Int], stride: [Int], pad: [Int], padEnd: [Int]
    ) -> [CStmt] {
        let isMax = p.kind == .max
        let (h, w) = (i3[1], i3[2])
        let (oh, ow) = (o3[1], o3[2])
        let (kh, kw) = (size[1], size[2])
        let (sh, sw) = (stride[1], stride[2])
        let (ph, pw) = (pad[1], pad[2])
        // Padded columns the windows read: x = ow*sw + k, input column x - pw.
        let width = (ow - 1) * sw + kw
        let identity: CExpr = isMax ? .float(-.infinity) : .float(0)
        let fold: (CExpr, CExpr) -> CExpr = { acc, x in isMax ? maxFold(acc, x) : acc + x }
        // Input columns j that land inside the padded row: 0 <= j < w and 0 <= j + pw < width.
        let jlo = max(0, -pw)
        let jhi = min(w, width - pw)
        let count = windowCount(
            dims: [.int(0), .v("oh"), .v("ow")], size: size, stride: stride, pad: pad, padEnd: padEnd, input: i3,
            includePad: p.countIncludePad)
        var window: CExpr = .v("vm")[.v("ow") * .int(sw)]
        for k in 1..<max(kw, 1) { window = fold(window, .v("vm")[.v("ow") * .int(sw) + .int(k)]) }
        return [
            .array("float", "vm", count: width, alignment: 64),
            .loop(
                "oh", .int(oh),
                [
                    .decl("const int64_t", "r0", .v("oh") * .int(sh) - .int(ph)),
                    .loop("i", .int(width), [.assign(.v("vm")[.v("i")], "=", identity)]),
                    .loop(
                        "ih", .call("cnnc_max", [.v("r0"), .int(0)]), .call("cnnc_min", [.v("r0") + .int(kh), .int(h)]),
                        [
                            .decl("const float *restrict", "row", .v("x") + .v("ih") * .int(w)),
                            .loop(
                                "j", .int(jlo), .int(jhi),
                                [.assign(.v("vm")[.v("j") + .int(pw)], "=", fold(.v("vm")[.v("j") + .int(pw)], .v("row")[.v("j")]))]),
                        ]),
                    .loop(
                        "ow", .int(ow),
                        [
                            .assign(.v("y")[.v("oh") * .int(ow) + .v("ow")], "=", isMax ? window : window / .cast("float", count))
                        ]),
                ]),
        ]
    }

    /// A stride-1 max pool whose output rows are as long as the input's (GoogLeNet's 3x3 pools
    /// with padding 1), in two flat passes over the plane: the max down each window's rows into
    /// `v`, then along each window's columns. Rows whose windows are whole, and columns away
    /// from the row ends, run as one long loop each (28-wide rows otherwise leave a scalar
    /// remainder per row); the few edge rows and edge columns are finished separately.
    static func separableMaxPool(input i3: [Int], output o3: [Int], size: [Int], pad: [Int]) -> [CStmt] {
        let (h, w, oh) = (i3[1], i3[2], o3[1])
        let (kh, kw, ph, pw) = (size[1], size[2], pad[1], pad[2])
        let fold = maxFold
        // Output rows whose window lies inside the input: r - ph >= 0 and r - ph + kh <= h.
        let rlo = min(ph, oh)
        let rhi = max(rlo, min(oh, h - kh + ph + 1))
        // From -inf; a NaN anywhere in the window becomes the result (`maxFold`).
        var down: CExpr = .float(-.infinity)
        for k in 0..<max(kh, 1) { down = fold(down, .v("x")[.v("q") + .int((k - ph) * w)]) }
        let edgeRow: (Int, Int) -> CStmt = { lo, hi in
            .loop(
                "r", .int(lo), .int(hi),
                [
                    .decl("float *restrict", "vr", .v("v") + .v("r") * .int(w)),
                    .loop("j", .int(w), [.assign(.v("vr")[.v("j")], "=", .float(-.infinity))]),
                    .loop(
                        "ih", .call("cnnc_max", [.v("r") - .int(ph), .int(0)]),
                        .call("cnnc_min", [.v("r") - .int(ph) + .int(kh), .int(h)]),
                        [
                            .loop(
                                "j", .int(w),
                                [.assign(.v("vr")[.v("j")], "=", fold(.v("vr")[.v("j")], .v("x")[.v("ih") * .int(w) + .v("j")]))])
                        ]),
                ])
        }
        // Columns whose window lies inside the row: c - pw >= 0 and c - pw + kw <= w.
        let clo = min(pw, w)
        let chi = max(clo, w - (kw - 1 - pw))
        var across: CExpr = .v("v")[.v("q") - .int(pw)]
        for k in 1..<max(kw, 1) { across = fold(across, .v("v")[.v("q") + .int(k - pw)]) }
        let edgeColumns = Array(0..<clo) + Array(chi..<w)
        var body: [CStmt] = [
            .array("float", "v", count: oh * w, alignment: 64),
            edgeRow(0, rlo),
            .loop("q", .int(rlo * w), .int(rhi * w), [.assign(.v("v")[.v("q")], "=", down)]),
            edgeRow(rhi, oh),
            .loop("q", .int(clo), .int(oh * w - (w - chi)), [.assign(.v("y")[.v("q")], "=", across)]),
        ]
        if !edgeColumns.isEmpty {
            body.append(
                .loop(
                    "r", .int(oh),
                    edgeColumns.map { c in
                        var acc: CExpr?
                        for k in 0..<kw where c - pw + k >= 0 && c - pw + k < w {
                            let x = CExpr.v("v")[.v("r") * .int(w) + .int(c - pw + k)]
                            acc = acc.map { fold($0, x) } ?? x
                        }
                        return .assign(.v("y")[.v("r") * .int(w) + .int(c)], "=", acc ?? .float(-.infinity))
                    }))
        }
        return body
    }

    /// Global pooling: one value per channel.
    static func emitGlobal(_ kind: PoolKind, _ ctx: inout KernelContext) -> CFunction {
        let c = ctx.inputShapes[0][0]
        let count = ctx.inputShapes[0].dropFirst().reduce(1, *)
        let isMax = kind == .max
        return ctx.function(
            planeLoop(
                ctx, channels: c, inCount: count, outCount: 1, work: count,
                body: laneFold(
                    "acc", count: count, initial: isMax ? -.infinity : 0, step: isMax ? maxFold : { $0 + $1 },
                    term: { .v("x")[$0] })
                    + [.assign(.v("y")[0], "=", isMax ? .v("acc") : .v("acc") / .float(Float(count)))]))
    }

    /// Adaptive pooling, PyTorch's bins: start floor(i*I/O), end ceil((i+1)*I/O).
    static func emitAdaptive(_ kind: PoolKind, output: [Int], _ ctx: inout KernelContext) -> CFunction {
        let c = ctx.inputShapes[0][0]
        let ih = ctx.inputShapes[0][1]
        let iw = ctx.inputShapes[0][2]
        let isMax = kind == .max
        func bins(_ i: Int, _ o: Int) -> ([Int], [Int]) {
            ((0..<o).map { $0 * i / o }, (0..<o).map { (($0 + 1) * i + o - 1) / o })
        }
        let (hs, he) = bins(ih, output[0])
        let (ws, we) = bins(iw, output[1])
        let body: [CStmt] = [
            .verbatimArray("h_start", hs), .verbatimArray("h_end", he), .verbatimArray("w_start", ws), .verbatimArray("w_end", we),
            .loop(
                "oh", .int(output[0]),
                [
                    .loop(
                        "ow", .int(output[1]),
                        [
                            .decl("float", "acc", isMax ? .float(-.infinity) : .float(0)),
                            .loop(
                                "ih", .v("h_start")[.v("oh")], .v("h_end")[.v("oh")],
                                [
                                    .loop(
                                        "iw", .v("w_start")[.v("ow")], .v("w_end")[.v("ow")],
                                        [
                                            isMax
                                                ? .assign(.v("acc"), "=", maxFold(.v("acc"), .v("x")[.v("ih") * .int(iw) + .v("iw")]))
                                                : .assign(.v("acc"), "+=", .v("x")[.v("ih") * .int(iw) + .v("iw")])
                                        ])
                                ]),
                            .assign(
                                .v("y")[.v("oh") * .int(output[1]) + .v("ow")], "=",
                                isMax
                                    ? .v("acc")
                                    : .v("acc")
                                        / .cast(
                                            "float",
                                            (.v("h_end")[.v("oh")] - .v("h_start")[.v("oh")])
                                                * (.v("w_end")[.v("ow")] - .v("w_start")[.v("ow")]))),
                        ])
                ]),
        ]
        return ctx.function(planeLoop(ctx, channels: c, inCount: ih * iw, outCount: output[0] * output[1], work: ih * iw, body: body))
    }

    /// `for b, c (parallel): x = in0 plane, y = out plane; body`.
    static func planeLoop(_ ctx: KernelContext, channels: Int, inCount: Int, outCount: Int, work: Int, body: [CStmt]) -> [CStmt] {
        [
            KernelContext.parallelFor(collapse: 2, work: work * channels),
            .loop(
                "b", ctx.batch,
                [
                    .loop(
                        "c", .int(channels),
                        [
                            .decl("const float *restrict", "x", ctx.input(0) + (.v("b") * .int(channels) + .v("c")) * .int(inCount)),
                            .decl("float *restrict", "y", ctx.output + (.v("b") * .int(channels) + .v("c")) * .int(outCount)),
                        ] + body)
                ]),
        ]
    }
}
