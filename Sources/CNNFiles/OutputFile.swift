import CNNErrors
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A file that could not be written or used as an output, worded for the user.
public struct FileError: LocatedError {
    /// The path as the user gave it.
    public let path: String
    /// What is wrong, as "expected X, got Y" where it can be.
    public let message: String
    public init(path: String, message: String) {
        self.path = path
        self.message = message
    }
    /// The file (rendered `path: message`).
    public var location: SourceLocation { SourceLocation(file: path) }
}

/// One output file being written atomically: bytes go to a temporary file beside the final path,
/// which is renamed over it only by `commit()`. Until then the temporary file is removed when
/// the value goes away, and by `Cleanup` when the process is interrupted.
///
/// Outputs are regular files only. The path may not be a directory, a device, a FIFO, a socket
/// or one of the command's inputs (compared by device and inode, so hard links and other
/// spellings count). A symbolic link is written through: the regular file it resolves to is
/// replaced and the link stays; a link that resolves to nothing, or to anything but a regular
/// file, is refused.
public final class PendingOutput: @unchecked Sendable {
    /// The path as given.
    public let path: String
    /// The file that `commit()` replaces: `path`, or the regular file a link resolves to; absolute.
    public let destination: String
    /// The temporary file beside `destination`; absolute, so a child process in another directory can write it.
    public let temporary: String
    private var committed = false

    /// Checks `path` as an output (see the type's summary) against `inputs` and every file recorded in `InputFiles`.
    public init(_ path: String, inputs: [String] = []) throws(FileError) {
        self.path = path
        destination = OutputFile.absolute(try OutputFile.destination(path, inputs: inputs))
        temporary = OutputFile.temporaryPath(beside: destination)
        Cleanup.shared.add(path: temporary)
    }

    deinit {
        if !committed { unlink(temporary) }
        Cleanup.shared.remove(path: temporary)
    }

    /// Creates the temporary file and writes to it what `body` appends, then flushes it to disk.
    public func write(_ body: ((UnsafeRawBufferPointer) throws -> Void) throws -> Void) throws {
        try writeNewFile(temporary, path: path, createFailure: "cannot create a temporary file beside it", body)
    }

    /// Writes `data` (see `write(_:)`).
    public func write(_ data: Data) throws {
        try write { append in try data.withUnsafeBytes { try append($0) } }
    }

    /// Renames the complete temporary file over the destination.
    public func commit() throws(FileError) {
        guard rename(temporary, destination) == 0 else {
            throw FileError(path: path, message: "cannot replace it (\(OutputFile.reason(errno)))")
        }
        committed = true
        Cleanup.shared.remove(path: temporary)
    }
}

/// Checks and names output files; `PendingOutput` writes them.
public enum OutputFile {
    /// Writes `path` atomically with the bytes `body` appends (see `PendingOutput`).
    public static func write(_ path: String, inputs: [String] = [], _ body: ((UnsafeRawBufferPointer) throws -> Void) throws -> Void) throws
    {
        let output = try PendingOutput(path, inputs: inputs)
        try output.write(body)
        try output.commit()
    }

    /// Writes `data` to `path` atomically.
    public static func write(_ data: Data, to path: String, inputs: [String] = []) throws {
        try write(path, inputs: inputs) { append in try data.withUnsafeBytes { try append($0) } }
    }

    /// The file an output at `path` replaces (the path itself, or the regular file a link resolves to).
    ///
    /// - Throws: when `path` is empty, a directory, device, FIFO or socket, a link to one or to
    ///   nothing, one of `inputs` or of the recorded `InputFiles`, or its directory is missing or not writable.
    public static func destination(_ path: String, inputs: [String] = []) throws(FileError) -> String {
        func refuse(_ message: String) -> FileError { FileError(path: path, message: message) }
        guard !path.isEmpty else { throw refuse("expected an output file path, got an empty one") }
        var target = path
        var info = stat()
        if lstat(path, &info) == 0 {
            if (info.st_mode & S_IFMT) == S_IFLNK {
                guard let resolved = realPath(path), stat(resolved, &info) == 0 else {
                    throw refuse(
                        "expected an output file or a symbolic link to one, got a link that resolves to no file (\(reason(errno)))")
                }
                target = resolved
            }
            let kind = info.st_mode & S_IFMT
            guard kind == S_IFREG else {
                let via = target == path ? "" : " (the link resolves to '\(target)')"
                throw refuse("expected an output file path, got \(kindName(kind))\(via); nothing was written")
            }
            if let input = InputFiles.matching(device: UInt64(info.st_dev), inode: UInt64(info.st_ino), among: inputs) {
                throw refuse("expected an output path that is not one of the inputs, got the input '\(input)' itself")
            }
        } else if errno != ENOENT {
            throw refuse("cannot be used as an output (\(reason(errno)))")
        }
        let directory = directoryName(target)
        var dirInfo = stat()
        guard stat(directory, &dirInfo) == 0, (dirInfo.st_mode & S_IFMT) == S_IFDIR else {
            throw refuse("cannot write the output: its directory '\(directory)' does not exist")
        }
        guard access(directory, W_OK) == 0 else {
            throw refuse("cannot write the output: its directory '\(directory)' is not writable")
        }
        return target
    }

