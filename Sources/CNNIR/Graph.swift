import Foundation

/// Identifies a node (and the tensor it produces) within a graph; stable across passes.
public typealias NodeID = Int

/// Memory layout of an activation tensor.
///
/// Everything is plain channels-first today; blocked layouts (NCHW16c) are
/// chosen by a later layout pass and converted only at the model's edges.
public enum Layout: Hashable, Sendable {
    /// Channels-first, C order: `[C, spatial...]`.
    case plain
    /// Channels split into blocks of `block`, innermost: `[C/block, spatial..., block]`.
    case blocked(Int)
}

/// One operation producing one tensor.
public struct Node: Sendable {
    public var id: NodeID
    /// The layer name from the description (the only name the user knows).
    public var name: String
    public var op: Op
    /// The tensors this node reads, by producer id.
    public var inputs: [NodeID]
    /// Per-sample output shape (no batch dimension).
    public var shape: [Int]
    /// Learned parameters by name (`weight`, `bias`, `running_mean`, ...).
    public var params: [String: WeightTensor]
    public var layout: Layout
    /// Names of the description's layers this node now computes (itself plus any fused into it).
    public var layers: [String]
    public var location: SourceLocation

    public init(
        id: NodeID, name: String, op: Op, inputs: [NodeID], shape: [Int], params: [String: WeightTensor] = [:], layout: Layout = .plain,
        layers: [String]? = nil, location: SourceLocation = SourceLocation()
    ) {
        self.id = id
        self.name = name
        self.op = op
        self.inputs = inputs
        self.shape = shape
        self.params = params
        self.layout = layout
        self.layers = layers ?? [name]
        self.location = location
    }

    /// Floats per sample of this node's output.
    public var elementCount: Int { shape.reduce(1, *) }
}

/// A network: nodes in a topological order, plus which of them are returned.
public struct Graph: Sendable {
    public var name: String
    /// Any change to the nodes drops the id lookup, which is rebuilt on the next `node(_:)`.
    public var nodes: [Node] { didSet { lookup = NodeLookup() } }
    /// Positions by id, so `node(_:)` is constant time (a linear search made kernel selection
    /// and inspection quadratic in the layers: 16k layers took minutes).
    private var lookup = NodeLookup()
    /// Producer ids of the model outputs, in the description's order.
    public var outputs: [NodeID]
    /// The name each output is exported under, parallel to `outputs`: the layer the description
    /// names, which keeps its name when passes fuse it into its producer or remove it (dropout).
    public var outputNames: [String]
    /// For an imported ONNX model: the output tensor's name of each layer whose name differs from
    /// it (a node's own name is used for the layer when it has one). Used by `--all-layers`.
    public var tensorNames: [String: String] = [:]
    /// The next unused node id.
    public var nextID: NodeID

    public init(name: String, nodes: [Node], outputs: [NodeID]) {
        self.name = name
        self.nodes = nodes
        self.outputs = outputs
        self.outputNames = outputs.map { id in nodes.first { $0.id == id }?.name ?? "" }
        self.nextID = (nodes.map(\.id).max() ?? -1) + 1
    }

    /// The model inputs, in description order.
    public var inputs: [Node] {
        nodes.compactMap { node -> (Int, Node)? in
            if case .input(let index) = node.op { return (index, node) }
            return nil
        }.sorted { $0.0 < $1.0 }.map(\.1)
    }

    /// The node with `id`; a missing id is a compiler bug.
    public func node(_ id: NodeID) -> Node {
        guard let i = index(of: id) else { preconditionFailure("no node \(id)") }
        return nodes[i]
    }

    /// Position of `id` in `nodes` (the first, should ids repeat).
    public func index(of id: NodeID) -> Int? { lookup.position(of: id, in: nodes) }

    /// How many times `id` is used: by node inputs and as a model output.
    public func useCount(of id: NodeID) -> Int {
        nodes.reduce(0) { $0 + $1.inputs.filter { $0 == id }.count } + outputs.filter { $0 == id }.count
    }

    /// Rewrites every use of `old` (node inputs and model outputs) to `new`.
    public mutating func replaceUses(of old: NodeID, with new: NodeID) {
        for i in nodes.indices {
            nodes[i].inputs = nodes[i].inputs.map { $0 == old ? new : $0 }
        }
        outputs = outputs.map { $0 == old ? new : $0 }
    }

    /// Adds `id` as one more model output exported as `name`.
    public mutating func addOutput(_ id: NodeID, name: String) {
        outputs.append(id)
        outputNames.append(name)
    }

    /// Removes the node `id`; callers first move its uses elsewhere.
    public mutating func remove(_ id: NodeID) {
        precondition(useCount(of: id) == 0, "removing node \(id) that is still used")
        nodes.removeAll { $0.id == id }
    }
}

/// A graph's positions by node id, built on first use; shared by copies of an unchanged graph.
private final class NodeLookup: @unchecked Sendable {
    private let lock = NSLock()
    private var positions: [NodeID: Int]?

    func position(of id: NodeID, in nodes: [Node]) -> Int? {
        lock.lock()
        defer { lock.unlock() }
        if positions == nil {
            var map: [NodeID: Int] = [:]
            map.reserveCapacity(nodes.count)
            for (i, node) in nodes.enumerated() where map[node.id] == nil { map[node.id] = i }
            positions = map
        }
        return positions![id]
    }
}
