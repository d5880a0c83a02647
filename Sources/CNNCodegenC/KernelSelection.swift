import CNNIR

/// Which kernel implements a node, decided once and shared by memory planning
/// (which must reserve the kernel's scratch) and code generation.
public enum KernelSelection {
    /// The tiling of a conv node, or nil when it uses the direct kernel.
    public static func convTiling(_ node: Node, in graph: Graph, target: VectorTarget) -> ConvTiling? {
        guard case .conv(let a) = node.op else { return nil }
        let producer = graph.node(node.inputs[0])
        let callerBuffer: Bool
        if case .input = producer.op { callerBuffer = true } else { callerBuffer = graph.outputs.contains(producer.id) }
        return ConvTiling.plan(a, input: producer.shape, target: target, inputIsCallerBuffer: callerBuffer)
    }

    /// Scratch floats per sample the node's kernel needs while it runs.
    public static func scratchFloats(_ node: Node, in graph: Graph, target: VectorTarget) -> Int {
        convTiling(node, in: graph, target: target)?.scratchFloats ?? 0
    }
}
