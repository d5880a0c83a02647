import CNNIR

/// Conv, ConvTranspose and the pools.
enum ConvOps {
    /// Explicit padding from `auto_pad` and `pads`: SAME_UPPER puts the odd extra element at the end, SAME_LOWER at the beginning.
    static func padding(_ ctx: NodeContext, spatial: [Int], kernel: [Int], stride: [Int], dilation: [Int]) throws -> Padding {
        let rank = kernel.count
        let autoPad = try ctx.string("auto_pad", default: "NOTSET")
        switch autoPad {
        case "NOTSET":
            guard let pads = try ctx.ints("pads") else { return .zero(rank: rank) }
            guard pads.count == 2 * rank else {
                throw ctx.error("expected attribute 'pads' with \(2 * rank) values (begin then end of each spatial dimension), got \(pads)")
            }
            guard pads.allSatisfy({ $0 >= 0 }) else { throw ctx.error("unsupported negative 'pads' \(pads)") }
            return Padding(begin: Array(pads[0..<rank]), end: Array(pads[rank...]))
        case "VALID":
            return .zero(rank: rank)
        case "SAME_UPPER", "SAME_LOWER":
            var p = PaddingSpec.same.resolve(spatial: spatial, kernel: kernel, stride: stride, dilation: dilation)
            if autoPad == "SAME_LOWER" { swap(&p.begin, &p.end) }
            return p
        default:
            throw ctx.error("unsupported auto_pad \"\(Diagnostic.quoted(autoPad))\" (supported: NOTSET, SAME_UPPER, SAME_LOWER, VALID)")
        }
    }

    /// The spatial kernel from the weight's shape, checked against `kernel_shape` when given.
    static func kernel(_ ctx: NodeContext, weightShape: [Int]) throws -> [Int] {
        let kernel = Array(weightShape.dropFirst(2))
        if let k = try ctx.ints("kernel_shape"), k != kernel {
            throw ctx.error("expected kernel_shape \(k) to match the weight's spatial shape \(kernel)")
        }
        return kernel
    }

    /// What Conv and ConvTranspose share: the weight, the optional bias, the input, and the
    /// kernel, strides, dilations and group attributes.
    struct Operands {
        var w: ConstTensor, b: ConstTensor?
        var x: NodeID, xShape: [Int]
        var kernel: [Int], stride: [Int], dilation: [Int], groups: Int
        var rank: Int { kernel.count }
    }

    static func operands(_ im: inout Importer, _ ctx: NodeContext, op: String) throws -> Operands {
        let dims = try im.constantShape(ctx, 1, what: "the weight W")
        guard (3...5).contains(dims.count) else {
            throw ctx.error("expected a weight of rank 3 to 5 (\(op)1d to \(op)3d), got shape \(ShapeInference.format(dims))")
        }
        let w = try im.floats(ctx, 1, what: "the weight W", role: .weight(fanIn: dims.dropFirst().reduce(1, *)))
        let b = try im.constant(ctx, 2, what: "the bias B", role: .bias)
        if let b, !b.isFloat { throw ctx.error("expected a float bias, got integers") }
        let x = try im.tensor(ctx, 0, what: "the input X")
        let xShape = im.shape(x)
        guard xShape.count == dims.count - 1 else {
            throw ctx.error(
                "expected an input of rank \(dims.count) (batch, channels and \(dims.count - 2) spatial) to match the weight \(ShapeInference.format(dims)), got [N, \(xShape.map(String.init).joined(separator: ", "))]"
            )
        }
        let kernel = try Self.kernel(ctx, weightShape: w.shape)
        let stride = try ctx.perDim("strides", rank: kernel.count, default: 1, min: 1)
        let dilation = try ctx.perDim("dilations", rank: kernel.count, default: 1, min: 1)
        let groups = try ctx.int("group", default: 1)
        guard groups >= 1 else { throw ctx.error("expected group of at least 1, got \(groups)") }
        return Operands(w: w, b: b, x: x, xShape: xShape, kernel: kernel, stride: stride, dilation: dilation, groups: groups)
    }

    static func conv(_ im: inout Importer, _ ctx: NodeContext) throws {
        let o = try operands(&im, ctx, op: "conv")
        let (w, b, x, xShape, kernel, stride, dilation, groups) = (o.w, o.b, o.x, o.xShape, o.kernel, o.stride, o.dilation, o.groups)
        let padding = try Self.padding(ctx, spatial: Array(xShape.dropFirst()), kernel: kernel, stride: stride, dilation: dilation)
        let attributes = ConvAttributes(
            filters: w.shape[0], kernel: kernel, stride: stride, dilation: dilation, padding: padding, groups: groups, hasBias: b != nil)
        var params = ["weight": WeightTensor(shape: w.shape, values: w.floats!)]
        if let b { params["bias"] = WeightTensor(shape: b.shape, values: b.floats!) }
        try im.emit(ctx, .conv(attributes), inputs: [x], params: params)
    }

