import CNNIR

/// Rewrites ShuffleNet's channel shuffle as exporters write it, reshape `[C, S...]` to
/// `[g, C/g, S'...]`, transpose of the first two axes, reshape back to `[C, S...]`, into one
/// `channel_shuffle(g)`, whose kernel copies one plane per channel instead of three copies.
///
/// The algebra: with `S'` any regrouping of the spatial sizes (same product), the first reshape
/// reads channel `c = i * C/g + j` as `(i, j)`, the transpose puts `(j, i)` in row-major order,
/// so output channel `j * g + i` is input channel `i * C/g + j`, each plane intact: exactly
/// `MovementOp.channelShuffle`. The first reshape and the transpose must be read only by the
/// next step (otherwise they are computed anyway); the first reshape is left dead and removed
/// by `EliminateDeadNodes`.
public struct FuseChannelShuffle: RewriteRule {
    public init() {}
    public var name: String { "fuse-channel-shuffle" }

    public func rewrite(_ node: Node, in graph: RewriteGraph) -> Rewrite? {
        guard case .movement(.reshape) = node.op else { return nil }
        let transpose = graph.node(node.inputs[0])
        guard case .movement(.transpose(let perm)) = transpose.op, graph.hasSingleReader(transpose.id),
            perm.count >= 2, perm == [1, 0] + Array(2..<perm.count)
        else { return nil }
        let split = graph.node(transpose.inputs[0])
        guard case .movement(.reshape(let view)) = split.op, graph.hasSingleReader(split.id) else { return nil }
        let source = graph.node(split.inputs[0])
        let x = source.shape
        guard node.shape == x, x.count >= 1, view[0] * view[1] == x[0],
            view.dropFirst(2).reduce(1, *) == x.dropFirst().reduce(1, *)
        else { return nil }
        var fused = transpose
        fused.op = .movement(.channelShuffle(groups: view[0]))
        fused.inputs = [source.id]
        fused.shape = node.shape
        fused.name = node.name
        fused.location = node.location
        return .merge(producer: transpose.id, consumer: node.id, fused: fused)
    }
}
