import CNNTestSupport
import Foundation
import Testing

/// `cnnc report` pages as a person sees them: rendered by headless Chromium (Debian's `chromium`,
/// installed by scripts/ensure-chromium.sh, which scripts/test.sh runs), with no script errors and
/// the page's own count of the kernels it drew equal to `cnnc inspect`'s.
@Suite("cnnc report in Chromium")
struct ReportBrowserTests {
    /// Chromium on PATH; its absence is a failure (the test script installs it), never a skip.
    static func chromium() throws -> String {
        for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin").split(separator: ":") {
            for name in ["chromium", "chromium-browser"] {
                let path = "\(dir)/\(name)"
                if FileManager.default.isExecutableFile(atPath: path) { return path }
            }
        }
        Issue.record("chromium is not on PATH: run scripts/ensure-chromium.sh (scripts/test.sh does)")
        throw CancellationError()
    }

    /// Headless Chromium on `html`; a fresh profile so runs do not share state.
    static func chromium(
        _ browser: String, _ arguments: [String], html: String, profile: String
    ) throws -> (status: Int32, stdout: String, stderr: String) {
        try runProcess(
            browser,
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--user-data-dir=\(profile)",
                "--enable-logging=stderr", "--v=0",
            ] + arguments + [URL(fileURLWithPath: html).absoluteString])
    }

    @Test(arguments: [
        ("examples/mobilenetv2/net.json", ["--seeded-weights", "1"]),
        ("Tests/Goldens/onnx/mininet_13/model.onnx", []),
    ])
    func rendersWithoutScriptErrors(_ net: String, _ options: [String]) throws {
        let browser = try Self.chromium()
        let dir = TemporaryDirectory()
        let html = dir.path("report.html")
        let r = try cnnc(["report", TestPaths.repo(net), "-o", html, "--target", "x86-64-v3"] + options)
        try #require(r.status == 0, "\(r)")
        let kernels = try ReportCommandTests.inspectKernels([TestPaths.repo(net)] + options)

        let dom = try Self.chromium(browser, ["--dump-dom"], html: html, profile: dir.path("profile-dom"))
        #expect(dom.status == 0, "\(dom.stderr)")
        // The page's script counts the kernel boxes it finds in the DOM and says whether that matches.
        #expect(dom.stdout.contains("id=\"js-status\" data-state=\"ok\" data-kernels=\"\(kernels)\""), "\(dom.stdout.prefix(2000))")
        #expect(dom.stdout.contains(">\(kernels) kernels drawn<"))
        for sign in ["Uncaught", "SyntaxError", "ReferenceError", "TypeError"] {
            #expect(!dom.stderr.contains(sign), "console: \(dom.stderr)")
        }

        let png = dir.path("report.png")
        let shot = try Self.chromium(
            browser, ["--screenshot=\(png)", "--window-size=1280,900", "--hide-scrollbars"], html: html, profile: dir.path("profile-shot"))
        #expect(shot.status == 0, "\(shot.stderr)")
        let bytes = try Data(contentsOf: URL(fileURLWithPath: png))
        #expect(bytes.starts(with: [0x89, 0x50, 0x4E, 0x47]), "a PNG")
        #expect(bytes.count > 10_000, "a page with content, not a blank one: \(bytes.count) bytes")
    }
}
