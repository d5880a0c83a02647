import CNNTestSupport
import Foundation
import Testing

/// A full disk is reported as such, naming the file, never as "a cnnc bug" or a raw Foundation
/// error (issue 15, item 9). Needs a tiny tmpfs, so it runs only where this process may mount one.
@Suite(.serialized, .enabled(if: canMountTinyTmpfs)) struct FullDiskTests {
    /// Mounts a 100 KiB tmpfs at a fresh directory; nil when not permitted.
    static func mountTiny() -> (dir: TemporaryDirectory, mount: String)? {
        let dir = TemporaryDirectory()
        let mount = dir.path("full")
        try? FileManager.default.createDirectory(atPath: mount, withIntermediateDirectories: true)
        guard let r = try? runProcess("/bin/mount", ["-t", "tmpfs", "-o", "size=100k", "tmpfs", mount]), r.status == 0 else { return nil }
        return (dir, mount)
    }

    static func unmount(_ path: String) { _ = try? runProcess("/bin/umount", [path]) }

    @Test func aFullOutputDiskIsNamed() throws {
        let m = try #require(Self.mountTiny())
        defer { Self.unmount(m.mount) }
        let r = try cnnc(["compile", TestPaths.repo("examples/lenet5/net.json"), "-o", m.mount + "/lib.so"])
        expectCleanFailure(r)
        #expect(
            r.stderr.contains("lib.so: the C compiler (") && r.stderr.contains("could not write the library: no space left on device"),
            "\(r)")
        #expect(!r.stderr.contains("cnnc bug"), "\(r)")
        #expect(listing(m.mount) == [])
    }

    @Test func aFullTemporaryDirectoryIsNamed() throws {
        let m = try #require(Self.mountTiny())
        defer { Self.unmount(m.mount) }
        let out = m.dir.path("lib.so")
        var environment = ProcessInfo.processInfo.environment
        environment["TMPDIR"] = m.mount
        let r = try runProcess(
            TestPaths.cnnc, ["compile", TestPaths.repo("examples/lenet5/net.json"), "-o", out], environment: environment)
        #expect(r.status == 1)
        #expect(
            r.stderr.hasPrefix("error: \(m.mount)/cnnc-") && r.stderr.contains("No space left on device: the disk is full")
                && r.stderr.contains("set TMPDIR"), "\(r.stderr)")
        #expect(listing(m.mount) == [])
        #expect(!FileManager.default.fileExists(atPath: out))
    }

    @Test func aFullDiskAtRunOutputIsNamed() throws {
        let m = try #require(Self.mountTiny())
        defer { Self.unmount(m.mount) }
        let lib = m.dir.path("lib.so")
        let x = m.dir.path("x.npy")
        let description = m.dir.path("t.json")
        try net(#"{"name": "r", "op": "relu"}"#).write(toFile: description, atomically: true, encoding: .utf8)
        #expect(try cnnc(["compile", description, "-o", lib]).status == 0)
        try writeNPY([1, 4, 4], Array(repeating: 1, count: 16), to: x)
        try Data(count: 100 * 1024).write(to: URL(fileURLWithPath: m.mount + "/fill"))
        let r = try cnnc(["run", lib, "--input", x, "--output", m.mount + "/y.npy"])
        expectCleanFailure(r)
        #expect(r.stderr.contains("y.npy: cannot write it (No space left on device: the disk is full)"), "\(r)")
        #expect(listing(m.mount) == ["fill"])
    }
}

/// Whether this process may mount a tmpfs (root in a container that allows it).
let canMountTinyTmpfs: Bool = {
    guard getuid() == 0, let m = FullDiskTests.mountTiny() else { return false }
    FullDiskTests.unmount(m.mount)
    return true
}()
