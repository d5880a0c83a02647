import CNNIR

/// The input copy every tiled conv kind reads (`ConvTiling`'s scheme): the input padded and
/// split into its stride phases (or one copy per kernel column), per channel plane.
extension TiledConvEmitter {
    /// Pads and phase-splits the input into scratch: plane (rh, rw)[i][j] = padded[i*sh + rh][j*sw + rw].
    static func copyInput(_ t: ConvTiling, _ ctx: KernelContext) -> [CStmt] {
        let ic = t.icg * t.groups
        return [
            KernelContext.parallelFor(collapse: 2, work: t.phases * t.planeFloats * ic),
            .loop(
                "b", ctx.batch,
                [
                    .loop(
                        "c", .int(ic),
                        planeCopy(
                            t, from: ctx.input(0) + (.v("b") * .int(ic) + .v("c")) * .int(t.inH * t.inW),
                            to: .v("scratch") + (.v("b") * .int(ic) + .v("c")) * .int(t.phases * t.planeFloats)))
                ]),
        ]
    }

    /// Copies one channel's plane `from` into its padded column planes at `to`: plane (rh, p)[i][j]
    /// = padded[i*sh + rh][j*sw + off(p)], where off(p) is the stride phase p or, with column
    /// copies, kernel column p's offset. Each row is zeros, a (strided) run of the input, zeros,
    /// so the middle loop vectorises.
    static func planeCopy(_ t: ConvTiling, from: CExpr, to: CExpr) -> [CStmt] {
        let rows = PlaneCopyRows(t: t)
        let (buffers, row) = t.sw == 1 ? ([], rows.unitStride()) : rows.strided()
        let loops: CStmt =
            rowsInInputOrder(t)
            ? .loop("i", .int(t.hq), [.loop("rh", .int(t.phaseRows), row)])
            : .loop("rh", .int(t.phaseRows), [.loop("i", .int(t.hq), row)])
        return [
            .block(
                [
                    .local(.constFloatPointer, "src", from),
                    .local(.floatPointer, "dst", to),
                ] + buffers + [loops])
        ]
    }

    /// Whether `planeCopy` takes row i of every row phase before row i + 1, so that it reads the
    /// input's rows in order (ih = i*sh + rh - pad), rather than phase by phase, each pass
    /// reading every sh-th row. In order, the hardware prefetcher keeps up with a plane that
    /// comes from L3: MobileNetV2's stride-2 depthwise conv on 112x112 (49 KB a plane) went from
    /// 0.48-0.66 to 0.38-0.42 ms, the one on 56x56 (12 KB) about 8% faster, on a Zen 3 core. On
    /// 14x14 planes the phase-by-phase loops were 10% faster (0.031 against 0.034 ms), so
    /// planes under 8 KB keep them.
    static func rowsInInputOrder(_ t: ConvTiling) -> Bool {
        t.phaseRows > 1 && t.inH * t.inW * MemoryLayout<Float>.size >= 8192
    }

    /// One row of `planeCopy`: row `i` of row phase `rh` of each column plane, from input row `ih`.
    struct PlaneCopyRows {
        let t: ConvTiling
        /// Where column plane p starts in the padded input's columns: its stride phase, or with
        /// column copies its kernel column.
        var offsets: [Int] { (0..<t.columnPlanes).map { t.columnCopies ? $0 * t.dw : $0 } }
        var inputRow: CExpr { CExpr.v("i") * .int(t.sh) + .v("rh") - .int(t.padTop) }
        var outside: CExpr { CExpr.v("ih") < .int(0) || .v("ih") >= .int(t.inH) }

        func planeRow(_ p: Int) -> CExpr { .v("dst") + ((.v("rh") * .int(t.columnPlanes) + .int(p)) * .int(t.hq) + .v("i")) * .int(t.wq) }
        func zero(_ v: String, _ lo: CExpr, _ hi: CExpr) -> CStmt { .loop(v, lo, hi, [.assign(.v("row")[.v(v)], "=", .float(0))]) }

