import CNNErrors
import CNNFiles
import Foundation

/// A failure to find or run the C toolchain, worded for the user (about no one file: `location` is empty).
public struct ToolchainError: LocatedError {
    public var message: String
    public var location: SourceLocation { SourceLocation() }
    public init(_ message: String) { self.message = message }
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
    /// 64-bit ARM Linux with NEON (32 128-bit registers, FMA): cross-compiled.
    case aarch64
    /// 64-bit ARM Linux, plain C kernels (no tiled NEON kernels): cross-compiled.
    case aarch64Generic = "aarch64-generic"

    /// The instruction-set architecture the code is for.
    public var architecture: Architecture {
        switch self {
        case .native, .x86_64_v4, .x86_64_v3, .generic: return .x86_64
        case .aarch64, .aarch64Generic: return .aarch64
        }
    }

    /// The CPU features (as `/proc/cpuinfo` spells them) the generated code needs: a library
    /// records them in its descriptor and refuses to run on a CPU without one of them.
    /// `native` needs the host's level (this machine's AVX-512 or AVX2 and FMA).
    public var requiredFeatures: [String] {
        switch self {
        case .native:
            return HostCPU.hasAVX512 ? TargetCPU.x86_64_v4.requiredFeatures : HostCPU.hasAVX2 ? TargetCPU.x86_64_v3.requiredFeatures : []
        case .x86_64_v4: return TargetCPU.x86_64_v3.requiredFeatures + ["avx512f", "avx512bw", "avx512cd", "avx512dq", "avx512vl"]
        case .x86_64_v3: return ["avx", "avx2", "fma", "bmi1", "bmi2"]
        case .generic, .aarch64, .aarch64Generic: return []
        }
    }

    /// A short tag for symbol names of this target's code in a multi-target library.
    public var tag: String {
        switch self {
        case .native: return "native"
        case .x86_64_v4: return "v4"
        case .x86_64_v3: return "v3"
        case .generic: return "generic"
        case .aarch64: return "aarch64"
        case .aarch64Generic: return "aarch64_generic"
        }
    }
}

/// The instruction-set architecture of a target.
public enum Architecture: String, Sendable {
    case x86_64 = "x86-64"
    case aarch64
    /// The architecture cnnc itself runs on.
    public static var host: Architecture {
        #if arch(arm64)
        return .aarch64
        #else
        return .x86_64
        #endif
    }
    /// The GNU triple of its Linux cross toolchain.
    public var triple: String { self == .aarch64 ? "aarch64-linux-gnu" : "x86_64-linux-gnu" }
}

/// What `--target` names: one target, or several whose kernels one library holds and chooses
/// among when it is loaded (`x86-64-v3,x86-64-v4`), or the `portable` preset.
public enum TargetList {
    /// The preset for shipping a library to other x86-64 machines: AVX-512 kernels, AVX2 kernels
    /// and a baseline fallback, chosen at load from the CPU's features.
    public static let portable: [TargetCPU] = [.x86_64_v4, .x86_64_v3, .generic]

    /// Parses `native`, `x86-64-v3`, `x86-64-v3,x86-64-v4`, `portable`, ... Names are checked,
    /// duplicates and mixed architectures refused; the order is the preference order: the
    /// most demanding target first (a list is sorted so, whatever order the user wrote).
    public static func parse(_ text: String) throws -> [TargetCPU] {
        var targets: [TargetCPU] = []
        let names = TargetCPU.allCases.map(\.rawValue) + ["portable"]
        for part in text.split(separator: ",", omittingEmptySubsequences: false).map({ $0.trimmingCharacters(in: .whitespaces) }) {
            let found: [TargetCPU]
            if part == "portable" {
                found = portable
            } else if let target = TargetCPU(rawValue: part) {
                found = [target]
            } else {
                throw ToolchainError(
                    "expected --target to be one of \(names.joined(separator: ", ")) or a comma-separated list of them, got '\(part)'")
            }
            for target in found {
                guard !targets.contains(target) else {
                    throw ToolchainError("expected each target once in --target, got '\(target.rawValue)' twice")
                }
                targets.append(target)
            }
        }
        if targets.count > 1 {
            if targets.contains(.native) {
                throw ToolchainError("expected named targets in a --target list (native is this machine only), got '\(text)'")
            }
            if Set(targets.map(\.architecture)).count > 1 {
                throw ToolchainError("expected the targets of a --target list to share one architecture, got '\(text)'")
            }
            if targets.contains(where: { $0.architecture != .x86_64 }) {
                throw ToolchainError("expected x86-64 targets in a --target list (load-time dispatch is x86-64 only), got '\(text)'")
            }
            // Most demanding first: the dispatcher takes the first one the CPU supports.
            targets.sort { $0.requiredFeatures.count > $1.requiredFeatures.count }
        }
        return targets
    }
}

