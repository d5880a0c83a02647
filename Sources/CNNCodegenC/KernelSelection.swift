import CNNIR

/// A kernel plan whose invariant does not hold: the plan would read or write outside its
/// buffers, so it is never made. `kernel` names the plan kind, `expected` the invariant and
/// `got` the values that broke it.
public struct KernelPlanError: Error, Sendable, Hashable, CustomStringConvertible {
    public var kernel: String
    public var expected: String
    public var got: String
    public var description: String { "\(kernel) plan: expected \(expected), got \(got)" }

    /// Throws unless `condition` holds.
    static func check(_ condition: Bool, _ kernel: String, expected: @autoclosure () -> String, got: @autoclosure () -> String) throws {
        if !condition { throw KernelPlanError(kernel: kernel, expected: expected(), got: got()) }
    }
}

/// Which kernel computes a conv (or an up-convolution), decided once by `KernelSelection` and
/// shared by memory planning (the kernel's scratch) and code generation. Each case carries only
/// the fields its kernel uses, and each payload is made by a throwing init that checks the
/// kernel's invariants: a plan that would store past a plane or run a tile past its task's rows
/// cannot be made (`KernelPlanTests`).
public enum ConvKernelPlan: Sendable, Hashable {
    /// The direct loops (`ConvEmitter`, `ConvTransposeEmitter`): no vector target, rank above 2,
    /// a caller's buffer the tiled kernels would read past, or a transposed conv that is not an
    /// up-convolution.
    case direct
    /// Positions across the lanes (`ConvTiling`): the default tiled kernel, with a fused pool's
    /// window of rows or chunks of whole tiles per task.
    case positionTiles(PositionTiles)
    /// A depthwise conv in chunks of whole rows per plane (`ConvTiling.chunkRows`), its plane
    /// copied per channel into a stack buffer.
    case depthwiseRows(DepthwiseRows)
    /// A depthwise conv (stride 1 or 2) read where its input lies (`DepthwiseDirectEmitter`): tiles of
    /// output rows x vectors of columns, each input row loaded once per tile and used by every
    /// output row of the tile it reaches; no copy of the plane, no buffer between the FMAs and
    /// the output.
    case depthwiseDirect(DepthwiseDirect)
    /// A transposed conv whose kernel equals its stride: a 1x1 conv into one channel per output
    /// phase, stored interleaved.
    case pixelShuffle(PixelShuffle)
    /// Output channels across the lanes, for small planes (`ChannelTiling`).
    case channelTiles(ChannelTiles)
    /// 3x3 stride-1: Winograd F(4,3) along the rows (`RowWinograd`).
    case rowWinograd(WinogradRows)
    /// 3x3 stride-1: Winograd F(4x4,3x3) over tiles (`TileWinograd`).
    case tileWinograd(WinogradTiles)

    /// The position-tile kernel: `attributes` is the conv it computes, `tiling` its tiles.
    public struct PositionTiles: Sendable, Hashable {
        public let attributes: ConvAttributes
        public let tiling: ConvTiling
        public init(attributes: ConvAttributes, tiling: ConvTiling) throws {
            let kind = "position-tile"
            try KernelPlanError.check(
                tiling.lanes > 0 && tiling.uv >= 1 && (1...max(1, tiling.ocg)).contains(tiling.ocb), kind,
                expected: "a vector target and a tile of 1 or more vectors by 1 to \(tiling.ocg) channels",
                got: "\(tiling.lanes) lanes, \(tiling.uv) x \(tiling.ocb)")
            try KernelPlanError.check(
                tiling.chunkRows == nil || attributes.epilogue.pool != nil, kind,
                expected: "no chunks of whole rows (those are depthwise-row plans)", got: "chunks of \(tiling.chunkRows ?? 0) rows")
            try KernelPlanError.check(
                tiling.wq >= tiling.outW && (!tiling.columnCopies || tiling.wq == tiling.outW), kind,
                expected: "rows at least the output's width (exactly it with column copies)", got: "wq \(tiling.wq), outW \(tiling.outW)")
            self.attributes = attributes
            self.tiling = tiling
        }
    }

