import CNNFrontend
import CNNIR
import Testing

/// Checks the net.json suites of each op family share: a bad layer's error, and the writer's round trip.
public enum DescriptionChecks {
    /// Reads a description whose inputs are `inputs` (the JSON of its "inputs" list) and whose one
    /// layer is `layer`, expects a `Diagnostic` containing `message`, and expects that diagnostic to
    /// name the file and the layer 'm'.
    public static func expectLayerError(
        _ layer: String, _ message: String, inputs: String,
        sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) {
        let dir = TemporaryDirectory()
        let path = dir.write("net.json", #"{"version": 1, "name": "e", "inputs": "# + inputs + #", "layers": ["# + layer + "]}")
        do {
            _ = try NetworkReader.read(path: path)
            Issue.record("expected an error for \(layer)", sourceLocation: sourceLocation)
        } catch let d as Diagnostic {
            let text = "\(d)"
            #expect(text.contains(message), "\(text)", sourceLocation: sourceLocation)
            #expect(text.contains("net.json") && text.contains("'m'"), "\(text)", sourceLocation: sourceLocation)
        } catch {
            Issue.record("expected a Diagnostic for \(layer), got \(error)", sourceLocation: sourceLocation)
        }
    }

    /// Reads `description`, writes it back with `NetworkWriter`, reads the result again, and
    /// expects both graphs to have the same ops, inputs, shapes and parameter values. Returns the
    /// written text for checks of its spelling.
    @discardableResult
    public static func expectWriterRoundTrips(
        _ description: String, sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) throws -> String {
        let dir = TemporaryDirectory()
        let graph = try NetworkReader.read(path: dir.write("net.json", description))
        try NetworkWriter.write(graph, descriptionPath: dir.path("out.json"))
        let again = try NetworkReader.read(path: dir.path("out.json"))
        #expect(graph.nodes.map(\.op) == again.nodes.map(\.op), sourceLocation: sourceLocation)
        #expect(graph.nodes.map(\.inputs) == again.nodes.map(\.inputs), sourceLocation: sourceLocation)
        #expect(graph.nodes.map(\.shape) == again.nodes.map(\.shape), sourceLocation: sourceLocation)
        #expect(
            graph.nodes.map { $0.params.mapValues(\.values) } == again.nodes.map { $0.params.mapValues(\.values) },
            sourceLocation: sourceLocation)
        return try String(contentsOfFile: dir.path("out.json"), encoding: .utf8)
    }
}