/// A C compiler with OpenMP that builds generated models into shared libraries.
public struct Toolchain: Sendable {
    /// Absolute path of the compiler.
    public let compiler: String
    /// Directory holding the OpenMP runtime the library links against, if the compiler names one.
    /// Informational only: libraries carry no run path (docs/deploy.md), so they load on machines without this directory.
    public let openMPLibraryDirectory: String?
    /// The OpenMP runtime an OpenMP library built by this compiler needs at run time (its
    /// `DT_NEEDED` soname, e.g. `libomp.so.5` for clang, `libgomp.so.1` for gcc), if found.
    public var openMPRuntime: String? = nil

    /// Flags every compile and link passes to reach the target: `--target=` and `--sysroot=`
    /// for clang cross-compiling, `--sysroot=` for a cross gcc; empty for the host.
    public var crossFlags: [String] = []
    /// The flags that build OpenMP code: `-fopenmp`, plus `-fno-openmp-implicit-rpath` where clang
    /// would add a run path to its own directory; clang cross-compiling uses the cross gcc's libgomp.
    public var openMPFlags: [String] = ["-fopenmp"]
    /// Flags that tune the optimiser for generated kernels, passed to every compile: each group of
    /// `optimizationFlagGroupsToProbe` the compiler accepts (clang: all; gcc: the loop alignment,
    /// gcc unrolling neither way at -O3).
    public var optimizationFlags: [String] = []

    /// The optimiser's flags, in groups probed one by one (`acceptedOptimizationFlags`):
    /// - No partial or runtime unrolling (clang's `-mllvm` options). cnnc's emitters unroll the
    ///   kernels' register tiles and taps themselves, so clang's partial and runtime unrolling only
    ///   copies those large bodies again: with it, clang took 1.7x (ResNet-50) to 2.9x
    ///   (DenseNet-121) the wall time, and the libraries ran 1 to 3% slower (docs/benchmarks.md,
    ///   "Compile time"). Loops with a small constant trip count are still unrolled completely.
    /// - Loops aligned to 64 bytes. A kernel's inner loop then starts on a line of the instruction
    ///   and decoded-op caches wherever the linker places the function, instead of at an alignment
    ///   that changes with the code before it: the same kernel's speed moved by up to 10-15% from
    ///   one build of a network to another with other kernels changed. Paired runs on a Zen 3 core
    ///   (bench/ab-kernels, sum of the kernels, unaligned -> aligned, 1 / 2 threads): ResNet-50
    ///   0.954 / 0.977, DenseNet-121 0.945 / 0.986, GoogLeNet 0.977 / 0.995, EfficientNet-B0 0.976
    ///   / 0.977, MobileNetV2 0.995 / 0.993, ConvNeXt-Tiny 0.967 / 0.967.
    public static let optimizationFlagGroupsToProbe: [[String]] = [
        ["-mllvm", "-unroll-runtime=false", "-mllvm", "-unroll-allow-partial=false"],
        ["-falign-loops=64"],
    ]

    /// Every group of `optimizationFlagGroupsToProbe`, in order: what clang gets.
    public static var optimizationFlagsToProbe: [String] { optimizationFlagGroupsToProbe.flatMap { $0 } }

    /// Flags for every link that makes a library: `linkerFlagsToProbe` when the compiler links
    /// with them, else none (the compiler's default linker).
    public var linkerFlags: [String] = []

