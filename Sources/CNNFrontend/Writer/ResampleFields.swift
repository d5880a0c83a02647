import CNNIR

/// The description fields of `pad`, `resize` and the Lp pools, only where they differ from the defaults.
extension OpFields {
    static func padFields(_ a: PadAttributes) -> [(String, String)] {
        var out: [(String, String)] = []
        // The spatial form (the version-1 one) when the channels are not padded.
        let spatial = a.begin.count >= 2 && a.begin[0] == 0 && a.end[0] == 0
        let (begin, end) = spatial ? (Array(a.begin.dropFirst()), Array(a.end.dropFirst())) : (a.begin, a.end)
        let list: ([Int]) -> String = { spatial ? JSONText.perDim($0) : JSONText.ints($0) }
        out.append(("padding", begin == end ? list(begin) : "{\"begin\": \(JSONText.ints(begin)), \"end\": \(JSONText.ints(end))}"))
        if a.mode != .constant { out.append(("mode", JSONText.string(a.mode.rawValue))) }
        if a.mode == .constant && (a.value != 0 || a.value.sign == .minus) { out.append(("value", JSONText.float(a.value))) }
        return out
    }

    static func resizeFields(_ a: ResizeAttributes, input: [Int]) -> [(String, String)] {
        var out: [(String, String)] = []
        // Every axis when the channels change, else the spatial axes.
        let all = a.output[0] != input[0] || a.scales[0] != 1 || a.output.count == 1
        let drop = all ? 0 : 1
        out.append(("size", JSONText.ints(Array(a.output.dropFirst(drop)))))
        let derived = a.output.indices.map { ResizeAttributes.scale(input: input[$0], output: a.output[$0]) }
        if a.scales.map(\.bitPattern) != derived.map(\.bitPattern) {
            out.append(("scale", "[" + a.scales.dropFirst(drop).map(JSONText.float).joined(separator: ", ") + "]"))
        }
        switch a.mode {
        case .nearest(let rounding):
            if rounding != .roundPreferFloor { out.append(("nearest_mode", JSONText.string(rounding.rawValue))) }
        case .linear:
            out.append(("mode", JSONText.string("linear")))
        case .cubic(let coefficient, let excludeOutside):
            out.append(("mode", JSONText.string("cubic")))
            if coefficient != -0.75 { out.append(("cubic_coeff_a", JSONText.float(coefficient))) }
            if excludeOutside { out.append(("exclude_outside", "true")) }
        }
        if a.antialias { out.append(("antialias", "true")) }
        if a.coordinates != .halfPixel { out.append(("coordinates", JSONText.string(a.coordinates.rawValue))) }
        if a.coordinates == .tfCropAndResize {
            out.append(("roi", "[" + a.roi.map(JSONText.float).joined(separator: ", ") + "]"))
            if a.extrapolation != 0 || a.extrapolation.sign == .minus {
                out.append(("extrapolation_value", JSONText.float(a.extrapolation)))
            }
        }
        return out
    }

    static func lpPoolFields(_ a: LpPoolAttributes) -> [(String, String)] {
        var out = a.window.map(windowFields) ?? []
        if a.p != 2 { out.append(("p", String(a.p))) }
        return out
    }

    /// size, stride, padding, ceil_mode and dilation of a pool.
    static func windowFields(_ a: PoolAttributes) -> [(String, String)] {
        var out: [(String, String)] = [("size", JSONText.perDim(a.size))]
        if a.stride != a.size { out.append(("stride", JSONText.perDim(a.stride))) }
        if !a.padding.isZero { out.append(("padding", padding(a.padding))) }
        if a.ceilMode { out.append(("ceil_mode", "true")) }
        if a.isDilated { out.append(("dilation", JSONText.perDim(a.dilation))) }
        return out
    }
}
