import CNNIR

extension ReportData {
    /// The full report's data: the graph as written (`graph`), its kernels and arena (`planned`).
    ///
    /// `algorithm` names how a kernel computes its node (the conv algorithm), `scratchFloats` the
    /// per-sample scratch its kernel takes while it runs (both chosen by codegen for the target).
    public init(
        graph: Graph, planned: PlannedGraph, source: String, target: String,
        algorithm: (Node) -> String? = { _ in nil }, scratchFloats: (Node) -> Int = { _ in 0 }
    ) {
        let runNodes = planned.graph.nodes.filter { if case .input = $0.op { return false } else { return true } }
        var kernelOf: [String: Int] = [:]
        var kernels: [Kernel] = []
        let plannedShapes = Dictionary(uniqueKeysWithValues: planned.graph.nodes.map { ($0.id, $0.shape) })
        for (k, node) in runNodes.enumerated() {
            for layer in node.layers { kernelOf[layer] = k }
            let flops = Cost.flops(node, inputShapes: node.inputs.map { plannedShapes[$0]! })
            kernels.append(Kernel(op: node.op.kindName, algorithm: algorithm(node), layers: node.layers, flops: flops, shape: node.shape))
        }
        let position = Dictionary(uniqueKeysWithValues: graph.nodes.enumerated().map { ($1.id, $0) })
        let shapes = Dictionary(uniqueKeysWithValues: graph.nodes.map { ($0.id, $0.shape) })
        var layers: [Layer] = []
        var parameters = 0
        var flops = 0
        for node in graph.nodes {
            var layer = Layer(
                name: node.name, op: node.op.kindName, detail: Self.detail(node.op), inputs: node.inputs.compactMap { position[$0] },
                shape: node.shape, parameters: Cost.parameters(node))
            if case .input = node.op {
                layer.note = "model input"
            } else {
                layer.flops = Cost.flops(node, inputShapes: node.inputs.map { shapes[$0]! })
                if let k = kernelOf[node.name] {
                    layer.kernel = k
                } else if case .dropout = node.op {
                    layer.note = "removed: identity at inference"
                } else {
                    layer.note = "removed: result unused"
                }
            }
            parameters += layer.parameters
            flops += layer.flops
            layers.append(layer)
        }
        self.init(
            title: graph.name, source: source, target: target, hasGraph: true, layers: layers, kernels: kernels,
            slices: Self.slices(planned, runNodes: runNodes, scratchFloats: scratchFloats),
            inputs: graph.inputs.map { Port(name: $0.name, shape: $0.shape) },
            outputs: graph.outputs.map { id in Port(name: graph.node(id).name, shape: graph.node(id).shape) },
            parameters: parameters, flops: flops, arenaBytes: planned.memory.arenaFloatsPerSample * 4)
        tensorNames = graph.tensorNames
    }

    /// Every arena tensor and scratch block with its lifetime in kernels (as `PlanMemory` decided it).
    static func slices(_ planned: PlannedGraph, runNodes: [Node], scratchFloats: (Node) -> Int) -> [Slice] {
        let kernelIndex = Dictionary(uniqueKeysWithValues: runNodes.enumerated().map { ($1.id, $0) })
        var lastUse: [NodeID: Int] = [:]
        for (k, node) in runNodes.enumerated() { for input in node.inputs { lastUse[input] = k } }
        // An output copied from the arena at the end of the run lives to the end.
        for copy in planned.memory.outputCopies { lastUse[copy.source] = runNodes.count - 1 }
        var slices: [Slice] = []
        for node in runNodes {
            let k = kernelIndex[node.id]!
            if case .arena(let offset)? = planned.memory.storage[node.id] {
                slices.append(
                    Slice(
                        name: node.name, scratch: false, first: k, last: max(k, lastUse[node.id] ?? k),
                        offset: offset * 4, bytes: roundedBytes(node.elementCount)))
            }
            if let offset = planned.memory.scratch[node.id] {
                let floats = scratchFloats(node)
                if floats > 0 {
                    slices.append(Slice(name: node.name, scratch: true, first: k, last: k, offset: offset * 4, bytes: roundedBytes(floats)))
                }
            }
        }
        return slices
    }

    /// Bytes of `floats` rounded up to the arena's 64-byte slices.
    static func roundedBytes(_ floats: Int) -> Int { (floats + 15) / 16 * 64 }

    /// A short summary of an op's attributes: `3x3 /2, 64 filters`.
    static func detail(_ op: Op) -> String {
        func window(_ size: [Int], _ stride: [Int]) -> String {
            let s = size.map(String.init).joined(separator: "x")
            return stride.allSatisfy({ $0 == 1 })
                ? s : s + " /" + (Set(stride).count == 1 ? String(stride[0]) : stride.map(String.init).joined(separator: "x"))
        }
        switch op {
        case .conv(let a):
            var text = window(a.kernel, a.stride) + ", \(a.filters) filters"
            if a.groups > 1 { text += a.groups == a.filters ? ", depthwise" : ", \(a.groups) groups" }
            if a.dilation.contains(where: { $0 > 1 }) { text += ", dilation \(a.dilation.map(String.init).joined(separator: "x"))" }
            return text
        case .convTranspose(let a):
            return window(a.kernel, a.stride) + ", \(a.filters) filters"
        case .dense(let a):
            return "\(a.units) units"
        case .pool(let a):
            return window(a.size, a.stride)
        case .adaptivePool(_, let output):
            return "to " + output.map(String.init).joined(separator: "x")
        case .concat(let axis):
            return "axis \(axis)"
        case .softmax(let axis, _):
            return "axis \(axis)"
        case .reduce(let a):
            return "axes " + a.axes.map(String.init).joined(separator: ",")
        case .upsample(let scale, _):
            return "x" + scale.map(String.init).joined(separator: "x")
        case .resize(let a):
            return "to " + a.output.dropFirst().map(String.init).joined(separator: "x")
        case .movement(let m):
            return m.summary
        case .input, .flatten, .globalPool, .activation, .prelu, .batchNorm, .lrn, .dropout, .add, .pad, .bias, .binary, .normalization,
            .lpPool, .select, .matmul:
            return ""
        }
    }
}
