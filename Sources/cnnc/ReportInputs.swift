import CNNIR
import CNNReport
import Foundation

/// The saved runs `cnnc report` reads: `bench --layers --json` and `verify --json` output.
enum ReportInputs {
    /// Per-kernel times from `cnnc bench LIB --layers --json`, checked against the report's kernels.
    static func timing(_ path: String, data: ReportData) throws -> ReportData.Timing {
        let object = try load(path, what: "the output of `cnnc bench LIB --layers --json`")
        guard let rows = object["layers"] as? [[String: Any]] else {
            throw Diagnostic(
                "expected the output of `cnnc bench LIB --layers --json` (with a \"layers\" array of kernels), got no \"layers\" array",
                at: SourceLocation(file: path))
        }
        func number(_ value: Any?, _ field: String, _ row: Int? = nil) throws -> Double {
            guard let n = value as? NSNumber, n.doubleValue.isFinite, n.doubleValue >= 0 else {
                let place = row.map { "layers[\($0)]." } ?? ""
                throw Diagnostic("expected \(place)\(field) to be a number of at least 0", at: SourceLocation(file: path))
            }
            return n.doubleValue
        }
        var layers: [String] = []
        var ms: [Double] = []
        var rates: [Double] = []
        for (i, row) in rows.enumerated() {
            guard let names = row["layers"] as? String else {
                throw Diagnostic(
                    "expected layers[\(i)].layers to be a string (the kernel's layers joined by \" + \")", at: SourceLocation(file: path))
            }
            layers.append(names)
            ms.append(try number(row["median_ms"], "median_ms", i))
            rates.append(try number(row["gflops_per_second"], "gflops_per_second", i))
        }
        if data.hasGraph {
            do { try Report.checkKernels(layers, against: data, what: "the benchmarked library") } catch let d as Diagnostic {
                throw Diagnostic(d.message, at: SourceLocation(file: path))
            }
        } else if layers.count != data.kernels.count {
            throw Diagnostic("expected \(data.kernels.count) kernels like the library, got \(layers.count)", at: SourceLocation(file: path))
        }
        let model = (object["model"] as? String).map { " of model '\(Diagnostic.quoted($0))'" } ?? ""
        return ReportData.Timing(
            source: "from \(path)\(model) (cnnc bench --layers --json)", batch: Int(try number(object["batch"], "batch")),
            threads: Int(try number(object["threads"], "threads")), medianMs: try number(object["median_ms"], "median_ms"),
            minMs: try number(object["min_ms"], "min_ms"), imagesPerSecond: try number(object["images_per_second"], "images_per_second"),
            gflops: try number(object["gflops_per_second"], "gflops_per_second"),
            peakGFLOPS: try number(object["fma_peak_gflops"] ?? 0, "fma_peak_gflops"), kernelMs: ms, kernelGFLOPS: rates)
    }

    /// Errors from `cnnc verify ... --json`: every case's outputs, plus a per-layer `layers` array where the run has one.
    static func verification(_ path: String) throws -> ReportData.Verification {
        let object = try load(path, what: "the output of `cnnc verify ... --json`")
        guard let rtol = (object["rtol"] as? NSNumber)?.doubleValue, let atol = (object["atol"] as? NSNumber)?.doubleValue,
            let passed = object["passed"] as? Bool
        else {
            throw Diagnostic(
                "expected the output of `cnnc verify ... --json` (with rtol, atol and passed), got other JSON",
                at: SourceLocation(file: path))
        }
        func entry(_ row: [String: Any], _ place: String) throws -> ReportData.Verification.Entry {
            guard let name = row["name"] as? String, let ok = row["passed"] as? Bool else {
                throw Diagnostic("expected \(place) to have a string \"name\" and a boolean \"passed\"", at: SourceLocation(file: path))
            }
            return .init(
                name: name, passed: ok, maxAbsError: (row["max_abs_error"] as? NSNumber)?.doubleValue,
                maxRelError: (row["max_rel_error"] as? NSNumber)?.doubleValue,
                outOfToleranceShare: (row["out_of_tolerance_share"] as? NSNumber)?.doubleValue)
        }
        var entries: [ReportData.Verification.Entry] = []
        for (c, item) in ((object["cases"] as? [[String: Any]]) ?? []).enumerated() {
            for (o, output) in ((item["outputs"] as? [[String: Any]]) ?? []).enumerated() {
                entries.append(try entry(output, "cases[\(c)].outputs[\(o)]"))
            }
        }
        for (l, layer) in ((object["layers"] as? [[String: Any]]) ?? []).enumerated() {
            // `verify --per-layer --json`: a row per layer with its `status`; compared layers carry a
            // `comparison` (the per-output statistics), fused and absent ones have no error to show.
            if let status = layer["status"] as? String, let name = layer["name"] as? String {
                if var comparison = layer["comparison"] as? [String: Any] {
                    comparison["name"] = name
                    entries.append(try entry(comparison, "layers[\(l)].comparison"))
                } else if status == "shape_mismatch" {
                    entries.append(.init(name: name, passed: false, maxAbsError: nil, maxRelError: nil, outOfToleranceShare: nil))
                }
                continue
            }
            entries.append(try entry(layer, "layers[\(l)]"))
        }
        guard !entries.isEmpty else {
            throw Diagnostic("expected at least one output or layer with its error, got none", at: SourceLocation(file: path))
        }
        let model = (object["model"] as? String).map { " of model '\(Diagnostic.quoted($0))'" } ?? ""
        return ReportData.Verification(
            source: "from \(path)\(model) (cnnc verify --json)", rtol: rtol, atol: atol, passed: passed, entries: entries)
    }

    /// A JSON object read from `path`, with errors that name the file.
    static func load(_ path: String, what: String) throws -> [String: Any] {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            let reason =
                ((error as NSError).userInfo[NSUnderlyingErrorKey] as? NSError).map { String(cString: strerror(Int32($0.code))) }
                ?? "cannot read it"
            throw Diagnostic("expected \(what), got a file that cannot be read (\(reason))", at: SourceLocation(file: path))
        }
        guard let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] else {
            throw Diagnostic("expected \(what), got text that is not a JSON object", at: SourceLocation(file: path))
        }
        return object
    }
}
