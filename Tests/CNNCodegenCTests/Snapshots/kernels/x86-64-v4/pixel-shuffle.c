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
                for (int64_t blk = 0; blk < 1; blk++) {
                    for (int64_t ch = 0; ch < 1; ch++) {
                        const int64_t width = cnnc_min(16, 16 - blk * 16);
                        const float *restrict xs = in0 + (b * 4 + g * 4) * 16;
                        const float *restrict wb = w + g * 64 + blk * 64;
                        const float *restrict bb = bias + g * 16 + blk * 16;
                        float wt[256] __attribute__((aligned(64)));
                        const int64_t q0 = ch * 16;
                        const int64_t q1 = cnnc_min(q0 + 16, 16);
                        for (int64_t tt = q0; tt < q1; tt += 16) {
                            if (width == 16) {
                                {
                                    cnnc_v16 a0_0 = cnnc_splat16(bb[0]);
                                    cnnc_v16 a1_0 = cnnc_splat16(bb[1]);
                                    cnnc_v16 a2_0 = cnnc_splat16(bb[2]);
                                    cnnc_v16 a3_0 = cnnc_splat16(bb[3]);
                                    cnnc_v16 a4_0 = cnnc_splat16(bb[4]);
                                    cnnc_v16 a5_0 = cnnc_splat16(bb[5]);
                                    cnnc_v16 a6_0 = cnnc_splat16(bb[6]);
                                    cnnc_v16 a7_0 = cnnc_splat16(bb[7]);
                                    cnnc_v16 a8_0 = cnnc_splat16(bb[8]);
                                    cnnc_v16 a9_0 = cnnc_splat16(bb[9]);
                                    cnnc_v16 a10_0 = cnnc_splat16(bb[10]);
                                    cnnc_v16 a11_0 = cnnc_splat16(bb[11]);
                                    cnnc_v16 a12_0 = cnnc_splat16(bb[12]);
                                    cnnc_v16 a13_0 = cnnc_splat16(bb[13]);
                                    cnnc_v16 a14_0 = cnnc_splat16(bb[14]);
                                    cnnc_v16 a15_0 = cnnc_splat16(bb[15]);
                                    for (int64_t c = 0; c < 4; c++) {
                                        const float *restrict xi = xs + tt + c * 16;
                                        const float *restrict wi = wb + c * 16;
                                        __builtin_prefetch(wi + 64, 0, 2);
                                        {
                                            const cnnc_v16 x0 = ((const cnnc_v16 *)xi)[0];
                                            const float w0 = wi[0];
                                            a0_0 += x0 * w0;
                                            const float w1 = wi[1];
                                            a1_0 += x0 * w1;
                                            const float w2 = wi[2];
                                            a2_0 += x0 * w2;
                                            const float w3 = wi[3];
                                            a3_0 += x0 * w3;
                                            const float w4 = wi[4];
                                            a4_0 += x0 * w4;
                                            const float w5 = wi[5];
                                            a5_0 += x0 * w5;
                                            const float w6 = wi[6];
                                            a6_0 += x0 * w6;
                                            const float w7 = wi[7];
                                            a7_0 += x0 * w7;
                                            const float w8 = wi[8];
                                            a8_0 += x0 * w8;
                                            const float w9 = wi[9];
                                            a9_0 += x0 * w9;
                                            const float w10 = wi[10];
                                            a10_0 += x0 * w10;
                                            const float w11 = wi[11];
                                            a11_0 += x0 * w11;
                                            const float w12 = wi[12];
                                            a12_0 += x0 * w12;
                                            const float w13 = wi[13];
                                            a13_0 += x0 * w13;
                                            const float w14 = wi[14];
                                            a14_0 += x0 * w14;
                                            const float w15 = wi[15];
                                            a15_0 += x0 * w15;
                                        }
                                    }
                                    ((cnnc_v16 *)(wt + (tt - q0)))[0] = a0_0;
                                    ((cnnc_v16 *)(wt + 16 + (tt - q0)))[0] = a1_0;
                                    ((cnnc_v16 *)(wt + 32 + (tt - q0)))[0] = a2_0;
                                    ((cnnc_v16 *)(wt + 48 + (tt - q0)))[0] = a3_0;
                                    ((cnnc_v16 *)(wt + 64 + (tt - q0)))[0] = a4_0;
                                    ((cnnc_v16 *)(wt + 80 + (tt - q0)))[0] = a5_0;
                                    ((cnnc_v16 *)(wt + 96 + (tt - q0)))[0] = a6_0;
                                    ((cnnc_v16 *)(wt + 112 + (tt - q0)))[0] = a7_0;
                                    ((cnnc_v16 *)(wt + 128 + (tt - q0)))[0] = a8_0;
                                    ((cnnc_v16 *)(wt + 144 + (tt - q0)))[0] = a9_0;
                                    ((cnnc_v16 *)(wt + 160 + (tt - q0)))[0] = a10_0;
                                    ((cnnc_v16 *)(wt + 176 + (tt - q0)))[0] = a11_0;
                                    ((cnnc_v16 *)(wt + 192 + (tt - q0)))[0] = a12_0;
                                    ((cnnc_v16 *)(wt + 208 + (tt - q0)))[0] = a13_0;
                                    ((cnnc_v16 *)(wt + 224 + (tt - q0)))[0] = a14_0;
                                    ((cnnc_v16 *)(wt + 240 + (tt - q0)))[0] = a15_0;
                                }
                            }
                        }
                        for (int64_t j = 0; j < width; j++) {
                            const int64_t ocp = blk * 16 + j;
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
                for (int64_t blk = 0; blk < 1; blk++) {
                    for (int64_t ch = 0; ch < 1; ch++) {
                        const int64_t width = cnnc_min(16, 16 - blk * 16);
                        const float *restrict xs = in0 + (b * 4 + g * 4) * 16;
                        const float *restrict wb = w + g * 64 + blk * 64;
                        const float *restrict bb = bias + g * 16 + blk * 16;
                        float wt[256] __attribute__((aligned(64)));
                        const int64_t q0 = ch * 16;
                        const int64_t q1 = cnnc_min(q0 + 16, 16);
                        for (int64_t tt = q0; tt < q1; tt += 16) {
                            if (width == 16) {
                                {
                                    cnnc_v16 a0_0 = cnnc_splat16(bb[0]);
                                    cnnc_v16 a1_0 = cnnc_splat16(bb[1]);
                                    cnnc_v16 a2_0 = cnnc_splat16(bb[2]);
                                    cnnc_v16 a3_0 = cnnc_splat16(bb[3]);
                                    cnnc_v16 a4_0 = cnnc_splat16(bb[4]);
                                    cnnc_v16 a5_0 = cnnc_splat16(bb[5]);
                                    cnnc_v16 a6_0 = cnnc_splat16(bb[6]);
                                    cnnc_v16 a7_0 = cnnc_splat16(bb[7]);
                                    cnnc_v16 a8_0 = cnnc_splat16(bb[8]);
                                    cnnc_v16 a9_0 = cnnc_splat16(bb[9]);
                                    cnnc_v16 a10_0 = cnnc_splat16(bb[10]);
                                    cnnc_v16 a11_0 = cnnc_splat16(bb[11]);
                                    cnnc_v16 a12_0 = cnnc_splat16(bb[12]);
                                    cnnc_v16 a13_0 = cnnc_splat16(bb[13]);
                                    cnnc_v16 a14_0 = cnnc_splat16(bb[14]);
                                    cnnc_v16 a15_0 = cnnc_splat16(bb[15]);
                                    for (int64_t c = 0; c < 4; c++) {
                                        const float *restrict xi = xs + tt + c * 16;
                                        const float *restrict wi = wb + c * 16;
                                        __builtin_prefetch(wi + 64, 0, 2);
                                        {
                                            const cnnc_v16 x0 = ((const cnnc_v16 *)xi)[0];
                                            const float w0 = wi[0];
                                            a0_0 += x0 * w0;
                                            const float w1 = wi[1];
                                            a1_0 += x0 * w1;
                                            const float w2 = wi[2];
                                            a2_0 += x0 * w2;
                                            const float w3 = wi[3];
                                            a3_0 += x0 * w3;
                                            const float w4 = wi[4];
                                            a4_0 += x0 * w4;
                                            const float w5 = wi[5];
                                            a5_0 += x0 * w5;
                                            const float w6 = wi[6];
                                            a6_0 += x0 * w6;
                                            const float w7 = wi[7];
                                            a7_0 += x0 * w7;
                                            const float w8 = wi[8];
                                            a8_0 += x0 * w8;
                                            const float w9 = wi[9];
                                            a9_0 += x0 * w9;
                                            const float w10 = wi[10];
                                            a10_0 += x0 * w10;
                                            const float w11 = wi[11];
                                            a11_0 += x0 * w11;
                                            const float w12 = wi[12];
                                            a12_0 += x0 * w12;
                                            const float w13 = wi[13];
                                            a13_0 += x0 * w13;
                                            const float w14 = wi[14];
                                            a14_0 += x0 * w14;
                                            const float w15 = wi[15];
                                            a15_0 += x0 * w15;
                                        }
                                    }
                                    ((cnnc_v16 *)(wt + (tt - q0)))[0] = a0_0;
                                    ((cnnc_v16 *)(wt + 16 + (tt - q0)))[0] = a1_0;
                                    ((cnnc_v16 *)(wt + 32 + (tt - q0)))[0] = a2_0;
                                    ((cnnc_v16 *)(wt + 48 + (tt - q0)))[0] = a3_0;
                                    ((cnnc_v16 *)(wt + 64 + (tt - q0)))[0] = a4_0;
                                    ((cnnc_v16 *)(wt + 80 + (tt - q0)))[0] = a5_0;
                                    ((cnnc_v16 *)(wt + 96 + (tt - q0)))[0] = a6_0;
                                    ((cnnc_v16 *)(wt + 112 + (tt - q0)))[0] = a7_0;
                                    ((cnnc_v16 *)(wt + 128 + (tt - q0)))[0] = a8_0;
                                    ((cnnc_v16 *)(wt + 144 + (tt - q0)))[0] = a9_0;
                                    ((cnnc_v16 *)(wt + 160 + (tt - q0)))[0] = a10_0;
                                    ((cnnc_v16 *)(wt + 176 + (tt - q0)))[0] = a11_0;
                                    ((cnnc_v16 *)(wt + 192 + (tt - q0)))[0] = a12_0;
                                    ((cnnc_v16 *)(wt + 208 + (tt - q0)))[0] = a13_0;
                                    ((cnnc_v16 *)(wt + 224 + (tt - q0)))[0] = a14_0;
                                    ((cnnc_v16 *)(wt + 240 + (tt - q0)))[0] = a15_0;
                                }
                            }
                        }
                        for (int64_t j = 0; j < width; j++) {
                            const int64_t ocp = blk * 16 + j;
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
