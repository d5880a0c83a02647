static void k1_pre(int64_t n, int nt, const float *restrict wts, const float *restrict in0, float *restrict out) {
    /* relu [pre]: [16, 8, 8] -> [16, 8, 8] */
    if (nt > 1) {
#pragma omp parallel for schedule(static) num_threads(nt) if(n >= 32)
        for (int64_t i = 0; i < n * 1024; i++) {
            float v = in0[i];
            out[i] = (v < 0.0f ? 0.0f : v);
        }
    } else {
        for (int64_t i = 0; i < n * 1024; i++) {
            float v = in0[i];
            out[i] = (v < 0.0f ? 0.0f : v);
        }
    }
}

static void k2_conv(int64_t n, int nt, const float *restrict wts, const float *restrict in0, float *restrict out, float *restrict scratch) {
    /* conv2d [conv + act]: [16, 8, 8] -> [16, 8, 8] */
    /* row Winograd F(4,3): 2 tiles of 4 rows, 6 GEMMs of 16x48, 1 task rows x 2 blocks of 8 */
    const float *restrict w = wts;
    const float *restrict bias = wts + 4608;
    if (nt > 1) {
#pragma omp parallel for collapse(2) schedule(static) num_threads(nt) if(n >= 3)
        for (int64_t b = 0; b < n; b++) {
            for (int64_t c = 0; c < 16; c++) {
                const float *restrict src = in0 + (b * 16 + c) * 64;
                float d[60] __attribute__((aligned(64)));
                for (int64_t ty = 0; ty < 2; ty++) {
                    for (int64_t i = 0; i < 6; i++) {
                        const int64_t ih = ty * 4 + i - 1;
                        float *restrict row = d + i * 10;
                        if (ih < 0 || ih >= 8) {
                            for (int64_t x = 0; x < 10; x++) {
                                row[x] = 0.0f;
                            }
                        } else {
                            for (int64_t x = 0; x < 1; x++) {
                                row[x] = 0.0f;
                            }
                            memcpy(row + 1, src + ih * 8, (size_t)8 * sizeof(float));
                            for (int64_t x = 9; x < 10; x++) {
                                row[x] = 0.0f;
                            }
                        }
                    }
                    float *restrict v = scratch + b * 1940 + c * 20 + ty * 10;
                    for (int64_t x = 0; x < 10; x++) {
                        const float d0 = d[x];
                        const float d1 = d[10 + x];
                        const float d2 = d[20 + x];
                        const float d3 = d[30 + x];
                        const float d4 = d[40 + x];
                        const float d5 = d[50 + x];
                        v[x] = 4.0f * d0 - 5.0f * d2 + d4;
                        v[320 + x] = -(4.0f * d1) - 4.0f * d2 + d3 + d4;
                        v[640 + x] = 4.0f * d1 - 4.0f * d2 - d3 + d4;
                        v[960 + x] = -(2.0f * d1) - d2 + 2.0f * d3 + d4;
                        v[1280 + x] = 2.0f * d1 - d2 - 2.0f * d3 + d4;
                        v[1600 + x] = 4.0f * d1 - 5.0f * d3 + d5;
                    }
                }
                if (c == 0) {
                    for (int64_t x = 1920; x < 1940; x++) {
                        scratch[b * 1940 + x] = 0.0f;
                    }
                }
            }
        }
    } else {
        for (int64_t b = 0; b < n; b++) {
            for (int64_t c = 0; c < 16; c++) {
                const float *restrict src = in0 + (b * 16 + c) * 64;
                float d[60] __attribute__((aligned(64)));
                for (int64_t ty = 0; ty < 2; ty++) {
                    for (int64_t i = 0; i < 6; i++) {
                        const int64_t ih = ty * 4 + i - 1;
                        float *restrict row = d + i * 10;
                        if (ih < 0 || ih >= 8) {
                            for (int64_t x = 0; x < 10; x++) {
                                row[x] = 0.0f;
                            }
                        } else {
                            for (int64_t x = 0; x < 1; x++) {
                                row[x] = 0.0f;
                            }
                            memcpy(row + 1, src + ih * 8, (size_t)8 * sizeof(float));
                            for (int64_t x = 9; x < 10; x++) {
                                row[x] = 0.0f;
                            }
                        }
                    }
                    float *restrict v = scratch + b * 1940 + c * 20 + ty * 10;
                    for (int64_t x = 0; x < 10; x++) {
                        const float d0 = d[x];
                        const float d1 = d[10 + x];
                        const float d2 = d[20 + x];
                        const float d3 = d[30 + x];
                        const float d4 = d[40 + x];
                        const float d5 = d[50 + x];
                        v[x] = 4.0f * d0 - 5.0f * d2 + d4;
                        v[320 + x] = -(4.0f * d1) - 4.0f * d2 + d3 + d4;
                        v[640 + x] = 4.0f * d1 - 4.0f * d2 - d3 + d4;
                        v[960 + x] = -(2.0f * d1) - d2 + 2.0f * d3 + d4;
                        v[1280 + x] = 2.0f * d1 - d2 - 2.0f * d3 + d4;
                        v[1600 + x] = 4.0f * d1 - 5.0f * d3 + d5;
                    }
                }
                if (c == 0) {
                    for (int64_t x = 1920; x < 1940; x++) {
                        scratch[b * 1940 + x] = 0.0f;
                    }
                }
            }
        }
    }
    if (nt > 1) {
#pragma omp parallel for collapse(3) schedule(static) num_threads(nt) if(n >= 1)
        for (int64_t b = 0; b < n; b++) {
            for (int64_t tc = 0; tc < 1; tc++) {
                for (int64_t blk = 0; blk < 2; blk++) {
                    const int64_t width = cnnc_min(8, 16 - blk * 8);
                    const float *restrict bb = bias + blk * 8;
                    const int64_t g = 0;
                    const int64_t ty0 = tc * 2;
                    const int64_t ty1 = cnnc_min(ty0 + 2, 2);
                    const int64_t q0 = ty0 * 10;
                    const int64_t q1 = ty1 * 10;
                    float planes[960] __attribute__((aligned(64)));
                    for (int64_t xi = 0; xi < 6; xi++) {
                        const float *restrict xs = scratch + b * 1940 + xi * 320;
                        const float *restrict wb = w + xi * 768 + blk * 384;
                        float *restrict wt = planes + xi * 160;
                        for (int64_t tt = q0; tt < q1; tt += 4) {
                            if (width == 8) {
                                {
                                    cnnc_v4 a0_0 = cnnc_splat4(0.0f);
                                    cnnc_v4 a1_0 = cnnc_splat4(0.0f);
                                    cnnc_v4 a2_0 = cnnc_splat4(0.0f);
                                    cnnc_v4 a3_0 = cnnc_splat4(0.0f);
                                    cnnc_v4 a4_0 = cnnc_splat4(0.0f);
                                    cnnc_v4 a5_0 = cnnc_splat4(0.0f);
                                    cnnc_v4 a6_0 = cnnc_splat4(0.0f);
                                    cnnc_v4 a7_0 = cnnc_splat4(0.0f);
                                    for (int64_t c = 0; c < 16; c++) {
                                        const float *restrict xi = xs + tt + c * 20;
                                        const float *restrict wi = wb + c * 24;
                                        __builtin_prefetch(wi + 384, 0, 2);
                                        __builtin_prefetch(wi + 400, 0, 2);
                                        {
                                            const cnnc_v4 x0 = ((const cnnc_v4 *)xi)[0];
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
                                        }
                                        {
                                            const cnnc_v4 x0 = ((const cnnc_v4 *)(xi + 1))[0];
                                            const float w0 = wi[8];
                                            a0_0 += x0 * w0;
                                            const float w1 = wi[9];
                                            a1_0 += x0 * w1;
                                            const float w2 = wi[10];
                                            a2_0 += x0 * w2;
                                            const float w3 = wi[11];
                                            a3_0 += x0 * w3;
                                            const float w4 = wi[12];
                                            a4_0 += x0 * w4;
                                            const float w5 = wi[13];
                                            a5_0 += x0 * w5;
                                            const float w6 = wi[14];
                                            a6_0 += x0 * w6;
                                            const float w7 = wi[15];
                                            a7_0 += x0 * w7;
                                        }
                                        {
                                            const cnnc_v4 x0 = ((const cnnc_v4 *)(xi + 2))[0];
                                            const float w0 = wi[16];
                                            a0_0 += x0 * w0;
                                            const float w1 = wi[17];
                                            a1_0 += x0 * w1;
                                            const float w2 = wi[18];
                                            a2_0 += x0 * w2;
                                            const float w3 = wi[19];
                                            a3_0 += x0 * w3;
                                            const float w4 = wi[20];
                                            a4_0 += x0 * w4;
                                            const float w5 = wi[21];
                                            a5_0 += x0 * w5;
                                            const float w6 = wi[22];
                                            a6_0 += x0 * w6;
                                            const float w7 = wi[23];
                                            a7_0 += x0 * w7;
                                        }
                                    }
                                    ((cnnc_v4 *)(wt + (tt - q0)))[0] = a0_0;
                                    ((cnnc_v4 *)(wt + 20 + (tt - q0)))[0] = a1_0;
                                    ((cnnc_v4 *)(wt + 40 + (tt - q0)))[0] = a2_0;
                                    ((cnnc_v4 *)(wt + 60 + (tt - q0)))[0] = a3_0;
                                    ((cnnc_v4 *)(wt + 80 + (tt - q0)))[0] = a4_0;
                                    ((cnnc_v4 *)(wt + 100 + (tt - q0)))[0] = a5_0;
                                    ((cnnc_v4 *)(wt + 120 + (tt - q0)))[0] = a6_0;
                                    ((cnnc_v4 *)(wt + 140 + (tt - q0)))[0] = a7_0;
                                }
                            }
                        }
                    }
                    for (int64_t j = 0; j < width; j++) {
                        for (int64_t ty = ty0; ty < ty1; ty++) {
                            const float *restrict p = planes + j * 20 + (ty - ty0) * 10;
                            if (ty * 4 < 8) {
                                float *restrict dst = out + ((b * 16 + (blk * 8 + j)) * 8 + ty * 4) * 8;
                                for (int64_t ow = 0; ow < 8; ow++) {
                                    float v = bb[j] + p[ow] + p[160 + ow] + p[320 + ow] + p[480 + ow] + p[640 + ow];
                                    v = (v < 0.0f ? 0.0f : v);
                                    dst[ow] = v;
                                }
                            }
                            if (ty * 4 + 1 < 8) {
                                float *restrict dst = out + ((b * 16 + (blk * 8 + j)) * 8 + (ty * 4 + 1)) * 8;
                                for (int64_t ow = 0; ow < 8; ow++) {
                                    float v = bb[j] + p[160 + ow] - p[320 + ow] + 2.0f * p[480 + ow] - 2.0f * p[640 + ow];
                                    v = (v < 0.0f ? 0.0f : v);
                                    dst[ow] = v;
                                }
                            }
                            if (ty * 4 + 2 < 8) {
                                float *restrict dst = out + ((b * 16 + (blk * 8 + j)) * 8 + (ty * 4 + 2)) * 8;
                                for (int64_t ow = 0; ow < 8; ow++) {
                                    float v = bb[j] + p[160 + ow] + p[320 + ow] + 4.0f * p[480 + ow] + 4.0f * p[640 + ow];
                                    v = (v < 0.0f ? 0.0f : v);
                                    dst[ow] = v;
                                }
                            }
                            if (ty * 4 + 3 < 8) {
                                float *restrict dst = out + ((b * 16 + (blk * 8 + j)) * 8 + (ty * 4 + 3)) * 8;
                                for (int64_t ow = 0; ow < 8; ow++) {
                                    float v = bb[j] + p[160 + ow] - p[320 + ow] + 8.0f * p[480 + ow] - 8.0f * p[640 + ow] + p[800 + ow];
                                    v = (v < 0.0f ? 0.0f : v);
                                    dst[ow] = v;
                                }
                            }
                        }
                    }
                }
            }
        }
    } else {
        for (int64_t b = 0; b < n; b++) {
            for (int64_t tc = 0; tc < 1; tc++) {
                for (int64_t blk = 0; blk < 2; blk++) {
                    const int64_t width = cnnc_min(8, 16 - blk * 8);
                    const float *restrict bb = bias + blk * 8;
                    const int64_t g = 0;
                    const int64_t ty0 = tc * 2;
                    const int64_t ty1 = cnnc_min(ty0 + 2, 2);
                    const int64_t q0 = ty0 * 10;
                    const int64_t q1 = ty1 * 10;
                    float planes[960] __attribute__((aligned(64)));
                    for (int64_t xi = 0; xi < 6; xi++) {
                        const float *restrict xs = scratch + b * 1940 + xi * 320;
                        const float *restrict wb = w + xi * 768 + blk * 384;
                        float *restrict wt = planes + xi * 160;
                        for (int64_t tt = q0; tt < q1; tt += 4) {
                            if (width == 8) {
                                {
                                    cnnc_v4 a0_0 = cnnc_splat4(0.0f);
                                    cnnc_v4 a1_0 = cnnc_splat4(0.0f);
                                    cnnc_v4 a2_0 = cnnc_splat4(0.0f);
                                    cnnc_v4 a3_0 = cnnc_splat4(0.0f);
                                    cnnc_v4 a4_0 = cnnc_splat4(0.0f);
                                    cnnc_v4 a5_0 = cnnc_splat4(0.0f);
                                    cnnc_v4 a6_0 = cnnc_splat4(0.0f);
                                    cnnc_v4 a7_0 = cnnc_splat4(0.0f);
                                    for (int64_t c = 0; c < 16; c++) {
                                        const float *restrict xi = xs + tt + c * 20;
                                        const float *restrict wi = wb + c * 24;
                                        __builtin_prefetch(wi + 384, 0, 2);
                                        __builtin_prefetch(wi + 400, 0, 2);
                                        {
                                            const cnnc_v4 x0 = ((const cnnc_v4 *)xi)[0];
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
                                        }
                                        {
                                            const cnnc_v4 x0 = ((const cnnc_v4 *)(xi + 1))[0];
                                            const float w0 = wi[8];
                                            a0_0 += x0 * w0;
                                            const float w1 = wi[9];
                                            a1_0 += x0 * w1;
                                            const float w2 = wi[10];
                                            a2_0 += x0 * w2;
                                            const float w3 = wi[11];
                                            a3_0 += x0 * w3;
                                            const float w4 = wi[12];
                                            a4_0 += x0 * w4;
                                            const float w5 = wi[13];
                                            a5_0 += x0 * w5;
                                            const float w6 = wi[14];
                                            a6_0 += x0 * w6;
                                            const float w7 = wi[15];
                                            a7_0 += x0 * w7;
                                        }
                                        {
                                            const cnnc_v4 x0 = ((const cnnc_v4 *)(xi + 2))[0];
                                            const float w0 = wi[16];
                                            a0_0 += x0 * w0;
                                            const float w1 = wi[17];
                                            a1_0 += x0 * w1;
                                            const float w2 = wi[18];
                                            a2_0 += x0 * w2;
                                            const float w3 = wi[19];
                                            a3_0 += x0 * w3;
                                            const float w4 = wi[20];
                                            a4_0 += x0 * w4;
                                            const float w5 = wi[21];
                                            a5_0 += x0 * w5;
                                            const float w6 = wi[22];
                                            a6_0 += x0 * w6;
                                            const float w7 = wi[23];
                                            a7_0 += x0 * w7;
                                        }
                                    }
                                    ((cnnc_v4 *)(wt + (tt - q0)))[0] = a0_0;
                                    ((cnnc_v4 *)(wt + 20 + (tt - q0)))[0] = a1_0;
                                    ((cnnc_v4 *)(wt + 40 + (tt - q0)))[0] = a2_0;
                                    ((cnnc_v4 *)(wt + 60 + (tt - q0)))[0] = a3_0;
                                    ((cnnc_v4 *)(wt + 80 + (tt - q0)))[0] = a4_0;
                                    ((cnnc_v4 *)(wt + 100 + (tt - q0)))[0] = a5_0;
                                    ((cnnc_v4 *)(wt + 120 + (tt - q0)))[0] = a6_0;
                                    ((cnnc_v4 *)(wt + 140 + (tt - q0)))[0] = a7_0;
                                }
                            }
                        }
                    }
                    for (int64_t j = 0; j < width; j++) {
                        for (int64_t ty = ty0; ty < ty1; ty++) {
                            const float *restrict p = planes + j * 20 + (ty - ty0) * 10;
                            if (ty * 4 < 8) {
                                float *restrict dst = out + ((b * 16 + (blk * 8 + j)) * 8 + ty * 4) * 8;
                                for (int64_t ow = 0; ow < 8; ow++) {
                                    float v = bb[j] + p[ow] + p[160 + ow] + p[320 + ow] + p[480 + ow] + p[640 + ow];
                                    v = (v < 0.0f ? 0.0f : v);
                                    dst[ow] = v;
                                }
                            }
                            if (ty * 4 + 1 < 8) {
                                float *restrict dst = out + ((b * 16 + (blk * 8 + j)) * 8 + (ty * 4 + 1)) * 8;
                                for (int64_t ow = 0; ow < 8; ow++) {
                                    float v = bb[j] + p[160 + ow] - p[320 + ow] + 2.0f * p[480 + ow] - 2.0f * p[640 + ow];
                                    v = (v < 0.0f ? 0.0f : v);
                                    dst[ow] = v;
                                }
                            }
                            if (ty * 4 + 2 < 8) {
                                float *restrict dst = out + ((b * 16 + (blk * 8 + j)) * 8 + (ty * 4 + 2)) * 8;
                                for (int64_t ow = 0; ow < 8; ow++) {
                                    float v = bb[j] + p[160 + ow] + p[320 + ow] + 4.0f * p[480 + ow] + 4.0f * p[640 + ow];
                                    v = (v < 0.0f ? 0.0f : v);
                                    dst[ow] = v;
                                }
                            }
                            if (ty * 4 + 3 < 8) {
                                float *restrict dst = out + ((b * 16 + (blk * 8 + j)) * 8 + (ty * 4 + 3)) * 8;
                                for (int64_t ow = 0; ow < 8; ow++) {
                                    float v = bb[j] + p[160 + ow] - p[320 + ow] + 8.0f * p[480 + ow] - 8.0f * p[640 + ow] + p[800 + ow];
                                    v = (v < 0.0f ? 0.0f : v);
                                    dst[ow] = v;
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
