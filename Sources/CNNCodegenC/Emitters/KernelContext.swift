import CNNIR

/// What one kernel emitter sees: the node, its input shapes, the blob to put weights in,
/// and the uniform kernel signature `(n, nt, wts, in0, in1, ..., out)`.
///
/// Kernels read their weights through `wts`, the blob at `weightBase` (where this kernel's
/// weights start), at offsets relative to it: two layers of the same shapes and fusion then
/// get the same function, which the model emitter keeps once (ResNet-50: 58 kernels, 32
/// functions, half the C).
struct KernelContext {
    let node: Node
    let inputShapes: [[Int]]
    let functionName: String
    let weightsSymbol: String
    var blob: WeightBlob
    /// The blob offset (floats) `wts` points at: where this kernel's first weights go.
    let weightBase: Int
    /// Set for `--winograd-weights at-load`: the transforms the library runs in its first create.
    var loadTime: LoadTimeWeights? = nil
    /// The vector target the kernel is planned for (its register file sizes register tiles); nil
    /// where an emitter is used without one.
    var target: VectorTarget? = nil
    /// The target's kernel-selection numbers (`standard` without a target).
    var thresholds: ConvThresholds { target?.thresholds ?? .standard }
    /// The pointer kernels read load-time transformed weights through.
    static let loadSymbol = "transformed_weights"

    /// Adds a parameter tensor to the blob; returns a pointer expression to it.
    mutating func weights(_ tensor: WeightTensor) -> CExpr {
        .ident("wts") + .int(blob.add(tensor) - weightBase)
    }

    /// Adds computed values (repacked weights, folded scales) to the blob.
    mutating func weights(_ values: [Float]) -> CExpr {
        .ident("wts") + .int(blob.add(values) - weightBase)
    }

    /// Row Winograd's weights: stored transformed, or (at load) the kernel rows' packed planes,
    /// transformed by the library's first create.
    mutating func rowWinogradWeights(_ wg: RowWinograd, _ weight: UnsafeBufferPointer<Float>) -> CExpr {
        guard loadTime != nil else { return weights(wg.pack(weight)) }
        let rows = wg.packRows(weight)
        let source = blob.add(rows)
        return .ident(Self.loadSymbol) + .int(loadTime!.addRows(sourceOffset: source, count: rows.count / 3))
    }

    /// Tile Winograd's weights: stored transformed, or (at load) packed as `[block][ic][9][bc]`.
    mutating func tileWinogradWeights(_ tw: TileWinograd, _ weight: UnsafeBufferPointer<Float>) -> CExpr {
        guard loadTime != nil, !tw.transformsWeights else { return weights(tw.pack(weight)) }
        let direct = ChannelTiling.packBlocks(weight, oc: tw.conv.ocg, ic: tw.conv.icg, taps: 9, blockChannels: tw.blockChannels)
        let source = blob.add(direct)
        return .ident(Self.loadSymbol)
            + .int(loadTime!.addTiles(sourceOffset: source, groups: tw.blocks * tw.conv.icg, blockChannels: tw.blockChannels))
    }

    func input(_ i: Int) -> CExpr { .ident("in\(i)") }
    var output: CExpr { .ident("out") }
    var batch: CExpr { .ident("n") }

    /// The kernel function with the uniform signature.
    /// `scratch` adds a trailing `float *restrict scratch` parameter (the node's planned scratch).
    func function(_ body: [CStmt], scratch: Bool = false) -> CFunction {
        var params: [(type: String, name: String)] = [("int64_t", "n"), ("int", "nt"), ("const float *restrict", "wts")]
        for i in node.inputs.indices { params.append(("const float *restrict", "in\(i)")) }
        params.append(("float *restrict", "out"))
        if scratch { params.append(("float *restrict", "scratch")) }
        let small = Cost.flops(node, inputShapes: inputShapes) < KernelContext.serialBelowFlops
        return CFunction(
            name: functionName, parameters: params, body: [.comment(commentLine)] + (small ? KernelContext.serialOnOneThread(body) : body))
    }