    /// A depthwise conv in chunks of `chunkRows` whole rows of its plane; with `rowVectors`, the
    /// epilogue stores each row as that many vectors, the last running into the next row.
    public struct DepthwiseRows: Sendable, Hashable {
        public let attributes: ConvAttributes
        public let tiling: ConvTiling
        public let chunkRows: Int
        public let rowVectors: Int?
        public init(attributes: ConvAttributes, tiling: ConvTiling, chunkRows: Int, rowVectors: Int?) throws {
            let kind = "depthwise-row"
            try KernelPlanError.check(
                tiling.copiesPerGroup && attributes.epilogue.pool == nil, kind,
                expected: "a per-channel copy of the plane and no fused pool",
                got: tiling.copiesPerGroup ? "a fused pool" : "no per-channel copy")
            try KernelPlanError.check(
                (1...max(1, tiling.outH)).contains(chunkRows), kind,
                expected: "1 to \(tiling.outH) rows per chunk", got: "\(chunkRows)")
            if let rowVectors {
                let plane = tiling.outH * tiling.outW
                // A row's vectors must cover the row and end within the plane: the last row's
                // stores run past the row's end by up to a vector, never past the plane.
                try KernelPlanError.check(
                    rowVectors * tiling.lanes >= tiling.outW && rowVectors * tiling.lanes <= plane, kind,
                    expected:
                        "a row's \(rowVectors) vectors of \(tiling.lanes) to cover its \(tiling.outW) columns and end within the \(plane)-float plane",
                    got: "\(rowVectors * tiling.lanes) floats")
            }
            self.attributes = attributes
            self.tiling = tiling
            self.chunkRows = chunkRows
            self.rowVectors = rowVectors
        }
    }

    /// A depthwise conv (one input and one output channel per group, stride 1 or 2) in tiles of `rows`
    /// output rows x `vectors` vectors of columns; `conv` holds its geometry (its copy and tiles
    /// are not used). Loads stay within each input row (the edges are shuffled in against zero),
    /// so a caller's buffer will do.
    public struct DepthwiseDirect: Sendable, Hashable {
        public let attributes: ConvAttributes
        public let conv: ConvTiling
        public let rows: Int
        public let vectors: Int
        public init(attributes: ConvAttributes, conv: ConvTiling, rows: Int, vectors: Int) throws {
            let kind = "depthwise-direct"
            let t = conv
            try KernelPlanError.check(
                t.icg == 1 && t.ocg == 1 && t.groups >= 1, kind, expected: "one input and one output channel per group",
                got: "\(t.icg) in, \(t.ocg) out")
            try KernelPlanError.check(
                t.sh == t.sw && (1...2).contains(t.sw) && t.dh == 1 && t.dw == 1, kind, expected: "stride 1 or 2 and dilation 1",
                got: "stride \(t.sh)x\(t.sw), dilation \(t.dh)x\(t.dw)")
            try KernelPlanError.check(
                attributes.epilogue.pool == nil && attributes.inputScale == nil, kind, expected: "no fused pool and no input scale",
                got: attributes.epilogue.pool != nil ? "a fused pool" : "an input scale")
            // Rows under a vector are read in part; with stride 2 a row's pair of vectors reads from
            // its last vector.
            try KernelPlanError.check(
                t.lanes > 1 && (t.sw == 1 || t.inW >= t.lanes), kind,
                expected: "vectors, and input rows of at least a vector with stride 2", got: "rows of \(t.inW)")
            // A column tap's shift comes from the vector beside it: at most a vector either way
            // (with stride 2, a load from before the row's start comes from its first vector).
            try KernelPlanError.check(
                t.padLeft >= 0 && t.padLeft <= t.lanes - (t.sw - 1) && t.kw - 1 - t.padLeft <= t.lanes, kind,
                expected: "column taps within a vector of the output column", got: "\(t.kw) columns, \(t.padLeft) of padding")
            try KernelPlanError.check(
                KernelSelection.hasVectorEpilogue(attributes, lanes: t.lanes), kind, expected: "an epilogue with vector forms",
                got: "a step without one")
            // A row's last vector is stored in part; an add would read it whole, past the operand's end.
            try KernelPlanError.check(
                !attributes.epilogue.hasAdd || t.outW % t.lanes == 0, kind, expected: "no fused add unless rows are whole vectors",
                got: "an add on rows of \(t.outW)")
            try KernelPlanError.check(
                rows >= 1 && vectors >= 1, kind, expected: "tiles of at least one row and one vector", got: "\(rows) x \(vectors)")
            self.attributes = attributes
            self.conv = conv
            self.rows = rows
            self.vectors = vectors
        }
    }

