/// How `pad` fills the cells outside the input.
public enum PadMode: String, Hashable, Sendable, CaseIterable {
    /// The constant `value`.
    case constant
    /// The mirror image without repeating the edge: `[a b c]` padded by 2 gives `c b a b c b a`.
    case reflect
    /// The edge value repeated.
    case edge
    /// The tensor repeated (periodic): `[a b c]` padded by 2 gives `b c a b c a b`.
    case wrap
}

/// Padding (or cropping, with negative amounts) of any per-sample axis.
public struct PadAttributes: Hashable, Sendable {
    public var mode: PadMode
    /// Cells added before each per-sample axis (channels first); negative crops.
    public var begin: [Int]
    /// Cells added after each per-sample axis; negative crops.
    public var end: [Int]
    /// The fill of `constant` mode.
    public var value: Float
    public init(mode: PadMode = .constant, begin: [Int], end: [Int], value: Float = 0) {
        self.mode = mode
        self.begin = begin
        self.end = end
        self.value = value
    }

    /// Constant padding of the spatial axes only (the version-1 `pad` layer).
    public init(spatial: Padding, value: Float) {
        self.init(mode: .constant, begin: [0] + spatial.begin, end: [0] + spatial.end, value: value)
    }

    /// The output shape; every axis keeps at least one input cell, and reflect pads less than the kept axis.
    public func outputShape(input: [Int]) throws -> [Int] {
        guard begin.count == input.count, end.count == input.count else {
            throw Diagnostic(
                "expected padding for the \(input.count) per-sample axes of \(ShapeInference.format(input)), got \(begin.count)")
        }
        var out = input
        for d in input.indices {
            let kept = input[d] + min(begin[d], 0) + min(end[d], 0)
            guard kept >= 1 else {
                throw Diagnostic(
                    "expected cropping that keeps at least one cell of axis \(d) of \(ShapeInference.format(input)), got begin \(begin[d]) end \(end[d])"
                )
            }
            // Reflect mirrors without repeating the edge: at most kept - 1 cells a side (as ONNX Runtime and PyTorch).
            if mode == .reflect && max(begin[d], end[d]) > kept - 1 {
                throw Diagnostic(
                    "expected reflect padding smaller than the axis (\(kept) cells on axis \(d) of \(ShapeInference.format(input))), got begin \(begin[d]) end \(end[d])"
                )
            }
            out[d] = input[d] + begin[d] + end[d]
        }
        guard ShapeInference.boundedElementCount(out) != nil else {
            throw Diagnostic("expected an output of at most 2^40 elements per sample, got shape \(ShapeInference.format(out))")
        }
        return out
    }

    /// Source index per output index of axis `d` of an input of `size`, or -1 for the constant.
    /// Negative amounts crop first; the mode then pads the cropped axis (as ONNX Runtime).
    public func sourceIndices(axis d: Int, size: Int) -> [Int] {
        let lo = max(-begin[d], 0)
        let n = size - lo - max(-end[d], 0)
        let before = max(begin[d], 0)
        return (0..<(size + begin[d] + end[d])).map { o in
            let j = o - before
            if j >= 0 && j < n { return lo + j }
            switch mode {
            case .constant: return -1
            case .edge: return lo + min(max(j, 0), n - 1)
            case .wrap: return lo + ((j % n) + n) % n
            case .reflect:
                guard n > 1 else { return lo }
                let period = 2 * (n - 1)
                let m = ((j % period) + period) % period
                return lo + (m < n ? m : period - m)
            }
        }
    }
}

/// How `resize` picks or weighs input cells.
public enum ResizeMode: Hashable, Sendable {
    case nearest(NearestRounding)
    /// Linear on each resized axis (bilinear, trilinear).
    case linear
    /// Cubic convolution with coefficient `a` (-0.75 as ONNX and PyTorch, -0.5 as TensorFlow);
    /// `excludeOutside` drops taps outside the input and renormalises the rest.
    case cubic(a: Float, excludeOutside: Bool)
}

/// How a nearest resize rounds a source coordinate.
public enum NearestRounding: String, Hashable, Sendable, CaseIterable {
    case roundPreferFloor = "round_prefer_floor"
    case roundPreferCeil = "round_prefer_ceil"
    case floor
    case ceil
    /// Floor on an upsampled axis, ceil on a downsampled one (ONNX Runtime's Upsample and Resize-10).
    case simple
}

