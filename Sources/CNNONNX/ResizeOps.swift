import CNNIR

/// Concat, Resize, Upsample and Pad.
enum ResizeOps {
    static func concat(_ im: inout Importer, _ ctx: NodeContext) throws {
        guard let axis = try ctx.int("axis") else { throw ctx.error("expected attribute 'axis', got none") }
        var values: [Value] = []
        for k in ctx.proto.input.indices {
            guard let v = try im.value(ctx, k) else { continue }
            values.append(v)
        }
        guard !values.isEmpty else { throw ctx.error("expected at least one input, got none") }
        let constants = values.compactMap { v -> ConstTensor? in if case .constant(let c) = v { return c } else { return nil } }
        if constants.count == values.count {
            im.define(ctx, 0, .constant(try Folding.concat(ctx, constants, axis: axis)))
            return
        }
        guard constants.isEmpty else {
            throw ctx.error("unsupported concat of tensors computed at run time with constants")
        }
        let ids = values.map { v -> NodeID in if case .tensor(let id) = v { return id } else { preconditionFailure() } }
        let rank = im.shape(ids[0]).count + 1
        let a = try ctx.axis(axis, rank: rank)
        guard a >= 1 else { throw ctx.error("unsupported axis \(axis) (a concat along the batch)") }
        try im.emit(ctx, .concat(axis: a - 1), inputs: ids)
    }

    /// Integer scale factors of H and W for a 4-D tensor, from per-axis scales; every other axis must keep its size.
    static func spatialScales(_ ctx: NodeContext, _ scales: [Double], shape: [Int]) throws -> [Int] {
        for (d, s) in scales.enumerated() where d < 2 && s != 1 {
            throw ctx.error("unsupported scale \(s) of axis \(d) (only the spatial axes H and W are resized)")
        }
        guard scales.count == 4, shape.count == 3 else {
            throw ctx.error("unsupported resize of a rank-\(shape.count + 1) tensor (only [N, C, H, W])")
        }
        return try scales[2...].map { s in
            guard s >= 1, s.rounded() == s, s <= 1_048_576 else {
                throw ctx.error("unsupported scale \(s) (only integer scales of at least 1; got scales \(scales))")
            }
            return Int(s)
        }
    }

    static func resize(_ im: inout Importer, _ ctx: NodeContext) throws {
        let x = try im.tensor(ctx, 0, what: "the input X")
        let shape = im.shape(x)
        let rank = shape.count + 1
        let full: [Int?] = [nil] + shape
        let mode = try ctx.string("mode", default: "nearest")
        let coordinates = try ctx.string("coordinate_transformation_mode", default: "half_pixel")
        let nearestMode = try ctx.string("nearest_mode", default: "round_prefer_floor")
        if let v = try ctx.int("antialias"), v != 0 { throw ctx.error("unsupported antialias \(v) (only 0)") }
        if let v = try ctx.int("exclude_outside"), v != 0 { throw ctx.error("unsupported exclude_outside \(v) (only 0)") }
        let axes = try (try ctx.ints("axes") ?? Array(0..<rank)).map { try ctx.axis($0, rank: rank) }

        var scales = Array(repeating: 1.0, count: rank)
        if let s = try im.constant(ctx, 2, what: "the scales"), s.count > 0 {
            guard let f = s.floats, f.count == axes.count else { throw ctx.error("expected \(axes.count) scales, got \(s.summary)") }
            for (j, a) in axes.enumerated() { scales[a] = Double(f[j]) }
        } else if let sizes = try im.constant(ctx, 3, what: "the sizes"), sizes.count > 0 {
            let policy = try ctx.string("keep_aspect_ratio_policy", default: "stretch")
            guard policy == "stretch" else { throw ctx.error("unsupported keep_aspect_ratio_policy \"\(Diagnostic.quoted(policy))\" (only stretch)") }
            guard let v = sizes.ints, v.count == axes.count else { throw ctx.error("expected \(axes.count) sizes, got \(sizes.summary)") }
            for (j, a) in axes.enumerated() {
                guard let size = v[j] else { continue }  // the batch size: unchanged
                guard let input = full[a] else {
                    guard size == Int64(im.declaredBatch ?? -2) else { throw ctx.error("unsupported size \(size) for the batch axis") }
                    continue
                }
                guard size >= 1, size % Int64(input) == 0 else {
                    throw ctx.error("unsupported size \(size) for axis \(a) of size \(input) (only integer multiples; got sizes \(sizes.summary))")
                }
                scales[a] = Double(size / Int64(input))
            }
        } else {
            throw ctx.error("expected scales or sizes, got neither")
        }
        if scales.allSatisfy({ $0 == 1 }) {
            im.define(ctx, 0, .tensor(x))
            return
        }
        let factors = try spatialScales(ctx, scales, shape: shape)
        let upsampleMode: UpsampleMode
        switch mode {
        case "nearest":
            let halfPixel = ["half_pixel", "pytorch_half_pixel"].contains(coordinates) && ["round_prefer_floor", "round_prefer_ceil"].contains(nearestMode)
            guard (coordinates == "asymmetric" && nearestMode == "floor") || halfPixel else {
                throw ctx.error("unsupported nearest resize with coordinate_transformation_mode \"\(Diagnostic.quoted(coordinates))\" and nearest_mode \"\(Diagnostic.quoted(nearestMode))\" (supported: asymmetric with floor, as PyTorch exports it, or half_pixel with round_prefer_floor/ceil, which pick the same pixels at integer scales)")
            }
            upsampleMode = .nearest
        case "linear":
            guard ["half_pixel", "pytorch_half_pixel"].contains(coordinates) else {
                throw ctx.error("unsupported linear resize with coordinate_transformation_mode \"\(Diagnostic.quoted(coordinates))\" (supported: half_pixel and pytorch_half_pixel, PyTorch's bilinear with align_corners=False)")
            }
            upsampleMode = .bilinear
        default:
            throw ctx.error("unsupported mode \"\(Diagnostic.quoted(mode))\" (supported: nearest, linear)")
        }
        try im.emit(ctx, .upsample(scale: factors, mode: upsampleMode), inputs: [x])
    }

