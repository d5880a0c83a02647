import CNNIR
import Testing

/// Shape rules and strided views of the data movement ops.
@Suite struct MovementIRTests {
    /// (size, start, end, step, first, count): ONNX Runtime's Slice-13 of `arange(size)`,
    /// computed offline (random starts, ends and steps, including +-2^62 and out-of-range
    /// values). Not Python's slicing: with a negative step, a start below -size clamps to 0
    /// (one element) in ONNX and to -1 (none) in Python.
    static let slices: [(Int, Int, Int, Int, Int, Int)] = [
        (10, -1000, 3, 2, 0, 2),
        (1, -3, -3, -4_611_686_018_427_387_904, 0, 1),
        (1, -3, 1000, 2, 0, 1),
        (7, 3, 1000, 1, 3, 4),
        (7, -7, 3, 2, 0, 2),
        (7, 0, -4_611_686_018_427_387_904, -2, 0, 1),
        (7, -3, 3, -1, 4, 1),
        (10, -11, 10, 1, 0, 10),
        (10, -1000, 4_611_686_018_427_387_904, 4_611_686_018_427_387_904, 0, 1),
        (1, -11, 9, 4_611_686_018_427_387_904, 0, 1),
        (7, 10, -4_611_686_018_427_387_904, -2, 6, 4),
        (7, 10, -7, -1, 6, 6),
        (7, 0, -3, 2, 0, 2),
        (10, -11, -4_611_686_018_427_387_904, -4_611_686_018_427_387_904, 0, 1),
        (1, -10, -3, -5, 0, 1),
        (10, -1, 1000, 2, 9, 1),
        (10, 4_611_686_018_427_387_904, 3, -2, 9, 3),
        (10, 9, 11, 3, 9, 1),
        (1, -11, -4_611_686_018_427_387_904, -1, 0, 1),
        (7, -1, 0, -1, 6, 6),
        (10, 9, -11, -1, 9, 10),
        (7, 0, 1000, 4_611_686_018_427_387_904, 0, 1),
        (1, -7, -11, -5, 0, 1),
        (10, -10, -1000, -4_611_686_018_427_387_904, 0, 1),
        (10, -10, 4_611_686_018_427_387_904, 1, 0, 10),
        (7, 3, -1, 1, 3, 3),
        (1, -11, -7, -2, 0, 1),
        (7, -1000, -1000, -1, 0, 1),
        (1, -7, 4_611_686_018_427_387_904, 1, 0, 1),
        (10, -1, 1, -1, 9, 8),
        (10, 1000, 1, -2, 9, 4),
        (10, -10, -3, 4_611_686_018_427_387_904, 0, 1),
        (1, 0, 11, 2, 0, 1),
        (7, 1000, -11, -4_611_686_018_427_387_904, 6, 1),
        (10, 9, 4_611_686_018_427_387_904, 2, 9, 1),
        (10, 4_611_686_018_427_387_904, -1000, -5, 9, 2),
        (10, 10, -3, -1, 9, 2),
        (1, 4_611_686_018_427_387_904, -3, -4_611_686_018_427_387_904, 0, 1),
        (1, -1, -10, -1, 0, 1),
        (10, 0, -1, 2, 0, 5),
        (7, -7, 1, 2, 0, 1),
        (7, -3, 1, -4_611_686_018_427_387_904, 4, 1),
        (7, -3, 9, 2, 4, 2),
        (10, 7, 3, -4_611_686_018_427_387_904, 7, 1),
        (10, 9, 11, 1, 9, 1),
        (7, -4_611_686_018_427_387_904, 11, 2, 0, 4),
        (10, 9, -3, -5, 9, 1),
        (10, 11, 1, -1, 9, 8),
        (1, -4_611_686_018_427_387_904, 3, 3, 0, 1),
        (7, 7, 0, -1, 6, 6),
        (7, 1, -3, 2, 1, 2),
        (1, 4_611_686_018_427_387_904, -7, -2, 0, 1),
        (10, -4_611_686_018_427_387_904, -4_611_686_018_427_387_904, -5, 0, 1),
        (7, 3, -3, 2, 3, 1),
        (10, 3, -10, -2, 3, 2),
        (7, 3, -1, 2, 3, 2),
        (1, -11, 7, 1, 0, 1),
        (10, -10, 10, 1, 0, 10),
        (10, 1, -1000, -4_611_686_018_427_387_904, 1, 1),
        (10, 11, 0, -2, 9, 5),
        (7, -1000, -1000, -4_611_686_018_427_387_904, 0, 1),
        (1, -1000, -7, -2, 0, 1),
        (10, -1000, 1, 1, 0, 1),
        (10, -10, -1, 2, 0, 5),
        (1, -1, 11, 1, 0, 1),
        (10, 7, 3, -1, 7, 4),
        (7, -10, -1000, -2, 0, 1),
        (10, -1, -10, -4_611_686_018_427_387_904, 9, 1),
        (1, -11, 1, 3, 0, 1),
        (10, -7, -4_611_686_018_427_387_904, -5, 3, 1),
        (7, 10, 0, -5, 6, 2),
        (10, -1, 3, -2, 9, 3),
        (7, -10, -4_611_686_018_427_387_904, -4_611_686_018_427_387_904, 0, 1),
        (7, 11, -1000, -2, 6, 4),
        (1, 10, -1000, -1, 0, 1),
        (10, -4_611_686_018_427_387_904, 10, 2, 0, 5),
        (7, -10, -1000, -1, 0, 1),
        (7, 10, -10, -2, 6, 4),
        (1, -10, 10, 2, 0, 1),
        (1, -1, -10, -2, 0, 1),
        (10, -7, 10, 1, 3, 7),
        (7, 10, 3, -2, 6, 2),
        (7, 1, -11, -2, 1, 1),
        (7, 1000, -3, -2, 6, 1),
        (7, 11, 3, -1, 6, 3),
        (10, -1000, -11, -5, 0, 1),
        (1, -11, -11, -1, 0, 1),
        (7, -11, 9, 2, 0, 4),
        (10, 0, -1, 3, 0, 3),
        (10, -3, -1, 2, 7, 1),
        (7, -1, 1, -4_611_686_018_427_387_904, 6, 1),
        (10, -1000, 1000, 2, 0, 5),
        (1, -10, 10, 4_611_686_018_427_387_904, 0, 1),
        (1, -10, -7, -1, 0, 1),
        (7, -4_611_686_018_427_387_904, -1000, -1, 0, 1),
        (7, 0, -1, 1, 0, 6),
        (7, 1000, 3, -4_611_686_018_427_387_904, 6, 1),
        (1, 7, -7, -1, 0, 1),
        (10, 10, 1, -4_611_686_018_427_387_904, 9, 1),
        (7, -10, 1000, 2, 0, 4),
        (10, -1000, 11, 2, 0, 5),
        (1, -11, -10, -5, 0, 1),
        (1, -7, -3, -2, 0, 1),
        (10, -1000, 9, 4_611_686_018_427_387_904, 0, 1),
        (1, 1, -4_611_686_018_427_387_904, -4_611_686_018_427_387_904, 0, 1),
        (1, -3, -7, -4_611_686_018_427_387_904, 0, 1),
        (10, 1, 4_611_686_018_427_387_904, 3, 1, 3),
        (7, 7, -10, -2, 6, 4),
        (10, -4_611_686_018_427_387_904, -11, -1, 0, 1),
        (10, -7, -1000, -1, 3, 4),
        (7, -10, 7, 2, 0, 4),
        (7, 7, -7, -4_611_686_018_427_387_904, 6, 1),
        (1, -1, -10, -4_611_686_018_427_387_904, 0, 1),
        (7, -10, -3, 4_611_686_018_427_387_904, 0, 1),
        (1, 7, -1000, -4_611_686_018_427_387_904, 0, 1),
        (10, 1, 7, 1, 1, 6),
        (1, -7, 1, 3, 0, 1),
        (1, -1000, 11, 3, 0, 1),
        (10, 4_611_686_018_427_387_904, -7, -2, 9, 3),
        (7, -10, 1000, 4_611_686_018_427_387_904, 0, 1),
        (10, -10, -4_611_686_018_427_387_904, 2, 0, 0),
        (1, 10, 0, -2, 0, 0),
        (1, -1, 4_611_686_018_427_387_904, -2, 0, 0),
        (1, 11, 1, 3, 0, 0),
        (7, 9, -1, -1, 0, 0),
        (10, 11, 1000, -4_611_686_018_427_387_904, 0, 0),
        (10, 4_611_686_018_427_387_904, -10, 3, 0, 0),
        (7, 9, -1, 2, 0, 0),
        (1, 1000, 1000, 2, 0, 0),
        (10, -4_611_686_018_427_387_904, 7, -5, 0, 0),
        (10, -4_611_686_018_427_387_904, -11, 4_611_686_018_427_387_904, 0, 0),
        (7, 3, 10, -1, 0, 0),
        (7, 3, 4_611_686_018_427_387_904, -2, 0, 0),
        (10, -11, 7, -4_611_686_018_427_387_904, 0, 0),
        (1, 1, 0, -2, 0, 0),
        (10, -1, -10, 2, 0, 0),
        (1, 11, -1000, 3, 0, 0),
        (7, -4_611_686_018_427_387_904, 1, -2, 0, 0),
        (1, 1000, -1, 4_611_686_018_427_387_904, 0, 0),
        (1, 11, 11, 1, 0, 0),
    ]

