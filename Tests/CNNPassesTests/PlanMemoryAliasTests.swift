import CNNIR
import CNNPasses
import Testing

/// Reshapes of arena tensors share their input's storage, which then lives as long as either is read.
@Suite struct PlanMemoryAliasTests {
    @Test func reshapesOfArenaTensorsAreAliases() {
        let relu = Op.activation(Activation(.relu))
        let g = Graph(
            name: "g",
            nodes: [
                Node(id: 0, name: "x", op: .input(index: 0), inputs: [], shape: [4, 8]),
                Node(id: 1, name: "fromInput", op: .movement(.reshape(shape: [32])), inputs: [0], shape: [32]),
                Node(id: 2, name: "a", op: relu, inputs: [1], shape: [32]),
                Node(id: 3, name: "r", op: .movement(.reshape(shape: [8, 4])), inputs: [2], shape: [8, 4]),
                Node(id: 4, name: "rr", op: .movement(.reshape(shape: [2, 16])), inputs: [3], shape: [2, 16]),
                Node(id: 5, name: "b", op: relu, inputs: [0], shape: [4, 8]),
                Node(id: 6, name: "c", op: relu, inputs: [5], shape: [4, 8]),
                Node(id: 7, name: "sum", op: .add(epilogue: []), inputs: [6, 4], shape: [2, 16]),
                Node(id: 8, name: "out", op: .movement(.reshape(shape: [32])), inputs: [2], shape: [32]),
            ], outputs: [7, 8])
        // (Shapes of `sum`'s inputs differ; the plan does not look at them.)
        let plan = PlanMemory.run(g).memory
        #expect(plan.storage[1] != plan.storage[0] && plan.storage[1] != nil, "a reshape of a model input is copied")
        #expect(plan.storage[3] == plan.storage[2] && plan.storage[4] == plan.storage[2], "chains of reshapes share the first arena tensor")
        #expect(plan.storage[8] == .output(1), "a reshape that is a model output writes the caller's buffer")
        // `a` is read (through `rr`) by the last kernel: b and c must not take its place.
        #expect(plan.storage[5] != plan.storage[2] && plan.storage[6] != plan.storage[2])
    }
}
