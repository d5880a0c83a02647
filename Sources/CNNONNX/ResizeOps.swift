import CNNIR

/// Concat, Resize, Upsample and Pad.
enum ResizeOps {
    static func concat(_ im: inout Importer, _ ctx: NodeContext) throws {
        guard let axis = try ctx.int("axis") else { throw ctx.error("expected attribute 'axis', got none") }
        var values: [Value] = []
        for k in ctx.proto.input.indices {
            guard let v = try im.value(ctx, k) else { continue }
            values.append(v)
        }
        guard !values.isEmpty else { throw ctx.error("expected at least one input, got none") }
        let constants = values.compactMap { v -> ConstTensor? in if case .constant(let c) = v { return c } else { return nil } }
        if constants.count == values.count {
            im.define(ctx, 0, .constant(try Folding.concat(ctx, constants, axis: axis)))
            return
        }
        guard constants.isEmpty else {
            throw ctx.error("unsupported concat of tensors computed at run time with constants")
        }
        let ids = values.map { v -> NodeID in if case .tensor(let id) = v { return id } else { preconditionFailure() } }
        let rank = im.shape(ids[0]).count + im.lead
        let a = try ctx.axis(axis, rank: rank)
        guard a >= im.lead else { throw im.axisZeroError(ctx, "unsupported axis \(axis) (a concat along the batch)") }
        try im.emit(ctx, .concat(axis: a - im.lead), inputs: ids)
    }

    /// Resize (opsets 11+) and the old Upsample: the integer nearest and bilinear scales of
    /// [N, C, H, W] keep the `upsample2d` fast path, everything else is the general `resize`.
    static func resize(_ im: inout Importer, _ ctx: NodeContext) throws {
        try ResizeImport.resize(&im, ctx)
    }

    static func upsample(_ im: inout Importer, _ ctx: NodeContext) throws {
        try ResizeImport.upsample(&im, ctx)
    }

    static func pad(_ im: inout Importer, _ ctx: NodeContext) throws {
        try ResizeImport.pad(&im, ctx)
    }
}
