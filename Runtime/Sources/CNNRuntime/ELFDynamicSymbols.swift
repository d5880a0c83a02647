import CNNErrors

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// One entry of an ELF file's dynamic symbol table, reduced to what the loader needs.
struct ELFDynamicSymbol: Hashable, Sendable {
    /// The symbol's name from the linked string table (no version suffix).
    let name: String
    /// Whether the symbol is a function (`STT_FUNC`).
    let isFunction: Bool
    /// Whether the file defines it (`st_shndx != SHN_UNDEF`), rather than importing it.
    let isDefined: Bool
    /// Whether it is visible to `dlsym` (binding `GLOBAL` or `WEAK`).
    let isExported: Bool
}

/// Why an ELF file's dynamic symbols could not be read; `reason` completes "expected an ELF64 shared library, got ...".
/// The reader does not know the path as the user gave it: `ModelLibrary` reports it located there,
/// as `RuntimeError.malformedLibrary`.
struct ELFReadError: LocatedError, Equatable {
    let reason: String
    var location: SourceLocation { SourceLocation() }
    var message: String { "expected an ELF64 shared library, got \(reason)" }
}

/// Reads the dynamic symbol table (`SHT_DYNSYM` and its linked string table) of a
/// little-endian ELF64 file through the section headers.
///
/// Only the ELF header, the section header table and the two tables are read (with
/// `pread`), so a library carrying hundreds of megabytes of weights is never loaded
/// whole. Every offset and size is checked against the file size before it is used:
/// a truncated or garbage file gives an `ELFReadError`, never a trap.
enum ELFDynamicSymbols {
    private static let elfHeaderSize = 64
    private static let sectionHeaderSize = 64
    private static let symbolSize = 24
    private static let shtStrtab: UInt32 = 3
    private static let shtDynsym: UInt32 = 11
    private static let stbGlobal: UInt8 = 1
    private static let stbWeak: UInt8 = 2
    private static let sttFunc: UInt8 = 2

    /// Checks, before `dlopen` maps it, that the file at `path` is a regular little-endian ELF64
    /// file whose loadable segments and section header table lie inside it.
    ///
    /// `dlopen` maps segments without checking them against the file size: a truncated library
    /// then dies of SIGBUS when the loader touches a page past the end (issue 15, item 4).
    /// - Returns: false when the file has no ELF magic number (left to `dlopen` to describe).
    static func checkLoadable(path: String) throws(ELFReadError) -> Bool {
        var info = stat()
        guard stat(path, &info) == 0 else { throw ELFReadError(reason: "a file that cannot be read (\(String(cString: strerror(errno))))") }
        guard (info.st_mode & S_IFMT) == S_IFREG else { throw ELFReadError(reason: "something that is not a regular file") }
        let file = try ReadOnlyFile(path: path)
        defer { file.close() }
        guard file.size >= 4 else { return false }
        let magic = try file.bytes(at: 0, count: 4, what: "the ELF magic number")
        guard magic[0] == 0x7F, magic[1] == 0x45, magic[2] == 0x4C, magic[3] == 0x46 else { return false }
        let header = try file.bytes(at: 0, count: UInt64(elfHeaderSize), what: "an ELF header")
        guard header[4] == 2 else { throw ELFReadError(reason: "a 32-bit ELF file") }
        guard header[5] == 1 else { throw ELFReadError(reason: "a big-endian ELF file") }
        let programTable = header.u64(at: 0x20)
        let programEntrySize = UInt64(header.u16(at: 0x36))
        let programCount = UInt64(header.u16(at: 0x38))
        guard programCount > 0, programEntrySize >= 56 else { throw ELFReadError(reason: "an ELF file without program headers") }
        let table = try file.bytes(at: programTable, count: programCount * programEntrySize, what: "the program header table")
        for index in 0..<Int(programCount) {
            let entry = table.slice(at: index * Int(programEntrySize), count: 56)
            guard entry.u32(at: 0) == 1 else { continue }  // PT_LOAD
            let offset = entry.u64(at: 8)
            let size = entry.u64(at: 32)
            let (end, overflow) = offset.addingReportingOverflow(size)
            guard !overflow, end <= file.size else {
                throw ELFReadError(
                    reason:
                        "a truncated file (loadable segment \(index) at offset \(offset), \(size) bytes, lies past its end at \(file.size) bytes)"
                )
            }
        }
        let sectionTable = header.u64(at: 0x28)
        let (sectionTableSize, o1) = UInt64(header.u16(at: 0x3A)).multipliedReportingOverflow(by: UInt64(header.u16(at: 0x3C)))
        let (sectionEnd, o2) = sectionTable.addingReportingOverflow(sectionTableSize)
        guard !o1, !o2, sectionEnd <= file.size else {
            throw ELFReadError(
                reason:
                    "a truncated file (the section header table at offset \(sectionTable), \(sectionTableSize) bytes, lies past its end at \(file.size) bytes)"
            )
        }
        return true
    }

