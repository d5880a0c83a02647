import CNNIR

/// Rewrites `x * gate(x)`, how exporters write the self-gated activations, into one activation
/// of `x`, which `FuseActivation` then moves into the conv before it:
/// `x * sigmoid(x)` is `silu` (EfficientNet, RegNetY), and `x * hardsigmoid(x)` with PyTorch's
/// alpha 1/6 and beta 0.5 is `hardswish` (MobileNetV3 exported before opset 14).
///
/// The gate must be read only by the mul: otherwise it is computed anyway. Both operand
/// orders match; a mul that already carries activations is left alone. The products are the
/// activations' definitions (`ActivationKind.facts`); only rounding may differ.
public struct FuseGatedActivation: RewriteRule {
    public init() {}
    public var name: String { "fuse-gated-activation" }

    /// The activation `x * gate(x)` is, if there is one.
    static func gated(_ gate: Activation) -> Activation? {
        switch gate.kind {
        case .sigmoid: return Activation(.silu)
        case .hardSigmoid where gate.parameters == ActivationKind.hardSigmoid.facts.parameters.map({ $0.defaultValue! }):
            return Activation(.hardSwish)
        case .relu, .tanh, .leakyRelu, .elu, .clip, .hardSwish, .hardSigmoid, .silu, .gelu, .mish, .softplus, .softsign,
            .selu, .celu, .exp, .log, .sqrt, .abs, .neg, .reciprocal, .erf, .thresholdedRelu:
            return nil
        }
    }

    public func rewrite(_ node: Node, in graph: RewriteGraph) -> Rewrite? {
        guard case .binary(let a) = node.op, a.op == .mul, a.constant == nil, a.epilogue.isEmpty, node.inputs.count == 2 else { return nil }
        for (k, id) in node.inputs.enumerated() {
            let gate = graph.node(id)
            guard case .activation(let act) = gate.op, let fused = Self.gated(act), gate.inputs == [node.inputs[1 - k]],
                graph.hasSingleReader(id), graph.node(gate.inputs[0]).shape == node.shape
            else { continue }
            var merged = gate
            merged.op = .activation(fused)
            merged.name = node.name
            merged.location = node.location
            return .merge(producer: gate.id, consumer: node.id, fused: merged)
        }
        return nil
    }
}
