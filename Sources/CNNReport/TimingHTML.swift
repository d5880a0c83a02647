/// Where the time goes: totals, a bar per kernel in run order, and the slowest kernels.
struct TimingHTML {
    let data: ReportData
    let timing: ReportData.Timing

    func render() -> String {
        let total = timing.kernelMs.reduce(0, +)
        let longest = max(timing.kernelMs.max() ?? 0, 1e-12)
        var out =
            "<p class=\"note\">" + HTML.escape(timing.source)
            + "; batch \(timing.batch), \(timing.threads) thread\(timing.threads == 1 ? "" : "s")"
        if timing.peakGFLOPS > 0 { out += "; FMA peak measured beside the kernels: " + HTML.fixed(timing.peakGFLOPS, 1) + " GFLOP/s" }
        out += ". The kernels are timed one by one, so their sum (" + HTML.fixed(total, 3) + " ms) differs from the run's median.</p>\n"
        // The slowest kernels, so they stand out.
        let slowest = timing.kernelMs.indices.sorted {
            timing.kernelMs[$0] != timing.kernelMs[$1] ? timing.kernelMs[$0] > timing.kernelMs[$1] : $0 < $1
        }.prefix(8)
        out +=
            "<h3>Slowest kernels</h3>\n<table class=\"slowest\"><tr><th>kernel</th><th>op</th><th>ms</th><th>share</th><th>% peak</th><th>layers</th></tr>\n"
        for k in slowest { out += row(k, total: total, longest: longest, bar: false) }
        out += "</table>\n<h3>Every kernel in run order</h3>\n"
        out +=
            "<table class=\"bars\"><tr><th>kernel</th><th>op</th><th class=\"barcell\">time</th><th>ms</th><th>share</th><th>GFLOP/s</th><th>% peak</th><th>layers</th></tr>\n"
        for k in timing.kernelMs.indices { out += row(k, total: total, longest: longest, bar: true) }
        out += "</table>\n"
        return out
    }

    func row(_ k: Int, total: Double, longest: Double, bar: Bool) -> String {
        let ms = timing.kernelMs[k]
        let share = total > 0 ? 100 * ms / total : 0
        let rate = k < timing.kernelGFLOPS.count ? timing.kernelGFLOPS[k] : 0
        let peak = timing.peakGFLOPS > 0 ? 100 * rate / timing.peakGFLOPS : 0
        let kernel = k < data.kernels.count ? data.kernels[k] : ReportData.Kernel(op: "?", layers: [], flops: 0)
        let efficiency = timing.peakGFLOPS <= 0 ? "" : peak >= 40 ? " eff-high" : peak >= 10 ? " eff-mid" : " eff-low"
        let layers = kernel.layers.joined(separator: " + ")
        var out = "<tr class=\"krow\" data-name=\"\(HTML.escape(layers))\"><td>k\(k)</td><td>\(HTML.escape(kernel.op))</td>"
        if bar {
            out += "<td class=\"barcell\"><div class=\"bar\(efficiency)\" style=\"width:\(HTML.fixed(100 * ms / longest, 1))%\"></div></td>"
        }
        out += "<td class=\"num\">\(HTML.fixed(ms, 3))</td><td class=\"num\">\(HTML.fixed(share, 1))%</td>"
        if bar { out += "<td class=\"num\">\(HTML.fixed(rate, 1))</td>" }
        out += "<td class=\"num\">\(timing.peakGFLOPS > 0 ? HTML.fixed(peak, 1) + "%" : "–")</td>"
        out += "<td class=\"layers\" title=\"\(HTML.escape(layers))\">\(HTML.escape(HTML.truncated(layers, 90)))</td></tr>\n"
        return out
    }
}