    /// The dynamic symbols of the ELF file at `path`, in table order (the null symbol 0 skipped).
    static func read(path: String) throws(ELFReadError) -> [ELFDynamicSymbol] {
        let file = try ReadOnlyFile(path: path)
        defer { file.close() }

        let header = try file.bytes(at: 0, count: UInt64(elfHeaderSize), what: "an ELF header")
        guard header[0] == 0x7F, header[1] == 0x45, header[2] == 0x4C, header[3] == 0x46 else {
            throw ELFReadError(reason: "a file without the ELF magic number")
        }
        guard header[4] == 2 else { throw ELFReadError(reason: "a 32-bit ELF file") }
        guard header[5] == 1 else { throw ELFReadError(reason: "a big-endian ELF file") }

        let sectionTableOffset = header.u64(at: 0x28)
        let entrySize = Int(header.u16(at: 0x3A))
        var sectionCount = UInt64(header.u16(at: 0x3C))
        guard sectionTableOffset != 0 else { throw ELFReadError(reason: "an ELF file without section headers") }
        guard entrySize >= sectionHeaderSize else {
            throw ELFReadError(reason: "section headers of \(entrySize) bytes (expected at least \(sectionHeaderSize))")
        }
        if sectionCount == 0 {
            // Extended numbering: with 0xFF00 or more sections the count lives in section 0's sh_size.
            sectionCount = try file.bytes(at: sectionTableOffset, count: UInt64(entrySize), what: "section header 0").u64(at: 32)
        }
        let (tableSize, overflow) = sectionCount.multipliedReportingOverflow(by: UInt64(entrySize))
        guard !overflow else { throw ELFReadError(reason: "a section header table larger than the file") }
        let table = try file.bytes(at: sectionTableOffset, count: tableSize, what: "the section header table")

        func section(_ index: Int) -> Bytes { table.slice(at: index * entrySize, count: sectionHeaderSize) }
        guard let dynsymIndex = (0..<Int(sectionCount)).first(where: { section($0).u32(at: 4) == shtDynsym }) else {
            throw ELFReadError(reason: "an ELF file without a dynamic symbol table")
        }
        let dynsym = section(dynsymIndex)
        let stringIndex = UInt64(dynsym.u32(at: 40))
        guard stringIndex < sectionCount, section(Int(stringIndex)).u32(at: 4) == shtStrtab else {
            throw ELFReadError(reason: "a dynamic symbol table linked to section \(stringIndex), which is not a string table")
        }
        let strtab = section(Int(stringIndex))
        let strings = try file.bytes(at: strtab.u64(at: 24), count: strtab.u64(at: 32), what: "the dynamic string table")

        let symbolEntrySize = dynsym.u64(at: 56) == 0 ? UInt64(symbolSize) : dynsym.u64(at: 56)
        guard symbolEntrySize >= UInt64(symbolSize), symbolEntrySize <= 4096 else {
            throw ELFReadError(reason: "dynamic symbols of \(symbolEntrySize) bytes (expected \(symbolSize))")
        }
        let symbols = try file.bytes(at: dynsym.u64(at: 24), count: dynsym.u64(at: 32), what: "the dynamic symbol table")
        let stride = Int(symbolEntrySize)

        var result: [ELFDynamicSymbol] = []
        for index in 1..<max(1, symbols.count / stride) {  // symbol 0 is the reserved null symbol
            let entry = symbols.slice(at: index * stride, count: symbolSize)
            guard let name = strings.cString(at: Int(entry.u32(at: 0))), !name.isEmpty else { continue }
            let info = entry[4]
            let binding = info >> 4
            result.append(
                ELFDynamicSymbol(
                    name: name,
                    isFunction: info & 0xF == sttFunc,
                    isDefined: entry.u16(at: 6) != 0,
                    isExported: binding == stbGlobal || binding == stbWeak))
        }
        return result
    }
}

