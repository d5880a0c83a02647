import CNNFiles
import CNNTestSupport
import Foundation
import Testing

// Linux only: it reads /proc, and `ChildProcess.start` is posix_spawn with glibc's extensions.
#if os(Linux)
/// SIGINT or SIGTERM during `cnnc compile` removes the work directory, the temporary files beside
/// the outputs and clang's object files, and ends the C compiler's process group (issue 15, item 6);
/// a C compiler that hangs is stopped after `--cc-timeout` (item 7).
@Suite(.serialized) struct SignalCleanupTests {
    /// Whether process `pid` is gone (or a zombie waiting for a parent that is not us).
    static func isGone(_ pid: pid_t) -> Bool {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8) else { return true }
        guard let close = stat.lastIndex(of: ")") else { return true }
        let state = stat[stat.index(close, offsetBy: 2)]
        return state == "Z" || state == "X"
    }

    /// A C compiler that passes the OpenMP probe with the real clang, then writes a partial library
    /// and an object file in $TMPDIR, starts a grandchild and hangs; it records both pids in `$SLOWCC_PIDS`.
    static func slowCompiler(in dir: TemporaryDirectory) throws -> String {
        let path = dir.path("slowcc")
        try """
        #!/bin/sh
        case "$*" in *probe.c*|*-print-file-name*) exec clang "$@";; esac
        out=""; prev=""; for a in "$@"; do [ "$prev" = "-o" ] && out="$a"; prev="$a"; done
        echo partial > "$out"
        echo partial > "$TMPDIR/model-123456.o"
        sleep 300 &
        echo $$ $! > "$SLOWCC_PIDS.tmp"
        mv "$SLOWCC_PIDS.tmp" "$SLOWCC_PIDS"
        wait
        """.write(toFile: path, atomically: true, encoding: .utf8)
        #expect(chmod(path, 0o755) == 0)
        return path
    }

    /// Starts `cnnc arguments` with `environment` added.
    static func start(_ arguments: [String], environment extra: [String: String]) throws -> ChildProcess.Running {
        try ChildProcess.start(TestPaths.cnnc, arguments, environment: ProcessInfo.processInfo.environment.merging(extra) { _, new in new })
    }

    @Test(.timeLimit(.minutes(2)), arguments: [SIGINT, SIGTERM])
    func aSignalDuringTheCCompilerLeavesNothingBehind(_ signal: Int32) throws {
        let dir = TemporaryDirectory()
        let tmp = dir.path("tmp")
        let out = dir.path("out")
        let pids = dir.path("pids")
        for d in [tmp, out] { try FileManager.default.createDirectory(atPath: d, withIntermediateDirectories: true) }
        let process = try Self.start(
            // --jobs 1: one compiler process, which writes the library itself (split C compiles objects first).
            [
                "compile", TestPaths.repo("examples/lenet5/net.json"), "-o", out + "/lib.so", "--header", out + "/lib.h", "--emit-c",
                out + "/lib.c", "--jobs", "1",
            ],
            environment: ["TMPDIR": tmp, "CC": try Self.slowCompiler(in: dir), "SLOWCC_PIDS": pids])
        let deadline = Date().addingTimeInterval(90)
        while !FileManager.default.fileExists(atPath: pids) && process.isRunning && Date() < deadline { usleep(50_000) }
        let children = try String(contentsOfFile: pids, encoding: .utf8).split(separator: " ").compactMap {
            pid_t($0.trimmingCharacters(in: .whitespacesAndNewlines))
        }
        #expect(children.count == 2)
        // While the compiler runs: the work directory holds the C, the partial library sits beside the output.
        #expect(listing(tmp).count == 1 && listing(tmp)[0].hasPrefix("cnnc-"), "\(listing(tmp))")
        #expect(listing(out).contains { $0.hasPrefix(".lib.so.tmp-") }, "\(listing(out))")
        kill(process.pid, signal)
        #expect(process.waitForExit() == 128 + signal)
        #expect(listing(tmp) == [], "work directory or clang's object file left")
        #expect(listing(out) == [], "temporary or partial outputs left")
        let gone = Date().addingTimeInterval(5)
        while !children.allSatisfy(Self.isGone) && Date() < gone { usleep(50_000) }
        for pid in children { #expect(Self.isGone(pid), "process \(pid) of the C compiler's group still runs") }
    }

    /// A large example interrupted about a second in (still reading and optimising, in a debug build).
    @Test(.timeLimit(.minutes(2))) func anEarlySIGINTOnALargeModelLeavesNothingBehind() throws {
        let dir = TemporaryDirectory()
        let tmp = dir.path("tmp")
        let out = dir.path("out")
        for d in [tmp, out] { try FileManager.default.createDirectory(atPath: d, withIntermediateDirectories: true) }
        let process = try Self.start(
            ["compile", TestPaths.repo("examples/vgg16/net.json"), "--seeded-weights", "1", "-o", out + "/vgg.so"],
            environment: ["TMPDIR": tmp])
        usleep(1_000_000)
        kill(process.pid, SIGINT)
        #expect(process.waitForExit() == 128 + SIGINT)
        #expect(listing(tmp) == [])
        #expect(listing(out) == [])
    }

    @Test(.timeLimit(.minutes(2))) func aHangingCCompilerIsStoppedAfterTheTimeLimit() throws {
        let dir = TemporaryDirectory()
        let tmp = dir.path("tmp")
        let out = dir.path("out")
        let pids = dir.path("pids")
        for d in [tmp, out] { try FileManager.default.createDirectory(atPath: d, withIntermediateDirectories: true) }
        var environment = ProcessInfo.processInfo.environment
        environment.merge(["TMPDIR": tmp, "CC": try Self.slowCompiler(in: dir), "SLOWCC_PIDS": pids]) { _, new in new }
        let started = Date()
        let r = try runProcess(
            TestPaths.cnnc, ["compile", TestPaths.repo("examples/lenet5/net.json"), "-o", out + "/lib.so", "--cc-timeout", "2"],
            environment: environment)
        #expect(Date().timeIntervalSince(started) < 60)
        #expect(r.status == 1)
        #expect(
            r.stderr.hasPrefix("error: ") && r.stderr.contains("lib.so: the C compiler")
                && r.stderr.contains("did not finish within 2 s and was stopped"), "\(r.stderr)")
        #expect(listing(tmp) == [])
        #expect(listing(out) == [])
        let children = ((try? String(contentsOfFile: pids, encoding: .utf8)) ?? "").split(separator: " ").compactMap {
            pid_t($0.trimmingCharacters(in: .whitespacesAndNewlines))
        }
        #expect(children.count == 2)
        for pid in children { #expect(Self.isGone(pid)) }
    }

    /// A FIFO as the weights file is refused at once, not opened and waited on (issue 15, item 7).
    @Test(.timeLimit(.minutes(1))) func aFIFOAsTheWeightsFileIsRefusedNotWaitedOn() throws {
        let dir = TemporaryDirectory()
        try FileManager.default.copyItem(atPath: TestPaths.repo("examples/lenet5"), toPath: dir.path("lenet5"))
        let weights = dir.path("lenet5/lenet5.safetensors")
        try FileManager.default.removeItem(atPath: weights)
        #expect(mkfifo(weights, 0o644) == 0)
        let r = try cnnc(["compile", dir.path("lenet5/net.json"), "-o", dir.path("lib.so")])
        expectCleanFailure(r)
        #expect(
            r.stderr.contains("cannot use the weights file") && r.stderr.contains("expected a regular safetensors file, got a FIFO"), "\(r)"
        )
        #expect(!FileManager.default.fileExists(atPath: dir.path("lib.so")))
    }
}
#endif
