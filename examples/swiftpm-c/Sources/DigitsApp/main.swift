// digits-swiftpm: runs the digits model, vendored as C source, from Swift.
//
//     swift run DigitsApp IMAGES.npy EXPECTED_PROBABILITIES.npy
//
// It calls the functions of the generated digits.h directly and checks every probability
// against PyTorch's within |got - expected| <= 1e-5 + 1e-4 |expected|.

import DigitsModel
import Foundation

/// Reads a float32 .npy file ('<f4', C order): its shape and values.
func readNPY(_ path: String) throws -> (shape: [Int], values: [Float]) {
    struct NPYError: Error, CustomStringConvertible { let description: String }
    guard let data = FileManager.default.contents(atPath: path) else {
        throw NPYError(description: "\(path): expected a readable file, got none")
    }
    let bytes = [UInt8](data)
    guard bytes.count >= 10, bytes[0] == 0x93, Array(bytes[1..<6]) == Array("NUMPY".utf8) else {
        throw NPYError(description: "\(path): expected a .npy file, got no NUMPY magic")
    }
    let lengthSize = bytes[6] == 1 ? 2 : 4
    var headerLength = Int(bytes[8]) | Int(bytes[9]) << 8
    if lengthSize == 4 { headerLength |= Int(bytes[10]) << 16 | Int(bytes[11]) << 24 }
    let offset = 8 + lengthSize + headerLength
    let header = String(decoding: bytes[(8 + lengthSize)..<offset], as: UTF8.self)
    guard header.contains("'descr': '<f4'"), header.contains("'fortran_order': False"),
        let open = header.range(of: "'shape': ("), let close = header[open.upperBound...].firstIndex(of: ")")
    else {
        throw NPYError(description: "\(path): expected a float32 C-order .npy header, got \(header)")
    }
    let shape = header[open.upperBound..<close].split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
    let count = shape.reduce(1, *)
    guard bytes.count - offset == count * 4 else {
        throw NPYError(description: "\(path): expected \(count) floats, got \(bytes.count - offset) bytes")
    }
    let values = data.subdata(in: offset..<bytes.count).withUnsafeBytes { Array($0.bindMemory(to: Float.self)) }
    return (shape, values)
}

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("error: \(message)\n".utf8))
    exit(1)
}

let arguments = CommandLine.arguments
guard arguments.count == 3 else { fail("usage: DigitsApp IMAGES.npy EXPECTED_PROBABILITIES.npy") }
do {
    let images = try readNPY(arguments[1])
    let expected = try readNPY(arguments[2])
    let model = digits_cnnc_model()!.pointee
    let pixels = Int(model.inputs[0].element_count)
    let classes = Int(model.outputs[0].element_count)
    let n = images.shape.first ?? 0
    guard n > 0, images.values.count == n * pixels else { fail("\(arguments[1]): expected [N, 1, 8, 8] images, got shape \(images.shape)") }
    guard expected.values.count == n * classes else {
        fail("\(arguments[2]): expected [\(n), \(classes)] probabilities, got shape \(expected.shape)")
    }

    var context: OpaquePointer?
    var status = digits_create(Int64(n), 0, &context)
    var probabilities = [Float](repeating: 0, count: n * classes)
    if status == Int32(CNNC_OK.rawValue) {
        status = images.values.withUnsafeBufferPointer { input in
            probabilities.withUnsafeMutableBufferPointer { output in
                var inputs: [UnsafePointer<Float>?] = [input.baseAddress]
                var outputs: [UnsafeMutablePointer<Float>?] = [output.baseAddress]
                return digits_run(context, Int64(n), &inputs, &outputs)
            }
        }
        digits_destroy(context)
    }
    guard status == Int32(CNNC_OK.rawValue) else {
        fail("the model failed with status \(status): \(String(cString: digits_status_message(status)))")
    }

    var worstError: Float = 0
    for (got, want) in zip(probabilities, expected.values) {
        let error = abs(got - want)
        if error > 1e-5 + 1e-4 * abs(want) { fail("\(arguments[2]): expected \(want) within 1e-5 + 1e-4 |expected|, got \(got)") }
        worstError = max(worstError, error)
    }
    print("model '\(String(cString: model.name))': \(n) images, probabilities match PyTorch (max abs error \(worstError))")
} catch {
    fail("\(error)")
}
