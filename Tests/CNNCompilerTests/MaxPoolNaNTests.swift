import CNNCompiler
import CNNFrontend
import CNNTestSupport
import Foundation
import Testing

/// Max pooling's documented NaN rule (docs/architecture.md), PyTorch's: a window holding a NaN
/// gives NaN, wherever the NaN sits in the window. Every pooling path folds with `cnnc_maxf`, so
/// this holds for the separable stride-1 pool, the row pool, and a pool fused into a conv's
/// epilogue. (Before, a NaN was skipped as fmaxf skips it.)
@Suite struct MaxPoolNaNTests {
    /// The max of each 3x3 window (stride `stride`, padding `pad`) of a `h`x`w` plane; NaN when the window holds one.
    static func reference(_ x: [Float], h: Int, w: Int, stride: Int, pad: Int) -> [Float] {
        let oh = (h + 2 * pad - 3) / stride + 1
        let ow = (w + 2 * pad - 3) / stride + 1
        var y: [Float] = []
        for r in 0..<oh {
            for c in 0..<ow {
                var m = -Float.infinity
                for i in 0..<3 {
                    for j in 0..<3 {
                        let (ih, iw) = (r * stride - pad + i, c * stride - pad + j)
                        guard ih >= 0, ih < h, iw >= 0, iw < w else { continue }
                        let v = x[ih * w + iw]
                        m = v.isNaN || m.isNaN ? .nan : max(m, v)
                    }
                }
                y.append(m)
            }
        }
        return y
    }

    /// Stride 1 with padding 1 runs the separable pool (two flat passes), stride 2 the row pool.
    @Test(arguments: [(1, 1), (2, 0)])
    func maxPoolPropagatesNaN(_ stride: Int, _ pad: Int) throws {
        let (h, w) = (20, 20)
        let dir = TemporaryDirectory()
        let net = dir.write(
            "net.json",
            """
            {"version": 1, "name": "pool_nan", "inputs": [{"name": "x", "shape": [1, \(h), \(w)]}],
             "layers": [{"name": "pool", "op": "maxpool2d", "size": 3, "stride": \(stride), "padding": \(pad)}]}
            """)
        // A ramp with NaNs at a window's first cell, its middle, a row end and the plane's corner.
        var x = (0..<(h * w)).map { Float(($0 * 37) % 101) - 50 }
        for i in [0, 21, 42, 19, 399, 200, 201, 202] { x[i] = .nan }
        let model = try CompiledModel(net: net)
        let y = try model.run([x], batch: 1)[0]
        let want = Self.reference(x, h: h, w: w, stride: stride, pad: pad)
        #expect(y.count == want.count)
        #expect(y.contains { $0.isNaN })
        #expect(Self.same(y, want), "\(y)")
    }

    /// Equal values, NaN where the other has NaN.
    static func same(_ a: [Float], _ b: [Float]) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { $0 == $1 || ($0.isNaN && $1.isNaN) }
    }

    /// The description compiled with stand-in weights (seed 7), fused and with fusion off.
    static func fusedAndSeparate(_ net: String) throws -> (fused: CompiledModel, separate: CompiledModel) {
        var options = CompileOptions()
        options.seeded = SeededWeights(seed: 7)
        let fused = try CompiledModel(net: net, options: options)
        options.fuse = false
        return (fused, try CompiledModel(net: net, options: options))
    }

    /// A pool fused into a conv's epilogue (a 1x1 conv with stand-in weights, then maxpool 2)
    /// propagates NaNs the same way: it gives what the separate pool kernel gives, NaNs included.
    @Test func fusedPoolPropagatesNaN() throws {
        let dir = TemporaryDirectory()
        let net = dir.write(
            "net.json",
            """
            {"version": 1, "name": "fused_nan", "inputs": [{"name": "x", "shape": [2, 16, 16]}],
             "layers": [{"name": "conv", "op": "conv2d", "filters": 4, "kernel": 1},
                        {"name": "pool", "op": "maxpool2d", "size": 2}]}
            """)
        var x = (0..<512).map { Float(($0 * 29) % 61) / 7 - 4 }
        for i in [0, 17, 34, 255, 300] { x[i] = .nan }
        let (fused, separate) = try Self.fusedAndSeparate(net)
        let y = try fused.run([x], batch: 1)[0]
        // The 1x1 conv makes a pixel NaN in every channel when either input channel is NaN there:
        // (0,0), (1,1), (2,2), (15,15), (2,12), in the 2x2 windows (0,0), (0,0), (1,1), (7,7), (1,6).
        #expect(y.filter(\.isNaN).count == 4 * 4, "\(y)")
        #expect(Self.same(y, try separate.run([x], batch: 1)[0]))
    }

    /// The vector form of a fused pool (3x3 conv and relu on 12x42, maxpool 2 to 5x20: pooled in
    /// vectors of columns, the last one partial on AVX-512 and AVX2) gives NaN exactly at the
    /// pooled cells whose window holds a conv output that a NaN input reaches, and the separate
    /// pool kernel's values elsewhere.
    @Test func fusedVectorPoolPropagatesNaN() throws {
        let (h, w) = (12, 42)
        let dir = TemporaryDirectory()
        let net = dir.write(
            "net.json",
            """
            {"version": 1, "name": "fused_nan_rows", "inputs": [{"name": "x", "shape": [1, \(h), \(w)]}],
             "layers": [{"name": "conv", "op": "conv2d", "filters": 6, "kernel": 3, "activation": "relu"},
                        {"name": "pool", "op": "maxpool2d", "size": 2}]}
            """)
        var x = (0..<(h * w)).map { Float(($0 * 29) % 61) / 7 - 4 }
        let nans = [(0, 0), (5, 17), (11, 41), (6, 33)]
        for (r, c) in nans { x[r * w + c] = .nan }
        let (fused, separate) = try Self.fusedAndSeparate(net)
        let y = try fused.run([x], batch: 1)[0]
        // Conv output (i, j) reads inputs (i..i+2, j..j+2); pooled cell (p, q) reads conv outputs (2p..2p+1, 2q..2q+1).
        let (ph, pw) = ((h - 2) / 2, (w - 2) / 2)
        var want = Set<Int>()
        for (r, c) in nans {
            for i in max(r - 2, 0)...min(r, h - 3) {
                for j in max(c - 2, 0)...min(c, w - 3) where i / 2 < ph && j / 2 < pw { want.insert(i / 2 * pw + j / 2) }
            }
        }
        #expect(y.count == 6 * ph * pw)
        for ch in 0..<6 {
            let nanCells = Set((0..<(ph * pw)).filter { y[ch * ph * pw + $0].isNaN })
            #expect(nanCells == want, "channel \(ch)")
        }
        #expect(Self.same(y, try separate.run([x], batch: 1)[0]))
    }
}
