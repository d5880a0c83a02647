// swift-tools-version: 6.0
// The libFuzzer harness (and the runtime's ThreadSanitizer check, runtime-tsan): one binary, the target chosen by CNNC_FUZZ_TARGET (see
// Sources/CNNFuzzTargets in the main package). Built and run by scripts/fuzz.sh with
// `swift build -c release -Xswiftc -sanitize=fuzzer,address`; it calls libFuzzer's driver from its own
// main. A package of its own, so the main package's builds never need libFuzzer.
import PackageDescription

let package = Package(
    name: "cnnc-fuzz",
    dependencies: [.package(name: "cnnc", path: "..")],
    targets: [
        .target(name: "LibFuzzerDriver"),
        // gold stops with an internal error on this link (swift 6.3, -g), lld links it.
        .executableTarget(
            name: "cnnc-fuzz", dependencies: ["LibFuzzerDriver", .product(name: "CNNFuzzTargets", package: "cnnc")],
            linkerSettings: [.unsafeFlags(["-use-ld=lld"])]),
        // The runtime's concurrent sessions under ThreadSanitizer (scripts/sanitize.sh).
        .executableTarget(
            name: "runtime-tsan", dependencies: [.product(name: "CNNRuntime", package: "cnnc")],
            swiftSettings: [.swiftLanguageMode(.v5)]),
    ]
)
