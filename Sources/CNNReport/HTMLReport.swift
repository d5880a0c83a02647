/// `cnnc report`'s page: one self-contained HTML file (inline CSS, SVG and a little JS; nothing fetched).
///
/// Every string from the model or the command line goes through `HTML.escape`; the script reads
/// names only from the DOM. The page is a pure function of `ReportData`, so the same input gives
/// the same bytes.
public enum HTMLReport {
    /// The whole page.
    public static func render(_ data: ReportData) -> String {
        var errors: [String: ReportData.Verification.Entry] = [:]
        for entry in data.verification?.entries ?? [] where errors[entry.name] == nil { errors[entry.name] = entry }
        // Per-layer results of an ONNX model name layers by their output tensors.
        for (layer, tensor) in data.tensorNames.sorted(by: { $0.key < $1.key }) where errors[layer] == nil {
            if let entry = errors[tensor] { errors[layer] = entry }
        }
        var out = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        out += "<title>cnnc report: \(HTML.escape(data.title))</title>\n<style>\n\(css)</style>\n</head>\n"
        out += "<body>\n<main id=\"report\" data-kernel-count=\"\(data.kernels.count)\">\n"
        out +=
            "<header><h1>\(HTML.escape(data.title))</h1>\n<p class=\"meta\">\(HTML.escape(data.source)) · target \(HTML.escape(data.target))"
        out += " · <span id=\"js-status\" data-state=\"no-script\">script not run</span></p>\n"
        out += summary(data)
        out += "<div class=\"toolbar\"><input id=\"search\" type=\"search\" placeholder=\"search layers by name\" autocomplete=\"off\">"
        out +=
            " <span id=\"matches\"></span> <button id=\"expand\" type=\"button\">expand all</button> <button id=\"collapse\" type=\"button\">collapse repeats</button></div>\n</header>\n"
        if let timing = data.timing {
            out += "<section id=\"time\"><h2>Where the time goes</h2>\n" + TimingHTML(data: data, timing: timing).render() + "</section>\n"
        }
        if let verification = data.verification {
            out += verifySection(verification)
        }
        if data.hasGraph {
            out += graphSection(data, errors: errors)
            out += memorySection(data)
            out += layerTable(data, errors: errors)
        } else {
            out += kernelTable(data)
        }
        out += "</main>\n<script>\n\(script)</script>\n</body>\n</html>\n"
        return out
    }

    static func card(_ label: String, _ value: String, _ note: String = "") -> String {
        "<div class=\"card\"><div class=\"label\">\(HTML.escape(label))</div><div class=\"value\">\(HTML.escape(value))</div>"
            + (note.isEmpty ? "" : "<div class=\"cnote\">\(HTML.escape(note))</div>") + "</div>"
    }

    static func summary(_ data: ReportData) -> String {
        var out = "<div class=\"cards\">"
        if let t = data.timing {
            out += card("latency (median)", HTML.fixed(t.medianMs, 3) + " ms", "min " + HTML.fixed(t.minMs, 3) + " ms, batch \(t.batch)")
            out += card("throughput", HTML.fixed(t.imagesPerSecond, 1) + " images/s", "\(t.threads) thread\(t.threads == 1 ? "" : "s")")
            out += card(
                "compute", HTML.fixed(t.gflops, 1) + " GFLOP/s",
                t.peakGFLOPS > 0 ? HTML.fixed(100 * t.gflops / t.peakGFLOPS, 1) + "% of the FMA peak" : "")
        }
        out += card("kernels", String(data.kernels.count), data.hasGraph ? "from \(data.layers.count) layers" : "")
        if data.hasGraph { out += card("parameters", HTML.grouped(data.parameters)) }
        out += card("FLOPs per sample", HTML.flops(data.flops) + "FLOP")
        let unshared = data.unsharedBytes
        out += card(
            "arena per sample", HTML.bytes(data.arenaBytes),
            data.hasGraph && unshared > 0
                ? "sum of all tensors " + HTML.bytes(unshared) + " (" + HTML.fixed(100 * Double(data.arenaBytes) / Double(unshared), 1)
                    + "%)" : "")
        if let v = data.verification {
            out += card("verify", v.passed ? "passed" : "FAILED", "rtol \(HTML.scientific(v.rtol)), atol \(HTML.scientific(v.atol))")
        }
        out += "</div>\n"
        return out
    }

