import CNNIR

/// A local rewrite: looks at one node and returns the change to make, or nil when it does not apply.
///
/// Rules are small and independent (tinygrad's PatternMatcher, MLIR's rewrite
/// patterns); `RewriteDriver` applies a set of them until none fires. A rule only reads the
/// graph (through `RewriteGraph`'s constant-time lookups) and describes its change as a
/// `Rewrite`, which the driver applies in time proportional to the nodes it touches, so a
/// whole pass is near-linear in the graph's size (a rule returning a new `Graph` made fusion
/// quadratic: 16k layers took 24 s).
public protocol RewriteRule: Sendable {
    /// A short name for debugging and pass tests.
    var name: String { get }
    func rewrite(_ node: Node, in graph: RewriteGraph) -> Rewrite?
}

/// A change a rule asks for.
public enum Rewrite {
    /// `producer` and `consumer` become `fused`, which keeps the producer's id and takes the
    /// consumer's place in the order (every input of both is defined before it) and its readers.
    /// `absorbed` names the layers of nodes the rule also folded into `fused` and left unread (they
    /// go as dead code): `fused` computes them too, so they lead its `layers`.
    case merge(producer: NodeID, consumer: NodeID, fused: Node, absorbed: [String])
    /// `node` goes away; its readers (and model outputs) read `replacement` instead.
    case bypass(NodeID, with: NodeID)
    /// `second`, which read `first`, moves in front of it: the new `second` takes `first`'s place,
    /// the new `first` takes `second`'s place, and `second`'s readers read `first` instead.
    case exchange(first: Node, second: Node)

    /// A `merge` that absorbed no other node.
    public static func merge(producer: NodeID, consumer: NodeID, fused: Node) -> Rewrite {
        .merge(producer: producer, consumer: consumer, fused: fused, absorbed: [])
    }
}

/// What a driver run did, for tests that check the pass stays linear.
public struct RewriteStatistics: Sendable, Equatable {
    /// Nodes the driver offered to the rules (each offer tries every rule once).
    public var visits = 0
    /// Rewrites applied.
    public var applications = 0
    public init() {}
}

/// Applies rules to a fixpoint, always at the earliest node (in topological order) where one applies.
///
/// The old driver rescanned from the first node after every rewrite; this one keeps a worklist
/// ordered by position holding every node whose match may have changed (the rewritten nodes,
/// their readers and their readers' readers: a rule looks at a node, its inputs, their inputs
/// and their reader counts), so it applies the same rewrites in the same order, visiting each
/// node a bounded number of times.
public enum RewriteDriver {
    /// Rewrites `graph` until no rule applies anywhere.
    public static func run(_ rules: [any RewriteRule], on graph: Graph) -> Graph {
        runCounting(rules, on: graph).graph
    }

    /// `run`, also returning how much work it did.
    public static func runCounting(_ rules: [any RewriteRule], on graph: Graph) -> (graph: Graph, statistics: RewriteStatistics) {
        var rewriting = RewriteGraph(graph)
        var stats = RewriteStatistics()
        // Every rule shrinks the graph or its set of unfused nodes, so this terminates; the
        // bound only guards against a buggy rule.
        var budget = 16 * (graph.nodes.count + 1) * max(rules.count, 1)
        var queue = SlotQueue(count: rewriting.slotCount)
        for slot in 0..<rewriting.slotCount { queue.push(slot) }
        while let slot = queue.pop() {
            guard let node = rewriting.node(atSlot: slot) else { continue }
            stats.visits += 1
            for rule in rules {
                guard let change = rule.rewrite(node, in: rewriting) else { continue }
                budget -= 1
                precondition(budget > 0, "rewrite rule \(rule.name) does not converge")
                stats.applications += 1
                for id in rewriting.apply(change) { queue.push(rewriting.slot(of: id)) }
                break
            }
        }
        return (rewriting.graph(), stats)
    }
}

/// A graph being rewritten: nodes by id, their order and their readers, each found in constant time.
public struct RewriteGraph {
    private var slots: [Node?]
    private var slotByID: [NodeID: Int]
    /// Producer -> reader -> how many of the reader's inputs are the producer.
    private var readers: [NodeID: [NodeID: Int]] = [:]
    /// Model outputs, and where each producer appears among them.
    private var outputs: [NodeID]
    private var outputPositions: [NodeID: [Int]] = [:]
    /// The names outputs are exported under (parallel to `outputs`) and ONNX tensor names: kept as they are.
    private let outputNames: [String]
    private let tensorNames: [String: String]
    private let name: String
    private let nextID: NodeID

