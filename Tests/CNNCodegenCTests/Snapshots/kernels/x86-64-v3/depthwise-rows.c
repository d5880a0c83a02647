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

static void k2_conv(int64_t n, int nt, const float *restrict wts, const float *restrict in0, float *restrict out) {
    /* conv2d [conv + act]: [16, 8, 8] -> [16, 8, 8] */
    const float *restrict w = wts;
    const float *restrict bias = wts + 144;
    if (nt > 1) {
#pragma omp parallel for collapse(2) schedule(static) num_threads(nt) if(n >= 1)
        for (int64_t b = 0; b < n; b++) {
            for (int64_t g = 0; g < 16; g++) {
                const int64_t blk = 0;
                float local[175] __attribute__((aligned(64)));
                {
                    const float *restrict src = in0 + (b * 16 + g) * 64;
                    float *restrict dst = local;
                    for (int64_t rh = 0; rh < 1; rh++) {
                        for (int64_t i = 0; i < 10; i++) {
                            {
                                const int64_t ih = i + rh - 1;
                                float *restrict row = dst + (rh * 10 + i) * 10;
                                if (ih < 0 || ih >= 8) {
                                    for (int64_t j = 0; j < 10; j++) {
                                        row[j] = 0.0f;
                                    }
                                } else {
                                    const float *restrict line = src + ih * 8 - 1;
                                    for (int64_t j = 0; j < 1; j++) {
                                        row[j] = 0.0f;
                                    }
                                    memcpy(row + 1, line + 1, (size_t)8 * sizeof(float));
                                    for (int64_t j = 9; j < 10; j++) {
                                        row[j] = 0.0f;
                                    }
                                }
                            }
                        }
                    }
                }
                for (int64_t i = 100; i < 175; i++) {
                    local[i] = 0.0f;
                }
                for (int64_t ch = 0; ch < 1; ch++) {
                    const int64_t width = cnnc_min(1, 1 - blk);
                    const float *restrict xs = local;
                    const float *restrict wb = w + g * 9 + blk * 9;
                    const float *restrict bb = bias + g + blk;
                    float wt[120] __attribute__((aligned(64)));
                    for (int64_t i = 112; i < 120; i++) {
                        wt[i] = 0.0f;
                    }
                    const int64_t q0 = ch * 80;
                    const int64_t q1 = cnnc_min(q0 + 80, 80);
                    for (int64_t tt = q0; tt < q1; tt += 56) {
                        if (width == 1) {
                            {
                                cnnc_v8 a0_0 = cnnc_splat8(bb[0]);
                                cnnc_v8 a0_1 = cnnc_splat8(bb[0]);
                                cnnc_v8 a0_2 = cnnc_splat8(bb[0]);
                                cnnc_v8 a0_3 = cnnc_splat8(bb[0]);
                                cnnc_v8 a0_4 = cnnc_splat8(bb[0]);
                                cnnc_v8 a0_5 = cnnc_splat8(bb[0]);
                                cnnc_v8 a0_6 = cnnc_splat8(bb[0]);
                                for (int64_t c = 0; c < 1; c++) {
                                    const float *restrict xi = xs + tt + c * 100;
                                    const float *restrict wi = wb + c * 9;
                                    {
                                        const cnnc_v8 x0 = ((const cnnc_v8 *)xi)[0];
                                        const cnnc_v8 x1 = ((const cnnc_v8 *)(xi + 8))[0];
                                        const cnnc_v8 x2 = ((const cnnc_v8 *)(xi + 16))[0];
                                        const cnnc_v8 x3 = ((const cnnc_v8 *)(xi + 24))[0];
                                        const cnnc_v8 x4 = ((const cnnc_v8 *)(xi + 32))[0];
                                        const cnnc_v8 x5 = ((const cnnc_v8 *)(xi + 40))[0];
                                        const cnnc_v8 x6 = ((const cnnc_v8 *)(xi + 48))[0];
                                        const float w0 = wi[0];
                                        a0_0 += x0 * w0;
                                        a0_1 += x1 * w0;
                                        a0_2 += x2 * w0;
                                        a0_3 += x3 * w0;
                                        a0_4 += x4 * w0;
                                        a0_5 += x5 * w0;
                                        a0_6 += x6 * w0;
                                    }
                                    {
                                        const cnnc_v8 x0 = ((const cnnc_v8 *)(xi + 1))[0];
                                        const cnnc_v8 x1 = ((const cnnc_v8 *)(xi + 9))[0];
                                        const cnnc_v8 x2 = ((const cnnc_v8 *)(xi + 17))[0];
                                        const cnnc_v8 x3 = ((const cnnc_v8 *)(xi + 25))[0];
                                        const cnnc_v8 x4 = ((const cnnc_v8 *)(xi + 33))[0];
                                        const cnnc_v8 x5 = ((const cnnc_v8 *)(xi + 41))[0];
                                        const cnnc_v8 x6 = ((const cnnc_v8 *)(xi + 49))[0];
                                        const float w0 = wi[1];
                                        a0_0 += x0 * w0;
                                        a0_1 += x1 * w0;
                                        a0_2 += x2 * w0;
                                        a0_3 += x3 * w0;
                                        a0_4 += x4 * w0;
                                        a0_5 += x5 * w0;
                                        a0_6 += x6 * w0;
                                    }
                                    {
                                        const cnnc_v8 x0 = ((const cnnc_v8 *)(xi + 2))[0];
                                        const cnnc_v8 x1 = ((const cnnc_v8 *)(xi + 10))[0];
                                        const cnnc_v8 x2 = ((const cnnc_v8 *)(xi + 18))[0];
                                        const cnnc_v8 x3 = ((const cnnc_v8 *)(xi + 26))[0];
                                        const cnnc_v8 x4 = ((const cnnc_v8 *)(xi + 34))[0];
                                        const cnnc_v8 x5 = ((const cnnc_v8 *)(xi + 42))[0];
                                        const cnnc_v8 x6 = ((const cnnc_v8 *)(xi + 50))[0];
                                        const float w0 = wi[2];
                                        a0_0 += x0 * w0;
                                        a0_1 += x1 * w0;
                                        a0_2 += x2 * w0;
                                        a0_3 += x3 * w0;
                                        a0_4 += x4 * w0;
                                        a0_5 += x5 * w0;
                                        a0_6 += x6 * w0;
                                    }
                                    {
                                        const cnnc_v8 x0 = ((const cnnc_v8 *)(xi + 10))[0];
                                        const cnnc_v8 x1 = ((const cnnc_v8 *)(xi + 18))[0];
                                        const cnnc_v8 x2 = ((const cnnc_v8 *)(xi + 26))[0];
                                        const cnnc_v8 x3 = ((const cnnc_v8 *)(xi + 34))[0];
                                        const cnnc_v8 x4 = ((const cnnc_v8 *)(xi + 42))[0];
                                        const cnnc_v8 x5 = ((const cnnc_v8 *)(xi + 50))[0];
                                        const cnnc_v8 x6 = ((const cnnc_v8 *)(xi + 58))[0];
                                        const float w0 = wi[3];
                                        a0_0 += x0 * w0;
                                        a0_1 += x1 * w0;
                                        a0_2 += x2 * w0;
                                        a0_3 += x3 * w0;
                                        a0_4 += x4 * w0;
                                        a0_5 += x5 * w0;
                                        a0_6 += x6 * w0;
                                    }
                                    {
                                        const cnnc_v8 x0 = ((const cnnc_v8 *)(xi + 11))[0];
                                        const cnnc_v8 x1 = ((const cnnc_v8 *)(xi + 19))[0];
                                        const cnnc_v8 x2 = ((const cnnc_v8 *)(xi + 27))[0];
                                        const cnnc_v8 x3 = ((const cnnc_v8 *)(xi + 35))[0];
                                        const cnnc_v8 x4 = ((const cnnc_v8 *)(xi + 43))[0];
                                        const cnnc_v8 x5 = ((const cnnc_v8 *)(xi + 51))[0];
                                        const cnnc_v8 x6 = ((const cnnc_v8 *)(xi + 59))[0];
                                        const float w0 = wi[4];
                                        a0_0 += x0 * w0;
                                        a0_1 += x1 * w0;
                                        a0_2 += x2 * w0;
                                        a0_3 += x3 * w0;
                                        a0_4 += x4 * w0;
                                        a0_5 += x5 * w0;
                                        a0_6 += x6 * w0;
                                    }
                                    {
                                        const cnnc_v8 x0 = ((const cnnc_v8 *)(xi + 12))[0];
                                        const cnnc_v8 x1 = ((const cnnc_v8 *)(xi + 20))[0];
                                        const cnnc_v8 x2 = ((const cnnc_v8 *)(xi + 28))[0];
                                        const cnnc_v8 x3 = ((const cnnc_v8 *)(xi + 36))[0];
                                        const cnnc_v8 x4 = ((const cnnc_v8 *)(xi + 44))[0];
                                        const cnnc_v8 x5 = ((const cnnc_v8 *)(xi + 52))[0];
                                        const cnnc_v8 x6 = ((const cnnc_v8 *)(xi + 60))[0];
                                        const float w0 = wi[5];
                                        a0_0 += x0 * w0;
                                        a0_1 += x1 * w0;
                                        a0_2 += x2 * w0;
                                        a0_3 += x3 * w0;
                                        a0_4 += x4 * w0;
                                        a0_5 += x5 * w0;
                                        a0_6 += x6 * w0;
                                    }
                                    {
                                        const cnnc_v8 x0 = ((const cnnc_v8 *)(xi + 20))[0];
                                        const cnnc_v8 x1 = ((const cnnc_v8 *)(xi + 28))[0];
                                        const cnnc_v8 x2 = ((const cnnc_v8 *)(xi + 36))[0];
                                        const cnnc_v8 x3 = ((const cnnc_v8 *)(xi + 44))[0];
                                        const cnnc_v8 x4 = ((const cnnc_v8 *)(xi + 52))[0];
                                        const cnnc_v8 x5 = ((const cnnc_v8 *)(xi + 60))[0];
                                        const cnnc_v8 x6 = ((const cnnc_v8 *)(xi + 68))[0];
                                        const float w0 = wi[6];
                                        a0_0 += x0 * w0;
                                        a0_1 += x1 * w0;
                                        a0_2 += x2 * w0;
                                        a0_3 += x3 * w0;
                                        a0_4 += x4 * w0;
                                        a0_5 += x5 * w0;
                                        a0_6 += x6 * w0;
                                    }
                                    {
                                        const cnnc_v8 x0 = ((const cnnc_v8 *)(xi + 21))[0];
                                        const cnnc_v8 x1 = ((const cnnc_v8 *)(xi + 29))[0];
                                        const cnnc_v8 x2 = ((const cnnc_v8 *)(xi + 37))[0];
                                        const cnnc_v8 x3 = ((const cnnc_v8 *)(xi + 45))[0];
                                        const cnnc_v8 x4 = ((const cnnc_v8 *)(xi + 53))[0];
                                        const cnnc_v8 x5 = ((const cnnc_v8 *)(xi + 61))[0];
                                        const cnnc_v8 x6 = ((const cnnc_v8 *)(xi + 69))[0];
                                        const float w0 = wi[7];
                                        a0_0 += x0 * w0;
                                        a0_1 += x1 * w0;
                                        a0_2 += x2 * w0;
                                        a0_3 += x3 * w0;
                                        a0_4 += x4 * w0;
                                        a0_5 += x5 * w0;
                                        a0_6 += x6 * w0;
                                    }
                                    {
                                        const cnnc_v8 x0 = ((const cnnc_v8 *)(xi + 22))[0];
                                        const cnnc_v8 x1 = ((const cnnc_v8 *)(xi + 30))[0];
                                        const cnnc_v8 x2 = ((const cnnc_v8 *)(xi + 38))[0];
                                        const cnnc_v8 x3 = ((const cnnc_v8 *)(xi + 46))[0];
                                        const cnnc_v8 x4 = ((const cnnc_v8 *)(xi + 54))[0];
                                        const cnnc_v8 x5 = ((const cnnc_v8 *)(xi + 62))[0];
                                        const cnnc_v8 x6 = ((const cnnc_v8 *)(xi + 70))[0];
                                        const float w0 = wi[8];
                                        a0_0 += x0 * w0;
                                        a0_1 += x1 * w0;
                                        a0_2 += x2 * w0;
                                        a0_3 += x3 * w0;
                                        a0_4 += x4 * w0;
                                        a0_5 += x5 * w0;
                                        a0_6 += x6 * w0;
                                    }
                                }
                                {
                                    cnnc_v8 v = a0_0;
                                    v = cnnc_select8((cnnc_i8)(v < cnnc_splat8(0.0f)), cnnc_splat8(0.0f), v);
                                    ((cnnc_v8 *)(wt + (tt - q0)))[0] = v;
                                }
                                {
                                    cnnc_v8 v = a0_1;
                                    v = cnnc_select8((cnnc_i8)(v < cnnc_splat8(0.0f)), cnnc_splat8(0.0f), v);
                                    ((cnnc_v8 *)(wt + (tt - q0) + 8))[0] = v;
                                }
                                {
                                    cnnc_v8 v = a0_2;
                                    v = cnnc_select8((cnnc_i8)(v < cnnc_splat8(0.0f)), cnnc_splat8(0.0f), v);
                                    ((cnnc_v8 *)(wt + (tt - q0) + 16))[0] = v;
                                }
                                {
                                    cnnc_v8 v = a0_3;
                                    v = cnnc_select8((cnnc_i8)(v < cnnc_splat8(0.0f)), cnnc_splat8(0.0f), v);
                                    ((cnnc_v8 *)(wt + (tt - q0) + 24))[0] = v;
                                }
                                {
                                    cnnc_v8 v = a0_4;
                                    v = cnnc_select8((cnnc_i8)(v < cnnc_splat8(0.0f)), cnnc_splat8(0.0f), v);
                                    ((cnnc_v8 *)(wt + (tt - q0) + 32))[0] = v;
                                }
                                {
                                    cnnc_v8 v = a0_5;
                                    v = cnnc_select8((cnnc_i8)(v < cnnc_splat8(0.0f)), cnnc_splat8(0.0f), v);
                                    ((cnnc_v8 *)(wt + (tt - q0) + 40))[0] = v;
                                }
                                {
                                    cnnc_v8 v = a0_6;
                                    v = cnnc_select8((cnnc_i8)(v < cnnc_splat8(0.0f)), cnnc_splat8(0.0f), v);
                                    ((cnnc_v8 *)(wt + (tt - q0) + 48))[0] = v;
                                }
                            }
                        }
                    }
                    for (int64_t j = 0; j < width; j++) {
#pragma clang loop vectorize(disable)
                        for (int64_t oh = q0 / 10; oh < cnnc_min(8, (q1 + 9) / 10); oh++) {
                            const int64_t lo = cnnc_max(q0 - oh * 10, 0);
                            const int64_t hi = cnnc_min(q1 - oh * 10, 8);
                            const int64_t base = j * 112 + oh * 10 - q0;
                            float *restrict dst = out + (b * 16 + (g + blk + j)) * 64 + oh * 8;
                            if (lo == 0 && hi == 8) {
                                if (oh <= 7) {
                                    {
                                        cnnc_v8 v = ((const cnnc_v8 *)(wt + base))[0];
                                        ((cnnc_v8 *)dst)[0] = v;
                                    }
                                } else {
                                    for (int64_t ow = 0; ow < 8; ow++) {
                                        float v = wt[base + ow];
                                        dst[ow] = v;
                                    }
                                }
                            } else {
                                for (int64_t ow = lo; ow < hi; ow++) {
                                    float v = wt[base + ow];
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
            for (int64_t g = 0; g < 16; g++) {
                const int64_t blk = 0;
                float local[175] __attribute__((aligned(64)));
                {
                    const float *restrict src = in0 + (b * 16 + g) * 64;
                    float *restrict dst = local;
                    for (int64_t rh = 0; rh < 1; rh++) {
                        for (int64_t i = 0; i < 10; i++) {
                            {
                                const int64_t ih = i + rh - 1;
                                float *restrict row = dst + (rh * 10 + i) * 10;
                                if (ih < 0 || ih >= 8) {
                                    for (int64_t j = 0; j < 10; j++) {
                                        row[j] = 0.0f;
                                    }
                                } else {
                                    const float *restrict line = src + ih * 8 - 1;
                                    for (int64_t j = 0; j < 1; j++) {
                                        row[j] = 0.0f;
                                    }
                                    memcpy(row + 1, line + 1, (size_t)8 * sizeof(float));
                                    for (int64_t j = 9; j < 10; j++) {
                                        row[j] = 0.0f;
                                    }
                                }
                            }
                        }
                    }
                }
                for (int64_t i = 100; i < 175; i++) {
                    local[i] = 0.0f;
                }
                for (int64_t ch = 0; ch < 1; ch++) {
                    const int64_t width = cnnc_min(1, 1 - blk);
                    const float *restrict xs = local;
                    const float *restrict wb = w + g * 9 + blk * 9;
                    const float *restrict bb = bias + g + blk;
                    float wt[120] __attribute__((aligned(64)));
                    for (int64_t i = 112; i < 120; i++) {
                        wt[i] = 0.0f;
                    }
                    const int64_t q0 = ch * 80;
                    const int64_t q1 = cnnc_min(q0 + 80, 80);
                    for (int64_t tt = q0; tt < q1; tt += 56) {
                        if (width == 1) {
                            {
                                cnnc_v8 a0_0 = cnnc_splat8(bb[0]);
                                cnnc_v8 a0_1 = cnnc_splat8(bb[0]);
                                cnnc_v8 a0_2 = cnnc_splat8(bb[0]);
                                cnnc_v8 a0_3 = cnnc_splat8(bb[0]);
                                cnnc_v8 a0_4 = cnnc_splat8(bb[0]);
                                cnnc_v8 a0_5 = cnnc_splat8(bb[0]);
                                cnnc_v8 a0_6 = cnnc_splat8(bb[0]);
                                for (int64_t c = 0; c < 1; c++) {
                                    const float *restrict xi = xs + tt + c * 100;
                                    const float *restrict wi = wb + c * 9;
                                    {
                                        const cnnc_v8 x0 = ((const cnnc_v8 *)xi)[0];
                                        const cnnc_v8 x1 = ((const cnnc_v8 *)(xi + 8))[0];
                                        const cnnc_v8 x2 = ((const cnnc_v8 *)(xi + 16))[0];
                                        const cnnc_v8 x3 = ((const cnnc_v8 *)(xi + 24))[0];
                                        const cnnc_v8 x4 = ((const cnnc_v8 *)(xi + 32))[0];
                                        const cnnc_v8 x5 = ((const cnnc_v8 *)(xi + 40))[0];
                                        const cnnc_v8 x6 = ((const cnnc_v8 *)(xi + 48))[0];
                                        const float w0 = wi[0];
                                        a0_0 += x0 * w0;
                                        a0_1 += x1 * w0;
                                        a0_2 += x2 * w0;
                                        a0_3 += x3 * w0;
                                        a0_4 += x4 * w0;
                                        a0_5 += x5 * w0;
                                        a0_6 += x6 * w0;
                                    }
                                    {
                                        const cnnc_v8 x0 = ((const cnnc_v8 *)(xi + 1))[0];
                                        const cnnc_v8 x1 = ((const cnnc_v8 *)(xi + 9))[0];
                                        const cnnc_v8 x2 = ((const cnnc_v8 *)(xi + 17))[0];
                                        const cnnc_v8 x3 = ((const cnnc_v8 *)(xi + 25))[0];
                                        const cnnc_v8 x4 = ((const cnnc_v8 *)(xi + 33))[0];
                                        const cnnc_v8 x5 = ((const cnnc_v8 *)(xi + 41))[0];
                                        const cnnc_v8 x6 = ((const cnnc_v8 *)(xi + 49))[0];
                                        const float w0 = wi[1];
                                        a0_0 += x0 * w0;
                                        a0_1 += x1 * w0;
                                        a0_2 += x2 * w0;
                                        a0_3 += x3 * w0;
                                        a0_4 += x4 * w0;
                                        a0_5 += x5 * w0;
                                        a0_6 += x6 * w0;
                                    }
                                    {
                                        const cnnc_v8 x0 = ((const cnnc_v8 *)(xi + 2))[0];
                                        const cnnc_v8 x1 = ((const cnnc_v8 *)(xi + 10))[0];
                                        const cnnc_v8 x2 = ((const cnnc_v8 *)(xi + 18))[0];
                                        const cnnc_v8 x3 = ((const cnnc_v8 *)(xi + 26))[0];
                                        const cnnc_v8 x4 = ((const cnnc_v8 *)(xi + 34))[0];
                                        const cnnc_v8 x5 = ((const cnnc_v8 *)(xi + 42))[0];
                                        const cnnc_v8 x6 = ((const cnnc_v8 *)(xi + 50))[0];
                                        const float w0 = wi[2];
                                        a0_0 += x0 * w0;
                                        a0_1 += x1 * w0;
                                        a0_2 += x2 * w0;
                                        a0_3 += x3 * w0;
                                        a0_4 += x4 * w0;
                                        a0_5 += x5 * w0;
                                        a0_6 += x6 * w0;
                                    }
                                    {
                                        const cnnc_v8 x0 = ((const cnnc_v8 *)(xi + 10))[0];
                                        const cnnc_v8 x1 = ((const cnnc_v8 *)(xi + 18))[0];
                                        const cnnc_v8 x2 = ((const cnnc_v8 *)(xi + 26))[0];
                                        const cnnc_v8 x3 = ((const cnnc_v8 *)(xi + 34))[0];
                                        const cnnc_v8 x4 = ((const cnnc_v8 *)(xi + 42))[0];
                                        const cnnc_v8 x5 = ((const cnnc_v8 *)(xi + 50))[0];
                                        const cnnc_v8 x6 = ((const cnnc_v8 *)(xi + 58))[0];
                                        const float w0 = wi[3];
                                        a0_0 += x0 * w0;
                                        a0_1 += x1 * w0;
                                        a0_2 += x2 * w0;
                                        a0_3 += x3 * w0;
                                        a0_4 += x4 * w0;
                                        a0_5 += x5 * w0;
                                        a0_6 += x6 * w0;
                                    }
                                    {
                                        const cnnc_v8 x0 = ((const cnnc_v8 *)(xi + 11))[0];
                                        const cnnc_v8 x1 = ((const cnnc_v8 *)(xi + 19))[0];
                                        const cnnc_v8 x2 = ((const cnnc_v8 *)(xi + 27))[0];
                                        const cnnc_v8 x3 = ((const cnnc_v8 *)(xi + 35))[0];
                                        const cnnc_v8 x4 = ((const cnnc_v8 *)(xi + 43))[0];
                                        const cnnc_v8 x5 = ((const cnnc_v8 *)(xi + 51))[0];
                                        const cnnc_v8 x6 = ((const cnnc_v8 *)(xi + 59))[0];
                                        const float w0 = wi[4];
                                        a0_0 += x0 * w0;
                                        a0_1 += x1 * w0;
                                        a0_2 += x2 * w0;
                                        a0_3 += x3 * w0;
                                        a0_4 += x4 * w0;
                                        a0_5 += x5 * w0;
                                        a0_6 += x6 * w0;
                                    }
                                    {
                                        const cnnc_v8 x0 = ((const cnnc_v8 *)(xi + 12))[0];
                                        const cnnc_v8 x1 = ((const cnnc_v8 *)(xi + 20))[0];
                                        const cnnc_v8 x2 = ((const cnnc_v8 *)(xi + 28))[0];
                                        const cnnc_v8 x3 = ((const cnnc_v8 *)(xi + 36))[0];
                                        const cnnc_v8 x4 = ((const cnnc_v8 *)(xi + 44))[0];
                                        const cnnc_v8 x5 = ((const cnnc_v8 *)(xi + 52))[0];
                                        const cnnc_v8 x6 = ((const cnnc_v8 *)(xi + 60))[0];
                                        const float w0 = wi[5];
                                        a0_0 += x0 * w0;
                                        a0_1 += x1 * w0;
                                        a0_2 += x2 * w0;
                                        a0_3 += x3 * w0;
                                        a0_4 += x4 * w0;
                                        a0_5 += x5 * w0;
                                        a0_6 += x6 * w0;
                                    }
                                    {
                                        const cnnc_v8 x0 = ((const cnnc_v8 *)(xi + 20))[0];
                                        const cnnc_v8 x1 = ((const cnnc_v8 *)(xi + 28))[0];
                                        const cnnc_v8 x2 = ((const cnnc_v8 *)(xi + 36))[0];
                                        const cnnc_v8 x3 = ((const cnnc_v8 *)(xi + 44))[0];
                                        const cnnc_v8 x4 = ((const cnnc_v8 *)(xi + 52))[0];
                                        const cnnc_v8 x5 = ((const cnnc_v8 *)(xi + 60))[0];
                                        const cnnc_v8 x6 = ((const cnnc_v8 *)(xi + 68))[0];
                                        const float w0 = wi[6];
                                        a0_0 += x0 * w0;
                                        a0_1 += x1 * w0;
                                        a0_2 += x2 * w0;
                                        a0_3 += x3 * w0;
                                        a0_4 += x4 * w0;
                                        a0_5 += x5 * w0;
                                        a0_6 += x6 * w0;
                                    }
                                    {
                                        const cnnc_v8 x0 = ((const cnnc_v8 *)(xi + 21))[0];
                                        const cnnc_v8 x1 = ((const cnnc_v8 *)(xi + 29))[0];
                                        const cnnc_v8 x2 = ((const cnnc_v8 *)(xi + 37))[0];
                                        const cnnc_v8 x3 = ((const cnnc_v8 *)(xi + 45))[0];
                                        const cnnc_v8 x4 = ((const cnnc_v8 *)(xi + 53))[0];
                                        const cnnc_v8 x5 = ((const cnnc_v8 *)(xi + 61))[0];
                                        const cnnc_v8 x6 = ((const cnnc_v8 *)(xi + 69))[0];
                                        const float w0 = wi[7];
                                        a0_0 += x0 * w0;
                                        a0_1 += x1 * w0;
                                        a0_2 += x2 * w0;
                                        a0_3 += x3 * w0;
                                        a0_4 += x4 * w0;
                                        a0_5 += x5 * w0;
                                        a0_6 += x6 * w0;
                                    }
                                    {
                                        const cnnc_v8 x0 = ((const cnnc_v8 *)(xi + 22))[0];
                                        const cnnc_v8 x1 = ((const cnnc_v8 *)(xi + 30))[0];
                                        const cnnc_v8 x2 = ((const cnnc_v8 *)(xi + 38))[0];
                                        const cnnc_v8 x3 = ((const cnnc_v8 *)(xi + 46))[0];
                                        const cnnc_v8 x4 = ((const cnnc_v8 *)(xi + 54))[0];
                                        const cnnc_v8 x5 = ((const cnnc_v8 *)(xi + 62))[0];
                                        const cnnc_v8 x6 = ((const cnnc_v8 *)(xi + 70))[0];
                                        const float w0 = wi[8];
                                        a0_0 += x0 * w0;
                                        a0_1 += x1 * w0;
                                        a0_2 += x2 * w0;
                                        a0_3 += x3 * w0;
                                        a0_4 += x4 * w0;
                                        a0_5 += x5 * w0;
                                        a0_6 += x6 * w0;
                                    }
                                }
                                {
                                    cnnc_v8 v = a0_0;
                                    v = cnnc_select8((cnnc_i8)(v < cnnc_splat8(0.0f)), cnnc_splat8(0.0f), v);
                                    ((cnnc_v8 *)(wt + (tt - q0)))[0] = v;
                                }
                                {
                                    cnnc_v8 v = a0_1;
                                    v = cnnc_select8((cnnc_i8)(v < cnnc_splat8(0.0f)), cnnc_splat8(0.0f), v);
                                    ((cnnc_v8 *)(wt + (tt - q0) + 8))[0] = v;
                                }
                                {
                                    cnnc_v8 v = a0_2;
                                    v = cnnc_select8((cnnc_i8)(v < cnnc_splat8(0.0f)), cnnc_splat8(0.0f), v);
                                    ((cnnc_v8 *)(wt + (tt - q0) + 16))[0] = v;
                                }
                                {
                                    cnnc_v8 v = a0_3;
                                    v = cnnc_select8((cnnc_i8)(v < cnnc_splat8(0.0f)), cnnc_splat8(0.0f), v);
                                    ((cnnc_v8 *)(wt + (tt - q0) + 24))[0] = v;
                                }
                                {
                                    cnnc_v8 v = a0_4;
                                    v = cnnc_select8((cnnc_i8)(v < cnnc_splat8(0.0f)), cnnc_splat8(0.0f), v);
                                    ((cnnc_v8 *)(wt + (tt - q0) + 32))[0] = v;
                                }
                                {
                                    cnnc_v8 v = a0_5;
                                    v = cnnc_select8((cnnc_i8)(v < cnnc_splat8(0.0f)), cnnc_splat8(0.0f), v);
                                    ((cnnc_v8 *)(wt + (tt - q0) + 40))[0] = v;
                                }
                                {
                                    cnnc_v8 v = a0_6;
                                    v = cnnc_select8((cnnc_i8)(v < cnnc_splat8(0.0f)), cnnc_splat8(0.0f), v);
                                    ((cnnc_v8 *)(wt + (tt - q0) + 48))[0] = v;
                                }
                            }
                        }
                    }
                    for (int64_t j = 0; j < width; j++) {
#pragma clang loop vectorize(disable)
                        for (int64_t oh = q0 / 10; oh < cnnc_min(8, (q1 + 9) / 10); oh++) {
                            const int64_t lo = cnnc_max(q0 - oh * 10, 0);
                            const int64_t hi = cnnc_min(q1 - oh * 10, 8);
                            const int64_t base = j * 112 + oh * 10 - q0;
                            float *restrict dst = out + (b * 16 + (g + blk + j)) * 64 + oh * 8;
                            if (lo == 0 && hi == 8) {
                                if (oh <= 7) {
                                    {
                                        cnnc_v8 v = ((const cnnc_v8 *)(wt + base))[0];
                                        ((cnnc_v8 *)dst)[0] = v;
                                    }
                                } else {
                                    for (int64_t ow = 0; ow < 8; ow++) {
                                        float v = wt[base + ow];
                                        dst[ow] = v;
                                    }
                                }
                            } else {
                                for (int64_t ow = lo; ow < hi; ow++) {
                                    float v = wt[base + ow];
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
