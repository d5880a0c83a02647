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
    /* channel-tiled: 3 positions x 3 vectors of 4 channels, 3 blocks */
    const float *restrict w = wts;
    const float *restrict bias = wts + 4608;
    if (nt > 1) {
#pragma omp parallel for collapse(3) schedule(static) num_threads(nt) if(n >= 1)
        for (int64_t b = 0; b < n; b++) {
            for (int64_t blk = 0; blk < 3; blk++) {
                for (int64_t rg = 0; rg < 3; rg++) {
                    const int64_t width = cnnc_min(12, 32 - blk * 12);
                    const float *restrict wb = w + blk * 1536;
                    const float *restrict bb = bias + blk * 12;
                    const int64_t oh0 = rg;
                    const int64_t oh1 = cnnc_min(oh0 + 1, 3);
                    float acc[36] __attribute__((aligned(64)));
                    for (int64_t c0 = 0; c0 < 128; c0 += 341) {
                        const int64_t c1 = cnnc_min(c0 + 341, 128);
                        for (int64_t oh = oh0; oh < oh1; oh++) {
                            const float *restrict xs = in0 + b * 1152 + oh * 3;
                            for (int64_t ow0 = 0; ow0 < 3; ow0 += 3) {
                                {
                                    float *restrict ab = acc + ((oh - oh0) * 3 + ow0) * 12;
                                    const float *restrict ib = (c0 == 0 ? bb : ab);
                                    const int64_t is = (c0 == 0 ? 0 : 12);
                                    cnnc_v4 a0_0 = ((const cnnc_v4 *)ib)[0];
                                    cnnc_v4 a1_0 = ((const cnnc_v4 *)(ib + is))[0];
                                    cnnc_v4 a2_0 = ((const cnnc_v4 *)(ib + 2 * is))[0];
                                    cnnc_v4 a0_1 = ((const cnnc_v4 *)(ib + 4))[0];
                                    cnnc_v4 a1_1 = ((const cnnc_v4 *)(ib + is + 4))[0];
                                    cnnc_v4 a2_1 = ((const cnnc_v4 *)(ib + 2 * is + 4))[0];
                                    cnnc_v4 a0_2 = ((const cnnc_v4 *)(ib + 8))[0];
                                    cnnc_v4 a1_2 = ((const cnnc_v4 *)(ib + is + 8))[0];
                                    cnnc_v4 a2_2 = ((const cnnc_v4 *)(ib + 2 * is + 8))[0];
                                    for (int64_t c = c0; c < c1; c++) {
                                        const float *restrict xi = xs + ow0 + c * 9;
                                        const float *restrict wi = wb + c * 12;
                                        __builtin_prefetch(wi + 4092, 0, 2);
                                        {
                                            const cnnc_v4 w0 = ((const cnnc_v4 *)wi)[0];
                                            const cnnc_v4 w1 = ((const cnnc_v4 *)(wi + 4))[0];
                                            const cnnc_v4 w2 = ((const cnnc_v4 *)(wi + 8))[0];
                                            const float x0 = xi[0];
                                            a0_0 += w0 * x0;
                                            a0_1 += w1 * x0;
                                            a0_2 += w2 * x0;
                                            const float x1 = xi[1];
                                            a1_0 += w0 * x1;
                                            a1_1 += w1 * x1;
                                            a1_2 += w2 * x1;
                                            const float x2 = xi[2];
                                            a2_0 += w0 * x2;
                                            a2_1 += w1 * x2;
                                            a2_2 += w2 * x2;
                                        }
                                    }
                                    ((cnnc_v4 *)ab)[0] = a0_0;
                                    ((cnnc_v4 *)(ab + 4))[0] = a0_1;
                                    ((cnnc_v4 *)(ab + 8))[0] = a0_2;
                                    ((cnnc_v4 *)(ab + 12))[0] = a1_0;
                                    ((cnnc_v4 *)(ab + 16))[0] = a1_1;
                                    ((cnnc_v4 *)(ab + 20))[0] = a1_2;
                                    ((cnnc_v4 *)(ab + 24))[0] = a2_0;
                                    ((cnnc_v4 *)(ab + 28))[0] = a2_1;
                                    ((cnnc_v4 *)(ab + 32))[0] = a2_2;
                                }
                            }
                        }
                    }
                    for (int64_t i = 0; i < (oh1 - oh0) * 36; i += 4) {
                        cnnc_v4 v = ((const cnnc_v4 *)(acc + i))[0];
                        v = cnnc_select4((cnnc_i4)(v < cnnc_splat4(0.0f)), cnnc_splat4(0.0f), v);
                        ((cnnc_v4 *)(acc + i))[0] = v;
                    }
                    for (int64_t j = 0; j < width; j++) {
                        for (int64_t oh = oh0; oh < oh1; oh++) {
                            float *restrict dst = out + ((b * 32 + blk * 12 + j) * 3 + oh) * 3;
                            {
                                float v = acc[(oh - oh0) * 3 * 12 + j];
                                dst[0] = v;
                            }
                            {
                                float v = acc[((oh - oh0) * 3 + 1) * 12 + j];
                                dst[1] = v;
                            }
                            {
                                float v = acc[((oh - oh0) * 3 + 2) * 12 + j];
                                dst[2] = v;
                            }
                        }
                    }
                }
            }
        }
    } else {
        for (int64_t b = 0; b < n; b++) {
            for (int64_t blk = 0; blk < 3; blk++) {
                for (int64_t rg = 0; rg < 3; rg++) {
                    const int64_t width = cnnc_min(12, 32 - blk * 12);
                    const float *restrict wb = w + blk * 1536;
                    const float *restrict bb = bias + blk * 12;
                    const int64_t oh0 = rg;
                    const int64_t oh1 = cnnc_min(oh0 + 1, 3);
                    float acc[36] __attribute__((aligned(64)));
                    for (int64_t c0 = 0; c0 < 128; c0 += 341) {
                        const int64_t c1 = cnnc_min(c0 + 341, 128);
                        for (int64_t oh = oh0; oh < oh1; oh++) {
                            const float *restrict xs = in0 + b * 1152 + oh * 3;
                            for (int64_t ow0 = 0; ow0 < 3; ow0 += 3) {
                                {
                                    float *restrict ab = acc + ((oh - oh0) * 3 + ow0) * 12;
                                    const float *restrict ib = (c0 == 0 ? bb : ab);
                                    const int64_t is = (c0 == 0 ? 0 : 12);
                                    cnnc_v4 a0_0 = ((const cnnc_v4 *)ib)[0];
                                    cnnc_v4 a1_0 = ((const cnnc_v4 *)(ib + is))[0];
                                    cnnc_v4 a2_0 = ((const cnnc_v4 *)(ib + 2 * is))[0];
                                    cnnc_v4 a0_1 = ((const cnnc_v4 *)(ib + 4))[0];
                                    cnnc_v4 a1_1 = ((const cnnc_v4 *)(ib + is + 4))[0];
                                    cnnc_v4 a2_1 = ((const cnnc_v4 *)(ib + 2 * is + 4))[0];
                                    cnnc_v4 a0_2 = ((const cnnc_v4 *)(ib + 8))[0];
                                    cnnc_v4 a1_2 = ((const cnnc_v4 *)(ib + is + 8))[0];
                                    cnnc_v4 a2_2 = ((const cnnc_v4 *)(ib + 2 * is + 8))[0];
                                    for (int64_t c = c0; c < c1; c++) {
                                        const float *restrict xi = xs + ow0 + c * 9;
                                        const float *restrict wi = wb + c * 12;
                                        __builtin_prefetch(wi + 4092, 0, 2);
                                        {
                                            const cnnc_v4 w0 = ((const cnnc_v4 *)wi)[0];
                                            const cnnc_v4 w1 = ((const cnnc_v4 *)(wi + 4))[0];
                                            const cnnc_v4 w2 = ((const cnnc_v4 *)(wi + 8))[0];
                                            const float x0 = xi[0];
                                            a0_0 += w0 * x0;
                                            a0_1 += w1 * x0;
                                            a0_2 += w2 * x0;
                                            const float x1 = xi[1];
                                            a1_0 += w0 * x1;
                                            a1_1 += w1 * x1;
                                            a1_2 += w2 * x1;
                                            const float x2 = xi[2];
                                            a2_0 += w0 * x2;
                                            a2_1 += w1 * x2;
                                            a2_2 += w2 * x2;
                                        }
                                    }
                                    ((cnnc_v4 *)ab)[0] = a0_0;
                                    ((cnnc_v4 *)(ab + 4))[0] = a0_1;
                                    ((cnnc_v4 *)(ab + 8))[0] = a0_2;
                                    ((cnnc_v4 *)(ab + 12))[0] = a1_0;
                                    ((cnnc_v4 *)(ab + 16))[0] = a1_1;
                                    ((cnnc_v4 *)(ab + 20))[0] = a1_2;
                                    ((cnnc_v4 *)(ab + 24))[0] = a2_0;
                                    ((cnnc_v4 *)(ab + 28))[0] = a2_1;
                                    ((cnnc_v4 *)(ab + 32))[0] = a2_2;
                                }
                            }
                        }
                    }
                    for (int64_t i = 0; i < (oh1 - oh0) * 36; i += 4) {
                        cnnc_v4 v = ((const cnnc_v4 *)(acc + i))[0];
                        v = cnnc_select4((cnnc_i4)(v < cnnc_splat4(0.0f)), cnnc_splat4(0.0f), v);
                        ((cnnc_v4 *)(acc + i))[0] = v;
                    }
                    for (int64_t j = 0; j < width; j++) {
                        for (int64_t oh = oh0; oh < oh1; oh++) {
                            float *restrict dst = out + ((b * 32 + blk * 12 + j) * 3 + oh) * 3;
                            {
                                float v = acc[(oh - oh0) * 3 * 12 + j];
                                dst[0] = v;
                            }
                            {
                                float v = acc[((oh - oh0) * 3 + 1) * 12 + j];
                                dst[1] = v;
                            }
                            {
                                float v = acc[((oh - oh0) * 3 + 2) * 12 + j];
                                dst[2] = v;
                            }
                        }
                    }
                }
            }
        }
    }
}
