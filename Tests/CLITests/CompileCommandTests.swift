import CNNTestSupport
import Foundation
import Testing

/// `cnnc compile NET -o LIB [--header H] [--emit-c C]`: what it writes, and that the library is complete.
@Suite("cnnc compile")
struct CompileCommandTests {
    static let lenet = TestPaths.repo("examples/lenet5/net.json")

    @Test func writesOnlyTheLibrary() throws {
        let dir = TemporaryDirectory()
        let r = try cnnc(["compile", Self.lenet, "-o", dir.path("lenet.so")])
        #expect(r.status == 0, "\(r)")
        #expect(r.stdout.isEmpty && r.stderr.isEmpty, "quiet on success when not on a terminal: \(r)")
        #expect(listing(dir.url.path) == ["lenet.so"])
        let bytes = try #require(FileManager.default.contents(atPath: dir.path("lenet.so")))
        #expect(bytes.starts(with: [0x7F, 0x45, 0x4C, 0x46]), "an ELF shared object")
    }

    @Test func headerAndSourceOnlyWhenAsked() throws {
        let dir = TemporaryDirectory()
        let r = try cnnc([
            "compile", Self.lenet, "-o", dir.path("lenet.so"), "--header", dir.path("lenet.h"), "--emit-c", dir.path("lenet.c"),
        ])
        #expect(r.status == 0, "\(r)")
        #expect(listing(dir.url.path) == ["lenet.c", "lenet.h", "lenet.so"])
        let header = try String(contentsOfFile: dir.path("lenet.h"), encoding: .utf8)
        #expect(header.contains("lenet5"), "the header names the model")
        #expect(header.contains("#ifndef"), "an include guard")
        let source = try String(contentsOfFile: dir.path("lenet.c"), encoding: .utf8)
        #expect(source.contains("#include"))

        let onlyHeader = TemporaryDirectory()
        let r2 = try cnnc(["compile", Self.lenet, "-o", onlyHeader.path("a.so"), "--header", onlyHeader.path("a.h")])
        #expect(r2.status == 0, "\(r2)")
        #expect(listing(onlyHeader.url.path) == ["a.h", "a.so"])
    }

    /// A relative NET and -o, and a weights path relative to the JSON file (not to the working directory).
    @Test func relativePathsAndSelfContainedLibrary() throws {
        let source = TemporaryDirectory()
        try FileManager.default.createDirectory(atPath: source.path("model"), withIntermediateDirectories: true)
        for name in ["net.json", "lenet5.safetensors"] {
            try FileManager.default.copyItem(atPath: TestPaths.repo("examples/lenet5/\(name)"), toPath: source.path("model/\(name)"))
        }
        let r = try cnnc(["compile", "model/net.json", "-o", "lenet.so"], cwd: source.url.path)
        #expect(r.status == 0, "\(r)")
        // The weights are inside the library: it runs with the description and weights gone.
        let elsewhere = TemporaryDirectory()
        try FileManager.default.moveItem(atPath: source.path("lenet.so"), toPath: elsewhere.path("lenet.so"))
        try FileManager.default.removeItem(atPath: source.path("model"))
        let run = try cnnc([
            "run", elsewhere.path("lenet.so"), "--input", TestPaths.repo("examples/lenet5/input.npy"), "--output",
            elsewhere.path("out.npy"),
        ])
        #expect(run.status == 0, "\(run)")
        let out = try loadNPY(elsewhere.path("out.npy"))
        let expected = try loadNPY(TestPaths.repo("examples/lenet5/expected.npy"))
        #expect(out.shape == expected.shape)
        #expect(Mismatch.find(out.values, expected.values, atol: 1e-5, rtol: 1e-4) == nil)
    }

    @Test func replacesAnExistingLibrary() throws {
        let dir = TemporaryDirectory()
        dir.write("lenet.so", "old contents")
        let r = try cnnc(["compile", Self.lenet, "-o", dir.path("lenet.so")])
        #expect(r.status == 0, "\(r)")
        #expect(listing(dir.url.path) == ["lenet.so"])
        let bytes = try #require(FileManager.default.contents(atPath: dir.path("lenet.so")))
        #expect(bytes.starts(with: [0x7F, 0x45, 0x4C, 0x46]))
    }

