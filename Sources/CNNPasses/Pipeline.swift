import CNNIR

/// Options that change what the passes do (for users, and for differential tests across the option space).
public struct PassOptions: Sendable, Hashable {
    /// Fold batchnorm and fuse activations, adds and pools into the kernels before them.
    public var fuse: Bool = true
    /// Re-verify the graph after every pass (tests turn this on).
    public var verifyEachPass: Bool = false
    /// Also return every kernel's result as a model output (`ExportAllLayers`).
    public var allLayers: Bool = false
    public init(fuse: Bool = true, verifyEachPass: Bool = false, allLayers: Bool = false) {
        self.fuse = fuse
        self.verifyEachPass = verifyEachPass
        self.allLayers = allLayers
    }
}

/// The pass pipeline, in order. Each step is Graph -> Graph; memory planning ends it.
public enum Pipeline {
    /// Every pass's name, in pipeline order, after `import` (the graph before any pass); which run
    /// depends on the options. `cnnc compile --dump-ir-after` takes these.
    public static let passNames = [
        "import", "remove-dropout", "fold-batchnorm", "fold-channel-scale", "fold-input-normalization", "fuse-gated-activation",
        "fuse-exported-gelu",
        "fuse-channel-shuffle",
        "fold-shuffle-into-conv", "fold-channels-last-layernorm", "sink-channels-last-transpose", "hoist-average-pool", "fuse",
        "export-all-layers", "eliminate-dead-nodes",
    ]

    /// `scratch` tells memory planning how much scratch each chosen kernel needs (codegen decides).
    /// `afterPass` sees the graph as imported (`import`) and after each pass, by the pass's name
    /// (`cnnc compile --dump-ir-after`).
    public static func run(
        _ graph: Graph, options: PassOptions = PassOptions(), scratch: (Node, Graph) -> Int = { _, _ in 0 },
        afterPass: (String, Graph) -> Void = { _, _ in }
    ) throws -> PlannedGraph {
        // 1. Dropout is the identity at inference.
        // 2. Batchnorm folds into the conv/dense before it (before activations are fused, which would block it).
        //    So does a constant per-channel scale or shift of a conv's or linear layer's output (a layer
        //    scale; TensorFlow exports' batchnorm as Mul and Add).
        //    A constant scale or shift on a conv's input ((x - mean) / std, x / 255) folds into the conv's
        //    weights and bias (a shift only into an unpadded conv).
        //    x * sigmoid(x) becomes silu(x), x * hardsigmoid(x) hardswish(x) (after the folding, which a gate reading a batchnorm needs).
        //    (x * (erf(x / sqrt 2) + 1)) * 0.5, GELU as exported before opset 20, becomes gelu(x).
        //    Reshape / transpose / reshape of a channel shuffle becomes one channel_shuffle, which folds
        //    into an ungrouped conv reading it (a permutation of the conv's input channels).
        //    A channels-last transpose sinks through the layer norm, linear layers and activations
        //    after it to the transpose back, and both go (ConvNeXt's block runs channels-first).
        // 3. Average pools move in front of the 1x1 convs that feed them (before pools are fused; not with --all-layers).
        // 4. Activations, residual adds and pools move into producers' epilogues, and a run-time
        //    per-channel scale of a 1x1 conv's input (a squeeze-and-excitation gate) into that conv, to a fixpoint.
        // 5. With --all-layers, every kernel's result becomes an output (after fusion, which stays on).
        // 6. Layers that reach no output are removed.
        var steps: [(String, (Graph) -> Graph)] = [
            ("remove-dropout", { RewriteDriver.run([RemoveDropout()], on: $0) })
        ]
        if options.fuse {
            steps.append(("fold-batchnorm", { RewriteDriver.run([FoldBatchNorm()], on: $0) }))
            steps.append(("fold-channel-scale", { RewriteDriver.run([FoldChannelScale()], on: $0) }))
            steps.append(("fold-input-normalization", { RewriteDriver.run([FoldInputNormalization()], on: $0) }))
            steps.append(("fuse-gated-activation", { RewriteDriver.run([FuseGatedActivation()], on: $0) }))
            // The erf chain it leaves unread goes at once, so the activation can fuse into its producer.
            steps.append(("fuse-exported-gelu", { EliminateDeadNodes.run(RewriteDriver.run([FuseExportedGelu()], on: $0)) }))
            steps.append(("fuse-channel-shuffle", { RewriteDriver.run([FuseChannelShuffle()], on: $0) }))
            steps.append(("fold-shuffle-into-conv", { RewriteDriver.run([FoldShuffleIntoConv()], on: $0) }))
            steps.append(("fold-channels-last-layernorm", { RewriteDriver.run([FoldChannelsLastLayerNorm()], on: $0) }))
            // Then, once the first transpose of each cancelled pair is gone, the layer scale that
            // followed the second one folds into the 1x1 conv before it. Not with --all-layers: the
            // steps between the transposes would be returned channels-first under the names of
            // channels-last tensors.
            if !options.allLayers {
                steps.append(
                    (
                        "sink-channels-last-transpose",
                        { graph in
                            let sunk = EliminateDeadNodes.run(
                                RewriteDriver.run([SinkChannelsLastTranspose(), CancelInverseTransposes()], on: graph))
                            return RewriteDriver.run([FoldChannelScale()], on: sunk)
                        }
                    ))
            }
            // Not with --all-layers: the hoisted conv would compute the pool's value and the pool a value no layer has.
            if !options.allLayers {
                steps.append(("hoist-average-pool", { RewriteDriver.run([HoistAveragePool()], on: $0) }))
            }
            steps.append(("fuse", { RewriteDriver.run([FuseActivation(), FuseAdd(), FusePool(), FuseInputScale()], on: $0) }))
        }
        if options.allLayers {
            let dropouts = ExportAllLayers.dropoutAliases(graph)
            steps.append(("export-all-layers", { ExportAllLayers.run($0, dropouts: dropouts) }))
        }
        steps.append(("eliminate-dead-nodes", EliminateDeadNodes.run))
        var graph = graph
        afterPass("import", graph)
        for (name, step) in steps {
            assert(passNames.contains(name), "pass \(name) is missing from Pipeline.passNames")
            graph = step(graph)
            if options.verifyEachPass { try GraphVerifier.verify(graph, after: name) }
            afterPass(name, graph)
        }
        return PlanMemory.run(graph, scratch: scratch)
    }
}
