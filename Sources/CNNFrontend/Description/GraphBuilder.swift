import CNNIR

/// Builds the graph layer by layer in file order, inferring each shape and binding each weight as it goes.
struct GraphBuilder {
    let file: String
    var nodes: [Node] = []
    var ids: [String: NodeID] = [:]
    var weights: SafetensorsFile?
    /// Stand-in weights for every parameter not given inline (benchmarks, full-size tests).
    var seeded: SeededWeights?
    /// Resource limits (`--limit`), and the parameter bytes bound so far.
    var limits = Limits()
    var weightBytes = 0
    /// Weight-file tensors a layer has taken, to find the ones nobody asked for.
    var claimed: Set<String> = []
    /// Every layer name in the file, to tell "defined below" from "not defined at all".
    var laterNames: Set<String> = []

    init(file: String) { self.file = file }

    mutating func addInput(_ value: JSONValue, index: Int, location: SourceLocation) throws {
        let f = try FieldReader(value, location: location, what: "an input")
        try f.rejectUnknownKeys(what: "an input", allowed: ["name", "shape"], known: ["name", "shape"])
        let name = try f.requiredString("name", "the input's name")
        try NetworkReader.checkName(name, fields: f, key: "name")
        var loc = f.location
        loc.layer = name
        let shapeValue = try f.required("shape", "the per-sample shape, e.g. [3, 224, 224]", layer: name)
        guard case .array(let dims) = shapeValue.kind, !dims.isEmpty else {
            throw f.error("shape", "expected a non-empty list of dimensions, got \(shapeValue.typeName)").located(in: loc)
        }
        let shape = try dims.map { d -> Int in
            guard let i = FieldReader.int(d), i >= 1 else {
                throw f.error("shape", "expected dimensions that are integers of at least 1, got \(FieldReader.describe(d))").located(
                    in: loc)
            }
            return i
        }
        guard ShapeInference.boundedElementCount(shape) != nil else {
            throw f.error("shape", "expected a shape of at most 2^40 elements, got \(ShapeInference.format(shape))").located(in: loc)
        }
        try define(name, at: f, key: "name", layer: name)
        let id = nodes.count
        try limits.checkElements(shape, at: loc)
        nodes.append(Node(id: id, name: name, op: .input(index: index), inputs: [], shape: shape, location: loc))
        ids[name] = id
    }

    func define(_ name: String, at f: FieldReader, key: String, layer: String) throws {
        if ids[name] != nil {
            var e = f.error(key, "expected a unique name, got '\(Diagnostic.quoted(name))' a second time")
            e.location.layer = layer
            throw e
        }
    }

    mutating func addLayer(_ value: JSONValue, location: SourceLocation) throws {
        let f0 = try FieldReader(value, location: location, what: "a layer")
        let name = try f0.requiredString("name", "the layer's name")
        var loc = f0.location
        loc.layer = name
        let f = try FieldReader(value, location: loc, what: "a layer")
        try NetworkReader.checkName(name, fields: f, key: "name")
        let op = try f.requiredString("op", "the layer's operation")
        guard let opFields = OpParser.fields[op] else {
            throw f.error(
                "op", "expected a known op (\(OpParser.fields.keys.sorted().joined(separator: ", "))), got \"\(Diagnostic.quoted(op))\"")
        }
        let allowed = OpParser.commonKeys + opFields
        try f.rejectUnknownKeys(what: "a \(op) layer", allowed: allowed, known: allowed)
        try define(name, at: f, key: "name", layer: name)

        let inputs = try readInputs(f, op: op)
        let inputShapes = inputs.map { nodes[$0].shape }
        let parsed = try OpParser.parse(op: op, fields: f, inputs: inputShapes)
        let shape: [Int]
        do {
            shape = try ShapeInference.outputShape(of: parsed, inputs: inputShapes)
        } catch let d as Diagnostic {
            throw d.located(in: f.location)
        }
        guard ShapeInference.boundedElementCount(shape) != nil else {
            throw Diagnostic("expected an output of at most 2^40 elements, got \(ShapeInference.format(shape))", at: f.location)
        }
        try limits.checkElements(shape, at: f.location)
        let params = try bindParameters(for: parsed, op: op, layer: name, input: inputShapes[0], fields: f)
        let id = nodes.count
        nodes.append(Node(id: id, name: name, op: parsed, inputs: inputs, shape: shape, params: params, location: f.location))
        ids[name] = id
    }

