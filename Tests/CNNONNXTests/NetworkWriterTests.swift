import CNNCompiler
import CNNFrontend
import CNNIR
import CNNNumPy
import CNNTestSupport
import Foundation
import Testing

/// NetworkWriter: a graph written as net.json + weights.safetensors reads back as the same graph.
@Suite struct NetworkWriterTests {
    /// A graph with every op and non-default field the version-1 format has.
    static func everyOp() throws -> Graph {
        var f = GraphFixture(name: "every op", inputs: [("image", [3, 12, 12]), ("signal", [2, 9]), ("volume", [2, 4, 4, 4])])
        try f.add(
            "conv",
            .conv(
                ConvAttributes(
                    filters: 4, kernel: [3, 2], stride: [2, 1], dilation: [1, 2], padding: Padding(begin: [1, 0], end: [2, 1]), groups: 1,
                    hasBias: true, epilogue: [.activation(.leakyRelu(alpha: 0.1))])), ["image"])
        try f.add(
            "grouped",
            .conv(
                ConvAttributes(
                    filters: 4, kernel: [3, 3], stride: [1, 1], dilation: [1, 1], padding: Padding(begin: [1, 1], end: [1, 1]), groups: 2,
                    hasBias: false, epilogue: [.activation(.clip(min: 0, max: 6))])), ["conv"])
        try f.add(
            "deconv",
            .convTranspose(
                ConvTransposeAttributes(
                    filters: 2, kernel: [3, 3], stride: [2, 2], dilation: [1, 1], padding: [1, 1], outputPadding: [1, 0], groups: 2,
                    hasBias: true, epilogue: [.activation(.elu(alpha: 0.5))])), ["grouped"])
        try f.add(
            "maxpool",
            .pool(
                PoolAttributes(
                    kind: .max, size: [3, 3], stride: [2, 2], padding: Padding(begin: [1, 1], end: [1, 1]), ceilMode: true,
                    countIncludePad: false)), ["deconv"])
        try f.add(
            "avgpool",
            .pool(
                PoolAttributes(
                    kind: .average, size: [2, 2], stride: [1, 1], padding: Padding(begin: [0, 1], end: [1, 0]), ceilMode: false,
                    countIncludePad: true)), ["maxpool"])
        try f.add("adaptive", .adaptivePool(.average, output: [3, 2]), ["avgpool"])
        try f.add("amax", .adaptivePool(.max, output: [2, 2]), ["avgpool"])
        try f.add("gmax", .globalPool(.max), ["avgpool"])
        try f.add("gavg", .globalPool(.average), ["gmax"])
        try f.add("bn", .batchNorm(epsilon: 1e-3, epilogue: []), ["adaptive"])
        try f.add("lrn", .lrn(LRNAttributes(size: 3, alpha: 2e-4, beta: 0.5, k: 2)), ["bn"])
        try f.add("prelu", .prelu, ["lrn"])
        try f.add("sig", .activation(.sigmoid), ["prelu"])
        try f.add("tanh", .activation(.tanh), ["sig"])
        try f.add("relu", .activation(.relu), ["tanh"])
        try f.add("leaky", .activation(.leakyRelu(alpha: 0.01)), ["relu"])
        try f.add("elu", .activation(.elu(alpha: 1)), ["leaky"])
        try f.add("clip", .activation(.clip(min: -0.5, max: .infinity)), ["elu"])
        try f.add("drop", .dropout(rate: 0.3), ["clip"])
        try f.add("bias_c", .bias(.channel), ["drop"])
        try f.add("bias_p", .bias(.position), ["bias_c"])
        try f.add("sum", .add(epilogue: [.activation(.relu)]), ["bias_p", "bias_c"])
        try f.add("cat", .concat(axis: 1), ["sum", "bias_c"])
        try f.add("soft", .softmax(axis: 1), ["cat"])
        try f.add("up", .upsample(scale: [2, 3], mode: .bilinear), ["soft"])
        try f.add("up2", .upsample(scale: [2, 2], mode: .nearest), ["up"])
        try f.add("pad", .pad(PadAttributes(spatial: Padding(begin: [1, 0], end: [0, 2]), value: -1.5)), ["up2"])
        try f.add("flat", .flatten, ["pad"])
        try f.add("dense", .dense(DenseAttributes(units: 5, hasBias: false, epilogue: [.activation(.tanh)])), ["flat"])
        try f.add(
            "conv1d",
            .conv(
                ConvAttributes(
                    filters: 3, kernel: [3], stride: [1], dilation: [1], padding: Padding(begin: [1], end: [1]), groups: 1, hasBias: true)),
            ["signal"])
        try f.add(
            "conv3d",
            .conv(
                ConvAttributes(
                    filters: 2, kernel: [2, 2, 2], stride: [1, 1, 1], dilation: [1, 1, 1], padding: .zero(rank: 3), groups: 1, hasBias: true
                )), ["volume"])
        try f.add(
            "pool3d",
            .pool(
                PoolAttributes(
                    kind: .max, size: [2, 2, 2], stride: [1, 1, 1], padding: .zero(rank: 3), ceilMode: false, countIncludePad: false)),
            ["conv3d"])
        f.outputs(["dense", "conv1d", "pool3d", "gavg", "amax"])
        return f.graph
    }

