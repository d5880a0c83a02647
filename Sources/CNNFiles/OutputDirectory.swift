import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// One output directory being written atomically: its files go into a temporary directory beside
/// the final path, which `commit()` renames into place. Until then the temporary directory is
/// removed when the value goes away, and by `Cleanup` when the process is interrupted.
///
/// The path may be new, or an existing directory whose every entry `replaceable` accepts (e.g.
/// one this tool wrote before); anything else there (a file, a link, a directory with other
/// contents, one of the command's inputs) is refused and left untouched.
public final class PendingDirectory: @unchecked Sendable {
    /// The path as given.
    public let path: String
    /// The directory `commit()` creates or replaces; absolute.
    public let destination: String
    /// The temporary directory beside `destination`; absolute.
    public let temporary: String
    private var created = false
    private var committed = false

    /// Checks `path` as an output directory (see the type's summary) against `inputs` and the recorded `InputFiles`.
    public init(_ path: String, inputs: [String] = [], replaceable: (_ name: String, _ path: String) -> Bool) throws(FileError) {
        self.path = path
        destination = OutputFile.absolute(try OutputDirectory.destination(path, inputs: inputs, replaceable: replaceable))
        temporary = OutputFile.temporaryPath(beside: destination)
        Cleanup.shared.add(path: temporary)
    }

    deinit {
        if !committed && created { try? FileManager.default.removeItem(atPath: temporary) }
        Cleanup.shared.remove(path: temporary)
    }

    /// Writes the file `name` inside the directory with the bytes `body` appends (flushed to disk).
    public func write(_ name: String, _ body: ((UnsafeRawBufferPointer) throws -> Void) throws -> Void) throws {
        precondition(!name.contains("/") && !name.hasPrefix("."), "a plain file name, got \(name)")
        if !created {
            guard mkdir(temporary, 0o777) == 0 else {
                throw FileError(path: path, message: "cannot create a temporary directory beside it (\(OutputFile.reason(errno)))")
            }
            created = true
        }
        let file = PendingFileInDirectory(path: path, file: temporary + "/" + name)
        try file.write(body)
    }

    /// Writes `data` as the file `name` inside the directory.
    public func write(_ name: String, _ data: Data) throws {
        try write(name) { append in try data.withUnsafeBytes { try append($0) } }
    }

    /// Moves the complete directory into place: renamed over a new path, or swapped with the
    /// directory it replaces (the old one is renamed aside, the new one renamed in, the old one removed).
    public func commit() throws(FileError) {
        if !created {
            guard mkdir(temporary, 0o777) == 0 else {
                throw FileError(path: path, message: "cannot create a temporary directory beside it (\(OutputFile.reason(errno)))")
            }
            created = true
        }
        var info = stat()
        if lstat(destination, &info) == 0 {
            let aside = OutputFile.temporaryPath(beside: destination)
            guard rename(destination, aside) == 0 else {
                throw FileError(path: path, message: "cannot replace it (\(OutputFile.reason(errno)))")
            }
            guard rename(temporary, destination) == 0 else {
                let reason = OutputFile.reason(errno)
                _ = rename(aside, destination)
                throw FileError(path: path, message: "cannot replace it (\(reason))")
            }
            try? FileManager.default.removeItem(atPath: aside)
        } else {
            guard rename(temporary, destination) == 0 else {
                throw FileError(path: path, message: "cannot create it (\(OutputFile.reason(errno)))")
            }
        }
        committed = true
        Cleanup.shared.remove(path: temporary)
    }
}

/// A file written inside a `PendingDirectory`'s temporary directory.
private struct PendingFileInDirectory {
    let path: String
    let file: String

    func write(_ body: ((UnsafeRawBufferPointer) throws -> Void) throws -> Void) throws {
        try writeNewFile(file, path: path, createFailure: "cannot create a file in a temporary directory beside it", body)
    }
}

/// Checks output directories; `PendingDirectory` writes them.
public enum OutputDirectory {
    /// The directory an output at `path` creates or replaces (see `PendingDirectory`).
    public static func destination(
        _ path: String, inputs: [String] = [], replaceable: (_ name: String, _ path: String) -> Bool
    ) throws(FileError) -> String {
        func refuse(_ message: String) -> FileError { FileError(path: path, message: message) }
        guard !path.isEmpty else { throw refuse("expected an output directory path, got an empty one") }
        var trimmed = path
        while trimmed.count > 1 && trimmed.hasSuffix("/") { trimmed.removeLast() }
        var info = stat()
        if lstat(trimmed, &info) == 0 {
            let kind = info.st_mode & S_IFMT
            guard kind == S_IFDIR else {
                throw refuse(
                    "expected a new directory or one written before by this command, got \(OutputFile.kindName(kind)); nothing was written")
            }
            let entries: [String]
            do { entries = try FileManager.default.contentsOfDirectory(atPath: trimmed).sorted() } catch {
                throw refuse("cannot list the existing directory to replace it (\(error.localizedDescription))")
            }
            for name in entries {
                let entry = trimmed + "/" + name
                var entryInfo = stat()
                guard lstat(entry, &entryInfo) == 0, (entryInfo.st_mode & S_IFMT) == S_IFREG, replaceable(name, entry) else {
                    throw refuse(
                        "expected a new directory or one written before by this command, got a directory holding '\(name)', which it did not write; nothing was written"
                    )
                }
                if let input = InputFiles.matching(device: UInt64(entryInfo.st_dev), inode: UInt64(entryInfo.st_ino), among: inputs) {
                    throw refuse("expected an output directory that holds none of the inputs, got one holding the input '\(input)'")
                }
            }
        } else if errno != ENOENT {
            throw refuse("cannot be used as an output (\(OutputFile.reason(errno)))")
        }
        let directory = OutputFile.directoryName(trimmed)
        var dirInfo = stat()
        guard stat(directory, &dirInfo) == 0, (dirInfo.st_mode & S_IFMT) == S_IFDIR else {
            throw refuse("cannot write the output: its directory '\(directory)' does not exist")
        }
        guard access(directory, W_OK) == 0 else {
            throw refuse("cannot write the output: its directory '\(directory)' is not writable")
        }
        return trimmed
    }

    /// True when the file at `path` starts with `prefix` (e.g. a generator's first comment).
    public static func fileStarts(_ path: String, with prefix: String) -> Bool {
        guard let handle = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? handle.close() }
        let expected = Data(prefix.utf8)
        return (try? handle.read(upToCount: expected.count)) == expected
    }
}
