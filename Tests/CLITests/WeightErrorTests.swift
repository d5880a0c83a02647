import CNNTestSupport
import Foundation
import Testing

/// Every weight problem of net-format.md: missing, extra, wrong shape, non-F32, missing or corrupt file.
@Suite("weight errors")
struct WeightErrorTests {
    /// dense d: [3] -> [2], so d.weight is [2, 3] and d.bias is [2].
    static func dense(params: String? = nil, weights: String? = nil) -> String {
        let p = params.map { #", "params": {\#($0)}"# } ?? ""
        return net(
            #"{"name": "d", "op": "dense", "units": 2\#(p)}"#, inputs: #"[{"name": "x", "shape": [3]}]"#,
            extra: weights.map { #""weights": "\#($0)", "# } ?? "")
    }

    static func file(_ entries: [SafetensorsEntry]) -> [String: Data] { ["w.safetensors": safetensors(entries)] }

    static let goodWeight = SafetensorsEntry.f32("d.weight", [2, 3])
    static let goodBias = SafetensorsEntry.f32("d.bias", [2])

    static let cases: [CompileErrorCase] = [
        // Missing.
        CompileErrorCase(
            label: "missing inline parameter, no weights file", json: dense(params: #""weight": \#(jsonArray([2, 3]))"#), layer: "d",
            expected: ["missing parameter 'd.bias'", "expected shape [2]"]),
        CompileErrorCase(
            label: "missing conv weight, no params at all",
            json: net(
                #"{"name": "c", "op": "conv2d", "filters": 4, "kernel": 3, "groups": 2}"#, inputs: #"[{"name": "x", "shape": [2, 5, 5]}]"#),
            layer: "c",
            expected: ["missing parameter 'c.weight'", "expected shape [4, 1, 3, 3]"]),
        CompileErrorCase(
            label: "missing from the weights file", json: dense(weights: "w.safetensors"), files: file([goodWeight]), layer: "d",
            expected: ["missing parameter 'd.bias'", "expected shape [2]"]),
        CompileErrorCase(
            label: "missing batchnorm running_var",
            json: net(
                #"{"name": "bn", "op": "batchnorm"}"#, inputs: #"[{"name": "x", "shape": [2, 3, 3]}]"#,
                extra: #""weights": "w.safetensors", "#),
            files: file([.f32("bn.weight", [2]), .f32("bn.bias", [2]), .f32("bn.running_mean", [2])]), layer: "bn",
            expected: ["missing parameter 'bn.running_var'", "expected shape [2]"]),
        // Extra.
        CompileErrorCase(
            label: "extra parameter of a layer in the file", json: dense(weights: "w.safetensors"),
            files: file([goodWeight, goodBias, .f32("d.gamma", [2])]), layer: "d",
            expected: ["unexpected tensor 'd.gamma'", "w.safetensors", "dense"]),
        CompileErrorCase(
            label: "bias in the file of a layer without bias",
            json: net(
                #"{"name": "d", "op": "dense", "units": 2, "bias": false}"#, inputs: #"[{"name": "x", "shape": [3]}]"#,
                extra: #""weights": "w.safetensors", "#),
            files: file([goodWeight, goodBias]), layer: "d", expected: ["unexpected tensor 'd.bias'", "w.safetensors"]),
        CompileErrorCase(
            label: "tensor of no layer in the file", json: dense(weights: "w.safetensors"),
            files: file([goodWeight, goodBias, .f32("zz.weight", [1])]),
            expected: ["unexpected tensor 'zz.weight'", "w.safetensors"]),
        CompileErrorCase(
            label: "extra inline parameter", json: dense(params: #""weight": \#(jsonArray([2, 3])), "bias": [0, 0], "gamma": [1, 1]"#),
            layer: "d",
            expected: ["(layers[0].params.gamma)", "unexpected parameter 'd.gamma'", "weight, bias"]),
        CompileErrorCase(
            label: "inline parameter on a layer without parameters", json: net(#"{"name": "r", "op": "relu", "params": {"slope": [1]}}"#),
            layer: "r",
            expected: ["unexpected parameter 'r.slope'", "none"]),
        // Wrong shape.
        CompileErrorCase(
            label: "wrong shape in the file", json: dense(weights: "w.safetensors"), files: file([.f32("d.weight", [3, 2]), goodBias]),
            file: "w.safetensors", layer: "d",
            expected: ["'d.weight'", "expected [2, 3]", "got [3, 2]"]),
        CompileErrorCase(
            label: "wrong shape inline", json: dense(params: #""weight": \#(jsonArray([2, 4])), "bias": [0, 0]"#), layer: "d",
            expected: ["(layers[0].params.weight)", "'d.weight'", "expected [2, 3]", "got [2, 4]"]),
        CompileErrorCase(
            label: "conv weight ignoring groups",
            json: net(
                #"{"name": "c", "op": "conv2d", "filters": 4, "kernel": 3, "groups": 2, "params": {"weight": \#(jsonArray([4, 2, 3, 3])), "bias": [0, 0, 0, 0]}}"#,
                inputs: #"[{"name": "x", "shape": [2, 5, 5]}]"#),
            layer: "c", expected: ["'c.weight'", "expected [4, 1, 3, 3]", "got [4, 2, 3, 3]"]),
        CompileErrorCase(
            label: "conv_transpose weight in conv layout",
            json: net(
                #"{"name": "c", "op": "conv_transpose2d", "filters": 3, "kernel": 2, "params": {"weight": \#(jsonArray([3, 2, 2, 2])), "bias": [0, 0, 0]}}"#,
                inputs: #"[{"name": "x", "shape": [2, 5, 5]}]"#),
            layer: "c", expected: ["'c.weight'", "expected [2, 3, 2, 2]", "got [3, 2, 2, 2]"]),
        CompileErrorCase(
            label: "ragged inline array", json: dense(params: #""weight": [[1, 2, 3], [4, 5]], "bias": [0, 0]"#), layer: "d",
            expected: ["'d.weight'", "rectangular"]),
        CompileErrorCase(
            label: "inline array of strings", json: dense(params: #""weight": [["a", 2, 3], [4, 5, 6]], "bias": [0, 0]"#), layer: "d",
            expected: ["'d.weight'", "got a string"]),
        // Not finite: refused from the file as inline (issue 15: NaN was accepted from a file).
        CompileErrorCase(
            label: "NaN weight in the file", json: dense(weights: "w.safetensors"),
            files: file([.f32("d.weight", [2, 3], replacing: [4: .nan]), goodBias]), file: "w.safetensors", layer: "d",
            expected: ["parameter 'd.weight': expected finite float32 numbers, got nan at index [1, 1]"]),
        CompileErrorCase(
            label: "infinite bias in the file", json: dense(weights: "w.safetensors"),
            files: file([goodWeight, .f32("d.bias", [2], replacing: [1: -.infinity])]), file: "w.safetensors", layer: "d",
            expected: ["parameter 'd.bias': expected finite float32 numbers, got -inf at index [1]"]),
        CompileErrorCase(
            label: "inline weight beyond float32", json: dense(params: #""weight": [[1, 2, 3], [4, 1e39, 6]], "bias": [0, 0]"#), layer: "d",
            expected: ["(layers[0].params.weight)", "parameter 'd.weight': expected finite float32 numbers, got 1e39"]),
        // Not F32.
        CompileErrorCase(
            label: "F16 tensor in the file", json: dense(weights: "w.safetensors"), files: file([.f16("d.weight", [2, 3]), goodBias]),
            file: "w.safetensors", layer: "d",
            expected: ["'d.weight'", "F32", "got F16"]),
        // Missing or corrupt file.
        CompileErrorCase(
            label: "missing weights file", json: dense(weights: "nope.safetensors"), expected: ["(weights)", "nope.safetensors"]),
        CompileErrorCase(
            label: "weights file of random bytes", json: dense(weights: "w.safetensors"),
            files: ["w.safetensors": Data((0..<200).map { UInt8(truncatingIfNeeded: $0 &* 97 &+ 13) })],
            expected: ["(weights)", "w.safetensors"]),
        CompileErrorCase(
            label: "weights file shorter than its header", json: dense(weights: "w.safetensors"),
            files: ["w.safetensors": safetensors([goodWeight, goodBias]).prefix(30)], expected: ["(weights)", "w.safetensors"]),
        CompileErrorCase(
            label: "weights file with data cut off", json: dense(weights: "w.safetensors"),
            files: ["w.safetensors": safetensors([goodWeight, goodBias]).dropLast(4)], expected: ["w.safetensors"]),
        CompileErrorCase(
            label: "weights header that is not JSON", json: dense(weights: "w.safetensors"),
            files: ["w.safetensors": Data(withUnsafeBytes(of: UInt64(8).littleEndian, Array.init) + Array("not json".utf8))],
            expected: ["(weights)", "w.safetensors"]),
        CompileErrorCase(
            label: "empty weights file", json: dense(weights: "w.safetensors"), files: ["w.safetensors": Data()],
            expected: ["(weights)", "w.safetensors"]),
    ]

    @Test(arguments: cases)
    func weightError(_ c: CompileErrorCase) throws { try CompileErrorTests().check(c) }

    /// The control: the same net with good weights compiles, from the file and inline, and inline wins.
    @Test func goodWeightsCompileAndInlineWins() throws {
        let dir = TemporaryDirectory()
        _ = FileManager.default.createFile(atPath: dir.path("w.safetensors"), contents: safetensors([Self.goodWeight, Self.goodBias]))
        // d.weight from the file is 0...5; inline it is 0.5...5.5; d.bias from the file is [0, 1].
        dir.write("file.json", Self.dense(weights: "w.safetensors"))
        dir.write("inline.json", Self.dense(params: #""weight": \#(jsonArray([2, 3]))"#, weights: "w.safetensors"))
        try writeNPY([3], [1, 2, 3], to: dir.path("x.npy"))
        let expected: [String: [Float]] = ["file": [0 + 2 + 6 + 0, 3 + 8 + 15 + 1], "inline": [0.5 + 3 + 7.5 + 0, 3.5 + 9 + 16.5 + 1]]
        for (name, values) in expected {
            let c = try cnnc(["compile", "\(name).json", "-o", "\(name).so"], cwd: dir.url.path)
            #expect(c.status == 0, "\(c)")
            let r = try cnnc(["run", "\(name).so", "--input", "x.npy", "--output", "\(name).npy"], cwd: dir.url.path)
            #expect(r.status == 0, "\(r)")
            let out = try loadNPY(dir.path("\(name).npy"))
            #expect(out.shape == [1, 2])
            #expect(Mismatch.find(out.values, values, atol: 1e-5, rtol: 1e-5) == nil, "\(name): \(out.values)")
        }
    }
}
