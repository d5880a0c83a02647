/// A text form of the graph for `cnnc compile --dump-ir-after`: one line per node, in order,
/// with its op and attributes as the IR holds them, its inputs, per-sample shape, parameters'
/// shapes and the layers it computes. Deterministic (parameters sorted by name).
extension Graph {
    public func dump() -> String {
        // A conv's input scale shows only when it has one, as its operand index.
        func strip(_ s: String) -> String {
            var s = s.replacingOccurrences(of: "CNNIR.", with: "").replacingOccurrences(of: ", inputScale: nil", with: "")
            while let r = s.range(of: "inputScale: Optional(") {
                s.replaceSubrange(r, with: "inputScale: ")
                if let close = s[r.lowerBound...].firstIndex(of: ")") { s.remove(at: close) }
            }
            return s
        }
        var out = "graph '\(Diagnostic.quoted(name))': \(nodes.count) nodes; inputs "
        out += inputs.map { "%\($0.id)" }.joined(separator: ", ")
        out += "; outputs " + zip(outputNames, outputs).map { "'\(Diagnostic.quoted($0))' = %\($1)" }.joined(separator: ", ") + "\n"
        for node in nodes {
            var line = "%\(node.id) '\(Diagnostic.quoted(node.name))' = \(strip(String(describing: node.op)))"
            line += "(" + node.inputs.map { "%\($0)" }.joined(separator: ", ") + ") : " + ShapeInference.format(node.shape)
            if !node.params.isEmpty {
                line +=
                    " params "
                    + node.params.keys.sorted().map { "\($0) \(ShapeInference.format(node.params[$0]!.shape))" }.joined(separator: ", ")
            }
            if node.layers != [node.name] {
                line += " layers " + node.layers.map { "'\(Diagnostic.quoted($0))'" }.joined(separator: " + ")
            }
            out += line + "\n"
        }
        return out
    }
}
