import CNNCodegenC
import CNNIR
import CNNPasses
import CNNTestSupport
import Foundation
import Testing

@Suite struct PrinterAndNamerTests {
    @Test func printerAddsOnlyNeededParentheses() {
        let a = CExpr.v("a")
        let b = CExpr.v("b")
        let c = CExpr.v("c")
        #expect(CPrinter.expr((a + b) * c) == "(a + b) * c")
        #expect(CPrinter.expr(a + b * c) == "a + b * c")
        #expect(CPrinter.expr(a - (b - c)) == "a - (b - c)")
        #expect(CPrinter.expr(a - b - c) == "a - b - c")
        #expect(CPrinter.expr(CExpr.int(2) * 3 + a * 1 + 0) == "6 + a")
        #expect(CPrinter.expr(.float(0.1)) == "0.1f")
        #expect(CPrinter.expr(.float(1)) == "1.0f")
        #expect(CPrinter.expr(.float(-.infinity)) == "(-INFINITY)")
    }

    @Test func floatLiteralsRoundTrip() {
        for f: Float in [1e-38, 3.4028235e38, 0.1, 1.0 / 3.0, -2.5e-7, Float.leastNormalMagnitude] {
            let text = CPrinter.floatLiteral(f)
            #expect(Float(String(text.dropLast())) == f, "\(text)")
        }
    }

    @Test func stringLiteralsEscapeEverythingOutsidePrintableASCII() {
        #expect(CPrinter.stringLiteral("ab") == "\"ab\"")
        #expect(CPrinter.stringLiteral("a\"b\\c?\n") == "\"a\\042b\\134c\\077\\012\"")
        #expect(CPrinter.stringLiteral("é") == "\"\\303\\251\"")
    }

    @Test func namerMakesLegalUniqueIdentifiers() {
        var namer = Namer()
        let hostile = [
            "conv 1", "conv-1", "conv_1", "1conv", "", "int", "_Reserved", "a*/b", "名前", String(repeating: "x", count: 300),
            "a\"); system(\"x",
        ]
        var seen: Set<String> = []
        for name in hostile {
            let id = namer.fresh(name, prefix: "k_")
            #expect(id.range(of: "^[A-Za-z_][A-Za-z0-9_]*$", options: .regularExpression) != nil, "\(id)")
            #expect(id.count <= 48)
            #expect(seen.insert(id).inserted, "duplicate \(id)")
        }
        #expect(Namer.sanitize("int") == "int_")
        #expect(Namer.sanitize("9lives").hasPrefix("m"))
    }

    @Test func embeddedABIHeaderIsTheRuntimeHeader() throws {
        let file = try String(contentsOfFile: TestPaths.repo("Runtime/CModelABI/include/cnnc_abi.h"), encoding: .utf8)
        #expect(ABIHeader.text + "\n" == file)
        #expect(file.contains("#define CNNC_ABI_VERSION \(ABIHeader.version)u\n"))
        // The embedded copy is the runtime's file itself, through a link (one copy in the tree).
        let link = try FileManager.default.destinationOfSymbolicLink(atPath: TestPaths.repo("Sources/CNNCodegenC/Resources/cnnc_abi.h"))
        #expect(link == "../../../Runtime/CModelABI/include/cnnc_abi.h")
    }
}

@Suite struct ModelEmitterTests {
    func tinyGraph(vector: VectorTarget = .avx512) throws -> PlannedGraph {
        var f = GraphFixture(name: "tiny net", inputs: [("image", [2, 6, 6])])
        try f.add("conv", GraphFixture.conv(3, 3, pad: 1), ["image"])
        try f.add("relu", .activation(.relu), ["conv"])
        try f.add("pool", GraphFixture.pool(.max, 2), ["relu"])
        try f.add("flat", .flatten, ["pool"])
        try f.add("fc", .dense(DenseAttributes(units: 4, hasBias: true)), ["flat"])
        try f.add("prob", .softmax(axis: 0), ["fc"])
        return try Pipeline.run(f.graph) { KernelSelection.scratchFloats($0, in: $1, target: vector) }
    }

