import CNNTestSupport
import Foundation
import Testing

/// `cnnc inspect NET`: per layer name, op, shape, parameters, FLOPs, fused kernel; totals and workspace.
@Suite("cnnc inspect")
struct InspectCommandTests {
    /// The line of the report that starts with the layer name `name`.
    func line(_ report: String, _ name: String) -> String? {
        report.split(separator: "\n").first { $0.split(separator: " ", omittingEmptySubsequences: true).first == Substring(name) }.map(
            String.init)
    }

    @Test func lenet5() throws {
        let r = try cnnc(["inspect", TestPaths.repo("examples/lenet5/net.json")])
        #expect(r.status == 0, "\(r)")
        let layers: [(String, String, String, String)] = [
            ("image", "input", "[1, 32, 32]", "0"),
            ("c1", "conv2d", "[6, 28, 28]", "156"),
            ("s2", "avgpool2d", "[6, 14, 14]", "0"),
            ("c3", "conv2d", "[16, 10, 10]", "2,416"),
            ("s4", "avgpool2d", "[16, 5, 5]", "0"),
            ("flat", "flatten", "[400]", "0"),
            ("f5", "dense", "[120]", "48,120"),
            ("f6", "dense", "[84]", "10,164"),
            ("out", "dense", "[10]", "850"),
            ("prob", "softmax", "[10]", "0"),
        ]
        for (name, op, shape, params) in layers {
            let l = try #require(line(r.stdout, name), "no line for \(name) in:\n\(r.stdout)")
            #expect(l.contains(" \(op) "), "\(l)")
            #expect(l.contains(shape), "\(l)")
            #expect(l.contains(" \(params) "), "\(l)")
        }
        // MACs of c1: 6*28*28 outputs x 25 taps = 117,600; FLOPs are twice that.
        #expect(try #require(line(r.stdout, "c1")).contains("235,200"))
        #expect(r.stdout.contains("61,706"), "total parameters")
        #expect(r.stdout.contains("arena") && r.stdout.contains("bytes"), "workspace size")
        #expect(r.stderr.isEmpty)
    }

    @Test func fusedKernelsOfKerasMNIST() throws {
        let r = try cnnc(["inspect", TestPaths.repo("examples/keras-mnist/net.json")])
        #expect(r.status == 0, "\(r)")
        // conv1 carries relu; its maxpool is fused into the same kernel.
        let conv1 = try #require(line(r.stdout, "conv1"))
        let pool1 = try #require(line(r.stdout, "pool1"))
        #expect(conv1.contains("fused") && conv1.contains("pool1"), "\(conv1)")
        #expect(pool1.contains("fused") && pool1.contains("conv1"), "\(pool1)")
        #expect(r.stdout.contains("137,660"))

        let unfused = try cnnc(["inspect", "--no-fuse", TestPaths.repo("examples/keras-mnist/net.json")])
        #expect(unfused.status == 0, "\(unfused)")
        #expect(try #require(line(unfused.stdout, "conv1")).contains("fused") == false)
    }

