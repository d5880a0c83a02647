import CNNTestSupport
import Foundation
import Testing

/// `cnnc bench LIB --sessions K`: K sessions running at once.
@Suite("cnnc bench --sessions")
struct BenchSessionsTests {
    @Test func concurrentSessionsReportTotalThroughput() throws {
        let dir = TemporaryDirectory()
        let library = dir.path("lenet.so")
        let compiled = try cnnc(["compile", TestPaths.repo("examples/lenet5/net.json"), "-o", library])
        try #require(compiled.status == 0, "\(compiled)")

        let r = try cnnc(["bench", library, "--batch", "4", "--threads", "1", "--sessions", "3", "--iterations", "5", "--json"])
        #expect(r.status == 0, "\(r)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any], "\(r)")
        #expect(object["sessions"] as? Int == 3)
        #expect(object["batch"] as? Int == 4)
        #expect(object["threads"] as? Int == 1)
        #expect(object["iterations"] as? Int == 5)
        let times = try #require(object["times_ms"] as? [Double])
        #expect(times.count == 15)  // every session's timed runs
        #expect(times.allSatisfy { $0 > 0 })
        #expect((object["session_images_per_second"] as? [Double])?.count == 3)
        let wall = try #require(object["wall_ms"] as? Double)
        let throughput = try #require(object["images_per_second"] as? Double)
        // Total images over the wall time, and the wall time is at least one session's runs.
        #expect(abs(throughput - 60 / (wall / 1000)) <= throughput * 1e-9)
        #expect(wall >= times.prefix(5).reduce(0, +) * 0.999)
        #expect(try #require(object["median_ms"] as? Double) >= (object["min_ms"] as? Double ?? .infinity))

        let text = try cnnc(["bench", library, "--sessions", "2", "--iterations", "3", "--threads", "1"])
        #expect(text.status == 0, "\(text)")
        #expect(text.stdout.hasPrefix("model lenet5: batch 1, threads 1 per session, 2 sessions at once, 3 runs each\n"), "\(text)")
        #expect(text.stdout.contains(" images/s in all, "), "\(text)")

        // One session: the usual report, with "sessions": 1.
        let one = try cnnc(["bench", library, "--iterations", "2", "--json"])
        #expect(one.status == 0, "\(one)")
        #expect(one.stdout.contains("\"sessions\": 1,"), "\(one)")
    }

    @Test func badSessionCounts() throws {
        let dir = TemporaryDirectory()
        let text = dir.write("text.so", "not a library")
        for arguments in [["--sessions", "0"], ["--sessions", "2", "--layers"]] {
            let r = try cnnc(["bench", text] + arguments)
            expectCleanFailure(r)
            #expect(r.stderr.contains("--sessions"), "\(r)")
        }
    }
}
