import CNNIR
import Testing

@testable import CNNFrontend

/// The description forms of pad, resize, the Lp pools and dilated pools: fields, defaults, the
/// writer's round trip, and the errors (the numbers are checked against ONNX Runtime in
/// ResizeGoldenTests, which compile every golden through its written description).
@Suite struct ResampleDescriptionTests {
    static func graph(_ layers: String, input: String = "[3, 6, 8]") throws -> Graph {
        let text =
            "{\"version\": 1, \"name\": \"t\", \"inputs\": [{\"name\": \"x\", \"shape\": \(input)}], \"layers\": [\(layers)], \"outputs\": [\"y\"]}"
        return try NetworkReader.parse(Array(text.utf8), file: "net.json", directory: "/tmp")
    }

    static func error(_ layers: String, input: String = "[3, 6, 8]") -> String {
        do {
            _ = try graph(layers, input: input)
            return "no error"
        } catch {
            return "\(error)"
        }
    }

    /// Reads, writes, and reads again: the same ops and shapes.
    static func roundTrip(_ g: Graph) throws -> Graph {
        let text = try NetworkWriter.describe(g)
        return try NetworkReader.parse(Array(text.utf8), file: "again.json", directory: "/tmp")
    }

    /// `antialias` widens the filter of a shrinking axis (cubic: 4 / scale taps) and survives the writer.
    @Test func antialiasForm() throws {
        let g = try Self.graph(
            """
            {"name": "y", "op": "resize", "scale": [0.5, 0.4], "mode": "cubic", "antialias": true}
            """)
        guard case .resize(let a) = g.nodes[1].op else {
            Issue.record("expected a resize, got \(g.nodes[1].op)")
            return
        }
        #expect(a.antialias)
        #expect(g.nodes[1].shape == [3, 3, 3])
        #expect(a.taps(axis: 0, input: 3) == 1)
        #expect(a.taps(axis: 1, input: 6) == 8)
        #expect(a.taps(axis: 2, input: 8) == 10)
        // Every weight row sums to 1 (renormalised).
        let t = a.table(axis: 2, input: 8)
        for o in 0..<3 { #expect(abs(t.weights[(o * 10)..<(o * 10 + 10)].reduce(0, +) - 1) < 1e-6) }
        #expect(try Self.roundTrip(g).nodes.map(\.op) == g.nodes.map(\.op))
        let up = try Self.graph(
            """
            {"name": "y", "op": "resize", "scale": 2, "mode": "linear", "antialias": true}
            """)
        guard case .resize(let b) = up.nodes[1].op else { return }
        #expect(b.taps(axis: 1, input: 6) == 2)
    }

    @Test func padForms() throws {
        let g = try Self.graph(
            """
            {"name": "a", "op": "pad", "padding": 1},
            {"name": "b", "op": "pad", "padding": [0, -1, 2], "mode": "reflect"},
            {"name": "c", "op": "pad", "padding": {"begin": [1, -2], "end": [0, 3]}, "mode": "wrap"},
            {"name": "y", "op": "pad", "padding": [2, 1], "value": -1.5}
            """)
        #expect(g.nodes[1].op == .pad(PadAttributes(begin: [0, 1, 1], end: [0, 1, 1])))
        #expect(g.nodes[1].shape == [3, 8, 10])
        #expect(g.nodes[2].op == .pad(PadAttributes(mode: .reflect, begin: [0, -1, 2], end: [0, -1, 2])))
        #expect(g.nodes[2].shape == [3, 6, 14])
        #expect(g.nodes[3].op == .pad(PadAttributes(mode: .wrap, begin: [0, 1, -2], end: [0, 0, 3])))
        #expect(g.nodes[4].op == .pad(PadAttributes(begin: [0, 2, 1], end: [0, 2, 1], value: -1.5)))
        let again = try Self.roundTrip(g)
        #expect(again.nodes.map(\.op) == g.nodes.map(\.op))
        #expect(again.nodes.map(\.shape) == g.nodes.map(\.shape))
        // A flat tensor pads with a list of one.
        let flat = try Self.graph("{\"name\": \"y\", \"op\": \"pad\", \"padding\": [3], \"mode\": \"edge\"}", input: "[5]")
        #expect(flat.nodes[1].shape == [11])
    }

    @Test func padSourceIndices() {
        // [a b c d] cropped by one at the start, then padded by two at the end: b c d + mode.
        let cases: [(PadMode, [Int])] = [
            (.constant, [1, 2, 3, -1, -1]), (.edge, [1, 2, 3, 3, 3]), (.reflect, [1, 2, 3, 2, 1]), (.wrap, [1, 2, 3, 1, 2]),
        ]
        for (mode, expected) in cases {
            #expect(PadAttributes(mode: mode, begin: [-1], end: [2]).sourceIndices(axis: 0, size: 4) == expected, "\(mode)")
        }
        #expect(PadAttributes(mode: .reflect, begin: [2], end: [0]).sourceIndices(axis: 0, size: 3) == [2, 1, 0, 1, 2])
        #expect(PadAttributes(mode: .wrap, begin: [5], end: [0]).sourceIndices(axis: 0, size: 3) == [1, 2, 0, 1, 2, 0, 1, 2])
    }

    @Test func resizeForms() throws {
        let g = try Self.graph(
            """
            {"name": "a", "op": "resize", "size": [9, 12], "mode": "linear", "coordinates": "pytorch_half_pixel"},
            {"name": "b", "op": "resize", "scale": 0.5, "mode": "cubic", "cubic_coeff_a": -0.5, "exclude_outside": true},
            {"name": "c", "op": "resize", "size": [4, 5, 7], "scale": [1, 1.2, 1.5], "nearest_mode": "ceil", "coordinates": "asymmetric"},
            {"name": "y", "op": "resize", "size": [3, 3], "mode": "linear", "coordinates": "tf_crop_and_resize", "roi": [0, 0.1, 0.2, 1, 0.9, 0.8], "extrapolation_value": 2}
            """)
        #expect(g.nodes.dropFirst().map(\.shape) == [[3, 9, 12], [3, 4, 6], [4, 5, 7], [4, 3, 3]])
        #expect(
            g.nodes[1].op
                == .resize(ResizeAttributes(output: [3, 9, 12], scales: [1, 1.5, 1.5], mode: .linear, coordinates: .pytorchHalfPixel)))
        #expect(
            g.nodes[2].op
                == .resize(
                    ResizeAttributes(
                        output: [3, 4, 6], scales: [1, 0.5, 0.5], mode: .cubic(a: -0.5, excludeOutside: true), coordinates: .halfPixel)))
        #expect(
            g.nodes[3].op
                == .resize(ResizeAttributes(output: [4, 5, 7], scales: [1, 1.2, 1.5], mode: .nearest(.ceil), coordinates: .asymmetric)))
        let again = try Self.roundTrip(g)
        #expect(again.nodes.map(\.op) == g.nodes.map(\.op))
        #expect(again.nodes.map(\.shape) == g.nodes.map(\.shape))
    }

    @Test func poolForms() throws {
        let g = try Self.graph(
            """
            {"name": "a", "op": "maxpool2d", "size": 3, "stride": 1, "dilation": 2},
            {"name": "b", "op": "lppool2d", "size": 2, "p": 3},
            {"name": "y", "op": "global_lppool"}
            """, input: "[3, 10, 12]")
        #expect(g.nodes.dropFirst().map(\.shape) == [[3, 6, 8], [3, 3, 4], [3, 1, 1]])
        guard case .pool(let a) = g.nodes[1].op, case .lpPool(let b) = g.nodes[2].op, case .lpPool(let c) = g.nodes[3].op else {
            Issue.record("expected a pool and two Lp pools, got \(g.nodes.map(\.op))")
            return
        }
        #expect(a.dilation == [2, 2] && a.kind == .max)
        #expect(b.p == 3 && b.window?.size == [2, 2] && b.window?.stride == [2, 2])
        #expect(c.p == 2 && c.window == nil)
        let again = try Self.roundTrip(g)
        #expect(again.nodes.map(\.op) == g.nodes.map(\.op))
    }

    @Test func errorsNameTheFieldAndWhatWasExpected() {
        let cases: [(String, String)] = [
            (
                "{\"name\": \"y\", \"op\": \"pad\", \"padding\": 1, \"mode\": \"mirror\"}",
                "(layers[0].mode): expected mode \"constant\", \"reflect\", \"edge\", \"wrap\", got \"mirror\""
            ),
            (
                "{\"name\": \"y\", \"op\": \"pad\", \"padding\": [6, 0], \"mode\": \"reflect\"}",
                "expected reflect padding smaller than the axis (6 cells on axis 1 of [3, 6, 8]), got begin 6 end 6"
            ),
            (
                "{\"name\": \"y\", \"op\": \"pad\", \"padding\": [-3, 0]}",
                "expected cropping that keeps at least one cell of axis 1 of [3, 6, 8], got begin -3 end -3"
            ),
            (
                "{\"name\": \"y\", \"op\": \"pad\", \"padding\": 1, \"mode\": \"edge\", \"value\": 2}",
                "(layers[0].value): expected value only with mode \"constant\", got mode \"edge\""
            ),
            (
                "{\"name\": \"y\", \"op\": \"resize\"}",
                "missing required field 'size' or 'scale'"
            ),
            (
                "{\"name\": \"y\", \"op\": \"resize\", \"size\": [1, 2, 3, 4]}",
                "(layers[0].size): expected size as a list of 2 (the spatial axes) or 3 (every axis of [3, 6, 8]), got a list of 4"
            ),
            (
                "{\"name\": \"y\", \"op\": \"resize\", \"scale\": 2, \"mode\": \"area\"}",
                "(layers[0].mode): expected mode \"nearest\", \"linear\" or \"cubic\", got \"area\""
            ),
            (
                "{\"name\": \"y\", \"op\": \"resize\", \"scale\": 2, \"coordinates\": \"tf_crop_and_resize\"}",
                "missing required field 'roi'"
            ),
            (
                "{\"name\": \"y\", \"op\": \"resize\", \"scale\": 2, \"mode\": \"linear\", \"nearest_mode\": \"floor\"}",
                "(layers[0].nearest_mode): expected nearest_mode only with mode \"nearest\""
            ),
            (
                "{\"name\": \"y\", \"op\": \"resize\", \"scale\": 0.5, \"antialias\": true}",
                "(layers[0].antialias): expected antialias only with mode \"linear\" or \"cubic\""
            ),
            (
                "{\"name\": \"y\", \"op\": \"resize\", \"scale\": 0.5, \"mode\": \"linear\", \"antialias\": 1}",
                "(layers[0].antialias): expected true or false"
            ),
            (
                "{\"name\": \"y\", \"op\": \"lppool2d\", \"size\": 2, \"p\": 0}",
                "(layers[0].p): expected p of at least 1, got 0"
            ),
            (
                "{\"name\": \"y\", \"op\": \"maxpool2d\", \"size\": 3, \"dilation\": 4}",
                "expected an output size of at least 1, got 0"
            ),
        ]
        for (layer, expected) in cases {
            let message = Self.error(layer)
            #expect(message.contains(expected), "\(layer): \(message)")
            #expect(message.hasPrefix("net.json:"), "\(message)")
        }
    }
}
