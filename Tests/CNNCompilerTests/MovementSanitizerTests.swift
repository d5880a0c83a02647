import CNNCodegenC
import CNNCompiler
import CNNIR
import CNNTestSupport
import CNNToolchain
import Foundation
import Testing

/// The strided-copy kernels under AddressSanitizer and UndefinedBehaviorSanitizer, with
/// `SanitizerTests`' driver (batches 1 to 5, chunked contexts, 1 to 3 threads, outputs
/// bit-identical across thread counts, buffers exactly as large as the ABI says): the tiled
/// transpose on several threads, negative strides, ShuffleNet's shuffle / slice / concat, and
/// unfused reshapes that alias their input.
@Suite("movement kernels under AddressSanitizer and UndefinedBehaviorSanitizer")
struct MovementSanitizerTests {
    @Test(arguments: [("transpose_large_nhwc", true), ("slice_rank5_reverse", true), ("depth_to_space_crd", true),
                      ("shufflenet_v2_units", true), ("conv_shuffle_conv", false)])
    func sanitized(_ name: String, _ fuse: Bool) throws {
        let graph = try Compiler.load(TestPaths.repo("Tests/Goldens/onnx-movement/\(name)/model.onnx"))
        for target in SanitizerTests.targets {
            var options = CompileOptions()
            options.target = target
            options.fuse = fuse
            let planned = try Compiler.plan(graph, options: options)
            let model = ModelEmitter.emit(planned, options: CodegenOptions(vector: Compiler.vectorTarget(options)))
            let dir = TemporaryDirectory()
            try Data(model.source.utf8).write(to: dir.url.appendingPathComponent("model.c"))
            try Data(model.header.utf8).write(to: dir.url.appendingPathComponent("model.h"))
            try Data(SanitizerTests.driver(prefix: model.prefix).utf8).write(to: dir.url.appendingPathComponent("driver.c"))
            var blob = Data()
            model.blob.write { blob.append(contentsOf: $0) }
            try blob.write(to: dir.url.appendingPathComponent(model.weightsFileName))
            let toolchain = try Toolchain.find()
            let build = try SanitizerTests.run(toolchain.compiler, ["-std=c11", "-O1", "-g", "-fopenmp", "-fno-omit-frame-pointer",
                "-fsanitize=address,undefined", "-fno-sanitize-recover=all", "-fno-math-errno", "-w"]
                + Toolchain.targetFlags(target) + ["model.c", "driver.c", "-o", "run", "-lm"], in: dir.url.path)
            try #require(build.status == 0, "\(name) for \(target): the sanitized build failed:\n\(build.output)")
            let result = try SanitizerTests.run(dir.path("run"), [], in: dir.url.path)
            #expect(result.status == 0 && result.output.contains("sanitized run ok"),
                    "\(name) for \(target): exit \(result.status)\n\(result.output.prefix(4000))")
        }
    }
}
