import CNNIR

/// Folds a per-channel (or scalar) affine step on a conv's input, `x * k`, `x / k`, `x + k` or
/// `x - k` with a constant `k` (a binary op, or the per-channel bias the importer makes of an
/// add), into the conv's weights and bias, so an input normalisation
/// `(x - mean) / std` or `x / 255` costs no pass over the image.
///
/// With `x' = s[c] * x + t[c]` on input channel c, a conv computes
///     y[f] = b[f] + sum_{c,k} w[f, c, k] * x'[c, ...]
///          = (b[f] + sum_{c,k} w[f, c, k] * t[c]) + sum_{c,k} (w[f, c, k] * s[c]) * x[c, ...]
/// Scaling (`t = 0`) folds into the weights whatever the padding: a padded zero stays zero.
/// A shift folds into the bias only when the conv has no padding: at a border a padded
/// position of `x'` is 0, which the folded conv would see as `x = 0`, that is `x' = t`, and the
/// border pixels would be wrong. So `(x - mean) / std` before a padded conv folds the division and
/// keeps the subtraction as its own kernel; before an unpadded one it folds completely.
/// Only for a step nothing else reads, whose constant broadcasts along the channels only (shape
/// [C, 1, ...] or all 1s: the output has the input's shape), with finite non-zero scales. Folded
/// in double and rounded once to float32, so results differ from the unfolded graph in rounding only.
public struct FoldInputNormalization: RewriteRule {
    public init() {}
    public var name: String { "fold-input-normalization" }

    public func rewrite(_ node: Node, in graph: RewriteGraph) -> Rewrite? {
        guard case .conv(var a) = node.op, let weight = node.params["weight"] else { return nil }
        let step = graph.node(node.inputs[0])
        guard step.inputs.count == 1, graph.hasSingleReader(step.id), graph.node(step.inputs[0]).shape == step.shape else { return nil }
        let channels = step.shape[0]
        let scale: [Double]
        let shift: [Double]
        switch step.op {
        case .bias(.channel):
            // The importer's form of an add (or subtraction) of a scalar or per-channel constant.
            guard let k = step.params["bias"]?.values, k.count == channels else { return nil }
            scale = Array(repeating: 1, count: channels)
            shift = k.map(Double.init)
        case .binary(let b):
            guard b.epilogue.isEmpty, let constant = b.constant, !constant.isFirst, let k = step.params["constant"]?.values,
                constant.shape.count == step.shape.count, constant.shape.dropFirst().allSatisfy({ $0 == 1 }),
                constant.shape[0] == 1 || constant.shape[0] == channels, k.count == constant.shape[0]
            else { return nil }
            let value = { (c: Int) -> Double in Double(k.count == 1 ? k[0] : k[c]) }
            switch b.op {
            case .mul:
                scale = (0..<channels).map(value)
                shift = Array(repeating: 0, count: channels)
            case .div:
                scale = (0..<channels).map { 1 / value($0) }
                shift = Array(repeating: 0, count: channels)
            case .add:
                scale = Array(repeating: 1, count: channels)
                shift = (0..<channels).map(value)
            case .sub:
                scale = Array(repeating: 1, count: channels)
                shift = (0..<channels).map { -value($0) }
            case .pow, .max, .min, .less, .lessOrEqual, .greater, .greaterOrEqual, .equal, .and, .or, .xor: return nil
            }
        default:
            return nil
        }
        guard scale.allSatisfy({ $0.isFinite && $0 != 0 }), shift.allSatisfy(\.isFinite) else { return nil }
        let shifts = shift.contains { $0 != 0 }
        guard !shifts || a.padding.isZero else { return nil }

        // weight [filters, channels / groups, window...]: filter f of group g reads channels g * icg ..< (g + 1) * icg.
        let filters = weight.shape[0]
        let icg = channels / a.groups
        let window = weight.count / (filters * icg)
        let ocg = filters / a.groups
        let w = weight.storage.floats
        var newWeight = [Float](repeating: 0, count: weight.count)
        var newBias = (node.params["bias"]?.values ?? Array(repeating: 0, count: filters)).map(Double.init)
        for f in 0..<filters {
            for j in 0..<icg {
                let c = (f / ocg) * icg + j
                for t in 0..<window {
                    let i = (f * icg + j) * window + t
                    newWeight[i] = Float(Double(w[i]) * scale[c])
                    newBias[f] += Double(w[i]) * shift[c]
                }
            }
        }
        var fused = node
        fused.id = step.id
        fused.inputs = [step.inputs[0]] + node.inputs.dropFirst()
        fused.params["weight"] = WeightTensor(shape: weight.shape, values: newWeight)
        if shifts || a.hasBias {
            a.hasBias = true
            fused.params["bias"] = WeightTensor(shape: [filters], values: newBias.map { Float($0) })
        }
        fused.op = .conv(a)
        return .merge(producer: step.id, consumer: node.id, fused: fused)
    }
}
