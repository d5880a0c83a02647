/// The arena over the run: x is the kernel (time), y the offset; each tensor a rectangle.
struct MemorySVG {
    static let plotWidth = 1100
    static let plotHeight = 300
    static let left = 64
    static let bottom = 28

    let data: ReportData

    func render() -> String {
        let kernels = max(1, data.kernels.count)
        let arena = max(1, data.slices.map { $0.offset + $0.bytes }.max() ?? data.arenaBytes)
        let width = Self.left + Self.plotWidth + 10
        let height = Self.plotHeight + Self.bottom + 8
        let sx = Double(Self.plotWidth) / Double(kernels)
        let sy = Double(Self.plotHeight) / Double(arena)
        func px(_ v: Double) -> String { HTML.fixed(v, 1) }
        var out =
            "<svg class=\"memory\" xmlns=\"http://www.w3.org/2000/svg\" width=\"\(width)\" height=\"\(height)\" viewBox=\"0 0 \(width) \(height)\">\n"
        out += "<rect class=\"plot\" x=\"\(Self.left)\" y=\"4\" width=\"\(Self.plotWidth)\" height=\"\(Self.plotHeight)\"/>\n"
        for (n, slice) in data.slices.enumerated() {
            let x = Double(Self.left) + Double(slice.first) * sx
            let w = max(1.0, Double(slice.last - slice.first + 1) * sx)
            let y = 4 + Double(slice.offset) * sy
            let h = max(1.0, Double(slice.bytes) * sy)
            // Neighbouring tensors get distinct hues; the colour depends only on the position, so the file is deterministic.
            let fill = slice.scratch ? "class=\"scratch\"" : "fill=\"hsl(\((n * 47) % 360),55%,62%)\""
            let title =
                (slice.scratch ? "scratch of " : "") + slice.name + "\n" + HTML.bytes(slice.bytes) + " at offset "
                + HTML.grouped(slice.offset)
                + "\nkernels k\(slice.first)–k\(slice.last)"
            out +=
                "<rect \(fill) x=\"\(px(x))\" y=\"\(px(y))\" width=\"\(px(w))\" height=\"\(px(h))\"><title>\(HTML.escape(title))</title></rect>\n"
        }
        // Axes: kernels along the bottom, bytes up the left.
        let axisY = 4 + Self.plotHeight
        out += "<text class=\"axis\" x=\"\(Self.left)\" y=\"\(axisY + 16)\">k0</text>"
        out += "<text class=\"axis\" x=\"\(Self.left + Self.plotWidth)\" y=\"\(axisY + 16)\" text-anchor=\"end\">k\(kernels - 1)</text>"
        out +=
            "<text class=\"axis\" x=\"\(Self.left + Self.plotWidth / 2)\" y=\"\(axisY + 16)\" text-anchor=\"middle\">kernels in run order →</text>"
        out += "<text class=\"axis\" x=\"\(Self.left - 4)\" y=\"14\" text-anchor=\"end\">0</text>"
        out += "<text class=\"axis\" x=\"\(Self.left - 4)\" y=\"\(axisY)\" text-anchor=\"end\">\(HTML.bytes(arena))</text>\n"
        out += "</svg>"
        return out
    }
}
