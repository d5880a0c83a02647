import Dispatch
import Foundation
import Testing

@testable import CNNRuntime

/// Running models: results, batching, argument checking and threading.
@Suite struct SessionTests {
    private func scale() throws -> ModelLibrary { try ModelLibrary(path: try fixtures().library("scale")) }

    /// What the scale fixture computes for `x` (batch samples of [2,3]).
    private func expected(_ x: [Float]) -> (y: [Float], colsum: [Float]) {
        let y: [Float] = x.map { 2 * $0 }
        var colsum: [Float] = []
        for sample in stride(from: 0, to: x.count, by: 6) {
            for column in 0..<3 { colsum.append(x[sample + column] + x[sample + 3 + column]) }
        }
        return (y, colsum)
    }

    @Test func positionalRun() throws {
        let session = try scale().makeSession()
        let x = ramp(6)
        let outputs = try session.run(batch: 1, inputs: [x])
        #expect(outputs.count == 2)
        #expect(outputs[0] == expected(x).y)
        #expect(outputs[1] == [5, 7, 9])
    }

    @Test(arguments: [(1, 1), (1, 4), (2, 5), (3, 3), (8, 2)])
    func batchesLargerThanMaxBatchRunInChunks(maxBatch: Int, batch: Int) throws {
        let session = try scale().makeSession(maxBatch: maxBatch, threads: 1)
        #expect(session.maxBatch == maxBatch && session.threads == 1)
        let x = ramp(6 * batch, from: -7)
        let outputs = try session.run(batch: batch, inputs: [x])
        #expect(outputs[0] == expected(x).y)
        #expect(outputs[1] == expected(x).colsum)
    }

    @Test func namedRun() throws {
        let session = try scale().makeSession()
        let outputs = try session.run(batch: 2, inputs: ["x": ramp(12)])
        #expect(Set(outputs.keys) == ["y", "colsum"])
        #expect(outputs["y"] == expected(ramp(12)).y)
        #expect(outputs["colsum"] == expected(ramp(12)).colsum)
    }

