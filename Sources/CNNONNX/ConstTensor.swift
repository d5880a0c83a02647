import CNNIR

/// A tensor whose value is known at import time: an initializer, a Constant node's
/// value, or the result of folding shape arithmetic.
///
/// Integers may hold `nil` for "the runtime batch size": `Shape` of an activation
/// gives `[nil, C, H, W]`, and folding moves such entries around (Gather, Concat,
/// Unsqueeze, Slice) until a Reshape consumes them.
struct ConstTensor {
    enum Values {
        case float([Float])
        case int([Int64?])
    }

    /// Full ONNX shape (no batch dimension is dropped from constants).
    var shape: [Int]
    var values: Values

    init(shape: [Int], floats: [Float]) {
        precondition(shape.reduce(1, *) == floats.count)
        self.shape = shape
        values = .float(floats)
    }

    init(shape: [Int], ints: [Int64?]) {
        precondition(shape.reduce(1, *) == ints.count)
        self.shape = shape
        values = .int(ints)
    }

    /// Integers that are all known (no batch-size entry).
    init(shape: [Int], known: [Int64]) {
        self.init(shape: shape, ints: known.map { Optional($0) })
    }

    var count: Int { shape.reduce(1, *) }
    var isFloat: Bool { if case .float = values { return true } else { return false } }

    /// The values as floats (integers converted; the batch size has no float value).
    var floats: [Float]? {
        switch values {
        case .float(let f): return f
        case .int(let i):
            guard !i.contains(where: { $0 == nil }) else { return nil }
            return i.map { Float($0!) }
        }
    }

    /// The values as integers, `nil` entries meaning the runtime batch size; floats must be integral.
    var ints: [Int64?]? {
        switch values {
        case .int(let i): return i
        case .float(let f):
            guard f.allSatisfy({ $0.isFinite && $0.rounded() == $0 && abs($0) < 9e15 }) else { return nil }
            return f.map { Int64($0) }
        }
    }

    /// Integers with no batch-size entry.
    var knownInts: [Int]? {
        guard let i = ints, !i.contains(where: { $0 == nil }) else { return nil }
        return i.map { Int($0!) }
    }

    /// Elements `indices` along the flat order, keeping the kind.
    func gathering(_ indices: [Int], shape newShape: [Int]) -> ConstTensor {
        switch values {
        case .float(let f): return ConstTensor(shape: newShape, floats: indices.map { f[$0] })
        case .int(let i): return ConstTensor(shape: newShape, ints: indices.map { i[$0] })
        }
    }

    /// The same values with another shape.
    func reshaped(_ newShape: [Int]) -> ConstTensor {
        var copy = self
        copy.shape = newShape
        return copy
    }

    /// A human-readable rendering for diagnostics: `[1, -1]`, `[N, 512]` (N is the batch size), or the shape of a big tensor.
    var summary: String {
        guard count <= 8 else { return "a tensor of shape \(ShapeInference.format(shape))" }
        switch values {
        case .float(let f): return "[" + f.map { "\($0)" }.joined(separator: ", ") + "]"
        case .int(let i): return "[" + i.map { $0.map(String.init) ?? "N" }.joined(separator: ", ") + "]"
        }
    }
}

/// Row-major strides of `shape`.
func rowMajorStrides(_ shape: [Int]) -> [Int] {
    var strides = Array(repeating: 1, count: shape.count)
    var s = 1
    for d in stride(from: shape.count - 1, through: 0, by: -1) {
        strides[d] = s
        s *= shape[d]
    }
    return strides
}

/// NumPy broadcasting of two shapes, or nil when they do not broadcast.
func broadcastShapes(_ a: [Int], _ b: [Int]) -> [Int]? {
    let rank = max(a.count, b.count)
    let pa = Array(repeating: 1, count: rank - a.count) + a
    let pb = Array(repeating: 1, count: rank - b.count) + b
    var out: [Int] = []
    for (x, y) in zip(pa, pb) {
        if x == y || y == 1 { out.append(x) } else if x == 1 { out.append(y) } else { return nil }
    }
    return out
}

/// For each element of `target` (row-major), the flat index of the element of `source` it reads under broadcasting.
func broadcastIndices(from source: [Int], to target: [Int]) -> [Int] {
    let padded = Array(repeating: 1, count: target.count - source.count) + source
    let sourceStrides = rowMajorStrides(padded)
    let targetStrides = rowMajorStrides(target)
    let count = target.reduce(1, *)
    return (0..<count).map { flat in
        var index = 0
        for d in target.indices {
            let coordinate = (flat / targetStrides[d]) % target[d]
            if padded[d] != 1 { index += coordinate * sourceStrides[d] }
        }
        return index
    }
}
