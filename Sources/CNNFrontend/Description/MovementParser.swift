import CNNIR

/// The net.json forms of the data movement ops (`MovementOp`), plus `squeeze`, `unsqueeze` and
/// `flatten` with an `axis`, which become reshapes. Axes count in the per-sample shape
/// (negative ones from its end); the batch axis is never written and never moves.
enum MovementParser {
    /// Each op's own fields.
    static let fields: [String: [String]] = [
        "reshape": ["shape"],
        "squeeze": ["axes"],
        "unsqueeze": ["axes"],
        "transpose": ["perm"],
        "slice": ["starts", "ends", "axes", "steps"],
        "channel_shuffle": ["groups"],
        "depth_to_space": ["block", "mode"],
        "space_to_depth": ["block", "mode"],
    ]

    /// The op for layer `name` on `input`, or nil when `name` is not a movement op.
    static func parse(op name: String, fields f: FieldReader, input: [Int]) throws -> Op? {
        let rank = input.count
        func op(_ m: MovementOp, _ key: String) throws -> Op {
            do { _ = try m.outputShape(input: input) } catch let d as Diagnostic { throw f.error(key, d.message) }
            return .movement(m)
        }
        switch name {
        case "reshape":
            guard let dims = try ints(f, "shape", what: "the per-sample shape") else {
                throw Diagnostic(
                    "missing required field 'shape': expected the per-sample shape as a list of integers", at: f.with(path: f.path("shape"))
                )
            }
            return try op(.reshape(shape: try resolveShape(dims, input: input, error: { f.error("shape", $0) })), "shape")
        case "flatten":
            let axis = try f.int("axis", default: 0, what: "axis")
            guard axis >= -rank && axis < rank else {
                throw f.error("axis", "expected an axis in \(-rank)..<\(rank) for input \(ShapeInference.format(input)), got \(axis)")
            }
            let a = axis < 0 ? axis + rank : axis
            if a == 0 { return .flatten }
            return .movement(.reshape(shape: Array(input[..<a]) + [input[a...].reduce(1, *)]))
        case "squeeze":
            let axes =
                try ints(f, "axes", what: "axes").map { try normalised($0, rank: rank, f, "axes") }
                ?? input.indices.filter { input[$0] == 1 }
            for a in axes where input[a] != 1 {
                throw f.error(
                    "axes", "expected axes of size 1 to squeeze, got axis \(a) of size \(input[a]) (input \(ShapeInference.format(input)))")
            }
            let shape = input.enumerated().filter { !axes.contains($0.offset) }.map(\.element)
            guard !shape.isEmpty else {
                throw f.error(
                    "axes", "expected at least one per-sample axis to remain after squeeze, got none of \(ShapeInference.format(input))")
            }
            return try op(.reshape(shape: shape), "axes")
        case "unsqueeze":
            guard let raw = try ints(f, "axes", what: "axes") else {
                throw Diagnostic(
                    "missing required field 'axes': expected the new axes as a list of integers", at: f.with(path: f.path("axes")))
            }
            let axes = try normalised(raw, rank: rank + raw.count, f, "axes")
            var source = input.makeIterator()
            let shape = (0..<(rank + raw.count)).map { axes.contains($0) ? 1 : source.next()! }
            return try op(.reshape(shape: shape), "axes")
        case "transpose":
            guard let perm = try ints(f, "perm", what: "perm") else {
                throw Diagnostic(
                    "missing required field 'perm': expected a permutation of the per-sample axes 0..<\(rank)",
                    at: f.with(path: f.path("perm")))
            }
            return try op(.transpose(perm: perm), "perm")
        case "slice":
            guard let starts = try ints(f, "starts", what: "starts") else {
                throw Diagnostic("missing required field 'starts': expected a list of integers", at: f.with(path: f.path("starts")))
            }
            guard let ends = try ints(f, "ends", what: "ends") else {
                throw Diagnostic("missing required field 'ends': expected a list of integers", at: f.with(path: f.path("ends")))
            }
            let axes = try ints(f, "axes", what: "axes").map { try normalised($0, rank: rank, f, "axes") } ?? Array(0..<starts.count)
            let steps = try ints(f, "steps", what: "steps") ?? Array(repeating: 1, count: starts.count)
            for (key, list) in [("ends", ends), ("axes", axes), ("steps", steps)] where list.count != starts.count {
                throw f.error(key, "expected \(key) with one entry per start (\(starts.count)), got \(list.count)")
            }
            guard starts.count <= rank else {
                throw f.error(
                    "starts", "expected at most \(rank) starts (one per axis of \(ShapeInference.format(input))), got \(starts.count)")
            }
            return try op(
                .slice((0..<starts.count).map { SliceAxis(axis: axes[$0], start: starts[$0], end: ends[$0], step: steps[$0]) }), "starts")
        case "channel_shuffle":
            return try op(.channelShuffle(groups: try f.int("groups", min: 1, what: "groups")), "groups")
        case "depth_to_space":
            let block = try f.int("block", min: 1, what: "block size")
            let text = try f.string("mode") ?? "DCR"
            guard let mode = DepthToSpaceMode(rawValue: text) else {
                throw f.error("mode", "expected mode \"DCR\" or \"CRD\", got \"\(Diagnostic.quoted(text))\"")
            }
            return try op(.depthToSpace(blockSize: block, mode: mode), "block")
        case "space_to_depth":
            let block = try f.int("block", min: 1, what: "block size")
            let text = try f.string("mode") ?? "DCR"
            guard let mode = DepthToSpaceMode(rawValue: text) else {
                throw f.error("mode", "expected mode \"DCR\" or \"CRD\", got \"\(Diagnostic.quoted(text))\"")
            }
            return try op(.spaceToDepth(blockSize: block, mode: mode), "block")
        default:
            return nil
        }
    }

