import CNNIR
import CNNTestSupport
import Testing

/// Kernels that split one sample's work among threads, checked against their definition on
/// inputs large enough that the generated code takes the parallel path.
@Suite struct ParallelKernelTests {
    /// A channel concat of two inputs, 65 planes of 32x32 (66,560 floats a sample: above the
    /// threshold, so even one sample is copied by every thread, in 4096-float pieces with a
    /// partial last piece), at 1 and 2 threads and batches 1 and 3.
    @Test func channelConcatCopiesEveryPiece() throws {
        var f = GraphFixture(inputs: [("a", [40, 32, 32]), ("b", [25, 32, 32])])
        try f.add("cat", .concat(axis: 0), ["a", "b"])
        f.outputs(["cat"])
        let model = try CompiledModel(graph: f.graph)
        let (na, nb) = (40 * 32 * 32, 25 * 32 * 32)
        for batch in [1, 3] {
            let a = (0..<(batch * na)).map { Float($0 % 9973) * 0.5 }
            let b = (0..<(batch * nb)).map { -Float($0 % 7919) - 1 }
            var expected: [Float] = []
            for s in 0..<batch {
                expected.append(contentsOf: a[(s * na)..<((s + 1) * na)])
                expected.append(contentsOf: b[(s * nb)..<((s + 1) * nb)])
            }
            for threads in [1, 2] {
                let out = try model.run([a, b], batch: batch, threads: threads)
                #expect(out == [expected], "batch \(batch), \(threads) threads")
            }
        }
    }
}
