import CNNTestSupport
import Foundation
import Testing

/// Header include guards keep the case of the prefix (issue 15, item 9).
@Suite struct HeaderGuardTests {
    /// A one-relu description of model `name` written into `dir`.
    func tinyNamedNet(_ dir: TemporaryDirectory, name: String) throws -> String {
        let path = dir.path("\(name).json")
        try net(#"{"name": "r", "op": "relu"}"#).replacingOccurrences(of: #""name": "t""#, with: #""name": "\#(name)""#)
            .write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// Models named `net` and `Net` can be included in one C file.
    @Test func headerGuardsKeepTheCaseOfTheModelName() throws {
        let dir = TemporaryDirectory()
        for name in ["net", "Net"] {
            let r = try cnnc([
                "compile", try tinyNamedNet(dir, name: name), "-o", dir.path("\(name).so"), "--header", dir.path("\(name).h"),
            ])
            #expect(r.status == 0, "\(r)")
        }
        let lower = try String(contentsOfFile: dir.path("net.h"), encoding: .utf8)
        let upper = try String(contentsOfFile: dir.path("Net.h"), encoding: .utf8)
        #expect(lower.contains("#ifndef net_CNNC_MODEL_H") && upper.contains("#ifndef Net_CNNC_MODEL_H"))
        // Both headers in one translation unit: every declaration of each model is seen.
        try
            "#include \"net.h\"\n#include \"Net.h\"\nint main(void) { return (int)(sizeof(&net_cnnc_model) + sizeof(&Net_cnnc_model)) == 0; }\n"
            .write(toFile: dir.path("both.c"), atomically: true, encoding: .utf8)
        let cc = try runProcess("/usr/bin/env", ["clang", "-fsyntax-only", "-I", dir.url.path, dir.path("both.c")])
        #expect(cc.status == 0, "\(cc.stderr)")
    }
}
