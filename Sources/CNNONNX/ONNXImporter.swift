import CNNFiles
import CNNFrontend
import CNNIR
import Foundation
import SwiftProtobuf

/// Imports an ONNX model (opsets 11 to 28) as a CNNIR graph, the same graph the
/// net.json reader builds for the equivalent description: shapes inferred per node,
/// parameters in PyTorch's layouts, bound and shape-checked.
///
/// Tensor shapes are per sample: the leading (batch) dimension of every model input
/// is the runtime batch and is dropped. Anything the version-1 ops cannot express
/// exactly is a `Diagnostic` naming the node, its op and what is not supported.
public enum ONNXImporter {
    /// The ONNX opsets (default domain) the importer reads: up to the newest of onnx 1.23, every
    /// change of every handled op since 11 reviewed (`OpsetReview`, checked by OpsetTableTests).
    public static let supportedOpsets: ClosedRange<Int> = 11...28

    /// The ONNX operators the importer maps or folds, sorted.
    public static var supportedOps: [String] { OpTable.handlers.keys.sorted() }

    /// Reads the model at `path`.
    ///
    /// - Parameters:
    ///   - shapes: full input shapes (batch included, e.g. `[1, 3, 224, 224]`) by input name, for
    ///     inputs with symbolic dimensions other than the batch; the batch entry is dropped.
    ///   - seeded: when set, float initializers stored as external data whose file is missing are
    ///     generated with this generator instead (docs/onnx.md, "Seeded weights").
    ///   - limits: `--limit`; a seeded initializer larger than the weight limit is refused before it is generated.
    public static func load(
        path: String, shapes: [String: [Int]] = [:], seeded: SeededWeights? = nil, limits: Limits = Limits()
    ) throws -> Graph {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped)
            InputFiles.record(path)
        } catch {
            let reason = FileManager.default.fileExists(atPath: path) ? "it could not be read" : "no such file"
            throw Diagnostic("cannot read the ONNX model: \(reason)", at: SourceLocation(file: path))
        }
        return try load(data: data, path: path, shapes: shapes, seeded: seeded, limits: limits)
    }

    /// Reads a model already in memory; `path` names it in errors and its folder holds any external data.
    public static func load(
        data: Data, path: String, shapes: [String: [Int]] = [:], seeded: SeededWeights? = nil, limits: Limits = Limits()
    ) throws -> Graph {
        let model: Onnx_ModelProto
        do {
            var options = BinaryDecodingOptions()
            options.messageDepthLimit = 200
            model = try Onnx_ModelProto(serializedBytes: data, options: options)
        } catch {
            throw Diagnostic(
                "expected an ONNX model (a binary ModelProto), got bytes that do not parse: \(error)", at: SourceLocation(file: path))
        }
        let directory = (path as NSString).deletingLastPathComponent
        var decoder = TensorDecoder(modelDirectory: directory.isEmpty ? "." : directory, modelFile: path, seeded: seeded)
        decoder.limits = limits
        let fallbackName = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
        var importer = try Importer(model: model, file: path, decoder: decoder, fallbackName: fallbackName)
        do {
            return try importer.run(shapes: shapes)
        } catch let batched as Diagnostic {
            // A model whose first axis is not a free batch (a rank-1 input, a node that moves,
            // reduces or reshapes axis 0) with static input shapes: imported once more with the
            // whole ONNX tensor as one sample (docs/onnx.md, "Whole-tensor models").
            guard Importer.hasStaticInputs(model, shapes: shapes) else { throw batched }
            var whole = try Importer(model: model, file: path, decoder: decoder, fallbackName: fallbackName, wholeTensor: true)
            do {
                return try whole.run(shapes: shapes)
            } catch let d as Diagnostic {
                // The errors that say why: the whole-tensor import's when the batched one failed
                // only because axis 0 is not a batch, else the batched import's (today's).
                throw importer.axisZeroIsData ? d : batched
            }
        }
    }

    /// Parses a `--shape` value `name=1x3x224x224` into the input name and its full shape.
    public static func parseShapeOption(_ text: String) throws -> (name: String, shape: [Int]) {
        guard let eq = text.lastIndex(of: "=") else {
            throw Diagnostic("expected --shape NAME=DIMS such as image=1x3x224x224, got '\(Diagnostic.quoted(text))'")
        }
        let name = String(text[..<eq])
        let dims = text[text.index(after: eq)...].split(separator: "x", omittingEmptySubsequences: false).map { Int($0) }
        guard !name.isEmpty, !dims.isEmpty, dims.allSatisfy({ ($0 ?? 0) >= 1 }) else {
            throw Diagnostic(
                "expected --shape NAME=DIMS with dimensions of at least 1 separated by 'x', such as image=1x3x224x224, got '\(Diagnostic.quoted(text))'"
            )
        }
        return (name, dims.map { $0! })
    }
}

