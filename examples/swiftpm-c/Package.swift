// swift-tools-version: 5.9
// A Swift program with the digits model vendored as C: `cnnc compile --emit c` writes the
// directory Sources/DigitsModel (digits.c, digits.h, digits.weights.bin), which SwiftPM
// builds as a C target; no cnnc, runtime or OpenMP needed (see README.md).
import PackageDescription

let package = Package(
    name: "DigitsSwiftPM",
    targets: [
        .target(
            name: "DigitsModel",
            exclude: ["digits.weights.bin"],
            publicHeadersPath: ".",
            // The source .incbin's digits.weights.bin through the include path: the target's own directory.
            cSettings: [.headerSearchPath(".")]
        ),
        .executableTarget(name: "DigitsApp", dependencies: ["DigitsModel"]),
    ]
)
