import CNNIR

/// The register-tiled conv kernel (see `ConvTiling` for the scheme): a padding/phase copy
/// of the input, a micro-kernel with one named accumulator per (channel, vector) that
/// stays in registers across the reduction, and an epilogue that drops the padding
/// columns and applies activations, the residual add and the fused pool.
enum TiledConvEmitter {
    /// The kernel of a tiled plan, nil for `.direct`.
    static func emit(_ plan: ConvKernelPlan, _ ctx: inout KernelContext) -> CFunction? {
        switch plan {
        case .direct: return nil
        case .tileWinograd(let p): return emitTileWinograd(p, &ctx)
        case .rowWinograd(let p): return emitRowWinograd(p, &ctx)
        case .channelTiles(let p): return emitChannelTiled(p, &ctx)
        case .depthwiseDirect(let p): return emitDepthwiseDirect(p, &ctx)
        case .positionTiles, .depthwiseRows, .pixelShuffle:
            // These three share the position-tile kernel.
            return plan.positionTileKernel.map { emitPositionTiles($0, &ctx) }
        }
    }

    /// The position-tile kernel (position tiles, depthwise rows, pixel shuffle): the input copy,
    /// then per task (`positionTileTask`) the tiles and the epilogue, in parallel loops
    /// (`positionTileLoops`).
    static func emitPositionTiles(_ plan: PositionTileKernel, _ ctx: inout KernelContext) -> CFunction {
        let t = plan.tiling
        let (weight, biasValues) = equivalentParameters(plan, ctx.node)
        let w = weight.withUnsafeBufferPointer { ctx.weights(t.pack($0)) }
        let bias = ctx.weights(biasValues)
        var body: [CStmt] = [
            .local(.constFloatPointer, "w", w),
            .local(.constFloatPointer, "bias", bias),
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
        if let k = plan.attributes.inputScale {
            body += scaledWeights(
                ctx, scale: k, copyFloats: t.scratchFloats, inputChannels: t.icg, blocks: t.blocksPerGroup, blockStride: t.ocb,
                width: .call("cnnc_min", [.int(t.ocb), .int(t.ocg) - .v("blk") * .int(t.ocb)]), taps: t.kh * t.kw,
                perSample: t.packedWeightFloats)
        }
        let (chunkTiles, chunks) = positionTileChunks(plan, ctx)
        let packed = packedChunks(plan, ctx)
        let task = positionTileTask(plan, ctx, source: source, span: chunkTiles * t.tile, packedChunks: packed == nil ? nil : chunks)
        body += positionTileLoops(plan, ctx, task: task, chunks: chunks, packedFloats: packed?.bufferFloats)
        return ctx.function(body, scratch: t.usesScratch || plan.attributes.inputScale != nil)
    }

    /// A conv with an input scale (`ConvAttributes.inputScale`, a squeeze-and-excitation gate, one
    /// group) multiplies each sample's packed weights by it into scratch first, `perSample` floats
    /// a sample after the input copy's `copyFloats` (`ws`), so that its tiles run as without one:
    /// block `blk` (`blockStride` channels apart, `width` of them, narrower for a position-tile
    /// conv's last block) holds `[c][tap][width]`, each channel c's run times scale c. Multiplied
    /// in each reduction step instead (each weight vector of a channel tile, each input vector of
    /// a position tile), EfficientNet-B0's 16 gated projections took 1.1-1.35x as long on a Zen 1
    /// core; the products cost a pass over the weights per call.
    static func scaledWeights(
        _ ctx: KernelContext, scale k: Int, copyFloats: Int, inputChannels ic: Int, blocks: Int, blockStride: Int, width: CExpr, taps: Int,
        perSample: Int
    ) -> [CStmt] {
        [
            .local(.floatPointer, "ws", .v("scratch") + ctx.batch * .int(copyFloats)),
            KernelContext.parallelFor(collapse: 3, work: perSample),
            .loop(
                "b", ctx.batch,
                [
                    .loop(
                        "blk", .int(blocks),
                        [
                            .loop(
                                "c", .int(ic),
                                [
                                    .local(.constInt64, "run", width * .int(taps)),
                                    .local(.constFloat, "s", ctx.input(k)[.v("b") * .int(ic) + .v("c")]),
                                    .local(.constInt64, "at", .v("blk") * .int(blockStride * ic * taps) + .v("c") * .v("run")),
                                    .local(.floatPointer, "to", .v("ws") + .v("b") * .int(perSample) + .v("at")),
                                    .loop("j", .v("run"), [.assign(.v("to")[.v("j")], "=", .v("w")[.v("at") + .v("j")] * .v("s"))]),
                                ])
                        ])
                ]),
        ]
    }

    /// A conv whose input scale multiplies its input instead of its weights
    /// (`ConvKernelPlan.ChannelTiles.scalesInput`): each sample's `ic` planes of `plane` floats
    /// times their channel's scale, into scratch after the input copy's `copyFloats` (`xsc`),
    /// which the tiles then read as their input. The products round (x·s)·w where scaled
    /// weights round (w·s)·x.
    static func scaledInput(_ ctx: KernelContext, scale k: Int, copyFloats: Int, inputChannels ic: Int, plane: Int) -> [CStmt] {
        [
            .local(.floatPointer, "xsc", .v("scratch") + ctx.batch * .int(copyFloats)),
            KernelContext.parallelFor(collapse: 2, work: ic * plane),
            .loop(
                "b", ctx.batch,
                [
                    .loop(
                        "c", .int(ic),
                        [
                            .local(.constFloat, "s", ctx.input(k)[.v("b") * .int(ic) + .v("c")]),
                            .local(.constFloatPointer, "from", ctx.input(0) + (.v("b") * .int(ic) + .v("c")) * .int(plane)),
                            .local(.floatPointer, "to", .v("xsc") + (.v("b") * .int(ic) + .v("c")) * .int(plane)),
                            .loop("j", .int(plane), [.assign(.v("to")[.v("j")], "=", .v("from")[.v("j")] * .v("s"))]),
                        ])
                ]),
        ]
    }

    /// Tiles per task and tasks per plane: a pooled row's window of conv rows, a chunk of whole
    /// rows, or a chunk of whole tiles.
    static func positionTileChunks(_ plan: PositionTileKernel, _ ctx: KernelContext) -> (chunkTiles: Int, chunks: Int) {
        let t = plan.tiling
        if let pool = plan.attributes.epilogue.pool {
            // A window of conv rows may start mid-tile, so one extra tile of room.
            return (
                (rowValue(pool.size, 1) * t.wq + t.tile - 1) / t.tile + 1,
                ctx.node.shape.count == 2 ? 1 : ctx.node.shape[ctx.node.shape.count - 2]
            )
        } else if let rows = t.chunkRows {
            // Depthwise convs, a plane per task: chunks of whole rows (the whole plane, up to
            // 4096 positions), so the epilogue stores whole rows with constant bounds, where
            // chunks of 512 positions left a partial row at each end (MobileNetV2's 144-channel
            // depthwise conv on 56x56: 0.125 -> 0.105 ms). The last tile runs past the chunk.
            return ((rows * t.wq + t.tile - 1) / t.tile, (t.outH + rows - 1) / rows)
        }
        let chunkPositions = packedChunks(plan, ctx)?.positions ?? ctx.thresholds.positionTileChunkPositions
        let tiles = (t.positions + t.tile - 1) / t.tile
        let mostTiles = max(1, chunkPositions / t.tile)
        let chunks = (tiles + mostTiles - 1) / mostTiles
        // As many chunks as the largest size needs, their tiles shared as evenly as they divide:
        // the static schedule hands each thread whole runs of chunks, and a short last chunk left
        // one thread with more of the work (a 14x14 plane in chunks of 128 positions: 128 and 68,
        // one thread 65% of the positions at two threads).
        return ((tiles + chunks - 1) / chunks, chunks)
    }

    /// How a 1x1 conv packs each chunk of its input before the chunk's tasks
    /// (`ConvThresholds.positionTilePackMaxFloats`): its positions per chunk and the floats of the
    /// buffer it declares; nil where the reduction reads the input in place. Packed, tile after tile of `icg` channel runs, a reduction step
    /// reads the run after the last one, which stays in L1 across the blocks of channels, where
    /// in place it read one line of each channel's row: on a 56x56 plane (12544-byte rows) those
    /// lines fall in 16 of the L1's 64 sets, so 256 channels' lines did not stay in it. ResNet-50's
    /// 1x1 convs, one Zen 3 core, one kernel alone, both forms alternated in one process: 256 ->
    /// 128 on 56x56 0.77-0.95 (2 threads 0.83-0.86), 64 -> 256 on 56x56 0.90-0.94, 128 -> 512 on
    /// 28x28 0.76-0.83. A chunk is at most as many floats as the buffer holds, at least two tiles;
    /// convs with one block of channels read each chunk once and do not pack.
    static func packedChunks(_ plan: PositionTileKernel, _ ctx: KernelContext) -> (positions: Int, bufferFloats: Int)? {
        let t = plan.tiling
        let th = ctx.thresholds
        guard let maxFloats = th.positionTilePackMaxFloats, t.kh == 1, t.kw == 1, plan.upsample == [1, 1],
            plan.attributes.epilogue.pool == nil, t.chunkRows == nil, !t.copiesPerGroup, t.blocksPerGroup >= 2,
            t.icg >= th.positionTilePackMinInputChannels
        else { return nil }
        // A plane whose tiles fit in `positionTilePackWholePlaneMaxFloats` is one chunk, its
        // blocks of channels shared among the threads: in chunks of positions, 13 tiles on 14x14
        // were 7 and 6 tiles, one of two threads 54% of the work. Paired on a Zen 1 core
        // (bench/ab-kernels, 15-21 rounds, two chunks -> one): MobileNetV2's 64 -> 384 convs on
        // 14x14 0.92-0.93 at two threads, 0.97-1.0 at one; EfficientNet-B0's 80 -> 480 and
        // 112 -> 672 ones (in the 96 KB buffer) 0.90-0.92 at two, within 3% at one.
        // The buffer is as large as any chunk of its kind, whatever this conv's, so that kernels
        // differing in channel counts alone stay one shared function (`KernelSharing` keeps array
        // sizes): every whole plane declares the whole-plane size.
        let planeTiles = (t.positions + t.tile - 1) / t.tile
        let wholePlaneFloats = max(maxFloats, th.positionTilePackWholePlaneMaxFloats ?? 0)
        if planeTiles >= 2 && planeTiles * t.tile * t.icg <= wholePlaneFloats { return (planeTiles * t.tile, wholePlaneFloats) }
        let tiles = min(th.positionTileChunkPositions, maxFloats / t.icg) / t.tile
        return tiles >= 2 ? (tiles * t.tile, maxFloats) : nil
    }

    /// Packs chunk `ch` of the input (positions `q0 ..< q1` of every channel) into `pk`, tile by
    /// tile, each tile's `icg` runs of `tile` floats in channel order, unless the thread's last
    /// task packed it (`pkc` holds that chunk's number among the kernel's `chunks`). A last
    /// partial tile copies whole vectors, reading past `q1` as the reduction in place did.
    static func packChunk(_ t: ConvTiling, chunks: Int) -> CStmt {
        let vtype = CType.vector(t.lanes)
        let key = (CExpr.v("b") * .int(t.groups) + .v("g")) * .int(chunks) + .v("ch")
        let copy: [CStmt] = (0..<t.uv).map { u in
            .assign(
                .vectorAt(vtype, .v("pr") + (.v("tt") - .v("q0")) * .int(t.icg) + .int(u * t.lanes)), "=",
                .loadVector(vtype, from: .v("xr") + .v("tt") + .int(u * t.lanes)))
        }
        return .ifThen(
            .v("pkc").ne(key),
            [
                .assign(.v("pkc"), "=", key),
                .loop(
                    "c", .int(t.icg),
                    [
                        .local(.constFloatPointer, "xr", .v("xs") + .v("c") * .int(t.phases * t.planeFloats)),
                        .local(.floatPointer, "pr", .v("pk") + .v("c") * .int(t.tile)),
                        .loop("tt", from: .v("q0"), to: .v("q1"), step: t.tile, copy),
                    ]),
            ], else: [])
    }

    /// One task (chunk `ch` of block `blk` of group `g` of sample `b`): its pointers and tile
    /// buffer `wt` of `span` positions per channel, its range of positions `q0 ..< q1`, the
    /// tiles, and the epilogue of the plan's kind.
    /// With `packedChunks`, the task first packs its chunk (`packChunk`) and the reduction reads that.
    static func positionTileTask(
        _ plan: PositionTileKernel, _ ctx: KernelContext, source: CExpr, span: Int, packedChunks: Int? = nil
    ) -> [CStmt] {
        let a = plan.attributes
        let t = plan.tiling
        let ic = t.icg * t.groups
        let vtype = CType.vector(t.lanes)
        let pool = a.epilogue.pool
        // Positions between unpooled chunks: whole rows, or the chunk's whole tiles.
        let chunkPositions = t.chunkRows.map { $0 * t.wq } ?? span
        let rowSlack = plan.rowEpilogueVectors == nil ? 0 : t.lanes
        var task: [CStmt] =
            [
                .local(.constInt64, "width", .call("cnnc_min", [.int(t.ocb), .int(t.ocg) - .v("blk") * .int(t.ocb)])),
                .local(
                    .constFloatPointer, "xs",
                    t.copiesPerGroup ? source : source + (.v("b") * .int(ic) + .v("g") * .int(t.icg)) * .int(t.phases * t.planeFloats)),
                // A group's blocks hold ocg x icg x taps weights in all, whatever the tail block's width.
                .local(
                    .constFloatPointer, "wb",
                    (a.inputScale == nil ? .v("w") : .v("ws") + .v("b") * .int(t.packedWeightFloats))
                        + .v("g") * .int(t.ocg * t.icg * t.kh * t.kw) + .v("blk") * .int(t.ocb * t.icg * t.kh * t.kw)),
                .local(.constFloatPointer, "bb", .v("bias") + .v("g") * .int(t.ocg) + .v("blk") * .int(t.ocb)),
                // The whole-row vector epilogue reads up to a vector past the chunk's last row (zeros).
                // A packing conv's chunk depends on its channels; its buffer is as large as the
                // largest chunk, so that kernels differing in channel counts alone can be shared.
                .array(
                    .float, "wt",
                    count: t.ocb * (packedChunks == nil ? span : max(span, ctx.thresholds.positionTileChunkPositions)) + rowSlack,
                    alignment: 64),
            ]
        if rowSlack > 0 {
            task.append(.loop("i", .int(t.ocb * span), .int(t.ocb * span + rowSlack), [.assign(.v("wt")[.v("i")], "=", .float(0))]))
        }
        task += taskRange(t, pool: pool, chunkPositions: chunkPositions)
        if let chunks = packedChunks { task.append(packChunk(t, chunks: chunks)) }
        let tail = t.ocg % t.ocb
        let registers = plan.storesFromRegisters
        // With the plain epilogue, its leading activations run on the accumulators as vectors
        // on their way to `wt`, and the store applies only the rest: a depthwise conv's SiLU, one
        // sigmoid at a time there, took 80% of EfficientNet-B0's 1152-channel 7x7 depthwise conv.
        // Where the store runs every row as vectors, it takes math-calling activations
        // itself (`PositionTileKernel.storeRunsVectorMath`).
        let plain = plan.upsample == [1, 1] && pool == nil
        let leading = plain && !plan.storeRunsVectorMath ? leadingVectorActivations(a.epilogue, lanes: t.lanes) : 0
        let tile: (Int) -> [CStmt] = { width in
            microKernel(
                t, width: width, vtype: vtype, span: span, lead: Array(a.epilogue.prefix(leading)),
                warm: registers ? residualPrefetch(plan, ctx, width: width) : [],
                direct: registers ? registerEpilogue(plan, ctx, width: width, vtype: vtype) : nil,
                prefetch: reductionPrefetch(t, ctx, packed: packedChunks != nil),
                packed: packedChunks != nil
            )
        }
        task.append(
            .loop(
                "tt", from: .v("q0"), to: .v("q1"), step: t.tile,
                [
                    .ifThen(.v("width").eq(.int(t.ocb)), tile(t.ocb), else: tail == 0 ? [] : tile(tail))
                ]))
        if plan.upsample != [1, 1] {
            task += pixelShuffleEpilogue(a, t, upsample: plan.upsample, ctx, span: span)
        } else if let pool {
            task += poolEpilogue(a, pool, t, ctx, span: span, wholeTiles: true)
        } else {
            // With the epilogue in registers, only a last partial tile is left in `wt`.
            let start: CExpr = registers ? .v("q0") + (.v("q1") - .v("q0")) / .int(t.tile) * .int(t.tile) : .v("q0")
            task += epilogue(plan, Array(a.epilogue.dropFirst(leading)), ctx, span: span, from: start)
        }
        return task
    }

    /// The task's range of positions `q0 ..< q1`: the conv rows of pooled row `ch`'s window (clipped
    /// to the plane), or chunk `ch` of `chunkPositions`.
    static func taskRange(_ t: ConvTiling, pool: PoolAttributes?, chunkPositions: Int) -> [CStmt] {
        guard let pool else {
            return [
                .local(.constInt64, "q0", .v("ch") * .int(chunkPositions)),
                .local(.constInt64, "q1", .call("cnnc_min", [.v("q0") + .int(chunkPositions), .int(t.positions)])),
            ]
        }
        let (ps, pp, pk) = (rowValue(pool.stride, 1), rowValue(pool.padding.begin, 0), rowValue(pool.size, 1))
        return [
            .local(.constInt64, "r0", .v("ch") * .int(ps) - .int(pp)),
            .local(.constInt64, "rlo", .call("cnnc_max", [.v("r0"), .int(0)])),
            .local(.constInt64, "rhi", .call("cnnc_min", [.v("r0") + .int(pk), .int(t.outH)])),
            .local(.constInt64, "q0", .v("rlo") * .int(t.wq)),
            .local(.constInt64, "q1", .v("rhi") * .int(t.wq)),
        ]
    }

    /// The parallel loops over the tasks: per (sample, group, block, chunk), or with a per-channel
    /// copy (depthwise convs) per (sample, channel), copying its plane before its chunks.
    /// With `packedFloats`, each thread of the team holds a stack buffer of that many floats to pack
    /// chunks into (`packChunk`), and the tasks run chunk by chunk, so that it packs each chunk of
    /// its static share once.
    static func positionTileLoops(
        _ plan: PositionTileKernel, _ ctx: KernelContext, task: [CStmt], chunks: Int, packedFloats: Int? = nil
    ) -> [CStmt] {
        let t = plan.tiling
        let ic = t.icg * t.groups
        let flops = 2 * t.icg * t.kh * t.kw * t.positions * t.ocg * t.groups
        if let packedFloats {
            return [
                KernelContext.parallelTeam(work: flops),
                .block([
                    .array(.float, "pk", count: packedFloats, alignment: 64),
                    .local(.int64, "pkc", .int(-1)),
                    .pragma("omp for collapse(4) schedule(static)"),
                    .loop(
                        "b", ctx.batch,
                        [.loop("g", .int(t.groups), [.loop("ch", .int(chunks), [.loop("blk", .int(t.blocksPerGroup), task)])])]),
                ]),
            ]
        }
        guard t.copiesPerGroup else {
            let chunksOuter =
                t.icg * t.phases * t.planeFloats * 4 > ctx.thresholds.positionTileChunksOuterAboveBytes
                || (ctx.thresholds.positionTileStrided1x1ChunksOuter && t.copiesInput && t.kh == 1 && t.kw == 1 && t.sh * t.sw > 1)
            let inner: CStmt =
                chunksOuter
                ? .loop("ch", .int(chunks), [.loop("blk", .int(t.blocksPerGroup), task)])
                : .loop("blk", .int(t.blocksPerGroup), [.loop("ch", .int(chunks), task)])
            return [KernelContext.parallelFor(collapse: 4, work: flops), .loop("b", ctx.batch, [.loop("g", .int(t.groups), [inner])])]
        }
        // One task per (sample, channel): copy its plane, then every chunk of it. With few
        // channels (a one-channel first layer) and several threads, the chunks are split in
        // two parts, each copying the plane again, so both threads have work; one thread
        // runs the single loop with constant bounds, serially (measured faster: LeNet-5's
        // first layer took 5 us that way, 7 us split).
        let plane = ctx.input(0) + (.v("b") * .int(ic) + .v("g")) * .int(t.inH * t.inW)
        let perGroup: (Int) -> [CStmt] = { parts in
            let perPart = (chunks + parts - 1) / parts
            return [
                .local(.constInt64, "blk", .int(0)),
                .array(.float, "local", count: t.localCopyFloats, alignment: 64),
            ] + planeCopy(t, from: plane, to: .v("local")) + [
                // The last tile reads past the planes into lanes it discards; zeros keep them normal numbers.
                .loop("i", .int(t.phases * t.planeFloats), .int(t.localCopyFloats), [.assign(.v("local")[.v("i")], "=", .float(0))]),
                parts == 1
                    ? .loop("ch", .int(chunks), task)
                    : .loop(
                        "ch", from: .v("part") * .int(perPart),
                        to: .call("cnnc_min", [(.v("part") + .int(1)) * .int(perPart), .int(chunks)]), step: 1, task),
            ]
        }
        let whole: CStmt = .loop("b", ctx.batch, [.loop("g", .int(t.groups), perGroup(1))])
        if t.groups >= 8 || chunks < 2 {
            return [KernelContext.parallelFor(collapse: 2, work: flops), whole]
        }
        return [
            .ifThen(
                KernelContext.severalThreads,
                [
                    KernelContext.parallelFor(collapse: 3, work: flops),
                    .loop("b", ctx.batch, [.loop("g", .int(t.groups), [.loop("part", .int(2), perGroup(2))])]),
                ], else: [whole])
        ]
    }

    /// A 2-D pool's row value (size, stride or padding); a 1-D pool has rows of one.
    static func rowValue(_ v: [Int], _ oneD: Int) -> Int { v.count >= 2 ? v[0] : oneD }

    /// Accumulator `(j, u)` of a tile: channel j, vector u of positions.
    static func acc(_ j: Int, _ u: Int) -> CExpr { .v("a\(j)_\(u)") }

    /// The epilogue in registers (where `plan.storesFromRegisters`): each accumulator gets the
    /// activations and the residual add as vectors and is stored straight to the output, instead
    /// of going through `wt` and a scalar pass. Small-K 1x1 convs spent a quarter of their time
    /// in that round trip (MobileNetV2's 16 -> 96 expand conv on 112x112: 0.283 -> 0.218 ms).
    static func registerEpilogue(_ plan: PositionTileKernel, _ ctx: KernelContext, width: Int, vtype: CType) -> [CStmt] {
        let a = plan.attributes
        let t = plan.tiling
        precondition(plan.storesFromRegisters, "the epilogue of \(ctx.functionName) has no register form")
        var stmts: [CStmt] = []
        for j in 0..<width {
            for u in 0..<t.uv {
                let index = registerPlane(t, channel: j) + .v("tt") + .int(u * t.lanes)
                let steps = vectorEpilogueStatements(a.epilogue, value: .v("v"), operandIndex: index, lanes: t.lanes)!
                stmts.append(
                    .block([.local(vtype, "v", acc(j, u))] + steps + [.assign(.vectorAt(vtype, ctx.output + index), "=", .v("v"))]))
            }
        }
        return stmts
    }

    /// Where channel j of the tile's block starts in the output (and in a residual of its shape).
    static func registerPlane(_ t: ConvTiling, channel j: Int) -> CExpr {
        (.v("b") * .int(t.ocg * t.groups) + .v("g") * .int(t.ocg) + .v("blk") * .int(t.ocb) + .int(j)) * .int(t.positions)
    }

    /// Prefetches of the residual values a whole tile's register epilogue will add (none without
    /// a fused add, or on targets without `positionTileResidualPrefetch`): issued before the
    /// reduction, so their cache misses overlap it. The residual tensor is written long before (a
    /// block's input) and has left L1 and L2; loaded only after the reduction, each tile waited
    /// for its lines from L3 (`perf annotate` put a tenth of ResNet-50's 64 -> 256 1x1 conv with
    /// the add on those loads; with the prefetch, paired per-kernel medians on a Zen 3 core, such
    /// convs ran about 2% faster). A last partial tile prefetches nothing: its addresses may lie
    /// past the tensor.
    static func residualPrefetch(_ plan: PositionTileKernel, _ ctx: KernelContext, width: Int) -> [CStmt] {
        let t = plan.tiling
        guard ctx.thresholds.positionTileResidualPrefetch else { return [] }
        let operands = plan.attributes.epilogue.compactMap { step -> Int? in
            if case .add(let operand) = step { return operand }
            return nil
        }
        guard !operands.isEmpty else { return [] }
        var lines: [CStmt] = []
        for operand in operands {
            for j in 0..<width {
                for k in Swift.stride(from: 0, to: t.uv * t.lanes, by: 16) {
                    let index = registerPlane(t, channel: j) + .v("tt") + .int(k)
                    lines.append(.expr(.call("__builtin_prefetch", [ctx.input(operand) + index, .int(0), .int(3)])))
                }
            }
        }
        return [.ifThen(.v("tt") + .int(t.tile) <= .v("q1"), lines, else: [])]
    }

    /// One tile: `uv` vectors of positions starting at `tt` x `width` channels, fully unrolled,
    /// reading the input where it is, or with `packed` the chunk packed into `pk` (`packChunk`).
    /// The accumulators start from the bias `bb`, or from zero when `fromBias` is false. They go
    /// to `wt` (after the vector activations `lead`), or through `direct` (`registerEpilogue`)
    /// when the tile ends within the chunk. (An input scale is in the weights already:
    /// `scaledWeights`.)
    static func microKernel(
        _ t: ConvTiling, width: Int, vtype: CType, span: Int, fromBias: Bool = true, lead: [EpilogueStep] = [],
        warm: [CStmt] = [], direct: [CStmt]? = nil, prefetch fetch: ReductionPrefetch = .weights, packed: Bool = false
    ) -> [CStmt] {
        let taps = t.kh * t.kw
        var stmts: [CStmt] = []
        for j in 0..<width {
            for u in 0..<t.uv { stmts.append(.local(vtype, "a\(j)_\(u)", .splat(t.lanes, fromBias ? .v("bb")[.int(j)] : .float(0)))) }
        }
        stmts += warm
        var step: [CStmt] = [
            .local(
                .constFloatPointer, "xi",
                packed
                    ? .v("pk") + (.v("tt") - .v("q0")) * .int(t.icg) + .v("c") * .int(t.tile)
                    : .v("xs") + .v("tt") + .v("c") * .int(t.phases * t.planeFloats)),
            .local(.constFloatPointer, "wi", .v("wb") + .v("c") * .int(taps * width)),
        ]
        if fetch.weights { step += prefetch(from: "wi", ahead: t.icg * taps * width, floats: taps * width) }
        if let rows = fetch.inputRowsAhead { step += inputPrefetch(t, rowsAhead: rows) }
        if fetch.nextChunk { step += nextChunkPrefetch(t) }
        // One kernel row of taps, unrolled, reading from `x`/`w` (row `kh` when it is a constant).
        func tapRow(_ kh: Int?, x: String, w: String) -> [CStmt] {
            (0..<t.kw).map { kw in
                let offset = (kh.map(t.rowOffset) ?? 0) + t.columnOffset(kw)
                let tap = (kh ?? 0) * t.kw + kw
                var block: [CStmt] = []
                for u in 0..<t.uv {
                    block.append(.local(vtype.constant, "x\(u)", .loadVector(vtype, from: .v(x) + .int(offset + u * t.lanes))))
                }
                for j in 0..<width {
                    block.append(.local(.constFloat, "w\(j)", .v(w)[.int(tap * width + j)]))
                    for u in 0..<t.uv { block.append(.multiplyAdd(acc(j, u), .v("x\(u)"), .v("w\(j)"))) }
                }
                return .block(block)
            }
        }
        if t.kh > 1 && t.kh * t.kw >= 25 {
            // Large windows (5x5, a 7x7 or 11x11 first layer) loop over kernel rows: fully
            // unrolled, the step would outgrow the CPU's decoded-instruction cache (AlexNet's
            // 5x5 conv2 ran 9% faster this way).
            step.append(
                .loop(
                    "r", .int(t.kh),
                    [
                        .local(
                            .constFloatPointer, "xr",
                            .v("xi") + ((.v("r") * .int(t.dh)) % .int(t.sh)) * .int(t.columnPlanes * t.planeFloats)
                                + ((.v("r") * .int(t.dh)) / .int(t.sh)) * .int(t.wq)),
                        .local(.constFloatPointer, "wr", .v("wi") + .v("r") * .int(t.kw * width)),
                    ] + tapRow(nil, x: "xr", w: "wr")))
        } else {
            for kh in 0..<t.kh { step += tapRow(kh, x: "xi", w: "wi") }
        }
        stmts.append(.loop("c", .int(t.icg), step))
        var toTile: [CStmt] = []
        for j in 0..<width {
            for u in 0..<t.uv {
                let slot = CExpr.vectorAt(vtype, .v("wt") + .int(j * span) + (.v("tt") - .v("q0")) + .int(u * t.lanes))
                if lead.isEmpty {
                    toTile.append(.assign(slot, "=", acc(j, u)))
                } else {
                    let steps = vectorEpilogueStatements(lead, value: .v("v"), operandIndex: .int(0), lanes: t.lanes)!
                    toTile.append(.block([.local(vtype, "v", acc(j, u))] + steps + [.assign(slot, "=", .v("v"))]))
                }
            }
        }
        if let direct {
            stmts.append(.ifThen(.v("tt") + .int(t.tile) <= .v("q1"), direct, else: toTile))
        } else {
            stmts += toTile
        }
        return [.block(stmts)]
    }

    /// What a tile's reduction step prefetches: the next block's weights, the input lines of
    /// the channel so many rows ahead, or (a packing conv) the lines of the next chunk that the
    /// next pack will read.
    struct ReductionPrefetch {
        var weights: Bool
        var inputRowsAhead: Int?
        var nextChunk = false
        static let weights = ReductionPrefetch(weights: true)
        init(weights: Bool, inputRowsAhead: Int? = nil, nextChunk: Bool = false) {
            self.weights = weights
            self.inputRowsAhead = inputRowsAhead
            self.nextChunk = nextChunk
        }
    }

    /// Prefetches (into L2) the lines of channel `c` that the next chunk's pack will copy for the
    /// tile at the same place in that chunk: `q1 - q0` floats on, clamped to the channel's last
    /// tile (the last chunk prefetches its own last tile again). A pack alone is a pass of
    /// loads that wait on L3 or memory, with no arithmetic to overlap them: MobileNetV2's 96 -> 24
    /// conv on 56x56 (1.2 MB of input) spent 27% of its time packing on a Zen 1 core.
    static func nextChunkPrefetch(_ t: ConvTiling) -> [CStmt] {
        let row = t.phases * t.planeFloats
        let start = CExpr.call("cnnc_min", [.v("tt") + (.v("q1") - .v("q0")), .int(max(0, row - t.tile))])
        return [.local(.constFloatPointer, "xn", .v("xs") + .v("c") * .int(row) + start)]
            + lineOffsets(from: 0, to: t.tile).map { .expr(.call("__builtin_prefetch", [.v("xn") + .int($0), .int(0), .int(2)])) }
    }

    /// One offset per 64-byte line that the floats `start ..< end` of a run can touch, however the
    /// run is aligned: every 16 floats from `start`, and its last float.
    static func lineOffsets(from start: Int, to end: Int) -> [Int] {
        var offsets = Array(Swift.stride(from: start, to: end, by: 16))
        if (end - 1 - start) % 16 != 0 { offsets.append(end - 1) }
        return offsets
    }

    /// The position-tile plan's reduction prefetches on its target (`ConvThresholds`): the next
    /// block's weights only above `positionTileWeightPrefetchAboveBytes`; reading in place, the
    /// input lines where `positionTileInputPrefetch` takes the conv and the tiling allows it
    /// (`inputPrefetchFits`); reading a `packed` chunk, the next chunk's lines where
    /// `positionTilePackPrefetch` takes the conv.
    static func reductionPrefetch(_ t: ConvTiling, _ ctx: KernelContext, packed: Bool = false) -> ReductionPrefetch {
        let th = ctx.thresholds
        let inputBytes = t.icg * t.phases * t.planeFloats * 4
        let weightBytes = t.groups * t.ocg * t.icg * t.kh * t.kw * 4
        let weights = weightBytes > th.positionTileWeightPrefetchAboveBytes
        guard !packed else {
            let next = th.positionTilePackPrefetch.map { inputBytes > $0.aboveBytes && t.blocksPerGroup <= $0.maxBlocks } ?? false
            return ReductionPrefetch(weights: weights, nextChunk: next)
        }
        let rows = th.positionTileInputPrefetch.flatMap { p in
            t.icg >= p.minChannels && inputBytes > p.aboveBytes && inputPrefetchFits(t, rowsAhead: p.rowsAhead) ? p.rowsAhead : nil
        }
        return ReductionPrefetch(weights: weights, inputRowsAhead: rows)
    }

    /// Whether the input prefetch `rowsAhead` channels on stays within what the kernel itself
    /// reads: the last rows wrap to the first rows of the next tile, so the group needs at least
    /// twice as many channels, and a tile must fit in one channel's planes.
    static func inputPrefetchFits(_ t: ConvTiling, rowsAhead: Int) -> Bool {
        t.icg >= 2 * rowsAhead && t.tile <= t.phases * t.planeFloats
    }

    /// The runs of input floats one reduction step reads, from the step's pointer: each tap's
    /// `width` floats from its offset, overlapping or touching runs merged, in order.
    static func tapRuns(_ t: ConvTiling, width: Int) -> [(start: Int, end: Int)] {
        let starts = (0..<t.kh).flatMap { kh in (0..<t.kw).map { kw in t.rowOffset(kh) + t.columnOffset(kw) } }.sorted()
        var runs: [(start: Int, end: Int)] = []
        for start in starts {
            if let last = runs.last, start <= last.end {
                runs[runs.count - 1].end = max(last.end, start + width)
            } else {
                runs.append((start, start + width))
            }
        }
        return runs
    }

    /// Prefetches (into L1) the input lines that the step `rowsAhead` channels on will read: from
    /// row `c + rowsAhead` of this tile, or for the last rows, from row `c + rowsAhead - icg` of
    /// the next tile. Loaded only when the step needs them, each tile's rows came from L2 (a
    /// plane of 56x56 or 28x28 floats spreads its rows over few L1 sets, and a chunk of 64
    /// channels' rows fills the L1): ResNet-50's 1x1 convs on 56x56 and 28x28 went from 78-83%
    /// to 85-95% of a Zen 3 core's peak, its 3x3 stride-2 conv onto 28x28 13% faster. One
    /// prefetch per line a load touches, however the row is aligned: each merged run of the
    /// step's loads from its first float by lines, and its last float.
    static func inputPrefetch(_ t: ConvTiling, rowsAhead: Int) -> [CStmt] {
        let stride = t.phases * t.planeFloats
        let offsets = tapRuns(t, width: t.tile).flatMap { lineOffsets(from: $0.start, to: $0.end) }
        let row = CExpr.v("c") + .int(rowsAhead)
        let ahead = CExpr.ternary(row < .int(t.icg), row * .int(stride), .int(t.tile) + (row - .int(t.icg)) * .int(stride))
        return [.local(.constFloatPointer, "xp", .v("xs") + .v("tt") + ahead)]
            + offsets.map { .expr(.call("__builtin_prefetch", [.v("xp") + .int($0), .int(0), .int(3)])) }
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

    /// The node's own weights and biases (zeros without a bias), for a conv of `oc` outputs.
    static func convParameters(_ node: Node, outputs oc: Int) -> ([Float], [Float]) {
        (node.params["weight"]!.values, node.params["bias"]?.values ?? Array(repeating: 0, count: oc))
    }

    /// The weights [OC, IC/groups, k...] and biases of the conv the kernel computes. For an
    /// up-convolution, output channel oc*sh*sw + rh*sw + rw of the 1x1 conv takes tap (rh, rw)
    /// of the transposed weight [IC, OC, sh, sw].
    static func equivalentParameters(_ plan: PositionTileKernel, _ node: Node) -> ([Float], [Float]) {
        let oc = plan.tiling.ocg * plan.tiling.groups
        let bias = node.params["bias"]?.values
        guard plan.upsample != [1, 1] else { return convParameters(node, outputs: oc) }
        let phases = plan.upsample[0] * plan.upsample[1]
        let filters = oc / phases
        let ic = plan.tiling.icg
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
}
