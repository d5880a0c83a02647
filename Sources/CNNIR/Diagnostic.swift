@_exported import CNNErrors

/// A user-facing error with its location, phrased as "expected X, got Y".
///
/// Every failure the user can cause is one of these; the CLI renders it once
/// as `error: ...`. `precondition` is reserved for compiler bugs.
public struct Diagnostic: LocatedError, Hashable {
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
    public static func quoted(_ text: String) -> String { ErrorText.quoted(text) }
}
