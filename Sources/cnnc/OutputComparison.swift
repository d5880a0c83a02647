import CNNFrontend
import Foundation

/// How close an output must be to its expected values (`cnnc verify`).
///
/// An element is within tolerance when `|actual - expected| <= atol + rtol * |expected|`
/// and, when `maxULP` is set, its ULP distance is at most `maxULP`. Elements whose
/// actual and expected values are both within `atol` of zero count as 0 ULP apart
/// (the absolute floor: near zero, ULPs measure nothing useful).
struct Tolerance: Sendable {
    var rtol: Double
    var atol: Double
    var maxULP: UInt64?
}

/// The error statistics of one output against its expected values.
struct OutputComparison: Sendable {
    /// The output's name.
    var name: String
    /// The full shape compared, batch first.
    var shape: [Int]
    /// Elements compared.
    var elements: Int
    /// Largest |actual - expected| (infinite when an actual value is NaN or infinite and the expected one is not).
    var maxAbsError: Double = 0
    /// Largest |actual - expected| / |expected| over elements with |expected| > atol.
    var maxRelError: Double = 0
    /// Largest ULP distance after the absolute floor (`UInt64.max` for a NaN actual value).
    var maxULP: UInt64 = 0
    /// Flat index of the element furthest out of tolerance (the largest error / allowed error).
    var worstIndex = 0
    /// The actual and expected values at `worstIndex`.
    var worstActual: Float = 0
    var worstExpected: Float = 0
    /// Elements out of tolerance.
    var outOfTolerance = 0
    /// Actual values that are NaN (each is out of tolerance).
    var nanCount = 0
    /// Whether every element is within tolerance.
    var passed: Bool { outOfTolerance == 0 }
    /// The share of elements out of tolerance, 0 to 1.
    var outOfToleranceShare: Double { elements == 0 ? 0 : Double(outOfTolerance) / Double(elements) }

    /// Compares `actual` with `expected` (same count, expected free of NaN: the caller checks).
    init(name: String, shape: [Int], actual: [Float], expected: [Float], tolerance: Tolerance) {
        precondition(actual.count == expected.count, "compared arrays of different sizes")
        self.name = name
        self.shape = shape
        self.elements = actual.count
        var worstRatio = -1.0
        for i in actual.indices {
            let a = actual[i]
            let e = expected[i]
            let ad = Double(a)
            let ed = Double(e)
            var abs: Double
            if a == e {
                abs = 0  // also equal infinities
            } else if a.isNaN || !a.isFinite || !e.isFinite {
                abs = .infinity
            } else {
                abs = Swift.abs(ad - ed)
            }
            if a.isNaN { nanCount += 1 }
            let ulp = Self.ulpDistance(a, e, floor: tolerance.atol)
            let allowed = tolerance.atol + tolerance.rtol * Swift.abs(ed)
            // An infinite expected value allows anything (rtol * inf) unless it must be matched exactly.
            var within = abs <= allowed && (e.isFinite || a == e)
            if let maxULP = tolerance.maxULP, ulp > maxULP { within = false }
            if !within { outOfTolerance += 1 }
            maxAbsError = max(maxAbsError, abs)
            if Swift.abs(ed) > tolerance.atol, e.isFinite { maxRelError = max(maxRelError, abs / Swift.abs(ed)) }
            maxULP = max(maxULP, ulp)
            // The worst element: the largest error relative to what is allowed (ULPs when that is what failed).
            var ratio = allowed > 0 ? abs / allowed : (abs > 0 ? .infinity : 0)
            if !within && !e.isFinite { ratio = .infinity }
            if let maxULP = tolerance.maxULP, ulp > maxULP {
                ratio = max(ratio, Double(ulp) / Double(max(maxULP, 1)))
            }
            if ratio.isNaN { ratio = .infinity }
            if ratio > worstRatio {
                worstRatio = ratio
                worstIndex = i
                worstActual = a
                worstExpected = e
            }
        }
    }

    /// The ULP distance between two floats: how many representable float32 values lie between them.
    ///
    /// 0 when both are within `floor` of zero; `UInt64.max` when either is NaN (and they differ).
    static func ulpDistance(_ a: Float, _ b: Float, floor: Double) -> UInt64 {
        if a == b { return 0 }
        if a.isNaN || b.isNaN { return .max }
        if Double(Swift.abs(a)) <= floor && Double(Swift.abs(b)) <= floor { return 0 }
        return UInt64(Swift.abs(ordered(a) - ordered(b)))
    }

    /// Maps a float's bits to an integer that increases with the float (-0 and +0 both map to 0).
    static func ordered(_ x: Float) -> Int64 {
        let bits = Int64(x.bitPattern & 0x7FFF_FFFF)
        return x.sign == .minus ? -bits : bits
    }

    /// The multi-dimensional index of a flat index in `shape` (C order).
    static func index(_ flat: Int, in shape: [Int]) -> [Int] {
        var rest = flat
        var index = [Int](repeating: 0, count: shape.count)
        for d in shape.indices.reversed() where shape[d] > 0 {
            index[d] = rest % shape[d]
            rest /= shape[d]
        }
        return index
    }

    /// A number for a verdict line: 3 significant digits, `inf` when not finite.
    static func format(_ x: Double) -> String {
        x.isFinite ? String(format: "%.3g", x) : "inf"
    }

    /// The one-line verdict: `PASS prob [2, 10]: max abs 1.2e-07, ...`.
    func verdict() -> String {
        var line =
            "\(passed ? "PASS" : "FAIL") \(name) \(shape): max abs \(Self.format(maxAbsError)), max rel \(Self.format(maxRelError)), "
        line += "max ULP \(maxULP == .max ? "nan" : String(maxULP)), "
        line += "worst \(Self.index(worstIndex, in: shape)) (got \(worstActual), expected \(worstExpected)), "
        line += "\(outOfTolerance) of \(elements) out of tolerance (\(String(format: "%.2f", outOfToleranceShare * 100))%)"
        if nanCount > 0 { line += ", \(nanCount) NaN" }
        return line
    }

    /// The JSON object of one output (non-finite numbers are `null`).
    func json() -> String {
        func number(_ x: Double) -> String { x.isFinite ? "\(x)" : "null" }
        func float(_ x: Float) -> String { x.isFinite ? "\(x)" : "null" }
        let fields = [
            "\"name\": \(JSON.string(name))", "\"shape\": \(shape)", "\"passed\": \(passed)", "\"elements\": \(elements)",
            "\"max_abs_error\": \(number(maxAbsError))", "\"max_rel_error\": \(number(maxRelError))",
            "\"max_ulp\": \(maxULP == .max ? "null" : String(maxULP))",
            "\"worst_index\": \(Self.index(worstIndex, in: shape))", "\"worst_flat_index\": \(worstIndex)",
            "\"worst_actual\": \(float(worstActual))", "\"worst_expected\": \(float(worstExpected))",
            "\"out_of_tolerance\": \(outOfTolerance)", "\"out_of_tolerance_share\": \(outOfToleranceShare)",
            "\"nan_count\": \(nanCount)",
        ]
        return "{" + fields.joined(separator: ", ") + "}"
    }
}

/// JSON spelling shared by the reports: the escaping the safetensors and description writers use.
enum JSON {
    /// A JSON string literal.
    static func string(_ s: String) -> String { SafetensorsWriter.jsonString(s) }
}
