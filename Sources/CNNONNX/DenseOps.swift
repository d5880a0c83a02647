import CNNIR

/// Gemm, MatMul and the ops that only change a tensor's shape (Flatten, Reshape, Squeeze, Unsqueeze).
enum DenseOps {
    /// Y = alpha A B' + beta C with A the activations [N, K]: a dense layer with weight alpha B' [units, K] and bias beta C.
    static func gemm(_ im: inout Importer, _ ctx: NodeContext) throws {
        var a = try im.tensor(ctx, 0, what: "A")
        let transA = try ctx.int("transA", default: 0)
        guard transA == 0 || im.wholeTensor && transA == 1 else {
            throw im.axisZeroError(ctx, "unsupported transA \(transA) (A holds the batch of activations, only transA=0)")
        }
        let transB = try ctx.int("transB", default: 0)
        guard transB == 0 || transB == 1 else { throw ctx.error("expected transB 0 or 1, got \(transB)") }
        let alpha = try ctx.float("alpha", default: 1)
        let beta = try ctx.float("beta", default: 1)
        let dims = try im.constantShape(ctx, 1, what: "B")
        guard dims.count == 2 else { throw ctx.error("expected B of rank 2, got shape \(ShapeInference.format(dims))") }
        let (k, units) = transB == 1 ? (dims[1], dims[0]) : (dims[0], dims[1])
        let b = try im.floats(ctx, 1, what: "B", role: .weight(fanIn: k))
        let c = try im.constant(ctx, 2, what: "C", role: .bias)
        if im.wholeTensor {
            // A is the whole [M, K] matrix (or [K, M] with transA): a linear layer on its last axis.
            guard im.shape(a).count == 2 else { throw ctx.error("expected A of rank 2, got shape \(ShapeInference.format(im.shape(a)))") }
            if transA == 1 { a = try im.emit(ctx, .movement(.transpose(perm: [1, 0])), inputs: [a], part: "transA") }
            guard im.shape(a)[1] == k else {
                throw ctx.error(
                    "expected A of shape [M, \(k)] to match B \(ShapeInference.format(dims)) (transA=\(transA), transB=\(transB)), got \(ShapeInference.format(im.shape(a)))"
                )
            }
        } else {
            guard im.shape(a) == [k] else {
                throw ctx.error(
                    "expected A of shape [N, \(k)] to match B \(ShapeInference.format(dims)) (transB=\(transB)), got [N, \(im.shape(a).map(String.init).joined(separator: ", "))]"
                )
            }
        }
        let bv = b.floats!
        var weight = [Float](repeating: 0, count: units * k)
        for u in 0..<units {
            for j in 0..<k {
                let v = transB == 1 ? bv[u * k + j] : bv[j * units + u]
                weight[u * k + j] = alpha == 1 ? v : alpha * v
            }
        }
        var params = ["weight": WeightTensor(shape: [units, k], values: weight)]
        let rows = im.wholeTensor ? im.shape(a)[0] : 1
        if let c, beta != 0, rows > 1, c.count > 1, let values = c.floats, !(c.shape.count == 2 && c.shape[0] == 1 || c.shape.count < 2) {
            // Whole-tensor mode: a C with one row per row of A ([M, units] or [M, 1]) is added after the layer.
            guard c.shape.count == 2, [1, rows].contains(c.shape[0]), [1, units].contains(c.shape[1]) else {
                throw ctx.error(
                    "unsupported C of shape \(ShapeInference.format(c.shape)) (expected one that broadcasts to [\(rows), \(units)])")
            }
            let product = try im.emit(
                ctx, .dense(DenseAttributes(units: units, hasBias: false, lastAxis: true)), inputs: [a], params: params, part: "product")
            let scaled = beta == 1 ? values : values.map { beta * $0 }
            try im.emit(
                ctx, .binary(BinaryAttributes(op: .add, constant: ConstantOperand(shape: c.shape, isFirst: false))), inputs: [product],
                params: ["constant": WeightTensor(shape: c.shape, values: scaled)])
            return
        }
        if let c, beta != 0 {
            params["bias"] = try biasVector(ctx, c, units: units, scale: beta)
        }
        try im.emit(
            ctx, .dense(DenseAttributes(units: units, hasBias: params["bias"] != nil, lastAxis: im.wholeTensor)), inputs: [a],
            params: params)
    }