    @Test func generatedCodeIsDeterministic() throws {
        let a = ModelEmitter.emit(try tinyGraph(), options: CodegenOptions(vector: .avx512))
        let b = ModelEmitter.emit(try tinyGraph(), options: CodegenOptions(vector: .avx512))
        #expect(a.source == b.source)
        #expect(a.header == b.header)
        #expect(a.blob.byteCount == b.blob.byteCount)
    }

    /// Kernels under a million flops a sample take a plain loop on one thread (an OpenMP region
    /// costs about 0.25 us even with one thread); larger ones keep a single parallel loop.
    @Test func smallKernelsSkipOpenMPOnOneThread() throws {
        let tiny = ModelEmitter.emit(try tinyGraph(), options: CodegenOptions(vector: .avx512)).source
        // Kernel pragmas start at column 0 (the FMA-peak probe's is indented).
        let pragmas = tiny.components(separatedBy: "\n#pragma omp parallel").count - 1
        #expect(pragmas >= 4)
        #expect(tiny.components(separatedBy: "if (nt > 1) {\n#pragma omp parallel").count - 1 == pragmas)

        var f = GraphFixture(name: "big", inputs: [("x", [64, 32, 32])])
        try f.add("conv", GraphFixture.conv(64, 3, pad: 1), ["x"])
        let big = try Pipeline.run(f.graph) { KernelSelection.scratchFloats($0, in: $1, target: .avx512) }
        let source = ModelEmitter.emit(big, options: CodegenOptions(vector: .avx512)).source
        #expect(source.contains("#pragma omp parallel for"))
        #expect(!source.contains("if (nt > 1)"))
    }

    @Test func weightsGoInTheBlobNotTheSource() throws {
        let model = ModelEmitter.emit(try tinyGraph(), options: CodegenOptions(vector: .avx512))
        // 3*2*9 + 3 conv, 4*27 + 4 dense (repacked to 16 lanes), ...: all in the 64-byte aligned blob.
        #expect(model.blob.segments.allSatisfy { $0.offset % WeightBlob.alignment == 0 })
        #expect(model.weightsFileName == "\(model.prefix).weights.bin")
        #expect(model.source.contains(".incbin \\\"\(model.weightsFileName)\\\""))
        #expect(!model.source.contains("{0."))  // no float array literals
        #expect(model.kernels.map(\.layers) == [["conv", "relu", "pool"], ["flat"], ["fc"], ["prob"]])
    }

    @Test func prefixDefaultsToTheSanitisedNameAndPrefixesEveryExport() throws {
        let model = ModelEmitter.emit(try tinyGraph(), options: CodegenOptions(vector: .avx512))
        #expect(model.prefix == "tiny_net")
        for symbol in ["tiny_net_cnnc_model", "tiny_net_create", "tiny_net_run", "tiny_net_destroy", "tiny_net_status_message"] {
            #expect(model.source.contains("CNNC_EXPORT") && model.source.contains(symbol))
            #expect(model.header.contains(symbol + "("))
        }
        let exported = model.source.split(separator: "\n").filter { $0.hasPrefix("CNNC_EXPORT") }
        #expect(exported.count == 5)
        #expect(exported.allSatisfy { $0.contains(" tiny_net_") || $0.contains("*tiny_net_") })
    }

    /// The generated C for a small net, checked in. Set CNNC_RECORD_SNAPSHOTS=1 to re-record after an intended change.
    @Test func snapshot() throws {
        // Fixed to AVX-512 so the snapshot shows the tiled conv whatever the host.
        let source = ModelEmitter.emit(try tinyGraph(), options: CodegenOptions(vector: .avx512)).source
        let path = TestPaths.repo("Tests/CNNCodegenCTests/Snapshots/tiny_net.c")
        if ProcessInfo.processInfo.environment["CNNC_RECORD_SNAPSHOTS"] == "1" {
            try source.write(toFile: path, atomically: true, encoding: .utf8)
        }
        let recorded = try String(contentsOfFile: path, encoding: .utf8)
        #expect(recorded == source, "generated C changed; re-record with CNNC_RECORD_SNAPSHOTS=1 if intended")
    }
}
