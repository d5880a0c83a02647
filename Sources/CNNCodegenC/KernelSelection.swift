import CNNIR

/// A conv (or an up-convolution) that runs as the register-tiled kernel.
public struct TiledConvPlan: Sendable, Hashable {
    /// The conv the tiled kernel computes: the node's own, or for an up-convolution the equivalent
    /// 1x1 conv with filters x sh x sw outputs (one per output phase).
    public var attributes: ConvAttributes
    public var tiling: ConvTiling
    /// Output phases of an up-convolution [sh, sw]; [1, 1] for a conv.
    public var upsample: [Int]
    /// Which form of the tiled kernel runs it: one of them, by construction.
    public var kernel: TiledKernel = .positionTiles

    /// The row-Winograd plan, when the conv runs as row Winograd F(4,3).
    public var winograd: RowWinograd? { if case .rowWinograd(let w) = kernel { return w }; return nil }
    /// The tile-Winograd plan, when the conv runs as tile Winograd F(4x4,3x3).
    public var tileWinograd: TileWinograd? { if case .tileWinograd(let w) = kernel { return w }; return nil }
    /// The channel tiling, when the conv runs with output channels across the lanes.
    public var channels: ChannelTiling? { if case .channelTiles(let c) = kernel { return c }; return nil }
    /// Whether the position-tile kernel applies its epilogue in registers and stores whole tiles
    /// straight to the output (`TiledConvEmitter.registerEpilogue`): the tile's positions are the
    /// output's own offsets (no padding columns, no pool, no pixel shuffle), and every step has a
    /// vector form (sigmoid, tanh and ELU have none).
    public var storesFromRegisters: Bool {
        positionTileEpilogueHasVectorForm && tiling.wq == tiling.outW && tiling.positions == tiling.outH * tiling.outW
    }

    /// Whether the position-tile kernel (no pixel shuffle) has an epilogue whose every step has a
    /// vector form (a pool step has none either).
    var positionTileEpilogueHasVectorForm: Bool {
        kernel == .positionTiles && upsample == [1, 1]
            && vectorEpilogueStatements(attributes.epilogue, value: .v("v"), operandIndex: .int(0), lanes: tiling.lanes) != nil
    }

    /// Vectors per output row when the epilogue of a whole row runs as vectors
    /// (`TiledConvEmitter.wholeRowVectors`), else nil: depthwise convs in chunks of whole rows
    /// (`ConvTiling.chunkRows`) whose unpooled epilogue steps all have a vector form. Rows under
    /// half a vector (7x7 planes with 16 lanes) keep the scalar loop, which measured faster (960
    /// channels on 7x7: 0.023 ms scalar, 0.030 ms as vectors): each vector load there spans two
    /// of the micro-kernel's stores to `wt`, which cannot forward to it.
    /// A plane smaller than one row's vectors (a 1-D depthwise conv of length 20 takes two 16-lane
    /// vectors) has no row whose vectors end within it, and keeps the scalar loop too.
    public var rowEpilogueVectors: Int? {
        let t = tiling
        guard positionTileEpilogueHasVectorForm, t.chunkRows != nil, t.lanes > 1, 2 * t.outW >= t.lanes else { return nil }
        let vectors = (t.outW + t.lanes - 1) / t.lanes
        return vectors * t.lanes <= t.outH * t.outW ? vectors : nil
    }

    /// Scratch floats per sample the kernel needs.
    public var scratchFloats: Int {
        switch kernel {
        case .tileWinograd(let w): return w.scratchFloats
        case .rowWinograd(let w): return w.scratchFloats
        case .positionTiles, .channelTiles: return tiling.scratchFloats
        }
    }
}

