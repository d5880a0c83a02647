// swift-tools-version: 6.0
// The libFuzzer harness: one binary, the target chosen by CNNC_FUZZ_TARGET (see
// Sources/CNNFuzzTargets). Built and run by scripts/fuzz.sh with
// `swift build -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library`; libFuzzer supplies main,
// so it is a package of its own rather than a product of the main one.
import PackageDescription

let package = Package(
    name: "cnnc-fuzz",
    dependencies: [.package(name: "cnnc", path: "..")],
    targets: [
        .executableTarget(name: "cnnc-fuzz", dependencies: [.product(name: "CNNFuzzTargets", package: "cnnc")]),
    ]
)
