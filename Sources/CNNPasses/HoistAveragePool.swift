import CNNIR

/// Moves an average pool in front of the 1x1 conv that feeds it: both are linear and act on
/// different axes (the conv mixes channels at each position, the pool averages positions
/// within each channel), and the bias survives an average unchanged, so
/// `pool(conv(x)) = conv(pool(x))` up to rounding. The conv then runs on the pooled plane:
/// DenseNet's transition layers (1x1 conv, then a 2x2/2 average pool) do a quarter of the
/// multiplies.
///
/// It applies only when every window's weights sum to one, so the bias is unchanged: no
/// padding and no ceil mode (either can make a window average fewer or padded elements).
/// The conv must be pointwise (1x1, stride 1, unpadded), have nothing fused after it yet, and
/// be read only by the pool; the pool must shrink the plane, or nothing is saved.
public struct HoistAveragePool: RewriteRule {
    public init() {}
    public var name: String { "hoist-average-pool" }

    public func rewrite(_ node: Node, in graph: RewriteGraph) -> Rewrite? {
        guard case .pool(let pool) = node.op, pool.kind == .average, !pool.isDilated, pool.padding.isZero, !pool.ceilMode,
            graph.hasSingleReader(node.inputs[0])
        else { return nil }
        let conv = graph.node(node.inputs[0])
        guard case .conv(let a) = conv.op, a.epilogue.isEmpty, a.spatialRank == pool.spatialRank,
            a.kernel.allSatisfy({ $0 == 1 }), a.stride.allSatisfy({ $0 == 1 }), a.padding.isZero,
            node.elementCount / node.shape[0] < conv.elementCount / conv.shape[0]
        else { return nil }
        let input = graph.node(conv.inputs[0])
        // The pool's readers now read the conv, which reads the pool, which reads the conv's input.
        var hoisted = node
        hoisted.inputs = conv.inputs
        hoisted.shape = [input.shape[0]] + node.shape.dropFirst()
        var moved = conv
        moved.inputs = [node.id]
        moved.shape = node.shape
        return .exchange(first: moved, second: hoisted)
    }
}