    @Test func roundTripIsExact() throws {
        let graph = try Self.everyOp()
        let dir = TemporaryDirectory()
        let net = dir.path("net.json")
        try NetworkWriter.write(graph, descriptionPath: net)
        let reread = try NetworkReader.read(path: net)
        expectEquivalent(graph, reread)
        // Writing the re-read graph gives the same bytes.
        let text = try String(contentsOfFile: net, encoding: .utf8)
        #expect(try NetworkWriter.describe(reread) == text)
    }

    @Test func descriptionIsReadable() throws {
        var f = GraphFixture(name: "tiny", inputs: [("x", [1, 4, 4])])
        try f.add("c1", GraphFixture.conv(2, 3, pad: 1), ["x"])
        try f.add("r", .activation(.relu), ["c1"])
        try f.add("p", GraphFixture.pool(.max, 2), ["r"])
        try f.add("side", .activation(.sigmoid), ["c1"])
        f.outputs(["p", "side"])
        let text = try NetworkWriter.describe(f.graph)
        #expect(
            text == """
                {
                  "version": 1,
                  "name": "tiny",
                  "inputs": [
                    {"name": "x", "shape": [1, 4, 4]}
                  ],
                  "weights": "weights.safetensors",
                  "layers": [
                    {"name": "c1", "op": "conv2d", "filters": 2, "kernel": 3, "padding": 1},
                    {"name": "r", "op": "relu"},
                    {"name": "p", "op": "maxpool2d", "size": 2},
                    {"name": "side", "op": "sigmoid", "input": "c1"}
                  ],
                  "outputs": ["p", "side"]
                }

                """)
        let dir = TemporaryDirectory()
        try NetworkWriter.write(f.graph, descriptionPath: dir.path("net.json"), weightsFileName: "w.safetensors")
        let weights = try SafetensorsFile(contentsOf: dir.path("w.safetensors"), displayName: "w")
        #expect(weights.names == ["c1.bias", "c1.weight"])
        // Only the two files: the temporaries are gone.
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.url.path).sorted() == ["net.json", "w.safetensors"])
    }

    @Test func fusedGraphsAreRefused() throws {
        var f = GraphFixture(inputs: [("x", [2, 4, 4])])
        try f.add("c", GraphFixture.conv(2, 1), ["x"])
        try f.add("fused", GraphFixture.conv(2, 1, epilogue: [.add(operand: 1)]), ["c", "c"])
        let dir = TemporaryDirectory()
        #expect(throws: Diagnostic.self) { try NetworkWriter.write(f.graph, descriptionPath: dir.path("net.json")) }
        #expect(!FileManager.default.fileExists(atPath: dir.path("net.json")))
        #expect(!FileManager.default.fileExists(atPath: dir.path("weights.safetensors")))
    }

    /// The written description compiles and computes what the graph computes (the ONNX goldens run this way too).
    @Test func writtenDescriptionCompiles() throws {
        var f = GraphFixture(name: "small", inputs: [("x", [2, 6, 6])])
        try f.add("c", GraphFixture.conv(3, 3, pad: 1, epilogue: [.activation(.relu)]), ["x"])
        try f.add("p", GraphFixture.pool(.average, 2), ["c"])
        try f.add("flat", .flatten, ["p"])
        try f.add("d", .dense(DenseAttributes(units: 4, hasBias: true)), ["flat"])
        let compiled = try CompiledGraph(f.graph)
        let out = try compiled.run([[Float](repeating: 0.5, count: 72)], batch: 1)
        #expect(out[0].count == 4)
        #expect(out[0].allSatisfy { $0.isFinite })
    }
}
