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

    /// `file:line:col: layer 'name' (path): message`, leaving out what is unknown.
    public func render(_ message: String) -> String {
        var prefix = ""
        if let file {
            prefix = file
            if let line {
                prefix += ":\(line)"
                if let column { prefix += ":\(column)" }
            }
            prefix += ": "
        }
        var subject: [String] = []
        if let layer { subject.append("layer '\(ErrorText.quoted(layer))'") }
        if let path { subject.append("(\(path))") }
        let head = subject.isEmpty ? "" : subject.joined(separator: " ") + ": "
        return prefix + head + message
    }
}

/// The one error protocol of the compiler and runtime layers: every failure a user can cause
/// (a bad description or model, a file that cannot be read or written, a library that cannot be
/// loaded or run) says where it is (`location`) and what is wrong (`message`, phrased "expected
/// X, got Y"), and is rendered here, once: `line` puts the location before the message, and the
/// CLI prints each of `lines` as `error: <line>`.
///
/// Conforming types keep their own typed cases or fields (`Diagnostic`, `RuntimeError`,
/// `NPYError`, `FileError`, ...); they give only `location` and `message`.
public protocol LocatedError: Error, CustomStringConvertible, Sendable {
    /// Where the problem is; empty when it belongs to no file (a wrong argument to a run, say).
    var location: SourceLocation { get }
    /// What went wrong, without the location.
    var message: String { get }
    /// One line per problem, each rendered like `line` (default: just `line`; a `Diagnostic`
    /// with related problems has one line for each).
    var lines: [String] { get }
}

extension LocatedError {
    /// The problem as one line: `file:line:col: layer 'name' (path): message`, leaving out what is unknown.
    public var line: String { location.render(message) }

    public var lines: [String] { [line] }

    /// Every line, separated by newlines.
    public var description: String { lines.joined(separator: "\n") }
}

/// Text helpers shared by every error message.
public enum ErrorText {
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
