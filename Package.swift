// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "cnnc",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "cnnc", targets: ["cnnc"]),
        .library(name: "CNNCompiler", targets: ["CNNCompiler"]),
        .library(name: "CNNRuntime", targets: ["CNNRuntime"]),
        .library(name: "CNNNumPy", targets: ["CNNNumPy"]),
        // What the fuzzers in Fuzz/ drive (scripts/fuzz.sh); the corpus replay test runs it too.
        .library(name: "CNNFuzzTargets", targets: ["CNNFuzzTargets"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-protobuf", from: "1.28.0"),
    ],
    targets: [
        // Compiler libraries; dependencies point one way: IR <- frontend/passes/codegen <- compiler <- CLI.
        // The one error protocol (LocatedError: location + message, rendered in one place), shared by
        // the compiler and the runtime; it depends on nothing.
        .target(name: "CNNErrors"),
        .target(name: "CNNIR", dependencies: ["CNNErrors"]),
        // Output files (atomic, regular files only, never an input) and cleanup on SIGINT/SIGTERM.
        .target(name: "CNNFiles", dependencies: ["CNNErrors", "CNNSpawnShim"]),
        // glibc's posix_spawn extensions (closefrom, chdir) and pipe2, for ChildProcess in CNNFiles.
        .target(name: "CNNSpawnShim"),
        .target(name: "CNNNumPy", dependencies: ["CNNErrors", "CNNFiles"]),
        .target(name: "CNNFrontend", dependencies: ["CNNIR", "CNNNumPy", "CNNFiles"]),
        // ONNX import: the generated protobuf code is committed (scripts/onnx/generate-proto.sh).
        .target(
            name: "CNNONNX", dependencies: ["CNNIR", "CNNFrontend", "CNNFiles", .product(name: "SwiftProtobuf", package: "swift-protobuf")]),
        .target(name: "CNNPasses", dependencies: ["CNNIR"]),
        // The ABI header is embedded from its one copy in Runtime/ (Resources/cnnc_abi.h is a link to it).
        .target(name: "CNNCodegenC", dependencies: ["CNNIR"], resources: [.embedInCode("Resources/cnnc_abi.h")]),
        .target(name: "CNNToolchain", dependencies: ["CNNErrors", "CNNFiles"]),
        // `cnnc report`'s HTML page, drawn from plain values (ReportData).
        .target(name: "CNNReport", dependencies: ["CNNIR"]),
        .target(
            name: "CNNCompiler", dependencies: ["CNNIR", "CNNFrontend", "CNNONNX", "CNNPasses", "CNNCodegenC", "CNNToolchain", "CNNFiles"]),
        // The runtime depends only on the ABI header (and the error protocol), so an app that embeds a model never links the compiler.
        .target(name: "CNNModelABI", path: "Runtime/CModelABI"),
        .target(name: "CNNRuntime", dependencies: ["CNNModelABI", "CNNErrors"], path: "Runtime/Sources/CNNRuntime"),
        .executableTarget(
            name: "cnnc",
            dependencies: [
                "CNNCompiler", "CNNErrors", "CNNFrontend", "CNNONNX", "CNNRuntime", "CNNNumPy", "CNNFiles", "CNNReport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),
        .target(
            name: "CNNFuzzTargets",
            dependencies: ["CNNIR", "CNNFrontend", "CNNONNX", "CNNCompiler", "CNNCodegenC", "CNNNumPy", "CNNRuntime", "CNNModelABI"]),
        .target(
            name: "CNNTestSupport", dependencies: ["CNNIR", "CNNFrontend", "CNNCompiler", "CNNRuntime", "CNNNumPy", "CNNFiles"],
            path: "Tests/CNNTestSupport"),
        // The demo and embedding example: a Swift app that loads a compiled model through the runtime only.
        .executableTarget(name: "digits-demo", dependencies: ["CNNRuntime", "CNNNumPy"], path: "examples/swift-app"),
        .testTarget(name: "CNNIRTests", dependencies: ["CNNErrors", "CNNIR"]),
        .testTarget(name: "CNNFrontendTests", dependencies: ["CNNFrontend", "CNNNumPy", "CNNTestSupport"], exclude: ["Fixtures"]),
        .testTarget(name: "CNNONNXTests", dependencies: ["CNNONNX", "CNNCompiler", "CNNRuntime", "CNNNumPy", "CNNTestSupport"]),
        .testTarget(name: "CNNPassesTests", dependencies: ["CNNPasses", "CNNFrontend", "CNNTestSupport"]),
        .testTarget(
            name: "CNNCodegenCTests", dependencies: ["CNNCodegenC", "CNNFrontend", "CNNPasses", "CNNTestSupport"], exclude: ["Snapshots"]),
        .testTarget(
            name: "CNNRuntimeTests", dependencies: ["CNNRuntime", "CNNErrors", "CNNCompiler", "CNNTestSupport"], exclude: ["Fixtures"]),
        .testTarget(
            name: "CNNCompilerTests",
            dependencies: [
                "CNNCompiler", "CNNToolchain", "CNNCodegenC", "CNNPasses", "CNNIR", "CNNRuntime", "CNNFrontend", "CNNNumPy",
                "CNNTestSupport",
            ]),
        .testTarget(name: "CNNReportTests", dependencies: ["CNNReport"]),
        .testTarget(name: "CNNFuzzTests", dependencies: ["CNNFuzzTargets", "CNNCompiler", "CNNTestSupport"]),
        .testTarget(name: "CLITests", dependencies: ["CNNFrontend", "CNNNumPy", "CNNTestSupport", "CNNToolchain", "CNNFiles"]),
    ]
)
