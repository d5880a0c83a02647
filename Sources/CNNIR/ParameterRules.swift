/// Which learned parameters each op has, and their shapes (PyTorch's layouts).
public enum ParameterRules {
    /// One expected parameter; `alternatives` lists every accepted shape (prelu's slope is [C] or [1]).
    public struct Expected: Hashable, Sendable {
        public var name: String
        public var alternatives: [[Int]]
    }

    /// The parameters `op` needs on an input of `input` shape, in a fixed order.
    public static func expected(for op: Op, input: [Int]) -> [Expected] {
        func one(_ name: String, _ shape: [Int]) -> Expected { Expected(name: name, alternatives: [shape]) }
        switch op {
        case .conv(let a):
            var out = [one("weight", [a.filters, input[0] / a.groups] + a.kernel)]
            if a.hasBias { out.append(one("bias", [a.filters])) }
            return out
        case .convTranspose(let a):
            var out = [one("weight", [input[0], a.filters / a.groups] + a.kernel)]
            if a.hasBias { out.append(one("bias", [a.filters])) }
            return out
        case .dense(let a):
            var out = [one("weight", [a.units, a.lastAxis ? input.last ?? 1 : input.reduce(1, *)])]
            if a.hasBias { out.append(one("bias", [a.units])) }
            return out
        case .batchNorm:
            return ["weight", "bias", "running_mean", "running_var"].map { one($0, [input[0]]) }
        case .prelu:
            return [Expected(name: "slope", alternatives: input[0] == 1 ? [[1]] : [[input[0]], [1]])]
        case .bias(let mode):
            return [one("bias", mode == .channel ? [input[0]] : input)]
        case .normalization(let a):
            return ["weight", "bias"].map { one($0, a.parameterShape(input: input)) }
        case .binary(let a):
            return a.constant.map { [one("constant", $0.shape)] } ?? []
        case .select(let a):
            return zip(WhereAttributes.operandNames, a.constants).compactMap { name, shape in shape.map { one(name, $0) } }
        case .matmul(let a):
            return a.constant.map { [one("constant", $0.shape)] } ?? []
        case .input, .flatten, .pool, .globalPool, .adaptivePool, .activation, .softmax, .lrn,
            .dropout, .add, .concat, .upsample, .pad, .movement, .reduce, .resize, .lpPool:
            return []
        }
    }
}
