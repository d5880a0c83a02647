import CNNIR

/// Removes layers whose results reach no model output. Model inputs always stay (they are the ABI).
public enum EliminateDeadNodes {
    public static func run(_ graph: Graph) -> Graph {
        var live = Set(graph.outputs)
        for node in graph.nodes.reversed() where live.contains(node.id) {
            live.formUnion(node.inputs)
        }
        var graph = graph
        graph.nodes.removeAll { node in
            if case .input = node.op { return false }
            return !live.contains(node.id)
        }
        return graph
    }
}
