import CNNErrors
import CNNTestSupport
import Foundation
import Testing

@testable import CNNRuntime

/// Loading libraries: metadata, and every way a file can fail to be a cnnc model.
@Suite struct LoadingTests {
    @Test func readsTheDescriptor() throws {
        let library = try ModelLibrary(path: try fixtures().library("scale"))
        #expect(library.name == "scale")
        #expect(library.prefix == "scale_fixture")
        #expect(library.inputs == [TensorSpec(name: "x", shape: [2, 3])])
        #expect(library.outputs == [TensorSpec(name: "y", shape: [2, 3]), TensorSpec(name: "colsum", shape: [3])])
        #expect(library.inputs[0].elementCount == 6)
        #expect(library.outputs[1].elementCount == 3)
        #expect(library.workspaceBytesPerSample == 24)
    }

    /// A library built by gcc loads libgomp, which cannot be unloaded while its worker threads
    /// idle: the runtime keeps the OpenMP runtime a model brings in loaded after the model is
    /// closed. (The library is not run here, so no worker thread exists if that regresses.)
    @Test func openMPRuntimeOutlivesAGCCBuiltLibrary() throws {
        let dir = try fixtures().scratchPath("gcc-model")
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        var environment = ProcessInfo.processInfo.environment
        environment["CC"] = "gcc"
        let path = dir + "/model.so"
        let build = try runProcess(
            TestPaths.cnnc, ["compile", TestPaths.repo("examples/lenet5/net.json"), "-o", path], environment: environment)
        try #require(build.status == 0, "\(build)")
        do {
            let library = try ModelLibrary(path: path)
            #expect(library.name == "lenet5")
            let loaded = dlopen("libgomp.so.1", RTLD_NOW | RTLD_NOLOAD)
            #expect(loaded != nil, "the gcc-built library should have loaded libgomp")
            if let loaded { dlclose(loaded) }
        }
        let pinned = dlopen("libgomp.so.1", RTLD_NOW | RTLD_NOLOAD)
        #expect(pinned != nil, "libgomp was unloaded with the library")
        if let pinned { dlclose(pinned) }
    }

    @Test func missingFile() throws {
        let path = try fixtures().scratchPath("nothing.so")
        #expect(throws: RuntimeError.fileNotFound(path)) { try ModelLibrary(path: path) }
    }

    @Test func nonELFFile() throws {
        let path = try fixtures().scratchPath("text.so")
        try "not a library\n".write(toFile: path, atomically: true, encoding: .utf8)
        let error = try #require(throws: RuntimeError.self) { try ModelLibrary(path: path) }
        guard case .notALibrary(let reported, let reason) = error else {
            Issue.record("expected .notALibrary, got \(error)")
            return
        }
        #expect(reported == path)
        #expect(!reason.isEmpty)
        #expect(error.description.hasPrefix("\(path): expected a shared library"))
    }

    @Test func truncatedLibrary() throws {
        let fixtures = try fixtures()
        let bytes = try Data(contentsOf: URL(fileURLWithPath: fixtures.library("scale")))
        let path = fixtures.scratchPath("truncated.so")
        try bytes.prefix(100).write(to: URL(fileURLWithPath: path))
        #expect(throws: RuntimeError.self) { try ModelLibrary(path: path) }
    }

