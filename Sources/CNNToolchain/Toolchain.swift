import CNNFiles
import Foundation

/// A failure to find or run the C toolchain, worded for the user.
public struct ToolchainError: Error, CustomStringConvertible, Sendable {
    public var description: String
    public init(_ description: String) { self.description = description }
}

/// What the generated code is tuned for.
public enum TargetCPU: String, Sendable, CaseIterable {
    /// This machine's CPU (`-march=native`, 512-bit vectors on AVX-512 hosts).
    case native
    /// Any x86-64 with AVX-512 F/BW/CD/DQ/VL (x86-64-v4), 512-bit vectors.
    case x86_64_v4 = "x86-64-v4"
    /// Any x86-64 with AVX2 and FMA (x86-64-v3).
    case x86_64_v3 = "x86-64-v3"
    /// Portable C for any CPU the compiler targets by default.
    case generic
}

/// A C compiler with OpenMP that builds generated models into shared libraries.
public struct Toolchain: Sendable {
    /// Absolute path of the compiler.
    public let compiler: String
    /// Directory holding the OpenMP runtime the library links against (added as its rpath), if not a system directory.
    public let openMPLibraryDirectory: String?

    /// The hint every "no usable compiler" error ends with.
    public static let installHint = "install one with: apt-get install -y clang libomp-dev"

