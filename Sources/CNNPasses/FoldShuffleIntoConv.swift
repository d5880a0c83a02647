import CNNIR

/// Folds a channel shuffle into the conv that reads it, as a permutation of the conv's
/// input channels, so the shuffle costs no copy.
///
/// The algebra: the shuffle's output channel `o = j * g + i` is input channel
/// `src(o) = i * C/g + j`, so `sum_o W[f, o] * y[o] = sum_c W[f, src^-1(c)] * x[c]`: the conv
/// reads the unshuffled `x` with `W'[f, c] = W[f, src^-1(c)]`, `src^-1(i * C/g + j) = j * g + i`.
/// Only for an ungrouped conv (a grouped one ties input channels to its output channels) and
/// a shuffle that nothing else reads (otherwise it is computed anyway). The sums run in the
/// permuted order, so results may differ in rounding only.
public struct FoldShuffleIntoConv: RewriteRule {
    public init() {}
    public var name: String { "fold-shuffle-into-conv" }

    public func rewrite(_ node: Node, in graph: RewriteGraph) -> Rewrite? {
        guard case .conv(let a) = node.op, a.groups == 1, let weight = node.params["weight"] else { return nil }
        let shuffle = graph.node(node.inputs[0])
        guard case .movement(.channelShuffle(let g)) = shuffle.op, graph.hasSingleReader(shuffle.id) else { return nil }
        let channels = shuffle.shape[0]
        let perGroup = channels / g
        let filters = weight.shape[0]
        let window = weight.count / (filters * channels)
        let w = weight.storage.floats
        var permuted = [Float](repeating: 0, count: weight.count)
        for f in 0..<filters {
            for c in 0..<channels {
                let o = (c % perGroup) * g + c / perGroup
                let from = (f * channels + o) * window
                let to = (f * channels + c) * window
                for k in 0..<window { permuted[to + k] = w[from + k] }
            }
        }
        var fused = node
        fused.id = shuffle.id
        fused.inputs = [shuffle.inputs[0]] + node.inputs.dropFirst()
        fused.params["weight"] = WeightTensor(shape: weight.shape, values: permuted)
        return .merge(producer: shuffle.id, consumer: node.id, fused: fused)
    }
}
