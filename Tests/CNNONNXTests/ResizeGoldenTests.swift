import CNNCompiler
import CNNIR
import CNNNumPy
import CNNONNX
import CNNTestSupport
import Foundation
import Testing

/// Pad, Resize and the pooling variants (dilated max and average pools, LpPool) against ONNX
/// Runtime, on the cases of Tests/Goldens/onnx-resize (scripts/goldens/make_resize_goldens.py).
///
/// Tolerance |got - expected| <= 1e-5 + 1e-4 |expected|; a NaN expected must come out as a NaN.
/// Every case also goes through its version-1 description (written, read back, compiled).
@Suite struct ResizeGoldenTests {
    static let cases = ONNXCase.load(suite: "onnx-resize")

    @Test func manifestIsComplete() {
        #expect(Self.cases.filter { $0.error == nil }.count >= 100)
        #expect(Self.cases.filter { $0.error != nil }.count >= 8)
        // Every mode with every coordinate mode, up and down.
        for mode in ["nearest", "linear", "cubic"] {
            for coordinates in CoordinateMode.allCases where !(mode != "nearest" && coordinates == .tfHalfPixelForNearest) {
                let stem = coordinates == .tfCropAndResize ? "\(mode)_tf_crop_and_resize" : "\(mode)_\(coordinates.rawValue)_up"
                #expect(Self.cases.contains { $0.name == stem }, "\(stem)")
            }
        }
        for mode in PadMode.allCases {
            #expect(Self.cases.contains { $0.name == "pad_\(mode.rawValue)_crop" }, "pad \(mode) crop")
        }
    }

    @Test(arguments: cases.filter { $0.error == nil })
    func matchesONNXRuntime(_ c: ONNXCase) throws {
        let graph = try ONNXImporter.load(path: c.model, shapes: c.shapes)
        let compiled = try CompiledGraph(graph)
        expectEquivalent(graph, compiled.reread)
        try expectMatchesONNXRuntime(c, compiled)
    }

    @Test(arguments: cases.filter { $0.error != nil })
    func refusesWithTheExpectedError(_ c: ONNXCase) throws {
        try expectRefusedAsTheManifestSays(c)
    }

    /// Integer nearest and bilinear scales of [N, C, H, W] keep the upsample2d kernel; other scales take the general resize.
    @Test func integerScalesKeepTheFastPath() throws {
        func ops(_ name: String) throws -> [String] {
            let c = try #require(Self.cases.first { $0.name == name })
            return try ONNXImporter.load(path: c.model).nodes.map(\.op.kindName)
        }
        #expect(try ops("nearest_integer_fast") == ["input", "upsample2d"])
        #expect(try ops("nearest_half_pixel_up") == ["input", "resize"])
        #expect(try ops("seg_head_bilinear_to_size") == ["input", "conv2d", "resize"])
    }

}
