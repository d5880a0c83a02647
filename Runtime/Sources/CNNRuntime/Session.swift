import CNNModelABI

/// One caller's state for running a model: a `cnnc_context` holding its own arena.
///
/// A session must be used by one thread at a time (it is deliberately not `Sendable`):
/// give each thread its own session. Sessions of one library share nothing mutable,
/// so they may run in parallel. Every argument is checked before the library is called;
/// misuse throws a `RuntimeError`.
public final class Session {
    /// The library this session runs; the session keeps it loaded.
    public let library: ModelLibrary
    /// The most samples one internal step holds; larger batches run in chunks of this size.
    public let maxBatch: Int
    /// The OpenMP thread count requested (0 means OpenMP's default).
    public let threads: Int

    private let context: OpaquePointer

    init(library: ModelLibrary, maxBatch: Int, threads: Int) throws {
        guard maxBatch >= 1,
            !maxBatch.multipliedReportingOverflow(by: max(library.workspaceBytesPerSample, 1)).overflow
        else { throw RuntimeError.invalidBatch(maxBatch) }
        guard let threadCount = Int32(exactly: threads), threadCount >= 0 else {
            throw RuntimeError.invalidThreadCount(threads)
        }
        try library.checkMemory(batch: maxBatch)
        let desc = library.descriptor.pointee
        var context: OpaquePointer?
        let code = desc.create!(Int64(maxBatch), threadCount, &context)
        guard code == CNNC_OK.rawValue else {
            if let context { desc.destroy!(context) }
            throw RuntimeError.status(code, message: library.statusMessage(code))
        }
        guard let context else {
            throw RuntimeError.invalidDescriptor(library.path, reason: "a null context from create with status 0")
        }
        self.library = library
        self.maxBatch = maxBatch
        self.threads = threads
        self.context = context
    }

    deinit {
        library.descriptor.pointee.destroy!(context)
    }

    /// Runs `batch` samples given in `library.inputs` order; returns the outputs in `library.outputs` order.
    ///
    /// Each input holds `batch * elementCount` floats, samples one after another in C order.
    /// - Throws: `RuntimeError.invalidBatch`, `.wrongInputCount`, `.wrongElementCount` or `.status`.
    public func run(batch: Int, inputs: [[Float]]) throws -> [[Float]] {
        let specs = library.inputs
        guard batch >= 1 else { throw RuntimeError.invalidBatch(batch) }
        guard inputs.count == specs.count else {
            throw RuntimeError.wrongInputCount(expected: specs.count, got: inputs.count)
        }
        for (spec, input) in zip(specs, inputs) {
            try checkCount(input.count, of: spec, batch: batch)
        }
        try library.checkMemory(batch: batch)
        var outputs = try library.outputs.map { [Float](repeating: 0, count: try floats(for: $0, batch: batch)) }
        try outputs.withUnsafeMutableBufferPointer { outputArrays in
            try withInputPointers(inputs, from: 0, into: []) { inputPointers in
                try withOutputPointers(outputArrays, from: 0, into: []) { outputPointers in
                    try run(batch: batch, inputs: inputPointers, outputs: outputPointers)
                }
            }
        }
        return outputs
    }

    /// Runs `batch` samples given by input name; returns every output by name.
    ///
    /// - Throws: `RuntimeError.unknownTensor`, `.missingInput`, or any error of `run(batch:inputs:)`.
    public func run(batch: Int, inputs: [String: [Float]]) throws -> [String: [Float]] {
        let names = library.inputs.map(\.name)
        if let unknown = inputs.keys.sorted().first(where: { !names.contains($0) }) {
            throw RuntimeError.unknownTensor(unknown, known: names)
        }
        let ordered = try names.map { name in
            guard let value = inputs[name] else { throw RuntimeError.missingInput(name) }
            return value
        }
        let results: [[Float]] = try run(batch: batch, inputs: ordered)
        return Dictionary(uniqueKeysWithValues: zip(library.outputs.map(\.name), results))
    }

    /// Runs `batch` samples from caller memory into caller memory, copying nothing.
    ///
    /// `inputs` and `outputs` follow `library.inputs` and `library.outputs` order; each buffer
    /// holds exactly `batch * elementCount` floats. Outputs must not overlap each other or any input.
    /// - Throws: `RuntimeError.invalidBatch`, `.wrongInputCount`, `.wrongOutputCount`,
    ///   `.wrongElementCount`, `.overlappingBuffers` or `.status`.
    public func run(batch: Int, inputs: [UnsafeBufferPointer<Float>], outputs: [UnsafeMutableBufferPointer<Float>]) throws {
        try invoke(batch: batch, inputs: inputs, outputs: outputs, kernelSeconds: nil)
    }

    /// Runs like `run(batch:inputs:outputs:)` and returns each kernel's wall time in seconds,
    /// in `library.kernels` order (for `cnnc bench --layers`).
    public func runProfiled(
        batch: Int, inputs: [UnsafeBufferPointer<Float>], outputs: [UnsafeMutableBufferPointer<Float>]
    ) throws -> [Double] {
        var seconds = [Double](repeating: 0, count: max(library.kernels.count, 1))
        try seconds.withUnsafeMutableBufferPointer { buffer in
            try invoke(batch: batch, inputs: inputs, outputs: outputs, kernelSeconds: buffer.baseAddress)
        }
        return Array(seconds.prefix(library.kernels.count))
    }

