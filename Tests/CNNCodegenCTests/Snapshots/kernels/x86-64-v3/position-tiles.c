static void k1_pre(int64_t n, int nt, const float *restrict wts, const float *restrict in0, float *restrict out) {
    /* relu [pre]: [4, 8, 8] -> [4, 8, 8] */
    if (nt > 1) {
#pragma omp parallel for schedule(static) num_threads(nt) if(n >= 128)
        for (int64_t i = 0; i < n * 256; i++) {
            float v = in0[i];
            out[i] = (v < 0.0f ? 0.0f : v);
        }
    } else {
        for (int64_t i = 0; i < n * 256; i++) {
            float v = in0[i];
            out[i] = (v < 0.0f ? 0.0f : v);
        }
    }
}

static void k2_conv(int64_t n, int nt, const float *restrict wts, const float *restrict in0, float *restrict out, float *restrict scratch) {
    /* conv2d [conv + act + pool]: [4, 8, 8] -> [8, 4, 4] */
    const float *restrict w = wts;
    const float *restrict bias = wts + 288;
    if (nt > 1) {
#pragma omp parallel for collapse(2) schedule(static) num_threads(nt) if(n >= 34)
        for (int64_t b = 0; b < n; b++) {
            for (int64_t c = 0; c < 4; c++) {
                {
                    const float *restrict src = in0 + (b * 4 + c) * 64;
                    float *restrict dst = scratch + (b * 4 + c) * 240;
                    for (int64_t rh = 0; rh < 1; rh++) {
                        for (int64_t i = 0; i < 10; i++) {
                            {
                                const int64_t ih = i + rh - 1;
                                float *restrict row = dst + (rh * 3 * 10 + i) * 8;
                                if (ih < 0 || ih >= 8) {
                                    for (int64_t j = 0; j < 8; j++) {
                                        row[j] = 0.0f;
                                    }
                                } else {
                                    const float *restrict line = src + ih * 8 - 1;
                                    for (int64_t j = 0; j < 1; j++) {
                                        row[j] = 0.0f;
                                    }
                                    memcpy(row + 1, line + 1, (size_t)7 * sizeof(float));
                                    for (int64_t j = 8; j < 8; j++) {
                                        row[j] = 0.0f;
                                    }
                                }
                            }
                            {
                                const int64_t ih = i + rh - 1;
                                float *restrict row = dst + ((rh * 3 + 1) * 10 + i) * 8;
                                if (ih < 0 || ih >= 8) {
                                    for (int64_t j = 0; j < 8; j++) {
                                        row[j] = 0.0f;
                                    }
                                } else {
                                    const float *restrict line = src + ih * 8 + 1 - 1;
                                    for (int64_t j = 0; j < 0; j++) {
                                        row[j] = 0.0f;
                                    }
                                    memcpy(row, line, (size_t)8 * sizeof(float));
                                    for (int64_t j = 8; j < 8; j++) {
                                        row[j] = 0.0f;
                                    }
                                }
                            }
                            {
                                const int64_t ih = i + rh - 1;
                                float *restrict row = dst + ((rh * 3 + 2) * 10 + i) * 8;
                                if (ih < 0 || ih >= 8) {
                                    for (int64_t j = 0; j < 8; j++) {
                                        row[j] = 0.0f;
                                    }
                                } else {
                                    const float *restrict line = src + ih * 8 + 2 - 1;
                                    for (int64_t j = 0; j < 0; j++) {
                                        row[j] = 0.0f;
                                    }
                                    memcpy(row, line, (size_t)7 * sizeof(float));
                                    for (int64_t j = 7; j < 8; j++) {
                                        row[j] = 0.0f;
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    } else {
        for (int64_t b = 0; b < n; b++) {
            for (int64_t c = 0; c < 4; c++) {
                {
                    const float *restrict src = in0 + (b * 4 + c) * 64;
                    float *restrict dst = scratch + (b * 4 + c) * 240;
                    for (int64_t rh = 0; rh < 1; rh++) {
                        for (int64_t i = 0; i < 10; i++) {
                            {
                                const int64_t ih = i + rh - 1;
                                float *restrict row = dst + (rh * 3 * 10 + i) * 8;
                                if (ih < 0 || ih >= 8) {
                                    for (int64_t j = 0; j < 8; j++) {
                                        row[j] = 0.0f;
                                    }
                                } else {
                                    const float *restrict line = src + ih * 8 - 1;
                                    for (int64_t j = 0; j < 1; j++) {
                                        row[j] = 0.0f;
                                    }
                                    memcpy(row + 1, line + 1, (size_t)7 * sizeof(float));
                                    for (int64_t j = 8; j < 8; j++) {
                                        row[j] = 0.0f;
                                    }
                                }
                            }
                            {
                                const int64_t ih = i + rh - 1;
                                float *restrict row = dst + ((rh * 3 + 1) * 10 + i) * 8;
                                if (ih < 0 || ih >= 8) {
                                    for (int64_t j = 0; j < 8; j++) {
                                        row[j] = 0.0f;
                                    }
                                } else {
                                    const float *restrict line = src + ih * 8 + 1 - 1;
                                    for (int64_t j = 0; j < 0; j++) {
                                        row[j] = 0.0f;
                                    }
                                    memcpy(row, line, (size_t)8 * sizeof(float));
                                    for (int64_t j = 8; j < 8; j++) {
                                        row[j] = 0.0f;
                                    }
                                }
                            }
                            {
                                const int64_t ih = i + rh - 1;
                                float *restrict row = dst + ((rh * 3 + 2) * 10 + i) * 8;
                                if (ih < 0 || ih >= 8) {
                                    for (int64_t j = 0; j < 8; j++) {
                                        row[j] = 0.0f;
                                    }
                                } else {
                                    const float *restrict line = src + ih * 8 + 2 - 1;
                                    for (int64_t j = 0; j < 0; j++) {
                                        row[j] = 0.0f;
                                    }
                                    memcpy(row, line, (size_t)7 * sizeof(float));
                                    for (int64_t j = 7; j < 8; j++) {
                                        row[j] = 0.0f;
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
    if (nt > 1) {
#pragma omp parallel for collapse(4) schedule(static) num_threads(nt) if(n >= 1)
        for (int64_t b = 0; b < n; b++) {
            for (int64_t g = 0; g < 1; g++) {
                for (int64_t blk = 0; blk < 2; blk++) {
                    for (int64_t ch = 0; ch < 4; ch++) {
                        const int64_t width = cnnc_min(4, 8 - blk * 4);
                        const float *restrict xs = scratch + (b * 4 + g * 4) * 240;
                        const float *restrict wb = w + g * 288 + blk * 144;
                        const float *restrict bb = bias + g * 8 + blk * 4;
                        float wt[128] __attribute__((aligned(64)));
                        const int64_t r0 = ch * 2;
                        const int64_t rlo = cnnc_max(r0, 0);
                        const int64_t rhi = cnnc_min(r0 + 2, 8);
                        const int64_t q0 = rlo * 8;
                        const int64_t q1 = rhi * 8;
                        for (int64_t tt = q0; tt < q1; tt += 16) {
                            if (width == 4) {
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
                                        const float *restrict xi = xs + tt + c * 240;
                                        const float *restrict wi = wb + c * 36;
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
                                            const cnnc_v8 x0 = ((const cnnc_v8 *)(xi + 80))[0];
                                            const cnnc_v8 x1 = ((const cnnc_v8 *)(xi + 88))[0];
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
                                            const cnnc_v8 x0 = ((const cnnc_v8 *)(xi + 160))[0];
                                            const cnnc_v8 x1 = ((const cnnc_v8 *)(xi + 168))[0];
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
                                        {
                                            const cnnc_v8 x0 = ((const cnnc_v8 *)(xi + 8))[0];
                                            const cnnc_v8 x1 = ((const cnnc_v8 *)(xi + 16))[0];
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
                                        }
                                        {
                                            const cnnc_v8 x0 = ((const cnnc_v8 *)(xi + 88))[0];
                                            const cnnc_v8 x1 = ((const cnnc_v8 *)(xi + 96))[0];
                                            const float w0 = wi[16];
                                            a0_0 += x0 * w0;
                                            a0_1 += x1 * w0;
                                            const float w1 = wi[17];
                                            a1_0 += x0 * w1;
                                            a1_1 += x1 * w1;
                                            const float w2 = wi[18];
                                            a2_0 += x0 * w2;
                                            a2_1 += x1 * w2;
                                            const float w3 = wi[19];
                                            a3_0 += x0 * w3;
                                            a3_1 += x1 * w3;
                                        }
                                        {
                                            const cnnc_v8 x0 = ((const cnnc_v8 *)(xi + 168))[0];
                                            const cnnc_v8 x1 = ((const cnnc_v8 *)(xi + 176))[0];
                                            const float w0 = wi[20];
                                            a0_0 += x0 * w0;
                                            a0_1 += x1 * w0;
                                            const float w1 = wi[21];
                                            a1_0 += x0 * w1;
                                            a1_1 += x1 * w1;
                                            const float w2 = wi[22];
                                            a2_0 += x0 * w2;
                                            a2_1 += x1 * w2;
                                            const float w3 = wi[23];
                                            a3_0 += x0 * w3;
                                            a3_1 += x1 * w3;
                                        }
                                        {
                                            const cnnc_v8 x0 = ((const cnnc_v8 *)(xi + 16))[0];
                                            const cnnc_v8 x1 = ((const cnnc_v8 *)(xi + 24))[0];
                                            const float w0 = wi[24];
                                            a0_0 += x0 * w0;
                                            a0_1 += x1 * w0;
                                            const float w1 = wi[25];
                                            a1_0 += x0 * w1;
                                            a1_1 += x1 * w1;
                                            const float w2 = wi[26];
                                            a2_0 += x0 * w2;
                                            a2_1 += x1 * w2;
                                            const float w3 = wi[27];
                                            a3_0 += x0 * w3;
                                            a3_1 += x1 * w3;
                                        }
                                        {
                                            const cnnc_v8 x0 = ((const cnnc_v8 *)(xi + 96))[0];
                                            const cnnc_v8 x1 = ((const cnnc_v8 *)(xi + 104))[0];
                                            const float w0 = wi[28];
                                            a0_0 += x0 * w0;
                                            a0_1 += x1 * w0;
                                            const float w1 = wi[29];
                                            a1_0 += x0 * w1;
                                            a1_1 += x1 * w1;
                                            const float w2 = wi[30];
                                            a2_0 += x0 * w2;
                                            a2_1 += x1 * w2;
                                            const float w3 = wi[31];
                                            a3_0 += x0 * w3;
                                            a3_1 += x1 * w3;
                                        }
                                        {
                                            const cnnc_v8 x0 = ((const cnnc_v8 *)(xi + 176))[0];
                                            const cnnc_v8 x1 = ((const cnnc_v8 *)(xi + 184))[0];
                                            const float w0 = wi[32];
                                            a0_0 += x0 * w0;
                                            a0_1 += x1 * w0;
                                            const float w1 = wi[33];
                                            a1_0 += x0 * w1;
                                            a1_1 += x1 * w1;
                                            const float w2 = wi[34];
                                            a2_0 += x0 * w2;
                                            a2_1 += x1 * w2;
                                            const float w3 = wi[35];
                                            a3_0 += x0 * w3;
                                            a3_1 += x1 * w3;
                                        }
                                    }
                                    ((cnnc_v8 *)(wt + (tt - q0)))[0] = a0_0;
                                    ((cnnc_v8 *)(wt + (tt - q0) + 8))[0] = a0_1;
                                    ((cnnc_v8 *)(wt + 32 + (tt - q0)))[0] = a1_0;
                                    ((cnnc_v8 *)(wt + 32 + (tt - q0) + 8))[0] = a1_1;
                                    ((cnnc_v8 *)(wt + 64 + (tt - q0)))[0] = a2_0;
                                    ((cnnc_v8 *)(wt + 64 + (tt - q0) + 8))[0] = a2_1;
                                    ((cnnc_v8 *)(wt + 96 + (tt - q0)))[0] = a3_0;
                                    ((cnnc_v8 *)(wt + 96 + (tt - q0) + 8))[0] = a3_1;
                                }
                            }
                        }
                        for (int64_t j = 0; j < width; j++) {
                            float *restrict dst = out + ((b * 8 + (g * 8 + blk * 4 + j)) * 4 + ch) * 4;
                            {
                                cnnc_v4 acc = cnnc_splat4((-INFINITY));
                                for (int64_t r = rlo; r < rhi; r++) {
                                    const float *restrict row = wt + j * 32 + (r - rlo) * 8;
                                    cnnc_v4 s0 = ((const cnnc_v4 *)row)[0];
                                    cnnc_v4 s1 = ((const cnnc_v4 *)(row + 4))[0];
                                    s0 = cnnc_select4((cnnc_i4)(s0 < cnnc_splat4(0.0f)), cnnc_splat4(0.0f), s0);
                                    s1 = cnnc_select4((cnnc_i4)(s1 < cnnc_splat4(0.0f)), cnnc_splat4(0.0f), s1);
                                    const cnnc_v4 x0 = __builtin_shufflevector(s0, s1, 0, 2, 4, 6);
                                    acc = cnnc_select4((cnnc_i4)(x0 > acc), x0, acc);
                                    acc = cnnc_select4((cnnc_i4)(x0 != x0), x0, acc);
                                    const cnnc_v4 x1 = __builtin_shufflevector(s0, s1, 1, 3, 5, 7);
                                    acc = cnnc_select4((cnnc_i4)(x1 > acc), x1, acc);
                                    acc = cnnc_select4((cnnc_i4)(x1 != x1), x1, acc);
                                }
                                ((cnnc_v4 *)dst)[0] = acc;
                            }
                        }
                    }
                }
            }
        }
    } else {
        for (int64_t b = 0; b < n; b++) {
            for (int64_t g = 0; g < 1; g++) {
                for (int64_t blk = 0; blk < 2; blk++) {
                    for (int64_t ch = 0; ch < 4; ch++) {
                        const int64_t width = cnnc_min(4, 8 - blk * 4);
                        const float *restrict xs = scratch + (b * 4 + g * 4) * 240;
                        const float *restrict wb = w + g * 288 + blk * 144;
                        const float *restrict bb = bias + g * 8 + blk * 4;
                        float wt[128] __attribute__((aligned(64)));
                        const int64_t r0 = ch * 2;
                        const int64_t rlo = cnnc_max(r0, 0);
                        const int64_t rhi = cnnc_min(r0 + 2, 8);
                        const int64_t q0 = rlo * 8;
                        const int64_t q1 = rhi * 8;
                        for (int64_t tt = q0; tt < q1; tt += 16) {
                            if (width == 4) {
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
                                        const float *restrict xi = xs + tt + c * 240;
                                        const float *restrict wi = wb + c * 36;
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
                                            const cnnc_v8 x0 = ((const cnnc_v8 *)(xi + 80))[0];
                                            const cnnc_v8 x1 = ((const cnnc_v8 *)(xi + 88))[0];
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
                                            const cnnc_v8 x0 = ((const cnnc_v8 *)(xi + 160))[0];
                                            const cnnc_v8 x1 = ((const cnnc_v8 *)(xi + 168))[0];
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
                                        {
                                            const cnnc_v8 x0 = ((const cnnc_v8 *)(xi + 8))[0];
                                            const cnnc_v8 x1 = ((const cnnc_v8 *)(xi + 16))[0];
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
                                        }
                                        {
                                            const cnnc_v8 x0 = ((const cnnc_v8 *)(xi + 88))[0];
                                            const cnnc_v8 x1 = ((const cnnc_v8 *)(xi + 96))[0];
                                            const float w0 = wi[16];
                                            a0_0 += x0 * w0;
                                            a0_1 += x1 * w0;
                                            const float w1 = wi[17];
                                            a1_0 += x0 * w1;
                                            a1_1 += x1 * w1;
                                            const float w2 = wi[18];
                                            a2_0 += x0 * w2;
                                            a2_1 += x1 * w2;
                                            const float w3 = wi[19];
                                            a3_0 += x0 * w3;
                                            a3_1 += x1 * w3;
                                        }
                                        {
                                            const cnnc_v8 x0 = ((const cnnc_v8 *)(xi + 168))[0];
                                            const cnnc_v8 x1 = ((const cnnc_v8 *)(xi + 176))[0];
                                            const float w0 = wi[20];
                                            a0_0 += x0 * w0;
                                            a0_1 += x1 * w0;
                                            const float w1 = wi[21];
                                            a1_0 += x0 * w1;
                                            a1_1 += x1 * w1;
                                            const float w2 = wi[22];
                                            a2_0 += x0 * w2;
                                            a2_1 += x1 * w2;
                                            const float w3 = wi[23];
                                            a3_0 += x0 * w3;
                                            a3_1 += x1 * w3;
                                        }
                                        {
                                            const cnnc_v8 x0 = ((const cnnc_v8 *)(xi + 16))[0];
                                            const cnnc_v8 x1 = ((const cnnc_v8 *)(xi + 24))[0];
                                            const float w0 = wi[24];
                                            a0_0 += x0 * w0;
                                            a0_1 += x1 * w0;
                                            const float w1 = wi[25];
                                            a1_0 += x0 * w1;
                                            a1_1 += x1 * w1;
                                            const float w2 = wi[26];
                                            a2_0 += x0 * w2;
                                            a2_1 += x1 * w2;
                                            const float w3 = wi[27];
                                            a3_0 += x0 * w3;
                                            a3_1 += x1 * w3;
                                        }
                                        {
                                            const cnnc_v8 x0 = ((const cnnc_v8 *)(xi + 96))[0];
                                            const cnnc_v8 x1 = ((const cnnc_v8 *)(xi + 104))[0];
                                            const float w0 = wi[28];
                                            a0_0 += x0 * w0;
                                            a0_1 += x1 * w0;
                                            const float w1 = wi[29];
                                            a1_0 += x0 * w1;
                                            a1_1 += x1 * w1;
                                            const float w2 = wi[30];
                                            a2_0 += x0 * w2;
                                            a2_1 += x1 * w2;
                                            const float w3 = wi[31];
                                            a3_0 += x0 * w3;
                                            a3_1 += x1 * w3;
                                        }
                                        {
                                            const cnnc_v8 x0 = ((const cnnc_v8 *)(xi + 176))[0];
                                            const cnnc_v8 x1 = ((const cnnc_v8 *)(xi + 184))[0];
                                            const float w0 = wi[32];
                                            a0_0 += x0 * w0;
                                            a0_1 += x1 * w0;
                                            const float w1 = wi[33];
                                            a1_0 += x0 * w1;
                                            a1_1 += x1 * w1;
                                            const float w2 = wi[34];
                                            a2_0 += x0 * w2;
                                            a2_1 += x1 * w2;
                                            const float w3 = wi[35];
                                            a3_0 += x0 * w3;
                                            a3_1 += x1 * w3;
                                        }
                                    }
                                    ((cnnc_v8 *)(wt + (tt - q0)))[0] = a0_0;
                                    ((cnnc_v8 *)(wt + (tt - q0) + 8))[0] = a0_1;
                                    ((cnnc_v8 *)(wt + 32 + (tt - q0)))[0] = a1_0;
                                    ((cnnc_v8 *)(wt + 32 + (tt - q0) + 8))[0] = a1_1;
                                    ((cnnc_v8 *)(wt + 64 + (tt - q0)))[0] = a2_0;
                                    ((cnnc_v8 *)(wt + 64 + (tt - q0) + 8))[0] = a2_1;
                                    ((cnnc_v8 *)(wt + 96 + (tt - q0)))[0] = a3_0;
                                    ((cnnc_v8 *)(wt + 96 + (tt - q0) + 8))[0] = a3_1;
                                }
                            }
                        }
                        for (int64_t j = 0; j < width; j++) {
                            float *restrict dst = out + ((b * 8 + (g * 8 + blk * 4 + j)) * 4 + ch) * 4;
                            {
                                cnnc_v4 acc = cnnc_splat4((-INFINITY));
                                for (int64_t r = rlo; r < rhi; r++) {
                                    const float *restrict row = wt + j * 32 + (r - rlo) * 8;
                                    cnnc_v4 s0 = ((const cnnc_v4 *)row)[0];
                                    cnnc_v4 s1 = ((const cnnc_v4 *)(row + 4))[0];
                                    s0 = cnnc_select4((cnnc_i4)(s0 < cnnc_splat4(0.0f)), cnnc_splat4(0.0f), s0);
                                    s1 = cnnc_select4((cnnc_i4)(s1 < cnnc_splat4(0.0f)), cnnc_splat4(0.0f), s1);
                                    const cnnc_v4 x0 = __builtin_shufflevector(s0, s1, 0, 2, 4, 6);
                                    acc = cnnc_select4((cnnc_i4)(x0 > acc), x0, acc);
                                    acc = cnnc_select4((cnnc_i4)(x0 != x0), x0, acc);
                                    const cnnc_v4 x1 = __builtin_shufflevector(s0, s1, 1, 3, 5, 7);
                                    acc = cnnc_select4((cnnc_i4)(x1 > acc), x1, acc);
                                    acc = cnnc_select4((cnnc_i4)(x1 != x1), x1, acc);
                                }
                                ((cnnc_v4 *)dst)[0] = acc;
                            }
                        }
                    }
                }
            }
        }
    }
}
