import CNNIR
import Testing

/// NumPy broadcasting on per-sample shapes, the binary op's shape rule, and the activation table's consistency.
@Suite struct ElementwiseIRTests {
    @Test func broadcastingFollowsNumPy() throws {
        #expect(try Broadcasting.shape([3, 4, 5], [3, 1, 1], op: "mul") == [3, 4, 5])
        #expect(try Broadcasting.shape([3, 1, 5], [1, 4, 1], op: "div") == [3, 4, 5])
        #expect(try Broadcasting.shape([3, 4, 5], [5], op: "add") == [3, 4, 5])
        #expect(try Broadcasting.shape([1], [2, 3], op: "add") == [2, 3])
        #expect(try Broadcasting.shape([4, 1], [3, 1, 6], op: "sub") == [3, 4, 6])
        #expect(try Broadcasting.shape([2, 3, 4, 5, 6], [2, 1, 4, 1, 6], op: "max") == [2, 3, 4, 5, 6])
        #expect(throws: Diagnostic.self) { try Broadcasting.shape([3, 4, 5], [4, 4], op: "mul") }
        do {
            _ = try Broadcasting.shape([3, 4, 5], [2, 1, 1], op: "mul")
        } catch let d as Diagnostic {
            #expect(
                d.message
                    == "expected shapes that broadcast (equal sizes or 1, aligned at the last dimension) for mul, got [3, 4, 5] and [2, 1, 1] (3 against 2 in dimension 3 from the last)"
            )
        }
    }

    @Test func binaryShapeRuleUsesTheConstantOperand() throws {
        let scale = Op.binary(BinaryAttributes(op: .mul, constant: ConstantOperand(shape: [3, 1, 1], isFirst: false)))
        #expect(try ShapeInference.outputShape(of: scale, inputs: [[3, 4, 5]]) == [3, 4, 5])
        let grows = Op.binary(BinaryAttributes(op: .sub, constant: ConstantOperand(shape: [3, 1, 1], isFirst: true)))
        #expect(try ShapeInference.outputShape(of: grows, inputs: [[1, 4, 5]]) == [3, 4, 5])
        let expected = ParameterRules.expected(for: grows, input: [1, 4, 5])
        #expect(expected.map(\.name) == ["constant"] && expected.map(\.alternatives) == [[[3, 1, 1]]])
        #expect(throws: Diagnostic.self) {
            try ShapeInference.outputShape(of: .binary(BinaryAttributes(op: .pow)), inputs: [[3, 4], [4, 3]])
        }
        #expect(scale.kindName == "mul")
        #expect(Op.binary(BinaryAttributes(op: .mul)).withEpilogue([.activation(.relu)])?.epilogue == [.activation(.relu)])
        #expect(Op.binary(BinaryAttributes(op: .mul)).withEpilogue([.add(operand: 1)]) == nil)
    }

    @Test func activationTableIsConsistent() {
        let kinds = ActivationKind.allCases
        // net.json and ONNX names are unique, and every ONNX name maps back to its kind.
        #expect(Set(kinds.map(\.rawValue)).count == kinds.count)
        for kind in kinds {
            let facts = kind.facts
            if let onnx = facts.onnx { #expect(ActivationKind.onnx(onnx) == kind) }
            #expect(Set(facts.parameters.map(\.name)).count == facts.parameters.count, "\(kind)")
            // Defaults (where there are any) build a valid activation whose formula reads x.
            guard facts.parameters.allSatisfy({ $0.defaultValue != nil }) else { continue }
            let a = Activation(kind, facts.parameters.map { $0.defaultValue! })
            #expect(facts.validate(a.parameters) == nil, "\(kind)")
            #expect("\(a.formula)".contains(".x"), "\(kind)")
            #expect(a.kindNameMatches)
        }
        #expect(ActivationKind.hardSigmoid.facts.parameters[0].onnxDefault == 0.2)
        #expect(Activation(.gelu, [1]).description == "gelu(approximate: 1.0)")
        #expect(Activation.clip(min: 0, max: 6)["max"] == 6)
    }
}

extension Activation {
    var kindNameMatches: Bool { Op.activation(self).kindName == kind.rawValue }
}
