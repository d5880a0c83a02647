import CNNIR

/// A strict RFC 8259 JSON parser that records where every value is, so errors in `net.json` can point at it.
///
/// Strict means: no comments, no trailing commas, no leading zeros, no `NaN` or
/// `Infinity`, no raw control characters in strings, no unpaired surrogates,
/// no invalid UTF-8, and no duplicate keys in an object. The one leniency RFC
/// 8259 allows is taken: a leading UTF-8 byte order mark is skipped.
/// Positions are 1-based; columns count Unicode scalars (see `SourcePosition`).
public enum JSONParser {
    /// The deepest nesting of arrays and objects accepted; deeper input is an error, not a stack overflow.
    public static let maximumDepth = 512

    /// Parses one JSON value from UTF-8 `bytes`; errors are `Diagnostic`s naming `file`, line and column.
    public static func parse(_ bytes: some Collection<UInt8>, file: String) throws -> JSONValue {
        if let value = try bytes.withContiguousStorageIfAvailable({ try parse(buffer: $0, file: file) }) {
            return value
        }
        // Only non-contiguous collections pay for this copy; arrays, slices and Data do not.
        let copy = Array(bytes)
        return try copy.withUnsafeBufferPointer { try parse(buffer: $0, file: file) }
    }

    /// Parses one JSON value from a UTF-8 buffer that stays valid for the duration of the call.
    public static func parse(buffer: UnsafeBufferPointer<UInt8>, file: String) throws -> JSONValue {
        var parser = Parser(bytes: buffer, file: file)
        return try parser.parseDocument()
    }
}

/// ASCII bytes the grammar mentions.
private enum ASCII {
    static let tab = UInt8(ascii: "\t")
    static let lineFeed = UInt8(ascii: "\n")
    static let carriageReturn = UInt8(ascii: "\r")
    static let space = UInt8(ascii: " ")
    static let quote = UInt8(ascii: "\"")
    static let backslash = UInt8(ascii: "\\")
    static let slash = UInt8(ascii: "/")
    static let comma = UInt8(ascii: ",")
    static let colon = UInt8(ascii: ":")
    static let openBracket = UInt8(ascii: "[")
    static let closeBracket = UInt8(ascii: "]")
    static let openBrace = UInt8(ascii: "{")
    static let closeBrace = UInt8(ascii: "}")
    static let minus = UInt8(ascii: "-")
    static let plus = UInt8(ascii: "+")
    static let dot = UInt8(ascii: ".")
    static let zero = UInt8(ascii: "0")
    static let nine = UInt8(ascii: "9")
    static let lowerE = UInt8(ascii: "e")
    static let upperE = UInt8(ascii: "E")

    static func isDigit(_ byte: UInt8) -> Bool { byte >= zero && byte <= nine }

    static func isWordByte(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
            || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
            || isDigit(byte) || byte == UInt8(ascii: "_")
    }

    static func hexValue(_ byte: UInt8) -> UInt32? {
        switch byte {
        case zero...nine: UInt32(byte - zero)
        case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt32(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt32(byte - UInt8(ascii: "A") + 10)
        default: nil
        }
    }
}

/// An array or object whose members are still being read.
///
/// A struct rather than an enum with payloads so that appending mutates the
/// stack slot in place instead of copying the member array on every element.
private struct OpenContainer {
    var isObject: Bool
    var position: SourcePosition
    var elements: [JSONValue] = []
    var entries: [JSONObject.Entry] = []
    /// Built only once an object grows large, to keep duplicate checks linear without hashing small objects.
    var keySet: Set<String>? = nil
    var pendingKey = ""
    var pendingKeyPosition = SourcePosition(line: 1, column: 1)
}

/// The parsing state: a cursor over the bytes plus what is needed to turn byte offsets into lines and columns.
private struct Parser {
    let bytes: UnsafeBufferPointer<UInt8>
    let file: String
    var index = 0
    /// The line the cursor is on, kept up to date by `skipWhitespace` (the only place line breaks may occur).
    var line = 1
    var lineStart = 0
    /// A byte offset on the current line whose column is known, so positions asked for in
    /// increasing order cost O(distance) rather than O(line length); a 10 MB one-line file stays linear.
    var columnMark = 0
    var columnAtMark = 1

