import Dispatch
import Foundation

#if os(Linux)
import CNNSpawnShim
#endif

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs a program to completion and collects what it printed: the one way cnnc (and its tests)
/// start child processes.
///
/// The child gets an argument array (never a shell string), stdin from /dev/null, stdout and
/// stderr on pipes drained concurrently (a chatty compiler cannot block on a full pipe), default
/// signal dispositions and an empty signal mask, no descriptor of ours but those three, and its
/// own process group, registered with `Cleanup` so that an interrupted cnnc ends the group (the
/// compiler and the assembler or linker it started).
///
/// On Linux this is `posix_spawn` directly. Foundation's `Process.run()` in the Swift 6.3
/// toolchain can crash the calling process (SIGSEGV in a `memmove` while it lists
/// /proc/self/fd to close descriptors, fixed upstream in swift-corelibs-foundation #5472); here
/// glibc's `closefrom` action does that in the child. Elsewhere Foundation's `Process` is used.
public enum ChildProcess {
    /// What a finished child printed and how it ended.
    public struct Result: Sendable {
        /// The exit status, or 128 + the signal number when a signal ended it (as a shell reports it).
        public var status: Int32
        public var stdout: [UInt8]
        public var stderr: [UInt8]
        /// True when the child ran past its time limit and its process group was ended.
        public var timedOut: Bool

        public var stdoutText: String { String(decoding: stdout, as: UTF8.self) }
        public var stderrText: String { String(decoding: stderr, as: UTF8.self) }
    }

    /// A child that could not be started (no such program, no permission, out of processes).
    public struct SpawnError: Error, CustomStringConvertible {
        public var executable: String
        public var reason: String
        public var description: String { "cannot start '\(executable)': \(reason)" }

        init(executable: String, reason: String) {
            self.executable = executable
            self.reason = reason
        }

        /// The error for `errno`-style `code`.
        init(executable: String, code: Int32) { self.init(executable: executable, reason: String(cString: strerror(code))) }
    }

    /// Runs `executable` (an absolute or relative path, not looked up on PATH) with `arguments`
    /// in `directory` (the current one when nil), with `environment` (ours when nil). Past
    /// `timeLimit` seconds the child's process group is sent SIGTERM, then SIGKILL, and the
    /// result says `timedOut`.
    public static func run(
        _ executable: String, _ arguments: [String], directory: String? = nil, environment: [String: String]? = nil,
        timeLimit: Double? = nil
    ) throws -> Result {
        #if os(Linux)
        return try runSpawned(executable, arguments, directory: directory, environment: environment, timeLimit: timeLimit)
        #else
        return try runFoundation(executable, arguments, directory: directory, environment: environment, timeLimit: timeLimit)
        #endif
    }
}

/// The state a time limit's timer shares with the thread that waits for the child.
private final class ChildState: @unchecked Sendable {
    private let lock = NSLock()
    private var reaped = false
    private(set) var timedOut = false

    /// Ends the child's group: SIGTERM now, SIGKILL after `grace` seconds, each only while the
    /// child has not been reaped (so its pid, the group's id, cannot have been reused).
    func timeUp(_ pid: pid_t, grace: Double = 2) {
        guard signal(pid, SIGTERM, timingOut: true) else { return }
        DispatchQueue.global().asyncAfter(deadline: .now() + grace) { _ = self.signal(pid, SIGKILL, timingOut: false) }
    }

    private func signal(_ pid: pid_t, _ sig: Int32, timingOut: Bool) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        guard !reaped else { return false }
        if timingOut { timedOut = true }
        Cleanup.signalGroup(pid, sig)
        return true
    }

    /// Called once the child has exited and before it is reaped.
    func markReaped() {
        lock.lock()
        reaped = true
        lock.unlock()
    }
}

/// Bytes read on another thread; the dispatch group's wait orders the accesses.
private final class ByteBox: @unchecked Sendable {
    var bytes: [UInt8] = []
}

#if os(Linux)
extension ChildProcess {
    private static func runSpawned(
        _ executable: String, _ arguments: [String], directory: String?, environment: [String: String]?, timeLimit: Double?
    ) throws -> Result {
        var outPipe: [Int32] = [-1, -1]
        var errPipe: [Int32] = [-1, -1]
        let outCode = cnnc_pipe_cloexec(&outPipe)
        guard outCode == 0 else { throw SpawnError(executable: executable, code: outCode) }
        let errCode = cnnc_pipe_cloexec(&errPipe)
        guard errCode == 0 else {
            close(outPipe[0])
            close(outPipe[1])
            throw SpawnError(executable: executable, code: errCode)
        }

        let pid: pid_t
        do {
            pid = try spawn(executable, arguments, directory: directory, environment: environment, stdout: outPipe[1], stderr: errPipe[1])
        } catch {
            for fd in outPipe + errPipe { close(fd) }
            throw error
        }
        close(outPipe[1])
        close(errPipe[1])
        defer { Cleanup.shared.childExited(pid) }

        let state = ChildState()
        if let timeLimit {
            DispatchQueue.global().asyncAfter(deadline: .now() + timeLimit) { state.timeUp(pid) }
        }
        let errBox = ByteBox()
        let group = DispatchGroup()
        let errRead = errPipe[0]
        DispatchQueue.global().async(group: group) { errBox.bytes = readToEnd(errRead) }
        let out = readToEnd(outPipe[0])
        group.wait()
        close(outPipe[0])
        close(errPipe[0])

        // Wait without reaping, so that a time limit firing now still signals our child's group.
        var info = siginfo_t()
        while waitid(P_PID, id_t(pid), &info, WEXITED | WNOWAIT) != 0 && errno == EINTR {}
        state.markReaped()
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        return Result(status: exitStatus(status), stdout: out, stderr: errBox.bytes, timedOut: state.timedOut)
    }

