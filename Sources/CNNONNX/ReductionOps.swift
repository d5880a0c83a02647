import CNNIR

/// The Reduce* ops, LogSoftmax, and LayerNormalization, InstanceNormalization, GroupNormalization.
enum ReductionOps {
    /// The handlers of every Reduce* op, by ONNX name.
    static let handlers: [String: OpTable.Handler] = Dictionary(
        uniqueKeysWithValues: ReduceKind.allCases.map { kind in
            (kind.onnx, handler(kind))
        })

    static func handler(_ kind: ReduceKind) -> OpTable.Handler {
        return { im, ctx in try reduce(&im, ctx, kind) }
    }

    static let attributes: [String: Set<String>] = Dictionary(
        uniqueKeysWithValues: ReduceKind.allCases.map { ($0.onnx, ["axes", "keepdims", "noop_with_empty_axes"]) })

    /// A reduction over any non-batch axes. Axes are an attribute before `kind.axesInputSince`
    /// and input 1 from it; without axes, every axis (the batch too, so refused) unless
    /// noop_with_empty_axes=1 (then the identity). ReduceMean / ReduceMax over exactly the
    /// spatial axes stay the global pools (the fast path of squeeze-and-excitation blocks).
    static func reduce(_ im: inout Importer, _ ctx: NodeContext, _ kind: ReduceKind) throws {
        let x = try im.tensor(ctx, 0, what: "the data")
        let shape = im.shape(x)
        let lead = im.lead
        let rank = shape.count + lead
        var axes = try ctx.ints("axes")
        if axes != nil && im.opset >= kind.axesInputSince {
            throw ctx.error("unsupported attribute axes in opset \(im.opset) (from opset \(kind.axesInputSince) the axes are input 1)")
        }
        if axes == nil, let c = try im.constant(ctx, 1, what: "the axes") {
            guard let v = c.knownInts, c.shape.count <= 1 else {
                throw ctx.error("expected the axes as a 1-D integer constant, got \(c.summary)")
            }
            axes = v
        }
        let keep = try ctx.int("keepdims", default: 1)
        guard keep == 0 || keep == 1 else { throw ctx.error("expected keepdims 0 or 1, got \(keep)") }
        if axes?.isEmpty ?? true {
            let noop = try ctx.int("noop_with_empty_axes", default: 0)
            if noop == 1 {
                im.define(ctx, 0, .tensor(x))
                return
            }
            if im.wholeTensor { axes = Array(0..<rank) }
        }
        if axes?.isEmpty ?? true {
            throw im.axisZeroError(
                ctx, "unsupported reduction over every axis, the batch axis 0 included (no axes given; give the non-batch axes 1..<\(rank))"
            )
        }
        let list = try axes!.map { try ctx.axis($0, rank: rank, what: "axes") }
        guard Set(list).count == list.count else { throw ctx.error("expected distinct axes, got \(axes!)") }
        guard lead == 0 || !list.contains(0) else {
            throw im.axisZeroError(ctx, "unsupported reduction over the batch axis 0 (axes \(axes!)); only axes 1..<\(rank) of each sample")
        }
        let perSample = list.map { $0 - lead }.sorted()
        // Fast path: a global pool over every spatial axis.
        if kind == .mean || kind == .max, shape.count >= 2, perSample == Array(1..<shape.count) {
            let pool: PoolKind = kind == .max ? .max : .average
            if keep == 1 {
                try im.emit(ctx, .globalPool(pool), inputs: [x])
            } else {
                let pooled = try im.emit(ctx, .globalPool(pool), inputs: [x], part: "pool")
                try im.emit(ctx, .flatten, inputs: [pooled])
            }
            return
        }
        try im.emit(ctx, .reduce(ReduceAttributes(kind: kind, axes: perSample, keepDims: keep == 1)), inputs: [x])
    }

    static func logSoftmax(_ im: inout Importer, _ ctx: NodeContext) throws { try ActivationOps.softmax(&im, ctx, log: true) }

