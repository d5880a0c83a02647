import SwiftProtobuf

@testable import CNNONNX

/// A one-input model `x -> y` (float; `input` its dimensions, empty for a scalar) with `nodes`
/// and `initializers`, at the default opset domain's `opset`: what the hand-built model tests
/// write out and import.
func oneInputModel(
    _ nodes: [Onnx_NodeProto], _ initializers: [Onnx_TensorProto] = [], input: [Int64], opset: Int64 = 17, irVersion: Int64 = 8,
    name: String = "g"
) -> Onnx_ModelProto {
    var model = Onnx_ModelProto()
    model.irVersion = irVersion
    var set = Onnx_OperatorSetIdProto()
    set.version = opset
    model.opsetImport = [set]
    var x = Onnx_ValueInfoProto()
    x.name = "x"
    x.type.tensorType.elemType = 1
    x.type.tensorType.shape.dim = input.map { v in
        var d = Onnx_TensorShapeProto.Dimension()
        d.value = .dimValue(v)
        return d
    }
    var y = Onnx_ValueInfoProto()
    y.name = "y"
    model.graph.name = name
    model.graph.input = [x]
    model.graph.output = [y]
    model.graph.node = nodes
    model.graph.initializer = initializers
    return model
}
