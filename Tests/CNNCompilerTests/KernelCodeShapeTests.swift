import CNNCodegenC
import CNNCompiler
import CNNFrontend
import CNNIR
import CNNPasses
import CNNTestSupport
import CNNToolchain
import Foundation
import Testing

/// The shape of the machine code of a conv kernel, so a slow-down in code shape is caught
/// even though tests cannot time: full-width FMAs in the kernel, and no register spills in
/// its reduction loop (LLVM's register-allocation remarks).
@Suite struct KernelCodeShapeTests {
    /// The direct register-tiled kernel (Winograd off), the row-Winograd kernel, whose six GEMMs
    /// run the same micro-kernel with 3 taps, and the tile-Winograd kernel, whose 36 GEMMs run a
    /// micro-kernel with output channels across the lanes: a 3x3 conv. And a 1x1 conv with relu6
    /// and a residual add, whose epilogue runs in registers after the reduction (`pointwise`).
    /// Each kernel is planned and compiled for each vector target by name (AVX-512 with 32
    /// registers, AVX2 with 16, the 4-lane generic path), never for the host: the object is only
    /// compiled and inspected, so every host checks the same thing.
    static let kernels: [(winograd: Bool, tile: Bool, pointwise: Bool)] = [
        (false, false, false), (true, false, false), (true, true, false), (false, false, true),
    ]
    static let targets: [TargetCPU] = [.x86_64_v4, .x86_64_v3, .generic]

