import CNNIR

/// Overflow-checked shape arithmetic for untrusted models.
///
/// A model's dimensions and shape constants are hostile input: multiplying them with `*` traps
/// on overflow (exit 132, no message). Every product of model-given sizes goes through here.
enum ShapeBounds {
    /// The most elements any tensor may have (the limit of `ShapeInference.boundedElementCount`).
    static let maxElements = 1 << 40

    /// The product of `values`, or nil when it overflows `Int`.
    static func product<C: Collection>(_ values: C) -> Int? where C.Element == Int {
        var p = 1
        for v in values {
            let (q, overflow) = p.multipliedReportingOverflow(by: v)
            guard !overflow else { return nil }
            p = q
        }
        return p
    }

    /// The sum of `values`, or nil when it overflows `Int`.
    static func sum(_ values: Int?...) -> Int? {
        var s = 0
        for v in values {
            guard let v else { return nil }
            let (t, overflow) = s.addingReportingOverflow(v)
            guard !overflow else { return nil }
            s = t
        }
        return s
    }

    /// Whether `shape` is a usable tensor shape: non-negative dimensions whose product, with any
    /// zero dimensions left out, is at most `maxElements` (so that no partial product, such as a
    /// weight's fan-in or a block size, can overflow, even for an empty tensor).
    static func isBounded(_ shape: [Int]) -> Bool {
        guard shape.allSatisfy({ $0 >= 0 }), let p = product(shape.filter { $0 != 0 }) else { return false }
        return p <= maxElements
    }

    /// The model-given integer dimensions `dims` as a bounded shape, or nil.
    static func shape(_ dims: [Int64]) -> [Int]? {
        var shape: [Int] = []
        for d in dims {
            guard let v = Int(exactly: d), v >= 0, v <= maxElements else { return nil }
            shape.append(v)
        }
        return isBounded(shape) ? shape : nil
    }
}
