import CNNIR

/// The register-tiled conv kernel (see `ConvTiling` for the scheme): a padding/phase copy
/// of the input, a micro-kernel with one named accumulator per (channel, vector) that
/// stays in registers across the reduction, and an epilogue that drops the padding
/// columns and applies activations, the residual add and the fused pool.
enum TiledConvEmitter {
    /// The kernel of a tiled plan, nil for `.direct`.
    static func emit(_ plan: ConvKernelPlan, _ ctx: inout KernelContext) -> CFunction? {
        guard let tiled = plan.tiled else { return nil }
        switch plan {
        case .direct: return nil
        case .tileWinograd(let p): return emitTileWinograd(tiled, p.winograd, &ctx)
        case .rowWinograd(let p): return emitRowWinograd(tiled, p.winograd, &ctx)
        case .channelTiles(let p): return emitChannelTiled(tiled, p, &ctx)
        case .positionTiles, .depthwiseRows, .pixelShuffle: return emitPositionTiles(tiled, &ctx)
        }
    }

    /// The position-tile kernel (position tiles, depthwise rows, pixel shuffle).
    static func emitPositionTiles(_ plan: TiledConvPlan, _ ctx: inout KernelContext) -> CFunction {
        let a = plan.attributes, t = plan.tiling
        let ic = t.icg * t.groups, oc = t.ocg * t.groups
        let vtype = "cnnc_v\(t.lanes)"
        let (weight, biasValues) = equivalentParameters(plan, ctx.node)
        let w = weight.withUnsafeBufferPointer { ctx.weights(t.pack($0)) }
        let bias = ctx.weights(biasValues)
        var body: [CStmt] = [
            .decl("const float *restrict", "w", w),
            .decl("const float *restrict", "bias", bias),
        ]
        let source: CExpr
        if t.copiesPerGroup {
            source = .v("local")
        } else if t.copiesInput {
            body += copyInput(t, ctx)
            source = .v("scratch")
        } else {
            source = ctx.input(0)
        }
        let pool = a.epilogue.pool
        // Positions per task: a pooled row's window of conv rows, a chunk of whole rows, or a
        // chunk of whole tiles.
        let chunkTiles: Int
        let chunks: Int
        if let pool {
            // A window of conv rows may start mid-tile, so one extra tile of room.
            chunkTiles = (rowValue(pool.size, 1) * t.wq + t.tile - 1) / t.tile + 1
            chunks = ctx.node.shape.count == 2 ? 1 : ctx.node.shape[ctx.node.shape.count - 2]
        } else if let rows = t.chunkRows {
            // Depthwise convs, a plane per task: chunks of whole rows (the whole plane, up to
            // 4096 positions), so the epilogue stores whole rows with constant bounds, where
            // chunks of 512 positions left a partial row at each end (MobileNetV2's 144-channel
            // depthwise conv on 56x56: 0.125 -> 0.105 ms). The last tile runs past the chunk.
            chunkTiles = (rows * t.wq + t.tile - 1) / t.tile
            chunks = (t.outH + rows - 1) / rows
        } else {
            chunkTiles = max(1, min((t.positions + t.tile - 1) / t.tile, 512 / t.tile))
            chunks = (t.positions + chunkTiles * t.tile - 1) / (chunkTiles * t.tile)
        }
        let span = chunkTiles * t.tile
        // Positions between unpooled chunks: whole rows, or the chunk's whole tiles.
        let chunkPositions = t.chunkRows.map { $0 * t.wq } ?? span
        let rowSlack = plan.rowEpilogueVectors == nil ? 0 : t.lanes
        var task: [CStmt] = [
            .decl("const int64_t", "width", .call("cnnc_min", [.int(t.ocb), .int(t.ocg) - .v("blk") * .int(t.ocb)])),
            .decl("const float *restrict", "xs", t.copiesPerGroup ? source : source + (.v("b") * .int(ic) + .v("g") * .int(t.icg)) * .int(t.phases * t.planeFloats)),
            // A group's blocks hold ocg x icg x taps weights in all, whatever the tail block's width.
            .decl("const float *restrict", "wb", .v("w") + .v("g") * .int(t.ocg * t.icg * t.kh * t.kw) + .v("blk") * .int(t.ocb * t.icg * t.kh * t.kw)),
            .decl("const float *restrict", "bb", .v("bias") + .v("g") * .int(t.ocg) + .v("blk") * .int(t.ocb)),
            // The whole-row vector epilogue reads up to a vector past the chunk's last row (zeros).
            .array("float", "wt", count: t.ocb * span + rowSlack, alignment: 64),
        ]
        if rowSlack > 0 {
            task.append(.loop("i", .int(t.ocb * span), .int(t.ocb * span + rowSlack), [.assign(.v("wt")[.v("i")], "=", .float(0))]))
        }
        if let pool {
            let (ps, pp, pk) = (rowValue(pool.stride, 1), rowValue(pool.padding.begin, 0), rowValue(pool.size, 1))
            task += [
                .decl("const int64_t", "r0", .v("ch") * .int(ps) - .int(pp)),
                .decl("const int64_t", "rlo", .call("cnnc_max", [.v("r0"), .int(0)])),
                .decl("const int64_t", "rhi", .call("cnnc_min", [.v("r0") + .int(pk), .int(t.outH)])),
                .decl("const int64_t", "q0", .v("rlo") * .int(t.wq)),
                .decl("const int64_t", "q1", .v("rhi") * .int(t.wq)),
            ]
        } else {
            task += [
                .decl("const int64_t", "q0", .v("ch") * .int(chunkPositions)),
                .decl("const int64_t", "q1", .call("cnnc_min", [.v("q0") + .int(chunkPositions), .int(t.positions)])),
            ]
        }
        let tail = t.ocg % t.ocb
        let registers = plan.storesFromRegisters
        let context = ctx
        let tile: (Int) -> [CStmt] = { width in
            microKernel(t, width: width, vtype: vtype, span: span, direct: registers ? registerEpilogue(plan, context, width: width, vtype: vtype) : nil)
        }
        task.append(.loop("tt", from: .v("q0"), to: .v("q1"), step: t.tile, [
            .ifThen(.v("width").eq(.int(t.ocb)), tile(t.ocb), else: tail == 0 ? [] : tile(tail)),
        ]))
        if plan.upsample != [1, 1] {
            task += pixelShuffleEpilogue(a, t, upsample: plan.upsample, ctx, span: span)
        } else if let pool {
            task += poolEpilogue(a, pool, t, ctx, span: span)
        } else {
            // With the epilogue in registers, only a last partial tile is left in `wt`.
            let start: CExpr = registers ? .v("q0") + (.v("q1") - .v("q0")) / .int(t.tile) * .int(t.tile) : .v("q0")
            task += epilogue(plan, ctx, span: span, from: start)
        }
        let flops = 2 * t.icg * t.kh * t.kw * t.positions * oc
        if t.copiesPerGroup {
            // One task per (sample, channel): copy its plane, then every chunk of it. With few
            // channels (a one-channel first layer) and several threads, the chunks are split in
            // two parts, each copying the plane again, so both threads have work; one thread
            // runs the single loop with constant bounds, serially (measured faster: LeNet-5's
            // first layer took 5 us that way, 7 us split).
            let plane = ctx.input(0) + (.v("b") * .int(ic) + .v("g")) * .int(t.inH * t.inW)
            let perGroup: (Int) -> [CStmt] = { parts in
                let perPart = (chunks + parts - 1) / parts
                return [
                    .decl("const int64_t", "blk", .int(0)),
                    .array("float", "local", count: t.localCopyFloats, alignment: 64),
                ] + planeCopy(t, from: plane, to: .v("local")) + [
                    // The last tile reads past the planes into lanes it discards; zeros keep them normal numbers.
                    .loop("i", .int(t.phases * t.planeFloats), .int(t.localCopyFloats), [.assign(.v("local")[.v("i")], "=", .float(0))]),
                    parts == 1 ? .loop("ch", .int(chunks), task)
                        : .loop("ch", from: .v("part") * .int(perPart), to: .call("cnnc_min", [(.v("part") + .int(1)) * .int(perPart), .int(chunks)]), step: 1, task),
                ]
            }
            let whole: CStmt = .loop("b", ctx.batch, [.loop("g", .int(t.groups), perGroup(1))])
            if t.groups >= 8 || chunks < 2 {
                body += [KernelContext.parallelFor(collapse: 2, work: flops), whole]
            } else {
                body.append(.ifThen(KernelContext.severalThreads, [
                    KernelContext.parallelFor(collapse: 3, work: flops),
                    .loop("b", ctx.batch, [.loop("g", .int(t.groups), [.loop("part", .int(2), perGroup(2))])]),
                ], else: [whole]))
            }
        } else {
            body += [
                KernelContext.parallelFor(collapse: 4, work: flops),
                .loop("b", ctx.batch, [.loop("g", .int(t.groups), [.loop("blk", .int(t.blocksPerGroup), [.loop("ch", .int(chunks), task)])])]),
            ]
        }
        return ctx.function(body, scratch: t.usesScratch)
    }

