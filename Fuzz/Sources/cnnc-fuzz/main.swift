import CNNFuzzTargets
import Foundation
import LibFuzzerDriver

// The libFuzzer harness: the target comes from CNNC_FUZZ_TARGET, every other argument is libFuzzer's.
// With CNNC_FUZZ_COPY_SEEDS_TO and CNNC_FUZZ_ROOT set it copies the target's seeds there and exits
// (scripts/fuzz.sh), so the seed list lives in one place (FuzzTarget.seedSources).

let environment = ProcessInfo.processInfo.environment
guard let chosen = FuzzTarget(rawValue: environment["CNNC_FUZZ_TARGET"] ?? "") else {
    let names = FuzzTarget.allCases.map(\.rawValue).joined(separator: ", ")
    FileHandle.standardError.write(
        Data("error: set CNNC_FUZZ_TARGET to one of: \(names) (got '\(environment["CNNC_FUZZ_TARGET"] ?? "")')\n".utf8))
    exit(2)
}
if let seedDirectory = environment["CNNC_FUZZ_COPY_SEEDS_TO"], let root = environment["CNNC_FUZZ_ROOT"] {
    for (index, seed) in chosen.seedFiles(root: URL(fileURLWithPath: root)).enumerated() {
        let name = String(format: "seed-%04d-", index) + seed.lastPathComponent
        try FileManager.default.copyItem(at: seed, to: URL(fileURLWithPath: seedDirectory).appendingPathComponent(name))
    }
    exit(0)
}

nonisolated(unsafe) let target = chosen
var argc = CommandLine.argc
var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
exit(
    LLVMFuzzerRunDriver(&argc, &argv) { data, size in
        _ = target.run(size == 0 ? [] : Array(UnsafeBufferPointer(start: data, count: size)))
        return 0
    })