    /// An up-convolution as the 1x1 conv `attributes` into `filters x phases` channels, stored
    /// interleaved: output phase (i, j) of input pixel (h, w) goes to (h * phases[0] + i, w * phases[1] + j).
    public struct PixelShuffle: Sendable, Hashable {
        public let attributes: ConvAttributes
        public let tiling: ConvTiling
        /// Output phases [sh, sw] (a 1-D up-convolution has [1, s]).
        public let phases: [Int]
        public init(attributes: ConvAttributes, tiling: ConvTiling, phases: [Int]) throws {
            let kind = "pixel-shuffle"
            try KernelPlanError.check(
                phases.count == 2 && phases.allSatisfy { $0 >= 1 } && phases != [1, 1], kind,
                expected: "two phase counts of 1 or more, not both 1", got: "\(phases)")
            try KernelPlanError.check(
                tiling.kh == 1 && tiling.kw == 1 && tiling.sh == 1 && tiling.sw == 1 && tiling.groups == 1, kind,
                expected: "a 1x1 stride-1 conv in one group",
                got: "\(tiling.kh)x\(tiling.kw) stride \(tiling.sh)x\(tiling.sw), \(tiling.groups) groups")
            let count = phases.reduce(1, *)
            try KernelPlanError.check(
                tiling.ocg % count == 0, kind,
                expected: "output channels a multiple of the \(count) phases", got: "\(tiling.ocg)")
            self.attributes = attributes
            self.tiling = tiling
            self.phases = phases
        }
    }

    /// Channel tiles: `channels` (its `base` is the geometry and input copy). With `flat` tiles, a
    /// task's rows run as one range of positions and `tails` are the narrower last tiles, one per
    /// task size that has one.
    public struct ChannelTiles: Sendable, Hashable {
        /// The narrower tile at the end of a task of `rows` rows: positions `start ..< start + width`
        /// of the task's range.
        public struct Tail: Sendable, Hashable {
            public let rows: Int, start: Int, width: Int
            public init(rows: Int, start: Int, width: Int) {
                self.rows = rows
                self.start = start
                self.width = width
            }
        }
        public let attributes: ConvAttributes
        public let channels: ChannelTiling
        public let tails: [Tail]
        /// `tails` nil: the tails `channels` implies (`ChannelTiling.flatTails`).
        public init(attributes: ConvAttributes, channels: ChannelTiling, tails: [Tail]? = nil) throws {
            let kind = "channel-tile"
            let t = channels.base
            try KernelPlanError.check(
                t.groups == 1 && attributes.epilogue.pool == nil && !t.copiesPerGroup, kind,
                expected: "one group, no fused pool, no per-channel copy", got: "\(t.groups) groups")
            try KernelPlanError.check(
                channels.p >= 1 && channels.ocv >= 1, kind, expected: "at least one position and one vector per tile",
                got: "\(channels.p) x \(channels.ocv)")
            if channels.flat {
                try KernelPlanError.check(
                    t.kh * t.kw == 1 && t.wq == t.outW, kind,
                    expected: "tiles across rows only for 1x1 convs, whose rows have no padding columns",
                    got: "a \(t.kh)x\(t.kw) conv with rows of \(t.wq) for \(t.outW) outputs")
            } else {
                try KernelPlanError.check(
                    channels.p <= t.outW && (t.outW % channels.p == 0 || channels.rowTails), kind,
                    expected: "tiles that divide the \(t.outW)-position row, or row tails", got: "\(channels.p) positions")
            }
            let tails = tails ?? channels.flatTails.map { Tail(rows: $0.rows, start: $0.rows * t.outW - $0.tail, width: $0.tail) }
            try KernelPlanError.check(
                channels.flat || tails.isEmpty, kind, expected: "no tail tiles without flat tiles", got: "\(tails.count)")
            let sizes = channels.taskRows
            for tail in tails {
                // A tail runs only in tasks of its own size, and ends where that task's range ends.
                try KernelPlanError.check(
                    sizes.contains(tail.rows), kind,
                    expected: "a tail for a task size (\(sizes.map(String.init).joined(separator: " or ")) rows)", got: "\(tail.rows) rows")
                try KernelPlanError.check(
                    tail.width >= 1 && tail.width < channels.p && tail.start >= 0 && tail.start + tail.width == tail.rows * t.outW, kind,
                    expected:
                        "the tail of a \(tail.rows)-row task to end at its position \(tail.rows * t.outW), narrower than \(channels.p)",
                    got: "positions \(tail.start) ..< \(tail.start + tail.width)")
            }
            try KernelPlanError.check(
                Set(tails.map(\.rows)).count == tails.count, kind, expected: "one tail per task size", got: "\(tails.map(\.rows))")
            self.attributes = attributes
            self.channels = channels
            self.tails = tails
        }