    @Test func unknownAndMissingInputNames() throws {
        let add = try ModelLibrary(path: try fixtures().library("add")).makeSession()
        #expect(throws: RuntimeError.unknownTensor("c", known: ["a", "b"])) {
            try add.run(batch: 1, inputs: ["a": ramp(4), "b": ramp(4), "c": ramp(4)])
        }
        #expect(throws: RuntimeError.missingInput("b")) { try add.run(batch: 1, inputs: ["a": ramp(4)]) }
        #expect(RuntimeError.unknownTensor("c", known: ["a", "b"]).description == "expected an input named 'a' or 'b', got 'c'")
    }

    @Test func wrongCounts() throws {
        let session = try scale().makeSession()
        #expect(throws: RuntimeError.wrongElementCount(tensor: "x", expected: 12, got: 6)) {
            try session.run(batch: 2, inputs: [ramp(6)])
        }
        #expect(throws: RuntimeError.wrongElementCount(tensor: "x", expected: 6, got: 0)) {
            try session.run(batch: 1, inputs: ["x": []])
        }
        #expect(throws: RuntimeError.wrongInputCount(expected: 1, got: 2)) {
            try session.run(batch: 1, inputs: [ramp(6), ramp(6)])
        }
        #expect(throws: RuntimeError.wrongInputCount(expected: 1, got: 0)) { try session.run(batch: 1, inputs: [[Float]]()) }
    }

    @Test(arguments: [0, -1, Int.min, Int.max])
    func invalidBatch(batch: Int) throws {
        let session = try scale().makeSession()
        #expect(throws: RuntimeError.invalidBatch(batch)) { try session.run(batch: batch, inputs: [ramp(6)]) }
    }

    @Test func invalidSessionArguments() throws {
        let library = try scale()
        #expect(throws: RuntimeError.invalidBatch(0)) { try library.makeSession(maxBatch: 0) }
        #expect(throws: RuntimeError.invalidBatch(Int.max)) { try library.makeSession(maxBatch: Int.max) }
        #expect(throws: RuntimeError.invalidThreadCount(-1)) { try library.makeSession(threads: -1) }
        #expect(throws: RuntimeError.invalidThreadCount(Int(Int32.max) + 1)) {
            try library.makeSession(threads: Int(Int32.max) + 1)
        }
    }

    @Test func libraryStatusCodesBecomeErrors() throws {
        let add = try ModelLibrary(path: try fixtures().library("add"))
        #expect(throws: RuntimeError.status(2, message: "out of memory")) { try add.makeSession(maxBatch: 2_000_000) }
        let session = try add.makeSession()
        #expect(throws: RuntimeError.status(1, message: "invalid argument")) {
            try session.run(batch: 1, inputs: [[.nan, 0, 0, 0], ramp(4)])
        }
    }

    @Test func bufferRunWritesIntoCallerMemory() throws {
        let session = try scale().makeSession(maxBatch: 2)
        let x = ramp(18)
        var y = [Float](repeating: -1, count: 18)
        var colsum = [Float](repeating: -1, count: 9)
        try x.withUnsafeBufferPointer { xBuffer in
            try y.withUnsafeMutableBufferPointer { yBuffer in
                try colsum.withUnsafeMutableBufferPointer { colsumBuffer in
                    try session.run(batch: 3, inputs: [xBuffer], outputs: [yBuffer, colsumBuffer])
                }
            }
        }
        #expect(y == expected(x).y)
        #expect(colsum == expected(x).colsum)
    }

    @Test func bufferRunChecksItsArguments() throws {
        let session = try scale().makeSession()
        let memory = UnsafeMutableBufferPointer<Float>.allocate(capacity: 32)
        defer { memory.deallocate() }
        memory.initialize(repeating: 0)
        let x = UnsafeBufferPointer(rebasing: memory[0..<6])
        let y = UnsafeMutableBufferPointer(rebasing: memory[8..<14])
        let colsum = UnsafeMutableBufferPointer(rebasing: memory[16..<19])
        #expect(throws: RuntimeError.wrongOutputCount(expected: 2, got: 1)) {
            try session.run(batch: 1, inputs: [x], outputs: [y])
        }
        #expect(throws: RuntimeError.wrongElementCount(tensor: "colsum", expected: 3, got: 4)) {
            try session.run(batch: 1, inputs: [x], outputs: [y, UnsafeMutableBufferPointer(rebasing: memory[16..<20])])
        }
        #expect(throws: RuntimeError.overlappingBuffers("output 'y' overlapping input 'x'")) {
            try session.run(batch: 1, inputs: [x], outputs: [UnsafeMutableBufferPointer(rebasing: memory[5..<11]), colsum])
        }
        #expect(throws: RuntimeError.overlappingBuffers("output 'colsum' overlapping output 'y'")) {
            try session.run(batch: 1, inputs: [x], outputs: [y, UnsafeMutableBufferPointer(rebasing: memory[13..<16])])
        }
        try session.run(batch: 1, inputs: [x], outputs: [y, colsum])
        #expect(Array(colsum) == [0, 0, 0])
    }

    @Test func sessionKeepsItsLibraryLoaded() throws {
        var library: ModelLibrary? = try scale()
        let session = try library!.makeSession()
        library = nil
        #expect(library == nil)
        #expect(try session.run(batch: 1, inputs: [ramp(6)])[1] == [5, 7, 9])
    }

    @Test func separateSessionsRunInParallelThreads() throws {
        let library = try scale()
        let failures = FailureLog()
        DispatchQueue.concurrentPerform(iterations: 2) { thread in
            do {
                let session = try library.makeSession(maxBatch: 3)
                for iteration in 0..<500 {
                    let batch = 1 + iteration % 7
                    let x = ramp(6 * batch, from: Float(thread * 1_000_000 + iteration))
                    let outputs = try session.run(batch: batch, inputs: [x])
                    if outputs[0] != x.map({ 2 * $0 }) { failures.add("thread \(thread) iteration \(iteration): wrong y") }
                }
            } catch {
                failures.add("thread \(thread): \(error)")
            }
        }
        #expect(failures.messages.isEmpty)
    }
}

/// Collects failures from worker threads (Swift Testing's expectations stay on the test's task).
private final class FailureLog: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [String] = []

    func add(_ message: String) {
        lock.lock()
        defer { lock.unlock() }
        stored.append(message)
    }

    var messages: [String] {
        lock.lock()
        defer { lock.unlock() }
        return stored
    }
}