    /// Upsample (deprecated since opset 10): nearest is source pixel floor(i / scale).
    static func upsample(_ im: inout Importer, _ ctx: NodeContext) throws {
        let x = try im.tensor(ctx, 0, what: "the input X")
        let mode = try ctx.string("mode", default: "nearest")
        guard mode == "nearest" else {
            throw ctx.error("unsupported mode \"\(Diagnostic.quoted(mode))\" (only nearest: Upsample's linear mode uses asymmetric coordinates, unlike PyTorch's bilinear; use Resize with half_pixel)")
        }
        var scales: [Float]
        if let s = try ctx.floats("scales") {
            scales = s
        } else if let s = try im.constant(ctx, 1, what: "the scales"), let f = s.floats {
            scales = f
        } else {
            throw ctx.error("expected scales, got none")
        }
        guard scales.count == im.shape(x).count + 1 else { throw ctx.error("expected \(im.shape(x).count + 1) scales, got \(scales)") }
        if scales.allSatisfy({ $0 == 1 }) {
            im.define(ctx, 0, .tensor(x))
            return
        }
        let factors = try spatialScales(ctx, scales.map(Double.init), shape: im.shape(x))
        try im.emit(ctx, .upsample(scale: factors, mode: .nearest), inputs: [x])
    }

    static func pad(_ im: inout Importer, _ ctx: NodeContext) throws {
        let x = try im.tensor(ctx, 0, what: "the data")
        let shape = im.shape(x)
        let rank = shape.count + 1
        let mode = try ctx.string("mode", default: "constant")
        guard mode == "constant" else { throw ctx.error("unsupported mode \"\(Diagnostic.quoted(mode))\" (only constant)") }
        var pads: [Int]
        var value: Float = 0
        if im.opset < 11 {
            guard let p = try ctx.ints("pads") else { throw ctx.error("expected attribute 'pads', got none") }
            pads = p
            value = try ctx.float("value", default: 0)
        } else {
            guard let p = try im.constant(ctx, 1, what: "the pads"), let v = p.knownInts else { throw ctx.error("expected constant integer pads") }
            pads = v
            if let c = try im.constant(ctx, 2, what: "the constant_value"), c.count > 0 {
                guard c.count == 1, let f = c.floats?.first else { throw ctx.error("expected a scalar constant_value, got \(c.summary)") }
                value = f
            }
        }
        var axes = Array(0..<rank)
        if let a = try im.constant(ctx, 3, what: "the axes") {
            guard let v = a.knownInts else { throw ctx.error("expected constant integer axes") }
            axes = try v.map { try ctx.axis($0, rank: rank) }
        }
        guard pads.count == 2 * axes.count else { throw ctx.error("expected \(2 * axes.count) pads, got \(pads)") }
        var begin = Array(repeating: 0, count: rank), end = begin
        for (j, a) in axes.enumerated() {
            begin[a] = pads[j]
            end[a] = pads[j + axes.count]
        }
        guard begin.allSatisfy({ $0 >= 0 }), end.allSatisfy({ $0 >= 0 }) else { throw ctx.error("unsupported negative pads \(pads) (cropping)") }
        guard begin[0] == 0, end[0] == 0, begin[1] == 0, end[1] == 0 else {
            throw ctx.error("unsupported padding of the batch or channel axis (pads \(pads); only spatial axes)")
        }
        guard rank >= 3 else { throw ctx.error("unsupported pad of a flat tensor (only spatial axes)") }
        let padding = Padding(begin: Array(begin.dropFirst(2)), end: Array(end.dropFirst(2)))
        if padding.isZero {
            im.define(ctx, 0, .tensor(x))
            return
        }
        try im.emit(ctx, .pad(padding, value: value), inputs: [x])
    }
}
