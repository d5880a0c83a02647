import CNNCodegenC
import CNNCompiler
import CNNNumPy
import CNNRuntime
import CNNTestSupport
import CNNToolchain
import Foundation
import Testing

/// Libraries holding the kernels of several x86-64 targets, chosen when loaded from the CPU's
/// features, and the refusal of a library whose code the CPU cannot run. Everything here holds
/// on any x86-64 host: what is checked against the host is derived from the host's own flags,
/// and the refusal uses a feature no CPU has (`CompileOptions.extraRequiredFeatures`).
@Suite struct TargetDispatchTests {
    /// A feature name no CPU reports: code that "needs" it runs nowhere.
    static let impossible = "cnnc_test_feature_no_cpu_has"
    static let cases = ["conv3x3_winograd_bn_residual", "conv1x1_registers_bn_residual", "net_mini_inception"]

    func expectGoldens(_ model: CompiledModel, _ name: String) throws {
        let c = try #require(GoldenCase.all.first { $0.name == name })
        let inputs = try c.files("input").map(loadNPY)
        let expected = try c.files("output").map(loadNPY)
        let outputs = try model.run(inputs.map(\.values), batch: inputs[0].shape[0])
        #expect(outputs.count == expected.count)
        for (k, (actual, want)) in zip(outputs, expected).enumerated() {
            let mismatch = Mismatch.find(actual, want.values, atol: c.atol, rtol: c.rtol)
            #expect(mismatch == nil, "\(name) output \(k): \(mismatch?.description ?? "")")
        }
    }

    /// `x86-64-v3,x86-64-v4` and `portable`: one library that runs the AVX-512 code on an AVX-512
    /// host and the AVX2 code on an AVX2 host, matching PyTorch's outputs either way.
    @Test(arguments: cases, ["x86-64-v3,x86-64-v4", "portable"])
    func multiTargetLibraryChoosesByCPUAndMatchesGoldens(_ name: String, _ targets: String) throws {
        var options = CompileOptions()
        options.targets = try TargetList.parse(targets)
        let c = try #require(GoldenCase.all.first { $0.name == name })
        let model = try CompiledModel(net: c.net, options: options)
        let expected: TargetCPU = HostCPU.hasAVX512 ? .x86_64_v4 : HostCPU.hasAVX2 ? .x86_64_v3 : .generic
        if targets == "portable" || expected != .generic {
            #expect(model.library.requiredCPUFeatures == expected.requiredFeatures, "the dispatcher chose another target's code")
        }
        try expectGoldens(model, name)
    }

