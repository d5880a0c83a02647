import CNNErrors
import CNNIR
import Testing

@Suite struct DiagnosticTests {
    @Test func rendersLocationThenMessage() {
        let d = Diagnostic(
            "expected an integer, got a string",
            at: SourceLocation(file: "net.json", line: 3, column: 7, path: "layers[0].kernel", layer: "c1"))
        #expect(d.description == "net.json:3:7: layer 'c1' (layers[0].kernel): expected an integer, got a string")
    }

    @Test func quotesHostileNamesOnOneLine() {
        #expect(Diagnostic.quoted("a\nb\u{1B}[31m") == "a\\nb\\u{1b}[31m")
        #expect(Diagnostic.quoted(String(repeating: "x", count: 100)).hasSuffix("..."))
    }

    /// Any error type of any layer is rendered by the one protocol, the same way as a `Diagnostic`.
    @Test func everyLocatedErrorRendersLikeADiagnostic() {
        struct ReaderError: LocatedError {
            var location: CNNErrors.SourceLocation
            var message: String
        }
        let location = SourceLocation(file: "x.npy", layer: "conv\n1")
        let error: any LocatedError = ReaderError(location: location, message: "expected float32, got float64")
        #expect(error.description == "x.npy: layer 'conv\\n1': expected float32, got float64")
        #expect(error.lines == [Diagnostic("expected float32, got float64", at: location).line])
        #expect(
            ReaderError(location: SourceLocation(), message: "expected 1 input tensor, got 2").description
                == "expected 1 input tensor, got 2")
    }

    @Test func relatedProblemsAreOneLineEach() {
        let d = Diagnostic(all: [
            Diagnostic("expected a supported op, got 'A'", at: SourceLocation(file: "m.onnx")),
            Diagnostic("expected a supported op, got 'B'", at: SourceLocation(file: "m.onnx")),
        ])
        let rendered: any LocatedError = d
        #expect(rendered.lines == ["m.onnx: expected a supported op, got 'A'", "m.onnx: expected a supported op, got 'B'"])
        #expect(d.description == rendered.lines.joined(separator: "\n"))
    }
}
