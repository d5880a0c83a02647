import CNNTestSupport
import Foundation
import Testing

/// `cnnc compile --time` (a line a stage on standard error) and `--jobs`.
@Suite("cnnc compile --time, --jobs")
struct CompileTimeTests {
    static let lenet = TestPaths.repo("examples/lenet5/net.json")

    /// The stage names of the table, in order.
    static func stages(_ stderr: String) -> [String] {
        stderr.split(separator: "\n").filter { $0.hasPrefix("time: ") && !$0.hasPrefix("time:   ") }
            .map { String($0.dropFirst("time: ".count).prefix(22)).trimmingCharacters(in: .whitespaces) }
    }

    @Test func timePrintsEveryStageInOrder() throws {
        let dir = TemporaryDirectory()
        // One unit: compiled and linked by one process.
        let r = try cnnc(["compile", Self.lenet, "-o", dir.path("lenet.so"), "--time", "--quiet", "--jobs", "1"])
        #expect(r.status == 0, "\(r)")
        #expect(r.stdout.isEmpty)
        #expect(Self.stages(r.stderr) == ["read", "passes", "codegen", "write C", "C compiler", "total"], "\(r)")
        #expect(r.stderr.contains("1 unit, compiled and linked in one process"), "\(r)")
        // LeNet-5's C (over 100 KB) split: the units, then the link.
        let split = try cnnc(["compile", Self.lenet, "-o", dir.path("lenet2.so"), "--time", "--jobs", "2"])
        #expect(split.status == 0, "\(split)")
        #expect(Self.stages(split.stderr) == ["read", "passes", "codegen", "write C", "C compiler", "link", "total"], "\(split)")
        #expect(split.stderr.contains(" units, 2 at a time; "), "\(split)")
        for line in (r.stderr + split.stderr).split(separator: "\n") {
            #expect(line.hasPrefix("time: "), "\(r)")
            #expect(line.contains(" s"), "every line has its seconds: \(line)")
        }
        #expect(listing(dir.url.path) == ["lenet.so", "lenet2.so"])
    }

    /// With and without the split, and no --time: nothing printed.
    @Test func jobsOneAndMoreBuildTheLibraryQuietly() throws {
        let dir = TemporaryDirectory()
        for jobs in ["1", "3"] {
            let r = try cnnc(["compile", Self.lenet, "-o", dir.path("lenet\(jobs).so"), "--jobs", jobs])
            #expect(r.status == 0 && r.stderr.isEmpty && r.stdout.isEmpty, "\(r)")
        }
        #expect(listing(dir.url.path) == ["lenet1.so", "lenet3.so"])
    }

    @Test func jobsBelowOneIsRefused() throws {
        let dir = TemporaryDirectory()
        let r = try cnnc(["compile", Self.lenet, "-o", dir.path("lenet.so"), "--jobs", "0"])
        #expect(r.status != 0)
        #expect(r.stderr.contains("expected --jobs of at least 1, got 0"), "\(r)")
        #expect(listing(dir.url.path).isEmpty)
    }
}
