import CNNFiles
import CNNIR
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// External data: a tensor whose bytes live in another file, named by its `location`.
///
/// Models come from the internet, so a location is untrusted (ONNX's own CVE-2024-27318 is this
/// class of bug). It must resolve, symbolic links included, to a regular file inside the model's
/// own directory; `offset` and `length` must lie within that file. Nothing else is ever opened,
/// and no device, FIFO or socket is opened at all (opening a FIFO would block, a device could
/// have side effects). docs/untrusted-models.md states the whole policy.
extension TensorDecoder {
    /// The bytes of an external tensor, or nil if its file is missing and seeding is on.
    func externalBytes(_ tensor: Onnx_TensorProto) throws -> Data? {
        var fields: [String: String] = [:]
        for entry in tensor.externalData { fields[entry.key] = entry.value }
        guard let location = fields["location"], !location.isEmpty else {
            throw fail(tensor, "expected an external_data 'location', got none")
        }
        let file = try ExternalDataFile(location: location, modelDirectory: modelDirectory) { why in
            fail(tensor, "external data location '\(Diagnostic.quoted(location))' \(why)")
        }
        guard let file else {
            if seeded != nil && tensor.dataType == Self.floatType { return nil }
            throw fail(tensor, "cannot read its external data file '\(Diagnostic.quoted(modelDirectory + "/" + location))': no such file")
        }
        defer { file.finish() }
        func integer(_ key: String) throws -> Int? {
            guard let text = fields[key] else { return nil }
            guard let value = Int(text), value >= 0 else {
                throw fail(
                    tensor, "expected external_data '\(key)' to be a non-negative integer below 2^63, got '\(Diagnostic.quoted(text))'")
            }
            return value
        }
        let offset = try integer("offset") ?? 0
        let length = try integer("length") ?? max(file.size - offset, 0)
        let (end, overflow) = offset.addingReportingOverflow(length)
        guard !overflow, end <= file.size else {
            throw fail(
                tensor,
                "external data location '\(Diagnostic.quoted(location))': expected offset \(offset) + length \(length) within the file's \(file.size) bytes"
            )
        }
        return try file.read(offset: offset, length: length) { why in
            fail(tensor, "external data location '\(Diagnostic.quoted(location))': \(why)")
        }
    }
}

/// An open, checked external data file: a regular file inside the model's directory.
struct ExternalDataFile {
    let descriptor: Int32
    /// The file's size in bytes.
    let size: Int

    /// Opens `location` relative to `modelDirectory`, or returns nil when it names no file.
    ///
    /// - Throws: `refuse(why)` when the location is absolute, leaves the directory (by `..` or a
    ///   symbolic link), or names something other than a regular file; `why` completes
    ///   "external data location '...' ...".
    init?(location: String, modelDirectory: String, refuse: (String) -> Diagnostic) throws {
        guard !location.utf8.contains(0) else { throw refuse("contains a NUL byte; expected a file name") }
        guard !location.hasPrefix("/") else {
            throw refuse("is an absolute path; expected a path relative to the model's directory")
        }
        // Lexically first, so that even a missing file outside the directory is never looked up.
        var depth = 0
        for component in location.split(separator: "/") where component != "." {
            depth += component == ".." ? -1 : 1
            guard depth >= 0 else { throw refuse("leaves the model's directory through '..'; expected a file inside it") }
        }
        guard let base = Self.realPath(modelDirectory) else {
            throw refuse(
                "cannot be resolved: the model's directory '\(Diagnostic.quoted(modelDirectory))' cannot be resolved (\(String(cString: strerror(errno))))"
            )
        }
        guard let resolved = Self.realPath(modelDirectory + "/" + location) else {
            if errno == ENOENT || errno == ENOTDIR { return nil }
            throw refuse("cannot be resolved: \(String(cString: strerror(errno)))")
        }
        let inside = base == "/" ? resolved.count > 1 : resolved.hasPrefix(base + "/")
        guard inside else {
            throw refuse(
                "resolves to '\(Diagnostic.quoted(resolved))', outside the model's directory '\(Diagnostic.quoted(base))' (symbolic links are followed); expected a file inside it"
            )
        }
        var before = stat()
        guard stat(resolved, &before) == 0 else { throw refuse("cannot be read: \(String(cString: strerror(errno)))") }
        guard (before.st_mode & S_IFMT) == S_IFREG else {
            throw refuse("is \(Self.kindName(before.st_mode)), not a regular file; expected a regular file inside the model's directory")
        }
        // O_NOFOLLOW: `resolved` has no links left; O_NONBLOCK: never wait on a file swapped for a FIFO.
        let fd = open(resolved, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC | O_NOCTTY)
        guard fd >= 0 else { throw refuse("cannot be opened: \(String(cString: strerror(errno)))") }
        var after = stat()
        guard fstat(fd, &after) == 0, (after.st_mode & S_IFMT) == S_IFREG, after.st_dev == before.st_dev, after.st_ino == before.st_ino
        else {
            close(fd)
            throw refuse("changed while it was opened; expected a regular file inside the model's directory")
        }
        descriptor = fd
        size = Int(after.st_size)
        InputFiles.record(resolved)
    }

    /// Closes the descriptor.
    func finish() { close(descriptor) }

    /// `length` bytes from `offset` (already checked to lie within the file).
    func read(offset: Int, length: Int, fail: (String) -> Diagnostic) throws -> Data {
        var data = Data(count: length)
        var done = 0
        try data.withUnsafeMutableBytes { raw in
            while done < length {
                let got = pread(descriptor, raw.baseAddress! + done, length - done, off_t(offset + done))
                if got < 0 && errno == EINTR { continue }
                guard got > 0 else {
                    throw fail(
                        got == 0
                            ? "the file ended at byte \(offset + done) (it was truncated while being read)"
                            : "read failed: \(String(cString: strerror(errno)))")
                }
                done += got
            }
        }
        return data
    }

    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    static func kindName(_ mode: mode_t) -> String {
        switch mode & S_IFMT {
        case S_IFDIR: return "a directory"
        case S_IFIFO: return "a FIFO"
        case S_IFSOCK: return "a socket"
        case S_IFCHR: return "a character device"
        case S_IFBLK: return "a block device"
        default: return "an unknown kind of file"
        }
    }
}
