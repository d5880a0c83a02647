import CNNIR
import CNNPasses
import CNNTestSupport
import Testing

@Suite struct PlanMemoryTests {
    func arenaSlices(_ p: PlannedGraph) -> [NodeID: Int] {
        p.memory.storage.compactMapValues {
            if case .arena(let o) = $0 { return o }
            return nil
        }
    }

    @Test func aChainReusesTwoBuffers() throws {
        var f = GraphFixture(inputs: [("x", [16])])
        for i in 0..<6 { try f.add("a\(i)", .activation(.tanh), [i == 0 ? "x" : "a\(i - 1)"]) }
        let p = PlanMemory.run(f.graph)
        // Five intermediates, the last is the output: ping-pong between two 16-float slices.
        #expect(p.memory.arenaFloatsPerSample == 32)
        #expect(Set(arenaSlices(p).values).count == 2)
        #expect(p.memory.storage[f.graph.outputs[0]] == .output(0))
        #expect(p.memory.storage[0] == .input(0))
    }

    @Test func liveTensorsNeverShareMemory() throws {
        // A skip connection keeps "a" alive across the branch.
        var f = GraphFixture(inputs: [("x", [20])])
        try f.add("a", .activation(.relu), ["x"])
        try f.add("b", .activation(.tanh), ["a"])
        try f.add("c", .activation(.sigmoid), ["b"])
        try f.add("sum", .add(epilogue: []), ["c", "a"])
        let p = PlanMemory.run(f.graph)
        let slices = arenaSlices(p)
        let a = slices[1]!
        let b = slices[2]!
        let c = slices[3]!
        // Each slice is 32 floats (20 rounded up to 64 bytes).
        #expect(a != b && a != c)
        #expect(abs(a - b) >= 32 && abs(a - c) >= 32)
        #expect(a % PlanMemory.alignmentFloats == 0 && b % PlanMemory.alignmentFloats == 0)
    }

    @Test func outputsAliasingInputsAreCopied() throws {
        var f = GraphFixture(inputs: [("x", [4])])
        try f.add("drop", .dropout(rate: 0.1), ["x"])
        let p = try Pipeline.run(f.graph)
        #expect(p.memory.outputCopies.map(\.output) == [0])
        #expect(p.memory.outputCopies.map(\.source) == [0])
        #expect(p.memory.arenaFloatsPerSample == 0)
    }
}
