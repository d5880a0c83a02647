import CNNCompiler
import CNNTestSupport
import Testing

/// The strided-copy kernels under AddressSanitizer and UndefinedBehaviorSanitizer, with
/// `SanitizerTests`' driver (batches 1 to 5, chunked contexts, 1 to 3 threads, outputs
/// bit-identical across thread counts, buffers exactly as large as the ABI says): the tiled
/// transpose on several threads, negative strides, ShuffleNet's shuffle / slice / concat, and
/// unfused reshapes that alias their input.
@Suite("movement kernels under AddressSanitizer and UndefinedBehaviorSanitizer")
struct MovementSanitizerTests {
    @Test(arguments: [
        ("transpose_large_nhwc", true), ("slice_rank5_reverse", true), ("depth_to_space_crd", true),
        ("shufflenet_v2_units", true), ("conv_shuffle_conv", false),
    ])
    func sanitized(_ name: String, _ fuse: Bool) throws {
        try SanitizerTests.buildAndRunSanitized(
            Compiler.load(TestPaths.repo("Tests/Goldens/onnx-movement/\(name)/model.onnx")),
            name: name, fuse: fuse)
    }
}