    /// ConvTranspose as PyTorch's: symmetric padding P and output_padding.
    ///
    /// ONNX crops `pads` (begin, end) off the full output of length S(I-1) + d(K-1) + 1 + output_padding.
    /// PyTorch crops P off both ends of the full output of length S(I-1) + d(K-1) + 1 + output_padding',
    /// whose extra output_padding' elements at the end are bias only. With P = begin and
    /// output_padding' = output_padding + begin - end both keep the same elements, so any
    /// pads with begin >= end map exactly; begin < end is P = begin and a crop of end - begin
    /// elements at the end (a `pad` node with a negative end).
    static func convTranspose(_ im: inout Importer, _ ctx: NodeContext) throws {
        let o = try operands(&im, ctx, op: "conv_transpose")
        let (w, b, x, xShape, kernel, stride, dilation, groups, rank) = (
            o.w, o.b, o.x, o.xShape, o.kernel, o.stride, o.dilation, o.groups, o.rank
        )
        var outputPadding = try ctx.perDim("output_padding", rank: rank, default: 0, min: 0)
        let spatial = Array(xShape.dropFirst())
        let autoPad = try ctx.string("auto_pad", default: "NOTSET")
        guard ["NOTSET", "VALID", "SAME_UPPER", "SAME_LOWER"].contains(autoPad) else {
            throw ctx.error("unsupported auto_pad \"\(Diagnostic.quoted(autoPad))\" (supported: NOTSET, SAME_UPPER, SAME_LOWER, VALID)")
        }
        var full: [Int] = []
        for d in 0..<rank {
            // Checked: stride, dilation and sizes come from the model (a stride of 2^40 overflowed).
            guard let extent = ShapeBounds.sum(ShapeBounds.product([dilation[d], kernel[d] - 1]), 1),
                let size = ShapeBounds.sum(ShapeBounds.product([stride[d], spatial[d] - 1]), outputPadding[d], extent),
                size <= ShapeBounds.maxElements
            else {
                throw ctx.error(
                    "expected an output of at most 2^40 elements along spatial dimension \(d), got stride \(stride[d]), dilation \(dilation[d]) and kernel \(kernel[d]) on an input of \(spatial[d])"
                )
            }
            full.append(size)
        }
        var begin = Array(repeating: 0, count: rank)
        var end = begin
        var target: [Int]? = try ctx.ints("output_shape")
        let explicitShape = target != nil
        if let t = target {
            guard t.count == rank || t.count == rank + 2 else {
                throw ctx.error("expected output_shape with \(rank) spatial sizes, got \(t)")
            }
            target = Array(t.suffix(rank))
        } else if autoPad == "SAME_UPPER" || autoPad == "SAME_LOWER" {
            target = (0..<rank).map { min(ShapeBounds.product([spatial[$0], stride[$0]]) ?? Int.max, ShapeBounds.maxElements) }
        }
        if let target {
            for d in 0..<rank {
                let total = full[d] - target[d]
                if total < 0 && !explicitShape {
                    // SAME padding with a kernel extent below the stride: the implementations disagree on where
                    // the extra cell goes (the onnx reference puts it first, ONNX Runtime leaves it out).
                    throw ctx.error(
                        "unsupported auto_pad \(autoPad) with a negative total padding (\(total)) on spatial axis \(d): the kernel covers fewer than input x stride cells, and ONNX Runtime and the onnx reference disagree on the extra one (give pads or output_shape)"
                    )
                } else if total < 0 {
                    // A larger output than the kernel covers: extra bias-only elements at the end.
                    outputPadding[d] -= total
                } else if autoPad == "SAME_UPPER" {
                    begin[d] = total / 2
                    end[d] = total - total / 2
                } else {
                    begin[d] = total - total / 2
                    end[d] = total / 2
                }
            }
        } else if autoPad == "NOTSET" {
            let p = try Self.padding(ctx, spatial: spatial, kernel: kernel, stride: stride, dilation: dilation)
            begin = p.begin
            end = p.end
        }
        // More cropped at the end than at the start (SAME_UPPER's odd total, or such pads): the
        // symmetric crop of `begin`, then a pad node that crops the rest of the end.
        var endCrop = Array(repeating: 0, count: rank)
        for d in 0..<rank {
            if begin[d] < end[d] {
                endCrop[d] = end[d] - begin[d]
                end[d] = begin[d]
            }
            outputPadding[d] += begin[d] - end[d]
        }
        guard let filters = ShapeBounds.product([w.shape[1], groups]), filters <= ShapeBounds.maxElements else {
            throw ctx.error("expected at most 2^40 output channels, got \(w.shape[1]) per group x \(groups) groups")
        }
        let attributes = ConvTransposeAttributes(
            filters: filters, kernel: kernel, stride: stride, dilation: dilation, padding: begin, outputPadding: outputPadding,
            groups: groups, hasBias: b != nil)
        var params = ["weight": WeightTensor(shape: w.shape, values: w.floats!)]
        if let b { params["bias"] = WeightTensor(shape: b.shape, values: b.floats!) }
        guard endCrop.contains(where: { $0 > 0 }) else {
            try im.emit(ctx, .convTranspose(attributes), inputs: [x], params: params)
            return
        }
        let uncropped = try im.emit(ctx, .convTranspose(attributes), inputs: [x], params: params, part: "uncropped")
        try im.emit(
            ctx, .pad(PadAttributes(mode: .constant, begin: Array(repeating: 0, count: rank + 1), end: [0] + endCrop.map { -$0 })),
            inputs: [uncropped])
    }

