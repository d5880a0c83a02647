import CNNCodegenC
import CNNCompiler
import CNNFrontend
import CNNIR
import CNNModelABI
import CNNNumPy
import CNNONNX
import CNNRuntime
import Foundation

/// The entry points the fuzzers drive (`Fuzz/`, `scripts/fuzz.sh`) and the corpus replay test runs.
///
/// Each target takes arbitrary bytes and pushes them through one reader of untrusted input as far
/// as the compiler would: a description or ONNX model through shape inference, the pass pipeline,
/// memory planning and C generation (clang is not run); a weights or `.npy` file through its
/// reader; a library file through the runtime's ELF checks; descriptor fields through the runtime's
/// validation. A target may reject its input (that is an `error:` for the user); it must never trap,
/// hang or read or write outside memory it owns.
public enum FuzzTarget: String, CaseIterable, Sendable {
    case description
    case onnx
    case safetensors
    case npy
    case elf
    case descriptor

    /// What one input did.
    public enum Outcome: Equatable, Sendable {
        /// Read (and, for models, planned and generated) without an error.
        case accepted
        /// Refused with this message, as the user would see it after `error: `.
        case rejected(String)
    }

    /// A private, empty directory that relative paths in fuzzed models resolve against, so a
    /// fuzzed weights path or ONNX external-data location finds nothing of the machine's.
    static let scratch: String = {
        let path = NSTemporaryDirectory() + "cnnc-fuzz-\(getpid())"
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }()

    /// Weights for parameters a fuzzed description does not give inline: generated, never read.
    static let seeded = SeededWeights(seed: 1)

    /// Tight resource limits (`--limit`), so a few bytes cannot ask for gigabytes of generated
    /// weights or arena: the fuzzer looks for crashes, and a huge model is refused, not a crash.
    static let limits: Limits = {
        var limits = Limits()
        limits.tensorElements = 1 << 22
        limits.weightBytes = 64 << 20
        limits.layers = 5_000
        limits.arenaBytes = 256 << 20
        return limits
    }()

    /// Runs one input. Errors of the kind users see become `.rejected`; anything else is a bug and traps.
    public func run(_ bytes: [UInt8]) -> Outcome {
        do {
            switch self {
            case .description:
                let graph = try NetworkReader.parse(
                    bytes, file: "fuzz.json", directory: Self.scratch, seeded: Self.seeded, limits: Self.limits)
                try Self.planAndGenerate(graph)
            case .onnx:
                let graph = try ONNXImporter.load(
                    data: Data(bytes), path: Self.scratch + "/fuzz.onnx", seeded: Self.seeded, limits: Self.limits)
                try Self.limits.check(graph)
                try Self.planAndGenerate(graph)
            case .safetensors:
                try Self.withFile(bytes, named: "fuzz.safetensors") { path in
                    let file = try SafetensorsFile(contentsOf: path, displayName: "fuzz.safetensors")
                    for name in file.names { _ = try file.tensor(name) }
                }
            case .npy:
                let array = try NPY.decode(bytes, name: "fuzz.npy")
                guard array.values.count == array.shape.reduce(1, *) else {
                    fatalError("NPY.decode returned \(array.values.count) values for shape \(array.shape)")
                }
            case .elf:
                try Self.withFile(bytes, named: "fuzz.so") { path in
                    try FuzzEntryPoints.readLibraryFile(path)
                }
            case .descriptor:
                try FuzzEntryPoints.validateDescriptor(fromBytes: bytes)
            }
            return .accepted
        } catch let diagnostic as Diagnostic {
            return .rejected(diagnostic.description)
        } catch let error as NPYError {
            return .rejected(error.description)
        } catch let error as RuntimeError {
            return .rejected(error.description)
        } catch {
            fatalError("unexpected error type \(type(of: error)): \(error)")
        }
    }

    /// The compiler's pipeline after reading: passes, memory plan and C for the AVX2 target.
    static func planAndGenerate(_ graph: Graph) throws {
        var options = CompileOptions()
        options.target = .x86_64_v3
        options.limits = limits
        let planned = try Compiler.plan(graph, options: options)
        let generated = ModelEmitter.emit(planned, options: CodegenOptions(vector: Compiler.vectorTarget(options)))
        guard !generated.source.isEmpty else { fatalError("no C generated") }
    }

    static func withFile(_ bytes: [UInt8], named name: String, _ body: (String) throws -> Void) throws {
        let path = scratch + "/" + name
        guard FileManager.default.createFile(atPath: path, contents: Data(bytes)) else {
            fatalError("cannot write the fuzz input to \(path)")
        }
        defer { unlink(path) }
        try body(path)
    }
}