        /// Whether an input scale (a squeeze-and-excitation gate) multiplies the input into
        /// scratch rather than the packed weights (`TiledConvEmitter.scaledInput`): where the
        /// kernel reads its input in place and it holds fewer floats than the weights, as on
        /// small planes (MobileNetV3-Large's 960 -> 160 projections on 7x7: 47,040 products a
        /// sample instead of 153,600).
        public var scalesInput: Bool {
            let t = channels.base
            return attributes.inputScale != nil && !t.copiesInput && t.icg * t.planeFloats < channels.packedWeightFloats
        }

        /// Whether an input scale multiplies the packed weights (`TiledConvEmitter.scaledWeights`).
        public var scalesWeights: Bool { attributes.inputScale != nil && !scalesInput }

        /// Scratch floats per sample for the input scale's products: the scaled input or weights.
        public var scaleFloats: Int {
            scalesInput ? channels.base.icg * channels.base.planeFloats : scalesWeights ? channels.packedWeightFloats : 0
        }
    }

    /// Row Winograd F(4,3): `winograd.conv` is the conv's geometry, `winograd.gemm` the GEMM's tiles.
    public struct WinogradRows: Sendable, Hashable {
        public let attributes: ConvAttributes
        public let winograd: RowWinograd
        public init(attributes: ConvAttributes, winograd: RowWinograd) throws {
            let kind = "row-Winograd"
            let c = winograd.conv
            try KernelPlanError.check(
                c.kh == 3 && c.kw == 3 && c.sh == 1 && c.sw == 1 && c.dh == 1 && c.dw == 1, kind,
                expected: "a 3x3 stride-1 undilated conv", got: "\(c.kh)x\(c.kw) stride \(c.sh)x\(c.sw) dilation \(c.dh)x\(c.dw)")
            try KernelPlanError.check(
                winograd.tileRows * 4 >= c.outH && (1...max(1, winograd.tileRows)).contains(winograd.chunkRows), kind,
                expected: "tile rows covering the \(c.outH) output rows and 1 to \(winograd.tileRows) per task",
                got: "\(winograd.tileRows) tile rows, \(winograd.chunkRows) per task")
            self.attributes = attributes
            self.winograd = winograd
        }
    }

