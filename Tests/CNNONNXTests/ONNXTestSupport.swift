import CNNCompiler
import CNNFrontend
import CNNIR
import CNNNumPy
import CNNONNX
import CNNTestSupport
import Foundation
import Testing

/// One case of Tests/Goldens/onnx (made by scripts/onnx/make_onnx_goldens.py): an ONNX model,
/// inputs and ONNX Runtime's outputs, or for a negative case the error cnnc must give.
struct ONNXCase: CustomTestStringConvertible, Sendable {
    var name: String
    var opset: Int
    var atol: Float
    var rtol: Float
    var shapes: [String: [Int]]
    /// The generator for initializers whose external data file is missing.
    var seeded: SeededWeights?
    /// For a negative case, a substring of the expected error.
    var error: String?
    /// The folder under Tests/Goldens holding the case (onnx, or onnx-elementwise).
    var suite = "onnx"
    var testDescription: String { name }

    var directory: String { TestPaths.repo("Tests/Goldens/\(suite)/\(name)") }
    var model: String { directory + "/model.onnx" }

    func files(_ prefix: String) -> [String] {
        var out: [String] = []
        while FileManager.default.fileExists(atPath: "\(directory)/\(prefix)\(out.count).npy") {
            out.append("\(directory)/\(prefix)\(out.count).npy")
        }
        return out
    }

    static let all: [ONNXCase] = load(suite: "onnx")

    static func load(suite: String) -> [ONNXCase] {
        let url = URL(fileURLWithPath: TestPaths.repo("Tests/Goldens/\(suite)/manifest.json"))
        guard let data = try? Data(contentsOf: url),
            let entries = try? JSONSerialization.jsonObject(with: data) as? [[String: Any]]
        else { return [] }
        return entries.map { e in
            let shapes = (e["shapes"] as? [String: [NSNumber]] ?? [:]).mapValues { $0.map(\.intValue) }
            let seeded = (e["seeded"] as? [String: NSNumber]).map {
                SeededWeights(seed: $0["seed"]!.uint64Value, gain: $0["gain"]!.doubleValue)
            }
            return ONNXCase(
                name: e["case"] as! String, opset: (e["opset"] as! NSNumber).intValue,
                atol: Float((e["atol"] as? NSNumber)?.doubleValue ?? 0), rtol: Float((e["rtol"] as? NSNumber)?.doubleValue ?? 0),
                shapes: shapes, seeded: seeded, error: e["error"] as? String, suite: suite)
        }
    }

    static var positive: [ONNXCase] { all.filter { $0.error == nil } }
    static var negative: [ONNXCase] { all.filter { $0.error != nil } }
}

/// A graph compiled through its version-1 description: `NetworkWriter` writes it, the
/// compiler reads it back like any net.json, so every run also exercises the writer.
struct CompiledGraph {
    let model: CompiledModel
    let reread: Graph
    let directory = TemporaryDirectory()

    init(_ graph: Graph, options: CompileOptions = CompileOptions()) throws {
        let net = directory.path("net.json")
        try NetworkWriter.write(graph, descriptionPath: net)
        reread = try NetworkReader.read(path: net)
        model = try CompiledModel(net: net, options: options)
    }

    func run(_ inputs: [[Float]], batch: Int, maxBatch: Int? = nil, threads: Int = 0) throws -> [[Float]] {
        try model.run(inputs, batch: batch, maxBatch: maxBatch, threads: threads)
    }
}

/// The largest |actual - expected| over all elements.
func maxAbsError(_ actual: [Float], _ expected: [Float]) -> Float {
    zip(actual, expected).reduce(0) { max($0, abs($1.0 - $1.1)) }
}

