import CNNIR

/// ONNX Resize, Upsample, Pad, LpPool and GlobalLpPool.
enum ResizeImport {
    static func resize(_ im: inout Importer, _ ctx: NodeContext) throws {
        let x = try im.tensor(ctx, 0, what: "the input X")
        let shape = im.shape(x)
        let rank = shape.count + 1
        let full: [Int?] = [nil] + shape
        let modeName = try ctx.string("mode", default: "nearest")
        let coordinatesName = try ctx.string("coordinate_transformation_mode", default: "half_pixel")
        guard let coordinates = CoordinateMode(rawValue: coordinatesName) else {
            throw ctx.error(
                "unsupported coordinate_transformation_mode \"\(Diagnostic.quoted(coordinatesName))\" (supported: \(CoordinateMode.allCases.map(\.rawValue).joined(separator: ", ")))"
            )
        }
        let mode: ResizeMode
        switch modeName {
        case "nearest":
            let name = try ctx.string("nearest_mode", default: "round_prefer_floor")
            guard let rounding = NearestRounding(rawValue: name), rounding != .simple else {
                throw ctx.error(
                    "unsupported nearest_mode \"\(Diagnostic.quoted(name))\" (supported: round_prefer_floor, round_prefer_ceil, floor, ceil)"
                )
            }
            mode = .nearest(rounding)
        case "linear":
            mode = .linear
        case "cubic":
            let exclude = try ctx.int("exclude_outside", default: 0)
            guard exclude == 0 || exclude == 1 else { throw ctx.error("expected exclude_outside 0 or 1, got \(exclude)") }
            mode = .cubic(a: try ctx.float("cubic_coeff_a", default: -0.75), excludeOutside: exclude == 1)
        default:
            throw ctx.error("unsupported mode \"\(Diagnostic.quoted(modeName))\" (supported: nearest, linear, cubic)")
        }
        let axes = try (try ctx.ints("axes") ?? Array(0..<rank)).map { try ctx.axis($0, rank: rank) }
        guard Set(axes).count == axes.count else { throw ctx.error("expected distinct axes, got \(axes)") }

        // The region of tf_crop_and_resize: starts then ends of the given axes; the others whole.
        var roi = Array(repeating: Float(0), count: rank) + Array(repeating: Float(1), count: rank)
        if coordinates == .tfCropAndResize {
            guard let r = try im.constant(ctx, 1, what: "the roi"), r.count > 0 else {
                throw ctx.error("expected a roi (input 1) for coordinate_transformation_mode tf_crop_and_resize, got none")
            }
            guard let f = r.floats, f.count == 2 * axes.count else {
                throw ctx.error("expected a roi of \(2 * axes.count) values (starts then ends), got \(r.summary)")
            }
            for (j, a) in axes.enumerated() {
                roi[a] = f[j]
                roi[a + rank] = f[j + axes.count]
            }
            guard roi[0] == 0 && roi[rank] == 1 else {
                throw ctx.error("unsupported roi of the batch axis (\(roi[0]) to \(roi[rank]); only 0 to 1)")
            }
        }

        var scales = Array(repeating: Float(1), count: rank)
        var output = full.map { $0 ?? 1 }
        if let s = try im.constant(ctx, 2, what: "the scales"), s.count > 0 {
            guard let f = s.floats, f.count == axes.count else { throw ctx.error("expected \(axes.count) scales, got \(s.summary)") }
            for (j, a) in axes.enumerated() {
                guard f[j] > 0, f[j].isFinite else { throw ctx.error("expected positive finite scales, got \(s.summary)") }
                scales[a] = f[j]
            }
            guard scales[0] == 1 else { throw ctx.error("unsupported scale \(scales[0]) of the batch axis (only 1)") }
            for a in 1..<rank {
                // floor(input * (roi end - roi start) * scale), as ONNX Runtime (in float).
                let size = (Float(full[a]!) * (roi[a + rank] - roi[a]) * scales[a]).rounded(.down)
                guard size >= 1, size <= Float(1 << 40) else {
                    throw ctx.error(
                        "expected an output of 1 to 2^40 cells along axis \(a), got \(size) (input \(full[a]!), scale \(scales[a]))")
                }
                output[a] = Int(size)
            }
        } else if let sizes = try im.constant(ctx, 3, what: "the sizes"), sizes.count > 0 {
            guard let v = sizes.ints, v.count == axes.count else { throw ctx.error("expected \(axes.count) sizes, got \(sizes.summary)") }
            let policy = try ctx.string("keep_aspect_ratio_policy", default: "stretch")
            guard ["stretch", "not_larger", "not_smaller"].contains(policy) else {
                throw ctx.error(
                    "unsupported keep_aspect_ratio_policy \"\(Diagnostic.quoted(policy))\" (supported: stretch, not_larger, not_smaller)")
            }
            for (j, a) in axes.enumerated() {
                if a == 0 {
                    guard v[j] == nil || v[j] == Int64(im.declaredBatch ?? -2) else {
                        throw ctx.error("unsupported size \(v[j].map(String.init) ?? "N") for the batch axis (only the batch size)")
                    }
                    continue
                }
                guard let size = v[j], size >= 1, size <= 1 << 40 else {
                    throw ctx.error("expected sizes of 1 to 2^40, got \(sizes.summary)")
                }
                output[a] = Int(size)
                scales[a] = ResizeAttributes.scale(input: full[a]!, output: Int(size))
            }
            if policy != "stretch" {
                // One scale for every given axis, the smallest (not_larger) or largest (not_smaller).
                let given = axes.filter { $0 != 0 }.map { scales[$0] }
                let scale = policy == "not_larger" ? given.min() ?? 1 : given.max() ?? 1
                for a in axes where a != 0 {
                    scales[a] = scale
                    output[a] = Int((scale * Float(full[a]!)).rounded(.toNearestOrAwayFromZero))
                }
            }
        } else {
            throw ctx.error("expected scales (input 2) or sizes (input 3), got neither")
        }
        let antialias = try ctx.int("antialias", default: 0)
        guard antialias == 0 || antialias == 1 else { throw ctx.error("expected antialias 0 or 1, got \(antialias)") }
        let extrapolation = try ctx.float("extrapolation_value", default: 0)
        let attributes = ResizeAttributes(
            output: Array(output.dropFirst()), scales: Array(scales.dropFirst()), mode: mode, coordinates: coordinates,
            roi: coordinates == .tfCropAndResize ? Array(roi[1..<rank]) + Array(roi[(rank + 1)...]) : [],
            extrapolation: extrapolation, antialias: antialias == 1 && modeName != "nearest")
        try emit(&im, ctx, x, attributes)
    }