/// A value flowing along an ONNX edge during import.
enum Value {
    /// A runtime tensor: the CNNIR node that computes it (its shape is per sample).
    case tensor(NodeID)
    /// A tensor known at import time.
    case constant(ConstTensor)
}

/// The state of one import: the CNNIR nodes built so far and what each ONNX name stands for.
struct Importer {
    let file: String
    let decoder: TensorDecoder
    let graphProto: Onnx_GraphProto
    let opset: Int
    let modelName: String

    var nodes: [Node] = []
    var values: [String: Value] = [:]
    var initializers: [String: Onnx_TensorProto] = [:]
    var decoded: [String: ConstTensor] = [:]
    /// Names given to CNNIR nodes so far, plus the model's input and output names.
    var usedNames: Set<String> = []
    /// Layer name -> the ONNX output tensor it computes, where they differ (`Graph.tensorNames`).
    var tensorNames: [String: String] = [:]
    /// How many node inputs and graph outputs read each ONNX value.
    var readers: [String: Int] = [:]
    let graphOutputs: [String]
    /// Dense nodes made from a MatMul, without bias: a following Add of a constant becomes their bias.
    var biasless: Set<NodeID> = []
    /// Identity outputs that stand for a not yet decoded initializer: it is decoded at its real consumer, whose role picks the seeded rule.
    var aliases: [String: String] = [:]
    /// The batch size every input declares as a number (usually 1), if they all do: a Reshape may name it for "the batch".
    var declaredBatch: Int?
    /// Whole-tensor mode: the ONNX tensors' first axis is data, not the batch. Every shape is the
    /// full ONNX shape (the library's batch is a unit axis in front of it), and only the ops of
    /// `OpTable.wholeTensorOps` are read. Tried when a batched import fails and the inputs are static.
    let wholeTensor: Bool
    /// How many leading ONNX axes are the runtime batch: 1, or 0 in whole-tensor mode. ONNX axis
    /// `a` of a tensor computed at run time is per-sample axis `a - lead`.
    var lead: Int { wholeTensor ? 0 : 1 }
    /// Set when the batched import fails because the model uses axis 0 as data (a rank-1 input, a
    /// reduction, transpose, concat, reshape ... of axis 0): then the whole-tensor import's errors are the ones reported.
    var axisZeroIsData = false

    static let genericGraphNames: Set<String> = ["", "main_graph", "torch_jit", "torch-jit-export", "tf2onnx", "graph", "model"]

    init(model: Onnx_ModelProto, file: String, decoder: TensorDecoder, fallbackName: String, wholeTensor: Bool = false) throws {
        self.file = file
        self.wholeTensor = wholeTensor
        self.decoder = decoder
        var opset: Int?
        for entry in model.opsetImport where entry.domain == "" || entry.domain == "ai.onnx" {
            opset = Int(entry.version)
        }
        guard let opset else {
            throw Diagnostic("expected the model to import the default ONNX opset (domain \"\"), got none", at: SourceLocation(file: file))
        }
        guard ONNXImporter.supportedOpsets.contains(opset) else {
            throw Diagnostic(
                "expected ONNX opset \(ONNXImporter.supportedOpsets.lowerBound) to \(ONNXImporter.supportedOpsets.upperBound), got opset \(opset) (re-export with opset_version in that range)",
                at: SourceLocation(file: file))
        }
        guard model.hasGraph else { throw Diagnostic("expected a model with a graph, got none", at: SourceLocation(file: file)) }
        self.opset = opset
        graphProto = model.graph
        let graphName = model.graph.name
        modelName =
            Importer.genericGraphNames.contains(graphName) || graphName.count > 256
            ? (fallbackName.isEmpty ? "model" : fallbackName) : graphName
        graphOutputs = model.graph.output.map(\.name)
        for tensor in model.graph.initializer { initializers[tensor.name] = tensor }
        for node in model.graph.node { for name in node.input where !name.isEmpty { readers[name, default: 0] += 1 } }
        for name in graphOutputs { readers[name, default: 0] += 1 }
    }

