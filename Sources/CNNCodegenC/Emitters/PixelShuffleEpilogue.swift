import CNNIR

/// The pixel-shuffle plan's store (`ConvKernelPlan.PixelShuffle`): an up-convolution computed as
/// a 1x1 conv into one channel per output phase, stored interleaved.
extension TiledConvEmitter {
    /// An up-convolution's store: channel oc*sh*sw + rh*sw + rw at input position (ih, iw)
    /// is output pixel (ih*sh + rh, iw*sw + rw) of channel oc.
    static func pixelShuffleEpilogue(_ a: ConvAttributes, _ t: ConvTiling, upsample: [Int], _ ctx: KernelContext, span: Int) -> [CStmt] {
        let (sh, sw) = (upsample[0], upsample[1])
        let filters = t.ocg / (sh * sw)
        let outH = t.outH * sh
        let outW = t.outW * sw
        let row = (.v("b") * .int(filters) + .v("oc")) * .int(outH) + .v("oh") * .int(sh) + .v("rh")
        let steps = epilogueStatements(a.epilogue, value: .v("v"), operandIndex: row * .int(outW) + .v("ow") * .int(sw) + .v("rw"))
        return [
            .loop(
                "j", .v("width"),
                [
                    .local(.constInt64, "ocp", .v("blk") * .int(t.ocb) + .v("j")),
                    .local(.constInt64, "oc", .v("ocp") / .int(sh * sw)),
                    .local(.constInt64, "rh", (.v("ocp") / .int(sw)) % .int(sh)),
                    .local(.constInt64, "rw", .v("ocp") % .int(sw)),
                    .loop(
                        "oh", from: .v("q0") / .int(t.wq), to: .call("cnnc_min", [.int(t.outH), (.v("q1") + .int(t.wq - 1)) / .int(t.wq)]),
                        step: 1,
                        [
                            .local(.constInt64, "lo", .call("cnnc_max", [.v("q0") - .v("oh") * .int(t.wq), .int(0)])),
                            .local(.constInt64, "hi", .call("cnnc_min", [.v("q1") - .v("oh") * .int(t.wq), .int(t.outW)])),
                            .local(.constInt64, "base", .v("j") * .int(span) + .v("oh") * .int(t.wq) - .v("q0")),
                            .local(.floatPointer, "dst", ctx.output + row * .int(outW) + .v("rw")),
                            .loop(
                                "ow", .v("lo"), .v("hi"),
                                [.local(.float, "v", .v("wt")[.v("base") + .v("ow")])] + steps + [
                                    .assign(.v("dst")[.v("ow") * .int(sw)], "=", .v("v"))
                                ]),
                        ]),
                ])
        ]
    }
}
