import CNNNumPy
import CNNTestSupport
import Foundation
import Testing

/// `cnnc verify LIB|NET --input [NAME=]x.npy --expected [NAME=]y.npy [--rtol R] [--atol A] [--max-ulp U] [--json]`,
/// against PyTorch's and ONNX Runtime's committed outputs.
@Suite("cnnc verify")
struct VerifyCommandTests {
    static let lenetNet = TestPaths.repo("examples/lenet5/net.json")
    static let lenetInput = TestPaths.repo("examples/lenet5/input.npy")
    /// PyTorch's output for `lenetInput`, shaped [2, 10].
    static let lenetExpected = TestPaths.repo("examples/lenet5/expected.npy")

    /// LeNet-5 compiled once into a directory that lives as long as the value.
    struct Lenet {
        let dir = TemporaryDirectory()
        var library: String { dir.path("lenet5.so") }
        func path(_ name: String) -> String { dir.path(name) }

        init() throws {
            let r = try cnnc(["compile", VerifyCommandTests.lenetNet, "-o", dir.path("lenet5.so")])
            try #require(r.status == 0, "\(r)")
        }

        func verify(_ arguments: [String]) throws -> CLIResult { try cnnc(["verify", library] + arguments, cwd: dir.url.path) }

        /// PyTorch's expected output with `change` applied, written to `name` in the directory.
        func expected(_ name: String, _ change: (inout [Float]) -> Void) throws -> String {
            var values = try loadNPY(VerifyCommandTests.lenetExpected).values
            change(&values)
            try writeNPY([2, 10], values, to: path(name))
            return path(name)
        }
    }

    static func jsonObject(_ text: String) throws -> [String: Any] {
        let object = try JSONSerialization.jsonObject(with: Data(text.utf8))
        return try #require(object as? [String: Any], "not a JSON object: \(text)")
    }

    /// The first output's report of the first case.
    static func firstOutput(_ report: [String: Any]) throws -> [String: Any] {
        let cases = try #require(report["cases"] as? [[String: Any]])
        let outputs = try #require(cases.first?["outputs"] as? [[String: Any]])
        return try #require(outputs.first)
    }

    // MARK: within tolerance

    @Test func libraryMatchesPyTorch() throws {
        let m = try Lenet()
        let r = try m.verify(["--input", Self.lenetInput, "--expected", Self.lenetExpected])
        #expect(r.status == 0, "\(r)")
        #expect(r.stdout.contains("PASS prob [2, 10]: max abs "), "\(r)")
        #expect(r.stdout.contains("0 of 20 out of tolerance"), "\(r)")
        #expect(r.stdout.hasSuffix("passed: all 1 output within tolerance\n"), "\(r)")
        #expect(r.stderr.isEmpty, "\(r)")
    }

    /// Given the description, verify compiles it to a temporary library first; names work as in `run`.
    @Test func descriptionIsCompiledFirst() throws {
        let r = try cnnc([
            "verify", Self.lenetNet, "--input", "image=" + Self.lenetInput, "--expected", "prob=" + Self.lenetExpected, "--json",
        ])
        #expect(r.status == 0, "\(r)")
        let report = try Self.jsonObject(r.stdout)
        #expect(report["passed"] as? Bool == true)
        #expect(report["model"] as? String == "lenet5")
        let output = try Self.firstOutput(report)
        #expect(output["name"] as? String == "prob")
        #expect(output["shape"] as? [Int] == [2, 10])
        #expect(output["out_of_tolerance"] as? Int == 0)
        #expect(try #require(output["max_abs_error"] as? Double) <= 1e-5)
    }

    /// An ONNX model against ONNX Runtime's output (Tests/Goldens/onnx).
    @Test func onnxModelMatchesONNXRuntime() throws {
        let golden = TestPaths.repo("Tests/Goldens/onnx/add_residual")
        let r = try cnnc(["verify", golden + "/model.onnx", "--input", golden + "/input0.npy", "--expected", golden + "/output0.npy"])
        #expect(r.status == 0, "\(r)")
        #expect(r.stdout.contains("PASS "), "\(r)")
    }

    // MARK: out of tolerance

