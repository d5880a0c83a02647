import CNNIR

/// Moves a per-channel scale of a conv's input into the conv: `conv(y * s)` with `s` of shape
/// [C, 1, ...] computed at run time (a squeeze-and-excitation block's gate in EfficientNet,
/// MobileNetV3 and RegNetY) becomes one conv reading `y` and `s` (`ConvAttributes.inputScale`),
/// whose kernel multiplies by s[c] as it reads input channel c. The scaled tensor is never
/// written: the separate multiply was a full pass over the block's widest tensor, read back
/// by the conv (0.44 ms of EfficientNet-B0's 12.5 on one thread).
///
/// Only where the kernels implement it: a 1x1, stride-1, unpadded conv in one group (the
/// projection after the gate). The mul must have no activation and no other reader.
public struct FuseInputScale: RewriteRule {
    public init() {}
    public var name: String { "fuse-input-scale" }

    public func rewrite(_ node: Node, in graph: RewriteGraph) -> Rewrite? {
        guard case .conv(var a) = node.op, a.inputScale == nil, a.groups == 1, a.kernel.allSatisfy({ $0 == 1 }),
            a.stride.allSatisfy({ $0 == 1 }), a.padding.isZero, let first = node.inputs.first, graph.hasSingleReader(first)
        else { return nil }
        let mul = graph.node(first)
        guard case .binary(let b) = mul.op, b.op == .mul, b.constant == nil, b.epilogue.isEmpty, mul.inputs.count == 2,
            mul.inputs[0] != mul.inputs[1], let channels = mul.shape.first
        else { return nil }
        let perChannel = [channels] + Array(repeating: 1, count: mul.shape.count - 1)
        for k in 0..<2 {
            let scale = mul.inputs[k]
            let data = mul.inputs[1 - k]
            guard graph.node(scale).shape == perChannel, graph.node(data).shape == mul.shape, mul.shape.count > 1 else { continue }
            var fused = node
            fused.id = mul.id
            fused.inputs = [data] + node.inputs.dropFirst() + [scale]
            a.inputScale = fused.inputs.count - 1
            fused.op = .conv(a)
            return .merge(producer: mul.id, consumer: node.id, fused: fused)
        }
        return nil
    }
}