/// How an output coordinate maps to an input coordinate (ONNX's coordinate_transformation_mode).
public enum CoordinateMode: String, Hashable, Sendable, CaseIterable {
    case halfPixel = "half_pixel"
    case halfPixelSymmetric = "half_pixel_symmetric"
    case pytorchHalfPixel = "pytorch_half_pixel"
    case alignCorners = "align_corners"
    case asymmetric
    case tfHalfPixelForNearest = "tf_half_pixel_for_nn"
    case tfCropAndResize = "tf_crop_and_resize"
}

/// Resizing of any per-sample axes to any sizes, by nearest, linear or cubic interpolation.
public struct ResizeAttributes: Hashable, Sendable {
    /// The per-sample output shape (channels first).
    public var output: [Int]
    /// The scale of each per-sample axis used by the coordinate mapping (ONNX: the given scale,
    /// or output / input when sizes are given).
    public var scales: [Float]
    public var mode: ResizeMode
    public var coordinates: CoordinateMode
    /// tf_crop_and_resize's region: starts then ends per per-sample axis, as fractions of the input.
    public var roi: [Float]
    /// The value of an output whose source lies outside the input (tf_crop_and_resize).
    public var extrapolation: Float
    /// Linear and cubic on a downsampled axis (scale < 1) stretch their filter by 1 / scale, so
    /// every input cell contributes, with the weights renormalised (ONNX Resize's `antialias`).
    public var antialias: Bool
    public init(
        output: [Int], scales: [Float], mode: ResizeMode, coordinates: CoordinateMode, roi: [Float] = [], extrapolation: Float = 0,
        antialias: Bool = false
    ) {
        self.output = output
        self.scales = scales
        self.mode = mode
        self.coordinates = coordinates
        self.roi = roi
        self.extrapolation = extrapolation
        self.antialias = antialias
    }

    /// The most taps per output cell of an antialiased axis (a filter stretched by 1 / scale),
    /// and of all resized axes together.
    public static let maxTaps = 1 << 12
    /// The most entries (output cells x taps) of an antialiased axis's tap table.
    public static let maxTableEntries = 1 << 24

    /// The first tap's offset from the cell left of the source coordinate, when axis `d` is
    /// antialiased: floor(-support / scale) + 1 (support 1 linear, 2 cubic); nil otherwise.
    func antialiasStart(axis d: Int, input: Int) -> Int? {
        guard antialias, scales[d] < 1, !isIdentity(axis: d, input: input) else { return nil }
        let support: Double
        switch mode {
        case .nearest: return nil
        case .linear: support = 1
        case .cubic: support = 2
        }
        let start = (-support / Double(scales[d])).rounded(.down) + 1
        return start < -Double(ResizeAttributes.maxTaps) ? -ResizeAttributes.maxTaps : Int(start)
    }

    /// The most output cells along one axis (its tap table is in the generated C).
    public static let maxAxisCells = 1 << 20

    /// Output / input as ONNX Runtime computes the scale when only sizes are given.
    public static func scale(input: Int, output: Int) -> Float { Float(output) / Float(input) }

    public func outputShape(input: [Int]) throws -> [Int] {
        guard output.count == input.count, scales.count == input.count else {
            throw Diagnostic(
                "expected resize sizes for the \(input.count) per-sample axes of \(ShapeInference.format(input)), got \(ShapeInference.format(output))"
            )
        }
        guard output.allSatisfy({ $0 >= 1 }) else {
            throw Diagnostic("expected output sizes of at least 1, got \(ShapeInference.format(output))")
        }
        // Each resized axis has a compile-time table of its cells' taps.
        guard output.allSatisfy({ $0 <= ResizeAttributes.maxAxisCells }) else {
            throw Diagnostic(
                "unsupported resize to more than \(ResizeAttributes.maxAxisCells) cells along one axis, got \(ShapeInference.format(output))"
            )
        }
        guard scales.allSatisfy({ $0 > 0 && $0.isFinite }) else { throw Diagnostic("expected positive finite scales, got \(scales)") }
        guard coordinates != .tfCropAndResize || roi.count == 2 * input.count else {
            throw Diagnostic("expected a roi of \(2 * input.count) values (starts then ends) for tf_crop_and_resize, got \(roi.count)")
        }
        guard ShapeInference.boundedElementCount(output) != nil else {
            throw Diagnostic("expected an output of at most 2^40 elements per sample, got shape \(ShapeInference.format(output))")
        }
        // An antialiased axis's filter widens with 1 / scale; its tap table is in the generated C.
        var total = 1
        for d in input.indices {
            // At most maxTaps (2^12) taps and maxAxisCells (2^20) cells, so no product overflows.
            let t = taps(axis: d, input: input[d])
            total *= min(t, ResizeAttributes.maxTaps + 1)
            guard t <= 4 || (total <= ResizeAttributes.maxTaps && t * output[d] <= ResizeAttributes.maxTableEntries) else {
                throw Diagnostic(
                    "unsupported antialiased resize with scale \(scales[d]) on axis \(d) of \(ShapeInference.format(input)): \(t) taps per output cell (at most \(ResizeAttributes.maxTaps) per cell over all axes, \(ResizeAttributes.maxTableEntries) per axis)"
                )
            }
            total = min(total, ResizeAttributes.maxTaps + 1)
        }
        return output
    }

