import Foundation
import Testing

@testable import CNNRuntime

/// The ELF dynamic-symbol reader on real, truncated and corrupted files: errors, never a crash.
@Suite struct ELFReaderTests {
    @Test func findsTheDescriptorSymbol() throws {
        let symbols = try ELFDynamicSymbols.read(path: try fixtures().library("scale"))
        let model = try #require(symbols.first { $0.name == "scale_fixture_cnnc_model" })
        #expect(model.isFunction && model.isDefined && model.isExported)
        // Imports are listed but undefined; the static functions are not exported at all.
        #expect(symbols.contains { $0.name == "malloc" && !$0.isDefined })
        #expect(!symbols.contains { $0.name == "scale_fixture_run" })
    }

    @Test func dataSymbolWithTheSuffixIsNotAFunction() throws {
        let symbols = try ELFDynamicSymbols.read(path: try fixtures().library("no_model"))
        let data = try #require(symbols.first { $0.name == "plain_fixture_cnnc_model" })
        #expect(!data.isFunction)
    }

    @Test func nonELFAndMissingFiles() throws {
        let fixtures = try fixtures()
        let text = fixtures.scratchPath("text")
        try "hello".write(toFile: text, atomically: true, encoding: .utf8)
        #expect(throws: ELFReadError.self) { try ELFDynamicSymbols.read(path: text) }
        #expect(throws: ELFReadError.self) { try ELFDynamicSymbols.read(path: fixtures.scratchPath("missing")) }
        let empty = fixtures.scratchPath("empty")
        try Data().write(to: URL(fileURLWithPath: empty))
        #expect(throws: ELFReadError.self) { try ELFDynamicSymbols.read(path: empty) }
    }

    @Test func everyTruncationIsAnError() throws {
        let fixtures = try fixtures()
        let bytes = try Data(contentsOf: URL(fileURLWithPath: fixtures.library("scale")))
        let path = fixtures.scratchPath("truncated")
        var lengths = Array(stride(from: 0, to: bytes.count, by: max(1, bytes.count / 300)))
        lengths += [1, 4, 63, 64, 65, bytes.count - 1]
        for length in lengths {
            try bytes.prefix(length).write(to: URL(fileURLWithPath: path))
            // The section headers sit at the end of the file, so any truncation loses them.
            #expect(throws: ELFReadError.self, "length \(length)") { try ELFDynamicSymbols.read(path: path) }
        }
    }

    @Test func extremeValuesInEveryHeaderFieldNeverCrash() throws {
        let fixtures = try fixtures()
        let original = [UInt8](try Data(contentsOf: URL(fileURLWithPath: fixtures.library("scale"))))
        let sectionTable = Int(littleEndian(original[0x28..<0x30]))
        let path = fixtures.scratchPath("extreme")
        // Every 4-byte word of the ELF header and the section header table, and every 8-byte one.
        var patches: [(offset: Int, bytes: [UInt8])] = []
        for offset in Array(stride(from: 0, to: 64, by: 4)) + Array(stride(from: sectionTable, to: original.count - 3, by: 4)) {
            for value: UInt32 in [0, 1, 0x7FFF_FFFF, 0x8000_0000, 0xFFFF_FFFF] {
                patches.append((offset, (0..<4).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) }))
            }
            if offset % 8 == 0 && offset + 8 <= original.count {
                for value: UInt64 in [0x7FFF_FFFF_FFFF_FFFF, 0x8000_0000_0000_0000, .max, UInt64(original.count)] {
                    patches.append((offset, (0..<8).map { UInt8(truncatingIfNeeded: value >> (8 * UInt64($0))) }))
                }
            }
        }
        var errors = 0
        for patch in patches {
            var bytes = original
            bytes.replaceSubrange(patch.offset..<patch.offset + patch.bytes.count, with: patch.bytes)
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            do { _ = try ELFDynamicSymbols.read(path: path) } catch { errors += 1 }
        }
        #expect(errors > 0 && errors < patches.count)
    }

    @Test func corruptedHeadersNeverCrash() throws {
        let fixtures = try fixtures()
        let original = [UInt8](try Data(contentsOf: URL(fileURLWithPath: fixtures.library("scale"))))
        let sectionTable = Int(littleEndian(original[0x28..<0x30]))
        let path = fixtures.scratchPath("corrupt")
        var random = SplitMix64(seed: 0xC0FFEE)
        var outcomes = (errors: 0, reads: 0)
        for _ in 0..<400 {
            var bytes = original
            for _ in 0..<Int(random.next() % 4 + 1) {
                // Aim at the ELF header and the section header table, where the reader's offsets come from.
                let region = random.next() % 2 == 0 ? 0..<64 : sectionTable..<bytes.count
                let index = region.lowerBound + Int(random.next() % UInt64(region.count))
                bytes[index] = UInt8(truncatingIfNeeded: random.next())
            }
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            do {
                _ = try ELFDynamicSymbols.read(path: path)
                outcomes.reads += 1
            } catch {
                outcomes.errors += 1
            }
        }
        #expect(outcomes.errors + outcomes.reads == 400)
        #expect(outcomes.errors > 0)
    }
}

/// The unsigned little-endian integer in `bytes`.
func littleEndian(_ bytes: ArraySlice<UInt8>) -> UInt64 {
    bytes.reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
}

/// A small seeded generator so the corruption test is reproducible.
struct SplitMix64 {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
