import CNNCompiler
import CNNIR
import CNNONNX
import CNNRuntime
import CNNTestSupport
import Foundation
import Testing

/// The ONNX project's own tests for CNN ops: its node test cases (from the case definitions in
/// the onnx package), its PyTorch-converted cases and its model-zoo (`light`) graphs, generated
/// by scripts/onnx/make_node_tests.py into .build/onnx-node (scripts/test.sh does it first).
///
/// Each case is imported, compiled and run on its inputs; an output passes when every element
/// has |got - expected| <= atol + rtol |expected| with the case's own tolerance, as onnx's
/// backend runner checks it (rtol 1e-3, atol 1e-7 for node and PyTorch-converted cases; the
/// model-zoo graphs' own, e.g. rtol 2e-3 for densenet121). NaN matches NaN, as in
/// numpy.testing.assert_allclose.
///
/// A ratchet, not a wish list: Tests/Goldens/onnx-node/expected.json says for every case what cnnc
/// does today (passes; is refused, with the exact error; or runs but disagrees). The test fails
/// when a case does anything else, including a refused case that starts to pass, so the manifest
/// follows every change. Rewrite it with `python3 scripts/onnx/make_node_tests.py --update-manifest`
/// (this test with CNNC_RECORD_ONNX_NODE_MANIFEST=1) and review the diff.
@Suite struct ONNXNodeSuiteTests {
    static let dataDirectory = ProcessInfo.processInfo.environment["CNNC_ONNX_NODE_DATA"] ?? TestPaths.repo(".build/onnx-node")
    static let manifestPath = TestPaths.repo("Tests/Goldens/onnx-node/expected.json")
    static let suites = ["node", "pytorch-converted", "light"]

    /// Cases whose shipped outputs (the onnx reference's) disagree with ONNX Runtime, which cnnc
    /// follows: recorded as `mismatch` with this reason in the manifest (docs/onnx.md, "Node suite").
    static let knownDivergences: [String: String] = Dictionary(
        uniqueKeysWithValues: ["linear", "cubic"].map { mode in
            (
                "node/test_resize_downsample_scales_\(mode)_align_corners",
                "the onnx reference divides by the unrounded output length (input x scale = 2.4) for align_corners, ONNX Runtime (and PyTorch, and cnnc) by the integer one (2); onnx/onnx#2462, and ONNX Runtime's own backend-test filter skips the case"
            )
        })

    /// One case of cases.json.
    struct Case: Sendable {
        var suite: String
        var name: String
        var rtol: Float
        var atol: Float
        var key: String { "\(suite)/\(name)" }
    }

    /// What cnnc does with a case.
    enum Outcome: Equatable, Sendable {
        case pass
        /// Import or compilation failed with this error (paths relative to the data folder).
        case refused(String)
        /// It compiles and runs, but an output disagrees (`kind`: "values" or "shape"); `detail` is for the log only.
        case mismatch(kind: String, detail: String)

        static func == (a: Outcome, b: Outcome) -> Bool {
            switch (a, b) {
            case (.pass, .pass): return true
            case (.refused(let x), .refused(let y)): return x == y
            case (.mismatch(let x, _), .mismatch(let y, _)): return x == y
            default: return false
            }
        }

        var json: [String: String] {
            switch self {
            case .pass: return ["status": "pass"]
            case .refused(let error): return ["status": "refused", "error": error]
            case .mismatch(let kind, _): return ["status": "mismatch", "kind": kind]
            }
        }

        init?(json: [String: String]) {
            switch json["status"] {
            case "pass": self = .pass
            case "refused": self = .refused(json["error"] ?? "")
            case "mismatch": self = .mismatch(kind: json["kind"] ?? "", detail: "")
            default: return nil
            }
        }

        var summary: String {
            switch self {
            case .pass: return "pass"
            case .refused(let error): return "refused: \(error)"
            case .mismatch(let kind, let detail): return "mismatch (\(kind)): \(detail)"
            }
        }
    }