    init(_ graph: Graph) {
        slots = graph.nodes
        slotByID = Dictionary(graph.nodes.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        outputs = graph.outputs
        outputNames = graph.outputNames
        tensorNames = graph.tensorNames
        name = graph.name
        nextID = graph.nextID
        for node in graph.nodes { addReads(of: node) }
        for (j, id) in graph.outputs.enumerated() { outputPositions[id, default: []].append(j) }
    }

    var slotCount: Int { slots.count }
    func node(atSlot slot: Int) -> Node? { slots[slot] }
    func slot(of id: NodeID) -> Int {
        guard let slot = slotByID[id] else { preconditionFailure("no node \(id)") }
        return slot
    }

    /// The node with `id`; a missing id is a compiler bug.
    public func node(_ id: NodeID) -> Node {
        guard let node = slots[slot(of: id)] else { preconditionFailure("no node \(id)") }
        return node
    }

    /// Where `id` is in the topological order: a larger position is computed later.
    public func position(of id: NodeID) -> Int { slot(of: id) }

    /// True when `id` is read by exactly one node input and is not a model output.
    public func hasSingleReader(_ id: NodeID) -> Bool {
        outputPositions[id] == nil && (readers[id]?.values.reduce(0, +) ?? 0) == 1
    }

    /// The one node that reads `id`, when it has a single reader (`hasSingleReader`); else nil.
    public func soleReader(of id: NodeID) -> NodeID? {
        guard hasSingleReader(id) else { return nil }
        return readers[id]?.keys.first
    }

    /// The plain graph, in the rewritten order.
    func graph() -> Graph {
        var graph = Graph(name: name, nodes: slots.compactMap { $0 }, outputs: outputs)
        graph.outputNames = outputNames
        graph.tensorNames = tensorNames
        graph.nextID = max(graph.nextID, nextID)
        return graph
    }

    /// Applies `change`; returns the ids whose rule matches may have changed.
    mutating func apply(_ change: Rewrite) -> [NodeID] {
        var touched: [NodeID] = []
        switch change {
        case .merge(let producer, let consumer, var fused, let absorbed):
            let p = node(producer)
            let c = node(consumer)
            fused.layers = absorbed + p.layers + c.layers
            let at = slot(of: consumer)
            touched += replaceUses(of: consumer, with: producer)
            removeNode(producer)
            touched += setNode(fused, atSlot: at, replacing: consumer)
            touched += p.inputs + c.inputs
        case .bypass(let id, let replacement):
            touched += replaceUses(of: id, with: replacement)
            removeNode(id)
            touched.append(replacement)
        case .exchange(let first, let second):
            let firstSlot = slot(of: first.id)
            let secondSlot = slot(of: second.id)
            touched += replaceUses(of: second.id, with: first.id)
            let oldFirst = node(first.id)
            let oldSecond = node(second.id)
            removeReads(of: oldFirst)
            removeReads(of: oldSecond)
            slots[firstSlot] = second
            slots[secondSlot] = first
            slotByID[second.id] = firstSlot
            slotByID[first.id] = secondSlot
            addReads(of: first)
            addReads(of: second)
            touched += [first.id, second.id] + oldFirst.inputs + first.inputs + second.inputs
        }
        // A rule looks at a node, its inputs and their inputs: revisit two levels of readers.
        var result = Set<NodeID>()
        for id in touched where slotByID[id] != nil {
            result.insert(id)
            for reader in readers[id]?.keys.map({ $0 }) ?? [] {
                result.insert(reader)
                for second in readers[reader]?.keys.map({ $0 }) ?? [] { result.insert(second) }
            }
        }
        return result.sorted()
    }

    /// Every read of `old` (node inputs and model outputs) becomes a read of `new`; returns the readers.
    private mutating func replaceUses(of old: NodeID, with new: NodeID) -> [NodeID] {
        let oldReaders = readers.removeValue(forKey: old) ?? [:]
        for (reader, count) in oldReaders {
            let s = slot(of: reader)
            slots[s]!.inputs = slots[s]!.inputs.map { $0 == old ? new : $0 }
            readers[new, default: [:]][reader, default: 0] += count
        }
        if let positions = outputPositions.removeValue(forKey: old) {
            for j in positions { outputs[j] = new }
            outputPositions[new, default: []] += positions
        }
        return Array(oldReaders.keys)
    }

    private mutating func removeNode(_ id: NodeID) {
        let s = slot(of: id)
        removeReads(of: slots[s]!)
        slots[s] = nil
        slotByID[id] = nil
    }

    /// Puts `node` in `slot` in place of `old`; returns the ids whose reads changed.
    private mutating func setNode(_ node: Node, atSlot slot: Int, replacing old: NodeID) -> [NodeID] {
        if let previous = slots[slot] { removeReads(of: previous) }
        slotByID[old] = nil
        slots[slot] = node
        slotByID[node.id] = slot
        addReads(of: node)
        return [node.id]
    }

    private mutating func addReads(of node: Node) {
        for input in node.inputs { readers[input, default: [:]][node.id, default: 0] += 1 }
    }

    private mutating func removeReads(of node: Node) {
        for input in node.inputs {
            readers[input]![node.id]! -= 1
            if readers[input]![node.id]! == 0 { readers[input]![node.id] = nil }
            if readers[input]!.isEmpty { readers[input] = nil }
        }
    }
}

/// The slots waiting to be visited, smallest first, each at most once.
private struct SlotQueue {
    private var heap: [Int] = []
    private var queued: [Bool]

    init(count: Int) { queued = Array(repeating: false, count: count) }

    mutating func push(_ slot: Int) {
        guard !queued[slot] else { return }
        queued[slot] = true
        heap.append(slot)
        var i = heap.count - 1
        while i > 0, heap[(i - 1) / 2] > heap[i] {
            heap.swapAt(i, (i - 1) / 2)
            i = (i - 1) / 2
        }
    }

    mutating func pop() -> Int? {
        guard let top = heap.first else { return nil }
        heap.swapAt(0, heap.count - 1)
        heap.removeLast()
        var i = 0
        while true {
            let l = 2 * i + 1
            let r = l + 1
            var m = i
            if l < heap.count, heap[l] < heap[m] { m = l }
            if r < heap.count, heap[r] < heap[m] { m = r }
            if m == i { break }
            heap.swapAt(i, m)
            i = m
        }
        queued[top] = false
        return top
    }
}
