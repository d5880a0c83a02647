import CNNFrontend
import CNNIR
import Testing

private func parse(_ text: String) throws -> JSONValue {
    try JSONParser.parse(Array(text.utf8), file: "net.json")
}

private func parseError(_ bytes: [UInt8]) -> Diagnostic? {
    do {
        _ = try JSONParser.parse(bytes, file: "net.json")
        return nil
    } catch let diagnostic as Diagnostic {
        return diagnostic
    } catch {
        return nil
    }
}

/// One invalid document and exactly where and how it must be reported.
struct JSONErrorCase: Sendable, CustomTestStringConvertible {
    var input: [UInt8]
    var line: Int
    var column: Int
    var message: String

    init(_ input: String, _ line: Int, _ column: Int, _ message: String) {
        self.init(bytes: Array(input.utf8), line, column, message)
    }

    init(bytes: [UInt8], _ line: Int, _ column: Int, _ message: String) {
        self.input = bytes
        self.line = line
        self.column = column
        self.message = message
    }

    var testDescription: String { String(decoding: input, as: UTF8.self).debugDescription }
}

private let syntaxErrors: [JSONErrorCase] = [
    JSONErrorCase(#"{"a" 1}"#, 1, 6, "expected ':' after an object key, got '1'"),
    JSONErrorCase(#"{"a":1 "b":2}"#, 1, 8, #"expected ',' or '}' after an object member, got '"'"#),
    JSONErrorCase("[1 2]", 1, 4, "expected ',' or ']' after an array element, got '2'"),
    JSONErrorCase("[1,]", 1, 4, "expected a value after ',', got ']' (trailing commas are not allowed)"),
    JSONErrorCase(#"{"a":1,}"#, 1, 8, "expected a string key after ',', got '}' (trailing commas are not allowed)"),
    JSONErrorCase("{1:2}", 1, 2, "expected a string key at the start of an object, got '1'"),
    JSONErrorCase(#"{"a":1,"a":2}"#, 1, 8, "duplicate key 'a' in an object (first at line 1, column 2)"),
    JSONErrorCase(#""abc"#, 1, 1, #"unterminated string: expected a closing '"', got end of file"#),
    JSONErrorCase(#"["a\qb"]"#, 1, 4, #"invalid escape: expected one of \" \\ \/ \b \f \n \r \t \uXXXX, got '\' followed by 'q'"#),
    JSONErrorCase(#""\u12G4""#, 1, 2, #"invalid escape: expected 4 hex digits after '\u', got 'G'"#),
    JSONErrorCase(#""\ud800x""#, 1, 2, #"invalid escape: expected a low surrogate \uDC00-\uDFFF after \uD800, got 'x'"#),
    JSONErrorCase(#""\ud800\u0041""#, 1, 2, #"invalid escape: expected a low surrogate \uDC00-\uDFFF after \uD800, got '\'"#),
    JSONErrorCase(#""\udc00""#, 1, 2, #"invalid escape: expected a high surrogate before \uDC00, got an unpaired low surrogate"#),
    JSONErrorCase("\"a\tb\"", 1, 3, #"expected control characters in a string to be escaped, got a raw U+0009 (write it as \u0009)"#),
    JSONErrorCase(
        "{\"k\": \"line\nnext\"}", 1, 12,
        #"unterminated string: expected a closing '"' before the line break (write a line break in a string as \n)"#),
    JSONErrorCase("01", 1, 1, "expected a number without leading zeros, got '01'"),
    JSONErrorCase("[-012]", 1, 2, "expected a number without leading zeros, got '-012'"),
    JSONErrorCase("NaN", 1, 1, "expected a value, got 'NaN' (JSON has no NaN or Infinity)"),
    JSONErrorCase("[Infinity]", 1, 2, "expected a value, got 'Infinity' (JSON has no NaN or Infinity)"),
    JSONErrorCase("[-Infinity]", 1, 3, "expected a digit after '-', got 'Infinity'"),
    JSONErrorCase("True", 1, 1, "expected a value, got 'True' (JSON spells these true, false and null)"),
    JSONErrorCase("[tru]", 1, 2, "expected a value, got 'tru'"),
    JSONErrorCase("1.", 1, 3, "expected a digit after '.', got end of file"),
    JSONErrorCase("1.e5", 1, 3, "expected a digit after '.', got 'e5'"),
    JSONErrorCase("1e+", 1, 4, "expected a digit in the exponent, got end of file"),
    JSONErrorCase(".5", 1, 1, "expected a value, got '.'"),
    JSONErrorCase("+1", 1, 1, "expected a value, got '+'"),
    JSONErrorCase("1e999", 1, 1, "expected a number within the range of a 64-bit float, got '1e999'"),
    JSONErrorCase("// comment\n1", 1, 1, "expected a value, got '/' (comments are not allowed in JSON)"),
    JSONErrorCase("[1, /* c */ 2]", 1, 5, "expected a value, got '/' (comments are not allowed in JSON)"),
    JSONErrorCase("[1] [2]", 1, 5, "expected end of file, got trailing characters after the top-level value: '['"),
    JSONErrorCase("", 1, 1, "expected a value, got end of file"),
    JSONErrorCase("   ", 1, 4, "expected a value, got end of file"),
    JSONErrorCase("[", 1, 2, "expected a value, got end of file"),
    JSONErrorCase("{\"a\": [1, 2", 1, 12, "expected ',' or ']' after an array element, got end of file"),
    JSONErrorCase("[\u{7F}]", 1, 2, "expected a value, got U+007F"),
    // Lines: LF, CRLF and a lone CR each end a line; the column restarts at 1.
    JSONErrorCase("{\n  \"a\": [\n    1,\n  }\n}", 4, 3, "expected a value, got '}'"),
    JSONErrorCase("{\r\n  \"a\":\r\n  x}", 3, 3, "expected a value, got 'x'"),
    JSONErrorCase("[1,\r2,\rx]", 3, 1, "expected a value, got 'x'"),
    // Columns count Unicode scalars, not bytes; a tab is one column.
    JSONErrorCase("{\"é😀\": x}", 1, 8, "expected a value, got 'x'"),
    JSONErrorCase("\t\tx", 1, 3, "expected a value, got 'x'"),
    JSONErrorCase("[\"é\", é]", 1, 7, "expected a value, got 'é'"),
    // Invalid UTF-8 is reported at the offending byte, inside and outside strings.
    JSONErrorCase(bytes: [0x22, 0x61, 0xFF, 0x22], 1, 3, "invalid UTF-8: expected a well-formed UTF-8 sequence, got byte 0xFF"),
    JSONErrorCase(bytes: [0x22, 0xC3, 0xA9, 0xFF, 0x22], 1, 3, "invalid UTF-8: expected a well-formed UTF-8 sequence, got byte 0xFF"),
    JSONErrorCase(bytes: [0x22, 0xC0, 0x80, 0x22], 1, 2, "invalid UTF-8: expected a well-formed UTF-8 sequence, got byte 0xC0"),
    JSONErrorCase(bytes: [0x22, 0xED, 0xA0, 0x80, 0x22], 1, 2, "invalid UTF-8: expected a well-formed UTF-8 sequence, got byte 0xED"),
    JSONErrorCase(
        bytes: [0x22, 0xF4, 0x90, 0x80, 0x80, 0x22], 1, 2, "invalid UTF-8: expected a well-formed UTF-8 sequence, got byte 0xF4"),
    JSONErrorCase(bytes: [0x22, 0xE2, 0x82], 1, 2, "invalid UTF-8: expected a well-formed UTF-8 sequence, got byte 0xE2"),
    JSONErrorCase(bytes: [0x22, 0x5C, 0x75, 0x30, 0x30], 1, 2, #"invalid escape: expected 4 hex digits after '\u', got end of file"#),
    JSONErrorCase(bytes: [0x5B, 0xFF, 0x5D], 1, 2, "expected a value, got invalid UTF-8 byte 0xFF"),
]

@Suite struct JSONParserTests {
    @Test("every syntax error is reported with its message, line and column", arguments: syntaxErrors)
    func syntaxError(_ testCase: JSONErrorCase) throws {
        let diagnostic = try #require(parseError(testCase.input))
        #expect(diagnostic.message == testCase.message)
        #expect(diagnostic.location.file == "net.json")
        #expect(diagnostic.location.line == testCase.line)
        #expect(diagnostic.location.column == testCase.column)
    }

    @Test func diagnosticRendersFileLineAndColumn() throws {
        let diagnostic = try #require(parseError(Array(#"{"a" 1}"#.utf8)))
        #expect(diagnostic.description == "net.json:1:6: expected ':' after an object key, got '1'")
    }

    @Test func valuesAndKeysCarryTheirPositions() throws {
        let text = """
            {
              "name": "lenet",
              "layers": [
                {"kernel": 5, "ok": true},
                null
              ]
            }
            """
        let root = try parse(text)
        #expect(root.position == SourcePosition(line: 1, column: 1))
        let object = try #require(root.objectValue)
        #expect(object.keys == ["name", "layers"])
        let name = try #require(object.entry("name"))
        #expect(name.keyPosition == SourcePosition(line: 2, column: 3))
        #expect(name.value.position == SourcePosition(line: 2, column: 11))
        #expect(name.value.stringValue == "lenet")

        let layers = try #require(object["layers"])
        #expect(layers.position == SourcePosition(line: 3, column: 13))
        let elements = try #require(layers.arrayValue)
        #expect(elements.count == 2)
        #expect(elements[0].position == SourcePosition(line: 4, column: 5))
        let layer = try #require(elements[0].objectValue)
        #expect(layer.entry("kernel")?.keyPosition == SourcePosition(line: 4, column: 6))
        #expect(layer["kernel"]?.position == SourcePosition(line: 4, column: 16))
        #expect(layer["kernel"]?.intValue == 5)
        #expect(layer["ok"]?.position == SourcePosition(line: 4, column: 25))
        #expect(layer["ok"]?.boolValue == true)
        #expect(layer["missing"] == nil)
        #expect(elements[1].isNull)
        #expect(elements[1].position == SourcePosition(line: 5, column: 5))

        let location = layer["kernel"]?.position.location(file: "net.json", path: "layers[0].kernel", layer: "c1")
        #expect(location == SourceLocation(file: "net.json", line: 4, column: 16, path: "layers[0].kernel", layer: "c1"))
    }

    @Test func positionsCountScalarsAfterMultibyteCharacters() throws {
        let root = try parse("[\"日本語\", 1, \"😀\", 2]")
        let elements = try #require(root.arrayValue)
        #expect(elements.map(\.position.column) == [2, 9, 12, 17])
    }

    @Test func numbersKeepTextAndDistinguishIntegers() throws {
        let text =
            "[0, -0, 42, -17, 3.0, 1e2, 1.5e-3, 2.5E+2, 9223372036854775807, -9223372036854775808, 9223372036854775808, 123456789012345678901234567890, 1e-400]"
        let numbers = try #require(try parse(text).arrayValue).compactMap(\.numberValue)
        #expect(numbers.count == 13)
        #expect(
            numbers.map(\.text) == [
                "0", "-0", "42", "-17", "3.0", "1e2", "1.5e-3", "2.5E+2", "9223372036854775807",
                "-9223372036854775808", "9223372036854775808", "123456789012345678901234567890", "1e-400",
            ])
        #expect(numbers.map(\.int) == [0, 0, 42, -17, nil, nil, nil, nil, Int.max, Int.min, nil, nil, nil])
        #expect(numbers[1].double == 0 && numbers[1].double.sign == .minus)
        #expect(numbers[4].double == 3.0)
        #expect(numbers[5].double == 100)
        #expect(numbers[6].double == 0.0015)
        #expect(numbers[7].double == 250)
        #expect(numbers[8].double == 9.223372036854775807e18)
        #expect(numbers[10].double == 9223372036854775808.0)
        #expect(numbers[11].double == 1.2345678901234568e29)
        #expect(numbers[12].double == 0)
    }

    @Test func stringEscapesAndUnicode() throws {
        let text = #"["\"\\\/\b\f\n\r\t", "\u00e9\u4E2D", "\ud83d\ude00", "a\u0000b", "é中😀", "", "plain"]"#
        let strings = try #require(try parse(text).arrayValue).compactMap(\.stringValue)
        #expect(strings == ["\"\\/\u{08}\u{0C}\n\r\t", "é中", "😀", "a\u{0}b", "é中😀", "", "plain"])
    }

    @Test func literalsAndTypeNames() throws {
        let values = try #require(try parse(#"[null, true, false, 1, "s", [], {}]"#).arrayValue)
        #expect(values.map(\.typeName) == ["null", "true", "false", "a number", "a string", "an array", "an object"])
        #expect(values[1].boolValue == true)
        #expect(values[2].boolValue == false)
        #expect(values[3].doubleValue == 1)
        #expect(values[5].arrayValue?.isEmpty == true)
        #expect(values[6].objectValue?.count == 0)
        #expect(values[3].stringValue == nil && values[4].intValue == nil)
    }

    @Test func objectsKeepFileOrderAndFindDuplicatesInLargeObjects() throws {
        let keys = (0..<100).map { "k\(99 - $0)" }
        let body = keys.map { "\"\($0)\": \($0.count)" }.joined(separator: ", ")
        let object = try #require(try parse("{\(body)}").objectValue)
        #expect(object.keys == keys)
        #expect(object["k0"]?.intValue == 2)

        // The duplicate comes after the object has switched to hashed lookups.
        let duplicated = "{\(body),\n \"k42\": 0}"
        let diagnostic = try #require(parseError(Array(duplicated.utf8)))
        #expect(diagnostic.message.hasPrefix("duplicate key 'k42' in an object (first at line 1, column "))
        #expect(diagnostic.location.line == 2)
        #expect(diagnostic.location.column == 2)
    }

    @Test func nestingDepthIsLimitedWithoutOverflowingTheStack() throws {
        let limit = JSONParser.maximumDepth
        let deepest = String(repeating: "[", count: limit) + String(repeating: "]", count: limit)
        var value = try parse(deepest)
        var depth = 1
        while let inner = value.arrayValue?.first {
            value = inner
            depth += 1
        }
        #expect(depth == limit)

        let tooDeep = String(repeating: "[", count: limit + 1) + String(repeating: "]", count: limit + 1)
        let diagnostic = try #require(parseError(Array(tooDeep.utf8)))
        #expect(diagnostic.message == "expected at most 512 nested arrays and objects, got deeper nesting")
        #expect(diagnostic.location.column == limit + 1)

        let hostile = [UInt8](repeating: UInt8(ascii: "["), count: 1_000_000)
        #expect(parseError(hostile)?.location.column == limit + 1)
        let mixed = Array(String(repeating: "{\"a\":[", count: 300).utf8)
        #expect(parseError(mixed)?.message.hasPrefix("expected at most 512") == true)
    }

    @Test func byteOrderMarkIsSkipped() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("{\"a\": 1}".utf8)
        let value = try JSONParser.parse(bytes, file: "net.json")
        #expect(value.position == SourcePosition(line: 1, column: 1))
        #expect(value.objectValue?["a"]?.position == SourcePosition(line: 1, column: 7))
        let broken: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("{\"a\": x}".utf8)
        #expect(parseError(broken)?.location.column == 7)
    }

    @Test func acceptsAnyByteCollection() throws {
        let text = "{\"a\": [1, 2]}"
        let fromSlice = try JSONParser.parse(Array("  \(text)  ".utf8)[2...], file: "f")
        #expect(fromSlice.objectValue?["a"]?.arrayValue?.count == 2)
        let lazy = Array(text.utf8).lazy.map { $0 }  // not contiguous: exercises the copying path
        let fromLazy = try JSONParser.parse(lazy, file: "f")
        #expect(fromLazy.objectValue?["a"]?.position == SourcePosition(line: 1, column: 7))
    }

    @Test func parsesTenMegabytesOfInlineWeightsOnOneLine() throws {
        let count = 1_000_000
        var text = "{\"params\": {\"weight\": ["
        text.reserveCapacity(count * 12 + 64)
        for k in 0..<count {
            if k > 0 { text += "," }
            text += k % 2 == 0 ? "-0.1234567" : "0.98765432"
        }
        text += "]}, \"name\": \"" + String(repeating: "x", count: 500_000) + "\", \"end\": "
        let bytes = Array((text + "bad}").utf8)
        #expect(bytes.count > 10_000_000)

        // The error sits at the end of a 10 MB line: finding its column must stay linear.
        let diagnostic = try #require(parseError(bytes))
        #expect(diagnostic.message == "expected a value, got 'bad'")
        #expect(diagnostic.location.line == 1)
        #expect(diagnostic.location.column == bytes.count - 3)

        let valid = Array((text + "true}").utf8)
        let root = try JSONParser.parse(valid, file: "big.json")
        let weights = try #require(root.objectValue?["params"]?.objectValue?["weight"]?.arrayValue)
        #expect(weights.count == count)
        #expect(weights[0].doubleValue == -0.1234567)
        #expect(weights[count - 1].doubleValue == 0.98765432)
        #expect(weights[count - 1].position.column == 24 + (count - 1) * 11)
    }
}
