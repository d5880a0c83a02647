import CNNIR

/// Options for the generated C.
public struct CodegenOptions: Sendable, Hashable {
    /// Prefix of every exported symbol; nil means the sanitised model name.
    public var prefix: String?
    /// The vector unit the tiled kernels target (`.scalar` uses the direct kernels only).
    public var vector: VectorTarget
    /// The CPU features (as `/proc/cpuinfo` names them) the code needs: recorded in the
    /// descriptor and checked by `create`. From the target (`TargetCPU.requiredFeatures`).
    public var requiredFeatures: [String] = []
    /// Set when this unit is one target's code in a multi-target library: the prefix the
    /// library exports (its dispatcher's), which the descriptor states. The unit's own
    /// `prefix`-named functions are then not exported, and its weights file is its own.
    public var dispatchPrefix: String?
    /// What the header says about threads and the OpenMP runtime (comment lines, no `*/`); nil: the general rule.
    public var threadsNote: [String]?
    /// Winograd weights stored transformed in the library, or transformed by its first `create`.
    public var winogradWeights: WinogradWeights = .stored
    /// Kernel C per unit of the split source (`GeneratedModel.split`): tests set it small to split a small model.
    public var splitBytesPerUnit = ModelEmitter.splitBytesPerUnit
    /// Kernels that differ only in integer constants share one function (`KernelSharing`); off,
    /// only exact duplicates do (for differential tests: the bits must not change).
    public var sharesKernels = true
    public init(
        prefix: String? = nil, vector: VectorTarget = .scalar, requiredFeatures: [String] = [], dispatchPrefix: String? = nil,
        threadsNote: [String]? = nil,
        winogradWeights: WinogradWeights = .stored
    ) {
        self.winogradWeights = winogradWeights
        self.prefix = prefix
        self.vector = vector
        self.requiredFeatures = requiredFeatures
        self.dispatchPrefix = dispatchPrefix
        self.threadsNote = threadsNote
    }
}

/// Everything codegen produces for one model.
public struct GeneratedModel: Sendable {
    /// The C prefix of every exported symbol.
    public var prefix: String
    /// `model.c`: one translation unit.
    public var source: String
    /// `<prefix>.h` for C and C++ apps.
    public var header: String
    /// The weights, linked in with `.incbin` of `weightsFileName`.
    public var blob: WeightBlob
    /// The file name the source's `.incbin` expects in the compiler's working directory.
    public var weightsFileName: String
    /// One entry per kernel, in run order: C function name, op, the layers it computes, flops per sample.
    public var kernels: [KernelInfo]
    /// The CPU features the code needs (recorded in the descriptor).
    public var requiredFeatures: [String] = []
    /// Bytes of Winograd weights the first `create` transforms into memory (`--winograd-weights at-load`).
    public var loadTimeBytes = 0
    /// The same code as `source` split into translation units that compile in parallel; nil
    /// when `source` is small (one unit) or cannot be split (`--winograd-weights at-load`).
    public var split: SplitSource?
}

/// A model's C as several translation units, for compiling in parallel (`ModelEmitter.split`).
///
/// Each kernel unit holds the prelude (without the weights' definition) and a share of the
/// kernels, defined as in `source` but with hidden linkage instead of `static`; the main unit
/// holds the prelude with the weights, the kernels' declarations, the run sequence, the
/// descriptor and the entry points. Every kernel's text is the one in `source`, so the library
/// computes the same bits; the split depends only on the code, never on the host.
public struct SplitSource: Sendable, Hashable {
    public var main: String
    public var kernelUnits: [String]
}

/// What the profiling table says about one generated kernel.
public struct KernelInfo: Sendable, Hashable {
    public var function: String
    public var op: String
    public var layers: [String]
    public var flopsPerSample: Int
}

/// Emits the translation unit: ABI types, kernels, the run sequence, the descriptor and the exported entry points.
public enum ModelEmitter {
    /// The blob's file name: the source `.incbin`s it by this name, found in the assembler's
    /// working directory or include path (`-I`). Named after the prefix, so two models' C
    /// directories on one include path cannot pick up each other's weights.
    public static func weightsFileName(prefix: String) -> String { prefix + ".weights.bin" }

