import CNNIR

/// Fuses a max or average pool into the conv that is its only input, so the unpooled
/// tensor is never written. Only for non-overlapping windows (stride >= size): with
/// overlap the fused kernel would recompute conv outputs shared between windows.
public struct FusePool: RewriteRule {
    public init() {}
    public var name: String { "fuse-pool" }

    public func rewrite(_ node: Node, in graph: RewriteGraph) -> Rewrite? {
        guard case .pool(let pool) = node.op, !pool.isDilated, graph.hasSingleReader(node.inputs[0]) else { return nil }
        guard zip(pool.stride, pool.size).allSatisfy({ $0 >= $1 }) else { return nil }
        let producer = graph.node(node.inputs[0])
        guard case .conv = producer.op else { return nil }
        let steps = producer.op.epilogue
        if steps.contains(where: {
            if case .pool = $0 { return true }
            return false
        }) {
            return nil
        }
        guard let op = producer.op.withEpilogue(steps + [.pool(pool)]) else { return nil }
        var fused = producer
        fused.op = op
        fused.shape = node.shape
        return .merge(producer: producer.id, consumer: node.id, fused: fused)
    }
}