/// Expects two graphs to be the same network: names, ops, wiring, shapes and bit-equal parameters.
func expectEquivalent(_ a: Graph, _ b: Graph, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
    #expect(a.name == b.name, sourceLocation: sourceLocation)
    #expect(a.nodes.count == b.nodes.count, "node count", sourceLocation: sourceLocation)
    let namesA = Dictionary(uniqueKeysWithValues: a.nodes.map { ($0.id, $0.name) })
    let namesB = Dictionary(uniqueKeysWithValues: b.nodes.map { ($0.id, $0.name) })
    for (x, y) in zip(a.nodes, b.nodes) {
        #expect(x.name == y.name, sourceLocation: sourceLocation)
        #expect(writable(x.op) == y.op, "\(x.name): \(x.op) vs \(y.op)", sourceLocation: sourceLocation)
        #expect(x.inputs.map { namesA[$0]! } == y.inputs.map { namesB[$0]! }, "\(x.name) inputs", sourceLocation: sourceLocation)
        #expect(x.shape == y.shape, "\(x.name) shape", sourceLocation: sourceLocation)
        #expect(Set(x.params.keys) == Set(y.params.keys), "\(x.name) parameters", sourceLocation: sourceLocation)
        for (key, p) in x.params {
            guard let q = y.params[key] else { continue }
            #expect(p.shape == q.shape, "\(x.name).\(key) shape", sourceLocation: sourceLocation)
            #expect(p.values.map(\.bitPattern) == q.values.map(\.bitPattern), "\(x.name).\(key) values", sourceLocation: sourceLocation)
        }
    }
    #expect(a.outputs.map { namesA[$0]! } == b.outputs.map { namesB[$0]! }, "outputs", sourceLocation: sourceLocation)
}

/// `op` as a version-1 description can hold it: an infinite clip bound is written as the largest float32.
func writable(_ op: Op) -> Op {
    guard case .activation(let a) = op, a.kind == .clip else { return op }
    func finite(_ v: Float) -> Float { v.isInfinite ? (v < 0 ? -Float.greatestFiniteMagnitude : .greatestFiniteMagnitude) : v }
    return .activation(.clip(min: finite(a["min"]), max: finite(a["max"])))
}

/// The diagnostic text a load gives, or nil if it loads.
func importError(_ path: String, shapes: [String: [Int]] = [:]) -> String? {
    do {
        _ = try ONNXImporter.load(path: path, shapes: shapes)
        return nil
    } catch {
        return "\(error)"
    }
}

/// A description of the first mismatch, where a NaN must meet a NaN and an infinity the same infinity.
func nanAwareMismatch(_ actual: [Float], _ expected: [Float], atol: Float, rtol: Float) -> String? {
    guard actual.count == expected.count else { return "got \(actual.count) elements, expected \(expected.count)" }
    for i in actual.indices {
        let (a, e) = (actual[i], expected[i])
        if e.isNaN || e.isInfinite {
            if !(a.isNaN && e.isNaN) && a != e { return "element \(i): got \(a), expected \(e)" }
        } else if !(abs(a - e) <= atol + rtol * abs(e)) {
            return "element \(i): got \(a), expected \(e) (diff \(abs(a - e)))"
        }
    }
    return nil
}

/// Runs a golden case's inputs through `compiled` and compares every output with ONNX Runtime's:
/// its per-sample shape (`outputShape` maps the expected array's shape to it) and its values at
/// the case's tolerance, NaN for NaN.
func expectMatchesONNXRuntime(
    _ c: ONNXCase, _ compiled: CompiledGraph, threads: Int = 0,
    outputShape: ([Int]) -> [Int] = { Array($0.dropFirst()) },
    sourceLocation: Testing.SourceLocation = #_sourceLocation
) throws {
    let inputs = try c.files("input").map(loadNPY)
    let expected = try c.files("output").map(loadNPY)
    let outputs = try compiled.run(inputs.map(\.values), batch: inputs[0].shape[0], threads: threads)
    #expect(outputs.count == expected.count, sourceLocation: sourceLocation)
    for (k, (actual, want)) in zip(outputs, expected).enumerated() {
        #expect(
            compiled.model.library.outputs[k].shape == outputShape(want.shape), "\(c.name) output \(k) shape",
            sourceLocation: sourceLocation)
        let mismatch = nanAwareMismatch(actual, want.values, atol: c.atol, rtol: c.rtol)
        #expect(mismatch == nil, "\(c.name) output \(k): \(mismatch ?? "")", sourceLocation: sourceLocation)
    }
}

/// A refusal case: the import fails with the manifest's message, naming the model file.
func expectRefusedAsTheManifestSays(_ c: ONNXCase, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
    let message = try #require(
        importError(c.model, shapes: c.shapes), "\(c.name) imported without an error", sourceLocation: sourceLocation)
    #expect(message.contains(c.error!), "error was: \(message)", sourceLocation: sourceLocation)
    #expect(message.hasPrefix(c.model), "the error names the model file: \(message)", sourceLocation: sourceLocation)
}
