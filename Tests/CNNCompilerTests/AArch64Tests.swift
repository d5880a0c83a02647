import CNNCompiler
import CNNFrontend
import CNNNumPy
import CNNTestSupport
import CNNToolchain
import Foundation
import Testing

/// ARM64: libraries cross-compiled with `--target aarch64` (and `aarch64-generic`) by the
/// Debian cross gcc, run under `qemu-aarch64` by a cross-built C runner
/// (scripts/cross/npy_runner.c, which only loads the library and moves .npy files), and
/// compared here with the goldens: every op golden, and two full-size networks. QEMU checks
/// correctness only, never speed. scripts/ensure-cross-toolchain.sh installs what it needs.
enum AArch64 {
    static let sysroot = "/usr/aarch64-linux-gnu"
    static let qemu = "/usr/bin/qemu-aarch64"

    /// The runner, built once per test process.
    static let runner: Result<String, RunnerError> = {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("cnnc-aarch64-runner-\(getpid())").path
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let output = dir + "/npy_runner"
        do {
            let build = try runProcess(
                "/usr/bin/env",
                [
                    "aarch64-linux-gnu-gcc", "-std=c11", "-O2", "-I", TestPaths.repo("Runtime/CModelABI/include"),
                    "-o", output, TestPaths.repo("scripts/cross/npy_runner.c"), "-ldl",
                ])
            guard build.status == 0 else { return .failure(RunnerError(message: "building the runner failed: \(build.stderr)")) }
        } catch {
            return .failure(RunnerError(message: "\(error)"))
        }
        return .success(output)
    }()

    struct RunnerError: Error, CustomStringConvertible {
        var message: String
        var description: String { message + " (run scripts/ensure-cross-toolchain.sh)" }
    }

    /// Runs `library` (prefix `prefix`) on the input files under QEMU; returns the outputs.
    static func run(_ library: String, prefix: String, inputs: [String], outputCount: Int, in dir: TemporaryDirectory) throws -> [NPYArray]
    {
        let runner = try AArch64.runner.get()
        let outputs = (0..<outputCount).map { dir.path("out\($0).npy") }
        let result = try runProcess(qemu, ["-L", sysroot, runner, library, prefix] + inputs + ["--"] + outputs)
        try #require(result.status == 0, "qemu-aarch64 run failed: \(result.stderr)")
        return try outputs.map { try NPY.read(contentsOf: $0) }
    }

    /// Compiles `net` for `target` into `dir`, returning the library path (prefix "golden").
    static func compile(
        _ net: String, target: TargetCPU, options base: CompileOptions = CompileOptions(), in dir: TemporaryDirectory
    ) throws -> String {
        var options = base
        options.target = target
        options.prefix = "golden"
        let library = dir.path("model.so")
        _ = try Compiler.compile(netPath: net, output: library, options: options)
        return library
    }
}

@Suite struct AArch64Tests {
    /// Every op golden, compiled for NEON (`aarch64`, tiles planned for 32 4-lane registers),
    /// run under QEMU, against PyTorch's outputs.
    @Test(arguments: GoldenCase.all)
    func opGoldensMatchUnderQEMU(_ c: GoldenCase) throws {
        try check(c, target: .aarch64)
    }

    /// The plain-C ARM64 target on the cases with convs and whole small networks.
    @Test(
        arguments: GoldenCase.all.filter {
            $0.name.hasPrefix("net_") || $0.name.hasPrefix("conv3x3_winograd_tile") || $0.name.hasPrefix("conv1x1_registers")
        })
    func genericGoldensMatchUnderQEMU(_ c: GoldenCase) throws {
        try check(c, target: .aarch64Generic)
    }

    func check(_ c: GoldenCase, target: TargetCPU) throws {
        let dir = TemporaryDirectory()
        let library = try AArch64.compile(c.net, target: target, in: dir)
        let expected = try c.files("output").map(loadNPY)
        let outputs = try AArch64.run(library, prefix: "golden", inputs: c.files("input"), outputCount: expected.count, in: dir)
        for (k, (actual, want)) in zip(outputs, expected).enumerated() {
            #expect(actual.shape == want.shape, "output \(k) shape")
            let mismatch = Mismatch.find(actual.values, want.values, atol: c.atol, rtol: c.rtol)
            #expect(mismatch == nil, "output \(k): \(mismatch?.description ?? "")")
        }
    }

