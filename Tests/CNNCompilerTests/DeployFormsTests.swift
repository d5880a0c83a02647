import CNNCompiler
import CNNIR
import CNNNumPy
import CNNRuntime
import CNNTestSupport
import CNNToolchain
import Foundation
import Testing

/// The emit forms (`--emit static`, `--emit c`) and the threads runtime (docs/deploy.md),
/// end to end on examples/digits against PyTorch's probabilities (never cnnc's own output):
/// the CMake and SwiftPM examples are built and run, and the shared library's dynamic
/// section is read to check it carries no run path to this machine.
@Suite struct DeployFormsTests {
    static let digits = TestPaths.repo("examples/digits")
    static let images = digits + "/test_images.npy"
    static let labels = digits + "/test_labels.npy"
    static let torch = digits + "/torch_probabilities.npy"
    /// `accuracy: 355/360 (98.61%)`: PyTorch's accuracy, which the C app prints when it agrees.
    static func accuracyLine() throws -> String { ExamplesTests.accuracyLine(try ExamplesTests.referenceAccuracy()) }

    /// Runs `command` with no signals blocked. Swift Testing's worker threads block SIGCHLD, and
    /// a child inherits the mask: cmake (libuv) then waits forever for its first child to end.
    static func runUnblocked(_ command: [String], cwd: String? = nil) throws -> (status: Int32, stdout: String, stderr: String) {
        let reset = "import os, signal, sys; signal.pthread_sigmask(signal.SIG_SETMASK, []); os.execvp(sys.argv[1], sys.argv[1:])"
        return try runProcess("/usr/bin/env", ["python3", "-c", reset] + command, cwd: cwd)
    }

    static func compile(_ output: String, _ configure: (inout CompileOptions) -> Void) throws {
        var options = CompileOptions()
        configure(&options)
        _ = try Compiler.compile(netPath: digits + "/net.json", output: output, options: options)
    }

    // MARK: - static library

    @Test func staticLibraryLinksIntoTheCMakeExampleAndMatchesPyTorch() throws {
        let directory = TemporaryDirectory()
        let model = directory.path("model")
        try FileManager.default.createDirectory(atPath: model, withIntermediateDirectories: true)
        try Self.compile(model + "/libdigits.a") {
            $0.emit = .static
            $0.headerPath = model + "/digits.h"
        }
        let archive = try Data(contentsOf: URL(fileURLWithPath: model + "/libdigits.a"))
        #expect(archive.prefix(8) == Data("!<arch>\n".utf8))
        #expect(try String(contentsOfFile: model + "/digits.h", encoding: .utf8).contains("Link the program against libomp.so.5"))

        let build = directory.path("cmake-build")
        let configure = try Self.runUnblocked([
            "cmake", "-S", TestPaths.repo("examples/cmake-static"), "-B", build,
            "-DCMAKE_C_COMPILER=clang", "-DCNNC_MODEL_DIR=\(model)",
        ])
        try #require(configure.status == 0, "cmake configure failed: \(configure.stdout)\n\(configure.stderr)")
        let make = try Self.runUnblocked(["cmake", "--build", build])
        try #require(make.status == 0, "cmake --build failed: \(make.stdout)\n\(make.stderr)")

        let run = try runProcess(build + "/digits-static", [Self.images, Self.labels, Self.torch])
        #expect(run.status == 0, "stderr: \(run.stderr)")
        #expect(run.stdout.contains(try Self.accuracyLine()), "stdout: \(run.stdout)")
        #expect(run.stdout.contains("probabilities match PyTorch"), "stdout: \(run.stdout)")
    }