    /// Tile Winograd F(4x4,3x3): `winograd.conv` is the conv's geometry.
    public struct WinogradTiles: Sendable, Hashable {
        public let attributes: ConvAttributes
        public let winograd: TileWinograd
        public init(attributes: ConvAttributes, winograd: TileWinograd) throws {
            let kind = "tile-Winograd"
            let c = winograd.conv
            let w = winograd
            try KernelPlanError.check(
                c.kh == 3 && c.kw == 3 && c.sh == 1 && c.sw == 1 && c.dh == 1 && c.dw == 1, kind,
                expected: "a 3x3 stride-1 undilated conv", got: "\(c.kh)x\(c.kw) stride \(c.sh)x\(c.sw) dilation \(c.dh)x\(c.dw)")
            try KernelPlanError.check(
                w.tilesH * TileWinograd.m >= c.outH && w.tilesW * TileWinograd.m >= c.outW, kind,
                expected: "4x4 tiles covering the \(c.outH)x\(c.outW) output", got: "\(w.tilesH)x\(w.tilesW) tiles")
            try KernelPlanError.check(
                w.tasks >= 1 && w.rowsPerTask * w.tasks >= w.tilesH && w.chunkRows >= 1 && w.p >= 1 && w.ocv >= 1, kind,
                expected: "tasks covering the \(w.tilesH) tile rows, chunks and micro-tiles of at least one",
                got: "\(w.tasks) tasks of \(w.rowsPerTask) rows, chunks of \(w.chunkRows), \(w.p) x \(w.ocv)")
            // Each chunk starts with a whole micro-tile (the one that prefetches the next weights).
            try KernelPlanError.check(
                w.chunkCounts.allSatisfy { $0 >= w.p }, kind, expected: "micro-tiles no wider than the smallest chunk",
                got: "\(w.p) tiles against chunks of \(w.chunkCounts.sorted())")
            self.attributes = attributes
            self.winograd = winograd
        }
    }

    /// Scratch floats per sample the kernel needs while it runs.
    public var scratchFloats: Int {
        switch self {
        case .direct: return 0
        // An input scale's products with the packed weights follow the input copy
        // (`TiledConvEmitter.scaledWeights`).
        case .positionTiles(let p):
            return p.tiling.scratchFloats + (p.attributes.inputScale == nil ? 0 : p.tiling.packedWeightFloats)
        case .depthwiseRows, .pixelShuffle: return tiling?.scratchFloats ?? 0
        case .channelTiles(let p):
            return p.channels.base.scratchFloats + p.scaleFloats
        case .rowWinograd(let p): return p.winograd.scratchFloats
        case .tileWinograd(let p): return p.winograd.scratchFloats
        case .depthwiseDirect: return 0
        }
    }

    /// A short name of the kernel kind (the snapshot files and `cnnc inspect` use such names).
    public var kindName: String {
        switch self {
        case .direct: return "direct"
        case .positionTiles: return "position-tiles"
        case .depthwiseRows: return "depthwise-rows"
        case .depthwiseDirect: return "depthwise-direct"
        case .pixelShuffle: return "pixel-shuffle"
        case .channelTiles: return "channel-tiles"
        case .rowWinograd: return "row-winograd"
        case .tileWinograd: return "tile-winograd"
        }
    }

    /// The position-tile kernel that runs a position-tile, depthwise-row or pixel-shuffle plan
    /// (the three share `TiledConvEmitter.emitPositionTiles`), nil for the other kinds.
    public var positionTileKernel: PositionTileKernel? {
        switch self {
        case .positionTiles(let p): return PositionTileKernel(attributes: p.attributes, tiling: p.tiling)
        case .depthwiseRows(let p): return PositionTileKernel(attributes: p.attributes, tiling: p.tiling, rowVectors: p.rowVectors)
        case .pixelShuffle(let p): return PositionTileKernel(attributes: p.attributes, tiling: p.tiling, upsample: p.phases)
        case .direct, .channelTiles, .rowWinograd, .tileWinograd, .depthwiseDirect: return nil
        }
    }

    /// The conv's geometry and input copy (`ConvTiling`) of any tiled plan, nil for the direct kernel.
    public var tiling: ConvTiling? {
        switch self {
        case .direct: return nil
        case .positionTiles, .depthwiseRows, .pixelShuffle: return positionTileKernel?.tiling
        case .channelTiles(let p): return p.channels.base
        case .rowWinograd(let p): return p.winograd.conv
        case .tileWinograd(let p): return p.winograd.conv
        case .depthwiseDirect(let p): return p.conv
        }
    }