    /// Finds a C compiler that builds OpenMP code: `$CC` if set, else `clang` then `gcc` on PATH.
    /// The probe result is cached for the life of the process.
    public static func find(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> Toolchain {
        try cache.withLock { cached in
            let key = (environment["CC"] ?? "") + "|" + (environment["PATH"] ?? "")
            if let hit = cached[key] { return hit }
            let found = try probe(environment: environment)
            cached[key] = found
            return found
        }
    }

    private static let cache = LockedDictionary()

    static func probe(environment: [String: String]) throws -> Toolchain {
        var candidates: [String] = []
        if let cc = environment["CC"], !cc.isEmpty {
            guard let path = resolve(cc, environment: environment) else {
                throw ToolchainError("the C compiler named by $CC ('\(cc)') was not found; unset CC or \(installHint)")
            }
            candidates = [path]
        } else {
            for name in ["clang", "gcc", "cc"] {
                for path in allOnPath(name, environment: environment) where !candidates.contains(path) { candidates.append(path) }
            }
        }
        guard !candidates.isEmpty else {
            throw ToolchainError("no C compiler found (looked for $CC, clang, gcc and cc on PATH); \(installHint)")
        }
        var problems: [String] = []
        for compiler in candidates {
            switch checkOpenMP(compiler) {
            case .success(let toolchain): return toolchain
            case .failure(let problem): problems.append("\(compiler): \(problem)")
            }
        }
        throw ToolchainError("no C compiler with OpenMP support found (\(problems.joined(separator: "; "))); \(installHint)")
    }

    /// Builds a one-line OpenMP library to check the compiler, omp.h and the runtime library are all there.
    static func checkOpenMP(_ compiler: String) -> Result<Toolchain, ToolchainError> {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("cnnc-probe-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        do {
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            let source = dir.appendingPathComponent("probe.c").path
            try "#include <omp.h>\nint probe(void) { return omp_get_max_threads(); }\n".write(toFile: source, atomically: true, encoding: .utf8)
            let result = try run(compiler, ["-fopenmp", "-shared", "-fPIC", "-o", dir.appendingPathComponent("probe.so").path, source], in: dir.path)
            guard result.status == 0 else {
                let firstLine = result.stderr.split(separator: "\n").first.map(String.init) ?? "exit status \(result.status)"
                return .failure(ToolchainError("cannot build OpenMP code (\(firstLine))"))
            }
            let located = try run(compiler, ["-print-file-name=libomp.so"], in: dir.path)
            let path = located.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
            var libraryDirectory: String?
            if path.hasPrefix("/") {
                let resolved = URL(fileURLWithPath: path).resolvingSymlinksInPath().deletingLastPathComponent().path
                libraryDirectory = resolved
            }
            return .success(Toolchain(compiler: compiler, openMPLibraryDirectory: libraryDirectory))
        } catch {
            return .failure(ToolchainError("\(error)"))
        }
    }

    /// The flags for `target` on this host.
    public static func targetFlags(_ target: TargetCPU) -> [String] {
        switch target {
        case .native:
            // clang 14 splits 512-bit vector code into 256-bit halves unless told otherwise (perf-notes.md).
            return HostCPU.hasAVX512 ? ["-march=native", "-mprefer-vector-width=512"] : ["-march=native"]
        case .x86_64_v4: return ["-march=x86-64-v4", "-mprefer-vector-width=512"]
        case .x86_64_v3: return ["-march=x86-64-v3"]
        case .generic: return []
        }
    }

    /// Compiles `sourceFile` (which `.incbin`s files in `workingDirectory`) into a shared library at `output`.
    /// Callers pass a temporary path and rename it into place, so a failed build leaves nothing behind.
    /// Past `timeLimit` seconds the compiler (and everything it started) is stopped and the build fails.
    public func buildSharedLibrary(sourceFile: String, workingDirectory: String, output: String, target: TargetCPU, extraFlags: [String] = [], timeLimit: Double? = nil) throws {
        var args = ["-std=c11", "-O3", "-fopenmp", "-shared", "-fPIC", "-fvisibility=hidden", "-fno-math-errno", "-w"]
        args += Toolchain.targetFlags(target)
        if let dir = openMPLibraryDirectory { args += ["-Wl,-rpath,\(dir)"] }
        args += extraFlags
        args += ["-o", output, sourceFile, "-lm"]
        let result: ProcessResult
        do {
            // TMPDIR: clang's object file goes into the work directory, removed with it (also on an interrupt).
            result = try Toolchain.run(compiler, args, in: workingDirectory, timeLimit: timeLimit, temporaryDirectory: workingDirectory)
        } catch {
            throw ToolchainError("could not run the C compiler \(compiler): \(error)")
        }
        if result.timedOut, let timeLimit {
            throw ToolchainError("the C compiler (\(compiler)) did not finish within \(Int(timeLimit)) s and was stopped; expected it to finish (raise the limit with --cc-timeout SECONDS, 0 for none)")
        }
        guard result.status == 0 else {
            let excerpt = result.stderr.split(separator: "\n").prefix(12).joined(separator: "\n")
            for full in ["No space left on device", "Disk quota exceeded"] where result.stderr.contains(full) {
                let directory = (output as NSString).deletingLastPathComponent
                throw ToolchainError("the C compiler (\(compiler)) could not write the library: \(full.lowercased()) (in the output's directory '\(directory.isEmpty ? "." : directory)' or the temporary directory '\(FileManager.default.temporaryDirectory.path)'); free some space and retry:\n\(excerpt)")
            }
            throw ToolchainError("the C compiler (\(compiler)) failed with status \(result.status); this is a cnnc bug, please report it with the network description:\n\(excerpt)")
        }
    }
}

extension Toolchain {
    /// Checks that the compiler left a shared library at `path`: a regular ELF file of type
    /// ET_DYN. A "compiler" that exits 0 without writing one (`CC=/bin/true`) is an error, not
    /// a garbage file installed as the library.
    public static func checkSharedLibrary(at path: String, compiler: String) throws {
        func refuse(_ got: String) -> ToolchainError {
            ToolchainError("the C compiler (\(compiler)) reported success but \(got); expected an ELF shared library (is $CC a C compiler?)")
        }
        var info = stat()
        guard stat(path, &info) == 0 else { throw refuse("wrote no file") }
        guard (info.st_mode & S_IFMT) == S_IFREG else { throw refuse("left something that is not a regular file") }
        guard let handle = FileHandle(forReadingAtPath: path) else { throw refuse("wrote a file that cannot be read") }
        defer { try? handle.close() }
        let header = [UInt8]((try? handle.read(upToCount: 64)) ?? Data())
        guard header.count >= 4, header[0] == 0x7F, header[1] == 0x45, header[2] == 0x4C, header[3] == 0x46 else { throw refuse("wrote a file that is not ELF") }
        guard header.count == 64 else { throw refuse("wrote an ELF file of only \(info.st_size) bytes") }
        let type = UInt16(header[16]) | UInt16(header[17]) << 8
        guard header[5] != 1 || type == 3 else { throw refuse("wrote an ELF file of type \(type), not a shared object") }
    }
}

/// Facts about the CPU this process runs on.
public enum HostCPU {
    /// True when /proc/cpuinfo lists avx512f.
    public static let hasAVX512 = hasFlag("avx512f")
    /// True when /proc/cpuinfo lists avx2 and fma.
    public static let hasAVX2 = hasFlag("avx2") && hasFlag("fma")

    static func hasFlag(_ flag: String) -> Bool {
        guard let info = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8) else { return false }
        return info.split(separator: "\n").contains { line in
            line.hasPrefix("flags") && line.split(separator: " ").contains(Substring(flag))
        }
    }
}

final class LockedDictionary: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [String: Toolchain] = [:]
    func withLock<T>(_ body: (inout [String: Toolchain]) throws -> T) rethrows -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body(&values)
    }
}
