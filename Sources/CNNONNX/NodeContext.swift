import CNNIR
import Foundation

/// One ONNX node being imported: its attributes, read with type checks, and its diagnostics.
struct NodeContext {
    let proto: Onnx_NodeProto
    /// Position in the graph's node list.
    let index: Int
    let file: String

    var opType: String { proto.opType }
    /// How diagnostics name the node: its name, or its first output's when it has none.
    var displayName: String { proto.name.isEmpty ? (proto.output.first ?? "") : proto.name }

    /// "node 3 '/conv1/Conv' (Conv): message", located at the node.
    func error(_ message: String) -> Diagnostic {
        Diagnostic(
            "node \(index) '\(Diagnostic.quoted(displayName))' (\(Diagnostic.quoted(opType))): \(message)", at: SourceLocation(file: file))
    }

    func attribute(_ name: String) -> Onnx_AttributeProto? { proto.attribute.first { $0.name == name } }

    /// Rejects attributes the importer does not know for this op: an unknown one could change the result.
    func checkAttributes(allowed: Set<String>) throws {
        for a in proto.attribute where !allowed.contains(a.name) {
            let list = allowed.isEmpty ? "none" : allowed.sorted().joined(separator: ", ")
            throw error("unsupported attribute '\(Diagnostic.quoted(a.name))' (supported attributes: \(list))")
        }
        for a in proto.attribute where a.hasRefAttrName {
            throw error("attribute '\(Diagnostic.quoted(a.name))' refers to a function attribute; expected a value")
        }
    }

    func typeError(_ a: Onnx_AttributeProto, expected: String) -> Diagnostic {
        error("expected attribute '\(Diagnostic.quoted(a.name))' to be \(expected), got type \(a.type)")
    }

    func int(_ name: String) throws -> Int? {
        guard let a = attribute(name) else { return nil }
        guard a.type == .int || (!a.hasType && a.hasI) else { throw typeError(a, expected: "an integer") }
        // A range check, not abs(): abs(Int64.min) traps.
        guard let v = Int(exactly: a.i), (-(1 << 40)...(1 << 40)).contains(v) else {
            throw error("expected attribute '\(name)' in -2^40...2^40, got \(a.i)")
        }
        return v
    }

    func int(_ name: String, default def: Int) throws -> Int { try int(name) ?? def }

    func float(_ name: String) throws -> Float? {
        guard let a = attribute(name) else { return nil }
        guard a.type == .float || (!a.hasType && a.hasF) else { throw typeError(a, expected: "a float") }
        return a.f
    }

    func float(_ name: String, default def: Float) throws -> Float { try float(name) ?? def }

    func ints(_ name: String) throws -> [Int]? {
        guard let a = attribute(name) else { return nil }
        guard a.type == .ints || !a.hasType else { throw typeError(a, expected: "a list of integers") }
        return try a.ints.map { v in
            guard let i = Int(exactly: v), (-(1 << 40)...(1 << 40)).contains(i) else {
                throw error("expected attribute '\(name)' values in -2^40...2^40, got \(a.ints)")
            }
            return i
        }
    }

    func floats(_ name: String) throws -> [Float]? {
        guard let a = attribute(name) else { return nil }
        guard a.type == .floats || !a.hasType else { throw typeError(a, expected: "a list of floats") }
        return a.floats
    }

    func string(_ name: String) throws -> String? {
        guard let a = attribute(name) else { return nil }
        guard a.type == .string || (!a.hasType && a.hasS) else { throw typeError(a, expected: "a string") }
        guard let s = String(data: a.s, encoding: .utf8) else { throw error("attribute '\(name)' is not UTF-8") }
        return s
    }

    func string(_ name: String, default def: String) throws -> String { try string(name) ?? def }

    func tensor(_ name: String) throws -> Onnx_TensorProto? {
        guard let a = attribute(name) else { return nil }
        guard a.type == .tensor || (!a.hasType && a.hasT) else { throw typeError(a, expected: "a tensor") }
        return a.t
    }

    /// An int list attribute with one entry per spatial dimension, `def` when absent.
    func perDim(_ name: String, rank: Int, default def: Int, min: Int) throws -> [Int] {
        guard let v = try ints(name) else { return Array(repeating: def, count: rank) }
        guard v.count == rank else { throw error("expected attribute '\(name)' with \(rank) values (one per spatial dimension), got \(v)") }
        for x in v where x < min { throw error("expected attribute '\(name)' values of at least \(min), got \(v)") }
        return v
    }

    /// Normalises an axis of a tensor of `rank` dimensions (negative counts from the end).
    func axis(_ axis: Int, rank: Int, what: String = "axis") throws -> Int {
        guard axis >= -rank && axis < rank else { throw error("expected \(what) in \(-rank)..<\(rank), got \(axis)") }
        return axis < 0 ? axis + rank : axis
    }
}