    /// LLVM's lld where the compiler can use it (clang finds `ld.lld` beside itself or on PATH;
    /// gcc 9 and later too). The library carries the model's weights, and linking is a copy of
    /// them: a 600 MB object (VGG-16's) took GNU ld 2.87 s and lld 1.50 s (docs/benchmarks.md,
    /// "Compile time").
    public static let linkerFlagsToProbe = ["-fuse-ld=lld"]

    public init(compiler: String, openMPLibraryDirectory: String?, crossFlags: [String] = [], openMPFlags: [String] = ["-fopenmp"]) {
        self.compiler = compiler
        self.openMPLibraryDirectory = openMPLibraryDirectory
        self.crossFlags = crossFlags
        self.openMPFlags = openMPFlags
    }

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

    /// The hint for a missing ARM64 cross toolchain.
    public static let crossInstallHint =
        "install one with: apt-get install -y gcc-aarch64-linux-gnu libc6-dev-arm64-cross libgomp1-arm64-cross (and qemu-user to run its libraries on this machine), or name a cross compiler with --cc"

    /// Finds the compiler for `architecture`: the host's as `find` does, or a cross compiler.
    /// `cc` (`--cc`) names the compiler (a path or a name on PATH) instead of the search; for
    /// ARM64 the search looks for `aarch64-linux-gnu-gcc`. A clang cross-compiles with
    /// `--target=aarch64-linux-gnu` and the cross gcc's libgomp; `sysroot` (`--sysroot`) is passed on.
    public static func find(
        for architecture: Architecture, cc: String?, sysroot: String?, environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws -> Toolchain {
        if let sysroot {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: sysroot, isDirectory: &isDirectory), isDirectory.boolValue else {
                throw ToolchainError("expected --sysroot to name a directory, got '\(sysroot)'")
            }
        }
        if architecture == Architecture.host, cc == nil {
            // The host's usual compiler (`$CC`, clang, gcc), with the sysroot if one is given.
            var found = try find(environment: environment)
            if let sysroot { found.crossFlags = ["--sysroot=\(sysroot)"] }
            return found
        }
        let compiler: String
        if let cc {
            guard let path = resolve(cc, environment: environment) else {
                throw ToolchainError(
                    "the C compiler named by --cc ('\(cc)') was not found; " + (architecture == .host ? installHint : crossInstallHint))
            }
            compiler = path
        } else {
            let name = architecture.triple + "-gcc"
            guard let path = resolve(name, environment: environment) else {
                throw ToolchainError("no C compiler for \(architecture.rawValue) found (looked for \(name) on PATH); \(crossInstallHint)")
            }
            compiler = path
        }
        var crossFlags = sysroot.map { ["--sysroot=\($0)"] } ?? []
        var openMP = ["-fopenmp"]
        if architecture != .host, (compiler as NSString).lastPathComponent.contains("clang") {
            crossFlags = ["--target=\(architecture.triple)"] + crossFlags
            openMP = ["-fopenmp=libgomp"]
        }
        switch checkOpenMP(compiler, crossFlags: crossFlags, openMPFlags: openMP) {
        case .success(let toolchain): return toolchain
        case .failure(let problem):
            throw ToolchainError(
                "the C compiler \(compiler) cannot build OpenMP code for \(architecture.rawValue) (\(problem)); "
                    + (architecture == .host ? installHint : crossInstallHint))
        }
    }