    /// Taps per output cell of an axis: 1 for nearest or an unchanged axis, 2 linear, 4 cubic;
    /// an antialiased axis 2 - 2 * `antialiasStart` (the filter's support stretched by 1 / scale).
    public func taps(axis d: Int, input: Int) -> Int {
        if isIdentity(axis: d, input: input) { return 1 }
        if let start = antialiasStart(axis: d, input: input) { return 2 - 2 * start }
        switch mode {
        case .nearest: return 1
        case .linear: return 2
        case .cubic: return 4
        }
    }

    /// True when axis `d` maps each output cell to the same input cell with weight 1.
    public func isIdentity(axis d: Int, input: Int) -> Bool {
        guard output[d] == input, scales[d] == 1 else { return false }
        switch coordinates {
        case .tfCropAndResize:
            return roi[d] == 0 && roi[d + output.count] == 1 && input > 1 || input == 1 && roi[d] + roi[d + output.count] == 0
        case .halfPixel, .halfPixelSymmetric, .asymmetric, .alignCorners: return true
        case .pytorchHalfPixel: return true
        case .tfHalfPixelForNearest: return false
        }
    }

    /// The input coordinate of output cell `o` on axis `d` (ONNX Runtime's arithmetic, in float).
    public func sourceCoordinate(_ o: Int, axis d: Int, input: Int) -> Float {
        let x = Float(o)
        let scale = scales[d]
        let inLength = Float(input)
        let outLength = Float(output[d])
        switch coordinates {
        case .halfPixel: return (x + 0.5) / scale - 0.5
        case .halfPixelSymmetric:
            // The offset in float, the rest in double (ONNX Runtime's literals are doubles there).
            let adjustment = outLength / (scale * inLength)
            let offset = inLength / 2 * (1 - adjustment)
            return Float(Double(offset) + (Double(x) + 0.5) / Double(scale) - 0.5)
        case .pytorchHalfPixel: return output[d] > 1 ? (x + 0.5) / scale - 0.5 : 0
        case .alignCorners: return output[d] == 1 ? 0 : x * (inLength - 1) / (outLength - 1)
        case .asymmetric: return x / scale
        case .tfHalfPixelForNearest: return (x + 0.5) / scale
        case .tfCropAndResize:
            let start = roi[d]
            let end = roi[d + output.count]
            return output[d] > 1
                ? start * (inLength - 1) + x * (end - start) * (inLength - 1) / (outLength - 1)
                : Float(0.5 * Double(start + end) * Double(inLength - 1))
        }
    }

