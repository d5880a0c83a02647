/// One block of the graph as an inline SVG: a layer per row, branches in lanes, fused kernels as boxes.
///
/// Lanes work like a version-control graph: a tensor holds its lane from the row that writes it to
/// the row of its last reader, so its edge runs straight down without crossing another layer's box.
/// A layer takes its first input's lane when it is that tensor's last reader, else the lowest free one.
struct GraphSVG {
    static let laneWidth = 246
    static let boxWidth = 206
    static let boxHeight = 30
    /// A conv's box has a third line: its kernel's algorithm.
    static let algorithmLine = 12
    static let rowGap = 20
    static let top = 26
    static let nameLimit = 31
    static let detailLimit = 34

    let data: ReportData
    let range: Range<Int>
    /// The block's common name prefix (`layer1.0.`), left out of the boxes; nil when there is none.
    let prefix: String?
    /// Verify entries by layer name.
    let errors: [String: ReportData.Verification.Entry]

    /// The block's SVG element.
    func render() -> String {
        let layers = data.layers
        // Producers outside the block, in order of first use.
        var external: [Int] = []
        for i in range {
            for input in layers[i].inputs where !range.contains(input) && !external.contains(input) { external.append(input) }
        }
        var lastReader: [Int: Int] = [:]
        for i in range { for input in layers[i].inputs { lastReader[input] = i } }
        var laneOf: [Int: Int] = [:]
        var busy: [Bool] = []
        func take(_ lane: Int?) -> Int {
            if let lane {
                busy[lane] = true
                return lane
            }
            if let free = busy.firstIndex(of: false) {
                busy[free] = true
                return free
            }
            busy.append(true)
            return busy.count - 1
        }
        for producer in external { laneOf[producer] = take(nil) }
        for i in range {
            var freed: [Int] = []
            for input in layers[i].inputs where lastReader[input] == i {
                if let lane = laneOf[input], busy[lane] {
                    busy[lane] = false
                    freed.append(lane)
                }
            }
            let first = layers[i].inputs.first.flatMap { laneOf[$0] }
            let lane = take(first.flatMap { freed.contains($0) ? $0 : nil })
            laneOf[i] = lane
            // A tensor nobody in the block reads leaves its lane at once (it goes on to a later block or is an output).
            if lastReader[i] == nil { busy[lane] = false }
        }
        let lanes = max(1, busy.count)
        let width = lanes * Self.laneWidth + 10
        var rowTop: [Int] = []
        var y = Self.top
        for i in range {
            rowTop.append(y)
            y += boxHeight(i) + Self.rowGap
        }
        let height = y - Self.rowGap + 6
        func centreX(_ lane: Int) -> Int { 10 + lane * Self.laneWidth + Self.boxWidth / 2 }
        func rowY(_ i: Int) -> Int { rowTop[i - range.lowerBound] }

        var out =
            "<svg class=\"graph\" xmlns=\"http://www.w3.org/2000/svg\" width=\"\(width)\" height=\"\(height)\" viewBox=\"0 0 \(width) \(height)\">\n"
        // Incoming tensors: a stub at the top of their lane.
        for producer in external {
            let x = centreX(laneOf[producer]!)
            out +=
                "<text class=\"from\" x=\"\(x)\" y=\"11\" text-anchor=\"middle\">from \(HTML.escape(HTML.truncatedStart(layers[producer].name, Self.nameLimit)))</text>\n"
            out += "<text class=\"shape\" x=\"\(x + 5)\" y=\"22\">\(HTML.shape(layers[producer].shape))</text>\n"
        }
        // Kernel boxes behind the layers.
        var kernelOrder: [Int] = []
        var extent: [Int: (x0: Int, y0: Int, x1: Int, y1: Int)] = [:]
        for i in range {
            guard let k = layers[i].kernel else { continue }
            let x0 = 10 + laneOf[i]! * Self.laneWidth
            let y0 = rowY(i)
            if let e = extent[k] {
                extent[k] = (min(e.x0, x0), min(e.y0, y0), max(e.x1, x0 + Self.boxWidth), max(e.y1, y0 + boxHeight(i)))
            } else {
                kernelOrder.append(k)
                extent[k] = (x0, y0, x0 + Self.boxWidth, y0 + boxHeight(i))
            }
        }
        for k in kernelOrder {
            let e = extent[k]!
            let kernel = data.kernels[k]
            let fused = kernel.layers.count > 1
            var title = "k\(k) \(kernel.op)"
            if let algorithm = kernel.algorithm { title += " [\(algorithm)]" }
            title +=
                "\n" + kernel.layers.joined(separator: " + ") + "\n" + HTML.flops(kernel.flops) + "FLOPs, output "
                + HTML.shape(kernel.shape)
            out += "<g class=\"kbox\(fused ? " fused" : "")\" data-k=\"\(k)\"><title>\(HTML.escape(title))</title>"
            out += "<rect x=\"\(e.x0 - 4)\" y=\"\(e.y0 - 4)\" width=\"\(e.x1 - e.x0 + 8)\" height=\"\(e.y1 - e.y0 + 8)\" rx=\"6\"/>"
            out += "<text x=\"\(e.x1 + 7)\" y=\"\(e.y0 + 9)\">k\(k)</text></g>\n"
        }
        // Edges: down the producer's lane, then across into the reader's side.
        for i in range {
            let lane = laneOf[i]!
            let y = rowY(i)
            for (n, input) in layers[i].inputs.enumerated() {
                guard let from = laneOf[input] else { continue }
                let x0 = centreX(from)
                let y0 = range.contains(input) ? rowY(input) + boxHeight(input) : 15
                if from == lane {
                    out += "<path class=\"edge\" d=\"M\(x0) \(y0)V\(y)\"/>\n"
                } else {
                    let yIn = y + 9 + 7 * min(n, 2)
                    let xIn = from < lane ? 10 + lane * Self.laneWidth : 10 + lane * Self.laneWidth + Self.boxWidth
                    out += "<path class=\"edge\" d=\"M\(x0) \(y0)V\(yIn)H\(xIn)\"/>\n"
                }
            }
        }
        // Layers.
        for i in range {
            let layer = layers[i]
            let x = 10 + laneOf[i]! * Self.laneWidth
            let y = rowY(i)
            var classes = "node op-" + Self.opClass(layer.op)
            if layer.kernel == nil && layer.note != "model input" { classes += " removed" }
            if let entry = errors[layer.name] { classes += entry.passed ? " err-ok" : " err-bad" }
            var detail = layer.op
            if !layer.detail.isEmpty { detail += " " + layer.detail }
            let algorithm = self.algorithm(i)
            var title = layer.name + "\n" + detail + (algorithm.map { "\nalgorithm: " + $0 } ?? "") + "\noutput " + HTML.shape(layer.shape)
            title += "\nparameters " + HTML.grouped(layer.parameters) + ", FLOPs " + HTML.grouped(layer.flops)
            title += layer.kernel.map { "\nkernel k\($0)" } ?? "\n" + layer.note
            if let entry = errors[layer.name] {
                title +=
                    "\nverify: " + (entry.passed ? "within tolerance" : "OUT OF TOLERANCE") + ", max abs error "
                    + HTML.scientific(entry.maxAbsError)
            }
            out +=
                "<g class=\"\(classes)\" data-name=\"\(HTML.escape(layer.name))\" data-layer=\"\(i)\"><title>\(HTML.escape(title))</title>"
            out += "<rect x=\"\(x)\" y=\"\(y)\" width=\"\(Self.boxWidth)\" height=\"\(boxHeight(i))\" rx=\"4\"/>"
            out += "<text class=\"name\" x=\"\(x + 6)\" y=\"\(y + 12)\">\(HTML.escape(shortName(layer.name)))</text>"
            out += "<text class=\"op\" x=\"\(x + 6)\" y=\"\(y + 25)\">\(HTML.escape(HTML.truncated(detail, Self.detailLimit)))</text>"
            if let algorithm {
                out +=
                    "<text class=\"algo\" x=\"\(x + 6)\" y=\"\(y + 37)\">\(HTML.escape(HTML.truncated(algorithm, Self.detailLimit)))</text>"
            }
            out += "</g>\n"
            // The output shape, on the edge leaving the layer.
            if lastReaderInBlock(i) {
                out +=
                    "<text class=\"shape\" x=\"\(x + Self.boxWidth / 2 + 5)\" y=\"\(y + boxHeight(i) + 13)\">\(HTML.shape(layer.shape))</text>\n"
            }
        }
        out += "</svg>"
        return out
    }

