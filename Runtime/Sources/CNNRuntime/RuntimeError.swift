import CNNErrors

/// Everything that can go wrong loading or running a cnnc model library.
///
/// A `LocatedError`: load errors are located at the library path, and `message` is phrased
/// "expected X, got Y", so `description` (what a CLI prints after `error: `) reads
/// "libnet.so: expected cnnc model ABI version 1, got version 99".
public enum RuntimeError: LocatedError, Equatable {
    /// No file exists at the path.
    case fileNotFound(String)
    /// The dynamic loader rejected the file; `reason` is its `dlerror()` text.
    case notALibrary(String, reason: String)
    /// The file is a shared library, but it defines no `*_cnnc_model` function.
    case notACNNCModel(String)
    /// The library defines more than one `*_cnnc_model` function, so the model is ambiguous.
    case multipleModels(String, symbols: [String])
    /// The library loaded, but its ELF dynamic symbol table could not be read.
    case malformedLibrary(String, reason: String)
    /// The library was built for another version of the model ABI.
    case abiVersionMismatch(String, found: UInt32, expected: UInt32)
    /// The model descriptor is inconsistent (null pointers, wrong element counts, duplicate names, ...).
    case invalidDescriptor(String, reason: String)
    /// The library's code needs CPU features this machine lacks (`missing`, by their
    /// `/proc/cpuinfo` names); running it would stop at an illegal instruction.
    case unsupportedCPU(String, missing: [String], required: [String])
    /// A positional run got a different number of input tensors than the model has.
    case wrongInputCount(expected: Int, got: Int)
    /// A buffer run got a different number of output buffers than the model has.
    case wrongOutputCount(expected: Int, got: Int)
    /// A tensor's buffer does not hold exactly `batch * elementCount` floats.
    case wrongElementCount(tensor: String, expected: Int, got: Int)
    /// A named run got a name that is not one of the model's inputs.
    case unknownTensor(String, known: [String])
    /// A named run did not give this model input.
    case missingInput(String)
    /// A batch size (or a session's maximum batch) below 1, or too large to address.
    case invalidBatch(Int)
    /// A thread count below 0 (0 means the OpenMP default) or above `Int32.max`.
    case invalidThreadCount(Int)
    /// An output buffer overlaps another output or an input buffer.
    case overlappingBuffers(String)
    /// The library's `create` or `run` returned a nonzero `cnnc_status`.
    case status(Int32, message: String)
    /// `batch` samples need more memory (inputs, outputs and arena) than the machine has.
    case insufficientMemory(String, batch: Int, bytes: Int?, available: Int)

    /// The library the error is about, for the errors of loading one.
    public var location: SourceLocation {
        switch self {
        case .fileNotFound(let path), .notALibrary(let path, _), .notACNNCModel(let path), .multipleModels(let path, _),
            .malformedLibrary(let path, _), .abiVersionMismatch(let path, _, _), .invalidDescriptor(let path, _),
            .unsupportedCPU(let path, _, _), .insufficientMemory(let path, _, _, _):
            return SourceLocation(file: path)
        case .wrongInputCount, .wrongOutputCount, .wrongElementCount, .unknownTensor, .missingInput, .invalidBatch,
            .invalidThreadCount, .overlappingBuffers, .status:
            return SourceLocation()
        }
    }

    /// What went wrong, without the library path, e.g. "expected cnnc model ABI version 1, got version 99".
    public var message: String {
        switch self {
        case .fileNotFound:
            return "expected a cnnc model library, got no file at that path"
        case .notALibrary(_, let reason):
            return "expected a shared library, got a file the dynamic loader rejected: \(reason)"
        case .notACNNCModel:
            return "expected a cnnc model library (no '*_cnnc_model' symbol), got a shared library without one"
        case .multipleModels(_, let symbols):
            return "expected exactly one '*_cnnc_model' symbol, got \(symbols.count): \(symbols.joined(separator: ", "))"
        case .malformedLibrary(_, let reason):
            return "expected an ELF64 shared library, got \(reason)"
        case .abiVersionMismatch(_, let found, let expected):
            return "expected cnnc model ABI version \(expected), got version \(found) (rebuild it with this cnnc)"
        case .invalidDescriptor(_, let reason):
            return "expected a well-formed cnnc model descriptor, got \(reason)"
        case .unsupportedCPU(_, let missing, let required):
            return
                "expected a CPU with \(required.joined(separator: " ")) (the features the library was built for), got one without \(missing.joined(separator: " ")); rebuild it for this CPU or with --target portable"
        case .wrongInputCount(let expected, let got):
            return "expected \(expected) input tensor\(expected == 1 ? "" : "s"), got \(got)"
        case .wrongOutputCount(let expected, let got):
            return "expected \(expected) output buffer\(expected == 1 ? "" : "s"), got \(got)"
        case .wrongElementCount(let tensor, let expected, let got):
            return "tensor '\(tensor)': expected \(expected) floats (batch x elements per sample), got \(got)"
        case .unknownTensor(let name, let known):
            return "expected an input named \(known.map { "'\($0)'" }.joined(separator: " or ")), got '\(name)'"
        case .missingInput(let name):
            return "expected a value for input '\(name)', got none"
        case .invalidBatch(let batch):
            return "expected a batch size of at least 1 (and small enough to address), got \(batch)"
        case .invalidThreadCount(let threads):
            return "expected a thread count from 0 (OpenMP default) to \(Int32.max), got \(threads)"
        case .overlappingBuffers(let what):
            return "expected output buffers that overlap no other buffer, got \(what)"
        case .status(let code, let message):
            return "model returned status \(code): \(message)"
        case .insufficientMemory(_, let batch, let bytes, let available):
            let need = bytes.map { "\($0) bytes" } ?? "more bytes than can be addressed"
            return
                "expected a batch that fits in this machine's memory (\(available) bytes), got batch \(batch) needing \(need) for inputs, outputs and arena"
        }
    }
}
