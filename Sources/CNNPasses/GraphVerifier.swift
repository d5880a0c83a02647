import CNNIR

/// Checks the invariants every pass must keep: topological order, unique ids,
/// shapes that re-infer to what is stored, and parameters of the expected shapes.
public enum GraphVerifier {
    public static func verify(_ graph: Graph, after pass: String = "import") throws {
        var defined: [NodeID: [Int]] = [:]
        func fail(_ node: Node, _ what: String) -> Diagnostic {
            Diagnostic("internal error after \(pass): \(what)", at: node.location)
        }
        for node in graph.nodes {
            guard defined[node.id] == nil else { throw fail(node, "duplicate node id \(node.id)") }
            let shapes = try node.inputs.map { id -> [Int] in
                guard let shape = defined[id] else { throw fail(node, "reads node \(id) before it is defined") }
                return shape
            }
            if case .input = node.op {
                defined[node.id] = node.shape
                continue
            }
            let inferred = try ShapeInference.outputShape(of: node.op, inputs: shapes)
            guard inferred == node.shape else {
                throw fail(node, "stored shape \(ShapeInference.format(node.shape)) but inferred \(ShapeInference.format(inferred))")
            }
            for expected in ParameterRules.expected(for: node.op, input: shapes[0]) {
                guard let tensor = node.params[expected.name], expected.alternatives.contains(tensor.shape) else {
                    throw fail(node, "parameter \(expected.name) missing or misshapen")
                }
            }
            defined[node.id] = node.shape
        }
        guard graph.outputNames.count == graph.outputs.count else {
            throw Diagnostic("internal error after \(pass): \(graph.outputs.count) outputs but \(graph.outputNames.count) output names")
        }
        for id in graph.outputs where defined[id] == nil {
            throw Diagnostic("internal error after \(pass): output \(id) is not defined")
        }
    }
}