    static func pool(_ im: inout Importer, _ ctx: NodeContext, kind: PoolKind) throws {
        let (x, attributes) = try window(&im, ctx, kind: kind)
        try im.emit(ctx, .pool(attributes), inputs: [x])
    }

    /// The input and window of a pooling node: kernel_shape, strides, pads (or auto_pad), dilations, ceil_mode, count_include_pad.
    static func window(_ im: inout Importer, _ ctx: NodeContext, kind: PoolKind) throws -> (NodeID, PoolAttributes) {
        let x = try im.tensor(ctx, 0, what: "the input X")
        try im.requireUnusedOutputs(ctx, from: 1)
        guard let kernel = try ctx.ints("kernel_shape") else { throw ctx.error("expected attribute 'kernel_shape', got none") }
        let rank = kernel.count
        guard (1...3).contains(rank), kernel.allSatisfy({ $0 >= 1 }) else {
            throw ctx.error("expected kernel_shape of 1 to 3 sizes of at least 1, got \(kernel)")
        }
        let xShape = im.shape(x)
        guard xShape.count == rank + 1 else {
            throw ctx.error(
                "expected an input of rank \(rank + 2) for a kernel_shape of \(rank) sizes, got [N, \(xShape.map(String.init).joined(separator: ", "))]"
            )
        }
        let stride = try ctx.perDim("strides", rank: rank, default: 1, min: 1)
        let dilation = try ctx.perDim("dilations", rank: rank, default: 1, min: 1)
        let ceil = try ctx.int("ceil_mode", default: 0)
        guard ceil == 0 || ceil == 1 else { throw ctx.error("expected ceil_mode 0 or 1, got \(ceil)") }
        let includePad = kind == .average ? try ctx.int("count_include_pad", default: 0) : 0
        guard includePad == 0 || includePad == 1 else { throw ctx.error("expected count_include_pad 0 or 1, got \(includePad)") }
        let padding = try Self.padding(ctx, spatial: Array(xShape.dropFirst()), kernel: kernel, stride: stride, dilation: dilation)
        for d in 0..<rank where padding.begin[d] >= dilation[d] * (kernel[d] - 1) + 1 || padding.end[d] >= dilation[d] * (kernel[d] - 1) + 1
        {
            throw ctx.error("unsupported padding \(padding.begin) / \(padding.end) not smaller than the kernel \(kernel)")
        }
        return (
            x,
            PoolAttributes(
                kind: kind, size: kernel, stride: stride, padding: padding, ceilMode: ceil == 1, countIncludePad: includePad == 1,
                dilation: dilation)
        )
    }

    static func maxPool(_ im: inout Importer, _ ctx: NodeContext) throws { try pool(&im, ctx, kind: .max) }
    static func averagePool(_ im: inout Importer, _ ctx: NodeContext) throws { try pool(&im, ctx, kind: .average) }

    static func globalPool(_ im: inout Importer, _ ctx: NodeContext, kind: PoolKind) throws {
        let x = try im.tensor(ctx, 0, what: "the input X")
        try im.emit(ctx, .globalPool(kind), inputs: [x])
    }

    static func globalAveragePool(_ im: inout Importer, _ ctx: NodeContext) throws { try globalPool(&im, ctx, kind: .average) }

    static func globalMaxPool(_ im: inout Importer, _ ctx: NodeContext) throws { try globalPool(&im, ctx, kind: .max) }
}