    func fail(_ message: String) -> Diagnostic { Diagnostic(message, at: SourceLocation(file: file)) }

    /// Whether every input that is not an initializer has a shape of numbers only (or a full `--shape`).
    static func hasStaticInputs(_ model: Onnx_ModelProto, shapes: [String: [Int]]) -> Bool {
        let initialized = Set(model.graph.initializer.map(\.name))
        let inputs = model.graph.input.filter { !initialized.contains($0.name) }
        return !inputs.isEmpty
            && inputs.allSatisfy { info in
                if shapes[info.name] != nil { return true }
                let type = info.type.tensorType
                return type.hasShape
                    && type.shape.dim.allSatisfy { dim in
                        if case .dimValue(let v)? = dim.value { return v >= 1 }
                        return false
                    }
            }
    }

    /// A node error that comes from axis 0 being data rather than the batch: recorded, so that a
    /// failed import is tried again as a whole-tensor model.
    mutating func axisZeroError(_ ctx: NodeContext, _ message: String) -> Diagnostic {
        axisZeroIsData = true
        return ctx.error(message)
    }

    mutating func run(shapes: [String: [Int]]) throws -> Graph {
        try addInputs(shapes: shapes)
        guard !graphOutputs.isEmpty else { throw fail("expected the graph to have at least one output, got none") }
        usedNames.formUnion(graphOutputs)
        // Every node is tried, so that one error lists every unsupported node, not only the first.
        var problems: [Diagnostic] = []
        // Values whose node failed: a node reading one can only be checked for its op and attributes.
        var unknown: Set<String> = []
        for (index, proto) in graphProto.node.enumerated() {
            let context = NodeContext(proto: proto, index: index, file: file)
            do {
                if proto.input.contains(where: unknown.contains) {
                    _ = try supportedHandler(context)
                    unknown.formUnion(proto.output)
                } else {
                    try importNode(context)
                }
            } catch let d as Diagnostic {
                problems.append(d)
                unknown.formUnion(proto.output)
            }
        }
        if !problems.isEmpty { throw Diagnostic(all: problems) }
        return try finish()
    }

    // MARK: Inputs

    mutating func addInputs(shapes: [String: [Int]]) throws {
        let inputs = graphProto.input.filter { initializers[$0.name] == nil }
        guard !inputs.isEmpty else { throw fail("expected the graph to have at least one input that is not an initializer, got none") }
        let names = inputs.map(\.name)
        let leading = Set(
            inputs.map { info -> Int in
                if case .dimValue(let v)? = info.type.tensorType.shape.dim.first?.value { return Int(v) }
                return -1
            })
        declaredBatch = leading.count == 1 && leading.first! >= 1 && !wholeTensor ? leading.first! : nil
        for key in shapes.keys.sorted() where !names.contains(key) {
            throw fail(
                "--shape names an input '\(Diagnostic.quoted(key))' that the model does not have (inputs: \(names.map { "'\(Diagnostic.quoted($0))'" }.joined(separator: ", ")))"
            )
        }
        for (index, info) in inputs.enumerated() {
            let shape = try inputShape(info, override: shapes[info.name])
            guard ShapeBounds.isBounded(shape) else {
                throw fail(
                    "input '\(Diagnostic.quoted(info.name))': expected at most 2^40 elements per sample, got shape \(ShapeInference.format(shape))"
                )
            }
            let id = nodes.count
            guard !info.name.isEmpty, info.name.count <= 256, usedNames.insert(info.name).inserted else {
                throw fail(
                    "expected input names that are unique, non-empty and at most 256 characters, got '\(Diagnostic.quoted(info.name))'")
            }
            nodes.append(
                Node(
                    id: id, name: info.name, op: .input(index: index), inputs: [], shape: shape,
                    location: SourceLocation(file: file, layer: info.name)))
            values[info.name] = .tensor(id)
        }
    }