    /// A name as its box shows it: without the block's prefix, and cut at the start when long (the end tells layers apart).
    private func shortName(_ name: String) -> String {
        var short = name
        if let prefix, name.hasPrefix(prefix), name.count > prefix.count { short = String(name.dropFirst(prefix.count)) }
        return HTML.truncatedStart(short, Self.nameLimit)
    }

    /// The algorithm shown in layer `i`'s box: its kernel's, on the layer the kernel is named after.
    private func algorithm(_ i: Int) -> String? {
        guard let k = data.layers[i].kernel, data.kernels[k].layers.first == data.layers[i].name else { return nil }
        return data.kernels[k].algorithm
    }

    private func boxHeight(_ i: Int) -> Int { Self.boxHeight + (algorithm(i) == nil ? 0 : Self.algorithmLine) }

    /// Whether some layer of the block reads layer `i`.
    private func lastReaderInBlock(_ i: Int) -> Bool {
        range.contains { data.layers[$0].inputs.contains(i) }
    }

    /// The colour family of an op.
    static func opClass(_ op: String) -> String {
        if op.hasPrefix("conv") { return "conv" }
        if op == "dense" { return "dense" }
        if op.contains("pool") { return "pool" }
        if ["add", "concat", "binary", "mul", "sub", "div"].contains(op) { return "merge" }
        if op == "batchnorm" || op == "bias" || op == "lrn" { return "norm" }
        if op == "input" { return "input" }
        if ["flatten", "dropout", "pad", "upsample2d", "resize", "softmax"].contains(op) { return "shape" }
        return "act"
    }
}
