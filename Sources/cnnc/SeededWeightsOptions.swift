import ArgumentParser
import CNNFrontend

/// `--seeded-weights SEED [--seeded-gain G]`: stand-in weights instead of the weights file.
struct SeededWeightsOptions: ParsableArguments {
    @Option(
        name: .customLong("seeded-weights"), parsing: .unconditional,
        help: ArgumentHelp(
            "Generate deterministic stand-in weights from SEED instead of reading the weights file (for benchmarks and tests; see docs/seeded-weights.md).",
            valueName: "seed"))
    var seed: UInt64?

    @Option(
        name: .customLong("seeded-gain"), parsing: .unconditional, help: "Gain of the stand-in conv and dense weights (default: sqrt 2).")
    var gain: Double?

    func validate() throws {
        if gain != nil && seed == nil { throw ValidationError("expected --seeded-weights SEED with --seeded-gain") }
        if let gain, !(gain > 0 && gain.isFinite) { throw ValidationError("expected --seeded-gain above 0, got \(gain)") }
    }

    /// The generator, or nil to read the weights file.
    var value: SeededWeights? {
        seed.map { SeededWeights(seed: $0, gain: gain ?? 2.0.squareRoot()) }
    }
}
