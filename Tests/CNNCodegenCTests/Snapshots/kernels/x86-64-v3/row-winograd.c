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
    /* row Winograd F(4,3): 2 tiles of 4 rows, 6 GEMMs of 16x48, 1 task rows x 6 blocks of 3 */
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
                    float *restrict v = scratch + b * 1960 + c * 20 + ty * 10;
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
                    for (int64_t x = 1920; x < 1960; x++) {
                        scratch[b * 1960 + x] = 0.0f;
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
                    float *restrict v = scratch + b * 1960 + c * 20 + ty * 10;
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
                    for (int64_t x = 1920; x < 1960; x++) {
                        scratch[b * 1960 + x] = 0.0f;
                    }
                }
            }
        }
    }
    if (nt > 1) {
#pragma omp parallel for collapse(3) schedule(static) num_threads(nt) if(n >= 1)
        for (int64_t b = 0; b < n; b++) {
            for (int64_t tc = 0; tc < 1; tc++) {
                for (int64_t blk = 0; blk < 6; blk++) {
                    const int64_t width = cnnc_min(3, 16 - blk * 3);
                    const float *restrict bb = bias + blk * 3;
                    const int64_t g = 0;
                    const int64_t ty0 = tc * 2;
                    const int64_t ty1 = cnnc_min(ty0 + 2, 2);
                    const int64_t q0 = ty0 * 10;
                    const int64_t q1 = ty1 * 10;
                    float planes[432] __attribute__((aligned(64)));
                    for (int64_t xi = 0; xi < 6; xi++) {
                        const float *restrict xs = scratch + b * 1960 + xi * 320;
                        const float *restrict wb = w + xi * 768 + blk * 144;
                        float *restrict wt = planes + xi * 72;
                        for (int64_t tt = q0; tt < q1; tt += 24) {
                            if (width == 3) {
                                {
                                    cnnc_v8 a0_0 = cnnc_splat8(0.0f);
                                    cnnc_v8 a0_1 = cnnc_splat8(0.0f);
                                    cnnc_v8 a0_2 = cnnc_splat8(0.0f);
                                    cnnc_v8 a1_0 = cnnc_splat8(0.0f);
                                    cnnc_v8 a1_1 = cnnc_splat8(0.0f);
                                    cnnc_v8 a1_2 = cnnc_splat8(0.0f);
                                    cnnc_v8 a2_0 = cnnc_splat8(0.0f);
                                    cnnc_v8 a2_1 = cnnc_splat8(0.0f);
                                    cnnc_v8 a2_2 = cnnc_splat8(0.0f);
                                    for (int64_t c = 0; c < 16; c++) {
                                        const float *restrict xi = xs + tt + c * 20;
                                        const float *restrict wi = wb + c * 9;
                                        __builtin_prefetch(wi + 144, 0, 2);
                                        {
                                            const cnnc_v8 x0 = ((const cnnc_v8 *)xi)[0];
                                            const cnnc_v8 x1 = ((const cnnc_v8 *)(xi + 8))[0];
                                            const cnnc_v8 x2 = ((const cnnc_v8 *)(xi + 16))[0];
                                            const float w0 = wi[0];
                                            a0_0 += x0 * w0;
                                            a0_1 += x1 * w0;
                                            a0_2 += x2 * w0;
                                            const float w1 = wi[1];
                                            a1_0 += x0 * w1;
                                            a1_1 += x1 * w1;
                                            a1_2 += x2 * w1;
                                            const float w2 = wi[2];
                                            a2_0 += x0 * w2;
                                            a2_1 += x1 * w2;
                                            a2_2 += x2 * w2;
                                        }
                                        {
                                            const cnnc_v8 x0 = ((const cnnc_v8 *)(xi + 1))[0];
                                            const cnnc_v8 x1 = ((const cnnc_v8 *)(xi + 9))[0];
                                            const cnnc_v8 x2 = ((const cnnc_v8 *)(xi + 17))[0];
                                            const float w0 = wi[3];
                                            a0_0 += x0 * w0;
                                            a0_1 += x1 * w0;
                                            a0_2 += x2 * w0;
                                            const float w1 = wi[4];
                                            a1_0 += x0 * w1;
                                            a1_1 += x1 * w1;
                                            a1_2 += x2 * w1;
                                            const float w2 = wi[5];
                                            a2_0 += x0 * w2;
                                            a2_1 += x1 * w2;
                                            a2_2 += x2 * w2;
                                        }
                                        {
                                            const cnnc_v8 x0 = ((const cnnc_v8 *)(xi + 2))[0];
                                            const cnnc_v8 x1 = ((const cnnc_v8 *)(xi + 10))[0];
                                            const cnnc_v8 x2 = ((const cnnc_v8 *)(xi + 18))[0];
                                            const float w0 = wi[6];
                                            a0_0 += x0 * w0;
                                            a0_1 += x1 * w0;
                                            a0_2 += x2 * w0;
                                            const float w1 = wi[7];
                                            a1_0 += x0 * w1;
                                            a1_1 += x1 * w1;
                                            a1_2 += x2 * w1;
                                            const float w2 = wi[8];
                                            a2_0 += x0 * w2;
                                            a2_1 += x1 * w2;
                                            a2_2 += x2 * w2;
                                        }
                                    }
                                    ((cnnc_v8 *)(wt + (tt - q0)))[0] = a0_0;
                                    ((cnnc_v8 *)(wt + (tt - q0) + 8))[0] = a0_1;
                                    ((cnnc_v8 *)(wt + (tt - q0) + 16))[0] = a0_2;
                                    ((cnnc_v8 *)(wt + 24 + (tt - q0)))[0] = a1_0;
                                    ((cnnc_v8 *)(wt + 24 + (tt - q0) + 8))[0] = a1_1;
                                    ((cnnc_v8 *)(wt + 24 + (tt - q0) + 16))[0] = a1_2;
                                    ((cnnc_v8 *)(wt + 48 + (tt - q0)))[0] = a2_0;
                                    ((cnnc_v8 *)(wt + 48 + (tt - q0) + 8))[0] = a2_1;
                                    ((cnnc_v8 *)(wt + 48 + (tt - q0) + 16))[0] = a2_2;
                                }
                            } else {
                                {
                                    cnnc_v8 a0_0 = cnnc_splat8(0.0f);
                                    cnnc_v8 a0_1 = cnnc_splat8(0.0f);
                                    cnnc_v8 a0_2 = cnnc_splat8(0.0f);
                                    for (int64_t c = 0; c < 16; c++) {
                                        const float *restrict xi = xs + tt + c * 20;
                                        const float *restrict wi = wb + c * 3;
                                        __builtin_prefetch(wi + 48, 0, 2);
                                        {
                                            const cnnc_v8 x0 = ((const cnnc_v8 *)xi)[0];
                                            const cnnc_v8 x1 = ((const cnnc_v8 *)(xi + 8))[0];
                                            const cnnc_v8 x2 = ((const cnnc_v8 *)(xi + 16))[0];
                                            const float w0 = wi[0];
                                            a0_0 += x0 * w0;
                                            a0_1 += x1 * w0;
                                            a0_2 += x2 * w0;
                                        }
                                        {
                                            const cnnc_v8 x0 = ((const cnnc_v8 *)(xi + 1))[0];
                                            const cnnc_v8 x1 = ((const cnnc_v8 *)(xi + 9))[0];
                                            const cnnc_v8 x2 = ((const cnnc_v8 *)(xi + 17))[0];
                                            const float w0 = wi[1];
                                            a0_0 += x0 * w0;
                                            a0_1 += x1 * w0;
                                            a0_2 += x2 * w0;
                                        }
                                        {
                                            const cnnc_v8 x0 = ((const cnnc_v8 *)(xi + 2))[0];
                                            const cnnc_v8 x1 = ((const cnnc_v8 *)(xi + 10))[0];
                                            const cnnc_v8 x2 = ((const cnnc_v8 *)(xi + 18))[0];
                                            const float w0 = wi[2];
                                            a0_0 += x0 * w0;
                                            a0_1 += x1 * w0;
                                            a0_2 += x2 * w0;
                                        }
                                    }
                                    ((cnnc_v8 *)(wt + (tt - q0)))[0] = a0_0;
                                    ((cnnc_v8 *)(wt + (tt - q0) + 8))[0] = a0_1;
                                    ((cnnc_v8 *)(wt + (tt - q0) + 16))[0] = a0_2;
                                }
                            }
                        }
                    }
                    for (int64_t j = 0; j < width; j++) {
                        for (int64_t ty = ty0; ty < ty1; ty++) {
                            const float *restrict p = planes + j * 24 + (ty - ty0) * 10;
                            if (ty * 4 < 8) {
                                float *restrict dst = out + ((b * 16 + (blk * 3 + j)) * 8 + ty * 4) * 8;
                                for (int64_t ow = 0; ow < 8; ow++) {
                                    float v = bb[j] + p[ow] + p[72 + ow] + p[144 + ow] + p[216 + ow] + p[288 + ow];
                                    v = (v < 0.0f ? 0.0f : v);
                                    dst[ow] = v;
                                }
                            }
                            if (ty * 4 + 1 < 8) {
                                float *restrict dst = out + ((b * 16 + (blk * 3 + j)) * 8 + (ty * 4 + 1)) * 8;
                                for (int64_t ow = 0; ow < 8; ow++) {
                                    float v = bb[j] + p[72 + ow] - p[144 + ow] + 2.0f * p[216 + ow] - 2.0f * p[288 + ow];
                                    v = (v < 0.0f ? 0.0f : v);
                                    dst[ow] = v;
                                }
                            }
                            if (ty * 4 + 2 < 8) {
                                float *restrict dst = out + ((b * 16 + (blk * 3 + j)) * 8 + (ty * 4 + 2)) * 8;
                                for (int64_t ow = 0; ow < 8; ow++) {
                                    float v = bb[j] + p[72 + ow] + p[144 + ow] + 4.0f * p[216 + ow] + 4.0f * p[288 + ow];
                                    v = (v < 0.0f ? 0.0f : v);
                                    dst[ow] = v;
                                }
                            }
                            if (ty * 4 + 3 < 8) {
                                float *restrict dst = out + ((b * 16 + (blk * 3 + j)) * 8 + (ty * 4 + 3)) * 8;
                                for (int64_t ow = 0; ow < 8; ow++) {
                                    float v = bb[j] + p[72 + ow] - p[144 + ow] + 8.0f * p[216 + ow] - 8.0f * p[288 + ow] + p[360 + ow];
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
                for (int64_t blk = 0; blk < 6; blk++) {
                    const int64_t width = cnnc_min(3, 16 - blk * 3);
                    const float *restrict bb = bias + blk * 3;
                    const int64_t g = 0;
                    const int64_t ty0 = tc * 2;
                    const int64_t ty1 = cnnc_min(ty0 + 2, 2);
                    const int64_t q0 = ty0 * 10;
                    const int64_t q1 = ty1 * 10;
                    float planes[432] __attribute__((aligned(64)));
                    for (int64_t xi = 0; xi < 6; xi++) {
                        const float *restrict xs = scratch + b * 1960 + xi * 320;
                        const float *restrict wb = w + xi * 768 + blk * 144;
                        float *restrict wt = planes + xi * 72;
                        for (int64_t tt = q0; tt < q1; tt += 24) {
                            if (width == 3) {
                                {
                                    cnnc_v8 a0_0 = cnnc_splat8(0.0f);
                                    cnnc_v8 a0_1 = cnnc_splat8(0.0f);
                                    cnnc_v8 a0_2 = cnnc_splat8(0.0f);
                                    cnnc_v8 a1_0 = cnnc_splat8(0.0f);
                                    cnnc_v8 a1_1 = cnnc_splat8(0.0f);
                                    cnnc_v8 a1_2 = cnnc_splat8(0.0f);
                                    cnnc_v8 a2_0 = cnnc_splat8(0.0f);
                                    cnnc_v8 a2_1 = cnnc_splat8(0.0f);
                                    cnnc_v8 a2_2 = cnnc_splat8(0.0f);
                                    for (int64_t c = 0; c < 16; c++) {
                                        const float *restrict xi = xs + tt + c * 20;
                                        const float *restrict wi = wb + c * 9;
                                        __builtin_prefetch(wi + 144, 0, 2);
                                        {
                                            const cnnc_v8 x0 = ((const cnnc_v8 *)xi)[0];
                                            const cnnc_v8 x1 = ((const cnnc_v8 *)(xi + 8))[0];
                                            const cnnc_v8 x2 = ((const cnnc_v8 *)(xi + 16))[0];
                                            const float w0 = wi[0];
                                            a0_0 += x0 * w0;
                                            a0_1 += x1 * w0;
                                            a0_2 += x2 * w0;
                                            const float w1 = wi[1];
                                            a1_0 += x0 * w1;
                                            a1_1 += x1 * w1;
                                            a1_2 += x2 * w1;
                                            const float w2 = wi[2];
                                            a2_0 += x0 * w2;
                                            a2_1 += x1 * w2;
                                            a2_2 += x2 * w2;
                                        }
                                        {
                                            const cnnc_v8 x0 = ((const cnnc_v8 *)(xi + 1))[0];
                                            const cnnc_v8 x1 = ((const cnnc_v8 *)(xi + 9))[0];
                                            const cnnc_v8 x2 = ((const cnnc_v8 *)(xi + 17))[0];
                                            const float w0 = wi[3];
                                            a0_0 += x0 * w0;
                                            a0_1 += x1 * w0;
                                            a0_2 += x2 * w0;
                                            const float w1 = wi[4];
                                            a1_0 += x0 * w1;
                                            a1_1 += x1 * w1;
                                            a1_2 += x2 * w1;
                                            const float w2 = wi[5];
                                            a2_0 += x0 * w2;
                                            a2_1 += x1 * w2;
                                            a2_2 += x2 * w2;
                                        }
                                        {
                                            const cnnc_v8 x0 = ((const cnnc_v8 *)(xi + 2))[0];
                                            const cnnc_v8 x1 = ((const cnnc_v8 *)(xi + 10))[0];
                                            const cnnc_v8 x2 = ((const cnnc_v8 *)(xi + 18))[0];
                                            const float w0 = wi[6];
                                            a0_0 += x0 * w0;
                                            a0_1 += x1 * w0;
                                            a0_2 += x2 * w0;
                                            const float w1 = wi[7];
                                            a1_0 += x0 * w1;
                                            a1_1 += x1 * w1;
                                            a1_2 += x2 * w1;
                                            const float w2 = wi[8];
                                            a2_0 += x0 * w2;
                                            a2_1 += x1 * w2;
                                            a2_2 += x2 * w2;
                                        }
                                    }
                                    ((cnnc_v8 *)(wt + (tt - q0)))[0] = a0_0;
                                    ((cnnc_v8 *)(wt + (tt - q0) + 8))[0] = a0_1;
                                    ((cnnc_v8 *)(wt + (tt - q0) + 16))[0] = a0_2;
                                    ((cnnc_v8 *)(wt + 24 + (tt - q0)))[0] = a1_0;
                                    ((cnnc_v8 *)(wt + 24 + (tt - q0) + 8))[0] = a1_1;
                                    ((cnnc_v8 *)(wt + 24 + (tt - q0) + 16))[0] = a1_2;
                                    ((cnnc_v8 *)(wt + 48 + (tt - q0)))[0] = a2_0;
                                    ((cnnc_v8 *)(wt + 48 + (tt - q0) + 8))[0] = a2_1;
                                    ((cnnc_v8 *)(wt + 48 + (tt - q0) + 16))[0] = a2_2;
                                }
                            } else {
                                {
                                    cnnc_v8 a0_0 = cnnc_splat8(0.0f);
                                    cnnc_v8 a0_1 = cnnc_splat8(0.0f);
                                    cnnc_v8 a0_2 = cnnc_splat8(0.0f);
                                    for (int64_t c = 0; c < 16; c++) {
                                        const float *restrict xi = xs + tt + c * 20;
                                        const float *restrict wi = wb + c * 3;
                                        __builtin_prefetch(wi + 48, 0, 2);
                                        {
                                            const cnnc_v8 x0 = ((const cnnc_v8 *)xi)[0];
                                            const cnnc_v8 x1 = ((const cnnc_v8 *)(xi + 8))[0];
                                            const cnnc_v8 x2 = ((const cnnc_v8 *)(xi + 16))[0];
                                            const float w0 = wi[0];
                                            a0_0 += x0 * w0;
                                            a0_1 += x1 * w0;
                                            a0_2 += x2 * w0;
                                        }
                                        {
                                            const cnnc_v8 x0 = ((const cnnc_v8 *)(xi + 1))[0];
                                            const cnnc_v8 x1 = ((const cnnc_v8 *)(xi + 9))[0];
                                            const cnnc_v8 x2 = ((const cnnc_v8 *)(xi + 17))[0];
                                            const float w0 = wi[1];
                                            a0_0 += x0 * w0;
                                            a0_1 += x1 * w0;
                                            a0_2 += x2 * w0;
                                        }
                                        {
                                            const cnnc_v8 x0 = ((const cnnc_v8 *)(xi + 2))[0];
                                            const cnnc_v8 x1 = ((const cnnc_v8 *)(xi + 10))[0];
                                            const cnnc_v8 x2 = ((const cnnc_v8 *)(xi + 18))[0];
                                            const float w0 = wi[2];
                                            a0_0 += x0 * w0;
                                            a0_1 += x1 * w0;
                                            a0_2 += x2 * w0;
                                        }
                                    }
                                    ((cnnc_v8 *)(wt + (tt - q0)))[0] = a0_0;
                                    ((cnnc_v8 *)(wt + (tt - q0) + 8))[0] = a0_1;
                                    ((cnnc_v8 *)(wt + (tt - q0) + 16))[0] = a0_2;
                                }
                            }
                        }
                    }
                    for (int64_t j = 0; j < width; j++) {
                        for (int64_t ty = ty0; ty < ty1; ty++) {
                            const float *restrict p = planes + j * 24 + (ty - ty0) * 10;
                            if (ty * 4 < 8) {
                                float *restrict dst = out + ((b * 16 + (blk * 3 + j)) * 8 + ty * 4) * 8;
                                for (int64_t ow = 0; ow < 8; ow++) {
                                    float v = bb[j] + p[ow] + p[72 + ow] + p[144 + ow] + p[216 + ow] + p[288 + ow];
                                    v = (v < 0.0f ? 0.0f : v);
                                    dst[ow] = v;
                                }
                            }
                            if (ty * 4 + 1 < 8) {
                                float *restrict dst = out + ((b * 16 + (blk * 3 + j)) * 8 + (ty * 4 + 1)) * 8;
                                for (int64_t ow = 0; ow < 8; ow++) {
                                    float v = bb[j] + p[72 + ow] - p[144 + ow] + 2.0f * p[216 + ow] - 2.0f * p[288 + ow];
                                    v = (v < 0.0f ? 0.0f : v);
                                    dst[ow] = v;
                                }
                            }
                            if (ty * 4 + 2 < 8) {
                                float *restrict dst = out + ((b * 16 + (blk * 3 + j)) * 8 + (ty * 4 + 2)) * 8;
                                for (int64_t ow = 0; ow < 8; ow++) {
                                    float v = bb[j] + p[72 + ow] + p[144 + ow] + 4.0f * p[216 + ow] + 4.0f * p[288 + ow];
                                    v = (v < 0.0f ? 0.0f : v);
                                    dst[ow] = v;
                                }
                            }
                            if (ty * 4 + 3 < 8) {
                                float *restrict dst = out + ((b * 16 + (blk * 3 + j)) * 8 + (ty * 4 + 3)) * 8;
                                for (int64_t ow = 0; ow < 8; ow++) {
                                    float v = bb[j] + p[72 + ow] - p[144 + ow] + 8.0f * p[216 + ow] - 8.0f * p[288 + ow] + p[360 + ow];
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
