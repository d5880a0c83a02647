import CNNIR

/// Moves a transpose of the channels to the last axis (`[C, S...]` to `[S..., C]`) past the
/// per-position steps that read it, when a transpose back (`[S..., C]` to `[C, S...]`) ends
/// their chain, so that the two meet and `CancelInverseTransposes` removes both: ConvNeXt's block
/// (permute, layer norm, linear, GELU, linear, permute back) then runs channels-first, its linear
/// layers as 1x1 convs, and its layer scale and residual add fold and fuse into the second one.
///
/// The steps, each read only by the next: a layer norm over the last axis (it becomes one over
/// axis 0, `layer(first: 0, last: 0)`: the same C values of each position, with the same
/// parameters), a linear layer on the last axis with at most activations fused (it becomes a 1x1
/// conv with weight `[U, K, 1...]`, the same values: output channel u at a position is
/// `sum_k w[u, k] x[k] + b[u]` in both), and activations. Each application moves the transpose one
/// step down the chain; nothing fires unless the chain ends in the inverse transpose, so a
/// channels-last tensor that stays channels-last (a model output, or a transpose read by a
/// reshape) is never made larger to transpose.
public struct SinkChannelsLastTranspose: RewriteRule {
    public init() {}
    public var name: String { "sink-channels-last-transpose" }

    public func rewrite(_ node: Node, in graph: RewriteGraph) -> Rewrite? {
        guard node.inputs.count == 1 else { return nil }
        let transpose = graph.node(node.inputs[0])
        guard case .movement(.transpose(let perm)) = transpose.op, graph.hasSingleReader(transpose.id) else { return nil }
        let rank = transpose.shape.count
        guard rank >= 2, perm == Array(1..<rank) + [0], let hoistedOp = Self.channelsFirst(node.op, rank: rank) else { return nil }
        guard Self.chainEndsInInverse(from: node, rank: rank, in: graph) else { return nil }
        // The step now reads the channels-first tensor; the transpose reads the step.
        var hoisted = node
        hoisted.op = hoistedOp
        hoisted.inputs = transpose.inputs
        hoisted.shape = [node.shape[rank - 1]] + node.shape.dropLast()
        if case .dense = node.op, let weight = node.params["weight"] {
            hoisted.params["weight"] = WeightTensor(shape: weight.shape + Array(repeating: 1, count: rank - 1), storage: weight.storage)
        }
        var moved = transpose
        moved.inputs = [node.id]
        moved.shape = node.shape
        return .exchange(first: moved, second: hoisted)
    }

    /// The op computing `op` (on a channels-last tensor of `rank` axes) on the channels-first
    /// tensor, or nil when `op` is not a step the transpose moves past.
    static func channelsFirst(_ op: Op, rank: Int) -> Op? {
        switch op {
        case .normalization(let a):
            guard case .layer(first: rank - 1, last: rank - 1) = a.kind else { return nil }
            return .normalization(NormAttributes(kind: .layer(first: 0, last: 0), epsilon: a.epsilon))
        case .dense(let a):
            // A 1x1 conv exists for 1 to 3 spatial axes.
            guard a.lastAxis, rank <= 4, a.epilogue.allSatisfy({ if case .activation = $0 { true } else { false } }) else { return nil }
            let ones = Array(repeating: 1, count: rank - 1)
            return .conv(
                ConvAttributes(
                    filters: a.units, kernel: ones, stride: ones, dilation: ones, padding: .zero(rank: rank - 1), groups: 1,
                    hasBias: a.hasBias, epilogue: a.epilogue))
        case .activation:
            return op
        default:
            return nil
        }
    }

    /// Whether the single-reader chain of steps from `node` ends in the transpose back to `[C, S...]`.
    static func chainEndsInInverse(from node: Node, rank: Int, in graph: RewriteGraph) -> Bool {
        var current = node
        while let next = graph.soleReader(of: current.id).map(graph.node) {
            if case .movement(.transpose(let perm)) = next.op { return perm == [rank - 1] + Array(0..<(rank - 1)) }
            guard next.inputs.count == 1, next.shape.count == rank, channelsFirst(next.op, rank: rank) != nil else { return false }
            current = next
        }
        return false
    }
}

/// Removes a transpose that undoes the transpose it reads: its readers read the first one's
/// input (which the first transpose, when nothing else reads it, leaves dead).
public struct CancelInverseTransposes: RewriteRule {
    public init() {}
    public var name: String { "cancel-inverse-transposes" }

    public func rewrite(_ node: Node, in graph: RewriteGraph) -> Rewrite? {
        guard case .movement(.transpose(let second)) = node.op else { return nil }
        let first = graph.node(node.inputs[0])
        guard case .movement(.transpose(let perm)) = first.op, perm.count == second.count else { return nil }
        // Output axis i of the pair is input axis perm[second[i]].
        guard second.indices.allSatisfy({ perm[second[$0]] == $0 }) else { return nil }
        return .bypass(node.id, with: first.inputs[0])
    }
}
