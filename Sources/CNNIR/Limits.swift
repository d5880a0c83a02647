/// Resource limits a compile enforces before it allocates (issue 15): a hostile or mistaken
/// model gets an error naming the layer and the limit, not an allocation abort or an exhausted
/// machine. These are policies with defaults far above real CNNs; `--limit NAME=VALUE` raises
/// (or lowers) each one. Fixed limits (2^40 elements per tensor, 256-character names) belong to
/// the format and are checked where they are read.
public struct Limits: Sendable, Hashable {
    /// Elements of any one tensor, per sample (an input or a layer's output).
    public var tensorElements = 1 << 32
    /// Bytes of all parameters together (float32), checked before each parameter is read or generated.
    public var weightBytes = 16 << 30
    /// Layers in the description, or nodes of an imported ONNX graph.
    public var layers = 1_000_000
    /// Bytes of the planned arena (intermediate tensors and scratch) per sample.
    public var arenaBytes = 64 << 30

    public init() {}

    /// The `--limit` names, in the order docs list them.
    public static let names = ["tensor-elements", "weight-bytes", "layers", "arena-bytes"]

    /// The value of the limit called `name`.
    public subscript(name name: String) -> Int? {
        switch name {
        case "tensor-elements": return tensorElements
        case "weight-bytes": return weightBytes
        case "layers": return layers
        case "arena-bytes": return arenaBytes
        default: return nil
        }
    }

    /// Applies `NAME=VALUE` (VALUE a positive integer, optionally with a K, M, G or T suffix: powers of 1024).
    public mutating func set(_ assignment: String) throws {
        let parts = assignment.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 2, self[name: parts[0]] != nil else {
            throw Diagnostic(
                "--limit: expected NAME=VALUE with NAME one of \(Self.names.joined(separator: ", ")), got '\(Diagnostic.quoted(assignment))'"
            )
        }
        guard let value = Self.parseSize(parts[1]) else {
            throw Diagnostic(
                "--limit \(parts[0]): expected a positive integer (optionally with K, M, G or T), got '\(Diagnostic.quoted(parts[1]))'")
        }
        switch parts[0] {
        case "tensor-elements": tensorElements = value
        case "weight-bytes": weightBytes = value
        case "layers": layers = value
        default: arenaBytes = value
        }
    }

    static func parseSize(_ text: String) -> Int? {
        let scales: [Character: Int] = ["K": 1 << 10, "M": 1 << 20, "G": 1 << 30, "T": 1 << 40]
        var digits = Substring(text)
        var scale = 1
        if let last = digits.last, let s = scales[Character(last.uppercased())] {
            scale = s
            digits = digits.dropLast()
        }
        guard !digits.isEmpty, digits.allSatisfy(\.isASCII), let n = Int(digits), n >= 1 else { return nil }
        let (value, overflow) = n.multipliedReportingOverflow(by: scale)
        return overflow ? nil : value
    }

    /// Checks an already loaded graph (an imported ONNX model): layers, tensor sizes and weight bytes.
    public func check(_ graph: Graph) throws {
        let layerCount = graph.nodes.filter {
            if case .input = $0.op { return false }
            return true
        }.count
        guard layerCount <= layers else {
            throw Diagnostic(
                "expected at most \(layers) layers (--limit layers=N raises it), got \(layerCount)",
                at: graph.nodes.last?.location ?? SourceLocation())
        }
        var total = 0
        for node in graph.nodes {
            try checkElements(node.shape, at: node.location)
            for name in node.params.keys.sorted() {
                let bytes = 4 * node.params[name]!.count
                total = total > Int.max - bytes ? Int.max : total + bytes
                try checkWeights(total: total, adding: "\(node.name).\(name)", at: node.location)
            }
        }
    }

    /// Throws when a tensor of `shape` (per sample) has more elements than the limit.
    public func checkElements(_ shape: [Int], at location: SourceLocation) throws {
        let count = ShapeInference.boundedElementCount(shape) ?? Int.max
        guard count <= tensorElements else {
            throw Diagnostic(
                "expected a tensor of at most \(tensorElements) elements per sample (--limit tensor-elements=N raises it), got \(count) (\(ShapeInference.format(shape)))",
                at: location)
        }
    }

    /// Throws when the weights, `total` bytes with parameter `parameter`, pass the limit.
    public func checkWeights(total: Int, adding parameter: String, at location: SourceLocation) throws {
        guard total <= weightBytes else {
            throw Diagnostic(
                "expected at most \(weightBytes) bytes of weights in all (--limit weight-bytes=N raises it), got \(total == Int.max ? "more than \(Int.max)" : String(total)) with parameter '\(Diagnostic.quoted(parameter))'",
                at: location)
        }
    }

    /// Throws when a planned arena of `floats` per sample passes the limit, naming the largest tensor.
    public func checkArena(floatsPerSample floats: Int, graph: Graph) throws {
        let (bytes, overflow) = floats.multipliedReportingOverflow(by: 4)
        guard overflow || bytes > arenaBytes else { return }
        let largest = graph.nodes.max { $0.elementCount < $1.elementCount }
        let what =
            largest.map {
                " (the largest tensor: layer '\(Diagnostic.quoted($0.name))', \(ShapeInference.format($0.shape)), \(4 * $0.elementCount) bytes)"
            } ?? ""
        throw Diagnostic(
            "expected an arena of at most \(arenaBytes) bytes per sample (--limit arena-bytes=N raises it), got \(overflow ? "more than \(Int.max)" : String(bytes))\(what)",
            at: largest?.location ?? SourceLocation())
    }
}