    /// One element moved by 0.01 fails, and the report points at it.
    @Test func perturbedElementFailsAtItsIndex() throws {
        let m = try Lenet()
        let bad = try m.expected("bad.npy") { $0[17] += 0.01 }  // [1, 7]
        let r = try m.verify(["--input", Self.lenetInput, "--expected", bad])
        #expect(r.status == 1, "\(r)")
        #expect(r.stdout.contains("FAIL prob [2, 10]: "), "\(r)")
        #expect(r.stdout.contains("worst [1, 7] "), "\(r)")
        #expect(r.stdout.contains("1 of 20 out of tolerance (5.00%)"), "\(r)")
        #expect(r.stdout.hasSuffix("failed: 1 of 1 output out of tolerance\n"), "\(r)")
        #expect(!r.stderr.contains("error:"), "\(r)")

        let json = try m.verify(["--input", Self.lenetInput, "--expected", bad, "--json"])
        #expect(json.status == 1, "\(json)")
        let report = try Self.jsonObject(json.stdout)
        #expect(report["passed"] as? Bool == false)
        let output = try Self.firstOutput(report)
        #expect(output["worst_index"] as? [Int] == [1, 7])
        #expect(output["worst_flat_index"] as? Int == 17)
        #expect(output["out_of_tolerance"] as? Int == 1)
        #expect(abs(try #require(output["max_abs_error"] as? Double) - 0.01) < 1e-4)

        // A loose enough tolerance lets it pass.
        let loose = try m.verify(["--input", Self.lenetInput, "--expected", bad, "--atol", "0.02"])
        #expect(loose.status == 0, "\(loose)")
    }

    /// ULPs: an element 3 ULPs from `cnnc run`'s own output passes --max-ulp 3 and fails --max-ulp 2.
    @Test func maxULP() throws {
        let m = try Lenet()
        let run = try cnnc(["run", m.library, "--input", Self.lenetInput, "--output", m.path("run.npy")])
        try #require(run.status == 0, "\(run)")
        var values = try loadNPY(m.path("run.npy")).values
        values[4] = values[4].nextUp.nextUp.nextUp
        try writeNPY([2, 10], values, to: m.path("ulp.npy"))

        let strict = try m.verify(["--input", Self.lenetInput, "--expected", "ulp.npy", "--max-ulp", "2", "--json"])
        #expect(strict.status == 1, "\(strict)")
        let output = try Self.firstOutput(try Self.jsonObject(strict.stdout))
        #expect(output["max_ulp"] as? Int == 3)
        #expect(output["worst_index"] as? [Int] == [0, 4])
        #expect(output["out_of_tolerance"] as? Int == 1)

        let enough = try m.verify(["--input", Self.lenetInput, "--expected", "ulp.npy", "--max-ulp", "3"])
        #expect(enough.status == 0, "\(enough)")
        #expect(enough.stdout.contains("max ULP 3,"), "\(enough)")
    }