    /// An antialiased resize of several axes as one resize per axis, in axis order (as the onnx
    /// reference computes it): each filter is as wide as 1 / scale, so the taps add up per axis
    /// instead of multiplying. tf_crop_and_resize, whose roi and extrapolation span the axes, stays one node.
    static func separated(_ shape: [Int], _ a: ResizeAttributes) -> [ResizeAttributes]? {
        guard a.antialias, a.coordinates != .tfCropAndResize else { return nil }
        let resized = shape.indices.filter { !a.isIdentity(axis: $0, input: shape[$0]) }
        guard resized.count > 1, resized.contains(where: { a.scales[$0] < 1 }) else { return nil }
        var current = shape
        return resized.map { d in
            var step = a
            step.output = current
            step.output[d] = a.output[d]
            step.scales = current.map { _ in 1 }
            step.scales[d] = a.scales[d]
            current = step.output
            return step
        }
    }

    /// The identity, the `upsample2d` fast path (integer scales of H and W of [N, C, H, W], the
    /// pixels PyTorch's nearest and bilinear pick), or the general resize.
    static func emit(_ im: inout Importer, _ ctx: NodeContext, _ x: NodeID, _ a: ResizeAttributes) throws {
        let shape = im.shape(x)
        guard shape.count == a.output.count else { throw ctx.error("expected \(shape.count + 1) sizes, got \(a.output.count + 1)") }
        if shape.indices.allSatisfy({ a.isIdentity(axis: $0, input: shape[$0]) }) {
            im.define(ctx, 0, .tensor(x))
            return
        }
        if shape.count == 3, a.isIdentity(axis: 0, input: shape[0]), a.coordinates != .tfCropAndResize {
            let factors = [1, 2].map { d in
                a.scales[d] >= 1 && a.scales[d].rounded() == a.scales[d] && a.output[d] == shape[d] * Int(a.scales[d])
                    ? Int(a.scales[d]) : 0
            }
            let halfPixel = a.coordinates == .halfPixel || a.coordinates == .pytorchHalfPixel
            var fast: UpsampleMode?
            switch a.mode {
            case .nearest(let r):
                if (a.coordinates == .asymmetric && (r == .floor || r == .simple))
                    || (halfPixel && (r == .roundPreferFloor || r == .roundPreferCeil))
                {
                    fast = .nearest
                }
            case .linear:
                if halfPixel { fast = .bilinear }
            case .cubic:
                break
            }
            if let fast, !factors.contains(0) {
                try im.emit(ctx, .upsample(scale: factors, mode: fast), inputs: [x])
                return
            }
        }
        if let steps = separated(shape, a) {
            var y = x
            for (k, step) in steps.enumerated() {
                y = try im.emit(ctx, .resize(step), inputs: [y], part: k == steps.count - 1 ? nil : "axis\(k)")
            }
            return
        }
        try im.emit(ctx, .resize(a), inputs: [x])
    }

