import CNNFiles
import CNNTestSupport
import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// `ChildProcess`, which starts the C compiler and archiver (and every program the tests run):
/// what the child gets and what comes back.
@Suite struct ChildProcessTests {
    @Test func collectsBothStreamsInFullAndTheExitStatus() throws {
        // 1 MB on each stream: more than a pipe holds, so both must be drained while the child runs.
        let r = try ChildProcess.run(
            "/bin/sh", ["-c", "head -c 1000000 /dev/zero | tr '\\0' a; head -c 1000000 /dev/zero | tr '\\0' b >&2; exit 3"])
        #expect(r.status == 3)
        #expect(r.stdout.count == 1_000_000 && r.stdout.allSatisfy { $0 == UInt8(ascii: "a") })
        #expect(r.stderr.count == 1_000_000 && r.stderr.allSatisfy { $0 == UInt8(ascii: "b") })
        #expect(!r.timedOut)
    }

    @Test func aSignalGives128PlusItsNumber() throws {
        let r = try ChildProcess.run("/bin/sh", ["-c", "kill -TERM $$"])
        #expect(r.status == 128 + SIGTERM)
    }

    @Test func runsInTheDirectoryWithTheEnvironmentGiven() throws {
        let dir = TemporaryDirectory()
        let r = try ChildProcess.run(
            "/bin/sh", ["-c", "pwd; echo \"$CNNC_CHILD_TEST\"; echo \"${HOME-unset}\""],
            directory: dir.url.path, environment: ["CNNC_CHILD_TEST": "x y"])
        let lines = r.stdoutText.split(separator: "\n").map(String.init)
        #expect(lines == [URL(fileURLWithPath: dir.url.path).resolvingSymlinksInPath().path, "x y", "unset"])
    }

    @Test func stdinIsEmptyAndNoOtherDescriptorOfOursIsInherited() throws {
        let dir = TemporaryDirectory()
        let path = dir.path("held")
        FileManager.default.createFile(atPath: path, contents: Data("x".utf8))
        // Opened without O_CLOEXEC, as a library might: the child must still not get it.
        let fd = open(path, O_RDONLY)
        try #require(fd >= 3)
        defer { close(fd) }
        let r = try ChildProcess.run(
            "/bin/sh",
            // The shell lists its descriptors with a glob, not `ls | sort`: a pipeline's pipe ends
            // can still be open in the shell while ls reads /proc/$$/fd (seen once under load).
            [
                "-c",
                "cat; for f in /proc/$$/fd/*; do printf '%s ' \"${f##*/}\"; done; echo; test -e /proc/$$/fd/\(fd) && echo leaked || echo closed",
            ])
        let lines = r.stdoutText.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.count >= 2 && lines[1] == "closed", "\(r.stdoutText)")
        // The shell's own: 0, 1, 2 and at most the directory the glob reads.
        let open = lines[0].split(separator: " ").compactMap { Int($0) }.sorted()
        #expect(Array(open.prefix(3)) == [0, 1, 2] && open.count <= 4, "\(lines[0])")
    }

    @Test func theChildLeadsItsOwnGroupWithDefaultSignalHandling() throws {
        let group = try ChildProcess.run("/bin/sh", ["-c", "echo $$; cut -d' ' -f5 /proc/$$/stat"])
        let ids = group.stdoutText.split(separator: "\n").map(String.init)
        #expect(ids.count == 2 && ids[0] == ids[1], "the shell's pid and group: \(ids)")
        // The test process ignores SIGPIPE (as Swift programs do); a spawned compiler must not.
        // grep reads its own masks, as it got them (a shell blocks signals around its forks).
        let old = signal(SIGPIPE, SIG_IGN)
        defer { signal(SIGPIPE, old) }
        let r = try ChildProcess.run("/bin/grep", ["-E", "^Sig(Ign|Blk)", "/proc/self/status"])
        let lines = r.stdoutText.split(separator: "\n").map(String.init)
        try #require(lines.count == 2, "\(r.stdoutText)")
        // Signals 1-31 (bit n-1 of each mask); glibc keeps real-time signals 33 and 34 for itself.
        func standardSignals(_ line: String) -> UInt64? {
            UInt64(line.split(separator: "\t").last ?? "", radix: 16).map { $0 & 0x7fff_ffff }
        }
        for line in lines { #expect(standardSignals(line) == 0, "\(line)") }
    }

    @Test(.timeLimit(.minutes(1))) func aTimeLimitEndsTheWholeGroup() throws {
        let started = Date()
        // The grandchild holds the pipes open too: the group must end, not just the shell.
        let r = try ChildProcess.run("/bin/sh", ["-c", "sleep 30 & sleep 30; wait"], timeLimit: 0.5)
        #expect(r.timedOut)
        #expect(r.status == 128 + SIGTERM)
        #expect(Date().timeIntervalSince(started) < 10)
    }

    @Test func aMissingProgramIsAnErrorNamingIt() throws {
        #expect {
            try ChildProcess.run("/nonexistent/cc", [])
        } throws: { error in
            "\(error)" == "cannot start '/nonexistent/cc': No such file or directory"
        }
    }

    /// Many runs from several threads at once: each gets its own output, none hangs on another's
    /// pipe, and none leaves a descriptor open afterwards.
    @Test(.timeLimit(.minutes(2))) func concurrentRunsStayApartAndLeakNothing() throws {
        func openDescriptors() -> Int { (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd").count) ?? 0 }
        let before = openDescriptors()
        let results = Results()
        DispatchQueue.concurrentPerform(iterations: 64) { i in
            let r = try? ChildProcess.run("/bin/sh", ["-c", "echo \(i); echo e\(i) >&2"])
            results.set(i, r.map { $0.stdoutText + $0.stderrText })
        }
        for i in 0..<64 { #expect(results.get(i) == "\(i)\ne\(i)\n") }
        // Other suites run in this process at the same time and open descriptors of their own
        // (an exact `<=` failed once that way, 21 -> 23); a run that leaked even one end of a
        // pipe would leave 64 more.
        let after = openDescriptors()
        #expect(after < before + 16, "descriptors open: \(before) before, \(after) after 64 runs")
    }
}

private final class Results: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [Int: String] = [:]
    func set(_ i: Int, _ value: String?) {
        lock.lock()
        values[i] = value
        lock.unlock()
    }
    func get(_ i: Int) -> String? {
        lock.lock()
        defer { lock.unlock() }
        return values[i]
    }
}
