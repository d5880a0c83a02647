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
    /* channel-tiled: 6 positions (across rows) x 2 vectors of 8 channels, 2 blocks */
    const float *restrict w = wts;
    const float *restrict bias = wts + 4096;
    if (nt > 1) {
#pragma omp parallel for collapse(3) schedule(static) num_threads(nt) if(n >= 1)
        for (int64_t b = 0; b < n; b++) {
            for (int64_t rg = 0; rg < 3; rg++) {
                for (int64_t blk = 0; blk < 2; blk++) {
                    const int64_t width = cnnc_min(16, 32 - blk * 16);
                    const float *restrict wb = w + blk * 2048;
                    const float *restrict bb = bias + blk * 16;
                    const int64_t oh0 = rg;
                    const int64_t oh1 = cnnc_min(oh0 + 1, 3);
                    float acc[48] __attribute__((aligned(64)));
                    for (int64_t c0 = 0; c0 < 128; c0 += 64) {
                        const int64_t c1 = cnnc_min(c0 + 64, 128);
                        const int64_t oh = oh0;
                        const float *restrict xs = in0 + b * 1152 + oh * 3;
                        const int64_t span = (oh1 - oh0) * 3;
                        for (int64_t ow0 = 0; ow0 < span - 5; ow0 += 6) {
                            {
                                float *restrict ab = acc + ((oh - oh0) * 3 + ow0) * 16;
                                const float *restrict ib = (c0 == 0 ? bb : ab);
                                const int64_t is = (c0 == 0 ? 0 : 16);
                                cnnc_v8 a0_0 = ((const cnnc_v8 *)ib)[0];
                                cnnc_v8 a1_0 = ((const cnnc_v8 *)(ib + is))[0];
                                cnnc_v8 a2_0 = ((const cnnc_v8 *)(ib + 2 * is))[0];
                                cnnc_v8 a3_0 = ((const cnnc_v8 *)(ib + 3 * is))[0];
                                cnnc_v8 a4_0 = ((const cnnc_v8 *)(ib + 4 * is))[0];
                                cnnc_v8 a5_0 = ((const cnnc_v8 *)(ib + 5 * is))[0];
                                cnnc_v8 a0_1 = ((const cnnc_v8 *)(ib + 8))[0];
                                cnnc_v8 a1_1 = ((const cnnc_v8 *)(ib + is + 8))[0];
                                cnnc_v8 a2_1 = ((const cnnc_v8 *)(ib + 2 * is + 8))[0];
                                cnnc_v8 a3_1 = ((const cnnc_v8 *)(ib + 3 * is + 8))[0];
                                cnnc_v8 a4_1 = ((const cnnc_v8 *)(ib + 4 * is + 8))[0];
                                cnnc_v8 a5_1 = ((const cnnc_v8 *)(ib + 5 * is + 8))[0];
                                for (int64_t c = c0; c < c1; c++) {
                                    const float *restrict xi = xs + ow0 + c * 9;
                                    const float *restrict wi = wb + c * 16;
                                    __builtin_prefetch(wi + 1024, 0, 2);
                                    {
                                        const cnnc_v8 w0 = ((const cnnc_v8 *)wi)[0];
                                        const cnnc_v8 w1 = ((const cnnc_v8 *)(wi + 8))[0];
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
                                    }
                                }
                                ((cnnc_v8 *)ab)[0] = a0_0;
                                ((cnnc_v8 *)(ab + 8))[0] = a0_1;
                                ((cnnc_v8 *)(ab + 16))[0] = a1_0;
                                ((cnnc_v8 *)(ab + 24))[0] = a1_1;
                                ((cnnc_v8 *)(ab + 32))[0] = a2_0;
                                ((cnnc_v8 *)(ab + 40))[0] = a2_1;
                                ((cnnc_v8 *)(ab + 48))[0] = a3_0;
                                ((cnnc_v8 *)(ab + 56))[0] = a3_1;
                                ((cnnc_v8 *)(ab + 64))[0] = a4_0;
                                ((cnnc_v8 *)(ab + 72))[0] = a4_1;
                                ((cnnc_v8 *)(ab + 80))[0] = a5_0;
                                ((cnnc_v8 *)(ab + 88))[0] = a5_1;
                            }
                        }
                        {
                            const int64_t ow0 = 0;
                            float *restrict ab = acc + ((oh - oh0) * 3 + ow0) * 16;
                            const float *restrict ib = (c0 == 0 ? bb : ab);
                            const int64_t is = (c0 == 0 ? 0 : 16);
                            cnnc_v8 a0_0 = ((const cnnc_v8 *)ib)[0];
                            cnnc_v8 a1_0 = ((const cnnc_v8 *)(ib + is))[0];
                            cnnc_v8 a2_0 = ((const cnnc_v8 *)(ib + 2 * is))[0];
                            cnnc_v8 a0_1 = ((const cnnc_v8 *)(ib + 8))[0];
                            cnnc_v8 a1_1 = ((const cnnc_v8 *)(ib + is + 8))[0];
                            cnnc_v8 a2_1 = ((const cnnc_v8 *)(ib + 2 * is + 8))[0];
                            for (int64_t c = c0; c < c1; c++) {
                                const float *restrict xi = xs + ow0 + c * 9;
                                const float *restrict wi = wb + c * 16;
                                __builtin_prefetch(wi + 1024, 0, 2);
                                {
                                    const cnnc_v8 w0 = ((const cnnc_v8 *)wi)[0];
                                    const cnnc_v8 w1 = ((const cnnc_v8 *)(wi + 8))[0];
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
                            ((cnnc_v8 *)ab)[0] = a0_0;
                            ((cnnc_v8 *)(ab + 8))[0] = a0_1;
                            ((cnnc_v8 *)(ab + 16))[0] = a1_0;
                            ((cnnc_v8 *)(ab + 24))[0] = a1_1;
                            ((cnnc_v8 *)(ab + 32))[0] = a2_0;
                            ((cnnc_v8 *)(ab + 40))[0] = a2_1;
                        }
                    }
                    for (int64_t i = 0; i < (oh1 - oh0) * 48; i += 8) {
                        cnnc_v8 v = ((const cnnc_v8 *)(acc + i))[0];
                        v = cnnc_select8((cnnc_i8)(v < cnnc_splat8(0.0f)), cnnc_splat8(0.0f), v);
                        ((cnnc_v8 *)(acc + i))[0] = v;
                    }
                    for (int64_t j = 0; j < width; j++) {
                        for (int64_t oh = oh0; oh < oh1; oh++) {
                            float *restrict dst = out + ((b * 32 + blk * 16 + j) * 3 + oh) * 3;
                            {
                                float v = acc[(oh - oh0) * 3 * 16 + j];
                                dst[0] = v;
                            }
                            {
                                float v = acc[((oh - oh0) * 3 + 1) * 16 + j];
                                dst[1] = v;
                            }
                            {
                                float v = acc[((oh - oh0) * 3 + 2) * 16 + j];
                                dst[2] = v;
                            }
                        }
                    }
                }
            }
        }
    } else {
        for (int64_t b = 0; b < n; b++) {
            for (int64_t rg = 0; rg < 3; rg++) {
                for (int64_t blk = 0; blk < 2; blk++) {
                    const int64_t width = cnnc_min(16, 32 - blk * 16);
                    const float *restrict wb = w + blk * 2048;
                    const float *restrict bb = bias + blk * 16;
                    const int64_t oh0 = rg;
                    const int64_t oh1 = cnnc_min(oh0 + 1, 3);
                    float acc[48] __attribute__((aligned(64)));
                    for (int64_t c0 = 0; c0 < 128; c0 += 64) {
                        const int64_t c1 = cnnc_min(c0 + 64, 128);
                        const int64_t oh = oh0;
                        const float *restrict xs = in0 + b * 1152 + oh * 3;
                        const int64_t span = (oh1 - oh0) * 3;
                        for (int64_t ow0 = 0; ow0 < span - 5; ow0 += 6) {
                            {
                                float *restrict ab = acc + ((oh - oh0) * 3 + ow0) * 16;
                                const float *restrict ib = (c0 == 0 ? bb : ab);
                                const int64_t is = (c0 == 0 ? 0 : 16);
                                cnnc_v8 a0_0 = ((const cnnc_v8 *)ib)[0];
                                cnnc_v8 a1_0 = ((const cnnc_v8 *)(ib + is))[0];
                                cnnc_v8 a2_0 = ((const cnnc_v8 *)(ib + 2 * is))[0];
                                cnnc_v8 a3_0 = ((const cnnc_v8 *)(ib + 3 * is))[0];
                                cnnc_v8 a4_0 = ((const cnnc_v8 *)(ib + 4 * is))[0];
                                cnnc_v8 a5_0 = ((const cnnc_v8 *)(ib + 5 * is))[0];
                                cnnc_v8 a0_1 = ((const cnnc_v8 *)(ib + 8))[0];
                                cnnc_v8 a1_1 = ((const cnnc_v8 *)(ib + is + 8))[0];
                                cnnc_v8 a2_1 = ((const cnnc_v8 *)(ib + 2 * is + 8))[0];
                                cnnc_v8 a3_1 = ((const cnnc_v8 *)(ib + 3 * is + 8))[0];
                                cnnc_v8 a4_1 = ((const cnnc_v8 *)(ib + 4 * is + 8))[0];
                                cnnc_v8 a5_1 = ((const cnnc_v8 *)(ib + 5 * is + 8))[0];
                                for (int64_t c = c0; c < c1; c++) {
                                    const float *restrict xi = xs + ow0 + c * 9;
                                    const float *restrict wi = wb + c * 16;
                                    __builtin_prefetch(wi + 1024, 0, 2);
                                    {
                                        const cnnc_v8 w0 = ((const cnnc_v8 *)wi)[0];
                                        const cnnc_v8 w1 = ((const cnnc_v8 *)(wi + 8))[0];
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
                                    }
                                }
                                ((cnnc_v8 *)ab)[0] = a0_0;
                                ((cnnc_v8 *)(ab + 8))[0] = a0_1;
                                ((cnnc_v8 *)(ab + 16))[0] = a1_0;
                                ((cnnc_v8 *)(ab + 24))[0] = a1_1;
                                ((cnnc_v8 *)(ab + 32))[0] = a2_0;
                                ((cnnc_v8 *)(ab + 40))[0] = a2_1;
                                ((cnnc_v8 *)(ab + 48))[0] = a3_0;
                                ((cnnc_v8 *)(ab + 56))[0] = a3_1;
                                ((cnnc_v8 *)(ab + 64))[0] = a4_0;
                                ((cnnc_v8 *)(ab + 72))[0] = a4_1;
                                ((cnnc_v8 *)(ab + 80))[0] = a5_0;
                                ((cnnc_v8 *)(ab + 88))[0] = a5_1;
                            }
                        }
                        {
                            const int64_t ow0 = 0;
                            float *restrict ab = acc + ((oh - oh0) * 3 + ow0) * 16;
                            const float *restrict ib = (c0 == 0 ? bb : ab);
                            const int64_t is = (c0 == 0 ? 0 : 16);
                            cnnc_v8 a0_0 = ((const cnnc_v8 *)ib)[0];
                            cnnc_v8 a1_0 = ((const cnnc_v8 *)(ib + is))[0];
                            cnnc_v8 a2_0 = ((const cnnc_v8 *)(ib + 2 * is))[0];
                            cnnc_v8 a0_1 = ((const cnnc_v8 *)(ib + 8))[0];
                            cnnc_v8 a1_1 = ((const cnnc_v8 *)(ib + is + 8))[0];
                            cnnc_v8 a2_1 = ((const cnnc_v8 *)(ib + 2 * is + 8))[0];
                            for (int64_t c = c0; c < c1; c++) {
                                const float *restrict xi = xs + ow0 + c * 9;
                                const float *restrict wi = wb + c * 16;
                                __builtin_prefetch(wi + 1024, 0, 2);
                                {
                                    const cnnc_v8 w0 = ((const cnnc_v8 *)wi)[0];
                                    const cnnc_v8 w1 = ((const cnnc_v8 *)(wi + 8))[0];
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
                            ((cnnc_v8 *)ab)[0] = a0_0;
                            ((cnnc_v8 *)(ab + 8))[0] = a0_1;
                            ((cnnc_v8 *)(ab + 16))[0] = a1_0;
                            ((cnnc_v8 *)(ab + 24))[0] = a1_1;
                            ((cnnc_v8 *)(ab + 32))[0] = a2_0;
                            ((cnnc_v8 *)(ab + 40))[0] = a2_1;
                        }
                    }
                    for (int64_t i = 0; i < (oh1 - oh0) * 48; i += 8) {
                        cnnc_v8 v = ((const cnnc_v8 *)(acc + i))[0];
                        v = cnnc_select8((cnnc_i8)(v < cnnc_splat8(0.0f)), cnnc_splat8(0.0f), v);
                        ((cnnc_v8 *)(acc + i))[0] = v;
                    }
                    for (int64_t j = 0; j < width; j++) {
                        for (int64_t oh = oh0; oh < oh1; oh++) {
                            float *restrict dst = out + ((b * 32 + blk * 16 + j) * 3 + oh) * 3;
                            {
                                float v = acc[(oh - oh0) * 3 * 16 + j];
                                dst[0] = v;
                            }
                            {
                                float v = acc[((oh - oh0) * 3 + 1) * 16 + j];
                                dst[1] = v;
                            }
                            {
                                float v = acc[((oh - oh0) * 3 + 2) * 16 + j];
                                dst[2] = v;
                            }
                        }
                    }
                }
            }
        }
    }
}
