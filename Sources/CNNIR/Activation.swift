/// A pointwise activation function (or unary math op): which one, and its parameter values in
/// the order its `ActivationKind.facts` lists them.
///
/// Every fact about an activation (names, parameters and defaults, formula, vector form, cost)
/// lives in one entry of `ActivationKind.facts`; the reader, writer, ONNX importer, shape rules,
/// cost and C emitters all work from that table.
public struct Activation: Hashable, Sendable, CustomStringConvertible {
    public var kind: ActivationKind
    /// One value per `kind.facts.parameters` entry; a choice parameter holds the choice's index.
    public var parameters: [Float]

    public init(_ kind: ActivationKind, _ parameters: [Float] = []) {
        precondition(parameters.count == kind.facts.parameters.count, "\(kind) takes \(kind.facts.parameters.count) parameters")
        self.kind = kind
        self.parameters = parameters
    }

    /// The named parameter's value (a compiler bug if the activation has no such parameter).
    public subscript(_ name: String) -> Float {
        guard let i = kind.facts.parameters.firstIndex(where: { $0.name == name }) else {
            preconditionFailure("\(kind) has no parameter \(name)")
        }
        return parameters[i]
    }

    /// The scalar formula of this activation, applied to `Formula.x`.
    public var formula: Formula { kind.facts.formula(parameters) }

    /// The vector form as assignments `x = step(x)` run in order, or nil when there is none.
    public var vectorSteps: [Formula]? {
        switch kind.facts.vector {
        case .none: return nil
        case .sameAsScalar: return [formula]
        case .steps(let make): return make(parameters)
        }
    }

    public var description: String {
        parameters.isEmpty
            ? kind.rawValue
            : "\(kind.rawValue)(\(zip(kind.facts.parameters, parameters).map { "\($0.name): \($1)" }.joined(separator: ", ")))"
    }

    public static let relu = Activation(.relu)
    public static let sigmoid = Activation(.sigmoid)
    public static let tanh = Activation(.tanh)
    public static func leakyRelu(alpha: Float) -> Activation { Activation(.leakyRelu, [alpha]) }
    public static func elu(alpha: Float) -> Activation { Activation(.elu, [alpha]) }
    public static func clip(min: Float, max: Float) -> Activation { Activation(.clip, [min, max]) }
}

/// A parameter of an activation: its net.json field, default, and ONNX attribute.
public struct ActivationParameter: Sendable {
    /// How the value is written: a number, or one of several names (stored as the name's index).
    public enum Kind: Sendable, Equatable {
        case number
        case choice([String])
    }
    /// The net.json field name.
    public var name: String
    public var kind: Kind = .number
    /// The net.json default; nil when the field is required.
    public var defaultValue: Float?
    /// The ONNX attribute, when it differs from `name` (nil: the same name).
    public var onnxName: String?
    /// The ONNX default, when it differs from `defaultValue` (HardSigmoid's alpha is 0.2 in ONNX, 1/6 in PyTorch).
    public var onnxDefault: Float?

    public init(
        _ name: String, _ kind: Kind = .number, default defaultValue: Float?, onnx onnxName: String? = nil, onnxDefault: Float? = nil
    ) {
        self.name = name
        self.kind = kind
        self.defaultValue = defaultValue
        self.onnxName = onnxName
        self.onnxDefault = onnxDefault
    }

    /// The value written for choice index `value`, or nil for a number parameter.
    public func choiceName(_ value: Float) -> String? {
        guard case .choice(let names) = kind else { return nil }
        return names[Int(value)]
    }
}

/// How an activation runs on a vector of lanes.
public enum VectorForm: Sendable {
    /// No vector form (the epilogue then runs scalar).
    case none
    /// The scalar formula, with constants splatted, selects done lane-wise, and calls to the
    /// generated prelude's vector functions (sigmoid, tanh, the fast expm1, erf; codegen's
    /// `vectorFunctionName`): a formula calling a libm function without one runs scalar.
    case sameAsScalar
    /// Assignments `x = step(x)` in order.
    case steps(@Sendable ([Float]) -> [Formula])
}

