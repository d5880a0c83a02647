import CNNIR

/// Reads typed fields out of one JSON object with located "expected X, got Y" errors.
///
/// Every error is located at the offending value: file, line, column, JSON path and layer.
struct FieldReader {
    let object: JSONObject
    /// Where the object is, with `path` its JSON path (e.g. `layers[2]`).
    let location: SourceLocation

    init(_ value: JSONValue, location: SourceLocation, what: String) throws {
        guard case .object(let object) = value.kind else {
            throw FieldReader.error("expected \(what) as an object, got \(value.typeName)", at: value, base: location, path: location.path)
        }
        self.object = object
        var location = location
        location.line = value.position.line
        location.column = value.position.column
        self.location = location
    }

    static func error(_ message: String, at value: JSONValue?, base: SourceLocation, path: String?) -> Diagnostic {
        var loc = base
        loc.path = path
        if let value {
            loc.line = value.position.line
            loc.column = value.position.column
        }
        return Diagnostic(message, at: loc)
    }

    func path(_ key: String) -> String {
        guard let base = location.path, !base.isEmpty else { return key }
        return base + "." + key
    }

    /// A located diagnostic for the field `key` (at its value when present, else at the object).
    func error(_ key: String, _ message: String) -> Diagnostic {
        FieldReader.error(message, at: object[key], base: location, path: path(key))
    }

    func has(_ key: String) -> Bool { object[key] != nil }

    func value(_ key: String) -> JSONValue? { object[key] }

    func required(_ key: String, _ what: String, layer: String? = nil) throws -> JSONValue {
        guard let value = value(key) else {
            var loc = with(path: path(key))
            loc.layer = loc.layer ?? layer
            throw Diagnostic("missing required field '\(key)' (\(what))", at: loc)
        }
        return value
    }

    func with(path: String) -> SourceLocation {
        var loc = location
        loc.path = path
        return loc
    }

    // MARK: typed getters

    func string(_ key: String) throws -> String? {
        guard let v = value(key) else { return nil }
        guard case .string(let s) = v.kind else { throw error(key, "expected a string, got \(v.typeName)") }
        return s
    }

    func requiredString(_ key: String, _ what: String) throws -> String {
        let v = try required(key, what)
        guard case .string(let s) = v.kind else { throw error(key, "expected \(what) as a string, got \(v.typeName)") }
        return s
    }

    func bool(_ key: String, default def: Bool) throws -> Bool {
        guard let v = value(key) else { return def }
        guard case .bool(let b) = v.kind else { throw error(key, "expected true or false, got \(v.typeName)") }
        return b
    }

    static func int(_ v: JSONValue) -> Int? {
        if case .number(let n) = v.kind { return n.int }
        return nil
    }

    static func describe(_ v: JSONValue) -> String {
        if case .number(let n) = v.kind { return n.text }
        return v.typeName
    }

    func int(_ key: String, default def: Int? = nil, min: Int? = nil, what: String) throws -> Int {
        guard let v = value(key) else {
            if let def { return def }
            throw Diagnostic(
                "missing required field '\(key)': expected \(what) as an integer\(min.map { " of at least \($0)" } ?? "")",
                at: with(path: path(key)))
        }
        guard let i = FieldReader.int(v) else { throw error(key, "expected \(what) as an integer, got \(FieldReader.describe(v))") }
        if let min, i < min { throw error(key, "expected \(what) of at least \(min), got \(i)") }
        return i
    }

    func float(_ key: String, default def: Float? = nil, what: String) throws -> Float {
        guard let v = value(key) else {
            if let def { return def }
            throw Diagnostic("missing required field '\(key)': expected \(what) as a number", at: with(path: path(key)))
        }
        guard case .number(let n) = v.kind else { throw error(key, "expected \(what) as a number, got \(v.typeName)") }
        let f = Float(n.double)
        guard f.isFinite else { throw error(key, "expected \(what) as a finite float32 number, got \(n.text)") }
        return f
    }

    /// An integer for every spatial dimension, or a list with one integer per spatial dimension.
    func intPerDim(_ key: String, rank: Int, default def: [Int]? = nil, min: Int, what: String) throws -> [Int] {
        guard let v = value(key) else {
            if let def { return def }
            throw Diagnostic(
                "missing required field '\(key)': expected \(what) as an integer of at least \(min) or a list of \(rank)",
                at: with(path: path(key)))
        }
        return try FieldReader.intList(v, rank: rank, min: min, what: what, error: { error(key, $0) })
    }

    /// The largest kernel, stride, dilation, padding, size or scale accepted, so window arithmetic cannot overflow.
    static let maxPerDimValue = 1 << 20

    static func intList(_ v: JSONValue, rank: Int, min: Int, what: String, error: (String) -> Diagnostic) throws -> [Int] {
        switch v.kind {
        case .number:
            guard let i = int(v) else { throw error("expected \(what) as an integer or a list of \(rank), got \(describe(v))") }
            guard i >= min else { throw error("expected \(what) of at least \(min), got \(i)") }
            guard i <= maxPerDimValue else { throw error("expected \(what) of at most \(maxPerDimValue), got \(i)") }
            return Array(repeating: i, count: rank)
        case .array(let items):
            guard items.count == rank else {
                throw error("expected \(what) as an integer or a list of \(rank) (one per spatial dimension), got a list of \(items.count)")
            }
            return try items.map { item in
                guard let i = int(item) else { throw error("expected \(what) as a list of integers, got \(describe(item)) in the list") }
                guard i >= min else { throw error("expected \(what) of at least \(min), got \(i)") }
                guard i <= maxPerDimValue else { throw error("expected \(what) of at most \(maxPerDimValue), got \(i)") }
                return i
            }
        case .null, .bool, .string, .object:
            throw error("expected \(what) as an integer or a list of \(rank), got \(v.typeName)")
        }
    }
}