    public static func emit(_ planned: PlannedGraph, options: CodegenOptions = CodegenOptions()) -> GeneratedModel {
        let graph = planned.graph
        let prefix = options.prefix ?? Namer.sanitize(graph.name)
        let publicPrefix = options.dispatchPrefix ?? prefix
        // Named after the unit's prefix, so each target's unit of a multi-target library has its own.
        let weightsFile = Self.weightsFileName(prefix: prefix)
        let weightsSymbol = prefix + "_weights"
        var sequence = KernelSequence(planned: planned, options: options, weightsSymbol: weightsSymbol)
        for (position, node) in graph.nodes.enumerated() {
            if case .input = node.op { continue }
            sequence.add(node, position: position)
        }
        sequence.copyOutputs()
        sequence.finish()

        let loadTime = sequence.loadTime
        let prepares = !(loadTime?.transforms.isEmpty ?? true)
        let exported = options.dispatchPrefix == nil
        let preludeText = CPrinter.print(
            prelude(
                prefix: prefix, weightsSymbol: weightsSymbol, weightsFile: weightsFile, exported: exported,
                requiredFeatures: options.requiredFeatures)
                + (prepares
                    ? [.verbatim(loadTime!.declarations(symbol: KernelContext.loadSymbol, weightsSymbol: weightsSymbol)), .blank] : []))
        let kernelTexts = sequence.kernels.map { CPrinter.print([.function($0)]) }
        let tail = CPrinter.print(
            [.function(runChunk(sequence.calls))]
                + entryPoints(
                    graph: graph, prefix: prefix, publicPrefix: publicPrefix, arenaFloats: planned.memory.arenaFloatsPerSample,
                    slackFloats: planned.memory.slackFloats,
                    kernels: sequence.infos, lanes: options.vector.lanes, registers: options.vector.registers,
                    requiredFeatures: options.requiredFeatures,
                    preparesWeights: prepares)
        )
        let source = preludeText + kernelTexts.joined() + tail
        var model = GeneratedModel(
            prefix: publicPrefix, source: source, header: header(graph: graph, prefix: publicPrefix, threadsNote: options.threadsNote),
            blob: sequence.blob, weightsFileName: weightsFile, kernels: sequence.infos, requiredFeatures: options.requiredFeatures,
            loadTimeBytes: (loadTime?.floats ?? 0) * 4)
        // At-load weights turn FP contraction off for the rest of the unit (and their tables are
        // static): that code stays one unit.
        if !prepares {
            let kernelPrelude = CPrinter.print(
                prelude(
                    prefix: prefix, weightsSymbol: weightsSymbol, weightsFile: weightsFile, exported: exported,
                    requiredFeatures: options.requiredFeatures, definesWeights: false))
            model.split = split(
                prelude: preludeText, kernelPrelude: kernelPrelude, functions: sequence.kernels, texts: kernelTexts, tail: tail,
                bytesPerUnit: max(1, options.splitBytesPerUnit))
        }
        return model
    }

    /// `run_chunk`: the kernels' calls for one chunk of at most `max_batch` samples.
    static func runChunk(_ calls: [CStmt]) -> CFunction {
        CFunction(
            returnType: "void", name: "run_chunk",
            parameters: [
                ("cnnc_context *", "ctx"), ("int64_t", "n"), ("const float *const *", "in"), ("float *const *", "out"),
                ("double *", "times"),
            ],
            body: [
                .decl("float *const", "arena", .arrow(.v("ctx"), "arena")),
                .decl("const int64_t", "cap", .arrow(.v("ctx"), "max_batch")),
                .decl("const int", "nt", .arrow(.v("ctx"), "threads")),
                .expr(.cast("void", .v("arena"))), .expr(.cast("void", .v("cap"))), .expr(.cast("void", .v("in"))),
            ] + calls)
    }

    /// Kernel text per unit a split aims at: about what clang -O3 compiles in half a second.
    public static let splitBytesPerUnit = 48_000
    /// The most kernel units a split makes.
    public static let maxSplitUnits = 8

