import CNNNumPy
import CNNTestSupport
import Foundation
import Testing

/// What one `cnnc` invocation did.
struct CLIResult: CustomStringConvertible {
    var status: Int32
    var stdout: String
    var stderr: String
    var description: String { "exit \(status)\nstdout: \(stdout)\nstderr: \(stderr)" }
}

/// Runs the built `cnnc` with `arguments`, in `cwd` when given.
func cnnc(_ arguments: [String], cwd: String? = nil) throws -> CLIResult {
    let r = try runProcess(TestPaths.cnnc, arguments, cwd: cwd)
    return CLIResult(status: r.status, stdout: r.stdout, stderr: r.stderr)
}

/// Checks the shape of every failure cli.md promises: exit 1, `error:` first, no crash or backtrace.
func expectCleanFailure(_ r: CLIResult, sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(r.status == 1, "\(r)", sourceLocation: sourceLocation)
    #expect(r.stderr.hasPrefix("error: "), "\(r)", sourceLocation: sourceLocation)
    for crashSign in ["Backtrac", "Fatal error", "Swift runtime failure", "Signal ", "Illegal instruction", "Thread 0"] {
        #expect(!r.stderr.contains(crashSign), "\(r)", sourceLocation: sourceLocation)
    }
}

/// A version-1 description with one input `x` (default [1, 4, 4]) and the given layers (JSON text).
func net(_ layers: String, inputs: String = #"[{"name": "x", "shape": [1, 4, 4]}]"#, extra: String = "") -> String {
    #"{"version": 1, "name": "t", "inputs": \#(inputs), \#(extra)"layers": [\#(layers)]}"#
}

/// A nested JSON array of `shape` holding 0.5, 1.5, 2.5, ... (for inline params).
func jsonArray(_ shape: [Int], start: Int = 0) -> String {
    guard let first = shape.first else { return "\(Double(start) + 0.5)" }
    let inner = shape.dropFirst().reduce(1, *)
    return "[" + (0..<first).map { jsonArray(Array(shape.dropFirst()), start: start + $0 * inner) }.joined(separator: ", ") + "]"
}

/// One tensor of a safetensors file: raw little-endian bytes of `dtype`.
struct SafetensorsEntry {
    var name: String
    var dtype: String
    var shape: [Int]
    var bytes: [UInt8]

    /// A float32 tensor of `shape` holding 0, 1, 2, ...
    static func f32(_ name: String, _ shape: [Int], replacing: [Int: Float] = [:]) -> SafetensorsEntry {
        let values = (0..<shape.reduce(1, *)).map { replacing[$0] ?? Float($0) }
        return SafetensorsEntry(
            name: name, dtype: "F32", shape: shape, bytes: values.flatMap { withUnsafeBytes(of: $0.bitPattern.littleEndian, Array.init) })
    }

    /// A float16 tensor of `shape` (every element 1.0, 0x3C00).
    static func f16(_ name: String, _ shape: [Int]) -> SafetensorsEntry {
        SafetensorsEntry(
            name: name, dtype: "F16", shape: shape, bytes: Array(repeating: [0x00, 0x3C], count: shape.reduce(1, *)).flatMap { $0 })
    }
}

/// A safetensors file: 8-byte little-endian header length, JSON header, data.
func safetensors(_ entries: [SafetensorsEntry]) -> Data {
    var data: [UInt8] = []
    var fields: [String] = []
    for e in entries {
        fields.append(
            #""\#(e.name)": {"dtype": "\#(e.dtype)", "shape": \#(e.shape), "data_offsets": [\#(data.count), \#(data.count + e.bytes.count)]}"#
        )
        data += e.bytes
    }
    var header = Array(("{" + fields.joined(separator: ", ") + "}").utf8)
    while header.count % 8 != 0 { header.append(0x20) }
    return Data(withUnsafeBytes(of: UInt64(header.count).littleEndian, Array.init) + header + data)
}

/// Writes a float32 array as .npy.
func writeNPY(_ shape: [Int], _ values: [Float], to path: String) throws {
    try NPY.write(NPYArray(shape: shape, values: values), to: path)
}

/// The sorted names in a directory.
func listing(_ directory: String) -> [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).sorted()
}

/// A float64 .npy file (NumPy's format 1.0, written byte by byte).
func float64NPY(shape: [Int], values: [Double]) -> Data {
    let dims = shape.map(String.init).joined(separator: ", ") + (shape.count == 1 ? "," : "")
    var header = "{'descr': '<f8', 'fortran_order': False, 'shape': (\(dims)), }"
    while (10 + header.count + 1) % 64 != 0 { header += " " }
    header += "\n"
    var bytes: [UInt8] = [0x93] + Array("NUMPY".utf8) + [1, 0]
    bytes += withUnsafeBytes(of: UInt16(header.utf8.count).littleEndian, Array.init)
    bytes += Array(header.utf8)
    for v in values { bytes += withUnsafeBytes(of: v.bitPattern.littleEndian, Array.init) }
    return Data(bytes)
}