    /// `input` (one name) or `inputs` (a list); neither means the previous layer (or the first input).
    func readInputs(_ f: FieldReader, op: String) throws -> [NodeID] {
        let arity = OpParser.arity(op)
        if f.has("input") && f.has("inputs") {
            throw f.error("inputs", "expected either 'input' or 'inputs', got both")
        }
        var names: [(String, JSONValue?)] = []
        if let v = f.value("input") {
            guard case .string(let s) = v.kind else {
                throw f.error("input", "expected the name of a tensor as a string, got \(v.typeName)")
            }
            names = [(s, v)]
        } else if let v = f.value("inputs") {
            guard case .array(let items) = v.kind else { throw f.error("inputs", "expected a list of tensor names, got \(v.typeName)") }
            names = try items.map { item in
                guard case .string(let s) = item.kind else {
                    throw f.error("inputs", "expected tensor names as strings, got \(item.typeName) in the list")
                }
                return (s, item)
            }
        } else {
            let previous =
                nodes.last {
                    if case .input = $0.op { return false }
                    return true
                }
                ?? nodes.first {
                    if case .input(0) = $0.op { return true }
                    return false
                }
            guard let previous else { preconditionFailure("a description always has an input") }
            return try checkArity([previous.id], arity: arity, op: op, f: f)
        }
        let key = f.has("input") ? "input" : "inputs"
        let ids = try names.map { (name, value) -> NodeID in
            guard let id = self.ids[name] else {
                let below = laterNames.contains(name) ? ", which is defined below it" : ""
                let message = "expected the name of an input or a layer defined above this one, got '\(Diagnostic.quoted(name))'\(below)"
                throw FieldReader.error(message, at: value, base: f.location, path: f.path(key))
            }
            return id
        }
        return try checkArity(ids, arity: arity, op: op, f: f)
    }

    func checkArity(_ ids: [NodeID], arity: ClosedRange<Int>, op: String, f: FieldReader) throws -> [NodeID] {
        guard arity.contains(ids.count) else {
            let expected = arity.upperBound == Int.max ? "at least \(arity.lowerBound) inputs" : "exactly \(arity.lowerBound) input"
            throw f.error(f.has("input") ? "input" : "inputs", "expected \(expected) for \(op), got \(ids.count)")
        }
        return ids
    }

    mutating func checkUnclaimedWeights(location: SourceLocation) throws {
        guard let weights else { return }
        for name in weights.names where !claimed.contains(name) {
            let owner = nodes.last { name.hasPrefix($0.name + ".") }
            var loc = location
            loc.layer = owner?.name
            let what = owner.map { "is not a parameter of this \($0.op.kindName) layer" } ?? "matches no layer's '<layer>.<parameter>'"
            throw Diagnostic(
                "unexpected tensor '\(Diagnostic.quoted(name))' in the weights file '\(Diagnostic.quoted(weights.displayName))': it \(what)",
                at: loc)
        }
    }

    func resolveOutputs(_ value: JSONValue, fields: FieldReader) throws -> [NodeID] {
        guard case .array(let items) = value.kind, !items.isEmpty else {
            throw fields.error("outputs", "expected a non-empty list of layer names, got \(value.typeName)")
        }
        var seen: Set<NodeID> = []
        return try items.enumerated().map { i, item in
            let path = fields.path("outputs") + "[\(i)]"
            guard case .string(let name) = item.kind else {
                throw FieldReader.error(
                    "expected a layer name as a string, got \(item.typeName)", at: item, base: fields.location, path: path)
            }
            guard let id = ids[name], !nodes[id].isInput else {
                throw FieldReader.error(
                    "expected the name of a layer, got '\(Diagnostic.quoted(name))'\(ids[name] != nil ? " (an input)" : "")", at: item,
                    base: fields.location, path: path)
            }
            guard seen.insert(id).inserted else {
                throw FieldReader.error(
                    "expected each output once, got '\(Diagnostic.quoted(name))' twice", at: item, base: fields.location, path: path)
            }
            return id
        }
    }
}

extension GraphBuilder {
}

extension Node {
    var isInput: Bool {
        if case .input = op { return true }
        return false
    }
}
