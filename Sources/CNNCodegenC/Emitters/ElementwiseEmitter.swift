import CNNIR

/// Pointwise kernels: activations, prelu, learned bias, standalone batchnorm and n-ary add.
enum ElementwiseEmitter {
    /// `out[i] = act(in0[i])` over the whole batch.
    /// An activation whose formula calls a math function with a vector form in the prelude
    /// (sigmoid, tanh, SiLU, GELU, ELU) runs as vectors of `mathLanes` floats, then a scalar loop
    /// over the last `n * count % mathLanes` elements: libm's erff, which GELU's scalar form
    /// calls, stops clang from vectorising the plain loop. Activations without calls keep the plain
    /// loop, which clang vectorises itself.
    static func emitActivation(_ act: Activation, _ ctx: inout KernelContext) -> CFunction {
        let count = ctx.node.elementCount
        let l = mathLanes
        if vectorActivation(act, .v("v"), lanes: l) == nil, let steps = vectorMathActivation(act, .v("v"), lanes: l) {
            let vtype = CType.vector(l)
            let total: CExpr = ctx.batch * .int(count)
            return ctx.function([
                .decl("const int64_t", "vectors", total / .int(l)),
                KernelContext.parallelFor(collapse: 1, work: count * act.kind.facts.cost),
                .loop(
                    "j", .v("vectors"),
                    [
                        .local(vtype, "v", .loadVector(vtype, from: ctx.input(0) + .v("j") * .int(l)))
                    ] + steps + [
                        .assign(.vectorAt(vtype, ctx.output + .v("j") * .int(l)), "=", .v("v"))
                    ]),
                .loop(
                    "i", .v("vectors") * .int(l), total,
                    [
                        .decl("float", "v", ctx.input(0)[.v("i")]),
                        .assign(ctx.output[.v("i")], "=", activationExpr(act, .v("v"))),
                    ]),
            ])
        }
        return ctx.function([
            KernelContext.parallelFor(collapse: 1, work: count * act.kind.facts.cost),
            .loop(
                "i", ctx.batch * .int(count),
                [
                    .decl("float", "v", ctx.input(0)[.v("i")]),
                    .assign(ctx.output[.v("i")], "=", activationExpr(act, .v("v"))),
                ]),
        ])
    }

    /// Lanes of the standalone activations' vectors: one AVX-512 register, two AVX2 ones (the
    /// kernels are not specialised per target, and the second register hides latency).
    static let mathLanes = 16

    /// `out = in0 + in1 + ...`, then the epilogue (activation).
    static func emitAdd(_ epilogue: [EpilogueStep], _ ctx: inout KernelContext) -> CFunction {
        let count = ctx.node.elementCount
        var sum: CExpr = ctx.input(0)[.v("i")]
        for k in 1..<ctx.node.inputs.count { sum = sum + ctx.input(k)[.v("i")] }
        return ctx.function([
            KernelContext.parallelFor(collapse: 1, work: count),
            .loop(
                "i", ctx.batch * .int(count),
                [.decl("float", "v", sum)]
                    + epilogueStatements(epilogue, value: .v("v"), operandIndex: .v("i"))
                    + [.assign(ctx.output[.v("i")], "=", .v("v"))]),
        ])
    }

    /// Per-channel `out = f(in0, channel constants)` for prelu, bias and batchnorm.
    static func perChannel(_ ctx: KernelContext, _ body: (CExpr) -> [CStmt]) -> [CStmt] {
        let shape = ctx.node.shape
        let c = shape[0]
        let plane = shape.dropFirst().reduce(1, *)
        let x = ctx.input(0)[(.v("b") * .int(c) + .v("c")) * .int(plane) + .v("i")]
        return [
            KernelContext.parallelFor(collapse: 2, work: c * plane),
            .loop(
                "b", ctx.batch,
                [
                    .loop(
                        "c", .int(c),
                        [
                            .loop(
                                "i", .int(plane),
                                [.decl("const float", "v", x)] + body(ctx.output[(.v("b") * .int(c) + .v("c")) * .int(plane) + .v("i")]))
                        ])
                ]),
        ]
    }

    static func emitPReLU(_ ctx: inout KernelContext) -> CFunction {
        let slope = ctx.node.params["slope"]!
        let ptr = ctx.weights(slope)
        let s: CExpr = slope.count == 1 ? .v("slope")[0] : .v("slope")[.v("c")]
        return ctx.function(
            [.decl("const float *restrict", "slope", ptr)]
                + perChannel(ctx) { out in
                    [.assign(out, "=", .ternary(.v("v") > .float(0), .v("v"), s * .v("v")))]
                })
    }

    static func emitBias(_ mode: BiasMode, _ ctx: inout KernelContext) -> CFunction {
        let ptr = ctx.weights(ctx.node.params["bias"]!)
        switch mode {
        case .channel:
            return ctx.function(
                [.decl("const float *restrict", "bias", ptr)]
                    + perChannel(ctx) { out in
                        [.assign(out, "=", .v("v") + .v("bias")[.v("c")])]
                    })
        case .position:
            let count = ctx.node.elementCount
            return ctx.function([
                .decl("const float *restrict", "bias", ptr),
                KernelContext.parallelFor(collapse: 1, work: count),
                .loop(
                    "b", ctx.batch,
                    [
                        .loop(
                            "i", .int(count),
                            [
                                .assign(
                                    ctx.output[.v("b") * .int(count) + .v("i")], "=",
                                    ctx.input(0)[.v("b") * .int(count) + .v("i")] + .v("bias")[.v("i")])
                            ])
                    ]),
            ])
        }
    }

    /// Batchnorm that could not be folded: y = x * scale[c] + shift[c], with scale and shift
    /// precomputed at compile time (in double) from gamma, beta, mean, var and epsilon.
    static func emitBatchNorm(epsilon: Float, epilogue: [EpilogueStep], _ ctx: inout KernelContext) -> CFunction {
        let p = ctx.node.params
        let gamma = p["weight"]!.values
        let beta = p["bias"]!.values
        let mean = p["running_mean"]!.values
        let variance = p["running_var"]!.values
        var scale = [Float]()
        var shift = [Float]()
        for c in gamma.indices {
            let s = Double(gamma[c]) / (Double(variance[c]) + Double(epsilon)).squareRoot()
            scale.append(Float(s))
            shift.append(Float(Double(beta[c]) - Double(mean[c]) * s))
        }
        let sp = ctx.weights(scale)
        let hp = ctx.weights(shift)
        return ctx.function(
            [.decl("const float *restrict", "scale", sp), .decl("const float *restrict", "shift", hp)]
                + perChannel(ctx) { out in
                    [.decl("float", "r", .v("v") * .v("scale")[.v("c")] + .v("shift")[.v("c")])]
                        + epilogueStatements(epilogue, value: .v("r"), operandIndex: .int(0))
                        + [.assign(out, "=", .v("r"))]
                })
    }
}
