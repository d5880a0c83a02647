static void k1_pre(int64_t n, int nt, const float *restrict wts, const float *restrict in0, float *restrict out) {
    /* relu [pre]: [4, 4, 4] -> [4, 4, 4] */
    if (nt > 1) {
#pragma omp parallel for schedule(static) num_threads(nt) if(n >= 512)
        for (int64_t i = 0; i < n * 64; i++) {
            float v = in0[i];
            out[i] = (v < 0.0f ? 0.0f : v);
        }
    } else {
        for (int64_t i = 0; i < n * 64; i++) {
            float v = in0[i];
            out[i] = (v < 0.0f ? 0.0f : v);
        }
    }
}

static void k2_conv(int64_t n, int nt, const float *restrict wts, const float *restrict in0, float *restrict out) {
    /* conv_transpose2d [conv]: [4, 4, 4] -> [4, 8, 8] */
    const float *restrict w = wts;
    const float *restrict bias = wts + 64;
    if (nt > 1) {
#pragma omp parallel for collapse(4) schedule(static) num_threads(nt) if(n >= 16)
        for (int64_t b = 0; b < n; b++) {
            for (int64_t g = 0; g < 1; g++) {
                for (int64_t blk = 0; blk < 3; blk++) {
                    for (int64_t ch = 0; ch < 1; ch++) {
                        const int64_t width = cnnc_min(6, 16 - blk * 6);
                        const float *restrict xs = in0 + (b * 4 + g * 4) * 16;
                        const float *restrict wb = w + g * 64 + blk * 24;
                        const float *restrict bb = bias + g * 16 + blk * 6;
                        float wt[96] __attribute__((aligned(64)));
                        const int64_t q0 = ch * 16;
                        const int64_t q1 = cnnc_min(q0 + 16, 16);
                        for (int64_t tt = q0; tt < q1; tt += 16) {
                            if (width == 6) {
                                {
                                    cnnc_v8 a0_0 = cnnc_splat8(bb[0]);
                                    cnnc_v8 a0_1 = cnnc_splat8(bb[0]);
                                    cnnc_v8 a1_0 = cnnc_splat8(bb[1]);
                                    cnnc_v8 a1_1 = cnnc_splat8(bb[1]);
                                    cnnc_v8 a2_0 = cnnc_splat8(bb[2]);
                                    cnnc_v8 a2_1 = cnnc_splat8(bb[2]);
                                    cnnc_v8 a3_0 = cnnc_splat8(bb[3]);
                                    cnnc_v8 a3_1 = cnnc_splat8(bb[3]);
                                    cnnc_v8 a4_0 = cnnc_splat8(bb[4]);
                                    cnnc_v8 a4_1 = cnnc_splat8(bb[4]);
                                    cnnc_v8 a5_0 = cnnc_splat8(bb[5]);
                                    cnnc_v8 a5_1 = cnnc_splat8(bb[5]);
                                    for (int64_t c = 0; c < 4; c++) {
                                        const float *restrict xi = xs + tt + c * 16;
                                        const float *restrict wi = wb + c * 6;
                                        {
                                            const cnnc_v8 x0 = ((const cnnc_v8 *)xi)[0];
                                            const cnnc_v8 x1 = ((const cnnc_v8 *)(xi + 8))[0];
                                            const float w0 = wi[0];
                                            a0_0 += x0 * w0;
                                            a0_1 += x1 * w0;
                                            const float w1 = wi[1];
                                            a1_0 += x0 * w1;
                                            a1_1 += x1 * w1;
                                            const float w2 = wi[2];
                                            a2_0 += x0 * w2;
                                            a2_1 += x1 * w2;
                                            const float w3 = wi[3];
                                            a3_0 += x0 * w3;
                                            a3_1 += x1 * w3;
                                            const float w4 = wi[4];
                                            a4_0 += x0 * w4;
                                            a4_1 += x1 * w4;
                                            const float w5 = wi[5];
                                            a5_0 += x0 * w5;
                                            a5_1 += x1 * w5;
                                        }
                                    }
                                    ((cnnc_v8 *)(wt + (tt - q0)))[0] = a0_0;
                                    ((cnnc_v8 *)(wt + (tt - q0) + 8))[0] = a0_1;
                                    ((cnnc_v8 *)(wt + 16 + (tt - q0)))[0] = a1_0;
                                    ((cnnc_v8 *)(wt + 16 + (tt - q0) + 8))[0] = a1_1;
                                    ((cnnc_v8 *)(wt + 32 + (tt - q0)))[0] = a2_0;
                                    ((cnnc_v8 *)(wt + 32 + (tt - q0) + 8))[0] = a2_1;
                                    ((cnnc_v8 *)(wt + 48 + (tt - q0)))[0] = a3_0;
                                    ((cnnc_v8 *)(wt + 48 + (tt - q0) + 8))[0] = a3_1;
                                    ((cnnc_v8 *)(wt + 64 + (tt - q0)))[0] = a4_0;
                                    ((cnnc_v8 *)(wt + 64 + (tt - q0) + 8))[0] = a4_1;
                                    ((cnnc_v8 *)(wt + 80 + (tt - q0)))[0] = a5_0;
                                    ((cnnc_v8 *)(wt + 80 + (tt - q0) + 8))[0] = a5_1;
                                }
                            } else {
                                {
                                    cnnc_v8 a0_0 = cnnc_splat8(bb[0]);
                                    cnnc_v8 a0_1 = cnnc_splat8(bb[0]);
                                    cnnc_v8 a1_0 = cnnc_splat8(bb[1]);
                                    cnnc_v8 a1_1 = cnnc_splat8(bb[1]);
                                    cnnc_v8 a2_0 = cnnc_splat8(bb[2]);
                                    cnnc_v8 a2_1 = cnnc_splat8(bb[2]);
                                    cnnc_v8 a3_0 = cnnc_splat8(bb[3]);
                                    cnnc_v8 a3_1 = cnnc_splat8(bb[3]);
                                    for (int64_t c = 0; c < 4; c++) {
                                        const float *restrict xi = xs + tt + c * 16;
                                        const float *restrict wi = wb + c * 4;
                                        {
                                            const cnnc_v8 x0 = ((const cnnc_v8 *)xi)[0];
                                            const cnnc_v8 x1 = ((const cnnc_v8 *)(xi + 8))[0];
                                            const float w0 = wi[0];
                                            a0_0 += x0 * w0;
                                            a0_1 += x1 * w0;
                                            const float w1 = wi[1];
                                            a1_0 += x0 * w1;
                                            a1_1 += x1 * w1;
                                            const float w2 = wi[2];
                                            a2_0 += x0 * w2;
                                            a2_1 += x1 * w2;
                                            const float w3 = wi[3];
                                            a3_0 += x0 * w3;
                                            a3_1 += x1 * w3;
                                        }
                                    }
                                    ((cnnc_v8 *)(wt + (tt - q0)))[0] = a0_0;
                                    ((cnnc_v8 *)(wt + (tt - q0) + 8))[0] = a0_1;
                                    ((cnnc_v8 *)(wt + 16 + (tt - q0)))[0] = a1_0;
                                    ((cnnc_v8 *)(wt + 16 + (tt - q0) + 8))[0] = a1_1;
                                    ((cnnc_v8 *)(wt + 32 + (tt - q0)))[0] = a2_0;
                                    ((cnnc_v8 *)(wt + 32 + (tt - q0) + 8))[0] = a2_1;
                                    ((cnnc_v8 *)(wt + 48 + (tt - q0)))[0] = a3_0;
                                    ((cnnc_v8 *)(wt + 48 + (tt - q0) + 8))[0] = a3_1;
                                }
                            }
                        }
                        for (int64_t j = 0; j < width; j++) {
                            const int64_t ocp = blk * 6 + j;
                            const int64_t oc = ocp / 4;
                            const int64_t rh = ocp / 2 % 2;
                            const int64_t rw = ocp % 2;
                            for (int64_t oh = q0 / 4; oh < cnnc_min(4, (q1 + 3) / 4); oh++) {
                                const int64_t lo = cnnc_max(q0 - oh * 4, 0);
                                const int64_t hi = cnnc_min(q1 - oh * 4, 4);
                                const int64_t base = j * 16 + oh * 4 - q0;
                                float *restrict dst = out + ((b * 4 + oc) * 8 + oh * 2 + rh) * 8 + rw;
                                for (int64_t ow = lo; ow < hi; ow++) {
                                    float v = wt[base + ow];
                                    dst[ow * 2] = v;
                                }
                            }
                        }
                    }
                }
            }
        }
    } else {
        for (int64_t b = 0; b < n; b++) {
            for (int64_t g = 0; g < 1; g++) {
                for (int64_t blk = 0; blk < 3; blk++) {
                    for (int64_t ch = 0; ch < 1; ch++) {
                        const int64_t width = cnnc_min(6, 16 - blk * 6);
                        const float *restrict xs = in0 + (b * 4 + g * 4) * 16;
                        const float *restrict wb = w + g * 64 + blk * 24;
                        const float *restrict bb = bias + g * 16 + blk * 6;
                        float wt[96] __attribute__((aligned(64)));
                        const int64_t q0 = ch * 16;
                        const int64_t q1 = cnnc_min(q0 + 16, 16);
                        for (int64_t tt = q0; tt < q1; tt += 16) {
                            if (width == 6) {
                                {
                                    cnnc_v8 a0_0 = cnnc_splat8(bb[0]);
                                    cnnc_v8 a0_1 = cnnc_splat8(bb[0]);
                                    cnnc_v8 a1_0 = cnnc_splat8(bb[1]);
                                    cnnc_v8 a1_1 = cnnc_splat8(bb[1]);
                                    cnnc_v8 a2_0 = cnnc_splat8(bb[2]);
                                    cnnc_v8 a2_1 = cnnc_splat8(bb[2]);
                                    cnnc_v8 a3_0 = cnnc_splat8(bb[3]);
                                    cnnc_v8 a3_1 = cnnc_splat8(bb[3]);
                                    cnnc_v8 a4_0 = cnnc_splat8(bb[4]);
                                    cnnc_v8 a4_1 = cnnc_splat8(bb[4]);
                                    cnnc_v8 a5_0 = cnnc_splat8(bb[5]);
                                    cnnc_v8 a5_1 = cnnc_splat8(bb[5]);
                                    for (int64_t c = 0; c < 4; c++) {
                                        const float *restrict xi = xs + tt + c * 16;
                                        const float *restrict wi = wb + c * 6;
                                        {
                                            const cnnc_v8 x0 = ((const cnnc_v8 *)xi)[0];
                                            const cnnc_v8 x1 = ((const cnnc_v8 *)(xi + 8))[0];
                                            const float w0 = wi[0];
                                            a0_0 += x0 * w0;
                                            a0_1 += x1 * w0;
                                            const float w1 = wi[1];
                                            a1_0 += x0 * w1;
                                            a1_1 += x1 * w1;
                                            const float w2 = wi[2];
                                            a2_0 += x0 * w2;
                                            a2_1 += x1 * w2;
                                            const float w3 = wi[3];
                                            a3_0 += x0 * w3;
                                            a3_1 += x1 * w3;
                                            const float w4 = wi[4];
                                            a4_0 += x0 * w4;
                                            a4_1 += x1 * w4;
                                            const float w5 = wi[5];
                                            a5_0 += x0 * w5;
                                            a5_1 += x1 * w5;
                                        }
                                    }
                                    ((cnnc_v8 *)(wt + (tt - q0)))[0] = a0_0;
                                    ((cnnc_v8 *)(wt + (tt - q0) + 8))[0] = a0_1;
                                    ((cnnc_v8 *)(wt + 16 + (tt - q0)))[0] = a1_0;
                                    ((cnnc_v8 *)(wt + 16 + (tt - q0) + 8))[0] = a1_1;
                                    ((cnnc_v8 *)(wt + 32 + (tt - q0)))[0] = a2_0;
                                    ((cnnc_v8 *)(wt + 32 + (tt - q0) + 8))[0] = a2_1;
                                    ((cnnc_v8 *)(wt + 48 + (tt - q0)))[0] = a3_0;
                                    ((cnnc_v8 *)(wt + 48 + (tt - q0) + 8))[0] = a3_1;
                                    ((cnnc_v8 *)(wt + 64 + (tt - q0)))[0] = a4_0;
                                    ((cnnc_v8 *)(wt + 64 + (tt - q0) + 8))[0] = a4_1;
                                    ((cnnc_v8 *)(wt + 80 + (tt - q0)))[0] = a5_0;
                                    ((cnnc_v8 *)(wt + 80 + (tt - q0) + 8))[0] = a5_1;
                                }
                            } else {
                                {
                                    cnnc_v8 a0_0 = cnnc_splat8(bb[0]);
                                    cnnc_v8 a0_1 = cnnc_splat8(bb[0]);
                                    cnnc_v8 a1_0 = cnnc_splat8(bb[1]);
                                    cnnc_v8 a1_1 = cnnc_splat8(bb[1]);
                                    cnnc_v8 a2_0 = cnnc_splat8(bb[2]);
                                    cnnc_v8 a2_1 = cnnc_splat8(bb[2]);
                                    cnnc_v8 a3_0 = cnnc_splat8(bb[3]);
                                    cnnc_v8 a3_1 = cnnc_splat8(bb[3]);
                                    for (int64_t c = 0; c < 4; c++) {
                                        const float *restrict xi = xs + tt + c * 16;
                                        const float *restrict wi = wb + c * 4;
                                        {
                                            const cnnc_v8 x0 = ((const cnnc_v8 *)xi)[0];
                                            const cnnc_v8 x1 = ((const cnnc_v8 *)(xi + 8))[0];
                                            const float w0 = wi[0];
                                            a0_0 += x0 * w0;
                                            a0_1 += x1 * w0;
                                            const float w1 = wi[1];
                                            a1_0 += x0 * w1;
                                            a1_1 += x1 * w1;
                                            const float w2 = wi[2];
                                            a2_0 += x0 * w2;
                                            a2_1 += x1 * w2;
                                            const float w3 = wi[3];
                                            a3_0 += x0 * w3;
                                            a3_1 += x1 * w3;
                                        }
                                    }
                                    ((cnnc_v8 *)(wt + (tt - q0)))[0] = a0_0;
                                    ((cnnc_v8 *)(wt + (tt - q0) + 8))[0] = a0_1;
                                    ((cnnc_v8 *)(wt + 16 + (tt - q0)))[0] = a1_0;
                                    ((cnnc_v8 *)(wt + 16 + (tt - q0) + 8))[0] = a1_1;
                                    ((cnnc_v8 *)(wt + 32 + (tt - q0)))[0] = a2_0;
                                    ((cnnc_v8 *)(wt + 32 + (tt - q0) + 8))[0] = a2_1;
                                    ((cnnc_v8 *)(wt + 48 + (tt - q0)))[0] = a3_0;
                                    ((cnnc_v8 *)(wt + 48 + (tt - q0) + 8))[0] = a3_1;
                                }
                            }
                        }
                        for (int64_t j = 0; j < width; j++) {
                            const int64_t ocp = blk * 6 + j;
                            const int64_t oc = ocp / 4;
                            const int64_t rh = ocp / 2 % 2;
                            const int64_t rw = ocp % 2;
                            for (int64_t oh = q0 / 4; oh < cnnc_min(4, (q1 + 3) / 4); oh++) {
                                const int64_t lo = cnnc_max(q0 - oh * 4, 0);
                                const int64_t hi = cnnc_min(q1 - oh * 4, 4);
                                const int64_t base = j * 16 + oh * 4 - q0;
                                float *restrict dst = out + ((b * 4 + oc) * 8 + oh * 2 + rh) * 8 + rw;
                                for (int64_t ow = lo; ow < hi; ow++) {
                                    float v = wt[base + ow];
                                    dst[ow * 2] = v;
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
