import CNNIR

/// Less, LessOrEqual, Greater, GreaterOrEqual, Equal, And, Or, Xor, Not, Where, and Swish.
///
/// The IR's tensors are float32, so ONNX's booleans are masks: a comparison emits the broadcasting
/// `binary` op of that name, whose result is 1 where the comparison holds and 0 elsewhere (false
/// when either side is NaN, as in NumPy and ONNX Runtime); `Cast` of a mask to float is the
/// identity. On constants every one of them folds (`Folding.binary`), giving a 0/1 integer mask.
/// Where is the ternary `where` op (`condition != 0 ? x : y`), its condition a mask.
enum ComparisonOps {
    static let handlers: [String: OpTable.Handler] = [
        "Less": { try compare(&$0, $1, .less) },
        "LessOrEqual": { try compare(&$0, $1, .lessOrEqual) },
        "Greater": { try compare(&$0, $1, .greater) },
        "GreaterOrEqual": { try compare(&$0, $1, .greaterOrEqual) },
        "Equal": { try compare(&$0, $1, .equal) },
        "And": { try compare(&$0, $1, .and) },
        "Or": { try compare(&$0, $1, .or) },
        "Xor": { try compare(&$0, $1, .xor) },
        "Not": not,
        "Where": whereOp,
        "Swish": swish,
    ]

    static let attributes: [String: Set<String>] = ["Swish": ["alpha"]]

    /// A comparison or logical op of two inputs; the logical ops' operands must be masks.
    static func compare(_ im: inout Importer, _ ctx: NodeContext, _ op: BinaryOperator) throws {
        guard ctx.proto.input.count == 2 else { throw ctx.error("expected 2 inputs, got \(ctx.proto.input.count)") }
        if op.isLogical {
            for k in 0..<2 { try requireMask(&im, ctx, k, what: "input \(k)") }
        }
        try ArithmeticOps.binary(&im, ctx, op)
    }

    /// Whether input `k` holds booleans: a comparison's or logical op's result, or a constant of
    /// 0s and 1s (ONNX bool initializers decode as integers); else a clear error.
    static func requireMask(_ im: inout Importer, _ ctx: NodeContext, _ k: Int, what: String) throws {
        switch try im.value(ctx, k) {
        case .tensor(let id)?:
            guard case .binary(let a) = im.nodes[id].op, a.op.isMask, a.epilogue.isEmpty else {
                throw ctx.error(
                    "expected \(what) to be a boolean (the result of a comparison, And, Or, Xor or Not), got the float tensor '\(Diagnostic.quoted(ctx.proto.input[k]))'"
                )
            }
        case .constant(let c)?:
            guard !c.isFloat, let v = c.ints, v.allSatisfy({ $0 == 0 || $0 == 1 }) else {
                throw ctx.error("expected \(what) to be a boolean constant, got \(c.summary)")
            }
        case nil:
            throw ctx.error("expected \(what), got none")
        }
    }

    /// Not: of a constant folded; of a mask `equal` with the constant 0.
    static func not(_ im: inout Importer, _ ctx: NodeContext) throws {
        try requireMask(&im, ctx, 0, what: "the input X")
        switch try im.value(ctx, 0) {
        case .constant(let c)?:
            im.define(ctx, 0, .constant(ConstTensor(shape: c.shape, ints: c.ints!.map { $0 == 0 ? 1 : 0 })))
        case .tensor(let x)?:
            let shape = [Int](repeating: 1, count: im.shape(x).count)
            try im.emit(
                ctx, .binary(BinaryAttributes(op: .equal, constant: ConstantOperand(shape: shape, isFirst: false))), inputs: [x],
                params: ["constant": WeightTensor(shape: shape, values: [0])])
        case nil:
            throw ctx.error("expected an input, got none")
        }
    }

    /// Swish (opset 24): x * sigmoid(alpha * x). With alpha 1 the `silu` activation; otherwise
    /// `mul` by alpha, `sigmoid`, and `mul` by x. On a constant folded.
    static func swish(_ im: inout Importer, _ ctx: NodeContext) throws {
        let alpha = try ctx.float("alpha") ?? 1
        if case .constant(let c)? = try im.value(ctx, 0) {
            guard let v = c.floats else { throw ctx.error("cannot apply Swish to the batch size, which is unknown until run time") }
            let sigmoid = Formula.call(.sigmoid, [.x])
            return im.define(ctx, 0, .constant(ConstTensor(shape: c.shape, floats: v.map { $0 * sigmoid.evaluate(alpha * $0) })))
        }
        let x = try im.tensor(ctx, 0, what: "the input X")
        if alpha == 1 { return try ActivationOps.activation(&im, ctx, Activation(.silu)) }
        let shape = [Int](repeating: 1, count: im.shape(x).count)
        let scaled = try im.emit(
            ctx, .binary(BinaryAttributes(op: .mul, constant: ConstantOperand(shape: shape, isFirst: false))), inputs: [x],
            params: ["constant": WeightTensor(shape: shape, values: [alpha])], part: "scaled")
        let gate = try im.emit(ctx, .activation(.sigmoid), inputs: [scaled], part: "gate")
        try im.emit(ctx, .binary(BinaryAttributes(op: .mul)), inputs: [x, gate])
    }