    /// The per-sample shape of a model input: the full shape without its leading batch dimension.
    mutating func inputShape(_ info: Onnx_ValueInfoProto, override: [Int]?) throws -> [Int] {
        let name = Diagnostic.quoted(info.name)
        let type = info.type.tensorType
        if type.hasElemType && type.elemType != TensorDecoder.floatType {
            throw fail("input '\(name)': expected element type FLOAT (float32), got \(TensorDecoder.typeName(type.elemType))")
        }
        let dims = type.shape.dim.map { dim -> (Int?, String) in
            switch dim.value {
            case .dimValue(let v)?: return (v > 0 ? Int(v) : nil, "\(v)")
            case .dimParam(let p)?: return (nil, p.isEmpty ? "?" : p)
            case nil: return (nil, "?")
            }
        }
        // An empty tensor (a 0 among the sizes): every tensor cnnc compiles has at least one
        // element (its runtime, header, .npy I/O and Python package assume it), so the ONNX
        // forms over empty inputs (a reduction over an empty set, a split of [0]) are refused here.
        if let zero = type.shape.dim.firstIndex(where: { if case .dimValue(0)? = $0.value { return true } else { return false } }) {
            throw fail(
                "input '\(name)' has a dimension of size 0 at position \(zero) (shape [\(dims.map(\.1).joined(separator: ", "))]): unsupported empty tensor (every tensor cnnc compiles has at least one element)"
            )
        }
        let example =
            "--shape \(info.name)="
            + (dims.isEmpty
                ? "1x3x224x224" : (["1"] + dims.dropFirst().map { $0.0.map(String.init) ?? "<\($0.1)>" }).joined(separator: "x"))
        if let override {
            if type.hasShape && override.count != dims.count {
                throw fail(
                    "--shape \(info.name): expected \(dims.count) dimensions (the model's input is [\(dims.map(\.1).joined(separator: ", "))]), got \(override.count)"
                )
            }
            guard override.count >= 2 || wholeTensor else {
                axisZeroIsData = true
                throw fail(
                    "--shape \(info.name): expected the full shape with the batch first, e.g. 1x3x224x224, got \(override.count) dimension")
            }
            for (d, (value, _)) in dims.enumerated() where d > 0 || wholeTensor {
                if let value, value != override[d] {
                    throw fail("--shape \(info.name): dimension \(d) is fixed at \(value) in the model, got \(override[d])")
                }
            }
            return wholeTensor ? override : Array(override.dropFirst())
        }
        guard type.hasShape else {
            // No shape, or not a tensor at all (sequence and map types are not in the parsed subset).
            throw fail("input '\(name)' has no tensor shape in the model: give its full shape, batch of 1 included, with \(example)")
        }
        if wholeTensor {
            // hasStaticInputs checked every dimension.
            return dims.map { $0.0! }
        }
        guard dims.count >= 2 else {
            axisZeroIsData = true
            throw fail(
                "input '\(name)': expected a batch dimension and at least one more, got shape [\(dims.map(\.1).joined(separator: ", "))]")
        }
        var shape: [Int] = []
        for (d, (value, text)) in dims.enumerated().dropFirst() {
            guard let value else {
                throw fail(
                    "input '\(name)' has the symbolic dimension '\(Diagnostic.quoted(text))' at position \(d) (shape [\(dims.map(\.1).joined(separator: ", "))]); only the batch may be symbolic: give its full shape, batch of 1 included, with \(example)"
                )
            }
            shape.append(value)
        }
        return shape
    }

    // MARK: Nodes

    mutating func importNode(_ ctx: NodeContext) throws {
        let handler = try supportedHandler(ctx)
        try handler(&self, ctx)
    }

