import CNNIR
import Testing

@Suite struct DiagnosticTests {
    @Test func rendersLocationThenMessage() {
        let d = Diagnostic("expected an integer, got a string", at: SourceLocation(file: "net.json", line: 3, column: 7, path: "layers[0].kernel", layer: "c1"))
        #expect(d.description == "net.json:3:7: layer 'c1' (layers[0].kernel): expected an integer, got a string")
    }

    @Test func quotesHostileNamesOnOneLine() {
        #expect(Diagnostic.quoted("a\nb\u{1B}[31m") == "a\\nb\\u{1b}[31m")
        #expect(Diagnostic.quoted(String(repeating: "x", count: 100)).hasSuffix("..."))
    }
}
