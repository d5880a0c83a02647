import CNNIR

/// Folds an inference batchnorm into the conv, transposed conv or dense layer before it.
///
/// For output channel c, batchnorm computes
///     y = gamma[c] * (x - mean[c]) / sqrt(var[c] + eps) + beta[c]
/// and x = sum(w[c, ...] * in) + b[c], so with s[c] = gamma[c] / sqrt(var[c] + eps):
///     w'[c, ...] = s[c] * w[c, ...]
///     b'[c]      = s[c] * (b[c] - mean[c]) + beta[c]     (b = 0 without a bias)
/// The producer must have no epilogue yet (an activation before the batchnorm
/// does not commute) and no other reader. Otherwise batchnorm stays its own kernel.
public struct FoldBatchNorm: RewriteRule {
    public init() {}
    public var name: String { "fold-batchnorm" }

    public func rewrite(_ node: Node, in graph: RewriteGraph) -> Rewrite? {
        guard case .batchNorm(let eps, let bnSteps) = node.op, graph.hasSingleReader(node.inputs[0]) else { return nil }
        let producer = graph.node(node.inputs[0])
        guard producer.op.epilogue.isEmpty, let weight = producer.params["weight"] else { return nil }
        let channels = node.shape[0]
        let gamma = node.params["weight"]!.values
        let beta = node.params["bias"]!.values
        let mean = node.params["running_mean"]!.values
        let variance = node.params["running_var"]!.values
        // Computed in double so folding adds no rounding beyond the final float32 store.
        let scale = (0..<channels).map { c -> Double in Double(gamma[c]) / (Double(variance[c]) + Double(eps)).squareRoot() }

        // Which weight index belongs to which output channel depends on the layout.
        let folded: Op
        let channelOf: (Int) -> Int
        switch producer.op {
        case .conv(var a):
            let perChannel = weight.count / channels
            channelOf = { $0 / perChannel }
            a.hasBias = true
            folded = .conv(a)
        case .dense(var a):
            // A linear layer's units are its last axis, a batchnorm's channels the first.
            guard !a.lastAxis || node.shape.count == 1 else { return nil }
            let perChannel = weight.count / channels
            channelOf = { $0 / perChannel }
            a.hasBias = true
            folded = .dense(a)
        case .convTranspose(var a):
            // weight [C, filters/groups, k...]: output channel = group * (filters/groups) + j.
            let perGroupOut = a.filters / a.groups
            let inPerGroup = weight.shape[0] / a.groups
            let spatial = a.kernel.reduce(1, *)
            channelOf = { index in
                let i = index / (perGroupOut * spatial)
                let j = (index / spatial) % perGroupOut
                return (i / inPerGroup) * perGroupOut + j
            }
            a.hasBias = true
            folded = .convTranspose(a)
        case .input, .flatten, .pool, .globalPool, .adaptivePool, .activation, .prelu, .softmax, .batchNorm,
            .lrn, .dropout, .add, .concat, .upsample, .pad, .bias, .binary, .movement, .reduce, .normalization, .resize, .lpPool, .select,
            .matmul:
            return nil
        }
        let w = weight.storage.floats
        let newWeight = (0..<w.count).map { i -> Float in Float(Double(w[i]) * scale[channelOf(i)]) }
        let oldBias = producer.params["bias"]?.values ?? Array(repeating: 0, count: channels)
        var newBias = [Float](repeating: 0, count: channels)
        for c in 0..<channels {
            let centred = Double(oldBias[c]) - Double(mean[c])
            newBias[c] = Float(scale[c] * centred + Double(beta[c]))
        }

        var fused = producer
        // Activations already fused into the batchnorm move on to the producer.
        fused.op = folded.withEpilogue(bnSteps) ?? folded
        fused.params = [
            "weight": WeightTensor(shape: weight.shape, values: newWeight), "bias": WeightTensor(shape: [channels], values: newBias),
        ]
        return .merge(producer: producer.id, consumer: node.id, fused: fused)
    }
}