    /// Two full-size networks with seeded stand-in weights: ResNet-18 (3x3 convs as Winograd,
    /// residual adds) and MobileNetV2 (depthwise and 1x1 convs), against PyTorch.
    @Test(arguments: ZooNet.all.filter { ["resnet18", "mobilenetv2"].contains($0.name) })
    func fullSizeNetworkMatchesUnderQEMU(_ net: ZooNet) throws {
        let dir = TemporaryDirectory()
        var options = CompileOptions()
        let seeded = SeededWeights(seed: net.seed, gain: net.gain)
        options.seeded = seeded
        let library = try AArch64.compile(try net.descriptionWithCheckedOutputs(in: dir), target: .aarch64, options: options, in: dir)
        let inputs = try net.inputs.enumerated().map { k, input in
            let path = dir.path("in\(k).npy")
            try NPY.write(NPYArray(shape: [1] + input.shape, values: seeded.input(input.name, count: input.shape.reduce(1, *))), to: path)
            return path
        }
        let outputs = try AArch64.run(library, prefix: "golden", inputs: inputs, outputCount: net.checks.count, in: dir)
        for (k, check) in net.checks.enumerated() {
            let expected = try loadNPY(net.directory + "/" + check.file)
            #expect(outputs[k].shape == expected.shape)
            let mismatch = Mismatch.find(outputs[k].values, expected.values, atol: check.atol, rtol: check.rtol)
            #expect(mismatch == nil, "\(check.file) (\(check.layer)): \(mismatch?.description ?? "")")
        }
    }

    /// The library is an ARM64 ELF shared object exporting the prefixed entry points.
    @Test func libraryIsAnARM64SharedObject() throws {
        let dir = TemporaryDirectory()
        let library = try AArch64.compile(TestPaths.repo("examples/lenet5/net.json"), target: .aarch64, in: dir)
        let header = try #require(FileHandle(forReadingAtPath: library)?.readData(ofLength: 20))
        #expect(Array(header.prefix(4)) == [0x7F, 0x45, 0x4C, 0x46])
        #expect(header[4] == 2, "ELF64")
        #expect(UInt16(header[18]) | UInt16(header[19]) << 8 == 183, "e_machine EM_AARCH64")
        let symbols = try runProcess("/usr/bin/env", ["aarch64-linux-gnu-nm", "-D", "--defined-only", library])
        #expect(symbols.stdout.contains("T golden_cnnc_model"), "\(symbols.stdout)")
    }

    /// Without a cross compiler, `--target aarch64` fails with an `error:` naming what to
    /// install, and writes nothing.
    @Test func missingCrossCompilerIsAClearError() throws {
        let dir = TemporaryDirectory()
        let output = dir.path("arm.so")
        let result = try runProcess(
            TestPaths.cnnc, ["compile", TestPaths.repo("examples/lenet5/net.json"), "-o", output, "--target", "aarch64"],
            environment: ["PATH": dir.path("empty"), "HOME": dir.path(".")])
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("error: "), "\(result.stderr)")
        #expect(
            result.stderr.contains("aarch64-linux-gnu-gcc")
                && result.stderr.contains("apt-get install -y gcc-aarch64-linux-gnu libc6-dev-arm64-cross libgomp1-arm64-cross"),
            "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: output))
        // A --cc that does not exist is named too.
        let named = try runProcess(
            TestPaths.cnnc,
            ["compile", TestPaths.repo("examples/lenet5/net.json"), "-o", output, "--target", "aarch64", "--cc", "/nonexistent/cc"])
        #expect(named.status == 1)
        #expect(named.stderr.contains("'/nonexistent/cc'"), "\(named.stderr)")
        #expect(!FileManager.default.fileExists(atPath: output))
    }
}