    /// Starts `executable` as `run` does, with stdout and stderr on `stdout` and `stderr` (or
    /// /dev/null), registered with `Cleanup`; returns its pid.
    fileprivate static func spawn(
        _ executable: String, _ arguments: [String], directory: String?, environment: [String: String]?, stdout: Int32?, stderr: Int32?
    ) throws -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        if let stdout {
            posix_spawn_file_actions_adddup2(&actions, stdout, 1)
        } else {
            posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        }
        if let stderr {
            posix_spawn_file_actions_adddup2(&actions, stderr, 2)
        } else {
            posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        }
        // Every other descriptor: those opened without O_CLOEXEC (by us or a library) stay out of the child.
        cnnc_spawn_addclosefrom(&actions, 3)
        if let directory { cnnc_spawn_addchdir(&actions, directory) }

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // A new process group led by the child; signals we ignore (cnnc ignores SIGINT while its
        // handler runs) and our mask are not passed on.
        var all = sigset_t()
        var none = sigset_t()
        sigfillset(&all)
        sigemptyset(&none)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setpgroup(&attributes, 0)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))

        let argv = CStringArray([executable] + arguments)
        let envp = CStringArray(
            (environment ?? ProcessInfo.processInfo.environment).sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" })
        return try Cleanup.shared.spawnChild {
            var child: pid_t = 0
            let code = posix_spawn(&child, executable, &actions, &attributes, argv.pointers, envp.pointers)
            guard code == 0 else { throw SpawnError(executable: executable, code: code) }
            return child
        }
    }

    /// Starts `executable` with `arguments` and `environment` (ours when nil), stdin, stdout and
    /// stderr on /dev/null, and returns at once; the caller waits for it (`Running.waitForExit`).
    /// The child gets what `run`'s does: its own process group, registered with `Cleanup`, no
    /// descriptor of ours, default signal handling.
    public static func start(_ executable: String, _ arguments: [String], environment: [String: String]? = nil) throws -> Running {
        Running(pid: try spawn(executable, arguments, directory: nil, environment: environment, stdout: nil, stderr: nil))
    }

    /// A child started by `start`.
    public final class Running: @unchecked Sendable {
        public let pid: pid_t
        private let lock = NSLock()
        private var status: Int32?

        fileprivate init(pid: pid_t) { self.pid = pid }

        /// Whether the child is still running (one that has ended is reaped here).
        public var isRunning: Bool { reap(blocking: false) == nil }

        /// Waits for the child to end: its exit status, or 128 + the signal that ended it.
        @discardableResult public func waitForExit() -> Int32 { reap(blocking: true)! }

        private func reap(blocking: Bool) -> Int32? {
            lock.lock()
            defer { lock.unlock() }
            if let status { return status }
            var raw: Int32 = 0
            var r: pid_t
            repeat { r = waitpid(pid, &raw, blocking ? 0 : WNOHANG) } while r < 0 && errno == EINTR
            guard r == pid else { return nil }
            Cleanup.shared.childExited(pid)
            status = ChildProcess.exitStatus(raw)
            return status
        }
    }

    /// A `waitpid` status as `Result.status` gives it: the exit status, or 128 + the signal
    /// (WEXITSTATUS and WTERMSIG, which Swift does not import as macros).
    fileprivate static func exitStatus(_ raw: Int32) -> Int32 {
        let signal = raw & 0x7f
        return signal == 0 ? (raw >> 8) & 0xff : 128 + signal
    }

    /// Reads `fd` until end of file (retrying on EINTR).
    private static func readToEnd(_ fd: Int32) -> [UInt8] {
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n > 0 {
                bytes += chunk[0..<n]
            } else if n == 0 || errno != EINTR {
                return bytes
            }
        }
    }
}

/// A NULL-terminated array of C strings that lives as long as this value.
private final class CStringArray {
    let pointers: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>
    private let count: Int

    init(_ strings: [String]) {
        count = strings.count
        pointers = .allocate(capacity: count + 1)
        for (i, s) in strings.enumerated() { pointers[i] = strdup(s) }
        pointers[count] = nil
    }

    deinit {
        for i in 0..<count { free(pointers[i]) }
        pointers.deallocate()
    }
}
#else
extension ChildProcess {
    private static func runFoundation(
        _ executable: String, _ arguments: [String], directory: String?, environment: [String: String]?, timeLimit: Double?
    ) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        if let environment { process.environment = environment }
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        let pid: pid_t
        do {
            pid = try Cleanup.shared.spawnChild {
                try process.run()
                return process.processIdentifier
            }
        } catch {
            throw SpawnError(executable: executable, reason: "\(error)")
        }
        defer { Cleanup.shared.childExited(pid) }
        let state = ChildState()
        if let timeLimit {
            DispatchQueue.global().asyncAfter(deadline: .now() + timeLimit) {
                if process.isRunning { state.timeUp(pid) }
            }
        }
        let errBox = ByteBox()
        let group = DispatchGroup()
        let errHandle = err.fileHandleForReading
        DispatchQueue.global().async(group: group) { errBox.bytes = [UInt8](errHandle.readDataToEndOfFile()) }
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        state.markReaped()
        let status = process.terminationReason == .uncaughtSignal ? 128 + process.terminationStatus : process.terminationStatus
        return Result(status: status, stdout: [UInt8](outData), stderr: errBox.bytes, timedOut: state.timedOut)
    }
}
#endif
