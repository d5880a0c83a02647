import CNNCompiler
import CNNIR
import CNNONNX
import CNNTestSupport
import Foundation
import Testing

/// MatMul in the forms that are not a dense layer (two computed tensors, broadcasting batch
/// axes, constants of rank 1 and 3, a constant first operand) against ONNX Runtime, on the
/// cases of Tests/Goldens/onnx-matmul (scripts/goldens/make_matmul_goldens.py), and the
/// errors of the forms cnnc refuses. Tolerance |got - expected| <= 1e-5 + 1e-4 |expected|.
@Suite struct MatMulGoldenTests {
    static let cases = ONNXCase.load(suite: "onnx-matmul")

    @Test func manifestIsComplete() {
        #expect(Self.cases.filter { $0.error == nil }.count >= 10)
        #expect(Self.cases.filter { $0.error != nil }.count >= 5)
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

    /// A product by a constant matrix [K, units] stays a linear layer (the fast path); the
    /// other MatMuls are the IR's matmul.
    @Test func constantMatricesStayLinearLayers() throws {
        func kinds(_ name: String) throws -> [String] {
            let c = try #require(Self.cases.first { $0.name == name })
            let planned = try Compiler.plan(try ONNXImporter.load(path: c.model, shapes: c.shapes))
            return planned.graph.nodes.map { node in
                let fused = node.op.epilogue.compactMap { step -> String? in
                    if case .activation(let act) = step { return act.description } else { return nil }
                }
                return ([node.op.kindName] + fused).joined(separator: "+")
            }
        }
        #expect(try kinds("linear_then_computed") == ["input", "input", "linear+relu", "matmul"])
        #expect(try kinds("constant_b_3d") == ["input", "matmul"])
        #expect(try kinds("computed_3d") == ["input", "input", "matmul"])
    }
}
