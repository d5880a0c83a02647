import CNNIR

/// Dropout is the identity at inference: its readers read its input instead.
public struct RemoveDropout: RewriteRule {
    public init() {}
    public var name: String { "remove-dropout" }

    public func rewrite(_ node: Node, in graph: RewriteGraph) -> Rewrite? {
        guard case .dropout = node.op else { return nil }
        return .bypass(node.id, with: node.inputs[0])
    }
}
