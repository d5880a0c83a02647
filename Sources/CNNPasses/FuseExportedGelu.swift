import CNNIR

/// Rewrites GELU as exporters write it before ONNX opset 20 (PyTorch's `nn.GELU()`, ConvNeXt's
/// MLP): `(x * (erf(x / sqrt 2) + 1)) * 0.5`, five kernels, into one `gelu` activation of `x`,
/// which `FuseActivation` then moves into the conv or linear layer before it.
///
/// The chain: a division by a scalar constant within 1e-6 of sqrt 2 (or a multiplication by
/// 1 / sqrt 2), `erf`, an add of 1 (a scalar constant, or a per-channel bias of ones), a mul by
/// `x` (either operand order), and a mul by the scalar constant 0.5. Every intermediate must be
/// read only by the next step (otherwise it is computed anyway) and carry no epilogue. The
/// rewrite leaves the first three steps unread (their layers join the activation's); the pass
/// removes them at once so the activation can move into its producer. Only rounding differs (the activation's definition, `ActivationKind.facts`).
public struct FuseExportedGelu: RewriteRule {
    public init() {}
    public var name: String { "fuse-exported-gelu" }

    /// The scalar value of a binary op's constant operand (`x op k`), if it is one.
    static func scalar(_ node: Node, _ op: BinaryOperator) -> Float? {
        guard case .binary(let a) = node.op, a.op == op, a.epilogue.isEmpty, let c = a.constant, node.inputs.count == 1,
            let k = node.params["constant"]?.values, k.count == 1
        else { return nil }
        // `k * x` and `x * k` alike for a mul; a division must be `x / k`.
        guard !c.isFirst || op == .mul || op == .add else { return nil }
        return k[0]
    }

    public func rewrite(_ node: Node, in graph: RewriteGraph) -> Rewrite? {
        // node: (x * a) * 0.5
        guard Self.scalar(node, .mul) == 0.5 else { return nil }
        let product = graph.node(node.inputs[0])
        guard case .binary(let p) = product.op, p.op == .mul, p.constant == nil, p.epilogue.isEmpty, product.inputs.count == 2,
            graph.hasSingleReader(product.id)
        else { return nil }
        for k in 0..<2 {
            let x = product.inputs[k]
            let plusOne = graph.node(product.inputs[1 - k])
            guard graph.hasSingleReader(plusOne.id), isPlusOne(plusOne), plusOne.inputs.count == 1 else { continue }
            let erf = graph.node(plusOne.inputs[0])
            guard case .activation(let act) = erf.op, act.kind == .erf, graph.hasSingleReader(erf.id) else { continue }
            let scaled = graph.node(erf.inputs[0])
            guard scaled.inputs == [x], graph.hasSingleReader(scaled.id), graph.node(x).shape == node.shape else { continue }
            if let d = Self.scalar(scaled, .div), abs(Double(d) - 2.0.squareRoot()) <= 1e-6 {
            } else if let m = Self.scalar(scaled, .mul), abs(Double(m) - 0.5.squareRoot()) <= 1e-6 {
            } else {
                continue
            }
            var fused = product
            fused.op = .activation(Activation(.gelu, [0]))
            fused.inputs = [x]
            fused.name = node.name
            fused.location = node.location
            // The scale, erf and add of one are computed by the activation now (`--all-layers`
            // reports them fused into its kernel).
            return .merge(
                producer: product.id, consumer: node.id, fused: fused, absorbed: scaled.layers + erf.layers + plusOne.layers)
        }
        return nil
    }

    /// `t + 1`: a scalar constant add, or a bias of ones.
    func isPlusOne(_ node: Node) -> Bool {
        if Self.scalar(node, .add) == 1 { return true }
        if case .bias = node.op, let b = node.params["bias"]?.values, !b.isEmpty, b.allSatisfy({ $0 == 1 }) { return true }
        return false
    }
}
