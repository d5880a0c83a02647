import ArgumentParser
import CNNRuntime
import Foundation

/// `cnnc bench LIB`: in-process latency of the run call on random input.
struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Time a compiled library's run call on random input.")

    @Argument(help: "The shared library built by `cnnc compile`.")
    var library: String

    @Option(name: .long, parsing: .unconditional, help: "Samples per run.")
    var batch: Int = 1

    @Option(name: .long, parsing: .unconditional, help: "Threads (default: OpenMP's default).")
    var threads: Int = 0

    @Option(name: .long, parsing: .unconditional, help: "Timed runs after the warm-up.")
    var iterations: Int = 20

    @Option(
        name: .long, parsing: .unconditional, help: "Concurrent sessions, each on its own thread with its own buffers: total throughput.")
    var sessions: Int = 1

    @Flag(name: .long, help: "Print one JSON object on standard output.")
    var json = false

    @Flag(name: .long, help: "Also time each kernel: median ms, GFLOP/s and % of the FMA peak measured in this process.")
    var layers = false

    func validate() throws {
        guard batch >= 1 else { throw ValidationError("expected --batch of at least 1, got \(batch)") }
        guard threads >= 0 else { throw ValidationError("expected --threads of at least 0, got \(threads)") }
        guard iterations >= 1 else { throw ValidationError("expected --iterations of at least 1, got \(iterations)") }
        guard sessions >= 1, sessions <= 1024 else { throw ValidationError("expected --sessions from 1 to 1024, got \(sessions)") }
        if sessions > 1 && layers { throw ValidationError("expected --layers with one session, got --sessions \(sessions)") }
    }

    func run() throws {
        // Load time: opening the library (ELF checks, dlopen, descriptor) and its first session,
        // which with --winograd-weights at-load transforms the Winograd weights.
        let start = DispatchTime.now().uptimeNanoseconds
        let model = try ModelLibrary(path: library)
        let opened = DispatchTime.now().uptimeNanoseconds
        _ = try model.makeSession(maxBatch: 1, threads: 1)
        let created = DispatchTime.now().uptimeNanoseconds
        let (loadMs, firstCreateMs) = (Double(opened - start) / 1e6, Double(created - opened) / 1e6)
        if sessions > 1 { return try runConcurrent(model) }
        let m = try Measurement.take(model: model, batch: batch, threads: threads, iterations: iterations, layers: layers)
        let (times, median, minimum, imagesPerSecond, gflops) = (m.times, m.median, m.minimum, m.imagesPerSecond, m.gflops)
        let (effectiveThreads, profile) = (m.threads, m.profile)
        if json {
            var fields: [String] = [
                "\"model\": \(JSON.string(model.name))", "\"batch\": \(batch)", "\"threads\": \(effectiveThreads)",
                "\"iterations\": \(iterations)", "\"sessions\": 1", "\"median_ms\": \(median)", "\"min_ms\": \(minimum)",
                "\"images_per_second\": \(imagesPerSecond)", "\"gflops_per_second\": \(gflops)",
                "\"load_ms\": \(loadMs)", "\"first_create_ms\": \(firstCreateMs)",
                "\"times_ms\": [" + times.map { String($0) }.joined(separator: ", ") + "]",
            ]
            if let profile { fields += profile.jsonFields(JSON.string) }
            print("{" + fields.joined(separator: ", ") + "}")
        } else {
            print("model \(model.name): batch \(batch), threads \(effectiveThreads)\(threads == 0 ? " (default)" : ""), \(iterations) runs")
            print(String(format: "median %.3f ms, min %.3f ms, %.1f images/s, %.2f GFLOP/s", median, minimum, imagesPerSecond, gflops))
            print(String(format: "load %.1f ms, first session %.1f ms", loadMs, firstCreateMs))
            if let profile { print(profile.table(), terminator: "") }
        }
    }

    /// One single-session measurement: the run's latencies and, with `layers`, each kernel's median.
    struct Measurement {
        var times: [Double]
        var median: Double
        var minimum: Double
        var imagesPerSecond: Double
        var gflops: Double
        /// The threads the runs used (OpenMP's default resolved).
        var threads: Int
        var profile: LayerProfile?

        /// Times `iterations` runs of `model` on fixed pseudo-random input after a warm-up.
        static func take(model: ModelLibrary, batch: Int, threads: Int, iterations: Int, layers: Bool) throws -> Measurement {
            let session = try model.makeSession(maxBatch: batch, threads: threads)
            // A fixed-seed generator: the same input every time, so runs are comparable.
            var state: UInt64 = 0x9E37_79B9_7F4A_7C15
            func next() -> Float {
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                return Float(Int64(bitPattern: state >> 11) % 2_000_000) / 1_000_000 - 1
            }
            // Buffers allocated once, so the timed call is the library's run and nothing else.
            let inputs = model.inputs.map { spec -> UnsafeMutableBufferPointer<Float> in
                let buffer = UnsafeMutableBufferPointer<Float>.allocate(capacity: spec.elementCount * batch)
                for i in buffer.indices { buffer[i] = next() }
                return buffer
            }
            let outputs = model.outputs.map { UnsafeMutableBufferPointer<Float>.allocate(capacity: $0.elementCount * batch) }
            defer { (inputs + outputs).forEach { $0.deallocate() } }
            let constInputs = inputs.map { UnsafeBufferPointer($0) }
            func once() throws { try session.run(batch: batch, inputs: constInputs, outputs: outputs) }
            for _ in 0..<max(2, iterations / 10) { try once() }
            var times: [Double] = []
            for _ in 0..<iterations {
                let start = DispatchTime.now().uptimeNanoseconds
                try once()
                times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
            }
            let median = Bench.median(times)
            let minimum = times.min() ?? 0
            let imagesPerSecond = Double(batch) / (median / 1000)
            let gflops = Double(model.flopsPerSample) * Double(batch) / (median / 1000) / 1e9
            let effectiveThreads = session.threads > 0 ? session.threads : Bench.openMPDefaultThreads()
            var profile: LayerProfile?
            if layers {
                var perKernel = [[Double]](repeating: [], count: model.kernels.count)
                for _ in 0..<iterations {
                    let seconds = try session.runProfiled(batch: batch, inputs: constInputs, outputs: outputs)
                    for (k, s) in seconds.enumerated() { perKernel[k].append(s * 1000) }
                }
                let peak = model.fmaPeakGFLOPS(threads: effectiveThreads, seconds: 0.3)
                profile = LayerProfile(
                    kernels: model.kernels, medians: perKernel.map(Bench.median), batch: batch, peakGFLOPS: peak,
                    targetFeatures: model.requiredCPUFeatures)
            }
            return Measurement(
                times: times, median: median, minimum: minimum, imagesPerSecond: imagesPerSecond, gflops: gflops,
                threads: effectiveThreads, profile: profile)
        }
    }

    /// `--sessions K`: K sessions run at once; images/s and GFLOP/s are the total, latencies every run's.
    func runConcurrent(_ model: ModelLibrary) throws {
        let result = try ConcurrentBench.run(model: model, sessions: sessions, batch: batch, threads: threads, iterations: iterations)
        let times = result.times.flatMap { $0 }
        let median = Self.median(times)
        let minimum = times.min() ?? 0
        let images = Double(sessions * iterations * batch)
        let imagesPerSecond = images / (result.wallMilliseconds / 1000)
        let gflops = Double(model.flopsPerSample) * imagesPerSecond / 1e9
        // What the sessions would reach together if no run ever waited for a core: K x batch / median.
        let medianImagesPerSecond = Double(sessions * batch) / (median / 1000)
        let effectiveThreads = threads > 0 ? threads : Self.openMPDefaultThreads()
        if json {
            let fields: [String] = [
                "\"model\": \(JSON.string(model.name))", "\"batch\": \(batch)", "\"threads\": \(effectiveThreads)",
                "\"iterations\": \(iterations)", "\"sessions\": \(sessions)", "\"median_ms\": \(median)", "\"min_ms\": \(minimum)",
                "\"images_per_second\": \(imagesPerSecond)", "\"gflops_per_second\": \(gflops)", "\"wall_ms\": \(result.wallMilliseconds)",
                "\"median_images_per_second\": \(medianImagesPerSecond)",
                "\"session_images_per_second\": ["
                    + result.times.map { String(Double(iterations * batch) / ($0.reduce(0, +) / 1000)) }.joined(separator: ", ") + "]",
                "\"times_ms\": [" + times.map { String($0) }.joined(separator: ", ") + "]",
            ]
            print("{" + fields.joined(separator: ", ") + "}")
        } else {
            print(
                "model \(model.name): batch \(batch), threads \(effectiveThreads)\(threads == 0 ? " (default)" : "") per session, \(sessions) sessions at once, \(iterations) runs each"
            )
            print(
                String(
                    format: "%.1f images/s in all, %.2f GFLOP/s; per run: median %.3f ms, min %.3f ms (%.1f images/s at the median)",
                    imagesPerSecond, gflops, median, minimum, medianImagesPerSecond))
        }
    }

    static func median(_ values: [Double]) -> Double {
        guard !values.isEmpty else { return 0 }
        let s = values.sorted()
        return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
    }

    /// What OpenMP uses when no count is given: OMP_NUM_THREADS's first entry, else the available processors.
    static func openMPDefaultThreads() -> Int {
        if let value = ProcessInfo.processInfo.environment["OMP_NUM_THREADS"],
            let first = value.split(separator: ",").first.flatMap({ Int($0.trimmingCharacters(in: .whitespaces)) }), first > 0
        {
            return first
        }
        return ProcessInfo.processInfo.activeProcessorCount
    }
}