    /// A constant broadcastable to [N, units] without depending on N, as a [units] bias times `scale`.
    static func biasVector(_ ctx: NodeContext, _ c: ConstTensor, units: Int, scale: Float) throws -> WeightTensor {
        guard let values = c.floats else { throw ctx.error("expected a float C, got \(c.summary)") }
        let shape = c.shape
        let ok = shape.count <= 2 && (shape.last ?? 1 == 1 || shape.last == units) && (shape.count < 2 || shape[0] == 1)
        guard ok else {
            throw ctx.error(
                "unsupported C of shape \(ShapeInference.format(shape)) (expected [\(units)], [1, \(units)] or a scalar: one bias per unit, the same for every sample)"
            )
        }
        let vector = values.count == 1 ? Array(repeating: values[0], count: units) : values
        return WeightTensor(shape: [units], values: scale == 1 ? vector : vector.map { scale * $0 })
    }

    /// MatMul of the activations [N, ..., K] by a constant [K, units]: a dense layer on [N, K],
    /// a linear layer (on the last axis) on higher ranks, as PyTorch's `nn.Linear` on a
    /// channels-last tensor exports. An Add of a constant after it becomes its bias.
    static func matMul(_ im: inout Importer, _ ctx: NodeContext) throws {
        // Looked up without decoding: B's seeded rule depends on its role (a weight), chosen below.
        let computedB: Bool
        if ctx.proto.input.count > 1, case .tensor? = im.values[ctx.proto.input[1]] { computedB = true } else { computedB = false }
        let computedA: Bool
        if case .tensor? = try im.value(ctx, 0) { computedA = true } else { computedA = false }
        guard computedA, !computedB, try im.constantShape(ctx, 1, what: "B").count == 2 else {
            return try batchedMatMul(im: &im, ctx)
        }
        let a = try im.tensor(ctx, 0, what: "A")
        let dims = try im.constantShape(ctx, 1, what: "B")
        let (k, units) = (dims[0], dims[1])
        let b = try im.floats(ctx, 1, what: "B", role: .weight(fanIn: k))
        let shape = im.shape(a)
        guard shape.last == k else {
            throw ctx.error(
                "expected A [N, ..., \(k)] to match B \(ShapeInference.format(dims)), got [N, \(shape.map(String.init).joined(separator: ", "))]"
            )
        }
        let bv = b.floats!
        var weight = [Float](repeating: 0, count: units * k)
        for u in 0..<units { for j in 0..<k { weight[u * k + j] = bv[j * units + u] } }
        let id = try im.emit(
            ctx, .dense(DenseAttributes(units: units, hasBias: false, lastAxis: shape.count > 1)), inputs: [a],
            params: ["weight": WeightTensor(shape: [units, k], values: weight)])
        if im.readers[ctx.proto.output[0], default: 0] == 1 && !im.graphOutputs.contains(ctx.proto.output[0]) {
            im.biasless.insert(id)
        }
    }