    static func graphSection(_ data: ReportData, errors: [String: ReportData.Verification.Entry]) -> String {
        let blocks = GraphBlocks(data.layers).blocks
        var out = "<section id=\"graph\"><h2>The graph, fused</h2>\n"
        out +=
            "<p class=\"note\">Layers as written, one per row; a dashed box is one kernel (<b>k</b><i>n</i>, run order) and holds the layers fused into it; "
        out +=
            "convs name their algorithm. Hover for parameters, FLOPs and the kernel. \(blocks.count) block\(blocks.count == 1 ? "" : "s"); repeated blocks are collapsed.</p>\n"
        out += legend
        out += "<div class=\"blocks\">\n"
        var i = 0
        while i < blocks.count {
            out += block(data, blocks, i, errors: errors, open: true)
            var j = i + 1
            while j < blocks.count && blocks[j].repeatOf != nil { j += 1 }
            if j > i + 1 {
                let first = data.layers[blocks[i + 1].range.lowerBound].name
                let last = data.layers[blocks[j - 1].range.upperBound - 1].name
                out +=
                    "<details class=\"repeat\"><summary>\(j - i - 1) more block\(j - i - 1 == 1 ? "" : "s") with the structure of block \(i + 1): "
                out += "\(HTML.escape(first)) … \(HTML.escape(last))</summary>\n<div class=\"blocks\">\n"
                for r in (i + 1)..<j { out += block(data, blocks, r, errors: errors, open: true) }
                out += "</div></details>\n"
            }
            i = j
        }
        out += "</div>\n"
        // Kernels that compute none of the layers as written (none today): still listed, so every kernel appears.
        let drawn = Set(data.layers.compactMap(\.kernel))
        let other = data.kernels.indices.filter { !drawn.contains($0) }
        if !other.isEmpty {
            out += "<p>Kernels with no layer of the description:</p><ul>"
            for k in other {
                out +=
                    "<li class=\"kitem\" data-k=\"\(k)\">k\(k) \(HTML.escape(data.kernels[k].op)): \(HTML.escape(data.kernels[k].layers.joined(separator: " + ")))</li>"
            }
            out += "</ul>\n"
        }
        return out + "</section>\n"
    }

    static func block(
        _ data: ReportData, _ blocks: [GraphBlocks.Block], _ b: Int, errors: [String: ReportData.Verification.Entry], open: Bool
    ) -> String {
        let range = blocks[b].range
        let names = range.map { data.layers[$0].name }
        let kernels = Set(range.compactMap { data.layers[$0].kernel })
        let flops = range.reduce(0) { $0 + data.layers[$1].flops }
        let prefix = commonPrefix(names)
        let title = prefix.map { $0 + "*" } ?? (names.first! + (names.count > 1 ? " … " + names.last! : ""))
        var out =
            "<details class=\"block\"\(open ? " open" : "")><summary><span class=\"bnum\">block \(b + 1)</span> <b>\(HTML.escape(title))</b>"
        out +=
            " <span class=\"bmeta\">\(range.count) layer\(range.count == 1 ? "" : "s"), \(kernels.count) kernel\(kernels.count == 1 ? "" : "s"), "
        out += "\(HTML.flops(flops))FLOPs → \(HTML.shape(data.layers[range.upperBound - 1].shape))</span></summary>\n"
        out += GraphSVG(data: data, range: range, prefix: prefix, errors: errors).render()
        return out + "\n</details>\n"
    }

    /// The longest common prefix of `names` up to and with a separator (`layer1.0.`), when it says something.
    static func commonPrefix(_ names: [String]) -> String? {
        guard names.count > 1, var prefix = names.first else { return nil }
        for name in names.dropFirst() {
            while !name.hasPrefix(prefix) { prefix.removeLast() }
        }
        while let last = prefix.last, last != "." && last != "/" { prefix.removeLast() }
        return prefix.count >= 3 ? prefix : nil
    }

    static let legend = """
        <p class="legend"><span class="sw op-conv">conv</span><span class="sw op-norm">norm</span><span class="sw op-act">activation</span>\
        <span class="sw op-pool">pool</span><span class="sw op-merge">add / concat</span><span class="sw op-dense">dense</span>\
        <span class="sw op-shape">shape</span><span class="sw op-input">input</span><span class="sw removed">removed</span></p>

        """

    static func memorySection(_ data: ReportData) -> String {
        var out = "<section id=\"memory\"><h2>Memory: the arena over the run</h2>\n"
        let unshared = data.unsharedBytes
        out +=
            "<p class=\"note\">Each rectangle is a tensor (grey: a kernel's scratch) at its arena offset, from the kernel that writes it to the last one that reads it. "
        out += "Peak \(HTML.bytes(data.arenaBytes)) per sample against \(HTML.bytes(unshared)) if every tensor had its own memory; "
        out += "model inputs and outputs live in the caller's buffers.</p>\n"
        let share = unshared > 0 ? min(100, 100 * Double(data.arenaBytes) / Double(unshared)) : 100
        out +=
            "<div class=\"peak\"><div class=\"prow\"><div class=\"pbar sum\" style=\"width:100%\"></div></div><span>sum of all tensors \(HTML.bytes(unshared))</span>"
        out +=
            "<div class=\"prow\"><div class=\"pbar arena\" style=\"width:\(HTML.fixed(share, 1))%\"></div></div><span>arena peak \(HTML.bytes(data.arenaBytes)) (\(HTML.fixed(share, 1))%)</span></div>\n"
        out += "<div class=\"scroll\">" + MemorySVG(data: data).render() + "</div>\n</section>\n"
        return out
    }

