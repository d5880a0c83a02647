import CNNTestSupport
import Foundation
import Testing

/// One description the compiler must reject, and what its message must say.
struct CompileErrorCase: Sendable, CustomTestStringConvertible {
    var label: String
    var json: String
    /// Extra files beside net.json (weights).
    var files: [String: Data] = [:]
    /// The file the message must name.
    var file = "net.json"
    /// The layer (or input) the message must name, if the problem has one.
    var layer: String?
    /// Substrings the message must contain (what was expected and what was found).
    var expected: [String]
    var testDescription: String { label }
}

/// Every error of net-format.md's "Errors the compiler must give", through `cnnc compile` and `cnnc inspect`.
///
/// Each case checks: exit status 1; one line on stderr starting with `error:` naming the file, the layer and
/// what was expected; no crash; no file at `-o`, no temporaries beside it; an existing file at `-o` untouched.
@Suite("compile errors")
struct CompileErrorTests {
    static let relu = #"{"name": "r", "op": "relu"}"#
    static let flat4 = #"[{"name": "x", "shape": [4]}]"#
    static let twoImages = #"[{"name": "a", "shape": [3, 4, 4]}, {"name": "b", "shape": [3, 4, 5]}]"#

    /// Runs compile (twice: no file at -o, then an existing one) and inspect; checks all of the contract.
    func check(_ c: CompileErrorCase, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let dir = TemporaryDirectory()
        dir.write("net.json", c.json)
        for (name, data) in c.files { _ = FileManager.default.createFile(atPath: dir.path(name), contents: data) }
        let cwd = dir.url.path
        let before = listing(cwd)

        let r = try cnnc(["compile", "net.json", "-o", "out.so"], cwd: cwd)
        expectCleanFailure(r, sourceLocation: sourceLocation)
        #expect(r.stderr.split(separator: "\n").count == 1, "one line: \(r)", sourceLocation: sourceLocation)
        #expect(r.stderr.contains(c.file), "names the file: \(r)", sourceLocation: sourceLocation)
        if let layer = c.layer {
            #expect(r.stderr.contains("layer '\(layer)'"), "names the layer: \(r)", sourceLocation: sourceLocation)
        }
        for text in c.expected {
            #expect(r.stderr.contains(text), "expected \"\(text)\" in: \(r)", sourceLocation: sourceLocation)
        }
        #expect(listing(cwd) == before, "no file left behind", sourceLocation: sourceLocation)

        let old = Data((0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 37) })
        _ = FileManager.default.createFile(atPath: dir.path("out.so"), contents: old)
        let r2 = try cnnc(["compile", "net.json", "-o", "out.so"], cwd: cwd)
        expectCleanFailure(r2, sourceLocation: sourceLocation)
        #expect(r2.stderr == r.stderr, sourceLocation: sourceLocation)
        #expect(
            FileManager.default.contents(atPath: dir.path("out.so")) == old, "existing output untouched", sourceLocation: sourceLocation)
        #expect(listing(cwd) == (before + ["out.so"]).sorted(), sourceLocation: sourceLocation)

        let r3 = try cnnc(["inspect", "net.json"], cwd: cwd)
        expectCleanFailure(r3, sourceLocation: sourceLocation)
        #expect(r3.stderr == r.stderr, "inspect reports the same error", sourceLocation: sourceLocation)
        #expect(r3.stdout.isEmpty, sourceLocation: sourceLocation)
    }

    // MARK: invalid JSON: the message gives the line and column

    static let invalidJSONCases: [CompileErrorCase] = [
        CompileErrorCase(label: "double comma", json: "{\n  \"version\": 1,\n  \"name\": \"t\",,\n}", expected: ["net.json:3:15:"]),
        CompileErrorCase(
            label: "trailing comma in a list", json: "{\"version\": 1,\n\t\"inputs\": [1, 2,]}",
            expected: ["net.json:2:18:", "trailing comma"]),
        CompileErrorCase(label: "missing colon", json: "{\"version\": 1,\n  \"name\" \"t\"}", expected: ["net.json:2:10:", "':'"]),
        CompileErrorCase(label: "bad literal", json: "{\"version\": 1,\n  \"name\": tru}", expected: ["net.json:2:11:", "tru"]),
        CompileErrorCase(
            label: "unterminated string", json: #"{"version": 1, "name": "abc"#, expected: ["net.json:1:24:", "unterminated string"]),
        CompileErrorCase(label: "columns count characters", json: #"{"name": "ééé", x}"#, expected: ["net.json:1:17:"]),
        CompileErrorCase(label: "empty file", json: "", expected: ["net.json:1:1:"]),
        CompileErrorCase(label: "trailing characters", json: "{\"version\": 1}\n\n  x", expected: ["net.json:3:3:"]),
        CompileErrorCase(
            label: "duplicate key", json: #"{"version": 1, "version": 1}"#, expected: ["net.json:1:16:", "duplicate key 'version'"]),
        // Binary files given as a description: said for what they are, not as a JSON syntax error.
        CompileErrorCase(
            label: "a compiled library", json: "\u{7F}ELF\u{02}\u{01}\u{01}\u{00}", expected: ["net.json:", "got a compiled library (ELF)"]),
        CompileErrorCase(
            label: "an ONNX model not named .onnx", json: "\u{08}\u{08}\u{12}\u{07}pytorch",
            expected: ["net.json:", "looks like an ONNX model", "the .onnx extension"]),
    ]

    @Test(arguments: invalidJSONCases)
    func invalidJSON(_ c: CompileErrorCase) throws { try check(c) }

    // MARK: missing required fields

    static let missingFieldsCases: [CompileErrorCase] = [
        CompileErrorCase(
            label: "version", json: #"{"name": "t", "inputs": \#(flat4), "layers": [\#(relu)]}"#,
            expected: ["missing required field 'version'"]),
        CompileErrorCase(
            label: "name", json: #"{"version": 1, "inputs": \#(flat4), "layers": [\#(relu)]}"#, expected: ["missing required field 'name'"]),
        CompileErrorCase(
            label: "inputs", json: #"{"version": 1, "name": "t", "layers": [\#(relu)]}"#, expected: ["missing required field 'inputs'"]),
        CompileErrorCase(
            label: "layers", json: #"{"version": 1, "name": "t", "inputs": \#(flat4)}"#, expected: ["missing required field 'layers'"]),
        CompileErrorCase(
            label: "an input's name", json: net(relu, inputs: #"[{"shape": [4]}]"#),
            expected: ["missing required field 'name'", "inputs[0]"]),
        CompileErrorCase(
            label: "an input's shape", json: net(relu, inputs: #"[{"name": "x"}]"#), layer: "x",
            expected: ["missing required field 'shape'"]),
        CompileErrorCase(label: "a layer's name", json: net(#"{"op": "relu"}"#), expected: ["missing required field 'name'", "layers[0]"]),
        CompileErrorCase(label: "a layer's op", json: net(#"{"name": "r"}"#), layer: "r", expected: ["missing required field 'op'"]),
        CompileErrorCase(
            label: "conv filters", json: net(#"{"name": "c", "op": "conv2d", "kernel": 3}"#), layer: "c",
            expected: ["missing required field 'filters'"]),
        CompileErrorCase(
            label: "conv kernel", json: net(#"{"name": "c", "op": "conv2d", "filters": 2}"#), layer: "c",
            expected: ["missing required field 'kernel'"]),
        CompileErrorCase(
            label: "conv_transpose filters", json: net(#"{"name": "c", "op": "conv_transpose2d", "kernel": 3}"#), layer: "c",
            expected: ["missing required field 'filters'"]),
        CompileErrorCase(
            label: "dense units", json: net(#"{"name": "d", "op": "dense"}"#, inputs: flat4), layer: "d",
            expected: ["missing required field 'units'"]),
        CompileErrorCase(
            label: "pool size", json: net(#"{"name": "p", "op": "maxpool2d"}"#), layer: "p", expected: ["missing required field 'size'"]),
        CompileErrorCase(
            label: "clip min", json: net(#"{"name": "k", "op": "clip", "max": 6}"#), layer: "k", expected: ["missing required field 'min'"]),
        CompileErrorCase(
            label: "dropout rate", json: net(#"{"name": "k", "op": "dropout"}"#), layer: "k", expected: ["missing required field 'rate'"]),
        CompileErrorCase(
            label: "pad padding", json: net(#"{"name": "k", "op": "pad"}"#), layer: "k", expected: ["missing required field 'padding'"]),
        CompileErrorCase(
            label: "adaptive pool output", json: net(#"{"name": "k", "op": "adaptive_avgpool2d"}"#), layer: "k",
            expected: ["missing required field 'output'"]),
    ]

    @Test(arguments: missingFieldsCases)
    func missingRequiredField(_ c: CompileErrorCase) throws { try check(c) }

    // MARK: wrong types

    static let wrongTypesCases: [CompileErrorCase] = [
        CompileErrorCase(
            label: "version as a string", json: #"{"version": "1", "name": "t", "inputs": \#(flat4), "layers": [\#(relu)]}"#,
            expected: ["(version)", "got a string"]),
        CompileErrorCase(
            label: "name as a number", json: #"{"version": 1, "name": 5, "inputs": \#(flat4), "layers": [\#(relu)]}"#,
            expected: ["(name)", "as a string, got a number"]),
        CompileErrorCase(
            label: "inputs as an object", json: #"{"version": 1, "name": "t", "inputs": {}, "layers": [\#(relu)]}"#,
            expected: ["(inputs)", "expected a non-empty list"]),
        CompileErrorCase(
            label: "layers as a string", json: #"{"version": 1, "name": "t", "inputs": \#(flat4), "layers": "relu"}"#,
            expected: ["(layers)", "got a string"]),
        CompileErrorCase(
            label: "outputs as a string", json: net(relu, extra: #""outputs": "r", "#), expected: ["(outputs)", "got a string"]),
        CompileErrorCase(
            label: "weights as a number", json: net(relu, extra: #""weights": 5, "#), expected: ["(weights)", "got a number"]),
        CompileErrorCase(
            label: "shape as a string", json: net(relu, inputs: #"[{"name": "x", "shape": "4"}]"#), layer: "x",
            expected: ["(inputs[0].shape)", "got a string"]),
        CompileErrorCase(
            label: "a layer as a number", json: net("5"), expected: ["(layers[0])", "expected a layer as an object, got a number"]),
        CompileErrorCase(
            label: "filters as a string", json: net(#"{"name": "c", "op": "conv2d", "filters": "2", "kernel": 3}"#), layer: "c",
            expected: ["(layers[0].filters)", "expected filters as an integer, got a string"]),
        CompileErrorCase(
            label: "kernel as a fraction", json: net(#"{"name": "c", "op": "conv2d", "filters": 2, "kernel": 2.5}"#), layer: "c",
            expected: ["(layers[0].kernel)", "got 2.5"]),
        CompileErrorCase(
            label: "kernel list too long", json: net(#"{"name": "c", "op": "conv2d", "filters": 2, "kernel": [3, 3, 3]}"#), layer: "c",
            expected: ["(layers[0].kernel)", "a list of 2", "got a list of 3"]),
        CompileErrorCase(
            label: "stride list of strings", json: net(#"{"name": "c", "op": "conv2d", "filters": 2, "kernel": 1, "stride": [1, "a"]}"#),
            layer: "c", expected: ["(layers[0].stride)", "got a string"]),
        CompileErrorCase(
            label: "bias as a string", json: net(#"{"name": "d", "op": "dense", "units": 2, "bias": "no"}"#, inputs: flat4), layer: "d",
            expected: ["(layers[0].bias)", "expected true or false, got a string"]),
        CompileErrorCase(
            label: "activation as a number", json: net(#"{"name": "d", "op": "dense", "units": 2, "activation": 5}"#, inputs: flat4),
            layer: "d", expected: ["(layers[0].activation)", "got a number"]),
        CompileErrorCase(
            label: "input as a number", json: net(#"{"name": "r", "op": "relu", "input": 5}"#), layer: "r",
            expected: ["(layers[0].input)", "got a number"]),
        CompileErrorCase(
            label: "inputs as a string", json: net(#"{"name": "s", "op": "add", "inputs": "x"}"#), layer: "s",
            expected: ["(layers[0].inputs)", "expected a list of tensor names, got a string"]),
        CompileErrorCase(
            label: "alpha as a string", json: net(#"{"name": "k", "op": "leaky_relu", "alpha": "big"}"#), layer: "k",
            expected: ["(layers[0].alpha)", "got a string"]),
        CompileErrorCase(
            label: "params as a list", json: net(#"{"name": "d", "op": "dense", "units": 2, "params": []}"#, inputs: flat4), layer: "d",
            expected: ["(layers[0].params)", "got an array"]),
        CompileErrorCase(
            label: "padding as an unknown word", json: net(#"{"name": "c", "op": "conv2d", "filters": 2, "kernel": 3, "padding": "sam"}"#),
            layer: "c", expected: ["(layers[0].padding)", "\"same\"", "got \"sam\""]),
        CompileErrorCase(
            label: "an unknown activation", json: net(#"{"name": "d", "op": "dense", "units": 2, "activation": "swish"}"#, inputs: flat4),
            layer: "d", expected: ["(layers[0].activation)", "got \"swish\""]),
    ]

    @Test(arguments: wrongTypesCases)
    func wrongType(_ c: CompileErrorCase) throws { try check(c) }

    // MARK: values below 1

    static let belowOneCases: [CompileErrorCase] =
        ([
            ("kernel", #"{"name": "c", "op": "conv2d", "filters": 2, "kernel": 0}"#, "0"),
            ("kernel", #"{"name": "c", "op": "conv2d", "filters": 2, "kernel": [3, 0]}"#, "0"),
            ("kernel", #"{"name": "c", "op": "conv_transpose2d", "filters": 2, "kernel": -1}"#, "-1"),
            ("stride", #"{"name": "c", "op": "conv2d", "filters": 2, "kernel": 1, "stride": 0}"#, "0"),
            ("dilation", #"{"name": "c", "op": "conv2d", "filters": 2, "kernel": 1, "dilation": [0, 1]}"#, "0"),
            ("groups", #"{"name": "c", "op": "conv2d", "filters": 2, "kernel": 1, "groups": 0}"#, "0"),
            ("filters", #"{"name": "c", "op": "conv2d", "filters": 0, "kernel": 1}"#, "0"),
            ("filters", #"{"name": "c", "op": "conv1d", "filters": -3, "kernel": 1}"#, "-3"),
            ("size", #"{"name": "c", "op": "maxpool2d", "size": 0}"#, "0"),
            ("stride", #"{"name": "c", "op": "avgpool2d", "size": 2, "stride": [1, 0]}"#, "0"),
            ("units", #"{"name": "c", "op": "dense", "units": 0}"#, "0"),
        ] as [(String, String, String)]).map { (field: String, layer: String, got: String) -> CompileErrorCase in
            let inputs =
                layer.contains("dense")
                ? flat4 : layer.contains("conv1d") ? #"[{"name": "x", "shape": [1, 4]}]"# : #"[{"name": "x", "shape": [1, 4, 4]}]"#
            return CompileErrorCase(
                label: "\(field) in \(layer)", json: net(layer, inputs: inputs), layer: "c",
                expected: ["(layers[0].\(field))", "expected \(field) of at least 1, got \(got)"])
        }

    @Test(arguments: belowOneCases)
    func valueBelowOne(_ c: CompileErrorCase) throws { try check(c) }

    // MARK: unknown ops, keys and names; duplicates; order

    static let namesCases: [CompileErrorCase] = [
        CompileErrorCase(
            label: "unknown op", json: net(#"{"name": "c", "op": "conv2"}"#), layer: "c",
            expected: ["(layers[0].op)", "expected a known op", "conv2d", "got \"conv2\""]),
        CompileErrorCase(
            label: "unknown top-level key", json: net(relu, extra: #""output": ["r"], "#), expected: ["unknown key 'output'", "outputs"]),
        CompileErrorCase(
            label: "unknown layer key", json: net(#"{"name": "c", "op": "conv2d", "filters": 2, "kernel": 3, "activaton": "relu"}"#),
            layer: "c", expected: ["unknown key 'activaton'", "activation"]),
        CompileErrorCase(
            label: "a key of another op", json: net(#"{"name": "p", "op": "maxpool2d", "size": 2, "count_include_pad": true}"#), layer: "p",
            expected: ["unknown key 'count_include_pad'"]),
        CompileErrorCase(
            label: "unknown key in an input", json: net(relu, inputs: #"[{"name": "x", "shape": [4], "dtype": "f32"}]"#),
            expected: ["unknown key 'dtype'", "inputs[0]"]),
        CompileErrorCase(
            label: "unknown name in input", json: net(#"{"name": "r", "op": "relu", "input": "nope"}"#), layer: "r",
            expected: ["(layers[0].input)", "'nope'", "defined above"]),
        CompileErrorCase(
            label: "unknown name in inputs", json: net(#"{"name": "s", "op": "add", "inputs": ["x", "nope"]}"#), layer: "s",
            expected: ["(layers[0].inputs)", "'nope'"]),
        CompileErrorCase(
            label: "unknown name in outputs", json: net(relu, extra: #""outputs": ["r", "nope"], "#),
            expected: ["(outputs[1])", "'nope'", "expected the name of a layer"]),
        CompileErrorCase(
            label: "an input as an output", json: net(relu, extra: #""outputs": ["x"], "#), expected: ["(outputs[0])", "'x'", "an input"]),
        CompileErrorCase(
            label: "duplicate: layer named like an input", json: net(#"{"name": "x", "op": "relu"}"#), layer: "x",
            expected: ["(layers[0].name)", "unique name", "'x' a second time"]),
        CompileErrorCase(
            label: "duplicate: two layers", json: net(#"{"name": "r", "op": "relu"}, {"name": "r", "op": "sigmoid"}"#), layer: "r",
            expected: ["(layers[1].name)", "unique name", "'r' a second time"]),
        CompileErrorCase(
            label: "duplicate: two inputs", json: net(relu, inputs: #"[{"name": "x", "shape": [4]}, {"name": "x", "shape": [4]}]"#),
            layer: "x", expected: ["(inputs[1].name)", "unique name"]),
        CompileErrorCase(
            label: "reads a layer defined below", json: net(#"{"name": "r", "op": "relu", "input": "s"}, {"name": "s", "op": "sigmoid"}"#),
            layer: "r", expected: ["(layers[0].input)", "'s'", "defined above", "defined below"]),
        CompileErrorCase(
            label: "add reads a layer defined below",
            json: net(#"{"name": "r", "op": "relu"}, {"name": "s", "op": "add", "inputs": ["r", "t"]}, {"name": "t", "op": "relu"}"#),
            layer: "s", expected: ["(layers[1].inputs)", "'t'", "defined below"]),
        CompileErrorCase(
            label: "reads itself", json: net(#"{"name": "r", "op": "relu", "input": "r"}"#), layer: "r",
            expected: ["(layers[0].input)", "'r'", "defined above"]),
        CompileErrorCase(label: "empty name", json: net(#"{"name": "", "op": "relu"}"#), expected: ["(layers[0].name)", "non-empty name"]),
        CompileErrorCase(
            label: "name over 256 characters", json: net(#"{"name": "\#(String(repeating: "n", count: 257))", "op": "relu"}"#),
            expected: ["(layers[0].name)", "at most 256 characters, got 257"]),
    ]

    @Test(arguments: namesCases)
    func unknownDuplicateOrUndefinedName(_ c: CompileErrorCase) throws { try check(c) }

    // MARK: shapes

    static let shapesCases: [CompileErrorCase] = [
        CompileErrorCase(
            label: "conv output below 1",
            json: net(#"{"name": "c", "op": "conv2d", "filters": 2, "kernel": 3, "stride": 2, "dilation": 2, "padding": [0, 1]}"#),
            layer: "c",
            expected: ["output size of at least 1", "input [4, 4]", "kernel [3, 3]", "stride [2, 2]", "padding [0, 1]", "dilation [2, 2]"]),
        CompileErrorCase(
            label: "conv1d output below 1",
            json: net(#"{"name": "c", "op": "conv1d", "filters": 2, "kernel": 7}"#, inputs: #"[{"name": "x", "shape": [3, 5]}]"#),
            layer: "c",
            expected: ["output size of at least 1", "input [5]", "kernel [7]", "stride [1]", "padding [0]", "dilation [1]"]),
        CompileErrorCase(
            label: "conv output below 1 in a later layer",
            json: net(#"{"name": "p", "op": "maxpool2d", "size": 2}, {"name": "c", "op": "conv2d", "filters": 1, "kernel": [1, 3]}"#),
            layer: "c",
            expected: ["output size of at least 1", "input [2, 2]", "kernel [1, 3]"]),
        CompileErrorCase(
            label: "pool output below 1", json: net(#"{"name": "p", "op": "avgpool2d", "size": 5}"#), layer: "p",
            expected: ["output size of at least 1", "input [4, 4]", "[5, 5]"]),
        CompileErrorCase(
            label: "channels not divisible by groups",
            json: net(
                #"{"name": "c", "op": "conv2d", "filters": 4, "kernel": 1, "groups": 2}"#, inputs: #"[{"name": "x", "shape": [3, 4, 4]}]"#),
            layer: "c",
            expected: ["divisible by groups (2)", "got 3 channels"]),
        CompileErrorCase(
            label: "filters not divisible by groups",
            json: net(
                #"{"name": "c", "op": "conv2d", "filters": 3, "kernel": 1, "groups": 2}"#, inputs: #"[{"name": "x", "shape": [2, 4, 4]}]"#),
            layer: "c",
            expected: ["divisible by groups (2)", "got 3 filters"]),
        CompileErrorCase(
            label: "add of unequal shapes", json: net(#"{"name": "s", "op": "add", "inputs": ["a", "b"]}"#, inputs: twoImages), layer: "s",
            expected: ["equal shapes", "[3, 4, 4]", "[3, 4, 5]"]),
        CompileErrorCase(
            label: "concat differing off the axis", json: net(#"{"name": "k", "op": "concat", "inputs": ["a", "b"]}"#, inputs: twoImages),
            layer: "k", expected: ["differ only on axis 0", "[3, 4, 4]", "[3, 4, 5]"]),
        CompileErrorCase(
            label: "concat of different ranks",
            json: net(
                #"{"name": "k", "op": "concat", "inputs": ["x", "y"], "axis": 1}"#,
                inputs: #"[{"name": "x", "shape": [2, 3]}, {"name": "y", "shape": [2, 3, 1]}]"#), layer: "k",
            expected: ["axis 1", "[2, 3]", "[2, 3, 1]"]),
        CompileErrorCase(
            label: "dense on an image", json: net(#"{"name": "d", "op": "dense", "units": 2}"#), layer: "d",
            expected: ["expected a flat input", "got [1, 4, 4]"]),
        CompileErrorCase(
            label: "conv2d on a flat tensor", json: net(#"{"name": "c", "op": "conv2d", "filters": 2, "kernel": 1}"#, inputs: flat4),
            layer: "c", expected: ["[C, H, W]", "got [4]"]),
        CompileErrorCase(
            label: "softmax axis out of range", json: net(#"{"name": "k", "op": "softmax", "axis": 3}"#), layer: "k",
            expected: ["(layers[0].axis)", "got 3"]),
        CompileErrorCase(
            label: "input dimension 0", json: net(relu, inputs: #"[{"name": "x", "shape": [4, 0]}]"#), layer: "x",
            expected: ["(inputs[0].shape)", "at least 1, got 0"]),
        CompileErrorCase(
            label: "input too large", json: net(relu, inputs: #"[{"name": "x", "shape": [4294967296, 4294967296]}]"#), layer: "x",
            expected: ["(inputs[0].shape)", "at most 2^40 elements"]),
        CompileErrorCase(
            label: "kernel too large to compute with",
            json: net(#"{"name": "c", "op": "conv2d", "filters": 1, "kernel": 9223372036854775807, "padding": "same"}"#), layer: "c",
            expected: ["(layers[0].kernel)", "at most"]),
        CompileErrorCase(
            label: "upsample too large",
            json: net(#"{"name": "u", "op": "upsample2d", "scale": 1000000}"#, inputs: #"[{"name": "x", "shape": [1, 1000, 1000]}]"#),
            layer: "u", expected: ["at most 2^40 elements"]),
        CompileErrorCase(label: "empty layers", json: net(""), expected: ["(layers)", "non-empty list"]),
    ]

    @Test(arguments: shapesCases)
    func shapeError(_ c: CompileErrorCase) throws { try check(c) }

    // MARK: versions

    @Test(arguments: ["2", "0", "1.5", "\"1\"", "null"])
    func unsupportedVersion(_ version: String) throws {
        let json = #"{"version": \#(version), "name": "t", "inputs": \#(Self.flat4), "layers": [\#(Self.relu)]}"#
        try check(CompileErrorCase(label: "version \(version)", json: json, expected: ["(version)", "supported versions: 1"]))
    }
}
