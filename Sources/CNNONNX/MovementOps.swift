import CNNIR

/// Transpose, Slice, Split, DepthToSpace and SpaceToDepth on tensors computed at run time
/// (`MovementOp`); on constants Transpose and Slice still fold (`Folding`). ONNX axes count the
/// batch as axis 0: it must stay first and whole, and the rest become per-sample axes.
enum MovementOps {
    static func transpose(_ im: inout Importer, _ ctx: NodeContext) throws {
        if case .constant? = try im.value(ctx, 0) { return try Folding.transpose(&im, ctx) }
        let x = try im.tensor(ctx, 0)
        let lead = im.lead
        let rank = im.shape(x).count + lead
        let perm = try ctx.ints("perm") ?? Array((0..<rank).reversed())
        guard perm.sorted() == Array(0..<rank) else {
            throw ctx.error(
                "expected perm to be a permutation of 0..<\(rank) (the input has \(rank) axes\(lead == 1 ? ", batch included" : "")), got \(perm)"
            )
        }
        guard lead == 0 || perm[0] == 0 else {
            throw im.axisZeroError(
                ctx, "unsupported perm \(perm): it moves the batch axis (axis 0 must stay first; only the per-sample axes may be permuted)")
        }
        let inner = perm.dropFirst(lead).map { $0 - lead }
        if inner == Array(0..<(rank - lead)) { return im.define(ctx, 0, .tensor(x)) }
        try im.emit(ctx, .movement(.transpose(perm: inner)), inputs: [x])
    }

    /// Slice-10 and later: starts, ends, axes and steps as constant inputs.
    static func slice(_ im: inout Importer, _ ctx: NodeContext) throws {
        if case .constant? = try im.value(ctx, 0) { return try Folding.slice(&im, ctx) }
        let x = try im.tensor(ctx, 0)
        let shape = im.shape(x)
        func list(_ k: Int, _ what: String) throws -> [Int]? {
            guard let c = try im.constant(ctx, k, what: what) else { return nil }
            guard c.shape.count <= 1, let v = c.knownInts else {
                throw ctx.error("expected constant integer \(what) as a 1-D list, got \(c.summary)")
            }
            return v
        }
        guard let starts = try list(1, "starts"), let ends = try list(2, "ends") else {
            throw ctx.error("expected starts and ends (inputs 1 and 2), got none")
        }
        let lead = im.lead
        let axes = try (try list(3, "axes") ?? Array(0..<starts.count)).map { try ctx.axis($0, rank: shape.count + lead) }
        let steps = try list(4, "steps") ?? Array(repeating: 1, count: starts.count)
        guard ends.count == starts.count, axes.count == starts.count, steps.count == starts.count else {
            throw ctx.error(
                "expected starts, ends, axes and steps of equal lengths, got \(starts.count), \(ends.count), \(axes.count) and \(steps.count)"
            )
        }
        guard Set(axes).count == axes.count else { throw ctx.error("expected distinct axes, got \(axes)") }
        var parts: [SliceAxis] = []
        for j in starts.indices {
            if axes[j] == 0 && lead == 1 {
                // The whole batch (from 0, step 1, to an end past any batch) is no slice at all.
                guard starts[j] == 0 || starts[j] <= -Int(Int32.max), steps[j] == 1, ends[j] >= Int(Int32.max) else {
                    throw im.axisZeroError(
                        ctx,
                        "unsupported slice of axis 0 (the batch) with start \(starts[j]), end \(ends[j]), step \(steps[j]); only the whole batch"
                    )
                }
                continue
            }
            parts.append(SliceAxis(axis: axes[j] - lead, start: starts[j], end: ends[j], step: steps[j]))
        }
        if parts.isEmpty || parts.allSatisfy({ $0.resolved(size: shape[$0.axis]) == (0, shape[$0.axis]) && $0.step == 1 }) {
            return im.define(ctx, 0, .tensor(x))
        }
        try im.emit(ctx, .movement(.slice(parts)), inputs: [x])
    }

