import CNNIR

/// A local rewrite: looks at one node and returns the rewritten graph, or nil when it does not apply.
///
/// Rules are small and independent (tinygrad's PatternMatcher, MLIR's rewrite
/// patterns); `RewriteDriver` applies a set of them until none fires.
public protocol RewriteRule: Sendable {
    /// A short name for debugging and pass tests.
    var name: String { get }
    func rewrite(_ node: Node, in graph: Graph) -> Graph?
}

/// Applies rules to a fixpoint, visiting nodes in topological order.
public enum RewriteDriver {
    /// Rewrites `graph` until no rule applies anywhere. Every rule shrinks the graph or its
    /// set of unfused nodes, so this terminates; the bound only guards against a buggy rule.
    public static func run(_ rules: [any RewriteRule], on graph: Graph) -> Graph {
        var graph = graph
        var budget = 16 * (graph.nodes.count + 1) * max(rules.count, 1)
        var changed = true
        while changed {
            changed = false
            scan: for node in graph.nodes {
                for rule in rules {
                    if let rewritten = rule.rewrite(node, in: graph) {
                        graph = rewritten
                        changed = true
                        budget -= 1
                        precondition(budget > 0, "rewrite rule \(rule.name) does not converge")
                        break scan
                    }
                }
            }
        }
        return graph
    }
}

extension Graph {
    /// True when `id` is read by exactly one node input and is not a model output.
    func hasSingleReader(_ id: NodeID) -> Bool {
        !outputs.contains(id) && nodes.reduce(0) { $0 + $1.inputs.filter { $0 == id }.count } == 1
    }

    /// Replaces node `consumer` by `producer` rewritten as `fused`: the fused node takes the
    /// consumer's place in the order (every input of both is defined before it) and its uses.
    func merging(_ producer: Node, into consumer: Node, as fused: Node) -> Graph {
        var graph = self
        var fused = fused
        fused.layers = producer.layers + consumer.layers
        graph.replaceUses(of: consumer.id, with: producer.id)
        graph.nodes.removeAll { $0.id == producer.id }
        guard let slot = graph.index(of: consumer.id) else { preconditionFailure("consumer vanished") }
        graph.nodes[slot] = fused
        return graph
    }
}
