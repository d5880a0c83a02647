import CNNIR

/// Assigns every tensor a place: inputs and outputs use the caller's buffers, the rest
/// share one arena by liveness (first fit), so peak memory is the largest live set.
public enum PlanMemory {
    /// Arena slices start on 64-byte boundaries (16 floats) for aligned vector access.
    public static let alignmentFloats = 16

    /// Floats of slack after the arena: vector kernels may read up to this far past a tensor.
    public static let slackFloats = 1024

    /// `scratch` gives the scratch floats per sample a node's kernel needs while it runs (0 for none).
    public static func run(_ graph: Graph, scratch scratchNeed: (Node, Graph) -> Int = { _, _ in 0 }) -> PlannedGraph {
        var storage: [NodeID: Storage] = [:]
        var copies: [(output: Int, source: NodeID)] = []
        for node in graph.nodes {
            if case .input(let i) = node.op { storage[node.id] = .input(i) }
        }
        for (j, id) in graph.outputs.enumerated() {
            if storage[id] == nil { storage[id] = .output(j) } else { copies.append((j, id)) }
        }
        // A reshape of an arena tensor shares its storage: the same elements in the same order
        // (its kernel sees `out == in0` and copies nothing). Not for caller buffers: a model
        // output must be written to its own buffer, and a kernel that may read past its input
        // only checks whether its direct producer is a model input.
        var root: [NodeID: NodeID] = [:]
        for node in graph.nodes {
            guard case .movement(.reshape) = node.op, storage[node.id] == nil, storage[node.inputs[0]] == nil else { continue }
            root[node.id] = root[node.inputs[0]] ?? node.inputs[0]
        }
        // Last position at which each tensor (with its aliases) is read.
        var lastUse: [NodeID: Int] = [:]
        for (position, node) in graph.nodes.enumerated() {
            for input in node.inputs { lastUse[root[input] ?? input] = position }
        }
        var free: [(offset: Int, size: Int)] = []  // sorted by offset, coalesced
        var top = 0
        var dying: [Int: [(offset: Int, size: Int)]] = [:]
        var scratch: [NodeID: Int] = [:]
        func allocate(_ count: Int) -> (offset: Int, size: Int) {
            let size = roundUp(count)
            if let slot = free.firstIndex(where: { $0.size >= size }) {
                let offset = free[slot].offset
                if free[slot].size == size {
                    free.remove(at: slot)
                } else {
                    free[slot].offset += size
                    free[slot].size -= size
                }
                return (offset, size)
            }
            if let last = free.last, last.offset + last.size == top {
                // Grow the arena from the free block at its end.
                let offset = last.offset
                top = offset + size
                free.removeLast()
                return (offset, size)
            }
            top += size
            return (top - size, size)
        }
        for (position, node) in graph.nodes.enumerated() {
            if let r = root[node.id] {
                storage[node.id] = storage[r]
            } else if storage[node.id] == nil {
                let block = allocate(node.elementCount)
                storage[node.id] = .arena(offset: block.offset)
                // A tensor nobody reads dies right after it is written (only outputs normally).
                dying[lastUse[node.id] ?? position, default: []].append(block)
            }
            let need = scratchNeed(node, graph)
            if need > 0 {
                let block = allocate(need)
                scratch[node.id] = block.offset
                release(block, into: &free)
            }
            for block in dying.removeValue(forKey: position) ?? [] { release(block, into: &free) }
        }
        return PlannedGraph(
            graph: graph,
            memory: MemoryPlan(
                storage: storage, arenaFloatsPerSample: top, outputCopies: copies, scratch: scratch, slackFloats: slackFloats))
    }

    static func roundUp(_ n: Int) -> Int { (n + alignmentFloats - 1) / alignmentFloats * alignmentFloats }

    static func release(_ block: (offset: Int, size: Int), into free: inout [(offset: Int, size: Int)]) {
        let at = free.firstIndex { $0.offset > block.offset } ?? free.count
        free.insert(block, at: at)
        // Coalesce with neighbours so large tensors can reuse freed space.
        if at + 1 < free.count, free[at].offset + free[at].size == free[at + 1].offset {
            free[at].size += free[at + 1].size
            free.remove(at: at + 1)
        }
        if at > 0, free[at - 1].offset + free[at - 1].size == free[at].offset {
            free[at - 1].size += free[at].size
            free.remove(at: at)
        }
    }
}