    /// Per output cell of axis `d`: `taps` input indices (-1: the extrapolation value) and weights.
    public func table(axis d: Int, input: Int) -> (indices: [Int], weights: [Float]) {
        let k = taps(axis: d, input: input)
        if isIdentity(axis: d, input: input) { return (Array(0..<input), Array(repeating: 1, count: input)) }
        var indices: [Int] = []
        var weights: [Float] = []
        indices.reserveCapacity(output[d] * k)
        weights.reserveCapacity(output[d] * k)
        let last = Float(input - 1)
        for o in 0..<output[d] {
            // Clamped far outside any input (and NaN to 0), so the integer conversions below cannot trap on extreme scales.
            let raw = sourceCoordinate(o, axis: d, input: input)
            let x = raw.isNaN ? 0 : min(max(raw, -0x1p50), 0x1p50)
            if coordinates == .tfCropAndResize && (x < 0 || x > last) {
                indices += Array(repeating: -1, count: k)
                weights += Array(repeating: 0, count: k)
                continue
            }
            if let start = antialiasStart(axis: d, input: input) {
                let taps = antialiasTaps(x: Double(x), start: start, scale: Double(scales[d]), input: input)
                indices += taps.indices
                weights += taps.weights
                continue
            }
            switch mode {
            case .nearest(let rounding):
                var i: Int
                switch rounding {
                case .roundPreferFloor: i = x == Float(Int(x)) + 0.5 ? Int(x.rounded(.down)) : Int(x.rounded(.toNearestOrAwayFromZero))
                case .roundPreferCeil: i = Int(x.rounded(.toNearestOrAwayFromZero))
                case .floor: i = Int(x.rounded(.down))
                case .ceil: i = Int(x.rounded(.up))
                case .simple: i = scales[d] < 1 ? Int(x.rounded(.up)) : Int(x)
                }
                indices.append(min(max(i, 0), input - 1))
                weights.append(1)
            case .linear:
                let c = min(max(x, 0), last)
                let i0 = min(Int(c), input - 1)
                let i1 = min(i0 + 1, input - 1)
                var w0 = abs(c - Float(i1))
                var w1 = abs(c - Float(i0))
                if i0 == i1 {
                    w0 = 0.5
                    w1 = 0.5
                }
                indices += [i0, i1]
                weights += [w0, w1]
            case .cubic(let a, let excludeOutside):
                let base = x.rounded(.down)
                let r = x - base
                var w: [Float] = [
                    ((a * (r + 1) - 5 * a) * (r + 1) + 8 * a) * (r + 1) - 4 * a,
                    ((a + 2) * r - (a + 3)) * r * r + 1,
                    ((a + 2) * (1 - r) - (a + 3)) * (1 - r) * (1 - r) + 1,
                    ((a * (2 - r) - 5 * a) * (2 - r) + 8 * a) * (2 - r) - 4 * a,
                ]
                let ib = Int(base) - 1
                if excludeOutside {
                    for t in 0..<4 where ib + t < 0 || ib + t >= input { w[t] = 0 }
                    let sum = w.reduce(0, +)
                    if sum != 0 { w = w.map { $0 / sum } }
                }
                indices += (0..<4).map { min(max(ib + $0, 0), input - 1) }
                weights += w
            }
        }
        return (indices, weights)
    }

    /// The taps of one output cell on an antialiased axis, as the onnx reference implementation
    /// computes them: the cell `base` left of source coordinate `x` (one further left when `x` is
    /// an integer, so the fraction `r` is in (0, 1]); taps `base + i` for i in start ..< 2 - start,
    /// weight k(scale * (i - r)) for the linear (triangle) or cubic kernel k, taps outside the
    /// input reading the edge (or weight 0 with exclude_outside), the weights divided by their sum.
    func antialiasTaps(x: Double, start: Int, scale: Double, input: Int) -> (indices: [Int], weights: [Float]) {
        var base = x.rounded(.down)
        var r = x - base
        if r == 0 {
            base -= 1
            r = 1
        }
        var indices: [Int] = []
        var raw: [Double] = []
        for i in start..<(2 - start) {
            let t = abs(scale * (Double(i) - r))
            var w: Double
            switch mode {
            case .nearest: w = 0
            case .linear: w = max(1 - t, 0)
            case .cubic(let a, _):
                let a = Double(a)
                w = t <= 1 ? ((a + 2) * t - (a + 3)) * t * t + 1 : t < 2 ? ((a * t - 5 * a) * t + 8 * a) * t - 4 * a : 0
            }
            let j = Int(base) + i
            if case .cubic(_, true) = mode, j < 0 || j >= input { w = 0 }
            indices.append(min(max(j, 0), input - 1))
            raw.append(w)
        }
        let sum = raw.reduce(0, +)
        return (indices, raw.map { Float(sum != 0 ? $0 / sum : $0) })
    }
}

/// Lp pooling: (sum over the window of |x|^p)^(1/p); `window` nil pools every spatial cell.
public struct LpPoolAttributes: Hashable, Sendable {
    public var p: Int
    /// Window, stride, padding, dilation and ceil mode (`kind` is unused); nil for the global form.
    public var window: PoolAttributes?
    public init(p: Int, window: PoolAttributes?) {
        self.p = p
        self.window = window
    }

    public func outputShape(input: [Int]) throws -> [Int] {
        guard p >= 1 else { throw Diagnostic("expected p of at least 1, got \(p)") }
        guard let window else {
            try ShapeInference.requireSpatial(input, rank: nil, what: "global_lppool")
            return [input[0]] + Array(repeating: 1, count: input.count - 1)
        }
        return try ShapeInference.pool(window, input: input, name: "lppool\(window.spatialRank)d")
    }
}
