import Testing

@testable import CNNONNX

/// Hostile integers in the data movement ops of an ONNX model are errors, never traps
/// (the model builders are `ONNXOverflowTests`'; input x is [1, 2, 4, 4]).
@Suite struct MovementOverflowTests {
    let h = ONNXOverflowTests()

    @Test func hostileSizesAreErrors() throws {
        // Split sizes whose sum overflows.
        let sizes = h.tensor("s", dims: [2], int64s: [1 << 62, 1 << 62])
        h.expectError(
            try h.importError([h.node("Split", ["x", "s"], ["y", "b"], attributes: [h.int("axis", 1)])], [sizes]),
            "(Split): expected split sizes of at least 1 that sum to the axis size 2, got [4611686018427387904, 4611686018427387904]")
        // Block sizes whose square overflows.
        h.expectError(
            try h.importError([h.node("DepthToSpace", ["x"], attributes: [h.int("blocksize", 1 << 40)])]),
            "(DepthToSpace): expected an input [C, H, W] with C divisible by blocksize^2")
        h.expectError(
            try h.importError([h.node("SpaceToDepth", ["x"], attributes: [h.int("blocksize", 1 << 40)])]),
            "(SpaceToDepth): expected an input [C, H, W] with H and W divisible by blocksize")
    }

    @Test func slicesAtTheLimitsClampWithoutOverflow() throws {
        func slice(_ start: Int64, _ end: Int64, _ step: Int64) throws -> String? {
            let t = [
                h.tensor("st", dims: [1], int64s: [start]), h.tensor("en", dims: [1], int64s: [end]),
                h.tensor("ax", dims: [1], int64s: [3]), h.tensor("sp", dims: [1], int64s: [step]),
            ]
            return try h.importError([h.node("Slice", ["x", "st", "en", "ax", "sp"], ["s"]), h.node("Relu", ["s"], ["y"])], t)
        }
        // From the last element backwards with the most negative step: one element.
        #expect(try slice(Int64.max, Int64.min, Int64.min) == nil)
        // Forwards from the start with the largest step: one element.
        #expect(try slice(Int64.min, Int64.max, Int64.max) == nil)
        // Backwards from before the start: ONNX clamps the start to 0, so element 0 only.
        #expect(try slice(Int64.min, Int64.min, -1) == nil)
        h.expectError(try slice(Int64.min, Int64.max, Int64.min), "(Slice): expected a non-empty slice, got 0 elements on axis 2 of size 4")
    }
}
