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
    /* row Winograd F(4,3): 2 tiles of 4 rows, 6 GEMMs of 16x48, 2 task rows x 3 blocks of 6 */
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
                    float *restrict v = scratch + b * 1952 + c * 20 + ty * 10;
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
                    for (int64_t x = 1920; x < 1952; x++) {
                        scratch[b * 1952 + x] = 0.0f;
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
                    float *restrict v = scratch + b * 1952 + c * 20 + ty * 10;
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
                    for (int64_t x = 1920; x < 1952; x++) {
                        scratch[b * 1952 + x] = 0.0f;
                    }
                }
            }
        }
    }
    if (nt > 1) {
#pragma omp parallel for collapse(3) schedule(static) num_threads(nt) if(n >= 1)
        for (int64_t b = 0; b < n; b++) {
            for (int64_t tc = 0; tc < 2; tc++) {
                for (int64_t blk = 0; blk < 3; blk++) {
                    const int64_t width = cnnc_min(6, 16 - blk * 6);
                    const float *restrict bb = bias + blk * 6;
                    const int64_t g = 0;
                    const int64_t ty0 = tc;
                    const int64_t ty1 = cnnc_min(ty0 + 1, 2);
                    const int64_t q0 = ty0 * 10;
                    const int64_t q1 = ty1 * 10;
                    float planes[576] __attribute__((aligned(64)));
                    for (int64_t xi = 0; xi < 6; xi++) {
                        const float *restrict xs = scratch + b * 1952 + xi * 320;
                        const float *restrict wb = w + xi * 768 + blk * 288;
                        float *restrict wt = planes + xi * 96;
                        for (int64_t tt = q0; tt < q1; tt += 16) {
                            if (width == 6) {
                                {
                                    cnnc_v8 a0_0 = cnnc_splat8(0.0f);
                                    cnnc_v8 a0_1 = cnnc_splat8(0.0f);
                                    cnnc_v8 a1_0 = cnnc_splat8(0.0f);
                                    cnnc_v8 a1_1 = cnnc_splat8(0.0f);
                                    cnnc_v8 a2_0 = cnnc_splat8(0.0f);
                                    cnnc_v8 a2_1 = cnnc_splat8(0.0f);
                                    cnnc_v8 a3_0 = cnnc_splat8(0.0f);
                                    cnnc_v8 a3_1 = cnnc_splat8(0.0f);
                                    cnnc_v8 a4_0 = cnnc_splat8(0.0f);
                                    cnnc_v8 a4_1 = cnnc_splat8(0.0f);
                                    cnnc_v8 a5_0 = cnnc_splat8(0.0f);
                                    cnnc_v8 a5_1 = cnnc_splat8(0.0f);
                                    for (int64_t c = 0; c < 16; c++) {
                                        const float *restrict xi = xs + tt + c * 20;
                                        const float *restrict wi = wb + c * 18;
                                        __builtin_prefetch(wi + 288, 0, 2);
                                        __builtin_prefetch(wi + 304, 0, 2);
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
                                        {
                                            const cnnc_v8 x0 = ((const cnnc_v8 *)(xi + 1))[0];
                                            const cnnc_v8 x1 = ((const cnnc_v8 *)(xi + 9))[0];
                                            const float w0 = wi[6];
                                            a0_0 += x0 * w0;
                                            a0_1 += x1 * w0;
                                            const float w1 = wi[7];
                                            a1_0 += x0 * w1;
                                            a1_1 += x1 * w1;
                                            const float w2 = wi[8];
                                            a2_0 += x0 * w2;
                                            a2_1 += x1 * w2;
                                            const float w3 = wi[9];
                                            a3_0 += x0 * w3;
                                            a3_1 += x1 * w3;
                                            const float w4 = wi[10];
                                            a4_0 += x0 * w4;
                                            a4_1 += x1 * w4;
                                            const float w5 = wi[11];
                                            a5_0 += x0 * w5;
                                            a5_1 += x1 * w5;
                                        }
                                        {
                                            const cnnc_v8 x0 = ((const cnnc_v8 *)(xi + 2))[0];
                                            const cnnc_v8 x1 = ((const cnnc_v8 *)(xi + 10))[0];
                                            const float w0 = wi[12];
                                            a0_0 += x0 * w0;
                                            a0_1 += x1 * w0;
                                            const float w1 = wi[13];
                                            a1_0 += x0 * w1;
                                            a1_1 += x1 * w1;
                                            const float w2 = wi[14];
                                            a2_0 += x0 * w2;
                                            a2_1 += x1 * w2;
                                            const float w3 = wi[15];
                                            a3_0 += x0 * w3;
                                            a3_1 += x1 * w3;
                                            const float w4 = wi[16];
                                            a4_0 += x0 * w4;
                                            a4_1 += x1 * w4;
                                            const float w5 = wi[17];
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
                                    cnnc_v8 a0_0 = cnnc_splat8(0.0f);
                                    cnnc_v8 a0_1 = cnnc_splat8(0.0f);
                                    cnnc_v8 a1_0 = cnnc_splat8(0.0f);
                                    cnnc_v8 a1_1 = cnnc_splat8(0.0f);
                                    cnnc_v8 a2_0 = cnnc_splat8(0.0f);
                                    cnnc_v8 a2_1 = cnnc_splat8(0.0f);
                                    cnnc_v8 a3_0 = cnnc_splat8(0.0f);
                                    cnnc_v8 a3_1 = cnnc_splat8(0.0f);
                                    for (int64_t c = 0; c < 16; c++) {
                                        const float *restrict xi = xs + tt + c * 20;
                                        const float *restrict wi = wb + c * 12;
                                        __builtin_prefetch(wi + 192, 0, 2);
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
                                        {
                                            const cnnc_v8 x0 = ((const cnnc_v8 *)(xi + 1))[0];
                                            const cnnc_v8 x1 = ((const cnnc_v8 *)(xi + 9))[0];
                                            const float w0 = wi[4];
                                            a0_0 += x0 * w0;
                                            a0_1 += x1 * w0;
                                            const float w1 = wi[5];
                                            a1_0 += x0 * w1;
                                            a1_1 += x1 * w1;
                                            const float w2 = wi[6];
                                            a2_0 += x0 * w2;
                                            a2_1 += x1 * w2;
                                            const float w3 = wi[7];
                                            a3_0 += x0 * w3;
                                            a3_1 += x1 * w3;
                                        }
                                        {
                                            const cnnc_v8 x0 = ((const cnnc_v8 *)(xi + 2))[0];
                                            const cnnc_v8 x1 = ((const cnnc_v8 *)(xi + 10))[0];
                                            const float w0 = wi[8];
                                            a0_0 += x0 * w0;
                                            a0_1 += x1 * w0;
                                            const float w1 = wi[9];
                                            a1_0 += x0 * w1;
                                            a1_1 += x1 * w1;
                                            const float w2 = wi[10];
                                            a2_0 += x0 * w2;
                                            a2_1 += x1 * w2;
                                            const float w3 = wi[11];
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
                    }
                    for (int64_t j = 0; j < width; j++) {
                        for (int64_t ty = ty0; ty < ty1; ty++) {
                            const float *restrict p = planes + j * 16 + (ty - ty0) * 10;
                            if (ty * 4 < 8) {
                                float *restrict dst = out + ((b * 16 + (blk * 6 + j)) * 8 + ty * 4) * 8;
                                for (int64_t ow = 0; ow < 8; ow++) {
                                    float v = bb[j] + p[ow] + p[96 + ow] + p[192 + ow] + p[288 + ow] + p[384 + ow];
                                    v = (v < 0.0f ? 0.0f : v);
                                    dst[ow] = v;
                                }
                            }
                            if (ty * 4 + 1 < 8) {
                                float *restrict dst = out + ((b * 16 + (blk * 6 + j)) * 8 + (ty * 4 + 1)) * 8;
                                for (int64_t ow = 0; ow < 8; ow++) {
                                    float v = bb[j] + p[96 + ow] - p[192 + ow] + 2.0f * p[288 + ow] - 2.0f * p[384 + ow];
                                    v = (v < 0.0f ? 0.0f : v);
                                    dst[ow] = v;
                                }
                            }
                            if (ty * 4 + 2 < 8) {
                                float *restrict dst = out + ((b * 16 + (blk * 6 + j)) * 8 + (ty * 4 + 2)) * 8;
                                for (int64_t ow = 0; ow < 8; ow++) {
                                    float v = bb[j] + p[96 + ow] + p[192 + ow] + 4.0f * p[288 + ow] + 4.0f * p[384 + ow];
                                    v = (v < 0.0f ? 0.0f : v);
                                    dst[ow] = v;
                                }
                            }
                            if (ty * 4 + 3 < 8) {
                                float *restrict dst = out + ((b * 16 + (blk * 6 + j)) * 8 + (ty * 4 + 3)) * 8;
                                for (int64_t ow = 0; ow < 8; ow++) {
                                    float v = bb[j] + p[96 + ow] - p[192 + ow] + 8.0f * p[288 + ow] - 8.0f * p[384 + ow] + p[480 + ow];
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
            for (int64_t tc = 0; tc < 2; tc++) {
                for (int64_t blk = 0; blk < 3; blk++) {
                    const int64_t width = cnnc_min(6, 16 - blk * 6);
                    const float *restrict bb = bias + blk * 6;
                    const int64_t g = 0;
                    const int64_t ty0 = tc;
                    const int64_t ty1 = cnnc_min(ty0 + 1, 2);
                    const int64_t q0 = ty0 * 10;
                    const int64_t q1 = ty1 * 10;
                    float planes[576] __attribute__((aligned(64)));
                    for (int64_t xi = 0; xi < 6; xi++) {
                        const float *restrict xs = scratch + b * 1952 + xi * 320;
                        const float *restrict wb = w + xi * 768 + blk * 288;
                        float *restrict wt = planes + xi * 96;
                        for (int64_t tt = q0; tt < q1; tt += 16) {
                            if (width == 6) {
                                {
                                    cnnc_v8 a0_0 = cnnc_splat8(0.0f);
                                    cnnc_v8 a0_1 = cnnc_splat8(0.0f);
                                    cnnc_v8 a1_0 = cnnc_splat8(0.0f);
                                    cnnc_v8 a1_1 = cnnc_splat8(0.0f);
                                    cnnc_v8 a2_0 = cnnc_splat8(0.0f);
                                    cnnc_v8 a2_1 = cnnc_splat8(0.0f);
                                    cnnc_v8 a3_0 = cnnc_splat8(0.0f);
                                    cnnc_v8 a3_1 = cnnc_splat8(0.0f);
                                    cnnc_v8 a4_0 = cnnc_splat8(0.0f);
                                    cnnc_v8 a4_1 = cnnc_splat8(0.0f);
                                    cnnc_v8 a5_0 = cnnc_splat8(0.0f);
                                    cnnc_v8 a5_1 = cnnc_splat8(0.0f);
                                    for (int64_t c = 0; c < 16; c++) {
                                        const float *restrict xi = xs + tt + c * 20;
                                        const float *restrict wi = wb + c * 18;
                                        __builtin_prefetch(wi + 288, 0, 2);
                                        __builtin_prefetch(wi + 304, 0, 2);
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
                                        {
                                            const cnnc_v8 x0 = ((const cnnc_v8 *)(xi + 1))[0];
                                            const cnnc_v8 x1 = ((const cnnc_v8 *)(xi + 9))[0];
                                            const float w0 = wi[6];
                                            a0_0 += x0 * w0;
                                            a0_1 += x1 * w0;
                                            const float w1 = wi[7];
                                            a1_0 += x0 * w1;
                                            a1_1 += x1 * w1;
                                            const float w2 = wi[8];
                                            a2_0 += x0 * w2;
                                            a2_1 += x1 * w2;
                                            const float w3 = wi[9];
                                            a3_0 += x0 * w3;
                                            a3_1 += x1 * w3;
                                            const float w4 = wi[10];
                                            a4_0 += x0 * w4;
                                            a4_1 += x1 * w4;
                                            const float w5 = wi[11];
                                            a5_0 += x0 * w5;
                                            a5_1 += x1 * w5;
                                        }
                                        {
                                            const cnnc_v8 x0 = ((const cnnc_v8 *)(xi + 2))[0];
                                            const cnnc_v8 x1 = ((const cnnc_v8 *)(xi + 10))[0];
                                            const float w0 = wi[12];
                                            a0_0 += x0 * w0;
                                            a0_1 += x1 * w0;
                                            const float w1 = wi[13];
                                            a1_0 += x0 * w1;
                                            a1_1 += x1 * w1;
                                            const float w2 = wi[14];
                                            a2_0 += x0 * w2;
                                            a2_1 += x1 * w2;
                                            const float w3 = wi[15];
                                            a3_0 += x0 * w3;
                                            a3_1 += x1 * w3;
                                            const float w4 = wi[16];
                                            a4_0 += x0 * w4;
                                            a4_1 += x1 * w4;
                                            const float w5 = wi[17];
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
                                    cnnc_v8 a0_0 = cnnc_splat8(0.0f);
                                    cnnc_v8 a0_1 = cnnc_splat8(0.0f);
                                    cnnc_v8 a1_0 = cnnc_splat8(0.0f);
                                    cnnc_v8 a1_1 = cnnc_splat8(0.0f);
                                    cnnc_v8 a2_0 = cnnc_splat8(0.0f);
                                    cnnc_v8 a2_1 = cnnc_splat8(0.0f);
                                    cnnc_v8 a3_0 = cnnc_splat8(0.0f);
                                    cnnc_v8 a3_1 = cnnc_splat8(0.0f);
                                    for (int64_t c = 0; c < 16; c++) {
                                        const float *restrict xi = xs + tt + c * 20;
                                        const float *restrict wi = wb + c * 12;
                                        __builtin_prefetch(wi + 192, 0, 2);
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
                                        {
                                            const cnnc_v8 x0 = ((const cnnc_v8 *)(xi + 1))[0];
                                            const cnnc_v8 x1 = ((const cnnc_v8 *)(xi + 9))[0];
                                            const float w0 = wi[4];
                                            a0_0 += x0 * w0;
                                            a0_1 += x1 * w0;
                                            const float w1 = wi[5];
                                            a1_0 += x0 * w1;
                                            a1_1 += x1 * w1;
                                            const float w2 = wi[6];
                                            a2_0 += x0 * w2;
                                            a2_1 += x1 * w2;
                                            const float w3 = wi[7];
                                            a3_0 += x0 * w3;
                                            a3_1 += x1 * w3;
                                        }
                                        {
                                            const cnnc_v8 x0 = ((const cnnc_v8 *)(xi + 2))[0];
                                            const cnnc_v8 x1 = ((const cnnc_v8 *)(xi + 10))[0];
                                            const float w0 = wi[8];
                                            a0_0 += x0 * w0;
                                            a0_1 += x1 * w0;
                                            const float w1 = wi[9];
                                            a1_0 += x0 * w1;
                                            a1_1 += x1 * w1;
                                            const float w2 = wi[10];
                                            a2_0 += x0 * w2;
                                            a2_1 += x1 * w2;
                                            const float w3 = wi[11];
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
                    }
                    for (int64_t j = 0; j < width; j++) {
                        for (int64_t ty = ty0; ty < ty1; ty++) {
                            const float *restrict p = planes + j * 16 + (ty - ty0) * 10;
                            if (ty * 4 < 8) {
                                float *restrict dst = out + ((b * 16 + (blk * 6 + j)) * 8 + ty * 4) * 8;
                                for (int64_t ow = 0; ow < 8; ow++) {
                                    float v = bb[j] + p[ow] + p[96 + ow] + p[192 + ow] + p[288 + ow] + p[384 + ow];
                                    v = (v < 0.0f ? 0.0f : v);
                                    dst[ow] = v;
                                }
                            }
                            if (ty * 4 + 1 < 8) {
                                float *restrict dst = out + ((b * 16 + (blk * 6 + j)) * 8 + (ty * 4 + 1)) * 8;
                                for (int64_t ow = 0; ow < 8; ow++) {
                                    float v = bb[j] + p[96 + ow] - p[192 + ow] + 2.0f * p[288 + ow] - 2.0f * p[384 + ow];
                                    v = (v < 0.0f ? 0.0f : v);
                                    dst[ow] = v;
                                }
                            }
                            if (ty * 4 + 2 < 8) {
                                float *restrict dst = out + ((b * 16 + (blk * 6 + j)) * 8 + (ty * 4 + 2)) * 8;
                                for (int64_t ow = 0; ow < 8; ow++) {
                                    float v = bb[j] + p[96 + ow] + p[192 + ow] + 4.0f * p[288 + ow] + 4.0f * p[384 + ow];
                                    v = (v < 0.0f ? 0.0f : v);
                                    dst[ow] = v;
                                }
                            }
                            if (ty * 4 + 3 < 8) {
                                float *restrict dst = out + ((b * 16 + (blk * 6 + j)) * 8 + (ty * 4 + 3)) * 8;
                                for (int64_t ow = 0; ow < 8; ow++) {
                                    float v = bb[j] + p[96 + ow] - p[192 + ow] + 8.0f * p[288 + ow] - 8.0f * p[384 + ow] + p[480 + ow];
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
