import CNNTestSupport
import Foundation
import Testing

/// The fixture libraries, compiled once per test process from `Fixtures/*.c.in` (C sources;
/// the `.in` suffix keeps SwiftPM from treating them as sources of this Swift target).
struct Fixtures: Sendable {
    /// The temporary directory holding the compiled libraries.
    let directory: URL

    /// The path of the compiled fixture `name` (e.g. "scale" for `fixture_scale.c.in`).
    func library(_ name: String) -> String { directory.appendingPathComponent("lib\(name).so").path }

    /// A fresh path in the fixtures directory for a test to write a file to.
    func scratchPath(_ name: String) -> String {
        directory.appendingPathComponent("\(UUID().uuidString)-\(name)").path
    }

    static let names = ["scale", "add", "bad_abi", "bad_desc", "two_models", "no_model"]

    /// Compiles every fixture, or throws with clang's own message.
    static func build() throws -> Fixtures {
        let testsDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        let repo = testsDirectory.deletingLastPathComponent().deletingLastPathComponent()
        let include = repo.appendingPathComponent("Runtime/CModelABI/include").path
        let directory = URL(fileURLWithPath: fixtureDirectory)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        atexit { try? FileManager.default.removeItem(atPath: fixtureDirectory) }
        let compiler = try findCompiler()
        for name in names {
            let source = testsDirectory.appendingPathComponent("Fixtures/fixture_\(name).c.in").path
            let output = directory.appendingPathComponent("lib\(name).so").path
            try runProcess(
                compiler,
                [
                    "-x", "c", "-std=c11", "-shared", "-fPIC", "-O1", "-Wall", "-Werror",
                    "-I", include, source, "-o", output,
                ])
        }
        return Fixtures(directory: directory)
    }

    /// `$CC` if set, else `clang` from `PATH`.
    private static func findCompiler() throws -> String {
        let environment = ProcessInfo.processInfo.environment
        let name = environment["CC"].flatMap { $0.isEmpty ? nil : $0 } ?? "clang"
        if name.contains("/") { return name }
        for directory in (environment["PATH"] ?? "/usr/bin").split(separator: ":") {
            let candidate = "\(directory)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        throw FixtureError("no C compiler: set $CC or put clang on PATH")
    }

    private static func runProcess(_ executable: String, _ arguments: [String]) throws {
        let result = try CNNTestSupport.runProcess(executable, arguments)
        guard result.status == 0 else {
            throw FixtureError("\(executable) \(arguments.joined(separator: " ")) failed:\n" + result.stderr)
        }
    }
}

/// A failure to prepare fixtures (not a runtime bug).
struct FixtureError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// Where this test process keeps its compiled fixtures; removed at exit.
private let fixtureDirectory = FileManager.default.temporaryDirectory
    .appendingPathComponent("cnnc-runtime-tests-\(UUID().uuidString)").path

/// Built lazily, once, on first use (a global's initializer runs exactly once, thread-safely).
private let sharedFixtures: Result<Fixtures, FixtureError> = {
    do { return .success(try Fixtures.build()) } catch let error as FixtureError {
        return .failure(error)
    } catch {
        return .failure(FixtureError("\(error)"))
    }
}()

/// The compiled fixtures; a test fails with the compiler's message if they cannot be built.
func fixtures() throws -> Fixtures { try sharedFixtures.get() }

/// `count` floats counting up from `start`, distinct per sample so mix-ups show.
func ramp(_ count: Int, from start: Float = 1) -> [Float] { (0..<count).map { start + Float($0) } }
