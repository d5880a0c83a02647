import CNNIR

/// Pointwise activations and Softmax.
enum ActivationOps {
    /// An activation of a computed tensor, or of a constant: folded at import (`Folding.activation`).
    static func activation(_ im: inout Importer, _ ctx: NodeContext, _ a: Activation) throws {
        if case .constant(let c)? = try im.value(ctx, 0) {
            return im.define(ctx, 0, .constant(try Folding.activation(ctx, c, a)))
        }
        let x = try im.tensor(ctx, 0, what: "the input X")
        try im.emit(ctx, .activation(a), inputs: [x])
    }

    /// An activation whose facts name an ONNX op: its parameters are attributes, with the ONNX defaults.
    static func table(_ kind: ActivationKind) -> OpTable.Handler {
        return { im, ctx in
            var values: [Float] = []
            for p in kind.facts.parameters {
                let name = p.onnxName ?? p.name
                switch p.kind {
                case .number:
                    guard let value = try ctx.float(name) ?? p.onnxDefault ?? p.defaultValue else {
                        throw ctx.error("expected the attribute \(name), got none")
                    }
                    values.append(value)
                case .choice(let names):
                    let chosen = try ctx.string(name) ?? names[Int(p.onnxDefault ?? p.defaultValue ?? 0)]
                    guard let i = names.firstIndex(of: chosen) else {
                        throw ctx.error(
                            "unsupported \(name) '\(Diagnostic.quoted(chosen))' (expected \(names.map { "'\($0)'" }.joined(separator: " or ")))"
                        )
                    }
                    values.append(Float(i))
                }
            }
            if let (_, message) = kind.facts.validate(values) { throw ctx.error("unsupported attributes: \(message)") }
            try activation(&im, ctx, Activation(kind, values))
        }
    }

    /// Clip: min and max are attributes before opset 11 and optional scalar inputs from 11; a missing bound is infinite.
    static func clip(_ im: inout Importer, _ ctx: NodeContext) throws {
        var lo = -Float.infinity
        var hi = Float.infinity
        if im.opset < 11 {
            lo = try ctx.float("min") ?? lo
            hi = try ctx.float("max") ?? hi
        } else {
            if ctx.attribute("min") != nil || ctx.attribute("max") != nil {
                throw ctx.error("unsupported attributes min/max in opset \(im.opset) (from opset 11 they are inputs)")
            }
            for (k, what) in [(1, "min"), (2, "max")] {
                guard let c = try im.constant(ctx, k, what: "the \(what) bound") else { continue }
                guard c.count == 1, let v = c.floats?.first else { throw ctx.error("expected a scalar \(what), got \(c.summary)") }
                if k == 1 { lo = v } else { hi = v }
            }
        }
        // min > max: ONNX Runtime (max(x, min) then min(.., max)) and the onnx reference (numpy.clip)
        // both give max everywhere (a NaN input stays NaN): the same as clipping to [max, max].
        if lo > hi { lo = hi }
        try activation(&im, ctx, .clip(min: lo, max: hi))
    }

    /// Softmax. From opset 13 over one axis. Before 13, over the input coerced to 2-D at `axis`
    /// (all dimensions from `axis` on flattened): accepted when that is the same as a softmax
    /// over a single axis, i.e. when at most one of the flattened dimensions is not 1.
    static func softmax(_ im: inout Importer, _ ctx: NodeContext) throws { try softmax(&im, ctx, log: false) }

    /// Softmax, or with `log` LogSoftmax (the same axis rules).
    static func softmax(_ im: inout Importer, _ ctx: NodeContext, log: Bool) throws {
        let x = try im.tensor(ctx, 0, what: "the input")
        let shape = im.shape(x)
        let lead = im.lead
        let rank = shape.count + lead
        let axis = try ctx.axis(try ctx.int("axis", default: im.opset < 13 ? 1 : -1), rank: rank)
        guard axis >= lead else {
            throw im.axisZeroError(ctx, "unsupported axis 0 (a \(log ? "log-softmax" : "softmax") across the batch)")
        }
        var perSample = axis - lead
        if im.opset < 13 {
            let trailing = Array(shape[perSample...])
            let big = trailing.indices.filter { trailing[$0] != 1 }
            guard big.count <= 1 else {
                throw ctx.error(
                    "unsupported axis \(axis) in opset \(im.opset): the \(log ? "log-softmax" : "softmax") runs over the flattened dimensions \(ShapeInference.format(trailing)) (only one of them may be larger than 1; export with opset 13 or later, or flatten first)"
                )
            }
            perSample += big.first ?? 0
        }
        try im.emit(ctx, .softmax(axis: perSample, log: log), inputs: [x])
    }

