import CNNIR

/// Fuses a two-input add (and its activation) into the conv that produces one of its operands:
/// the conv's epilogue adds the other operand while its result is in registers (residual blocks).
public struct FuseAdd: RewriteRule {
    public init() {}
    public var name: String { "fuse-add" }

    public func rewrite(_ node: Node, in graph: RewriteGraph) -> Rewrite? {
        guard case .add(let addEpilogue) = node.op, node.inputs.count == 2, node.inputs[0] != node.inputs[1] else { return nil }
        // Prefer the operand computed last: the conv closest to the add.
        let candidates = node.inputs.enumerated().sorted { graph.position(of: $0.element) > graph.position(of: $1.element) }
        for (position, producerID) in candidates {
            let producer = graph.node(producerID)
            guard case .conv = producer.op, graph.hasSingleReader(producerID) else { continue }
            let steps = producer.op.epilogue
            if steps.contains(where: {
                if case .pool = $0 { return true }
                return false
            }) {
                continue
            }
            let other = node.inputs[1 - position]
            var fused = producer
            fused.inputs.append(other)
            guard let op = producer.op.withEpilogue(steps + [.add(operand: fused.inputs.count - 1)] + addEpilogue) else { continue }
            fused.op = op
            return .merge(producer: producer.id, consumer: node.id, fused: fused)
        }
        return nil
    }
}