    /// The channel tiling of a channel-tile plan, else nil.
    public var channelTiling: ChannelTiling? {
        if case .channelTiles(let p) = self { return p.channels }
        return nil
    }
    /// The row-Winograd F(4,3) plan, else nil.
    public var winogradRows: RowWinograd? {
        if case .rowWinograd(let p) = self { return p.winograd }
        return nil
    }
    /// The tile-Winograd F(4x4,3x3) plan, else nil.
    public var winogradTiles: TileWinograd? {
        if case .tileWinograd(let p) = self { return p.winograd }
        return nil
    }
}

/// What the position-tile kernel (`TiledConvEmitter.emitPositionTiles`) reads from the three
/// plan kinds it runs (`ConvKernelPlan.positionTileKernel`): the conv, its position tiling, the
/// pixel shuffle's phases and the depthwise rows' vectors. It is made only from a checked plan.
public struct PositionTileKernel: Sendable, Hashable {
    /// The conv the kernel computes: the node's own, or for an up-convolution the equivalent
    /// 1x1 conv with filters x sh x sw outputs (one per output phase).
    public let attributes: ConvAttributes
    public let tiling: ConvTiling
    /// Output phases of an up-convolution [sh, sw] (a pixel-shuffle plan's); [1, 1] for a conv.
    public let upsample: [Int]
    /// Vectors per output row when the epilogue of a whole row runs as vectors
    /// (`TiledConvEmitter.wholeRowVectors`): a depthwise-row plan's checked `rowVectors`
    /// (`KernelSelection.rowEpilogueVectors` decides it), else nil.
    public let rowEpilogueVectors: Int?

    fileprivate init(attributes: ConvAttributes, tiling: ConvTiling, upsample: [Int] = [1, 1], rowVectors: Int? = nil) {
        self.attributes = attributes
        self.tiling = tiling
        self.upsample = upsample
        self.rowEpilogueVectors = rowVectors
    }

    /// Whether the kernel applies its epilogue in registers and stores whole tiles straight to
    /// the output (`TiledConvEmitter.registerEpilogue`): the tile's positions are the output's
    /// own offsets (no padding columns, no pool, no pixel shuffle), and every step has a vector
    /// form (`vectorEpilogueStatements`; a pool step has none).
    public var storesFromRegisters: Bool {
        upsample == [1, 1] && KernelSelection.hasVectorEpilogue(attributes, lanes: tiling.lanes) && tiling.wq == tiling.outW
            && tiling.positions == tiling.outH * tiling.outW
    }

    /// The last row whose last vector ends within the plane (the rows after it store scalars).
    func lastVectorRow(vectors: Int) -> Int {
        let t = tiling
        return (t.outH * t.outW - vectors * t.lanes) / t.outW
    }

    /// Whether the store, rather than the micro-kernel, applies the epilogue's activations when
    /// one calls vector math (SiLU's and GELU's exp, tanh): the store runs every row as vectors
    /// (rows of whole vectors). Inside the micro-kernel that math shares the 16 or 32 registers
    /// with the accumulators of a tile whose results then only go to `wt`, and it runs on the
    /// padding columns too; the store's loop has the registers to itself. EfficientNet-B0's SiLU
    /// depthwise convs on a Zen 3 core (AVX2): 32 channels on 112x112 0.70 -> 0.51 ms, 96 channels
    /// stride 2 onto 56x56 0.66 -> 0.55 ms, 144 on 56x56 0.66 -> 0.54 ms, with the same bits
    /// (the vector forms give the scalar function's bits). Where the last row takes the scalar
    /// loop (28x28 in 8 lanes), its one scalar sigmoid per value cost more than that saved
    /// (240 channels of 5x5 stride 2 onto 28x28: 0.25 -> 0.27 ms), so those keep the math in the
    /// micro-kernel.
    public var storeRunsVectorMath: Bool {
        guard let vectors = rowEpilogueVectors else { return false }
        let lead = Array(attributes.epilogue.prefix(leadingVectorActivations(attributes.epilogue, lanes: tiling.lanes)))
        let callsMath = lead.callsVectorMath(lanes: tiling.lanes)
        let scalarRows = tiling.outH - 1 - lastVectorRow(vectors: vectors)
        return callsMath && scalarRows == 0
    }
}

