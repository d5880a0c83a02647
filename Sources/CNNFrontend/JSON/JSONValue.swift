import CNNIR

/// A 1-based line and column in a JSON text; the column counts Unicode scalars, so a tab or an `é` is one column.
public struct SourcePosition: Hashable, Sendable {
    /// 1-based line; `\n`, `\r\n` and a lone `\r` each end a line.
    public var line: Int
    /// 1-based column, in Unicode scalars from the start of the line.
    public var column: Int

    /// Makes a position from a 1-based line and column.
    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    /// This position as a diagnostic location in `file`, optionally with a JSON path and a layer name.
    public func location(file: String?, path: String? = nil, layer: String? = nil) -> SourceLocation {
        SourceLocation(file: file, line: line, column: column, path: path, layer: layer)
    }
}

/// A JSON number, kept as written so that integers stay exact and messages can quote the literal.
public struct JSONNumber: Hashable, Sendable {
    /// The literal exactly as it appears in the file, e.g. `-1.5e3`.
    public var text: String
    /// The nearest `Double`; always finite, because the parser rejects literals out of `Double`'s range.
    public var double: Double
    /// The value, if the literal is written as an integer (no fraction, no exponent) and fits in `Int`.
    ///
    /// `3.0` and `1e2` are deliberately not integers: a user who writes a kernel
    /// size as `3.0` has probably made a mistake worth reporting.
    public var int: Int?

    /// Makes a number from its parts; the parser guarantees they agree, callers building values by hand must too.
    public init(text: String, double: Double, int: Int?) {
        self.text = text
        self.double = double
        self.int = int
    }
}

/// A JSON object whose members keep their file order and positions.
public struct JSONObject: Sendable {
    /// One `"key": value` member.
    public struct Entry: Sendable {
        /// The member's name, unescaped.
        public var key: String
        /// Where the key's opening quote is.
        public var keyPosition: SourcePosition
        /// The member's value, with its own position.
        public var value: JSONValue

        /// Makes a member from its parts.
        public init(key: String, keyPosition: SourcePosition, value: JSONValue) {
            self.key = key
            self.keyPosition = keyPosition
            self.value = value
        }
    }

    /// The members in file order; the parser guarantees the keys are unique.
    public var entries: [Entry]

    /// Makes an object from members in order.
    public init(entries: [Entry] = []) {
        self.entries = entries
    }

    /// The value of the member named `key`, or nil.
    ///
    /// A linear search: objects in network descriptions have a handful of
    /// keys, and walking `entries` is how callers handle large ones.
    public subscript(key: String) -> JSONValue? {
        entry(key)?.value
    }

    /// The member named `key`, with its key position, or nil.
    public func entry(_ key: String) -> Entry? {
        entries.first { $0.key == key }
    }

    /// The keys in file order.
    public var keys: [String] { entries.map(\.key) }

    /// The number of members.
    public var count: Int { entries.count }
}

/// A parsed JSON value together with the position of its first character.
public struct JSONValue: Sendable {
    /// What the value is.
    public enum Kind: Sendable {
        /// `null`.
        case null
        /// `true` or `false`.
        case bool(Bool)
        /// A number literal.
        case number(JSONNumber)
        /// A string, unescaped.
        case string(String)
        /// An array of values in order.
        case array([JSONValue])
        /// An object with ordered, unique keys.
        case object(JSONObject)
    }

    /// What the value is.
    public var kind: Kind
    /// Where the value starts (its first character, e.g. the `[` of an array).
    public var position: SourcePosition

    /// Makes a value at a position.
    public init(_ kind: Kind, at position: SourcePosition) {
        self.kind = kind
        self.position = position
    }

    /// The value's type for messages such as "expected an integer, got a string".
    ///
    /// Booleans and null name themselves ("true", "false", "null"), which reads
    /// better than "a boolean" in "expected a number, got false".
    public var typeName: String {
        switch kind {
        case .null: "null"
        case .bool(let value): value ? "true" : "false"
        case .number: "a number"
        case .string: "a string"
        case .array: "an array"
        case .object: "an object"
        }
    }

    /// The integer, if this is a number written as an integer that fits in `Int`.
    public var intValue: Int? {
        if case .number(let number) = kind { number.int } else { nil }
    }

    /// The number as a `Double`, if this is a number.
    public var doubleValue: Double? {
        if case .number(let number) = kind { number.double } else { nil }
    }

    /// The number, if this is a number.
    public var numberValue: JSONNumber? {
        if case .number(let number) = kind { number } else { nil }
    }

    /// The string, if this is a string.
    public var stringValue: String? {
        if case .string(let string) = kind { string } else { nil }
    }

    /// The boolean, if this is `true` or `false`.
    public var boolValue: Bool? {
        if case .bool(let value) = kind { value } else { nil }
    }

    /// The elements, if this is an array.
    public var arrayValue: [JSONValue]? {
        if case .array(let elements) = kind { elements } else { nil }
    }

    /// The object, if this is an object.
    public var objectValue: JSONObject? {
        if case .object(let object) = kind { object } else { nil }
    }

    /// Whether this is `null`.
    public var isNull: Bool {
        if case .null = kind { true } else { false }
    }
}
