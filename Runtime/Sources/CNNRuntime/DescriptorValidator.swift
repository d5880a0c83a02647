import CNNModelABI

/// The descriptor's contents, copied into Swift values once they have been checked.
struct ValidatedModel {
    let name: String
    let prefix: String
    let inputs: [TensorSpec]
    let outputs: [TensorSpec]
    let workspaceBytesPerSample: Int
    let kernels: [KernelSpec]
    /// The CPU features the code needs (ABI revision 1; none for older libraries).
    let requiredCPUFeatures: [String]
}

/// Checks a `cnnc_model_desc` before the runtime trusts any pointer or count in it.
///
/// The ABI version is read first, since every other field's layout depends on it.
/// Counts are capped so a garbage descriptor gives an error rather than a huge read.
struct DescriptorValidator {
    let path: String
    let symbol: String

    static let maxTensors: UInt32 = 1 << 16
    static let maxRank: UInt32 = 64

    func validate(_ desc: cnnc_model_desc) throws -> ValidatedModel {
        guard desc.abi_version == CNNC_ABI_VERSION else {
            throw RuntimeError.abiVersionMismatch(path, found: desc.abi_version, expected: CNNC_ABI_VERSION)
        }
        guard let name = desc.name else { throw invalid("a null model name") }
        guard let prefix = desc.prefix else { throw invalid("a null prefix") }
        let prefixText = String(cString: prefix)
        guard prefixText + ModelLibrary.descriptorSuffix == symbol else {
            throw invalid("prefix '\(prefixText)' from the symbol '\(symbol)'")
        }
        guard desc.create != nil, desc.run != nil, desc.destroy != nil else {
            throw invalid("a null create, run or destroy function")
        }
        guard let workspace = Int(exactly: desc.workspace_bytes_per_sample) else {
            throw invalid("\(desc.workspace_bytes_per_sample) workspace bytes per sample")
        }
        return ValidatedModel(
            name: String(cString: name),
            prefix: prefixText,
            inputs: try tensors(desc.inputs, count: desc.input_count, role: "input"),
            outputs: try tensors(desc.outputs, count: desc.output_count, role: "output"),
            workspaceBytesPerSample: workspace,
            kernels: try kernels(desc),
            requiredCPUFeatures: requiredFeatures(desc))
    }

    /// Revision 1 appended `required_cpu_features`; an older descriptor ends before it.
    private func requiredFeatures(_ desc: cnnc_model_desc) -> [String] {
        guard desc.abi_revision >= 1, let text = desc.required_cpu_features else { return [] }
        return String(cString: text).split(separator: " ").map(String.init)
    }

    private func kernels(_ desc: cnnc_model_desc) throws -> [KernelSpec] {
        guard desc.kernel_count <= 1 << 20 else { throw invalid("\(desc.kernel_count) kernels") }
        guard desc.kernel_count > 0 else { return [] }
        guard let base = desc.kernels else { throw invalid("\(desc.kernel_count) kernels but a null kernel table") }
        return try (0..<Int(desc.kernel_count)).map { i in
            let k = base[i]
            guard let name = k.name, let op = k.op, let layers = k.layers else { throw invalid("a null name in kernel \(i)") }
            return KernelSpec(
                name: String(cString: name), op: String(cString: op), layers: String(cString: layers),
                flopsPerSample: Int(clamping: k.flops_per_sample))
        }
    }

    private func tensors(_ base: UnsafePointer<cnnc_tensor_desc>?, count: UInt32, role: String) throws -> [TensorSpec] {
        guard count <= Self.maxTensors else { throw invalid("\(count) \(role)s") }
        guard count > 0 else { return [] }
        guard let base else { throw invalid("\(count) \(role)s but a null \(role) array") }
        var specs: [TensorSpec] = []
        for index in 0..<Int(count) {
            let spec = try tensor(base[index], label: "\(role) \(index)")
            guard !specs.contains(where: { $0.name == spec.name }) else {
                throw invalid("two \(role)s named '\(spec.name)'")
            }
            specs.append(spec)
        }
        return specs
    }

    private func tensor(_ desc: cnnc_tensor_desc, label: String) throws -> TensorSpec {
        guard let rawName = desc.name else { throw invalid("a null name for \(label)") }
        let name = String(cString: rawName)
        guard !name.isEmpty else { throw invalid("an empty name for \(label)") }
        guard desc.rank <= Self.maxRank else { throw invalid("rank \(desc.rank) for \(label) '\(name)'") }
        var shape: [Int] = []
        if desc.rank > 0 {
            guard let dims = desc.shape else { throw invalid("a null shape for \(label) '\(name)'") }
            shape = (0..<Int(desc.rank)).map { Int(dims[$0]) }
        }
        // Every dimension at least 1, so a per-sample buffer is never empty and its pointer never null.
        var product = 1
        for dim in shape {
            let (next, overflow) = product.multipliedReportingOverflow(by: dim)
            guard dim >= 1, !overflow else { throw invalid("shape \(shape) for \(label) '\(name)'") }
            product = next
        }
        guard Int64(product) == desc.element_count else {
            throw invalid("element_count \(desc.element_count) for \(label) '\(name)' of shape \(shape) (expected \(product))")
        }
        return TensorSpec(name: name, shape: shape)
    }

    private func invalid(_ reason: String) -> RuntimeError {
        .invalidDescriptor(path, reason: reason)
    }
}