    /// Split: one slice per output along `axis`, sizes from `split` (an input from opset 13, an
    /// attribute before), else `num_outputs` (opset 18: chunks of ceil(size / n), the last
    /// smaller), else equal parts, one per output.
    static func split(_ im: inout Importer, _ ctx: NodeContext) throws {
        let x = try im.tensor(ctx, 0, what: "the data")
        let shape = im.shape(x)
        let lead = im.lead
        let axis = try ctx.axis(try ctx.int("axis", default: 0), rank: shape.count + lead)
        guard axis >= lead else { throw im.axisZeroError(ctx, "unsupported split of axis 0 (the batch)") }
        let size = shape[axis - lead]
        let outputs = ctx.proto.output.count
        var sizes: [Int]
        if let given = try ctx.ints("split") {
            sizes = given
        } else if let c = try im.constant(ctx, 1, what: "split") {
            guard c.shape.count <= 1, let v = c.knownInts else {
                throw ctx.error("expected split as a 1-D list of integers, got \(c.summary)")
            }
            sizes = v
        } else if let n = try ctx.int("num_outputs") {
            guard n >= 1, n == outputs else {
                throw ctx.error("expected num_outputs equal to the number of outputs (\(outputs)), got \(n)")
            }
            guard n <= size else { throw ctx.error("expected num_outputs at most the axis size \(size), got \(n)") }
            let chunk = (size + n - 1) / n
            sizes = (0..<n).map { min(chunk, size - $0 * chunk) }
            guard sizes.allSatisfy({ $0 >= 1 }) else {
                throw ctx.error("cannot split an axis of size \(size) into \(n) chunks of \(chunk) (a chunk would be empty)")
            }
        } else {
            guard outputs >= 1, size % outputs == 0 else {
                throw ctx.error(
                    "expected axis \(axis) of size \(size) to split into \(outputs) equal parts (give split or num_outputs otherwise)")
            }
            sizes = Array(repeating: size / outputs, count: outputs)
        }
        guard sizes.count == outputs else { throw ctx.error("expected \(outputs) split sizes (one per output), got \(sizes)") }
        // Each size within 1...size first, so the sum cannot overflow.
        guard sizes.allSatisfy({ $0 >= 1 && $0 <= size }), sizes.reduce(0, +) == size else {
            throw ctx.error("expected split sizes of at least 1 that sum to the axis size \(size), got \(sizes)")
        }
        var start = 0
        for (k, n) in sizes.enumerated() {
            defer { start += n }
            guard !ctx.proto.output[k].isEmpty else { continue }
            if n == size {
                im.define(ctx, k, .tensor(x))
                continue
            }
            let id = try im.emit(
                ctx, .movement(.slice([SliceAxis(axis: axis - lead, start: start, end: start + n, step: 1)])), inputs: [x], part: String(k))
            im.define(ctx, k, .tensor(id))
            im.tensorNames[im.nodes[id].name] = ctx.proto.output[k]
        }
    }

    static func depthToSpace(_ im: inout Importer, _ ctx: NodeContext) throws {
        let x = try im.tensor(ctx, 0)
        guard let block = try ctx.int("blocksize"), block >= 1 else { throw ctx.error("expected attribute 'blocksize' of at least 1") }
        let text = try ctx.string("mode", default: "DCR")
        guard let mode = DepthToSpaceMode(rawValue: text) else {
            throw ctx.error("expected mode \"DCR\" or \"CRD\", got \"\(Diagnostic.quoted(text))\"")
        }
        try im.emit(ctx, .movement(.depthToSpace(blockSize: block, mode: mode)), inputs: [x])
    }

    static func spaceToDepth(_ im: inout Importer, _ ctx: NodeContext) throws {
        let x = try im.tensor(ctx, 0)
        guard let block = try ctx.int("blocksize"), block >= 1 else { throw ctx.error("expected attribute 'blocksize' of at least 1") }
        let text = try ctx.string("mode", default: "DCR")
        guard let mode = DepthToSpaceMode(rawValue: text) else {
            throw ctx.error("expected mode \"DCR\" or \"CRD\", got \"\(Diagnostic.quoted(text))\"")
        }
        try im.emit(ctx, .movement(.spaceToDepth(blockSize: block, mode: mode)), inputs: [x])
    }
}
