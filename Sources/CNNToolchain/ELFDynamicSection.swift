import Foundation

/// The dynamic-linking facts of an ELF shared library that decide where it can load:
/// the libraries it needs (`DT_NEEDED`) and any run path baked in (`DT_RPATH`, `DT_RUNPATH`).
///
/// Read from the section headers (the `SHT_DYNAMIC` section and the string table it links to),
/// as `readelf -d` prints them; 64-bit little-endian ELF only (what this compiler builds).
public struct ELFDynamicSection: Sendable, Equatable {
    /// `DT_NEEDED` entries in file order, e.g. `libomp.so.5`.
    public var needed: [String] = []
    /// `DT_RPATH` entries (colon-separated lists as stored).
    public var rpath: [String] = []
    /// `DT_RUNPATH` entries (colon-separated lists as stored).
    public var runpath: [String] = []

    /// Reads the dynamic section of the ELF file at `path`.
    public static func read(path: String) throws -> ELFDynamicSection {
        func fail(_ what: String) -> ToolchainError { ToolchainError("\(path): expected a 64-bit little-endian ELF file, got \(what)") }
        guard let data = FileManager.default.contents(atPath: path) else { throw ToolchainError("\(path): cannot be read") }
        let bytes = [UInt8](data)
        func u16(_ o: Int) -> Int { Int(bytes[o]) | Int(bytes[o + 1]) << 8 }
        func u32(_ o: Int) -> Int { u16(o) | u16(o + 2) << 16 }
        func u64(_ o: Int) -> Int { u32(o) | u32(o + 4) << 32 }
        guard bytes.count >= 64, bytes[0] == 0x7F, bytes[1] == 0x45, bytes[2] == 0x4C, bytes[3] == 0x46 else { throw fail("no ELF header") }
        guard bytes[4] == 2, bytes[5] == 1 else { throw fail("class \(bytes[4]), data encoding \(bytes[5])") }
        let sectionTable = u64(0x28)
        let entrySize = u16(0x3A)
        let count = u16(0x3C)
        guard entrySize >= 64, sectionTable > 0, sectionTable + count * entrySize <= bytes.count else {
            throw fail("a truncated section header table")
        }
        func section(_ i: Int) -> (type: Int, offset: Int, size: Int, link: Int) {
            let base = sectionTable + i * entrySize
            return (u32(base + 4), u64(base + 0x18), u64(base + 0x20), u32(base + 0x28))
        }
        var result = ELFDynamicSection()
        for i in 0..<count where section(i).type == 6 {  // SHT_DYNAMIC
            let dynamic = section(i)
            guard dynamic.link < count else { throw fail("a dynamic section without a string table") }
            let strings = section(dynamic.link)
            guard dynamic.offset + dynamic.size <= bytes.count, strings.offset + strings.size <= bytes.count else {
                throw fail("a truncated dynamic section")
            }
            func string(_ offset: Int) -> String {
                var end = strings.offset + offset
                while end < strings.offset + strings.size, bytes[end] != 0 { end += 1 }
                return String(decoding: bytes[min(strings.offset + offset, end)..<end], as: UTF8.self)
            }
            for entry in stride(from: dynamic.offset, to: dynamic.offset + dynamic.size - 15, by: 16) {
                let tag = u64(entry)
                let value = u64(entry + 8)
                switch tag {
                case 0: break  // DT_NULL
                case 1: result.needed.append(string(value))
                case 15: result.rpath.append(string(value))
                case 29: result.runpath.append(string(value))
                default: continue
                }
                if tag == 0 { break }
            }
        }
        return result
    }
}
