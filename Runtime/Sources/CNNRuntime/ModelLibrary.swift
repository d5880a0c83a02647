import CNNModelABI

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A loaded cnnc model library: the `dlopen` handle and the model's validated self-description.
///
/// The library is immutable after `init`, so one instance may be shared by any number of
/// threads; each thread runs the model through its own `Session`. The handle is closed
/// when the last reference goes away (every `Session` keeps its library alive).
public final class ModelLibrary: @unchecked Sendable {
    /// The path the library was loaded from, as given to `init`.
    public let path: String
    /// The model's name from its network description.
    public let name: String
    /// The C prefix of every symbol the library exports (`<prefix>_cnnc_model`, ...).
    public let prefix: String
    /// The model's inputs, in the order positional runs take them.
    public let inputs: [TensorSpec]
    /// The model's outputs, in the order positional runs return them.
    public let outputs: [TensorSpec]
    /// Arena bytes a session needs per sample of its `maxBatch`.
    public let workspaceBytesPerSample: Int
    /// Approximate floating-point operations per sample (for GFLOP/s in benchmarks).
    public let flopsPerSample: Int
    /// The generated kernels in run order (fused groups of layers), for profiling.
    public let kernels: [KernelSpec]
    /// The CPU features (`/proc/cpuinfo` names) the library's code for this CPU needs: in a
    /// multi-target library, those of the target it chose. Loading checked this CPU has them.
    public let requiredCPUFeatures: [String]

    private let handle: UnsafeMutableRawPointer
    let descriptor: UnsafePointer<cnnc_model_desc>

    /// The suffix that marks the descriptor function among a library's exported symbols.
    static let descriptorSuffix = "_cnnc_model"

    /// Loads the library at `path` (`dlopen` with `RTLD_NOW | RTLD_LOCAL`) and reads its descriptor.
    ///
    /// The descriptor function is found without knowing the prefix: the one defined
    /// function in the file's ELF dynamic symbol table whose name ends in `_cnnc_model`.
    /// - Throws: `RuntimeError.fileNotFound`, `.notALibrary`, `.notACNNCModel`,
    ///   `.multipleModels`, `.malformedLibrary`, `.abiVersionMismatch`, `.invalidDescriptor`
    ///   or `.unsupportedCPU`.
    public init(path: String) throws {
        guard access(path, F_OK) == 0 else { throw RuntimeError.fileNotFound(path) }
        // Without a slash dlopen searches the library path instead of opening the file named.
        let loadPath = path.contains("/") ? path : "./" + path
        // Checked before dlopen maps it: a truncated file would die of SIGBUS inside the loader,
        // and a FIFO would block it. Files without the ELF magic are left to dlopen's own message.
        do {
            _ = try ELFDynamicSymbols.checkLoadable(path: loadPath)
        } catch {
            throw RuntimeError.malformedLibrary(path, reason: error.reason)
        }
        _ = dlerror()
        guard let handle = dlopen(loadPath, RTLD_NOW | RTLD_LOCAL) else {
            let reason = dlerror().map { String(cString: $0) } ?? "unknown dlopen error"
            throw RuntimeError.notALibrary(path, reason: reason)
        }
        Self.pinOpenMPRuntimes()
        do {
            let symbol = try Self.descriptorSymbol(inFileAt: loadPath, displayPath: path)
            guard let address = dlsym(handle, symbol) else {
                throw RuntimeError.malformedLibrary(path, reason: "'\(symbol)' in its symbol table but not found by dlsym")
            }
            typealias DescriptorFunction = @convention(c) () -> UnsafePointer<cnnc_model_desc>?
            let function = unsafeBitCast(address, to: DescriptorFunction.self)
            guard let descriptor = function() else {
                throw RuntimeError.invalidDescriptor(path, reason: "a null pointer from \(symbol)()")
            }
            let model = try DescriptorValidator(path: path, symbol: symbol).validate(descriptor.pointee)
            // Before any of the model's code runs: a library built for features this CPU lacks
            // is refused by name, never run into an illegal instruction.
            let missing = CPUFeatures.missing(model.requiredCPUFeatures, available: CPUFeatures.host)
            guard missing.isEmpty else {
                throw RuntimeError.unsupportedCPU(path, missing: missing, required: model.requiredCPUFeatures)
            }
            self.path = path
            self.handle = handle
            self.descriptor = descriptor
            self.name = model.name
            self.prefix = model.prefix
            self.inputs = model.inputs
            self.outputs = model.outputs
            self.workspaceBytesPerSample = model.workspaceBytesPerSample
            self.flopsPerSample = Int(clamping: descriptor.pointee.flops_per_sample)
            self.kernels = model.kernels
            self.requiredCPUFeatures = model.requiredCPUFeatures
        } catch {
            dlclose(handle)
            throw error
        }
    }

