import CNNIR

/// Builds small graphs in Swift for pass and codegen tests: shapes are inferred and
/// parameters filled with deterministic pseudo-random values of the expected shapes.
public struct GraphFixture {
    public private(set) var graph: Graph
    private var ids: [String: NodeID] = [:]
    private var seed: UInt64 = 0x2545_F491_4F6C_DD1D

    /// Starts a graph with the given inputs.
    public init(name: String = "fixture", inputs: [(String, [Int])]) {
        var nodes: [Node] = []
        for (i, (n, shape)) in inputs.enumerated() {
            nodes.append(Node(id: i, name: n, op: .input(index: i), inputs: [], shape: shape))
            ids[n] = i
        }
        graph = Graph(name: name, nodes: nodes, outputs: [])
    }

    mutating func next() -> Float {
        seed ^= seed << 13
        seed ^= seed >> 7
        seed ^= seed << 17
        return Float(Int(seed % 2001) - 1000) / 1000
    }

    /// Appends a layer reading `inputs` (by name) and makes it the (only) output.
    @discardableResult
    public mutating func add(_ name: String, _ op: Op, _ inputs: [String]) throws -> NodeID {
        let inputIDs = inputs.map { ids[$0]! }
        let shapes = inputIDs.map { graph.node($0).shape }
        let shape = try ShapeInference.outputShape(of: op, inputs: shapes)
        var params: [String: WeightTensor] = [:]
        for p in ParameterRules.expected(for: op, input: shapes[0]) {
            let shape = p.alternatives[0]
            let count = shape.reduce(1, *)
            // Variances must be positive.
            let values = (0..<count).map { _ in p.name == "running_var" ? abs(next()) + 0.5 : next() }
            params[p.name] = WeightTensor(shape: shape, values: values)
        }
        let id = graph.nextID
        graph.nextID += 1
        graph.nodes.append(Node(id: id, name: name, op: op, inputs: inputIDs, shape: shape, params: params))
        graph.outputs = [id]
        graph.outputNames = [name]
        ids[name] = id
        return id
    }

    /// Sets the model outputs by name.
    public mutating func outputs(_ names: [String]) {
        graph.outputs = names.map { ids[$0]! }
        graph.outputNames = names
    }

    /// A 2-D conv with "valid" or symmetric padding.
    public static func conv(_ filters: Int, _ k: Int, stride: Int = 1, pad: Int = 0, groups: Int = 1, epilogue: [EpilogueStep] = []) -> Op {
        .conv(
            ConvAttributes(
                filters: filters, kernel: [k, k], stride: [stride, stride], dilation: [1, 1],
                padding: Padding(begin: [pad, pad], end: [pad, pad]), groups: groups, hasBias: true, epilogue: epilogue))
    }

    /// A 2-D max or average pool.
    public static func pool(_ kind: PoolKind, _ size: Int, stride: Int? = nil) -> Op {
        .pool(
            PoolAttributes(
                kind: kind, size: [size, size], stride: [stride ?? size, stride ?? size], padding: .zero(rank: 2), ceilMode: false,
                countIncludePad: false))
    }
}
