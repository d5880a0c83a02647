import CNNIR

/// Every ONNX operator the importer handles, with the attributes it understands.
///
/// An attribute not listed here is an error rather than silently ignored, since it
/// could change the result.
enum OpTable {
    typealias Handler = @Sendable (inout Importer, NodeContext) throws -> Void

    static let handlers: [String: Handler] = fixedHandlers.merging(activationHandlers) { a, _ in a }.merging(ReductionOps.handlers) {
        a, _ in a
    }
    .merging(ComparisonOps.handlers) { a, _ in a }

    /// Activations mapped through their facts (`ActivationKind.facts.onnx`).
    static let activationHandlers: [String: Handler] = Dictionary(
        uniqueKeysWithValues: ActivationKind.allCases.compactMap { kind in
            kind.facts.onnx.map { ($0, ActivationOps.table(kind)) }
        })

    static let fixedHandlers: [String: Handler] = [
        // Mapped to CNNIR ops.
        "Conv": ConvOps.conv,
        "ConvTranspose": ConvOps.convTranspose,
        "MaxPool": ConvOps.maxPool,
        "AveragePool": ConvOps.averagePool,
        "GlobalAveragePool": ConvOps.globalAveragePool,
        "GlobalMaxPool": ConvOps.globalMaxPool,
        "LpPool": ResizeImport.lpPool,
        "GlobalLpPool": ResizeImport.globalLpPool,
        "Gemm": DenseOps.gemm,
        "MatMul": DenseOps.matMul,
        "Flatten": DenseOps.flatten,
        "Reshape": DenseOps.reshape,
        "Squeeze": DenseOps.squeeze,
        "Unsqueeze": DenseOps.unsqueeze,
        "PRelu": ActivationOps.prelu,
        "Clip": ActivationOps.clip,
        "Softmax": ActivationOps.softmax,
        "LogSoftmax": ReductionOps.logSoftmax,
        "LayerNormalization": ReductionOps.layerNormalization,
        "InstanceNormalization": ReductionOps.instanceNormalization,
        "GroupNormalization": ReductionOps.groupNormalization,
        "BatchNormalization": NormalizationOps.batchNormalization,
        "LRN": NormalizationOps.lrn,
        "Dropout": NormalizationOps.dropout,
        "Add": ArithmeticOps.add,
        "Identity": ArithmeticOps.identity,
        "Concat": ResizeOps.concat,
        "Resize": ResizeOps.resize,
        "Upsample": ResizeOps.upsample,
        "Pad": ResizeOps.pad,
        // Folded at import (on constants only).
        "Constant": Folding.constant,
        "Shape": Folding.shape,
        "Gather": Folding.gather,
        "Cast": Folding.cast,
        "Slice": MovementOps.slice,
        "Split": MovementOps.split,
        "DepthToSpace": MovementOps.depthToSpace,
        "SpaceToDepth": MovementOps.spaceToDepth,
        "ConstantOfShape": Folding.constantOfShape,
        "Transpose": MovementOps.transpose,
        "Sub": ArithmeticOps.sub,
        "Mul": ArithmeticOps.mul,
        "Div": ArithmeticOps.div,
        "Pow": ArithmeticOps.pow,
        "Max": ArithmeticOps.max,
        "Min": ArithmeticOps.min,
        "Sum": ArithmeticOps.sum,
        "Mean": ArithmeticOps.mean,
        "Size": Folding.size,
        "CastLike": Folding.castLike,
    ]

    /// The ops read in whole-tensor mode (`Importer.wholeTensor`): those whose handler maps ONNX
    /// axes through `Importer.lead` or that do not depend on axes. Any other op is refused there.
    static let wholeTensorOps: Set<String> = Set(activationHandlers.keys).union(ReductionOps.handlers.keys).union(
        ComparisonOps.handlers.keys
    ).union([
        "Clip", "PRelu", "Softmax", "LogSoftmax", "LayerNormalization", "Dropout", "BatchNormalization",
        "Add", "Sub", "Mul", "Div", "Pow", "Max", "Min", "Sum", "Mean", "Identity",
        "Gemm", "MatMul", "Flatten", "Reshape", "Squeeze", "Unsqueeze", "Transpose", "Slice", "Split", "Concat",
        "Constant", "Shape", "Size", "Gather", "Cast", "CastLike", "ConstantOfShape",
    ])

    static let attributes: [String: Set<String>] = fixedAttributes.merging(activationAttributes) { a, _ in a }.merging(
        ReductionOps.attributes
    ) { a, _ in a }
    .merging(ComparisonOps.attributes) { a, _ in a }

    static let activationAttributes: [String: Set<String>] = Dictionary(
        uniqueKeysWithValues: ActivationKind.allCases.compactMap { kind in
            kind.facts.onnx.map { ($0, Set(kind.facts.parameters.map { $0.onnxName ?? $0.name })) }
        })

    static let fixedAttributes: [String: Set<String>] = [
        "Conv": ["auto_pad", "dilations", "group", "kernel_shape", "pads", "strides"],
        "ConvTranspose": ["auto_pad", "dilations", "group", "kernel_shape", "output_padding", "output_shape", "pads", "strides"],
        "MaxPool": ["auto_pad", "ceil_mode", "dilations", "kernel_shape", "pads", "storage_order", "strides"],
        "AveragePool": ["auto_pad", "ceil_mode", "count_include_pad", "dilations", "kernel_shape", "pads", "strides"],
        "LpPool": ["auto_pad", "ceil_mode", "dilations", "kernel_shape", "p", "pads", "strides"],
        "GlobalLpPool": ["p"],
        "Gemm": ["alpha", "beta", "transA", "transB"],
        "Flatten": ["axis"],
        "Reshape": ["allowzero"],
        "Squeeze": ["axes"],
        "Unsqueeze": ["axes"],
        "Clip": ["min", "max"],
        "Softmax": ["axis"],
        "LogSoftmax": ["axis"],
        "LayerNormalization": ["axis", "epsilon", "stash_type"],
        "InstanceNormalization": ["epsilon"],
        "GroupNormalization": ["epsilon", "num_groups", "stash_type"],
        "BatchNormalization": ["epsilon", "momentum", "spatial", "training_mode"],
        "LRN": ["alpha", "beta", "bias", "size"],
        "Dropout": ["ratio", "seed"],
        "Concat": ["axis"],
        "Resize": [
            "antialias", "axes", "coordinate_transformation_mode", "cubic_coeff_a", "exclude_outside", "extrapolation_value",
            "keep_aspect_ratio_policy", "mode", "nearest_mode",
        ],
        "Upsample": ["mode", "scales"],
        "Pad": ["mode", "pads", "value"],
        "Constant": ["value", "value_float", "value_floats", "value_int", "value_ints"],
        "Shape": ["start", "end"],
        "Gather": ["axis"],
        "Cast": ["to", "saturate", "round_mode"],
        "CastLike": ["saturate", "round_mode"],
        "ConstantOfShape": ["value"],
        "Transpose": ["perm"],
        "Split": ["axis", "split", "num_outputs"],
        "DepthToSpace": ["blocksize", "mode"],
        "SpaceToDepth": ["blocksize", "mode"],
    ]
}
