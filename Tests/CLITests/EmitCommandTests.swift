import CNNTestSupport
import CNNToolchain
import Foundation
import Testing

/// `cnnc compile --emit shared|static|c`, `--threads-runtime` and inspect's `weights:` line through
/// the command line (docs/deploy.md); DeployFormsTests builds and runs what they write.
@Suite struct EmitCommandTests {
    static let lenet = TestPaths.repo("examples/lenet5/net.json")

    @Test func eachFormWritesWhatDeployMdSays() throws {
        let dir = TemporaryDirectory()
        let shared = try cnnc(["compile", Self.lenet, "--emit", "shared", "-o", dir.path("liblenet.so")])
        #expect(shared.status == 0, "\(shared)")
        #expect(try ELFDynamicSection.read(path: dir.path("liblenet.so")).runpath.isEmpty)

        let archive = try cnnc([
            "compile", Self.lenet, "--emit", "static", "-o", dir.path("liblenet.a"), "--header", dir.path("lenet.h"),
            "--threads-runtime", "none",
        ])
        #expect(archive.status == 0, "\(archive)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: dir.path("liblenet.a"))).prefix(8) == Data("!<arch>\n".utf8))
        #expect(try String(contentsOfFile: dir.path("lenet.h"), encoding: .utf8).contains("Threads: none."))

        let c = try cnnc(["compile", Self.lenet, "--emit", "c", "-o", dir.path("lenet-c")])
        #expect(c.status == 0, "\(c)")
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: dir.path("lenet-c")).sorted() == [
                "lenet5.c", "lenet5.h", "lenet5.weights.bin",
            ])
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: dir.url.path).sorted() == [
                "lenet-c", "lenet.h", "liblenet.a", "liblenet.so",
            ])
    }

    @Test func wrongCombinationsAreCleanErrors() throws {
        let dir = TemporaryDirectory()
        let header = try cnnc(["compile", Self.lenet, "--emit", "c", "-o", dir.path("out"), "--header", dir.path("x.h")])
        expectCleanFailure(header)
        #expect(header.stderr.contains("expected no --header with --emit c"), "\(header.stderr)")
        let threads = try cnnc(["compile", Self.lenet, "--emit", "c", "-o", dir.path("out"), "--threads-runtime", "none"])
        expectCleanFailure(threads)
        #expect(threads.stderr.contains("expected no --threads-runtime with --emit c"), "\(threads.stderr)")
        let unknown = try cnnc(["compile", Self.lenet, "--emit", "dylib", "-o", dir.path("out")])
        #expect(unknown.status != 0)
        #expect(unknown.stderr.contains("error:") && unknown.stderr.contains("dylib"), "\(unknown.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.url.path).isEmpty)
    }

    @Test func inspectReportsTheWeightBytesStored() throws {
        let plain = try cnnc(["inspect", Self.lenet, "--target", "x86-64-v3"])
        #expect(plain.status == 0, "\(plain)")
        // LeNet-5: 61,706 parameters (246,824 bytes), dense weights repacked into 16-unit blocks.
        #expect(plain.stdout.contains("weights:    283,072 bytes stored in the library"), "\(plain.stdout)")
        #expect(plain.stdout.contains("1.15x the parameters' float32 bytes"), "\(plain.stdout)")
    }
}
