/// How the importer meets each change of an op's definition between opset 11 and the newest
/// opset it reads (`ONNXImporter.supportedOpsets`), reviewed against the onnx package's schemas.
///
/// Tests/Goldens/onnx-opsets/history.json (scripts/onnx/make_opset_table.py) lists, for every op,
/// each version (since_version) after opset 11 and what changed. A change that only adds element
/// types (bfloat16, float8, int4, ...) leaves a float32 model's meaning as it was and needs no
/// entry; every other change of an op the importer handles has one here, and OpsetTableTests
/// fails when one is missing, so a new opset is read only once its changes are reviewed.
/// A `.refused` change makes every node of that op an error from that opset on.
enum OpsetReview {
    enum Verdict {
        /// The handler implements the new meaning (or refuses the new forms itself); why.
        case handled(String)
        /// The handler does not implement it: nodes of models at this opset or later are refused with this reason.
        case refused(String)
    }

    /// op -> since_version -> verdict.
    static let changes: [String: [Int: Verdict]] = [
        "AveragePool": [19: .handled("dilations added: read and implemented (dilated average pools)")],
        "DepthToSpace": [28: .handled("no schema difference: only the operator's text changed")],
        "GroupNormalization": [
            21: .handled(
                "scale and bias per channel instead of per group, and stash_type: both forms read by opset; the statistics are computed in float32, stash_type's default, and any other stash_type is refused"
            )
        ],
        "LogSoftmax": [13: .handled("axis now names one axis instead of coercing to 2-D: both read by opset")],
        "LpPool": [18: .handled("ceil_mode and dilations added: both read and implemented")],
        "BatchNormalization": [
            14: .handled(
                "training_mode added and outputs renamed: training_mode 1 computed on whole tensors (batch statistics, running_mean and running_var outputs as the onnx reference), refused with a free batch"
            ),
            15: .handled("scale/B and mean/var may have different types: only the element types changed"),
        ],
        "Cast": [
            19: .handled("saturate added: it only affects casts to float8 types, which are refused"),
            24: .handled("round_mode added: it only affects casts to float8e8m0, which is refused"),
        ],
        "CastLike": [
            19: .handled("saturate added: it only affects casts to float8 types; CastLike here only casts to float32 or int64"),
            24: .handled("round_mode added: it only affects casts to float8e8m0; CastLike here only casts to float32 or int64"),
        ],
        "Constant": [12: .handled("value_float(s) and value_int(s) read; value_string(s) refused as unknown attributes")],
        "Dropout": [
            12: .handled(
                "ratio and training_mode became inputs: read as constants; training_mode true refused unless the ratio is 0 (random, so not a function of the input)"
            )
        ],
        "Pad": [
            18: .handled("axes input added: read"),
            19: .handled("mode \"wrap\" added: implemented"),
        ],
        "Pow": [15: .handled("bfloat16 exponents allowed: only the element types changed")],
        "ReduceL1": [18: .handled("axes moved from an attribute to an input, noop_with_empty_axes added: both forms read by opset")],
        "ReduceL2": [18: .handled("axes moved from an attribute to an input, noop_with_empty_axes added: both forms read by opset")],
        "ReduceLogSumExp": [18: .handled("axes moved from an attribute to an input, noop_with_empty_axes added: both forms read by opset")],
        "ReduceMax": [18: .handled("axes moved from an attribute to an input: both read by opset")],
        "ReduceMean": [18: .handled("axes moved from an attribute to an input: both read by opset")],
        "ReduceMin": [18: .handled("axes moved from an attribute to an input, noop_with_empty_axes added: both forms read by opset")],
        "ReduceProd": [18: .handled("axes moved from an attribute to an input, noop_with_empty_axes added: both forms read by opset")],
        "ReduceSum": [13: .handled("axes moved from an attribute to an input, noop_with_empty_axes added: both forms read by opset")],
        "ReduceSumSquare": [18: .handled("axes moved from an attribute to an input, noop_with_empty_axes added: both forms read by opset")],
        "Reshape": [14: .handled("allowzero added: read; allowzero 1 with a 0 in the shape is refused")],
        "Resize": [
            13: .handled("roi and scales became optional: read when present"),
            18: .handled(
                "antialias, axes and keep_aspect_ratio_policy added: all read; antialias as the onnx reference computes it (linear and cubic filters stretched by 1 / scale when downsampling, weights renormalised)"
            ),
            19: .handled("coordinate_transformation_mode \"half_pixel_symmetric\" added: modes not listed by the handler are refused"),
        ],
        "Shape": [15: .handled("start and end added: read")],
        "SpaceToDepth": [28: .handled("mode added (DCR, the earlier order, by default; CRD): both read and computed")],
        "Split": [
            13: .handled("split moved from an attribute to an input: both read by opset"),
            18: .handled("num_outputs added: read (chunks of ceil(size / n), the last smaller)"),
        ],
        "Softmax": [13: .handled("axis now names one axis instead of coercing to 2-D: both read by opset")],
        "Squeeze": [13: .handled("axes moved from an attribute to an input: both read by opset")],
        "Unsqueeze": [13: .handled("axes moved from an attribute to an input: both read by opset")],
    ]

    /// The reason nodes of `op` are refused at `opset`, if a reviewed change refuses them.
    static func refusal(op: String, opset: Int, in table: [String: [Int: Verdict]] = changes) -> String? {
        guard let versions = table[op] else { return nil }
        for (since, verdict) in versions.sorted(by: { $0.key < $1.key }) where since <= opset {
            if case .refused(let reason) = verdict {
                return "unsupported at opset \(opset) (the op's definition since opset \(since)): \(reason)"
            }
        }
        return nil
    }
}
