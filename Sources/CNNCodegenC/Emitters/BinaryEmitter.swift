import CNNIR

/// `out = a op b` with NumPy broadcasting, then the fused activations.
///
/// The output's dimensions are walked in order with each operand's stride (0 where it
/// broadcasts). Adjacent dimensions along which every operand is contiguous merge into one, so
/// equal shapes become a single loop and `[C, H, W] * [C, 1, 1]` becomes C loops over H*W with
/// the scale hoisted by clang: the innermost loop is always unit-stride or constant in each
/// operand, which vectorises.
enum BinaryEmitter {
    /// One loop of the walk: its extent, and the stride of the output and of each operand in it.
    struct Dimension: Equatable {
        var size: Int
        var out: Int
        var a: Int
        var b: Int
    }

    static func emit(_ attributes: BinaryAttributes, _ ctx: inout KernelContext) -> CFunction {
        let shape = ctx.node.shape
        let count = ctx.node.elementCount
        let (shapeA, shapeB) = attributes.operandShapes(inputs: ctx.inputShapes)
        let dims = dimensions(out: shape, shapeA, shapeB)

        // Each operand: a pointer and its stride between samples (0 for the constant).
        var decls: [CStmt] = []
        let ((pa, batchA), (pb, batchB)) = ctx.twoOperands(attributes.constant, shapeA, shapeB, decls: &decls)

        func index(_ stride: (Dimension) -> Int, batch: Int) -> CExpr {
            dims.indices.reduce(.v("b") * .int(batch)) { $0 + .v("i\($1)") * .int(stride(dims[$1])) }
        }
        var body: [CStmt] = [
            .decl("const float", "xa", pa[index(\.a, batch: batchA)]),
            .decl("const float", "xb", pb[index(\.b, batch: batchB)]),
            .decl("float", "v", expression(attributes.op, .v("xa"), .v("xb"))),
        ]
        body += epilogueStatements(attributes.epilogue, value: .v("v"), operandIndex: .int(0))
        body.append(.assign(ctx.output[index(\.out, batch: count)], "=", .v("v")))
        for d in dims.indices.reversed() { body = [.loop("i\(d)", .int(dims[d].size), body)] }
        return ctx.function(
            decls + [
                KernelContext.parallelFor(collapse: 2, work: count * attributes.op.cost),
                .loop("b", ctx.batch, body),
            ])
    }

    /// The C of `x op y`; max and min return a NaN from either side, as PyTorch's maximum and minimum do.
    /// A comparison is a select of 1 or 0 (false when either side is NaN); the logical ops read a
    /// non-zero operand as true. Both compile to vector compares and blends.
    static func expression(_ op: BinaryOperator, _ x: CExpr, _ y: CExpr) -> CExpr {
        func mask(_ test: CExpr) -> CExpr { .ternary(test, .float(1), .float(0)) }
        switch op {
        case .less: return mask(x < y)
        case .lessOrEqual: return mask(x <= y)
        case .greater: return mask(x > y)
        case .greaterOrEqual: return mask(x >= y)
        case .equal: return mask(x.eq(y))
        case .and: return mask(x.ne(.float(0)) && y.ne(.float(0)))
        case .or: return mask(x.ne(.float(0)) || y.ne(.float(0)))
        case .xor: return mask(x.ne(.float(0)).ne(y.ne(.float(0))))
        case .add: return x + y
        case .sub: return x - y
        case .mul: return x * y
        case .div: return x / y
        case .pow: return .call("powf", [x, y])
        case .max: return .ternary(x > y || x.ne(x), x, y)
        case .min: return .ternary(x < y || x.ne(x), x, y)
        }
    }

    /// The loops over `out`, outermost first: dimensions of size 1 dropped, and a dimension
    /// merged into the one before it when every operand steps through both contiguously
    /// (outer stride = inner stride * inner size; two broadcast dimensions, 0 and 0, merge too).
    static func dimensions(out: [Int], _ a: [Int], _ b: [Int]) -> [Dimension] {
        let rank = out.count
        let pa = Broadcasting.padded(a, to: rank)
        let pb = Broadcasting.padded(b, to: rank)
        func strides(_ p: [Int]) -> [Int] {
            var s = Array(repeating: 0, count: rank)
            var acc = 1
            for d in (0..<rank).reversed() {
                s[d] = p[d] == 1 ? 0 : acc
                acc *= p[d]
            }
            return s
        }
        let so = strides(out)
        let sa = strides(pa)
        let sb = strides(pb)
        var dims: [Dimension] = []
        for d in 0..<rank where out[d] > 1 {
            let next = Dimension(size: out[d], out: so[d], a: sa[d], b: sb[d])
            if let last = dims.last, last.out == next.out * next.size, last.a == next.a * next.size, last.b == next.b * next.size {
                dims[dims.count - 1] = Dimension(size: last.size * next.size, out: next.out, a: next.a, b: next.b)
            } else {
                dims.append(next)
            }
        }
        return dims.isEmpty ? [Dimension(size: 1, out: 1, a: 0, b: 0)] : dims
    }

