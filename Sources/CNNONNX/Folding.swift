import CNNIR

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The constant folding evaluator: what exporters emit around a flatten (Shape, Gather,
/// Unsqueeze, Concat, Reshape, Constant, Cast, Slice and integer arithmetic) runs at import
/// on constants. The batch size is unknown and stays symbolic (`nil` entries).
enum Folding {
    static func constant(_ im: inout Importer, _ ctx: NodeContext) throws {
        let c: ConstTensor
        if let t = try ctx.tensor("value") {
            var decoder = im.decoder
            decoder.kind = "value tensor"
            c = try decoder.decode(t)
        } else if let f = try ctx.float("value_float") {
            c = ConstTensor(shape: [], floats: [f])
        } else if let f = try ctx.floats("value_floats") {
            c = ConstTensor(shape: [f.count], floats: f)
        } else if let i = try ctx.int("value_int") {
            c = ConstTensor(shape: [], known: [Int64(i)])
        } else if let i = try ctx.ints("value_ints") {
            c = ConstTensor(shape: [i.count], known: i.map { Int64($0) })
        } else {
            throw ctx.error(
                "expected a value (value, value_float(s) or value_int(s)), got none (sparse and string constants are not supported)")
        }
        im.define(ctx, 0, .constant(c))
    }

    /// Size: the number of elements, known in whole-tensor mode; with a batch it depends on the batch size.
    static func size(_ im: inout Importer, _ ctx: NodeContext) throws {
        let count: Int
        switch try im.value(ctx, 0) {
        case .tensor(let id)?:
            guard im.wholeTensor else {
                throw im.axisZeroError(
                    ctx,
                    "unsupported Size of a tensor computed at run time (it depends on the batch size; only folded when the model's shapes are static and its first axis is not a batch)"
                )
            }
            count = im.shape(id).reduce(1, *)
        case .constant(let c)?: count = c.count
        case nil: throw ctx.error("expected an input, got none")
        }
        im.define(ctx, 0, .constant(ConstTensor(shape: [], known: [Int64(count)])))
    }

    /// Shape: of an activation it is [N, per-sample shape...] with N symbolic.
    static func shape(_ im: inout Importer, _ ctx: NodeContext) throws {
        let dims: [Int64?]
        switch try im.value(ctx, 0) {
        case .tensor(let id)?: dims = (im.wholeTensor ? [] : [nil]) + im.shape(id).map { Int64($0) }
        case .constant(let c)?: dims = c.shape.map { Int64($0) }
        case nil: throw ctx.error("expected an input, got none")
        }
        let rank = dims.count
        func clamp(_ v: Int) -> Int { min(max(v < 0 ? v + rank : v, 0), rank) }
        let start = clamp(try ctx.int("start", default: 0))
        let end = clamp(try ctx.int("end", default: rank))
        let slice = start < end ? Array(dims[start..<end]) : []
        im.define(ctx, 0, .constant(ConstTensor(shape: [slice.count], ints: slice)))
    }

    static func gather(_ im: inout Importer, _ ctx: NodeContext) throws {
        guard case .constant(let data)? = try im.value(ctx, 0) else {
            throw ctx.error("unsupported Gather from a tensor computed at run time (only folded on constants)")
        }
        guard let indicesTensor = try im.constant(ctx, 1, what: "the indices"), let indices = indicesTensor.knownInts else {
            throw ctx.error("expected constant integer indices")
        }
        let rank = data.shape.count
        guard rank >= 1 else { throw ctx.error("expected data of rank at least 1, got a scalar") }
        let axis = try ctx.axis(try ctx.int("axis", default: 0), rank: rank)
        let size = data.shape[axis]
        let resolved = try indices.map { i -> Int in
            guard i >= -size && i < size else { throw ctx.error("index \(i) is out of range for axis \(axis) of size \(size)") }
            return i < 0 ? i + size : i
        }
        let outer = data.shape[..<axis].reduce(1, *)
        let inner = data.shape[(axis + 1)...].reduce(1, *)
        var flat: [Int] = []
        for o in 0..<outer { for i in resolved { for k in 0..<inner { flat.append((o * size + i) * inner + k) } } }
        let shape = Array(data.shape[..<axis]) + indicesTensor.shape + Array(data.shape[(axis + 1)...])
        im.define(ctx, 0, .constant(data.gathering(flat, shape: shape)))
    }

    static let floatTypes: Set<Int> = [1, 10, 11, 16]
    static let intTypes: Set<Int> = [2, 3, 4, 5, 6, 7, 9, 12, 13]

    static func cast(_ im: inout Importer, _ ctx: NodeContext) throws {
        guard let to = try ctx.int("to") else { throw ctx.error("expected attribute 'to', got none") }
        try cast(&im, ctx, to: to)
    }

    /// CastLike: Cast to the type of input 1. A tensor computed at run time is float32; a constant
    /// is float32 when it holds floats (other float types are decoded to float32), else int64.
    static func castLike(_ im: inout Importer, _ ctx: NodeContext) throws {
        let to: Int
        switch try im.value(ctx, 1) {
        case .tensor?: to = 1
        case .constant(let c)?: to = c.isFloat ? 1 : 7
        case nil: throw ctx.error("expected target_type (input 1), got none")
        }
        try cast(&im, ctx, to: to)
    }

    /// Input 0 cast to ONNX element type `to`: a float32 tensor only to float32 (the identity), a constant to any float or integer type.
    static func cast(_ im: inout Importer, _ ctx: NodeContext, to: Int) throws {
        switch try im.value(ctx, 0) {
        case .tensor(let id)?:
            let isMask: Bool
            if case .binary(let a) = im.nodes[id].op, a.op.isMask, a.epilogue.isEmpty { isMask = true } else { isMask = false }
            if to == 9 && !isMask {
                // float to bool: x != 0 (a NaN is true, as ONNX Runtime's cast), which is `xor` with the constant 0.
                let shape = [Int](repeating: 1, count: im.shape(id).count)
                try im.emit(
                    ctx, .binary(BinaryAttributes(op: .xor, constant: ConstantOperand(shape: shape, isFirst: false))), inputs: [id],
                    params: ["constant": WeightTensor(shape: shape, values: [0])])
                return
            }
            // A mask (a comparison's 0/1 result) cast to float or bool is itself.
            guard to == 1 || to == 9 else {
                throw ctx.error("unsupported cast of a float32 tensor to \(TensorDecoder.typeName(Int32(to)))")
            }
            im.define(ctx, 0, .tensor(id))
        case .constant(let c)?:
            if floatTypes.contains(to) {
                guard let f = c.floats else { throw ctx.error("cannot cast \(c.summary) (it holds the batch size) to floats") }
                im.define(ctx, 0, .constant(ConstTensor(shape: c.shape, floats: f)))
            } else if intTypes.contains(to) {
                let ints: [Int64?]
                switch c.values {
                case .int(let i): ints = to == 9 ? i.map { $0.map { $0 != 0 ? 1 : 0 } } : i
                case .float(let f):
                    ints = try f.map { v in
                        guard v.isFinite, abs(v) < 9e15 else { throw ctx.error("cannot cast \(v) to an integer") }
                        return to == 9 ? (v != 0 ? 1 : 0) : Int64(v)
                    }
                }
                im.define(ctx, 0, .constant(ConstTensor(shape: c.shape, ints: ints)))
            } else {
                throw ctx.error("unsupported cast to \(TensorDecoder.typeName(Int32(to)))")
            }
        case nil:
            throw ctx.error("expected an input, got none")
        }
    }

    /// Slice of a constant (inputs starts, ends, axes, steps from opset 10).
    static func slice(_ im: inout Importer, _ ctx: NodeContext) throws {
        guard case .constant(let data)? = try im.value(ctx, 0) else {
            throw ctx.error("unsupported Slice of a tensor computed at run time (only folded on constants)")
        }
        func list(_ k: Int, _ what: String) throws -> [Int]? {
            guard let c = try im.constant(ctx, k, what: what) else { return nil }
            guard let v = c.knownInts else { throw ctx.error("expected constant integer \(what), got \(c.summary)") }
            return v
        }
        guard let starts = try list(1, "starts"), let ends = try list(2, "ends") else { throw ctx.error("expected starts and ends") }
        let rank = data.shape.count
        let axes = try (try list(3, "axes") ?? Array(0..<starts.count)).map { try ctx.axis($0, rank: rank) }
        let steps = try list(4, "steps") ?? Array(repeating: 1, count: starts.count)
        guard ends.count == starts.count, axes.count == starts.count, steps.count == starts.count else {
            throw ctx.error("expected starts, ends, axes and steps of equal lengths")
        }
        var ranges = data.shape.map { Array(0..<$0) }
        for (j, axis) in axes.enumerated() {
            let size = data.shape[axis]
            let step = steps[j]
            guard step != 0 else { throw ctx.error("expected non-zero steps") }
            func norm(_ v: Int, low: Int, high: Int) -> Int { min(max(v < 0 ? v + size : v, low), high) }
            var picked: [Int] = []
            if step > 0 {
                var i = norm(starts[j], low: 0, high: size)
                let e = norm(ends[j], low: 0, high: size)
                while i < e {
                    picked.append(i)
                    let (next, overflow) = i.addingReportingOverflow(step)
                    if overflow { break }
                    i = next
                }
            } else {
                var i = norm(starts[j], low: 0, high: size - 1)
                let e = norm(ends[j], low: -1, high: size - 1)
                while i > e {
                    picked.append(i)
                    let (next, overflow) = i.addingReportingOverflow(step)
                    if overflow { break }
                    i = next
                }
            }
            ranges[axis] = picked
        }
        let strides = rowMajorStrides(data.shape)
        var flat: [Int] = [0]
        for (axis, picked) in ranges.enumerated() {
            flat = flat.flatMap { base in picked.map { base + $0 * strides[axis] } }
        }
        im.define(ctx, 0, .constant(data.gathering(flat, shape: ranges.map(\.count))))
    }

    /// ConstantOfShape: a tensor of the given shape filled with `value` (a one-element tensor; default float 0).
    static func constantOfShape(_ im: inout Importer, _ ctx: NodeContext) throws {
        guard let shapeTensor = try im.constant(ctx, 0, what: "the shape"), let dims = shapeTensor.knownInts else {
            throw ctx.error("expected a constant shape without the batch size")
        }
        guard ShapeBounds.isBounded(dims), !dims.contains(where: { $0 < 0 }), let count = ShapeInference.boundedElementCount(dims) else {
            throw ctx.error("expected a shape of non-negative dimensions with at most 2^40 elements, got \(dims)")
        }
        var fill = ConstTensor(shape: [1], floats: [0])
        if let t = try ctx.tensor("value") {
            var decoder = im.decoder
            decoder.kind = "value tensor"
            fill = try decoder.decode(t)
        }
        guard fill.count == 1 else { throw ctx.error("expected a one-element value, got \(fill.summary)") }
        // The fill is materialised (its consumer, often a Gemm or Conv weight, reads an
        // ordinary parameter), so it counts against --limit weight-bytes like a seeded
        // initializer, checked before it is allocated: 4 bytes a float; an integer fill
        // (shape arithmetic) is held as optional Int64s, 16 bytes apiece in memory.
        let (bytes, overflow) = count.multipliedReportingOverflow(by: fill.isFloat ? 4 : 16)
        let limit = im.decoder.limits.weightBytes
        guard !overflow, bytes <= limit else {
            throw ctx.error(
                "expected a fill of at most \(limit) bytes (--limit weight-bytes=N raises it), got shape \(dims) (\(overflow ? "more than \(Int.max)" : String(bytes)) bytes)"
            )
        }
        switch fill.values {
        case .float(let f): im.define(ctx, 0, .constant(ConstTensor(shape: dims, floats: Array(repeating: f[0], count: count))))
        case .int(let i): im.define(ctx, 0, .constant(ConstTensor(shape: dims, ints: Array(repeating: i[0], count: count))))
        }
    }

    /// Transpose of a constant (`perm`, default reversed axes).
    static func transpose(_ im: inout Importer, _ ctx: NodeContext) throws {
        guard case .constant(let c)? = try im.value(ctx, 0) else {
            throw ctx.error(
                "unsupported Transpose of a tensor computed at run time (only folded on constants; channels-last models need converting to channels-first, e.g. tf2onnx --inputs-as-nchw)"
            )
        }
        let rank = c.shape.count
        let perm = try ctx.ints("perm") ?? Array((0..<rank).reversed())
        guard perm.sorted() == Array(0..<rank) else { throw ctx.error("expected perm to be a permutation of 0..<\(rank), got \(perm)") }
        let shape = perm.map { c.shape[$0] }
        let sourceStrides = rowMajorStrides(c.shape)
        let outStrides = rowMajorStrides(shape)
        let indices = (0..<c.count).map { flat in
            var index = 0
            for d in 0..<rank { index += (flat / outStrides[d]) % shape[d] * sourceStrides[perm[d]] }
            return index
        }
        im.define(ctx, 0, .constant(c.gathering(indices, shape: shape)))
    }

    /// Reshape of a constant; `dims` follow ONNX (0 copies, -1 infers).
    static func reshape(_ ctx: NodeContext, _ c: ConstTensor, _ dims: [Int64?]) throws -> ConstTensor {
        var out: [Int] = []
        for (i, d) in dims.enumerated() {
            guard let d else { throw ctx.error("cannot reshape a constant to a shape that holds the batch size") }
            if d == 0 {
                guard i < c.shape.count else { throw ctx.error("a 0 at position \(i) copies a dimension the input does not have") }
                out.append(c.shape[i])
            } else {
                out.append(Int(d))
            }
        }
        if let k = out.firstIndex(of: -1) {
            let known = ShapeBounds.product(out.enumerated().filter { $0.offset != k }.map(\.element)) ?? 0
            guard known > 0, c.count % known == 0 else {
                throw ctx.error("cannot reshape \(c.count) values to [\(dims.map { $0.map(String.init) ?? "N" }.joined(separator: ", "))]")
            }
            out[k] = c.count / known
        }
        guard ShapeBounds.isBounded(out), ShapeBounds.product(out) == c.count else {
            throw ctx.error("cannot reshape a constant of shape \(ShapeInference.format(c.shape)) to \(out)")
        }
        return c.reshaped(out)
    }

    /// Concat of constants along `axis`.
    static func concat(_ ctx: NodeContext, _ parts: [ConstTensor], axis rawAxis: Int) throws -> ConstTensor {
        let rank = parts[0].shape.count
        let axis = try ctx.axis(rawAxis, rank: rank)
        for p in parts {
            var a = p.shape
            var b = parts[0].shape
            guard a.count == rank else { throw ctx.error("expected constants of equal rank to concatenate") }
            a[axis] = 0
            b[axis] = 0
            guard a == b else {
                throw ctx.error("expected constants that differ only on axis \(axis), got \(parts.map { ShapeInference.format($0.shape) })")
            }
        }
        let outer = parts[0].shape[..<axis].reduce(1, *)
        var shape = parts[0].shape
        shape[axis] = parts.map { $0.shape[axis] }.reduce(0, +)
        guard ShapeBounds.isBounded(shape) else {
            throw ctx.error("expected a concatenation of at most 2^40 elements, got shape \(ShapeInference.format(shape))")
        }
        let allInt = parts.allSatisfy { !$0.isFloat }
        var ints: [Int64?] = []
        var floats: [Float] = []
        for o in 0..<outer {
            for p in parts {
                let block = p.shape[axis...].reduce(1, *)
                if allInt {
                    ints += p.ints![(o * block)..<((o + 1) * block)]
                } else {
                    guard let f = p.floats else { throw ctx.error("cannot concatenate the batch size with floats") }
                    floats += f[(o * block)..<((o + 1) * block)]
                }
            }
        }
        return allInt ? ConstTensor(shape: shape, ints: ints) : ConstTensor(shape: shape, floats: floats)
    }

    /// Elementwise arithmetic, comparisons and logical ops with NumPy broadcasting. Integers
    /// stay integers for + - * / max min (division truncates, as ONNX Runtime's) and compare
    /// exactly; a comparison or logical op gives a 0/1 integer mask (ONNX's bool). Floats use
    /// `BinaryOperator.evaluate`, the kernels' float semantics.
    static func binary(_ ctx: NodeContext, _ a: ConstTensor, _ b: ConstTensor, _ op: BinaryOperator) throws -> ConstTensor {
        guard let shape = broadcastShapes(a.shape, b.shape) else {
            throw ctx.error("constants of shapes \(ShapeInference.format(a.shape)) and \(ShapeInference.format(b.shape)) do not broadcast")
        }
        let ia = broadcastIndices(from: a.shape, to: shape)
        let ib = broadcastIndices(from: b.shape, to: shape)
        if !a.isFloat && !b.isFloat && op != .pow {
            let x = a.ints!
            let y = b.ints!
            let out = try zip(ia, ib).map { (i, j) -> Int64? in
                guard let p = x[i], let q = y[j] else {
                    if op.isMask { throw ctx.error("cannot compare the batch size, which is unknown until run time") }
                    return nil
                }
                switch op {
                case .add: return p &+ q
                case .sub: return p &- q
                case .mul: return p &* q
                case .div:
                    guard q != 0 else { throw ctx.error("integer division by zero in constants") }
                    guard !(p == .min && q == -1) else { throw ctx.error("integer division overflows int64 in constants") }
                    return p / q
                case .max: return Swift.max(p, q)
                case .min: return Swift.min(p, q)
                case .less: return p < q ? 1 : 0
                case .lessOrEqual: return p <= q ? 1 : 0
                case .greater: return p > q ? 1 : 0
                case .greaterOrEqual: return p >= q ? 1 : 0
                case .equal: return p == q ? 1 : 0
                case .and: return p != 0 && q != 0 ? 1 : 0
                case .or: return p != 0 || q != 0 ? 1 : 0
                case .xor: return (p != 0) != (q != 0) ? 1 : 0
                case .pow: return nil
                }
            }
            return ConstTensor(shape: shape, ints: out)
        }
        guard let x = a.floats, let y = b.floats else { throw ctx.error("cannot mix the batch size with floats") }
        let out = zip(ia, ib).map { (i, j) in op.evaluate(x[i], y[j]) }
        if op.isMask { return ConstTensor(shape: shape, ints: out.map { Int64($0) }) }
        return ConstTensor(shape: shape, floats: out)
    }
}

// MARK: Elementwise ops on constants

extension Formula {
    /// The formula's value at `x`, in float32. Every libm function is the C library's float
    /// function through Glibc (`expf`, `logf`, `sqrtf`, `erff`, `expm1f`, `log1pf`, `fabsf`,
    /// `fminf`, `fmaxf`), the ones the kernels call, and `+ - * /` are IEEE float32 as in C; the
    /// kernels' own branch-free sigmoid, tanh and fast expm1 (`cnnc_sigmoidf`, `cnnc_tanhf`,
    /// `cnnc_expm1f`: a few ulp, sigmoid within 2e-7 absolute) are computed here with libm's
    /// `1 / (1 + expf(-x))`, `tanhf` and `expm1f` instead, so a folded value may differ from the
    /// kernel's in its last bits.
    /// Selects follow the C: a comparison with a NaN is false.
    func evaluate(_ v: Float) -> Float {
        switch self {
        case .x: return v
        case .constant(let c): return c
        case .add(let a, let b): return a.evaluate(v) + b.evaluate(v)
        case .sub(let a, let b): return a.evaluate(v) - b.evaluate(v)
        case .mul(let a, let b): return a.evaluate(v) * b.evaluate(v)
        case .div(let a, let b): return a.evaluate(v) / b.evaluate(v)
        case .negate(let a): return -a.evaluate(v)
        case .greater(let a, let b): return a.evaluate(v) > b.evaluate(v) ? 1 : 0
        case .less(let a, let b): return a.evaluate(v) < b.evaluate(v) ? 1 : 0
        case .select(let c, let a, let b):
            let test: Bool
            switch c {
            case .greater(let p, let q): test = p.evaluate(v) > q.evaluate(v)
            case .less(let p, let q): test = p.evaluate(v) < q.evaluate(v)
            default: test = c.evaluate(v) != 0
            }
            return test ? a.evaluate(v) : b.evaluate(v)
        case .call(let f, let args):
            let a = args.map { $0.evaluate(v) }
            switch f {
            case .sigmoid: return 1 / (1 + expf(-a[0]))
            case .silu: return a[0] * (1 / (1 + expf(-a[0])))
            case .tanh: return tanhf(a[0])
            case .expm1Fast, .expm1: return expm1f(a[0])
            case .softplus: return a[0] > 0 ? a[0] + log1pf(expf(-a[0])) : log1pf(expf(a[0]))
            case .gelu: return Float(0.5 * Double(a[0]) * erfc(-Double(a[0]) / 2.0.squareRoot()))
            case .fmin: return fminf(a[0], a[1])
            case .fmax: return fmaxf(a[0], a[1])
            case .exp: return expf(a[0])
            case .log: return logf(a[0])
            case .log1p: return log1pf(a[0])
            case .sqrt: return sqrtf(a[0])
            case .abs: return fabsf(a[0])
            case .erf: return erff(a[0])
            }
        }
    }
}

extension BinaryOperator {
    /// `x op y` in float32 as `BinaryEmitter.expression` computes it in C (`powf` for pow; max and
    /// min return a NaN from either side; a comparison with a NaN is false).
    func evaluate(_ x: Float, _ y: Float) -> Float {
        switch self {
        case .add: return x + y
        case .sub: return x - y
        case .mul: return x * y
        case .div: return x / y
        case .pow: return powf(x, y)
        case .max: return x > y || x != x ? x : y
        case .min: return x < y || x != x ? x : y
        case .less: return x < y ? 1 : 0
        case .lessOrEqual: return x <= y ? 1 : 0
        case .greater: return x > y ? 1 : 0
        case .greaterOrEqual: return x >= y ? 1 : 0
        case .equal: return x == y ? 1 : 0
        case .and: return x != 0 && y != 0 ? 1 : 0
        case .or: return x != 0 || y != 0 ? 1 : 0
        case .xor: return (x != 0) != (y != 0) ? 1 : 0
        }
    }
}

extension Folding {
    /// An activation (unary op) of a constant. Neg and Abs of integers stay integers (the batch
    /// size stays symbolic under Neg only as an error: it has no value); any other op of integers
    /// converts them to float32 first, as ONNX Runtime would for a float graph.
    static func activation(_ ctx: NodeContext, _ c: ConstTensor, _ a: Activation) throws -> ConstTensor {
        if case .int(let ints) = c.values, a.kind == .neg || a.kind == .abs {
            let out = try ints.map { v -> Int64? in
                guard let v else { throw ctx.error("cannot apply \(ctx.opType) to the batch size, which is unknown until run time") }
                guard v != .min else { throw ctx.error("\(ctx.opType) of \(v) overflows int64") }
                return a.kind == .neg ? -v : Swift.abs(v)
            }
            return ConstTensor(shape: c.shape, ints: out)
        }
        guard let values = c.floats else {
            throw ctx.error("cannot apply \(ctx.opType) to the batch size, which is unknown until run time")
        }
        let formula = a.formula
        return ConstTensor(shape: c.shape, floats: values.map { formula.evaluate($0) })
    }
}
