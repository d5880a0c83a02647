import CNNCompiler
import CNNFuzzTargets
import CNNTestSupport
import Foundation
import Testing

/// Every fuzz target's seeds and every input a fuzzer found (`Fuzz/regressions/<target>/`) run
/// through the same entry points the fuzzers drive, without sanitizers: the seeds are real models
/// and files, so each must be accepted; the regressions once trapped, hung or leaked, so each must
/// now be refused with a message, never a crash (a trap would end this test process).
@Suite("fuzz corpus replay")
struct CorpusReplayTests {
    static let root = TestPaths.repoRoot

    /// ONNX golden cases refused on purpose (a case folder with no expected output), or needing a
    /// `--shape` the harness does not give.
    static func expectsRejection(_ seed: URL, _ target: FuzzTarget) -> Bool {
        let folder = seed.deletingLastPathComponent()
        guard target == .onnx else { return false }
        return folder.lastPathComponent == "symbolic_dims_with_shape"
            || !FileManager.default.fileExists(atPath: folder.appendingPathComponent("output0.npy").path)
    }

    /// Every third seed of the two model targets (each runs the whole pipeline up to C, hundreds of
    /// seeds in a debug build), every seed of the others; `scripts/fuzz.sh` starts from all of them.
    static func sample(_ seeds: [URL], _ target: FuzzTarget) -> [URL] {
        guard target == .description || target == .onnx else { return seeds }
        return seeds.enumerated().filter { $0.offset % 3 == 0 }.map(\.element)
    }

    @Test(
        "the committed seeds: real models and files accepted, the refused golden cases refused with a message",
        arguments: [FuzzTarget.description, .onnx, .safetensors, .npy])
    func seedsAreAccepted(_ target: FuzzTarget) throws {
        let seeds = Self.sample(target.seedFiles(root: Self.root).filter { !$0.path.contains("/Fuzz/") }, target)
        #expect(seeds.count >= 10, "only \(seeds.count) seeds for \(target)")
        for seed in seeds {
            let outcome = target.run(Array(try Data(contentsOf: seed)))
            if Self.expectsRejection(seed, target) {
                guard case .rejected(let message) = outcome else {
                    Issue.record("\(seed.path) was accepted")
                    continue
                }
                #expect(message.contains("fuzz."), "\(seed.path): \(message)")
            } else {
                #expect(outcome == .accepted, "\(target) \(seed.path): \(outcome)")
            }
        }
    }

    @Test("the hand-made descriptor seeds: the valid one is accepted, each broken one refused with a reason")
    func descriptorSeeds() throws {
        let seeds = FuzzTarget.descriptor.seedFiles(root: Self.root)
        try #require(!seeds.isEmpty)
        for seed in seeds {
            let outcome = FuzzTarget.descriptor.run(Array(try Data(contentsOf: seed)))
            if seed.lastPathComponent.hasPrefix("valid") {
                #expect(outcome == .accepted, "\(seed.lastPathComponent): \(outcome)")
            } else {
                guard case .rejected(let message) = outcome else {
                    Issue.record("\(seed.lastPathComponent) was accepted")
                    continue
                }
                #expect(message.contains("fuzz.so"), "\(seed.lastPathComponent): \(message)")
            }
        }
    }

    @Test("a compiled library passes the runtime's ELF checks; its truncations are refused with a reason")
    func elfSeeds() throws {
        let dir = TemporaryDirectory()
        let library = dir.path("lenet5.so")
        _ = try Compiler.compile(netPath: TestPaths.repo("examples/lenet5/net.json"), output: library)
        let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: library)))
        #expect(FuzzTarget.elf.run(bytes) == .accepted)
        for length in [0, 3, 4, 63, 64, 65, 4096, bytes.count / 2, bytes.count - 1] {
            guard case .rejected(let message) = FuzzTarget.elf.run(Array(bytes.prefix(length))) else {
                Issue.record("a \(length)-byte prefix was accepted")
                continue
            }
            #expect(message.contains("fuzz.so"), "\(length) bytes: \(message)")
        }
    }

    @Test("every input a fuzzer found is refused with a message", arguments: FuzzTarget.allCases)
    func regressionsAreRefused(_ target: FuzzTarget) throws {
        let directory = Self.root.appendingPathComponent("Fuzz/regressions/\(target.rawValue)")
        let files = (try? FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil)) ?? []
        for file in files.sorted(by: { $0.path < $1.path }) {
            let outcome = target.run(Array(try Data(contentsOf: file)))
            guard case .rejected(let message) = outcome else {
                Issue.record("\(file.lastPathComponent) was accepted")
                continue
            }
            #expect(!message.isEmpty, "\(file.lastPathComponent)")
        }
    }
}
