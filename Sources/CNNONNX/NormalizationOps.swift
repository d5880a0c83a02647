import CNNIR

/// BatchNormalization (inference; training mode on whole tensors), LRN and Dropout.
enum NormalizationOps {
    static func batchNormalization(_ im: inout Importer, _ ctx: NodeContext) throws {
        let x = try im.tensor(ctx, 0, what: "the input X")
        let training = try ctx.int("training_mode", default: 0)
        guard training == 0 || training == 1 else { throw ctx.error("expected training_mode 0 or 1, got \(training)") }
        if let spatial = try ctx.int("spatial"), spatial != 1 { throw ctx.error("unsupported spatial \(spatial) (only 1)") }
        let epsilon = try ctx.float("epsilon", default: 1e-5)
        guard epsilon > 0 else { throw ctx.error("expected epsilon > 0, got \(epsilon)") }
        if training == 1 || im.wholeTensor {
            try wholeTensorBatchNorm(&im, ctx, x, epsilon: epsilon, training: training == 1)
            return
        }
        try im.requireUnusedOutputs(ctx, from: 1)
        let parts: [(Int, String, ParameterRole.BatchNormPart, String)] = [
            (1, "scale", .scale, "weight"), (2, "B", .bias, "bias"), (3, "input_mean", .mean, "running_mean"),
            (4, "input_var", .variance, "running_var"),
        ]
        let channels = im.shape(x)[0]
        var params: [String: WeightTensor] = [:]
        for (k, what, part, name) in parts {
            let c = try im.floats(ctx, k, what: what, role: .batchNorm(part))
            guard c.count == channels else {
                throw ctx.error("expected \(what) of shape [\(channels)], got \(ShapeInference.format(c.shape))")
            }
            params[name] = WeightTensor(shape: [channels], values: c.floats!)
        }
        try im.emit(ctx, .batchNorm(epsilon: epsilon, epilogue: []), inputs: [x], params: params)
    }

    /// BatchNormalization on the whole tensor [N, C, ...] as elementwise nodes (the `batchnorm`
    /// layer is per sample). Inference: x * (scale / sqrt(var + epsilon)) + (B - mean * that).
    /// Training mode (training_mode 1): the statistics of this batch, mean and population variance
    /// over N and the spatial axes, (x - mean) / sqrt(var + epsilon) * scale + B, as the onnx
    /// reference; the optional outputs running_mean and running_var are
    /// input_mean * momentum + mean * (1 - momentum) and the same for the variance.
    /// A batched import refuses training mode as an axis-0 problem, so a model with static input
    /// shapes is imported again whole (docs/onnx.md, "Whole-tensor models").
    static func wholeTensorBatchNorm(_ im: inout Importer, _ ctx: NodeContext, _ x: NodeID, epsilon: Float, training: Bool) throws {
        guard im.wholeTensor else {
            throw im.axisZeroError(
                ctx,
                "unsupported training_mode 1 with a free batch: the statistics are taken over the batch (give every input a fixed shape, e.g. with --shape, to compile the whole tensor)"
            )
        }
        let shape = im.shape(x)
        guard shape.count >= 2 else { throw ctx.error("expected an input [N, C, ...], got \(ShapeInference.format(shape))") }
        let channels = shape[1]
        var values: [[Float]] = []
        for (k, what, part) in [
            (1, "scale", ParameterRole.BatchNormPart.scale), (2, "B", .bias), (3, "input_mean", .mean), (4, "input_var", .variance),
        ] {
            let c = try im.floats(ctx, k, what: what, role: .batchNorm(part))
            guard c.count == channels else {
                throw ctx.error("expected \(what) of shape [\(channels)], got \(ShapeInference.format(c.shape))")
            }
            values.append(c.floats!)
        }
        // Learned statistics and affine are finite, as the batched import checks them: a batched
        // import that refuses them must not pass here (`Importer.checkFinite`).
        let named = zip(["weight", "bias", "running_mean", "running_var"], values).map { ($0, WeightTensor(shape: [channels], values: $1)) }
        try Importer.checkFinite(ctx, .batchNorm(epsilon: epsilon, epilogue: []), Dictionary(uniqueKeysWithValues: named))
        let (scale, bias, inputMean, inputVar) = (values[0], values[1], values[2], values[3])
        let perChannel = shape.indices.map { $0 == 1 ? channels : 1 }
        @discardableResult
        func constant(_ op: BinaryOperator, _ input: NodeID, _ v: [Float], _ part: String?) throws -> NodeID {
            let cshape = v.count == 1 ? im.shape(input).map { _ in 1 } : perChannel
            return try im.emit(
                ctx, .binary(BinaryAttributes(op: op, constant: ConstantOperand(shape: cshape, isFirst: false))), inputs: [input],
                params: ["constant": WeightTensor(shape: cshape, values: v)], part: part)
        }
        guard training else {
            try im.requireUnusedOutputs(ctx, from: 1)
            let a = (0..<channels).map { scale[$0] / (inputVar[$0] + epsilon).squareRoot() }
            let scaled = try constant(.mul, x, a, "scaled")
            try constant(.add, scaled, (0..<channels).map { bias[$0] - inputMean[$0] * a[$0] }, nil)
            return
        }
        try im.requireUnusedOutputs(ctx, from: 3)
        let momentum = try ctx.float("momentum", default: 0.9)
        guard momentum.isFinite else { throw ctx.error("expected a finite momentum, got \(momentum)") }
        let axes = [0] + Array(2..<shape.count)
        let mean = try im.emit(ctx, .reduce(ReduceAttributes(kind: .mean, axes: axes, keepDims: true)), inputs: [x], part: "mean")
        let centered = try im.emit(ctx, .binary(BinaryAttributes(op: .sub)), inputs: [x, mean], part: "centered")
        let squared = try im.emit(ctx, .binary(BinaryAttributes(op: .mul)), inputs: [centered, centered], part: "squared")
        let variance = try im.emit(
            ctx, .reduce(ReduceAttributes(kind: .mean, axes: axes, keepDims: true)), inputs: [squared], part: "variance")
        let std = try im.emit(
            ctx, .activation(Activation(.sqrt, [])), inputs: [try constant(.add, variance, [epsilon], "shifted")], part: "std")
        let normalized = try im.emit(ctx, .binary(BinaryAttributes(op: .div)), inputs: [centered, std], part: "normalized")
        try constant(.add, try constant(.mul, normalized, scale, "scaled"), bias, nil)
        func used(_ k: Int) -> Bool {
            k < ctx.proto.output.count && !ctx.proto.output[k].isEmpty && im.readers[ctx.proto.output[k], default: 0] > 0
        }
        for (k, statistic, running, name) in [(1, mean, inputMean, "running_mean"), (2, variance, inputVar, "running_var")] where used(k) {
            let weighted = try constant(.mul, statistic, [1 - momentum], "\(name)_update")
            let blended = try constant(.add, weighted, running.map { $0 * momentum }, "\(name)_blend")
            let id = try im.emit(ctx, .movement(.reshape(shape: [channels])), inputs: [blended], part: name)
            im.define(ctx, k, .tensor(id))
            im.tensorNames[im.nodes[id].name] = ctx.proto.output[k]
        }
    }

