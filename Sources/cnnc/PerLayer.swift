import CNNCompiler
import CNNNumPy
import CNNRuntime
import CNNToolchain
import Foundation

/// `cnnc verify NET --input x.npy --reference onnxruntime|DIR --per-layer`: the library built with
/// `--all-layers` compared with reference per-layer outputs, layer by layer in the reference's order.
struct PerLayerComparison {
    enum Status {
        case compared(OutputComparison)
        /// Computed inside the kernel of this returned layer, never written.
        case fused(String)
        /// The reference has it, the library does not (folded away, an alias, or an extra tensor).
        case absent
        /// Both have it but the element counts differ.
        case shapeMismatch(actual: [Int], reference: [Int])
    }

    struct Row {
        var name: String
        var status: Status
        /// The tensors it reads, by the reference's manifest (empty when it does not say).
        var inputs: [String]
        var failed: Bool {
            switch status {
            case .compared(let c): return !c.passed
            case .shapeMismatch: return true
            case .fused, .absent: return false
            }
        }
    }

    var rows: [Row]
    var firstFailure: Row? { rows.first(where: \.failed) }
    var passed: Bool { firstFailure == nil }
    var compared: [OutputComparison] {
        rows.compactMap {
            if case .compared(let c) = $0.status { return c }
            return nil
        }
    }