/// Everything the compiler knows about one activation.
public struct ActivationFacts: Sendable {
    /// The ONNX op type that maps to this activation with its attributes, or nil (none, or a hand-written importer).
    public var onnx: String?
    public var parameters: [ActivationParameter] = []
    /// The scalar formula, given the parameter values.
    public var formula: @Sendable ([Float]) -> Formula
    public var vector: VectorForm = .none
    /// Flops per element as `Cost` counts them (the first six count 1, as they always have: the
    /// kernels' serial threshold depends on it, and generated C must not change under a refactor).
    public var cost: Int = 1
    /// A check on the parameter values of an activation layer: (field, message) when they are invalid.
    public var validate: @Sendable ([Float]) -> (field: String, message: String)? = { _ in nil }
}

/// Every activation, by its net.json name (also its name in diagnostics and `inspect`).
///
/// NaN and infinities: every activation but ThresholdedRelu (ONNX's, which gives 0) returns NaN for a NaN input and PyTorch's value at
/// +-inf. A select's test is written so that a NaN fails it and takes the branch that keeps `x`
/// (`x < 0 ? 0 : x`, never `x > 0 ? x : 0`), and the prelude's fast functions (`cnnc_expf`,
/// sigmoid, tanh, expm1) return NaN for NaN. `NaNPropagationTests` checks each one.
public enum ActivationKind: String, CaseIterable, Hashable, Sendable {
    case relu, sigmoid, tanh
    case leakyRelu = "leaky_relu"
    case elu, clip
    case hardSwish = "hardswish"
    case hardSigmoid = "hardsigmoid"
    case silu, gelu, mish, softplus, softsign, selu, celu
    case exp, log, sqrt, abs, neg, reciprocal, erf
    case thresholdedRelu = "thresholded_relu"