    /// LayerNormalization (opset 17): over the axes from `axis` to the last, with Scale and an
    /// optional B broadcast to those axes. Outputs Mean and InvStdDev must be unused.
    static func layerNormalization(_ im: inout Importer, _ ctx: NodeContext) throws {
        let x = try im.tensor(ctx, 0, what: "the input X")
        try im.requireUnusedOutputs(ctx, from: 3)
        let shape = im.shape(x)
        let lead = im.lead
        let rank = shape.count + lead
        let axis = try ctx.axis(try ctx.int("axis", default: -1), rank: rank)
        guard axis >= lead else { throw im.axisZeroError(ctx, "unsupported axis 0 (a layer norm across the batch); only axes 1..<\(rank)") }
        let stash = try ctx.int("stash_type", default: 1)
        guard stash == 1 else { throw ctx.error("unsupported stash_type \(stash) (only 1: statistics in float)") }
        let epsilon = try ctx.float("epsilon", default: 1e-5)
        let normalized = Array(shape[(axis - lead)...])
        let scale = try expand(ctx, try im.floats(ctx, 1, what: "Scale", role: .normScale), to: normalized, what: "Scale")
        let bias =
            try im.constant(ctx, 2, what: "B").map { try expand(ctx, $0, to: normalized, what: "B") }
            ?? Array(repeating: 0, count: scale.count)
        try im.emit(
            ctx, .normalization(NormAttributes(kind: .layer(first: axis - lead, last: shape.count - 1), epsilon: epsilon)), inputs: [x],
            params: ["weight": WeightTensor(shape: normalized, values: scale), "bias": WeightTensor(shape: normalized, values: bias)])
        try layerNormStatistics(&im, ctx, x, axes: Array((axis - lead)..<shape.count), epsilon: epsilon)
    }

    /// LayerNormalization's outputs Mean and InvStdDev, when used: computed beside Y (which stays one
    /// normalization node) as the spec writes them: mean(X), 1 / sqrt(mean((X - mean)^2) + epsilon),
    /// over the normalized axes, kept as size 1.
    static func layerNormStatistics(_ im: inout Importer, _ ctx: NodeContext, _ x: NodeID, axes: [Int], epsilon: Float) throws {
        func used(_ k: Int) -> Bool {
            k < ctx.proto.output.count && !ctx.proto.output[k].isEmpty && im.readers[ctx.proto.output[k], default: 0] > 0
        }
        guard used(1) || used(2) else { return }
        func define(_ k: Int, _ id: NodeID) {
            im.define(ctx, k, .tensor(id))
            im.tensorNames[im.nodes[id].name] = ctx.proto.output[k]
        }
        let mean = try im.emit(ctx, .reduce(ReduceAttributes(kind: .mean, axes: axes, keepDims: true)), inputs: [x], part: "mean")
        if used(1) { define(1, mean) }
        guard used(2) else { return }
        let centered = try im.emit(ctx, .binary(BinaryAttributes(op: .sub)), inputs: [x, mean], part: "centered")
        let squared = try im.emit(ctx, .binary(BinaryAttributes(op: .mul)), inputs: [centered, centered], part: "squared")
        let variance = try im.emit(
            ctx, .reduce(ReduceAttributes(kind: .mean, axes: axes, keepDims: true)), inputs: [squared], part: "variance")
        let ones = [Int](repeating: 1, count: im.shape(variance).count)
        let shifted = try im.emit(
            ctx, .binary(BinaryAttributes(op: .add, constant: ConstantOperand(shape: ones, isFirst: false))), inputs: [variance],
            params: ["constant": WeightTensor(shape: ones, values: [epsilon])], part: "shifted")
        let std = try im.emit(ctx, .activation(Activation(.sqrt, [])), inputs: [shifted], part: "std")
        define(2, try im.emit(ctx, .activation(Activation(.reciprocal, [])), inputs: [std], part: "inv_std_dev"))
    }

