import CNNIR

/// The net.json fields of the data movement ops (the inverse of `MovementParser`).
enum MovementFields {
    static func fields(_ m: MovementOp) -> [(String, String)] {
        switch m {
        case .reshape(let shape): return [("shape", JSONText.ints(shape))]
        case .transpose(let perm): return [("perm", JSONText.ints(perm))]
        case .slice(let axes):
            var out = [("starts", JSONText.ints(axes.map(\.start))), ("ends", JSONText.ints(axes.map(\.end)))]
            if axes.map(\.axis) != Array(0..<axes.count) { out.append(("axes", JSONText.ints(axes.map(\.axis)))) }
            if axes.contains(where: { $0.step != 1 }) { out.append(("steps", JSONText.ints(axes.map(\.step)))) }
            return out
        case .channelShuffle(let groups): return [("groups", String(groups))]
        case .depthToSpace(let block, let mode):
            return [("block", String(block))] + (mode == .dcr ? [] : [("mode", JSONText.string(mode.rawValue))])
        case .spaceToDepth(let block, let mode):
            return [("block", String(block))] + (mode == .dcr ? [] : [("mode", JSONText.string(mode.rawValue))])
        }
    }
}
