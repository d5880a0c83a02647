import CNNIR

/// Add, Sub, Mul, Div, Pow, Max, Min and Sum (broadcasting, folded on constants), and Identity.
enum ArithmeticOps {
    /// Add: two tensors of equal shape stay the residual `add`; a tensor and a constant that
    /// broadcasts into it stay a `bias`; any other broadcast is the general binary op.
    static func add(_ im: inout Importer, _ ctx: NodeContext) throws {
        let a = try im.value(ctx, 0)
        let b = try im.value(ctx, 1)
        switch (a, b) {
        case (.tensor(let x)?, .tensor(let y)?) where im.shape(x) == im.shape(y):
            try im.emit(ctx, .add(epilogue: []), inputs: [x, y])
        case (.tensor(let x)?, .constant(let c)?), (.constant(let c)?, .tensor(let x)?):
            let k = a.map { if case .tensor = $0 { return 1 } else { return 0 } } ?? 1
            // (A rank-0 tensor has no channel axis for a bias: the general op takes it.)
            if !im.shape(x).isEmpty, fitsInto(c.shape, perSample: im.shape(x), lead: im.lead) {
                let c = try im.floats(ctx, k, what: "the constant", role: .bias)
                try addBias(&im, ctx, tensor: x, tensorName: ctx.proto.input[1 - k], c)
            } else {
                try binary(&im, ctx, .add)
            }
        case (.constant?, .constant?), (.tensor?, .tensor?), (nil, _), (_, nil):
            try binary(&im, ctx, .add)
        }
    }

    /// Whether a constant of `shape` broadcasts to one sample without growing it.
    /// In whole-tensor mode (`lead` 0) the constant must not have more axes than the tensor.
    static func fitsInto(_ shape: [Int], perSample: [Int], lead: Int = 1) -> Bool {
        if lead == 0 && shape.count > perSample.count { return false }
        let full = [1] + perSample
        var shape = shape
        while shape.count > full.count, shape.first == 1 { shape.removeFirst() }
        let padded = Broadcasting.padded(shape, to: full.count)
        return padded.count == full.count && padded[0] == 1 && zip(padded, full).dropFirst().allSatisfy { $0 == 1 || $0 == $1 }
    }

    /// Sub, Mul, Div, Pow, Max, Min (and the broadcasting Add): folded on two constants (+ - * /),
    /// else the broadcasting `binary` op of two computed tensors or of a tensor and a constant.
    static func binary(_ im: inout Importer, _ ctx: NodeContext, _ op: BinaryOperator) throws {
        if ctx.proto.input.count != 2 && (op == .max || op == .min) { return try variadic(&im, ctx, op) }
        guard ctx.proto.input.count == 2 else { throw ctx.error("unsupported \(ctx.opType) of \(ctx.proto.input.count) inputs (only 2)") }
        let a = try im.value(ctx, 0)
        let b = try im.value(ctx, 1)
        switch (a, b) {
        case (.constant(let x)?, .constant(let y)?):
            im.define(ctx, 0, .constant(try Folding.binary(ctx, x, y, op)))
        case (.tensor(var x)?, .tensor(var y)?):
            var sx = im.shape(x)
            var sy = im.shape(y)
            if im.wholeTensor && sx.count != sy.count {
                x = try padRank(&im, ctx, x, to: sy.count, part: "a")
                y = try padRank(&im, ctx, y, to: sx.count, part: "b")
                (sx, sy) = (im.shape(x), im.shape(y))
            }
            guard sx.count == sy.count else {
                throw im.axisZeroError(
                    ctx,
                    "unsupported broadcast of \(full(sx)) and \(full(sy)) computed at run time: tensors of different ranks would align the batch of one with another dimension of the other"
                )
            }
            try im.emit(ctx, .binary(BinaryAttributes(op: op)), inputs: [x, y])
        case (.tensor(var x)?, .constant?), (.constant?, .tensor(var x)?):
            let constantFirst: Bool
            if case .constant? = a { constantFirst = true } else { constantFirst = false }
            var c = try im.floats(
                ctx, constantFirst ? 0 : 1, what: "the constant", role: .bias, integers: op == .pow && !constantFirst || op.isMask)
            if !c.isFloat { c = try exactFloats(ctx, c, what: op == .pow ? "exponent" : "operand") }
            // The constant's shape against [N, per-sample...], NumPy-aligned at the last dimension.
            var shape = c.shape
            if im.wholeTensor && shape.count > im.shape(x).count {
                x = try padRank(&im, ctx, x, to: shape.count, part: "x")
            }
            let rank = im.shape(x).count + im.lead
            while shape.count > rank, shape.first == 1 { shape.removeFirst() }
            let padded = Broadcasting.padded(shape, to: rank)
            guard padded.count == rank, im.lead == 0 || padded[0] == 1 else {
                throw im.axisZeroError(
                    ctx,
                    "unsupported constant of shape \(ShapeInference.format(c.shape)) against \(full(im.shape(x))): it would broadcast across the batch"
                )
            }
            let perSample = Array(padded.dropFirst(im.lead))
            let operand = ConstantOperand(shape: perSample, isFirst: constantFirst)
            try im.emit(
                ctx, .binary(BinaryAttributes(op: op, constant: operand)), inputs: [x],
                params: ["constant": WeightTensor(shape: perSample, values: c.floats!)])
        case (nil, _), (_, nil):
            throw ctx.error("expected two inputs, got \(ctx.proto.input.count)")
        }
    }