    /// Every other MatMul (B computed, a constant B that is not a matrix, a constant A): the
    /// IR's `matmul`, with a constant operand as its `constant` parameter. With a batch, axis 0
    /// of each computed operand must be a batch axis of the product (rank 3 or more, as high as
    /// the other operand's), and a constant of that rank must have 1 there (it is dropped);
    /// otherwise the model is data along axis 0 and is read as a whole tensor.
    static func batchedMatMul(im: inout Importer, _ ctx: NodeContext) throws {
        guard let va = try im.value(ctx, 0) else { throw ctx.error("expected A (input 0), got none") }
        var fanIn = 1
        if ctx.proto.input.count > 1, !ctx.proto.input[1].isEmpty {
            if case .tensor? = im.values[ctx.proto.input[1]] {
            } else {
                let dims = try im.constantShape(ctx, 1, what: "B")
                fanIn = max(dims.count >= 2 ? dims[dims.count - 2] : dims.first ?? 1, 1)
            }
        }
        guard let vb = try im.value(ctx, 1, role: .weight(fanIn: fanIn)) else { throw ctx.error("expected B (input 1), got none") }
        func onnxRank(_ v: Value) -> Int {
            switch v {
            case .tensor(let id): return im.shape(id).count + (im.wholeTensor ? 0 : 1)
            case .constant(let c): return c.shape.count
            }
        }
        let rank = max(onnxRank(va), onnxRank(vb))
        var inputs: [NodeID] = []
        var constant: (ConstTensor, Bool)? = nil
        for (v, isFirst) in [(va, true), (vb, false)] {
            switch v {
            case .tensor(let id):
                if !im.wholeTensor && (onnxRank(v) < 3 || onnxRank(v) < rank) {
                    throw im.axisZeroError(
                        ctx,
                        "unsupported \(isFirst ? "A" : "B") of shape [N, \(im.shape(id).map(String.init).joined(separator: ", "))] against \(isFirst ? "B" : "A") of rank \(onnxRank(isFirst ? vb : va)) (its axis 0, the batch, would be a matrix axis or meet another axis of the other operand)"
                    )
                }
                inputs.append(id)
            case .constant(var c):
                guard constant == nil else { throw ctx.error("unsupported MatMul of two constants (not folded)") }
                guard c.isFloat else { throw ctx.error("expected \(isFirst ? "A" : "B") to be a float tensor, got integers") }
                if !im.wholeTensor && c.shape.count == rank {
                    guard c.shape[0] == 1 else {
                        throw im.axisZeroError(
                            ctx,
                            "unsupported constant \(isFirst ? "A" : "B") of shape \(ShapeInference.format(c.shape)) (its axis 0 meets the batch; only 1 there)"
                        )
                    }
                    c = c.reshaped(Array(c.shape.dropFirst()))
                }
                guard !c.shape.isEmpty else { throw ctx.error("expected \(isFirst ? "A" : "B") of rank 1 or more, got a scalar") }
                constant = (c, isFirst)
            }
        }
        var params: [String: WeightTensor] = [:]
        var attributes = MatMulAttributes()
        if let (c, isFirst) = constant {
            attributes.constant = ConstantOperand(shape: c.shape, isFirst: isFirst)
            params["constant"] = WeightTensor(shape: c.shape, values: c.floats!)
        }
        try im.emit(ctx, .matmul(attributes), inputs: inputs, params: params)
    }

    static func flatten(_ im: inout Importer, _ ctx: NodeContext) throws {
        if case .constant(let c)? = try im.value(ctx, 0) {
            let axis = try flattenAxis(ctx, rank: c.shape.count)
            let outer = c.shape[0..<axis].reduce(1, *)
            im.define(ctx, 0, .constant(c.reshaped([outer, c.count / max(outer, 1)])))
            return
        }
        let x = try im.tensor(ctx, 0)
        let shape = im.shape(x)
        let axis = try flattenAxis(ctx, rank: shape.count + im.lead)
        if im.wholeTensor {
            let outer = shape[..<axis].reduce(1, *)
            return try reshape(&im, ctx, x, to: [outer, shape[axis...].reduce(1, *)])
        }
        guard axis == 1 else {
            throw im.axisZeroError(
                ctx, "unsupported axis \(axis) (only 1: flatten everything but the batch; other axes would mix the batch into the features)"
            )
        }
        try reshape(&im, ctx, x, to: [shape.reduce(1, *)])
    }

    /// Flatten's `axis`, in -r...r for a tensor of rank r (batch included); a negative one counts from the end,
    /// so -r is 0 (everything, batch included, in one row), not 1.
    static func flattenAxis(_ ctx: NodeContext, rank r: Int) throws -> Int {
        let axis = try ctx.int("axis", default: 1)
        guard (-r...r).contains(axis) else { throw ctx.error("expected axis in \(-r)...\(r), got \(axis)") }
        return axis < 0 ? axis + r : axis
    }

    /// A runtime reshape to `target` (per sample): the same shape is an alias, a flat shape is a flatten, any other a reshape.
    static func reshape(_ im: inout Importer, _ ctx: NodeContext, _ x: NodeID, to target: [Int]) throws {
        let shape = im.shape(x)
        if target == shape {
            im.define(ctx, 0, .tensor(x))
        } else if target.count == 1 && target[0] == shape.reduce(1, *) {
            try im.emit(ctx, .flatten, inputs: [x])
        } else {
            try im.emit(ctx, .movement(.reshape(shape: target)), inputs: [x])
        }
    }

