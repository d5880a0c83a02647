static void k1_pre(int64_t n, int nt, const float *restrict wts, const float *restrict in0, float *restrict out) {
    /* relu [pre]: [2, 4, 4, 4] -> [2, 4, 4, 4] */
    if (nt > 1) {
#pragma omp parallel for schedule(static) num_threads(nt) if(n >= 256)
        for (int64_t i = 0; i < n * 128; i++) {
            float v = in0[i];
            out[i] = (v < 0.0f ? 0.0f : v);
        }
    } else {
        for (int64_t i = 0; i < n * 128; i++) {
            float v = in0[i];
            out[i] = (v < 0.0f ? 0.0f : v);
        }
    }
}

static void k2_conv(int64_t n, int nt, const float *restrict wts, const float *restrict in0, float *restrict out) {
    /* conv3d [conv]: [2, 4, 4, 4] -> [2, 4, 4, 4] */
    const float *restrict w = wts;
    const float *restrict bias = wts + 112;
    static const int64_t col_lo[3] = {1, 0, 0};
    static const int64_t col_hi[3] = {4, 4, 3};
    (void)bias;
    if (nt > 1) {
#pragma omp parallel for collapse(2) schedule(static) num_threads(nt) if(n >= 2)
        for (int64_t b = 0; b < n; b++) {
            for (int64_t oc = 0; oc < 2; oc++) {
                const float *restrict x = in0 + (b * 2 + oc / 2 * 2) * 64;
                const float *restrict wk = w + oc * 54;
                float acc[4] __attribute__((aligned(64)));
                float *restrict y = out + (b * 2 + oc) * 64;
                for (int64_t od = 0; od < 4; od++) {
                    for (int64_t oh = 0; oh < 4; oh++) {
                        for (int64_t ow = 0; ow < 4; ow++) {
                            acc[ow] = bias[oc];
                        }
                        for (int64_t ic = 0; ic < 2; ic++) {
                            for (int64_t kd = 0; kd < 3; kd++) {
                                const int64_t id = od - 1 + kd;
                                if (id < 0 || id >= 4) {
                                    continue;
                                }
                                for (int64_t kh = 0; kh < 3; kh++) {
                                    const int64_t ih = oh - 1 + kh;
                                    if (ih < 0 || ih >= 4) {
                                        continue;
                                    }
                                    const float *restrict row = x + (ic * 4 + id) * 16 + ih * 4;
                                    for (int64_t kw = 0; kw < 3; kw++) {
                                        const float wv = wk[((ic * 3 + kd) * 3 + kh) * 3 + kw];
                                        const int64_t off = kw - 1;
                                        for (int64_t ow = col_lo[kw]; ow < col_hi[kw]; ow++) {
                                            acc[ow] += wv * row[ow + off];
                                        }
                                    }
                                }
                            }
                        }
                        for (int64_t ow = 0; ow < 4; ow++) {
                            y[(od * 4 + oh) * 4 + ow] = acc[ow];
                        }
                    }
                }
            }
        }
    } else {
        for (int64_t b = 0; b < n; b++) {
            for (int64_t oc = 0; oc < 2; oc++) {
                const float *restrict x = in0 + (b * 2 + oc / 2 * 2) * 64;
                const float *restrict wk = w + oc * 54;
                float acc[4] __attribute__((aligned(64)));
                float *restrict y = out + (b * 2 + oc) * 64;
                for (int64_t od = 0; od < 4; od++) {
                    for (int64_t oh = 0; oh < 4; oh++) {
                        for (int64_t ow = 0; ow < 4; ow++) {
                            acc[ow] = bias[oc];
                        }
                        for (int64_t ic = 0; ic < 2; ic++) {
                            for (int64_t kd = 0; kd < 3; kd++) {
                                const int64_t id = od - 1 + kd;
                                if (id < 0 || id >= 4) {
                                    continue;
                                }
                                for (int64_t kh = 0; kh < 3; kh++) {
                                    const int64_t ih = oh - 1 + kh;
                                    if (ih < 0 || ih >= 4) {
                                        continue;
                                    }
                                    const float *restrict row = x + (ic * 4 + id) * 16 + ih * 4;
                                    for (int64_t kw = 0; kw < 3; kw++) {
                                        const float wv = wk[((ic * 3 + kd) * 3 + kh) * 3 + kw];
                                        const int64_t off = kw - 1;
                                        for (int64_t ow = col_lo[kw]; ow < col_hi[kw]; ow++) {
                                            acc[ow] += wv * row[ow + off];
                                        }
                                    }
                                }
                            }
                        }
                        for (int64_t ow = 0; ow < 4; ow++) {
                            y[(od * 4 + oh) * 4 + ow] = acc[ow];
                        }
                    }
                }
            }
        }
    }
}