    /// The node's handler, once its domain, op and attributes are known to be supported: what can
    /// be checked without its inputs.
    func supportedHandler(_ ctx: NodeContext) throws -> OpTable.Handler {
        let domain = ctx.proto.domain
        guard domain.isEmpty || domain == "ai.onnx" else {
            throw ctx.error("unsupported operator domain '\(Diagnostic.quoted(domain))' (only the default ONNX domain is supported)")
        }
        guard let handler = OpTable.handlers[ctx.opType] else {
            throw ctx.error(
                "unsupported op \(Diagnostic.quoted(ctx.opType)) (supported ops: \(ONNXImporter.supportedOps.joined(separator: ", ")))")
        }
        if let reason = OpsetReview.refusal(op: ctx.opType, opset: opset) { throw ctx.error(reason) }
        // Every supported op's first output is required (optional outputs come after it); the
        // handlers name the value they produce by it.
        guard let first = ctx.proto.output.first, !first.isEmpty else {
            throw ctx.error("expected an output (its first, which \(Diagnostic.quoted(ctx.opType)) always has), got none")
        }
        if wholeTensor && !OpTable.wholeTensorOps.contains(ctx.opType) {
            throw ctx.error(
                "unsupported op \(Diagnostic.quoted(ctx.opType)) in a model whose first axis is not a free batch (read as one whole tensor; there only: \(OpTable.wholeTensorOps.sorted().joined(separator: ", ")))"
            )
        }
        try ctx.checkAttributes(allowed: OpTable.attributes[ctx.opType] ?? [])
        return handler
    }

    /// Ends the import: every graph output names the node that computes it.
    mutating func finish() throws -> Graph {
        var outputIDs: [NodeID] = []
        for name in graphOutputs {
            guard let value = values[name] else {
                throw fail("graph output '\(Diagnostic.quoted(name))' is not computed by any node")
            }
            guard case .tensor(let id) = value else {
                throw fail("graph output '\(Diagnostic.quoted(name))' is a constant; expected a tensor computed from the inputs")
            }
            if case .input = nodes[id].op {
                guard nodes[id].name != name, !nodes.contains(where: { $0.name == name }) else {
                    throw fail(
                        "graph output '\(Diagnostic.quoted(name))' is the model input '\(Diagnostic.quoted(nodes[id].name))' itself; expected a computed tensor"
                    )
                }
                // An output that is an input (an Identity of it): a copy, as an inference-time dropout is.
                let copy = nodes.count
                nodes.append(
                    Node(
                        id: copy, name: name, op: .dropout(rate: 0), inputs: [id], shape: nodes[id].shape,
                        location: SourceLocation(file: file, layer: name)))
                outputIDs.append(copy)
                continue
            }
            if outputIDs.contains(id) {
                throw fail("graph output '\(Diagnostic.quoted(name))' is the same tensor as another output; expected distinct outputs")
            }
            if nodes[id].name != name {
                // An alias (Identity, a no-op Reshape, a fused Add): the producer takes the output's name.
                guard !graphOutputs.contains(nodes[id].name) else {
                    throw fail(
                        "graph outputs '\(Diagnostic.quoted(nodes[id].name))' and '\(Diagnostic.quoted(name))' are the same tensor; expected distinct outputs"
                    )
                }
                nodes[id].name = name
                nodes[id].layers = [name]
                nodes[id].location.layer = name
            }
            outputIDs.append(id)
        }
        var graph = Graph(name: modelName, nodes: nodes, outputs: outputIDs)
        // Outputs renamed above already carry their tensor's name.
        let layerNames = Set(nodes.flatMap { [$0.name] + $0.layers })
        graph.tensorNames = tensorNames.filter { layer, _ in layerNames.contains(layer) }
        return graph
    }

    // MARK: Values

    /// Input `k` of the node, or nil when absent (optional inputs may be empty names).
    mutating func value(_ ctx: NodeContext, _ k: Int, role: ParameterRole = .bias) throws -> Value? {
        guard k < ctx.proto.input.count, !ctx.proto.input[k].isEmpty else { return nil }
        var name = ctx.proto.input[k]
        if let v = values[name] { return v }
        if let target = aliases[name] { name = target }
        if let tensor = initializers[name] {
            if let cached = decoded[name] { return .constant(cached) }
            let c = try decoder.decode(tensor, role: role)
            decoded[name] = c
            return .constant(c)
        }
        throw ctx.error("input \(k) '\(Diagnostic.quoted(name))' is not a model input, an initializer or the output of an earlier node")
    }

