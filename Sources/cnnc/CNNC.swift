import ArgumentParser
import CNNFiles
import CNNIR
import Foundation

/// `cnnc`: compile convolutional networks ahead of time into fused, parallel shared libraries.
@main
struct CNNC: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cnnc",
        abstract: "An ahead-of-time compiler for convolutional neural networks.",
        discussion:
            "Compiles a network description (net.json) into one self-contained shared library of C kernels specialised to its shapes.",
        version: "0.1.0",
        subcommands: [Compile.self, Run.self, Inspect.self, Bench.self, Import.self, Verify.self, Report.self]
    )

    /// Parses, runs, and renders every failure once as `error: ...` with exit status 1 (cli.md).
    static func main() {
        // No output of a command may replace a file it read (docs/cli.md, "Output files").
        InputFiles.startTracking()
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let exit as ExitCode where exit == .success {
            Foundation.exit(0)
        } catch let exit as ExitCode {
            Foundation.exit(exit.rawValue == 0 ? 0 : 1)
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                // --help and --version.
                print(fullMessage(for: error))
                Foundation.exit(0)
            }
            Diagnostics.report(error, argumentMessage: fullMessage(for: error))
            Foundation.exit(1)
        }
    }
}

/// The one place errors are rendered for the user.
enum Diagnostics {
    static func report(_ error: Error, argumentMessage: String) {
        let lines: [String]
        switch error {
        // Every error of the compiler and runtime layers (`Diagnostic`, `RuntimeError`, `NPYError`,
        // `FileError`, `RunError`): located, one `error:` line per problem.
        case let located as any LocatedError: lines = located.lines
        case let e as CustomStringConvertible where !(error is ValidationError): lines = [e.description]
        default: lines = [argumentMessage.hasPrefix("Error: ") ? String(argumentMessage.dropFirst(7)) : argumentMessage]
        }
        FileHandle.standardError.write(Data(lines.map { "error: " + $0 + "\n" }.joined().utf8))
    }

    /// Prints a note on standard error (progress and warnings), never on standard output.
    static func note(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}