    /// Output-path problems are errors too, and touch nothing.
    @Test func outputPathErrors() throws {
        let dir = TemporaryDirectory()
        let missingDir = try cnnc(["compile", Self.lenet, "-o", dir.path("no/such/dir/lenet.so")])
        expectCleanFailure(missingDir)
        #expect(missingDir.stderr.contains("no/such/dir"))
        try FileManager.default.createDirectory(atPath: dir.path("adir"), withIntermediateDirectories: true)
        let isDir = try cnnc(["compile", Self.lenet, "-o", dir.path("adir")])
        expectCleanFailure(isDir)
        #expect(isDir.stderr.contains("adir"))
        #expect(listing(dir.url.path) == ["adir"])
        #expect(listing(dir.path("adir")).isEmpty)
        let missingNet = try cnnc(["compile", dir.path("nothere.json"), "-o", dir.path("x.so")])
        expectCleanFailure(missingNet)
        #expect(missingNet.stderr.contains("nothere.json"))
        #expect(listing(dir.url.path) == ["adir"])
    }

    /// A failing side file (header) leaves neither it nor the library behind.
    @Test func failingHeaderPathWritesNothing() throws {
        let dir = TemporaryDirectory()
        let r = try cnnc(["compile", Self.lenet, "-o", dir.path("lenet.so"), "--header", dir.path("missing/lenet.h")])
        expectCleanFailure(r)
        #expect(listing(dir.url.path).isEmpty)
    }

    @Test func goldenNetsWithWeightFilesCompile() throws {
        // Two small nets with weights files and several outputs; the rest are covered by the compiler's own tests.
        for name in ["net_mini_unet", "weights_file_inline_override", "two_inputs"] {
            let dir = TemporaryDirectory()
            let r = try cnnc(["compile", TestPaths.repo("Tests/Goldens/ops/\(name)/net.json"), "-o", dir.path("m.so")])
            #expect(r.status == 0, "\(name): \(r)")
            #expect(listing(dir.url.path) == ["m.so"])
        }
    }
}

/// Progress is shown on a terminal only: `script` gives the compiler a pseudo-terminal.
@Suite struct CompileProgressTests {
    @Test func progressOnATerminalOnlyAndNeverWithQuiet() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/script") else {
            Issue.record("util-linux 'script' is needed to give cnnc a terminal")
            return
        }
        let dir = TemporaryDirectory()
        let lib = dir.path("lib.so")
        let net = TestPaths.repo("examples/lenet5/net.json")
        let onTerminal = try runProcess("/usr/bin/script", ["-qec", "\(TestPaths.cnnc) compile \(net) -o \(lib)", "/dev/null"])
        #expect(onTerminal.status == 0)
        #expect(onTerminal.stdout.contains("[1/4] parsing"))
        #expect(onTerminal.stdout.contains("[4/4] compiling C"))
        let quiet = try runProcess("/usr/bin/script", ["-qec", "\(TestPaths.cnnc) compile \(net) -o \(lib) --quiet", "/dev/null"])
        #expect(quiet.status == 0)
        #expect(!quiet.stdout.contains("parsing"))
        let piped = try runProcess(TestPaths.cnnc, ["compile", net, "-o", lib])
        #expect(piped.status == 0 && piped.stderr.isEmpty && piped.stdout.isEmpty)
    }
}

/// Without a usable C compiler, compile says how to install one and writes nothing.
@Suite struct MissingToolchainTests {
    @Test(arguments: [
        ["PATH": "/nonexistent"], ["PATH": "/nonexistent", "CC": "/bin/false"], ["PATH": "/usr/bin:/bin", "CC": "no-such-cc"],
    ])
    func explainsHowToInstallClang(_ environment: [String: String]) throws {
        let dir = TemporaryDirectory()
        let lib = dir.path("lib.so")
        let result = try runProcess(
            TestPaths.cnnc, ["compile", TestPaths.repo("examples/lenet5/net.json"), "-o", lib], environment: environment)
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("error: "))
        #expect(result.stderr.contains("apt-get install -y clang libomp-dev"))
        #expect(!FileManager.default.fileExists(atPath: lib))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.url.path).isEmpty)
    }
}
