import CNNIR

/// Folds a constant per-channel scale or shift of a conv's or linear layer's output into its
/// weights and bias: `conv(x) * k` and `conv(x) + k` with `k` of shape `[C, 1, ...]` (one value
/// per output channel) or a single value; for a linear layer on the last axis (channels last),
/// `k` of shape `[1, ..., U]`; and a learned per-channel `bias` op (the importer's form of an Add
/// of a `[C, 1, ...]` constant). ConvNeXt's layer scale (`gamma * block(x)`) is one, and so is a
/// batchnorm as TensorFlow exports it (Mul, Add).
///
/// For output channel c, with w[c, ...] and b[c] the layer's weight and bias:
///     scale: w'[c, ...] = k[c] * w[c, ...],  b'[c] = k[c] * b[c]
///     shift: w' = w,                          b'[c] = b[c] + k[c]
/// computed in double and rounded once, as `FoldBatchNorm` does. The layer must have nothing
/// fused after it yet and no other reader; the binary op no activation of its own.
public struct FoldChannelScale: RewriteRule {
    public init() {}
    public var name: String { "fold-channel-scale" }

    public func rewrite(_ node: Node, in graph: RewriteGraph) -> Rewrite? {
        guard node.inputs.count == 1, graph.hasSingleReader(node.inputs[0]) else { return nil }
        let producer = graph.node(node.inputs[0])
        guard producer.op.epilogue.isEmpty, node.shape == producer.shape, let weight = producer.params["weight"] else { return nil }
        // Which axis holds the output channels, and the op with a bias.
        let axis: Int
        let folded: Op
        switch producer.op {
        case .conv(var a):
            axis = 0
            a.hasBias = true
            folded = .conv(a)
        case .dense(var a):
            axis = a.lastAxis ? producer.shape.count - 1 : 0
            guard a.lastAxis || producer.shape.count == 1 else { return nil }
            a.hasBias = true
            folded = .dense(a)
        default:
            return nil
        }
        let channels = producer.shape[axis]
        guard let (isScale, k) = perChannelConstant(node, axis: axis, channels: channels) else { return nil }
        let bias = producer.params["bias"]?.values ?? Array(repeating: 0, count: channels)
        var params = producer.params
        if isScale {
            let w = weight.storage.floats
            let perChannel = w.count / channels
            params["weight"] = WeightTensor(shape: weight.shape, values: (0..<w.count).map { Float(Double(w[$0]) * k($0 / perChannel)) })
            params["bias"] = WeightTensor(shape: [channels], values: (0..<channels).map { Float(Double(bias[$0]) * k($0)) })
        } else {
            params["bias"] = WeightTensor(shape: [channels], values: (0..<channels).map { Float(Double(bias[$0]) + k($0)) })
        }
        var fused = producer
        fused.op = folded
        fused.params = params
        return .merge(producer: producer.id, consumer: node.id, fused: fused)
    }

    /// Whether `node` scales (or else shifts) its input by one constant per channel on `axis`,
    /// and the constant of channel c; nil when it is not such a step.
    func perChannelConstant(_ node: Node, axis: Int, channels: Int) -> (Bool, (Int) -> Double)? {
        switch node.op {
        case .bias(.channel):
            // A learned bias per channel: one value per channel of axis 0.
            guard axis == 0, let k = node.params["bias"]?.values, k.count == channels else { return nil }
            return (false, { Double(k[$0]) })
        case .binary(let b):
            guard b.op == .mul || b.op == .add, b.epilogue.isEmpty, let constant = b.constant, let k = node.params["constant"]?.values
            else { return nil }
            // Size C on the channel axis and 1 elsewhere (aligned at the last axes), or one value in all.
            let rank = node.shape.count
            let padded = Array(repeating: 1, count: max(0, rank - constant.shape.count)) + constant.shape
            guard padded.count == rank, padded.indices.allSatisfy({ $0 == axis || padded[$0] == 1 }),
                padded[axis] == channels || padded[axis] == 1
            else { return nil }
            return (b.op == .mul, { Double(k[k.count == 1 ? 0 : $0]) })
        default:
            return nil
        }
    }
}