    /// A fresh temporary path beside `path`: `.<name>.tmp-<pid>-<8 hex>`, the name cut so the whole stays under 255 bytes.
    public static func temporaryPath(beside path: String) -> String {
        let directory = directoryName(path)
        var base = Substring(fileName(path))
        while base.utf8.count > 200 { base = base.dropLast() }
        let tag = String(format: "%08x", UInt32.random(in: 0...UInt32.max))
        let name = ".\(base).tmp-\(getpid())-\(tag)"
        return directory == "." && !path.hasPrefix("./") ? name : (directory.hasSuffix("/") ? directory + name : directory + "/" + name)
    }

    /// A string that is equal for two spellings of the same output path: the resolved directory and the file name.
    public static func identity(_ path: String) -> String {
        let directory = realPath(directoryName(path)) ?? directoryName(path)
        return directory + "/" + fileName(path)
    }

    /// `path` made absolute against the current directory.
    static func absolute(_ path: String) -> String {
        if path.hasPrefix("/") { return path }
        guard let cwd = getcwd(nil, 0) else { return path }
        defer { free(cwd) }
        return String(cString: cwd) + "/" + path
    }

    /// The directory part of `path` ("." for a bare name).
    static func directoryName(_ path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        let dir = String(path[..<slash])
        return dir.isEmpty ? "/" : dir
    }

    static func fileName(_ path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return path }
        return String(path[path.index(after: slash)...])
    }

    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// An errno as words, with a hint for the common disk problems.
    public static func reason(_ code: Int32) -> String {
        let text = String(cString: strerror(code))
        switch code {
        case ENOSPC: return "\(text): the disk is full"
        case EDQUOT: return "\(text): the disk quota is exhausted"
        default: return text
        }
    }

    /// "a directory", "a FIFO", ... for a `st_mode & S_IFMT`.
    public static func kindName(_ kind: mode_t) -> String {
        switch kind {
        case S_IFDIR: return "a directory"
        case S_IFIFO: return "a FIFO"
        case S_IFSOCK: return "a socket"
        case S_IFCHR: return "a character device"
        case S_IFBLK: return "a block device"
        case S_IFLNK: return "a symbolic link"
        case S_IFREG: return "a regular file"
        default: return "a file of unknown kind"
        }
    }
}

/// The files a command reads, recorded as they are opened, so that no output replaces one.
///
/// Recording is off until `startTracking()`: the `cnnc` commands turn it on (one command per
/// process); a program using the libraries passes its inputs to `OutputFile` explicitly, so that
/// it may read a file and later rewrite it.
public enum InputFiles {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var files: [(device: UInt64, inode: UInt64, path: String)] = []
    nonisolated(unsafe) private static var tracking = false

    /// From now on, every input this process reads is recorded and refused as an output.
    public static func startTracking() {
        lock.lock()
        defer { lock.unlock() }
        tracking = true
    }

    /// Records `path` (if it exists and tracking is on) as an input of this process.
    public static func record(_ path: String) {
        var info = stat()
        lock.lock()
        defer { lock.unlock() }
        guard tracking, stat(path, &info) == 0 else { return }
        files.append((UInt64(info.st_dev), UInt64(info.st_ino), path))
    }

    /// The first of `paths` or of the recorded inputs that is the file (device, inode), if any.
    static func matching(device: UInt64, inode: UInt64, among paths: [String]) -> String? {
        for path in paths {
            var info = stat()
            if stat(path, &info) == 0, UInt64(info.st_dev) == device, UInt64(info.st_ino) == inode { return path }
        }
        lock.lock()
        defer { lock.unlock() }
        return files.first { $0.device == device && $0.inode == inode }?.path
    }
}

/// Creates `file` (never an existing file or a link), writes what `body` appends, flushes it to disk
/// (so a crash cannot leave a renamed but incomplete file) and closes it; errors name `path`.
func writeNewFile(
    _ file: String, path: String, createFailure: String,
    _ body: ((UnsafeRawBufferPointer) throws -> Void) throws -> Void
) throws {
    let fd = open(file, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0o666)
    guard fd >= 0 else { throw FileError(path: path, message: "\(createFailure) (\(OutputFile.reason(errno)))") }
    var isOpen = true
    defer { if isOpen { close(fd) } }
    try body { bytes in
        guard let start = bytes.baseAddress else { return }
        var offset = 0
        while offset < bytes.count {
            let written = write(fd, start + offset, bytes.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                throw FileError(path: path, message: "cannot write it (\(OutputFile.reason(errno)))")
            }
            offset += written
        }
    }
    guard fsync(fd) == 0 else { throw FileError(path: path, message: "cannot write it (\(OutputFile.reason(errno)))") }
    isOpen = false
    guard close(fd) == 0 else { throw FileError(path: path, message: "cannot write it (\(OutputFile.reason(errno)))") }
}
