import CNNIR

/// The `cnnc inspect` table: one row per description layer, then totals.
public struct InspectReport: Sendable {
    public struct Row: Sendable, Equatable {
        public var name: String
        public var op: String
        public var shape: [Int]
        public var parameters: Int
        public var macs: Int
        public var flops: Int
        /// `k<n>` of the kernel that computes it, or why there is none.
        public var kernel: String
    }

    public var rows: [Row] = []
    public var totalParameters = 0
    public var totalMACs = 0
    public var totalFLOPs = 0
    public var kernelCount = 0
    /// Arena bytes for one sample (a context for batch B holds B times this).
    public var arenaBytesPerSample = 0
    /// Bytes of weights the library stores (the blob: repacked, and Winograd-transformed where
    /// chosen, so more than the parameters' float32 bytes); nil when not computed.
    public var weightBytesStored: Int?
    /// Bytes of Winograd weights the library's first session transforms into memory (`--winograd-weights at-load`).
    public var weightBytesAtLoad = 0

    /// `algorithm` names how a kernel computes its node (shown after its op), or nil to say nothing.
    public init(graph: Graph, planned: PlannedGraph, algorithm: (Node) -> String? = { _ in nil }) {
        var kernelOf: [String: String] = [:]
        var position = 0
        for node in planned.graph.nodes {
            if case .input = node.op { continue }
            let members = node.layers.count > 1 ? " (fused: \(node.layers.map { Diagnostic.quoted($0) }.joined(separator: " + ")))" : ""
            let how = algorithm(node).map { " [\($0)]" } ?? ""
            for layer in node.layers { kernelOf[layer] = "k\(position) \(node.op.kindName)\(how)\(members)" }
            position += 1
        }
        kernelCount = position
        let shapes = Dictionary(uniqueKeysWithValues: graph.nodes.map { ($0.id, $0.shape) })
        for node in graph.nodes {
            let inputs = node.inputs.map { shapes[$0]! }
            let isInput: Bool
            if case .input = node.op { isInput = true } else { isInput = false }
            let kernel: String
            if isInput {
                kernel = "(model input)"
            } else if let k = kernelOf[node.name] {
                kernel = k
            } else if case .dropout = node.op {
                kernel = "(removed: identity at inference)"
            } else {
                kernel = "(removed: result unused)"
            }
            let row = Row(
                name: node.name, op: node.op.kindName, shape: node.shape, parameters: Cost.parameters(node),
                macs: isInput ? 0 : Cost.macs(node, inputShapes: inputs), flops: isInput ? 0 : Cost.flops(node, inputShapes: inputs),
                kernel: kernel)
            rows.append(row)
            totalParameters += row.parameters
            totalMACs += row.macs
            totalFLOPs += row.flops
        }
        arenaBytesPerSample = planned.memory.arenaFloatsPerSample * 4
    }

    /// A fixed-width table plus totals.
    public func render() -> String {
        let header = ["layer", "op", "output shape", "params", "FLOPs", "kernel"]
        let cells = rows.map { r in
            [Diagnostic.quoted(r.name), r.op, ShapeInference.format(r.shape), Self.grouped(r.parameters), Self.grouped(r.flops), r.kernel]
        }
        var widths = header.map(\.count)
        for row in cells { for (i, c) in row.enumerated() where i < 5 { widths[i] = max(widths[i], c.count) } }
        func line(_ row: [String]) -> String {
            row.enumerated().map { i, c in
                if i == 5 { return c }
                let pad = String(repeating: " ", count: widths[i] - c.count)
                return i == 3 || i == 4 ? pad + c : c + pad
            }.joined(separator: "  ") + "\n"
        }
        var out = line(header)
        for row in cells { out += line(row) }
        out += "\n"
        out += "parameters: \(Self.grouped(totalParameters)) (\(Self.scaled(Double(totalParameters), "M", 1e6)))\n"
        out += "MACs:       \(Self.grouped(totalMACs)) (\(Self.scaled(Double(totalMACs), "G", 1e9)))\n"
        out += "FLOPs:      \(Self.grouped(totalFLOPs)) (\(Self.scaled(Double(totalFLOPs), "G", 1e9)))\n"
        out += "kernels:    \(kernelCount)\n"
        out +=
            "arena:      \(Self.grouped(arenaBytesPerSample)) bytes per sample (\(Self.scaled(Double(arenaBytesPerSample), " MiB", 1_048_576)))\n"
        if let stored = weightBytesStored {
            let ratio = totalParameters > 0 ? String(format: "%.2fx", Double(stored) / Double(totalParameters * 4)) : "-"
            out +=
                "weights:    \(Self.grouped(stored)) bytes stored in the library (\(Self.scaled(Double(stored), " MiB", 1_048_576)); \(ratio) the parameters' float32 bytes)\n"
            if weightBytesAtLoad > 0 {
                out +=
                    "at load:    \(Self.grouped(weightBytesAtLoad)) bytes of Winograd weights transformed by the first session, once per process (\(Self.scaled(Double(weightBytesAtLoad), " MiB", 1_048_576)))\n"
            }
        }
        return out
    }

    /// `n` with thousands separators: 25,557,032.
    public static func grouped(_ n: Int) -> String {
        let digits = String(n)
        var out = ""
        for (i, ch) in digits.reversed().enumerated() {
            if i > 0 && i % 3 == 0 { out.append(",") }
            out.append(ch)
        }
        return String(out.reversed())
    }

    static func scaled(_ v: Double, _ unit: String, _ divisor: Double) -> String {
        let x = v / divisor
        let rounded = (x * 100).rounded() / 100
        return "\(rounded)\(unit)"
    }
}
