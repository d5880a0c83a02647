import CNNIR

/// For `--all-layers`: every kernel's result becomes one more model output, exported under the
/// name of the last layer it computes (the value it writes), so a library can be compared with a
/// reference layer by layer. Runs after fusion: the layers a fused kernel computes before its last
/// one are never written, and the kernel table (each kernel's `layers`) says which kernel they
/// went into. A dropout, removed before, is exported as a second name for the tensor it passes on
/// when that tensor is exported.
///
/// For an ONNX model, layers are renamed to their output tensors' names (`Graph.tensorNames`), the
/// names ONNX Runtime gives the same values.
public enum ExportAllLayers {
    /// Dropout layers of the graph before any pass, with the layer each one passes on (chains followed).
    public static func dropoutAliases(_ graph: Graph) -> [(dropout: String, source: String)] {
        var aliases: [(String, String)] = []
        for node in graph.nodes {
            guard case .dropout = node.op else { continue }
            var source = graph.node(node.inputs[0])
            while case .dropout = source.op { source = graph.node(source.inputs[0]) }
            if case .input = source.op { continue }
            aliases.append((node.name, source.name))
        }
        return aliases
    }

    public static func run(_ graph: Graph, dropouts: [(dropout: String, source: String)]) -> Graph {
        var graph = graph
        let tensorNames = graph.tensorNames
        func reference(_ layer: String) -> String { tensorNames[layer] ?? layer }
        for i in graph.nodes.indices {
            graph.nodes[i].layers = graph.nodes[i].layers.map(reference)
        }
        var exported = Set(graph.outputNames)
        for node in graph.nodes {
            if case .input = node.op { continue }
            guard let last = node.layers.last, exported.insert(last).inserted else { continue }
            graph.addOutput(node.id, name: last)
        }
        for (dropout, source) in dropouts {
            guard let k = graph.outputNames.firstIndex(of: reference(source)), exported.insert(reference(dropout)).inserted else {
                continue
            }
            graph.addOutput(graph.outputs[k], name: reference(dropout))
        }
        return graph
    }
}
