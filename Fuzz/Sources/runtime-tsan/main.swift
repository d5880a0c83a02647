import CNNRuntime
import Dispatch
import Foundation

// The Swift runtime under ThreadSanitizer (scripts/sanitize.sh builds this with --sanitize=thread):
// one ModelLibrary shared by 6 workers; each repeatedly makes its own session (1 or 2 OpenMP
// threads, capacity 1 to 3), runs batches of 1 to 4 from its own inputs, checks every output
// against the single-threaded reference bit for bit, and drops the session; two more workers
// load and unload the library meanwhile. TSan (halt_on_error) ends the process on any race.
//
//   runtime-tsan LIBRARY [ROUNDS]

let arguments = CommandLine.arguments
guard arguments.count >= 2 else {
    FileHandle.standardError.write(Data("usage: runtime-tsan LIBRARY [ROUNDS]\n".utf8))
    exit(2)
}
let path = arguments[1]
let rounds = arguments.count > 2 ? Int(arguments[2]) ?? 20 : 20
let library = try ModelLibrary(path: path)

func input(_ spec: TensorSpec, batch: Int, seed: Int) -> [Float] {
    (0..<spec.elementCount * batch).map { Float(($0 &* 7919 &+ seed &* 104_729) % 2001) / 1000 - 1 }
}
func runOnce(_ session: Session, batch: Int, seed: Int) throws -> [[Float]] {
    try session.run(batch: batch, inputs: library.inputs.map { input($0, batch: batch, seed: seed) })
}

let referenceSession = try library.makeSession(maxBatch: 4, threads: 1)
let references = try (1...4).map { try runOnce(referenceSession, batch: $0, seed: $0) }

let failures = NSLock()
var problems: [String] = []
DispatchQueue.concurrentPerform(iterations: 8) { worker in
    do {
        if worker >= 6 {
            // Loading and unloading the same library while others run it.
            for _ in 0..<rounds { _ = try ModelLibrary(path: path) }
            return
        }
        for round in 0..<rounds {
            let session = try library.makeSession(maxBatch: 1 + (worker + round) % 3, threads: 1 + worker % 2)
            let batch = 1 + (worker + round) % 4
            let outputs = try runOnce(session, batch: batch, seed: batch)
            guard outputs == references[batch - 1] else {
                failures.lock()
                problems.append("worker \(worker) round \(round): outputs differ from the reference")
                failures.unlock()
                return
            }
        }
    } catch {
        failures.lock()
        problems.append("worker \(worker): \(error)")
        failures.unlock()
    }
}
guard problems.isEmpty else {
    FileHandle.standardError.write(Data((problems.joined(separator: "\n") + "\n").utf8))
    exit(1)
}
print("runtime-tsan ok: 6 workers x \(rounds) sessions and runs, 2 workers loading, outputs bit-identical")
