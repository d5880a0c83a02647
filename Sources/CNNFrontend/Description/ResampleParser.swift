import CNNIR

/// The `pad`, `resize` and Lp pool layers.
extension OpParser {
    /// Fields of the layers this file parses (merged into `OpParser.fields`).
    static let resampleFields: [String: [String]] = {
        var table: [String: [String]] = [
            "pad": ["padding", "value", "mode"],
            "resize": [
                "size", "scale", "mode", "coordinates", "nearest_mode", "cubic_coeff_a", "exclude_outside", "antialias", "roi",
                "extrapolation_value",
            ],
            "global_lppool": ["p"],
        ]
        for rank in 1...3 { table["lppool\(rank)d"] = ["size", "stride", "padding", "ceil_mode", "dilation", "p"] }
        return table
    }()

    /// `padding`: an integer or list for the spatial axes, a list for every per-sample axis
    /// (channels first), or `{begin, end}` of either length; negative amounts crop.
    static func pad(_ f: FieldReader, input: [Int]) throws -> Op {
        let modeName = try f.string("mode") ?? "constant"
        guard let mode = PadMode(rawValue: modeName) else {
            throw f.error(
                "mode",
                "expected mode \(PadMode.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", ")), got \"\(Diagnostic.quoted(modeName))\""
            )
        }
        let v = try f.required("padding", "the padding amounts")
        let err: (String) -> Diagnostic = { f.error("padding", $0) }
        func amounts(_ v: JSONValue, _ what: String) throws -> [Int] {
            if case .array(let items) = v.kind, items.count == input.count {
                return try FieldReader.intList(v, rank: input.count, min: -FieldReader.maxPerDimValue, what: what, error: err)
            }
            guard input.count >= 2 else {
                throw err(
                    "expected \(what) as a list of \(input.count) (one per axis of \(ShapeInference.format(input))), got \(FieldReader.describe(v))"
                )
            }
            return [0] + (try FieldReader.intList(v, rank: input.count - 1, min: -FieldReader.maxPerDimValue, what: what, error: err))
        }
        var begin: [Int]
        var end: [Int]
        if case .object(let obj) = v.kind {
            for entry in obj.entries where entry.key != "begin" && entry.key != "end" {
                throw err("unknown key '\(Diagnostic.quoted(entry.key))' in padding (expected begin and end)")
            }
            guard let b = obj["begin"], let e = obj["end"] else { throw err("expected padding object with both \"begin\" and \"end\"") }
            begin = try amounts(b, "padding begin")
            end = try amounts(e, "padding end")
        } else {
            begin = try amounts(v, "padding")
            end = begin
        }
        let value = try f.float("value", default: 0, what: "value")
        if mode != .constant && f.has("value") {
            throw f.error("value", "expected value only with mode \"constant\", got mode \"\(mode.rawValue)\"")
        }
        return .pad(PadAttributes(mode: mode, begin: begin, end: end, value: value))
    }

