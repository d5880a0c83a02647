import CNNCompiler
import CNNIR
import CNNNumPy
import CNNONNX
import CNNTestSupport
import Foundation
import Testing

/// Every op and attribute the importer supports, on tiny models exported from PyTorch or built
/// with onnx.helper, against ONNX Runtime's outputs (all graph optimisations off).
///
/// Tolerance |got - expected| <= 1e-5 + 1e-4 |expected|, the op goldens' bound: both sides are
/// float32 evaluations of the same function in different summation orders over at most a few
/// hundred terms, so a correct import sits far inside it while a wrong attribute, layout or
/// padding is off by 1e-2 or more.
@Suite struct ONNXGoldenTests {
    @Test func manifestIsComplete() {
        // A missing or unreadable manifest must not silently run zero cases.
        #expect(ONNXCase.positive.count >= 90)
        // 8 since Max of three inputs is supported (its negative case went; the node suite's test_max_example passes).
        #expect(ONNXCase.negative.count >= 8)
        // The opsets the issue names are all covered.
        for opset in [11, 13, 17, 21] { #expect(ONNXCase.positive.contains { $0.opset == opset }, "opset \(opset)") }
    }

    @Test(arguments: ONNXCase.positive)
    func matchesONNXRuntime(_ c: ONNXCase) throws {
        let graph = try ONNXImporter.load(path: c.model, shapes: c.shapes, seeded: c.seeded)
        let compiled = try CompiledGraph(graph)
        expectEquivalent(graph, compiled.reread)
        let inputs = try c.files("input").map(loadNPY)
        let expected = try c.files("output").map(loadNPY)
        let library = compiled.model.library
        #expect(library.inputs.map(\.shape) == inputs.map { Array($0.shape.dropFirst()) }, "input shapes")
        #expect(library.inputs.map(\.name) == graph.inputs.map(\.name))
        let batch = inputs[0].shape[0]
        let outputs = try compiled.run(inputs.map(\.values), batch: batch)
        #expect(outputs.count == expected.count)
        for (k, (actual, want)) in zip(outputs, expected).enumerated() {
            #expect(library.outputs[k].shape == Array(want.shape.dropFirst()), "output \(k) shape")
            let mismatch = Mismatch.find(actual, want.values, atol: c.atol, rtol: c.rtol)
            #expect(mismatch == nil, "output \(k): \(mismatch?.description ?? "")")
        }
    }

    @Test(arguments: ONNXCase.negative)
    func refusesWithTheExpectedError(_ c: ONNXCase) throws {
        let message = try #require(importError(c.model, shapes: c.shapes), "\(c.name) imported without an error")
        #expect(message.contains(c.error!), "error was: \(message)")
        #expect(message.hasPrefix(c.model), "the error names the model file: \(message)")
    }

    /// The graph outputs keep the ONNX names, and nodes the ONNX node names.
    @Test func namesComeFromTheModel() throws {
        let graph = try ONNXImporter.load(path: TestPaths.repo("Tests/Goldens/onnx/matmul_add/model.onnx"))
        #expect(graph.inputs.map(\.name) == ["x0"])
        #expect(graph.outputs.map { graph.node($0).name } == ["y0"])
        // MatMul + Add became one dense layer with a bias, named after the graph output.
        #expect(graph.nodes.count == 2)
        guard case .dense(let a) = graph.nodes[1].op else {
            Issue.record("expected dense, got \(graph.nodes[1].op)")
            return
        }
        #expect(a.hasBias && a.units == 4)

        let two = try ONNXImporter.load(path: TestPaths.repo("Tests/Goldens/onnx/two_outputs/model.onnx"))
        #expect(two.outputs.map { two.node($0).name } == ["y0", "y1"])
        let mini = try ONNXImporter.load(path: TestPaths.repo("Tests/Goldens/onnx/mininet_13/model.onnx"))
        #expect(mini.nodes.map(\.name).contains("/c1/Conv"))
        #expect(Set(mini.nodes.map(\.name)).count == mini.nodes.count)
    }

    /// A per-channel Mul and Add after a conv (a batchnorm as TensorFlow exports it) and a scalar
    /// Mul fold into the conv's weights and bias: one kernel, with the Relu in its epilogue.
    /// (`matchesONNXRuntime` checks the values of both cases.)
    @Test func perChannelScaleAndShiftFoldIntoTheConv() throws {
        for (name, epilogue) in [("conv_mul_add_per_channel", [EpilogueStep.activation(Activation(.relu))]), ("conv_scalar_mul", [])] {
            let graph = try ONNXImporter.load(path: TestPaths.repo("Tests/Goldens/onnx/\(name)/model.onnx"))
            let planned = try Compiler.plan(graph).graph
            #expect(planned.nodes.map(\.op.kindName) == ["input", "conv2d"], "\(name)")
            #expect(planned.nodes.last?.op.epilogue == epilogue, "\(name)")
            #expect(planned.outputNames == ["y0"])
        }
    }

    /// The batch is a runtime choice: batch 1 and batch 3 agree with running samples one by one.
    @Test func anyBatchSizeRuns() throws {
        let c = try #require(ONNXCase.positive.first { $0.name == "mininet_13" })
        let compiled = try CompiledGraph(try ONNXImporter.load(path: c.model))
        let input = try loadNPY(c.files("input")[0])
        let expected = try loadNPY(c.files("output")[0])
        let perSample = input.values.count / input.shape[0]
        let first = try compiled.run([Array(input.values[0..<perSample])], batch: 1)[0]
        let three = try compiled.run([input.values + Array(input.values[0..<perSample])], batch: 3)[0]
        let outPer = expected.values.count / expected.shape[0]
        #expect(Mismatch.find(first, Array(expected.values[0..<outPer]), atol: c.atol, rtol: c.rtol) == nil)
        #expect(Mismatch.find(Array(three[0..<(2 * outPer)]), expected.values, atol: c.atol, rtol: c.rtol) == nil)
    }

    /// The seeded generator gives bit for bit the values scripts/cnnc_tools/onnx_seeded.py gave ONNX Runtime, for every rule.
    @Test func seededValuesMatchPython() throws {
        let c = try #require(ONNXCase.positive.first { $0.name == "seeded_external" })
        let graph = try ONNXImporter.load(path: c.model, seeded: c.seeded)
        func node(_ name: String) throws -> Node { try #require(graph.nodes.first { $0.name == name }, "no node \(name)") }
        func python(_ name: String) throws -> NPYArray { try loadNPY(c.directory + "/param_\(name).npy") }
        func transposed(_ a: NPYArray) -> [Float] {
            let (rows, cols) = (a.shape[0], a.shape[1])
            return (0..<(rows * cols)).map { k in a.values[(k % rows) * cols + k / rows] }
        }
        let expected: [(String, String, [Float])] = [
            ("conv", "weight", try python("w").values), ("conv", "bias", try python("b").values),
            ("bn", "weight", try python("s").values), ("bn", "bias", try python("bb").values),
            ("bn", "running_mean", try python("bb").values), ("bn", "running_var", try python("v").values),
            ("prelu", "slope", try python("slope").values),
            ("deconv", "weight", try python("wt").values), ("deconv", "bias", try python("bt").values),
            ("gemm", "weight", transposed(try python("B"))), ("gemm", "bias", try python("C").values),
            ("y0", "weight", transposed(try python("W"))), ("y0", "bias", try python("bias").values),
        ]
        for (layer, parameter, values) in expected {
            let tensor = try #require(try node(layer).params[parameter], "\(layer).\(parameter)")
            #expect(tensor.values.map(\.bitPattern) == values.map(\.bitPattern), "\(layer).\(parameter)")
        }
        // Without a generator the missing file is an error.
        #expect(importError(c.model)?.contains("cannot read its external data file") == true)
    }

    @Test func shapeOptionParses() throws {
        let parsed = try ONNXImporter.parseShapeOption("image=1x3x224x224")
        #expect(parsed.name == "image" && parsed.shape == [1, 3, 224, 224])
        #expect(throws: Diagnostic.self) { try ONNXImporter.parseShapeOption("image=1x3xx224") }
        #expect(throws: Diagnostic.self) { try ONNXImporter.parseShapeOption("1x3x224x224") }
    }

    @Test func shapeOptionErrors() throws {
        let model = TestPaths.repo("Tests/Goldens/onnx/symbolic_dims_with_shape/model.onnx")
        #expect(importError(model, shapes: ["x0": [1, 2, 5, 5]]) == nil)
        #expect(
            importError(model, shapes: ["image": [1, 2, 5, 5]])?.contains(
                "--shape names an input 'image' that the model does not have (inputs: 'x0')") == true)
        #expect(importError(model, shapes: ["x0": [1, 3, 5, 5]])?.contains("dimension 1 is fixed at 2 in the model, got 3") == true)
        #expect(importError(model, shapes: ["x0": [1, 2, 5]])?.contains("expected 4 dimensions") == true)
    }

    @Test func missingFileIsADiagnostic() {
        #expect(importError("/nonexistent/model.onnx")?.contains("cannot read the ONNX model: no such file") == true)
        let dir = TemporaryDirectory()
        let garbage = dir.write("garbage.onnx", "this is not a protobuf \u{1}\u{2}\u{3}")
        #expect(importError(garbage) != nil)
    }
}