    init(bytes: UnsafeBufferPointer<UInt8>, file: String) {
        self.bytes = bytes
        self.file = file
    }

    var count: Int { bytes.count }

    // MARK: Document structure

    mutating func parseDocument() throws -> JSONValue {
        if count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF {
            index = 3
            lineStart = 3
            columnMark = 3
        }
        var stack: [OpenContainer] = []
        skipWhitespace()

        // An explicit stack instead of recursion: nesting depth is bounded by
        // `maximumDepth` and by the heap, never by the thread's stack size.
        nextValue: while true {
            var value: JSONValue
            guard index < count else {
                throw failure("expected a value, got end of file", at: index)
            }
            let start = index
            switch bytes[index] {
            case ASCII.openBracket, ASCII.openBrace:
                let isObject = bytes[index] == ASCII.openBrace
                guard stack.count < JSONParser.maximumDepth else {
                    throw failure(
                        "expected at most \(JSONParser.maximumDepth) nested arrays and objects, got deeper nesting",
                        at: start)
                }
                let position = position(at: start)
                index += 1
                skipWhitespace()
                let close = isObject ? ASCII.closeBrace : ASCII.closeBracket
                if index < count, bytes[index] == close {
                    index += 1
                    value = JSONValue(isObject ? .object(JSONObject()) : .array([]), at: position)
                } else {
                    stack.append(OpenContainer(isObject: isObject, position: position))
                    if isObject {
                        try readKey(into: &stack[stack.count - 1], context: "at the start of an object")
                    }
                    continue nextValue
                }
            default:
                value = try parseScalar()
            }

            // Hand the finished value to its container; a closing bracket finishes
            // that container in turn, so this loop climbs until a new value must be read.
            while true {
                skipWhitespace()
                guard !stack.isEmpty else {
                    if index < count {
                        throw failure(
                            "expected end of file, got trailing characters after the top-level value: \(describe(at: index))",
                            at: index)
                    }
                    return value
                }
                let top = stack.count - 1
                if stack[top].isObject {
                    stack[top].entries.append(
                        JSONObject.Entry(
                            key: stack[top].pendingKey, keyPosition: stack[top].pendingKeyPosition, value: value))
                    if index < count, bytes[index] == ASCII.comma {
                        index += 1
                        skipWhitespace()
                        try readKey(into: &stack[top], context: "after ','")
                        continue nextValue
                    }
                    guard index < count, bytes[index] == ASCII.closeBrace else {
                        throw failure("expected ',' or '}' after an object member, got \(describe(at: index))", at: index)
                    }
                    index += 1
                    let container = stack.removeLast()
                    value = JSONValue(.object(JSONObject(entries: container.entries)), at: container.position)
                } else {
                    stack[top].elements.append(value)
                    if index < count, bytes[index] == ASCII.comma {
                        index += 1
                        skipWhitespace()
                        if index < count, bytes[index] == ASCII.closeBracket {
                            throw failure("expected a value after ',', got ']' (trailing commas are not allowed)", at: index)
                        }
                        continue nextValue
                    }
                    guard index < count, bytes[index] == ASCII.closeBracket else {
                        throw failure("expected ',' or ']' after an array element, got \(describe(at: index))", at: index)
                    }
                    index += 1
                    let container = stack.removeLast()
                    value = JSONValue(.array(container.elements), at: container.position)
                }
            }
        }
    }

