/// Where a problem is: the file, the position in it, the JSON path and the layer.
public struct SourceLocation: Hashable, Sendable {
    /// The file the problem is in, as the user named it.
    public var file: String?
    /// 1-based line, when known.
    public var line: Int?
    /// 1-based column, when known.
    public var column: Int?
    /// JSON path such as `layers[3].kernel`.
    public var path: String?
    /// The layer (or input) the problem belongs to.
    public var layer: String?

    public init(file: String? = nil, line: Int? = nil, column: Int? = nil, path: String? = nil, layer: String? = nil) {
        self.file = file
        self.line = line
        self.column = column
        self.path = path
        self.layer = layer
    }
}

/// A user-facing error with its location, phrased as "expected X, got Y".
///
/// Every failure the user can cause is one of these; the CLI renders it once
/// as `error: ...`. `precondition` is reserved for compiler bugs.
public struct Diagnostic: Error, Hashable, Sendable, CustomStringConvertible {
    /// What went wrong, without the location prefix.
    public var message: String
    public var location: SourceLocation
    /// Further problems found in the same input (every unsupported node of an ONNX model, not
    /// only the first), each rendered as its own `error:` line after this one.
    public var related: [Diagnostic] = []

    public init(_ message: String, at location: SourceLocation = SourceLocation()) {
        self.message = message
        self.location = location
    }

    /// The first problem, with the others as `related`.
    public init(all problems: [Diagnostic]) {
        precondition(!problems.isEmpty, "a diagnostic needs at least one problem")
        self = problems[0]
        related += problems.dropFirst()
    }

    /// This problem and the related ones, one line each (without the CLI's `error: `).
    public var lines: [String] { [line] + related.flatMap(\.lines) }

    /// Every line, separated by newlines.
    public var description: String { lines.joined(separator: "\n") }

    /// `file:line:col: layer 'name' (path): message`, leaving out what is unknown.
    public var line: String {
        var prefix = ""
        if let file = location.file {
            prefix = file
            if let line = location.line {
                prefix += ":\(line)"
                if let column = location.column { prefix += ":\(column)" }
            }
            prefix += ": "
        }
        var subject: [String] = []
        if let layer = location.layer { subject.append("layer '\(Diagnostic.quoted(layer))'") }
        if let path = location.path { subject.append("(\(path))") }
        let head = subject.isEmpty ? "" : subject.joined(separator: " ") + ": "
        return prefix + head + message
    }

    /// Returns a copy with unknown location fields filled from `outer`.
    public func located(in outer: SourceLocation) -> Diagnostic {
        var copy = self
        copy.location.file = copy.location.file ?? outer.file
        copy.location.line = copy.location.line ?? outer.line
        copy.location.column = copy.location.column ?? outer.column
        copy.location.path = copy.location.path ?? outer.path
        copy.location.layer = copy.location.layer ?? outer.layer
        return copy
    }

    /// Makes a user string safe to print on one terminal line: control characters escaped, long names cut.
    public static func quoted(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars.prefix(80) {
            switch scalar {
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            case _ where scalar.value < 0x20 || scalar.value == 0x7f:
                out += "\\u{\(String(scalar.value, radix: 16))}"
            default: out.unicodeScalars.append(scalar)
            }
        }
        if text.unicodeScalars.count > 80 { out += "..." }
        return out
    }
}
