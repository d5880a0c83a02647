/// Padding as written in a description, before the input size is known.
public enum PaddingSpec: Hashable, Sendable {
    /// No padding.
    case valid
    /// Output size ceil(I / S); total padding split with the extra element at the end (TensorFlow, Keras).
    case same
    /// d(K-1) on both sides.
    case full
    /// Explicit amounts per spatial dimension.
    case explicit(begin: [Int], end: [Int])

    /// Resolves to explicit padding for an input of `spatial` sizes.
    public func resolve(spatial: [Int], kernel: [Int], stride: [Int], dilation: [Int]) -> Padding {
        let rank = spatial.count
        switch self {
        case .valid:
            return .zero(rank: rank)
        case .full:
            let amounts = (0..<rank).map { dilation[$0] * (kernel[$0] - 1) }
            return Padding(begin: amounts, end: amounts)
        case .same:
            var begin: [Int] = []
            var end: [Int] = []
            for d in 0..<rank {
                let out = (spatial[d] + stride[d] - 1) / stride[d]
                let extent = dilation[d] * (kernel[d] - 1) + 1
                let total = max((out - 1) * stride[d] + extent - spatial[d], 0)
                begin.append(total / 2)
                end.append(total - total / 2)
            }
            return Padding(begin: begin, end: end)
        case .explicit(let begin, let end):
            return Padding(begin: begin, end: end)
        }
    }
}

/// Output-size arithmetic shared by shape inference, codegen and tests.
public enum WindowArithmetic {
    /// floor((I + pb + pe - d(K-1) - 1) / S) + 1; may be < 1 for windows that do not fit.
    public static func convOutput(input: Int, kernel: Int, stride: Int, dilation: Int, padBegin: Int, padEnd: Int) -> Int {
        let span = input + padBegin + padEnd - dilation * (kernel - 1) - 1
        return span < 0 ? 0 : span / stride + 1
    }

    /// Pool output size; with `ceil`, rounds up but drops a last window that would start in the end padding (PyTorch).
    public static func poolOutput(input: Int, size: Int, stride: Int, padBegin: Int, padEnd: Int, ceil: Bool) -> Int {
        let span = input + padBegin + padEnd - size
        if span < 0 { return 0 }
        guard ceil else { return span / stride + 1 }
        var out = (span + stride - 1) / stride + 1
        if (out - 1) * stride >= input + padBegin { out -= 1 }
        return out
    }

    /// (I-1)S - 2P + d(K-1) + output_padding + 1 (PyTorch's transposed convolution).
    public static func convTransposeOutput(input: Int, kernel: Int, stride: Int, dilation: Int, padding: Int, outputPadding: Int) -> Int {
        (input - 1) * stride - 2 * padding + dilation * (kernel - 1) + outputPadding + 1
    }
}
