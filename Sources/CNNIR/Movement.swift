/// How `depth_to_space` and `space_to_depth` order the block inside the channels (ONNX
/// DepthToSpace's and SpaceToDepth-28's `mode`).
public enum DepthToSpaceMode: String, Hashable, Sendable {
    /// depth-column-row: channel `(by * b + bx) * C' + c` (ONNX's default, TensorFlow's).
    case dcr = "DCR"
    /// column-row-depth: channel `(c * b + by) * b + bx` (PyTorch's `pixel_shuffle`).
    case crd = "CRD"
}

/// One axis of a slice, ONNX Slice-13 semantics: `start` and `end` may be negative (counted
/// from the end) or out of range (clamped); `step` is non-zero and may be negative.
public struct SliceAxis: Hashable, Sendable {
    /// Per-sample axis, normalised to 0..<rank.
    public var axis: Int
    public var start: Int
    public var end: Int
    public var step: Int
    public init(axis: Int, start: Int, end: Int, step: Int) {
        self.axis = axis
        self.start = start
        self.end = end
        self.step = step
    }

    /// The first index taken and how many, on an axis of `size` (clamped as ONNX Slice-13 does).
    public func resolved(size: Int) -> (first: Int, count: Int) {
        func wrap(_ v: Int) -> Int { v < 0 ? (v < -size ? -1 : v + size) : v }
        if step > 0 {
            let s = min(max(wrap(start), 0), size)
            let e = min(max(wrap(end), 0), size)
            return (s, e > s ? (e - s - 1) / step + 1 : 0)
        }
        let s = min(max(wrap(start), 0), size - 1)
        let e = min(max(wrap(end), -1), size - 1)
        let magnitude = step == Int.min ? Int.max : -step
        return (s, s > e ? (s - e - 1) / magnitude + 1 : 0)
    }
}

/// Operations that only move data between a tensor's elements: every one of them is a
/// strided copy (`stridedView`), and the C kernel for all of them is the one strided-copy kernel.
///
/// Shapes and axes are per sample: the batch axis is implicit, always first, and never moves.
public enum MovementOp: Hashable, Sendable {
    /// The same elements in the same order under another per-sample shape.
    case reshape(shape: [Int])
    /// Output axis `i` is input axis `perm[i]`.
    case transpose(perm: [Int])
    /// A strided window on some axes (the others whole).
    case slice([SliceAxis])
    /// ShuffleNet's channel shuffle: `[C, S...]` viewed as `[g, C/g, S...]`, the first two axes
    /// swapped, viewed back as `[C, S...]`: output channel `j * g + i` is input channel `i * C/g + j`.
    case channelShuffle(groups: Int)
    /// `[C, H, W]` to `[C / b^2, H * b, W * b]` (ONNX DepthToSpace).
    case depthToSpace(blockSize: Int, mode: DepthToSpaceMode)
    /// `[C, H, W]` to `[C * b^2, H / b, W / b]` (ONNX SpaceToDepth; the inverse of depth_to_space in the same mode).
    case spaceToDepth(blockSize: Int, mode: DepthToSpaceMode = .dcr)

    /// The net.json op name.
    public var name: String {
        switch self {
        case .reshape: return "reshape"
        case .transpose: return "transpose"
        case .slice: return "slice"
        case .channelShuffle: return "channel_shuffle"
        case .depthToSpace: return "depth_to_space"
        case .spaceToDepth: return "space_to_depth"
        }
    }

    /// A short description of the attributes for reports ("perm [1, 0, 2]").
    public var summary: String {
        let f: ([Int]) -> String = ShapeInference.format
        switch self {
        case .reshape(let shape): return "to \(f(shape))"
        case .transpose(let perm): return "perm \(f(perm))"
        case .slice(let axes): return axes.map { "axis \($0.axis) \($0.start):\($0.end):\($0.step)" }.joined(separator: ", ")
        case .channelShuffle(let g): return "\(g) groups"
        case .depthToSpace(let b, let mode): return "block \(b) \(mode.rawValue)"
        case .spaceToDepth(let b, let mode): return mode == .dcr ? "block \(b)" : "block \(b) \(mode.rawValue)"
        }
    }

