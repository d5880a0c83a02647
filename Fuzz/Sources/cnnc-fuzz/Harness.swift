import CNNFuzzTargets
import Foundation

/// The target this process fuzzes, from CNNC_FUZZ_TARGET.
nonisolated(unsafe) var target: FuzzTarget = .description

@_cdecl("LLVMFuzzerInitialize")
public func initialize(_ argc: UnsafeMutablePointer<Int32>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>) -> Int32 {
    let name = ProcessInfo.processInfo.environment["CNNC_FUZZ_TARGET"] ?? ""
    guard let chosen = FuzzTarget(rawValue: name) else {
        let names = FuzzTarget.allCases.map(\.rawValue).joined(separator: ", ")
        FileHandle.standardError.write(Data("error: set CNNC_FUZZ_TARGET to one of: \(names) (got '\(name)')\n".utf8))
        exit(2)
    }
    target = chosen
    // scripts/fuzz.sh asks the harness for its seeds, so the list lives in one place (FuzzTarget.seedSources).
    if let seedDirectory = ProcessInfo.processInfo.environment["CNNC_FUZZ_COPY_SEEDS_TO"],
       let root = ProcessInfo.processInfo.environment["CNNC_FUZZ_ROOT"] {
        for (index, seed) in chosen.seedFiles(root: URL(fileURLWithPath: root)).enumerated() {
            let name = String(format: "seed-%04d-", index) + seed.lastPathComponent
            try? FileManager.default.copyItem(at: seed, to: URL(fileURLWithPath: seedDirectory).appendingPathComponent(name))
        }
        exit(0)
    }
    return 0
}

@_cdecl("LLVMFuzzerTestOneInput")
public func testOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = size == 0 ? [] : Array(UnsafeBufferPointer(start: data, count: size))
    _ = target.run(bytes)
    return 0
}