    static func verifySection(_ v: ReportData.Verification) -> String {
        var out = "<section id=\"verify\"><h2>Verify: error against the tolerance</h2>\n<p class=\"note\">\(HTML.escape(v.source)); "
        out +=
            "an element is within tolerance when |actual − expected| ≤ \(HTML.scientific(v.atol)) + \(HTML.scientific(v.rtol)) × |expected|.</p>\n"
        out += "<table><tr><th>name</th><th>verdict</th><th>max abs error</th><th>max rel error</th><th>out of tolerance</th></tr>\n"
        for e in v.entries {
            out +=
                "<tr class=\"\(e.passed ? "err-ok" : "err-bad")\" data-name=\"\(HTML.escape(e.name))\"><td>\(HTML.escape(e.name))</td><td>\(e.passed ? "within" : "OUT")</td>"
            out += "<td class=\"num\">\(HTML.scientific(e.maxAbsError))</td><td class=\"num\">\(HTML.scientific(e.maxRelError))</td>"
            out += "<td class=\"num\">\(e.outOfToleranceShare.map { HTML.fixed(100 * $0, 3) + "%" } ?? "–")</td></tr>\n"
        }
        return out + "</table>\n</section>\n"
    }

    static func layerTable(_ data: ReportData, errors: [String: ReportData.Verification.Entry]) -> String {
        var out = "<section id=\"layers\"><details><summary><h2>Every layer (\(data.layers.count))</h2></summary>\n"
        out +=
            "<table class=\"layers\"><tr><th>#</th><th>layer</th><th>op</th><th>output shape</th><th>params</th><th>FLOPs</th><th>kernel</th>"
        out += data.verification == nil ? "</tr>\n" : "<th>max abs error</th></tr>\n"
        for (i, layer) in data.layers.enumerated() {
            var kernel = layer.note
            if let k = layer.kernel {
                kernel = "k\(k) " + data.kernels[k].op + (data.kernels[k].algorithm.map { " [\($0)]" } ?? "")
            }
            out +=
                "<tr class=\"lrow\" data-name=\"\(HTML.escape(layer.name))\"><td class=\"num\">\(i)</td><td>\(HTML.escape(layer.name))</td>"
            out += "<td>\(HTML.escape(layer.op + (layer.detail.isEmpty ? "" : " " + layer.detail)))</td><td>\(HTML.shape(layer.shape))</td>"
            out +=
                "<td class=\"num\">\(HTML.grouped(layer.parameters))</td><td class=\"num\">\(HTML.grouped(layer.flops))</td><td>\(HTML.escape(kernel))</td>"
            if data.verification != nil {
                let entry = errors[layer.name]
                out +=
                    "<td class=\"num \(entry.map { $0.passed ? "err-ok" : "err-bad" } ?? "")\">\(entry.map { HTML.scientific($0.maxAbsError) } ?? "")</td>"
            }
            out += "</tr>\n"
        }
        return out + "</table>\n</details></section>\n"
    }

    /// For a library: its kernels (the graph and the arena need the network, see docs/report.md).
    static func kernelTable(_ data: ReportData) -> String {
        var out =
            "<section id=\"kernels\"><h2>Kernels</h2>\n<p class=\"note\">A compiled library knows its inputs, outputs, kernels and arena size, "
        out += "not the graph: give the network (net.json or .onnx) for the fused graph and the memory plan.</p>\n<p class=\"note\">"
        out += "inputs: " + data.inputs.map { HTML.escape($0.name) + " " + HTML.shape($0.shape) }.joined(separator: ", ")
        out += "; outputs: " + data.outputs.map { HTML.escape($0.name) + " " + HTML.shape($0.shape) }.joined(separator: ", ") + "</p>\n"
        out += "<table><tr><th>kernel</th><th>op</th><th>FLOPs</th><th>layers</th></tr>\n"
        for (k, kernel) in data.kernels.enumerated() {
            let layers = kernel.layers.joined(separator: " + ")
            out +=
                "<tr class=\"kitem lrow\" data-k=\"\(k)\" data-name=\"\(HTML.escape(layers))\"><td>k\(k)</td><td>\(HTML.escape(kernel.op))</td>"
            out += "<td class=\"num\">\(HTML.grouped(kernel.flops))</td><td>\(HTML.escape(layers))</td></tr>\n"
        }
        return out + "</table>\n</section>\n"
    }
}