    /// The per-sample output shape, or a diagnostic saying what was expected.
    public func outputShape(input: [Int]) throws -> [Int] {
        let f: ([Int]) -> String = ShapeInference.format
        switch self {
        case .reshape(let shape):
            guard !shape.isEmpty, shape.allSatisfy({ $0 >= 1 }) else {
                throw Diagnostic("expected a reshape to sizes of at least 1, got \(f(shape))")
            }
            guard ShapeInference.boundedElementCount(shape) == input.reduce(1, *) else {
                throw Diagnostic(
                    "expected a shape of \(input.reduce(1, *)) elements per sample (the input is \(f(input))) for reshape, got \(f(shape))")
            }
            return shape
        case .transpose(let perm):
            guard perm.sorted() == Array(input.indices) else {
                throw Diagnostic(
                    "expected perm to be a permutation of the \(input.count) per-sample axes 0..<\(input.count) (input \(f(input))), got \(f(perm))"
                )
            }
            return perm.map { input[$0] }
        case .slice(let axes):
            var out = input
            var seen = Set<Int>()
            for a in axes {
                guard a.axis >= 0 && a.axis < input.count else {
                    throw Diagnostic("expected slice axes in 0..<\(input.count) for input \(f(input)), got \(a.axis)")
                }
                guard seen.insert(a.axis).inserted else { throw Diagnostic("expected distinct slice axes, got axis \(a.axis) twice") }
                guard a.step != 0 else { throw Diagnostic("expected non-zero slice steps, got 0 on axis \(a.axis)") }
                let count = a.resolved(size: input[a.axis]).count
                guard count >= 1 else {
                    throw Diagnostic(
                        "expected a non-empty slice, got 0 elements on axis \(a.axis) of size \(input[a.axis]) (start \(a.start), end \(a.end), step \(a.step))"
                    )
                }
                out[a.axis] = count
            }
            return out
        case .channelShuffle(let g):
            guard input.count >= 1, g >= 1, input[0] % g == 0 else {
                throw Diagnostic("expected channels divisible by groups (\(g)) for channel_shuffle, got \(f(input))")
            }
            return input
        case .depthToSpace(let b, _):
            // b <= C first, so b * b cannot overflow.
            guard input.count == 3, b >= 1, b <= input[0], input[0] % (b * b) == 0 else {
                let square = b.multipliedReportingOverflow(by: b)
                throw Diagnostic(
                    "expected an input [C, H, W] with C divisible by blocksize^2 (\(square.overflow ? "\(b)^2" : "\(square.partialValue)")) for depth_to_space, got \(f(input))"
                )
            }
            return [input[0] / (b * b), input[1] * b, input[2] * b]
        case .spaceToDepth(let b, _):
            guard input.count == 3, b >= 1, input[1] % b == 0, input[2] % b == 0 else {
                throw Diagnostic(
                    "expected an input [C, H, W] with H and W divisible by blocksize (\(b)) for space_to_depth, got \(f(input))")
            }
            return [input[0] * b * b, input[1] / b, input[2] / b]
        }
    }

    /// The op as a strided read of its input: output element at row-major index `(i0, i1, ...)`
    /// of the returned `shape` (the output's elements in order) is input element
    /// `offset + sum(i_k * strides[k])`. Strides may be negative (reversed slices).
    public func stridedView(input: [Int]) -> StridedView {
        switch self {
        case .reshape:
            let count = input.reduce(1, *)
            return StridedView(shape: [count], strides: [1], offset: 0)
        case .transpose(let perm):
            return .permuted(input, perm)
        case .slice(let axes):
            var view = StridedView(shape: input, strides: StridedView.rowMajor(input), offset: 0)
            for a in axes {
                let (first, count) = a.resolved(size: input[a.axis])
                view.offset += first * view.strides[a.axis]
                view.strides[a.axis] *= a.step
                view.shape[a.axis] = count
            }
            return view
        case .channelShuffle(let g):
            return .permuted([g, input[0] / g] + input.dropFirst(), [1, 0] + Array(2..<(input.count + 1)))
        case .depthToSpace(let b, let mode):
            let (c, h, w) = (input[0] / (b * b), input[1], input[2])
            switch mode {
            case .dcr: return .permuted([b, b, c, h, w], [2, 3, 0, 4, 1])
            case .crd: return .permuted([c, b, b, h, w], [0, 3, 1, 4, 2])
            }
        case .spaceToDepth(let b, let mode):
            // The input as [c, h, by, w, bx]; the output channel is (by * b + bx) * C + c (DCR) or (c * b + by) * b + bx (CRD).
            let (c, h, w) = (input[0], input[1] / b, input[2] / b)
            switch mode {
            case .dcr: return .permuted([c, h, b, w, b], [2, 4, 0, 1, 3])
            case .crd: return .permuted([c, h, b, w, b], [0, 2, 4, 1, 3])
            }
        }
    }
}

/// A strided read: `shape` in row-major order, each index scaled by its stride, plus an offset.
public struct StridedView: Hashable, Sendable {
    public var shape: [Int]
    public var strides: [Int]
    public var offset: Int
    public init(shape: [Int], strides: [Int], offset: Int) {
        self.shape = shape
        self.strides = strides
        self.offset = offset
    }

    /// Row-major strides of `shape`.
    public static func rowMajor(_ shape: [Int]) -> [Int] {
        var strides = Array(repeating: 1, count: shape.count)
        for d in stride(from: shape.count - 2, through: 0, by: -1) { strides[d] = strides[d + 1] * shape[d + 1] }
        return strides
    }

    /// `source` (row-major) with its axes reordered: view axis `k` is source axis `perm[k]`.
    public static func permuted(_ source: [Int], _ perm: [Int]) -> StridedView {
        let s = rowMajor(source)
        return StridedView(shape: perm.map { source[$0] }, strides: perm.map { s[$0] }, offset: 0)
    }

    /// The same read with axes of size 1 dropped and neighbours merged where the outer one
    /// steps over exactly the inner one's run (at least one axis is kept).
    public var canonical: StridedView {
        var shape: [Int] = []
        var strides: [Int] = []
        for (n, s) in zip(self.shape, self.strides) where n != 1 {
            if let last = shape.indices.last, strides[last] == s * n {
                shape[last] *= n
                strides[last] = s
            } else {
                shape.append(n)
                strides.append(s)
            }
        }
        if shape.isEmpty { return StridedView(shape: [1], strides: [1], offset: offset) }
        return StridedView(shape: shape, strides: strides, offset: offset)
    }
}
