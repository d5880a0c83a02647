import Foundation

extension FuzzTarget {
    /// Where each target's seed corpus comes from, relative to the repository root: the committed
    /// examples and golden cases (read in place), plus `Fuzz/corpus/<target>/` for hand-made seeds.
    /// `scripts/fuzz.sh` copies these into a working corpus; the replay test runs them all.
    public var seedSources: [(directory: String, suffix: String)] {
        var sources: [(String, String)]
        switch self {
        // The small examples only: a full-size network takes seconds per run, which a fuzzer cannot afford.
        case .description:
            sources = [
                ("examples/lenet5", "net.json"), ("examples/digits", "net.json"), ("examples/keras-mnist", "net.json"),
                ("Tests/Goldens/ops", "net.json"),
            ]
        // Not Tests/Goldens/onnx-zoo: its models keep full-size weights outside (seeded here), seconds a run.
        case .onnx: sources = [("Tests/Goldens/onnx", ".onnx"), ("Tests/Goldens/onnx-elementwise", ".onnx")]
        case .safetensors: sources = [("Tests/Goldens/ops", ".safetensors"), ("examples/lenet5", ".safetensors")]
        case .npy: sources = [("Tests/Goldens/ops", ".npy"), ("Tests/Goldens/onnx", ".npy")]
        case .elf, .descriptor: sources = []
        }
        return sources + [("Fuzz/corpus/\(rawValue)", "")]
    }

    /// The seed files under `root`, sorted, at most `maxBytes` each.
    public func seedFiles(root: URL, maxBytes: Int = 1 << 20) -> [URL] {
        var files: [URL] = []
        for (directory, suffix) in seedSources {
            let base = root.appendingPathComponent(directory)
            guard let walker = FileManager.default.enumerator(at: base, includingPropertiesForKeys: [.fileSizeKey, .isRegularFileKey])
            else { continue }
            for case let url as URL in walker {
                let values = try? url.resourceValues(forKeys: [.fileSizeKey, .isRegularFileKey])
                guard values?.isRegularFile == true, (values?.fileSize ?? .max) <= maxBytes,
                    suffix.isEmpty || url.lastPathComponent.hasSuffix(suffix)
                else { continue }
                files.append(url)
            }
        }
        return files.sorted { $0.path < $1.path }
    }
}
