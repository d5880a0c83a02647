/// The one place that turns C syntax into text: it owns indentation, precedence and literal escaping.
public struct CPrinter {
    private var out = ""
    private var depth = 0

    public init() {}

    /// Prints a translation unit.
    public static func print(_ decls: [CDecl]) -> String {
        var p = CPrinter()
        for decl in decls { p.emit(decl) }
        return p.out
    }

    mutating func line(_ text: String) {
        if text.isEmpty {
            out += "\n"
            return
        }
        out += String(repeating: "    ", count: depth) + text + "\n"
    }

    mutating func emit(_ decl: CDecl) {
        switch decl {
        case .include(let header): line("#include <\(header)>")
        case .comment(let text): line("/* \(CPrinter.commentSafe(text)) */")
        case .verbatim(let text): out += text.hasSuffix("\n") ? text : text + "\n"
        case .blank: line("")
        case .function(let f):
            let params = f.parameters.isEmpty ? "void" : f.parameters.map { "\($0.type) \($0.name)" }.joined(separator: ", ")
            line("\(f.prefix.isEmpty ? "" : f.prefix + " ")\(f.returnType) \(f.name)(\(params)) {")
            depth += 1
            for s in f.body { emit(s) }
            depth -= 1
            line("}")
            line("")
        }
    }

    mutating func emit(_ stmt: CStmt) {
        switch stmt {
        case .decl(let type, let name, let value):
            line(value.map { "\(type) \(name) = \(CPrinter.expr($0));" } ?? "\(type) \(name);")
        case .array(let type, let name, let count, let alignment):
            let align = alignment.map { " __attribute__((aligned(\($0))))" } ?? ""
            line("\(type) \(name)[\(count)]\(align);")
        case .assign(let lhs, let op, let rhs):
            line("\(CPrinter.expr(lhs)) \(op) \(CPrinter.expr(rhs));")
        case .expr(let e):
            line("\(CPrinter.expr(e));")
        case .loop(let v, let from, let to, let step, let body):
            let inc = step == 1 ? "\(v)++" : "\(v) += \(step)"
            line("for (int64_t \(v) = \(CPrinter.expr(from)); \(v) < \(CPrinter.expr(to)); \(inc)) {")
            depth += 1
            for s in body { emit(s) }
            depth -= 1
            line("}")
        case .ifThen(let cond, let then, let otherwise):
            line("if (\(CPrinter.expr(cond))) {")
            depth += 1
            for s in then { emit(s) }
            depth -= 1
            if otherwise.isEmpty {
                line("}")
            } else {
                line("} else {")
                depth += 1
                for s in otherwise { emit(s) }
                depth -= 1
                line("}")
            }
        case .block(let body):
            line("{")
            depth += 1
            for s in body { emit(s) }
            depth -= 1
            line("}")
        case .pragma(let text):
            // Pragmas start at column 0 by convention so they stand out.
            out += "#pragma \(text)\n"
        case .comment(let text):
            line("/* \(CPrinter.commentSafe(text)) */")
        case .ret(let value):
            line(value.map { "return \(CPrinter.expr($0));" } ?? "return;")
        case .continueLoop:
            line("continue;")
        }
    }

    /// Precedence of an expression's top node; atoms are 100.
    static func precedence(_ e: CExpr) -> Int {
        switch e {
        case .binary(_, let op, _): return op.precedence
        case .ternary: return 0
        case .cast, .not, .negate, .addressOf: return 12
        case .ident, .int, .float, .string, .call, .index, .arrow: return 100
        }
    }

    /// Prints an expression with only the parentheses precedence requires.
    public static func expr(_ e: CExpr) -> String {
        func wrap(_ child: CExpr, _ min: Int) -> String {
            let text = expr(child)
            return precedence(child) < min ? "(\(text))" : text
        }
        switch e {
        case .ident(let name): return name
        case .int(let i): return i >= Int(Int32.max) || i <= Int(Int32.min) ? "\(i)LL" : "\(i)"
        case .float(let f): return floatLiteral(f)
        case .string(let s): return stringLiteral(s)
        case .binary(let a, let op, let b):
            // Left-associative: the right operand needs parentheses at equal precedence.
            return "\(wrap(a, op.precedence)) \(op.rawValue) \(wrap(b, op.precedence + 1))"
        case .not(let a): return "!\(wrap(a, 12))"
        case .negate(let a): return "-\(wrap(a, 12))"
        case .addressOf(let a): return "&\(wrap(a, 12))"
        case .call(let name, let args): return "\(name)(\(args.map(expr).joined(separator: ", ")))"
        case .index(let base, let i): return "\(wrap(base, 100))[\(expr(i))]"
        case .arrow(let base, let field): return "\(wrap(base, 100))->\(field)"
        case .cast(let type, let a): return "(\(type))\(wrap(a, 12))"
        case .ternary(let c, let a, let b): return "(\(wrap(c, 1)) ? \(wrap(a, 1)) : \(wrap(b, 1)))"
        }
    }

    /// A float32 literal that reads back to the same bits (Swift's shortest round-trip form).
    public static func floatLiteral(_ f: Float) -> String {
        if f.isNaN { return "NAN" }
        if f.isInfinite { return f < 0 ? "(-INFINITY)" : "INFINITY" }
        var text = "\(f)"
        if !text.contains(".") && !text.contains("e") { text += ".0" }
        return text + "f"
    }

    /// A C string literal: printable ASCII as is, everything else (and quotes, backslashes, `?`) as octal escapes.
    public static func stringLiteral(_ s: String) -> String {
        var out = "\""
        for byte in s.utf8 {
            switch byte {
            case 0x20...0x7e where byte != UInt8(ascii: "\"") && byte != UInt8(ascii: "\\") && byte != UInt8(ascii: "?"):
                out.append(Character(Unicode.Scalar(byte)))
            default:
                out += "\\" + String(byte, radix: 8).leftPadded(to: 3)
            }
        }
        return out + "\""
    }

    /// Comment text with `*/` and control characters neutralised.
    static func commentSafe(_ s: String) -> String {
        var out = ""
        var previous: Unicode.Scalar = " "
        for scalar in s.unicodeScalars {
            if scalar.value < 0x20 || scalar.value == 0x7f {
                out += " "
            } else {
                if previous == "*" && scalar == "/" { out += " " }
                out.unicodeScalars.append(scalar)
            }
            previous = scalar
        }
        return out
    }
}

extension String {
    func leftPadded(to width: Int) -> String { count >= width ? self : String(repeating: "0", count: width - count) + self }
}