    @Test func staticLibraryIsDeterministic() throws {
        let directory = TemporaryDirectory()
        try Self.compile(directory.path("a.a")) { $0.emit = .static }
        try Self.compile(directory.path("b.a")) { $0.emit = .static }
        let a = try Data(contentsOf: URL(fileURLWithPath: directory.path("a.a")))
        let b = try Data(contentsOf: URL(fileURLWithPath: directory.path("b.a")))
        #expect(a == b, "two builds of the same model gave different archives")
        // Nothing else appears beside the output.
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.url.path).sorted() == ["a.a", "b.a"])
    }

    // MARK: - C directory

    @Test func cDirectoryBuildsWithPlainCompilersFromAnotherDirectory() throws {
        let directory = TemporaryDirectory()
        let out = directory.path("digits-c")
        try Self.compile(out) {
            $0.emit = .c
            $0.target = .generic
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: out).sorted() == ["digits.c", "digits.h", "digits.weights.bin"])
        // From another directory: -I finds both the header and, for the .incbin, the weights.
        let work = directory.path("work")
        try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
        // clang without OpenMP (one thread) and gcc with its own OpenMP (libgomp): no cnnc involved.
        for (compiler, flags) in [("clang", [String]()), ("gcc", ["-fopenmp"])] {
            let program = work + "/digits-\(compiler)"
            let build = try runProcess(
                "/usr/bin/env",
                [compiler, "-O2", "-std=c11"] + flags + [
                    "-I", out, out + "/digits.c",
                    TestPaths.repo("examples/c-app/main.c"), "-lm", "-o", program,
                ], cwd: work)
            try #require(build.status == 0, "\(compiler) failed: \(build.stderr)")
            let run = try runProcess(program, [Self.images, Self.labels, Self.torch], cwd: work)
            #expect(run.status == 0, "\(compiler): stderr: \(run.stderr)")
            #expect(run.stdout.contains(try Self.accuracyLine()), "\(compiler): stdout: \(run.stdout)")
            #expect(run.stdout.contains("probabilities match PyTorch"), "\(compiler): stdout: \(run.stdout)")
            let dynamic = try ELFDynamicSection.read(path: program)
            #expect(dynamic.needed.contains { $0.hasPrefix("libgomp") } == (compiler == "gcc"), "\(compiler): \(dynamic.needed)")
            #expect(!dynamic.needed.contains { $0.hasPrefix("libomp") }, "\(compiler): \(dynamic.needed)")
        }
    }

    @Test func cDirectoryBuildsAsTheSwiftPMExampleAndMatchesPyTorch() throws {
        let directory = TemporaryDirectory()
        let package = directory.path("swiftpm-c")
        let example = TestPaths.repo("examples/swiftpm-c")
        try FileManager.default.createDirectory(atPath: package + "/Sources", withIntermediateDirectories: true)
        for item in ["Package.swift", "Sources/DigitsApp"] {
            try FileManager.default.copyItem(atPath: example + "/" + item, toPath: package + "/" + item)
        }
        // Generic C: SwiftPM passes no -march, so vector code wider than SSE would draw ABI warnings.
        try Self.compile(package + "/Sources/DigitsModel") {
            $0.emit = .c
            $0.target = .generic
        }
        let swift = try Self.runUnblocked(["swift", "build", "--package-path", package])
        try #require(swift.status == 0, "swift build failed: \(swift.stdout)\n\(swift.stderr)")
        let app = package + "/.build/debug/DigitsApp"
        let run = try runProcess(app, [Self.images, Self.torch])
        #expect(run.status == 0, "stderr: \(run.stderr)")
        #expect(run.stdout.contains("model 'digits': 360 images, probabilities match PyTorch"), "stdout: \(run.stdout)")
        // A wrong expectation is an error line, so the comparison really runs.
        let wrong = try runProcess(app, [Self.images, Self.images])
        #expect(wrong.status == 1)
        #expect(wrong.stderr.hasPrefix("error: "), "stderr: \(wrong.stderr)")
    }

    @Test func cDirectoryReplacesOnlyAnEarlierCDirectory() throws {
        let directory = TemporaryDirectory()
        let out = directory.path("model")
        try Self.compile(out) { $0.emit = .c }
        try Self.compile(out) {
            $0.emit = .c
            $0.prefix = "other"
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: out).sorted() == ["other.c", "other.h", "other.weights.bin"])

        // A directory with anything cnnc did not write is refused and left as it was.
        let mine = directory.path("mine")
        try FileManager.default.createDirectory(atPath: mine, withIntermediateDirectories: true)
        _ = directory.write("mine/notes.c", "int notes;\n")
        #expect(throws: Diagnostic.self) { try Self.compile(mine) { $0.emit = .c } }
        #expect(try FileManager.default.contentsOfDirectory(atPath: mine) == ["notes.c"])
        do { try Self.compile(mine) { $0.emit = .c } } catch let d as Diagnostic {
            #expect(d.description.contains("'notes.c', which it did not write"), "\(d)")
        }
        // A regular file at OUT is refused; no temporary directory is left beside it.
        let file = directory.write("file", "keep")
        #expect(throws: Diagnostic.self) { try Self.compile(file) { $0.emit = .c } }
        #expect(try String(contentsOfFile: file, encoding: .utf8) == "keep")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.url.path).sorted() == ["file", "mine", "model"])
    }

    @Test func cDirectoryRefusesHeaderEmitCAndThreadsRuntime() throws {
        let directory = TemporaryDirectory()
        let cases: [(String, (inout CompileOptions) -> Void)] = [
            ("--header", { $0.headerPath = directory.path("x.h") }),
            ("--emit-c", { $0.sourcePath = directory.path("x.c") }),
            ("--threads-runtime", { $0.threads = ThreadsRuntime.none }),
        ]
        for (option, configure) in cases {
            do {
                try Self.compile(directory.path("out")) {
                    $0.emit = .c
                    configure(&$0)
                }
                Issue.record("\(option) with --emit c was accepted")
            } catch let d as Diagnostic {
                #expect(d.description.contains("expected no \(option) with --emit c"), "\(d)")
            }
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.url.path).isEmpty)
    }

    // MARK: - threads

    @Test func sharedLibraryHasNoRunPathAndLoadsFromACopyWithACleanEnvironment() throws {
        let directory = TemporaryDirectory()
        let library = directory.path("libdigits.so")
        try Self.compile(library) { $0.headerPath = directory.path("digits.h") }
        let dynamic = try ELFDynamicSection.read(path: library)
        #expect(dynamic.rpath.isEmpty && dynamic.runpath.isEmpty, "the library carries a run path: \(dynamic)")
        let toolchain = try Toolchain.find()
        let openMP = dynamic.needed.filter { $0.contains("omp") }
        #expect(openMP == [toolchain.openMPRuntime].compactMap { $0 }, "needed: \(dynamic.needed)")
        #expect(
            try String(contentsOfFile: directory.path("digits.h"), encoding: .utf8).contains(
                "The library needs \(openMP.first ?? "?") at run time"))

        // Copied elsewhere and loaded by the Swift demo with an empty environment (no LD_LIBRARY_PATH).
        let demo = TestPaths.productsDirectory.appendingPathComponent("digits-demo").path
        try #require(FileManager.default.isExecutableFile(atPath: demo), "\(demo) is missing: build it with swift build --build-tests")
        let elsewhere = directory.path("elsewhere")
        try FileManager.default.createDirectory(atPath: elsewhere, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: library, toPath: elsewhere + "/libdigits.so")
        let run = try runProcess("/usr/bin/env", ["-i", demo, elsewhere + "/libdigits.so", Self.images, Self.labels], cwd: elsewhere)
        #expect(run.status == 0, "stderr: \(run.stderr)")
        #expect(run.stdout.contains(try Self.accuracyLine()), "stdout: \(run.stdout)")
    }

    /// clang builds without partial or runtime loop unrolling and with loops aligned to 64 bytes
    /// (`Toolchain.optimizationFlagGroupsToProbe`; the unrolling made compiles up to 2.9x longer and
    /// the libraries no faster); gcc rejects `-mllvm`, so it gets only the alignment, and still
    /// builds a library that classifies as PyTorch does.
    @Test func clangBuildsWithoutPartialUnrollingAndGccWithoutItsFlags() throws {
        #expect(try Toolchain.find(for: .host, cc: "clang", sysroot: nil).optimizationFlags == Toolchain.optimizationFlagsToProbe)
        #expect(try Toolchain.find(for: .host, cc: "gcc", sysroot: nil).optimizationFlags == ["-falign-loops=64"])
        let directory = TemporaryDirectory()
        let library = directory.path("libdigits.so")
        try Self.compile(library) { $0.cc = "gcc" }
        #expect(try ELFDynamicSection.read(path: library).needed.contains { $0.hasPrefix("libgomp") })
        // Run by the Swift demo in its own process (libgomp beside this process's libomp libraries is
        // not what is being tested): it classifies the digits as PyTorch does.
        let demo = TestPaths.productsDirectory.appendingPathComponent("digits-demo").path
        try #require(FileManager.default.isExecutableFile(atPath: demo), "\(demo) is missing: build it with swift build --build-tests")
        let run = try runProcess(demo, [library, Self.images, Self.labels], cwd: directory.url.path)
        #expect(run.status == 0, "stderr: \(run.stderr)")
        let accuracy = try Self.accuracyLine()
        #expect(run.stdout.contains(accuracy), "stdout: \(run.stdout)")
    }

    /// Libraries are linked with lld where the compiler can use it (`Toolchain.linkerFlagsToProbe`:
    /// linking copies the weights, and GNU ld was twice as slow on VGG-16's), else with the
    /// compiler's default linker: a compiler that rejects `-fuse-ld=lld` still builds a library
    /// that classifies as PyTorch does.
    @Test func linksWithLLDWhereTheCompilerCanAndWithItsDefaultOtherwise() throws {
        let directory = TemporaryDirectory()
        let clang = try Toolchain.find().compiler
        let wrapper = directory.write(
            "cc-without-lld",
            """
            #!/bin/sh
            for a in "$@"; do case "$a" in -fuse-ld=lld) echo "clang: error: invalid linker name in argument '$a'" >&2; exit 1;; esac; done
            exec '\(clang)' "$@"

            """)
        chmod(wrapper, 0o755)
        func linker(_ library: String) throws -> String {
            let comment = try runProcess("/usr/bin/env", ["readelf", "-p", ".comment", library])
            try #require(comment.status == 0, "readelf: \(comment.stderr)")
            return comment.stdout
        }
        #expect(try Toolchain.find(for: .host, cc: wrapper, sysroot: nil).linkerFlags.isEmpty)
        let plain = directory.path("libdefault.so")
        try Self.compile(plain) { $0.cc = wrapper }
        #expect(try !linker(plain).contains("LLD"))
        let lld = try Toolchain.find(for: .host, cc: clang, sysroot: nil).linkerFlags
        #expect(lld.isEmpty || lld == Toolchain.linkerFlagsToProbe)
        let library = directory.path("libdigits.so")
        try Self.compile(library) { $0.cc = clang }
        #expect(try linker(library).contains("LLD") == !lld.isEmpty)
        // Both classify the digits as PyTorch does.
        let demo = TestPaths.productsDirectory.appendingPathComponent("digits-demo").path
        try #require(FileManager.default.isExecutableFile(atPath: demo), "\(demo) is missing: build it with swift build --build-tests")
        for path in [plain, library] {
            let run = try runProcess(demo, [path, Self.images, Self.labels], cwd: directory.url.path)
            #expect(run.status == 0, "stderr: \(run.stderr)")
            #expect(run.stdout.contains(try Self.accuracyLine()), "stdout: \(run.stdout)")
        }
    }

    @Test func threadsRuntimeNoneNeedsNoOpenMPAndGivesTheSameBits() throws {
        let directory = TemporaryDirectory()
        try Self.compile(directory.path("none.so")) {
            $0.threads = ThreadsRuntime.none
            $0.headerPath = directory.path("none.h")
        }
        try Self.compile(directory.path("omp.so")) { _ in }
        let dynamic = try ELFDynamicSection.read(path: directory.path("none.so"))
        #expect(!dynamic.needed.contains { $0.contains("omp") }, "needed: \(dynamic.needed)")
        #expect(dynamic.rpath.isEmpty && dynamic.runpath.isEmpty)
        #expect(try String(contentsOfFile: directory.path("none.h"), encoding: .utf8).contains("Threads: none. Built without OpenMP"))

        let images = try loadNPY(Self.images)
        let torch = try loadNPY(Self.torch)
        let count = images.shape[0]
        let none = try ModelLibrary(path: directory.path("none.so")).makeSession(maxBatch: count, threads: 4).run(
            batch: count, inputs: [images.values])[0]
        let omp = try ModelLibrary(path: directory.path("omp.so")).makeSession(maxBatch: count, threads: 4).run(
            batch: count, inputs: [images.values])[0]
        #expect(none.map(\.bitPattern) == omp.map(\.bitPattern), "one thread and four OpenMP threads gave different bits")
        let mismatch = Mismatch.find(none, torch.values, atol: ExamplesTests.atol, rtol: ExamplesTests.rtol)
        #expect(mismatch == nil, "probabilities: \(mismatch?.description ?? "")")

        // The static form without OpenMP needs only libm: linked by plain clang, no -fopenmp.
        try Self.compile(directory.path("libnone.a")) {
            $0.emit = .static
            $0.threads = ThreadsRuntime.none
            $0.headerPath = directory.path("digits.h")
        }
        let program = directory.path("digits-none")
        let build = try runProcess(
            "/usr/bin/env",
            [
                "clang", "-O2", "-I", directory.url.path, TestPaths.repo("examples/c-app/main.c"),
                directory.path("libnone.a"), "-lm", "-o", program,
            ])
        try #require(build.status == 0, "clang failed: \(build.stderr)")
        let run = try runProcess(program, [Self.images, Self.labels, Self.torch])
        #expect(run.status == 0, "stderr: \(run.stderr)")
        #expect(run.stdout.contains("probabilities match PyTorch"), "stdout: \(run.stdout)")
    }
}