    /// Reads `"key" :` and leaves the cursor at the member's value.
    mutating func readKey(into container: inout OpenContainer, context: String) throws {
        guard index < count, bytes[index] == ASCII.quote else {
            var message = "expected a string key \(context), got \(describe(at: index))"
            if index < count, bytes[index] == ASCII.closeBrace {
                message += " (trailing commas are not allowed)"
            }
            throw failure(message, at: index)
        }
        let keyStart = index
        let keyPosition = position(at: keyStart)
        let key = try parseString()
        if let first = firstPosition(ofKey: key, in: &container) {
            throw failure(
                "duplicate key '\(Diagnostic.quoted(key))' in an object (first at line \(first.line), column \(first.column))",
                at: keyStart)
        }
        skipWhitespace()
        guard index < count, bytes[index] == ASCII.colon else {
            throw failure("expected ':' after an object key, got \(describe(at: index))", at: index)
        }
        index += 1
        skipWhitespace()
        container.pendingKey = key
        container.pendingKeyPosition = keyPosition
    }

    /// The position of an earlier member named `key`, or nil; also records `key` when the set is in use.
    func firstPosition(ofKey key: String, in container: inout OpenContainer) -> SourcePosition? {
        let smallObjectLimit = 16
        if container.keySet == nil, container.entries.count >= smallObjectLimit {
            container.keySet = Set(container.entries.map(\.key))
        }
        if container.keySet != nil {
            guard container.keySet?.insert(key).inserted == false else { return nil }
        }
        return container.entries.first { $0.key == key }?.keyPosition
    }

    // MARK: Scalars

    mutating func parseScalar() throws -> JSONValue {
        let start = index
        let position = position(at: start)
        switch bytes[start] {
        case ASCII.quote:
            return JSONValue(.string(try parseString()), at: position)
        case ASCII.minus, ASCII.zero...ASCII.nine:
            return JSONValue(.number(try parseNumber()), at: position)
        case UInt8(ascii: "t") where matches("true"):
            index += 4
            return JSONValue(.bool(true), at: position)
        case UInt8(ascii: "f") where matches("false"):
            index += 5
            return JSONValue(.bool(false), at: position)
        case UInt8(ascii: "n") where matches("null"):
            index += 4
            return JSONValue(.null, at: position)
        case ASCII.slash:
            throw failure("expected a value, got '/' (comments are not allowed in JSON)", at: start)
        default:
            var message = "expected a value, got \(describe(at: start))"
            let word = self.word(at: start)
            if word == "NaN" || word == "Infinity" {
                message += " (JSON has no NaN or Infinity)"
            } else if word == "True" || word == "False" || word == "None" {
                message += " (JSON spells these true, false and null)"
            }
            throw failure(message, at: start)
        }
    }

    func matches(_ literal: StaticString) -> Bool {
        let length = literal.utf8CodeUnitCount
        guard index + length <= count else { return false }
        let pointer = literal.utf8Start
        for offset in 0..<length where bytes[index + offset] != pointer[offset] {
            return false
        }
        return true
    }

    mutating func parseNumber() throws -> JSONNumber {
        let start = index
        let negative = bytes[index] == ASCII.minus
        if negative { index += 1 }
        guard index < count, ASCII.isDigit(bytes[index]) else {
            throw failure("expected a digit after '-', got \(describe(at: index))", at: index)
        }
        let digitsStart = index
        if bytes[index] == ASCII.zero {
            index += 1
            if index < count, ASCII.isDigit(bytes[index]) {
                throw failure(
                    "expected a number without leading zeros, got '\(text(start, skippingDigitsFrom: index))'", at: start)
            }
        } else {
            while index < count, ASCII.isDigit(bytes[index]) { index += 1 }
        }
        let digitsEnd = index
        var isInteger = true
        if index < count, bytes[index] == ASCII.dot {
            isInteger = false
            index += 1
            guard index < count, ASCII.isDigit(bytes[index]) else {
                throw failure("expected a digit after '.', got \(describe(at: index))", at: index)
            }
            while index < count, ASCII.isDigit(bytes[index]) { index += 1 }
        }
        if index < count, bytes[index] == ASCII.lowerE || bytes[index] == ASCII.upperE {
            isInteger = false
            index += 1
            if index < count, bytes[index] == ASCII.plus || bytes[index] == ASCII.minus { index += 1 }
            guard index < count, ASCII.isDigit(bytes[index]) else {
                throw failure("expected a digit in the exponent, got \(describe(at: index))", at: index)
            }
            while index < count, ASCII.isDigit(bytes[index]) { index += 1 }
        }
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)

