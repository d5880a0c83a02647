import CNNIR

/// Add (tensors, biases and folded constants), Identity, and Sub/Mul/Div on constants.
enum ArithmeticOps {
    /// Add of two tensors of the same shape, of a tensor and a constant (a bias per channel or
    /// per position), or of two constants (folded).
    static func add(_ im: inout Importer, _ ctx: NodeContext) throws {
        let a = try im.value(ctx, 0), b = try im.value(ctx, 1)
        switch (a, b) {
        case (.constant(let x)?, .constant(let y)?):
            im.define(ctx, 0, .constant(try Folding.binary(ctx, x, y, "+")))
        case (.tensor(let x)?, .tensor(let y)?):
            guard im.shape(x) == im.shape(y) else {
                throw ctx.error("unsupported broadcast of [N, \(im.shape(x).map(String.init).joined(separator: ", "))] and [N, \(im.shape(y).map(String.init).joined(separator: ", "))] (only equal shapes, or a constant bias)")
            }
            try im.emit(ctx, .add(epilogue: []), inputs: [x, y])
        case (.tensor(let x)?, .constant?), (.constant?, .tensor(let x)?):
            let k = a.map { if case .tensor = $0 { return 1 } else { return 0 } } ?? 1
            let c = try im.floats(ctx, k, what: "the constant", role: .bias)
            try addBias(&im, ctx, tensor: x, tensorName: ctx.proto.input[1 - k], c)
        default:
            throw ctx.error("expected two inputs, got \(ctx.proto.input.count)")
        }
    }

    static func addBias(_ im: inout Importer, _ ctx: NodeContext, tensor x: NodeID, tensorName: String, _ c: ConstTensor) throws {
        let shape = im.shape(x)
        let kind = try Broadcast.classify(ctx, c, perSample: shape, what: "constant")
        // MatMul then Add of a vector: one dense layer with a bias.
        if im.biasless.contains(x), im.readers[tensorName, default: 0] == 1, shape.count == 1, case .dense(var attributes) = im.nodes[x].op {
            let vector: [Float]
            switch kind {
            case .scalar(let v): vector = Array(repeating: v, count: shape[0])
            case .channel(let v), .position(let v): vector = v
            }
            attributes.hasBias = true
            im.nodes[x].op = .dense(attributes)
            im.nodes[x].params["bias"] = WeightTensor(shape: [shape[0]], values: vector)
            im.biasless.remove(x)
            im.define(ctx, 0, .tensor(x))
            return
        }
        let op: Op
        let values: [Float]
        switch kind {
        case .scalar(let v): (op, values) = (.bias(.channel), Array(repeating: v, count: shape[0]))
        case .channel(let v): (op, values) = (.bias(.channel), v)
        case .position(let v): (op, values) = (.bias(.position), v)
        }
        let paramShape = op == .bias(.channel) ? [shape[0]] : shape
        try im.emit(ctx, op, inputs: [x], params: ["bias": WeightTensor(shape: paramShape, values: values)])
    }

    static func identity(_ im: inout Importer, _ ctx: NodeContext) throws {
        // An initializer not decoded yet stays undecoded until a consumer says what it is.
        if let input = ctx.proto.input.first, im.values[input] == nil, im.decoded[input] == nil,
           let target = im.initializers[input] != nil ? input : im.aliases[input], let output = ctx.proto.output.first {
            im.aliases[output] = target
            return
        }
        guard let v = try im.value(ctx, 0) else { throw ctx.error("expected an input, got none") }
        im.define(ctx, 0, v)
    }

    static func constantsOnly(_ im: inout Importer, _ ctx: NodeContext, _ symbol: String) throws {
        let a = try im.value(ctx, 0), b = try im.value(ctx, 1)
        guard case .constant(let x)? = a, case .constant(let y)? = b else {
            throw ctx.error("unsupported \(ctx.opType) of a tensor computed at run time (\(ctx.opType) is only folded on constants)")
        }
        im.define(ctx, 0, .constant(try Folding.binary(ctx, x, y, symbol)))
    }

    static func sub(_ im: inout Importer, _ ctx: NodeContext) throws { try constantsOnly(&im, ctx, "-") }
    static func mul(_ im: inout Importer, _ ctx: NodeContext) throws { try constantsOnly(&im, ctx, "*") }
    static func div(_ im: inout Importer, _ ctx: NodeContext) throws { try constantsOnly(&im, ctx, "/") }
}
