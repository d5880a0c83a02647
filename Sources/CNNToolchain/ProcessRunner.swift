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
    /// Runs `executable` with an argument array (never a shell string) and collects its output
    /// (`ChildProcess`: its own process group, ended if cnnc is interrupted or `timeLimit`
    /// seconds pass). With `temporaryDirectory`, the child's TMPDIR is set to it (clang puts
    /// its object files there).
    static func run(
        _ executable: String, _ arguments: [String], in directory: String, timeLimit: Double? = nil, temporaryDirectory: String? = nil
    ) throws -> ProcessResult {
        var environment: [String: String]?
        if let temporaryDirectory {
            environment = ProcessInfo.processInfo.environment
            environment?["TMPDIR"] = temporaryDirectory
        }
        let r = try ChildProcess.run(executable, arguments, directory: directory, environment: environment, timeLimit: timeLimit)
        return ProcessResult(status: r.status, stdout: r.stdoutText, stderr: r.stderrText, timedOut: r.timedOut)
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
