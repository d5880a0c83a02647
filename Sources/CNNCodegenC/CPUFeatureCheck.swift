/// The C test of a library's required CPU features, with `__builtin_cpu_supports` (clang, gcc).
///
/// Features are named as `/proc/cpuinfo` names them (what the descriptor records and the
/// runtimes check); the builtin spells one of them differently. A name the builtin does not
/// know is never supported (a test uses one to build a library no CPU runs). Only names from
/// the table reach the C, so nothing outside cnnc is interpolated.
public enum CPUFeatureCheck {
    /// `/proc/cpuinfo` flag -> `__builtin_cpu_supports` argument.
    static let builtinNames: [String: String] = [
        "avx": "avx", "avx2": "avx2", "fma": "fma", "bmi1": "bmi", "bmi2": "bmi2",
        "avx512f": "avx512f", "avx512bw": "avx512bw", "avx512cd": "avx512cd",
        "avx512dq": "avx512dq", "avx512vl": "avx512vl",
    ]

    /// A C expression true when the CPU has every feature (`1` for none).
    public static func expression(_ features: [String]) -> String {
        guard !features.isEmpty else { return "1" }
        return features.map { name in builtinNames[name].map { "__builtin_cpu_supports(\"\($0)\")" } ?? "0" }.joined(separator: " && ")
    }

    /// The body of a function returning whether the CPU has every feature.
    /// (No builtin call at all without requirements: compilers for other architectures lack it.)
    static func statement(_ features: [String]) -> String {
        features.isEmpty ? "return 1;" : "__builtin_cpu_init(); return \(expression(features));"
    }
}
