import CNNIR

/// The one kernel for every data movement op (reshape, transpose, slice, channel shuffle,
/// depth/space rearrangements): a strided copy of the op's `StridedView`, in canonical form
/// (axes of size 1 dropped, neighbours merged), so a channel shuffle is a plane copy per
/// channel and a transpose of the two innermost axes a tiled 2-D transpose.
///
/// Three shapes of inner loop, chosen by the view's innermost axis:
/// - source stride 1: runs copied with `memcpy`, in pieces of at most `piece` floats so even a
///   one-sample reshape spreads over the threads;
/// - another axis has source stride 1 (a real transpose): tiles of `tile` x `tile` elements of
///   that axis and the innermost one, so both the reads and the writes of a tile stay within
///   `tile` cache lines;
/// - neither (a slice with a step on the innermost axis): a strided inner loop.
/// Every index is affine in the loop counters; no division or modulo per element.
enum MovementEmitter {
    static let tile = 16
    static let piece = 4096

    static func emit(_ m: MovementOp, _ ctx: inout KernelContext) -> CFunction {
        let input = ctx.inputShapes[0]
        let copy = emitStridedCopy(m.stridedView(input: input).canonical, inCount: input.reduce(1, *), &ctx)
        guard case .reshape = m else { return copy }
        // Memory planning makes most reshapes aliases of their input (`PlanMemory`): nothing to copy then.
        return ctx.function([.ifThen(ctx.output.ne(ctx.input(0)), Array(copy.body.dropFirst()), else: [])])
    }

    /// `out[b][i...] = in0[b][offset + sum(i_k * strides[k])]` over the view's row-major order.
    static func emitStridedCopy(_ view: StridedView, inCount: Int, _ ctx: inout KernelContext) -> CFunction {
        let shape = view.shape
        let strides = view.strides
        let outCount = shape.reduce(1, *)
        let outStrides = StridedView.rowMajor(shape)
        let last = shape.count - 1
        let tileAxis: Int? = strides[last] == 1 ? nil : (0..<last).first { strides[$0] == 1 }
        let outer = (0..<last).filter { $0 != tileAxis }
        func counter(_ k: Int) -> String { "i\(k)" }

        // Loops the threads share: the batch, the outer axes, then the run pieces or the tile rows.
        var parallelLoops: [(name: String, to: CExpr, step: Int)] = [("b", ctx.batch, 1)]
        parallelLoops += outer.map { (counter($0), .int(shape[$0]), 1) }
        var source: CExpr = .v("b") * .int(inCount) + .int(view.offset)
        var target: CExpr = .v("b") * .int(outCount)
        for k in outer {
            source = source + .v(counter(k)) * .int(strides[k])
            target = target + .v(counter(k)) * .int(outStrides[k])
        }
        var body: [CStmt] = [
            .decl("const float *restrict", "xs", ctx.input(0) + source),
            .decl("float *restrict", "ys", ctx.output + target),
        ]
        let run = shape[last]
        if let t = tileAxis {
            // Output (i, j) is source (i * 1, j * strides[last]): rows of the source are columns of the output.
            let a = shape[t]
            let sj = strides[last]
            let oi = outStrides[t]
            parallelLoops.append(("t0", .int(a), tile))
            body += [
                .loop(
                    "u0", from: .int(0), to: .int(run), step: tile,
                    [
                        .loop(
                            "t", .v("t0"), .call("cnnc_min", [.v("t0") + .int(tile), .int(a)]),
                            [
                                .loop(
                                    "u", .v("u0"), .call("cnnc_min", [.v("u0") + .int(tile), .int(run)]),
                                    [
                                        .assign(.v("ys")[.v("t") * .int(oi) + .v("u")], "=", .v("xs")[.v("t") + .v("u") * .int(sj)])
                                    ])
                            ])
                    ])
            ]
        } else if strides[last] == 1 {
            let pieces = (run + piece - 1) / piece
            if pieces > 1 { parallelLoops.append(("p", .int(pieces), 1)) }
            let lo: CExpr = pieces > 1 ? .v("p") * .int(piece) : .int(0)
            let count: CExpr = pieces > 1 ? .call("cnnc_min", [.int(piece), .int(run) - lo]) : .int(run)
            body.append(.expr(.call("memcpy", [.v("ys") + lo, .v("xs") + lo, .cast("size_t", count) * .call("sizeof", [.v("float")])])))
        } else {
            body.append(.loop("u", .int(run), [.assign(.v("ys")[.v("u")], "=", .v("xs")[.v("u") * .int(strides[last])])]))
        }
        var nest = body
        for loop in parallelLoops.reversed() {
            nest = [.loop(loop.name, from: .int(0), to: loop.to, step: loop.step, nest)]
        }
        return ctx.function([KernelContext.parallelFor(collapse: parallelLoops.count, work: outCount)] + nest)
    }
}