        var int: Int? = nil
        if isInteger {
            // Accumulate with the sign applied so Int.min parses without overflowing.
            var value = 0
            var overflow = false
            for k in digitsStart..<digitsEnd where !overflow {
                let digit = Int(bytes[k] - ASCII.zero)
                let (scaled, o1) = value.multipliedReportingOverflow(by: 10)
                let (next, o2) =
                    negative
                    ? scaled.subtractingReportingOverflow(digit) : scaled.addingReportingOverflow(digit)
                value = next
                overflow = o1 || o2
            }
            if !overflow { int = value }
        }

        let exactLimit = 1 << 53
        if let int, int.magnitude <= exactLimit {
            // Integers up to 2^53 convert exactly, and skipping strtod keeps large integer arrays fast.
            let double = (int == 0 && negative) ? -0.0 : Double(int)
            return JSONNumber(text: text, double: double, int: int)
        }
        guard let double = Double(text), double.isFinite else {
            throw failure("expected a number within the range of a 64-bit float, got '\(text)'", at: start)
        }
        return JSONNumber(text: text, double: double, int: int)
    }

    /// The literal from `start`, extended over the digits that make it invalid, for error messages.
    func text(_ start: Int, skippingDigitsFrom from: Int) -> String {
        var end = from
        while end < count, end - start < 40, ASCII.isDigit(bytes[end]) || bytes[end] == ASCII.dot { end += 1 }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
    }

