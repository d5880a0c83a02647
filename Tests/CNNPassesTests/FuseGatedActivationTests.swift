import CNNIR
import CNNPasses
import CNNTestSupport
import Testing

/// `x * sigmoid(x)` becomes `silu(x)` and `x * hardsigmoid(x)` `hardswish(x)`, then fuse into the conv before them; nothing else is rewritten.
@Suite struct FuseGatedActivationTests {
    static let mul = Op.binary(BinaryAttributes(op: .mul))

    func fixture(gateFirst: Bool) throws -> GraphFixture {
        var f = GraphFixture(inputs: [("x", [2, 5, 5])])
        try f.add("conv", GraphFixture.conv(3, 3), ["x"])
        try f.add("sig", .activation(.sigmoid), ["conv"])
        try f.add("m", Self.mul, gateFirst ? ["sig", "conv"] : ["conv", "sig"])
        return f
    }

    @Test(arguments: [false, true])
    func rewritesAndFusesIntoTheConv(gateFirst: Bool) throws {
        let f = try fixture(gateFirst: gateFirst)
        let g = RewriteDriver.run([FuseGatedActivation()], on: f.graph)
        #expect(g.nodes.count == 3)
        #expect(g.nodes[2].op == .activation(Activation(.silu)))
        #expect(g.nodes[2].inputs == [g.nodes[1].id])
        #expect(g.nodes[2].name == "m")
        #expect(g.outputs == [g.nodes[2].id])
        let planned = try Pipeline.run(f.graph, options: PassOptions(verifyEachPass: true)).graph
        #expect(planned.nodes.count == 2)
        #expect(planned.nodes[1].op.epilogue == [.activation(Activation(.silu))])
        #expect(planned.nodes[1].layers == ["conv", "sig", "m"])
    }

    @Test func hardsigmoidGateIsHardswish() throws {
        var f = GraphFixture(inputs: [("x", [2, 5, 5])])
        try f.add("conv", GraphFixture.conv(3, 3), ["x"])
        try f.add("hs", .activation(Activation(.hardSigmoid, [1.0 / 6, 0.5])), ["conv"])
        try f.add("m", Self.mul, ["conv", "hs"])
        let planned = try Pipeline.run(f.graph, options: PassOptions(verifyEachPass: true)).graph
        #expect(planned.nodes.count == 2)
        #expect(planned.nodes[1].op.epilogue == [.activation(Activation(.hardSwish))])
        // ONNX's default HardSigmoid (alpha 0.2) is not PyTorch's: x * it is no hardswish.
        var g = GraphFixture(inputs: [("x", [2, 5, 5])])
        try g.add("hs", .activation(Activation(.hardSigmoid, [0.2, 0.5])), ["x"])
        try g.add("m", Self.mul, ["x", "hs"])
        #expect(RewriteDriver.run([FuseGatedActivation()], on: g.graph).nodes.count == 3)
    }

    @Test func leavesOtherProductsAlone() throws {
        // The sigmoid is also an output: it is computed anyway.
        var f = try fixture(gateFirst: false)
        f.outputs(["m", "sig"])
        #expect(RewriteDriver.run([FuseGatedActivation()], on: f.graph).nodes.count == 4)
        // x * sigmoid(y) is not SiLU.
        var h = GraphFixture(inputs: [("x", [2, 5, 5]), ("y", [2, 5, 5])])
        try h.add("sig", .activation(.sigmoid), ["y"])
        try h.add("m", Self.mul, ["x", "sig"])
        #expect(RewriteDriver.run([FuseGatedActivation()], on: h.graph).nodes.count == 4)
        // Nor is x / sigmoid(x).
        var d = GraphFixture(inputs: [("x", [2, 5, 5])])
        try d.add("sig", .activation(.sigmoid), ["x"])
        try d.add("m", .binary(BinaryAttributes(op: .div)), ["x", "sig"])
        #expect(RewriteDriver.run([FuseGatedActivation()], on: d.graph).nodes.count == 3)
    }
}
