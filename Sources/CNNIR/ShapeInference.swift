/// Shape rules for every op: the output shape from the input shapes, or a diagnostic.
///
/// Diagnostics carry no location; the caller (importer or verifier) locates them.
public enum ShapeInference {
    /// The per-sample output shape of `op` (including its epilogue) on `inputs`.
    public static func outputShape(of op: Op, inputs: [[Int]]) throws -> [Int] {
        switch op {
        case .input:
            preconditionFailure("inputs have declared shapes")
        case .conv(let a):
            if let k = a.inputScale {
                let expected = [inputs[0][0]] + Array(repeating: 1, count: inputs[0].count - 1)
                guard k > 0, k < inputs.count, inputs[k] == expected else {
                    throw Diagnostic(
                        "expected the conv's input scale (operand \(k)) to have shape \(format(expected)), got \(k > 0 && k < inputs.count ? format(inputs[k]) : "no such operand")"
                    )
                }
            }
            return try applyEpilogue(a.epilogue, to: try conv(a, input: inputs[0]), inputs: inputs)
        case .convTranspose(let a):
            return try applyEpilogue(a.epilogue, to: try convTranspose(a, input: inputs[0]), inputs: inputs)
        case .dense(let a) where a.lastAxis:
            return try applyEpilogue(a.epilogue, to: inputs[0].dropLast() + [a.units], inputs: inputs)
        case .dense(let a):
            guard inputs[0].count == 1 else {
                throw Diagnostic("expected a flat input [N] for dense, got \(format(inputs[0])) (add a flatten layer before it)")
            }
            return try applyEpilogue(a.epilogue, to: [a.units], inputs: inputs)
        case .flatten:
            return [inputs[0].reduce(1, *)]
        case .pool(let a):
            return try pool(a, input: inputs[0])
        case .globalPool:
            try requireSpatial(inputs[0], rank: nil, what: "global pooling")
            return [inputs[0][0]] + Array(repeating: 1, count: inputs[0].count - 1)
        case .adaptivePool(_, let output):
            try requireSpatial(inputs[0], rank: 2, what: "adaptive pooling")
            return [inputs[0][0]] + output
        case .activation, .prelu, .dropout:
            return inputs[0]
        case .reduce(let a):
            return try a.outputShape(input: inputs[0])
        case .normalization(let a):
            try a.check(input: inputs[0])
            return inputs[0]
        case .softmax(let axis, _):
            guard axis >= 0 && axis < inputs[0].count else {
                throw Diagnostic("expected \(op.kindName) axis in 0..<\(inputs[0].count) for input \(format(inputs[0])), got \(axis)")
            }
            return inputs[0]
        case .batchNorm, .lrn, .bias:
            try requireSpatial(inputs[0], rank: nil, what: op.kindName, allowFlat: true)
            return inputs[0]
        case .add(let epilogue):
            for (i, shape) in inputs.enumerated().dropFirst() where shape != inputs[0] {
                throw Diagnostic("expected inputs of equal shapes for add, got \(format(inputs[0])) and \(format(shape)) (input \(i))")
            }
            return try applyEpilogue(epilogue, to: inputs[0], inputs: inputs)
        case .concat(let axis):
            return try concat(axis: axis, inputs: inputs)
        case .binary(let a):
            let (x, y) = a.operandShapes(inputs: inputs)
            return try applyEpilogue(a.epilogue, to: try Broadcasting.shape(x, y, op: a.op.name), inputs: inputs)
        case .select(let a):
            return try a.outputShape(inputs: inputs)
        case .movement(let m):
            return try m.outputShape(input: inputs[0])
        case .matmul(let a):
            return try a.plan(inputs: inputs).output
        case .upsample(let scale, _):
            try requireSpatial(inputs[0], rank: 2, what: "upsample2d")
            return [inputs[0][0], inputs[0][1] * scale[0], inputs[0][2] * scale[1]]
        case .pad(let a):
            return try a.outputShape(input: inputs[0])
        case .resize(let a):
            return try a.outputShape(input: inputs[0])
        case .lpPool(let a):
            return try a.outputShape(input: inputs[0])
        }
    }

    /// Shape after an epilogue: only a trailing pool changes it.
    static func applyEpilogue(_ steps: [EpilogueStep], to shape: [Int], inputs: [[Int]]) throws -> [Int] {
        var shape = shape
        for step in steps {
            switch step {
            case .activation: break
            case .add(let operand):
                guard inputs[operand] == shape else {
                    throw Diagnostic("expected inputs of equal shapes for add, got \(format(shape)) and \(format(inputs[operand]))")
                }
            case .pool(let p): shape = try pool(p, input: shape)
            }
        }
        return shape
    }

