static void k1_pre(int64_t n, int nt, const float *restrict wts, const float *restrict in0, float *restrict out) {
    /* relu [pre]: [128, 3, 3] -> [128, 3, 3] */
    if (nt > 1) {
#pragma omp parallel for schedule(static) num_threads(nt) if(n >= 28)
        for (int64_t i = 0; i < n * 1152; i++) {
            float v = in0[i];
            out[i] = (v < 0.0f ? 0.0f : v);
        }
    } else {
        for (int64_t i = 0; i < n * 1152; i++) {
            float v = in0[i];
            out[i] = (v < 0.0f ? 0.0f : v);
        }
    }
}

static void k2_conv(int64_t n, int nt, const float *restrict wts, const float *restrict in0, float *restrict out) {
    /* conv2d [conv + act]: [128, 3, 3] -> [32, 3, 3] */
    /* channel-tiled: 13 positions (across rows) x 2 vectors of 16 channels, 1 blocks */
    const float *restrict w = wts;
    const float *restrict bias = wts + 4096;
    if (nt > 1) {
#pragma omp parallel for collapse(3) schedule(static) num_threads(nt) if(n >= 1)
        for (int64_t b = 0; b < n; b++) {
            for (int64_t blk = 0; blk < 1; blk++) {
                for (int64_t rg = 0; rg < 3; rg++) {
                    const int64_t width = cnnc_min(32, 32 - blk * 32);
                    const float *restrict wb = w + blk * 4096;
                    const float *restrict bb = bias + blk * 32;
                    const int64_t oh0 = rg;
                    const int64_t oh1 = cnnc_min(oh0 + 1, 3);
                    float acc[96] __attribute__((aligned(64)));
                    for (int64_t c0 = 0; c0 < 128; c0 += 128) {
                        const int64_t c1 = cnnc_min(c0 + 128, 128);
                        const int64_t oh = oh0;
                        const float *restrict xs = in0 + b * 1152 + oh * 3;
                        const int64_t span = (oh1 - oh0) * 3;
                        for (int64_t ow0 = 0; ow0 < span - 12; ow0 += 13) {
                            {
                                float *restrict ab = acc + ((oh - oh0) * 3 + ow0) * 32;
                                const float *restrict ib = (c0 == 0 ? bb : ab);
                                const int64_t is = (c0 == 0 ? 0 : 32);
                                cnnc_v16 a0_0 = ((const cnnc_v16 *)ib)[0];
                                cnnc_v16 a1_0 = ((const cnnc_v16 *)(ib + is))[0];
                                cnnc_v16 a2_0 = ((const cnnc_v16 *)(ib + 2 * is))[0];
                                cnnc_v16 a3_0 = ((const cnnc_v16 *)(ib + 3 * is))[0];
                                cnnc_v16 a4_0 = ((const cnnc_v16 *)(ib + 4 * is))[0];
                                cnnc_v16 a5_0 = ((const cnnc_v16 *)(ib + 5 * is))[0];
                                cnnc_v16 a6_0 = ((const cnnc_v16 *)(ib + 6 * is))[0];
                                cnnc_v16 a7_0 = ((const cnnc_v16 *)(ib + 7 * is))[0];
                                cnnc_v16 a8_0 = ((const cnnc_v16 *)(ib + 8 * is))[0];
                                cnnc_v16 a9_0 = ((const cnnc_v16 *)(ib + 9 * is))[0];
                                cnnc_v16 a10_0 = ((const cnnc_v16 *)(ib + 10 * is))[0];
                                cnnc_v16 a11_0 = ((const cnnc_v16 *)(ib + 11 * is))[0];
                                cnnc_v16 a12_0 = ((const cnnc_v16 *)(ib + 12 * is))[0];
                                cnnc_v16 a0_1 = ((const cnnc_v16 *)(ib + 16))[0];
                                cnnc_v16 a1_1 = ((const cnnc_v16 *)(ib + is + 16))[0];
                                cnnc_v16 a2_1 = ((const cnnc_v16 *)(ib + 2 * is + 16))[0];
                                cnnc_v16 a3_1 = ((const cnnc_v16 *)(ib + 3 * is + 16))[0];
                                cnnc_v16 a4_1 = ((const cnnc_v16 *)(ib + 4 * is + 16))[0];
                                cnnc_v16 a5_1 = ((const cnnc_v16 *)(ib + 5 * is + 16))[0];
                                cnnc_v16 a6_1 = ((const cnnc_v16 *)(ib + 6 * is + 16))[0];
                                cnnc_v16 a7_1 = ((const cnnc_v16 *)(ib + 7 * is + 16))[0];
                                cnnc_v16 a8_1 = ((const cnnc_v16 *)(ib + 8 * is + 16))[0];
                                cnnc_v16 a9_1 = ((const cnnc_v16 *)(ib + 9 * is + 16))[0];
                                cnnc_v16 a10_1 = ((const cnnc_v16 *)(ib + 10 * is + 16))[0];
                                cnnc_v16 a11_1 = ((const cnnc_v16 *)(ib + 11 * is + 16))[0];
                                cnnc_v16 a12_1 = ((const cnnc_v16 *)(ib + 12 * is + 16))[0];
                                for (int64_t c = c0; c < c1; c++) {
                                    const float *restrict xi = xs + ow0 + c * 9;
                                    const float *restrict wi = wb + c * 32;
                                    __builtin_prefetch(wi + 4096, 0, 2);
                                    __builtin_prefetch(wi + 4112, 0, 2);
                                    {
                                        const cnnc_v16 w0 = ((const cnnc_v16 *)wi)[0];
                                        const cnnc_v16 w1 = ((const cnnc_v16 *)(wi + 16))[0];
                                        const float x0 = xi[0];
                                        a0_0 += w0 * x0;
                                        a0_1 += w1 * x0;
                                        const float x1 = xi[1];
                                        a1_0 += w0 * x1;
                                        a1_1 += w1 * x1;
                                        const float x2 = xi[2];
                                        a2_0 += w0 * x2;
                                        a2_1 += w1 * x2;
                                        const float x3 = xi[3];
                                        a3_0 += w0 * x3;
                                        a3_1 += w1 * x3;
                                        const float x4 = xi[4];
                                        a4_0 += w0 * x4;
                                        a4_1 += w1 * x4;
                                        const float x5 = xi[5];
                                        a5_0 += w0 * x5;
                                        a5_1 += w1 * x5;
                                        const float x6 = xi[6];
                                        a6_0 += w0 * x6;
                                        a6_1 += w1 * x6;
                                        const float x7 = xi[7];
                                        a7_0 += w0 * x7;
                                        a7_1 += w1 * x7;
                                        const float x8 = xi[8];
                                        a8_0 += w0 * x8;
                                        a8_1 += w1 * x8;
                                        const float x9 = xi[9];
                                        a9_0 += w0 * x9;
                                        a9_1 += w1 * x9;
                                        const float x10 = xi[10];
                                        a10_0 += w0 * x10;
                                        a10_1 += w1 * x10;
                                        const float x11 = xi[11];
                                        a11_0 += w0 * x11;
                                        a11_1 += w1 * x11;
                                        const float x12 = xi[12];
                                        a12_0 += w0 * x12;
                                        a12_1 += w1 * x12;
                                    }
                                }
                                ((cnnc_v16 *)ab)[0] = a0_0;
                                ((cnnc_v16 *)(ab + 16))[0] = a0_1;
                                ((cnnc_v16 *)(ab + 32))[0] = a1_0;
                                ((cnnc_v16 *)(ab + 48))[0] = a1_1;
                                ((cnnc_v16 *)(ab + 64))[0] = a2_0;
                                ((cnnc_v16 *)(ab + 80))[0] = a2_1;
                                ((cnnc_v16 *)(ab + 96))[0] = a3_0;
                                ((cnnc_v16 *)(ab + 112))[0] = a3_1;
                                ((cnnc_v16 *)(ab + 128))[0] = a4_0;
                                ((cnnc_v16 *)(ab + 144))[0] = a4_1;
                                ((cnnc_v16 *)(ab + 160))[0] = a5_0;
                                ((cnnc_v16 *)(ab + 176))[0] = a5_1;
                                ((cnnc_v16 *)(ab + 192))[0] = a6_0;
                                ((cnnc_v16 *)(ab + 208))[0] = a6_1;
                                ((cnnc_v16 *)(ab + 224))[0] = a7_0;
                                ((cnnc_v16 *)(ab + 240))[0] = a7_1;
                                ((cnnc_v16 *)(ab + 256))[0] = a8_0;
                                ((cnnc_v16 *)(ab + 272))[0] = a8_1;
                                ((cnnc_v16 *)(ab + 288))[0] = a9_0;
                                ((cnnc_v16 *)(ab + 304))[0] = a9_1;
                                ((cnnc_v16 *)(ab + 320))[0] = a10_0;
                                ((cnnc_v16 *)(ab + 336))[0] = a10_1;
                                ((cnnc_v16 *)(ab + 352))[0] = a11_0;
                                ((cnnc_v16 *)(ab + 368))[0] = a11_1;
                                ((cnnc_v16 *)(ab + 384))[0] = a12_0;
                                ((cnnc_v16 *)(ab + 400))[0] = a12_1;
                            }
                        }
                        {
                            const int64_t ow0 = 0;
                            float *restrict ab = acc + ((oh - oh0) * 3 + ow0) * 32;
                            const float *restrict ib = (c0 == 0 ? bb : ab);
                            const int64_t is = (c0 == 0 ? 0 : 32);
                            cnnc_v16 a0_0 = ((const cnnc_v16 *)ib)[0];
                            cnnc_v16 a1_0 = ((const cnnc_v16 *)(ib + is))[0];
                            cnnc_v16 a2_0 = ((const cnnc_v16 *)(ib + 2 * is))[0];
                            cnnc_v16 a0_1 = ((const cnnc_v16 *)(ib + 16))[0];
                            cnnc_v16 a1_1 = ((const cnnc_v16 *)(ib + is + 16))[0];
                            cnnc_v16 a2_1 = ((const cnnc_v16 *)(ib + 2 * is + 16))[0];
                            for (int64_t c = c0; c < c1; c++) {
                                const float *restrict xi = xs + ow0 + c * 9;
                                const float *restrict wi = wb + c * 32;
                                __builtin_prefetch(wi + 4096, 0, 2);
                                __builtin_prefetch(wi + 4112, 0, 2);
                                {
                                    const cnnc_v16 w0 = ((const cnnc_v16 *)wi)[0];
                                    const cnnc_v16 w1 = ((const cnnc_v16 *)(wi + 16))[0];
                                    const float x0 = xi[0];
                                    a0_0 += w0 * x0;
                                    a0_1 += w1 * x0;
                                    const float x1 = xi[1];
                                    a1_0 += w0 * x1;
                                    a1_1 += w1 * x1;
                                    const float x2 = xi[2];
                                    a2_0 += w0 * x2;
                                    a2_1 += w1 * x2;
                                }
                            }
                            ((cnnc_v16 *)ab)[0] = a0_0;
                            ((cnnc_v16 *)(ab + 16))[0] = a0_1;
                            ((cnnc_v16 *)(ab + 32))[0] = a1_0;
                            ((cnnc_v16 *)(ab + 48))[0] = a1_1;
                            ((cnnc_v16 *)(ab + 64))[0] = a2_0;
                            ((cnnc_v16 *)(ab + 80))[0] = a2_1;
                        }
                    }
                    for (int64_t i = 0; i < (oh1 - oh0) * 96; i += 16) {
                        cnnc_v16 v = ((const cnnc_v16 *)(acc + i))[0];
                        v = cnnc_select16((cnnc_i16)(v < cnnc_splat16(0.0f)), cnnc_splat16(0.0f), v);
                        ((cnnc_v16 *)(acc + i))[0] = v;
                    }
                    for (int64_t j = 0; j < width; j++) {
                        for (int64_t oh = oh0; oh < oh1; oh++) {
                            float *restrict dst = out + ((b * 32 + blk * 32 + j) * 3 + oh) * 3;
                            {
                                float v = acc[(oh - oh0) * 3 * 32 + j];
                                dst[0] = v;
                            }
                            {
                                float v = acc[((oh - oh0) * 3 + 1) * 32 + j];
                                dst[1] = v;
                            }
                            {
                                float v = acc[((oh - oh0) * 3 + 2) * 32 + j];
                                dst[2] = v;
                            }
                        }
                    }
                }
            }
        }
    } else {
        for (int64_t b = 0; b < n; b++) {
            for (int64_t blk = 0; blk < 1; blk++) {
                for (int64_t rg = 0; rg < 3; rg++) {
                    const int64_t width = cnnc_min(32, 32 - blk * 32);
                    const float *restrict wb = w + blk * 4096;
                    const float *restrict bb = bias + blk * 32;
                    const int64_t oh0 = rg;
                    const int64_t oh1 = cnnc_min(oh0 + 1, 3);
                    float acc[96] __attribute__((aligned(64)));
                    for (int64_t c0 = 0; c0 < 128; c0 += 128) {
                        const int64_t c1 = cnnc_min(c0 + 128, 128);
                        const int64_t oh = oh0;
                        const float *restrict xs = in0 + b * 1152 + oh * 3;
                        const int64_t span = (oh1 - oh0) * 3;
                        for (int64_t ow0 = 0; ow0 < span - 12; ow0 += 13) {
                            {
                                float *restrict ab = acc + ((oh - oh0) * 3 + ow0) * 32;
                                const float *restrict ib = (c0 == 0 ? bb : ab);
                                const int64_t is = (c0 == 0 ? 0 : 32);
                                cnnc_v16 a0_0 = ((const cnnc_v16 *)ib)[0];
                                cnnc_v16 a1_0 = ((const cnnc_v16 *)(ib + is))[0];
                                cnnc_v16 a2_0 = ((const cnnc_v16 *)(ib + 2 * is))[0];
                                cnnc_v16 a3_0 = ((const cnnc_v16 *)(ib + 3 * is))[0];
                                cnnc_v16 a4_0 = ((const cnnc_v16 *)(ib + 4 * is))[0];
                                cnnc_v16 a5_0 = ((const cnnc_v16 *)(ib + 5 * is))[0];
                                cnnc_v16 a6_0 = ((const cnnc_v16 *)(ib + 6 * is))[0];
                                cnnc_v16 a7_0 = ((const cnnc_v16 *)(ib + 7 * is))[0];
                                cnnc_v16 a8_0 = ((const cnnc_v16 *)(ib + 8 * is))[0];
                                cnnc_v16 a9_0 = ((const cnnc_v16 *)(ib + 9 * is))[0];
                                cnnc_v16 a10_0 = ((const cnnc_v16 *)(ib + 10 * is))[0];
                                cnnc_v16 a11_0 = ((const cnnc_v16 *)(ib + 11 * is))[0];
                                cnnc_v16 a12_0 = ((const cnnc_v16 *)(ib + 12 * is))[0];
                                cnnc_v16 a0_1 = ((const cnnc_v16 *)(ib + 16))[0];
                                cnnc_v16 a1_1 = ((const cnnc_v16 *)(ib + is + 16))[0];
                                cnnc_v16 a2_1 = ((const cnnc_v16 *)(ib + 2 * is + 16))[0];
                                cnnc_v16 a3_1 = ((const cnnc_v16 *)(ib + 3 * is + 16))[0];
                                cnnc_v16 a4_1 = ((const cnnc_v16 *)(ib + 4 * is + 16))[0];
                                cnnc_v16 a5_1 = ((const cnnc_v16 *)(ib + 5 * is + 16))[0];
                                cnnc_v16 a6_1 = ((const cnnc_v16 *)(ib + 6 * is + 16))[0];
                                cnnc_v16 a7_1 = ((const cnnc_v16 *)(ib + 7 * is + 16))[0];
                                cnnc_v16 a8_1 = ((const cnnc_v16 *)(ib + 8 * is + 16))[0];
                                cnnc_v16 a9_1 = ((const cnnc_v16 *)(ib + 9 * is + 16))[0];
                                cnnc_v16 a10_1 = ((const cnnc_v16 *)(ib + 10 * is + 16))[0];
                                cnnc_v16 a11_1 = ((const cnnc_v16 *)(ib + 11 * is + 16))[0];
                                cnnc_v16 a12_1 = ((const cnnc_v16 *)(ib + 12 * is + 16))[0];
                                for (int64_t c = c0; c < c1; c++) {
                                    const float *restrict xi = xs + ow0 + c * 9;
                                    const float *restrict wi = wb + c * 32;
                                    __builtin_prefetch(wi + 4096, 0, 2);
                                    __builtin_prefetch(wi + 4112, 0, 2);
                                    {
                                        const cnnc_v16 w0 = ((const cnnc_v16 *)wi)[0];
                                        const cnnc_v16 w1 = ((const cnnc_v16 *)(wi + 16))[0];
                                        const float x0 = xi[0];
                                        a0_0 += w0 * x0;
                                        a0_1 += w1 * x0;
                                        const float x1 = xi[1];
                                        a1_0 += w0 * x1;
                                        a1_1 += w1 * x1;
                                        const float x2 = xi[2];
                                        a2_0 += w0 * x2;
                                        a2_1 += w1 * x2;
                                        const float x3 = xi[3];
                                        a3_0 += w0 * x3;
                                        a3_1 += w1 * x3;
                                        const float x4 = xi[4];
                                        a4_0 += w0 * x4;
                                        a4_1 += w1 * x4;
                                        const float x5 = xi[5];
                                        a5_0 += w0 * x5;
                                        a5_1 += w1 * x5;
                                        const float x6 = xi[6];
                                        a6_0 += w0 * x6;
                                        a6_1 += w1 * x6;
                                        const float x7 = xi[7];
                                        a7_0 += w0 * x7;
                                        a7_1 += w1 * x7;
                                        const float x8 = xi[8];
                                        a8_0 += w0 * x8;
                                        a8_1 += w1 * x8;
                                        const float x9 = xi[9];
                                        a9_0 += w0 * x9;
                                        a9_1 += w1 * x9;
                                        const float x10 = xi[10];
                                        a10_0 += w0 * x10;
                                        a10_1 += w1 * x10;
                                        const float x11 = xi[11];
                                        a11_0 += w0 * x11;
                                        a11_1 += w1 * x11;
                                        const float x12 = xi[12];
                                        a12_0 += w0 * x12;
                                        a12_1 += w1 * x12;
                                    }
                                }
                                ((cnnc_v16 *)ab)[0] = a0_0;
                                ((cnnc_v16 *)(ab + 16))[0] = a0_1;
                                ((cnnc_v16 *)(ab + 32))[0] = a1_0;
                                ((cnnc_v16 *)(ab + 48))[0] = a1_1;
                                ((cnnc_v16 *)(ab + 64))[0] = a2_0;
                                ((cnnc_v16 *)(ab + 80))[0] = a2_1;
                                ((cnnc_v16 *)(ab + 96))[0] = a3_0;
                                ((cnnc_v16 *)(ab + 112))[0] = a3_1;
                                ((cnnc_v16 *)(ab + 128))[0] = a4_0;
                                ((cnnc_v16 *)(ab + 144))[0] = a4_1;
                                ((cnnc_v16 *)(ab + 160))[0] = a5_0;
                                ((cnnc_v16 *)(ab + 176))[0] = a5_1;
                                ((cnnc_v16 *)(ab + 192))[0] = a6_0;
                                ((cnnc_v16 *)(ab + 208))[0] = a6_1;
                                ((cnnc_v16 *)(ab + 224))[0] = a7_0;
                                ((cnnc_v16 *)(ab + 240))[0] = a7_1;
                                ((cnnc_v16 *)(ab + 256))[0] = a8_0;
                                ((cnnc_v16 *)(ab + 272))[0] = a8_1;
                                ((cnnc_v16 *)(ab + 288))[0] = a9_0;
                                ((cnnc_v16 *)(ab + 304))[0] = a9_1;
                                ((cnnc_v16 *)(ab + 320))[0] = a10_0;
                                ((cnnc_v16 *)(ab + 336))[0] = a10_1;
                                ((cnnc_v16 *)(ab + 352))[0] = a11_0;
                                ((cnnc_v16 *)(ab + 368))[0] = a11_1;
                                ((cnnc_v16 *)(ab + 384))[0] = a12_0;
                                ((cnnc_v16 *)(ab + 400))[0] = a12_1;
                            }
                        }
                        {
                            const int64_t ow0 = 0;
                            float *restrict ab = acc + ((oh - oh0) * 3 + ow0) * 32;
                            const float *restrict ib = (c0 == 0 ? bb : ab);
                            const int64_t is = (c0 == 0 ? 0 : 32);
                            cnnc_v16 a0_0 = ((const cnnc_v16 *)ib)[0];
                            cnnc_v16 a1_0 = ((const cnnc_v16 *)(ib + is))[0];
                            cnnc_v16 a2_0 = ((const cnnc_v16 *)(ib + 2 * is))[0];
                            cnnc_v16 a0_1 = ((const cnnc_v16 *)(ib + 16))[0];
                            cnnc_v16 a1_1 = ((const cnnc_v16 *)(ib + is + 16))[0];
                            cnnc_v16 a2_1 = ((const cnnc_v16 *)(ib + 2 * is + 16))[0];
                            for (int64_t c = c0; c < c1; c++) {
                                const float *restrict xi = xs + ow0 + c * 9;
                                const float *restrict wi = wb + c * 32;
                                __builtin_prefetch(wi + 4096, 0, 2);
                                __builtin_prefetch(wi + 4112, 0, 2);
                                {
                                    const cnnc_v16 w0 = ((const cnnc_v16 *)wi)[0];
                                    const cnnc_v16 w1 = ((const cnnc_v16 *)(wi + 16))[0];
                                    const float x0 = xi[0];
                                    a0_0 += w0 * x0;
                                    a0_1 += w1 * x0;
                                    const float x1 = xi[1];
                                    a1_0 += w0 * x1;
                                    a1_1 += w1 * x1;
                                    const float x2 = xi[2];
                                    a2_0 += w0 * x2;
                                    a2_1 += w1 * x2;
                                }
                            }
                            ((cnnc_v16 *)ab)[0] = a0_0;
                            ((cnnc_v16 *)(ab + 16))[0] = a0_1;
                            ((cnnc_v16 *)(ab + 32))[0] = a1_0;
                            ((cnnc_v16 *)(ab + 48))[0] = a1_1;
                            ((cnnc_v16 *)(ab + 64))[0] = a2_0;
                            ((cnnc_v16 *)(ab + 80))[0] = a2_1;
                        }
                    }
                    for (int64_t i = 0; i < (oh1 - oh0) * 96; i += 16) {
                        cnnc_v16 v = ((const cnnc_v16 *)(acc + i))[0];
                        v = cnnc_select16((cnnc_i16)(v < cnnc_splat16(0.0f)), cnnc_splat16(0.0f), v);
                        ((cnnc_v16 *)(acc + i))[0] = v;
                    }
                    for (int64_t j = 0; j < width; j++) {
                        for (int64_t oh = oh0; oh < oh1; oh++) {
                            float *restrict dst = out + ((b * 32 + blk * 32 + j) * 3 + oh) * 3;
                            {
                                float v = acc[(oh - oh0) * 3 * 32 + j];
                                dst[0] = v;
                            }
                            {
                                float v = acc[((oh - oh0) * 3 + 1) * 32 + j];
                                dst[1] = v;
                            }
                            {
                                float v = acc[((oh - oh0) * 3 + 2) * 32 + j];
                                dst[2] = v;
                            }
                        }
                    }
                }
            }
        }
    }
}
