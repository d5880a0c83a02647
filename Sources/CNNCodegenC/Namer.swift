/// Turns graph names into legal, unique C identifiers: the only way a user's name reaches C code.
///
/// Identifiers are ASCII letters, digits and `_`, never start with a digit or
/// with `_` + capital/`__` (reserved), are at most 40 characters, and are unique
/// within one namer. Names the user wrote appear in C only as escaped string literals.
public struct Namer: Sendable {
    private var used: Set<String> = []
    static let maxLength = 40
    /// C keywords and names the generated code itself uses unqualified.
    static let reserved: Set<String> = [
        "auto", "break", "case", "char", "const", "continue", "default", "do", "double", "else", "enum", "extern",
        "float", "for", "goto", "if", "inline", "int", "long", "register", "restrict", "return", "short", "signed",
        "sizeof", "static", "struct", "switch", "typedef", "union", "unsigned", "void", "volatile", "while",
        "_Bool", "_Complex", "_Imaginary", "main", "errno", "NAN", "INFINITY",
    ]

    public init() {}

    /// A C identifier for `name` with `prefix` in front (e.g. `k3_` for the fourth kernel).
    public static func sanitize(_ name: String) -> String {
        var out = ""
        var lastUnderscore = false
        for scalar in name.unicodeScalars {
            let ok = (scalar >= "a" && scalar <= "z") || (scalar >= "A" && scalar <= "Z") || (scalar >= "0" && scalar <= "9")
            if ok {
                out.unicodeScalars.append(scalar)
                lastUnderscore = false
            } else if !lastUnderscore && !out.isEmpty {
                out += "_"
                lastUnderscore = true
            }
            if out.count >= maxLength { break }
        }
        while out.hasSuffix("_") { out.removeLast() }
        if out.isEmpty { out = "x" }
        if let first = out.unicodeScalars.first, first >= "0" && first <= "9" { out = "m" + out }
        if reserved.contains(out) { out += "_" }
        return out
    }

    /// A fresh identifier `prefix + sanitize(name)`, suffixed `_2`, `_3`, ... when already taken.
    public mutating func fresh(_ name: String, prefix: String = "") -> String {
        let base = prefix + Namer.sanitize(name)
        var candidate = base
        var n = 2
        while used.contains(candidate) {
            candidate = "\(base)_\(n)"
            n += 1
        }
        used.insert(candidate)
        return candidate
    }
}