    /// `out = condition != 0 ? x : y` (`where`) with NumPy broadcasting of the three operands,
    /// walked as `emit` walks two: one loop per output dimension (size-1 dimensions dropped,
    /// adjacent dimensions merged where every operand is contiguous across them), each operand
    /// read with its own stride (0 where it broadcasts). The select compiles to a vector blend.
    static func emitWhere(_ attributes: WhereAttributes, _ ctx: inout KernelContext) -> CFunction {
        let shape = ctx.node.shape
        let count = ctx.node.elementCount
        let shapes = attributes.operandShapes(inputs: ctx.inputShapes)
        let dims = dimensions(out: shape, operands: shapes)

        var decls: [CStmt] = []
        var computed = 0
        var pointers: [(CExpr, Int)] = []
        for (k, name) in WhereAttributes.operandNames.enumerated() {
            if attributes.constants[k] != nil {
                let symbol = "k\(name.prefix(1))"
                decls.append(.decl("const float *restrict", symbol, ctx.weights(ctx.node.params[name]!)))
                pointers.append((.v(symbol), 0))
            } else {
                pointers.append((ctx.input(computed), shapes[k].reduce(1, *)))
                computed += 1
            }
        }
        func index(_ stride: (Int) -> Int, batch: Int) -> CExpr {
            dims.indices.reduce(.v("b") * .int(batch)) { $0 + .v("i\($1)") * .int(stride($1)) }
        }
        let reads = pointers.enumerated().map { k, p in p.0[index({ dims[$0].operands[k] }, batch: p.1)] }
        var body: [CStmt] = [
            .assign(ctx.output[index({ dims[$0].out }, batch: count)], "=", .ternary(reads[0].ne(.float(0)), reads[1], reads[2]))
        ]
        for d in dims.indices.reversed() { body = [.loop("i\(d)", .int(dims[d].size), body)] }
        return ctx.function(
            decls + [
                KernelContext.parallelFor(collapse: 2, work: count),
                .loop("b", ctx.batch, body),
            ])
    }

    /// One loop of an N-operand walk: its extent, the output's stride and each operand's.
    struct Walk: Equatable {
        var size: Int
        var out: Int
        var operands: [Int]
    }

    /// `dimensions(out:_:_:)` for any number of operands.
    static func dimensions(out: [Int], operands: [[Int]]) -> [Walk] {
        let rank = out.count
        func strides(_ p: [Int]) -> [Int] {
            var s = Array(repeating: 0, count: rank)
            var acc = 1
            for d in (0..<rank).reversed() {
                s[d] = p[d] == 1 ? 0 : acc
                acc *= p[d]
            }
            return s
        }
        let so = strides(out)
        let sk = operands.map { strides(Broadcasting.padded($0, to: rank)) }
        var dims: [Walk] = []
        for d in 0..<rank where out[d] > 1 {
            let next = Walk(size: out[d], out: so[d], operands: sk.map { $0[d] })
            if let last = dims.last, last.out == next.out * next.size,
                zip(last.operands, next.operands).allSatisfy({ $0 == $1 * next.size })
            {
                dims[dims.count - 1] = Walk(size: last.size * next.size, out: next.out, operands: next.operands)
            } else {
                dims.append(next)
            }
        }
        return dims.isEmpty ? [Walk(size: 1, out: 1, operands: operands.map { _ in 0 })] : dims
    }
}

extension KernelContext {
    /// The two operands of a binary-shaped op (`binary`, `matmul`), either of which may be the
    /// node's `constant`: each a pointer and its stride between samples (0 for the constant,
    /// whose declaration `ka` or `kb` goes into `decls`); the computed ones are the inputs in order.
    mutating func twoOperands(
        _ constant: ConstantOperand?, _ shapeA: [Int], _ shapeB: [Int], decls: inout [CStmt]
    ) -> ((CExpr, Int), (CExpr, Int)) {
        var computed = 0
        func operand(isConstant: Bool, shape: [Int], name: String) -> (CExpr, Int) {
            if isConstant {
                decls.append(.decl("const float *restrict", name, weights(node.params["constant"]!)))
                return (.v(name), 0)
            }
            defer { computed += 1 }
            return (input(computed), shape.reduce(1, *))
        }
        let a = operand(isConstant: constant?.isFirst == true, shape: shapeA, name: "ka")
        let b = operand(isConstant: constant.map { !$0.isFirst } == true, shape: shapeB, name: "kb")
        return (a, b)
    }
}