    /// Compares the outputs of one all-layers run with the reference directory's files.
    init(
        results: [[Float]], batch: Int, model: ModelLibrary, layers: [LayerDump.Layer], reference directory: String, tolerance: Tolerance
    ) throws {
        let entries = try LayerDump.readManifest(directory)
        let byName = Dictionary(layers.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        let readsFromManifest = try Self.inputsInManifest(directory)
        rows = []
        for entry in entries {
            let reads = readsFromManifest[entry.name] ?? []
            guard let file = entry.file, let layer = byName[entry.name] else {
                rows.append(Row(name: entry.name, status: .absent, inputs: reads))
                continue
            }
            guard let index = layer.output else {
                rows.append(Row(name: entry.name, status: .fused(layer.fusedInto ?? "?"), inputs: reads))
                continue
            }
            let path = directory + "/" + file
            let reference = try NPY.read(contentsOf: path)
            let spec = model.outputs[index]
            let shape = [batch] + spec.shape
            guard reference.values.count == results[index].count else {
                rows.append(Row(name: entry.name, status: .shapeMismatch(actual: shape, reference: reference.shape), inputs: reads))
                continue
            }
            if let nan = reference.values.firstIndex(where: \.isNaN) {
                throw VerifyError(
                    file: path,
                    "expected values without NaN for layer '\(entry.name)', got NaN at \(OutputComparison.index(nan, in: reference.shape))")
            }
            let comparison = OutputComparison(
                name: entry.name, shape: shape, actual: results[index], expected: reference.values, tolerance: tolerance)
            rows.append(Row(name: entry.name, status: .compared(comparison), inputs: reads))
        }
        guard
            rows.contains(where: {
                if case .compared = $0.status { return true }
                return false
            })
        else {
            throw VerifyError(
                file: directory,
                "expected reference layers named like the library's (\(layers.prefix(5).map(\.name).joined(separator: ", "))\(layers.count > 5 ? ", ..." : "")), got none that match"
            )
        }
    }

    /// Each layer's `inputs` list from layers.json, when the reference writes one.
    static func inputsInManifest(_ directory: String) throws -> [String: [String]] {
        guard let data = FileManager.default.contents(atPath: directory + "/" + LayerDump.manifestName),
            let top = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
            let list = top["layers"] as? [[String: Any]]
        else { return [:] }
        var reads: [String: [String]] = [:]
        for item in list {
            if let name = item["name"] as? String, let inputs = item["inputs"] as? [String] { reads[name] = inputs }
        }
        return reads
    }

    func statusText(_ row: Row) -> String {
        switch row.status {
        case .compared(let c):
            return
                "\(c.passed ? "PASS" : "FAIL")  max abs \(OutputComparison.format(c.maxAbsError)), max rel \(OutputComparison.format(c.maxRelError)), max ULP \(c.maxULP == .max ? "nan" : String(c.maxULP)), \(c.outOfTolerance) of \(c.elements) out of tolerance"
        case .fused(let kernel): return "fused into \(kernel)"
        case .absent: return "not in the library"
        case .shapeMismatch(let actual, let reference): return "FAIL  shape \(actual), reference \(reference)"
        }
    }

    /// The layers `row` reads, and through any of them that is fused (never written), what those read,
    /// up to layers that are written or model inputs: everything its kernel takes in.
    func feedingLayers(_ row: Row) -> [String] {
        var result: [String] = []
        var queue = row.inputs
        var seen = Set(queue)
        while !queue.isEmpty {
            let name = queue.removeFirst()
            result.append(name)
            guard let feeder = rows.first(where: { $0.name == name }), case .fused = feeder.status else { continue }
            for next in feeder.inputs where seen.insert(next).inserted { queue.append(next) }
        }
        return result
    }

    /// The text report: one line per layer, then the verdict.
    func text() -> String {
        var lines: [String] = []
        let width = min(max(rows.map(\.name.count).max() ?? 0, 5), 48)
        for (i, row) in rows.enumerated() {
            let name =
                row.name.count > width
                ? String(row.name.prefix(width - 3)) + "..." : row.name.padding(toLength: width, withPad: " ", startingAt: 0)
            lines.append(String(format: "%4d  ", i) + name + "  " + statusText(row))
        }
        if let failure = firstFailure {
            lines.append("")
            lines.append("first layer out of tolerance: \(failure.name)")
            if case .compared(let c) = failure.status { lines.append("  " + c.verdict()) }
            let feeding = feedingLayers(failure)
            if !feeding.isEmpty {
                lines.append("  it reads (through the layers fused into its kernel):")
                for input in feeding {
                    let status = rows.first { $0.name == input }.map(statusText) ?? "a model input"
                    lines.append("    \(input): \(status)")
                }
            }
            lines.append("failed: \(rows.filter(\.failed).count) of \(compared.count) compared layers out of tolerance")
        } else {
            let fused = rows.filter {
                if case .fused = $0.status { return true }
                return false
            }.count
            let absent = rows.filter {
                if case .absent = $0.status { return true }
                return false
            }.count
            var line = "passed: all \(compared.count) compared layers within tolerance (\(fused) fused, \(absent) not in the library)"
            if let worst = compared.max(by: { $0.maxAbsError < $1.maxAbsError }) {
                line +=
                    "; worst layer \(worst.name): max abs \(OutputComparison.format(worst.maxAbsError)), max rel \(OutputComparison.format(worst.maxRelError))"
            }
            lines.append(line)
        }
        return lines.joined(separator: "\n")
    }

    func json(model: String, reference: String, tolerance: Tolerance) -> String {
        let items = rows.map { row -> String in
            var fields = [
                "\"name\": \(JSON.string(row.name))", "\"inputs\": [" + row.inputs.map(JSON.string).joined(separator: ", ") + "]",
                "\"feeding\": [" + feedingLayers(row).map(JSON.string).joined(separator: ", ") + "]",
            ]
            switch row.status {
            case .compared(let c): fields += ["\"status\": \(JSON.string(c.passed ? "pass" : "fail"))", "\"comparison\": \(c.json())"]
            case .fused(let kernel): fields += ["\"status\": \"fused\"", "\"fused_into\": \(JSON.string(kernel))"]
            case .absent: fields += ["\"status\": \"absent\""]
            case .shapeMismatch(let a, let r): fields += ["\"status\": \"shape_mismatch\"", "\"shape\": \(a)", "\"reference_shape\": \(r)"]
            }
            return "{" + fields.joined(separator: ", ") + "}"
        }
        let fields = [
            "\"model\": \(JSON.string(model))", "\"reference\": \(JSON.string(reference))", "\"rtol\": \(tolerance.rtol)",
            "\"atol\": \(tolerance.atol)",
            "\"passed\": \(passed)", "\"first_failure\": \(firstFailure.map { JSON.string($0.name) } ?? "null")",
            "\"layers\": [" + items.joined(separator: ", ") + "]",
        ]
        return "{" + fields.joined(separator: ", ") + "}"
    }

    /// Runs `python3 -m cnnc.reference` (ONNX Runtime) to write the reference layers of `model` into `directory`.
    static func runOnnxRuntime(model: String, inputs: [(name: String, file: String)], into directory: String) throws {
        let python = ProcessInfo.processInfo.environment["CNNC_PYTHON"] ?? "python3"
        let absolute = { (p: String) in p.hasPrefix("/") ? p : FileManager.default.currentDirectoryPath + "/" + p }
        var arguments = ["-m", "cnnc.reference", absolute(model), "--output-dir", directory]
        for input in inputs { arguments += ["--input", input.name + "=" + absolute(input.file)] }
        let install = "install the cnnc Python package with ONNX Runtime: pip install './python[onnxruntime]' (from the cnnc repository)"
        guard let r = try Toolchain.runHelper(python, arguments, in: directory) else {
            throw VerifyError(
                "--reference onnxruntime runs '\(python) -m cnnc.reference', but there is no \(python) on PATH; install Python 3 and \(install), or set CNNC_PYTHON"
            )
        }
        guard r.status == 0 else {
            let message = r.stderr.trimmingCharacters(in: .whitespacesAndNewlines)
            if message.contains("No module named cnnc") || message.contains("No module named 'cnnc") {
                throw VerifyError("--reference onnxruntime: \(python) cannot import the cnnc package; \(install)")
            }
            let last = message.split(separator: "\n").last.map(String.init) ?? "exit status \(r.status)"
            throw VerifyError(
                "--reference onnxruntime: \(python) -m cnnc.reference failed on \(model): \(last.hasPrefix("error: ") ? String(last.dropFirst(7)) : last)"
            )
        }
    }
}
