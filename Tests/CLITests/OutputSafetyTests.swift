import CNNNumPy
import CNNTestSupport
import Foundation
import Testing

/// Outputs are regular files written atomically beside their final path; never a directory,
/// device, FIFO or socket, never one of the inputs (issue 15, items 2 and 9).
@Suite struct OutputSafetyTests {
    /// A copy of examples/lenet5 (description, weights, input) in a fresh directory.
    final class Example {
        let dir = TemporaryDirectory()
        var net: String { dir.path("lenet5/net.json") }
        var weights: String { dir.path("lenet5/lenet5.safetensors") }
        var input: String { dir.path("lenet5/input.npy") }
        init() throws {
            try FileManager.default.copyItem(atPath: TestPaths.repo("examples/lenet5"), toPath: dir.path("lenet5"))
        }
        /// Names and sizes of every file under the directory, to show nothing was written.
        func snapshot() -> [String: Int] {
            var out: [String: Int] = [:]
            let enumerator = FileManager.default.enumerator(atPath: dir.url.path)
            while let name = enumerator?.nextObject() as? String {
                let attributes = try? FileManager.default.attributesOfItem(atPath: dir.path(name))
                out[name] = (attributes?[.size] as? Int) ?? -1
            }
            return out
        }
    }

    /// A tiny description (one relu) written into `dir`.
    func tinyNet(_ dir: TemporaryDirectory, name: String = "t") throws -> String {
        let path = dir.path("\(name).json")
        try net(#"{"name": "r", "op": "relu"}"#).replacingOccurrences(of: #""name": "t""#, with: #""name": "\#(name)""#)
            .write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    func expectRefused(_ r: CLIResult, _ parts: [String], sourceLocation: SourceLocation = #_sourceLocation) {
        expectCleanFailure(r, sourceLocation: sourceLocation)
        for part in parts { #expect(r.stderr.contains(part), "\(r)", sourceLocation: sourceLocation) }
    }

    @Test func compileRefusesDirectoriesDevicesAndFIFOs() throws {
        let e = try Example()
        let before = e.snapshot()
        expectRefused(try cnnc(["compile", e.net, "-o", e.dir.path("lenet5")]), ["lenet5: expected an output file path, got a directory"])
        expectRefused(try cnnc(["compile", e.net, "-o", "/dev/null"]), ["/dev/null: expected an output file path, got a character device"])
        expectRefused(
            try cnnc(["compile", e.net, "-o", e.dir.path("lib.so"), "--emit-c", "/dev/null"]),
            ["/dev/null: expected an output file path, got a character device"])
        expectRefused(
            try cnnc(["compile", e.net, "-o", e.dir.path("lib.so"), "--header", "/dev/full"]),
            ["/dev/full: expected an output file path, got a character device"])
        #expect(mkfifo(e.dir.path("fifo"), 0o644) == 0)
        expectRefused(try cnnc(["compile", e.net, "-o", e.dir.path("fifo")]), ["fifo: expected an output file path, got a FIFO"])
        var info = stat()
        #expect(stat("/dev/null", &info) == 0 && (info.st_mode & S_IFMT) == S_IFCHR, "/dev/null is still a device")
        var after = e.snapshot()
        after["fifo"] = nil
        #expect(after == before)
    }

    @Test func compileRefusesToReplaceItsInputs() throws {
        let e = try Example()
        let before = e.snapshot()
        expectRefused(
            try cnnc(["compile", e.net, "-o", e.net]), ["net.json: expected an output path that is not one of the inputs, got the input"])
        // The weights file is known as an input once the description names it.
        expectRefused(
            try cnnc(["compile", e.net, "-o", e.weights]), ["lenet5.safetensors: expected an output path that is not one of the inputs"])
        expectRefused(
            try cnnc(["compile", e.net, "-o", e.dir.path("lib.so"), "--emit-c", e.weights]),
            ["lenet5.safetensors: expected an output path that is not one of the inputs"])
        // Another spelling or a hard link of an input is the same file.
        let other = e.dir.path("lenet5/../lenet5/./net.json")
        expectRefused(try cnnc(["compile", e.net, "-o", e.dir.path("lib.so"), "--header", other]), ["not one of the inputs"])
        try FileManager.default.linkItem(atPath: e.weights, toPath: e.dir.path("hard.safetensors"))
        expectRefused(try cnnc(["compile", e.net, "-o", e.dir.path("hard.safetensors")]), ["not one of the inputs"])
        expectRefused(
            try cnnc(["compile", e.net, "-o", e.dir.path("lib.so"), "--header", e.dir.path("lib.so")]),
            ["lib.so: expected --header to name a different file than -o"])
        var after = e.snapshot()
        after["hard.safetensors"] = nil
        #expect(after == before)
    }

    @Test func symbolicLinksAreWrittenThroughToRegularFilesOnly() throws {
        let dir = TemporaryDirectory()
        let net = try tinyNet(dir)
        try Data("old".utf8).write(to: URL(fileURLWithPath: dir.path("real.so")))
        try FileManager.default.createSymbolicLink(atPath: dir.path("link.so"), withDestinationPath: "real.so")
        let r = try cnnc(["compile", net, "-o", dir.path("link.so")])
        #expect(r.status == 0, "\(r)")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: dir.path("link.so")) == "real.so")
        let written = try Data(contentsOf: URL(fileURLWithPath: dir.path("real.so")))
        #expect(written.prefix(4) == Data([0x7F, 0x45, 0x4C, 0x46]))
        // A dangling link, and a link to a device, are refused.
        try FileManager.default.createSymbolicLink(atPath: dir.path("dangling.so"), withDestinationPath: "nowhere/lib.so")
        expectRefused(
            try cnnc(["compile", net, "-o", dir.path("dangling.so")]),
            ["dangling.so: expected an output file or a symbolic link to one, got a link that resolves to no file"])
        try FileManager.default.createSymbolicLink(atPath: dir.path("null.so"), withDestinationPath: "/dev/null")
        expectRefused(
            try cnnc(["compile", net, "-o", dir.path("null.so")]),
            ["null.so: expected an output file path, got a character device (the link resolves to '/dev/null')"])
        #expect(listing(dir.url.path) == ["dangling.so", "link.so", "null.so", "real.so", "t.json"])
    }

    @Test func runRefusesDevicesInputsAndTheLibrary() throws {
        let dir = TemporaryDirectory()
        let net = try tinyNet(dir)
        let lib = dir.path("lib.so")
        let x = dir.path("x.npy")
        #expect(try cnnc(["compile", net, "-o", lib]).status == 0)
        try writeNPY([1, 4, 4], (0..<16).map { Float($0) - 8 }, to: x)
        let before = listing(dir.url.path)
        expectRefused(
            try cnnc(["run", lib, "--input", x, "--output", "/dev/null"]),
            ["/dev/null: expected an output file path, got a character device"])
        expectRefused(
            try cnnc(["run", lib, "--input", x, "--output", x]), ["x.npy: expected an output path that is not one of the inputs"])
        expectRefused(
            try cnnc(["run", lib, "--input", x, "--output", lib]), ["lib.so: expected an output path that is not one of the inputs"])
        expectRefused(try cnnc(["run", lib, "--input", x, "--output", dir.url.path]), ["expected an output file path, got a directory"])
        #expect(listing(dir.url.path) == before)
        var info = stat()
        #expect(stat("/dev/null", &info) == 0 && (info.st_mode & S_IFMT) == S_IFCHR)
        let ok = try cnnc(["run", lib, "--input", x, "--output", dir.path("y.npy")])
        #expect(ok.status == 0, "\(ok)")
        #expect(try loadNPY(dir.path("y.npy")).values == (0..<16).map { max(Float($0) - 8, 0) })
    }

    @Test func importRefusesToReplaceTheModel() throws {
        let dir = TemporaryDirectory()
        let model = dir.path("model.onnx")
        try FileManager.default.copyItem(atPath: TestPaths.repo("Tests/Goldens/onnx/conv2d_basic/model.onnx"), toPath: model)
        let size = try FileManager.default.attributesOfItem(atPath: model)[.size] as? Int
        expectRefused(try cnnc(["import", model, "-o", model]), ["model.onnx: expected an output path that is not one of the inputs"])
        expectRefused(
            try cnnc(["import", model, "-o", dir.path("net.json"), "--weights", "model.onnx"]),
            ["model.onnx: expected an output path that is not one of the inputs"])
        #expect(try FileManager.default.attributesOfItem(atPath: model)[.size] as? Int == size)
        #expect(listing(dir.url.path) == ["model.onnx"])
    }

    /// A 240-character output name: the temporary name beside it must stay under 255 bytes.
    @Test func longOutputNamesWork() throws {
        let dir = TemporaryDirectory()
        let net = try tinyNet(dir)
        let name = String(repeating: "l", count: 237) + ".so"
        let r = try cnnc(["compile", net, "-o", dir.path(name), "--header", dir.path(String(repeating: "h", count: 252) + ".h")])
        #expect(r.status == 0, "\(r)")
        #expect(listing(dir.url.path) == [String(repeating: "h", count: 252) + ".h", name, "t.json"])
    }

    /// A "compiler" that exits 0 without writing a library, or writes garbage, is an error (issue 15, item 9).
    @Test func aCompilerThatWritesNoLibraryIsAnError() throws {
        let dir = TemporaryDirectory()
        let net = try tinyNet(dir)
        var environment = ProcessInfo.processInfo.environment
        environment["CC"] = "/bin/true"
        let r = try runProcess(TestPaths.cnnc, ["compile", net, "-o", dir.path("lib.so")], environment: environment)
        expectRefused(
            CLIResult(status: r.status, stdout: r.stdout, stderr: r.stderr),
            ["lib.so: the C compiler (/bin/true) reported success but wrote no file; expected an ELF shared library"])
        // A script that passes the OpenMP probe with the real compiler but writes text as the library.
        let fake = dir.path("fakecc")
        try """
        #!/bin/sh
        case "$*" in *probe.c*|*-print-file-name*) exec clang "$@";; esac
        out=""; prev=""; for a in "$@"; do [ "$prev" = "-o" ] && out="$a"; prev="$a"; done
        echo "not a library" > "$out"
        """.write(toFile: fake, atomically: true, encoding: .utf8)
        #expect(chmod(fake, 0o755) == 0)
        environment["CC"] = fake
        let garbage = try runProcess(TestPaths.cnnc, ["compile", net, "-o", dir.path("lib.so")], environment: environment)
        expectRefused(
            CLIResult(status: garbage.status, stdout: garbage.stdout, stderr: garbage.stderr),
            ["reported success but wrote a file that is not ELF"])
        #expect(listing(dir.url.path) == ["fakecc", "t.json"])
    }

    @Test func negativeThreadCountsGetAClearMessage() throws {
        let r = try cnnc(["run", "lib.so", "--threads", "-1", "--input", "x.npy", "--output", "y.npy"])
        expectRefused(r, ["expected --threads of at least 0, got -1"])
        #expect(!r.stderr.contains("Missing value"))
        let b = try cnnc(["bench", "lib.so", "--threads", "-2"])
        expectRefused(b, ["expected --threads of at least 0, got -2"])
        // Every numeric option takes a negative value as a value, then says what it expected.
        let cases: [([String], String)] = [
            (
                ["verify", "lib.so", "--input", "x.npy", "--expected", "y.npy", "--threads", "-1"],
                "expected --threads of at least 0, got -1"
            ),
            (["verify", "lib.so", "--input", "x.npy", "--expected", "y.npy", "--rtol", "-1"], "expected --rtol of at least 0, got -1.0"),
            (["verify", "lib.so", "--input", "x.npy", "--expected", "y.npy", "--atol", "-0.5"], "expected --atol of at least 0, got -0.5"),
            (["verify", "lib.so", "--input", "x.npy", "--expected", "y.npy", "--max-ulp", "-3"], "'-3' is invalid for '--max-ulp"),
            (["bench", "lib.so", "--sessions", "-1"], "expected --sessions from 1 to 1024, got -1"),
            (["compile", "net.json", "-o", "lib.so", "--cc-timeout", "-5"], "expected --cc-timeout of at least 0 seconds, got -5.0"),
            (
                ["compile", "net.json", "-o", "lib.so", "--seeded-weights", "1", "--seeded-gain", "-1"],
                "expected --seeded-gain above 0, got -1.0"
            ),
            (["compile", "net.json", "-o", "lib.so", "--seeded-weights", "-1"], "'-1' is invalid for '--seeded-weights"),
        ]
        for (arguments, message) in cases {
            let r = try cnnc(arguments)
            expectRefused(r, [message])
            #expect(!r.stderr.contains("Missing value"), "\(arguments): \(r.stderr)")
        }
    }

    /// An endless non-.npy input is refused after its first bytes, not read until memory runs out (issue 15, item 4).
    @Test(.timeLimit(.minutes(1))) func anEndlessInputIsRefusedByItsFirstBytes() throws {
        let dir = TemporaryDirectory()
        let net = try tinyNet(dir)
        let lib = dir.path("lib.so")
        #expect(try cnnc(["compile", net, "-o", lib]).status == 0)
        let r = try cnnc(["run", lib, "--input", "/dev/zero", "--output", dir.path("y.npy")])
        expectRefused(r, ["/dev/zero: expected a .npy file starting with \\x93NUMPY"])
        #expect(!FileManager.default.fileExists(atPath: dir.path("y.npy")))
    }
}