    /// A reshape target with ONNX's rules on the per-sample shape: 0 copies the input's size at
    /// the same position, one -1 takes what is left.
    static func resolveShape(_ dims: [Int], input: [Int], error: (String) -> Diagnostic) throws -> [Int] {
        guard !dims.isEmpty else { throw error("expected a non-empty shape, got []") }
        var out: [Int] = []
        for (i, d) in dims.enumerated() {
            if d == 0 {
                guard i < input.count else {
                    throw error(
                        "expected a 0 only where the input \(ShapeInference.format(input)) has a size to copy, got one at position \(i)")
                }
                out.append(input[i])
            } else {
                guard d >= -1 else { throw error("expected sizes of at least 1 (or 0 to copy, -1 to infer), got \(d)") }
                out.append(d)
            }
        }
        let count = input.reduce(1, *)
        if let k = out.firstIndex(of: -1) {
            guard out.filter({ $0 == -1 }).count == 1 else {
                throw error("expected at most one -1 in the shape, got \(ShapeInference.format(dims))")
            }
            let known = out.enumerated().filter { $0.offset != k }.map(\.element)
            guard let product = ShapeInference.boundedElementCount(known), product > 0, count % product == 0 else {
                throw error(
                    "cannot reshape \(count) elements per sample (input \(ShapeInference.format(input))) to \(ShapeInference.format(dims))")
            }
            out[k] = count / product
        }
        guard ShapeInference.boundedElementCount(out) == count else {
            throw error(
                "expected a shape of \(count) elements per sample (the input is \(ShapeInference.format(input))), got \(ShapeInference.format(out))"
            )
        }
        return out
    }

    /// A list of integers (any sign), or nil when the field is absent.
    static func ints(_ f: FieldReader, _ key: String, what: String) throws -> [Int]? {
        guard let v = f.value(key) else { return nil }
        guard case .array(let items) = v.kind else { throw f.error(key, "expected \(what) as a list of integers, got \(v.typeName)") }
        return try items.map { item in
            guard let i = FieldReader.int(item) else {
                throw f.error(key, "expected \(what) as a list of integers, got \(FieldReader.describe(item)) in the list")
            }
            return i
        }
    }

    /// Axes normalised to 0..<rank (negative count from the end), each at most once.
    static func normalised(_ axes: [Int], rank: Int, _ f: FieldReader, _ key: String) throws -> [Int] {
        let out = try axes.map { a -> Int in
            guard a >= -rank && a < rank else { throw f.error(key, "expected axes in \(-rank)..<\(rank), got \(a)") }
            return a < 0 ? a + rank : a
        }
        guard Set(out).count == out.count else { throw f.error(key, "expected distinct axes, got \(ShapeInference.format(axes))") }
        return out
    }
}