    static func lrn(_ im: inout Importer, _ ctx: NodeContext) throws {
        let x = try im.tensor(ctx, 0, what: "the input X")
        guard let size = try ctx.int("size") else { throw ctx.error("expected attribute 'size', got none") }
        guard size >= 1 else { throw ctx.error("expected size of at least 1, got \(size)") }
        let a = LRNAttributes(
            size: size, alpha: try ctx.float("alpha", default: 1e-4), beta: try ctx.float("beta", default: 0.75),
            k: try ctx.float("bias", default: 1.0))
        try im.emit(ctx, .lrn(a), inputs: [x])
    }

    /// Dropout is the identity at inference (and in training mode with ratio 0); its ratio is kept on the node for readability.
    static func dropout(_ im: inout Importer, _ ctx: NodeContext) throws {
        let x = try im.tensor(ctx, 0, what: "the data")
        try im.requireUnusedOutputs(ctx, from: 1)
        var rate = try ctx.float("ratio", default: 0.5)
        if let r = try im.constant(ctx, 1, what: "the ratio") {
            guard r.count == 1, let v = r.floats?.first else { throw ctx.error("expected a scalar ratio, got \(r.summary)") }
            rate = v
        }
        var training = false
        if let t = try im.constant(ctx, 2, what: "training_mode") {
            guard t.count == 1, let v = t.floats?.first else { throw ctx.error("expected a scalar training_mode, got \(t.summary)") }
            training = v != 0
        }
        guard rate >= 0 && rate < 1 else { throw ctx.error("expected a ratio in [0, 1), got \(rate)") }
        // Training mode with ratio 0 drops nothing and scales by 1: the identity, as at inference.
        if training && rate != 0 {
            throw ctx.error(
                "unsupported training_mode true with ratio \(rate) (only inference, or ratio 0): training-mode dropout zeroes randomly chosen elements, and a compiled library computes a deterministic function of its input"
            )
        }
        try im.emit(ctx, .dropout(rate: rate), inputs: [x])
    }
}
