/// `where`: `condition != 0 ? x : y` elementwise, with NumPy broadcasting of the three operands
/// (ONNX's Where, whose boolean condition is a mask here: see `BinaryOperator`). A NaN condition
/// is non-zero and picks x; the chosen operand's value (NaN, infinities, the sign of a zero) is
/// passed through unchanged.
public struct WhereAttributes: Hashable, Sendable {
    /// The operands in order, as net.json fields and parameter names.
    public static let operandNames = ["condition", "x", "y"]

    /// Per operand (condition, x, y): the per-sample shape of a constant operand (the node's
    /// parameter of the operand's name), or nil when the operand is one of the node's inputs.
    public var constants: [[Int]?]

    public init(constants: [[Int]?] = [nil, nil, nil]) {
        precondition(constants.count == 3, "where has 3 operands")
        self.constants = constants
    }

    /// How many of the operands are the node's inputs.
    public var inputCount: Int { constants.filter { $0 == nil }.count }

    /// The three operands' per-sample shapes, given the node's input shapes.
    public func operandShapes(inputs: [[Int]]) -> [[Int]] {
        var next = 0
        return constants.map { c in
            if let c { return c }
            defer { next += 1 }
            return inputs[next]
        }
    }

    /// The broadcast output shape, or a diagnostic.
    public func outputShape(inputs: [[Int]]) throws -> [Int] {
        guard inputs.count == inputCount else {
            throw Diagnostic(
                "expected \(inputCount) inputs for where (3 operands, \(3 - inputCount) of them constants), got \(inputs.count)")
        }
        let shapes = operandShapes(inputs: inputs)
        return try Broadcasting.shape(try Broadcasting.shape(shapes[0], shapes[1], op: "where"), shapes[2], op: "where")
    }
}
