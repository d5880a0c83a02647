/// Kernels that differ only in integer constants, written once.
///
/// Each kernel is specialised to its layer's exact shapes, so layers of one structure but other
/// sizes get functions whose C differs only in a few integer literals: DenseNet-121's 1x1 convs
/// inside a dense block differ only in their input channel count (a loop bound, a weight stride
/// and a batch stride derived from it), and its 248 kernels were 2.1 MB of C, most of its compile
/// time. `KernelSharing.group` finds such kernels: those whose bodies are equal once every
/// integer literal is set aside (the "shape" of the function), whose literals then differ in at
/// most `maxParameters` columns of values (the places where the members' values are the same
/// list are one column: a loop bound repeated in each tile variant). One function is written
/// for each group, with one `int64_t` parameter per column (the other literals stay constants,
/// so clang still folds and unrolls by them); each call passes its kernel's values. Exact
/// duplicates (a repeated block's layer) are the case with no parameter. The function keeps its
/// first member's name and leading comment.
///
/// Literals C needs as constants stay part of the shape: arguments of `__builtin_*` calls
/// (prefetch hints, shuffle indices), array sizes and loop steps (not expressions here), and
/// pragma text. Everything is in the kernels' order, so the C stays deterministic.
public enum KernelSharing {
    /// Columns of values (parameters) in which a group's members may differ, at most.
    public static let maxParameters = 6

    /// A kernel with its literals set aside: `shape` (literals zeroed, no name, no leading
    /// comment) and the literals in order of appearance.
    struct Abstracted {
        var shape: CFunction
        var literals: [Int]
    }

    static func abstract(_ function: CFunction) -> Abstracted {
        var literals: [Int] = []
        var shape = function
        shape.name = ""
        if case .comment? = shape.body.first { shape.body.removeFirst() }
        shape.body = shape.body.map { statement($0, &literals, replace: nil) }
        return Abstracted(shape: shape, literals: literals)
    }

    /// `function` with the literal at each place of `parameterOf` (an index into its literals in
    /// order of appearance) replaced by its parameter `lit<p>`, and the `count` parameters added.
    static func parameterised(_ function: CFunction, parameterOf: [Int: Int], count: Int) -> CFunction {
        guard count > 0 else { return function }
        var literals: [Int] = []
        var out = function
        out.body = out.body.map { statement($0, &literals, replace: parameterOf) }
        out.parameters += (0..<count).map { (type: "int64_t", name: "lit\($0)") }
        return out
    }

    /// Walks a statement, recording its literals (and, with `replace`, turning the ones at the
    /// given places into parameters; otherwise zeroing them all).
    static func statement(_ s: CStmt, _ literals: inout [Int], replace: [Int: Int]?) -> CStmt {
        func e(_ x: CExpr) -> CExpr { expression(x, &literals, replace: replace) }
        func body(_ b: [CStmt]) -> [CStmt] { b.map { statement($0, &literals, replace: replace) } }
        switch s {
        case .decl(let type, let name, let value): return .decl(type, name, value.map(e))
        case .array, .pragma, .comment, .continueLoop: return s
        case .assign(let lhs, let op, let rhs):
            let l = e(lhs)
            return .assign(l, op, e(rhs))
        case .expr(let x): return .expr(e(x))
        case .loop(let v, let from, let to, let step, let b):
            let f = e(from)
            let t = e(to)
            return .loop(v, from: f, to: t, step: step, body(b))
        case .ifThen(let c, let a, let b):
            let cond = e(c)
            let then = body(a)
            return .ifThen(cond, then, else: body(b))
        case .block(let b): return .block(body(b))
        case .ret(let x): return .ret(x.map(e))
        }
    }

    static func expression(_ x: CExpr, _ literals: inout [Int], replace: [Int: Int]?) -> CExpr {
        func e(_ y: CExpr) -> CExpr { expression(y, &literals, replace: replace) }
        switch x {
        case .int(let v):
            let place = literals.count
            literals.append(v)
            guard let replace else { return .int(0) }
            return replace[place].map { .v("lit\($0)") } ?? x
        case .ident, .float, .string: return x
        case .binary(let a, let op, let b):
            let l = e(a)
            return .binary(l, op, e(b))
        case .not(let a): return .not(e(a))
        case .negate(let a): return .negate(e(a))
        case .call("__builtin_prefetch", let args) where !args.isEmpty:
            // The address may vary; the hints must be constants (they stay in the shape).
            return .call("__builtin_prefetch", [e(args[0])] + args.dropFirst())
        case .call(let name, _) where name.hasPrefix("__builtin_"):
            // Constants by C's rules (shuffle indices): their literals stay in the shape.
            return x
        case .call(let name, let args): return .call(name, args.map(e))
        case .index(let a, let i):
            let base = e(a)
            return .index(base, e(i))
        case .arrow(let a, let field): return .arrow(e(a), field)
        case .cast(let type, let a): return .cast(type, e(a))
        case .ternary(let c, let a, let b):
            let cond = e(c)
            let then = e(a)
            return .ternary(cond, then, e(b))
        case .addressOf(let a): return .addressOf(e(a))
        }
    }

    /// Groups `functions` (in order) into shared kernels: for each function, its group's index
    /// in the result and the arguments its calls add; the result lists each group's function,
    /// named after its first member. A parameter stands for every place whose values agree
    /// across the group's members (a loop bound that appears in each tile variant is one
    /// parameter), so a group has at most `maxParameters` distinct columns of values.
    public static func group(
        _ functions: [CFunction], maxParameters: Int = maxParameters
    ) -> (kernels: [CFunction], memberships: [(kernel: Int, arguments: [CExpr])]) {
        let abstracted = functions.map(abstract)
        // The columns of values where `members` differ, each with the places holding it, in
        // order of first place.
        func columns(_ members: [Int]) -> [(values: [Int], places: [Int])] {
            let first = abstracted[members[0]].literals
            var out: [(values: [Int], places: [Int])] = []
            var index: [[Int]: Int] = [:]
            for k in first.indices {
                let values = members.map { abstracted[$0].literals[k] }
                guard values.contains(where: { $0 != values[0] }) else { continue }
                if let c = index[values] {
                    out[c].places.append(k)
                } else {
                    index[values] = out.count
                    out.append((values, [k]))
                }
            }
            return out
        }
        // A member joins the first group of its shape whose columns stay within the limit.
        var groups: [[Int]] = []
        var groupsByShape: [CFunction: [Int]] = [:]
        var groupOf = [Int](repeating: 0, count: functions.count)
        for (i, a) in abstracted.enumerated() {
            let candidates = groupsByShape[a.shape] ?? []
            if let g = candidates.first(where: { columns(groups[$0] + [i]).count <= maxParameters }) {
                groups[g].append(i)
                groupOf[i] = g
            } else {
                groupOf[i] = groups.count
                groupsByShape[a.shape, default: []].append(groups.count)
                groups.append([i])
            }
        }
        var kernels: [CFunction] = []
        var arguments = [[CExpr]](repeating: [], count: functions.count)
        for members in groups {
            let cols = columns(members)
            var parameterOf: [Int: Int] = [:]
            for (p, col) in cols.enumerated() { for k in col.places { parameterOf[k] = p } }
            kernels.append(parameterised(functions[members[0]], parameterOf: parameterOf, count: cols.count))
            for (m, member) in members.enumerated() { arguments[member] = cols.map { .int($0.values[m]) } }
        }
        return (kernels, functions.indices.map { (groupOf[$0], arguments[$0]) })
    }
}