/// A byte buffer with bounds-checked little-endian reads (callers only ask within `count`).
private struct Bytes {
    let storage: [UInt8]
    var count: Int { storage.count }

    subscript(index: Int) -> UInt8 { storage[index] }

    func slice(at offset: Int, count: Int) -> Bytes { Bytes(storage: Array(storage[offset..<offset + count])) }

    func u16(at offset: Int) -> UInt16 { UInt16(storage[offset]) | UInt16(storage[offset + 1]) << 8 }

    func u32(at offset: Int) -> UInt32 {
        (0..<4).reduce(UInt32(0)) { $0 | UInt32(storage[offset + $1]) << (8 * UInt32($1)) }
    }

    func u64(at offset: Int) -> UInt64 {
        (0..<8).reduce(UInt64(0)) { $0 | UInt64(storage[offset + $1]) << (8 * UInt64($1)) }
    }

    /// The NUL-terminated string starting at `offset`, or nil when it is out of range or unterminated.
    func cString(at offset: Int) -> String? {
        guard offset >= 0, offset < storage.count, let end = storage[offset...].firstIndex(of: 0) else { return nil }
        return String(decoding: storage[offset..<end], as: UTF8.self)
    }
}

/// A read-only file descriptor that reads checked ranges with `pread`.
private struct ReadOnlyFile {
    let descriptor: Int32
    let size: UInt64

    init(path: String) throws(ELFReadError) {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw ELFReadError(reason: "a file that cannot be opened (\(String(cString: strerror(errno))))") }
        let end = lseek(descriptor, 0, SEEK_END)
        guard end >= 0 else {
            _ = closeDescriptor(descriptor)
            throw ELFReadError(reason: "a file whose size cannot be read")
        }
        self.descriptor = descriptor
        self.size = UInt64(end)
    }

    func close() { _ = closeDescriptor(descriptor) }

    /// `count` bytes at `offset`, or an error naming `what` when the range is not inside the file.
    func bytes(at offset: UInt64, count: UInt64, what: String) throws(ELFReadError) -> Bytes {
        let (end, overflow) = offset.addingReportingOverflow(count)
        guard !overflow, end <= size, let length = Int(exactly: count) else {
            throw ELFReadError(reason: "a truncated file (\(what) at offset \(offset), \(count) bytes, lies past its end at \(size) bytes)")
        }
        var storage = [UInt8](repeating: 0, count: length)
        var done = 0
        while done < length {
            let got = storage.withUnsafeMutableBytes { buffer in
                pread(descriptor, buffer.baseAddress! + done, length - done, off_t(offset) + off_t(done))
            }
            if got < 0 && errno == EINTR { continue }
            guard got > 0 else { throw ELFReadError(reason: "a file that could not be read (\(what) at offset \(offset))") }
            done += got
        }
        return Bytes(storage: storage)
    }
}

private func closeDescriptor(_ descriptor: Int32) -> Int32 {
    #if canImport(Glibc)
    Glibc.close(descriptor)
    #elseif canImport(Musl)
    Musl.close(descriptor)
    #else
    Darwin.close(descriptor)
    #endif
}
