import CNNFiles
import Foundation

/// What a finished child process printed and returned.
struct ProcessResult {
    var status: Int32
    var stdout: String
    var stderr: String
    /// True when the process was stopped because it ran past its time limit.
    var timedOut = false
}

extension Toolchain {
    /// Runs `executable` with an argument array (never a shell string) and collects its output.
    ///
    /// The child leads its own process group (Foundation starts it so), registered with `Cleanup`:
    /// an interrupted cnnc ends the group (the compiler and the assembler or linker it started).
    /// Past `timeLimit` seconds the group is ended and the result says `timedOut`.
    /// With `temporaryDirectory`, the child's TMPDIR is set to it (clang puts its object files there).
    static func run(
        _ executable: String, _ arguments: [String], in directory: String, timeLimit: Double? = nil, temporaryDirectory: String? = nil
    ) throws -> ProcessResult {
        let process = Process()
        if let temporaryDirectory {
            var environment = ProcessInfo.processInfo.environment
            environment["TMPDIR"] = temporaryDirectory
            process.environment = environment
        }
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        let pid = try Cleanup.shared.spawnChild {
            try process.run()
            return process.processIdentifier
        }
        defer { Cleanup.shared.childExited(pid) }
        let timer = TimeoutFlag()
        if let timeLimit {
            DispatchQueue.global().asyncAfter(deadline: .now() + timeLimit) {
                guard process.isRunning else { return }
                timer.fired = true
                Cleanup.endProcessGroup(pid)
            }
        }
        // Drain both pipes concurrently so a chatty compiler cannot block on a full pipe.
        let errBox = DataBox()
        let group = DispatchGroup()
        let errHandle = err.fileHandleForReading
        DispatchQueue.global().async(group: group) { errBox.data = errHandle.readDataToEndOfFile() }
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        let errData = errBox.data
        process.waitUntilExit()
        return ProcessResult(
            status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errData, as: UTF8.self), timedOut: timer.fired)
    }

    /// Every executable called `name` on PATH, in PATH order.
    static func allOnPath(_ name: String, environment: [String: String]) -> [String] {
        let path = environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/\(name)" }.filter { FileManager.default.isExecutableFile(atPath: $0) }
            .map { URL(fileURLWithPath: $0).standardizedFileURL.path }
    }

    /// A name or path to an absolute executable path.
    static func resolve(_ name: String, environment: [String: String]) -> String? {
        if name.contains("/") { return FileManager.default.isExecutableFile(atPath: name) ? name : nil }
        return allOnPath(name, environment: environment).first
    }
}

/// Set by the time limit's timer; read after the child has exited.
private final class TimeoutFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false
    var fired: Bool {
        get {
            lock.lock()
            defer { lock.unlock() }
            return value
        }
        set {
            lock.lock()
            value = newValue
            lock.unlock()
        }
    }
}

/// Holds the stderr bytes read on another thread; the group's wait orders the accesses.
private final class DataBox: @unchecked Sendable {
    var data = Data()
}

extension Toolchain {
    /// Runs a helper program (e.g. `python3 -m cnnc.reference`) found on PATH, or at `executable` when it
    /// holds a '/', with an argument array; nil when there is no such program.
    public static func runHelper(
        _ executable: String, _ arguments: [String], in directory: String
    ) throws -> (status: Int32, stdout: String, stderr: String)? {
        let environment = ProcessInfo.processInfo.environment
        let path = executable.contains("/") ? executable : allOnPath(executable, environment: environment).first
        guard let path, FileManager.default.isExecutableFile(atPath: path) else { return nil }
        let r = try run(path, arguments, in: directory)
        return (r.status, r.stdout, r.stderr)
    }
}
