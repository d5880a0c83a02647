import ArgumentParser
import CNNIR

/// `--limit NAME=VALUE` (repeatable): the resource limits a compile enforces before allocating.
struct LimitOptions: ParsableArguments {
    @Option(
        name: .customLong("limit"), parsing: .unconditionalSingleValue,
        help: ArgumentHelp(
            "Raise or lower a resource limit: tensor-elements, weight-bytes, layers or arena-bytes (K, M, G, T suffixes; see docs/untrusted-models.md).",
            valueName: "name=value"))
    var limit: [String] = []

    func validate() throws {
        _ = try value()
    }

    /// The limits: the defaults with every `--limit` applied in order.
    func value() throws -> Limits {
        var limits = Limits()
        for assignment in limit {
            do { try limits.set(assignment) } catch let d as Diagnostic { throw ValidationError(d.message) }
        }
        return limits
    }
}
