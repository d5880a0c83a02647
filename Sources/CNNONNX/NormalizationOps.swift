import CNNIR

/// BatchNormalization (inference), LRN and Dropout.
enum NormalizationOps {
    static func batchNormalization(_ im: inout Importer, _ ctx: NodeContext) throws {
        let x = try im.tensor(ctx, 0, what: "the input X")
        if let training = try ctx.int("training_mode"), training != 0 {
            throw ctx.error("unsupported training_mode \(training) (only inference, 0)")
        }
        if let spatial = try ctx.int("spatial"), spatial != 1 { throw ctx.error("unsupported spatial \(spatial) (only 1)") }
        try im.requireUnusedOutputs(ctx, from: 1)
        let epsilon = try ctx.float("epsilon", default: 1e-5)
        guard epsilon > 0 else { throw ctx.error("expected epsilon > 0, got \(epsilon)") }
        let parts: [(Int, String, ParameterRole.BatchNormPart, String)] = [
            (1, "scale", .scale, "weight"), (2, "B", .bias, "bias"), (3, "input_mean", .mean, "running_mean"), (4, "input_var", .variance, "running_var"),
        ]
        let channels = im.shape(x)[0]
        var params: [String: WeightTensor] = [:]
        for (k, what, part, name) in parts {
            let c = try im.floats(ctx, k, what: what, role: .batchNorm(part))
            guard c.count == channels else { throw ctx.error("expected \(what) of shape [\(channels)], got \(ShapeInference.format(c.shape))") }
            params[name] = WeightTensor(shape: [channels], values: c.floats!)
        }
        try im.emit(ctx, .batchNorm(epsilon: epsilon, epilogue: []), inputs: [x], params: params)
    }

    static func lrn(_ im: inout Importer, _ ctx: NodeContext) throws {
        let x = try im.tensor(ctx, 0, what: "the input X")
        guard let size = try ctx.int("size") else { throw ctx.error("expected attribute 'size', got none") }
        guard size >= 1 else { throw ctx.error("expected size of at least 1, got \(size)") }
        let a = LRNAttributes(size: size, alpha: try ctx.float("alpha", default: 1e-4), beta: try ctx.float("beta", default: 0.75), k: try ctx.float("bias", default: 1.0))
        try im.emit(ctx, .lrn(a), inputs: [x])
    }

    /// Dropout is the identity at inference; its ratio is kept on the node for readability.
    static func dropout(_ im: inout Importer, _ ctx: NodeContext) throws {
        let x = try im.tensor(ctx, 0, what: "the data")
        try im.requireUnusedOutputs(ctx, from: 1)
        var rate = try ctx.float("ratio", default: 0.5)
        if let r = try im.constant(ctx, 1, what: "the ratio") {
            guard r.count == 1, let v = r.floats?.first else { throw ctx.error("expected a scalar ratio, got \(r.summary)") }
            rate = v
        }
        if let t = try im.constant(ctx, 2, what: "training_mode") {
            guard t.count == 1, let v = t.floats?.first else { throw ctx.error("expected a scalar training_mode, got \(t.summary)") }
            guard v == 0 else { throw ctx.error("unsupported training_mode true (only inference)") }
        }
        guard rate >= 0 && rate < 1 else { throw ctx.error("expected a ratio in [0, 1), got \(rate)") }
        try im.emit(ctx, .dropout(rate: rate), inputs: [x])
    }
}
