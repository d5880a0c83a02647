/// `a @ b` with NumPy's `matmul` rule on per-sample shapes: the last two axes are matrices
/// ([M, K] by [K, P]), the axes before them a batch that broadcasts. A 1-D `a` is a row
/// ([1, K], its M dropped from the result), a 1-D `b` a column ([K, 1], its P dropped); two
/// 1-D operands give `[1]` (cnnc has no rank-0 tensors). Two inputs, or one input and a
/// constant operand (the `constant` parameter).
public struct MatMulAttributes: Hashable, Sendable {
    /// The constant operand (its own shape, not padded), if any.
    public var constant: ConstantOperand?
    public init(constant: ConstantOperand? = nil) { self.constant = constant }

    /// The IR's tensors have at most 5 axes per sample.
    public static let maxRank = 5

    /// The per-sample shapes of `a` and `b`.
    public func operandShapes(inputs: [[Int]]) -> ([Int], [Int]) {
        guard let c = constant else { return (inputs[0], inputs[1]) }
        return c.isFirst ? (c.shape, inputs[0]) : (inputs[0], c.shape)
    }

    /// The operands as matrices: batch shapes (broadcast to `batch`), M, K, P.
    public struct Plan: Hashable, Sendable {
        public var batchA: [Int]
        public var batchB: [Int]
        public var batch: [Int]
        public var m: Int
        public var k: Int
        public var p: Int
        /// The output's per-sample shape (the promoted 1-D axes dropped; `[1]` for a scalar).
        public var output: [Int]
    }

    public func plan(inputs: [[Int]]) throws -> Plan {
        let (a, b) = operandShapes(inputs: inputs)
        guard (1...Self.maxRank).contains(a.count), (1...Self.maxRank).contains(b.count) else {
            throw Diagnostic(
                "expected operands of rank 1 to \(Self.maxRank) for matmul, got \(ShapeInference.format(a)) and \(ShapeInference.format(b))"
            )
        }
        let a2 = a.count == 1 ? [1] + a : a
        let b2 = b.count == 1 ? b + [1] : b
        let k = a2[a2.count - 1]
        guard b2[b2.count - 2] == k else {
            throw Diagnostic(
                "expected the last dimension of A to equal the \(b.count == 1 ? "only" : "second to last") dimension of B for matmul (K), got A \(ShapeInference.format(a)) and B \(ShapeInference.format(b)) (\(k) against \(b2[b2.count - 2]))"
            )
        }
        let batchA = Array(a2.dropLast(2))
        let batchB = Array(b2.dropLast(2))
        let batch = try Broadcasting.shape(batchA, batchB, op: "matmul (the batch dimensions before the last two)")
        let m = a2[a2.count - 2]
        let p = b2[b2.count - 1]
        var output = batch + (a.count == 1 ? [] : [m]) + (b.count == 1 ? [] : [p])
        if output.isEmpty { output = [1] }
        return Plan(batchA: batchA, batchB: batchB, batch: batch, m: m, k: k, p: p, output: output)
    }
}
