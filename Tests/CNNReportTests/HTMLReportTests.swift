import Foundation
import Testing

@testable import CNNReport

/// The page drawn from `ReportData`: escaping, determinism, blocks and repeats, every kernel drawn.
@Suite("HTML report")
struct HTMLReportTests {
    /// A residual network as written: a stem, then `blocks` identical blocks `b<i>.conv1 -> bn -> relu -> conv2 -> add(input)`.
    static func residual(blocks: Int, name: (Int, String) -> String = { "b\($0).\($1)" }) -> ReportData {
        var layers = [
            ReportData.Layer(name: "x", op: "input", shape: [8, 8, 8], note: "model input"),
            ReportData.Layer(
                name: "stem", op: "conv2d", detail: "3x3, 8 filters", inputs: [0], shape: [8, 8, 8], parameters: 584, flops: 73728,
                kernel: 0),
        ]
        var kernels = [ReportData.Kernel(op: "conv2d", algorithm: "position tiles", layers: ["stem"], flops: 73728, shape: [8, 8, 8])]
        for b in 0..<blocks {
            let entry = layers.count - 1
            let k = kernels.count
            let names = ["conv1", "bn", "relu", "conv2", "add"].map { name(b, $0) }
            layers += [
                .init(name: names[0], op: "conv2d", detail: "3x3, 8 filters", inputs: [entry], shape: [8, 8, 8], kernel: k),
                .init(name: names[1], op: "batchnorm", inputs: [entry + 1], shape: [8, 8, 8], kernel: k),
                .init(name: names[2], op: "relu", inputs: [entry + 2], shape: [8, 8, 8], kernel: k),
                .init(name: names[3], op: "conv2d", detail: "3x3, 8 filters", inputs: [entry + 3], shape: [8, 8, 8], kernel: k + 1),
                .init(name: names[4], op: "add", inputs: [entry + 4, entry], shape: [8, 8, 8], kernel: k + 1),
            ]
            kernels += [
                .init(op: "conv2d", algorithm: "tile Winograd F(4x4,3x3)", layers: Array(names[0...2]), flops: 1),
                .init(op: "conv2d", algorithm: "row Winograd F(4,3)", layers: [names[3], names[4]], flops: 1),
            ]
        }
        let slices = kernels.indices.map {
            ReportData.Slice(
                name: kernels[$0].layers[0], scratch: $0 % 3 == 2, first: $0, last: $0 + 1, offset: ($0 % 2) * 2048, bytes: 2048)
        }
        return ReportData(
            title: "net", source: "net.json", target: "x86-64-v3", hasGraph: true, layers: layers, kernels: kernels, slices: slices,
            inputs: [.init(name: "x", shape: [8, 8, 8])], outputs: [.init(name: layers.last!.name, shape: [8, 8, 8])],
            parameters: 584, flops: 73728, arenaBytes: 4096)
    }

    @Test func blocksSplitAtCutsAndCollapseRepeats() {
        let data = Self.residual(blocks: 4)
        let blocks = GraphBlocks(data.layers).blocks
        // The stem (input + conv) and the four residual blocks, each ending at its add.
        #expect(blocks.map(\.range) == [0..<2, 2..<7, 7..<12, 12..<17, 17..<22], "\(blocks)")
        #expect(blocks.map(\.repeatOf) == [nil, nil, 1, 1, 1])
        let html = HTMLReport.render(data)
        #expect(html.contains("3 more blocks with the structure of block 2"), "the repeats are collapsed under one summary")
        #expect(html.components(separatedBy: "<details class=\"repeat\">").count == 2)
    }

    @Test func everyKernelIsDrawnOnceAsABoxAndCounted() {
        let data = Self.residual(blocks: 3)
        let html = HTMLReport.render(data)
        #expect(html.contains("data-kernel-count=\"7\""))
        for k in 0..<7 {
            #expect(html.contains("class=\"kbox fused\" data-k=\"\(k)\"") || html.contains("class=\"kbox\" data-k=\"\(k)\""), "k\(k)")
        }
        #expect(html.contains("tile Winograd F(4x4,3x3)"), "conv algorithms are drawn")
    }

    @Test func sameDataSameBytes() {
        #expect(HTMLReport.render(Self.residual(blocks: 5)) == HTMLReport.render(Self.residual(blocks: 5)))
    }

    @Test func hostileNamesAreEscapedEverywhere() {
        let evil = "<script>alert(1)</script>\"'&"
        var data = Self.residual(blocks: 2) { b, part in b == 1 && part == "conv1" ? evil : "b\(b).\(part)" }
        data.title = evil
        data.source = evil
        data.kernels[0].algorithm = evil
        data.timing = .init(
            source: evil, batch: 1, threads: 1, medianMs: 1, minMs: 1, imagesPerSecond: 1, gflops: 1, peakGFLOPS: 10,
            kernelMs: Array(repeating: 0.5, count: data.kernels.count), kernelGFLOPS: Array(repeating: 1, count: data.kernels.count))
        data.verification = .init(
            source: evil, rtol: 1e-4, atol: 1e-5, passed: false,
            entries: [.init(name: evil, passed: false, maxAbsError: 0.5, maxRelError: nil, outOfToleranceShare: 0.25)])
        let html = HTMLReport.render(data)
        #expect(!html.contains("<script>alert"))
        #expect(!html.contains("alert(1)</script>"))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;&amp;"))
        // The page's own script is the only one.
        #expect(html.components(separatedBy: "<script").count == 2)
    }

    @Test func escapeAndNumbers() {
        #expect(HTML.escape("a<b>&\"c'") == "a&lt;b&gt;&amp;&quot;c&#39;")
        #expect(HTML.escape("x\u{0}y\u{1B}") == "x\u{FFFD}y\u{FFFD}")
        #expect(HTML.fixed(1.005, 1) == "1.0")
        #expect(HTML.fixed(12.345, 2) == "12.35" || HTML.fixed(12.345, 2) == "12.34")
        #expect(HTML.fixed(-0.25, 1) == "-0.3")
        #expect(HTML.fixed(7, 0) == "7")
        #expect(HTML.grouped(25_557_032) == "25,557,032")
        #expect(HTML.bytes(8_032_256) == "7.66 MiB")
        #expect(HTML.scientific(1.234e-5) == "1.23e-05")
        #expect(HTML.scientific(9.999) == "1.00e+01")
        #expect(HTML.scientific(nil) == "–")
    }

    @Test func aLibraryShowsItsKernelsWithoutAGraph() {
        let data = ReportData(
            title: "lib", source: "lib.so", target: "not recorded", hasGraph: false, layers: [],
            kernels: [.init(op: "conv2d", layers: ["a + b"], flops: 10), .init(op: "dense", layers: ["c"], flops: 5)],
            slices: [], inputs: [.init(name: "x", shape: [1])], outputs: [.init(name: "y", shape: [1])],
            parameters: 0, flops: 15, arenaBytes: 64)
        let html = HTMLReport.render(data)
        #expect(html.components(separatedBy: "class=\"kitem lrow\"").count == 3)
        #expect(!html.contains("id=\"graph\"") && !html.contains("id=\"memory\""))
        #expect(html.contains("give the network"))
    }
}
