import CNNFiles
import Foundation

/// How a generated library runs its parallel loops.
public enum ThreadsRuntime: String, Sendable, CaseIterable {
    /// OpenMP: built with `-fopenmp`, needs the compiler's OpenMP runtime (libomp for clang, libgomp for gcc).
    case openmp
    /// One thread, no run-time dependency beyond libc and libm: built without `-fopenmp`, so the
    /// `#pragma omp` lines are ignored and the source's fallbacks replace the two OpenMP calls it makes.
    case none
}

/// What one compiler invocation produces.
public enum BuildProduct: Sendable {
    /// A shared library (`-shared`), linked against libm.
    case sharedLibrary
    /// A position-independent object file (`-c`), for a static library.
    case object

    var compilerFlags: [String] {
        switch self {
        case .sharedLibrary: return ["-shared"]
        case .object: return ["-c"]
        }
    }

    var linkerInputs: [String] {
        switch self {
        case .sharedLibrary: return ["-lm"]
        case .object: return []
        }
    }
}

extension Toolchain {
    /// `-fopenmp`, plus `-fno-openmp-implicit-rpath` when the compiler otherwise writes a run path
    /// into OpenMP libraries (clang 13 and later add LLVM's library directory, which other machines
    /// lack) and accepts the flag that stops it. Probed by building `probeSource` in `directory`.
    static func noRunPathFlags(_ compiler: String, probeSource: String, in directory: String) throws -> [String] {
        let plain = directory + "/probe.so"
        guard let dynamic = try? ELFDynamicSection.read(path: plain), !(dynamic.runpath + dynamic.rpath).isEmpty else {
            return ["-fopenmp"]
        }
        let flags = ["-fopenmp", "-fno-openmp-implicit-rpath"]
        let without = directory + "/probe-norpath.so"
        let result = try run(compiler, flags + ["-shared", "-fPIC", "-o", without, probeSource], in: directory)
        guard result.status == 0, let checked = try? ELFDynamicSection.read(path: without), (checked.runpath + checked.rpath).isEmpty else {
            return ["-fopenmp"]
        }
        return flags
    }

    /// Each group of `optimizationFlagGroupsToProbe` with which the compiler builds `probeSource`
    /// (clang: every group; gcc rejects `-mllvm`).
    static func acceptedOptimizationFlags(
        _ compiler: String, otherFlags: [String], probeSource: String, in directory: String
    ) throws -> [String] {
        var accepted: [String] = []
        for flags in optimizationFlagGroupsToProbe {
            let result = try run(
                compiler, flags + otherFlags + ["-O3", "-c", "-o", directory + "/probe-flags.o", probeSource], in: directory)
            if result.status == 0 { accepted += flags }
        }
        return accepted
    }

    /// `linkerFlagsToProbe` when the compiler links `probeSource` into a shared library with
    /// them, else none.
    static func acceptedLinkerFlags(_ compiler: String, otherFlags: [String], probeSource: String, in directory: String) throws -> [String]
    {
        let flags = linkerFlagsToProbe
        let result = try run(
            compiler, flags + otherFlags + ["-shared", "-fPIC", "-o", directory + "/probe-linker.so", probeSource], in: directory)
        return result.status == 0 ? flags : []
    }

    /// The OpenMP runtime among the libraries the shared library at `path` needs (`libomp.so.5`, `libgomp.so.1`, ...), if any.
    public static func openMPRuntime(ofLibrary path: String) -> String? {
        guard let dynamic = try? ELFDynamicSection.read(path: path) else { return nil }
        return dynamic.needed.first { $0.hasPrefix("libomp") || $0.hasPrefix("libgomp") || $0.hasPrefix("libiomp") }
    }

    /// Finds an archiver: `$AR` if set, else `llvm-ar` beside the compiler, else `ar` then `llvm-ar` on PATH.
    public func archiver(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> String {
        if let ar = environment["AR"], !ar.isEmpty {
            guard let path = Toolchain.resolve(ar, environment: environment) else {
                throw ToolchainError(
                    "the archiver named by $AR ('\(ar)') was not found; unset AR or install binutils (apt-get install -y binutils)")
            }
            return path
        }
        let beside = (compiler as NSString).deletingLastPathComponent + "/llvm-ar"
        if FileManager.default.isExecutableFile(atPath: beside) { return beside }
        for name in ["ar", "llvm-ar"] {
            if let path = Toolchain.allOnPath(name, environment: environment).first { return path }
        }
        throw ToolchainError(
            "no archiver found for --emit static (looked for $AR, ar and llvm-ar on PATH); install one with: apt-get install -y binutils")
    }

    /// Packs `object` into a new static library (an `ar` archive with a symbol index) at `output`,
    /// a temporary path the caller renames into place. `memberName` is the object's name inside it.
    /// Deterministic (`D`: zero timestamps, owners and modes), so the same object gives the same bytes.
    public func buildStaticLibrary(object: String, memberName: String, workingDirectory: String, output: String) throws {
        let ar = try archiver()
        let member = workingDirectory + "/" + memberName
        if member != object {
            do { try FileManager.default.moveItem(atPath: object, toPath: member) } catch {
                throw ToolchainError(
                    "cannot name the object file in the work directory '\(workingDirectory)': \(error.localizedDescription)")
            }
        }
        let result: ProcessResult
        do {
            result = try Toolchain.run(ar, ["rcsD", output, memberName], in: workingDirectory)
        } catch {
            throw ToolchainError("could not run the archiver \(ar): \(error)")
        }
        guard result.status == 0 else {
            let excerpt = result.stderr.split(separator: "\n").prefix(12).joined(separator: "\n")
            throw ToolchainError("the archiver (\(ar)) failed with status \(result.status) writing the static library:\n\(excerpt)")
        }
        try Toolchain.checkStaticLibrary(at: output, archiver: ar)
    }

    /// Checks that `path` is an `ar` archive (`!<arch>` magic), so a tool that exits 0 without writing one is an error.
    public static func checkStaticLibrary(at path: String, archiver: String) throws {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw ToolchainError("the archiver (\(archiver)) reported success but wrote no file; expected an ar archive")
        }
        defer { try? handle.close() }
        let magic = (try? handle.read(upToCount: 8)) ?? Data()
        guard magic == Data("!<arch>\n".utf8) else {
            throw ToolchainError("the archiver (\(archiver)) reported success but wrote a file that is not an ar archive")
        }
    }
}
