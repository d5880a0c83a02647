import CNNTestSupport
import Foundation
import Testing

/// `cnnc report NET|LIB -o report.html [--bench] [--layers-json FILE] [--verify-json FILE]`.
@Suite("cnnc report")
struct ReportCommandTests {
    static let lenetNet = TestPaths.repo("examples/lenet5/net.json")
    static let mininet = TestPaths.repo("Tests/Goldens/onnx/mininet_13/model.onnx")

    /// The kernel count `cnnc inspect` prints for `arguments`.
    static func inspectKernels(_ arguments: [String]) throws -> Int {
        let r = try cnnc(["inspect"] + arguments)
        try #require(r.status == 0, "\(r)")
        let line = try #require(r.stdout.split(separator: "\n").first { $0.hasPrefix("kernels:") })
        return try #require(Int(line.dropFirst("kernels:".count).trimmingCharacters(in: .whitespaces)))
    }

    static func read(_ path: String) throws -> String { try String(contentsOfFile: path, encoding: .utf8) }

    /// Nothing in the page reaches out: no external scripts, styles, fonts or images.
    static func expectSelfContained(_ html: String, sourceLocation: SourceLocation = #_sourceLocation) {
        for needle in ["<link", "src=", "@import", "url(", "https://", "@font-face"] {
            #expect(!html.contains(needle), "found \(needle)", sourceLocation: sourceLocation)
        }
        let links = html.components(separatedBy: "http://").dropFirst()
        #expect(links.allSatisfy { $0.hasPrefix("www.w3.org/2000/svg\"") }, "only the SVG namespace", sourceLocation: sourceLocation)
    }

