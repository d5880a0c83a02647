import CNNIR

/// Moves a standalone activation into the epilogue of the conv, dense or add that is its only input.
///
/// Not after a fused pool: max-pool commutes with monotonic activations but
/// average-pool does not, so the simple rule is "pool is always last".
public struct FuseActivation: RewriteRule {
    public init() {}
    public var name: String { "fuse-activation" }

    public func rewrite(_ node: Node, in graph: RewriteGraph) -> Rewrite? {
        guard case .activation(let act) = node.op, graph.hasSingleReader(node.inputs[0]) else { return nil }
        let producer = graph.node(node.inputs[0])
        let steps = producer.op.epilogue
        if case .pool = steps.last { return nil }
        guard let op = producer.op.withEpilogue(steps + [.activation(act)]) else { return nil }
        var fused = producer
        fused.op = op
        return .merge(producer: producer.id, consumer: node.id, fused: fused)
    }
}