        /// Unit column stride: each plane's row is a run of the input at its offset, with
        /// constant bounds, so straight-line vector code.
        func unitStride() -> [CStmt] {
            offsets.enumerated().map { p, off in
                let lo = min(max(t.padLeft - off, 0), t.wq)
                let hi = max(min(t.inW + t.padLeft - off, t.wq), lo)
                return .block([
                    .local(.constInt64, "ih", inputRow),
                    .local(.floatPointer, "row", planeRow(p)),
                    .ifThen(
                        outside, [zero("j", .int(0), .int(t.wq))],
                        else: [
                            .local(.constFloatPointer, "line", .v("src") + .v("ih") * .int(t.inW) + .int(off) - .int(t.padLeft)),
                            zero("j", .int(0), .int(lo)),
                            TiledConvEmitter.copyFloats(to: .v("row") + .int(lo), from: .v("line") + .int(lo), count: hi - lo),
                            zero("j", .int(hi), .int(t.wq)),
                        ]),
                ])
            }
        }

        /// Strided: each input row is padded once into `line`, then split into its column
        /// planes (`splitPhases`) rather than gathered plane by plane with scalar loads
        /// (MobileNetV2's stride-2 depthwise conv on 112x112: 0.39 -> 0.27 ms). The shuffles
        /// read whole vectors of `sw` columns each, so then the line holds that many.
        func strided() -> (buffers: [CStmt], rows: [CStmt]) {
            let offsets = self.offsets
            let width = t.splitsPhasesWithShuffles ? (t.wq + t.lanes - 1) / t.lanes * t.lanes * t.sw : (t.wq - 1) * t.sw + offsets.last! + 1
            let lo = min(t.padLeft, width)
            let hi = max(min(t.inW + t.padLeft, width), lo)
            let row: [CStmt] = [
                .local(.constInt64, "ih", inputRow),
                .ifThen(
                    outside,
                    offsets.indices.map { p in .block([.local(.floatPointer, "row", planeRow(p)), zero("j", .int(0), .int(t.wq))]) },
                    else: [
                        .local(.constFloatPointer, "in", .v("src") + .v("ih") * .int(t.inW) - .int(t.padLeft)),
                        .loop("j", .int(0), .int(lo), [.assign(.v("line")[.v("j")], "=", .float(0))]),
                    ] + lineCopies(lo: lo, hi: hi) + [
                        .loop("j", .int(hi), .int(width), [.assign(.v("line")[.v("j")], "=", .float(0))])
                    ] + offsets.indices.map { p in .local(.floatPointer, "row\(p)", planeRow(p)) }
                        + TiledConvEmitter.splitPhases(t, offsets: offsets, direct: directSteps(lo: lo, hi: hi))),
            ]
            return ([.array(.float, "line", count: width, alignment: 64)], row)
        }

        /// The shuffle loop's steps `j` (multiples of the lanes below the row's whole vectors)
        /// whose `sw` vectors lie within the row's input columns `lo ..< hi`: those read the
        /// input row `in` itself. Copied into `line` (a memcpy one float past its alignment), a
        /// step's aligned loads each spanned two of the copy's stores and waited for them to
        /// reach the cache; only the steps at the row's ends, which read its padding, use `line`.
        func directSteps(lo: Int, hi: Int) -> Range<Int> {
            guard t.splitsPhasesWithShuffles else { return 0..<0 }
            let lanes = t.lanes
            let full = t.wq / lanes * lanes
            var a = 0
            while a < full && a * t.sw < lo { a += lanes }
            var b = a
            while b < full && b * t.sw + t.sw * lanes <= hi { b += lanes }
            return a < b ? a..<b : 0..<0
        }

