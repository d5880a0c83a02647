import CNNIR
import Testing

/// Shapes from the CNN course material, and the edge rules of net-format.md.
@Suite struct ShapeInferenceTests {
    func conv(
        _ input: [Int], filters: Int, kernel: Int, stride: Int = 1, padding: PaddingSpec = .valid, dilation: Int = 1, groups: Int = 1
    ) throws -> [Int] {
        let rank = input.count - 1
        let k = Array(repeating: kernel, count: rank)
        let s = Array(repeating: stride, count: rank)
        let d = Array(repeating: dilation, count: rank)
        let p = padding.resolve(spatial: Array(input.dropFirst()), kernel: k, stride: s, dilation: d)
        return try ShapeInference.conv(
            ConvAttributes(filters: filters, kernel: k, stride: s, dilation: d, padding: p, groups: groups, hasBias: true), input: input)
    }

    func pool(_ input: [Int], size: Int, stride: Int? = nil, padding: PaddingSpec = .valid, ceil: Bool = false) throws -> [Int] {
        let rank = input.count - 1
        let k = Array(repeating: size, count: rank)
        let s = Array(repeating: stride ?? size, count: rank)
        let p = padding.resolve(spatial: Array(input.dropFirst()), kernel: k, stride: s, dilation: Array(repeating: 1, count: rank))
        return try ShapeInference.pool(
            PoolAttributes(kind: .max, size: k, stride: s, padding: p, ceilMode: ceil, countIncludePad: false), input: input)
    }

    @Test func sixFiveByFiveFiltersOnA32x32x3Image() throws {
        #expect(try conv([3, 32, 32], filters: 6, kernel: 5) == [6, 28, 28])
        // Each filter spans the full input depth: 5*5*3 weights.
        let expected = ParameterRules.expected(
            for: .conv(
                ConvAttributes(
                    filters: 6, kernel: [5, 5], stride: [1, 1], dilation: [1, 1], padding: .zero(rank: 2), groups: 1, hasBias: true)),
            input: [3, 32, 32])
        #expect(expected.first?.alternatives == [[6, 3, 5, 5]])
    }

    @Test func sevenBySevenWithAThreeByThreeFilter() throws {
        #expect(try conv([1, 7, 7], filters: 1, kernel: 3, stride: 1) == [1, 5, 5])
        #expect(try conv([1, 7, 7], filters: 1, kernel: 3, stride: 2) == [1, 3, 3])
        // Stride 3 does not fit 7 evenly: (7 - 3) / 3 is not whole, so floor gives 2...
        #expect(try conv([1, 7, 7], filters: 1, kernel: 3, stride: 3) == [1, 2, 2])
        // ...and with padding 1 the windows tile exactly: (7 + 2 - 3) / 3 + 1 = 3.
        #expect(try conv([1, 7, 7], filters: 1, kernel: 3, stride: 3, padding: .explicit(begin: [1, 1], end: [1, 1])) == [1, 3, 3])
    }

    @Test func alexNetFrontEnd() throws {
        let c1 = try conv([3, 227, 227], filters: 96, kernel: 11, stride: 4)
        #expect(c1 == [96, 55, 55])
        let p1 = try pool(c1, size: 3, stride: 2)
        #expect(p1 == [96, 27, 27])
        let c2 = try conv(p1, filters: 256, kernel: 5, padding: .explicit(begin: [2, 2], end: [2, 2]))
        #expect(c2 == [256, 27, 27])
        #expect(try pool(c2, size: 3, stride: 2) == [256, 13, 13])
    }

    @Test func kerasMNIST() throws {
        let c1 = try conv([1, 28, 28], filters: 25, kernel: 3)
        #expect(c1 == [25, 26, 26])
        let p1 = try pool(c1, size: 2)
        #expect(p1 == [25, 13, 13])
        let c2 = try conv(p1, filters: 50, kernel: 3)
        #expect(c2 == [50, 11, 11])
        let p2 = try pool(c2, size: 2)
        #expect(p2 == [50, 5, 5])
        #expect(try ShapeInference.outputShape(of: .flatten, inputs: [p2]) == [1250])
        // 225 weights per filter in the second conv: 3 * 3 * 25.
        let w = ParameterRules.expected(
            for: .conv(
                ConvAttributes(
                    filters: 50, kernel: [3, 3], stride: [1, 1], dilation: [1, 1], padding: .zero(rank: 2), groups: 1, hasBias: true)),
            input: p1)
        #expect(w.first.map { $0.alternatives[0].dropFirst().reduce(1, *) } == 225)
    }

