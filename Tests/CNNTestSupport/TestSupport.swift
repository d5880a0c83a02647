import CNNCompiler
import CNNFiles
import CNNIR
import CNNNumPy
import CNNRuntime
import Foundation

/// Paths of the checkout and of built products, for tests.
public enum TestPaths {
    /// The repository root (the directory holding Package.swift).
    public static let repoRoot: URL = {
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/" {
            url.deleteLastPathComponent()
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url }
        }
        preconditionFailure("Package.swift not found above \(#filePath)")
    }()

    /// A path relative to the repository root.
    public static func repo(_ relative: String) -> String { repoRoot.appendingPathComponent(relative).path }

    /// The directory of the test runner, where SwiftPM also puts the `cnnc` executable.
    public static let productsDirectory: URL = {
        let runner = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        var dir = runner.deletingLastPathComponent()
        // On Linux the runner is `<products>/cnncPackageTests.xctest`; on macOS it is inside a bundle.
        while dir.path != "/" && !FileManager.default.fileExists(atPath: dir.appendingPathComponent("cnnc").path) {
            dir.deleteLastPathComponent()
        }
        return dir
    }()

    /// The built `cnnc` binary.
    public static var cnnc: String { productsDirectory.appendingPathComponent("cnnc").path }
}

/// A temporary directory removed when the value is deinitialised.
public final class TemporaryDirectory: @unchecked Sendable {
    public let url: URL
    public init() {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("cnnc-test-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }
    deinit { try? FileManager.default.removeItem(at: url) }
    /// A path inside the directory.
    public func path(_ name: String) -> String { url.appendingPathComponent(name).path }
    /// Writes text to a file inside and returns its path.
    @discardableResult
    public func write(_ name: String, _ text: String) -> String {
        let p = path(name)
        FileManager.default.createFile(atPath: p, contents: Data(text.utf8))
        return p
    }
}

/// The largest tolerance violation between two float arrays, or nil when all are within atol + rtol * |expected|.
public struct Mismatch: CustomStringConvertible, Sendable {
    public var index: Int
    public var actual: Float
    public var expected: Float
    public var description: String { "element \(index): got \(actual), expected \(expected) (diff \(abs(actual - expected)))" }

    public static func find(_ actual: [Float], _ expected: [Float], atol: Float, rtol: Float) -> Mismatch? {
        guard actual.count == expected.count else {
            return Mismatch(index: -1, actual: Float(actual.count), expected: Float(expected.count))
        }
        var worst: Mismatch?
        var worstExcess: Float = 0
        for i in actual.indices {
            let diff = abs(actual[i] - expected[i])
            let allowed = atol + rtol * abs(expected[i])
            if !(diff <= allowed) {
                let excess = diff.isNaN ? .infinity : diff - allowed
                if worst == nil || excess > worstExcess {
                    worst = Mismatch(index: i, actual: actual[i], expected: expected[i])
                    worstExcess = excess
                }
            }
        }
        return worst
    }
}

/// Compiles a description into a temporary library and loads it.
public struct CompiledModel {
    public let library: ModelLibrary
    public let result: CompileResult
    public let directory: TemporaryDirectory

    public init(net: String, options: CompileOptions = CompileOptions()) throws {
        directory = TemporaryDirectory()
        let lib = directory.path("lib\(UUID().uuidString.prefix(6)).so")
        result = try Compiler.compile(netPath: net, output: lib, options: options)
        library = try ModelLibrary(path: lib)
    }

    /// Compiles an already loaded graph (e.g. an imported ONNX model).
    public init(graph: Graph, options: CompileOptions = CompileOptions()) throws {
        directory = TemporaryDirectory()
        let lib = directory.path("lib\(UUID().uuidString.prefix(6)).so")
        result = try Compiler.compile(graph: graph, output: lib, options: options)
        library = try ModelLibrary(path: lib)
    }

    /// Runs a batch through a fresh session.
    public func run(_ inputs: [[Float]], batch: Int, maxBatch: Int? = nil, threads: Int = 0) throws -> [[Float]] {
        let session = try library.makeSession(maxBatch: maxBatch ?? batch, threads: threads)
        return try session.run(batch: batch, inputs: inputs)
    }
}

/// Runs a command-line program with an argument array; returns status, stdout and stderr
/// (`ChildProcess`, as cnnc starts its compiler: a signal that ends the program gives 128 + its number).
public func runProcess(
    _ executable: String, _ arguments: [String], cwd: String? = nil, environment: [String: String]? = nil
) throws -> (status: Int32, stdout: String, stderr: String) {
    let r = try ChildProcess.run(executable, arguments, directory: cwd, environment: environment)
    return (r.status, r.stdoutText, r.stderrText)
}

/// Reads a float32 .npy file (test data).
public func loadNPY(_ path: String) throws -> NPYArray { try NPY.read(contentsOf: path) }
