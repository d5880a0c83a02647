import CNNTestSupport
import Foundation
import Testing

/// `cnnc compile --dump-ir-after PASS|all` prints the graph as imported and after passes.
@Suite struct DumpIRTests {
    static let lenet = TestPaths.repo("examples/lenet5/net.json")

    @Test func dumpsTheGraphAfterTheNamedPass() throws {
        let dir = TemporaryDirectory()
        let r = try cnnc(["compile", Self.lenet, "-o", dir.path("l.so"), "--dump-ir-after", "import", "--dump-ir-after", "fuse"])
        #expect(r.status == 0, "\(r)")
        let sections = r.stdout.components(separatedBy: "== after ").dropFirst()
        #expect(sections.map { $0.prefix { $0 != "\n" } } == ["import", "fuse"])
        let imported = String(sections.first ?? "")
        let fused = String(sections.last ?? "")
        // As imported: c1 and the pool s2 are separate nodes; after fusion one conv computes both.
        #expect(imported.contains("'s2' = pool("), "\(imported)")
        #expect(fused.contains("layers 'c1' + 's2'") && !fused.contains("'s2' = pool("), "\(fused)")
        #expect(fused.contains("params bias [6], weight [6, 1, 5, 5]"))
        #expect(FileManager.default.fileExists(atPath: dir.path("l.so")))
    }

    @Test func allDumpsEveryPassThatRuns() throws {
        let dir = TemporaryDirectory()
        let r = try cnnc(["compile", Self.lenet, "-o", dir.path("l.so"), "--dump-ir-after", "all", "--no-fuse"])
        #expect(r.status == 0, "\(r)")
        let names = r.stdout.components(separatedBy: "== after ").dropFirst().map { String($0.prefix { $0 != "\n" }) }
        #expect(names == ["import", "remove-dropout", "eliminate-dead-nodes"])
    }

    @Test func anUnknownPassIsAnErrorAndWritesNothing() throws {
        let dir = TemporaryDirectory()
        let r = try cnnc(["compile", Self.lenet, "-o", dir.path("l.so"), "--dump-ir-after", "fusion"])
        expectCleanFailure(r)
        #expect(r.stderr.contains("--dump-ir-after: expected a pass name or 'all'") && r.stderr.contains("got 'fusion'"), "\(r)")
        #expect(!FileManager.default.fileExists(atPath: dir.path("l.so")))
    }
}
