import CNNIR
import CNNRuntime
import Foundation

/// `cnnc bench --layers`: each kernel's median time, throughput and share of the FMA peak.
struct LayerProfile {
    let kernels: [KernelSpec]
    /// Median milliseconds per kernel.
    let medians: [Double]
    let batch: Int
    /// GFLOP/s of the library's own FMA probe, on the same threads, in this process.
    let peakGFLOPS: Double
    /// The CPU features the measured kernels were built for (the descriptor's, for a library
    /// with several targets the one chosen at load); empty for the x86-64 baseline.
    let targetFeatures: [String]

    /// What the probe and the kernels ran on: the target's features, or the baseline.
    var targetText: String {
        targetFeatures.isEmpty ? "the baseline (no required CPU features)" : targetFeatures.joined(separator: " ")
    }

    func gflops(_ k: Int) -> Double {
        medians[k] > 0 ? Double(kernels[k].flopsPerSample * batch) / (medians[k] / 1000) / 1e9 : 0
    }

    func table() -> String {
        let total = medians.reduce(0, +)
        var out =
            "\nFMA peak in this process: " + String(format: "%.1f", peakGFLOPS) + " GFLOP/s, kernels built for "
            + targetText + "\n"
        out +=
            pad("#", 4) + pad("op", 20) + pad("ms", 9, right: true) + pad("share", 8, right: true)
            + pad("GFLOP/s", 10, right: true) + pad("% peak", 8, right: true) + "  layers\n"
        for (k, kernel) in kernels.enumerated() {
            let share = total > 0 ? 100 * medians[k] / total : 0
            let rate = gflops(k)
            out +=
                pad(String(k), 4) + pad(kernel.op, 20) + pad(String(format: "%.3f", medians[k]), 9, right: true)
                + pad(String(format: "%.1f%%", share), 8, right: true) + pad(String(format: "%.1f", rate), 10, right: true)
                + pad(String(format: "%.1f%%", peakGFLOPS > 0 ? 100 * rate / peakGFLOPS : 0), 8, right: true)
                + "  " + Diagnostic.quoted(kernel.layers) + "\n"
        }
        out += pad("sum", 24) + pad(String(format: "%.3f", total), 9, right: true) + "\n"
        return out
    }

    func pad(_ text: String, _ width: Int, right: Bool = false) -> String {
        let fill = String(repeating: " ", count: max(0, width - text.count))
        return right ? fill + text : text + fill
    }

    func jsonFields(_ quote: (String) -> String) -> [String] {
        let rows = kernels.enumerated().map { k, kernel in
            "{\"name\": \(quote(kernel.name)), \"op\": \(quote(kernel.op)), \"layers\": \(quote(kernel.layers)), \"median_ms\": \(medians[k]), \"gflops_per_second\": \(gflops(k))}"
        }
        let features = "[" + targetFeatures.map(quote).joined(separator: ", ") + "]"
        return [
            "\"fma_peak_gflops\": \(peakGFLOPS)", "\"target_features\": \(features)", "\"layers\": [" + rows.joined(separator: ", ") + "]",
        ]
    }
}