    static func loadCases() throws -> [Case] {
        let path = dataDirectory + "/cases.json"
        guard let data = FileManager.default.contents(atPath: path) else {
            throw Diagnostic(
                "no generated cases at \(path): run `python3 scripts/onnx/make_node_tests.py` (scripts/test.sh does) with onnx 1.23.2")
        }
        let object = try JSONSerialization.jsonObject(with: data) as? [String: Any]
        let entries = object?["cases"] as? [[String: Any]] ?? []
        return entries.map { e in
            Case(
                suite: e["suite"] as! String, name: e["case"] as! String,
                rtol: (e["rtol"] as! NSNumber).floatValue, atol: (e["atol"] as! NSNumber).floatValue)
        }
    }

    /// An error as the manifest keeps it: paths relative to the data folder, and without the list
    /// of supported ops (which changes with every op added, not with the case).
    static func normalized(_ error: String) -> String {
        var text = error.replacingOccurrences(of: dataDirectory + "/", with: "")
        while let start = text.range(of: " (supported ops: ") {
            guard let end = text[start.upperBound...].firstIndex(of: ")") else { break }
            text.removeSubrange(start.lowerBound...end)
        }
        return text
    }

    /// Imports, compiles and runs one case.
    static func outcome(of c: Case) -> Outcome {
        let directory = "\(dataDirectory)/\(c.suite)/\(c.name)"
        let compiled: CompiledModel
        do {
            let graph = try ONNXImporter.load(path: directory + "/model.onnx")
            compiled = try CompiledModel(graph: graph)
        } catch {
            return .refused(normalized("\(error)"))
        }
        do {
            let library = compiled.library
            let folder = directory + "/test_data_set_0"
            let files = try FileManager.default.contentsOfDirectory(atPath: folder)
            func tensors(_ prefix: String) throws -> [ONNXTensorFile] {
                try files.filter { $0.hasPrefix(prefix) && $0.hasSuffix(".pb") }
                    .sorted { Int($0.dropFirst(prefix.count).dropLast(3))! < Int($1.dropFirst(prefix.count).dropLast(3))! }
                    .map { try ONNXTensorFile.read(contentsOf: folder + "/" + $0) }
            }
            let inputs = try tensors("input_")
            let expected = try tensors("output_")
            guard inputs.count == library.inputs.count, let first = inputs.first, let batch = first.shape.first else {
                return .mismatch(kind: "inputs", detail: "the library has \(library.inputs.count) inputs, the case \(inputs.count)")
            }
            // A whole-tensor model (docs/onnx.md) takes each ONNX tensor as one sample of the same
            // rank, run as a batch of 1; any other model takes [N] + its per-sample shape.
            let firstIndex = library.inputs.firstIndex { $0.name == first.name } ?? 0
            let whole = first.shape.count == library.inputs[firstIndex].shape.count
            let lead = whole ? [] : [batch]
            var arrays = [[Float]](repeating: [], count: library.inputs.count)
            for (k, tensor) in inputs.enumerated() {
                let index = library.inputs.firstIndex { $0.name == tensor.name } ?? k
                guard tensor.shape == lead + library.inputs[index].shape else {
                    return .mismatch(
                        kind: "shape",
                        detail: "input '\(tensor.name)' is \(tensor.shape), the library takes \(lead) + \(library.inputs[index].shape)")
                }
                arrays[index] = tensor.values
            }
            let outputs = try compiled.run(arrays, batch: whole ? 1 : batch)
            for (k, want) in expected.enumerated() {
                let index = library.outputs.firstIndex { $0.name == want.name } ?? k
                // cnnc has no rank-0 tensors: an ONNX scalar output is its [1] (docs/onnx.md).
                guard index < outputs.count,
                    want.shape == lead + library.outputs[index].shape || whole && want.shape == [] && library.outputs[index].shape == [1]
                else {
                    let got = index < outputs.count ? "\(lead + library.outputs[index].shape)" : "no such output"
                    return .mismatch(kind: "shape", detail: "output \(k) '\(want.name)': expected shape \(want.shape), got \(got)")
                }
                // NaN matches NaN (numpy.testing.assert_allclose's equal_nan).
                let actual = zip(outputs[index], want.values).map { $0.isNaN && $1.isNaN ? 0 : $0 }
                let reference = want.values.map { $0.isNaN ? 0 : $0 }
                if let m = Mismatch.find(actual, reference, atol: c.atol, rtol: c.rtol) {
                    return .mismatch(kind: "values", detail: "output '\(want.name)' \(m) (rtol \(c.rtol), atol \(c.atol))")
                }
            }
            return .pass
        } catch {
            return .mismatch(kind: "run", detail: "\(error)")
        }
    }