/// Which kernel implements a node, decided once and shared by memory planning
/// (which must reserve the kernel's scratch) and code generation.
public enum KernelSelection {
    /// The kernel plan of a conv or transposed conv node, nil for other ops. One priority chain:
    /// depthwise direct (a depthwise conv, where the target takes it), tile Winograd, row Winograd, channel tiles, then position tiles (depthwise rows for a
    /// depthwise conv in chunks of rows, column copies where they pay); each kind's own `plan`
    /// decides by the target's `ConvThresholds` (`VectorTarget.thresholds`), named in one place. A plan whose invariants fail (`KernelPlanError`) is never made: the
    /// conv runs as the direct kernel instead.
    public static func convPlan(_ node: Node, in graph: Graph, target: VectorTarget) -> ConvKernelPlan? {
        // The tiled kernel reads a little past its input, which a caller's buffer does not allow.
        func producer() -> (shape: [Int], callerBuffer: Bool) {
            let p = graph.node(node.inputs[0])
            if case .input = p.op { return (p.shape, true) }
            return (p.shape, graph.outputs.contains(p.id))
        }
        switch node.op {
        case .conv(let a):
            let (shape, callerBuffer) = producer()
            guard var tiling = ConvTiling.plan(a, input: shape, target: target, inputIsCallerBuffer: callerBuffer) else { return .direct }
            if let plan = depthwiseDirect(a, tiling, target: target) { return .depthwiseDirect(plan) }
            // An input scale (one group: `FuseInputScale`) is applied where the direct, channel-tile
            // and position-tile kernels read input channel c; the Winograd kernels read transformed tiles.
            precondition(a.inputScale == nil || a.groups == 1, "an input scale needs one group")
            if a.inputScale == nil, let tile = TileWinograd.plan(a, target: target, direct: tiling) {
                return (try? .tileWinograd(.init(attributes: a, winograd: tile))) ?? .direct
            }
            if a.inputScale == nil, let rows = RowWinograd.plan(a, input: shape, target: target, direct: tiling) {
                return (try? .rowWinograd(.init(attributes: a, winograd: rows))) ?? .direct
            }
            if let channels = ChannelTiling.plan(a, base: tiling, target: target) {
                return (try? .channelTiles(.init(attributes: a, channels: channels))) ?? .direct
            }
            if let copies = ConvTiling.plan(a, input: shape, target: target, inputIsCallerBuffer: callerBuffer, columnCopies: true),
                tiling.prefersColumnCopies(copies, thresholds: target.thresholds)
            {
                tiling = copies
            }
            if tiling.chunkRows != nil, a.epilogue.pool == nil {
                let padded = tiling.withVectorRows(thresholds: target.thresholds) ?? tiling
                if let rows = padded.chunkRows {
                    return
                        (try? .depthwiseRows(
                            .init(attributes: a, tiling: padded, chunkRows: rows, rowVectors: rowEpilogueVectors(a, padded))))
                        ?? .direct
                }
            }
            return (try? .positionTiles(.init(attributes: a, tiling: tiling))) ?? .direct
        case .convTranspose(let a):
            // A transposed conv whose kernel equals its stride (the "up-convolution" of UNet and
            // friends) writes each output pixel from exactly one tap: it is a 1x1 conv into
            // filters x sh x sw channels, one per output phase, stored interleaved ("pixel shuffle").
            guard a.groups == 1, a.spatialRank <= 2, a.kernel == a.stride, a.padding.allSatisfy({ $0 == 0 }),
                a.outputPadding.allSatisfy({ $0 == 0 }), a.dilation.allSatisfy({ $0 == 1 })
            else { return .direct }
            let (shape, callerBuffer) = producer()
            let ones = Array(repeating: 1, count: a.spatialRank)
            let phases = a.stride.reduce(1, *)
            let equivalent = ConvAttributes(
                filters: a.filters * phases, kernel: ones, stride: ones, dilation: ones,
                padding: .zero(rank: a.spatialRank), groups: 1, hasBias: true, epilogue: a.epilogue)
            guard let tiling = ConvTiling.plan(equivalent, input: shape, target: target, inputIsCallerBuffer: callerBuffer) else {
                return .direct
            }
            let upsample = Array(repeating: 1, count: 2 - a.spatialRank) + a.stride
            // A stride-1 "up-convolution" is a plain 1x1 conv.
            if upsample == [1, 1] { return (try? .positionTiles(.init(attributes: equivalent, tiling: tiling))) ?? .direct }
            return (try? .pixelShuffle(.init(attributes: equivalent, tiling: tiling, phases: upsample))) ?? .direct
        case .input, .dense, .flatten, .pool, .globalPool, .adaptivePool, .activation, .prelu, .softmax, .batchNorm,
            .lrn, .dropout, .add, .concat, .upsample, .pad, .bias, .binary, .movement, .reduce, .normalization, .resize, .lpPool, .select,
            .matmul:
            return nil
        }
    }