    /// Conv output shape; checks groups and that every window fits.
    public static func conv(_ a: ConvAttributes, input: [Int]) throws -> [Int] {
        try requireSpatial(input, rank: a.spatialRank, what: "conv\(a.spatialRank)d")
        let channels = input[0]
        guard channels % a.groups == 0 else {
            throw Diagnostic("expected input channels divisible by groups (\(a.groups)), got \(channels) channels")
        }
        guard a.filters % a.groups == 0 else {
            throw Diagnostic("expected filters divisible by groups (\(a.groups)), got \(a.filters) filters")
        }
        var out = [a.filters]
        for d in 0..<a.spatialRank {
            let size = WindowArithmetic.convOutput(
                input: input[d + 1], kernel: a.kernel[d], stride: a.stride[d], dilation: a.dilation[d], padBegin: a.padding.begin[d],
                padEnd: a.padding.end[d])
            guard size >= 1 else {
                throw Diagnostic(
                    "expected an output size of at least 1, got \(size) (input \(format(Array(input.dropFirst()))), kernel \(format(a.kernel)), stride \(format(a.stride)), padding \(format(a.padding)), dilation \(format(a.dilation)))"
                )
            }
            out.append(size)
        }
        return out
    }

    /// Transposed conv output shape.
    public static func convTranspose(_ a: ConvTransposeAttributes, input: [Int]) throws -> [Int] {
        try requireSpatial(input, rank: a.spatialRank, what: "conv_transpose\(a.spatialRank)d")
        guard input[0] % a.groups == 0 else {
            throw Diagnostic("expected input channels divisible by groups (\(a.groups)), got \(input[0]) channels")
        }
        guard a.filters % a.groups == 0 else {
            throw Diagnostic("expected filters divisible by groups (\(a.groups)), got \(a.filters) filters")
        }
        var out = [a.filters]
        for d in 0..<a.spatialRank {
            guard a.outputPadding[d] < max(a.stride[d], a.dilation[d]) else {
                throw Diagnostic(
                    "expected output_padding smaller than stride or dilation, got output_padding \(format(a.outputPadding)) with stride \(format(a.stride)) and dilation \(format(a.dilation))"
                )
            }
            let size = WindowArithmetic.convTransposeOutput(
                input: input[d + 1], kernel: a.kernel[d], stride: a.stride[d], dilation: a.dilation[d], padding: a.padding[d],
                outputPadding: a.outputPadding[d])
            guard size >= 1 else {
                throw Diagnostic(
                    "expected an output size of at least 1, got \(size) (input \(format(Array(input.dropFirst()))), kernel \(format(a.kernel)), stride \(format(a.stride)), padding \(format(a.padding)), dilation \(format(a.dilation)))"
                )
            }
            out.append(size)
        }
        return out
    }

    /// Windowed pool output shape.
    public static func pool(_ a: PoolAttributes, input: [Int], name: String? = nil) throws -> [Int] {
        let name = name ?? (a.kind == .max ? "maxpool" : "avgpool") + "\(a.spatialRank)d"
        try requireSpatial(input, rank: a.spatialRank, what: name)
        var out = [input[0]]
        for d in 0..<a.spatialRank {
            let size = WindowArithmetic.poolOutput(
                input: input[d + 1], size: a.dilation[d] * (a.size[d] - 1) + 1, stride: a.stride[d], padBegin: a.padding.begin[d],
                padEnd: a.padding.end[d], ceil: a.ceilMode)
            guard size >= 1 else {
                throw Diagnostic(
                    "expected an output size of at least 1, got \(size) (input \(format(Array(input.dropFirst()))), kernel \(format(a.size)), stride \(format(a.stride)), padding \(format(a.padding)), dilation \(format(a.dilation)))"
                )
            }
            out.append(size)
        }
        return out
    }

    static func concat(axis: Int, inputs: [[Int]]) throws -> [Int] {
        let first = inputs[0]
        guard axis >= 0 && axis < first.count else {
            throw Diagnostic("expected concat axis in 0..<\(first.count) for input \(format(first)), got \(axis)")
        }
        var out = first
        for (i, shape) in inputs.enumerated().dropFirst() {
            var a = shape
            var b = first
            if a.count == b.count {
                a[axis] = 0
                b[axis] = 0
            }
            guard a == b else {
                throw Diagnostic(
                    "expected shapes that differ only on axis \(axis) for concat, got \(format(first)) and \(format(shape)) (input \(i))")
            }
            out[axis] += shape[axis]
        }
        return out
    }

    /// Requires `[C, spatial...]` with `rank` spatial dimensions (any rank >= 1 when nil).
    static func requireSpatial(_ shape: [Int], rank: Int?, what: String, allowFlat: Bool = false) throws {
        if let rank {
            guard shape.count == rank + 1 else {
                let expected = rank == 1 ? "[C, L]" : rank == 2 ? "[C, H, W]" : "[C, D, H, W]"
                throw Diagnostic("expected an input of shape \(expected) for \(what), got \(format(shape))")
            }
        } else if shape.count < (allowFlat ? 1 : 2) {
            throw Diagnostic("expected an input with channels and at least one spatial dimension for \(what), got \(format(shape))")
        }
    }

    /// `[a, b, c]`.
    /// The number of elements of `shape`, or nil above 2^40 (so later size arithmetic cannot overflow).
    public static func boundedElementCount(_ shape: [Int]) -> Int? {
        var count = 1
        for d in shape {
            let (product, overflow) = count.multipliedReportingOverflow(by: d)
            guard !overflow, product <= 1 << 40 else { return nil }
            count = product
        }
        return count
    }

    public static func format(_ dims: [Int]) -> String { "[" + dims.map(String.init).joined(separator: ", ") + "]" }

    static func format(_ p: Padding) -> String {
        p.begin == p.end ? format(p.begin) : "begin \(format(p.begin)) end \(format(p.end))"
    }
}
