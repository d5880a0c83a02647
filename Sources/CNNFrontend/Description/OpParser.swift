import CNNIR

/// Turns one layer's fields into a typed `Op`, given its input shapes (needed to resolve "same" padding).
enum OpParser {
    /// Keys every layer may have.
    static let commonKeys = ["name", "op", "input", "inputs", "params"]

    /// Every op name of version 1 with its own fields.
    static let fields: [String: [String]] = {
        var table: [String: [String]] = [:]
        for rank in 1...3 {
            table["conv\(rank)d"] = ["filters", "kernel", "stride", "padding", "dilation", "groups", "bias", "activation"]
            table["conv_transpose\(rank)d"] = [
                "filters", "kernel", "stride", "padding", "output_padding", "dilation", "groups", "bias", "activation",
            ]
            table["maxpool\(rank)d"] = ["size", "stride", "padding", "ceil_mode", "dilation"]
            table["avgpool\(rank)d"] = ["size", "stride", "padding", "ceil_mode", "count_include_pad", "dilation"]
        }
        table["dense"] = ["units", "bias", "activation"]
        for op in ["flatten", "global_maxpool", "global_avgpool", "prelu"] { table[op] = [] }
        for kind in ActivationKind.allCases { table[kind.rawValue] = kind.facts.parameters.map(\.name) }
        table["adaptive_avgpool2d"] = ["output"]
        table["adaptive_maxpool2d"] = ["output"]
        table["softmax"] = ["axis"]
        table["log_softmax"] = ["axis"]
        table["linear"] = ["units", "bias", "activation"]
        for kind in ReduceKind.allCases { table[kind.name] = ["axes", "keepdims"] }
        table["layernorm"] = ["axis", "last_axis", "epsilon"]
        table["instancenorm"] = ["epsilon"]
        table["groupnorm"] = ["groups", "epsilon"]
        table["batchnorm"] = ["epsilon"]
        table["lrn"] = ["size", "alpha", "beta", "k"]
        table["dropout"] = ["rate"]
        table["add"] = ["activation", "broadcast", "constant", "constant_first"]
        for op in BinaryOperator.allCases where op != .add { table[op.name] = ["activation", "constant", "constant_first"] }
        table["where"] = WhereAttributes.operandNames.map { "constant_\($0)" }
        table["concat"] = ["axis"]
        table["matmul"] = ["constant", "constant_first"]
        table["upsample2d"] = ["scale", "mode"]
        table["bias"] = ["per"]
        table.merge(MovementParser.fields) { a, _ in a }
        table["flatten"] = ["axis"]
        return table.merging(resampleFields) { a, _ in a }
    }()

    /// How many inputs an op reads (an upper bound of Int.max means "or more").
    static func arity(_ op: String) -> ClosedRange<Int> {
        switch op {
        case "add": return 1...Int.max
        case _ where BinaryOperator(rawValue: op) != nil: return 1...2
        case "where": return 1...3
        case "matmul": return 1...2
        case "concat": return 1...Int.max
        default: return 1...1
        }
    }

    static func spatialRank(_ op: String) -> Int? {
        guard let last = op.dropLast().last, op.hasSuffix("d"), let rank = Int(String(last)) else { return nil }
        return rank
    }