    /// Kernels of fewer flops a sample than this also get a plain copy of each parallel loop,
    /// taken on one thread: entering an OpenMP region costs about 0.25 us even with one thread
    /// or a false `if` clause, which was an eighth of LeNet-5 (16 us with the regions, 14 us
    /// without). Larger kernels keep one copy of their loops (code size, compile time).
    static let serialBelowFlops = 1_000_000

    /// Each `#pragma omp parallel...` and the statement it applies to become
    /// `if (nt > 1) { pragma; statement } else { statement }`.
    static func serialOnOneThread(_ body: [CStmt]) -> [CStmt] {
        var out: [CStmt] = []
        var i = 0
        while i < body.count {
            switch body[i] {
            case .pragma(let text) where text.hasPrefix("omp parallel") && i + 1 < body.count:
                let next = serialOnOneThread([body[i + 1]])
                out.append(.ifThen(severalThreads, [body[i]] + next, else: next))
                i += 2
                continue
            case .ifThen(let c, let then, let otherwise):
                // A branch the emitter already took only on several threads stays as it is.
                out.append(.ifThen(c, c == severalThreads ? then : serialOnOneThread(then), else: serialOnOneThread(otherwise)))
            case .block(let inner):
                out.append(.block(serialOnOneThread(inner)))
            default:
                out.append(body[i])
            }
            i += 1
        }
        return out
    }

    /// A comment naming the kernel's op and shapes; layer names go through the namer first.
    var commentLine: String {
        let layers = node.layers.map(Namer.sanitize).joined(separator: " + ")
        return
            "\(node.op.kindName) [\(layers)]: \(inputShapes.map(ShapeInference.format).joined(separator: ", ")) -> \(ShapeInference.format(node.shape))"
    }

    /// `#pragma omp parallel for` over the next `collapse` loops, only when the work is worth a thread team.
    /// `work` is the whole kernel's for one sample (flops, or elements moved), not one iteration's.
    static func parallelFor(collapse: Int, work: Int) -> CStmt {
        let collapseClause = collapse > 1 ? " collapse(\(collapse))" : ""
        return .pragma("omp parallel for\(collapseClause) schedule(static) num_threads(nt) \(teamClause(work: work))")
    }

    /// `#pragma omp parallel` (a team for a block of `omp for` loops), on the same terms.
    static func parallelTeam(work: Int) -> CStmt { .pragma("omp parallel num_threads(nt) \(teamClause(work: work))") }

    /// The `if` clause: below ~32k flops per call, waking threads costs more than it saves.
    static func teamClause(work: Int) -> String { "if(n >= \(max(1, 32768 / max(work, 1))))" }

    /// The condition of a branch taken only when the library runs on several threads.
    static let severalThreads: CExpr = .v("nt") > .int(1)
}

/// Pads a spatial list on the left to 3 dimensions so 1-D and 2-D kernels reuse the 3-D emitters;
/// loops of extent 1 vanish in clang.
func to3D(_ dims: [Int], fill: Int) -> [Int] { Array(repeating: fill, count: 3 - dims.count) + dims }

/// `max(acc, x)` for a max pool's running maximum: `x > acc || x != x ? x : acc`, which
/// propagates a NaN anywhere in the window as PyTorch's max pool does (once the maximum is NaN,
/// `x > acc` fails for every x), in a vector max, a NaN test and a blend.
func maxFold(_ acc: CExpr, _ x: CExpr) -> CExpr { .call("cnnc_maxf", [acc, x]) }

/// Declares `name`, the fold of the `count` values `term(j)`, j = 0 ..< count, by `step(acc, value)`
/// from `initial`: in 16 interleaved partial results (`name_part`), which vectorise where one
/// running value would be a serial chain of dependent adds (a global average pool of 32 x 112 x 112
/// took 0.33 ms that way, latency-bound), then those 16 folded into `name` in lane order. The
/// order is fixed by the code alone: the same bits whatever the thread count or the target.
/// The loop over whole vectors is kept a loop (`unroll(disable)`): fully unrolled, as it was for
/// short runs, it left the loop around the fold innermost, and clang vectorised that across
/// channels with gathers (a global pool of 1152 x 7 x 7: 19.5 -> 6.0 us, the same bits).
func laneFold(
    _ name: String, count: Int, initial: Float, step: (CExpr, CExpr) -> CExpr, term: (CExpr) -> CExpr
) -> [CStmt] {
    let lanes = 16
    let whole = count / lanes * lanes
    let part = CExpr.v(name + "_part")
    return [
        .array("float", name + "_part", count: lanes, alignment: 64),
        .loop("l", .int(lanes), [.assign(part[.v("l")], "=", .float(initial))]),
        .pragma("clang loop unroll(disable)"),
        .loop(
            "j", from: .int(0), to: .int(whole), step: lanes,
            [.loop("l", .int(lanes), [.assign(part[.v("l")], "=", step(part[.v("l")], term(.v("j") + .v("l"))))])]),
        .loop("j", .int(whole), .int(count), [.assign(part[.int(0)], "=", step(part[.int(0)], term(.v("j"))))]),
        .decl("float", name, .float(initial)),
        .loop("l", .int(lanes), [.assign(.v(name), "=", step(.v(name), part[.v("l")]))]),
    ]
}

