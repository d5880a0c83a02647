import CNNRuntime
import Foundation

/// `cnnc bench --sessions K`: K sessions of one library, each on its own thread, running at once.
///
/// Every thread makes its session and input, warms up, then waits at a barrier; the wall time
/// runs from the barrier's release until the last session finishes its timed runs, so the
/// throughput is what K concurrent callers get together.
enum ConcurrentBench {
    /// Every session's timed runs (ms) and the wall time (ms) of all of them together.
    struct Result {
        var times: [[Double]]
        var wallMilliseconds: Double
    }

    /// Collects each thread's times and its first error.
    private final class Collector: @unchecked Sendable {
        private let lock = NSLock()
        private(set) var times: [[Double]]
        private(set) var error: Error?
        init(sessions: Int) { times = Array(repeating: [], count: sessions) }
        func record(_ session: Int, _ values: [Double]) { lock.withLock { times[session] = values } }
        func fail(_ error: Error) { lock.withLock { if self.error == nil { self.error = error } } }
    }

    static func run(model: ModelLibrary, sessions: Int, batch: Int, threads: Int, iterations: Int) throws -> Result {
        let collector = Collector(sessions: sessions)
        let ready = DispatchSemaphore(value: 0)
        let go = DispatchSemaphore(value: 0)
        let done = DispatchSemaphore(value: 0)
        for index in 0..<sessions {
            let thread = Thread {
                defer { done.signal() }
                var runner: Runner?
                do {
                    runner = try Runner(model: model, batch: batch, threads: threads, seed: index)
                    try runner?.warmUp(iterations: max(2, iterations / 10))
                } catch {
                    runner = nil
                    collector.fail(error)
                }
                ready.signal()
                go.wait()
                guard let runner else { return }
                do {
                    collector.record(index, try runner.timed(iterations: iterations))
                } catch {
                    collector.fail(error)
                }
            }
            thread.stackSize = 1 << 22
            thread.start()
        }
        for _ in 0..<sessions { ready.wait() }
        let start = DispatchTime.now().uptimeNanoseconds
        for _ in 0..<sessions { go.signal() }
        for _ in 0..<sessions { done.wait() }
        let wall = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
        if let error = collector.error { throw error }
        return Result(times: collector.times, wallMilliseconds: wall)
    }

    /// One session and its own buffers (allocated once), used by one thread.
    private final class Runner {
        let session: Session
        let batch: Int
        let inputs: [UnsafeMutableBufferPointer<Float>]
        let outputs: [UnsafeMutableBufferPointer<Float>]
        let constInputs: [UnsafeBufferPointer<Float>]

        init(model: ModelLibrary, batch: Int, threads: Int, seed: Int) throws {
            session = try model.makeSession(maxBatch: batch, threads: threads)
            self.batch = batch
            inputs = model.inputs.map { spec in
                let buffer = UnsafeMutableBufferPointer<Float>.allocate(capacity: spec.elementCount * batch)
                for i in buffer.indices { buffer[i] = Float((i &* 7919 &+ seed &* 104_729) % 2001) / 1000 - 1 }
                return buffer
            }
            outputs = model.outputs.map { UnsafeMutableBufferPointer<Float>.allocate(capacity: $0.elementCount * batch) }
            constInputs = inputs.map { UnsafeBufferPointer($0) }
        }

        deinit { (inputs + outputs).forEach { $0.deallocate() } }

        func once() throws { try session.run(batch: batch, inputs: constInputs, outputs: outputs) }

        func warmUp(iterations: Int) throws { for _ in 0..<iterations { try once() } }

        /// Each run's wall time in ms.
        func timed(iterations: Int) throws -> [Double] {
            var times: [Double] = []
            for _ in 0..<iterations {
                let start = DispatchTime.now().uptimeNanoseconds
                try once()
                times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
            }
            return times
        }
    }
}