    static func parse(op name: String, fields f: FieldReader, inputs: [[Int]]) throws -> Op {
        let input = inputs[0]
        let rank = spatialRank(name) ?? 0
        // Layers with a fixed spatial rank check it first, so field errors talk about the right shape.
        if rank > 0 && input.count != rank + 1 {
            let expected = rank == 1 ? "[C, L]" : rank == 2 ? "[C, H, W]" : "[C, D, H, W]"
            throw Diagnostic("expected an input of shape \(expected) for \(name), got \(ShapeInference.format(input))", at: f.location)
        }
        let spatial = Array(input.dropFirst())
        if let kind = ActivationKind(rawValue: name) { return .activation(try activationLayer(kind, f)) }
        if let op = try MovementParser.parse(op: name, fields: f, input: input) { return op }
        switch name {
        case _ where name.hasPrefix("conv_transpose"):
            let filters = try f.int("filters", min: 1, what: "filters")
            let kernel = try f.intPerDim("kernel", rank: rank, min: 1, what: "kernel")
            let stride = try f.intPerDim("stride", rank: rank, default: ones(rank), min: 1, what: "stride")
            let padding = try f.intPerDim("padding", rank: rank, default: zeros(rank), min: 0, what: "padding")
            let outputPadding = try f.intPerDim("output_padding", rank: rank, default: zeros(rank), min: 0, what: "output_padding")
            let dilation = try f.intPerDim("dilation", rank: rank, default: ones(rank), min: 1, what: "dilation")
            let groups = try f.int("groups", default: 1, min: 1, what: "groups")
            let bias = try f.bool("bias", default: true)
            let epilogue = try activation(f)
            return .convTranspose(
                ConvTransposeAttributes(
                    filters: filters, kernel: kernel, stride: stride, dilation: dilation, padding: padding, outputPadding: outputPadding,
                    groups: groups, hasBias: bias, epilogue: epilogue))
        case _ where name.hasPrefix("conv"):
            let filters = try f.int("filters", min: 1, what: "filters")
            let kernel = try f.intPerDim("kernel", rank: rank, min: 1, what: "kernel")
            let stride = try f.intPerDim("stride", rank: rank, default: ones(rank), min: 1, what: "stride")
            let dilation = try f.intPerDim("dilation", rank: rank, default: ones(rank), min: 1, what: "dilation")
            let padding = try paddingSpec(f, rank: rank).resolve(spatial: spatial, kernel: kernel, stride: stride, dilation: dilation)
            let groups = try f.int("groups", default: 1, min: 1, what: "groups")
            let bias = try f.bool("bias", default: true)
            let epilogue = try activation(f)
            return .conv(
                ConvAttributes(
                    filters: filters, kernel: kernel, stride: stride, dilation: dilation, padding: padding, groups: groups, hasBias: bias,
                    epilogue: epilogue))
        case _ where name.hasPrefix("maxpool") || name.hasPrefix("avgpool"):
            let isMax = name.hasPrefix("max")
            let includePad = isMax ? false : try f.bool("count_include_pad", default: false)
            return .pool(try window(f, kind: isMax ? .max : .average, input: input, rank: rank, includePad: includePad))
        case _ where name.hasPrefix("lppool") || name == "global_lppool":
            return try lpPool(name, f, input: input, rank: rank)
        case "resize":
            return try resize(f, input: input)
        case "dense":
            let units = try f.int("units", min: 1, what: "units")
            let bias = try f.bool("bias", default: true)
            return .dense(DenseAttributes(units: units, hasBias: bias, epilogue: try activation(f)))
        case "flatten": return .flatten
        case "global_maxpool": return .globalPool(.max)
        case "global_avgpool": return .globalPool(.average)
        case "adaptive_avgpool2d", "adaptive_maxpool2d":
            let output = try f.intPerDim("output", rank: 2, min: 1, what: "output size")
            return .adaptivePool(name.hasPrefix("adaptive_max") ? .max : .average, output: output)
        case "prelu": return .prelu
        case "softmax", "log_softmax":
            let axis = try f.int("axis", default: 0, min: 0, what: "axis")
            guard axis < input.count else {
                throw f.error("axis", "expected an axis in 0..<\(input.count) for input \(ShapeInference.format(input)), got \(axis)")
            }
            return .softmax(axis: axis, log: name == "log_softmax")
        case "linear":
            let units = try f.int("units", min: 1, what: "units")
            let bias = try f.bool("bias", default: true)
            return .dense(DenseAttributes(units: units, hasBias: bias, epilogue: try activation(f), lastAxis: true))
        case _ where name.hasPrefix("reduce_"):
            let kind = ReduceKind.allCases.first { $0.name == name }!
            let v = try f.required("axes", "the reduced axes (a list of per-sample axes)")
            guard case .array(let items) = v.kind, !items.isEmpty else {
                throw f.error("axes", "expected axes as a non-empty list of integers, got \(v.typeName)")
            }
            var axes: [Int] = []
            for item in items {
                guard let a = FieldReader.int(item), a >= -input.count, a < input.count else {
                    throw f.error(
                        "axes",
                        "expected axes in \(-input.count)..<\(input.count) for input \(ShapeInference.format(input)), got \(FieldReader.describe(item))"
                    )
                }
                axes.append(a < 0 ? a + input.count : a)
            }
            guard Set(axes).count == axes.count else { throw f.error("axes", "expected distinct axes, got \(ShapeInference.format(axes))") }
            return .reduce(ReduceAttributes(kind: kind, axes: axes.sorted(), keepDims: try f.bool("keepdims", default: true)))
        case "layernorm", "instancenorm", "groupnorm":
            let eps = try f.float("epsilon", default: 1e-5, what: "epsilon")
            guard eps > 0 else { throw f.error("epsilon", "expected epsilon > 0, got \(eps)") }
            switch name {
            case "layernorm":
                let rank = input.count
                var bounds: [Int] = []
                for key in ["axis", "last_axis"] {
                    let a = try f.int(key, default: -1, what: key)
                    guard a >= -rank && a < rank else {
                        throw f.error(key, "expected \(key) in \(-rank)..<\(rank) for input \(ShapeInference.format(input)), got \(a)")
                    }
                    bounds.append(a < 0 ? a + rank : a)
                }
                guard bounds[0] <= bounds[1] else {
                    throw f.error("last_axis", "expected last_axis at or after axis (\(bounds[0])), got \(bounds[1])")
                }
                return .normalization(NormAttributes(kind: .layer(first: bounds[0], last: bounds[1]), epsilon: eps))
            case "instancenorm":
                return .normalization(NormAttributes(kind: .instance, epsilon: eps))
            default:
                let groups = try f.int("groups", min: 1, what: "groups")
                guard input[0] % groups == 0 else {
                    throw f.error(
                        "groups", "expected groups dividing the \(input[0]) channels of \(ShapeInference.format(input)), got \(groups)")
                }
                return .normalization(NormAttributes(kind: .group(groups), epsilon: eps))
            }
        case "batchnorm":
            let eps = try f.float("epsilon", default: 1e-5, what: "epsilon")
            guard eps > 0 else { throw f.error("epsilon", "expected epsilon > 0, got \(eps)") }
            return .batchNorm(epsilon: eps, epilogue: [])
        case "lrn":
            let size = try f.int("size", default: 5, min: 1, what: "size")
            let a = LRNAttributes(
                size: size, alpha: try f.float("alpha", default: 1e-4, what: "alpha"),
                beta: try f.float("beta", default: 0.75, what: "beta"), k: try f.float("k", default: 1.0, what: "k"))
            return .lrn(a)
        case "dropout":
            let rate = try f.float("rate", what: "rate")
            guard rate >= 0 && rate < 1 else { throw f.error("rate", "expected a rate in [0, 1), got \(rate)") }
            return .dropout(rate: rate)
        case "add":
            guard try f.bool("broadcast", default: false) else {
                for key in ["constant", "constant_first"] where f.has(key) {
                    throw f.error(key, "expected \(key) only on an add with \"broadcast\": true")
                }
                guard inputs.count >= 2 else {
                    throw f.error(f.has("input") ? "input" : "inputs", "expected at least 2 inputs for add, got \(inputs.count)")
                }
                return .add(epilogue: try activation(f))
            }
            return .binary(try binary(.add, f, inputs: inputs))
        case _ where BinaryOperator(rawValue: name) != nil:
            return .binary(try binary(BinaryOperator(rawValue: name)!, f, inputs: inputs))
        case "where":
            return .select(try whereAttributes(f, inputs: inputs))
        case "matmul":
            return .matmul(try matmul(f, inputs: inputs))
        case "concat":
            let axis = try f.int("axis", default: 0, min: 0, what: "axis")
            guard axis < input.count else {
                throw f.error("axis", "expected an axis in 0..<\(input.count) for input \(ShapeInference.format(input)), got \(axis)")
            }
            return .concat(axis: axis)
        case "upsample2d":
            if input.count != 3 {
                throw Diagnostic("expected an input of shape [C, H, W] for upsample2d, got \(ShapeInference.format(input))", at: f.location)
            }
            let scale = try f.intPerDim("scale", rank: 2, default: [2, 2], min: 1, what: "scale")
            let mode = try f.string("mode") ?? "nearest"
            guard let m = UpsampleMode(rawValue: mode) else {
                throw f.error("mode", "expected mode \"nearest\" or \"bilinear\", got \"\(Diagnostic.quoted(mode))\"")
            }
            return .upsample(scale: scale, mode: m)
        case "pad":
            return try pad(f, input: input)
        case "bias":
            let per = try f.string("per") ?? "channel"
            guard let mode = BiasMode(rawValue: per) else {
                throw f.error("per", "expected per \"channel\" or \"position\", got \"\(Diagnostic.quoted(per))\"")
            }
            return .bias(mode)
        default:
            preconditionFailure("op '\(name)' is in the field table but has no parser")
        }
    }