    /// An integer constant as float32, refused when a value has no exact float32 (beyond 2^24 in
    /// magnitude and not a multiple of the spacing there): Pow's integer exponents, the integer
    /// operands of comparisons.
    static func exactFloats(_ ctx: NodeContext, _ c: ConstTensor, what: String) throws -> ConstTensor {
        guard case .int(let ints) = c.values else { return c }
        let floats = try ints.map { v -> Float in
            guard let v else { throw ctx.error("unsupported \(what): the batch size, unknown until run time") }
            let f = Float(v)
            guard f.isFinite, Int64(exactly: f) == v else {
                throw ctx.error(
                    "unsupported integer \(what) \(v): it has no exact float32 value (integers up to 2^24 in magnitude are exact)")
            }
            return f
        }
        return ConstTensor(shape: c.shape, floats: floats)
    }

    /// Sum of one or more inputs: a chain of broadcasting adds (an equal-shape pair stays `add`).
    static func sum(_ im: inout Importer, _ ctx: NodeContext) throws {
        let count = ctx.proto.input.count
        guard count >= 1 else { throw ctx.error("expected at least one input, got none") }
        guard count > 1 else {
            guard let v = try im.value(ctx, 0) else { throw ctx.error("expected an input, got none") }
            im.define(ctx, 0, v)
            return
        }
        if try foldConstants(&im, ctx, .add) { return }
        // Two inputs, one of them a constant: Add's forms (a bias, or add with a constant operand).
        if count == 2, case .constant? = try im.value(ctx, 0) { return try add(&im, ctx) }
        if count == 2, case .constant? = try im.value(ctx, 1) { return try add(&im, ctx) }
        var acc = try im.tensor(ctx, 0, what: "input 0 of Sum")
        for k in 1..<count {
            var y = try im.tensor(ctx, k, what: "input \(k) of Sum")
            let part = k == count - 1 ? nil : "sum\(k)"
            let (ra, rb) = (im.shape(acc).count, im.shape(y).count)
            if im.wholeTensor && ra != rb {
                acc = try padRank(&im, ctx, acc, to: rb, part: "a\(k)")
                y = try padRank(&im, ctx, y, to: ra, part: "b\(k)")
            }
            let (sx, sy) = (im.shape(acc), im.shape(y))
            guard sx.count == sy.count else {
                throw im.axisZeroError(
                    ctx,
                    "unsupported broadcast of \(full(sx)) and \(full(sy)) computed at run time: tensors of different ranks would align the batch of one with another dimension of the other"
                )
            }
            let op: Op = sx == sy ? .add(epilogue: []) : .binary(BinaryAttributes(op: .add))
            acc = try im.emit(ctx, op, inputs: [acc, y], part: part)
        }
    }

    /// In whole-tensor mode, a tensor of lower rank than `rank` reshaped with leading 1s (NumPy's alignment at the last axis).
    static func padRank(_ im: inout Importer, _ ctx: NodeContext, _ x: NodeID, to rank: Int, part: String) throws -> NodeID {
        let shape = im.shape(x)
        guard shape.count < rank else { return x }
        return try im.emit(ctx, .movement(.reshape(shape: Broadcasting.padded(shape, to: rank))), inputs: [x], part: part)
    }

    /// Max or Min of one or more inputs (ONNX's are variadic), and Mean (the sum divided by the count):
    /// a chain of broadcasting binary ops.
    static func variadic(_ im: inout Importer, _ ctx: NodeContext, _ op: BinaryOperator, mean: Bool = false) throws {
        let count = ctx.proto.input.count
        guard count >= 1 else { throw ctx.error("expected at least one input, got none") }
        if count == 1 {
            guard let v = try im.value(ctx, 0) else { throw ctx.error("expected an input, got none") }
            return im.define(ctx, 0, v)
        }
        if try foldConstants(&im, ctx, op, mean: mean) { return }
        var acc = try im.tensor(ctx, 0, what: "input 0 of \(ctx.opType)")
        for k in 1..<count {
            var y = try im.tensor(ctx, k, what: "input \(k) of \(ctx.opType)")
            let (ra, rb) = (im.shape(acc).count, im.shape(y).count)
            if im.wholeTensor && ra != rb {
                acc = try padRank(&im, ctx, acc, to: rb, part: "a\(k)")
                y = try padRank(&im, ctx, y, to: ra, part: "b\(k)")
            }
            let (sx, sy) = (im.shape(acc), im.shape(y))
            guard sx.count == sy.count else {
                throw im.axisZeroError(
                    ctx,
                    "unsupported broadcast of \(full(sx)) and \(full(sy)) computed at run time: tensors of different ranks would align the batch of one with another dimension of the other"
                )
            }
            let last = k == count - 1 && !mean
            acc = try im.emit(ctx, .binary(BinaryAttributes(op: op)), inputs: [acc, y], part: last ? nil : "\(op.name)\(k)")
        }
        if mean {
            let shape = [Int](repeating: 1, count: im.shape(acc).count)
            try im.emit(
                ctx, .binary(BinaryAttributes(op: .div, constant: ConstantOperand(shape: shape, isFirst: false))), inputs: [acc],
                params: ["constant": WeightTensor(shape: shape, values: [Float(count)])])
        }
    }

