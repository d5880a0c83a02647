import CNNIR
import CNNPasses
import Testing

/// The rewrite driver does work linear in the graph's size (issue 15: fusion was quadratic,
/// 16k layers took 24 s and 100k over a minute). Work is counted, not timed: the nodes the
/// driver offers to the rules and the rewrites it applies.
@Suite struct RewriteDriverScalingTests {
    /// `blocks` residual blocks on [2, 4, 4]: conv 1x1 -> batchnorm -> relu -> dropout -> add(block input).
    /// Every block fuses into one conv (bn folded, relu and the add in its epilogue).
    static func residualChain(blocks: Int) -> Graph {
        var nodes = [Node(id: 0, name: "x", op: .input(index: 0), inputs: [], shape: [2, 4, 4])]
        let conv = Op.conv(
            ConvAttributes(
                filters: 2, kernel: [1, 1], stride: [1, 1], dilation: [1, 1], padding: .zero(rank: 2), groups: 1, hasBias: true,
                epilogue: []))
        func tensor(_ shape: [Int], _ k: Int) -> WeightTensor {
            WeightTensor(shape: shape, values: (0..<shape.reduce(1, *)).map { Float(($0 + k) % 5) / 4 + 0.25 })
        }
        var previous = 0
        for b in 0..<blocks {
            let base = 1 + 5 * b
            nodes.append(
                Node(
                    id: base, name: "c\(b)", op: conv, inputs: [previous], shape: [2, 4, 4],
                    params: ["weight": tensor([2, 2, 1, 1], b), "bias": tensor([2], b)]))
            nodes.append(
                Node(
                    id: base + 1, name: "bn\(b)", op: .batchNorm(epsilon: 1e-5, epilogue: []), inputs: [base], shape: [2, 4, 4],
                    params: [
                        "weight": tensor([2], b), "bias": tensor([2], b + 1), "running_mean": tensor([2], b + 2),
                        "running_var": tensor([2], b + 3),
                    ]))
            nodes.append(Node(id: base + 2, name: "r\(b)", op: .activation(.relu), inputs: [base + 1], shape: [2, 4, 4]))
            nodes.append(Node(id: base + 3, name: "d\(b)", op: .dropout(rate: 0.5), inputs: [base + 2], shape: [2, 4, 4]))
            nodes.append(Node(id: base + 4, name: "a\(b)", op: .add(epilogue: []), inputs: [base + 3, previous], shape: [2, 4, 4]))
            previous = base + 4
        }
        return Graph(name: "chain", nodes: nodes, outputs: [previous])
    }

    /// The fusing steps of `Pipeline`, in its order, with the statistics of each.
    static func fuse(_ graph: Graph) -> (Graph, [RewriteStatistics]) {
        let steps: [[any RewriteRule]] = [
            [RemoveDropout()], [FoldBatchNorm()], [FuseGatedActivation()], [HoistAveragePool()],
            [FuseActivation(), FuseAdd(), FusePool()],
        ]
        var graph = graph
        var stats: [RewriteStatistics] = []
        for rules in steps {
            let (g, s) = RewriteDriver.runCounting(rules, on: graph)
            graph = g
            stats.append(s)
        }
        return (graph, stats)
    }

    @Test func workGrowsLinearlyWithTheLayers() throws {
        let small = 500
        let large = 4000
        let (g1, s1) = Self.fuse(Self.residualChain(blocks: small))
        let (g2, s2) = Self.fuse(Self.residualChain(blocks: large))
        // The result: one fused conv per block.
        #expect(g1.nodes.count == small + 1)
        #expect(g2.nodes.count == large + 1)
        try GraphVerifier.verify(g2, after: "fusion")
        guard case .conv(let a) = g2.nodes[large].op else {
            Issue.record("expected a conv")
            return
        }
        #expect(a.epilogue.count == 2, "relu and the add: \(a.epilogue)")
        #expect(g2.nodes[large].layers == ["c\(large - 1)", "bn\(large - 1)", "r\(large - 1)", "a\(large - 1)"])
        // Applications: one per dropout, batchnorm, relu and add.
        #expect(s1.map(\.applications) == [small, small, 0, 0, 2 * small])
        #expect(s2.map(\.applications) == [large, large, 0, 0, 2 * large])
        // Visits: a bounded number per node and per rewrite (the old driver rescanned from the
        // first node after every rewrite: about blocks^2 visits per step).
        for (s, blocks) in [(s1, small), (s2, large)] {
            let nodes = 5 * blocks + 1
            for step in s {
                #expect(step.visits <= 2 * nodes + 6 * step.applications, "\(step) for \(nodes) nodes")
            }
        }
        let ratio = Double(s2.map(\.visits).reduce(0, +)) / Double(s1.map(\.visits).reduce(0, +))
        #expect(ratio < 1.1 * Double(large) / Double(small), "visits grew \(ratio)x for \(large / small)x the layers")
    }

    /// The driver applies rewrites at the earliest node first, as a full rescan would: fusion
    /// results do not depend on the worklist.
    @Test func smallChainFusesAsBefore() throws {
        let planned = try Pipeline.run(Self.residualChain(blocks: 3), options: PassOptions(fuse: true, verifyEachPass: true))
        #expect(
            planned.graph.nodes.map(\.layers) == [
                ["x"], ["c0", "bn0", "r0", "a0"], ["c1", "bn1", "r1", "a1"], ["c2", "bn2", "r2", "a2"],
            ])
    }
}