    /// Upsample (deprecated since opset 10): asymmetric coordinates; nearest floors on an
    /// upsampled axis and rounds up on a downsampled one, as ONNX Runtime does.
    static func upsample(_ im: inout Importer, _ ctx: NodeContext) throws {
        let x = try im.tensor(ctx, 0, what: "the input X")
        let shape = im.shape(x)
        let modeName = try ctx.string("mode", default: "nearest")
        let mode: ResizeMode
        switch modeName {
        case "nearest": mode = .nearest(.simple)
        case "linear", "bilinear": mode = .linear
        default: throw ctx.error("unsupported mode \"\(Diagnostic.quoted(modeName))\" (supported: nearest, linear)")
        }
        var scales: [Float]
        if let s = try ctx.floats("scales") {
            scales = s
        } else if let s = try im.constant(ctx, 1, what: "the scales"), let f = s.floats {
            scales = f
        } else {
            throw ctx.error("expected scales, got none")
        }
        guard scales.count == shape.count + 1 else { throw ctx.error("expected \(shape.count + 1) scales, got \(scales)") }
        guard scales[0] == 1 else { throw ctx.error("unsupported scale \(scales[0]) of the batch axis (only 1)") }
        guard scales.allSatisfy({ $0 > 0 && $0.isFinite }) else { throw ctx.error("expected positive finite scales, got \(scales)") }
        var output: [Int] = []
        for (d, size) in shape.enumerated() {
            let cells = (Float(size) * scales[d + 1]).rounded(.down)
            guard cells >= 1, cells <= Float(1 << 40) else {
                throw ctx.error("expected an output of 1 to 2^40 cells along axis \(d + 1), got \(cells)")
            }
            output.append(Int(cells))
        }
        try emit(&im, ctx, x, ResizeAttributes(output: output, scales: Array(scales.dropFirst()), mode: mode, coordinates: .asymmetric))
    }

    static func pad(_ im: inout Importer, _ ctx: NodeContext) throws {
        let x = try im.tensor(ctx, 0, what: "the data")
        let shape = im.shape(x)
        let rank = shape.count + 1
        let modeName = try ctx.string("mode", default: "constant")
        guard let mode = PadMode(rawValue: modeName) else {
            throw ctx.error("unsupported mode \"\(Diagnostic.quoted(modeName))\" (supported: constant, reflect, edge, wrap)")
        }
        var pads: [Int]
        var value: Float = 0
        if im.opset < 11 {
            guard let p = try ctx.ints("pads") else { throw ctx.error("expected attribute 'pads', got none") }
            pads = p
            value = try ctx.float("value", default: 0)
        } else {
            guard let p = try im.constant(ctx, 1, what: "the pads"), let v = p.knownInts else {
                throw ctx.error("expected constant integer pads")
            }
            pads = v
            if let c = try im.constant(ctx, 2, what: "the constant_value"), c.count > 0 {
                guard c.count == 1, let f = c.floats?.first else { throw ctx.error("expected a scalar constant_value, got \(c.summary)") }
                value = f
            }
        }
        var axes = Array(0..<rank)
        if let a = try im.constant(ctx, 3, what: "the axes"), a.count > 0 {
            guard let v = a.knownInts else { throw ctx.error("expected constant integer axes") }
            axes = try v.map { try ctx.axis($0, rank: rank) }
            guard Set(axes).count == axes.count else { throw ctx.error("expected distinct axes, got \(v)") }
        }
        guard pads.count == 2 * axes.count else { throw ctx.error("expected \(2 * axes.count) pads, got \(pads)") }
        var begin = Array(repeating: 0, count: rank)
        var end = begin
        for (j, a) in axes.enumerated() {
            guard abs(pads[j]) <= 1 << 40, abs(pads[j + axes.count]) <= 1 << 40 else {
                throw ctx.error("expected an output of at most 2^40 elements per sample, got pads \(pads)")
            }
            begin[a] = pads[j]
            end[a] = pads[j + axes.count]
        }
        guard begin[0] == 0, end[0] == 0 else {
            throw ctx.error("unsupported padding of the batch axis (pads \(pads); the batch is not padded)")
        }
        if begin.allSatisfy({ $0 == 0 }) && end.allSatisfy({ $0 == 0 }) {
            im.define(ctx, 0, .tensor(x))
            return
        }
        try im.emit(
            ctx,
            .pad(
                PadAttributes(
                    mode: mode, begin: Array(begin.dropFirst()), end: Array(end.dropFirst()), value: mode == .constant ? value : 0)),
            inputs: [x])
    }

    /// LpPool: as AveragePool's window (kernel_shape, strides, pads, dilations, ceil_mode) with `p`.
    static func lpPool(_ im: inout Importer, _ ctx: NodeContext) throws {
        let p = try ctx.int("p", default: 2)
        guard p >= 1 && p <= 64 else { throw ctx.error("expected p from 1 to 64, got \(p)") }
        let (x, window) = try ConvOps.window(&im, ctx, kind: .average)
        try im.emit(ctx, .lpPool(LpPoolAttributes(p: p, window: window)), inputs: [x])
    }

    static func globalLpPool(_ im: inout Importer, _ ctx: NodeContext) throws {
        let p = try ctx.int("p", default: 2)
        guard p >= 1 && p <= 64 else { throw ctx.error("expected p from 1 to 64, got \(p)") }
        let x = try im.tensor(ctx, 0, what: "the input X")
        try im.emit(ctx, .lpPool(LpPoolAttributes(p: p, window: nil)), inputs: [x])
    }
}