    /// A variadic Sum, Max, Min or Mean whose inputs are all constants, folded (true), else false.
    static func foldConstants(_ im: inout Importer, _ ctx: NodeContext, _ op: BinaryOperator, mean: Bool = false) throws -> Bool {
        var parts: [ConstTensor] = []
        for k in 0..<ctx.proto.input.count {
            guard case .constant(let c)? = try im.value(ctx, k) else { return false }
            parts.append(c)
        }
        var acc = parts[0]
        for c in parts.dropFirst() { acc = try Folding.binary(ctx, acc, c, op) }
        if mean {
            guard let f = acc.floats else { throw ctx.error("cannot average the batch size") }
            acc = ConstTensor(shape: acc.shape, floats: f.map { $0 / Float(parts.count) })
        }
        im.define(ctx, 0, .constant(acc))
        return true
    }

    static func mean(_ im: inout Importer, _ ctx: NodeContext) throws { try variadic(&im, ctx, .add, mean: true) }

    static func full(_ perSample: [Int]) -> String { "[N" + perSample.map { ", \($0)" }.joined() + "]" }

    static func addBias(_ im: inout Importer, _ ctx: NodeContext, tensor x: NodeID, tensorName: String, _ c: ConstTensor) throws {
        let shape = im.shape(x)
        // MatMul on [N, ..., K] then Add of a vector along the last axis: one linear layer with a bias.
        if im.biasless.contains(x), im.readers[tensorName, default: 0] == 1, shape.count > 1, case .dense(var attributes) = im.nodes[x].op,
            let values = c.floats, c.shape.drop(while: { $0 == 1 }).count <= 1, c.shape.count <= shape.count + 1,
            [1, shape.last!].contains(c.count)
        {
            attributes.hasBias = true
            im.nodes[x].op = .dense(attributes)
            im.nodes[x].params["bias"] = WeightTensor(
                shape: [shape.last!], values: values.count == 1 ? Array(repeating: values[0], count: shape.last!) : values)
            im.biasless.remove(x)
            im.fold(ctx, into: x)
            return
        }
        let kind = try Broadcast.classify(ctx, c, perSample: shape, what: "constant")
        // MatMul then Add of a vector: one dense layer with a bias.
        if im.biasless.contains(x), im.readers[tensorName, default: 0] == 1, shape.count == 1, case .dense(var attributes) = im.nodes[x].op
        {
            let vector: [Float]
            switch kind {
            case .scalar(let v): vector = Array(repeating: v, count: shape[0])
            case .channel(let v), .position(let v): vector = v
            }
            attributes.hasBias = true
            im.nodes[x].op = .dense(attributes)
            im.nodes[x].params["bias"] = WeightTensor(shape: [shape[0]], values: vector)
            im.biasless.remove(x)
            im.fold(ctx, into: x)
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
            let target = im.initializers[input] != nil ? input : im.aliases[input], let output = ctx.proto.output.first
        {
            im.aliases[output] = target
            return
        }
        guard let v = try im.value(ctx, 0) else { throw ctx.error("expected an input, got none") }
        im.define(ctx, 0, v)
    }

    static func sub(_ im: inout Importer, _ ctx: NodeContext) throws { try binary(&im, ctx, .sub) }
    static func mul(_ im: inout Importer, _ ctx: NodeContext) throws { try binary(&im, ctx, .mul) }
    static func div(_ im: inout Importer, _ ctx: NodeContext) throws { try binary(&im, ctx, .div) }
    static func pow(_ im: inout Importer, _ ctx: NodeContext) throws { try binary(&im, ctx, .pow) }

    /// Max and Min: variadic in ONNX; two inputs here.
    static func max(_ im: inout Importer, _ ctx: NodeContext) throws { try binary(&im, ctx, .max) }
    static func min(_ im: inout Importer, _ ctx: NodeContext) throws { try binary(&im, ctx, .min) }
}
