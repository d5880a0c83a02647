import CNNIR

/// The version-1 fields of each op, only where they differ from the format's defaults.
enum OpFields {
    static func fields(_ node: Node, inputShape: [Int] = []) throws -> [(String, String)] {
        var out: [(String, String)] = []
        func add(_ key: String, _ value: String) { out.append((key, value)) }
        switch node.op {
        case .input:
            preconditionFailure("inputs are not layers")
        case .conv(let a):
            add("filters", String(a.filters))
            add("kernel", JSONText.perDim(a.kernel))
            if a.stride.contains(where: { $0 != 1 }) { add("stride", JSONText.perDim(a.stride)) }
            if !a.padding.isZero { add("padding", padding(a.padding)) }
            if a.dilation.contains(where: { $0 != 1 }) { add("dilation", JSONText.perDim(a.dilation)) }
            if a.groups != 1 { add("groups", String(a.groups)) }
            if !a.hasBias { add("bias", "false") }
            if let act = try activation(a.epilogue, node) { add("activation", act) }
        case .convTranspose(let a):
            add("filters", String(a.filters))
            add("kernel", JSONText.perDim(a.kernel))
            if a.stride.contains(where: { $0 != 1 }) { add("stride", JSONText.perDim(a.stride)) }
            if a.padding.contains(where: { $0 != 0 }) { add("padding", JSONText.perDim(a.padding)) }
            if a.outputPadding.contains(where: { $0 != 0 }) { add("output_padding", JSONText.perDim(a.outputPadding)) }
            if a.dilation.contains(where: { $0 != 1 }) { add("dilation", JSONText.perDim(a.dilation)) }
            if a.groups != 1 { add("groups", String(a.groups)) }
            if !a.hasBias { add("bias", "false") }
            if let act = try activation(a.epilogue, node) { add("activation", act) }
        case .dense(let a):
            add("units", String(a.units))
            if !a.hasBias { add("bias", "false") }
            if let act = try activation(a.epilogue, node) { add("activation", act) }
        case .flatten, .prelu, .globalPool:
            break
        case .pool(let a):
            out += windowFields(a).filter { $0.0 != "dilation" }
            if a.kind == .average && a.countIncludePad { add("count_include_pad", "true") }
            if a.isDilated { add("dilation", JSONText.perDim(a.dilation)) }
        case .adaptivePool(_, let output):
            add("output", JSONText.ints(output))
        case .activation(let a):
            out += activationFields(a)
        case .softmax(let axis, _):
            if axis != 0 { add("axis", String(axis)) }
        case .reduce(let a):
            add("axes", JSONText.ints(a.axes))
            if !a.keepDims { add("keepdims", "false") }
        case .normalization(let a):
            if case .layer(let first, let last) = a.kind {
                let rank = node.shape.count
                if first != rank - 1 { add("axis", String(first)) }
                if last != rank - 1 { add("last_axis", String(last)) }
            }
            if case .group(let g) = a.kind { add("groups", String(g)) }
            if a.epsilon != 1e-5 { add("epsilon", JSONText.float(a.epsilon)) }
        case .batchNorm(let epsilon, _):
            if epsilon != 1e-5 { add("epsilon", JSONText.float(epsilon)) }
        case .lrn(let a):
            if a.size != 5 { add("size", String(a.size)) }
            if a.alpha != 1e-4 { add("alpha", JSONText.float(a.alpha)) }
            if a.beta != 0.75 { add("beta", JSONText.float(a.beta)) }
            if a.k != 1 { add("k", JSONText.float(a.k)) }
        case .dropout(let rate):
            add("rate", JSONText.float(rate))
        case .add(let epilogue):
            if let act = try activation(epilogue, node) { add("activation", act) }
        case .concat(let axis):
            if axis != 0 { add("axis", String(axis)) }
        case .upsample(let scale, let mode):
            if scale != [2, 2] { add("scale", JSONText.perDim(scale)) }
            if mode != .nearest { add("mode", JSONText.string(mode.rawValue)) }
        case .pad(let a):
            out += padFields(a)
        case .resize(let a):
            out += resizeFields(a, input: inputShape)
        case .lpPool(let a):
            out += lpPoolFields(a)
        case .bias(let mode):
            if mode != .channel { add("per", JSONText.string(mode.rawValue)) }
        case .movement(let m):
            out += MovementFields.fields(m)
        case .binary(let a):
            if a.op == .add { add("broadcast", "true") }
            if let c = a.constant {
                add("constant", JSONText.ints(c.shape))
                if c.isFirst { add("constant_first", "true") }
            }
            if let act = try activation(a.epilogue, node) { add("activation", act) }
        case .select(let a):
            for (name, shape) in zip(WhereAttributes.operandNames, a.constants) {
                if let shape { add("constant_\(name)", JSONText.ints(shape)) }
            }
        case .matmul(let a):
            if let c = a.constant {
                add("constant", JSONText.ints(c.shape))
                if c.isFirst { add("constant_first", "true") }
            }
        }
        return out
    }

    /// An integer, a list, or `{"begin": [...], "end": [...]}`.
    static func padding(_ p: Padding) -> String {
        p.begin == p.end ? JSONText.perDim(p.begin) : "{\"begin\": \(JSONText.ints(p.begin)), \"end\": \(JSONText.ints(p.end))}"
    }

    /// The `activation` field for an epilogue of at most one activation; fused adds and pools have no version-1 form.
    static func activation(_ steps: [EpilogueStep], _ node: Node) throws -> String? {
        guard !steps.isEmpty else { return nil }
        guard steps.count == 1, case .activation(let a) = steps[0] else {
            throw Diagnostic(
                "layer '\(Diagnostic.quoted(node.name))' has a fused epilogue (a residual add or a pool), which a version-1 description cannot express; write the graph before the passes run"
            )
        }
        let fields = activationFields(a)
        guard !fields.isEmpty else { return JSONText.string(a.kind.rawValue) }
        return "{\"op\": \(JSONText.string(a.kind.rawValue)), " + fields.map { "\(JSONText.string($0.0)): \($0.1)" }.joined(separator: ", ")
            + "}"
    }

    /// An activation's parameters that differ from their defaults (required ones always).
    static func activationFields(_ a: Activation) -> [(String, String)] {
        zip(a.kind.facts.parameters, a.parameters).compactMap { p, value in
            if let def = p.defaultValue, def.bitPattern == value.bitPattern { return nil }
            return (p.name, p.choiceName(value).map(JSONText.string) ?? JSONText.float(value))
        }
    }
}
