/// A C expression. Identifiers in it come from `Namer` or are fixed by the generator;
/// user strings only ever appear as `.string` literals, which the printer escapes.
public indirect enum CExpr: Hashable, Sendable, ExpressibleByIntegerLiteral {
    case ident(String)
    case int(Int)
    case float(Float)
    case string(String)
    case binary(CExpr, BinaryOperator, CExpr)
    case not(CExpr)
    case negate(CExpr)
    case call(String, [CExpr])
    case index(CExpr, CExpr)
    case arrow(CExpr, String)
    case cast(String, CExpr)
    case ternary(CExpr, CExpr, CExpr)
    case addressOf(CExpr)

    public init(integerLiteral value: Int) { self = .int(value) }

    /// A variable or function name.
    public static func v(_ name: String) -> CExpr { .ident(name) }

    /// C binary operators with their precedence (higher binds tighter).
    public enum BinaryOperator: String, Hashable, Sendable {
        case mul = "*", div = "/", mod = "%"
        case add = "+", sub = "-"
        case lt = "<", le = "<=", gt = ">", ge = ">="
        case eq = "==", ne = "!="
        case and = "&&", or = "||"

        var precedence: Int {
            switch self {
            case .mul, .div, .mod: return 10
            case .add, .sub: return 9
            case .lt, .le, .gt, .ge: return 7
            case .eq, .ne: return 6
            case .and: return 2
            case .or: return 1
            }
        }
    }

    public static func + (a: CExpr, b: CExpr) -> CExpr { simplify(a, .add, b) }
    public static func - (a: CExpr, b: CExpr) -> CExpr { simplify(a, .sub, b) }
    public static func * (a: CExpr, b: CExpr) -> CExpr { simplify(a, .mul, b) }
    public static func / (a: CExpr, b: CExpr) -> CExpr { simplify(a, .div, b) }
    public static func % (a: CExpr, b: CExpr) -> CExpr { .binary(a, .mod, b) }
    public static func < (a: CExpr, b: CExpr) -> CExpr { .binary(a, .lt, b) }
    public static func <= (a: CExpr, b: CExpr) -> CExpr { .binary(a, .le, b) }
    public static func > (a: CExpr, b: CExpr) -> CExpr { .binary(a, .gt, b) }
    public static func >= (a: CExpr, b: CExpr) -> CExpr { .binary(a, .ge, b) }
    public static func && (a: CExpr, b: CExpr) -> CExpr { .binary(a, .and, b) }
    public static func || (a: CExpr, b: CExpr) -> CExpr { .binary(a, .or, b) }
    public func eq(_ b: CExpr) -> CExpr { .binary(self, .eq, b) }
    public func ne(_ b: CExpr) -> CExpr { .binary(self, .ne, b) }
    public subscript(_ i: CExpr) -> CExpr { .index(self, i) }

    /// Folds arithmetic on constants and drops `+ 0`, `* 1`, so index expressions stay readable.
    static func simplify(_ a: CExpr, _ op: BinaryOperator, _ b: CExpr) -> CExpr {
        switch (a, op, b) {
        case (.int(let x), .add, .int(let y)): return .int(x + y)
        case (.int(let x), .sub, .int(let y)): return .int(x - y)
        case (.int(let x), .mul, .int(let y)): return .int(x * y)
        case (.int(0), .add, _): return b
        case (_, .add, .int(0)), (_, .sub, .int(0)): return a
        case (.int(1), .mul, _): return b
        case (_, .mul, .int(1)), (_, .div, .int(1)): return a
        case (.int(0), .mul, _), (_, .mul, .int(0)): return .int(0)
        default: return .binary(a, op, b)
        }
    }
}

/// A C statement.
public indirect enum CStmt: Hashable, Sendable {
    /// `type name = value;`
    case decl(String, String, CExpr?)
    /// `name[count]` array declaration, optionally aligned.
    case array(String, String, count: Int, alignment: Int?)
    /// `lhs op rhs;` with op `=`, `+=`, ...
    case assign(CExpr, String, CExpr)
    case expr(CExpr)
    /// `for (int64_t v = from; v < to; v += step)`.
    case loop(String, from: CExpr, to: CExpr, step: Int, [CStmt])
    case ifThen(CExpr, [CStmt], else: [CStmt])
    case block([CStmt])
    /// `#pragma text` on its own line.
    case pragma(String)
    /// A comment; the printer neutralises `*/`.
    case comment(String)
    case ret(CExpr?)
    case continueLoop

    /// `for (v = 0; v < to; v++)`.
    public static func loop(_ v: String, _ to: CExpr, _ body: [CStmt]) -> CStmt { .loop(v, from: 0, to: to, step: 1, body) }
    public static func loop(_ v: String, _ from: CExpr, _ to: CExpr, _ body: [CStmt]) -> CStmt {
        .loop(v, from: from, to: to, step: 1, body)
    }
}