    /// Builds a one-line OpenMP library to check the compiler, omp.h and the runtime library are all there.
    static func checkOpenMP(
        _ compiler: String, crossFlags: [String] = [], openMPFlags: [String] = ["-fopenmp"]
    ) -> Result<Toolchain, ToolchainError> {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("cnnc-probe-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        do {
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            let source = dir.appendingPathComponent("probe.c").path
            try "#include <omp.h>\nint probe(void) { return omp_get_max_threads(); }\n".write(
                toFile: source, atomically: true, encoding: .utf8)
            let result = try run(
                compiler, openMPFlags + crossFlags + ["-shared", "-fPIC", "-o", dir.appendingPathComponent("probe.so").path, source],
                in: dir.path)
            guard result.status == 0 else {
                let firstLine = result.stderr.split(separator: "\n").first.map(String.init) ?? "exit status \(result.status)"
                return .failure(ToolchainError("cannot build OpenMP code (\(firstLine))"))
            }
            let optimization = try acceptedOptimizationFlags(
                compiler, otherFlags: openMPFlags + crossFlags, probeSource: source, in: dir.path)
            let linker = try acceptedLinkerFlags(compiler, otherFlags: openMPFlags + crossFlags, probeSource: source, in: dir.path)
            if !crossFlags.isEmpty || openMPFlags != ["-fopenmp"] {
                var toolchain = Toolchain(compiler: compiler, openMPLibraryDirectory: nil, crossFlags: crossFlags, openMPFlags: openMPFlags)
                toolchain.optimizationFlags = optimization
                toolchain.linkerFlags = linker
                return .success(toolchain)
            }
            let located = try run(compiler, ["-print-file-name=libomp.so"], in: dir.path)
            let path = located.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
            var libraryDirectory: String?
            if path.hasPrefix("/") {
                let resolved = URL(fileURLWithPath: path).resolvingSymlinksInPath().deletingLastPathComponent().path
                libraryDirectory = resolved
            }
            var toolchain = Toolchain(compiler: compiler, openMPLibraryDirectory: libraryDirectory)
            toolchain.openMPRuntime = openMPRuntime(ofLibrary: dir.appendingPathComponent("probe.so").path)
            toolchain.openMPFlags = try noRunPathFlags(compiler, probeSource: source, in: dir.path)
            toolchain.optimizationFlags = optimization
            toolchain.linkerFlags = linker
            return .success(toolchain)
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
        case .aarch64, .aarch64Generic: return ["-march=armv8-a"]
        }
    }

    /// One translation unit of a library and the target flags it is compiled with.
    public struct Unit: Sendable {
        public var source: String
        public var flags: [String]
        public init(source: String, flags: [String]) {
            self.source = source
            self.flags = flags
        }
    }

    /// What building a library from several units took.
    public struct BuildTimes: Sendable {
        /// Wall seconds from the first compiler start to the last object written.
        public var compileSeconds: Double = 0
        /// Wall seconds of the link.
        public var linkSeconds: Double = 0
        /// CPU seconds (user + system) of the compiler and linker processes.
        public var cpuSeconds: Double = 0
        /// Compiler processes run at once.
        public var jobs = 1
        /// Units compiled.
        public var units = 0
    }

    /// How many compiler processes to run at once by default: one per processor this process may use.
    public static var defaultJobs: Int { max(1, ProcessInfo.processInfo.activeProcessorCount) }

