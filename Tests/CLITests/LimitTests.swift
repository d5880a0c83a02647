import CNNTestSupport
import Foundation
import Testing

/// Resource limits (issue 15, build item 4) and the allocation aborts of item 4: each is an
/// `error:` naming the layer (or file) and the limit, before anything large is allocated.
@Suite struct LimitTests {
    static let lenet = TestPaths.repo("examples/lenet5/net.json")

    func refused(_ arguments: [String], _ parts: [String], sourceLocation: SourceLocation = #_sourceLocation) throws {
        let r = try cnnc(arguments)
        expectCleanFailure(r, sourceLocation: sourceLocation)
        for part in parts { #expect(r.stderr.contains(part), "\(r)", sourceLocation: sourceLocation) }
        #expect(!r.stderr.contains("failed to allocate"), "\(r)", sourceLocation: sourceLocation)
    }

    /// Each limit, lowered below LeNet-5's needs, stops `inspect` and `compile` with the layer and the flag named.
    @Test func everyLimitNamesTheLayerAndTheFlag() throws {
        let dir = TemporaryDirectory()
        let lib = dir.path("lib.so")
        try refused(
            ["inspect", Self.lenet, "--limit", "layers=5"], ["(layers)", "expected at most 5 layers (--limit layers=N raises it), got 9"])
        try refused(
            ["inspect", Self.lenet, "--limit", "tensor-elements=4000"],
            [
                "layer 'c1'",
                "expected a tensor of at most 4000 elements per sample (--limit tensor-elements=N raises it), got 4704 ([6, 28, 28])",
            ])
        try refused(
            ["compile", Self.lenet, "-o", lib, "--limit", "weight-bytes=100K"],
            [
                "layer 'f5'", "expected at most 102400 bytes of weights in all (--limit weight-bytes=N raises it)",
                "with parameter 'f5.weight'",
            ])
        try refused(
            ["compile", Self.lenet, "-o", lib, "--limit", "arena-bytes=4096"],
            ["expected an arena of at most 4096 bytes per sample (--limit arena-bytes=N raises it)", "the largest tensor: layer 'c1'"])
        #expect(!FileManager.default.fileExists(atPath: lib))
        // Raised where the default would refuse; within the limits LeNet-5 compiles.
        #expect(try cnnc(["inspect", Self.lenet, "--limit", "layers=9", "--limit", "tensor-elements=4704"]).status == 0)
    }

    @Test func badLimitsAreUsageErrors() throws {
        try refused(
            ["inspect", Self.lenet, "--limit", "memory=1"],
            ["--limit: expected NAME=VALUE with NAME one of tensor-elements, weight-bytes, layers, arena-bytes, got 'memory=1'"])
        try refused(
            ["inspect", Self.lenet, "--limit", "layers=-1"],
            ["--limit layers: expected a positive integer (optionally with K, M, G or T), got '-1'"])
        try refused(["inspect", Self.lenet, "--limit", "layers"], ["expected NAME=VALUE"])
    }

    /// `--seeded-weights` on a dense layer of 4 TB: refused by the weight limit before generating (was an abort).
    @Test func hugeSeededWeightsAreRefusedBeforeAllocating() throws {
        let dir = TemporaryDirectory()
        let net = dir.write(
            "net.json",
            """
            {"version": 1, "name": "huge", "inputs": [{"name": "x", "shape": [1000000]}],
             "layers": [{"name": "fc", "op": "dense", "units": 1000000}]}
            """)
        try refused(
            ["compile", net, "-o", dir.path("lib.so"), "--seeded-weights", "1"],
            [
                "layer 'fc'",
                "expected at most 17179869184 bytes of weights in all (--limit weight-bytes=N raises it), got 4000000000000 with parameter 'fc.weight'",
            ])
        try refused(["inspect", net, "--seeded-weights", "1"], ["with parameter 'fc.weight'"])
    }

    /// A library whose sample needs more than the machine's memory: `bench` and `run` say so
    /// before allocating (a 40 GB sample was an abort in `bench`).
    @Test func runtimeRefusesSamplesLargerThanMemory() throws {
        let dir = TemporaryDirectory()
        // 2^38 floats per sample: 1 TiB in, 1 TiB out; compiled with the tensor limit raised.
        let net = dir.write(
            "net.json",
            """
            {"version": 1, "name": "vast", "inputs": [{"name": "x", "shape": [274877906944]}],
             "layers": [{"name": "r", "op": "relu"}]}
            """)
        let lib = dir.path("vast.so")
        try refused(
            ["compile", net, "-o", lib],
            ["layer 'x' (inputs[0])", "expected a tensor of at most 4294967296 elements per sample (--limit tensor-elements=N raises it)"])
        let built = try cnnc(["compile", net, "-o", lib, "--limit", "tensor-elements=256G"])
        #expect(built.status == 0, "\(built)")
        try refused(
            ["bench", lib], ["vast.so: expected a batch that fits in this machine's memory", "got batch 1 needing 2199023255552 bytes"])
        // A .npy file larger than memory (sparse: nothing is written) is refused before it is read.
        let big = dir.path("big.npy")
        #expect(FileManager.default.createFile(atPath: big, contents: Data("\u{93}NUMPY".utf8)))
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: big))
        try handle.truncate(atOffset: 1 << 42)
        try handle.close()
        try refused(
            ["run", lib, "--input", big, "--output", dir.path("y.npy")], ["big.npy: expected a file that fits in this machine's memory"])
        #expect(!FileManager.default.fileExists(atPath: dir.path("y.npy")))
    }
}