    /// InstanceNormalization: each channel of each sample over its spatial positions; scale and B per channel.
    static func instanceNormalization(_ im: inout Importer, _ ctx: NodeContext) throws {
        let x = try im.tensor(ctx, 0, what: "the input")
        let shape = im.shape(x)
        guard shape.count >= 2 else {
            throw ctx.error(
                "expected an input [N, C, D1, ...] with at least one spatial dimension, got [N, \(shape.map(String.init).joined(separator: ", "))]"
            )
        }
        let epsilon = try ctx.float("epsilon", default: 1e-5)
        let c = shape[0]
        let scale = try expand(ctx, try im.floats(ctx, 1, what: "scale", role: .normScale), to: [c], what: "scale", exact: true)
        let bias = try expand(ctx, try im.floats(ctx, 2, what: "B"), to: [c], what: "B", exact: true)
        try im.emit(
            ctx, .normalization(NormAttributes(kind: .instance, epsilon: epsilon)), inputs: [x],
            params: ["weight": WeightTensor(shape: [c], values: scale), "bias": WeightTensor(shape: [c], values: bias)])
    }

    /// GroupNormalization: opset 18 to 20 take scale and bias per group ([num_groups], applied
    /// to each of the group's channels), opset 21 per channel ([C]), as the spec changed.
    static func groupNormalization(_ im: inout Importer, _ ctx: NodeContext) throws {
        let x = try im.tensor(ctx, 0, what: "X")
        let shape = im.shape(x)
        let epsilon = try ctx.float("epsilon", default: 1e-5)
        guard let groups = try ctx.int("num_groups") else { throw ctx.error("expected the attribute num_groups, got none") }
        let stash = try ctx.int("stash_type", default: 1)
        guard stash == 1 else { throw ctx.error("unsupported stash_type \(stash) (only 1: statistics in float)") }
        let c = shape[0]
        guard groups >= 1, c % groups == 0 else { throw ctx.error("expected num_groups dividing the \(c) channels, got \(groups)") }
        let perGroup = im.opset < 21
        let length = perGroup ? groups : c
        let what = perGroup ? "[num_groups] = [\(groups)] in opset \(im.opset) (per channel [C] from opset 21)" : "[C] = [\(c)]"
        var params: [String: WeightTensor] = [:]
        for (k, name, role) in [(1, "scale", "weight"), (2, "bias", "bias")] {
            let t = try im.floats(ctx, k, what: name, role: k == 1 ? .normScale : .bias)
            guard t.shape == [length] else { throw ctx.error("expected \(name) of shape \(what), got \(ShapeInference.format(t.shape))") }
            let v = t.floats!
            params[role] = WeightTensor(shape: [c], values: perGroup ? (0..<c).map { v[$0 / (c / groups)] } : v)
        }
        try im.emit(ctx, .normalization(NormAttributes(kind: .group(groups), epsilon: epsilon)), inputs: [x], params: params)
    }

    /// A float constant broadcast to `target` (ONNX's unidirectional broadcasting), or with
    /// `exact`, of exactly that shape.
    static func expand(_ ctx: NodeContext, _ c: ConstTensor, to target: [Int], what: String, exact: Bool = false) throws -> [Float] {
        guard let values = c.floats else { throw ctx.error("expected a float \(what), got \(c.summary)") }
        var shape = c.shape
        while shape.count > target.count, shape.first == 1 { shape.removeFirst() }
        let padded = Array(repeating: 1, count: max(target.count - shape.count, 0)) + shape
        guard exact ? shape == target : padded.count == target.count && zip(padded, target).allSatisfy({ $0 == 1 || $0 == $1 }) else {
            throw ctx.error(
                "expected \(what) of shape \(ShapeInference.format(target))\(exact ? "" : " (or one that broadcasts to it)"), got \(ShapeInference.format(c.shape))"
            )
        }
        return broadcastIndices(from: padded, to: target).map { values[$0] }
    }
}