    /// Compiles several translation units, each with its own target flags (a multi-target
    /// library: one unit per target's kernels and a dispatcher; a large model: its kernels split
    /// over several units), `jobs` compiler processes at a time, and links them into a shared
    /// library at `output`. Same contract as `buildSharedLibrary(sourceFile:...)`; no run path.
    /// The objects are linked in the order of `units`, whatever order they finish in.
    @discardableResult
    public func buildSharedLibrary(
        units: [Unit], workingDirectory: String, output: String, timeLimit: Double? = nil, threads: ThreadsRuntime = .openmp,
        jobs: Int = Toolchain.defaultJobs
    ) throws -> BuildTimes {
        let start = DispatchTime.now().uptimeNanoseconds
        let cpuBefore = Toolchain.childrenCPUSeconds()
        @Sendable func remaining() -> Double? {
            timeLimit.map { max(1, $0 - Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9) }
        }
        let openMP = threads == .openmp ? openMPFlags : []
        let objects = units.indices.map { workingDirectory + "/unit\($0).o" }
        let workers = max(1, min(jobs, units.count))
        // Workers take the next unit in order; after a failure no new unit starts. The first
        // failure in unit order is reported.
        let queue = UnitQueue(count: units.count)
        let work = { @Sendable in
            while let index = queue.next() {
                let unit = units[index]
                var args =
                    ["-std=c11", "-O3", "-fPIC", "-fvisibility=hidden", "-fno-math-errno", "-w"] + self.optimizationFlags + openMP
                    + self.crossFlags
                args += unit.flags + ["-c", "-o", objects[index], unit.source]
                do {
                    try self.invoke(
                        args, workingDirectory: workingDirectory, output: objects[index], timeLimit: remaining(), limit: timeLimit)
                } catch {
                    queue.fail(index, error)
                }
            }
        }
        if workers == 1 {
            work()
        } else {
            let group = DispatchGroup()
            for _ in 0..<workers {
                group.enter()
                Thread.detachNewThread {
                    work()
                    group.leave()
                }
            }
            group.wait()
        }
        if let error = queue.firstError { throw error }
        let compiled = DispatchTime.now().uptimeNanoseconds
        let link = ["-shared", "-fPIC", "-o", output] + objects + ["-lm"]
        try invoke(
            openMP + crossFlags + linkerFlags + link, workingDirectory: workingDirectory, output: output, timeLimit: remaining(),
            limit: timeLimit, fallback: linkerFlags.isEmpty ? nil : openMP + crossFlags + link)
        let end = DispatchTime.now().uptimeNanoseconds
        return BuildTimes(
            compileSeconds: Double(compiled - start) / 1e9, linkSeconds: Double(end - compiled) / 1e9,
            cpuSeconds: Toolchain.childrenCPUSeconds() - cpuBefore, jobs: workers, units: units.count)
    }

    /// User + system CPU seconds of this process's finished children.
    public static func childrenCPUSeconds() -> Double {
        var usage = rusage()
        guard getrusage(RUSAGE_CHILDREN.rawValue, &usage) == 0 else { return 0 }
        func seconds(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }

    /// Compiles `sourceFile` (which `.incbin`s files in `workingDirectory`) into a shared library at `output`
    /// (or, with `product: .object`, a position-independent object file for a static library).
    /// Callers pass a temporary path and rename it into place, so a failed build leaves nothing behind.
    /// Past `timeLimit` seconds the compiler (and everything it started) is stopped and the build fails.
    /// The library gets no run path: it finds the OpenMP runtime where the system's loader looks (docs/deploy.md).
    public func buildSharedLibrary(
        sourceFile: String, workingDirectory: String, output: String, target: TargetCPU, extraFlags: [String] = [],
        timeLimit: Double? = nil,
        product: BuildProduct = .sharedLibrary, threads: ThreadsRuntime = .openmp
    ) throws {
        var args =
            ["-std=c11", "-O3"] + optimizationFlags + (threads == .openmp ? openMPFlags : []) + product.compilerFlags + [
                "-fPIC", "-fvisibility=hidden", "-fno-math-errno", "-w",
            ] + crossFlags
        args += Toolchain.targetFlags(target)
        args += extraFlags
        let tail = ["-o", output, sourceFile] + product.linkerInputs
        let linking = product == .sharedLibrary && !linkerFlags.isEmpty
        try invoke(
            args + (linking ? linkerFlags : []) + tail, workingDirectory: workingDirectory, output: output, timeLimit: timeLimit,
            limit: timeLimit, fallback: linking ? args + tail : nil)
    }

    /// Runs the compiler with `args`, turning a failure into a worded `ToolchainError`. With a
    /// `fallback` (the same command with the compiler's default linker instead of
    /// `linkerFlags`), a failure that is not a timeout runs that once more and reports its
    /// result: lld writes its output through a mapping, so a full disk kills it with SIGBUS
    /// where GNU ld reports ENOSPC, which is then named as a full disk.
    func invoke(
        _ args: [String], workingDirectory: String, output: String, timeLimit: Double?, limit: Double?, fallback: [String]? = nil
    ) throws {
        func run(_ args: [String]) throws -> ProcessResult {
            do {
                // TMPDIR: clang's object file goes into the work directory, removed with it (also on an interrupt).
                return try Toolchain.run(compiler, args, in: workingDirectory, timeLimit: timeLimit, temporaryDirectory: workingDirectory)
            } catch {
                throw ToolchainError("could not run the C compiler \(compiler): \(error)")
            }
        }
        var result = try run(args)
        if result.status != 0, !result.timedOut, let fallback {
            Toolchain.removePartialOutput(output)
            result = try run(fallback)
        }
        if result.status != 0 { Toolchain.removePartialOutput(output) }
        if result.timedOut, let timeLimit = limit ?? timeLimit {
            throw ToolchainError(
                "the C compiler (\(compiler)) did not finish within \(Int(timeLimit)) s and was stopped; expected it to finish (raise the limit with --cc-timeout SECONDS, 0 for none)"
            )
        }
        guard result.status == 0 else {
            let excerpt = result.stderr.split(separator: "\n").prefix(12).joined(separator: "\n")
            for full in ["No space left on device", "Disk quota exceeded"] where result.stderr.contains(full) {
                let directory = (output as NSString).deletingLastPathComponent
                throw ToolchainError(
                    "the C compiler (\(compiler)) could not write the library: \(full.lowercased()) (in the output's directory '\(directory.isEmpty ? "." : directory)' or the temporary directory '\(FileManager.default.temporaryDirectory.path)'); free some space and retry:\n\(excerpt)"
                )
            }
            throw ToolchainError(
                "the C compiler (\(compiler)) failed with status \(result.status); this is a cnnc bug, please report it with the network description:\n\(excerpt)"
            )
        }
    }
}

extension Toolchain {
    /// Removes what a failed link may have left at `output`: the file itself and the linker's own
    /// temporary beside it (lld writes `<output>.tmp<random>` and renames it when done, so one
    /// killed by SIGBUS on a full disk leaves it). `output` is a name unique to this build.
    static func removePartialOutput(_ output: String) {
        try? FileManager.default.removeItem(atPath: output)
        let directory = (output as NSString).deletingLastPathComponent
        let prefix = (output as NSString).lastPathComponent + ".tmp"
        let siblings = (try? FileManager.default.contentsOfDirectory(atPath: directory.isEmpty ? "." : directory)) ?? []
        for name in siblings where name.hasPrefix(prefix) {
            try? FileManager.default.removeItem(atPath: (directory as NSString).appendingPathComponent(name))
        }
    }