    @Test(arguments: targets, kernels)
    func convKernelUsesFullWidthFMAsAndDoesNotSpill(target: TargetCPU, kernel: (winograd: Bool, tile: Bool, pointwise: Bool)) throws {
        let (winograd, tile, pointwise) = kernel
        var f = GraphFixture(name: "shape", inputs: [("x", [64, 56, 56])])
        if pointwise {
            try f.add("c1x1", GraphFixture.conv(64, 1, epilogue: [.activation(.clip(min: 0, max: 6)), .add(operand: 1)]), ["x", "x"])
        } else {
            try f.add("c3x3", GraphFixture.conv(64, 3, pad: 1, epilogue: [.activation(.relu)]), ["x"])
        }
        // Nothing else in the model: other kernels' vectorised remainder loops may use narrower registers.
        var vector = Compiler.vectorTarget(target)
        vector.winograd = winograd
        vector.tileWinograd = tile
        let planned = try Pipeline.run(f.graph) { KernelSelection.scratchFloats($0, in: $1, target: vector) }
        let plan = try #require(KernelSelection.convPlan(planned.graph.nodes[1], in: planned.graph, target: vector))
        let geometry = try #require(plan.tiling, "this conv should run tiled")
        // Tile Winograd runs only on FMA targets (8 and 16 lanes); elsewhere row Winograd stands in.
        let tileRuns = tile && vector.lanes >= 8
        #expect((plan.winogradRows != nil) == (winograd && !tileRuns), "this conv should run as row Winograd exactly when allowed")
        #expect((plan.winogradTiles != nil) == tileRuns, "this conv should run as tile Winograd exactly when allowed")
        #expect((plan.positionTileKernel?.storesFromRegisters ?? false) == pointwise, "only the 1x1 conv stores from registers")
        let tiling = plan.winogradRows?.gemm ?? geometry
        let taps = plan.winogradRows == nil ? geometry.kh * geometry.kw : 3
        // FMAs in one micro-tile, and the variable its reduction step reads first.
        let perTile = plan.winogradTiles.map { $0.p * $0.ocv } ?? tiling.ocb * tiling.uv * taps
        let stepPointer = plan.winogradTiles == nil ? " xi = " : " xc = "
        let model = ModelEmitter.emit(planned, options: CodegenOptions(vector: vector))
        let dir = TemporaryDirectory()
        let source = dir.write("model.c", model.source)
        FileManager.default.createFile(atPath: dir.path(model.weightsFileName), contents: nil)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: dir.path(model.weightsFileName)))
        try model.blob.write { try handle.write(contentsOf: $0) }
        try handle.close()

        let toolchain = try Toolchain.find()
        let flags =
            ["-std=c11", "-O3", "-fopenmp", "-fPIC", "-fno-math-errno", "-c", "-Rpass-missed=regalloc"] + toolchain.optimizationFlags
            + Toolchain.targetFlags(target)
        let build = try runProcess(toolchain.compiler, flags + ["-o", dir.path("model.o"), source], cwd: dir.url.path)
        #expect(build.status == 0, "\(build.stderr)")

        // The reduction loop over input channels of the conv kernel: no spill or reload remarks on it.
        let kernel = model.kernels[0].function
        let lines = model.source.split(separator: "\n", omittingEmptySubsequences: false)
        let start = try #require(lines.firstIndex { $0.contains(" \(kernel)(") })
        // (The input copy loops over channels too; the reduction loop is the one that reads `xi`.)
        let loopLine =
            try #require(
                lines.indices.dropFirst(start).first { i in
                    lines[i].contains("for (int64_t c = 0; c < \(tiling.icg); c++)") && i + 1 < lines.count
                        && lines[i + 1].contains(stepPointer)
                }) + 1
        let spillsInLoop = build.stderr.split(separator: "\n").filter {
            $0.contains("model.c:\(loopLine):") && ($0.contains("spills") || $0.contains("reloads"))
        }
        #expect(spillsInLoop.isEmpty, "\(spillsInLoop.joined(separator: "\n"))")

        // The micro-kernel's FMAs are full width: at least one tile's worth on the widest registers,
        // and no packed FMA on narrower ones (clang 14 splits 512-bit code without -mprefer-vector-width=512).
        // Kernels are static and inlined into their callers, so the whole object is inspected.
        // The x86-64 baseline (4 lanes) has no FMA: there each step is a packed multiply and add.
        let disassembly = try runProcess("/usr/bin/env", ["objdump", "-d", "--no-show-raw-insn", dir.path("model.o")])
        #expect(disassembly.status == 0)
        let multiply = target == .generic ? "mulps " : "vfmadd"
        let packed = disassembly.stdout.split(separator: "\n").filter { $0.contains(multiply) && $0.contains("ps ") }
        let widths = ["%zmm", "%ymm", "%xmm"]
        let register = vector.lanes == 16 ? "%zmm" : vector.lanes == 8 ? "%ymm" : "%xmm"
        let wide = packed.filter { $0.contains(register) }.count
        #expect(wide >= perTile, "\(wide) \(register) \(multiply) instructions, expected at least \(perTile) (one tile)")
        if pointwise {
            // The epilogue in registers stores each accumulator, a whole vector, straight to the output.
            #expect(model.source.contains("((cnnc_v\(vector.lanes) *)(out + "), "no vector store to the output in the generated C")
        }
        // (Winograd's transforms are row loops whose vectorised remainders may be narrower.)
        for narrower in winograd ? [] : Array(widths.drop(while: { $0 != register }).dropFirst()) {
            let count = packed.filter { $0.contains(narrower) && !$0.contains(register) }.count
            #expect(count == 0, "\(count) packed FMAs on \(narrower): the kernel was split into narrower vectors")
        }
    }

    /// ARM64 NEON (`--target aarch64`, 32 128-bit registers): the direct 3x3 kernel, row Winograd
    /// (tile Winograd runs on 8 and 16 lanes only) and the 1x1 kernel with its epilogue in
    /// registers, cross-compiled by clang for aarch64-linux-gnu with the target's flags: no spill
    /// in the reduction loop, and at least one tile's worth of `fmla` on 4-lane v registers.
    @Test(arguments: [(false, false), (true, false), (false, true)])
    func aarch64ConvKernelUsesFMLAAndDoesNotSpill(winograd: Bool, pointwise: Bool) throws {
        var f = GraphFixture(name: "shape", inputs: [("x", [64, 56, 56])])
        if pointwise {
            try f.add("c1x1", GraphFixture.conv(64, 1, epilogue: [.activation(.clip(min: 0, max: 6)), .add(operand: 1)]), ["x", "x"])
        } else {
            try f.add("c3x3", GraphFixture.conv(64, 3, pad: 1, epilogue: [.activation(.relu)]), ["x"])
        }
        var vector = Compiler.vectorTarget(.aarch64)
        #expect(vector.lanes == 4 && vector.registers == 32)
        vector.winograd = winograd
        let planned = try Pipeline.run(f.graph) { KernelSelection.scratchFloats($0, in: $1, target: vector) }
        let plan = try #require(KernelSelection.convPlan(planned.graph.nodes[1], in: planned.graph, target: vector))
        let geometry = try #require(plan.tiling, "this conv should run tiled")
        #expect((plan.winogradRows != nil) == winograd)
        #expect(plan.winogradTiles == nil)
        let tiling = plan.winogradRows?.gemm ?? geometry
        let taps = plan.winogradRows == nil ? geometry.kh * geometry.kw : 3
        let perTile = tiling.ocb * tiling.uv * taps
        // 32 registers: a tile of more than the 16 registers AVX2 has, so the planner used them.
        #expect(tiling.ocb * tiling.uv > 16, "tile \(tiling.uv) x \(tiling.ocb) does not use NEON's 32 registers")
        let model = ModelEmitter.emit(planned, options: CodegenOptions(vector: vector))
        let dir = TemporaryDirectory()
        let source = dir.write("model.c", model.source)
        FileManager.default.createFile(atPath: dir.path(model.weightsFileName), contents: nil)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: dir.path(model.weightsFileName)))
        try model.blob.write { try handle.write(contentsOf: $0) }
        try handle.close()
        let toolchain = try Toolchain.find()
        let flags =
            ["--target=aarch64-linux-gnu", "-std=c11", "-O3", "-fopenmp", "-fPIC", "-fno-math-errno", "-c", "-Rpass-missed=regalloc"]
            + toolchain.optimizationFlags
            + Toolchain.targetFlags(.aarch64)
        let build = try runProcess(toolchain.compiler, flags + ["-o", dir.path("model.o"), source], cwd: dir.url.path)
        #expect(build.status == 0, "\(build.stderr)")

        let kernel = model.kernels[0].function
        let lines = model.source.split(separator: "\n", omittingEmptySubsequences: false)
        let start = try #require(lines.firstIndex { $0.contains(" \(kernel)(") })
        let loopLine =
            try #require(
                lines.indices.dropFirst(start).first { i in
                    lines[i].contains("for (int64_t c = 0; c < \(tiling.icg); c++)") && i + 1 < lines.count
                        && lines[i + 1].contains(" xi = ")
                }) + 1
        let spillsInLoop = build.stderr.split(separator: "\n").filter {
            $0.contains("model.c:\(loopLine):") && ($0.contains("spills") || $0.contains("reloads"))
        }
        #expect(spillsInLoop.isEmpty, "\(spillsInLoop.joined(separator: "\n"))")

        let disassembly = try runProcess("/usr/bin/env", ["llvm-objdump-14", "-d", "--no-show-raw-insn", dir.path("model.o")])
        #expect(disassembly.status == 0, "\(disassembly.stderr)")
        let fmla = disassembly.stdout.split(separator: "\n").filter { $0.contains("fmla") && $0.contains(".4s") }
        #expect(fmla.count >= perTile, "\(fmla.count) fmla on .4s registers, expected at least \(perTile) (one tile)")
        if pointwise {
            #expect(model.source.contains("((cnnc_v4 *)(out + "), "no vector store to the output in the generated C")
        }
    }

    /// A linear layer (ConvNeXt's channels-last MLP) runs in the register tile planned for the
    /// target, and its reduction loop keeps every accumulator and weight vector in registers
    /// (AVX2's first plan, 2 rows x 3 blocks, spilled and ran ConvNeXt-Tiny 1.8x slower).
    @Test(arguments: targets)
    func linearTileFitsTheRegisters(target: TargetCPU) throws {
        let vector = Compiler.vectorTarget(target)
        let expected: DenseEmitter.LinearTile =
            switch vector.lanes {
            case 16: .init(rows: 6, blocks: 4)
            case 8: .init(rows: 6, blocks: 1)
            default: .init(rows: 2, blocks: 1)
            }
        #expect(DenseEmitter.linearTile(blocks: 24, target: vector) == expected)
        // The scalar target (ARM64's generic form) has no vector registers to plan for.
        #expect(DenseEmitter.linearTile(blocks: 24, target: .scalar) == DenseEmitter.defaultLinearTile)
        var f = GraphFixture(name: "mlp", inputs: [("x", [14, 14, 96])])
        try f.add("fc", .dense(DenseAttributes(units: 384, hasBias: true, lastAxis: true)), ["x"])
        let (source, spills) = try Self.spillsInLoop(f.graph, target: target, loop: "for (int64_t k = 0; k < 96; k++)")
        #expect(spills.isEmpty, "\(spills.joined(separator: "\n"))")
        let last = "a\(expected.rows - 1)_\(expected.blocks - 1) += x\(expected.rows - 1)[k] * w\(expected.blocks - 1);"
        #expect(source.contains(last), "the tile's last accumulator")
    }

    /// The channel tiles of 1x1 convs on 14x14 keep their accumulators, weight vectors and
    /// broadcast in registers on each target, on AVX2 6 positions x 2 vectors (15 registers),
    /// also with a squeeze-and-excitation scale, whose products with the weights are made into
    /// scratch before the tiles run (`TiledConvEmitter.scaledWeights`), so the tiles read them.
    @Test(arguments: [TargetCPU.x86_64_v4, .x86_64_v3])
    func channelTileReductionsDoNotSpill(target: TargetCPU) throws {
        for scaled in [false, true] {
            var f = GraphFixture(name: "pw", inputs: [("x", [512, 14, 14]), ("s", [512, 1, 1])])
            guard case .conv(var a) = GraphFixture.conv(256, 1, epilogue: [.activation(.relu)]) else { return }
            a.inputScale = scaled ? 1 : nil
            try f.add("pw", .conv(a), scaled ? ["x", "s"] : ["x"])
            let (source, spills) = try Self.spillsInLoop(f.graph, target: target, loop: "for (int64_t c = c0; c < c1; c++)")
            #expect(source.contains("channel-tiled"), "scaled \(scaled)")
            #expect(spills.isEmpty, "scaled \(scaled): \(spills.joined(separator: "\n"))")
            #expect(source.contains("ws + b * ") == scaled, "scaled \(scaled): the tiles read the scaled weights")
            #expect(!source.contains("* sp[c]"), "scaled \(scaled): no scale in the reduction")
            if target == .x86_64_v3 {
                #expect(source.contains("6 positions (across rows) x 2 vectors"), "scaled \(scaled)")
            }
        }
    }

    /// A channel-tile conv with few blocks of output channels splits its rows among tasks; on
    /// AVX2 the tasks run row group by row group, so each thread's static share is a range of
    /// rows of every block and it reads only those rows of the input (MobileNetV2's 1x1 convs
    /// on 14x14 at 2 threads: 0.73-0.84 of the time with blocks outer). AVX-512 keeps blocks
    /// outer.
    @Test(arguments: [TargetCPU.x86_64_v4, .x86_64_v3])
    func channelTileTasksSplitRowsAmongThreadsOnAVX2(target: TargetCPU) throws {
        var f = GraphFixture(name: "pw", inputs: [("x", [576, 14, 14])])
        try f.add("pw", GraphFixture.conv(64, 1), ["x"])
        let vector = Compiler.vectorTarget(target)
        let planned = try Pipeline.run(f.graph) { KernelSelection.scratchFloats($0, in: $1, target: vector) }
        let tiles = try #require(KernelSelection.convPlan(planned.graph.nodes[1], in: planned.graph, target: vector)?.channelTiling)
        #expect(tiles.rowTasks > 1, "\(tiles.blocks) blocks, \(tiles.rowTasks) row tasks")
        let source = ModelEmitter.emit(planned, options: CodegenOptions(vector: vector)).source
        let lines = source.split(separator: "\n")
        let rows = try #require(lines.firstIndex { $0.contains("for (int64_t rg = 0; rg < \(tiles.rowTasks); rg++)") })
        let blocks = try #require(lines.firstIndex { $0.contains("for (int64_t blk = 0; blk < \(tiles.blocks); blk++)") })
        #expect((rows < blocks) == (target == .x86_64_v3), "row groups outer: \(rows < blocks)")
    }

    /// The depthwise-direct kernel (AVX2) keeps its values in registers in its loop over the
    /// columns inside a band, for 3x3, 5x5 (with a SiLU epilogue, run over the band after its
    /// tiles) and 7x7 windows, and 3x3 and 5x5 (SiLU) windows of stride 2: at most one spill or reload (not counting reloads folded into an
    /// FMA) per 8 of the tile's FMAs. clang 14 leaves a few (it loads a tap's vectors ahead of
    /// the previous tap's FMAs); without the barrier before each input row it loaded a 3x3
    /// conv's 9 weights once per plane and spilled the input vectors instead (203 stack
    /// accesses in MobileNetV2's first depthwise kernel), and with the SiLU on the accumulators
    /// it kept the math's constants across the loop (31 spills and 59 reloads for 200 FMAs).
    @Test func depthwiseDirectTilesKeepTheirValuesInRegisters() throws {
        let windows: [(k: Int, stride: Int, [EpilogueStep])] = [
            (3, 1, [.activation(.relu)]), (5, 1, [.activation(Activation(.silu))]), (7, 1, []), (3, 2, [.activation(.relu)]),
            (5, 2, [.activation(Activation(.silu))]),
        ]
        for (k, stride, epilogue) in windows {
            // 56 output columns: tiles at 16 and 32 inside the row, a loop over them.
            var f = GraphFixture(name: "dw", inputs: [("x", [16, 28, 56 * stride])])
            try f.add("pre", .activation(.relu), ["x"])
            try f.add("dw", GraphFixture.conv(16, k, stride: stride, pad: k / 2, groups: 16, epilogue: epilogue), ["pre"])
            let (source, remarks) = try Self.spillsInLoop(f.graph, target: .x86_64_v3, loop: "for (int64_t c0 = 16; c0 < ")
            #expect(source.contains("depthwise-direct: tiles of 4 rows x 2 vectors of 8 columns"), "\(k)x\(k) stride \(stride)")
            func count(_ what: String) -> Int {
                remarks.reduce(0) { sum, remark in
                    let words = remark.split(separator: " ")
                    let at = words.indices.dropFirst().filter { words[$0] == what && words[$0 - 1] != "folded" }
                    return sum + at.compactMap { Int(words[$0 - 1]) }.reduce(0, +)
                }
            }
            let fmas = 4 * 2 * k * k
            #expect(count("spills") + count("reloads") <= fmas / 8, "\(k)x\(k) stride \(stride): \(remarks.joined(separator: "\n"))")
        }
    }

    /// The FMA probe that `bench --layers` divides by keeps all its accumulators in registers on
    /// each target (24 accumulators spilled on AVX2's 16 registers and reported half its peak).
    @Test(arguments: targets)
    func fmaProbeDoesNotSpill(target: TargetCPU) throws {
        var f = GraphFixture(name: "probe", inputs: [("x", [4, 8, 8])])
        try f.add("c", GraphFixture.conv(4, 1), ["x"])
        let vector = Compiler.vectorTarget(target)
        let (source, spills) = try Self.spillsInLoop(f.graph, target: target, loop: "for (int64_t i = 0; i < chunk; i++)")
        #expect(spills.isEmpty, "\(spills.joined(separator: "\n"))")
        #expect(source.contains("a\(vector.registers >= 32 ? 23 : 11) = a"), "the probe's accumulators")
    }

    /// Plans `graph` for `target`, compiles its C with the library's flags and LLVM's register
    /// allocation remarks, and returns the C with the spill and reload remarks on the line after
    /// the first one containing `loop` (the loop's body).
    static func spillsInLoop(_ graph: Graph, target: TargetCPU, loop: String) throws -> (source: String, spills: [Substring]) {
        let (source, _, remarks) = try compile(graph, target: target)
        let lines = source.split(separator: "\n", omittingEmptySubsequences: false)
        let loopLine = try #require(lines.firstIndex { $0.contains(loop) }) + 1
        let spills = remarks.split(separator: "\n").filter {
            $0.contains("model.c:\(loopLine):") && ($0.contains("spills") || $0.contains("reloads"))
        }
        return (source, spills)
    }

    /// The channel-tile reduction loops of a compiled source (over a chunk's input channels,
    /// reading `xi`): how many there are, and the spill or reload remarks on any of them.
    static func channelTileReductionSpills(
        _ build: (source: String, disassembly: String, remarks: String)
    ) -> (
        loops: Int, spills: [Substring]
    ) {
        let lines = build.source.split(separator: "\n", omittingEmptySubsequences: false)
        let loopLines = lines.indices.dropLast().filter {
            lines[$0].contains("for (int64_t c = c0; c < c1; c++)") && lines[$0 + 1].contains("const float *restrict xi")
        }.map { $0 + 1 }
        let spills = build.remarks.split(separator: "\n").filter { remark in
            loopLines.contains { remark.contains("model.c:\($0):") } && (remark.contains("spills") || remark.contains("reloads"))
        }
        return (loopLines.count, spills)
    }

    /// Plans `graph` for `target` and compiles its C with the library's flags and LLVM's register
    /// allocation remarks: the C, the object's disassembly and the remarks.
    static func compile(_ graph: Graph, target: TargetCPU) throws -> (source: String, disassembly: String, remarks: String) {
        let vector = Compiler.vectorTarget(target)
        let planned = try Pipeline.run(graph) { KernelSelection.scratchFloats($0, in: $1, target: vector) }
        let model = ModelEmitter.emit(planned, options: CodegenOptions(vector: vector))
        let dir = TemporaryDirectory()
        let source = dir.write("model.c", model.source)
        // The weights' bytes do not matter to the code, only that the `.incbin` finds the file.
        FileManager.default.createFile(atPath: dir.path(model.weightsFileName), contents: nil)
        let toolchain = try Toolchain.find()
        let flags =
            ["-std=c11", "-O3", "-fopenmp", "-fPIC", "-fno-math-errno", "-c", "-Rpass-missed=regalloc"] + toolchain.optimizationFlags
            + Toolchain.targetFlags(target)
        let build = try runProcess(toolchain.compiler, flags + ["-o", dir.path("model.o"), source], cwd: dir.url.path)
        #expect(build.status == 0, "\(build.stderr)")
        let disassembly = try runProcess("/usr/bin/env", ["objdump", "-d", "--no-show-raw-insn", dir.path("model.o")])
        #expect(disassembly.status == 0)
        return (model.source, disassembly.stdout, build.stderr)
    }

    /// A global average pool over small planes (1152 x 7 x 7, EfficientNet-B0's last SE pools) sums
    /// along each plane in vectors: clang once vectorised the loop over planes instead, with a
    /// gather per value, 3.3x slower (`laneFold` keeps its loop over whole vectors a loop).
    @Test(arguments: targets)
    func smallPlanePoolHasNoGathers(target: TargetCPU) throws {
        var f = GraphFixture(name: "pool", inputs: [("x", [1152, 7, 7])])
        try f.add("gap", .globalPool(.average), ["x"])
        let (source, disassembly, _) = try Self.compile(f.graph, target: target)
        let keptALoop = source.contains("#pragma clang loop unroll(disable)")
        #expect(keptALoop, "the loop over whole vectors is not marked unroll(disable)")
        let gathers = disassembly.split(separator: "\n").filter { $0.contains("gather") }
        #expect(gathers.isEmpty, "\(gathers.prefix(4).joined(separator: "\n"))")
    }

    /// A max pool fused into a conv (the Keras MNIST CNN's first layer: 25 3x3 filters on 28x28,
    /// relu, a 2x2 pool to 13 columns) pools whole vectors of pooled columns, the relu applied to
    /// the vectors it loads: no scalar `cnnc_maxf` fold, no in-place relu pass over the tile buffer.
    /// (On the 4-lane target its last vector would read past the tiles the chunk wrote, so the
    /// scalar fold stays there.)
    @Test(arguments: [TargetCPU.x86_64_v4, .x86_64_v3])
    func fusedPoolRunsInVectors(target: TargetCPU) throws {
        var f = GraphFixture(name: "fused", inputs: [("x", [1, 28, 28])])
        try f.add("conv", GraphFixture.conv(25, 3, epilogue: [.activation(.relu)]), ["x"])
        try f.add("pool", GraphFixture.pool(.max, 2), ["conv"])
        let (source, _, _) = try Self.compile(f.graph, target: target)
        #expect(source.contains("__builtin_shufflevector(s0, s1, 0, 2, 4"), "no vector pool")
        #expect(!source.contains("cnnc_maxf(acc"), "a scalar max fold is left")
        #expect(!source.contains("rows[i] = v"), "an in-place activation pass is left")
    }

    /// Row Winograd's pooled buffer holds each conv row's output columns only (not whole tiles),
    /// so a pool fused there keeps the scalar fold, which reads nothing else.
    @Test(arguments: targets)
    func rowWinogradPoolKeepsTheScalarFold(target: TargetCPU) throws {
        let name = "conv3x3_winograd_maxpool"
        #expect(try GoldenCase.convPlan(name, target: Compiler.vectorTarget(target)).winogradRows != nil, "\(name) runs as row Winograd")
        let graph = try Compiler.load(TestPaths.repo("Tests/Goldens/ops/\(name)/net.json"))
        let (source, _, _) = try Self.compile(graph, target: target)
        #expect(source.contains("cnnc_maxf(acc"), "no scalar max fold")
        #expect(!source.contains("__builtin_shufflevector(s0, s1"), "a vector pool reads the row Winograd buffer")
    }

    /// A position-tile conv whose input exceeds L2 (`conv1x1_chunks_outer`: 555 KB) runs its tasks
    /// chunk by chunk on AVX2 (every block of output channels of a chunk of positions before the
    /// next chunk) and block by block on AVX-512, whose threshold is unset; a small one
    /// (`conv1x1_registers_relu6_tail`) block by block on both, but a strided 1x1 conv
    /// (`conv1x1_stride2_phase_shuffles`: 51 KB) chunk by chunk on AVX2
    /// (`positionTileStrided1x1ChunksOuter`). Their goldens check the sums either way.
    @Test(arguments: [TargetCPU.x86_64_v4, .x86_64_v3])
    func largeInputsRunChunkByChunkOnAVX2(target: TargetCPU) throws {
        func order(_ name: String) throws -> (chunksOuter: Bool, blocksOuter: Bool) {
            #expect(try GoldenCase.convPlan(name, target: Compiler.vectorTarget(target)).positionTileKernel != nil, "\(name)")
            let graph = try Compiler.load(TestPaths.repo("Tests/Goldens/ops/\(name)/net.json"))
            let source = try Self.compile(graph, target: target).source
            return (
                source.contains(#/for \(int64_t ch = 0; ch < \d+; ch\+\+\) \{\s*for \(int64_t blk = 0/#),
                source.contains(#/for \(int64_t blk = 0; blk < \d+; blk\+\+\) \{\s*for \(int64_t ch = 0/#)
            )
        }
        let large = try order("conv1x1_chunks_outer")
        #expect(large.chunksOuter == (target == .x86_64_v3) && large.blocksOuter == (target == .x86_64_v4), "\(large)")
        let small = try order("conv1x1_registers_relu6_tail")
        #expect(!small.chunksOuter && small.blocksOuter, "\(small)")
        let strided = try order("conv1x1_stride2_phase_shuffles")
        #expect(strided.chunksOuter == (target == .x86_64_v3) && strided.blocksOuter == (target == .x86_64_v4), "\(strided)")
    }

    /// Position-tile reductions prefetch per target (`ConvThresholds`). On AVX2 a 1x1 conv over
    /// many channels (`conv1x1_chunks_outer`: 480 channels, 555 KB) packs each chunk of input
    /// (`TiledConvEmitter.packedChunks`) and its reduction reads the packed runs, so it
    /// prefetches no input lines of its own chunk and, its weights fitting in L2, not the next
    /// block's weights; its input being larger than L2, each step prefetches the lines of the
    /// next chunk that the next pack copies (`TiledConvEmitter.nextChunkPrefetch`, clamped to the
    /// channel's last tile). AVX-512 reads the input in place with the weight prefetch. A 3x3 stride-2 conv of 64 channels on
    /// 40x40 (400 KB), which packs nowhere, prefetches its input lines 8 channels ahead on AVX2
    /// only; a short reduction (`conv1x1_registers_relu6_tail`: 24 channels) prefetches no input
    /// anywhere. On AVX2 a residual added in registers (`conv1x1_registers_bn_residual`) is
    /// prefetched before each whole tile's reduction. The goldens of these cases check the sums
    /// either way, and `otherTargetsMatchPyTorch` runs them on x86-64-v3 on every host.
    @Test(arguments: [TargetCPU.x86_64_v4, .x86_64_v3])
    func positionTileReductionsPrefetchPerTarget(target: TargetCPU) throws {
        let vector = Compiler.vectorTarget(target)
        func source(_ graph: Graph) throws -> String {
            let planned = try Pipeline.run(graph) { KernelSelection.scratchFloats($0, in: $1, target: vector) }
            return ModelEmitter.emit(planned, options: CodegenOptions(vector: vector)).source
        }
        func source(_ name: String) throws -> String {
            #expect(try GoldenCase.convPlan(name, target: vector).positionTileKernel != nil, "\(name)")
            return try source(try Compiler.load(TestPaths.repo("Tests/Goldens/ops/\(name)/net.json")))
        }
        let large = try source("conv1x1_chunks_outer")
        let packs = #/if \(pkc != \(b \+ g\) \* 10 \+ ch\) \{/#
        #expect(large.contains(packs) == (target == .x86_64_v3))
        #expect(large.contains("xi = pk + (tt - q0) * 480 + c * 16;") == (target == .x86_64_v3))
        #expect(!large.contains("__builtin_prefetch(xp"))
        #expect(large.contains("__builtin_prefetch(wi + ") == (target == .x86_64_v4))
        let nextChunk =
            #/xn = xs \+ c \* (\d+) \+ cnnc_min\(tt \+ \(q1 - q0\), (\d+)\);\s*__builtin_prefetch\(xn, 0, 2\);\s*__builtin_prefetch\(xn \+ 15, 0, 2\);/#
        let next = large.firstMatch(of: nextChunk)
        #expect((next != nil) == (target == .x86_64_v3))
        if let next { #expect(Int(next.output.2)! == Int(next.output.1)! - 16) }
        // 64 channels on 28x28 (200 KB, within half the L2): packed, with no next-chunk prefetch.
        var within = GraphFixture(name: "within", inputs: [("x", [64, 28, 28])])
        try within.add("c1x1", GraphFixture.conv(48, 1), ["x"])
        let inL2 = try source(within.graph)
        #expect(inL2.contains("xi = pk + (tt - q0) * 64 + c * ") == (target == .x86_64_v3))
        #expect(!inL2.contains("xn = "))
        // 144 -> 32 on 28x28 (451 KB, 6 blocks of 6 outputs, MobileNetV2's) prefetches the next
        // chunk on AVX2; 144 -> 64 (11 blocks) does not.
        for (outputs, prefetches) in [(32, true), (64, false)] {
            var wide = GraphFixture(name: "wide", inputs: [("x", [144, 28, 28])])
            try wide.add("c1x1", GraphFixture.conv(outputs, 1), ["x"])
            let packed = try source(wide.graph)
            #expect(packed.contains("xi = pk + (tt - q0) * 144 + c * ") == (target == .x86_64_v3))
            #expect(packed.contains(nextChunk) == (prefetches && target == .x86_64_v3), "\(outputs) outputs")
        }
        // (30x30 outputs: on AVX2 channel tiles take such a conv onto 28x28 or smaller.)
        var f = GraphFixture(name: "strided", inputs: [("x", [64, 60, 60])])
        try f.add("c3x3", GraphFixture.conv(64, 3, stride: 2, pad: 1, epilogue: [.activation(.relu)]), ["x"])
        let strided = try source(f.graph)
        #expect(try #require(KernelSelection.convPlan(f.graph.nodes[1], in: f.graph, target: vector)).positionTileKernel != nil)
        #expect(!strided.contains("pkc"))
        // Rows c + 8 of this tile, the last 8 rows wrapping to the next tile's first.
        let rowsAhead = #/xp = xs \+ tt \+ \(\(c \+ 8 < 64 \? \(c \+ 8\) \* \d+ : \d+ \+ \(c \+ 8 - 64\) \* \d+\)\);/#
        #expect(strided.contains(rowsAhead) == (target == .x86_64_v3))
        #expect(strided.contains("__builtin_prefetch(xp, 0, 3);") == (target == .x86_64_v3))
        let short = try source("conv1x1_registers_relu6_tail")
        #expect(!short.contains("__builtin_prefetch(xp"))
        let residual = try source("conv1x1_registers_bn_residual")
        #expect(residual.contains(#/if \(tt \+ \d+ <= q1\) \{\s*__builtin_prefetch\(in\d \+ /#) == (target == .x86_64_v3))
    }

    /// Channel tiles of a conv with taps (`conv3x3_stride2_channel_row_tails`: 3x3 stride-2 convs
    /// onto 14x14 and 7x7) on AVX2 take 5 positions x 2 vectors with a narrower tile at each row's
    /// end (`ChannelTiling.rowTails`: 5 + 5 + 4 and 5 + 2), where tiles that divide the row were 2
    /// x 4 and 7 x 1. The reduction loops do not spill, in a conv small enough for a one-thread
    /// copy of its loops as well (32 -> 32 channels onto 7x7, 0.9 MFLOP), where clang once kept
    /// broadcasts across taps. AVX-512 keeps tiles that divide the row.
    /// `otherTargetsMatchPyTorch` runs the golden on x86-64-v3 on every host.
    @Test(arguments: [TargetCPU.x86_64_v4, .x86_64_v3])
    func channelTilesEndRowsWithNarrowerTilesOnAVX2(target: TargetCPU) throws {
        let vector = Compiler.vectorTarget(target)
        func convs(_ graph: Graph) throws -> (Graph, [Node]) {
            let planned = try Compiler.plan(graph)
            return (planned.graph, planned.graph.nodes.filter { if case .conv = $0.op { return true } else { return false } })
        }
        let graph = try Compiler.load(TestPaths.repo("Tests/Goldens/ops/conv3x3_stride2_channel_row_tails/net.json"))
        let (planned, nodes) = try convs(graph)
        #expect(nodes.count == 2)
        for (conv, tail) in zip(nodes, [4, 2]) {
            let ct = KernelSelection.convPlan(conv, in: planned, target: vector)?.channelTiling
            if target == .x86_64_v3 {
                #expect(
                    ct?.p == 5 && ct?.ocv == 2 && ct?.rowTails == true && ct?.rowTail == tail, "\(conv.name): \(String(describing: ct))")
            } else {
                #expect(ct.map { !$0.rowTails && $0.base.outW % $0.p == 0 } ?? true, "\(conv.name): \(String(describing: ct))")
            }
        }
        var f = GraphFixture(name: "small", inputs: [("x", [32, 14, 14])])
        try f.add("c", GraphFixture.conv(32, 3, stride: 2, pad: 1, epilogue: [.activation(.relu)]), ["x"])
        for built in [try Self.compile(graph, target: target), try Self.compile(f.graph, target: target)] {
            let (loops, spills) = Self.channelTileReductionSpills(built)
            #expect(loops >= (target == .x86_64_v3 ? 4 : 0))
            #expect(spills.isEmpty, "\(spills.joined(separator: "\n"))")
            #expect(built.source.contains("(and 2 at each row's end)") == (target == .x86_64_v3))
        }
    }

    /// Channel tiles over an input larger than AVX2's L2 (1088 channels of 11x11: 527 KB, which
    /// every block of output channels reads again) prefetch each step's input row a line ahead,
    /// clamped to the sample's input; with 512 channels (248 KB), or on AVX-512, they do not. The
    /// C compiles, and the reduction loops do not spill. (ResNet-50 and DenseNet-121,
    /// whose 14x14 layers take this path on AVX2, run against PyTorch in `ZooTests`.)
    @Test(arguments: [TargetCPU.x86_64_v4, .x86_64_v3])
    func largeChannelTileInputsPrefetchALineAheadOnAVX2(target: TargetCPU) throws {
        func compiled(channels: Int) throws -> String {
            let net = """
                {"version": 1, "name": "wide", "inputs": [{"name": "x", "shape": [\(channels), 11, 11]}],
                 "layers": [{"name": "conv", "op": "conv2d", "filters": 64, "kernel": 1, "activation": "relu"}]}
                """
            return try Self.channelTiledSource(net, seed: 5, target: target, "\(channels) channels of 11x11") ?? ""
        }
        let large = try compiled(channels: 1088)
        #expect(large.contains("__builtin_prefetch(xs + cnnc_min(ow0 + c * 121 + 16, 131647 - oh * 11), 0, 3);") == (target == .x86_64_v3))
        let small = try compiled(channels: 512)
        #expect(!small.contains("__builtin_prefetch(xs + cnnc_min("))
        // A 1x1 conv's steps prefetch the next chunk's weights on both targets.
        #expect(large.contains("__builtin_prefetch(wi + ") && small.contains("__builtin_prefetch(wi + "))
    }

    /// The channel tiles of a conv with more than one tap prefetch nothing on AVX2, where the
    /// prefetches cost the 3x3 stride-2 convs load slots (`ConvThresholds.channelTilesPrefetchWithTaps`),
    /// and the next chunk's weights on AVX-512: ResNet-50's layer4.0.conv2 (512 channels of
    /// 14x14 onto 7x7) on both, and on AVX2 its layer3.0.conv2 (256 of 28x28, 800 KB), whose input
    /// would be prefetched as well. The reduction loops do not spill.
    @Test(arguments: [TargetCPU.x86_64_v4, .x86_64_v3])
    func channelTilesWithTapsPrefetchOnlyOnAVX512(target: TargetCPU) throws {
        let shapes = target == .x86_64_v3 ? [(512, 14), (256, 28)] : [(512, 14)]
        for (channels, side) in shapes {
            let net = """
                {"version": 1, "name": "down", "inputs": [{"name": "x", "shape": [\(channels), \(side), \(side)]}],
                 "layers": [{"name": "conv", "op": "conv2d", "filters": \(channels), "kernel": 3, "stride": 2,
                             "padding": 1, "activation": "relu"}]}
                """
            guard
                let source = try Self.channelTiledSource(net, seed: 6, target: target, "\(channels) channels of \(side)x\(side), stride 2")
            else { continue }
            #expect(source.contains("__builtin_prefetch(wi + ") == (target == .x86_64_v4))
            #expect(!source.contains("__builtin_prefetch(xs + "))
            if target == .x86_64_v3 { #expect(!source.contains("__builtin_prefetch")) }
        }
    }

    /// The C of the one-conv description `net` (seeded weights) for `target`, or nil (and an
    /// issue naming `what`) where the conv does not run as channel tiles; its reduction loops (over
    /// a chunk's input channels, reading `xi`) compile with no spill or reload remarks.
    static func channelTiledSource(_ net: String, seed: UInt64, target: TargetCPU, _ what: String) throws -> String? {
        let dir = TemporaryDirectory()
        let graph = try Compiler.load(dir.write("net.json", net), seeded: SeededWeights(seed: seed))
        let planned = try Compiler.plan(graph)
        let conv = try #require(planned.graph.nodes.first { if case .conv = $0.op { return true } else { return false } })
        let plan = try #require(KernelSelection.convPlan(conv, in: planned.graph, target: Compiler.vectorTarget(target)))
        guard case .channelTiles = plan else {
            Issue.record("\(what) should run as channel tiles on \(target)")
            return nil
        }
        let build = try compile(graph, target: target)
        let (loops, spills) = channelTileReductionSpills(build)
        #expect(loops > 0)
        #expect(spills.isEmpty, "\(spills.joined(separator: "\n"))")
        return build.source
    }
}