/// A C expression for `act` applied to the variable `v` (which may be evaluated more than once).
func activationExpr(_ act: Activation, _ v: CExpr) -> CExpr { scalarExpr(act.formula, v) }

/// The C spelling of a formula on the float variable `v`.
func scalarExpr(_ f: Formula, _ v: CExpr) -> CExpr {
    let e = { (g: Formula) in scalarExpr(g, v) }
    switch f {
    case .x: return v
    case .constant(let c): return .float(c)
    case .add(let a, let b): return e(a) + e(b)
    case .sub(let a, let b): return e(a) - e(b)
    case .mul(let a, let b): return e(a) * e(b)
    case .div(let a, let b): return e(a) / e(b)
    case .negate(let a): return .negate(e(a))
    case .greater(let a, let b): return e(a) > e(b)
    case .less(let a, let b): return e(a) < e(b)
    case .select(let c, let a, let b): return .ternary(e(c), e(a), e(b))
    case .call(let fn, let args): return .call(cName(fn), args.map(e))
    }
}

/// The C function a formula's call names: the prelude's fast forms, else libm's float functions.
func cName(_ fn: MathFunction) -> String {
    switch fn {
    case .sigmoid: return "cnnc_sigmoidf"
    case .tanh: return "cnnc_tanhf"
    case .expm1Fast: return "cnnc_expm1f"
    case .softplus: return "cnnc_softplusf"
    case .gelu: return "cnnc_geluf"
    case .silu: return "cnnc_siluf"
    case .fmin: return "fminf"
    case .fmax: return "fmaxf"
    case .exp: return "expf"
    case .expm1: return "expm1f"
    case .log: return "logf"
    case .log1p: return "log1pf"
    case .sqrt: return "sqrtf"
    case .abs: return "fabsf"
    case .erf: return "erff"
    }
}

/// Assignments applying `act` to every lane of the vector variable `v` of `lanes` floats, with
/// the scalar form's results (only the sign of a zero may differ); nil for the activations with
/// no vector form (`ActivationFacts.vector`).
/// With `calls`, the prelude's lane-wise math functions count as vector forms (`VectorMath.swift`).
func vectorActivation(_ act: Activation, _ v: CExpr, lanes: Int, calls: Bool = false) -> [CStmt]? {
    guard let steps = act.vectorSteps else { return nil }
    var out: [CStmt] = []
    for step in steps {
        guard let value = vectorExpr(step, v, lanes: lanes, calls: calls) else { return nil }
        out.append(.assign(v, "=", value))
    }
    return out
}