    /// Every case, on every core at once (each compile is mostly a clang process).
    static func runAll(_ cases: [Case]) -> [Outcome] {
        final class Results: @unchecked Sendable {
            var values: [Outcome?]
            let lock = NSLock()
            init(_ n: Int) { values = Array(repeating: nil, count: n) }
        }
        let results = Results(cases.count)
        DispatchQueue.concurrentPerform(iterations: cases.count) { i in
            let outcome = outcome(of: cases[i])
            results.lock.lock()
            results.values[i] = outcome
            results.lock.unlock()
        }
        return results.values.map { $0! }
    }

    @Test func everyCaseDoesWhatTheManifestSays() throws {
        let cases = try Self.loadCases()
        #expect(cases.count > 600, "cases.json lists \(cases.count) cases; expected every CNN case of onnx 1.23.2")
        let outcomes = Self.runAll(cases)

        for suite in Self.suites {
            let mine = zip(cases, outcomes).filter { $0.0.suite == suite }
            let passed = mine.filter { $0.1 == .pass }.count
            let refused = mine.filter { if case .refused = $0.1 { return true } else { return false } }.count
            print("onnx \(suite) suite: \(passed) of \(mine.count) pass, \(refused) refused, \(mine.count - passed - refused) disagree")
        }
        for (c, outcome) in zip(cases, outcomes) {
            if case .mismatch = outcome { print("onnx \(c.key): \(outcome.summary)") }
        }

        if ProcessInfo.processInfo.environment["CNNC_RECORD_ONNX_NODE_MANIFEST"] == "1" {
            var entries: [String: [String: String]] = [:]
            for (c, outcome) in zip(cases, outcomes) {
                entries[c.key] = outcome.json
                if case .mismatch = outcome, let reason = Self.knownDivergences[c.key] { entries[c.key]?["reason"] = reason }
            }
            let data = try JSONSerialization.data(
                withJSONObject: ["onnx": "1.23.2", "cases": entries], options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
            try (data + Data("\n".utf8)).write(to: URL(fileURLWithPath: Self.manifestPath), options: .atomic)
            print("recorded \(entries.count) cases in \(Self.manifestPath)")
            return
        }

        let data = try #require(FileManager.default.contents(atPath: Self.manifestPath), "no manifest at \(Self.manifestPath)")
        let manifest = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let entries = try #require(manifest["cases"] as? [String: [String: String]])
        let hint = "(if intended, update the manifest: python3 scripts/onnx/make_node_tests.py --update-manifest, and review the diff)"
        for (c, outcome) in zip(cases, outcomes) {
            guard let entry = entries[c.key] else {
                Issue.record("\(c.key): not in expected.json; got \(outcome.summary) \(hint)")
                continue
            }
            let expected = try #require(Outcome(json: entry), "\(c.key): unreadable entry \(entry)")
            #expect(outcome == expected, "\(c.key): expected \(expected.summary), got \(outcome.summary) \(hint)")
        }
        for (key, reason) in Self.knownDivergences {
            #expect(
                entries[key]?["status"] == "mismatch" && entries[key]?["reason"] == reason,
                "\(key): expected a recorded mismatch with the reason '\(reason)', got \(entries[key] ?? [:])")
        }
        let keys = Set(cases.map(\.key))
        for key in entries.keys.sorted() where !keys.contains(key) {
            Issue.record("\(key): in expected.json but not generated \(hint)")
        }
    }
}