    /// Checks that the compiler left a shared library at `path`: a regular ELF file of type
    /// ET_DYN. A "compiler" that exits 0 without writing one (`CC=/bin/true`) is an error, not
    /// a garbage file installed as the library.
    public static func checkSharedLibrary(at path: String, compiler: String) throws {
        func refuse(_ got: String) -> ToolchainError {
            ToolchainError(
                "the C compiler (\(compiler)) reported success but \(got); expected an ELF shared library (is $CC a C compiler?)")
        }
        var info = stat()
        guard stat(path, &info) == 0 else { throw refuse("wrote no file") }
        guard (info.st_mode & S_IFMT) == S_IFREG else { throw refuse("left something that is not a regular file") }
        guard let handle = FileHandle(forReadingAtPath: path) else { throw refuse("wrote a file that cannot be read") }
        defer { try? handle.close() }
        let header = [UInt8]((try? handle.read(upToCount: 64)) ?? Data())
        guard header.count >= 4, header[0] == 0x7F, header[1] == 0x45, header[2] == 0x4C, header[3] == 0x46 else {
            throw refuse("wrote a file that is not ELF")
        }
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

/// The units of a parallel build still to compile, and the failures so far.
final class UnitQueue: @unchecked Sendable {
    private let lock = NSLock()
    private var nextIndex = 0
    private let count: Int
    private var errors: [(Int, Error)] = []
    init(count: Int) { self.count = count }

    /// The next unit to compile, or nil when none is left or one has failed.
    func next() -> Int? {
        lock.lock()
        defer { lock.unlock() }
        guard errors.isEmpty, nextIndex < count else { return nil }
        nextIndex += 1
        return nextIndex - 1
    }

    func fail(_ index: Int, _ error: Error) {
        lock.lock()
        errors.append((index, error))
        lock.unlock()
    }

    var firstError: Error? {
        lock.lock()
        defer { lock.unlock() }
        return errors.min { $0.0 < $1.0 }?.1
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
