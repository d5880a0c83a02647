/// Everything `cnnc report` draws, as plain values: the page is a pure function of this.
///
/// Built from a planned network (`init(graph:planned:...)`, the full report) or from a compiled
/// library's descriptor (`init(library:...)`: kernels, inputs and outputs, no graph or memory plan).
public struct ReportData: Sendable, Equatable {
    /// One layer as the user wrote it (a net.json layer or an ONNX node).
    public struct Layer: Sendable, Equatable {
        public var name: String
        public var op: String
        /// Attributes worth a glance, e.g. `3x3 /2, 64 filters`.
        public var detail: String
        /// Positions in `layers` of the layers it reads.
        public var inputs: [Int]
        public var shape: [Int]
        public var parameters: Int
        public var flops: Int
        /// The run-order position of the kernel that computes it; nil when none does.
        public var kernel: Int?
        /// Why no kernel computes it (`model input`, `removed: ...`), or "".
        public var note: String
        public init(
            name: String, op: String, detail: String = "", inputs: [Int] = [], shape: [Int] = [], parameters: Int = 0, flops: Int = 0,
            kernel: Int? = nil, note: String = ""
        ) {
            self.name = name
            self.op = op
            self.detail = detail
            self.inputs = inputs
            self.shape = shape
            self.parameters = parameters
            self.flops = flops
            self.kernel = kernel
            self.note = note
        }
    }

    /// One fused kernel, in run order.
    public struct Kernel: Sendable, Equatable {
        public var op: String
        /// How a conv is computed (`tile Winograd F(4x4,3x3)`, `position tiles`), or nil.
        public var algorithm: String?
        /// The layers it computes, by name (the first is the one it is named after).
        public var layers: [String]
        public var flops: Int
        public var shape: [Int]
        public init(op: String, algorithm: String? = nil, layers: [String], flops: Int, shape: [Int] = []) {
            self.op = op
            self.algorithm = algorithm
            self.layers = layers
            self.flops = flops
            self.shape = shape
        }
    }

    /// One slice of the arena over the run: written by kernel `first`, last read by kernel `last`.
    public struct Slice: Sendable, Equatable {
        /// The tensor's layer name (a kernel's scratch: the kernel's first layer).
        public var name: String
        public var scratch: Bool
        public var first: Int
        public var last: Int
        /// Bytes per sample from the arena's start.
        public var offset: Int
        public var bytes: Int
        public init(name: String, scratch: Bool, first: Int, last: Int, offset: Int, bytes: Int) {
            self.name = name
            self.scratch = scratch
            self.first = first
            self.last = last
            self.offset = offset
            self.bytes = bytes
        }
    }

    /// A model input or output.
    public struct Port: Sendable, Equatable {
        public var name: String
        public var shape: [Int]
        public init(name: String, shape: [Int]) {
            self.name = name
            self.shape = shape
        }
    }

    /// Per-kernel times: measured by `--bench`, or read from `bench --layers --json`.
    public struct Timing: Sendable, Equatable {
        /// Where the numbers come from, e.g. `measured in-process by --bench`.
        public var source: String
        public var batch: Int
        public var threads: Int
        public var medianMs: Double
        public var minMs: Double
        public var imagesPerSecond: Double
        public var gflops: Double
        /// The FMA peak measured beside the kernels, GFLOP/s; 0 when unknown.
        public var peakGFLOPS: Double
        /// Median milliseconds and GFLOP/s per kernel, in run order (same count as `kernels`).
        public var kernelMs: [Double]
        public var kernelGFLOPS: [Double]
        public init(
            source: String, batch: Int, threads: Int, medianMs: Double, minMs: Double, imagesPerSecond: Double, gflops: Double,
            peakGFLOPS: Double, kernelMs: [Double], kernelGFLOPS: [Double]
        ) {
            self.source = source
            self.batch = batch
            self.threads = threads
            self.medianMs = medianMs
            self.minMs = minMs
            self.imagesPerSecond = imagesPerSecond
            self.gflops = gflops
            self.peakGFLOPS = peakGFLOPS
            self.kernelMs = kernelMs
            self.kernelGFLOPS = kernelGFLOPS
        }
    }

    /// Errors of a verify run (`verify --json`): per output, or per layer where the run has them.
    public struct Verification: Sendable, Equatable {
        public struct Entry: Sendable, Equatable {
            /// An output's or a layer's name (matched against the layers by name).
            public var name: String
            public var passed: Bool
            public var maxAbsError: Double?
            public var maxRelError: Double?
            /// Share of elements out of tolerance, 0...1, when known.
            public var outOfToleranceShare: Double?
            public init(name: String, passed: Bool, maxAbsError: Double?, maxRelError: Double?, outOfToleranceShare: Double?) {
                self.name = name
                self.passed = passed
                self.maxAbsError = maxAbsError
                self.maxRelError = maxRelError
                self.outOfToleranceShare = outOfToleranceShare
            }
        }
        public var source: String
        public var rtol: Double
        public var atol: Double
        public var passed: Bool
        public var entries: [Entry]
        public init(source: String, rtol: Double, atol: Double, passed: Bool, entries: [Entry]) {
            self.source = source
            self.rtol = rtol
            self.atol = atol
            self.passed = passed
            self.entries = entries
        }
    }

    /// The model's name.
    public var title: String
    /// The file the report is of, as the user named it.
    public var source: String
    /// The target the plan was made for (`x86-64-v3 (AVX2)`), or what is known of it.
    public var target: String
    /// False for a library: no graph or memory plan, only its kernels.
    public var hasGraph: Bool
    public var layers: [Layer]
    public var kernels: [Kernel]
    public var slices: [Slice]
    public var inputs: [Port]
    public var outputs: [Port]
    public var parameters: Int
    public var flops: Int
    /// Arena bytes per sample (the peak of the plan).
    public var arenaBytes: Int
    public var timing: Timing?
    public var verification: Verification?
    /// For an imported ONNX model: each layer's output tensor name where it differs from the layer's
    /// (what `verify --per-layer` names layers by), so their errors land on the right layers.
    public var tensorNames: [String: String] = [:]

    public init(
        title: String, source: String, target: String, hasGraph: Bool, layers: [Layer], kernels: [Kernel], slices: [Slice], inputs: [Port],
        outputs: [Port], parameters: Int, flops: Int, arenaBytes: Int
    ) {
        self.title = title
        self.source = source
        self.target = target
        self.hasGraph = hasGraph
        self.layers = layers
        self.kernels = kernels
        self.slices = slices
        self.inputs = inputs
        self.outputs = outputs
        self.parameters = parameters
        self.flops = flops
        self.arenaBytes = arenaBytes
    }

    /// Bytes per sample if every arena tensor (and scratch) had its own memory.
    public var unsharedBytes: Int { slices.reduce(0) { $0 + $1.bytes } }
}
