import CNNCompiler
import CNNIR
import CNNNumPy
import CNNRuntime
import CNNTestSupport
import CNNToolchain
import Foundation
import Testing

/// `--winograd-weights at-load` (docs/deploy.md): the library stores the direct weights and its
/// first session transforms them, with the compiler's arithmetic, so the outputs are the stored
/// library's bit for bit (both checked against PyTorch's goldens) while the library shrinks.
@Suite struct WinogradAtLoadTests {
    static let cases = GoldenCase.all.filter { $0.name.hasPrefix("conv3x3_winograd") }

    /// Every Winograd golden case on the AVX2 target (tile Winograd where it applies, else row
    /// Winograd), with tile Winograd turned off (row Winograd for all); a few on the 4-lane target.
    @Test(
        arguments: cases.map { ($0, TargetCPU.x86_64_v3, true) } + cases.map { ($0, TargetCPU.x86_64_v3, false) }
            + cases.filter { ["conv3x3_winograd_chunks", "conv3x3_winograd_asymmetric", "conv3x3_winograd_maxpool"].contains($0.name) }.map
        { ($0, TargetCPU.generic, true) })
    func atLoadMatchesStoredBitForBit(_ c: GoldenCase, _ target: TargetCPU, _ tile: Bool) throws {
        let variant = (target: target, tile: tile)
        var stored = CompileOptions()
        stored.target = variant.target
        stored.tileWinograd = variant.tile
        var atLoad = stored
        atLoad.winogradWeights = .atLoad
        let inputs = try c.files("input").map(loadNPY)
        let expected = try c.files("output").map(loadNPY)
        let batch = inputs[0].shape[0]
        let a = try CompiledModel(net: c.net, options: stored).run(inputs.map(\.values), batch: batch)
        let model = try CompiledModel(net: c.net, options: atLoad)
        let b = try model.run(inputs.map(\.values), batch: batch)
        #expect(a == b, "at-load differs from stored")
        for (k, (actual, want)) in zip(b, expected).enumerated() {
            let mismatch = Mismatch.find(actual, want.values, atol: c.atol, rtol: c.rtol)
            #expect(mismatch == nil, "output \(k): \(mismatch?.description ?? "")")
        }
        #expect(try model.run(inputs.map(\.values), batch: batch, maxBatch: 1, threads: 1) == b, "1 thread differs")

        // The blob holds the direct weights (packed), the transformed ones move to load time,
        // except for a tile kernel that already transforms its weights at run time.
        let planned = try Compiler.plan(try Compiler.load(c.net), options: atLoad)
        let storedBytes = Compiler.weightBytes(planned, options: stored)
        let atLoadBytes = Compiler.weightBytes(planned, options: atLoad)
        #expect(storedBytes.atLoad == 0)
        if c.name.hasSuffix("weights_at_run_time") && variant.tile && variant.target != .generic {
            #expect(atLoadBytes == storedBytes)
        } else {
            #expect(atLoadBytes.stored < storedBytes.stored, "\(atLoadBytes) vs \(storedBytes)")
            #expect(atLoadBytes.atLoad > 0)
        }
    }

    /// Sessions created at once on a freshly loaded library: one of them transforms, the others
    /// wait for it; every session's output is the same.
    @Test func concurrentFirstSessionsAgree() throws {
        let c = try #require(Self.cases.first { $0.name == "conv3x3_winograd_tile_bn_residual" })
        var options = CompileOptions()
        options.target = .x86_64_v3
        options.winogradWeights = .atLoad
        let directory = TemporaryDirectory()
        let path = directory.path("lib.so")
        _ = try Compiler.compile(netPath: c.net, output: path, options: options)
        let library = try ModelLibrary(path: path)
        let input = try loadNPY(try #require(c.files("input").first))
        let batch = input.shape[0]
        final class Results: @unchecked Sendable {
            let lock = NSLock()
            var outputs: [[UInt32]] = []
            var errors: [String] = []
            func add(_ body: () throws -> [[Float]]) {
                let result = Result(catching: body)
                lock.lock()
                defer { lock.unlock() }
                switch result {
                case .success(let out): outputs.append(out.flatMap { $0 }.map(\.bitPattern))
                case .failure(let error): errors.append("\(error)")
                }
            }
        }
        let results = Results()
        let values = input.values
        DispatchQueue.concurrentPerform(iterations: 6) { _ in
            results.add {
                let session = try library.makeSession(maxBatch: batch, threads: 1)
                return try session.run(batch: batch, inputs: [values])
            }
        }
        #expect(results.errors.isEmpty, "\(results.errors)")
        #expect(results.outputs.count == 6)
        #expect(Set(results.outputs).count == 1)
    }

    @Test func inspectReportsTheBytesTransformedAtLoad() throws {
        let c = try #require(Self.cases.first { $0.name == "conv3x3_winograd_tile_bn_residual" })
        let cnnc = TestPaths.cnnc
        let stored = try runProcess(cnnc, ["inspect", c.net, "--target", "x86-64-v3"])
        let atLoad = try runProcess(cnnc, ["inspect", c.net, "--target", "x86-64-v3", "--winograd-weights", "at-load"])
        #expect(stored.status == 0 && atLoad.status == 0, "\(stored.stderr)\(atLoad.stderr)")
        #expect(!stored.stdout.contains("at load:"))
        #expect(atLoad.stdout.contains("at load:") && atLoad.stdout.contains("transformed by the first session"), "\(atLoad.stdout)")
        let bad = try runProcess(cnnc, ["compile", c.net, "-o", TemporaryDirectory().path("x.so"), "--winograd-weights", "later"])
        #expect(bad.status != 0 && bad.stderr.contains("winograd-weights"), "\(bad.stderr)")
    }
}
