import CNNIR

extension GraphBuilder {
    /// Finds each parameter the op needs, inline first, then in the weights file, and checks its shape.
    mutating func bindParameters(
        for op: Op, op opName: String, layer: String, input: [Int], fields f: FieldReader
    ) throws -> [String: WeightTensor] {
        let expected = ParameterRules.expected(for: op, input: input)
        var inline: [String: (JSONValue, SourceLocation)] = [:]
        if let v = f.value("params") {
            guard case .object(let obj) = v.kind else {
                throw f.error("params", "expected an object of parameter arrays, got \(v.typeName)")
            }
            for entry in obj.entries {
                var loc = f.with(path: f.path("params") + "." + entry.key)
                loc.line = entry.value.position.line
                loc.column = entry.value.position.column
                guard expected.contains(where: { $0.name == entry.key }) else {
                    let names = expected.map(\.name)
                    let list = names.isEmpty ? "none" : names.joined(separator: ", ")
                    throw Diagnostic(
                        "unexpected parameter '\(Diagnostic.quoted(layer + "." + entry.key))' in params for \(opName) (expected: \(list))",
                        at: loc)
                }
                inline[entry.key] = (entry.value, loc)
            }
        }
        var params: [String: WeightTensor] = [:]
        for parameter in expected {
            let tensorName = layer + "." + parameter.name
            let shapes = parameter.alternatives.map(ShapeInference.format).joined(separator: " or ")
            // Before anything is read or generated: huge stand-in weights were an allocation abort.
            let elements = ShapeInference.boundedElementCount(parameter.alternatives[0]) ?? Int.max / 4
            weightBytes = weightBytes > Int.max - 4 * elements ? Int.max : weightBytes + 4 * elements
            try limits.checkWeights(total: weightBytes, adding: tensorName, at: f.location)
            let tensor: WeightTensor
            var where_ = f.location
            if let (value, loc) = inline[parameter.name] {
                where_ = loc
                tensor = try InlineArray.tensor(from: value, name: tensorName, location: loc)
            } else if let seeded {
                tensor = seeded.parameter(layer: layer, parameter: parameter.name, op: op, shape: parameter.alternatives[0])
            } else if let weights, weights.info(tensorName) != nil {
                claimed.insert(tensorName)
                where_.path = nil
                where_.file = weights.displayName
                where_.line = nil
                where_.column = nil
                do {
                    tensor = try weights.tensor(tensorName)
                } catch let d as Diagnostic {
                    throw d.located(in: where_)
                }
                // As inline (where JSON cannot spell NaN and 1e39 is refused): a NaN or infinite
                // weight is almost always a diverged training run, and would only show as NaN outputs.
                let floats = tensor.storage.floats
                if let bad = floats.firstIndex(where: { !$0.isFinite }) {
                    throw Diagnostic(
                        "parameter '\(Diagnostic.quoted(tensorName))': expected finite float32 numbers, got \(floats[bad]) at index \(ShapeInference.format(Self.position(bad, in: tensor.shape)))",
                        at: where_)
                }
            } else {
                let source =
                    weights == nil ? "no weights file is given and there is no inline params entry" : "not in the weights file nor inline"
                throw Diagnostic(
                    "missing parameter '\(Diagnostic.quoted(tensorName))' (expected shape \(shapes)): \(source)", at: f.location)
            }
            guard parameter.alternatives.contains(tensor.shape) else {
                throw Diagnostic(
                    "parameter '\(Diagnostic.quoted(tensorName))' has the wrong shape: expected \(shapes), got \(ShapeInference.format(tensor.shape))",
                    at: where_)
            }
            params[parameter.name] = tensor
        }
        // A file tensor overridden inline still belongs to this layer, so it is not "unexpected".
        for parameter in expected where inline[parameter.name] != nil {
            let tensorName = layer + "." + parameter.name
            if weights?.info(tensorName) != nil { claimed.insert(tensorName) }
        }
        return params
    }
}

extension GraphBuilder {
    /// The multi-index of flat element `flat` in a C-order tensor of `shape`.
    static func position(_ flat: Int, in shape: [Int]) -> [Int] {
        var rest = flat
        var index = [Int](repeating: 0, count: shape.count)
        for d in shape.indices.reversed() where shape[d] > 0 {
            index[d] = rest % shape[d]
            rest /= shape[d]
        }
        return index
    }
}

/// Nested JSON arrays of numbers as a float32 tensor.
enum InlineArray {
    static func tensor(from value: JSONValue, name: String, location: SourceLocation) throws -> WeightTensor {
        var shape: [Int] = []
        var probe = value
        while case .array(let items) = probe.kind {
            shape.append(items.count)
            guard let first = items.first else { break }
            probe = first
        }
        var values: [Float] = []
        values.reserveCapacity(shape.reduce(1, *))
        try flatten(value, depth: 0, shape: shape, into: &values, name: name, location: location)
        return WeightTensor(shape: shape, values: values)
    }

    static func flatten(
        _ value: JSONValue, depth: Int, shape: [Int], into values: inout [Float], name: String, location: SourceLocation
    ) throws {
        func fail(_ message: String) -> Diagnostic {
            var loc = location
            loc.line = value.position.line
            loc.column = value.position.column
            return Diagnostic("parameter '\(Diagnostic.quoted(name))': \(message)", at: loc)
        }
        switch value.kind {
        case .array(let items):
            guard depth < shape.count, items.count == shape[depth] else {
                throw fail(
                    "expected a rectangular nested list of shape \(ShapeInference.format(shape)), got a list of \(items.count) at depth \(depth)"
                )
            }
            for item in items { try flatten(item, depth: depth + 1, shape: shape, into: &values, name: name, location: location) }
        case .number(let n):
            guard depth == shape.count else {
                throw fail("expected a nested list of shape \(ShapeInference.format(shape)), got a number at depth \(depth)")
            }
            let f = Float(n.double)
            guard f.isFinite else { throw fail("expected finite float32 numbers, got \(n.text)") }
            values.append(f)
        case .null, .bool, .string, .object:
            throw fail("expected numbers in nested lists, got \(value.typeName)")
        }
    }
}
