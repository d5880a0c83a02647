/// Splits the layers into blocks a reader can take in at once, and finds runs of repeated blocks.
///
/// A block boundary is a *cut*: a point in layer order where exactly one tensor is live (every
/// earlier tensor has had its last reader), so nothing but that tensor crosses it. The pieces
/// between cuts are merged back while their first layers share a name prefix (`layer1.0.*`,
/// `features.denseblock1.denselayer2.*`), small neighbours are merged, and long chains split.
struct GraphBlocks {
    /// Layer positions `range` of one block; `repeatOf` is the run's first block when this one repeats it.
    struct Block: Equatable {
        var range: Range<Int>
        var repeatOf: Int?
    }

    var blocks: [Block]

    static let smallBlock = 4
    static let mergedLimit = 16
    static let largeBlock = 40

    init(_ layers: [ReportData.Layer]) {
        let n = layers.count
        var lastReader = Array(0..<n)
        for (i, layer) in layers.enumerated() { for input in layer.inputs { lastReader[input] = max(lastReader[input], i) } }
        // Pieces between cuts.
        var pieces: [Range<Int>] = []
        var start = 0
        var reach = 0  // the furthest last reader of any layer before i
        for i in 0..<n {
            if reach <= i {
                pieces.append(start..<(i + 1))
                start = i + 1
            }
            reach = max(reach, lastReader[i])
        }
        if start < n { pieces.append(start..<n) }
        // Merge pieces whose first layers share a prefix.
        var merged: [Range<Int>] = []
        for piece in pieces {
            if let last = merged.last, Self.prefix(layers[last.lowerBound].name) == Self.prefix(layers[piece.lowerBound].name),
                last.count + piece.count <= Self.largeBlock
            {
                merged[merged.count - 1] = last.lowerBound..<piece.upperBound
            } else {
                merged.append(piece)
            }
        }
        // Merge runs of small blocks (chains of differently named layers, as ONNX exports name them).
        var compact: [Range<Int>] = []
        var lastIsSmallRun = false
        for block in merged {
            let small = block.count < Self.smallBlock
            if let last = compact.last, last.allSatisfy({ layers[$0].op == "input" }) {
                // The model inputs go with the layers that read them.
                compact[compact.count - 1] = last.lowerBound..<block.upperBound
                lastIsSmallRun = small
            } else if small, lastIsSmallRun, let last = compact.last, last.count + block.count <= Self.mergedLimit {
                compact[compact.count - 1] = last.lowerBound..<block.upperBound
            } else {
                compact.append(block)
                lastIsSmallRun = small
            }
        }
        // Repeats: consecutive blocks with the same structure (ops, attributes, wiring, fusion), names and shapes aside.
        var result: [Block] = []
        var signatures: [[String]] = []
        for block in compact {
            let signature = Self.signature(block, layers)
            var repeatOf: Int?
            if let previous = result.last, signatures.last == signature {
                repeatOf = previous.repeatOf ?? (result.count - 1)
            }
            result.append(Block(range: block, repeatOf: repeatOf))
            signatures.append(signature)
        }
        blocks = result
    }

    /// A layer name without its last component: `layer1.0.conv1` -> `layer1.0`, `/a/b/Conv` -> `/a/b`.
    static func prefix(_ name: String) -> Substring {
        guard let cut = name.lastIndex(where: { $0 == "." || $0 == "/" }) else { return "" }
        return name[..<cut]
    }

    /// What must match for two blocks to count as repeats.
    static func signature(_ range: Range<Int>, _ layers: [ReportData.Layer]) -> [String] {
        range.map { i in
            let layer = layers[i]
            let wiring = layer.inputs.map { range.contains($0) ? String(i - $0) : "in" }.joined(separator: ",")
            let kernel = layer.kernel.map { k in String(range.first { layers[$0].kernel == k }.map { i - $0 } ?? -1) } ?? layer.note
            return "\(layer.op)|\(layer.detail)|\(wiring)|\(kernel)"
        }
    }
}
