import CNNCodegenC
import CNNCompiler
import CNNFrontend
import CNNIR
import CNNTestSupport
import CNNToolchain
import Foundation
import Testing

/// A large model's C is split into translation units compiled by parallel clang processes
/// (`SplitSource`, `cnnc compile --jobs`). The split must be deterministic, hold every kernel
/// exactly once with the text of the one-unit source, and give a library that computes the
/// same bits as the one-unit build (`scripts/replay-c.sh` compares the one-unit C; this compares
/// the libraries' outputs).
@Suite struct SplitUnitsTests {
    /// Convs of several shapes (3x3, 1x1, strided, depthwise) and a pool: kernels of different sizes.
    static func mixedNet() throws -> Graph {
        var f = GraphFixture(inputs: [("x", [3, 20, 20])])
        let relu: [EpilogueStep] = [.activation(Activation(.relu))]
        try f.add("c1", GraphFixture.conv(16, 3, pad: 1, epilogue: relu), ["x"])
        try f.add("c2", GraphFixture.conv(16, 3, pad: 1, epilogue: relu), ["c1"])
        try f.add("p1", GraphFixture.pool(.max, 2), ["c2"])
        try f.add("c3", GraphFixture.conv(24, 1, epilogue: relu), ["p1"])
        try f.add("c4", GraphFixture.conv(24, 3, stride: 2, pad: 1), ["c3"])
        try f.add("c5", GraphFixture.conv(24, 3, pad: 1, groups: 24, epilogue: relu), ["c4"])
        try f.add("c6", GraphFixture.conv(10, 1), ["c5"])
        return f.graph
    }

    static func definitions(_ text: String) -> [String] {
        text.split(separator: "\n").filter {
            $0.hasPrefix("static void k") || $0.hasPrefix("__attribute__((visibility(\"hidden\"))) void k")
        }
        .map { String($0) }
    }

    @Test(arguments: [VectorTarget.avx2, .avx512, .sse, .scalar])
    func everyKernelOnceWithItsOwnText(_ target: VectorTarget) throws {
        let planned = try Compiler.plan(try Self.mixedNet())
        var options = CodegenOptions(vector: target)
        options.splitBytesPerUnit = 1
        let model = ModelEmitter.emit(planned, options: options)
        let split = try #require(model.split)
        let defined = Self.definitions(model.source).filter { $0.hasSuffix("{") }
        #expect(defined.count >= 5, "\(defined)")
        // One unit per kernel (a unit for each at 1 byte a unit, at most the cap).
        #expect(split.kernelUnits.count == min(defined.count, ModelEmitter.maxSplitUnits))
        // The main unit defines no kernel and declares each; every kernel unit holds at least one.
        #expect(Self.definitions(split.main).allSatisfy { $0.hasSuffix(");") })
        #expect(Self.definitions(split.main).count == defined.count)
        #expect(split.main.contains(".incbin"))
        var seen: [String] = []
        for unit in split.kernelUnits {
            #expect(!unit.contains(".incbin"), "the weights are defined once, in the main unit")
            let here = Self.definitions(unit)
            #expect(!here.isEmpty)
            seen += here.map { String($0.dropFirst("__attribute__((visibility(\"hidden\")))".count)) }
        }
        #expect(seen.sorted() == defined.map { String($0.dropFirst("static".count)) }.sorted())
        // The kernels' text: each unit's kernels, with `static` for the hidden attribute, are in the one-unit source.
        for unit in split.kernelUnits {
            let body = unit[unit.range(of: "\n__attribute__((visibility(\"hidden\"))) void k")!.lowerBound...]
            let asStatic = body.replacingOccurrences(of: "\n__attribute__((visibility(\"hidden\"))) void k", with: "\nstatic void k")
            for kernel in asStatic.components(separatedBy: "\nstatic void k").dropFirst() {
                #expect(model.source.contains("\nstatic void k" + kernel))
            }
        }
        // Deterministic: the same planned graph gives the same units.
        #expect(ModelEmitter.emit(planned, options: options).split == split)
    }

