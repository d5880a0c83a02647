#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// The CPU features a library needs and the ones this machine has, by their `/proc/cpuinfo` names.
///
/// A library records the features its code needs in its descriptor (`required_cpu_features`,
/// ABI revision 1); the runtime refuses to load one whose code this CPU cannot run, naming
/// what is missing, instead of letting it die of an illegal instruction.
public enum CPUFeatures {
    /// The flags of the first processor in `/proc/cpuinfo` (the `flags` line on x86, `Features`
    /// on ARM); empty when the file cannot be read.
    public static let host: Set<String> = parse(cpuinfo: readCPUInfo() ?? "")

    /// The flag names of the first `flags` or `Features` line of a `/proc/cpuinfo` text.
    public static func parse(cpuinfo: String) -> Set<String> {
        for line in cpuinfo.split(separator: "\n") where line.hasPrefix("flags") || line.hasPrefix("Features") {
            guard let colon = line.firstIndex(of: ":") else { continue }
            return Set(line[line.index(after: colon)...].split(separator: " ").map(String.init))
        }
        return []
    }

    /// The features in `required` that `available` lacks, in the order required lists them.
    public static func missing(_ required: [String], available: Set<String>) -> [String] {
        required.filter { !available.contains($0) }
    }

    static func readCPUInfo() -> String? {
        guard let file = fopen("/proc/cpuinfo", "r") else { return nil }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = fread(&buffer, 1, buffer.count, file)
            if n <= 0 { break }
            bytes += buffer[0..<n]
            // The first processor's block is enough.
            if bytes.count > 1 << 20 { break }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
