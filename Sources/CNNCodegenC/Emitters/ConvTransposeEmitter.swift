import CNNIR

/// Transposed convolution as a scatter per (sample, output channel): each task owns its output
/// plane, so the accumulation order is fixed and the result does not depend on the thread count.
enum ConvTransposeEmitter {
    static func emit(_ a: ConvTransposeAttributes, _ ctx: inout KernelContext) -> CFunction {
        let inShape = ctx.inputShapes[0]
        let ic = inShape[0]
        let oc = a.filters
        let i3 = to3D(Array(inShape.dropFirst()), fill: 1)
        let o3 = to3D(Array(ctx.node.shape.dropFirst()), fill: 1)
        let k = to3D(a.kernel, fill: 1)
        let s = to3D(a.stride, fill: 1)
        let d = to3D(a.dilation, fill: 1)
        let p = to3D(a.padding, fill: 0)
        let icg = ic / a.groups
        let ocg = oc / a.groups
        let w = ctx.weights(ctx.node.params["weight"]!)
        let bias: CExpr = ctx.node.params["bias"].map { ctx.weights($0) } ?? .int(0)
        let planeSize = o3.reduce(1, *)
        let kCount = k.reduce(1, *)
        // weight [IC, OC/groups, k...]: the kernel of (ic, oc) starts at (ic*OCG + oc%OCG) * K.
        let wIndex =
            ((.v("g") * .int(icg) + .v("ic")) * .int(ocg) + .v("j")) * .int(kCount) + (.v("kd") * .int(k[1]) + .v("kh")) * .int(k[2])
            + .v("kw")
        let scatter = scatterLoops(input: i3, output: o3, kernel: k, stride: s, dilation: d, padding: p, weightIndex: wIndex)
        let index = (.v("b") * .int(oc) + .v("oc")) * .int(planeSize) + .v("i")
        let steps = epilogueStatements(a.epilogue, value: .v("v"), operandIndex: index)
        var body: [CStmt] = [
            .local(.constInt64, "g", .v("oc") / .int(ocg)),
            .local(.constInt64, "j", .v("oc") % .int(ocg)),
            .local(.floatPointer, "y", ctx.output + (.v("b") * .int(oc) + .v("oc")) * .int(planeSize)),
            .loop("i", .int(planeSize), [.assign(.v("y")[.v("i")], "=", a.hasBias ? .v("bias")[.v("oc")] : .float(0))]),
            .loop(
                "ic", .int(icg),
                [
                    .local(
                        .constFloatPointer, "x",
                        ctx.input(0) + (.v("b") * .int(ic) + .v("g") * .int(icg) + .v("ic")) * .int(i3.reduce(1, *))),
                    scatter,
                ]),
        ]
        if !steps.isEmpty {
            body.append(
                .loop("i", .int(planeSize), [.local(.float, "v", .v("y")[.v("i")])] + steps + [.assign(.v("y")[.v("i")], "=", .v("v"))]))
        }
        return ctx.function([
            .local(.constFloatPointer, "w", w),
            .local(.constFloatPointer, "bias", bias),
            .expr(.cast("void", .v("bias"))),
            KernelContext.parallelFor(collapse: 2, work: 2 * icg * kCount * i3.reduce(1, *) * oc),
            .loop("b", ctx.batch, [.loop("oc", .int(oc), body)]),
        ])
    }

    /// Every input position `x[id][ih][iw]` of one input channel, added through each tap of the
    /// kernel to the output position it reaches (`y`), skipping taps that land in the padding.
    /// Each of the three spatial axes: input size, output size, kernel, stride, dilation, padding.
    static func scatterLoops(
        input i3: [Int], output o3: [Int], kernel k: [Int], stride s: [Int], dilation d: [Int], padding p: [Int], weightIndex: CExpr
    ) -> CStmt {
        // The output coordinate `o` of input `i` through tap `t` on axis `axis`, and the skip
        // when it falls outside the output.
        func reach(_ o: String, _ i: String, _ t: String, axis: Int) -> [CStmt] {
            [
                .local(.constInt64, o, .v(i) * .int(s[axis]) - .int(p[axis]) + .v(t) * .int(d[axis])),
                .ifThen(.v(o) < .int(0) || .v(o) >= .int(o3[axis]), [.continueLoop], else: []),
            ]
        }
        let add: CStmt = .block(
            reach("ow", "iw", "kw", axis: 2) + [
                .assign(.v("y")[(.v("od") * .int(o3[1]) + .v("oh")) * .int(o3[2]) + .v("ow")], "+=", .v("xv") * .v("w")[weightIndex])
            ])
        let columns: CStmt = .loop(
            "iw", .int(i3[2]),
            [
                .local(.constFloat, "xv", .v("x")[(.v("id") * .int(i3[1]) + .v("ih")) * .int(i3[2]) + .v("iw")]),
                .loop("kw", .int(k[2]), [add]),
            ])
        let rows: CStmt = .loop("ih", .int(i3[1]), [.loop("kh", .int(k[1]), reach("oh", "ih", "kh", axis: 1) + [columns])])
        return .loop("id", .int(i3[0]), [.loop("kd", .int(k[0]), reach("od", "id", "kd", axis: 0) + [rows])])
    }
}
