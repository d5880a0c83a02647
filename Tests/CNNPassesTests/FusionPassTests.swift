import CNNIR
import CNNPasses
import CNNTestSupport
import Testing

/// Before/after structure of each rewrite rule, with the graph verified after every pass.
@Suite struct FusionPassTests {
    func planned(_ f: GraphFixture) throws -> Graph {
        try GraphVerifier.verify(f.graph)
        return try Pipeline.run(f.graph, options: PassOptions(fuse: true, verifyEachPass: true)).graph
    }

    func kernels(_ g: Graph) -> [[String]] {
        g.nodes.filter {
            if case .input = $0.op { return false }
            return true
        }.map(\.layers)
    }

    @Test func convBatchnormReluPoolBecomesOneKernel() throws {
        var f = GraphFixture(inputs: [("x", [3, 8, 8])])
        try f.add("conv", GraphFixture.conv(4, 3, pad: 1), ["x"])
        try f.add("bn", .batchNorm(epsilon: 1e-5, epilogue: []), ["conv"])
        try f.add("relu", .activation(.relu), ["bn"])
        try f.add("pool", GraphFixture.pool(.max, 2), ["relu"])
        let g = try planned(f)
        #expect(kernels(g) == [["conv", "bn", "relu", "pool"]])
        guard case .conv(let a) = g.nodes[1].op else {
            Issue.record("expected a conv")
            return
        }
        #expect(a.epilogue.count == 2)
        #expect(g.nodes[1].shape == [4, 4, 4])
    }

    @Test func batchnormFoldingFollowsTheAlgebra() throws {
        var f = GraphFixture(inputs: [("x", [2, 5, 5])])
        try f.add("conv", GraphFixture.conv(3, 3), ["x"])
        try f.add("bn", .batchNorm(epsilon: 1e-3, epilogue: []), ["conv"])
        let before = f.graph
        let after = RewriteDriver.run([FoldBatchNorm()], on: before)
        #expect(after.nodes.count == 2)
        let conv = before.nodes[1]
        let bn = before.nodes[2]
        let folded = after.nodes[1]
        let gamma = bn.params["weight"]!.values
        let beta = bn.params["bias"]!.values
        let mean = bn.params["running_mean"]!.values
        let variance = bn.params["running_var"]!.values
        let w = conv.params["weight"]!.values
        let b = conv.params["bias"]!.values
        let perChannel = w.count / 3
        for c in 0..<3 {
            let s = gamma[c] / (variance[c] + 1e-3).squareRoot()
            #expect(abs(folded.params["bias"]!.values[c] - (s * (b[c] - mean[c]) + beta[c])) < 1e-5)
            for i in 0..<perChannel {
                #expect(abs(folded.params["weight"]!.values[c * perChannel + i] - s * w[c * perChannel + i]) < 1e-5)
            }
        }
    }

    @Test func batchnormStaysWhenItCannotFold() throws {
        // After an activation it does not commute; after an input there is no conv.
        var f = GraphFixture(inputs: [("x", [2, 5, 5])])
        try f.add("bn0", .batchNorm(epsilon: 1e-5, epilogue: []), ["x"])
        try f.add("conv", GraphFixture.conv(3, 3, epilogue: [.activation(.relu)]), ["bn0"])
        try f.add("bn1", .batchNorm(epsilon: 1e-5, epilogue: []), ["conv"])
        #expect(kernels(try planned(f)) == [["bn0"], ["conv"], ["bn1"]])
    }

    @Test func standaloneBatchnormTakesItsActivations() throws {
        // DenseNet's pre-activation: batchnorm then ReLU on a concat, one elementwise pass.
        var f = GraphFixture(inputs: [("x", [2, 5, 5])])
        try f.add("bn", .batchNorm(epsilon: 1e-5, epilogue: []), ["x"])
        try f.add("relu", .activation(.relu), ["bn"])
        try f.add("clip", .activation(.clip(min: 0, max: 6)), ["relu"])
        let g = try planned(f)
        #expect(kernels(g) == [["bn", "relu", "clip"]])
        #expect(g.nodes[1].op.epilogue == [.activation(.relu), .activation(.clip(min: 0, max: 6))])
        // A batchnorm that folds into a conv hands its fused activation on to the conv.
        var h = GraphFixture(inputs: [("x", [2, 5, 5])])
        try h.add("conv", GraphFixture.conv(3, 3), ["x"])
        try h.add("bn", .batchNorm(epsilon: 1e-5, epilogue: []), ["conv"])
        try h.add("relu", .activation(.relu), ["bn"])
        let fusedFirst = RewriteDriver.run([FuseActivation()], on: h.graph)
        #expect(fusedFirst.nodes[2].op.epilogue == [.activation(.relu)])
        let folded = RewriteDriver.run([FoldBatchNorm()], on: fusedFirst)
        #expect(kernels(folded) == [["conv", "bn", "relu"]])
        #expect(folded.nodes[1].op.epilogue == [.activation(.relu)])
    }