    /// NaN in the model's output where the expected value is finite is a failure, reported, not a crash.
    @Test func nanInActualOutputFails() throws {
        let dir = TemporaryDirectory()
        let netPath = dir.write(
            "net.json",
            net(
                #"{"name": "sum", "op": "add", "inputs": ["a", "b"]}"#,
                inputs: #"[{"name": "a", "shape": [2, 3]}, {"name": "b", "shape": [2, 3]}]"#))
        let library = dir.path("sum.so")
        let compiled = try cnnc(["compile", netPath, "-o", library])
        try #require(compiled.status == 0, "\(compiled)")
        var a = (0..<12).map { Float($0) * 0.25 }
        let b = (0..<12).map { 1 - Float($0) * 0.5 }
        try writeNPY([2, 2, 3], zip(a, b).map { $0 + $1 }, to: dir.path("sum.npy"))  // what a + b should be
        a[8] = .nan  // sample 1, [0, 2]
        try writeNPY([2, 2, 3], a, to: dir.path("a.npy"))
        try writeNPY([2, 2, 3], b, to: dir.path("b.npy"))
        let arguments = ["verify", library, "--input", "a=a.npy", "--input", "b=b.npy", "--expected", "sum.npy"]

        let r = try cnnc(arguments + ["--json"], cwd: dir.url.path)
        #expect(r.status == 1, "\(r)")
        #expect(!r.stderr.contains("error:"), "\(r)")
        let output = try Self.firstOutput(try Self.jsonObject(r.stdout))
        #expect(output["nan_count"] as? Int == 1)
        #expect(output["out_of_tolerance"] as? Int == 1)
        #expect(output["max_abs_error"] is NSNull)
        #expect(output["max_ulp"] is NSNull)
        #expect(output["worst_index"] as? [Int] == [1, 0, 2])

        let text = try cnnc(arguments, cwd: dir.url.path)
        #expect(text.status == 1, "\(text)")
        #expect(text.stdout.contains("FAIL sum [2, 2, 3]: max abs inf"), "\(text)")
        #expect(text.stdout.contains("worst [1, 0, 2] (got nan, "), "\(text)")
        #expect(text.stdout.contains("1 of 12 out of tolerance (8.33%), 1 NaN"), "\(text)")
    }

    /// An infinite expected value must be matched exactly: rtol * inf would allow any finite value.
    @Test func infiniteExpectedValuesMatchExactly() throws {
        let dir = TemporaryDirectory()
        let netPath = dir.write(
            "net.json",
            net(
                #"{"name": "sum", "op": "add", "inputs": ["a", "b"]}"#,
                inputs: #"[{"name": "a", "shape": [4]}, {"name": "b", "shape": [4]}]"#))
        let library = dir.path("sum.so")
        let compiled = try cnnc(["compile", netPath, "-o", library])
        try #require(compiled.status == 0, "\(compiled)")
        try writeNPY([1, 4], [.infinity, 1, 2, 3], to: dir.path("a.npy"))
        try writeNPY([1, 4], [1, 1, 1, 1], to: dir.path("b.npy"))
        try writeNPY([1, 4], [.infinity, 2, 3, 4], to: dir.path("same.npy"))
        try writeNPY([1, 4], [.infinity, 2, -.infinity, 4], to: dir.path("other.npy"))
        let arguments = ["verify", library, "--input", "a=a.npy", "--input", "b=b.npy", "--expected"]

        let same = try cnnc(arguments + ["same.npy"], cwd: dir.url.path)
        #expect(same.status == 0, "\(same)")
        #expect(same.stdout.contains("PASS sum [1, 4]: max abs 0,"), "\(same)")

        let other = try cnnc(arguments + ["other.npy", "--json"], cwd: dir.url.path)
        #expect(other.status == 1, "\(other)")
        let output = try Self.firstOutput(try Self.jsonObject(other.stdout))
        #expect(output["out_of_tolerance"] as? Int == 1)
        #expect(output["worst_index"] as? [Int] == [0, 2])
        #expect(output["worst_expected"] is NSNull)
    }

    // MARK: bad input

    @Test func nanInExpectedFileIsAnError() throws {
        let m = try Lenet()
        let bad = try m.expected("nan.npy") { $0[12] = .nan }
        let r = try m.verify(["--input", Self.lenetInput, "--expected", bad])
        expectCleanFailure(r)
        #expect(r.stderr == "error: \(bad): expected values without NaN for output 'prob', got 1 NaN (first at [1, 2])\n", "\(r)")
    }

    @Test func shapeMismatchIsAnError() throws {
        let m = try Lenet()
        let expected = try loadNPY(Self.lenetExpected).values
        try writeNPY([2, 5], Array(expected[0..<10]), to: m.path("narrow.npy"))
        let narrow = try m.verify(["--input", Self.lenetInput, "--expected", "narrow.npy"])
        expectCleanFailure(narrow)
        #expect(
            narrow.stderr.hasPrefix("error: narrow.npy: expected shape [2, 10] for output 'prob' (batch 2 like the inputs), got [2, 5]"),
            "\(narrow)")

        try writeNPY([1, 10], Array(expected[0..<10]), to: m.path("one.npy"))
        let batch = try m.verify(["--input", Self.lenetInput, "--expected", "one.npy"])
        expectCleanFailure(batch)
        #expect(batch.stderr.contains("one.npy: expected shape [2, 10]"), "\(batch)")

        try writeNPY([2, 32, 32], Array(repeating: 0, count: 2048), to: m.path("flat-in.npy"))
        let input = try m.verify(["--input", "flat-in.npy", "--expected", Self.lenetExpected])
        expectCleanFailure(input)
        #expect(input.stderr.hasPrefix("error: flat-in.npy: expected shape [N, 1, 32, 32] or [1, 32, 32] for input 'image'"), "\(input)")
    }

    @Test func wrongNamesAndNotAModelAreErrors() throws {
        let m = try Lenet()
        let name = try m.verify(["--input", Self.lenetInput, "--expected", "logits=" + Self.lenetExpected])
        expectCleanFailure(name)
        #expect(
            name.stderr.contains("expected NAME in --expected NAME=FILE.npy to be one of the model's outputs (prob), got 'logits'"),
            "\(name)")

        let text = m.dir.write("fake.so", "not a library")
        let fake = try cnnc(["verify", text, "--input", Self.lenetInput, "--expected", Self.lenetExpected])
        expectCleanFailure(fake)
        #expect(fake.stderr.hasPrefix("error: \(text): expected a shared library"), "\(fake)")

        let missing = try m.verify(["--input", Self.lenetInput])
        expectCleanFailure(missing)
        #expect(missing.stderr.contains("--expected"), "\(missing)")
    }

    // MARK: --cases

    /// A serialized ONNX TensorProto of FLOAT data in raw_data (what onnx.numpy_helper.from_array writes).
    static func tensorProto(name: String, shape: [Int], values: [Float]) -> Data {
        func varint(_ v: UInt64) -> [UInt8] {
            var v = v
            var out: [UInt8] = []
            repeat {
                out.append(UInt8(v & 0x7F) | (v >= 0x80 ? 0x80 : 0))
                v >>= 7
            } while v > 0
            return out
        }
        var bytes: [UInt8] = []
        for d in shape { bytes += [0x08] + varint(UInt64(d)) }  // dims, unpacked
        bytes += [0x10, 0x01]  // data_type FLOAT
        bytes += [0x42] + varint(UInt64(name.utf8.count)) + Array(name.utf8)  // name (field 8)
        let raw = values.flatMap { withUnsafeBytes(of: $0.bitPattern.littleEndian, Array.init) }
        bytes += [0x4A] + varint(UInt64(raw.count)) + raw  // raw_data (field 9)
        return Data(bytes)
    }

    @Test func casesDirectoryWithNPYAndPB() throws {
        let m = try Lenet()
        let input = try loadNPY(Self.lenetInput).values
        let expected = try loadNPY(Self.lenetExpected).values
        let fm = FileManager.default
        let cases = m.path("cases")
        for k in 0..<2 { try fm.createDirectory(atPath: cases + "/test_data_set_\(k)", withIntermediateDirectories: true) }
        // Case 0: sample 0 as .npy; case 1: sample 1 as TensorProto files.
        try writeNPY([1, 1, 32, 32], Array(input[0..<1024]), to: cases + "/test_data_set_0/input_0.npy")
        try writeNPY([1, 10], Array(expected[0..<10]), to: cases + "/test_data_set_0/output_0.npy")
        try Self.tensorProto(name: "image", shape: [1, 1, 32, 32], values: Array(input[1024..<2048])).write(
            to: URL(fileURLWithPath: cases + "/test_data_set_1/input_0.pb"))
        try Self.tensorProto(name: "prob", shape: [1, 10], values: Array(expected[10..<20])).write(
            to: URL(fileURLWithPath: cases + "/test_data_set_1/output_0.pb"))

        let r = try m.verify(["--cases", "cases"])
        #expect(r.status == 0, "\(r)")
        #expect(r.stdout.contains("test_data_set_0: PASS prob [1, 10]"), "\(r)")
        #expect(r.stdout.contains("test_data_set_1: PASS prob [1, 10]"), "\(r)")
        #expect(r.stdout.hasSuffix("passed: all 2 outputs within tolerance in 2 cases\n"), "\(r)")

        // A wrong value in case 1 fails that case only.
        var wrong = Array(expected[10..<20])
        wrong[3] += 0.5
        try Self.tensorProto(name: "prob", shape: [1, 10], values: wrong).write(
            to: URL(fileURLWithPath: cases + "/test_data_set_1/output_0.pb"))
        let failing = try m.verify(["--cases", "cases", "--json"])
        #expect(failing.status == 1, "\(failing)")
        let report = try Self.jsonObject(failing.stdout)
        let results = try #require(report["cases"] as? [[String: Any]])
        #expect(results.map { $0["name"] as? String } == ["test_data_set_0", "test_data_set_1"])
        #expect(results.map { $0["passed"] as? Bool } == [true, false])
        let output = try #require((results[1]["outputs"] as? [[String: Any]])?.first)
        #expect(output["worst_index"] as? [Int] == [0, 3])

        // Truncated TensorProto: an error naming the file.
        try Data([0x08, 0x01, 0x4A, 0x10, 0x00]).write(to: URL(fileURLWithPath: cases + "/test_data_set_1/output_0.pb"))
        let truncated = try m.verify(["--cases", "cases"])
        expectCleanFailure(truncated)
        #expect(
            truncated.stderr.hasPrefix("error: cases/test_data_set_1/output_0.pb: expected a serialized ONNX TensorProto"), "\(truncated)")

        let empty = m.path("empty")
        try fm.createDirectory(atPath: empty, withIntermediateDirectories: true)
        let none = try m.verify(["--cases", "empty"])
        expectCleanFailure(none)
        #expect(none.stderr.hasPrefix("error: empty: expected test_data_set_K folders"), "\(none)")
    }
}
