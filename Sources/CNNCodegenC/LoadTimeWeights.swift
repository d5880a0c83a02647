/// Where Winograd-transformed weights come from.
///
/// `stored` puts the transformed weights in the library (tile Winograd's are 4x the direct
/// ones, row Winograd's 2x: ResNet-18's library is 1.76x its weights). `atLoad` stores the
/// direct weights, packed as the transform reads them, and the first `create` of the process
/// transforms them once into memory the library owns and shares between its sessions. The
/// transform is the compiler's (double precision, the same operations in the same order,
/// contraction off), so on clang the transformed values, and the outputs, are bit-identical.
public enum WinogradWeights: String, Sendable, Hashable, CaseIterable {
    case stored
    case atLoad = "at-load"
}

/// The transforms an `atLoad` library runs in its first `create`, and the floats they fill.
struct LoadTimeWeights: Sendable {
    enum Transform: Sendable {
        /// Row Winograd: `dst[ξ][i] = Σ_k G[ξ][k] · src[k][i]` over the `count` floats of each
        /// kernel row's packed plane (packing is linear, so transforming packed planes is
        /// packing the transformed ones).
        case rows(source: Int, destination: Int, count: Int)
        /// Tile Winograd: for each of `groups` (block, input channel) pairs and each of
        /// `blockChannels` lanes, the 9 taps `src[g][tap][lane]` become the 36 transform points
        /// `dst[ξ][g][lane]`, `U = G g Gᵀ` (`stride` floats between points).
        case tiles(source: Int, destination: Int, groups: Int, blockChannels: Int)
    }

    private(set) var transforms: [Transform] = []
    /// Floats of transformed weights, each transform's region 64-byte aligned.
    private(set) var floats = 0

    private mutating func reserve(_ count: Int) -> Int {
        let offset = (floats + 15) / 16 * 16
        floats = offset + count
        return offset
    }

    /// Row Winograd's weights: `rows` holds the 3 kernel rows' packed planes back to back.
    mutating func addRows(sourceOffset: Int, count: Int) -> Int {
        let destination = reserve(RowWinograd.alpha * count)
        transforms.append(.rows(source: sourceOffset, destination: destination, count: count))
        return destination
    }

    /// Tile Winograd's weights from `[block][ic][9][blockChannels]`.
    mutating func addTiles(sourceOffset: Int, groups: Int, blockChannels: Int) -> Int {
        let destination = reserve(TileWinograd.points * groups * blockChannels)
        transforms.append(.tiles(source: sourceOffset, destination: destination, groups: groups, blockChannels: blockChannels))
        return destination
    }

    /// C: the transform helpers, the once-only preparation `prepare_weights()` (returns 0 when
    /// out of memory, called by `create`) and the destructor that frees the memory when the
    /// library is unloaded; nothing without transforms. Kernels read them through `symbol`.
    func declarations(symbol: String, weightsSymbol: String) -> String {
        guard !transforms.isEmpty else { return "" }
        func doubles(_ rows: [[Double]]) -> String {
            "{" + rows.map { "{" + $0.map { "\($0)" }.joined(separator: ", ") + "}" }.joined(separator: ", ") + "}"
        }
        let calls = transforms.map { t -> String in
            switch t {
            case .rows(let s, let d, let count):
                return "    cnnc_row_winograd_weights(p + \(d), \(weightsSymbol) + \(s), \(count));"
            case .tiles(let s, let d, let groups, let bc):
                return "    cnnc_tile_winograd_weights(p + \(d), \(weightsSymbol) + \(s), \(groups), \(bc));"
            }
        }.joined(separator: "\n")
        return """
            /* Winograd weights transformed at the first create (--winograd-weights at-load): the
               compiler's transform, in double precision, without contraction into FMAs. */
            #pragma STDC FP_CONTRACT OFF
            static const double cnnc_row_g[6][3] = \(doubles(RowWinograd.g));
            static void cnnc_row_winograd_weights(float *dst, const float *src, int64_t count) {
                #pragma omp parallel for collapse(2) if(count >= 4096)
                for (int xi = 0; xi < 6; xi++)
                    for (int64_t i = 0; i < count; i++) {
                        double sum = 0.0;
                        for (int k = 0; k < 3; k++) { double term = cnnc_row_g[xi][k] * (double)src[k * count + i]; sum += term; }
                        dst[xi * count + i] = (float)sum;
                    }
            }
            static void cnnc_tile_winograd_weights(float *dst, const float *src, int64_t groups, int64_t bc) {
                const int64_t stride = groups * bc;
                #pragma omp parallel for if(groups >= 64)
                for (int64_t g = 0; g < groups; g++)
                    for (int64_t lane = 0; lane < bc; lane++) {
                        const float *w = src + g * 9 * bc + lane;
                        double left[6][3];
                        for (int r = 0; r < 6; r++)
                            for (int l = 0; l < 3; l++) {
                                double sum = 0.0;
                                for (int k = 0; k < 3; k++) { double term = cnnc_row_g[r][k] * (double)w[(k * 3 + l) * bc]; sum += term; }
                                left[r][l] = sum;
                            }
                        for (int r = 0; r < 6; r++)
                            for (int s = 0; s < 6; s++) {
                                double sum = 0.0;
                                for (int l = 0; l < 3; l++) { double term = left[r][l] * cnnc_row_g[s][l]; sum += term; }
                                dst[(r * 6 + s) * stride + g * bc + lane] = (float)sum;
                            }
                    }
            }
            #pragma STDC FP_CONTRACT ON
            static float *\(symbol);
            static int prepared_state; /* 0: not yet, 1: being prepared, 2: ready */
            static int prepare_weights(void) {
                if (__atomic_load_n(&prepared_state, __ATOMIC_ACQUIRE) == 2) return 1;
                for (;;) {
                    int expected = 0;
                    if (__atomic_compare_exchange_n(&prepared_state, &expected, 1, 0, __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE)) break;
                    if (expected == 2) return 1;
                }
                float *p = (float *)aligned_alloc(64, \((floats + 15) / 16 * 64)u);
                if (!p) { __atomic_store_n(&prepared_state, 0, __ATOMIC_RELEASE); return 0; }
            \(calls)
                \(symbol) = p;
                __atomic_store_n(&prepared_state, 2, __ATOMIC_RELEASE);
                return 1;
            }
            __attribute__((destructor)) static void release_weights(void) { free(\(symbol)); \(symbol) = 0; }

            """
    }
}