    @Test func writesNoFiles() throws {
        let dir = TemporaryDirectory()
        let r = try cnnc(["inspect", TestPaths.repo("Tests/Goldens/ops/net_mini_unet/net.json")], cwd: dir.url.path)
        #expect(r.status == 0, "\(r)")
        for name in ["e1", "up", "skip", "mask", "mid"] { #expect(line(r.stdout, name) != nil, "\(name)") }
        #expect(listing(dir.url.path).isEmpty)
    }
}

/// `cnnc bench LIB [--batch N] [--threads T] [--iterations K] [--json]`.
@Suite("cnnc bench")
struct BenchCommandTests {
    @Test func jsonHonoursTheOptions() throws {
        let dir = TemporaryDirectory()
        let c = try cnnc(["compile", TestPaths.repo("examples/lenet5/net.json"), "-o", dir.path("lenet.so")])
        try #require(c.status == 0, "\(c)")
        for (batch, threads, iterations) in [(1, 1, 3), (3, 2, 5)] {
            let r = try cnnc([
                "bench", dir.path("lenet.so"), "--batch", "\(batch)", "--threads", "\(threads)", "--iterations", "\(iterations)", "--json",
            ])
            #expect(r.status == 0, "\(r)")
            let lines = r.stdout.split(separator: "\n")
            #expect(lines.count == 1, "one JSON object: \(r.stdout)")
            let object = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
            let median = try #require(object["median_ms"] as? Double)
            let minimum = try #require(object["min_ms"] as? Double)
            #expect(minimum > 0 && minimum <= median)
            #expect(object["batch"] as? Int == batch)
            #expect(object["threads"] as? Int == threads)
            if let n = object["iterations"] as? Int { #expect(n == iterations) }
            // Opening the library and creating the first session take measurable, finite time.
            let load = try #require(object["load_ms"] as? Double)
            let create = try #require(object["first_create_ms"] as? Double)
            #expect(load > 0 && load.isFinite && create > 0 && create.isFinite, "\(r.stdout)")
        }
        // Without --threads, the report gives the count OpenMP's default resolves to, not 0.
        let r = try cnnc(["bench", dir.path("lenet.so"), "--iterations", "2", "--json"])
        #expect(r.status == 0, "\(r)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        #expect((object["threads"] as? Int ?? 0) >= 1, "\(r.stdout)")
        #expect(object["batch"] as? Int == 1)
    }

    @Test func humanReadable() throws {
        let dir = TemporaryDirectory()
        let c = try cnnc(["compile", TestPaths.repo("examples/lenet5/net.json"), "-o", dir.path("lenet.so")])
        try #require(c.status == 0, "\(c)")
        let r = try cnnc(["bench", dir.path("lenet.so"), "--iterations", "3"])
        #expect(r.status == 0, "\(r)")
        #expect(r.stdout.contains("median") && r.stdout.contains("ms"), "\(r)")
        #expect(r.stdout.contains("load ") && r.stdout.contains("first session "), "\(r)")
    }

    @Test func errors() throws {
        let dir = TemporaryDirectory()
        dir.write("text.so", "not a library")
        for arguments in [
            ["bench", dir.path("nothere.so")], ["bench", dir.path("text.so"), "--json"], ["bench", dir.path("text.so"), "--batch", "0"],
            ["bench", dir.path("text.so"), "--iterations", "0"], ["bench"],
        ] {
            let r = try cnnc(arguments)
            expectCleanFailure(r)
            #expect(r.stdout.isEmpty, "\(r)")
        }
    }
}

/// Usage errors and help.
@Suite("cnnc usage")
struct UsageTests {
    @Test(arguments: [
        ["compile"], ["compile", "net.json"], ["compile", "net.json", "-o"], ["compile", "net.json", "-o", "x.so", "--bogus"],
        ["compile", "net.json", "-o", "x.so", "--target", "pentium"], ["run"], ["inspect"], ["frobnicate"], ["--bogus"],
        ["run", "x.so", "--threads", "many"],
    ])
    func usageErrorsExitOne(_ arguments: [String]) throws {
        let dir = TemporaryDirectory()
        let r = try cnnc(arguments, cwd: dir.url.path)
        expectCleanFailure(r)
        #expect(listing(dir.url.path).isEmpty)
    }

    @Test(arguments: [
        ["--help"], ["-h"], ["help"], ["compile", "--help"], ["run", "--help"], ["inspect", "--help"], ["bench", "--help"],
        ["help", "run"],
    ])
    func helpExitsZero(_ arguments: [String]) throws {
        let r = try cnnc(arguments)
        #expect(r.status == 0, "\(r)")
        #expect(r.stdout.contains("USAGE"), "\(r)")
    }

    @Test func helpListsTheContractOptions() throws {
        let expected: [String: [String]] = [
            "compile": ["--output", "-o", "--header", "--emit-c"],
            "run": ["--input", "--output", "--threads"],
            "bench": ["--batch", "--threads", "--iterations", "--json"],
        ]
        for (command, options) in expected {
            let r = try cnnc([command, "--help"])
            for option in options { #expect(r.stdout.contains(option), "\(command): \(option)") }
        }
    }

    @Test func version() throws {
        let r = try cnnc(["--version"])
        #expect(r.status == 0)
        #expect(!r.stdout.isEmpty)
    }
}