    /// The depthwise-direct plan (`ConvKernelPlan.DepthwiseDirect`) where the target takes one
    /// (`ConvThresholds.depthwiseDirectRows`) and the conv is a depthwise conv of stride 1, or of
    /// stride 2 with a window of at most `depthwiseDirectStride2MaxWindow`, that the plan holds (rows of a vector or more, column taps within a vector, a vector epilogue, no
    /// add on rows of part vectors); else nil, and the conv takes the depthwise-row plan.
    static func depthwiseDirect(_ a: ConvAttributes, _ t: ConvTiling, target: VectorTarget) -> ConvKernelPlan.DepthwiseDirect? {
        let th = target.thresholds
        guard let rows = th.depthwiseDirectRows, t.icg == 1, t.ocg == 1, t.groups >= 2,
            t.sw == 1 || max(t.kh, t.kw) <= th.depthwiseDirectStride2MaxWindow
        else { return nil }
        // Rows of one vector take taller tiles: 4 accumulators wait on the FMA latency.
        let tall = t.outW <= t.lanes ? th.depthwiseDirectOneVectorRows : rows
        return try? .init(attributes: a, conv: t, rows: tall, vectors: th.depthwiseDirectVectors)
    }

    /// Scratch floats per sample the node's kernel needs while it runs.
    public static func scratchFloats(_ node: Node, in graph: Graph, target: VectorTarget) -> Int {
        convPlan(node, in: graph, target: target)?.scratchFloats ?? 0
    }

    /// Whether every step of the conv's epilogue has a vector form (a pool step has none).
    static func hasVectorEpilogue(_ a: ConvAttributes, lanes: Int) -> Bool {
        vectorEpilogueStatements(a.epilogue, value: .v("v"), operandIndex: .int(0), lanes: lanes) != nil
    }

    /// Vectors per output row when a depthwise conv in chunks of whole rows (`ConvTiling.chunkRows`)
    /// stores each row's epilogue as vectors, else nil: every unpooled epilogue step has a vector
    /// form. Rows under half a vector (7x7 planes with 16 lanes) keep the scalar loop, which
    /// measured faster (960 channels on 7x7: 0.023 ms scalar, 0.030 ms as vectors): each vector
    /// load there spans two of the micro-kernel's stores to `wt`, which cannot forward to it.
    /// A plane smaller than one row's vectors (a 1-D depthwise conv of length 20 takes two 16-lane
    /// vectors) has no row whose vectors end within it, and keeps the scalar loop too.
    static func rowEpilogueVectors(_ a: ConvAttributes, _ t: ConvTiling) -> Int? {
        guard hasVectorEpilogue(a, lanes: t.lanes), t.chunkRows != nil, t.lanes > 1, 2 * t.outW >= t.lanes else { return nil }
        let vectors = (t.outW + t.lanes - 1) / t.lanes
        return vectors * t.lanes <= t.outH * t.outW ? vectors : nil
    }
}