    /// Input `k` as a runtime tensor.
    mutating func tensor(_ ctx: NodeContext, _ k: Int, what: String = "input") throws -> NodeID {
        switch try value(ctx, k) {
        case .tensor(let id)?: return id
        case .constant?:
            throw ctx.error(
                "expected \(what) (input \(k)) to be computed from the model's inputs, got a constant (ops on constants other than shape arithmetic are not folded)"
            )
        case nil: throw ctx.error("expected \(what) (input \(k)), got none")
        }
    }

    /// Input `k` as a constant, or nil when absent.
    mutating func constant(_ ctx: NodeContext, _ k: Int, what: String, role: ParameterRole = .bias) throws -> ConstTensor? {
        switch try value(ctx, k, role: role) {
        case .constant(let c)?: return c
        case .tensor?:
            throw ctx.error("expected \(what) (input \(k)) to be an initializer or a constant, got a tensor computed at run time")
        case nil: return nil
        }
    }

    /// Input `k` as a float constant that must be present.
    /// With `integers`, an integer constant is returned as it is (the caller converts it).
    mutating func floats(
        _ ctx: NodeContext, _ k: Int, what: String, role: ParameterRole = .bias, integers: Bool = false
    ) throws -> ConstTensor {
        guard let c = try constant(ctx, k, what: what, role: role) else { throw ctx.error("expected \(what) (input \(k)), got none") }
        guard c.isFloat || integers else { throw ctx.error("expected \(what) (input \(k)) to be a float tensor, got integers") }
        return c
    }

    /// The per-sample shape of a runtime tensor.
    func shape(_ id: NodeID) -> [Int] { nodes[id].shape }

    /// Binds output `k` of the node.
    mutating func define(_ ctx: NodeContext, _ k: Int = 0, _ value: Value) {
        guard k < ctx.proto.output.count, !ctx.proto.output[k].isEmpty else { return }
        values[ctx.proto.output[k]] = value
    }

    /// Outputs past `count` must be unused (Dropout's mask, MaxPool's indices, BatchNormalization's training statistics).
    func requireUnusedOutputs(_ ctx: NodeContext, from count: Int) throws {
        for (k, name) in ctx.proto.output.enumerated() where k >= count && !name.isEmpty && readers[name, default: 0] > 0 {
            throw ctx.error("output \(k) '\(Diagnostic.quoted(name))' is used, but only output 0 is supported")
        }
    }

    /// A learned parameter (weights, biases, batchnorm statistics, PReLU slopes) that is NaN or
    /// infinite is almost always a diverged training run and would only show as NaN outputs: it is
    /// refused, as in descriptions and safetensors files. Constants of elementwise ops (a Max with
    /// -inf, a Clip bound) stay allowed.
    static func checkFinite(_ ctx: NodeContext, _ op: Op, _ params: [String: WeightTensor]) throws {
        switch op {
        case .conv, .convTranspose, .dense, .batchNorm, .prelu, .bias, .normalization: break
        default: return
        }
        for name in params.keys.sorted() {
            let tensor = params[name]!
            guard let bad = tensor.storage.floats.firstIndex(where: { !$0.isFinite }) else { continue }
            var index: [Int] = []
            var rest = bad
            for size in tensor.shape.reversed() {
                index.insert(rest % max(size, 1), at: 0)
                rest /= max(size, 1)
            }
            throw ctx.error(
                "expected finite float32 numbers in parameter \(name), got \(tensor.storage.floats[bad]) at index \(ShapeInference.format(index)) (a NaN or infinite weight is usually a diverged training run)"
            )
        }
    }

