import CNNIR

/// Rewrites `x * sigmoid(x)` (how exporters write SiLU, EfficientNet's and RegNetY's activation)
/// into the `silu` activation of `x`, which `FuseActivation` then moves into the conv before it.
///
/// The sigmoid must be read only by the mul: otherwise it is computed anyway. Both operand
/// orders match; a mul that already carries activations is left alone.
/// x * sigmoid(x) = silu(x) exactly as defined (`ActivationKind.silu`); only rounding may differ.
public struct FuseSiLU: RewriteRule {
    public init() {}
    public var name: String { "fuse-silu" }

    public func rewrite(_ node: Node, in graph: Graph) -> Graph? {
        guard case .binary(let a) = node.op, a.op == .mul, a.constant == nil, a.epilogue.isEmpty, node.inputs.count == 2 else { return nil }
        for (k, id) in node.inputs.enumerated() {
            let gate = graph.node(id)
            guard case .activation(let act) = gate.op, act.kind == .sigmoid, gate.inputs == [node.inputs[1 - k]],
                  graph.hasSingleReader(id), graph.node(gate.inputs[0]).shape == node.shape else { continue }
            var silu = gate
            silu.op = .activation(Activation(.silu))
            silu.name = node.name
            silu.location = node.location
            return graph.merging(gate, into: node, as: silu)
        }
        return nil
    }
}