    static func prelu(_ im: inout Importer, _ ctx: NodeContext) throws {
        let x = try im.tensor(ctx, 0, what: "the input X")
        let slope = try im.floats(ctx, 1, what: "the slope", role: .preluSlope)
        // Finite in every form (a slope per position becomes elementwise constants, which are not checked).
        try Importer.checkFinite(ctx, .prelu, ["slope": WeightTensor(shape: slope.shape, values: slope.floats!)])
        let shape = im.shape(x)
        let values: [Float]
        // A slope that differs along axis 0 of a batched import: axis 0 is data (the whole-tensor import takes it).
        let aligned = Broadcasting.padded(slope.shape, to: shape.count + im.lead)
        if im.lead == 1, aligned.count == shape.count + 1, aligned[0] != 1 {
            throw im.axisZeroError(
                ctx, "unsupported slope of shape \(ShapeInference.format(slope.shape)): it differs along axis 0, the batch")
        }
        var kind = try Broadcast.classify(ctx, slope, perSample: shape, what: "slope")
        // A rank-0 tensor has no channel axis for `prelu`: its one slope takes the per-position form.
        if shape.isEmpty, case .scalar(let v) = kind { kind = .position([v]) }
        switch kind {
        case .scalar(let v): values = [v]
        case .channel(let v): values = v
        case .position(let v):
            // A slope per position (NumPy broadcasting): max(x, 0) + slope * min(x, 0).
            let ones = shape.map { _ in 1 }
            func bound(_ op: BinaryOperator, _ part: String) throws -> NodeID {
                try im.emit(
                    ctx, .binary(BinaryAttributes(op: op, constant: ConstantOperand(shape: ones, isFirst: false))), inputs: [x],
                    params: ["constant": WeightTensor(shape: ones, values: [0])], part: part)
            }
            let positive = try bound(.max, "positive")
            let negative = try bound(.min, "negative")
            let scaled = try im.emit(
                ctx, .binary(BinaryAttributes(op: .mul, constant: ConstantOperand(shape: shape, isFirst: false))), inputs: [negative],
                params: ["constant": WeightTensor(shape: shape, values: v)], part: "scaled")
            try im.emit(ctx, .binary(BinaryAttributes(op: .add)), inputs: [positive, scaled])
            return
        }
        try im.emit(ctx, .prelu, inputs: [x], params: ["slope": WeightTensor(shape: [values.count], values: values)])
    }
}

/// How a constant broadcasts against the activations [N, C, spatial...].
enum Broadcast {
    case scalar(Float)
    /// One value per channel.
    case channel([Float])
    /// One value per element of a sample, expanded to the full per-sample shape.
    case position([Float])

    static func classify(_ ctx: NodeContext, _ c: ConstTensor, perSample: [Int], what: String) throws -> Broadcast {
        guard let values = c.floats else { throw ctx.error("expected a float \(what), got \(c.summary)") }
        let full = [1] + perSample
        var shape = c.shape
        while shape.count > full.count, shape.first == 1 { shape.removeFirst() }
        let padded = Array(repeating: 1, count: max(full.count - shape.count, 0)) + shape
        guard padded.count == full.count, padded[0] == 1, zip(padded, full).dropFirst().allSatisfy({ $0 == 1 || $0 == $1 }) else {
            throw ctx.error(
                "unsupported \(what) of shape \(ShapeInference.format(c.shape)): it does not broadcast to one sample [1, \(perSample.map(String.init).joined(separator: ", "))]"
            )
        }
        if padded.allSatisfy({ $0 == 1 }) { return .scalar(values[0]) }
        if padded.indices.allSatisfy({ $0 == 1 || padded[$0] == 1 }) { return .channel(values) }
        let indices = broadcastIndices(from: Array(padded.dropFirst()), to: perSample)
        return .position(indices.map { values[$0] })
    }
}