/// The lane-wise C of a formula on the vector variable `v`: constants splatted, selects through
/// `cnnc_select`; a call through the prelude's vector function when `calls` is set and it has one
/// (`vectorFunctionName`), else nil.
func vectorExpr(_ f: Formula, _ v: CExpr, lanes: Int, calls: Bool = false) -> CExpr? {
    let e = { (g: Formula) in vectorExpr(g, v, lanes: lanes, calls: calls) }
    switch f {
    case .call(let fn, let args):
        guard calls, let name = vectorFunctionName(fn, lanes: lanes) else { return nil }
        var operands: [CExpr] = []
        for a in args {
            guard let operand = e(a) else { return nil }
            operands.append(operand)
        }
        return .call(name, operands)
    case .x: return v
    case .constant(let c): return .call("cnnc_splat\(lanes)", [.float(c)])
    case .add(let a, let b): return e(a).flatMap { x in e(b).map { x + $0 } }
    case .sub(let a, let b): return e(a).flatMap { x in e(b).map { x - $0 } }
    case .mul(let a, let b): return e(a).flatMap { x in e(b).map { x * $0 } }
    case .div(let a, let b): return e(a).flatMap { x in e(b).map { x / $0 } }
    case .negate(let a): return e(a).map { .negate($0) }
    case .greater(let a, let b): return e(a).flatMap { x in e(b).map { x > $0 } }
    case .less(let a, let b): return e(a).flatMap { x in e(b).map { x < $0 } }
    case .select(let c, let a, let b):
        guard let m = e(c), let x = e(a), let y = e(b) else { return nil }
        return .call("cnnc_select\(lanes)", [.cast("cnnc_i\(lanes)", m), x, y])
    }
}

/// Statements applying the non-pool epilogue steps to the vector variable `v` of `lanes` floats,
/// whose first lane is element `operandIndex`; nil when a step has no vector form.
func vectorEpilogueStatements(_ steps: [EpilogueStep], value v: CExpr, operandIndex: CExpr, lanes: Int) -> [CStmt]? {
    var out: [CStmt] = []
    for step in steps {
        switch step {
        case .activation(let act):
            guard let assignments = vectorMathActivation(act, v, lanes: lanes) else { return nil }
            out += assignments
        case .add(let operand):
            out.append(.assign(v, "+=", .loadVector(.vector(lanes), from: CExpr.ident("in\(operand)") + operandIndex)))
        case .pool: return nil
        }
    }
    return out
}

/// A conv's input scale (`ConvAttributes.inputScale`): `sp`, sample b's `channels` scales, declared
/// per task (none without one).
func inputScalePointer(_ a: ConvAttributes, _ ctx: KernelContext, channels: Int) -> [CStmt] {
    guard let k = a.inputScale else { return [] }
    return [.local(.constFloatPointer, "sp", ctx.input(k) + .v("b") * .int(channels))]
}

/// Input channel c's scale in a reduction over `c` (`sp[c]`), or nil without one.
func inputScale(_ a: ConvAttributes) -> CExpr? { a.inputScale.map { _ in CExpr.v("sp")[.v("c")] } }

/// How many of the epilogue's first steps are activations with a vector form: a kernel whose
/// store goes through a buffer applies those to its accumulators (or the buffer) as vectors,
/// before any add reads the output's layout, and only the steps after them one value at a time.
func leadingVectorActivations(_ steps: [EpilogueStep], lanes: Int) -> Int {
    var count = 0
    while count < steps.count, case .activation = steps[count],
        vectorEpilogueStatements([steps[count]], value: .v("v"), operandIndex: .int(0), lanes: lanes) != nil
    {
        count += 1
    }
    return count
}

/// Statements applying the non-pool epilogue steps to the float variable `v`.
/// `operandIndex` is the element index (per the node's unpooled shape) for fused adds.
func epilogueStatements(_ steps: [EpilogueStep], value v: CExpr, operandIndex: CExpr) -> [CStmt] {
    steps.compactMap { step -> CStmt? in
        switch step {
        case .activation(let act): return .assign(v, "=", activationExpr(act, v))
        case .add(let operand): return .assign(v, "+=", CExpr.ident("in\(operand)")[operandIndex])
        case .pool: return nil
        }
    }
}

extension Array where Element == EpilogueStep {
    /// The trailing pool step, if any.
    var pool: PoolAttributes? {
        if case .pool(let p) = last { return p }
        return nil
    }

    /// Whether a step adds another tensor (a fused residual), which reads the output's layout.
    var hasAdd: Bool {
        contains {
            if case .add = $0 { return true }
            return false
        }
    }

    /// Whether an activation among the steps has a vector form only through the prelude's vector
    /// math (`vectorActivation` without calls has none: SiLU, GELU, sigmoid, tanh, ...).
    func callsVectorMath(lanes: Int) -> Bool {
        contains { step in
            guard case .activation(let act) = step else { return false }
            return vectorActivation(act, .v("v"), lanes: lanes) == nil
        }
    }
}