    static func reshape(_ im: inout Importer, _ ctx: NodeContext) throws {
        guard let target = try im.constant(ctx, 1, what: "the shape") else { throw ctx.error("expected the shape (input 1), got none") }
        guard target.shape.count == 1, let dims = target.ints else {
            throw ctx.error("expected the shape as a 1-D integer tensor, got \(target.summary)")
        }
        let allowZero = try ctx.int("allowzero", default: 0)
        if allowZero == 1 && dims.contains(0) {
            throw ctx.error("unsupported allowzero=1 with a 0 in the shape \(target.summary) (an empty tensor)")
        }
        if case .constant(let c)? = try im.value(ctx, 0) {
            im.define(ctx, 0, .constant(try Folding.reshape(ctx, c, dims)))
            return
        }
        let x = try im.tensor(ctx, 0)
        let shape = im.shape(x)
        let count = shape.reduce(1, *)
        if im.wholeTensor { return try wholeReshape(&im, ctx, x, dims, target: target, allowZero: allowZero == 1) }
        guard let first = dims.first else { throw ctx.error("unsupported reshape to a scalar") }
        // The first entry must keep the batch: the batch size itself, 0 (copy), or -1 with every other size known.
        var rest: [Int] = []
        for (i, d) in dims.enumerated().dropFirst() {
            guard let d else { throw ctx.error("unsupported shape \(target.summary): the batch size may only be the first entry") }
            if d == 0 {
                guard i < shape.count + 1 else {
                    throw ctx.error("shape \(target.summary): a 0 at position \(i) copies a dimension the input does not have")
                }
                rest.append(shape[i - 1])
            } else {
                guard d >= -1 else { throw ctx.error("expected shape entries of at least -1, got \(target.summary)") }
                rest.append(Int(d))
            }
        }
        let inferred = rest.filter { $0 == -1 }.count
        guard inferred <= 1 else { throw ctx.error("expected at most one -1 in the shape, got \(target.summary)") }
        if first == nil || first == 0 {
            // The batch size itself, or a copy of the input's first dimension (the batch).
        } else if first == -1 {
            guard inferred == 0, ShapeBounds.product(rest) == count else {
                throw ctx.error(
                    "unsupported shape \(target.summary): with -1 first, the other sizes must hold one sample exactly (\(count) values)")
            }
        } else if first != Int64(im.declaredBatch ?? -2) {
            throw im.axisZeroError(
                ctx, "unsupported shape \(target.summary): the first entry must keep the batch (the batch size, 0 or -1), got \(first!)")
        }
        if inferred == 1 {
            let known = ShapeBounds.product(rest.filter { $0 != -1 }) ?? 0
            guard known > 0, count % known == 0 else { throw ctx.error("cannot reshape \(count) values per sample to \(target.summary)") }
            rest = rest.map { $0 == -1 ? count / known : $0 }
        }
        guard ShapeBounds.product(rest) == count else { throw ctx.error("cannot reshape \(count) values per sample to \(target.summary)") }
        try reshape(&im, ctx, x, to: rest)
    }

    /// Reshape in whole-tensor mode: every size known, 0 copies the input's size at that position, one -1 is inferred.
    static func wholeReshape(
        _ im: inout Importer, _ ctx: NodeContext, _ x: NodeID, _ dims: [Int64?], target: ConstTensor, allowZero: Bool
    ) throws {
        let shape = im.shape(x)
        let count = shape.reduce(1, *)
        guard !dims.isEmpty else { throw ctx.error("unsupported reshape to a scalar") }
        var out: [Int] = []
        for (i, d) in dims.enumerated() {
            guard let d, d >= -1 else { throw ctx.error("expected shape entries of at least -1, got \(target.summary)") }
            if d == 0 && !allowZero {
                guard i < shape.count else {
                    throw ctx.error("shape \(target.summary): a 0 at position \(i) copies a dimension the input does not have")
                }
                out.append(shape[i])
            } else {
                out.append(Int(d))
            }
        }
        guard out.filter({ $0 == -1 }).count <= 1 else { throw ctx.error("expected at most one -1 in the shape, got \(target.summary)") }
        if out.contains(-1) {
            let known = ShapeBounds.product(out.filter { $0 != -1 }) ?? 0
            guard known > 0, count % known == 0 else { throw ctx.error("cannot reshape \(count) values to \(target.summary)") }
            out = out.map { $0 == -1 ? count / known : $0 }
        }
        guard ShapeBounds.product(out) == count else {
            throw ctx.error("cannot reshape \(count) values (shape \(ShapeInference.format(shape))) to \(target.summary)")
        }
        try reshape(&im, ctx, x, to: out)
    }