    /// When the CPU lacks a feature of the first target, the next target's code runs: here the
    /// AVX-512 code "needs" a feature no CPU has, so every host falls back past it.
    @Test func dispatchFallsBackToTheNextTarget() throws {
        var options = CompileOptions()
        options.targets = TargetList.portable
        options.extraRequiredFeatures[.x86_64_v4] = [Self.impossible]
        let name = "conv3x3_winograd_bn_residual"
        let model = try CompiledModel(net: try #require(GoldenCase.all.first { $0.name == name }).net, options: options)
        #expect(model.library.requiredCPUFeatures == (HostCPU.hasAVX2 ? TargetCPU.x86_64_v3.requiredFeatures : []))
        try expectGoldens(model, name)
    }

    /// A library whose code needs a feature this CPU lacks is refused when loaded, naming the
    /// feature; its C entry point `create` refuses with CNNC_ERROR_UNSUPPORTED_CPU (a C app that
    /// skips the descriptor check never reaches the code). Single- and multi-target libraries.
    @Test(arguments: [[TargetCPU.generic], [.x86_64_v3, .generic]])
    func libraryForMissingFeaturesIsRefusedByName(_ targets: [TargetCPU]) throws {
        var options = CompileOptions()
        options.targets = targets
        for target in targets { options.extraRequiredFeatures[target] = [Self.impossible] }
        let dir = TemporaryDirectory()
        let path = dir.path("refused.so")
        let net = try #require(GoldenCase.all.first { $0.name == "conv2d_default" }).net
        _ = try Compiler.compile(netPath: net, output: path, options: options)
        let required = TargetCPU.generic.requiredFeatures + [Self.impossible]
        #expect(throws: RuntimeError.unsupportedCPU(path, missing: [Self.impossible], required: required)) { try ModelLibrary(path: path) }
        let message = RuntimeError.unsupportedCPU(path, missing: [Self.impossible], required: required).description
        #expect(message.contains("got one without \(Self.impossible)"), "\(message)")

        // The C API: create refuses, and says why.
        let handle = try #require(dlopen(path, RTLD_NOW | RTLD_LOCAL))
        defer { dlclose(handle) }
        let prefix = Namer.sanitize(try Compiler.load(net).name)
        typealias Create = @convention(c) (Int64, Int32, UnsafeMutablePointer<OpaquePointer?>?) -> Int32
        typealias Message = @convention(c) (Int32) -> UnsafePointer<CChar>?
        let create = unsafeBitCast(try #require(dlsym(handle, prefix + "_create")), to: Create.self)
        let statusMessage = unsafeBitCast(try #require(dlsym(handle, prefix + "_status_message")), to: Message.self)
        var context: OpaquePointer?
        #expect(create(1, 1, &context) == 3, "CNNC_ERROR_UNSUPPORTED_CPU")
        #expect(context == nil)
        let text = String(cString: try #require(statusMessage(3)))
        #expect(text.contains(Self.impossible), "\(text)")
    }

    /// `--emit-c` writes one C file, so with several targets it is an error before anything is
    /// built or written.
    @Test func emitCTakesOneTarget() throws {
        var options = CompileOptions()
        options.targets = TargetList.portable
        let dir = TemporaryDirectory()
        options.sourcePath = dir.path("model.c")
        let net = try #require(GoldenCase.all.first { $0.name == "conv2d_default" }).net
        #expect {
            _ = try Compiler.compile(netPath: net, output: dir.path("lib.so"), options: options)
        } throws: { error in
            "\(error)".contains("expected one --target with --emit-c, got 3")
        }
        #expect(!FileManager.default.fileExists(atPath: dir.path("lib.so")))
        #expect(!FileManager.default.fileExists(atPath: dir.path("model.c")))
    }

    /// The runtime's check against a made-up CPU: which features are missing, in order.
    @Test func featureCheckAgainstAFakeCPU() {
        let avx2Host = CPUFeatures.parse(
            cpuinfo: "processor\t: 0\nflags\t\t: fpu sse2 avx avx2 fma bmi1 bmi2\n\nprocessor\t: 1\nflags\t\t: fpu\n")
        #expect(avx2Host == ["fpu", "sse2", "avx", "avx2", "fma", "bmi1", "bmi2"])
        #expect(CPUFeatures.missing(TargetCPU.x86_64_v3.requiredFeatures, available: avx2Host).isEmpty)
        #expect(
            CPUFeatures.missing(TargetCPU.x86_64_v4.requiredFeatures, available: avx2Host) == [
                "avx512f", "avx512bw", "avx512cd", "avx512dq", "avx512vl",
            ])
        #expect(CPUFeatures.missing(TargetCPU.x86_64_v3.requiredFeatures, available: ["avx", "avx2"]) == ["fma", "bmi1", "bmi2"])
        let armHost = CPUFeatures.parse(cpuinfo: "processor\t: 0\nBogoMIPS\t: 50.00\nFeatures\t: fp asimd evtstrm aes\n")
        #expect(armHost.contains("asimd"))
        #expect(CPUFeatures.missing(TargetCPU.aarch64.requiredFeatures, available: armHost).isEmpty)
        // This host: its own level is never missing.
        #expect(CPUFeatures.missing(TargetCPU.native.requiredFeatures, available: CPUFeatures.host).isEmpty)
    }

    /// `--target` lists: presets, order (most demanding first), and the refusals.
    @Test func targetListParsing() throws {
        #expect(try TargetList.parse("native") == [.native])
        #expect(try TargetList.parse("x86-64-v3,x86-64-v4") == [.x86_64_v4, .x86_64_v3])
        #expect(try TargetList.parse("portable") == [.x86_64_v4, .x86_64_v3, .generic])
        #expect(try TargetList.parse("aarch64") == [.aarch64])
        for bad in [
            "", "x86-64-v5", "x86-64-v3,x86-64-v3", "portable,generic", "native,generic", "aarch64,x86-64-v3", "aarch64,aarch64-generic",
        ] {
            #expect(throws: ToolchainError.self, "\(bad)") { try TargetList.parse(bad) }
        }
    }

    /// The dispatcher is deterministic C naming each target's entry point, most demanding first.
    @Test func dispatcherSource() {
        let variants = [
            DispatchEmitter.Variant(prefix: "m_v4", requiredFeatures: TargetCPU.x86_64_v4.requiredFeatures),
            DispatchEmitter.Variant(prefix: "m_generic", requiredFeatures: []),
        ]
        let source = DispatchEmitter.emit(prefix: "m", variants: variants)
        #expect(source == DispatchEmitter.emit(prefix: "m", variants: variants))
        #expect(
            source.contains(
                "if (__builtin_cpu_supports(\"avx\") && __builtin_cpu_supports(\"avx2\") && __builtin_cpu_supports(\"fma\") && __builtin_cpu_supports(\"bmi\")"
            ))
        #expect(source.contains("return m_generic_cnnc_model();\n}"))
        #expect(source.contains("CNNC_EXPORT const cnnc_model_desc *m_cnnc_model(void) { return chosen(); }"))
    }
}
