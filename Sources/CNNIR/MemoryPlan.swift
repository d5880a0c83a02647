/// Where a tensor lives while the model runs.
public enum Storage: Hashable, Sendable {
    /// The caller's input buffer `index`.
    case input(Int)
    /// The caller's output buffer `index`: the producing kernel writes straight into it.
    case output(Int)
    /// A slice of the context's arena; `offset` is in floats per sample (scaled by the batch capacity at run time).
    case arena(offset: Int)
}

/// Every tensor's storage and the arena size: the result of liveness-based planning.
public struct MemoryPlan: Hashable, Sendable {
    public var storage: [NodeID: Storage]
    /// Arena floats per sample; a context for batch B holds B times this.
    public var arenaFloatsPerSample: Int
    /// Outputs whose producer already lives elsewhere (a model input, or another output): copied at the end of a run.
    public var outputCopies: [(output: Int, source: NodeID)]
    /// Per-kernel scratch (e.g. a conv's padded input), as arena offsets in floats per sample; live only during the kernel.
    public var scratch: [NodeID: Int]
    /// Floats of slack after the arena, so vector kernels may read a little past a tensor's end.
    public var slackFloats: Int

    public init(
        storage: [NodeID: Storage], arenaFloatsPerSample: Int, outputCopies: [(output: Int, source: NodeID)], scratch: [NodeID: Int] = [:],
        slackFloats: Int = 0
    ) {
        self.storage = storage
        self.arenaFloatsPerSample = arenaFloatsPerSample
        self.outputCopies = outputCopies
        self.scratch = scratch
        self.slackFloats = slackFloats
    }

    public static func == (a: MemoryPlan, b: MemoryPlan) -> Bool {
        a.storage == b.storage && a.arenaFloatsPerSample == b.arenaFloatsPerSample && a.scratch == b.scratch
            && a.outputCopies.map(\.output) == b.outputCopies.map(\.output) && a.outputCopies.map(\.source) == b.outputCopies.map(\.source)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(storage)
        hasher.combine(arenaFloatsPerSample)
    }
}

/// A graph with every decision made: fused kernels in order, layouts, and memory.
public struct PlannedGraph: Sendable {
    public var graph: Graph
    public var memory: MemoryPlan
    public init(graph: Graph, memory: MemoryPlan) {
        self.graph = graph
        self.memory = memory
    }
}