/// The forms of the register-tiled conv kernel.
public enum TiledKernel: Sendable, Hashable {
    /// Positions across the lanes (`ConvTiling`): the default.
    case positionTiles
    /// Output channels across the lanes, for small planes (`ChannelTiling`).
    case channelTiles(ChannelTiling)
    /// 3x3 stride-1: Winograd F(4,3) along the rows (`RowWinograd`).
    case rowWinograd(RowWinograd)
    /// 3x3 stride-1: Winograd F(4x4,3x3) over tiles (`TileWinograd`).
    case tileWinograd(TileWinograd)
}

/// Which kernel implements a node, decided once and shared by memory planning
/// (which must reserve the kernel's scratch) and code generation.
public enum KernelSelection {
    /// The tiled plan of a node, or nil when it uses a direct kernel.
    public static func tiledConv(_ node: Node, in graph: Graph, target: VectorTarget) -> TiledConvPlan? {
        // The tiled kernel reads a little past its input, which a caller's buffer does not allow.
        func producer() -> (shape: [Int], callerBuffer: Bool) {
            let p = graph.node(node.inputs[0])
            if case .input = p.op { return (p.shape, true) }
            return (p.shape, graph.outputs.contains(p.id))
        }
        switch node.op {
        case .conv(let a):
            let (shape, callerBuffer) = producer()
            guard var tiling = ConvTiling.plan(a, input: shape, target: target, inputIsCallerBuffer: callerBuffer) else { return nil }
            let kernel: TiledKernel
            if let tile = TileWinograd.plan(a, target: target, direct: tiling) {
                kernel = .tileWinograd(tile)
            } else if let rows = RowWinograd.plan(a, input: shape, target: target, direct: tiling) {
                kernel = .rowWinograd(rows)
            } else if let channels = ChannelTiling.plan(a, base: tiling, target: target) {
                kernel = .channelTiles(channels)
            } else {
                kernel = .positionTiles
                if let copies = ConvTiling.plan(a, input: shape, target: target, inputIsCallerBuffer: callerBuffer, columnCopies: true),
                   tiling.prefersColumnCopies(copies) {
                    tiling = copies
                }
            }
            return TiledConvPlan(attributes: a, tiling: tiling, upsample: [1, 1], kernel: kernel)
        case .convTranspose(let a):
            // A transposed conv whose kernel equals its stride (the "up-convolution" of UNet and
            // friends) writes each output pixel from exactly one tap: it is a 1x1 conv into
            // filters x sh x sw channels, one per output phase, stored interleaved ("pixel shuffle").
            guard a.groups == 1, a.spatialRank <= 2, a.kernel == a.stride, a.padding.allSatisfy({ $0 == 0 }),
                  a.outputPadding.allSatisfy({ $0 == 0 }), a.dilation.allSatisfy({ $0 == 1 }) else { return nil }
            let (shape, callerBuffer) = producer()
            let ones = Array(repeating: 1, count: a.spatialRank)
            let phases = a.stride.reduce(1, *)
            let equivalent = ConvAttributes(filters: a.filters * phases, kernel: ones, stride: ones, dilation: ones,
                                            padding: .zero(rank: a.spatialRank), groups: 1, hasBias: true, epilogue: a.epilogue)
            return ConvTiling.plan(equivalent, input: shape, target: target, inputIsCallerBuffer: callerBuffer)
                .map { TiledConvPlan(attributes: equivalent, tiling: $0, upsample: Array(repeating: 1, count: 2 - a.spatialRank) + a.stride) }
        case .input, .dense, .flatten, .pool, .globalPool, .adaptivePool, .activation, .prelu, .softmax, .batchNorm,
             .lrn, .dropout, .add, .concat, .upsample, .pad, .bias, .binary, .movement, .reduce, .normalization, .resize, .lpPool:
            return nil
        }
    }

    /// Scratch floats per sample the node's kernel needs while it runs.
    public static func scratchFloats(_ node: Node, in graph: Graph, target: VectorTarget) -> Int {
        tiledConv(node, in: graph, target: target)?.scratchFloats ?? 0
    }
}