    mutating func parseString() throws -> String {
        let open = index
        index += 1
        let start = index
        // Fast path: most strings have no escapes, so the bytes are validated and copied once.
        while index < count {
            let byte = bytes[index]
            if byte == ASCII.quote {
                let string = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
                index += 1
                return string
            }
            if byte == ASCII.backslash || byte < 0x20 { break }
            if byte < 0x80 {
                index += 1
            } else {
                index += try utf8SequenceLength(at: index)
            }
        }

        var buffer = Array(UnsafeBufferPointer(rebasing: bytes[start..<index]))
        while true {
            guard index < count else {
                throw failure("unterminated string: expected a closing '\"', got end of file", at: open)
            }
            let byte = bytes[index]
            switch byte {
            case ASCII.quote:
                index += 1
                return String(decoding: buffer, as: UTF8.self)
            case ASCII.backslash:
                try readEscape(into: &buffer)
            case ASCII.lineFeed, ASCII.carriageReturn:
                throw failure(
                    "unterminated string: expected a closing '\"' before the line break (write a line break in a string as \\n)",
                    at: index)
            case 0..<0x20:
                throw failure(
                    "expected control characters in a string to be escaped, got a raw \(scalarName(UInt32(byte))) (write it as \\u\(hex4(UInt32(byte))))",
                    at: index)
            case 0..<0x80:
                buffer.append(byte)
                index += 1
            default:
                let length = try utf8SequenceLength(at: index)
                buffer.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[index..<index + length]))
                index += length
            }
        }
    }

    mutating func readEscape(into buffer: inout [UInt8]) throws {
        let backslash = index
        guard index + 1 < count else {
            throw failure("unterminated string: expected an escape after '\\', got end of file", at: backslash)
        }
        let escaped: UInt8
        switch bytes[index + 1] {
        case ASCII.quote: escaped = ASCII.quote
        case ASCII.backslash: escaped = ASCII.backslash
        case ASCII.slash: escaped = ASCII.slash
        case UInt8(ascii: "b"): escaped = 0x08
        case UInt8(ascii: "f"): escaped = 0x0C
        case UInt8(ascii: "n"): escaped = ASCII.lineFeed
        case UInt8(ascii: "r"): escaped = ASCII.carriageReturn
        case UInt8(ascii: "t"): escaped = ASCII.tab
        case UInt8(ascii: "u"):
            let scalar = try readUnicodeEscape()
            appendUTF8(scalar, to: &buffer)
            return
        default:
            throw failure(
                "invalid escape: expected one of \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX, got '\\' followed by \(describe(at: index + 1, wholeWord: false))",
                at: backslash)
        }
        buffer.append(escaped)
        index += 2
    }

    /// Reads `\uXXXX`, or a surrogate pair `\uD83D\uDE00`, at the cursor.
    mutating func readUnicodeEscape() throws -> UInt32 {
        let backslash = index
        guard let unit = hexQuad(at: index + 2) else {
            throw failure(
                "invalid escape: expected 4 hex digits after '\\u', got \(describe(at: firstNonHex(from: index + 2), wholeWord: false))",
                at: backslash)
        }
        index += 6
        switch unit {
        case 0xD800...0xDBFF:
            guard index + 1 < count, bytes[index] == ASCII.backslash, bytes[index + 1] == UInt8(ascii: "u"),
                let low = hexQuad(at: index + 2), (0xDC00...0xDFFF).contains(low)
            else {
                throw failure(
                    "invalid escape: expected a low surrogate \\uDC00-\\uDFFF after \\u\(hex4(unit)), got \(describe(at: index, wholeWord: false))",
                    at: backslash)
            }
            index += 6
            return 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)
        case 0xDC00...0xDFFF:
            throw failure(
                "invalid escape: expected a high surrogate before \\u\(hex4(unit)), got an unpaired low surrogate",
                at: backslash)
        default:
            return unit
        }
    }

    func hexQuad(at start: Int) -> UInt32? {
        guard start + 4 <= count else { return nil }
        var value: UInt32 = 0
        for k in start..<start + 4 {
            guard let digit = ASCII.hexValue(bytes[k]) else { return nil }
            value = value << 4 | digit
        }
        return value
    }

    func firstNonHex(from start: Int) -> Int {
        var k = start
        while k < count, k < start + 4, ASCII.hexValue(bytes[k]) != nil { k += 1 }
        return k
    }

    func appendUTF8(_ scalar: UInt32, to buffer: inout [UInt8]) {
        switch scalar {
        case 0..<0x80:
            buffer.append(UInt8(scalar))
        case 0x80..<0x800:
            buffer.append(UInt8(0xC0 | scalar >> 6))
            buffer.append(UInt8(0x80 | scalar & 0x3F))
        case 0x800..<0x10000:
            buffer.append(UInt8(0xE0 | scalar >> 12))
            buffer.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            buffer.append(UInt8(0x80 | scalar & 0x3F))
        default:
            buffer.append(UInt8(0xF0 | scalar >> 18))
            buffer.append(UInt8(0x80 | scalar >> 12 & 0x3F))
            buffer.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            buffer.append(UInt8(0x80 | scalar & 0x3F))
        }
    }

    /// The length of the well-formed UTF-8 sequence at `start` (Unicode table 3-7: no overlongs, no surrogates, at most U+10FFFF).
    mutating func utf8SequenceLength(at start: Int) throws -> Int {
        guard let length = validSequenceLength(at: start) else {
            throw failure("invalid UTF-8: expected a well-formed UTF-8 sequence, got byte 0x\(hex2(bytes[start]))", at: start)
        }
        return length
    }

    func validSequenceLength(at start: Int) -> Int? {
        func continuation(_ offset: Int, _ low: UInt8 = 0x80, _ high: UInt8 = 0xBF) -> Bool {
            start + offset < count && (low...high).contains(bytes[start + offset])
        }
        switch bytes[start] {
        case 0x00..<0x80: return 1
        case 0xC2...0xDF: return continuation(1) ? 2 : nil
        case 0xE0: return continuation(1, 0xA0) && continuation(2) ? 3 : nil
        case 0xE1...0xEC, 0xEE...0xEF: return continuation(1) && continuation(2) ? 3 : nil
        case 0xED: return continuation(1, 0x80, 0x9F) && continuation(2) ? 3 : nil
        case 0xF0: return continuation(1, 0x90) && continuation(2) && continuation(3) ? 4 : nil
        case 0xF1...0xF3: return continuation(1) && continuation(2) && continuation(3) ? 4 : nil
        case 0xF4: return continuation(1, 0x80, 0x8F) && continuation(2) && continuation(3) ? 4 : nil
        default: return nil
        }
    }

    // MARK: Whitespace and positions

    mutating func skipWhitespace() {
        while index < count {
            switch bytes[index] {
            case ASCII.space, ASCII.tab:
                index += 1
            case ASCII.lineFeed:
                index += 1
                startLine()
            case ASCII.carriageReturn:
                index += 1
                if index < count, bytes[index] == ASCII.lineFeed { index += 1 }
                startLine()
            default:
                return
            }
        }
    }

    mutating func startLine() {
        line += 1
        lineStart = index
        columnMark = index
        columnAtMark = 1
    }

    /// The line and column of byte offset `target`, counting Unicode scalars (UTF-8 lead bytes).
    mutating func position(at target: Int) -> SourcePosition {
        guard target >= lineStart else { return Parser.position(at: target, in: bytes) }
        if target < columnMark {
            columnMark = lineStart
            columnAtMark = 1
        }
        var column = columnAtMark
        var k = columnMark
        while k < target {
            if bytes[k] & 0xC0 != 0x80 { column += 1 }
            k += 1
        }
        columnMark = target
        columnAtMark = column
        return SourcePosition(line: line, column: column)
    }

    /// Position of an offset before the current line, found by rescanning; only error paths get here.
    static func position(at target: Int, in bytes: UnsafeBufferPointer<UInt8>) -> SourcePosition {
        var line = 1
        var column = 1
        var k = (bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF) ? 3 : 0
        while k < target {
            let byte = bytes[k]
            if byte == ASCII.lineFeed || (byte == ASCII.carriageReturn && !(k + 1 < bytes.count && bytes[k + 1] == ASCII.lineFeed)) {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 && byte != ASCII.carriageReturn {
                column += 1
            }
            k += 1
        }
        return SourcePosition(line: line, column: column)
    }

    // MARK: Errors

    mutating func failure(_ message: String, at offset: Int) -> Diagnostic {
        let position = position(at: offset)
        return Diagnostic(message, at: position.location(file: file))
    }

    func word(at start: Int) -> String {
        var end = start
        while end < count, end - start < 24, ASCII.isWordByte(bytes[end]) { end += 1 }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
    }

    /// What is at `offset`, for "got ..." in messages: a quoted word or character, a named control, or end of file.
    func describe(at offset: Int, wholeWord: Bool = true) -> String {
        guard offset < count else { return "end of file" }
        let byte = bytes[offset]
        if wholeWord, ASCII.isWordByte(byte) {
            return "'\(word(at: offset))'"
        }
        switch byte {
        case ASCII.lineFeed, ASCII.carriageReturn:
            return "a line break"
        case 0..<0x20, 0x7F:
            return scalarName(UInt32(byte))
        case 0..<0x80:
            return "'\(Character(Unicode.Scalar(byte)))'"
        default:
            guard let length = validSequenceLength(at: offset) else {
                return "invalid UTF-8 byte 0x\(hex2(byte))"
            }
            let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[offset..<offset + length]), as: UTF8.self)
            return "'\(Diagnostic.quoted(text))'"
        }
    }

    func scalarName(_ value: UInt32) -> String { "U+\(hex4(value))" }

    func hex4(_ value: UInt32) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }

    func hex2(_ value: UInt8) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return digits.count < 2 ? "0" + digits : digits
    }
}