    @Test func sharedProducersAreNotFused() throws {
        var f = GraphFixture(inputs: [("x", [2, 6, 6])])
        try f.add("conv", GraphFixture.conv(2, 3), ["x"])
        try f.add("relu", .activation(.relu), ["conv"])
        try f.add("sig", .activation(.sigmoid), ["conv"])
        try f.add("sum", .add(epilogue: []), ["relu", "sig"])
        #expect(kernels(try planned(f)) == [["conv"], ["relu"], ["sig"], ["sum"]])
    }

    @Test func residualAddAndReluFuseIntoTheLastConv() throws {
        var f = GraphFixture(inputs: [("x", [4, 6, 6])])
        try f.add("c1", GraphFixture.conv(4, 3, pad: 1, epilogue: [.activation(.relu)]), ["x"])
        try f.add("c2", GraphFixture.conv(4, 3, pad: 1), ["c1"])
        try f.add("sum", .add(epilogue: [.activation(.relu)]), ["c2", "x"])
        let g = try planned(f)
        #expect(kernels(g) == [["c1"], ["c2", "sum"]])
        guard case .conv(let a) = g.nodes.last!.op else {
            Issue.record("expected a conv")
            return
        }
        #expect(a.epilogue == [.add(operand: 1), .activation(.relu)])
        #expect(g.nodes.last!.inputs == [g.nodes[1].id, 0])
    }

    @Test func overlappingPoolsStaySeparate() throws {
        var f = GraphFixture(inputs: [("x", [3, 13, 13])])
        try f.add("conv", GraphFixture.conv(4, 3), ["x"])
        try f.add("pool", GraphFixture.pool(.max, 3, stride: 2), ["conv"])
        #expect(kernels(try planned(f)) == [["conv"], ["pool"]])
    }

    @Test func dropoutAndDeadLayersDisappear() throws {
        var f = GraphFixture(inputs: [("x", [8])])
        try f.add("d1", .dense(DenseAttributes(units: 4, hasBias: true)), ["x"])
        try f.add("unused", .activation(.tanh), ["d1"])
        try f.add("drop", .dropout(rate: 0.5), ["d1"])
        try f.add("d2", .dense(DenseAttributes(units: 2, hasBias: true)), ["drop"])
        #expect(kernels(try planned(f)) == [["d1"], ["d2"]])
    }

    @Test func fusionOffKeepsEveryLayer() throws {
        var f = GraphFixture(inputs: [("x", [3, 8, 8])])
        try f.add("conv", GraphFixture.conv(4, 3), ["x"])
        try f.add("relu", .activation(.relu), ["conv"])
        let g = try Pipeline.run(f.graph, options: PassOptions(fuse: false, verifyEachPass: true)).graph
        #expect(kernels(g) == [["conv"], ["relu"]])
    }

    @Test func averagePoolMovesBeforeAPointwiseConv() throws {
        var f = GraphFixture(inputs: [("x", [24, 8, 8])])
        try f.add("bn", .batchNorm(epsilon: 1e-5, epilogue: []), ["x"])
        try f.add("relu", .activation(.relu), ["bn"])
        try f.add("conv", GraphFixture.conv(12, 1), ["relu"])
        try f.add("pool", GraphFixture.pool(.average, 2), ["conv"])
        try f.add("out", .activation(.sigmoid), ["pool"])
        let g = try planned(f)
        #expect(kernels(g) == [["bn", "relu"], ["pool"], ["conv", "out"]])
        #expect(g.nodes.dropFirst().map(\.shape) == [[24, 8, 8], [24, 4, 4], [12, 4, 4]])
        #expect(g.nodes[3].params["weight"]?.shape == [12, 24, 1, 1])
    }

    @Test func averagePoolStaysWhenTheAlgebraOrTheGainFails() throws {
        // A max pool does not commute with the conv, an activation sits between them, a 3x3 conv
        // mixes positions, padding counted in the average would scale the bias, a 1x1 window
        // saves nothing, and a second reader needs the unpooled conv.
        let padded = Op.pool(
            PoolAttributes(
                kind: .average, size: [3, 3], stride: [2, 2], padding: Padding(begin: [1, 1], end: [1, 1]),
                ceilMode: false, countIncludePad: true))
        let cases: [(Op, Op, Bool)] = [
            (GraphFixture.conv(6, 1), GraphFixture.pool(.max, 2), false),
            (GraphFixture.conv(6, 1, epilogue: [.activation(.relu)]), GraphFixture.pool(.average, 2), false),
            (GraphFixture.conv(6, 3, pad: 1), GraphFixture.pool(.average, 2), false),
            (GraphFixture.conv(6, 1), padded, false),
            (GraphFixture.conv(6, 1), GraphFixture.pool(.average, 1), false),
            (GraphFixture.conv(6, 1), GraphFixture.pool(.average, 2), true),
        ]
        for (conv, pool, secondReader) in cases {
            var f = GraphFixture(inputs: [("x", [4, 8, 8])])
            try f.add("conv", conv, ["x"])
            try f.add("pool", pool, ["conv"])
            if secondReader { try f.add("other", .activation(.tanh), ["conv"]) }
            let before = f.graph
            let after = RewriteDriver.run([HoistAveragePool()], on: before)
            #expect(after.nodes.map(\.layers) == before.nodes.map(\.layers))
            #expect(after.nodes.map(\.shape) == before.nodes.map(\.shape))
        }
    }
}