    /// Truncated past the headers, the loader would map pages beyond the end of the file and die
    /// of SIGBUS: the segments are checked against the file size before dlopen (issue 15, item 4).
    @Test func truncatedLibrariesAreRefusedBeforeTheLoaderMapsThem() throws {
        let fixtures = try fixtures()
        let bytes = try Data(contentsOf: URL(fileURLWithPath: fixtures.library("scale")))
        for size in [bytes.count / 2, bytes.count * 3 / 4, bytes.count - 1, 4096] {
            let path = fixtures.scratchPath("truncated-\(size).so")
            try bytes.prefix(size).write(to: URL(fileURLWithPath: path))
            let error = try #require(throws: RuntimeError.self) { try ModelLibrary(path: path) }
            guard case .malformedLibrary(path, let reason) = error else {
                Issue.record("expected .malformedLibrary for \(size) bytes, got \(error)")
                continue
            }
            #expect(reason.hasPrefix("a truncated file ("), "\(reason)")
        }
        // A FIFO is refused, not waited on.
        let fifo = fixtures.scratchPath("fifo.so")
        #expect(mkfifo(fifo, 0o644) == 0)
        #expect(throws: RuntimeError.malformedLibrary(fifo, reason: "something that is not a regular file")) {
            try ModelLibrary(path: fifo)
        }
    }

    @Test func sharedLibraryWithoutModel() throws {
        let path = try fixtures().library("no_model")
        #expect(throws: RuntimeError.notACNNCModel(path)) { try ModelLibrary(path: path) }
        #expect(
            RuntimeError.notACNNCModel("libnet.so").description
                == "libnet.so: expected a cnnc model library (no '*_cnnc_model' symbol), got a shared library without one")
    }

    @Test func twoModelSymbols() throws {
        let path = try fixtures().library("two_models")
        let error = try #require(throws: RuntimeError.self) { try ModelLibrary(path: path) }
        guard case .multipleModels(path, let symbols) = error else {
            Issue.record("expected .multipleModels, got \(error)")
            return
        }
        #expect(Set(symbols) == ["first_cnnc_model", "second_cnnc_model"])
    }

    @Test func abiVersionMismatch() throws {
        let path = try fixtures().library("bad_abi")
        #expect(throws: RuntimeError.abiVersionMismatch(path, found: 99, expected: 1)) { try ModelLibrary(path: path) }
    }

    @Test func inconsistentDescriptor() throws {
        let path = try fixtures().library("bad_desc")
        let error = try #require(throws: RuntimeError.self) { try ModelLibrary(path: path) }
        guard case .invalidDescriptor(path, let reason) = error else {
            Issue.record("expected .invalidDescriptor, got \(error)")
            return
        }
        #expect(reason.contains("element_count 7"))
    }

    /// dlopen searches the library path for a bare name; the runtime opens the file named instead.
    @Test func bareFileNameIsRelativeToTheWorkingDirectory() throws {
        let fixtures = try fixtures()
        let previous = FileManager.default.currentDirectoryPath
        #expect(FileManager.default.changeCurrentDirectoryPath(fixtures.directory.path))
        defer { _ = FileManager.default.changeCurrentDirectoryPath(previous) }
        let library = try ModelLibrary(path: "libscale.so")
        #expect(library.path == "libscale.so" && library.prefix == "scale_fixture")
    }

    @Test func loadErrorsNameTheFileFirst() {
        let errors: [RuntimeError] = [
            .fileNotFound("m.so"), .notALibrary("m.so", reason: "invalid ELF header"), .notACNNCModel("m.so"),
            .multipleModels("m.so", symbols: ["a_cnnc_model", "b_cnnc_model"]),
            .malformedLibrary("m.so", reason: "a truncated file"),
            .abiVersionMismatch("m.so", found: 99, expected: 1), .invalidDescriptor("m.so", reason: "a null prefix"),
        ]
        for error in errors {
            #expect(error.description.hasPrefix("m.so: expected "))
            #expect(error.location.file == "m.so" && error.message.hasPrefix("expected "))  // LocatedError: where, then what
        }
        #expect(RuntimeError.wrongInputCount(expected: 1, got: 2).location == CNNErrors.SourceLocation())
        #expect(RuntimeError.wrongInputCount(expected: 1, got: 2).description == "expected 1 input tensor, got 2")
        #expect(
            RuntimeError.abiVersionMismatch("m.so", found: 99, expected: 1).description
                == "m.so: expected cnnc model ABI version 1, got version 99 (rebuild it with this cnnc)")
    }

    @Test func twoLibrariesAtOnce() throws {
        let fixtures = try fixtures()
        let scale = try ModelLibrary(path: fixtures.library("scale"))
        let add = try ModelLibrary(path: fixtures.library("add"))
        #expect(scale.prefix == "scale_fixture")
        #expect(add.prefix == "add_fixture")
        #expect(add.inputs.map(\.name) == ["a", "b"])
        let scaled = try scale.makeSession().run(batch: 1, inputs: [ramp(6)])
        let summed = try add.makeSession().run(batch: 1, inputs: ["a": ramp(4), "b": ramp(4, from: 10)])
        #expect(scaled[0] == [2, 4, 6, 8, 10, 12])
        #expect(summed == ["sum": [11, 13, 15, 17]])
    }

    @Test func sameLibraryLoadedTwice() throws {
        let path = try fixtures().library("scale")
        var first: ModelLibrary? = try ModelLibrary(path: path)
        let second = try ModelLibrary(path: path)
        first = nil  // dlclose of one reference leaves the other usable
        #expect(first == nil)
        #expect(try second.makeSession().run(batch: 1, inputs: [ramp(6)])[0] == [2, 4, 6, 8, 10, 12])
    }
}