        /// Copies into `line` the input columns `lo ..< hi` that the steps outside `directSteps`
        /// read: all of them, or only the two ends.
        func lineCopies(lo: Int, hi: Int) -> [CStmt] {
            let direct = directSteps(lo: lo, hi: hi)
            guard !direct.isEmpty else {
                return [TiledConvEmitter.copyFloats(to: .v("line") + .int(lo), from: .v("in") + .int(lo), count: hi - lo)]
            }
            let headEnd = min(max(direct.lowerBound * t.sw, lo), hi)
            let tailStart = max(min(direct.upperBound * t.sw, hi), headEnd)
            return [
                TiledConvEmitter.copyFloats(to: .v("line") + .int(lo), from: .v("in") + .int(lo), count: headEnd - lo),
                TiledConvEmitter.copyFloats(to: .v("line") + .int(tailStart), from: .v("in") + .int(tailStart), count: hi - tailStart),
            ]
        }
    }

    /// `count` floats copied with memcpy: a loop from a pointer into a stack buffer stayed scalar
    /// (clang could not rule out overlap), and depthwise convs, which copy every plane, spent a
    /// third of their time there.
    static func copyFloats(to: CExpr, from: CExpr, count: Int) -> CStmt {
        count > 0 ? .expr(.call("memcpy", [to, from, .cast("size_t", .int(count)) * .call("sizeof", [.v("float")])])) : .block([])
    }

    /// Splits the padded row `line` into the plane rows `row0`... (`row{p}[j] = line[j*sw +
    /// offsets[p]]`). The stride phases of strides 2 and 4 run as vector loads and
    /// deinterleaving shuffles, storing the phases the taps use; a row's last partial vector goes
    /// through a small buffer, so no store passes the row's end. (It used to be a vector
    /// overlapping the one before, read from `line` at an offset its stores did not start at:
    /// the load waited for those stores to reach the cache, 20% of a stride-2 depthwise conv.)
    /// Other strides, column copies, and rows shorter than a vector, as one scalar loop.
    static func splitPhases(_ t: ConvTiling, offsets: [Int], direct: Range<Int> = 0..<0) -> [CStmt] {
        let lanes = t.lanes
        let vtype = CType.vector(lanes)
        let sw = t.sw
        guard t.splitsPhasesWithShuffles else {
            return [
                .loop(
                    "j", .int(t.wq),
                    offsets.enumerated().map { p, off in
                        .assign(.v("row\(p)")[.v("j")], "=", .v("line")[.v("j") * .int(sw) + .int(off)])
                    })
            ]
        }
        func steps(from source: String) -> [CStmt] {
            var step: [CStmt] = (0..<sw).map { k in
                .local(vtype.constant, "s\(k)", .loadVector(vtype, from: .v(source) + .v("j") * .int(sw) + .int(k * lanes)))
            }
            if sw == 2 {
                step += [
                    .local(
                        vtype.constant, "p0", .call("__builtin_shufflevector", [.v("s0"), .v("s1")] + (0..<lanes).map { .int(2 * $0) })),
                    .local(
                        vtype.constant, "p1",
                        .call("__builtin_shufflevector", [.v("s0"), .v("s1")] + (0..<lanes).map { .int(2 * $0 + 1) })),
                ]
            } else {
                step += deinterleave4(["s0", "s1", "s2", "s3"], lanes: lanes, vtype: vtype, prefix: "p")
            }
            return step
        }
        let used = (0..<t.phaseCols).map { "p\($0)" }
        let full = t.wq / lanes * lanes
        let stores: [CStmt] = used.enumerated().map { p, name in .assign(.vectorAt(vtype, .v("row\(p)") + .v("j")), "=", .v(name)) }
        let partial: [CStmt] = used.enumerated().map { p, name in
            copyFloats(to: .v("row\(p)") + .v("j"), from: .addressOf(.v(name)), count: t.wq - full)
        }
        // Steps before, within and after `direct` (the middle ones read the input row `in`).
        let ranges = [(0, direct.lowerBound, "line"), (direct.lowerBound, direct.upperBound, "in"), (direct.upperBound, full, "line")]
        let loops: [CStmt] = ranges.compactMap { lo, hi, source in
            hi > lo ? .loop("j", from: .int(lo), to: .int(hi), step: lanes, steps(from: source) + stores) : nil
        }
        return loops + (full == t.wq ? [] : [.block([.local(.constInt64, "j", .int(full))] + steps(from: "line") + partial)])
    }
}