    /// OpenMP runtimes a model library may have loaded. (clang links libomp, gcc libgomp.)
    static let openMPRuntimes = ["libomp.so.5", "libomp.so", "libgomp.so.1", "libiomp5.so", "libomp.dylib"]

    /// Keeps whichever OpenMP runtime the model brought in loaded for the life of the process
    /// (`RTLD_NOLOAD | RTLD_NODELETE`: nothing new is loaded). Closing the last model that used
    /// libgomp would unload it while its idle worker threads still run its code: a library built
    /// by gcc crashed `cnnc run` at exit in about a third of the runs.
    static func pinOpenMPRuntimes() {
        for name in openMPRuntimes {
            if let pinned = dlopen(name, RTLD_NOW | RTLD_NOLOAD | RTLD_NODELETE) { dlclose(pinned) }
        }
    }

    /// The FMA throughput (GFLOP/s) the library's own code reaches on `threads` threads
    /// (0: OpenMP's default), measured for about `seconds`: the peak its kernels approach.
    public func fmaPeakGFLOPS(threads: Int = 0, seconds: Double = 0.2) -> Double {
        descriptor.pointee.fma_peak_gflops.map { $0(Int32(clamping: threads), seconds) } ?? 0
    }

    deinit {
        dlclose(handle)
    }

    /// Makes a session that runs up to `maxBatch` samples per internal step on `threads` threads.
    ///
    /// Larger batches still run: the library splits them into chunks of `maxBatch`.
    /// - Parameters:
    ///   - maxBatch: Samples the session's arena holds at once (at least 1).
    ///   - threads: OpenMP threads for each run; 0 means OpenMP's default.
    /// - Throws: `RuntimeError.invalidBatch`, `.invalidThreadCount`, or `.status` when the library's `create` fails.
    /// Bytes `batch` samples need: their inputs, outputs and arena; nil when that overflows.
    public func bytesNeeded(batch: Int) -> Int? {
        var perSample = workspaceBytesPerSample
        for spec in inputs + outputs {
            let (bytes, o1) = spec.elementCount.multipliedReportingOverflow(by: 4)
            let (sum, o2) = perSample.addingReportingOverflow(bytes)
            guard !o1, !o2 else { return nil }
            perSample = sum
        }
        let (total, overflow) = perSample.multipliedReportingOverflow(by: max(batch, 1))
        return overflow ? nil : total
    }

    /// The machine's physical memory in bytes.
    public static var physicalMemory: Int {
        let pages = sysconf(Int32(_SC_PHYS_PAGES))
        let size = sysconf(Int32(_SC_PAGESIZE))
        guard pages > 0, size > 0 else { return Int.max }
        return pages.multipliedReportingOverflow(by: size).overflow ? Int.max : pages * size
    }

    /// Throws `RuntimeError.insufficientMemory` when `batch` samples need more bytes than the
    /// machine has, before anything is allocated (a 40 GB sample was an allocation abort).
    public func checkMemory(batch: Int) throws {
        let available = Self.physicalMemory
        let bytes = bytesNeeded(batch: batch)
        guard let bytes, bytes <= available else {
            throw RuntimeError.insufficientMemory(path, batch: batch, bytes: bytes, available: available)
        }
    }

    public func makeSession(maxBatch: Int = 1, threads: Int = 0) throws -> Session {
        try Session(library: self, maxBatch: maxBatch, threads: threads)
    }

    /// The English text the library gives for a status code.
    func statusMessage(_ code: Int32) -> String {
        guard let message = descriptor.pointee.status_message?(code) else { return "unknown status" }
        return String(cString: message)
    }

    /// The name of the one defined, exported `*_cnnc_model` function in the file's dynamic symbols.
    private static func descriptorSymbol(inFileAt loadPath: String, displayPath: String) throws -> String {
        let symbols: [ELFDynamicSymbol]
        do {
            symbols = try ELFDynamicSymbols.read(path: loadPath)
        } catch {
            throw RuntimeError.malformedLibrary(displayPath, reason: error.reason)
        }
        var names: [String] = []
        for symbol in symbols
        where symbol.isFunction && symbol.isDefined && symbol.isExported
            && symbol.name.hasSuffix(descriptorSuffix) && symbol.name.utf8.count > descriptorSuffix.utf8.count
            && !names.contains(symbol.name)
        {
            names.append(symbol.name)
        }
        guard let first = names.first else { throw RuntimeError.notACNNCModel(displayPath) }
        guard names.count == 1 else { throw RuntimeError.multipleModels(displayPath, symbols: names) }
        return first
    }
}
