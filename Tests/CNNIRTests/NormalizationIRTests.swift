import CNNIR
import Testing

/// Shape rules, parameter shapes and names of the reductions, the normalisations and the linear layer.
@Suite struct NormalizationIRTests {
    func shape(_ op: Op, _ input: [Int]) throws -> [Int] { try ShapeInference.outputShape(of: op, inputs: [input]) }

    @Test func reductionsKeepOrDropTheirAxes() throws {
        let r = { (axes: [Int], keep: Bool) in Op.reduce(ReduceAttributes(kind: .l2, axes: axes, keepDims: keep)) }
        #expect(try shape(r([0], true), [3, 4, 5]) == [1, 4, 5])
        #expect(try shape(r([0, 2], false), [3, 4, 5]) == [4])
        #expect(try shape(r([0, 1, 2], false), [3, 4, 5]) == [1])
        #expect(try shape(r([1], false), [2, 3, 4, 5, 6]) == [2, 4, 5, 6])
        #expect(r([1], true).kindName == "reduce_l2")
        #expect(Op.reduce(ReduceAttributes(kind: .logSumExp, axes: [0], keepDims: true)).kindName == "reduce_log_sum_exp")
        for bad in [[3], [], [1, 0], [1, 1]] {
            #expect(throws: Diagnostic.self, "\(bad)") { try shape(r(bad, true), [3, 4, 5]) }
        }
        #expect(ParameterRules.expected(for: r([0], true), input: [3, 4, 5]).isEmpty)
    }

    @Test func normalisationsKeepTheShapeAndTakeTheirAffine() throws {
        let ln = Op.normalization(NormAttributes(kind: .layer(first: 0, last: 0), epsilon: 1e-6))
        #expect(try shape(ln, [96, 56, 56]) == [96, 56, 56])
        #expect(ParameterRules.expected(for: ln, input: [96, 56, 56]).map(\.alternatives) == [[[96]], [[96]]])
        let last = NormAttributes(kind: .layer(first: 1, last: 2), epsilon: 1e-5)
        #expect(ParameterRules.expected(for: .normalization(last), input: [3, 4, 5]).map(\.alternatives) == [[[4, 5]], [[4, 5]]])
        #expect(last.blocks(input: [3, 4, 5]) == (outer: 3, length: 20, inner: 1))
        #expect(NormAttributes(kind: .layer(first: 0, last: 0), epsilon: 0).blocks(input: [96, 7, 7]) == (outer: 1, length: 96, inner: 49))
        #expect(NormAttributes(kind: .group(2), epsilon: 0).blocks(input: [6, 4, 5]) == (outer: 2, length: 60, inner: 1))
        #expect(NormAttributes(kind: .instance, epsilon: 0).blocks(input: [6, 4, 5]) == (outer: 6, length: 20, inner: 1))
        #expect(throws: Diagnostic.self) { try shape(.normalization(NormAttributes(kind: .group(4), epsilon: 1e-5)), [6, 4]) }
        #expect(throws: Diagnostic.self) {
            try shape(.normalization(NormAttributes(kind: .layer(first: 2, last: 1), epsilon: 1e-5)), [6, 4, 4])
        }
        #expect(throws: Diagnostic.self) { try shape(.normalization(NormAttributes(kind: .instance, epsilon: 1e-5)), [6]) }
        #expect(Op.normalization(NormAttributes(kind: .group(2), epsilon: 1e-5)).kindName == "groupnorm")
    }

    @Test func linearActsOnTheLastAxis() throws {
        let linear = Op.dense(DenseAttributes(units: 384, hasBias: true, lastAxis: true))
        #expect(try shape(linear, [56, 56, 96]) == [56, 56, 384])
        #expect(linear.kindName == "linear")
        #expect(ParameterRules.expected(for: linear, input: [56, 56, 96]).map(\.alternatives) == [[[384, 96]], [[384]]])
        #expect(throws: Diagnostic.self) { try shape(.dense(DenseAttributes(units: 4, hasBias: true)), [3, 5]) }
        #expect(Op.softmax(axis: 1, log: true).kindName == "log_softmax")
    }
}