    /// Splits the kernels into units of about `bytesPerUnit` bytes of C each (at most
    /// `maxSplitUnits`), balanced by size (largest first into the smallest unit), each unit
    /// keeping the kernels in their order in `source`. Nil when there would be one unit.
    static func split(
        prelude: String, kernelPrelude: String, functions: [CFunction], texts: [String], tail: String, bytesPerUnit: Int
    ) -> SplitSource? {
        precondition(functions.count == texts.count)
        let total = texts.reduce(0) { $0 + $1.utf8.count }
        let count = min(maxSplitUnits, functions.count, (total + bytesPerUnit - 1) / bytesPerUnit)
        guard count > 1 else { return nil }
        var load = [Int](repeating: 0, count: count)
        var members = [[Int]](repeating: [], count: count)
        let bySize = texts.indices.sorted {
            texts[$0].utf8.count != texts[$1].utf8.count ? texts[$0].utf8.count > texts[$1].utf8.count : $0 < $1
        }
        for index in bySize {
            let unit = load.indices.min { load[$0] != load[$1] ? load[$0] < load[$1] : $0 < $1 }!
            load[unit] += texts[index].utf8.count
            members[unit].append(index)
        }
        let hidden = "__attribute__((visibility(\"hidden\")))"
        func external(_ text: String, _ function: CFunction) -> String {
            // The printed definition starts with its `static` prefix (CPrinter): linked across units instead.
            precondition(function.prefix == "static" && text.hasPrefix("static "), "kernel \(function.name) is not a static function")
            return hidden + text.dropFirst("static".count)
        }
        let units = members.map { indices in
            kernelPrelude + indices.sorted().map { external(texts[$0], functions[$0]) }.joined()
        }
        let declarations = functions.map { f in
            let params = f.parameters.isEmpty ? "void" : f.parameters.map { "\($0.type) \($0.name)" }.joined(separator: ", ")
            return "\(hidden) \(f.returnType) \(f.name)(\(params));\n"
        }.joined()
        return SplitSource(
            main: prelude + "/* The kernels, defined in the library's other units. */\n" + declarations + "\n" + tail, kernelUnits: units)
    }

    /// The tensor pointer for a storage location inside `run_chunk`.
    static func pointer(_ storage: Storage) -> CExpr {
        switch storage {
        case .input(let i): return .v("in")[.int(i)]
        case .output(let j): return .v("out")[.int(j)]
        case .arena(let offset): return .v("arena") + .int(offset) * .v("cap")
        }
    }

    /// One exhaustive dispatch from op to emitter.
    static func emitKernel(_ node: Node, _ ctx: inout KernelContext) -> CFunction {
        switch node.op {
        case .input: preconditionFailure("inputs have no kernel")
        case .conv(let a): return ConvEmitter.emit(a, &ctx)
        case .convTranspose(let a): return ConvTransposeEmitter.emit(a, &ctx)
        case .dense(let a): return DenseEmitter.emit(a, &ctx)
        case .flatten, .dropout: return DataMovementEmitter.emitCopy(&ctx)
        case .pool(let p): return PoolEmitter.emit(p, &ctx)
        case .globalPool(let kind): return PoolEmitter.emitGlobal(kind, &ctx)
        case .adaptivePool(let kind, let output): return PoolEmitter.emitAdaptive(kind, output: output, &ctx)
        case .activation(let act): return ElementwiseEmitter.emitActivation(act, &ctx)
        case .prelu: return ElementwiseEmitter.emitPReLU(&ctx)
        case .softmax(let axis, let log): return NormalizationEmitter.emitSoftmax(axis: axis, log: log, &ctx)
        case .reduce(let a): return ReductionEmitter.emit(a, &ctx)
        case .normalization(let a): return ReductionEmitter.emitNorm(a, &ctx)
        case .batchNorm(let eps, let steps): return ElementwiseEmitter.emitBatchNorm(epsilon: eps, epilogue: steps, &ctx)
        case .lrn(let a): return NormalizationEmitter.emitLRN(a, &ctx)
        case .add(let epilogue): return ElementwiseEmitter.emitAdd(epilogue, &ctx)
        case .concat(let axis): return DataMovementEmitter.emitConcat(axis: axis, &ctx)
        case .upsample(let scale, let mode): return DataMovementEmitter.emitUpsample(scale: scale, mode: mode, &ctx)
        case .pad(let a): return ResampleEmitter.emitPad(a, &ctx)
        case .resize(let a): return ResampleEmitter.emitResize(a, &ctx)
        case .lpPool(let a): return PoolEmitter.emitLp(a, &ctx)
        case .bias(let mode): return ElementwiseEmitter.emitBias(mode, &ctx)
        case .binary(let a): return BinaryEmitter.emit(a, &ctx)
        case .select(let a): return BinaryEmitter.emitWhere(a, &ctx)
        case .movement(let m): return MovementEmitter.emit(m, &ctx)
        case .matmul(let a): return MatMulEmitter.emit(a, &ctx)
        }
    }
}