    static func ones(_ n: Int) -> [Int] { Array(repeating: 1, count: n) }
    static func zeros(_ n: Int) -> [Int] { Array(repeating: 0, count: n) }

    /// `padding` on conv and pool: "valid", "same", "full", an integer, a list, or {begin, end}.
    static func paddingSpec(_ f: FieldReader, rank: Int) throws -> PaddingSpec {
        guard let v = f.value("padding") else { return .valid }
        if case .string(let s) = v.kind {
            switch s {
            case "valid": return .valid
            case "same": return .same
            case "full": return .full
            default:
                throw f.error(
                    "padding",
                    "expected padding \"valid\", \"same\", \"full\", an integer, a list or {\"begin\", \"end\"}, got \"\(Diagnostic.quoted(s))\""
                )
            }
        }
        let p = try explicitPadding(v, rank: rank, fields: f)
        return .explicit(begin: p.begin, end: p.end)
    }

    /// An integer, a list per spatial dimension, or `{ "begin": [...], "end": [...] }`.
    static func explicitPadding(_ v: JSONValue, rank: Int, fields f: FieldReader) throws -> Padding {
        let err: (String) -> Diagnostic = { f.error("padding", $0) }
        if case .object(let obj) = v.kind {
            for entry in obj.entries where entry.key != "begin" && entry.key != "end" {
                throw err("unknown key '\(Diagnostic.quoted(entry.key))' in padding (expected begin and end)")
            }
            guard let b = obj["begin"], let e = obj["end"] else { throw err("expected padding object with both \"begin\" and \"end\"") }
            return Padding(
                begin: try FieldReader.intList(b, rank: rank, min: 0, what: "padding begin", error: err),
                end: try FieldReader.intList(e, rank: rank, min: 0, what: "padding end", error: err))
        }
        let amounts = try FieldReader.intList(v, rank: rank, min: 0, what: "padding", error: err)
        return Padding(begin: amounts, end: amounts)
    }