    @Test func smallModelsAndAtLoadWeightsStayOneUnit() throws {
        var f = GraphFixture(inputs: [("x", [8, 12, 12])])
        try f.add("c1", GraphFixture.conv(8, 3, pad: 1), ["x"])
        #expect(ModelEmitter.emit(try Compiler.plan(f.graph), options: CodegenOptions(vector: .avx2)).split == nil, "one kernel: one unit")
        try f.add("c2", GraphFixture.conv(8, 1), ["c1"])
        #expect(
            ModelEmitter.emit(try Compiler.plan(f.graph), options: CodegenOptions(vector: .scalar)).split == nil, "a few KB of C: one unit")
        var atLoad = CodegenOptions(vector: .avx2, winogradWeights: .atLoad)
        atLoad.splitBytesPerUnit = 1
        #expect(ModelEmitter.emit(try Compiler.plan(try Self.mixedNet()), options: atLoad).split == nil)
    }

    static func input(_ count: Int) -> [Float] {
        (0..<count).map { Float(($0 * 7919) % 2001) / 1000 - 1 }
    }

    /// The split library (units compiled by two processes at once) and the one-unit library
    /// give the same bits, for the host's target and for AVX2 named explicitly.
    @Test(arguments: [TargetCPU.native, .x86_64_v3, .generic])
    func splitLibraryComputesTheSameBits(_ target: TargetCPU) throws {
        let graph = try Self.mixedNet()
        var one = CompileOptions()
        one.target = target
        one.jobs = 1
        one.splitBytesPerUnit = 1
        var split = one
        split.jobs = 2
        let whole = try CompiledModel(graph: graph, options: one)
        let parts = try CompiledModel(graph: graph, options: split)
        let units = try #require(parts.result.generated.split).kernelUnits.count + 1
        #expect(units > 2)
        #expect(whole.result.steps.first { $0.name == "C compiler" }?.note?.hasPrefix("1 unit") == true)
        #expect(
            parts.result.steps.first { $0.name == "C compiler" }?.note?.hasPrefix("\(units) units, 2 at a time") == true,
            "\(parts.result.steps)")
        #expect(parts.result.steps.contains { $0.name == "link" })
        let x = Self.input(3 * 20 * 20 * 2)
        for threads in [1, 2] {
            let a = try whole.run([x], batch: 2, threads: threads)[0]
            let b = try parts.run([x], batch: 2, threads: threads)[0]
            #expect(a.count == 2 * 10 * 5 * 5)
            #expect(a.map(\.bitPattern) == b.map(\.bitPattern))
        }
    }

    /// LeNet-5 (dense layers, softmax) with its real weights: split and one-unit libraries agree bit for bit.
    @Test func lenetSplitAndWholeAgree() throws {
        let net = TestPaths.repo("examples/lenet5/net.json")
        var one = CompileOptions()
        one.jobs = 1
        one.splitBytesPerUnit = 1
        var split = one
        split.jobs = 2
        let whole = try CompiledModel(net: net, options: one)
        let parts = try CompiledModel(net: net, options: split)
        #expect(parts.result.generated.split != nil)
        let x = try loadNPY(TestPaths.repo("examples/lenet5/input.npy")).values
        let batch = x.count / 1024
        let a = try whole.run([x], batch: batch)[0]
        let b = try parts.run([x], batch: batch)[0]
        #expect(a.count == batch * 10)
        #expect(a.map(\.bitPattern) == b.map(\.bitPattern))
    }

    /// One unit failing to compile fails the build with the compiler's message, stops the units
    /// not yet started, and leaves no library.
    @Test func aFailingUnitLeavesNoLibrary() throws {
        let dir = TemporaryDirectory()
        let clang = try Toolchain.find().compiler
        let wrapper = dir.write(
            "cc-failing-unit",
            """
            #!/bin/sh
            for a in "$@"; do case "$a" in *_2.c) echo "injected failure compiling $a" >&2; exit 1;; esac; done
            exec '\(clang)' "$@"

            """)
        chmod(wrapper, 0o755)
        var options = CompileOptions()
        options.cc = wrapper
        options.jobs = 2
        options.splitBytesPerUnit = 1
        let output = dir.path("lib.so")
        #expect {
            _ = try Compiler.compile(graph: try Self.mixedNet(), output: output, options: options)
        } throws: { error in
            "\(error)".contains("injected failure compiling") && "\(error)".contains("_2.c")
        }
        #expect(!FileManager.default.fileExists(atPath: output))
        #expect(Self.listing(dir.url.path) == ["cc-failing-unit"])
    }

    static func listing(_ path: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).sorted()
    }
}