    /// `size` (ints) and/or `scale` (numbers), each for the spatial axes or every per-sample axis.
    static func resize(_ f: FieldReader, input: [Int]) throws -> Op {
        let r = input.count
        func perAxis<T>(_ key: String, _ what: String, _ read: (JSONValue) -> T?, unchanged: T, scalar: Bool) throws -> [T]? {
            guard let v = f.value(key) else { return nil }
            if scalar, let one = read(v) { return [unchanged] + Array(repeating: one, count: r - 1) }
            guard case .array(let items) = v.kind, items.count == r || (items.count == r - 1 && r >= 2) else {
                var got = FieldReader.describe(v)
                if case .array(let items) = v.kind { got = "a list of \(items.count)" }
                throw f.error(
                    key,
                    "expected \(what) as a list of \(r - 1) (the spatial axes) or \(r) (every axis of \(ShapeInference.format(input))), got \(got)"
                )
            }
            let values = try items.map { item -> T in
                guard let x = read(item) else {
                    throw f.error(key, "expected \(what) as a list of numbers, got \(FieldReader.describe(item)) in the list")
                }
                return x
            }
            return items.count == r ? values : [unchanged] + values
        }
        let sizes = try perAxis("size", "size", { FieldReader.int($0) }, unchanged: input[0], scalar: false)
        let scaleList = try perAxis(
            "scale", "scale",
            { v -> Float? in
                guard case .number(let n) = v.kind, n.double > 0, Float(n.double).isFinite else { return nil }
                return Float(n.double)
            }, unchanged: 1, scalar: true)
        guard sizes != nil || scaleList != nil else {
            throw Diagnostic(
                "missing required field 'size' or 'scale': expected the output sizes or the scales of a resize layer", at: f.location)
        }
        let coordinatesName = try f.string("coordinates") ?? "half_pixel"
        guard let coordinates = CoordinateMode(rawValue: coordinatesName) else {
            throw f.error(
                "coordinates",
                "expected coordinates \(CoordinateMode.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", ")), got \"\(Diagnostic.quoted(coordinatesName))\""
            )
        }
        var roi: [Float] = []
        if coordinates == .tfCropAndResize {
            let v = try f.required("roi", "the region (starts then ends of every axis) of tf_crop_and_resize")
            guard case .array(let items) = v.kind, items.count == 2 * r else {
                throw f.error(
                    "roi", "expected roi as a list of \(2 * r) numbers (starts then ends of every axis of \(ShapeInference.format(input)))")
            }
            roi = try items.map { item in
                guard case .number(let n) = item.kind, Float(n.double).isFinite else {
                    throw f.error("roi", "expected roi as a list of numbers, got \(FieldReader.describe(item)) in the list")
                }
                return Float(n.double)
            }
        } else if f.has("roi") {
            throw f.error("roi", "expected roi only with coordinates \"tf_crop_and_resize\"")
        }
        var output: [Int] = []
        var scales: [Float] = []
        for d in 0..<r {
            if let sizes {
                guard sizes[d] >= 1 && sizes[d] <= 1 << 30 else { throw f.error("size", "expected sizes from 1 to 2^30, got \(sizes[d])") }
                output.append(sizes[d])
            } else {
                let extent = coordinates == .tfCropAndResize ? Float(input[d]) * (roi[d + r] - roi[d]) : Float(input[d])
                let size = (extent * scaleList![d]).rounded(.down)
                guard size >= 1 && size <= Float(1 << 30) else {
                    throw f.error(
                        "scale",
                        "expected a scale giving 1 to 2^30 cells on axis \(d) of \(ShapeInference.format(input)), got \(scaleList![d])")
                }
                output.append(Int(size))
            }
            scales.append(scaleList?[d] ?? ResizeAttributes.scale(input: input[d], output: output[d]))
        }
        let modeName = try f.string("mode") ?? "nearest"
        let mode: ResizeMode
        switch modeName {
        case "nearest":
            let name = try f.string("nearest_mode") ?? "round_prefer_floor"
            guard let rounding = NearestRounding(rawValue: name) else {
                throw f.error(
                    "nearest_mode",
                    "expected nearest_mode \(NearestRounding.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", ")), got \"\(Diagnostic.quoted(name))\""
                )
            }
            mode = .nearest(rounding)
        case "linear": mode = .linear
        case "cubic":
            mode = .cubic(
                a: try f.float("cubic_coeff_a", default: -0.75, what: "cubic_coeff_a"),
                excludeOutside: try f.bool("exclude_outside", default: false))
        default: throw f.error("mode", "expected mode \"nearest\", \"linear\" or \"cubic\", got \"\(Diagnostic.quoted(modeName))\"")
        }
        for key in ["nearest_mode"] where modeName != "nearest" && f.has(key) {
            throw f.error(key, "expected \(key) only with mode \"nearest\"")
        }
        for key in ["cubic_coeff_a", "exclude_outside"] where modeName != "cubic" && f.has(key) {
            throw f.error(key, "expected \(key) only with mode \"cubic\"")
        }
        if coordinates != .tfCropAndResize && f.has("extrapolation_value") {
            throw f.error("extrapolation_value", "expected extrapolation_value only with coordinates \"tf_crop_and_resize\"")
        }
        if modeName == "nearest" && f.has("antialias") {
            throw f.error("antialias", "expected antialias only with mode \"linear\" or \"cubic\"")
        }
        let antialias = try f.bool("antialias", default: false)
        let extrapolation = try f.float("extrapolation_value", default: 0, what: "extrapolation_value")
        return .resize(
            ResizeAttributes(
                output: output, scales: scales, mode: mode, coordinates: coordinates, roi: roi, extrapolation: extrapolation,
                antialias: antialias))
    }

    /// `lppool1d/2d/3d` (a window, as the other pools, and `p`) or `global_lppool`.
    static func lpPool(_ name: String, _ f: FieldReader, input: [Int], rank: Int) throws -> Op {
        let p = try f.int("p", default: 2, min: 1, what: "p")
        guard p <= 64 else { throw f.error("p", "expected p of at most 64, got \(p)") }
        guard name != "global_lppool" else { return .lpPool(LpPoolAttributes(p: p, window: nil)) }
        return .lpPool(LpPoolAttributes(p: p, window: try window(f, kind: .average, input: input, rank: rank)))
    }

    /// The window fields of a pool layer: size, stride (default: size), padding, ceil_mode, dilation.
    static func window(_ f: FieldReader, kind: PoolKind, input: [Int], rank: Int, includePad: Bool = false) throws -> PoolAttributes {
        let size = try f.intPerDim("size", rank: rank, min: 1, what: "size")
        let stride = try f.intPerDim("stride", rank: rank, default: size, min: 1, what: "stride")
        let dilation = try f.intPerDim("dilation", rank: rank, default: ones(rank), min: 1, what: "dilation")
        let padding = try paddingSpec(f, rank: rank).resolve(
            spatial: Array(input.dropFirst()), kernel: size, stride: stride, dilation: dilation)
        let ceil = try f.bool("ceil_mode", default: false)
        return PoolAttributes(
            kind: kind, size: size, stride: stride, padding: padding, ceilMode: ceil, countIncludePad: includePad, dilation: dilation)
    }
}