    /// Where(condition, x, y) with NumPy broadcasting of the three. On three constants folded;
    /// otherwise the `where` op, whose constant operands become parameters of the output's rank.
    /// The condition must be boolean: a comparison's or logical op's result, or a 0/1 constant.
    static func whereOp(_ im: inout Importer, _ ctx: NodeContext) throws {
        guard ctx.proto.input.count == 3 else { throw ctx.error("expected 3 inputs (condition, X, Y), got \(ctx.proto.input.count)") }
        try requireMask(&im, ctx, 0, what: "the condition (input 0)")
        var values: [Value] = []
        for (k, what) in ["the condition", "X", "Y"].enumerated() {
            guard let v = try im.value(ctx, k) else { throw ctx.error("expected \(what) (input \(k)), got none") }
            values.append(v)
        }
        let constants = values.compactMap { v -> ConstTensor? in if case .constant(let c) = v { return c } else { return nil } }
        if constants.count == 3 {
            return im.define(ctx, 0, .constant(try fold(ctx, constants[0], constants[1], constants[2])))
        }
        // The computed operands, ranks aligned (whole-tensor mode pads the lower ranks with leading 1s).
        var tensors: [(k: Int, id: NodeID)] = values.enumerated().compactMap { k, v in
            if case .tensor(let id) = v { return (k, id) } else { return nil }
        }
        let constantRank = constants.map { $0.shape.count - im.lead }.max() ?? 0
        let rank = max(tensors.map { im.shape($0.id).count }.max()!, im.wholeTensor ? constantRank : 0)
        for (j, t) in tensors.enumerated() where im.shape(t.id).count != rank {
            guard im.wholeTensor else {
                throw im.axisZeroError(
                    ctx,
                    "unsupported broadcast of \(tensors.map { ArithmeticOps.full(im.shape($0.id)) }.joined(separator: ", ")) computed at run time: tensors of different ranks would align the batch of one with another dimension of the other"
                )
            }
            tensors[j].id = try ArithmeticOps.padRank(&im, ctx, t.id, to: rank, part: WhereAttributes.operandNames[t.k])
        }
        var shapes: [[Int]?] = [nil, nil, nil]
        var params: [String: WeightTensor] = [:]
        for (k, v) in values.enumerated() {
            guard case .constant(var c) = v else { continue }
            if !c.isFloat { c = try ArithmeticOps.exactFloats(ctx, c, what: k == 0 ? "condition" : "operand") }
            var shape = c.shape
            while shape.count > rank + im.lead, shape.first == 1 { shape.removeFirst() }
            let padded = Broadcasting.padded(shape, to: rank + im.lead)
            guard padded.count == rank + im.lead, im.lead == 0 || padded[0] == 1 else {
                throw im.axisZeroError(
                    ctx,
                    "unsupported constant \(WhereAttributes.operandNames[k]) of shape \(ShapeInference.format(c.shape)) against tensors of rank \(rank + im.lead): it would broadcast across the batch"
                )
            }
            let perSample = Array(padded.dropFirst(im.lead))
            shapes[k] = perSample
            params[WhereAttributes.operandNames[k]] = WeightTensor(shape: perSample, values: c.floats!)
        }
        try im.emit(ctx, .select(WhereAttributes(constants: shapes)), inputs: tensors.map(\.id), params: params)
    }

    /// Where of three constants: integers stay integers when both branches are integers.
    static func fold(_ ctx: NodeContext, _ c: ConstTensor, _ x: ConstTensor, _ y: ConstTensor) throws -> ConstTensor {
        guard let cx = broadcastShapes(c.shape, x.shape), let shape = broadcastShapes(cx, y.shape) else {
            throw ctx.error(
                "constants of shapes \(ShapeInference.format(c.shape)), \(ShapeInference.format(x.shape)) and \(ShapeInference.format(y.shape)) do not broadcast"
            )
        }
        guard let test = c.ints else { throw ctx.error("expected a boolean condition, got \(c.summary)") }
        let ic = broadcastIndices(from: c.shape, to: shape)
        let ix = broadcastIndices(from: x.shape, to: shape)
        let iy = broadcastIndices(from: y.shape, to: shape)
        if !x.isFloat && !y.isFloat {
            let a = x.ints!
            let b = y.ints!
            return ConstTensor(shape: shape, ints: (0..<ic.count).map { test[ic[$0]] != 0 ? a[ix[$0]] : b[iy[$0]] })
        }
        guard let a = x.floats, let b = y.floats else { throw ctx.error("cannot mix the batch size with floats") }
        return ConstTensor(shape: shape, floats: (0..<ic.count).map { test[ic[$0]] != 0 ? a[ix[$0]] : b[iy[$0]] })
    }
}