    @Test func samePaddingAtStrideTwoOnOddSizes() throws {
        // ceil(7 / 2) = 4; total padding (4-1)*2 + 3 - 7 = 2, split 1 + 1.
        #expect(try conv([1, 7, 7], filters: 1, kernel: 3, stride: 2, padding: .same) == [1, 4, 4])
        // Even kernel: total 1, the extra element at the end (TensorFlow).
        let p = PaddingSpec.same.resolve(spatial: [9], kernel: [4], stride: [2], dilation: [1])
        #expect(p.begin == [1] && p.end == [2])
        #expect(try conv([1, 9], filters: 1, kernel: 4, stride: 2, padding: .same) == [1, 5])
        #expect(try conv([1, 224, 224], filters: 1, kernel: 7, stride: 2, padding: .same) == [1, 112, 112])
    }

    @Test func fullPadding() throws {
        #expect(try conv([1, 5, 5], filters: 1, kernel: 3, padding: .full) == [1, 7, 7])
        #expect(try conv([1, 5], filters: 1, kernel: 3, padding: .full, dilation: 2) == [1, 9])
    }

    @Test func dilationGroupsAndTransposedConv() throws {
        #expect(try conv([4, 10, 10], filters: 8, kernel: 3, dilation: 2, groups: 4) == [8, 6, 6])
        #expect(throws: Diagnostic.self) { try conv([3, 10, 10], filters: 6, kernel: 3, groups: 2) }
        let t = ConvTransposeAttributes(
            filters: 4, kernel: [3, 3], stride: [2, 2], dilation: [1, 1], padding: [1, 1], outputPadding: [1, 1], groups: 1, hasBias: true)
        // (I-1)S - 2P + d(K-1) + output_padding + 1 = 4*2 - 2 + 2 + 1 + 1 = 10.
        #expect(try ShapeInference.convTranspose(t, input: [2, 5, 5]) == [4, 10, 10])
    }

    @Test func windowThatDoesNotFitNamesEverything() throws {
        let error = #expect(throws: Diagnostic.self) { try conv([1, 4, 4], filters: 1, kernel: 5) }
        let message = error?.message ?? ""
        #expect(message.contains("expected an output size of at least 1"))
        #expect(message.contains("input [4, 4]") && message.contains("kernel [5, 5]") && message.contains("stride [1, 1]"))
        #expect(message.contains("padding [0, 0]") && message.contains("dilation [1, 1]"))
    }

    @Test func ceilModeDropsAWindowStartingInTheEndPadding() throws {
        // 5 with size 2 stride 2: floor gives 2, ceil gives 3 (the last window starts at 4, inside the input).
        #expect(try pool([1, 5], size: 2, ceil: true) == [1, 3])
        #expect(try pool([1, 5], size: 2, ceil: false) == [1, 2])
        // With padding 1 on both sides, ceil((5+2-2)/2)+1 = 4, but the 4th window would start at
        // 3*2 = 6 >= 5 + 1, entirely in the end padding, so PyTorch drops it.
        #expect(WindowArithmetic.poolOutput(input: 5, size: 2, stride: 2, padBegin: 1, padEnd: 1, ceil: true) == 3)
        #expect(WindowArithmetic.poolOutput(input: 6, size: 3, stride: 2, padBegin: 1, padEnd: 1, ceil: true) == 4)
    }

    @Test func globalAdaptiveConcatAddDense() throws {
        #expect(try ShapeInference.outputShape(of: .globalPool(.average), inputs: [[8, 7, 7]]) == [8, 1, 1])
        #expect(try ShapeInference.outputShape(of: .globalPool(.max), inputs: [[8, 7]]) == [8, 1])
        #expect(try ShapeInference.outputShape(of: .adaptivePool(.average, output: [3, 2]), inputs: [[8, 7, 5]]) == [8, 3, 2])
        #expect(try ShapeInference.outputShape(of: .concat(axis: 0), inputs: [[2, 4, 4], [3, 4, 4]]) == [5, 4, 4])
        #expect(throws: Diagnostic.self) { try ShapeInference.outputShape(of: .concat(axis: 0), inputs: [[2, 4, 4], [3, 4, 5]]) }
        #expect(throws: Diagnostic.self) { try ShapeInference.outputShape(of: .add(epilogue: []), inputs: [[2, 4, 4], [2, 4, 5]]) }
        #expect(throws: Diagnostic.self) {
            try ShapeInference.outputShape(of: .dense(DenseAttributes(units: 3, hasBias: true)), inputs: [[2, 4, 4]])
        }
        #expect(try ShapeInference.outputShape(of: .upsample(scale: [2, 3], mode: .nearest), inputs: [[2, 4, 4]]) == [2, 8, 12])
    }
}
