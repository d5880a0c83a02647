import CNNModelABI

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The runtime's readers of untrusted input, reachable by the fuzz targets (`CNNFuzzTargets`)
/// without loading anything: the ELF checks `ModelLibrary` runs before `dlopen`, and the
/// descriptor validation it runs after.
package enum FuzzEntryPoints {
    /// The checks `ModelLibrary.init` makes of a file before `dlopen` maps it, and the symbol table read.
    package static func readLibraryFile(_ path: String) throws {
        do {
            guard try ELFDynamicSymbols.checkLoadable(path: path) else {
                throw RuntimeError.notALibrary(path, reason: "no ELF magic number")
            }
            _ = try ELFDynamicSymbols.read(path: path)
        } catch let error as ELFReadError {
            throw RuntimeError.malformedLibrary(path, reason: error.reason)
        }
    }

    /// Builds a `cnnc_model_desc` from `bytes` (counts, ranks, dimensions, element counts, names,
    /// null pointers) and validates it. The arrays it points to are as long as their counts say,
    /// as in any library the compiler wrote; a count past the validator's caps comes with no array,
    /// so the validator must refuse it before reading.
    package static func validateDescriptor(fromBytes bytes: [UInt8]) throws {
        var input = ByteStream(bytes)
        var arena = Arena()
        defer { arena.releaseAll() }

        let flags = input.byte()
        var desc = cnnc_model_desc()
        desc.abi_version = flags & 1 == 0 ? CNNC_ABI_VERSION : input.u32()
        let prefix = input.string()
        desc.prefix = flags & 2 == 0 ? arena.cString(prefix) : nil
        desc.name = flags & 4 == 0 ? arena.cString(input.string()) : nil
        if flags & 8 == 0 {
            desc.create = { _, _, _ in 0 }
            desc.run = { _, _, _, _ in 0 }
            desc.destroy = { _ in }
        }
        desc.workspace_bytes_per_sample = input.u64()
        desc.flops_per_sample = input.u64()
        (desc.inputs, desc.input_count) = tensors(&input, &arena, huge: flags & 16 != 0)
        (desc.outputs, desc.output_count) = tensors(&input, &arena, huge: flags & 32 != 0)
        let kernelCount = Int(input.byte() % 4)
        if kernelCount > 0 {
            let kernels = arena.allocate(cnnc_kernel_desc.self, count: kernelCount)
            for i in 0..<kernelCount {
                let nulls = input.byte()
                kernels[i] = cnnc_kernel_desc(
                    name: nulls & 1 == 0 ? arena.cString(input.string()) : nil,
                    op: nulls & 2 == 0 ? arena.cString(input.string()) : nil,
                    layers: nulls & 4 == 0 ? arena.cString(input.string()) : nil,
                    flops_per_sample: input.u64())
            }
            desc.kernels = UnsafePointer(kernels)
        }
        desc.kernel_count = flags & 64 == 0 ? UInt32(kernelCount) : input.u32() | (1 << 21)
        if desc.kernel_count != UInt32(kernelCount) { desc.kernels = nil }

        let symbol = flags & 128 == 0 ? prefix + ModelLibrary.descriptorSuffix : input.string()
        _ = try DescriptorValidator(path: "fuzz.so", symbol: symbol).validate(desc)
    }

    private static func tensors(_ input: inout ByteStream, _ arena: inout Arena, huge: Bool) -> (UnsafePointer<cnnc_tensor_desc>?, UInt32) {
        if huge { return (nil, DescriptorValidator.maxTensors + 1 + input.u32() % 1000) }
        let count = Int(input.byte() % 6)
        guard count > 0 else { return (nil, 0) }
        let base = arena.allocate(cnnc_tensor_desc.self, count: count)
        for i in 0..<count {
            let nulls = input.byte()
            let name = nulls & 1 == 0 ? arena.cString(input.string()) : nil
            let rank = Int(input.byte() % 8)
            var shape: UnsafePointer<Int64>? = nil
            if rank > 0, nulls & 2 == 0 {
                let dims = arena.allocate(Int64.self, count: rank)
                for d in 0..<rank {
                    // Mostly small dimensions, so products stay plausible; sometimes any 64-bit value.
                    dims[d] = nulls & 4 == 0 ? Int64(input.byte() % 9) : Int64(bitPattern: input.u64())
                }
                shape = UnsafePointer(dims)
            }
            var product: Int64 = 1
            if let shape { for d in 0..<rank { product = product &* shape[d] } }
            let count = nulls & 8 == 0 ? product : Int64(bitPattern: input.u64())
            // A rank past the validator's cap comes with no shape array it could read.
            let recordedRank = nulls & 16 == 0 ? UInt32(rank) : DescriptorValidator.maxRank + 1 + UInt32(input.byte())
            base[i] = cnnc_tensor_desc(
                name: name, rank: recordedRank, shape: recordedRank == UInt32(rank) ? shape : nil, element_count: count)
        }
        return (UnsafePointer(base), UInt32(count))
    }
}

/// Reads fuzz bytes as fields; past the end every field is zero.
private struct ByteStream {
    let bytes: [UInt8]
    var offset = 0
    init(_ bytes: [UInt8]) { self.bytes = bytes }

    mutating func byte() -> UInt8 {
        guard offset < bytes.count else { return 0 }
        defer { offset += 1 }
        return bytes[offset]
    }
    mutating func u32() -> UInt32 { (0..<4).reduce(0) { $0 | UInt32(byte()) << (8 * $1) } }
    mutating func u64() -> UInt64 { (0..<8).reduce(0) { $0 | UInt64(byte()) << (8 * $1) } }
    /// Up to 31 bytes, possibly with NULs inside (cut there, as C would).
    mutating func string() -> String {
        let length = Int(byte() % 32)
        return String(decoding: (0..<length).map { _ in byte() }, as: UTF8.self)
    }
}

/// Memory the built descriptor points into, freed after validation.
private struct Arena {
    var releases: [() -> Void] = []

    mutating func allocate<T>(_ type: T.Type, count: Int) -> UnsafeMutablePointer<T> {
        let pointer = UnsafeMutablePointer<T>.allocate(capacity: count)
        releases.append { pointer.deallocate() }
        return pointer
    }
    mutating func cString(_ text: String) -> UnsafePointer<CChar> {
        let pointer = strdup(text)!
        releases.append { free(pointer) }
        return UnsafePointer(pointer)
    }
    func releaseAll() { for release in releases { release() } }
}
