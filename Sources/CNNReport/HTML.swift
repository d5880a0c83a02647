/// Escaping and number formatting for the report: the only way a string reaches the page.
enum HTML {
    /// `text` safe in element content and in double- or single-quoted attributes.
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default:
                // Control characters (and NUL) would end up as raw bytes in the file: shown as U+FFFD.
                if scalar.value < 0x20 && scalar != "\n" && scalar != "\t" || scalar.value == 0x7F {
                    out += "\u{FFFD}"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }

    /// `text` cut to `limit` characters with an ellipsis (the full text goes in a tooltip).
    static func truncated(_ text: String, _ limit: Int) -> String {
        text.count <= limit ? text : String(text.prefix(limit - 1)) + "…"
    }

    /// `text` cut to its last `limit` characters after an ellipsis.
    static func truncatedStart(_ text: String, _ limit: Int) -> String {
        text.count <= limit ? text : "…" + String(text.suffix(limit - 1))
    }

    /// `n` with thousands separators: 25,557,032.
    static func grouped(_ n: Int) -> String {
        let digits = String(n.magnitude)
        var out = ""
        for (i, ch) in digits.reversed().enumerated() {
            if i > 0 && i % 3 == 0 { out.append(",") }
            out.append(ch)
        }
        return (n < 0 ? "-" : "") + String(out.reversed())
    }

    /// `x` with `digits` decimals, rounded half away from zero, without Foundation's locale.
    static func fixed(_ x: Double, _ digits: Int) -> String {
        guard x.isFinite else { return x.isNaN ? "NaN" : (x > 0 ? "inf" : "-inf") }
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let scaled = (abs(x) * scale).rounded()
        guard scaled < 9e15 else { return String(x) }
        let whole = Int(scaled)
        var text = String(whole / Int(scale))
        if digits > 0 {
            let frac = String(whole % Int(scale))
            text += "." + String(repeating: "0", count: digits - frac.count) + frac
        }
        return (x < 0 && scaled > 0 ? "-" : "") + text
    }

    /// Bytes as B, KiB, MiB or GiB with two decimals.
    static func bytes(_ n: Int) -> String {
        let units = ["B", "KiB", "MiB", "GiB"]
        var value = Double(n)
        var unit = 0
        while value >= 1024 && unit < units.count - 1 {
            value /= 1024
            unit += 1
        }
        return unit == 0 ? "\(n) B" : fixed(value, 2) + " " + units[unit]
    }

    /// FLOPs as M or G with two decimals.
    static func flops(_ n: Int) -> String {
        n >= 1_000_000_000 ? fixed(Double(n) / 1e9, 2) + " G" : fixed(Double(n) / 1e6, 2) + " M"
    }

    /// `[64, 56, 56]`.
    static func shape(_ dims: [Int]) -> String { "[" + dims.map(String.init).joined(separator: ", ") + "]" }

    /// A short scientific form for errors: 1.23e-05.
    static func scientific(_ x: Double?) -> String {
        guard let x else { return "–" }
        guard x.isFinite else { return x.isNaN ? "NaN" : "inf" }
        if x == 0 { return "0" }
        var exponent = 0
        var m = abs(x)
        while m >= 10 {
            m /= 10
            exponent += 1
        }
        while m < 1 {
            m *= 10
            exponent -= 1
        }
        if (m * 100).rounded() >= 1000 {
            m /= 10
            exponent += 1
        }
        let sign = exponent < 0 ? "-" : "+"
        let e = String(abs(exponent))
        return (x < 0 ? "-" : "") + fixed(m, 2) + "e" + sign + (e.count < 2 ? "0" + e : e)
    }
}