    /// A 2-D pool's row value (size, stride or padding); a 1-D pool has rows of one.
    static func rowValue(_ v: [Int], _ oneD: Int) -> Int { v.count >= 2 ? v[0] : oneD }

    /// Pads and phase-splits the input into scratch: plane (rh, rw)[i][j] = padded[i*sh + rh][j*sw + rw].
    static func copyInput(_ t: ConvTiling, _ ctx: KernelContext) -> [CStmt] {
        let ic = t.icg * t.groups
        return [
            KernelContext.parallelFor(collapse: 2, work: t.phases * t.planeFloats * ic),
            .loop("b", ctx.batch, [.loop("c", .int(ic), planeCopy(
                t, from: ctx.input(0) + (.v("b") * .int(ic) + .v("c")) * .int(t.inH * t.inW),
                to: .v("scratch") + (.v("b") * .int(ic) + .v("c")) * .int(t.phases * t.planeFloats)))]),
        ]
    }

    /// Copies one channel's plane `from` into its padded column planes at `to`: plane (rh, p)[i][j]
    /// = padded[i*sh + rh][j*sw + off(p)], where off(p) is the stride phase p or, with column
    /// copies, kernel column p's offset. Each row is zeros, a (strided) run of the input, zeros,
    /// so the middle loop vectorises.
    static func planeCopy(_ t: ConvTiling, from: CExpr, to: CExpr) -> [CStmt] {
        let zero: (String, CExpr, CExpr) -> CStmt = { v, lo, hi in .loop(v, lo, hi, [.assign(.v("row")[.v(v)], "=", .float(0))]) }
        // Where column plane p starts in the padded input's columns: its stride phase, or with
        // column copies its kernel column.
        let offsets = (0..<t.columnPlanes).map { t.columnCopies ? $0 * t.dw : $0 }
        let planeRow: (Int) -> CExpr = { p in .v("dst") + ((.v("rh") * .int(t.columnPlanes) + .int(p)) * .int(t.hq) + .v("i")) * .int(t.wq) }
        let inputRow = CExpr.v("i") * .int(t.sh) + .v("rh") - .int(t.padTop)
        let outside = CExpr.v("ih") < .int(0) || .v("ih") >= .int(t.inH)
        let perRow: [CStmt]
        var buffers: [CStmt] = []
        if t.sw == 1 {
            // Unit column stride: each plane's rows are runs of the input at its offset, with
            // constant bounds, so straight-line vector code.
            perRow = offsets.enumerated().map { p, off in
                let lo = min(max(t.padLeft - off, 0), t.wq), hi = max(min(t.inW + t.padLeft - off, t.wq), lo)
                return .block([
                    .loop("i", .int(t.hq), [
                        .decl("const int64_t", "ih", inputRow),
                        .decl("float *restrict", "row", planeRow(p)),
                        .ifThen(outside, [zero("j", .int(0), .int(t.wq))], else: [
                            .decl("const float *restrict", "line", .v("src") + .v("ih") * .int(t.inW) + .int(off) - .int(t.padLeft)),
                            zero("j", .int(0), .int(lo)),
                            copyFloats(to: .v("row") + .int(lo), from: .v("line") + .int(lo), count: hi - lo),
                            zero("j", .int(hi), .int(t.wq)),
                        ]),
                    ]),
                ])
            }
        } else {
            // Strided: each input row is padded once into `line`, then split into its column
            // planes (`splitPhases`) rather than gathered plane by plane with scalar loads
            // (MobileNetV2's stride-2 depthwise conv on 112x112: 0.39 -> 0.27 ms). The shuffles
            // read whole vectors of `sw` columns each, so then the line holds that many.
            let width = t.splitsPhasesWithShuffles ? (t.wq + t.lanes - 1) / t.lanes * t.lanes * t.sw : (t.wq - 1) * t.sw + offsets.last! + 1
            let lo = min(t.padLeft, width), hi = max(min(t.inW + t.padLeft, width), lo)
            buffers = [.array("float", "line", count: width, alignment: 64)]
            perRow = [
                .loop("i", .int(t.hq), [
                    .decl("const int64_t", "ih", inputRow),
                    .ifThen(outside, offsets.indices.map { p in
                        .block([.decl("float *restrict", "row", planeRow(p)), zero("j", .int(0), .int(t.wq))])
                    }, else: [
                        .decl("const float *restrict", "in", .v("src") + .v("ih") * .int(t.inW) - .int(t.padLeft)),
                        .loop("j", .int(0), .int(lo), [.assign(.v("line")[.v("j")], "=", .float(0))]),
                        copyFloats(to: .v("line") + .int(lo), from: .v("in") + .int(lo), count: hi - lo),
                        .loop("j", .int(hi), .int(width), [.assign(.v("line")[.v("j")], "=", .float(0))]),
                    ] + offsets.indices.map { p in .decl("float *restrict", "row\(p)", planeRow(p)) } + splitPhases(t, offsets: offsets)),
                ]),
            ]
        }
        return [.block([
            .decl("const float *restrict", "src", from),
            .decl("float *restrict", "dst", to),
        ] + buffers + [
            .loop("rh", .int(t.phaseRows), perRow),
        ])]
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
    static func splitPhases(_ t: ConvTiling, offsets: [Int]) -> [CStmt] {
        let lanes = t.lanes, vtype = "cnnc_v\(lanes)", sw = t.sw
        guard t.splitsPhasesWithShuffles else {
            return [.loop("j", .int(t.wq), offsets.enumerated().map { p, off in
                .assign(.v("row\(p)")[.v("j")], "=", .v("line")[.v("j") * .int(sw) + .int(off)])
            })]
        }
        func load(_ k: Int) -> CExpr { .index(.cast("const \(vtype) *", .v("line") + .v("j") * .int(sw) + .int(k * lanes)), 0) }
        var step: [CStmt] = (0..<sw).map { k in .decl("const \(vtype)", "s\(k)", load(k)) }
        let names: [String]
        if sw == 2 {
            step += [
                .decl("const \(vtype)", "p0", .call("__builtin_shufflevector", [.v("s0"), .v("s1")] + (0..<lanes).map { .int(2 * $0) })),
                .decl("const \(vtype)", "p1", .call("__builtin_shufflevector", [.v("s0"), .v("s1")] + (0..<lanes).map { .int(2 * $0 + 1) })),
            ]
            names = ["p0", "p1"]
        } else {
            step += deinterleave4(["s0", "s1", "s2", "s3"], lanes: lanes, vtype: vtype, prefix: "p")
            names = ["p0", "p1", "p2", "p3"]
        }
        let used = names.prefix(t.phaseCols)
        let full = t.wq / lanes * lanes
        let stores: [CStmt] = used.enumerated().map { p, name in .assign(.index(.cast("\(vtype) *", .v("row\(p)") + .v("j")), 0), "=", .v(name)) }
        let partial: [CStmt] = used.enumerated().map { p, name in copyFloats(to: .v("row\(p)") + .v("j"), from: .addressOf(.v(name)), count: t.wq - full) }
        return [
            .loop("j", from: .int(0), to: .int(full), step: lanes, step + stores),
        ] + (full == t.wq ? [] : [.block([.decl("const int64_t", "j", .int(full))] + step + partial)])
    }

    /// Accumulator `(j, u)` of a tile: channel j, vector u of positions.
    static func acc(_ j: Int, _ u: Int) -> CExpr { .v("a\(j)_\(u)") }

    /// The epilogue in registers (where `plan.storesFromRegisters`): each accumulator gets the
    /// activations and the residual add as vectors and is stored straight to the output, instead
    /// of going through `wt` and a scalar pass. Small-K 1x1 convs spent a quarter of their time
    /// in that round trip (MobileNetV2's 16 -> 96 expand conv on 112x112: 0.283 -> 0.218 ms).
    static func registerEpilogue(_ plan: TiledConvPlan, _ ctx: KernelContext, width: Int, vtype: String) -> [CStmt] {
        let a = plan.attributes, t = plan.tiling
        precondition(plan.storesFromRegisters, "the epilogue of \(ctx.functionName) has no register form")
        var stmts: [CStmt] = []
        for j in 0..<width {
            let plane = (.v("b") * .int(t.ocg * t.groups) + .v("g") * .int(t.ocg) + .v("blk") * .int(t.ocb) + .int(j)) * .int(t.positions)
            for u in 0..<t.uv {
                let index = plane + .v("tt") + .int(u * t.lanes)
                let steps = vectorEpilogueStatements(a.epilogue, value: .v("v"), operandIndex: index, lanes: t.lanes)!
                stmts.append(.block([.decl(vtype, "v", acc(j, u))] + steps + [.assign(.index(.cast("\(vtype) *", ctx.output + index), 0), "=", .v("v"))]))
            }
        }
        return stmts
    }

    /// One tile: `uv` vectors of positions starting at `tt` x `width` channels, fully unrolled.
    /// The accumulators start from the bias `bb`, or from zero when `fromBias` is false. They go
    /// to `wt`, or through `direct` (`registerEpilogue`) when the tile ends within the chunk.
    static func microKernel(_ t: ConvTiling, width: Int, vtype: String, span: Int, fromBias: Bool = true, direct: [CStmt]? = nil) -> [CStmt] {
        let taps = t.kh * t.kw
        var stmts: [CStmt] = []
        for j in 0..<width {
            for u in 0..<t.uv { stmts.append(.decl(vtype, "a\(j)_\(u)", .call("cnnc_splat\(t.lanes)", [fromBias ? .v("bb")[.int(j)] : .float(0)]))) }
        }
        var step: [CStmt] = [
            .decl("const float *restrict", "xi", .v("xs") + .v("tt") + .v("c") * .int(t.phases * t.planeFloats)),
            .decl("const float *restrict", "wi", .v("wb") + .v("c") * .int(taps * width)),
        ]
        step += prefetch(from: "wi", ahead: t.icg * taps * width, floats: taps * width)
        // One kernel row of taps, unrolled, reading from `x`/`w` (row `kh` when it is a constant).
        func tapRow(_ kh: Int?, x: String, w: String) -> [CStmt] {
            (0..<t.kw).map { kw in
                let offset = (kh.map(t.rowOffset) ?? 0) + t.columnOffset(kw)
                let tap = (kh ?? 0) * t.kw + kw
                var block: [CStmt] = []
                for u in 0..<t.uv {
                    block.append(.decl("const \(vtype)", "x\(u)", .index(.cast("const \(vtype) *", .v(x) + .int(offset + u * t.lanes)), 0)))
                }
                for j in 0..<width {
                    block.append(.decl("const float", "w\(j)", .v(w)[.int(tap * width + j)]))
                    for u in 0..<t.uv { block.append(.assign(acc(j, u), "+=", .v("x\(u)") * .v("w\(j)"))) }
                }
                return .block(block)
            }
        }
        if t.kh > 1 && t.kh * t.kw >= 25 {
            // Large windows (5x5, a 7x7 or 11x11 first layer) loop over kernel rows: fully
            // unrolled, the step would outgrow the CPU's decoded-instruction cache (AlexNet's
            // 5x5 conv2 ran 9% faster this way).
            step.append(.loop("r", .int(t.kh), [
                .decl("const float *restrict", "xr", .v("xi") + ((.v("r") * .int(t.dh)) % .int(t.sh)) * .int(t.columnPlanes * t.planeFloats)
                      + ((.v("r") * .int(t.dh)) / .int(t.sh)) * .int(t.wq)),
                .decl("const float *restrict", "wr", .v("wi") + .v("r") * .int(t.kw * width)),
            ] + tapRow(nil, x: "xr", w: "wr")))
        } else {
            for kh in 0..<t.kh { step += tapRow(kh, x: "xi", w: "wi") }
        }
        stmts.append(.loop("c", .int(t.icg), step))
        var toTile: [CStmt] = []
        for j in 0..<width {
            for u in 0..<t.uv {
                toTile.append(.assign(.index(.cast("\(vtype) *", .v("wt") + .int(j * span) + (.v("tt") - .v("q0")) + .int(u * t.lanes)), 0), "=", acc(j, u)))
            }
        }
        if let direct {
            stmts.append(.ifThen(.v("tt") + .int(t.tile) <= .v("q1"), direct, else: toTile))
        } else {
            stmts += toTile
        }
        return [.block(stmts)]
    }

    /// Prefetches (into L2) the `floats` weights a reduction step will read `ahead` floats on:
    /// the next block's (or chunk's) slice of the weights, while this one computes. Deep layers
    /// stream megabytes of weights from memory once per inference; without this, each block's
    /// first tile waits for them (ResNet-50's layer 4 ran at 68% of peak, 86% with it).
    static func prefetch(from pointer: String, ahead: Int, floats: Int) -> [CStmt] {
        Swift.stride(from: 0, to: floats, by: 16).map { k in
            .expr(.call("__builtin_prefetch", [.v(pointer) + .int(ahead + k), .int(0), .int(2)]))
        }
    }

    /// The weights [OC, IC/groups, k...] and biases of the conv the kernel computes. For an
    /// up-convolution, output channel oc*sh*sw + rh*sw + rw of the 1x1 conv takes tap (rh, rw)
    /// of the transposed weight [IC, OC, sh, sw].
    static func equivalentParameters(_ plan: TiledConvPlan, _ node: Node) -> ([Float], [Float]) {
        let oc = plan.tiling.ocg * plan.tiling.groups
        let bias = node.params["bias"]?.values
        guard plan.upsample != [1, 1] else {
            return (node.params["weight"]!.values, bias ?? Array(repeating: 0, count: oc))
        }
        let phases = plan.upsample[0] * plan.upsample[1]
        let filters = oc / phases, ic = plan.tiling.icg
        let source = node.params["weight"]!.storage.floats
        var weight = [Float](repeating: 0, count: oc * ic)
        for o in 0..<filters {
            for r in 0..<phases {
                for c in 0..<ic { weight[(o * phases + r) * ic + c] = source[(c * filters + o) * phases + r] }
            }
        }
        let expanded = (0..<oc).map { bias?[$0 / phases] ?? 0 }
        return (weight, expanded)
    }

    /// An up-convolution's store: channel oc*sh*sw + rh*sw + rw at input position (ih, iw)
    /// is output pixel (ih*sh + rh, iw*sw + rw) of channel oc.
    static func pixelShuffleEpilogue(_ a: ConvAttributes, _ t: ConvTiling, upsample: [Int], _ ctx: KernelContext, span: Int) -> [CStmt] {
        let (sh, sw) = (upsample[0], upsample[1])
        let filters = t.ocg / (sh * sw)
        let outH = t.outH * sh, outW = t.outW * sw
        let row = (.v("b") * .int(filters) + .v("oc")) * .int(outH) + .v("oh") * .int(sh) + .v("rh")
        let steps = epilogueStatements(a.epilogue, value: .v("v"), operandIndex: row * .int(outW) + .v("ow") * .int(sw) + .v("rw"))
        return [
            .loop("j", .v("width"), [
                .decl("const int64_t", "ocp", .v("blk") * .int(t.ocb) + .v("j")),
                .decl("const int64_t", "oc", .v("ocp") / .int(sh * sw)),
                .decl("const int64_t", "rh", (.v("ocp") / .int(sw)) % .int(sh)),
                .decl("const int64_t", "rw", .v("ocp") % .int(sw)),
                .loop("oh", from: .v("q0") / .int(t.wq), to: .call("cnnc_min", [.int(t.outH), (.v("q1") + .int(t.wq - 1)) / .int(t.wq)]), step: 1, [
                    .decl("const int64_t", "lo", .call("cnnc_max", [.v("q0") - .v("oh") * .int(t.wq), .int(0)])),
                    .decl("const int64_t", "hi", .call("cnnc_min", [.v("q1") - .v("oh") * .int(t.wq), .int(t.outW)])),
                    .decl("const int64_t", "base", .v("j") * .int(span) + .v("oh") * .int(t.wq) - .v("q0")),
                    .decl("float *restrict", "dst", ctx.output + row * .int(outW) + .v("rw")),
                    .loop("ow", .v("lo"), .v("hi"), [.decl("float", "v", .v("wt")[.v("base") + .v("ow")])] + steps + [.assign(.v("dst")[.v("ow") * .int(sw)], "=", .v("v"))]),
                ]),
            ]),
        ]
    }

    /// Drops padding columns and applies activations and the residual add, storing to the output:
    /// the positions from `start` to the chunk's end.
    static func epilogue(_ plan: TiledConvPlan, _ ctx: KernelContext, span: Int, from start: CExpr) -> [CStmt] {
        let a = plan.attributes, t = plan.tiling
        let oc = t.ocg * t.groups
        let chan = CExpr.v("g") * .int(t.ocg) + .v("blk") * .int(t.ocb) + .v("j")
        if t.wq == t.outW {
            // No padding columns (1x1 and column-unpadded convs): positions are the output's own
            // offsets, so one flat loop per channel, vectorised, whatever the row length.
            let plane = (.v("b") * .int(oc) + chan) * .int(t.outH * t.outW)
            return [
                .loop("j", .v("width"), [
                    .decl("float *restrict", "dst", ctx.output + plane),
                    .decl("const float *restrict", "src", .v("wt") + .v("j") * .int(span) - .v("q0")),
                    .loop("q", start, .v("q1"), [.decl("float", "v", .v("src")[.v("q")])]
                        + epilogueStatements(a.epilogue, value: .v("v"), operandIndex: plane + .v("q"))
                        + [.assign(.v("dst")[.v("q")], "=", .v("v"))]),
                ]),
            ]
        }
        let indexAt: (CExpr) -> CExpr = { ow in ((.v("b") * .int(oc) + chan) * .int(t.outH) + .v("oh")) * .int(t.outW) + ow }
        let index = indexAt(.v("ow"))
        let store: (CExpr, CExpr) -> CStmt = { lo, hi in
            .loop("ow", lo, hi, [.decl("float", "v", .v("wt")[.v("base") + .v("ow")])]
                + epilogueStatements(a.epilogue, value: .v("v"), operandIndex: index) + [.assign(.v("dst")[.v("ow")], "=", .v("v"))])
        }
        let scalarRow = store(.int(0), .int(t.outW))
        let wholeRow = wholeRowVectors(plan, indexAt: indexAt, scalar: scalarRow) ?? scalarRow
        return [
            .loop("j", .v("width"), [
                // Rows outer, columns vectorised: with a chunk's rows known at compile time (a
                // depthwise conv's whole plane), clang 14 otherwise vectorises across rows with
                // gathers and scatters (a 192-channel depthwise conv on 28x28: 0.085 -> 0.053 ms).
                .pragma("clang loop vectorize(disable)"),
                .loop("oh", from: .v("q0") / .int(t.wq), to: .call("cnnc_min", [.int(t.outH), (.v("q1") + .int(t.wq - 1)) / .int(t.wq)]), step: 1, [
                    .decl("const int64_t", "lo", .call("cnnc_max", [.v("q0") - .v("oh") * .int(t.wq), .int(0)])),
                    .decl("const int64_t", "hi", .call("cnnc_min", [.v("q1") - .v("oh") * .int(t.wq), .int(t.outW)])),
                    .decl("const int64_t", "base", .v("j") * .int(span) + .v("oh") * .int(t.wq) - .v("q0")),
                    .decl("float *restrict", "dst", ctx.output + (.v("b") * .int(oc) + chan) * .int(t.outH * t.outW) + .v("oh") * .int(t.outW)),
                    // Whole rows (the common case) with a constant trip count: straight-line vector code.
                    .ifThen(.v("lo").eq(.int(0)) && .v("hi").eq(.int(t.outW)), [wholeRow], else: [store(.v("lo"), .v("hi"))]),
                ]),
            ]),
        ]
    }

    /// A whole output row's epilogue as vectors (where `plan.rowEpilogueVectors`), else nil. The
    /// row's last vector runs past its end into the rows after it, which this task stores later
    /// (a plane's chunks run in order on one thread, each in row order); so it is used while
    /// that vector ends within the plane, and the plane's last rows keep the `scalar` loop. The
    /// scalar loop on rows of 14 was 40% of a depthwise conv's time (576 channels on 14x14:
    /// 0.048 -> 0.030 ms; MobileNetV2 4.19 -> 4.00 ms on 1 thread).
    static func wholeRowVectors(_ plan: TiledConvPlan, indexAt: (CExpr) -> CExpr, scalar: CStmt) -> CStmt? {
        guard let vectors = plan.rowEpilogueVectors else { return nil }
        let t = plan.tiling, vtype = "cnnc_v\(t.lanes)"
        let body: [CStmt] = (0..<vectors).map { k in
            let column = k * t.lanes
            let steps = vectorEpilogueStatements(plan.attributes.epilogue, value: .v("v"), operandIndex: indexAt(.int(column)), lanes: t.lanes)!
            return .block([.decl(vtype, "v", .index(.cast("const \(vtype) *", .v("wt") + .v("base") + .int(column)), 0))] + steps
                + [.assign(.index(.cast("\(vtype) *", .v("dst") + .int(column)), 0), "=", .v("v"))])
        }
        // The last row whose last vector ends within the plane.
        let lastRow = (t.outH * t.outW - vectors * t.lanes) / t.outW
        return .ifThen(.v("oh") <= .int(lastRow), body, else: [scalar])
    }

    /// Activations and adds on the window's conv rows in place, then the pool into one output row.
    static func poolEpilogue(_ a: ConvAttributes, _ p: PoolAttributes, _ t: ConvTiling, _ ctx: KernelContext, span: Int) -> [CStmt] {
        let oc = t.ocg * t.groups
        let chan = CExpr.v("g") * .int(t.ocg) + .v("blk") * .int(t.ocb) + .v("j")
        let pooledW = ctx.node.shape.last!
        let pooledH = ctx.node.shape.count == 2 ? 1 : ctx.node.shape[ctx.node.shape.count - 2]
        let index = ((.v("b") * .int(oc) + chan) * .int(t.outH) + .v("r")) * .int(t.outW) + .v("ow")
        let steps = epilogueStatements(a.epilogue, value: .v("v"), operandIndex: index)
        let isMax = p.kind == .max
        let kw = p.size.last!, sw = p.stride.last!, pw = p.padding.begin.last!
        let size3 = [1, p.size.count >= 2 ? p.size[0] : 1, kw]
        let stride3 = [1, p.stride.count >= 2 ? p.stride[0] : 1, sw]
        let pad3 = [0, p.padding.begin.count >= 2 ? p.padding.begin[0] : 0, pw]
        let padEnd3 = [0, p.padding.end.count >= 2 ? p.padding.end[0] : 0, p.padding.end.last!]
        let count = PoolEmitter.windowCount(dims: [.int(0), .v("ch"), .v("px")], size: size3, stride: stride3, pad: pad3, padEnd: padEnd3, input: [1, t.outH, t.outW], includePad: p.countIncludePad)
        var body: [CStmt] = []
        let pointwise = !a.epilogue.contains { if case .add = $0 { return true }; return false }
        if !steps.isEmpty && pointwise {
            // Activations alone: one flat pass over the window's rows, padding columns included
            // (finite values, dropped by the pool), so no row leaves a scalar remainder.
            let flat = epilogueStatements(a.epilogue, value: .v("v"), operandIndex: .int(0))
            body.append(.block([
                .decl("float *restrict", "rows", .v("wt") + .v("j") * .int(span)),
                .loop("i", .int(0), (.v("rhi") - .v("rlo")) * .int(t.wq), [.decl("float", "v", .v("rows")[.v("i")])] + flat + [.assign(.v("rows")[.v("i")], "=", .v("v"))]),
            ]))
        } else if !steps.isEmpty {
            body.append(.loop("r", .v("rlo"), .v("rhi"), [
                .decl("float *restrict", "row", .v("wt") + .v("j") * .int(span) + (.v("r") - .v("rlo")) * .int(t.wq)),
                .loop("ow", .int(t.outW), [.decl("float", "v", .v("row")[.v("ow")])] + steps + [.assign(.v("row")[.v("ow")], "=", .v("v"))]),
            ]))
        }
        body.append(.decl("float *restrict", "dst", ctx.output + ((.v("b") * .int(oc) + chan) * .int(pooledH) + .v("ch")) * .int(pooledW)))
        if pw == 0 && (pooledW - 1) * sw + kw <= t.outW {
            // Every window lies inside the row: no bounds test, rows outer, so the loop over
            // pooled columns vectorises (the common 2x2/2 pool after a conv).
            let fold: (CExpr, CExpr) -> CExpr = { acc, x in isMax ? maxFold(acc, x) : acc + x }
            body.append(.loop("px", .int(pooledW), [.assign(.v("dst")[.v("px")], "=", isMax ? .float(-.infinity) : .float(0))]))
            body.append(.loop("r", .v("rlo"), .v("rhi"), [
                .decl("const float *restrict", "row", .v("wt") + .v("j") * .int(span) + (.v("r") - .v("rlo")) * .int(t.wq)),
                .loop("px", .int(pooledW), [
                    .decl("float", "acc", .v("dst")[.v("px")]),
                ] + (0..<kw).map { k in .assign(.v("acc"), "=", fold(.v("acc"), .v("row")[.v("px") * .int(sw) + .int(k)])) } + [
                    .assign(.v("dst")[.v("px")], "=", .v("acc")),
                ]),
            ]))
            if !isMax {
                body.append(.loop("px", .int(pooledW), [.assign(.v("dst")[.v("px")], "/=", .cast("float", count))]))
            }
            return [.loop("j", .v("width"), body)]
        }
        body.append(.loop("px", .int(pooledW), [
            .decl("float", "acc", isMax ? .float(-.infinity) : .float(0)),
            .loop("r", .v("rlo"), .v("rhi"), [
                .loop("k", .int(kw), [
                    .decl("const int64_t", "cw", .v("px") * .int(sw) - .int(pw) + .v("k")),
                    .ifThen(.v("cw") >= .int(0) && .v("cw") < .int(t.outW), [
                        isMax ? .assign(.v("acc"), "=", maxFold(.v("acc"), .v("wt")[.v("j") * .int(span) + (.v("r") - .v("rlo")) * .int(t.wq) + .v("cw")]))
                              : .assign(.v("acc"), "+=", .v("wt")[.v("j") * .int(span) + (.v("r") - .v("rlo")) * .int(t.wq) + .v("cw")]),
                    ], else: []),
                ]),
            ]),
            .assign(.v("dst")[.v("px")], "=", isMax ? .v("acc") : .v("acc") / .cast("float", count)),
        ]))
        return [.loop("j", .v("width"), body)]
    }
}
