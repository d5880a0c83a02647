import CNNIR

/// Dropout is the identity at inference: its readers read its input instead.
public struct RemoveDropout: RewriteRule {
    public init() {}
    public var name: String { "remove-dropout" }

    public func rewrite(_ node: Node, in graph: Graph) -> Graph? {
        guard case .dropout = node.op else { return nil }
        var graph = graph
        graph.replaceUses(of: node.id, with: node.inputs[0])
        graph.remove(node.id)
        return graph
    }
}