    /// A broadcasting binary op: two inputs, or one input and a `constant` of the given shape
    /// (the parameter `constant`), the second operand unless `constant_first` is true.
    static func binary(_ op: BinaryOperator, _ f: FieldReader, inputs: [[Int]]) throws -> BinaryAttributes {
        let key = f.has("input") ? "input" : "inputs"
        guard let v = f.value("constant") else {
            if f.has("constant_first") { throw f.error("constant_first", "expected constant_first only with a constant") }
            guard inputs.count == 2 else {
                throw f.error(key, "expected 2 inputs for \(op.name) (or 1 and a constant), got \(inputs.count)")
            }
            return BinaryAttributes(op: op, epilogue: try activation(f))
        }
        guard inputs.count == 1 else { throw f.error(key, "expected 1 input for \(op.name) with a constant, got \(inputs.count)") }
        guard case .array(let items) = v.kind, !items.isEmpty else {
            throw f.error("constant", "expected the constant's shape as a non-empty list of integers, got \(v.typeName)")
        }
        let shape = try FieldReader.intList(v, rank: items.count, min: 1, what: "constant shape") { f.error("constant", $0) }
        guard ShapeInference.boundedElementCount(shape) != nil else {
            throw f.error("constant", "expected a constant of at most 2^40 elements, got \(ShapeInference.format(shape))")
        }
        let first = try f.bool("constant_first", default: false)
        return BinaryAttributes(op: op, constant: ConstantOperand(shape: shape, isFirst: first), epilogue: try activation(f))
    }

    /// `where`: three operands (condition, x, y), each an input or a constant whose shape is the
    /// field `constant_<operand>` (the parameter of the operand's name); the inputs are the
    /// non-constant operands in order.
    static func whereAttributes(_ f: FieldReader, inputs: [[Int]]) throws -> WhereAttributes {
        let key = f.has("input") ? "input" : "inputs"
        var constants: [[Int]?] = []
        for name in WhereAttributes.operandNames {
            let field = "constant_\(name)"
            guard let v = f.value(field) else {
                constants.append(nil)
                continue
            }
            guard case .array(let items) = v.kind, !items.isEmpty else {
                throw f.error(field, "expected the constant's shape as a non-empty list of integers, got \(v.typeName)")
            }
            let shape = try FieldReader.intList(v, rank: items.count, min: 1, what: "constant shape") { f.error(field, $0) }
            guard ShapeInference.boundedElementCount(shape) != nil else {
                throw f.error(field, "expected a constant of at most 2^40 elements, got \(ShapeInference.format(shape))")
            }
            constants.append(shape)
        }
        let a = WhereAttributes(constants: constants)
        guard a.inputCount >= 1 else {
            throw f.error("constant_condition", "expected at least one operand of where to be an input, got three constants")
        }
        guard inputs.count == a.inputCount else {
            throw f.error(
                key,
                "expected \(a.inputCount) inputs for where (condition, x and y, less the \(3 - a.inputCount) given as constants), got \(inputs.count)"
            )
        }
        return a
    }