/// A top-level C declaration.
public enum CDecl: Hashable, Sendable {
    case include(String)
    case comment(String)
    /// A function; `attributes` go before the return type (e.g. `static`).
    case function(CFunction)
    /// Text emitted verbatim: only for fixed, generator-owned text (the ABI header, the blob's asm).
    case verbatim(String)
    case blank
}

/// A C function definition.
public struct CFunction: Hashable, Sendable {
    public var prefix: String
    public var returnType: String
    public var name: String
    public var parameters: [(type: String, name: String)]
    public var body: [CStmt]

    public init(
        prefix: String = "static", returnType: String = "void", name: String, parameters: [(type: String, name: String)], body: [CStmt]
    ) {
        self.prefix = prefix
        self.returnType = returnType
        self.name = name
        self.parameters = parameters
        self.body = body
    }

    public static func == (a: CFunction, b: CFunction) -> Bool {
        a.prefix == b.prefix && a.returnType == b.returnType && a.name == b.name && a.body == b.body
            && a.parameters.map(\.type) == b.parameters.map(\.type) && a.parameters.map(\.name) == b.parameters.map(\.name)
    }

    public func hash(into hasher: inout Hasher) { hasher.combine(name) }
}

/// A C type the kernels declare or cast to, spelled in one place: a misspelt type is a Swift
/// error, not a clang one (`CStmt.local` declares with one).
public struct CType: Hashable, Sendable {
    public let spelling: String
    init(_ spelling: String) { self.spelling = spelling }

    public static let float = CType("float")
    public static let constFloat = CType("const float")
    public static let constInt64 = CType("const int64_t")
    public static let int64 = CType("int64_t")
    /// A read-only float pointer that aliases nothing else the kernel writes.
    public static let constFloatPointer = CType("const float *restrict")
    public static let floatPointer = CType("float *restrict")
    /// The vector of `lanes` floats (`cnnc_v8`, ...; `MathPrelude.vectorTypes` declares them).
    public static func vector(_ lanes: Int) -> CType { CType("cnnc_v\(lanes)") }
    /// This type, const.
    public var constant: CType { CType("const " + spelling) }
    /// A pointer to this type.
    public var pointer: CType { CType(spelling + " *") }
}

extension CStmt {
    /// `__asm__ volatile("" ::: "memory");`: no instruction, but clang and gcc neither move memory
    /// accesses across it nor reuse a value loaded before it for a load after it.
    public static let compilerBarrier: CStmt = .expr(.ident("__asm__ volatile(\"\" ::: \"memory\")"))

    /// `type name = value;` with a typed type.
    public static func local(_ type: CType, _ name: String, _ value: CExpr?) -> CStmt { .decl(type.spelling, name, value) }
}

extension CExpr {
    /// `*(const V *)(pointer)`: one vector load, `vtype` the vector type (`CType.vector`: `cnnc_v8`,
    /// ...; declared with 4-byte alignment, so any float address will do).
    public static func loadVector(_ vtype: CType, from pointer: CExpr) -> CExpr { .index(.cast(vtype.constant.pointer, pointer), 0) }
    /// `*(V *)(pointer)`: the vector at `pointer`, to store to.
    public static func vectorAt(_ vtype: CType, _ pointer: CExpr) -> CExpr { .index(.cast(vtype.pointer, pointer), 0) }
    /// `(type)value`, with a typed type.
    public static func cast(_ type: CType, _ value: CExpr) -> CExpr { .cast(type.spelling, value) }
    /// `cnnc_splatN(value)`: every lane of a vector of `lanes` floats set to `value`.
    public static func splat(_ lanes: Int, _ value: CExpr) -> CExpr { .call("cnnc_splat\(lanes)", [value]) }
}

extension CStmt {
    /// `type name[count]`, aligned to `alignment` bytes when given, with a typed element type.
    public static func array(_ type: CType, _ name: String, count: Int, alignment: Int?) -> CStmt {
        .array(type.spelling, name, count: count, alignment: alignment)
    }
    /// `acc += a * b`: the conv kernels' one multiply-add (vector or scalar), spelled here only,
    /// so a target that wants it written otherwise (an intrinsic) changes one place.
    public static func multiplyAdd(_ acc: CExpr, _ a: CExpr, _ b: CExpr) -> CStmt { .assign(acc, "+=", a * b) }
}