    /// Adds a CNNIR node for the ONNX node: infers its shape and checks its parameters as the net.json reader does.
    ///
    /// With `part`, the node is an intermediate step of the ONNX node (named `<node>/<part>`) and does not define its output.
    @discardableResult
    mutating func emit(
        _ ctx: NodeContext, _ op: Op, inputs: [NodeID], params: [String: WeightTensor] = [:], part: String? = nil
    ) throws -> NodeID {
        let inputShapes = inputs.map { nodes[$0].shape }
        let shape: [Int]
        do {
            shape = try ShapeInference.outputShape(of: op, inputs: inputShapes)
        } catch let d as Diagnostic {
            throw ctx.error(d.message)
        }
        // Every later step (element counts, costs, the arena plan) multiplies these sizes.
        guard ShapeBounds.isBounded(shape) else {
            throw ctx.error("expected an output of at most 2^40 elements per sample, got shape \(ShapeInference.format(shape))")
        }
        for expected in ParameterRules.expected(for: op, input: inputShapes[0]) {
            guard let tensor = params[expected.name], expected.alternatives.contains(tensor.shape) else {
                let got = params[expected.name].map { ShapeInference.format($0.shape) } ?? "none"
                throw ctx.error(
                    "expected parameter \(expected.name) of shape \(expected.alternatives.map(ShapeInference.format).joined(separator: " or ")), got \(got)"
                )
            }
        }
        try Self.checkFinite(ctx, op, params)
        let name = uniqueName(for: ctx, part: part)
        let id = nodes.count
        nodes.append(
            Node(
                id: id, name: name, op: op, inputs: inputs, shape: shape, params: params,
                location: SourceLocation(file: file, path: "graph.node[\(ctx.index)]", layer: name)))
        if part == nil {
            define(ctx, 0, .tensor(id))
            if let tensor = ctx.proto.output.first, !tensor.isEmpty, tensor != name { tensorNames[name] = tensor }
        }
        return id
    }

    /// The node of `ctx` folded into node `x` (a MatMul's bias Add): `x` now computes the node's output, so
    /// the node becomes the last layer `x` computes, under its own name and output tensor (`--all-layers`
    /// exports that value by the ONNX tensor name that holds it; the tensor `x` computed before is fused).
    mutating func fold(_ ctx: NodeContext, into x: NodeID) {
        let name = uniqueName(for: ctx)
        nodes[x].layers.append(name)
        if let tensor = ctx.proto.output.first, !tensor.isEmpty, tensor != name { tensorNames[name] = tensor }
        define(ctx, 0, .tensor(x))
    }

    /// The node's ONNX name (or its first output's), made unique and at most 256 characters; a graph output keeps its own name.
    mutating func uniqueName(for ctx: NodeContext, part: String? = nil) -> String {
        let output = ctx.proto.output.first ?? ""
        if part == nil, graphOutputs.contains(output), !nodes.contains(where: { $0.name == output }) { return output }
        var base = ctx.proto.name.isEmpty ? output : ctx.proto.name
        if base.isEmpty { base = "\(ctx.opType)_\(ctx.index)" }
        if let part { base += "/" + part }
        if base.count > 240 { base = String(base.prefix(240)) }
        var name = base
        var k = 1
        while usedNames.contains(name) {
            k += 1
            name = "\(base)_\(k)"
        }
        usedNames.insert(name)
        return name
    }
}

extension Importer {
    /// The shape of constant input `k` without decoding its data (to pick its seeded rule).
    func constantShape(_ ctx: NodeContext, _ k: Int, what: String) throws -> [Int] {
        guard k < ctx.proto.input.count, !ctx.proto.input[k].isEmpty else { throw ctx.error("expected \(what) (input \(k)), got none") }
        let name = ctx.proto.input[k]
        switch values[name] {
        case .constant(let c)?: return c.shape
        case nil where aliases[name] != nil:
            return try boundedShape(initializers[aliases[name]!]!, ctx, what: what)
        case .tensor?:
            throw ctx.error("expected \(what) (input \(k)) to be an initializer or a constant, got a tensor computed at run time")
        case nil:
            guard let t = initializers[name] else {
                throw ctx.error(
                    "input \(k) '\(Diagnostic.quoted(name))' is not a model input, an initializer or the output of an earlier node")
            }
            return try boundedShape(t, ctx, what: what)
        }
    }

    /// The dimensions of initializer `t`, checked before anything multiplies them (a fan-in, a size).
    func boundedShape(_ t: Onnx_TensorProto, _ ctx: NodeContext, what: String) throws -> [Int] {
        guard let shape = ShapeBounds.shape(t.dims) else {
            throw ctx.error(
                "expected \(what) '\(Diagnostic.quoted(t.name))' to have non-negative dimensions and at most 2^40 elements (zero dimensions aside), got dims \(t.dims)"
            )
        }
        return shape
    }

    /// A weight tensor from a float constant.
    static func weight(_ c: ConstTensor, shape: [Int]? = nil) -> WeightTensor {
        WeightTensor(shape: shape ?? c.shape, values: c.floats!)
    }
}
