import CNNCompiler
import CNNIR
import CNNTestSupport
import Foundation
import Testing

/// Names reach the library as C strings; the compiler refuses what would be cut or collide,
/// whichever frontend made the graph (an ONNX model's names are not checked by the description reader).
@Suite struct OutputNameTests {
    @Test func aLayerNameWithNULIsRefused() throws {
        var f = GraphFixture(inputs: [("x", [3])])
        try f.add("a\u{0}b", .activation(.relu), ["x"])
        let dir = TemporaryDirectory()
        #expect {
            _ = try Compiler.compile(graph: f.graph, output: dir.path("m.so"))
        } throws: { error in
            "\(error)".contains("without NUL characters")
        }
        #expect(!FileManager.default.fileExists(atPath: dir.path("m.so")))
    }

    @Test func twoOutputsOfOneNameAreRefused() throws {
        var f = GraphFixture(inputs: [("x", [3])])
        try f.add("a", .activation(.relu), ["x"])
        try f.add("b", .activation(.sigmoid), ["a"])
        f.outputs(["a", "b"])
        var graph = f.graph
        graph.outputNames = ["same", "same"]
        let dir = TemporaryDirectory()
        #expect {
            _ = try Compiler.compile(graph: graph, output: dir.path("m.so"))
        } throws: { error in
            "\(error)".contains("two outputs named 'same'")
        }
    }
}