    public var facts: ActivationFacts {
        typealias F = Formula
        let x = F.x
        switch self {
        case .relu:
            // `x < 0 ? 0 : x`, not `x > 0 ? x : 0`: a NaN fails the test and stays NaN, as in PyTorch
            // (and it is still one vector max, with the operands in this order).
            return ActivationFacts(onnx: "Relu", formula: { _ in .select(x < 0, 0, x) }, vector: .sameAsScalar)
        case .sigmoid:
            return ActivationFacts(onnx: "Sigmoid", formula: { _ in .call(.sigmoid, [x]) }, vector: .sameAsScalar)
        case .tanh:
            return ActivationFacts(onnx: "Tanh", formula: { _ in .call(.tanh, [x]) }, vector: .sameAsScalar)
        case .leakyRelu:
            return ActivationFacts(
                onnx: "LeakyRelu", parameters: [.init("alpha", default: 0.01)],
                formula: { p in .select(x > 0, x, .constant(p[0]) * x) }, vector: .sameAsScalar)
        case .elu:
            return ActivationFacts(
                onnx: "Elu", parameters: [.init("alpha", default: 1.0)],
                formula: { p in .select(x > 0, x, .constant(p[0]) * .call(.expm1Fast, [x])) }, vector: .sameAsScalar)
        case .clip:
            // ONNX Clip takes its bounds as inputs from opset 11: ActivationOps.clip imports it.
            // A NaN stays NaN (PyTorch's clamp), in both forms: each test fails on a NaN and selects x
            // (still one vector max and one min).
            return ActivationFacts(
                onnx: nil, parameters: [.init("min", default: nil), .init("max", default: nil)],
                formula: { p in .select(x < .constant(p[0]), .constant(p[0]), .select(x > .constant(p[1]), .constant(p[1]), x)) },
                vector: .steps { p in [.select(x < .constant(p[0]), .constant(p[0]), x), .select(x > .constant(p[1]), .constant(p[1]), x)]
                },
                validate: { p in p[0] <= p[1] ? nil : ("max", "expected max >= min (\(p[0])), got \(p[1])") })
        case .hardSwish:
            // x * hardsigmoid(x) with PyTorch's (and ONNX HardSwish's) alpha 1/6, beta 0.5.
            return ActivationFacts(
                onnx: "HardSwish", formula: { _ in x * F.unitClamp(F.constant(1.0 / 6) * x + 0.5) },
                vector: .sameAsScalar, cost: 5)
        case .hardSigmoid:
            return ActivationFacts(
                onnx: "HardSigmoid",
                parameters: [.init("alpha", default: 1.0 / 6, onnxDefault: 0.2), .init("beta", default: 0.5)],
                formula: { p in F.unitClamp(.constant(p[0]) * x + .constant(p[1])) }, vector: .sameAsScalar, cost: 4)
        case .silu:
            // No ONNX op: exporters write x * Sigmoid(x), which FuseGatedActivation rewrites to this.
            // The prelude's own function: x * sigmoid(x) in fewer vector operations than the two apart.
            return ActivationFacts(onnx: nil, formula: { _ in .call(.silu, [x]) }, vector: .sameAsScalar, cost: 20)
        case .gelu:
            return ActivationFacts(
                onnx: "Gelu", parameters: [.init("approximate", .choice(["none", "tanh"]), default: 0)],
                formula: { p in
                    // 0.5 x (1 + erf(x / sqrt 2)), as the prelude's x * Phi(x) (no cancellation for x < 0).
                    if p[0] == 0 { return .call(.gelu, [x]) }
                    let inner = F.constant(0.79788456080286536) * (x + 0.044715 * x * x * x)
                    return 0.5 * x * (1 + .call(.tanh, [inner]))
                }, vector: .sameAsScalar, cost: 30)
        case .mish:
            return ActivationFacts(
                onnx: "Mish", formula: { _ in x * .call(.tanh, [.call(.softplus, [x])]) }, vector: .sameAsScalar, cost: 40)
        case .softplus:
            return ActivationFacts(onnx: "Softplus", formula: { _ in .call(.softplus, [x]) }, vector: .sameAsScalar, cost: 30)
        case .softsign:
            // |x| as a select so the form vectorises; only the sign of a zero in |x| differs, which 1 + |x| hides.
            return ActivationFacts(onnx: "Softsign", formula: { _ in x / (1 + .select(x < 0, -x, x)) }, vector: .sameAsScalar, cost: 3)
        case .selu:
            return ActivationFacts(
                onnx: "Selu",
                parameters: [.init("alpha", default: 1.67326319217681884765625), .init("gamma", default: 1.05070102214813232421875)],
                formula: { p in .select(x > 0, .constant(p[1]) * x, .constant(p[1] * p[0]) * .call(.expm1Fast, [x])) },
                vector: .sameAsScalar,
                cost: 20)
        case .celu:
            return ActivationFacts(
                onnx: "Celu", parameters: [.init("alpha", default: 1.0)],
                formula: { p in .select(x > 0, x, .constant(p[0]) * .call(.expm1Fast, [x / .constant(p[0])])) }, vector: .sameAsScalar,
                cost: 20,
                validate: { p in p[0] != 0 ? nil : ("alpha", "expected a non-zero alpha, got 0") })
        case .exp: return ActivationFacts(onnx: "Exp", formula: { _ in .call(.exp, [x]) }, cost: 20)
        case .log: return ActivationFacts(onnx: "Log", formula: { _ in .call(.log, [x]) }, cost: 20)
        case .sqrt: return ActivationFacts(onnx: "Sqrt", formula: { _ in .call(.sqrt, [x]) }, cost: 4)
        case .abs: return ActivationFacts(onnx: "Abs", formula: { _ in .call(.abs, [x]) }, vector: .steps { _ in [.select(x < 0, -x, x)] })
        case .neg: return ActivationFacts(onnx: "Neg", formula: { _ in -x }, vector: .sameAsScalar)
        case .reciprocal: return ActivationFacts(onnx: "Reciprocal", formula: { _ in 1 / x }, vector: .sameAsScalar)
        case .erf: return ActivationFacts(onnx: "Erf", formula: { _ in .call(.erf, [x]) }, cost: 20)
        case .thresholdedRelu:
            // x if x > alpha, else 0: ONNX's definition, which ONNX Runtime and the onnx package's
            // reference both compute, so a NaN gives 0 here (the one activation where it does).
            return ActivationFacts(
                onnx: "ThresholdedRelu", parameters: [.init("alpha", default: 1.0)],
                formula: { p in .select(x > .constant(p[0]), x, 0) }, vector: .sameAsScalar, cost: 1)
        }
    }

    /// The kind whose facts name ONNX op type `opType`.
    public static func onnx(_ opType: String) -> ActivationKind? { byONNXName[opType] }
    static let byONNXName: [String: ActivationKind] = Dictionary(
        uniqueKeysWithValues: allCases.compactMap { k in k.facts.onnx.map { ($0, k) } })
}
