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
        var computed = 0
        func operand(isConstant: Bool, shape: [Int], name: String) -> (CExpr, Int) {
            if isConstant {
                decls.append(.decl("const float *restrict", name, ctx.weights(ctx.node.params["constant"]!)))
                return (.v(name), 0)
            }
            defer { computed += 1 }
            return (ctx.input(computed), shape.reduce(1, *))
        }
        let (pa, batchA) = operand(isConstant: attributes.constant?.isFirst == true, shape: shapeA, name: "ka")
        let (pb, batchB) = operand(isConstant: attributes.constant.map { !$0.isFirst } == true, shape: shapeB, name: "kb")

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
        return ctx.function(decls + [
            KernelContext.parallelFor(collapse: 2, work: count * attributes.op.cost),
            .loop("b", ctx.batch, body),
        ])
    }

    /// The C of `x op y`; max and min return a NaN from either side, as PyTorch's maximum and minimum do.
    static func expression(_ op: BinaryOperator, _ x: CExpr, _ y: CExpr) -> CExpr {
        switch op {
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
        let pa = Broadcasting.padded(a, to: rank), pb = Broadcasting.padded(b, to: rank)
        func strides(_ p: [Int]) -> [Int] {
            var s = Array(repeating: 0, count: rank), acc = 1
            for d in (0..<rank).reversed() {
                s[d] = p[d] == 1 ? 0 : acc
                acc *= p[d]
            }
            return s
        }
        let so = strides(out), sa = strides(pa), sb = strides(pb)
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
}