    /// Axes from the `axes` attribute (before opset 13) or input 1 (from opset 13).
    static func axes(_ im: inout Importer, _ ctx: NodeContext) throws -> [Int]? {
        if let a = try ctx.ints("axes") { return a }
        guard let c = try im.constant(ctx, 1, what: "the axes") else { return nil }
        guard let v = c.knownInts else { throw ctx.error("expected integer axes, got \(c.summary)") }
        return v
    }

    static func squeeze(_ im: inout Importer, _ ctx: NodeContext) throws {
        let axes = try Self.axes(&im, ctx)
        if case .constant(let c)? = try im.value(ctx, 0) {
            let rank = c.shape.count
            let list = try (axes ?? c.shape.indices.filter { c.shape[$0] == 1 }).map { try ctx.axis($0, rank: rank) }
            for a in list where c.shape[a] != 1 { throw ctx.error("cannot squeeze axis \(a) of size \(c.shape[a])") }
            im.define(ctx, 0, .constant(c.reshaped(c.shape.enumerated().filter { !list.contains($0.offset) }.map(\.element))))
            return
        }
        let x = try im.tensor(ctx, 0)
        if im.wholeTensor {
            let shape = im.shape(x)
            let list = try (axes ?? shape.indices.filter { shape[$0] == 1 }).map { try ctx.axis($0, rank: shape.count) }
            for a in list where shape[a] != 1 { throw ctx.error("cannot squeeze axis \(a) of size \(shape[a])") }
            let target = shape.enumerated().filter { !list.contains($0.offset) }.map(\.element)
            guard !target.isEmpty else { throw ctx.error("unsupported squeeze to a scalar (shape \(ShapeInference.format(shape)))") }
            return try reshape(&im, ctx, x, to: target)
        }
        guard let axes else { throw ctx.error("unsupported Squeeze without axes (it would also squeeze a batch of 1)") }
        let full = [1] + im.shape(x)
        let list = try axes.map { try ctx.axis($0, rank: full.count) }
        for a in list {
            guard a != 0 else { throw im.axisZeroError(ctx, "unsupported squeeze of axis 0 (the batch)") }
            guard full[a] == 1 else { throw ctx.error("cannot squeeze axis \(a) of size \(full[a])") }
        }
        let target = full.enumerated().filter { !list.contains($0.offset) && $0.offset > 0 }.map(\.element)
        try reshape(&im, ctx, x, to: target)
    }

    static func unsqueeze(_ im: inout Importer, _ ctx: NodeContext) throws {
        guard let axes = try Self.axes(&im, ctx) else { throw ctx.error("expected axes, got none") }
        let value = try im.value(ctx, 0)
        let inputShape: [Int]
        switch value {
        case .constant(let c)?: inputShape = c.shape
        case .tensor(let id)?: inputShape = im.wholeTensor ? im.shape(id) : [1] + im.shape(id)
        case nil: throw ctx.error("expected the data (input 0), got none")
        }
        let rank = inputShape.count + axes.count
        let list = try axes.map { try ctx.axis($0, rank: rank) }
        guard Set(list).count == list.count else { throw ctx.error("expected distinct axes, got \(axes)") }
        var out: [Int] = []
        var source = inputShape.makeIterator()
        for d in 0..<rank { out.append(list.contains(d) ? 1 : source.next()!) }
        switch value {
        case .constant(let c)?:
            im.define(ctx, 0, .constant(c.reshaped(out)))
        case .tensor(let id)?:
            if im.wholeTensor { return try reshape(&im, ctx, id, to: out) }
            guard !list.contains(0) else { throw im.axisZeroError(ctx, "unsupported unsqueeze at axis 0 (before the batch)") }
            try reshape(&im, ctx, id, to: Array(out.dropFirst()))
        case nil:
            break
        }
    }
}