    @Test func sliceIndicesFollowONNXRuntime() {
        for (size, start, end, step, first, count) in Self.slices {
            let r = SliceAxis(axis: 0, start: start, end: end, step: step).resolved(size: size)
            #expect(r.count == count, "size \(size) [\(start):\(end):\(step)]")
            if count > 0 { #expect(r.first == first, "size \(size) [\(start):\(end):\(step)]") }
        }
        // Int.min as a step (its magnitude does not fit an Int) takes one element.
        #expect(SliceAxis(axis: 0, start: -1, end: Int.min, step: Int.min).resolved(size: 5) == (4, 1))
    }

    @Test func shapeRules() throws {
        #expect(try MovementOp.transpose(perm: [2, 0, 1]).outputShape(input: [3, 4, 5]) == [5, 3, 4])
        #expect(try MovementOp.reshape(shape: [12, 5]).outputShape(input: [3, 4, 5]) == [12, 5])
        #expect(try MovementOp.slice([SliceAxis(axis: 2, start: -1, end: -100, step: -2)]).outputShape(input: [3, 4, 5]) == [3, 4, 3])
        #expect(try MovementOp.depthToSpace(blockSize: 2, mode: .crd).outputShape(input: [8, 3, 5]) == [2, 6, 10])
        #expect(try MovementOp.spaceToDepth(blockSize: 3).outputShape(input: [2, 6, 9]) == [18, 2, 3])
        #expect(try MovementOp.channelShuffle(groups: 4).outputShape(input: [8, 2]) == [8, 2])
        #expect(throws: Diagnostic.self) { try MovementOp.transpose(perm: [0, 1]).outputShape(input: [3, 4, 5]) }
        #expect(throws: Diagnostic.self) { try MovementOp.reshape(shape: [7]).outputShape(input: [3, 4, 5]) }
        #expect(throws: Diagnostic.self) {
            try MovementOp.slice([SliceAxis(axis: 3, start: 0, end: 1, step: 1)]).outputShape(input: [3, 4, 5])
        }
        #expect(throws: Diagnostic.self) {
            try MovementOp.slice([SliceAxis(axis: 0, start: 0, end: 1, step: 0)]).outputShape(input: [3, 4, 5])
        }
        #expect(throws: Diagnostic.self) { try MovementOp.spaceToDepth(blockSize: 2).outputShape(input: [3, 4, 5]) }
        // Huge block sizes are errors, not overflows.
        #expect(throws: Diagnostic.self) { try MovementOp.depthToSpace(blockSize: 1 << 40, mode: .dcr).outputShape(input: [4, 2, 2]) }
        #expect(throws: Diagnostic.self) { try MovementOp.spaceToDepth(blockSize: 1 << 40).outputShape(input: [4, 2, 2]) }
        #expect(throws: Diagnostic.self) { try MovementOp.channelShuffle(groups: 1 << 40).outputShape(input: [4, 2, 2]) }
    }

    /// Every view reads each output element from the input element its definition names.
    @Test func viewsReadTheDefinedElements() {
        func read(_ v: StridedView) -> [Int] {
            var out: [Int] = []
            func walk(_ d: Int, _ at: Int) {
                if d == v.shape.count {
                    out.append(at)
                    return
                }
                for i in 0..<v.shape[d] { walk(d + 1, at + i * v.strides[d]) }
            }
            walk(0, v.offset)
            return out
        }
        // Transpose [2, 3, 4] by [1, 2, 0]: out[j, k, i] = in[i, j, k].
        var expected: [Int] = []
        for j in 0..<3 { for k in 0..<4 { for i in 0..<2 { expected.append(i * 12 + j * 4 + k) } } }
        let t = MovementOp.transpose(perm: [1, 2, 0]).stridedView(input: [2, 3, 4])
        #expect(read(t) == expected)
        #expect(read(t.canonical) == expected)
        // Channel shuffle of 6 channels in 3 groups on 2x2 planes: output channel j * 3 + i is input channel i * 2 + j.
        expected = []
        for c in 0..<6 {
            let source: Int = (c % 3) * 2 + c / 3
            for p in 0..<4 { expected.append(source * 4 + p) }
        }
        let s = MovementOp.channelShuffle(groups: 3).stridedView(input: [6, 2, 2])
        #expect(read(s) == expected)
        #expect(s.canonical.shape == [2, 3, 4] && s.canonical.strides == [4, 8, 1], "a plane copy per channel")
        // Slice [::-1] of the last axis and [1:] of the first on [3, 4].
        let r = MovementOp.slice([SliceAxis(axis: 1, start: -1, end: Int.min, step: -1), SliceAxis(axis: 0, start: 1, end: 9, step: 1)])
            .stridedView(input: [3, 4])
        #expect(read(r) == [7, 6, 5, 4, 11, 10, 9, 8])
        // A reshape is one run.
        #expect(
            MovementOp.reshape(shape: [6, 2]).stridedView(input: [3, 4]).canonical == StridedView(shape: [12], strides: [1], offset: 0))
    }
}