/// A graph's kernels in run order as `ModelEmitter.emit` builds them: each node's C function
/// (written once when a repeated block's layer has the same body), its call in `run_chunk`,
/// what the profiling table says about it, and the weights blob they fill.
struct KernelSequence {
    let planned: PlannedGraph
    let options: CodegenOptions
    let weightsSymbol: String
    let shapes: [NodeID: [Int]]
    var namer = Namer()
    var blob = WeightBlob()
    var loadTime: LoadTimeWeights?
    /// Each node's kernel as emitted, in order.
    var emitted: [CFunction] = []
    /// The run sequence before sharing: kernel calls (by index into `emitted`) and other statements.
    enum Call {
        case kernel(Int, args: [CExpr], slot: Int)
        case statement(CStmt)
    }
    var pending: [Call] = []
    /// After `finish`: the distinct kernel functions, in the order first emitted, and the calls.
    var kernels: [CFunction] = []
    var calls: [CStmt] = []
    var infos: [KernelInfo] = []

    init(planned: PlannedGraph, options: CodegenOptions, weightsSymbol: String) {
        self.planned = planned
        self.options = options
        self.weightsSymbol = weightsSymbol
        self.shapes = Dictionary(uniqueKeysWithValues: planned.graph.nodes.map { ($0.id, $0.shape) })
        self.loadTime = options.winogradWeights == .atLoad ? LoadTimeWeights() : nil
    }

    /// Emits `node`'s kernel (the tiled conv kernel of its plan, else its op's), and its call.
    mutating func add(_ node: Node, position: Int) {
        let name = namer.fresh(node.name, prefix: "k\(position)_")
        let weightBase = blob.nextOffset
        let inputShapes = node.inputs.map { shapes[$0]! }
        var ctx = KernelContext(
            node: node, inputShapes: inputShapes, functionName: name, weightsSymbol: weightsSymbol,
            blob: blob, weightBase: weightBase, loadTime: loadTime, target: options.vector)
        let convPlan = KernelSelection.convPlan(node, in: planned.graph, target: options.vector)
        let function = convPlan.flatMap { TiledConvEmitter.emit($0, &ctx) } ?? ModelEmitter.emitKernel(node, &ctx)
        blob = ctx.blob
        loadTime = ctx.loadTime
        // Kernels the same as an earlier one but for their name, comment and some integer
        // constants (a repeated block's layer, a dense block's convs) share one function
        // (`KernelSharing`, in `finish`): each calls it with its own weights and constants.
        emitted.append(function)
        infos.append(
            KernelInfo(
                function: name, op: node.op.kindName, layers: node.layers, flopsPerSample: Cost.flops(node, inputShapes: inputShapes)))
        let memory = planned.memory
        var args: [CExpr] =
            [.v("n"), .v("nt"), .ident(weightsSymbol) + .int(weightBase)] + node.inputs.map { ModelEmitter.pointer(memory.storage[$0]!) }
            + [ModelEmitter.pointer(memory.storage[node.id]!)]
        if (convPlan?.scratchFloats ?? 0) > 0 {
            guard let offset = memory.scratch[node.id] else {
                preconditionFailure("memory planning reserved no scratch for \(name); plan with KernelSelection.scratchFloats")
            }
            args.append(ModelEmitter.pointer(.arena(offset: offset)))
        }
        pending.append(.kernel(emitted.count - 1, args: args, slot: infos.count - 1))
    }

    /// Groups the emitted kernels (`KernelSharing`) into `kernels` and writes every call.
    mutating func finish() {
        let (shared, memberships) = KernelSharing.group(emitted, maxParameters: options.sharesKernels ? KernelSharing.maxParameters : 0)
        kernels = shared
        calls = pending.map { call in
            switch call {
            case .statement(let statement): return statement
            case .kernel(let index, let args, let slot):
                let membership = memberships[index]
                let invocation = CExpr.call(shared[membership.kernel].name, args + membership.arguments)
                // With a times array (run_profiled), each kernel's wall time is added to its slot.
                return .ifThen(
                    .v("times"),
                    [
                        .decl("const double", "t0", .call("omp_get_wtime", [])),
                        .expr(invocation),
                        .assign(.v("times")[.int(slot)], "+=", .call("omp_get_wtime", []) - .v("t0")),
                    ], else: [.expr(invocation)])
            }
        }
    }

    /// Copies each output whose producer lives elsewhere (a model input, or another output) into its buffer.
    mutating func copyOutputs() {
        for copy in planned.memory.outputCopies {
            let count = shapes[copy.source]!.reduce(1, *)
            pending.append(
                .statement(
                    .expr(
                        .call(
                            "memcpy",
                            [
                                .v("out")[.int(copy.output)], ModelEmitter.pointer(planned.memory.storage[copy.source]!),
                                .cast("size_t", .v("n") * .int(count * 4)),
                            ]))))
        }
    }
}
