import CNNIR

/// Rewrites a layer norm over the channels written channels-last, as ConvNeXt's `LayerNorm2d`
/// exports it: transpose `[C, S...]` to `[S..., C]`, layer norm over the last axis, transpose
/// back to `[C, S...]`, into one layer norm over axis 0 of `[C, S...]` (`layer(first: 0, last:
/// 0)`), whose kernel normalises each position across the channels without moving the tensor.
///
/// The algebra: both forms normalise, for each position, the C values of that position with the
/// same mean, variance, `weight[c]` and `bias[c]` (the parameters are `[C]` in both), and the
/// second transpose undoes the first. The first transpose and the norm must be read only by the
/// next step; the first transpose is left dead and removed by `EliminateDeadNodes`.
public struct FoldChannelsLastLayerNorm: RewriteRule {
    public init() {}
    public var name: String { "fold-channels-last-layernorm" }

    public func rewrite(_ node: Node, in graph: RewriteGraph) -> Rewrite? {
        guard case .movement(.transpose(let back)) = node.op else { return nil }
        let norm = graph.node(node.inputs[0])
        guard case .normalization(let a) = norm.op, graph.hasSingleReader(norm.id) else { return nil }
        let r = norm.shape.count
        guard r >= 2, case .layer(first: r - 1, last: r - 1) = a.kind else { return nil }
        let forward = graph.node(norm.inputs[0])
        guard case .movement(.transpose(let perm)) = forward.op, graph.hasSingleReader(forward.id) else { return nil }
        // [C, S...] -> [S..., C] and back.
        guard perm == Array(1..<r) + [0], back == [r - 1] + Array(0..<(r - 1)) else { return nil }
        let source = graph.node(forward.inputs[0])
        guard source.shape == node.shape else { return nil }
        var fused = norm
        fused.op = .normalization(NormAttributes(kind: .layer(first: 0, last: 0), epsilon: a.epsilon))
        fused.inputs = [source.id]
        fused.shape = node.shape
        fused.name = node.name
        fused.location = node.location
        return .merge(producer: norm.id, consumer: node.id, fused: fused)
    }
}