    /// `matmul`: two inputs, or one and a constant (`constant`: its shape, any rank from 1;
    /// `constant_first`: the constant is A). The shapes are checked by `MatMulAttributes.plan`.
    static func matmul(_ f: FieldReader, inputs: [[Int]]) throws -> MatMulAttributes {
        let key = f.has("input") ? "input" : "inputs"
        guard let v = f.value("constant") else {
            if f.has("constant_first") { throw f.error("constant_first", "expected constant_first only with a constant") }
            guard inputs.count == 2 else { throw f.error(key, "expected 2 inputs for matmul (or 1 and a constant), got \(inputs.count)") }
            return MatMulAttributes()
        }
        guard inputs.count == 1 else { throw f.error(key, "expected 1 input for matmul with a constant, got \(inputs.count)") }
        guard case .array(let items) = v.kind, !items.isEmpty else {
            throw f.error("constant", "expected the constant's shape as a non-empty list of integers, got \(v.typeName)")
        }
        let shape = try FieldReader.intList(v, rank: items.count, min: 1, what: "constant shape") { f.error("constant", $0) }
        guard ShapeInference.boundedElementCount(shape) != nil else {
            throw f.error("constant", "expected a constant of at most 2^40 elements, got \(ShapeInference.format(shape))")
        }
        return MatMulAttributes(constant: ConstantOperand(shape: shape, isFirst: try f.bool("constant_first", default: false)))
    }

    /// An activation layer: each parameter a field of the layer, with its default.
    static func activationLayer(_ kind: ActivationKind, _ f: FieldReader) throws -> Activation {
        var values: [Float] = []
        for p in kind.facts.parameters {
            switch p.kind {
            case .number: values.append(try f.float(p.name, default: p.defaultValue, what: p.name))
            case .choice(let names):
                let chosen = try f.string(p.name) ?? names[Int(p.defaultValue ?? 0)]
                guard let i = names.firstIndex(of: chosen) else {
                    throw f.error(
                        p.name,
                        "expected \(p.name) \(names.map { "\"\($0)\"" }.joined(separator: " or ")), got \"\(Diagnostic.quoted(chosen))\"")
                }
                values.append(Float(i))
            }
        }
        if let (field, message) = kind.facts.validate(values) { throw f.error(field, message) }
        return Activation(kind, values)
    }

    /// The optional `activation` field as an epilogue: a name, or an object with `op` and the activation's parameters.
    static func activation(_ f: FieldReader) throws -> [EpilogueStep] {
        guard let v = f.value("activation") else { return [] }
        let names = ActivationKind.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", ")
        var name: String
        var params: JSONObject? = nil
        switch v.kind {
        case .string(let s): name = s
        case .object(let obj):
            guard let op = obj["op"], case .string(let s) = op.kind else {
                throw f.error("activation", "expected an activation object with a string \"op\"")
            }
            name = s
            params = obj
        case .null, .bool, .number, .array:
            throw f.error("activation", "expected an activation name (\(names)) or an object, got \(v.typeName)")
        }
        guard let kind = ActivationKind(rawValue: name) else {
            throw f.error("activation", "expected an activation of \(names), got \"\(Diagnostic.quoted(name))\"")
        }
        var values: [Float] = []
        for p in kind.facts.parameters {
            guard let value = params?[p.name] else {
                guard let def = p.defaultValue else {
                    throw f.error("activation", "missing required field '\(p.name)' of the \(name) activation")
                }
                values.append(def)
                continue
            }
            switch (p.kind, value.kind) {
            case (.number, .number(let n)) where Float(n.double).isFinite:
                values.append(Float(n.double))
            case (.choice(let choices), .string(let s)):
                guard let i = choices.firstIndex(of: s) else {
                    throw f.error(
                        "activation",
                        "expected \(p.name) \(choices.map { "\"\($0)\"" }.joined(separator: " or ")), got \"\(Diagnostic.quoted(s))\"")
                }
                values.append(Float(i))
            case (.number, _):
                throw f.error("activation", "expected \(p.name) as a number, got \(value.typeName)")
            case (.choice, _):
                throw f.error("activation", "expected \(p.name) as a string, got \(value.typeName)")
            }
        }
        let allowed = Set(["op"] + kind.facts.parameters.map(\.name))
        for entry in params?.entries ?? [] where !allowed.contains(entry.key) {
            throw f.error("activation", "unknown key '\(Diagnostic.quoted(entry.key))' in the \(name) activation")
        }
        return [.activation(Activation(kind, values))]
    }
}
