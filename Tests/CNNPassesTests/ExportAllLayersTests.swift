import CNNIR
import CNNPasses
import CNNTestSupport
import Testing

/// `PassOptions(allLayers:)`: every kernel's result becomes an output named after its last layer.
@Suite struct ExportAllLayersTests {
    func run(_ f: GraphFixture, allLayers: Bool = true) throws -> Graph {
        try Pipeline.run(f.graph, options: PassOptions(fuse: true, verifyEachPass: true, allLayers: allLayers)).graph
    }

    @Test func eachKernelIsReturnedUnderItsLastLayer() throws {
        var f = GraphFixture(inputs: [("x", [3, 8, 8])])
        try f.add("conv", GraphFixture.conv(4, 3, pad: 1), ["x"])
        try f.add("relu", .activation(.relu), ["conv"])
        try f.add("pool", GraphFixture.pool(.max, 2), ["relu"])
        try f.add("conv2", GraphFixture.conv(4, 1), ["pool"])
        try f.add("sig", .activation(.sigmoid), ["conv2"])
        let g = try run(f)
        #expect(g.nodes.dropFirst().map(\.layers) == [["conv", "relu", "pool"], ["conv2", "sig"]])
        #expect(g.outputNames == ["sig", "pool"])
        #expect(g.outputs == [g.nodes[2].id, g.nodes[1].id])
    }

    @Test func theAveragePoolIsNotHoisted() throws {
        var f = GraphFixture(inputs: [("x", [8, 8, 8])])
        try f.add("conv", GraphFixture.conv(4, 1), ["x"])
        try f.add("pool", GraphFixture.pool(.average, 2), ["conv"])
        let hoisted = try run(f, allLayers: false)
        #expect(hoisted.nodes.dropFirst().map(\.shape) == [[8, 4, 4], [4, 4, 4]])
        // With --all-layers the pool stays after the conv (and fuses into it): the kernel's value is the pool's.
        let g = try run(f)
        #expect(g.nodes.dropFirst().map(\.layers) == [["conv", "pool"]])
        #expect(g.nodes.dropFirst().map(\.shape) == [[4, 4, 4]])
        #expect(g.nodes[1].params["weight"]?.shape == [4, 8, 1, 1])
        #expect(g.outputNames == ["pool"])
    }

    @Test func aDropoutIsASecondNameForItsSource() throws {
        var f = GraphFixture(inputs: [("x", [3, 4, 4])])
        try f.add("conv", GraphFixture.conv(2, 1), ["x"])
        try f.add("drop", .dropout(rate: 0.5), ["conv"])
        try f.add("drop2", .dropout(rate: 0.5), ["drop"])
        try f.add("relu", .activation(.relu), ["drop2"])
        let g = try run(f)
        // relu fuses into the conv: the conv's own value is never written, so the dropouts (aliases of it) are not returned.
        #expect(g.outputNames == ["relu"])
        var h = GraphFixture(inputs: [("x", [3, 4, 4])])
        try h.add("conv", GraphFixture.conv(2, 1), ["x"])
        try h.add("drop", .dropout(rate: 0.5), ["conv"])
        try h.add("sig", .activation(.sigmoid), ["conv"])
        try h.add("sum", .binary(BinaryAttributes(op: .add)), ["drop", "sig"])
        let g2 = try run(h)
        let conv = try #require(g2.nodes.first { $0.name == "conv" })
        #expect(g2.outputNames.contains("conv") && g2.outputNames.contains("drop"))
        #expect(g2.outputs[g2.outputNames.firstIndex(of: "drop")!] == conv.id)
    }
}
