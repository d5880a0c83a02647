static void k1_pre(int64_t n, int nt, const float *restrict wts, const float *restrict in0, float *restrict out) {
    /* relu [pre]: [32, 16, 16] -> [32, 16, 16] */
    if (nt > 1) {
#pragma omp parallel for schedule(static) num_threads(nt) if(n >= 4)
        for (int64_t i = 0; i < n * 8192; i++) {
            float v = in0[i];
            out[i] = (v < 0.0f ? 0.0f : v);
        }
    } else {
        for (int64_t i = 0; i < n * 8192; i++) {
            float v = in0[i];
            out[i] = (v < 0.0f ? 0.0f : v);
        }
    }
}

static void k2_conv(int64_t n, int nt, const float *restrict wts, const float *restrict in0, float *restrict out, float *restrict scratch) {
    /* conv2d [conv + act]: [32, 16, 16] -> [64, 16, 16] */
    /* tile Winograd F(4x4,3x3): 4x4 tiles in 2 tasks of up to 2 rows, 36 GEMMs of 64x32, micro-tiles of 8 tiles x 32 channels */
    const float *restrict w = wts;
    const float *restrict bias = wts + 73728;
#pragma omp parallel for collapse(2) schedule(static) num_threads(nt) if(n >= 1)
    for (int64_t b = 0; b < n; b++) {
        for (int64_t task = 0; task < 2; task++) {
            const int64_t ty0 = task * 4 / 2;
            const int64_t ty1 = (task + 1) * 4 / 2;
            const int64_t k0 = ty0 * 4;
            const int64_t count = (ty1 - ty0) * 4;
            float *restrict vl = scratch + (b * 2 + task) * 19008;
            const int64_t rows = ty1 - ty0;
            float pl[320] __attribute__((aligned(64)));
            float vt[720] __attribute__((aligned(64)));
            float ex[24] __attribute__((aligned(64)));
            for (int64_t c = 0; c < 32; c++) {
                const float *restrict src = in0 + (b * 32 + c) * 256;
                float *restrict vc = vl + c * 16;
                for (int64_t pr = 0; pr < rows * 4 + 2; pr++) {
                    const int64_t ih = ty0 * 4 + pr - 1;
                    float *restrict row = pl + pr * 32;
                    if (ih < 0 || ih >= 16) {
                        for (int64_t x = 0; x < 32; x++) {
                            row[x] = 0.0f;
                        }
                    } else {
                        for (int64_t x = 0; x < 1; x++) {
                            row[x] = 0.0f;
                        }
                        memcpy(row + 1, src + ih * 16, (size_t)16 * sizeof(float));
                        for (int64_t x = 17; x < 32; x++) {
                            row[x] = 0.0f;
                        }
                    }
                }
                for (int64_t tl = 0; tl < rows; tl++) {
                    for (int64_t x = 0; x < 32; x += 16) {
                        const cnnc_v16 d0 = ((const cnnc_v16 *)(pl + tl * 4 * 32 + x))[0];
                        const cnnc_v16 d1 = ((const cnnc_v16 *)(pl + (tl * 4 + 1) * 32 + x))[0];
                        const cnnc_v16 d2 = ((const cnnc_v16 *)(pl + (tl * 4 + 2) * 32 + x))[0];
                        const cnnc_v16 d3 = ((const cnnc_v16 *)(pl + (tl * 4 + 3) * 32 + x))[0];
                        const cnnc_v16 d4 = ((const cnnc_v16 *)(pl + (tl * 4 + 4) * 32 + x))[0];
                        const cnnc_v16 d5 = ((const cnnc_v16 *)(pl + (tl * 4 + 5) * 32 + x))[0];
                        ((cnnc_v16 *)(vt + tl * 16 + x))[0] = 4.0f * d0 - 5.0f * d2 + d4;
                        ((cnnc_v16 *)(vt + 120 + tl * 16 + x))[0] = -(4.0f * d1) - 4.0f * d2 + d3 + d4;
                        ((cnnc_v16 *)(vt + 240 + tl * 16 + x))[0] = 4.0f * d1 - 4.0f * d2 - d3 + d4;
                        ((cnnc_v16 *)(vt + 360 + tl * 16 + x))[0] = -(2.0f * d1) - d2 + 2.0f * d3 + d4;
                        ((cnnc_v16 *)(vt + 480 + tl * 16 + x))[0] = 2.0f * d1 - d2 - 2.0f * d3 + d4;
                        ((cnnc_v16 *)(vt + 600 + tl * 16 + x))[0] = 4.0f * d1 - 5.0f * d3 + d5;
                    }
                    for (int64_t xi = 0; xi < 6; xi++) {
                        for (int64_t x = 0; x < 2; x++) {
                            ex[(xi * 2 + tl) * 2 + x] = vt[xi * 120 + tl * 16 + 16 + x];
                        }
                    }
                }
                for (int64_t r = 0; r < 6; r++) {
                    const float *restrict tr = vt + r * 120;
                    for (int64_t kl = 0; kl < count; kl += 16) {
                        const cnnc_v16 a0 = ((const cnnc_v16 *)(tr + kl * 4))[0];
                        const cnnc_v16 a1 = ((const cnnc_v16 *)(tr + kl * 4 + 16))[0];
                        const cnnc_v16 a2 = ((const cnnc_v16 *)(tr + kl * 4 + 32))[0];
                        const cnnc_v16 a3 = ((const cnnc_v16 *)(tr + kl * 4 + 48))[0];
                        const cnnc_v16 aie01 = __builtin_shufflevector(a0, a1, 0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30);
                        const cnnc_v16 aio01 = __builtin_shufflevector(a0, a1, 1, 3, 5, 7, 9, 11, 13, 15, 17, 19, 21, 23, 25, 27, 29, 31);
                        const cnnc_v16 aie23 = __builtin_shufflevector(a2, a3, 0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30);
                        const cnnc_v16 aio23 = __builtin_shufflevector(a2, a3, 1, 3, 5, 7, 9, 11, 13, 15, 17, 19, 21, 23, 25, 27, 29, 31);
                        const cnnc_v16 ai0 = __builtin_shufflevector(aie01, aie23, 0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30);
                        const cnnc_v16 ai2 = __builtin_shufflevector(aie01, aie23, 1, 3, 5, 7, 9, 11, 13, 15, 17, 19, 21, 23, 25, 27, 29, 31);
                        const cnnc_v16 ai1 = __builtin_shufflevector(aio01, aio23, 0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30);
                        const cnnc_v16 ai3 = __builtin_shufflevector(aio01, aio23, 1, 3, 5, 7, 9, 11, 13, 15, 17, 19, 21, 23, 25, 27, 29, 31);
                        const cnnc_v16 b0 = ((const cnnc_v16 *)(tr + kl * 4 + 4))[0];
                        const cnnc_v16 b1 = ((const cnnc_v16 *)(tr + kl * 4 + 20))[0];
                        const cnnc_v16 b2 = ((const cnnc_v16 *)(tr + kl * 4 + 36))[0];
                        const cnnc_v16 b3 = ((const cnnc_v16 *)(tr + kl * 4 + 52))[0];
                        const cnnc_v16 bie01 = __builtin_shufflevector(b0, b1, 0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30);
                        const cnnc_v16 bio01 = __builtin_shufflevector(b0, b1, 1, 3, 5, 7, 9, 11, 13, 15, 17, 19, 21, 23, 25, 27, 29, 31);
                        const cnnc_v16 bie23 = __builtin_shufflevector(b2, b3, 0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30);
                        const cnnc_v16 bio23 = __builtin_shufflevector(b2, b3, 1, 3, 5, 7, 9, 11, 13, 15, 17, 19, 21, 23, 25, 27, 29, 31);
                        const cnnc_v16 bi0 = __builtin_shufflevector(bie01, bie23, 0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30);
                        const cnnc_v16 bi2 = __builtin_shufflevector(bie01, bie23, 1, 3, 5, 7, 9, 11, 13, 15, 17, 19, 21, 23, 25, 27, 29, 31);
                        const cnnc_v16 bi1 = __builtin_shufflevector(bio01, bio23, 0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30);
                        const cnnc_v16 bi3 = __builtin_shufflevector(bio01, bio23, 1, 3, 5, 7, 9, 11, 13, 15, 17, 19, 21, 23, 25, 27, 29, 31);
                        ((cnnc_v16 *)(vc + r * 6 * 528 + kl))[0] = 4.0f * ai0 - 5.0f * ai2 + bi0;
                        ((cnnc_v16 *)(vc + (r * 6 + 1) * 528 + kl))[0] = -(4.0f * ai1) - 4.0f * ai2 + ai3 + bi0;
                        ((cnnc_v16 *)(vc + (r * 6 + 2) * 528 + kl))[0] = 4.0f * ai1 - 4.0f * ai2 - ai3 + bi0;
                        ((cnnc_v16 *)(vc + (r * 6 + 3) * 528 + kl))[0] = -(2.0f * ai1) - ai2 + 2.0f * ai3 + bi0;
                        ((cnnc_v16 *)(vc + (r * 6 + 4) * 528 + kl))[0] = 2.0f * ai1 - ai2 - 2.0f * ai3 + bi0;
                        ((cnnc_v16 *)(vc + (r * 6 + 5) * 528 + kl))[0] = 4.0f * ai1 - 5.0f * ai3 + bi1;
                    }
                    for (int64_t tl = 0; tl < rows; tl++) {
                        const int64_t kl = tl * 4 + 3;
                        const float e0 = tr[kl * 4];
                        const float e1 = tr[kl * 4 + 1];
                        const float e2 = tr[kl * 4 + 2];
                        const float e3 = tr[kl * 4 + 3];
                        const float e4 = ex[(r * 2 + tl) * 2];
                        const float e5 = ex[(r * 2 + tl) * 2 + 1];
                        vc[r * 6 * 528 + kl] = 4.0f * e0 - 5.0f * e2 + e4;
                        vc[(r * 6 + 1) * 528 + kl] = -(4.0f * e1) - 4.0f * e2 + e3 + e4;
                        vc[(r * 6 + 2) * 528 + kl] = 4.0f * e1 - 4.0f * e2 - e3 + e4;
                        vc[(r * 6 + 3) * 528 + kl] = -(2.0f * e1) - e2 + 2.0f * e3 + e4;
                        vc[(r * 6 + 4) * 528 + kl] = 2.0f * e1 - e2 - 2.0f * e3 + e4;
                        vc[(r * 6 + 5) * 528 + kl] = 4.0f * e1 - 5.0f * e3 + e5;
                    }
                }
            }
            float mb[9216] __attribute__((aligned(64)));
            float yt[4096] __attribute__((aligned(64)));
            for (int64_t cy = ty0; cy < ty1; cy += 2) {
                const int64_t kc0 = cy * 4;
                const int64_t kc1 = cnnc_min(cy + 2, ty1) * 4;
                const int64_t oh0 = cy * 4;
                const int64_t oh1 = cnnc_min(kc1 / 4 * 4, 16);
                for (int64_t blk = 0; blk < 2; blk++) {
                    const int64_t width = cnnc_min(32, 64 - blk * 32);
                    const float *restrict bb = bias + blk * 32;
                    for (int64_t pt = 0; pt < 36; pt++) {
                        const float *restrict xv = vl + pt * 528 - k0;
                        const float *restrict wb = w + pt * 2048 + blk * 1024;
                        float *restrict mt = mb + pt * 256;
                        for (int64_t kk = kc0; kk < kc0 + 8; kk += 8) {
                            {
                                cnnc_v16 a0_0 = cnnc_splat16(0.0f);
                                cnnc_v16 a0_1 = cnnc_splat16(0.0f);
                                cnnc_v16 a1_0 = cnnc_splat16(0.0f);
                                cnnc_v16 a1_1 = cnnc_splat16(0.0f);
                                cnnc_v16 a2_0 = cnnc_splat16(0.0f);
                                cnnc_v16 a2_1 = cnnc_splat16(0.0f);
                                cnnc_v16 a3_0 = cnnc_splat16(0.0f);
                                cnnc_v16 a3_1 = cnnc_splat16(0.0f);
                                cnnc_v16 a4_0 = cnnc_splat16(0.0f);
                                cnnc_v16 a4_1 = cnnc_splat16(0.0f);
                                cnnc_v16 a5_0 = cnnc_splat16(0.0f);
                                cnnc_v16 a5_1 = cnnc_splat16(0.0f);
                                cnnc_v16 a6_0 = cnnc_splat16(0.0f);
                                cnnc_v16 a6_1 = cnnc_splat16(0.0f);
                                cnnc_v16 a7_0 = cnnc_splat16(0.0f);
                                cnnc_v16 a7_1 = cnnc_splat16(0.0f);
                                for (int64_t c = 0; c < 32; c++) {
                                    const float *restrict xc = xv + c * 16 + kk;
                                    const float *restrict wc = wb + c * 32;
                                    __builtin_prefetch(wc + 2048, 0, 2);
                                    __builtin_prefetch(wc + 2064, 0, 2);
                                    const cnnc_v16 w0 = ((const cnnc_v16 *)wc)[0];
                                    const cnnc_v16 w1 = ((const cnnc_v16 *)(wc + 16))[0];
                                    const float x0 = xc[0];
                                    a0_0 += w0 * x0;
                                    a0_1 += w1 * x0;
                                    const float x1 = xc[1];
                                    a1_0 += w0 * x1;
                                    a1_1 += w1 * x1;
                                    const float x2 = xc[2];
                                    a2_0 += w0 * x2;
                                    a2_1 += w1 * x2;
                                    const float x3 = xc[3];
                                    a3_0 += w0 * x3;
                                    a3_1 += w1 * x3;
                                    const float x4 = xc[4];
                                    a4_0 += w0 * x4;
                                    a4_1 += w1 * x4;
                                    const float x5 = xc[5];
                                    a5_0 += w0 * x5;
                                    a5_1 += w1 * x5;
                                    const float x6 = xc[6];
                                    a6_0 += w0 * x6;
                                    a6_1 += w1 * x6;
                                    const float x7 = xc[7];
                                    a7_0 += w0 * x7;
                                    a7_1 += w1 * x7;
                                }
                                ((cnnc_v16 *)(mt + (kk - kc0) * 32))[0] = a0_0;
                                ((cnnc_v16 *)(mt + (kk - kc0) * 32 + 16))[0] = a0_1;
                                ((cnnc_v16 *)(mt + (kk - kc0 + 1) * 32))[0] = a1_0;
                                ((cnnc_v16 *)(mt + (kk - kc0 + 1) * 32 + 16))[0] = a1_1;
                                ((cnnc_v16 *)(mt + (kk - kc0 + 2) * 32))[0] = a2_0;
                                ((cnnc_v16 *)(mt + (kk - kc0 + 2) * 32 + 16))[0] = a2_1;
                                ((cnnc_v16 *)(mt + (kk - kc0 + 3) * 32))[0] = a3_0;
                                ((cnnc_v16 *)(mt + (kk - kc0 + 3) * 32 + 16))[0] = a3_1;
                                ((cnnc_v16 *)(mt + (kk - kc0 + 4) * 32))[0] = a4_0;
                                ((cnnc_v16 *)(mt + (kk - kc0 + 4) * 32 + 16))[0] = a4_1;
                                ((cnnc_v16 *)(mt + (kk - kc0 + 5) * 32))[0] = a5_0;
                                ((cnnc_v16 *)(mt + (kk - kc0 + 5) * 32 + 16))[0] = a5_1;
                                ((cnnc_v16 *)(mt + (kk - kc0 + 6) * 32))[0] = a6_0;
                                ((cnnc_v16 *)(mt + (kk - kc0 + 6) * 32 + 16))[0] = a6_1;
                                ((cnnc_v16 *)(mt + (kk - kc0 + 7) * 32))[0] = a7_0;
                                ((cnnc_v16 *)(mt + (kk - kc0 + 7) * 32 + 16))[0] = a7_1;
                            }
                        }
                        for (int64_t kk = kc0 + 8; kk < kc1; kk += 8) {
                            {
                                cnnc_v16 a0_0 = cnnc_splat16(0.0f);
                                cnnc_v16 a0_1 = cnnc_splat16(0.0f);
                                cnnc_v16 a1_0 = cnnc_splat16(0.0f);
                                cnnc_v16 a1_1 = cnnc_splat16(0.0f);
                                cnnc_v16 a2_0 = cnnc_splat16(0.0f);
                                cnnc_v16 a2_1 = cnnc_splat16(0.0f);
                                cnnc_v16 a3_0 = cnnc_splat16(0.0f);
                                cnnc_v16 a3_1 = cnnc_splat16(0.0f);
                                cnnc_v16 a4_0 = cnnc_splat16(0.0f);
                                cnnc_v16 a4_1 = cnnc_splat16(0.0f);
                                cnnc_v16 a5_0 = cnnc_splat16(0.0f);
                                cnnc_v16 a5_1 = cnnc_splat16(0.0f);
                                cnnc_v16 a6_0 = cnnc_splat16(0.0f);
                                cnnc_v16 a6_1 = cnnc_splat16(0.0f);
                                cnnc_v16 a7_0 = cnnc_splat16(0.0f);
                                cnnc_v16 a7_1 = cnnc_splat16(0.0f);
                                for (int64_t c = 0; c < 32; c++) {
                                    const float *restrict xc = xv + c * 16 + kk;
                                    const float *restrict wc = wb + c * 32;
                                    const cnnc_v16 w0 = ((const cnnc_v16 *)wc)[0];
                                    const cnnc_v16 w1 = ((const cnnc_v16 *)(wc + 16))[0];
                                    const float x0 = xc[0];
                                    a0_0 += w0 * x0;
                                    a0_1 += w1 * x0;
                                    const float x1 = xc[1];
                                    a1_0 += w0 * x1;
                                    a1_1 += w1 * x1;
                                    const float x2 = xc[2];
                                    a2_0 += w0 * x2;
                                    a2_1 += w1 * x2;
                                    const float x3 = xc[3];
                                    a3_0 += w0 * x3;
                                    a3_1 += w1 * x3;
                                    const float x4 = xc[4];
                                    a4_0 += w0 * x4;
                                    a4_1 += w1 * x4;
                                    const float x5 = xc[5];
                                    a5_0 += w0 * x5;
                                    a5_1 += w1 * x5;
                                    const float x6 = xc[6];
                                    a6_0 += w0 * x6;
                                    a6_1 += w1 * x6;
                                    const float x7 = xc[7];
                                    a7_0 += w0 * x7;
                                    a7_1 += w1 * x7;
                                }
                                ((cnnc_v16 *)(mt + (kk - kc0) * 32))[0] = a0_0;
                                ((cnnc_v16 *)(mt + (kk - kc0) * 32 + 16))[0] = a0_1;
                                ((cnnc_v16 *)(mt + (kk - kc0 + 1) * 32))[0] = a1_0;
                                ((cnnc_v16 *)(mt + (kk - kc0 + 1) * 32 + 16))[0] = a1_1;
                                ((cnnc_v16 *)(mt + (kk - kc0 + 2) * 32))[0] = a2_0;
                                ((cnnc_v16 *)(mt + (kk - kc0 + 2) * 32 + 16))[0] = a2_1;
                                ((cnnc_v16 *)(mt + (kk - kc0 + 3) * 32))[0] = a3_0;
                                ((cnnc_v16 *)(mt + (kk - kc0 + 3) * 32 + 16))[0] = a3_1;
                                ((cnnc_v16 *)(mt + (kk - kc0 + 4) * 32))[0] = a4_0;
                                ((cnnc_v16 *)(mt + (kk - kc0 + 4) * 32 + 16))[0] = a4_1;
                                ((cnnc_v16 *)(mt + (kk - kc0 + 5) * 32))[0] = a5_0;
                                ((cnnc_v16 *)(mt + (kk - kc0 + 5) * 32 + 16))[0] = a5_1;
                                ((cnnc_v16 *)(mt + (kk - kc0 + 6) * 32))[0] = a6_0;
                                ((cnnc_v16 *)(mt + (kk - kc0 + 6) * 32 + 16))[0] = a6_1;
                                ((cnnc_v16 *)(mt + (kk - kc0 + 7) * 32))[0] = a7_0;
                                ((cnnc_v16 *)(mt + (kk - kc0 + 7) * 32 + 16))[0] = a7_1;
                            }
                        }
                    }
                    for (int64_t kl = 0; kl < kc1 - kc0; kl++) {
                        for (int64_t v = 0; v < 2; v++) {
                            const int64_t tyl = kl / 4;
                            const int64_t tx = kl % 4;
                            const float *restrict mk = mb + kl * 32 + v * 16;
                            const cnnc_v16 m0 = ((const cnnc_v16 *)mk)[0];
                            const cnnc_v16 m1 = ((const cnnc_v16 *)(mk + 256))[0];
                            const cnnc_v16 m2 = ((const cnnc_v16 *)(mk + 512))[0];
                            const cnnc_v16 m3 = ((const cnnc_v16 *)(mk + 768))[0];
                            const cnnc_v16 m4 = ((const cnnc_v16 *)(mk + 1024))[0];
                            const cnnc_v16 m5 = ((const cnnc_v16 *)(mk + 1280))[0];
                            const cnnc_v16 m6 = ((const cnnc_v16 *)(mk + 1536))[0];
                            const cnnc_v16 m7 = ((const cnnc_v16 *)(mk + 1792))[0];
                            const cnnc_v16 m8 = ((const cnnc_v16 *)(mk + 2048))[0];
                            const cnnc_v16 m9 = ((const cnnc_v16 *)(mk + 2304))[0];
                            const cnnc_v16 m10 = ((const cnnc_v16 *)(mk + 2560))[0];
                            const cnnc_v16 m11 = ((const cnnc_v16 *)(mk + 2816))[0];
                            const cnnc_v16 m12 = ((const cnnc_v16 *)(mk + 3072))[0];
                            const cnnc_v16 m13 = ((const cnnc_v16 *)(mk + 3328))[0];
                            const cnnc_v16 m14 = ((const cnnc_v16 *)(mk + 3584))[0];
                            const cnnc_v16 m15 = ((const cnnc_v16 *)(mk + 3840))[0];
                            const cnnc_v16 m16 = ((const cnnc_v16 *)(mk + 4096))[0];
                            const cnnc_v16 m17 = ((const cnnc_v16 *)(mk + 4352))[0];
                            const cnnc_v16 m18 = ((const cnnc_v16 *)(mk + 4608))[0];
                            const cnnc_v16 m19 = ((const cnnc_v16 *)(mk + 4864))[0];
                            const cnnc_v16 m20 = ((const cnnc_v16 *)(mk + 5120))[0];
                            const cnnc_v16 m21 = ((const cnnc_v16 *)(mk + 5376))[0];
                            const cnnc_v16 m22 = ((const cnnc_v16 *)(mk + 5632))[0];
                            const cnnc_v16 m23 = ((const cnnc_v16 *)(mk + 5888))[0];
                            const cnnc_v16 m24 = ((const cnnc_v16 *)(mk + 6144))[0];
                            const cnnc_v16 m25 = ((const cnnc_v16 *)(mk + 6400))[0];
                            const cnnc_v16 m26 = ((const cnnc_v16 *)(mk + 6656))[0];
                            const cnnc_v16 m27 = ((const cnnc_v16 *)(mk + 6912))[0];
                            const cnnc_v16 m28 = ((const cnnc_v16 *)(mk + 7168))[0];
                            const cnnc_v16 m29 = ((const cnnc_v16 *)(mk + 7424))[0];
                            const cnnc_v16 m30 = ((const cnnc_v16 *)(mk + 7680))[0];
                            const cnnc_v16 m31 = ((const cnnc_v16 *)(mk + 7936))[0];
                            const cnnc_v16 m32 = ((const cnnc_v16 *)(mk + 8192))[0];
                            const cnnc_v16 m33 = ((const cnnc_v16 *)(mk + 8448))[0];
                            const cnnc_v16 m34 = ((const cnnc_v16 *)(mk + 8704))[0];
                            const cnnc_v16 m35 = ((const cnnc_v16 *)(mk + 8960))[0];
                            const cnnc_v16 s0_0 = m0 + m6 + m12 + m18 + m24;
                            const cnnc_v16 s0_1 = m1 + m7 + m13 + m19 + m25;
                            const cnnc_v16 s0_2 = m2 + m8 + m14 + m20 + m26;
                            const cnnc_v16 s0_3 = m3 + m9 + m15 + m21 + m27;
                            const cnnc_v16 s0_4 = m4 + m10 + m16 + m22 + m28;
                            const cnnc_v16 s0_5 = m5 + m11 + m17 + m23 + m29;
                            const cnnc_v16 s1_0 = m6 - m12 + 2.0f * m18 - 2.0f * m24;
                            const cnnc_v16 s1_1 = m7 - m13 + 2.0f * m19 - 2.0f * m25;
                            const cnnc_v16 s1_2 = m8 - m14 + 2.0f * m20 - 2.0f * m26;
                            const cnnc_v16 s1_3 = m9 - m15 + 2.0f * m21 - 2.0f * m27;
                            const cnnc_v16 s1_4 = m10 - m16 + 2.0f * m22 - 2.0f * m28;
                            const cnnc_v16 s1_5 = m11 - m17 + 2.0f * m23 - 2.0f * m29;
                            const cnnc_v16 s2_0 = m6 + m12 + 4.0f * m18 + 4.0f * m24;
                            const cnnc_v16 s2_1 = m7 + m13 + 4.0f * m19 + 4.0f * m25;
                            const cnnc_v16 s2_2 = m8 + m14 + 4.0f * m20 + 4.0f * m26;
                            const cnnc_v16 s2_3 = m9 + m15 + 4.0f * m21 + 4.0f * m27;
                            const cnnc_v16 s2_4 = m10 + m16 + 4.0f * m22 + 4.0f * m28;
                            const cnnc_v16 s2_5 = m11 + m17 + 4.0f * m23 + 4.0f * m29;
                            const cnnc_v16 s3_0 = m6 - m12 + 8.0f * m18 - 8.0f * m24 + m30;
                            const cnnc_v16 s3_1 = m7 - m13 + 8.0f * m19 - 8.0f * m25 + m31;
                            const cnnc_v16 s3_2 = m8 - m14 + 8.0f * m20 - 8.0f * m26 + m32;
                            const cnnc_v16 s3_3 = m9 - m15 + 8.0f * m21 - 8.0f * m27 + m33;
                            const cnnc_v16 s3_4 = m10 - m16 + 8.0f * m22 - 8.0f * m28 + m34;
                            const cnnc_v16 s3_5 = m11 - m17 + 8.0f * m23 - 8.0f * m29 + m35;
                            const cnnc_v16 bv = ((const cnnc_v16 *)(bb + v * 16))[0];
                            cnnc_v16 y0 = bv + s0_0 + s0_1 + s0_2 + s0_3 + s0_4;
                            cnnc_v16 y1 = bv + s0_1 - s0_2 + 2.0f * s0_3 - 2.0f * s0_4;
                            cnnc_v16 y2 = bv + s0_1 + s0_2 + 4.0f * s0_3 + 4.0f * s0_4;
                            cnnc_v16 y3 = bv + s0_1 - s0_2 + 8.0f * s0_3 - 8.0f * s0_4 + s0_5;
                            cnnc_v16 y4 = bv + s1_0 + s1_1 + s1_2 + s1_3 + s1_4;
                            cnnc_v16 y5 = bv + s1_1 - s1_2 + 2.0f * s1_3 - 2.0f * s1_4;
                            cnnc_v16 y6 = bv + s1_1 + s1_2 + 4.0f * s1_3 + 4.0f * s1_4;
                            cnnc_v16 y7 = bv + s1_1 - s1_2 + 8.0f * s1_3 - 8.0f * s1_4 + s1_5;
                            cnnc_v16 y8 = bv + s2_0 + s2_1 + s2_2 + s2_3 + s2_4;
                            cnnc_v16 y9 = bv + s2_1 - s2_2 + 2.0f * s2_3 - 2.0f * s2_4;
                            cnnc_v16 y10 = bv + s2_1 + s2_2 + 4.0f * s2_3 + 4.0f * s2_4;
                            cnnc_v16 y11 = bv + s2_1 - s2_2 + 8.0f * s2_3 - 8.0f * s2_4 + s2_5;
                            cnnc_v16 y12 = bv + s3_0 + s3_1 + s3_2 + s3_3 + s3_4;
                            cnnc_v16 y13 = bv + s3_1 - s3_2 + 2.0f * s3_3 - 2.0f * s3_4;
                            cnnc_v16 y14 = bv + s3_1 + s3_2 + 4.0f * s3_3 + 4.0f * s3_4;
                            cnnc_v16 y15 = bv + s3_1 - s3_2 + 8.0f * s3_3 - 8.0f * s3_4 + s3_5;
                            const cnnc_v16 q0_0_0 = __builtin_shufflevector(y0, y8, 0, 1, 2, 3, 4, 5, 6, 7, 16, 17, 18, 19, 20, 21, 22, 23);
                            const cnnc_v16 q0_0_8 = __builtin_shufflevector(y0, y8, 8, 9, 10, 11, 12, 13, 14, 15, 24, 25, 26, 27, 28, 29, 30, 31);
                            const cnnc_v16 q0_0_1 = __builtin_shufflevector(y1, y9, 0, 1, 2, 3, 4, 5, 6, 7, 16, 17, 18, 19, 20, 21, 22, 23);
                            const cnnc_v16 q0_0_9 = __builtin_shufflevector(y1, y9, 8, 9, 10, 11, 12, 13, 14, 15, 24, 25, 26, 27, 28, 29, 30, 31);
                            const cnnc_v16 q0_0_2 = __builtin_shufflevector(y2, y10, 0, 1, 2, 3, 4, 5, 6, 7, 16, 17, 18, 19, 20, 21, 22, 23);
                            const cnnc_v16 q0_0_10 = __builtin_shufflevector(y2, y10, 8, 9, 10, 11, 12, 13, 14, 15, 24, 25, 26, 27, 28, 29, 30, 31);
                            const cnnc_v16 q0_0_3 = __builtin_shufflevector(y3, y11, 0, 1, 2, 3, 4, 5, 6, 7, 16, 17, 18, 19, 20, 21, 22, 23);
                            const cnnc_v16 q0_0_11 = __builtin_shufflevector(y3, y11, 8, 9, 10, 11, 12, 13, 14, 15, 24, 25, 26, 27, 28, 29, 30, 31);
                            const cnnc_v16 q0_0_4 = __builtin_shufflevector(y4, y12, 0, 1, 2, 3, 4, 5, 6, 7, 16, 17, 18, 19, 20, 21, 22, 23);
                            const cnnc_v16 q0_0_12 = __builtin_shufflevector(y4, y12, 8, 9, 10, 11, 12, 13, 14, 15, 24, 25, 26, 27, 28, 29, 30, 31);
                            const cnnc_v16 q0_0_5 = __builtin_shufflevector(y5, y13, 0, 1, 2, 3, 4, 5, 6, 7, 16, 17, 18, 19, 20, 21, 22, 23);
                            const cnnc_v16 q0_0_13 = __builtin_shufflevector(y5, y13, 8, 9, 10, 11, 12, 13, 14, 15, 24, 25, 26, 27, 28, 29, 30, 31);
                            const cnnc_v16 q0_0_6 = __builtin_shufflevector(y6, y14, 0, 1, 2, 3, 4, 5, 6, 7, 16, 17, 18, 19, 20, 21, 22, 23);
                            const cnnc_v16 q0_0_14 = __builtin_shufflevector(y6, y14, 8, 9, 10, 11, 12, 13, 14, 15, 24, 25, 26, 27, 28, 29, 30, 31);
                            const cnnc_v16 q0_0_7 = __builtin_shufflevector(y7, y15, 0, 1, 2, 3, 4, 5, 6, 7, 16, 17, 18, 19, 20, 21, 22, 23);
                            const cnnc_v16 q0_0_15 = __builtin_shufflevector(y7, y15, 8, 9, 10, 11, 12, 13, 14, 15, 24, 25, 26, 27, 28, 29, 30, 31);
                            const cnnc_v16 q0_1_0 = __builtin_shufflevector(q0_0_0, q0_0_4, 0, 1, 2, 3, 16, 17, 18, 19, 8, 9, 10, 11, 24, 25, 26, 27);
                            const cnnc_v16 q0_1_4 = __builtin_shufflevector(q0_0_0, q0_0_4, 4, 5, 6, 7, 20, 21, 22, 23, 12, 13, 14, 15, 28, 29, 30, 31);
                            const cnnc_v16 q0_1_1 = __builtin_shufflevector(q0_0_1, q0_0_5, 0, 1, 2, 3, 16, 17, 18, 19, 8, 9, 10, 11, 24, 25, 26, 27);
                            const cnnc_v16 q0_1_5 = __builtin_shufflevector(q0_0_1, q0_0_5, 4, 5, 6, 7, 20, 21, 22, 23, 12, 13, 14, 15, 28, 29, 30, 31);
                            const cnnc_v16 q0_1_2 = __builtin_shufflevector(q0_0_2, q0_0_6, 0, 1, 2, 3, 16, 17, 18, 19, 8, 9, 10, 11, 24, 25, 26, 27);
                            const cnnc_v16 q0_1_6 = __builtin_shufflevector(q0_0_2, q0_0_6, 4, 5, 6, 7, 20, 21, 22, 23, 12, 13, 14, 15, 28, 29, 30, 31);
                            const cnnc_v16 q0_1_3 = __builtin_shufflevector(q0_0_3, q0_0_7, 0, 1, 2, 3, 16, 17, 18, 19, 8, 9, 10, 11, 24, 25, 26, 27);
                            const cnnc_v16 q0_1_7 = __builtin_shufflevector(q0_0_3, q0_0_7, 4, 5, 6, 7, 20, 21, 22, 23, 12, 13, 14, 15, 28, 29, 30, 31);
                            const cnnc_v16 q0_1_8 = __builtin_shufflevector(q0_0_8, q0_0_12, 0, 1, 2, 3, 16, 17, 18, 19, 8, 9, 10, 11, 24, 25, 26, 27);
                            const cnnc_v16 q0_1_12 = __builtin_shufflevector(q0_0_8, q0_0_12, 4, 5, 6, 7, 20, 21, 22, 23, 12, 13, 14, 15, 28, 29, 30, 31);
                            const cnnc_v16 q0_1_9 = __builtin_shufflevector(q0_0_9, q0_0_13, 0, 1, 2, 3, 16, 17, 18, 19, 8, 9, 10, 11, 24, 25, 26, 27);
                            const cnnc_v16 q0_1_13 = __builtin_shufflevector(q0_0_9, q0_0_13, 4, 5, 6, 7, 20, 21, 22, 23, 12, 13, 14, 15, 28, 29, 30, 31);
                            const cnnc_v16 q0_1_10 = __builtin_shufflevector(q0_0_10, q0_0_14, 0, 1, 2, 3, 16, 17, 18, 19, 8, 9, 10, 11, 24, 25, 26, 27);
                            const cnnc_v16 q0_1_14 = __builtin_shufflevector(q0_0_10, q0_0_14, 4, 5, 6, 7, 20, 21, 22, 23, 12, 13, 14, 15, 28, 29, 30, 31);
                            const cnnc_v16 q0_1_11 = __builtin_shufflevector(q0_0_11, q0_0_15, 0, 1, 2, 3, 16, 17, 18, 19, 8, 9, 10, 11, 24, 25, 26, 27);
                            const cnnc_v16 q0_1_15 = __builtin_shufflevector(q0_0_11, q0_0_15, 4, 5, 6, 7, 20, 21, 22, 23, 12, 13, 14, 15, 28, 29, 30, 31);
                            const cnnc_v16 q0_2_0 = __builtin_shufflevector(q0_1_0, q0_1_2, 0, 1, 16, 17, 4, 5, 20, 21, 8, 9, 24, 25, 12, 13, 28, 29);
                            const cnnc_v16 q0_2_2 = __builtin_shufflevector(q0_1_0, q0_1_2, 2, 3, 18, 19, 6, 7, 22, 23, 10, 11, 26, 27, 14, 15, 30, 31);
                            const cnnc_v16 q0_2_1 = __builtin_shufflevector(q0_1_1, q0_1_3, 0, 1, 16, 17, 4, 5, 20, 21, 8, 9, 24, 25, 12, 13, 28, 29);
                            const cnnc_v16 q0_2_3 = __builtin_shufflevector(q0_1_1, q0_1_3, 2, 3, 18, 19, 6, 7, 22, 23, 10, 11, 26, 27, 14, 15, 30, 31);
                            const cnnc_v16 q0_2_4 = __builtin_shufflevector(q0_1_4, q0_1_6, 0, 1, 16, 17, 4, 5, 20, 21, 8, 9, 24, 25, 12, 13, 28, 29);
                            const cnnc_v16 q0_2_6 = __builtin_shufflevector(q0_1_4, q0_1_6, 2, 3, 18, 19, 6, 7, 22, 23, 10, 11, 26, 27, 14, 15, 30, 31);
                            const cnnc_v16 q0_2_5 = __builtin_shufflevector(q0_1_5, q0_1_7, 0, 1, 16, 17, 4, 5, 20, 21, 8, 9, 24, 25, 12, 13, 28, 29);
                            const cnnc_v16 q0_2_7 = __builtin_shufflevector(q0_1_5, q0_1_7, 2, 3, 18, 19, 6, 7, 22, 23, 10, 11, 26, 27, 14, 15, 30, 31);
                            const cnnc_v16 q0_2_8 = __builtin_shufflevector(q0_1_8, q0_1_10, 0, 1, 16, 17, 4, 5, 20, 21, 8, 9, 24, 25, 12, 13, 28, 29);
                            const cnnc_v16 q0_2_10 = __builtin_shufflevector(q0_1_8, q0_1_10, 2, 3, 18, 19, 6, 7, 22, 23, 10, 11, 26, 27, 14, 15, 30, 31);
                            const cnnc_v16 q0_2_9 = __builtin_shufflevector(q0_1_9, q0_1_11, 0, 1, 16, 17, 4, 5, 20, 21, 8, 9, 24, 25, 12, 13, 28, 29);
                            const cnnc_v16 q0_2_11 = __builtin_shufflevector(q0_1_9, q0_1_11, 2, 3, 18, 19, 6, 7, 22, 23, 10, 11, 26, 27, 14, 15, 30, 31);
                            const cnnc_v16 q0_2_12 = __builtin_shufflevector(q0_1_12, q0_1_14, 0, 1, 16, 17, 4, 5, 20, 21, 8, 9, 24, 25, 12, 13, 28, 29);
                            const cnnc_v16 q0_2_14 = __builtin_shufflevector(q0_1_12, q0_1_14, 2, 3, 18, 19, 6, 7, 22, 23, 10, 11, 26, 27, 14, 15, 30, 31);
                            const cnnc_v16 q0_2_13 = __builtin_shufflevector(q0_1_13, q0_1_15, 0, 1, 16, 17, 4, 5, 20, 21, 8, 9, 24, 25, 12, 13, 28, 29);
                            const cnnc_v16 q0_2_15 = __builtin_shufflevector(q0_1_13, q0_1_15, 2, 3, 18, 19, 6, 7, 22, 23, 10, 11, 26, 27, 14, 15, 30, 31);
                            const cnnc_v16 q0_3_0 = __builtin_shufflevector(q0_2_0, q0_2_1, 0, 16, 2, 18, 4, 20, 6, 22, 8, 24, 10, 26, 12, 28, 14, 30);
                            const cnnc_v16 q0_3_1 = __builtin_shufflevector(q0_2_0, q0_2_1, 1, 17, 3, 19, 5, 21, 7, 23, 9, 25, 11, 27, 13, 29, 15, 31);
                            const cnnc_v16 q0_3_2 = __builtin_shufflevector(q0_2_2, q0_2_3, 0, 16, 2, 18, 4, 20, 6, 22, 8, 24, 10, 26, 12, 28, 14, 30);
                            const cnnc_v16 q0_3_3 = __builtin_shufflevector(q0_2_2, q0_2_3, 1, 17, 3, 19, 5, 21, 7, 23, 9, 25, 11, 27, 13, 29, 15, 31);
                            const cnnc_v16 q0_3_4 = __builtin_shufflevector(q0_2_4, q0_2_5, 0, 16, 2, 18, 4, 20, 6, 22, 8, 24, 10, 26, 12, 28, 14, 30);
                            const cnnc_v16 q0_3_5 = __builtin_shufflevector(q0_2_4, q0_2_5, 1, 17, 3, 19, 5, 21, 7, 23, 9, 25, 11, 27, 13, 29, 15, 31);
                            const cnnc_v16 q0_3_6 = __builtin_shufflevector(q0_2_6, q0_2_7, 0, 16, 2, 18, 4, 20, 6, 22, 8, 24, 10, 26, 12, 28, 14, 30);
                            const cnnc_v16 q0_3_7 = __builtin_shufflevector(q0_2_6, q0_2_7, 1, 17, 3, 19, 5, 21, 7, 23, 9, 25, 11, 27, 13, 29, 15, 31);
                            const cnnc_v16 q0_3_8 = __builtin_shufflevector(q0_2_8, q0_2_9, 0, 16, 2, 18, 4, 20, 6, 22, 8, 24, 10, 26, 12, 28, 14, 30);
                            const cnnc_v16 q0_3_9 = __builtin_shufflevector(q0_2_8, q0_2_9, 1, 17, 3, 19, 5, 21, 7, 23, 9, 25, 11, 27, 13, 29, 15, 31);
                            const cnnc_v16 q0_3_10 = __builtin_shufflevector(q0_2_10, q0_2_11, 0, 16, 2, 18, 4, 20, 6, 22, 8, 24, 10, 26, 12, 28, 14, 30);
                            const cnnc_v16 q0_3_11 = __builtin_shufflevector(q0_2_10, q0_2_11, 1, 17, 3, 19, 5, 21, 7, 23, 9, 25, 11, 27, 13, 29, 15, 31);
                            const cnnc_v16 q0_3_12 = __builtin_shufflevector(q0_2_12, q0_2_13, 0, 16, 2, 18, 4, 20, 6, 22, 8, 24, 10, 26, 12, 28, 14, 30);
                            const cnnc_v16 q0_3_13 = __builtin_shufflevector(q0_2_12, q0_2_13, 1, 17, 3, 19, 5, 21, 7, 23, 9, 25, 11, 27, 13, 29, 15, 31);
                            const cnnc_v16 q0_3_14 = __builtin_shufflevector(q0_2_14, q0_2_15, 0, 16, 2, 18, 4, 20, 6, 22, 8, 24, 10, 26, 12, 28, 14, 30);
                            const cnnc_v16 q0_3_15 = __builtin_shufflevector(q0_2_14, q0_2_15, 1, 17, 3, 19, 5, 21, 7, 23, 9, 25, 11, 27, 13, 29, 15, 31);
                            ((cnnc_v4 *)(yt + (v * 16 * 8 + tyl * 4) * 16 + tx * 4))[0] = __builtin_shufflevector(q0_3_0, q0_3_0, 0, 1, 2, 3);
                            ((cnnc_v4 *)(yt + (v * 16 * 8 + tyl * 4 + 1) * 16 + tx * 4))[0] = __builtin_shufflevector(q0_3_0, q0_3_0, 4, 5, 6, 7);
                            ((cnnc_v4 *)(yt + (v * 16 * 8 + tyl * 4 + 2) * 16 + tx * 4))[0] = __builtin_shufflevector(q0_3_0, q0_3_0, 8, 9, 10, 11);
                            ((cnnc_v4 *)(yt + (v * 16 * 8 + tyl * 4 + 3) * 16 + tx * 4))[0] = __builtin_shufflevector(q0_3_0, q0_3_0, 12, 13, 14, 15);
                            ((cnnc_v4 *)(yt + ((v * 16 + 1) * 8 + tyl * 4) * 16 + tx * 4))[0] = __builtin_shufflevector(q0_3_1, q0_3_1, 0, 1, 2, 3);
                            ((cnnc_v4 *)(yt + ((v * 16 + 1) * 8 + tyl * 4 + 1) * 16 + tx * 4))[0] = __builtin_shufflevector(q0_3_1, q0_3_1, 4, 5, 6, 7);
                            ((cnnc_v4 *)(yt + ((v * 16 + 1) * 8 + tyl * 4 + 2) * 16 + tx * 4))[0] = __builtin_shufflevector(q0_3_1, q0_3_1, 8, 9, 10, 11);
                            ((cnnc_v4 *)(yt + ((v * 16 + 1) * 8 + tyl * 4 + 3) * 16 + tx * 4))[0] = __builtin_shufflevector(q0_3_1, q0_3_1, 12, 13, 14, 15);
                            ((cnnc_v4 *)(yt + ((v * 16 + 2) * 8 + tyl * 4) * 16 + tx * 4))[0] = __builtin_shufflevector(q0_3_2, q0_3_2, 0, 1, 2, 3);
                            ((cnnc_v4 *)(yt + ((v * 16 + 2) * 8 + tyl * 4 + 1) * 16 + tx * 4))[0] = __builtin_shufflevector(q0_3_2, q0_3_2, 4, 5, 6, 7);
                            ((cnnc_v4 *)(yt + ((v * 16 + 2) * 8 + tyl * 4 + 2) * 16 + tx * 4))[0] = __builtin_shufflevector(q0_3_2, q0_3_2, 8, 9, 10, 11);
                            ((cnnc_v4 *)(yt + ((v * 16 + 2) * 8 + tyl * 4 + 3) * 16 + tx * 4))[0] = __builtin_shufflevector(q0_3_2, q0_3_2, 12, 13, 14, 15);
                            ((cnnc_v4 *)(yt + ((v * 16 + 3) * 8 + tyl * 4) * 16 + tx * 4))[0] = __builtin_shufflevector(q0_3_3, q0_3_3, 0, 1, 2, 3);
                            ((cnnc_v4 *)(yt + ((v * 16 + 3) * 8 + tyl * 4 + 1) * 16 + tx * 4))[0] = __builtin_shufflevector(q0_3_3, q0_3_3, 4, 5, 6, 7);
                            ((cnnc_v4 *)(yt + ((v * 16 + 3) * 8 + tyl * 4 + 2) * 16 + tx * 4))[0] = __builtin_shufflevector(q0_3_3, q0_3_3, 8, 9, 10, 11);
                            ((cnnc_v4 *)(yt + ((v * 16 + 3) * 8 + tyl * 4 + 3) * 16 + tx * 4))[0] = __builtin_shufflevector(q0_3_3, q0_3_3, 12, 13, 14, 15);
                            ((cnnc_v4 *)(yt + ((v * 16 + 4) * 8 + tyl * 4) * 16 + tx * 4))[0] = __builtin_shufflevector(q0_3_4, q0_3_4, 0, 1, 2, 3);
                            ((cnnc_v4 *)(yt + ((v * 16 + 4) * 8 + tyl * 4 + 1) * 16 + tx * 4))[0] = __builtin_shufflevector(q0_3_4, q0_3_4, 4, 5, 6, 7);
                            ((cnnc_v4 *)(yt + ((v * 16 + 4) * 8 + tyl * 4 + 2) * 16 + tx * 4))[0] = __builtin_shufflevector(q0_3_4, q0_3_4, 8, 9, 10, 11);
                            ((cnnc_v4 *)(yt + ((v * 16 + 4) * 8 + tyl * 4 + 3) * 16 + tx * 4))[0] = __builtin_shufflevector(q0_3_4, q0_3_4, 12, 13, 14, 15);
                            ((cnnc_v4 *)(yt + ((v * 16 + 5) * 8 + tyl * 4) * 16 + tx * 4))[0] = __builtin_shufflevector(q0_3_5, q0_3_5, 0, 1, 2, 3);
                            ((cnnc_v4 *)(yt + ((v * 16 + 5) * 8 + tyl * 4 + 1) * 16 + tx * 4))[0] = __builtin_shufflevector(q0_3_5, q0_3_5, 4, 5, 6, 7);
                            ((cnnc_v4 *)(yt + ((v * 16 + 5) * 8 + tyl * 4 + 2) * 16 + tx * 4))[0] = __builtin_shufflevector(q0_3_5, q0_3_5, 8, 9, 10, 11);
                            ((cnnc_v4 *)(yt + ((v * 16 + 5) * 8 + tyl * 4 + 3) * 16 + tx * 4))[0] = __builtin_shufflevector(q0_3_5, q0_3_5, 12, 13, 14, 15);
                            ((cnnc_v4 *)(yt + ((v * 16 + 6) * 8 + tyl * 4) * 16 + tx * 4))[0] = __builtin_shufflevector(q0_3_6, q0_3_6, 0, 1, 2, 3);
                            ((cnnc_v4 *)(yt + ((v * 16 + 6) * 8 + tyl * 4 + 1) * 16 + tx * 4))[0] = __builtin_shufflevector(q0_3_6, q0_3_6, 4, 5, 6, 7);
                            ((cnnc_v4 *)(yt + ((v * 16 + 6) * 8 + tyl * 4 + 2) * 16 + tx * 4))[0] = __builtin_shufflevector(q0_3_6, q0_3_6, 8, 9, 10, 11);
                            ((cnnc_v4 *)(yt + ((v * 16 + 6) * 8 + tyl * 4 + 3) * 16 + tx * 4))[0] = __builtin_shufflevector(q0_3_6, q0_3_6, 12, 13, 14, 15);
                            ((cnnc_v4 *)(yt + ((v * 16 + 7) * 8 + tyl * 4) * 16 + tx * 4))[0] = __builtin_shufflevector(q0_3_7, q0_3_7, 0, 1, 2, 3);
                            ((cnnc_v4 *)(yt + ((v * 16 + 7) * 8 + tyl * 4 + 1) * 16 + tx * 4))[0] = __builtin_shufflevector(q0_3_7, q0_3_7, 4, 5, 6, 7);
                            ((cnnc_v4 *)(yt + ((v * 16 + 7) * 8 + tyl * 4 + 2) * 16 + tx * 4))[0] = __builtin_shufflevector(q0_3_7, q0_3_7, 8, 9, 10, 11);
                            ((cnnc_v4 *)(yt + ((v * 16 + 7) * 8 + tyl * 4 + 3) * 16 + tx * 4))[0] = __builtin_shufflevector(q0_3_7, q0_3_7, 12, 13, 14, 15);
                            ((cnnc_v4 *)(yt + ((v * 16 + 8) * 8 + tyl * 4) * 16 + tx * 4))[0] = __builtin_shufflevector(q0_3_8, q0_3_8, 0, 1, 2, 3);
                            ((cnnc_v4 *)(yt + ((v * 16 + 8) * 8 + tyl * 4 + 1) * 16 + tx * 4))[0] = __builtin_shufflevector(q0_3_8, q0_3_8, 4, 5, 6, 7);
                            ((cnnc_v4 *)(yt + ((v * 16 + 8) * 8 + tyl * 4 + 2) * 16 + tx * 4))[0] = __builtin_shufflevector(q0_3_8, q0_3_8, 8, 9, 10, 11);
                            ((cnnc_v4 *)(yt + ((v * 16 + 8) * 8 + tyl * 4 + 3) * 16 + tx * 4))[0] = __builtin_shufflevector(q0_3_8, q0_3_8, 12, 13, 14, 15);
                            ((cnnc_v4 *)(yt + ((v * 16 + 9) * 8 + tyl * 4) * 16 + tx * 4))[0] = __builtin_shufflevector(q0_3_9, q0_3_9, 0, 1, 2, 3);
                            ((cnnc_v4 *)(yt + ((v * 16 + 9) * 8 + tyl * 4 + 1) * 16 + tx * 4))[0] = __builtin_shufflevector(q0_3_9, q0_3_9, 4, 5, 6, 7);
                            ((cnnc_v4 *)(yt + ((v * 16 + 9) * 8 + tyl * 4 + 2) * 16 + tx * 4))[0] = __builtin_shufflevector(q0_3_9, q0_3_9, 8, 9, 10, 11);
                            ((cnnc_v4 *)(yt + ((v * 16 + 9) * 8 + tyl * 4 + 3) * 16 + tx * 4))[0] = __builtin_shufflevector(q0_3_9, q0_3_9, 12, 13, 14, 15);
                            ((cnnc_v4 *)(yt + ((v * 16 + 10) * 8 + tyl * 4) * 16 + tx * 4))[0] = __builtin_shufflevector(q0_3_10, q0_3_10, 0, 1, 2, 3);
                            ((cnnc_v4 *)(yt + ((v * 16 + 10) * 8 + tyl * 4 + 1) * 16 + tx * 4))[0] = __builtin_shufflevector(q0_3_10, q0_3_10, 4, 5, 6, 7);
                            ((cnnc_v4 *)(yt + ((v * 16 + 10) * 8 + tyl * 4 + 2) * 16 + tx * 4))[0] = __builtin_shufflevector(q0_3_10, q0_3_10, 8, 9, 10, 11);
                            ((cnnc_v4 *)(yt + ((v * 16 + 10) * 8 + tyl * 4 + 3) * 16 + tx * 4))[0] = __builtin_shufflevector(q0_3_10, q0_3_10, 12, 13, 14, 15);
                            ((cnnc_v4 *)(yt + ((v * 16 + 11) * 8 + tyl * 4) * 16 + tx * 4))[0] = __builtin_shufflevector(q0_3_11, q0_3_11, 0, 1, 2, 3);
                            ((cnnc_v4 *)(yt + ((v * 16 + 11) * 8 + tyl * 4 + 1) * 16 + tx * 4))[0] = __builtin_shufflevector(q0_3_11, q0_3_11, 4, 5, 6, 7);
                            ((cnnc_v4 *)(yt + ((v * 16 + 11) * 8 + tyl * 4 + 2) * 16 + tx * 4))[0] = __builtin_shufflevector(q0_3_11, q0_3_11, 8, 9, 10, 11);
                            ((cnnc_v4 *)(yt + ((v * 16 + 11) * 8 + tyl * 4 + 3) * 16 + tx * 4))[0] = __builtin_shufflevector(q0_3_11, q0_3_11, 12, 13, 14, 15);
                            ((cnnc_v4 *)(yt + ((v * 16 + 12) * 8 + tyl * 4) * 16 + tx * 4))[0] = __builtin_shufflevector(q0_3_12, q0_3_12, 0, 1, 2, 3);
                            ((cnnc_v4 *)(yt + ((v * 16 + 12) * 8 + tyl * 4 + 1) * 16 + tx * 4))[0] = __builtin_shufflevector(q0_3_12, q0_3_12, 4, 5, 6, 7);
                            ((cnnc_v4 *)(yt + ((v * 16 + 12) * 8 + tyl * 4 + 2) * 16 + tx * 4))[0] = __builtin_shufflevector(q0_3_12, q0_3_12, 8, 9, 10, 11);
                            ((cnnc_v4 *)(yt + ((v * 16 + 12) * 8 + tyl * 4 + 3) * 16 + tx * 4))[0] = __builtin_shufflevector(q0_3_12, q0_3_12, 12, 13, 14, 15);
                            ((cnnc_v4 *)(yt + ((v * 16 + 13) * 8 + tyl * 4) * 16 + tx * 4))[0] = __builtin_shufflevector(q0_3_13, q0_3_13, 0, 1, 2, 3);
                            ((cnnc_v4 *)(yt + ((v * 16 + 13) * 8 + tyl * 4 + 1) * 16 + tx * 4))[0] = __builtin_shufflevector(q0_3_13, q0_3_13, 4, 5, 6, 7);
                            ((cnnc_v4 *)(yt + ((v * 16 + 13) * 8 + tyl * 4 + 2) * 16 + tx * 4))[0] = __builtin_shufflevector(q0_3_13, q0_3_13, 8, 9, 10, 11);
                            ((cnnc_v4 *)(yt + ((v * 16 + 13) * 8 + tyl * 4 + 3) * 16 + tx * 4))[0] = __builtin_shufflevector(q0_3_13, q0_3_13, 12, 13, 14, 15);
                            ((cnnc_v4 *)(yt + ((v * 16 + 14) * 8 + tyl * 4) * 16 + tx * 4))[0] = __builtin_shufflevector(q0_3_14, q0_3_14, 0, 1, 2, 3);
                            ((cnnc_v4 *)(yt + ((v * 16 + 14) * 8 + tyl * 4 + 1) * 16 + tx * 4))[0] = __builtin_shufflevector(q0_3_14, q0_3_14, 4, 5, 6, 7);
                            ((cnnc_v4 *)(yt + ((v * 16 + 14) * 8 + tyl * 4 + 2) * 16 + tx * 4))[0] = __builtin_shufflevector(q0_3_14, q0_3_14, 8, 9, 10, 11);
                            ((cnnc_v4 *)(yt + ((v * 16 + 14) * 8 + tyl * 4 + 3) * 16 + tx * 4))[0] = __builtin_shufflevector(q0_3_14, q0_3_14, 12, 13, 14, 15);
                            ((cnnc_v4 *)(yt + ((v * 16 + 15) * 8 + tyl * 4) * 16 + tx * 4))[0] = __builtin_shufflevector(q0_3_15, q0_3_15, 0, 1, 2, 3);
                            ((cnnc_v4 *)(yt + ((v * 16 + 15) * 8 + tyl * 4 + 1) * 16 + tx * 4))[0] = __builtin_shufflevector(q0_3_15, q0_3_15, 4, 5, 6, 7);
                            ((cnnc_v4 *)(yt + ((v * 16 + 15) * 8 + tyl * 4 + 2) * 16 + tx * 4))[0] = __builtin_shufflevector(q0_3_15, q0_3_15, 8, 9, 10, 11);
                            ((cnnc_v4 *)(yt + ((v * 16 + 15) * 8 + tyl * 4 + 3) * 16 + tx * 4))[0] = __builtin_shufflevector(q0_3_15, q0_3_15, 12, 13, 14, 15);
                        }
                    }
                    for (int64_t j = 0; j < width; j++) {
                        for (int64_t oh = oh0; oh < oh1; oh++) {
                            const float *restrict src = yt + (j * 8 + oh - oh0) * 16;
                            float *restrict dst = out + ((b * 64 + blk * 32 + j) * 16 + oh) * 16;
                            for (int64_t ow = 0; ow < 16; ow++) {
                                float val = src[ow];
                                val = (val < 0.0f ? 0.0f : val);
                                dst[ow] = val;
                            }
                        }
                    }
                }
            }
        }
    }
}
