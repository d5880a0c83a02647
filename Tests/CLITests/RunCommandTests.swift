import CNNTestSupport
import Foundation
import Testing

/// `cnnc run LIB --input [NAME=]FILE.npy ... --output [NAME=]FILE.npy ... [--threads N]`.
@Suite("cnnc run")
struct RunCommandTests {
    /// A compiled model in its own directory (the directory lives as long as the value).
    struct Model {
        let dir = TemporaryDirectory()
        var library: String { dir.path("model.so") }
        func path(_ name: String) -> String { dir.path(name) }

        init(net: String) throws {
            let r = try cnnc(["compile", net, "-o", dir.path("model.so")])
            try #require(r.status == 0, "\(r)")
        }

        init(json: String) throws {
            let netPath = dir.write("net.json", json)
            let r = try cnnc(["compile", netPath, "-o", dir.path("model.so")])
            try #require(r.status == 0, "\(r)")
        }

        func run(_ arguments: [String]) throws -> CLIResult { try cnnc(["run", library] + arguments, cwd: dir.url.path) }
    }

    static let lenetInput = TestPaths.repo("examples/lenet5/input.npy")
    static let lenetExpected = TestPaths.repo("examples/lenet5/expected.npy")

    /// Two inputs a, b of [2, 3]; outputs sum = a + b, act = relu(sum), cat = concat(a, b) on axis 1.
    static let twoByTwo = #"""
        {"version": 1, "name": "two_by_two",
         "inputs": [{"name": "a", "shape": [2, 3]}, {"name": "b", "shape": [2, 3]}],
         "layers": [
           {"name": "sum", "op": "add", "inputs": ["a", "b"]},
           {"name": "act", "op": "relu"},
           {"name": "cat", "op": "concat", "inputs": ["a", "b"], "axis": 1}
         ],
         "outputs": ["sum", "act", "cat"]}
        """#

    // MARK: one input, one output (lenet5)

    @Test func perSampleInputWithoutNames() throws {
        let m = try Model(net: TestPaths.repo("examples/lenet5/net.json"))
        let input = try loadNPY(Self.lenetInput)
        let expected = try loadNPY(Self.lenetExpected)
        try writeNPY([1, 32, 32], Array(input.values[0..<1024]), to: m.path("one.npy"))
        let r = try m.run(["--input", "one.npy", "--output", "out.npy"])
        #expect(r.status == 0, "\(r)")
        #expect(r.stdout.isEmpty && r.stderr.isEmpty, "\(r)")
        let out = try loadNPY(m.path("out.npy"))
        #expect(out.shape == [1, 10])
        #expect(Mismatch.find(out.values, Array(expected.values[0..<10]), atol: 1e-5, rtol: 1e-4) == nil)
    }

    @Test(arguments: [1, 2, 5, 70])
    func batchedInputWithNames(_ n: Int) throws {
        let m = try Model(net: TestPaths.repo("examples/lenet5/net.json"))
        let input = try loadNPY(Self.lenetInput)
        let expected = try loadNPY(Self.lenetExpected)
        let samples = input.shape[0]
        // Sample i of the batch is sample i % 2 of the example input.
        let values = (0..<n).flatMap { input.values[($0 % samples) * 1024..<($0 % samples + 1) * 1024] }
        let want = (0..<n).flatMap { expected.values[($0 % samples) * 10..<($0 % samples + 1) * 10] }
        try writeNPY([n, 1, 32, 32], values, to: m.path("in.npy"))
        let r = try m.run(["--input", "image=in.npy", "--output", "prob=out.npy"])
        #expect(r.status == 0, "\(r)")
        let out = try loadNPY(m.path("out.npy"))
        #expect(out.shape == [n, 10])
        #expect(Mismatch.find(out.values, want, atol: 1e-5, rtol: 1e-4).map(\.description) == nil)
    }

    /// A library built by gcc (with libgomp) gives the golden outputs on 2 threads and exits
    /// cleanly, run after run: closing it used to unload libgomp under its idle worker threads,
    /// which crashed `cnnc run` at exit in about a third of the runs (a timing-dependent crash;
    /// `LoadingTests.openMPRuntimeOutlivesAGCCBuiltLibrary` checks the cause deterministically).
    @Test func gccBuiltLibraryRunsAndExitsCleanly() throws {
        let golden = TestPaths.repo("Tests/Goldens/ops/conv5x5_column_copies")
        let dir = TemporaryDirectory()
        var environment = ProcessInfo.processInfo.environment
        environment["CC"] = "gcc"
        let build = try runProcess(TestPaths.cnnc, ["compile", golden + "/net.json", "-o", dir.path("model.so")], environment: environment)
        try #require(build.status == 0, "\(build)")
        let expected = try loadNPY(golden + "/output0.npy")
        for round in 0..<6 {
            let r = try cnnc([
                "run", dir.path("model.so"), "--input", golden + "/input0.npy", "--output", dir.path("out.npy"), "--threads", "2",
            ])
            #expect(r.status == 0 && r.stderr.isEmpty, "round \(round): \(r)")
            let out = try loadNPY(dir.path("out.npy"))
            #expect(Mismatch.find(out.values, expected.values, atol: 1e-5, rtol: 1e-4) == nil, "round \(round)")
        }
    }

    @Test func threadCountDoesNotChangeTheBits() throws {
        let m = try Model(net: TestPaths.repo("examples/keras-mnist/net.json"))
        let input = try loadNPY(TestPaths.repo("examples/keras-mnist/input.npy"))
        let values = (0..<5).flatMap { _ in input.values }
        try writeNPY([10, 1, 28, 28], values, to: m.path("in.npy"))
        var outputs: [Data] = []
        for threads in [1, 2] {
            let r = try m.run(["--input", "in.npy", "--output", "out\(threads).npy", "--threads", "\(threads)"])
            #expect(r.status == 0, "\(r)")
            outputs.append(try #require(FileManager.default.contents(atPath: m.path("out\(threads).npy"))))
        }
        #expect(outputs[0] == outputs[1])
        let expected = try loadNPY(TestPaths.repo("examples/keras-mnist/expected.npy"))
        let out = try loadNPY(m.path("out1.npy"))
        #expect(out.shape == [10, 10])
        #expect(Mismatch.find(Array(out.values[0..<20]), expected.values, atol: 1e-5, rtol: 1e-4) == nil)
    }

    // MARK: several inputs and outputs

    @Test func namedInputsAndASubsetOfOutputs() throws {
        let m = try Model(json: Self.twoByTwo)
        let a: [Float] = (0..<12).map { (i: Int) -> Float in Float(i) - 5.5 }
        let b: [Float] = (0..<12).map { (i: Int) -> Float in Float(i % 3) * 0.25 }
        try writeNPY([2, 2, 3], a, to: m.path("a.npy"))
        try writeNPY([2, 2, 3], b, to: m.path("b.npy"))
        // Inputs in reverse order; outputs chosen by name, not in the model's order, and 'sum' left out.
        let r = try m.run(["--input", "b=b.npy", "--input", "a=a.npy", "--output", "cat=cat.npy", "--output", "act=act.npy"])
        #expect(r.status == 0, "\(r)")
        #expect(!FileManager.default.fileExists(atPath: m.path("sum.npy")))
        let act = try loadNPY(m.path("act.npy"))
        let cat = try loadNPY(m.path("cat.npy"))
        #expect(act.shape == [2, 2, 3])
        let relu: [Float] = zip(a, b).map { (x: Float, y: Float) -> Float in max(x + y, 0) }
        #expect(act.values == relu)
        #expect(cat.shape == [2, 2, 6])
        // concat on axis 1 of [2, 3]: each row of a followed by the same row of b.
        var rows: [Float] = []
        for row in 0..<4 {
            let start = row * 3
            rows.append(contentsOf: a[start..<start + 3])
            rows.append(contentsOf: b[start..<start + 3])
        }
        #expect(cat.values == rows)
    }

    @Test func perSampleShapedInputsWithSeveralInputs() throws {
        let m = try Model(json: Self.twoByTwo)
        try writeNPY([2, 3], [1, -2, 3, -4, 5, -6], to: m.path("a.npy"))
        try writeNPY([2, 3], [1, 1, 1, 1, 1, 1], to: m.path("b.npy"))
        let r = try m.run(["--input", "a=a.npy", "--input", "b=b.npy", "--output", "sum=sum.npy"])
        #expect(r.status == 0, "\(r)")
        let sum = try loadNPY(m.path("sum.npy"))
        #expect(sum.shape == [1, 2, 3])
        #expect(sum.values == [2, -1, 4, -3, 6, -5])
    }

    /// Real goldens (computed by PyTorch): two inputs read by name; two outputs in `outputs` order.
    @Test func goldenTwoInputs() throws {
        let golden = TestPaths.repo("Tests/Goldens/ops/two_inputs")
        let m = try Model(net: golden + "/net.json")
        let r = try m.run(["--input", "aux=\(golden)/input1.npy", "--input", "img=\(golden)/input0.npy", "--output", "out.npy"])
        #expect(r.status == 0, "\(r)")
        let out = try loadNPY(m.path("out.npy"))
        let expected = try loadNPY(golden + "/output0.npy")
        #expect(out.shape == expected.shape)
        #expect(Mismatch.find(out.values, expected.values, atol: 1e-5, rtol: 1e-4) == nil)
    }

    @Test func goldenTwoOutputs() throws {
        let golden = TestPaths.repo("Tests/Goldens/ops/net_mini_unet")
        let m = try Model(net: golden + "/net.json")
        let r = try m.run(["--input", "\(golden)/input0.npy", "--output", "mid=mid.npy", "--output", "mask=mask.npy"])
        #expect(r.status == 0, "\(r)")
        for (name, file) in [("mask", "output0"), ("mid", "output1")] {
            let out = try loadNPY(m.path("\(name).npy"))
            let expected = try loadNPY("\(golden)/\(file).npy")
            #expect(out.shape == expected.shape, "\(name)")
            #expect(Mismatch.find(out.values, expected.values, atol: 1e-5, rtol: 1e-4) == nil, "\(name)")
        }
    }

    /// Names are any non-empty string of at most 256 characters: quotes, spaces, '=', comment markers, Unicode.
    @Test func oddNamesRoundTrip() throws {
        let input = #"in "put" */ =ü"#
        let long = String(repeating: "n", count: 256)
        let json = #"""
            {"version": 1, "name": "odd \"model\" */",
             "inputs": [{"name": "in \"put\" */ =ü", "shape": [4]}],
             "layers": [
               {"name": "r e l u", "op": "relu"},
               {"name": "\#(long)", "op": "sigmoid", "input": "in \"put\" */ =ü"},
               {"name": "#include <x>\n", "op": "add", "inputs": ["r e l u", "\#(long)"]}
             ],
             "outputs": ["r e l u", "#include <x>\n"]}
            """#
        let m = try Model(json: json)
        try writeNPY([4], [-1, 0, 1, 2], to: m.path("in.npy"))
        let r = try m.run(["--input", "\(input)=in.npy", "--output", "r e l u=relu.npy", "--output", "#include <x>\n=sum.npy"])
        #expect(r.status == 0, "\(r)")
        let relu = try loadNPY(m.path("relu.npy"))
        let sum = try loadNPY(m.path("sum.npy"))
        #expect(relu.values == [0, 0, 1, 2])
        let x: [Float] = [-1, 0, 1, 2]
        let want = x.map { max($0, 0) + 1 / (1 + exp(-$0)) }
        #expect(Mismatch.find(sum.values, want, atol: 1e-6, rtol: 1e-5) == nil, "\(sum.values)")
    }

    /// Without `outputs`, the model returns the last layer, and a lone --output needs no name.
    @Test func defaultOutputIsTheLastLayer() throws {
        let m = try Model(
            json: net(
                #"{"name": "r", "op": "relu"}, {"name": "n", "op": "clip", "min": -0.5, "max": 0.5, "input": "x"}"#,
                inputs: #"[{"name": "x", "shape": [3]}]"#))
        try writeNPY([2, 3], [-1, 0.25, 2, 3, -0.75, 0], to: m.path("in.npy"))
        let r = try m.run(["--input", "in.npy", "--output", "out.npy"])
        #expect(r.status == 0, "\(r)")
        let out = try loadNPY(m.path("out.npy"))
        #expect(out.shape == [2, 3])
        #expect(out.values == [-0.5, 0.25, 0.5, 0.5, -0.5, 0])
        try expectRunError(m, ["--input", "in.npy", "--output", "r=out2.npy"], ["'r'", "n"])
    }

    // MARK: errors

    /// Runs `arguments` and checks a clean failure whose message contains every `expected` string.
    func expectRunError(_ m: Model, _ arguments: [String], _ expected: [String], sourceLocation: SourceLocation = #_sourceLocation) throws {
        let before = listing(m.dir.url.path)
        let r = try m.run(arguments)
        expectCleanFailure(r, sourceLocation: sourceLocation)
        for text in expected { #expect(r.stderr.contains(text), "expected \"\(text)\" in: \(r)", sourceLocation: sourceLocation) }
        #expect(listing(m.dir.url.path) == before, "no output written", sourceLocation: sourceLocation)
    }

    @Test func inputErrors() throws {
        let m = try Model(net: TestPaths.repo("examples/lenet5/net.json"))
        try writeNPY([3, 32, 32], Array(repeating: 0, count: 3 * 1024), to: m.path("wrong.npy"))
        try writeNPY([2, 1, 32, 31], Array(repeating: 0, count: 2 * 32 * 31), to: m.path("wrong2.npy"))
        try writeNPY([1, 32, 32], Array(repeating: 0, count: 1024), to: m.path("good.npy"))
        _ = FileManager.default.createFile(
            atPath: m.path("f64.npy"), contents: float64NPY(shape: [1, 32, 32], values: Array(repeating: 0, count: 1024)))
        m.dir.write("text.npy", "not an npy file")

        try expectRunError(m, ["--input", "wrong.npy", "--output", "o.npy"], ["wrong.npy", "[N, 1, 32, 32]", "got [3, 32, 32]", "image"])
        try expectRunError(m, ["--input", "wrong2.npy", "--output", "o.npy"], ["wrong2.npy", "[N, 1, 32, 32]", "got [2, 1, 32, 31]"])
        try expectRunError(m, ["--input", "f64.npy", "--output", "o.npy"], ["f64.npy", "float32", "<f8"])
        try expectRunError(m, ["--input", "text.npy", "--output", "o.npy"], ["text.npy"])
        try expectRunError(m, ["--input", "missing.npy", "--output", "o.npy"], ["missing.npy"])
        try expectRunError(m, ["--input", "image=missing.npy", "--output", "o.npy"], ["missing.npy"])
        try expectRunError(m, ["--output", "o.npy"], ["model.so", "missing", "image"])
        try expectRunError(m, ["--input", "zz=good.npy", "--output", "o.npy"], ["'zz'", "image"])
        try expectRunError(m, ["--input", "good.npy", "--output", "zz=o.npy"], ["'zz'", "prob"])
        try expectRunError(m, ["--input", "good.npy"], ["--output", "prob"])
        try expectRunError(m, ["--input", "good.npy", "--input", "image=good.npy", "--output", "o.npy"], ["'image' twice"])
        try expectRunError(m, ["--input", "good.npy", "--output", "o.npy", "--threads=-1"], ["--threads", "at least 0"])
        try expectRunError(m, ["--input", "good.npy", "--output", m.path("no/dir/o.npy")], ["no/dir/o.npy"])
    }

    @Test func severalInputErrors() throws {
        let m = try Model(json: Self.twoByTwo)
        try writeNPY([2, 2, 3], Array(repeating: 1, count: 12), to: m.path("a2.npy"))
        try writeNPY([3, 2, 3], Array(repeating: 1, count: 18), to: m.path("b3.npy"))
        try writeNPY([2, 3], Array(repeating: 1, count: 6), to: m.path("b1.npy"))
        try expectRunError(m, ["--input", "a=a2.npy", "--output", "sum=o.npy"], ["missing", "b"])
        try expectRunError(m, ["--input", "a2.npy", "--input", "b=b3.npy", "--output", "sum=o.npy"], ["NAME=FILE", "a, b", "a2.npy"])
        try expectRunError(m, ["--input", "a=a2.npy", "--input", "c=b3.npy", "--output", "sum=o.npy"], ["'c'", "a, b"])
        try expectRunError(m, ["--input", "a=a2.npy", "--input", "b=b3.npy", "--output", "sum=o.npy"], ["b3.npy", "batch", "2", "3"])
        try expectRunError(m, ["--input", "a=a2.npy", "--input", "b=b1.npy", "--output", "sum=o.npy"], ["batch"])
        try expectRunError(m, ["--input", "a=a2.npy", "--input", "b=a2.npy", "--output", "o.npy"], ["NAME=FILE", "sum, act, cat"])
        try expectRunError(m, ["--input", "a=a2.npy", "--input", "b=a2.npy", "--output", "nope=o.npy"], ["'nope'", "sum, act, cat"])
    }

    @Test func libraryErrors() throws {
        let dir = TemporaryDirectory()
        try writeNPY([1, 32, 32], Array(repeating: 0, count: 1024), to: dir.path("in.npy"))
        dir.write("text.so", "not a library")
        let cases: [(String, [String])] = [
            (dir.path("nothere.so"), ["nothere.so"]),
            (dir.path("text.so"), ["text.so"]),
            (dir.path("in.npy"), ["in.npy"]),
            (dir.url.path, []),
        ]
        for (library, expected) in cases {
            let r = try cnnc(["run", library, "--input", dir.path("in.npy"), "--output", dir.path("o.npy")])
            expectCleanFailure(r)
            for text in expected { #expect(r.stderr.contains(text), "\(r)") }
            #expect(!FileManager.default.fileExists(atPath: dir.path("o.npy")))
        }
    }

    /// A shared library that is not a cnnc model is refused by name, not loaded blindly.
    @Test func foreignSharedLibrary() throws {
        let dir = TemporaryDirectory()
        dir.write("foreign.c", "int answer(void) { return 42; }\n")
        let clang = try runProcess("/usr/bin/env", ["clang", "-shared", "-fPIC", "-o", dir.path("foreign.so"), dir.path("foreign.c")])
        try #require(clang.status == 0, "clang: \(clang.stderr)")
        try writeNPY([1, 32, 32], Array(repeating: 0, count: 1024), to: dir.path("in.npy"))
        let r = try cnnc(["run", dir.path("foreign.so"), "--input", dir.path("in.npy"), "--output", dir.path("o.npy")])
        expectCleanFailure(r)
        #expect(r.stderr.contains("foreign.so"))
        #expect(!FileManager.default.fileExists(atPath: dir.path("o.npy")))
    }
}
