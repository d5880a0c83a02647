import CNNCodegenC
import CNNIR
import CNNPasses
import CNNTestSupport
import Foundation
import Testing

/// The generated C of every conv kernel kind on every vector target, checked in under
/// `Tests/CNNCodegenCTests/Snapshots/kernels/<target>/<kind>.c` (the kernel functions only:
/// the prelude and entry points are `tiny_net.c`'s). A change to a kernel shows up as a diff
/// of these files; after an intended one, re-record with
/// `CNNC_RECORD_SNAPSHOTS=1 swift test --skip-build --filter KernelSnapshotTests`.
@Suite struct KernelSnapshotTests {
    /// A small net whose last node runs as the kernel `kind`.
    struct Case: Sendable {
        var kind: String
        var build: @Sendable () throws -> GraphFixture
        /// Adjusts the target (row Winograd is what runs where tile Winograd is off, depthwise rows
        /// where depthwise direct is).
        var adjust: @Sendable (inout VectorTarget) -> Void = { _ in }
    }

    static func conv(_ input: [Int], _ op: Op, relu: Bool = false) throws -> GraphFixture {
        var f = GraphFixture(name: "kernel", inputs: [("x", input)])
        // A layer before the conv, so its input is the arena's (not a caller's buffer).
        try f.add("pre", .activation(.relu), ["x"])
        try f.add("conv", op, ["pre"])
        if relu { try f.add("act", .activation(.relu), ["conv"]) }
        return f
    }

    static let cases: [Case] = [
        Case(kind: "direct") {
            try conv(
                [2, 4, 4, 4],
                .conv(
                    ConvAttributes(
                        filters: 2, kernel: [3, 3, 3], stride: [1, 1, 1], dilation: [1, 1, 1],
                        padding: Padding(begin: [1, 1, 1], end: [1, 1, 1]), groups: 1, hasBias: true)))
        },
        Case(kind: "position-tiles") {
            var f = try conv([4, 8, 8], GraphFixture.conv(8, 3, pad: 1), relu: true)
            try f.add("pool", GraphFixture.pool(.max, 2), ["act"])
            return f
        },
        Case(
            kind: "depthwise-rows", build: { try conv([16, 8, 8], GraphFixture.conv(16, 3, pad: 1, groups: 16), relu: true) },
            adjust: { $0.thresholds.depthwiseDirectRows = nil }),
        // Edge bands and tiles written out, two inside each run as a loop, a last vector of 2 columns.
        Case(kind: "depthwise-direct") { try conv([8, 14, 58], GraphFixture.conv(8, 3, pad: 1, groups: 8), relu: true) },
        Case(kind: "pixel-shuffle") {
            try conv(
                [4, 4, 4],
                .convTranspose(
                    ConvTransposeAttributes(
                        filters: 4, kernel: [2, 2], stride: [2, 2], dilation: [1, 1],
                        padding: [0, 0, 0, 0], outputPadding: [0, 0], groups: 1, hasBias: true)))
        },
        Case(kind: "channel-tiles") { try conv([128, 3, 3], GraphFixture.conv(32, 1), relu: true) },
        Case(
            kind: "row-winograd", build: { try conv([16, 8, 8], GraphFixture.conv(16, 3, pad: 1), relu: true) },
            adjust: { $0.tileWinograd = false }),
        Case(kind: "tile-winograd") { try conv([32, 16, 16], GraphFixture.conv(64, 3, pad: 1), relu: true) },
    ]

    /// The vector targets: x86-64-v4, x86-64-v3 and the 4-lane x86-64 baseline (`generic`), which
    /// has no tile Winograd (it needs 8 lanes).
    static let targets: [(name: String, vector: VectorTarget)] = [("x86-64-v4", .avx512), ("x86-64-v3", .avx2), ("generic", .sse)]

    /// The plan of the net's conv.
    static func plan(_ planned: PlannedGraph, target: VectorTarget) throws -> ConvKernelPlan {
        let plans = planned.graph.nodes.compactMap { KernelSelection.convPlan($0, in: planned.graph, target: target) }
        try #require(plans.count == 1)
        return plans[0]
    }

    /// The kernel functions of the net's C: from the first kernel to the chunk runner.
    static func kernels(_ source: String) throws -> String {
        let start = try #require(source.range(of: "\nstatic void k"))
        let end = try #require(source.range(of: "\nstatic void run_chunk"))
        return String(source[source.index(after: start.lowerBound)..<end.lowerBound])
    }

    @Test(arguments: targets.map(\.name))
    func kernelKindsMatchTheirSnapshots(target: String) throws {
        let record = ProcessInfo.processInfo.environment["CNNC_RECORD_SNAPSHOTS"] == "1"
        let base = try #require(Self.targets.first { $0.name == target }).vector
        // Tile Winograd needs 8 lanes; depthwise direct runs only where the target takes it.
        for c in Self.cases
        where !(c.kind == "tile-winograd" && base.lanes < 8)
            && !(c.kind == "depthwise-direct" && base.thresholds.depthwiseDirectRows == nil)
        {
            var vector = base
            c.adjust(&vector)
            let fixture = try c.build()
            let planned = try Pipeline.run(fixture.graph) { KernelSelection.scratchFloats($0, in: $1, target: vector) }
            let plan = try Self.plan(planned, target: vector)
            #expect(plan.kindName == c.kind, "\(target): the \(c.kind) case runs as \(plan.kindName)")
            let source = try Self.kernels(ModelEmitter.emit(planned, options: CodegenOptions(vector: vector)).source)
            let path = TestPaths.repo("Tests/CNNCodegenCTests/Snapshots/kernels/\(target)/\(c.kind).c")
            if record {
                try FileManager.default.createDirectory(
                    atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
                try source.write(toFile: path, atomically: true, encoding: .utf8)
            }
            let recorded = try String(contentsOfFile: path, encoding: .utf8)
            #expect(
                recorded == source, "\(target)/\(c.kind).c: the generated C changed; re-record with CNNC_RECORD_SNAPSHOTS=1 if intended")
        }
    }

    /// The 4-lane target has no tile Winograd: the same conv runs as row Winograd there.
    @Test func fourLanesHaveNoTileWinograd() throws {
        let fixture = try Self.conv([32, 16, 16], GraphFixture.conv(64, 3, pad: 1), relu: true)
        let planned = try Pipeline.run(fixture.graph) { KernelSelection.scratchFloats($0, in: $1, target: .sse) }
        let plan = try Self.plan(planned, target: .sse)
        #expect(plan.kindName == "row-winograd")
    }
}