    private func invoke(
        batch: Int, inputs: [UnsafeBufferPointer<Float>], outputs: [UnsafeMutableBufferPointer<Float>],
        kernelSeconds: UnsafeMutablePointer<Double>?
    ) throws {
        guard batch >= 1 else { throw RuntimeError.invalidBatch(batch) }
        guard inputs.count == library.inputs.count else {
            throw RuntimeError.wrongInputCount(expected: library.inputs.count, got: inputs.count)
        }
        guard outputs.count == library.outputs.count else {
            throw RuntimeError.wrongOutputCount(expected: library.outputs.count, got: outputs.count)
        }
        for (spec, buffer) in zip(library.inputs, inputs) { try checkCount(buffer.count, of: spec, batch: batch) }
        for (spec, buffer) in zip(library.outputs, outputs) { try checkCount(buffer.count, of: spec, batch: batch) }
        try checkNoOverlap(inputs: inputs, outputs: outputs)

        // Counts are at least 1 (the descriptor guarantees elementCount >= 1), so base addresses exist.
        let inputPointers: [UnsafePointer<Float>?] = inputs.map { $0.baseAddress }
        let outputPointers: [UnsafeMutablePointer<Float>?] = outputs.map { $0.baseAddress }
        let descriptor = library.descriptor.pointee
        let code = inputPointers.withUnsafeBufferPointer { ins in
            outputPointers.withUnsafeBufferPointer { outs in
                if let kernelSeconds, let profiled = descriptor.run_profiled {
                    return profiled(context, Int64(batch), ins.baseAddress, outs.baseAddress, kernelSeconds)
                }
                return descriptor.run!(context, Int64(batch), ins.baseAddress, outs.baseAddress)
            }
        }
        guard code == CNNC_OK.rawValue else {
            throw RuntimeError.status(code, message: library.statusMessage(code))
        }
    }

    private func floats(for spec: TensorSpec, batch: Int) throws -> Int {
        let (count, overflow) = batch.multipliedReportingOverflow(by: spec.elementCount)
        guard !overflow else { throw RuntimeError.invalidBatch(batch) }
        return count
    }

    private func checkCount(_ count: Int, of spec: TensorSpec, batch: Int) throws {
        let expected = try floats(for: spec, batch: batch)
        guard count == expected else {
            throw RuntimeError.wrongElementCount(tensor: spec.name, expected: expected, got: count)
        }
    }

    private func checkNoOverlap(inputs: [UnsafeBufferPointer<Float>], outputs: [UnsafeMutableBufferPointer<Float>]) throws {
        func range(_ buffer: UnsafeBufferPointer<Float>) -> Range<UInt> {
            let start = UInt(bitPattern: buffer.baseAddress)
            return start..<start + UInt(buffer.count * MemoryLayout<Float>.stride)
        }
        let inputRanges = inputs.map(range)
        let outputRanges = outputs.map { range(UnsafeBufferPointer($0)) }
        for (index, output) in outputRanges.enumerated() {
            let name = library.outputs[index].name
            if let other = outputRanges[..<index].firstIndex(where: { $0.overlaps(output) }) {
                throw RuntimeError.overlappingBuffers("output '\(name)' overlapping output '\(library.outputs[other].name)'")
            }
            if let other = inputRanges.firstIndex(where: { $0.overlaps(output) }) {
                throw RuntimeError.overlappingBuffers("output '\(name)' overlapping input '\(library.inputs[other].name)'")
            }
        }
    }
}

@available(*, unavailable, message: "a Session runs on one thread at a time; make one session per thread")
extension Session: Sendable {}

/// Calls `body` with the base address of every array, keeping each one pinned for the duration.
private func withInputPointers<R>(
    _ arrays: [[Float]], from index: Int, into pointers: [UnsafeBufferPointer<Float>],
    _ body: ([UnsafeBufferPointer<Float>]) throws -> R
) throws -> R {
    guard index < arrays.count else { return try body(pointers) }
    return try arrays[index].withUnsafeBufferPointer { buffer in
        try withInputPointers(arrays, from: index + 1, into: pointers + [buffer], body)
    }
}

/// Calls `body` with a mutable buffer for every array in `arrays` (distinct elements, so no exclusivity conflict).
private func withOutputPointers<R>(
    _ arrays: UnsafeMutableBufferPointer<[Float]>, from index: Int, into pointers: [UnsafeMutableBufferPointer<Float>],
    _ body: ([UnsafeMutableBufferPointer<Float>]) throws -> R
) throws -> R {
    guard index < arrays.count else { return try body(pointers) }
    return try arrays[index].withUnsafeMutableBufferPointer { buffer in
        try withOutputPointers(arrays, from: index + 1, into: pointers + [buffer], body)
    }
}
