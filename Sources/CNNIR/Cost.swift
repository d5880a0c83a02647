/// Operation counts for `inspect`, benchmarks and the descriptor.
public enum Cost {
    /// Multiply-accumulates of one sample of `node` (0 for ops that are not MAC-shaped).
    public static func macs(_ node: Node, inputShapes: [[Int]]) -> Int {
        switch node.op {
        case .conv(let a):
            let convOut =
                (try? ShapeInference.conv(
                    ConvAttributes(
                        filters: a.filters, kernel: a.kernel, stride: a.stride, dilation: a.dilation, padding: a.padding, groups: a.groups,
                        hasBias: a.hasBias), input: inputShapes[0])) ?? node.shape
            return convOut.reduce(1, *) * (inputShapes[0][0] / a.groups) * a.kernel.reduce(1, *)
        case .convTranspose(let a):
            return inputShapes[0].reduce(1, *) * (a.filters / a.groups) * a.kernel.reduce(1, *)
        case .dense(let a):
            return a.units * inputShapes[0].reduce(1, *)  // rows x K for a linear layer
        case .matmul(let a):
            guard let plan = try? a.plan(inputs: inputShapes) else { return 0 }
            return plan.batch.reduce(1, *) * plan.m * plan.k * plan.p
        case .input, .flatten, .pool, .globalPool, .adaptivePool, .activation, .prelu, .softmax, .batchNorm,
            .lrn, .dropout, .add, .concat, .upsample, .pad, .bias, .binary, .movement, .reduce, .normalization, .resize, .lpPool, .select:
            return 0
        }
    }

    /// Floating-point operations of one sample: 2 per MAC, plus about one per element touched by other ops.
    public static func flops(_ node: Node, inputShapes: [[Int]]) -> Int {
        let macs = macs(node, inputShapes: inputShapes)
        if macs > 0 { return 2 * macs }
        switch node.op {
        case .input, .flatten, .dropout, .concat, .pad, .movement: return 0
        case .pool(let p): return node.elementCount * p.size.reduce(1, *)
        case .resize(let a):
            return node.elementCount * (0..<a.output.count).reduce(1) { $0 * a.taps(axis: $1, input: inputShapes[0][$1]) } * 2
        case .lpPool(let a): return a.window.map { node.elementCount * $0.size.reduce(1, *) * 3 } ?? inputShapes[0].reduce(1, *) * 3
        case .globalPool, .adaptivePool: return inputShapes[0].reduce(1, *)
        case .lrn(let a): return node.elementCount * (a.size + 4)
        case .softmax: return node.elementCount * 4
        case .reduce(let a): return inputShapes[0].reduce(1, *) * a.kind.cost
        case .normalization: return node.elementCount * 6
        case .activation(let a): return node.elementCount * a.kind.facts.cost
        case .binary(let a): return node.elementCount * a.op.cost
        case .select: return node.elementCount
        case .conv, .convTranspose, .dense, .prelu, .batchNorm, .add, .upsample, .bias, .matmul:
            return node.elementCount * max(1, node.inputs.count)
        }
    }

    /// Total flops of one sample of the graph.
    public static func flops(_ graph: Graph) -> Int {
        let shapes = Dictionary(uniqueKeysWithValues: graph.nodes.map { ($0.id, $0.shape) })
        return graph.nodes.reduce(0) { $0 + flops($1, inputShapes: $1.inputs.map { shapes[$0]! }) }
    }

    /// Learned parameters of a node, as published counts give them: batchnorm's running
    /// statistics are buffers, not parameters. (After folding, a conv's bias counts the batchnorm.)
    public static func parameters(_ node: Node) -> Int {
        node.params.filter { !$0.key.hasPrefix("running_") }.values.reduce(0) { $0 + $1.count }
    }
}
