import Foundation

/// What a finished child process printed and returned.
struct ProcessResult {
    var status: Int32
    var stdout: String
    var stderr: String
}

extension Toolchain {
    /// Runs `executable` with an argument array (never a shell string) and collects its output.
    static func run(_ executable: String, _ arguments: [String], in directory: String) throws -> ProcessResult {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        // Drain both pipes concurrently so a chatty compiler cannot block on a full pipe.
        let errBox = DataBox()
        let group = DispatchGroup()
        let errHandle = err.fileHandleForReading
        DispatchQueue.global().async(group: group) { errBox.data = errHandle.readDataToEndOfFile() }
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        let errData = errBox.data
        process.waitUntilExit()
        return ProcessResult(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self), stderr: String(decoding: errData, as: UTF8.self))
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

/// Holds the stderr bytes read on another thread; the group's wait orders the accesses.
private final class DataBox: @unchecked Sendable {
    var data = Data()
}