    @Test func networkReportIsSelfContainedAndDeterministic() throws {
        let dir = TemporaryDirectory()
        for net in [Self.lenetNet, Self.mininet] {
            let first = dir.path("a.html")
            let second = dir.path("b.html")
            for out in [first, second] {
                let r = try cnnc(["report", net, "-o", out, "--target", "x86-64-v3"])
                #expect(r.status == 0, "\(r)")
                #expect(r.stdout.isEmpty && r.stderr.isEmpty, "\(r)")
            }
            let html = try Self.read(first)
            #expect(
                try Data(contentsOf: URL(fileURLWithPath: first)) == Data(contentsOf: URL(fileURLWithPath: second)),
                "same input, same bytes: \(net)")
            let kernels = try Self.inspectKernels([net])
            #expect(html.contains("data-kernel-count=\"\(kernels)\""))
            #expect(html.contains("<section id=\"graph\">") && html.contains("<section id=\"memory\">"))
            #expect(html.contains("target x86-64-v3 (AVX2, 8-float vectors)"))
            Self.expectSelfContained(html)
        }
    }

    @Test func lenetShowsItsLayersKernelsAndArena() throws {
        let dir = TemporaryDirectory()
        let r = try cnnc(["report", Self.lenetNet, "-o", dir.path("r.html"), "--target", "x86-64-v3"])
        #expect(r.status == 0, "\(r)")
        let html = try Self.read(dir.path("r.html"))
        for layer in ["image", "c1", "s2", "c3", "s4", "flat", "f5", "f6", "out", "prob"] {
            #expect(html.contains("data-name=\"\(layer)\""), "layer \(layer)")
        }
        // c1 + s2 fuse into one kernel: one dashed box around both.
        #expect(html.contains("c1 + s2"))
        #expect(html.contains("conv2d 5x5, 6 filters"))
        #expect(html.contains("61,706"), "total parameters")
        #expect(html.contains("arena peak"))
    }

    @Test func hostileLayerNamesAreEscaped() throws {
        let dir = TemporaryDirectory()
        let evil = "<script>alert(1)</script>"
        let layers = #"{"name": "\#(evil)", "op": "relu"}, {"name": "a\"b&<img src=x onerror=alert(2)>", "op": "sigmoid"}"#
        let path = dir.path("net.json")
        try Data(net(layers).utf8).write(to: URL(fileURLWithPath: path))
        let r = try cnnc(["report", path, "-o", dir.path("r.html")])
        #expect(r.status == 0, "\(r)")
        let html = try Self.read(dir.path("r.html"))
        #expect(!html.contains(evil))
        #expect(!html.contains("<img"))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(html.contains("a&quot;b&amp;&lt;img src=x onerror=alert(2)&gt;"))
        #expect(html.components(separatedBy: "<script").count == 2, "only the page's own script")
    }

    @Test func savedBenchAndVerifyRuns() throws {
        let dir = TemporaryDirectory()
        let lib = dir.path("lenet.so")
        var r = try cnnc(["compile", Self.lenetNet, "-o", lib])
        try #require(r.status == 0, "\(r)")
        r = try cnnc(["bench", lib, "--layers", "--json", "--iterations", "3"])
        try #require(r.status == 0, "\(r)")
        try Data(r.stdout.utf8).write(to: URL(fileURLWithPath: dir.path("bench.json")))
        r = try cnnc([
            "verify", lib, "--input", TestPaths.repo("examples/lenet5/input.npy"), "--expected",
            TestPaths.repo("examples/lenet5/expected.npy"), "--json",
        ])
        try #require(r.status == 0, "\(r)")
        try Data(r.stdout.utf8).write(to: URL(fileURLWithPath: dir.path("verify.json")))
        r = try cnnc([
            "report", Self.lenetNet, "-o", dir.path("r.html"), "--layers-json", dir.path("bench.json"), "--verify-json",
            dir.path("verify.json"),
        ])
        #expect(r.status == 0, "\(r)")
        let html = try Self.read(dir.path("r.html"))
        #expect(html.contains("<section id=\"time\">") && html.contains("<section id=\"verify\">"))
        #expect(html.components(separatedBy: "<tr class=\"krow\"").count - 1 == 7 + 7, "7 kernels in run order plus the 7 slowest")
        #expect(
            html.contains("class=\"node op-act err-ok\" data-name=\"prob\"") || html.contains("err-ok\" data-name=\"prob\""),
            "the output layer coloured by its verdict")
        // The same bench output is not that of another network: refused, and nothing written.
        try Data("old".utf8).write(to: URL(fileURLWithPath: dir.path("other.html")))
        r = try cnnc(["report", Self.mininet, "-o", dir.path("other.html"), "--layers-json", dir.path("bench.json")])
        expectCleanFailure(r)
        #expect(r.stderr.contains("bench.json") && r.stderr.contains("kernels"), "\(r)")
        #expect(try Self.read(dir.path("other.html")) == "old")
        // A library's report: its kernels, no graph.
        r = try cnnc(["report", lib, "-o", dir.path("lib.html"), "--layers-json", dir.path("bench.json")])
        #expect(r.status == 0, "\(r)")
        let libHTML = try Self.read(dir.path("lib.html"))
        #expect(libHTML.components(separatedBy: "class=\"kitem lrow\"").count - 1 == 7)
        #expect(!libHTML.contains("<section id=\"graph\">"))
        Self.expectSelfContained(libHTML)
    }

    @Test func benchMeasuresInProcess() throws {
        let dir = TemporaryDirectory()
        let r = try cnnc(["report", Self.lenetNet, "-o", dir.path("r.html"), "--bench", "--iterations", "2", "--threads", "1"])
        #expect(r.status == 0, "\(r)")
        let html = try Self.read(dir.path("r.html"))
        #expect(html.contains("measured in-process by --bench"))
        #expect(html.contains("1 thread<") || html.contains("1 thread;"))
        #expect(html.components(separatedBy: "<tr class=\"krow\"").count - 1 == 7 + 7)
        #expect(listing(dir.path("")) == ["r.html"], "no temporary library left behind")
    }

    @Test func badInputsFailCleanlyAndWriteNothing() throws {
        let dir = TemporaryDirectory()
        try Data("{\"layers\": 3}".utf8).write(to: URL(fileURLWithPath: dir.path("bad.json")))
        try Data("not json".utf8).write(to: URL(fileURLWithPath: dir.path("text.json")))
        let cases: [([String], String)] = [
            (["--layers-json", dir.path("bad.json")], "\"layers\" array"),
            (["--layers-json", dir.path("text.json")], "not a JSON object"),
            (["--verify-json", dir.path("bad.json")], "rtol"),
            (["--layers-json", dir.path("missing.json")], "missing.json"),
            (["--bench", "--layers-json", dir.path("bad.json")], "either --bench or --layers-json"),
        ]
        for (extra, message) in cases {
            let r = try cnnc(["report", Self.lenetNet, "-o", dir.path("r.html")] + extra)
            expectCleanFailure(r)
            #expect(r.stderr.contains(message), "\(extra): \(r)")
        }
        // -o naming a directory, or the network itself.
        var r = try cnnc(["report", Self.lenetNet, "-o", dir.path("")])
        expectCleanFailure(r)
        r = try cnnc(["report", Self.lenetNet, "-o", Self.lenetNet])
        expectCleanFailure(r)
        #expect(!listing(dir.path("")).contains("r.html"))
    }
}

/// `report --verify-json` of a `verify --per-layer --json` run on an ONNX model: the layers, named
/// by ONNX tensor in the verify output, are coloured on the graph's layers.
@Suite struct ReportPerLayerVerifyTests {
    @Test func perLayerErrorsColourTheirLayers() throws {
        let dir = TemporaryDirectory()
        let small = TestPaths.repo("Tests/Goldens/layers/small_cnn")
        let model = small + "/conv2_perturbed.onnx"
        var r = try cnnc(["verify", model, "--input", small + "/input.npy", "--per-layer", "--reference", small + "/ort", "--json"])
        #expect(r.status == 1, "the perturbed conv2 is out of tolerance: \(r)")
        try Data(r.stdout.utf8).write(to: URL(fileURLWithPath: dir.path("layers.json")))
        r = try cnnc(["report", model, "-o", dir.path("r.html"), "--verify-json", dir.path("layers.json")])
        #expect(r.status == 0, "\(r)")
        let html = try String(contentsOfFile: dir.path("r.html"), encoding: .utf8)
        // relu2 (tensor t_relu2) ends the kernel holding the perturbed conv: out of tolerance; relu1 is fine.
        #expect(html.contains("err-bad\" data-name=\"relu2\""), "relu2 coloured as out of tolerance")
        #expect(html.contains("err-ok\" data-name=\"pool1\""), "pool1 (t_pool1) coloured as within tolerance")
        #expect(html.contains("<tr class=\"err-bad\" data-name=\"t_relu2\">"), "the verify table lists the failing layer")
    }
}
