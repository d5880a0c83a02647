static void k1_pre(int64_t n, int nt, const float *restrict wts, const float *restrict in0, float *restrict out) {
    /* relu [pre]: [8, 14, 58] -> [8, 14, 58] */
    if (nt > 1) {
#pragma omp parallel for schedule(static) num_threads(nt) if(n >= 5)
        for (int64_t i = 0; i < n * 6496; i++) {
            float v = in0[i];
            out[i] = (v < 0.0f ? 0.0f : v);
        }
    } else {
        for (int64_t i = 0; i < n * 6496; i++) {
            float v = in0[i];
            out[i] = (v < 0.0f ? 0.0f : v);
        }
    }
}

static void k2_conv(int64_t n, int nt, const float *restrict wts, const float *restrict in0, float *restrict out) {
    /* conv2d [conv + act]: [8, 14, 58] -> [8, 14, 58] */
    /* depthwise-direct: tiles of 4 rows x 2 vectors of 8 columns */
    const float *restrict w = wts;
    const float *restrict bias = wts + 80;
    if (nt > 1) {
#pragma omp parallel for collapse(2) schedule(static) num_threads(nt) if(n >= 1)
        for (int64_t b = 0; b < n; b++) {
            for (int64_t g = 0; g < 8; g++) {
                const float *restrict src = in0 + (b * 8 + g) * 812;
                float *restrict dst = out + (b * 8 + g) * 812;
                const float *restrict wk = w + g * 9;
                const float bg = bias[g];
                {
                    const int64_t oh = 0;
                    {
                        const int64_t c0 = 0;
                        cnnc_v8 a0_0 = cnnc_splat8(bg);
                        cnnc_v8 a0_1 = cnnc_splat8(bg);
                        cnnc_v8 a1_0 = cnnc_splat8(bg);
                        cnnc_v8 a1_1 = cnnc_splat8(bg);
                        cnnc_v8 a2_0 = cnnc_splat8(bg);
                        cnnc_v8 a2_1 = cnnc_splat8(bg);
                        cnnc_v8 a3_0 = cnnc_splat8(bg);
                        cnnc_v8 a3_1 = cnnc_splat8(bg);
                        {
                            __asm__ volatile("" ::: "memory");
                            const float *restrict row = src + oh * 58;
                            const cnnc_v8 x0_0 = __builtin_shufflevector(cnnc_splat8(0.0f), ((const cnnc_v8 *)row)[0], 7, 8, 9, 10, 11, 12, 13, 14);
                            const cnnc_v8 x1_0 = ((const cnnc_v8 *)(row + 7))[0];
                            a0_0 += x0_0 * wk[3];
                            a0_1 += x1_0 * wk[3];
                            a1_0 += x0_0 * wk[0];
                            a1_1 += x1_0 * wk[0];
                            const cnnc_v8 x0_1 = ((const cnnc_v8 *)row)[0];
                            const cnnc_v8 x1_1 = ((const cnnc_v8 *)(row + 8))[0];
                            a0_0 += x0_1 * wk[4];
                            a0_1 += x1_1 * wk[4];
                            a1_0 += x0_1 * wk[1];
                            a1_1 += x1_1 * wk[1];
                            const cnnc_v8 x0_2 = ((const cnnc_v8 *)(row + 1))[0];
                            const cnnc_v8 x1_2 = ((const cnnc_v8 *)(row + 9))[0];
                            a0_0 += x0_2 * wk[5];
                            a0_1 += x1_2 * wk[5];
                            a1_0 += x0_2 * wk[2];
                            a1_1 += x1_2 * wk[2];
                        }
                        {
                            __asm__ volatile("" ::: "memory");
                            const float *restrict row = src + (oh + 1) * 58;
                            const cnnc_v8 x0_0 = __builtin_shufflevector(cnnc_splat8(0.0f), ((const cnnc_v8 *)row)[0], 7, 8, 9, 10, 11, 12, 13, 14);
                            const cnnc_v8 x1_0 = ((const cnnc_v8 *)(row + 7))[0];
                            a0_0 += x0_0 * wk[6];
                            a0_1 += x1_0 * wk[6];
                            a1_0 += x0_0 * wk[3];
                            a1_1 += x1_0 * wk[3];
                            a2_0 += x0_0 * wk[0];
                            a2_1 += x1_0 * wk[0];
                            const cnnc_v8 x0_1 = ((const cnnc_v8 *)row)[0];
                            const cnnc_v8 x1_1 = ((const cnnc_v8 *)(row + 8))[0];
                            a0_0 += x0_1 * wk[7];
                            a0_1 += x1_1 * wk[7];
                            a1_0 += x0_1 * wk[4];
                            a1_1 += x1_1 * wk[4];
                            a2_0 += x0_1 * wk[1];
                            a2_1 += x1_1 * wk[1];
                            const cnnc_v8 x0_2 = ((const cnnc_v8 *)(row + 1))[0];
                            const cnnc_v8 x1_2 = ((const cnnc_v8 *)(row + 9))[0];
                            a0_0 += x0_2 * wk[8];
                            a0_1 += x1_2 * wk[8];
                            a1_0 += x0_2 * wk[5];
                            a1_1 += x1_2 * wk[5];
                            a2_0 += x0_2 * wk[2];
                            a2_1 += x1_2 * wk[2];
                        }
                        {
                            __asm__ volatile("" ::: "memory");
                            const float *restrict row = src + (oh + 2) * 58;
                            const cnnc_v8 x0_0 = __builtin_shufflevector(cnnc_splat8(0.0f), ((const cnnc_v8 *)row)[0], 7, 8, 9, 10, 11, 12, 13, 14);
                            const cnnc_v8 x1_0 = ((const cnnc_v8 *)(row + 7))[0];
                            a1_0 += x0_0 * wk[6];
                            a1_1 += x1_0 * wk[6];
                            a2_0 += x0_0 * wk[3];
                            a2_1 += x1_0 * wk[3];
                            a3_0 += x0_0 * wk[0];
                            a3_1 += x1_0 * wk[0];
                            const cnnc_v8 x0_1 = ((const cnnc_v8 *)row)[0];
                            const cnnc_v8 x1_1 = ((const cnnc_v8 *)(row + 8))[0];
                            a1_0 += x0_1 * wk[7];
                            a1_1 += x1_1 * wk[7];
                            a2_0 += x0_1 * wk[4];
                            a2_1 += x1_1 * wk[4];
                            a3_0 += x0_1 * wk[1];
                            a3_1 += x1_1 * wk[1];
                            const cnnc_v8 x0_2 = ((const cnnc_v8 *)(row + 1))[0];
                            const cnnc_v8 x1_2 = ((const cnnc_v8 *)(row + 9))[0];
                            a1_0 += x0_2 * wk[8];
                            a1_1 += x1_2 * wk[8];
                            a2_0 += x0_2 * wk[5];
                            a2_1 += x1_2 * wk[5];
                            a3_0 += x0_2 * wk[2];
                            a3_1 += x1_2 * wk[2];
                        }
                        {
                            __asm__ volatile("" ::: "memory");
                            const float *restrict row = src + (oh + 3) * 58;
                            const cnnc_v8 x0_0 = __builtin_shufflevector(cnnc_splat8(0.0f), ((const cnnc_v8 *)row)[0], 7, 8, 9, 10, 11, 12, 13, 14);
                            const cnnc_v8 x1_0 = ((const cnnc_v8 *)(row + 7))[0];
                            a2_0 += x0_0 * wk[6];
                            a2_1 += x1_0 * wk[6];
                            a3_0 += x0_0 * wk[3];
                            a3_1 += x1_0 * wk[3];
                            const cnnc_v8 x0_1 = ((const cnnc_v8 *)row)[0];
                            const cnnc_v8 x1_1 = ((const cnnc_v8 *)(row + 8))[0];
                            a2_0 += x0_1 * wk[7];
                            a2_1 += x1_1 * wk[7];
                            a3_0 += x0_1 * wk[4];
                            a3_1 += x1_1 * wk[4];
                            const cnnc_v8 x0_2 = ((const cnnc_v8 *)(row + 1))[0];
                            const cnnc_v8 x1_2 = ((const cnnc_v8 *)(row + 9))[0];
                            a2_0 += x0_2 * wk[8];
                            a2_1 += x1_2 * wk[8];
                            a3_0 += x0_2 * wk[5];
                            a3_1 += x1_2 * wk[5];
                        }
                        {
                            __asm__ volatile("" ::: "memory");
                            const float *restrict row = src + (oh + 4) * 58;
                            const cnnc_v8 x0_0 = __builtin_shufflevector(cnnc_splat8(0.0f), ((const cnnc_v8 *)row)[0], 7, 8, 9, 10, 11, 12, 13, 14);
                            const cnnc_v8 x1_0 = ((const cnnc_v8 *)(row + 7))[0];
                            a3_0 += x0_0 * wk[6];
                            a3_1 += x1_0 * wk[6];
                            const cnnc_v8 x0_1 = ((const cnnc_v8 *)row)[0];
                            const cnnc_v8 x1_1 = ((const cnnc_v8 *)(row + 8))[0];
                            a3_0 += x0_1 * wk[7];
                            a3_1 += x1_1 * wk[7];
                            const cnnc_v8 x0_2 = ((const cnnc_v8 *)(row + 1))[0];
                            const cnnc_v8 x1_2 = ((const cnnc_v8 *)(row + 9))[0];
                            a3_0 += x0_2 * wk[8];
                            a3_1 += x1_2 * wk[8];
                        }
                        {
                            cnnc_v8 y = a0_0;
                            y = cnnc_select8((cnnc_i8)(y < cnnc_splat8(0.0f)), cnnc_splat8(0.0f), y);
                            ((cnnc_v8 *)(dst + (oh * 58 + c0)))[0] = y;
                            __asm__ volatile("" ::: "memory");
                        }
                        {
                            cnnc_v8 y = a0_1;
                            y = cnnc_select8((cnnc_i8)(y < cnnc_splat8(0.0f)), cnnc_splat8(0.0f), y);
                            ((cnnc_v8 *)(dst + (oh * 58 + (c0 + 8))))[0] = y;
                            __asm__ volatile("" ::: "memory");
                        }
                        {
                            cnnc_v8 y = a1_0;
                            y = cnnc_select8((cnnc_i8)(y < cnnc_splat8(0.0f)), cnnc_splat8(0.0f), y);
                            ((cnnc_v8 *)(dst + ((oh + 1) * 58 + c0)))[0] = y;
                            __asm__ volatile("" ::: "memory");
                        }
                        {
                            cnnc_v8 y = a1_1;
                            y = cnnc_select8((cnnc_i8)(y < cnnc_splat8(0.0f)), cnnc_splat8(0.0f), y);
                            ((cnnc_v8 *)(dst + ((oh + 1) * 58 + (c0 + 8))))[0] = y;
                            __asm__ volatile("" ::: "memory");
                        }
                        {
                            cnnc_v8 y = a2_0;
                            y = cnnc_select8((cnnc_i8)(y < cnnc_splat8(0.0f)), cnnc_splat8(0.0f), y);
                            ((cnnc_v8 *)(dst + ((oh + 2) * 58 + c0)))[0] = y;
                            __asm__ volatile("" ::: "memory");
                        }
                        {
                            cnnc_v8 y = a2_1;
                            y = cnnc_select8((cnnc_i8)(y < cnnc_splat8(0.0f)), cnnc_splat8(0.0f), y);
                            ((cnnc_v8 *)(dst + ((oh + 2) * 58 + (c0 + 8))))[0] = y;
                            __asm__ volatile("" ::: "memory");
                        }
                        {
                            cnnc_v8 y = a3_0;
                            y = cnnc_select8((cnnc_i8)(y < cnnc_splat8(0.0f)), cnnc_splat8(0.0f), y);
                            ((cnnc_v8 *)(dst + ((oh + 3) * 58 + c0)))[0] = y;
                            __asm__ volatile("" ::: "memory");
                        }
                        {
                            cnnc_v8 y = a3_1;
                            y = cnnc_select8((cnnc_i8)(y < cnnc_splat8(0.0f)), cnnc_splat8(0.0f), y);
                            ((cnnc_v8 *)(dst + ((oh + 3) * 58 + (c0 + 8))))[0] = y;
                            __asm__ volatile("" ::: "memory");
                        }
                    }
                    for (int64_t c0 = 16; c0 < 48; c0 += 16) {
                        cnnc_v8 a0_0 = cnnc_splat8(bg);
                        cnnc_v8 a0_1 = cnnc_splat8(bg);
                        cnnc_v8 a1_0 = cnnc_splat8(bg);
                        cnnc_v8 a1_1 = cnnc_splat8(bg);
                        cnnc_v8 a2_0 = cnnc_splat8(bg);
                        cnnc_v8 a2_1 = cnnc_splat8(bg);
                        cnnc_v8 a3_0 = cnnc_splat8(bg);
                        cnnc_v8 a3_1 = cnnc_splat8(bg);
                        {
                            __asm__ volatile("" ::: "memory");
                            const float *restrict row = src + oh * 58;
                            const cnnc_v8 x0_0 = ((const cnnc_v8 *)(row + c0 + -1))[0];
                            const cnnc_v8 x1_0 = ((const cnnc_v8 *)(row + c0 + 7))[0];
                            a0_0 += x0_0 * wk[3];
                            a0_1 += x1_0 * wk[3];
                            a1_0 += x0_0 * wk[0];
                            a1_1 += x1_0 * wk[0];
                            const cnnc_v8 x0_1 = ((const cnnc_v8 *)(row + c0))[0];
                            const cnnc_v8 x1_1 = ((const cnnc_v8 *)(row + c0 + 8))[0];
                            a0_0 += x0_1 * wk[4];
                            a0_1 += x1_1 * wk[4];
                            a1_0 += x0_1 * wk[1];
                            a1_1 += x1_1 * wk[1];
                            const cnnc_v8 x0_2 = ((const cnnc_v8 *)(row + c0 + 1))[0];
                            const cnnc_v8 x1_2 = ((const cnnc_v8 *)(row + c0 + 9))[0];
                            a0_0 += x0_2 * wk[5];
                            a0_1 += x1_2 * wk[5];
                            a1_0 += x0_2 * wk[2];
                            a1_1 += x1_2 * wk[2];
                        }
                        {
                            __asm__ volatile("" ::: "memory");
                            const float *restrict row = src + (oh + 1) * 58;
                            const cnnc_v8 x0_0 = ((const cnnc_v8 *)(row + c0 + -1))[0];
                            const cnnc_v8 x1_0 = ((const cnnc_v8 *)(row + c0 + 7))[0];
                            a0_0 += x0_0 * wk[6];
                            a0_1 += x1_0 * wk[6];
                            a1_0 += x0_0 * wk[3];
                            a1_1 += x1_0 * wk[3];
                            a2_0 += x0_0 * wk[0];
                            a2_1 += x1_0 * wk[0];
                            const cnnc_v8 x0_1 = ((const cnnc_v8 *)(row + c0))[0];
                            const cnnc_v8 x1_1 = ((const cnnc_v8 *)(row + c0 + 8))[0];
                            a0_0 += x0_1 * wk[7];
                            a0_1 += x1_1 * wk[7];
                            a1_0 += x0_1 * wk[4];
                            a1_1 += x1_1 * wk[4];
                            a2_0 += x0_1 * wk[1];
                            a2_1 += x1_1 * wk[1];
                            const cnnc_v8 x0_2 = ((const cnnc_v8 *)(row + c0 + 1))[0];
                            const cnnc_v8 x1_2 = ((const cnnc_v8 *)(row + c0 + 9))[0];
                            a0_0 += x0_2 * wk[8];
                            a0_1 += x1_2 * wk[8];
                            a1_0 += x0_2 * wk[5];
                            a1_1 += x1_2 * wk[5];
                            a2_0 += x0_2 * wk[2];
                            a2_1 += x1_2 * wk[2];
                        }
                        {
                            __asm__ volatile("" ::: "memory");
                            const float *restrict row = src + (oh + 2) * 58;
                            const cnnc_v8 x0_0 = ((const cnnc_v8 *)(row + c0 + -1))[0];
                            const cnnc_v8 x1_0 = ((const cnnc_v8 *)(row + c0 + 7))[0];
                            a1_0 += x0_0 * wk[6];
                            a1_1 += x1_0 * wk[6];
                            a2_0 += x0_0 * wk[3];
                            a2_1 += x1_0 * wk[3];
                            a3_0 += x0_0 * wk[0];
                            a3_1 += x1_0 * wk[0];
                            const cnnc_v8 x0_1 = ((const cnnc_v8 *)(row + c0))[0];
                            const cnnc_v8 x1_1 = ((const cnnc_v8 *)(row + c0 + 8))[0];
                            a1_0 += x0_1 * wk[7];
                            a1_1 += x1_1 * wk[7];
                            a2_0 += x0_1 * wk[4];
                            a2_1 += x1_1 * wk[4];
                            a3_0 += x0_1 * wk[1];
                            a3_1 += x1_1 * wk[1];
                            const cnnc_v8 x0_2 = ((const cnnc_v8 *)(row + c0 + 1))[0];
                            const cnnc_v8 x1_2 = ((const cnnc_v8 *)(row + c0 + 9))[0];
                            a1_0 += x0_2 * wk[8];
                            a1_1 += x1_2 * wk[8];
                            a2_0 += x0_2 * wk[5];
                            a2_1 += x1_2 * wk[5];
                            a3_0 += x0_2 * wk[2];
                            a3_1 += x1_2 * wk[2];
                        }
                        {
                            __asm__ volatile("" ::: "memory");
                            const float *restrict row = src + (oh + 3) * 58;
                            const cnnc_v8 x0_0 = ((const cnnc_v8 *)(row + c0 + -1))[0];
                            const cnnc_v8 x1_0 = ((const cnnc_v8 *)(row + c0 + 7))[0];
                            a2_0 += x0_0 * wk[6];
                            a2_1 += x1_0 * wk[6];
                            a3_0 += x0_0 * wk[3];
                            a3_1 += x1_0 * wk[3];
                            const cnnc_v8 x0_1 = ((const cnnc_v8 *)(row + c0))[0];
                            const cnnc_v8 x1_1 = ((const cnnc_v8 *)(row + c0 + 8))[0];
                            a2_0 += x0_1 * wk[7];
                            a2_1 += x1_1 * wk[7];
                            a3_0 += x0_1 * wk[4];
                            a3_1 += x1_1 * wk[4];
                            const cnnc_v8 x0_2 = ((const cnnc_v8 *)(row + c0 + 1))[0];
                            const cnnc_v8 x1_2 = ((const cnnc_v8 *)(row + c0 + 9))[0];
                            a2_0 += x0_2 * wk[8];
                            a2_1 += x1_2 * wk[8];
                            a3_0 += x0_2 * wk[5];
                            a3_1 += x1_2 * wk[5];
                        }
                        {
                            __asm__ volatile("" ::: "memory");
                            const float *restrict row = src + (oh + 4) * 58;
                            const cnnc_v8 x0_0 = ((const cnnc_v8 *)(row + c0 + -1))[0];
                            const cnnc_v8 x1_0 = ((const cnnc_v8 *)(row + c0 + 7))[0];
                            a3_0 += x0_0 * wk[6];
                            a3_1 += x1_0 * wk[6];
                            const cnnc_v8 x0_1 = ((const cnnc_v8 *)(row + c0))[0];
                            const cnnc_v8 x1_1 = ((const cnnc_v8 *)(row + c0 + 8))[0];
                            a3_0 += x0_1 * wk[7];
                            a3_1 += x1_1 * wk[7];
                            const cnnc_v8 x0_2 = ((const cnnc_v8 *)(row + c0 + 1))[0];
                            const cnnc_v8 x1_2 = ((const cnnc_v8 *)(row + c0 + 9))[0];
                            a3_0 += x0_2 * wk[8];
                            a3_1 += x1_2 * wk[8];
                        }
                        {
                            cnnc_v8 y = a0_0;
                            y = cnnc_select8((cnnc_i8)(y < cnnc_splat8(0.0f)), cnnc_splat8(0.0f), y);
                            ((cnnc_v8 *)(dst + (oh * 58 + c0)))[0] = y;
                            __asm__ volatile("" ::: "memory");
                        }
                        {
                            cnnc_v8 y = a0_1;
                            y = cnnc_select8((cnnc_i8)(y < cnnc_splat8(0.0f)), cnnc_splat8(0.0f), y);
                            ((cnnc_v8 *)(dst + (oh * 58 + (c0 + 8))))[0] = y;
                            __asm__ volatile("" ::: "memory");
                        }
                        {
                            cnnc_v8 y = a1_0;
                            y = cnnc_select8((cnnc_i8)(y < cnnc_splat8(0.0f)), cnnc_splat8(0.0f), y);
                            ((cnnc_v8 *)(dst + ((oh + 1) * 58 + c0)))[0] = y;
                            __asm__ volatile("" ::: "memory");
                        }
                        {
                            cnnc_v8 y = a1_1;
                            y = cnnc_select8((cnnc_i8)(y < cnnc_splat8(0.0f)), cnnc_splat8(0.0f), y);
                            ((cnnc_v8 *)(dst + ((oh + 1) * 58 + (c0 + 8))))[0] = y;
                            __asm__ volatile("" ::: "memory");
                        }
                        {
                            cnnc_v8 y = a2_0;
                            y = cnnc_select8((cnnc_i8)(y < cnnc_splat8(0.0f)), cnnc_splat8(0.0f), y);
                            ((cnnc_v8 *)(dst + ((oh + 2) * 58 + c0)))[0] = y;
                            __asm__ volatile("" ::: "memory");
                        }
                        {
                            cnnc_v8 y = a2_1;
                            y = cnnc_select8((cnnc_i8)(y < cnnc_splat8(0.0f)), cnnc_splat8(0.0f), y);
                            ((cnnc_v8 *)(dst + ((oh + 2) * 58 + (c0 + 8))))[0] = y;
                            __asm__ volatile("" ::: "memory");
                        }
                        {
                            cnnc_v8 y = a3_0;
                            y = cnnc_select8((cnnc_i8)(y < cnnc_splat8(0.0f)), cnnc_splat8(0.0f), y);
                            ((cnnc_v8 *)(dst + ((oh + 3) * 58 + c0)))[0] = y;
                            __asm__ volatile("" ::: "memory");
                        }
                        {
                            cnnc_v8 y = a3_1;
                            y = cnnc_select8((cnnc_i8)(y < cnnc_splat8(0.0f)), cnnc_splat8(0.0f), y);
                            ((cnnc_v8 *)(dst + ((oh + 3) * 58 + (c0 + 8))))[0] = y;
                            __asm__ volatile("" ::: "memory");
                        }
                    }
                    {
                        const int64_t c0 = 48;
                        cnnc_v8 a0_0 = cnnc_splat8(bg);
                        cnnc_v8 a0_1 = cnnc_splat8(bg);
                        cnnc_v8 a1_0 = cnnc_splat8(bg);
                        cnnc_v8 a1_1 = cnnc_splat8(bg);
                        cnnc_v8 a2_0 = cnnc_splat8(bg);
                        cnnc_v8 a2_1 = cnnc_splat8(bg);
                        cnnc_v8 a3_0 = cnnc_splat8(bg);
                        cnnc_v8 a3_1 = cnnc_splat8(bg);
                        {
                            __asm__ volatile("" ::: "memory");
                            const float *restrict row = src + oh * 58;
                            const cnnc_v8 x0_0 = ((const cnnc_v8 *)(row + 47))[0];
                            const cnnc_v8 x1_0 = __builtin_shufflevector(((const cnnc_v8 *)(row + 48))[0], __builtin_shufflevector(((const cnnc_v8 *)(row + 50))[0], cnnc_splat8(0.0f), 6, 7, 8, 8, 8, 8, 8, 8), 7, 8, 9, 10, 11, 12, 13, 14);
                            a0_0 += x0_0 * wk[3];
                            a0_1 += x1_0 * wk[3];
                            a1_0 += x0_0 * wk[0];
                            a1_1 += x1_0 * wk[0];
                            const cnnc_v8 x0_1 = ((const cnnc_v8 *)(row + 48))[0];
                            const cnnc_v8 x1_1 = __builtin_shufflevector(((const cnnc_v8 *)(row + 50))[0], cnnc_splat8(0.0f), 6, 7, 8, 8, 8, 8, 8, 8);
                            a0_0 += x0_1 * wk[4];
                            a0_1 += x1_1 * wk[4];
                            a1_0 += x0_1 * wk[1];
                            a1_1 += x1_1 * wk[1];
                            const cnnc_v8 x0_2 = ((const cnnc_v8 *)(row + 49))[0];
                            const cnnc_v8 x1_2 = __builtin_shufflevector(__builtin_shufflevector(((const cnnc_v8 *)(row + 50))[0], cnnc_splat8(0.0f), 6, 7, 8, 8, 8, 8, 8, 8), cnnc_splat8(0.0f), 1, 2, 3, 4, 5, 6, 7, 8);
                            a0_0 += x0_2 * wk[5];
                            a0_1 += x1_2 * wk[5];
                            a1_0 += x0_2 * wk[2];
                            a1_1 += x1_2 * wk[2];
                        }
                        {
                            __asm__ volatile("" ::: "memory");
                            const float *restrict row = src + (oh + 1) * 58;
                            const cnnc_v8 x0_0 = ((const cnnc_v8 *)(row + 47))[0];
                            const cnnc_v8 x1_0 = __builtin_shufflevector(((const cnnc_v8 *)(row + 48))[0], __builtin_shufflevector(((const cnnc_v8 *)(row + 50))[0], cnnc_splat8(0.0f), 6, 7, 8, 8, 8, 8, 8, 8), 7, 8, 9, 10, 11, 12, 13, 14);
                            a0_0 += x0_0 * wk[6];
                            a0_1 += x1_0 * wk[6];
                            a1_0 += x0_0 * wk[3];
                            a1_1 += x1_0 * wk[3];
                            a2_0 += x0_0 * wk[0];
                            a2_1 += x1_0 * wk[0];
                            const cnnc_v8 x0_1 = ((const cnnc_v8 *)(row + 48))[0];
                            const cnnc_v8 x1_1 = __builtin_shufflevector(((const cnnc_v8 *)(row + 50))[0], cnnc_splat8(0.0f), 6, 7, 8, 8, 8, 8, 8, 8);
                            a0_0 += x0_1 * wk[7];
                            a0_1 += x1_1 * wk[7];
                            a1_0 += x0_1 * wk[4];
                            a1_1 += x1_1 * wk[4];
                            a2_0 += x0_1 * wk[1];
                            a2_1 += x1_1 * wk[1];
                            const cnnc_v8 x0_2 = ((const cnnc_v8 *)(row + 49))[0];
                            const cnnc_v8 x1_2 = __builtin_shufflevector(__builtin_shufflevector(((const cnnc_v8 *)(row + 50))[0], cnnc_splat8(0.0f), 6, 7, 8, 8, 8, 8, 8, 8), cnnc_splat8(0.0f), 1, 2, 3, 4, 5, 6, 7, 8);
                            a0_0 += x0_2 * wk[8];
                            a0_1 += x1_2 * wk[8];
                            a1_0 += x0_2 * wk[5];
                            a1_1 += x1_2 * wk[5];
                            a2_0 += x0_2 * wk[2];
                            a2_1 += x1_2 * wk[2];
                        }
                        {
                            __asm__ volatile("" ::: "memory");
                            const float *restrict row = src + (oh + 2) * 58;
                            const cnnc_v8 x0_0 = ((const cnnc_v8 *)(row + 47))[0];
                            const cnnc_v8 x1_0 = __builtin_shufflevector(((const cnnc_v8 *)(row + 48))[0], __builtin_shufflevector(((const cnnc_v8 *)(row + 50))[0], cnnc_splat8(0.0f), 6, 7, 8, 8, 8, 8, 8, 8), 7, 8, 9, 10, 11, 12, 13, 14);
                            a1_0 += x0_0 * wk[6];
                            a1_1 += x1_0 * wk[6];
                            a2_0 += x0_0 * wk[3];
                            a2_1 += x1_0 * wk[3];
                            a3_0 += x0_0 * wk[0];
                            a3_1 += x1_0 * wk[0];
                            const cnnc_v8 x0_1 = ((const cnnc_v8 *)(row + 48))[0];
                            const cnnc_v8 x1_1 = __builtin_shufflevector(((const cnnc_v8 *)(row + 50))[0], cnnc_splat8(0.0f), 6, 7, 8, 8, 8, 8, 8, 8);
                            a1_0 += x0_1 * wk[7];
                            a1_1 += x1_1 * wk[7];
                            a2_0 += x0_1 * wk[4];
                            a2_1 += x1_1 * wk[4];
                            a3_0 += x0_1 * wk[1];
                            a3_1 += x1_1 * wk[1];
                            const cnnc_v8 x0_2 = ((const cnnc_v8 *)(row + 49))[0];
                            const cnnc_v8 x1_2 = __builtin_shufflevector(__builtin_shufflevector(((const cnnc_v8 *)(row + 50))[0], cnnc_splat8(0.0f), 6, 7, 8, 8, 8, 8, 8, 8), cnnc_splat8(0.0f), 1, 2, 3, 4, 5, 6, 7, 8);
                            a1_0 += x0_2 * wk[8];
                            a1_1 += x1_2 * wk[8];
                            a2_0 += x0_2 * wk[5];
                            a2_1 += x1_2 * wk[5];
                            a3_0 += x0_2 * wk[2];
                            a3_1 += x1_2 * wk[2];
                        }
                        {
                            __asm__ volatile("" ::: "memory");
                            const float *restrict row = src + (oh + 3) * 58;
                            const cnnc_v8 x0_0 = ((const cnnc_v8 *)(row + 47))[0];
                            const cnnc_v8 x1_0 = __builtin_shufflevector(((const cnnc_v8 *)(row + 48))[0], __builtin_shufflevector(((const cnnc_v8 *)(row + 50))[0], cnnc_splat8(0.0f), 6, 7, 8, 8, 8, 8, 8, 8), 7, 8, 9, 10, 11, 12, 13, 14);
                            a2_0 += x0_0 * wk[6];
                            a2_1 += x1_0 * wk[6];
                            a3_0 += x0_0 * wk[3];
                            a3_1 += x1_0 * wk[3];
                            const cnnc_v8 x0_1 = ((const cnnc_v8 *)(row + 48))[0];
                            const cnnc_v8 x1_1 = __builtin_shufflevector(((const cnnc_v8 *)(row + 50))[0], cnnc_splat8(0.0f), 6, 7, 8, 8, 8, 8, 8, 8);
                            a2_0 += x0_1 * wk[7];
                            a2_1 += x1_1 * wk[7];
                            a3_0 += x0_1 * wk[4];
                            a3_1 += x1_1 * wk[4];
                            const cnnc_v8 x0_2 = ((const cnnc_v8 *)(row + 49))[0];
                            const cnnc_v8 x1_2 = __builtin_shufflevector(__builtin_shufflevector(((const cnnc_v8 *)(row + 50))[0], cnnc_splat8(0.0f), 6, 7, 8, 8, 8, 8, 8, 8), cnnc_splat8(0.0f), 1, 2, 3, 4, 5, 6, 7, 8);
                            a2_0 += x0_2 * wk[8];
                            a2_1 += x1_2 * wk[8];
                            a3_0 += x0_2 * wk[5];
                            a3_1 += x1_2 * wk[5];
                        }
                        {
                            __asm__ volatile("" ::: "memory");
                            const float *restrict row = src + (oh + 4) * 58;
                            const cnnc_v8 x0_0 = ((const cnnc_v8 *)(row + 47))[0];
                            const cnnc_v8 x1_0 = __builtin_shufflevector(((const cnnc_v8 *)(row + 48))[0], __builtin_shufflevector(((const cnnc_v8 *)(row + 50))[0], cnnc_splat8(0.0f), 6, 7, 8, 8, 8, 8, 8, 8), 7, 8, 9, 10, 11, 12, 13, 14);
                            a3_0 += x0_0 * wk[6];
                            a3_1 += x1_0 * wk[6];
                            const cnnc_v8 x0_1 = ((const cnnc_v8 *)(row + 48))[0];
                            const cnnc_v8 x1_1 = __builtin_shufflevector(((const cnnc_v8 *)(row + 50))[0], cnnc_splat8(0.0f), 6, 7, 8, 8, 8, 8, 8, 8);
                            a3_0 += x0_1 * wk[7];
                            a3_1 += x1_1 * wk[7];
                            const cnnc_v8 x0_2 = ((const cnnc_v8 *)(row + 49))[0];
                            const cnnc_v8 x1_2 = __builtin_shufflevector(__builtin_shufflevector(((const cnnc_v8 *)(row + 50))[0], cnnc_splat8(0.0f), 6, 7, 8, 8, 8, 8, 8, 8), cnnc_splat8(0.0f), 1, 2, 3, 4, 5, 6, 7, 8);
                            a3_0 += x0_2 * wk[8];
                            a3_1 += x1_2 * wk[8];
                        }
                        {
                            cnnc_v8 y = a0_0;
                            y = cnnc_select8((cnnc_i8)(y < cnnc_splat8(0.0f)), cnnc_splat8(0.0f), y);
                            ((cnnc_v8 *)(dst + (oh * 58 + c0)))[0] = y;
                            __asm__ volatile("" ::: "memory");
                        }
                        {
                            cnnc_v8 y = a0_1;
                            y = cnnc_select8((cnnc_i8)(y < cnnc_splat8(0.0f)), cnnc_splat8(0.0f), y);
                            memcpy(dst + (oh * 58 + (c0 + 8)), &y, 8);
                            __asm__ volatile("" ::: "memory");
                        }
                        {
                            cnnc_v8 y = a1_0;
                            y = cnnc_select8((cnnc_i8)(y < cnnc_splat8(0.0f)), cnnc_splat8(0.0f), y);
                            ((cnnc_v8 *)(dst + ((oh + 1) * 58 + c0)))[0] = y;
                            __asm__ volatile("" ::: "memory");
                        }
                        {
                            cnnc_v8 y = a1_1;
                            y = cnnc_select8((cnnc_i8)(y < cnnc_splat8(0.0f)), cnnc_splat8(0.0f), y);
                            memcpy(dst + ((oh + 1) * 58 + (c0 + 8)), &y, 8);
                            __asm__ volatile("" ::: "memory");
                        }
                        {
                            cnnc_v8 y = a2_0;
                            y = cnnc_select8((cnnc_i8)(y < cnnc_splat8(0.0f)), cnnc_splat8(0.0f), y);
                            ((cnnc_v8 *)(dst + ((oh + 2) * 58 + c0)))[0] = y;
                            __asm__ volatile("" ::: "memory");
                        }
                        {
                            cnnc_v8 y = a2_1;
                            y = cnnc_select8((cnnc_i8)(y < cnnc_splat8(0.0f)), cnnc_splat8(0.0f), y);
                            memcpy(dst + ((oh + 2) * 58 + (c0 + 8)), &y, 8);
                            __asm__ volatile("" ::: "memory");
                        }
                        {
                            cnnc_v8 y = a3_0;
                            y = cnnc_select8((cnnc_i8)(y < cnnc_splat8(0.0f)), cnnc_splat8(0.0f), y);
                            ((cnnc_v8 *)(dst + ((oh + 3) * 58 + c0)))[0] = y;
                            __asm__ volatile("" ::: "memory");
                        }
                        {
                            cnnc_v8 y = a3_1;
                            y = cnnc_select8((cnnc_i8)(y < cnnc_splat8(0.0f)), cnnc_splat8(0.0f), y);
                            memcpy(dst + ((oh + 3) * 58 + (c0 + 8)), &y, 8);
                            __asm__ volatile("" ::: "memory");
                        }
                    }
                }
                for (int64_t oh = 4; oh < 12; oh += 4) {
                    {
                        const int64_t c0 = 0;
                        cnnc_v8 a0_0 = cnnc_splat8(bg);
                        cnnc_v8 a0_1 = cnnc_splat8(bg);
                        cnnc_v8 a1_0 = cnnc_splat8(bg);
                        cnnc_v8 a1_1 = cnnc_splat8(bg);
                        cnnc_v8 a2_0 = cnnc_splat8(bg);
                        cnnc_v8 a2_1 = cnnc_splat8(bg);
                        cnnc_v8 a3_0 = cnnc_splat8(bg);
                        cnnc_v8 a3_1 = cnnc_splat8(bg);
                        {
                            __asm__ volatile("" ::: "memory");
                            const float *restrict row = src + (oh + -1) * 58;
                            const cnnc_v8 x0_0 = __builtin_shufflevector(cnnc_splat8(0.0f), ((const cnnc_v8 *)row)[0], 7, 8, 9, 10, 11, 12, 13, 14);
                            const cnnc_v8 x1_0 = ((const cnnc_v8 *)(row + 7))[0];
                            a0_0 += x0_0 * wk[0];
                            a0_1 += x1_0 * wk[0];
                            const cnnc_v8 x0_1 = ((const cnnc_v8 *)row)[0];
                            const cnnc_v8 x1_1 = ((const cnnc_v8 *)(row + 8))[0];
                            a0_0 += x0_1 * wk[1];
                            a0_1 += x1_1 * wk[1];
                            const cnnc_v8 x0_2 = ((const cnnc_v8 *)(row + 1))[0];
                            const cnnc_v8 x1_2 = ((const cnnc_v8 *)(row + 9))[0];
                            a0_0 += x0_2 * wk[2];
                            a0_1 += x1_2 * wk[2];
                        }
                        {
                            __asm__ volatile("" ::: "memory");
                            const float *restrict row = src + oh * 58;
                            const cnnc_v8 x0_0 = __builtin_shufflevector(cnnc_splat8(0.0f), ((const cnnc_v8 *)row)[0], 7, 8, 9, 10, 11, 12, 13, 14);
                            const cnnc_v8 x1_0 = ((const cnnc_v8 *)(row + 7))[0];
                            a0_0 += x0_0 * wk[3];
                            a0_1 += x1_0 * wk[3];
                            a1_0 += x0_0 * wk[0];
                            a1_1 += x1_0 * wk[0];
                            const cnnc_v8 x0_1 = ((const cnnc_v8 *)row)[0];
                            const cnnc_v8 x1_1 = ((const cnnc_v8 *)(row + 8))[0];
                            a0_0 += x0_1 * wk[4];
                            a0_1 += x1_1 * wk[4];
                            a1_0 += x0_1 * wk[1];
                            a1_1 += x1_1 * wk[1];
                            const cnnc_v8 x0_2 = ((const cnnc_v8 *)(row + 1))[0];
                            const cnnc_v8 x1_2 = ((const cnnc_v8 *)(row + 9))[0];
                            a0_0 += x0_2 * wk[5];
                            a0_1 += x1_2 * wk[5];
                            a1_0 += x0_2 * wk[2];
                            a1_1 += x1_2 * wk[2];
                        }
                        {
                            __asm__ volatile("" ::: "memory");
                            const float *restrict row = src + (oh + 1) * 58;
                            const cnnc_v8 x0_0 = __builtin_shufflevector(cnnc_splat8(0.0f), ((const cnnc_v8 *)row)[0], 7, 8, 9, 10, 11, 12, 13, 14);
                            const cnnc_v8 x1_0 = ((const cnnc_v8 *)(row + 7))[0];
                            a0_0 += x0_0 * wk[6];
                            a0_1 += x1_0 * wk[6];
                            a1_0 += x0_0 * wk[3];
                            a1_1 += x1_0 * wk[3];
                            a2_0 += x0_0 * wk[0];
                            a2_1 += x1_0 * wk[0];
                            const cnnc_v8 x0_1 = ((const cnnc_v8 *)row)[0];
                            const cnnc_v8 x1_1 = ((const cnnc_v8 *)(row + 8))[0];
                            a0_0 += x0_1 * wk[7];
                            a0_1 += x1_1 * wk[7];
                            a1_0 += x0_1 * wk[4];
                            a1_1 += x1_1 * wk[4];
                            a2_0 += x0_1 * wk[1];
                            a2_1 += x1_1 * wk[1];
                            const cnnc_v8 x0_2 = ((const cnnc_v8 *)(row + 1))[0];
                            const cnnc_v8 x1_2 = ((const cnnc_v8 *)(row + 9))[0];
                            a0_0 += x0_2 * wk[8];
                            a0_1 += x1_2 * wk[8];
                            a1_0 += x0_2 * wk[5];
                            a1_1 += x1_2 * wk[5];
                            a2_0 += x0_2 * wk[2];
                            a2_1 += x1_2 * wk[2];
                        }
                        {
                            __asm__ volatile("" ::: "memory");
                            const float *restrict row = src + (oh + 2) * 58;
                            const cnnc_v8 x0_0 = __builtin_shufflevector(cnnc_splat8(0.0f), ((const cnnc_v8 *)row)[0], 7, 8, 9, 10, 11, 12, 13, 14);
                            const cnnc_v8 x1_0 = ((const cnnc_v8 *)(row + 7))[0];
                            a1_0 += x0_0 * wk[6];
                            a1_1 += x1_0 * wk[6];
                            a2_0 += x0_0 * wk[3];
                            a2_1 += x1_0 * wk[3];
                            a3_0 += x0_0 * wk[0];
                            a3_1 += x1_0 * wk[0];
                            const cnnc_v8 x0_1 = ((const cnnc_v8 *)row)[0];
                            const cnnc_v8 x1_1 = ((const cnnc_v8 *)(row + 8))[0];
                            a1_0 += x0_1 * wk[7];
                            a1_1 += x1_1 * wk[7];
                            a2_0 += x0_1 * wk[4];
                            a2_1 += x1_1 * wk[4];
                            a3_0 += x0_1 * wk[1];
                            a3_1 += x1_1 * wk[1];
                            const cnnc_v8 x0_2 = ((const cnnc_v8 *)(row + 1))[0];
                            const cnnc_v8 x1_2 = ((const cnnc_v8 *)(row + 9))[0];
                            a1_0 += x0_2 * wk[8];
                            a1_1 += x1_2 * wk[8];
                            a2_0 += x0_2 * wk[5];
                            a2_1 += x1_2 * wk[5];
                            a3_0 += x0_2 * wk[2];
                            a3_1 += x1_2 * wk[2];
                        }
                        {
                            __asm__ volatile("" ::: "memory");
                            const float *restrict row = src + (oh + 3) * 58;
                            const cnnc_v8 x0_0 = __builtin_shufflevector(cnnc_splat8(0.0f), ((const cnnc_v8 *)row)[0], 7, 8, 9, 10, 11, 12, 13, 14);
                            const cnnc_v8 x1_0 = ((const cnnc_v8 *)(row + 7))[0];
                            a2_0 += x0_0 * wk[6];
                            a2_1 += x1_0 * wk[6];
                            a3_0 += x0_0 * wk[3];
                            a3_1 += x1_0 * wk[3];
                            const cnnc_v8 x0_1 = ((const cnnc_v8 *)row)[0];
                            const cnnc_v8 x1_1 = ((const cnnc_v8 *)(row + 8))[0];
                            a2_0 += x0_1 * wk[7];
                            a2_1 += x1_1 * wk[7];
                            a3_0 += x0_1 * wk[4];
                            a3_1 += x1_1 * wk[4];
                            const cnnc_v8 x0_2 = ((const cnnc_v8 *)(row + 1))[0];
                            const cnnc_v8 x1_2 = ((const cnnc_v8 *)(row + 9))[0];
                            a2_0 += x0_2 * wk[8];
                            a2_1 += x1_2 * wk[8];
                            a3_0 += x0_2 * wk[5];
                            a3_1 += x1_2 * wk[5];
                        }
                        {
                            __asm__ volatile("" ::: "memory");
                            const float *restrict row = src + (oh + 4) * 58;
                            const cnnc_v8 x0_0 = __builtin_shufflevector(cnnc_splat8(0.0f), ((const cnnc_v8 *)row)[0], 7, 8, 9, 10, 11, 12, 13, 14);
                            const cnnc_v8 x1_0 = ((const cnnc_v8 *)(row + 7))[0];
                            a3_0 += x0_0 * wk[6];
                            a3_1 += x1_0 * wk[6];
                            const cnnc_v8 x0_1 = ((const cnnc_v8 *)row)[0];
                            const cnnc_v8 x1_1 = ((const cnnc_v8 *)(row + 8))[0];
                            a3_0 += x0_1 * wk[7];
                            a3_1 += x1_1 * wk[7];
                            const cnnc_v8 x0_2 = ((const cnnc_v8 *)(row + 1))[0];
                            const cnnc_v8 x1_2 = ((const cnnc_v8 *)(row + 9))[0];
                            a3_0 += x0_2 * wk[8];
                            a3_1 += x1_2 * wk[8];
                        }
                        {
                            cnnc_v8 y = a0_0;
                            y = cnnc_select8((cnnc_i8)(y < cnnc_splat8(0.0f)), cnnc_splat8(0.0f), y);
                            ((cnnc_v8 *)(dst + (oh * 58 + c0)))[0] = y;
                            __asm__ volatile("" ::: "memory");
                        }
                        {
                            cnnc_v8 y = a0_1;
                            y = cnnc_select8((cnnc_i8)(y < cnnc_splat8(0.0f)), cnnc_splat8(0.0f), y);
                            ((cnnc_v8 *)(dst + (oh * 58 + (c0 + 8))))[0] = y;
                            __asm__ volatile("" ::: "memory");
                        }
                        {
                            cnnc_v8 y = a1_0;
                            y = cnnc_select8((cnnc_i8)(y < cnnc_splat8(0.0f)), cnnc_splat8(0.0f), y);
                            ((cnnc_v8 *)(dst + ((oh + 1) * 58 + c0)))[0] = y;
                            __asm__ volatile("" ::: "memory");
                        }
                        {
                            cnnc_v8 y = a1_1;
                            y = cnnc_select8((cnnc_i8)(y < cnnc_splat8(0.0f)), cnnc_splat8(0.0f), y);
                            ((cnnc_v8 *)(dst + ((oh + 1) * 58 + (c0 + 8))))[0] = y;
                            __asm__ volatile("" ::: "memory");
                        }
                        {
                            cnnc_v8 y = a2_0;
                            y = cnnc_select8((cnnc_i8)(y < cnnc_splat8(0.0f)), cnnc_splat8(0.0f), y);
                            ((cnnc_v8 *)(dst + ((oh + 2) * 58 + c0)))[0] = y;
                            __asm__ volatile("" ::: "memory");
                        }
                        {
                            cnnc_v8 y = a2_1;
                            y = cnnc_select8((cnnc_i8)(y < cnnc_splat8(0.0f)), cnnc_splat8(0.0f), y);
                            ((cnnc_v8 *)(dst + ((oh + 2) * 58 + (c0 + 8))))[0] = y;
                            __asm__ volatile("" ::: "memory");
                        }
                        {
                            cnnc_v8 y = a3_0;
                            y = cnnc_select8((cnnc_i8)(y < cnnc_splat8(0.0f)), cnnc_splat8(0.0f), y);
                            ((cnnc_v8 *)(dst + ((oh + 3) * 58 + c0)))[0] = y;
                            __asm__ volatile("" ::: "memory");
                        }
                        {
                            cnnc_v8 y = a3_1;
                            y = cnnc_select8((cnnc_i8)(y < cnnc_splat8(0.0f)), cnnc_splat8(0.0f), y);
                            ((cnnc_v8 *)(dst + ((oh + 3) * 58 + (c0 + 8))))[0] = y;
                            __asm__ volatile("" ::: "memory");
                        }
                    }
                    for (int64_t c0 = 16; c0 < 48; c0 += 16) {
                        cnnc_v8 a0_0 = cnnc_splat8(bg);
                        cnnc_v8 a0_1 = cnnc_splat8(bg);
                        cnnc_v8 a1_0 = cnnc_splat8(bg);
                        cnnc_v8 a1_1 = cnnc_splat8(bg);
                        cnnc_v8 a2_0 = cnnc_splat8(bg);
                        cnnc_v8 a2_1 = cnnc_splat8(bg);
                        cnnc_v8 a3_0 = cnnc_splat8(bg);
                        cnnc_v8 a3_1 = cnnc_splat8(bg);
                        {
                            __asm__ volatile("" ::: "memory");
                            const float *restrict row = src + (oh + -1) * 58;
                            const cnnc_v8 x0_0 = ((const cnnc_v8 *)(row + c0 + -1))[0];
                            const cnnc_v8 x1_0 = ((const cnnc_v8 *)(row + c0 + 7))[0];
                            a0_0 += x0_0 * wk[0];
                            a0_1 += x1_0 * wk[0];
                            const cnnc_v8 x0_1 = ((const cnnc_v8 *)(row + c0))[0];
                            const cnnc_v8 x1_1 = ((const cnnc_v8 *)(row + c0 + 8))[0];
                            a0_0 += x0_1 * wk[1];
                            a0_1 += x1_1 * wk[1];
                            const cnnc_v8 x0_2 = ((const cnnc_v8 *)(row + c0 + 1))[0];
                            const cnnc_v8 x1_2 = ((const cnnc_v8 *)(row + c0 + 9))[0];
                            a0_0 += x0_2 * wk[2];
                            a0_1 += x1_2 * wk[2];
                        }
                        {
                            __asm__ volatile("" ::: "memory");
                            const float *restrict row = src + oh * 58;
                            const cnnc_v8 x0_0 = ((const cnnc_v8 *)(row + c0 + -1))[0];
                            const cnnc_v8 x1_0 = ((const cnnc_v8 *)(row + c0 + 7))[0];
                            a0_0 += x0_0 * wk[3];
                            a0_1 += x1_0 * wk[3];
                            a1_0 += x0_0 * wk[0];
                            a1_1 += x1_0 * wk[0];
                            const cnnc_v8 x0_1 = ((const cnnc_v8 *)(row + c0))[0];
                            const cnnc_v8 x1_1 = ((const cnnc_v8 *)(row + c0 + 8))[0];
                            a0_0 += x0_1 * wk[4];
                            a0_1 += x1_1 * wk[4];
                            a1_0 += x0_1 * wk[1];
                            a1_1 += x1_1 * wk[1];
                            const cnnc_v8 x0_2 = ((const cnnc_v8 *)(row + c0 + 1))[0];
                            const cnnc_v8 x1_2 = ((const cnnc_v8 *)(row + c0 + 9))[0];
                            a0_0 += x0_2 * wk[5];
                            a0_1 += x1_2 * wk[5];
                            a1_0 += x0_2 * wk[2];
                            a1_1 += x1_2 * wk[2];
                        }
                        {
                            __asm__ volatile("" ::: "memory");
                            const float *restrict row = src + (oh + 1) * 58;
                            const cnnc_v8 x0_0 = ((const cnnc_v8 *)(row + c0 + -1))[0];
                            const cnnc_v8 x1_0 = ((const cnnc_v8 *)(row + c0 + 7))[0];
                            a0_0 += x0_0 * wk[6];
                            a0_1 += x1_0 * wk[6];
                            a1_0 += x0_0 * wk[3];
                            a1_1 += x1_0 * wk[3];
                            a2_0 += x0_0 * wk[0];
                            a2_1 += x1_0 * wk[0];
                            const cnnc_v8 x0_1 = ((const cnnc_v8 *)(row + c0))[0];
                            const cnnc_v8 x1_1 = ((const cnnc_v8 *)(row + c0 + 8))[0];
                            a0_0 += x0_1 * wk[7];
                            a0_1 += x1_1 * wk[7];
                            a1_0 += x0_1 * wk[4];
                            a1_1 += x1_1 * wk[4];
                            a2_0 += x0_1 * wk[1];
                            a2_1 += x1_1 * wk[1];
                            const cnnc_v8 x0_2 = ((const cnnc_v8 *)(row + c0 + 1))[0];
                            const cnnc_v8 x1_2 = ((const cnnc_v8 *)(row + c0 + 9))[0];
                            a0_0 += x0_2 * wk[8];
                            a0_1 += x1_2 * wk[8];
                            a1_0 += x0_2 * wk[5];
                            a1_1 += x1_2 * wk[5];
                            a2_0 += x0_2 * wk[2];
                            a2_1 += x1_2 * wk[2];
                        }
                        {
                            __asm__ volatile("" ::: "memory");
                            const float *restrict row = src + (oh + 2) * 58;
                            const cnnc_v8 x0_0 = ((const cnnc_v8 *)(row + c0 + -1))[0];
                            const cnnc_v8 x1_0 = ((const cnnc_v8 *)(row + c0 + 7))[0];
                            a1_0 += x0_0 * wk[6];
                            a1_1 += x1_0 * wk[6];
                            a2_0 += x0_0 * wk[3];
                            a2_1 += x1_0 * wk[3];
                            a3_0 += x0_0 * wk[0];
                            a3_1 += x1_0 * wk[0];
                            const cnnc_v8 x0_1 = ((const cnnc_v8 *)(row + c0))[0];
                            const cnnc_v8 x1_1 = ((const cnnc_v8 *)(row + c0 + 8))[0];
                            a1_0 += x0_1 * wk[7];
                            a1_1 += x1_1 * wk[7];
                            a2_0 += x0_1 * wk[4];
                            a2_1 += x1_1 * wk[4];
                            a3_0 += x0_1 * wk[1];
                            a3_1 += x1_1 * wk[1];
                            const cnnc_v8 x0_2 = ((const cnnc_v8 *)(row + c0 + 1))[0];
                            const cnnc_v8 x1_2 = ((const cnnc_v8 *)(row + c0 + 9))[0];
                            a1_0 += x0_2 * wk[8];
                            a1_1 += x1_2 * wk[8];
                            a2_0 += x0_2 * wk[5];
                            a2_1 += x1_2 * wk[5];
                            a3_0 += x0_2 * wk[2];
                            a3_1 += x1_2 * wk[2];
                        }
                        {
                            __asm__ volatile("" ::: "memory");
                            const float *restrict row = src + (oh + 3) * 58;
                            const cnnc_v8 x0_0 = ((const cnnc_v8 *)(row + c0 + -1))[0];
                            const cnnc_v8 x1_0 = ((const cnnc_v8 *)(row + c0 + 7))[0];
                            a2_0 += x0_0 * wk[6];
                            a2_1 += x1_0 * wk[6];
                            a3_0 += x0_0 * wk[3];
                            a3_1 += x1_0 * wk[3];
                            const cnnc_v8 x0_1 = ((const cnnc_v8 *)(row + c0))[0];
                            const cnnc_v8 x1_1 = ((const cnnc_v8 *)(row + c0 + 8))[0];
                            a2_0 += x0_1 * wk[7];
                            a2_1 += x1_1 * wk[7];
                            a3_0 += x0_1 * wk[4];
                            a3_1 += x1_1 * wk[4];
                            const cnnc_v8 x0_2 = ((const cnnc_v8 *)(row + c0 + 1))[0];
                            const cnnc_v8 x1_2 = ((const cnnc_v8 *)(row + c0 + 9))[0];
                            a2_0 += x0_2 * wk[8];
                            a2_1 += x1_2 * wk[8];
                            a3_0 += x0_2 * wk[5];
                            a3_1 += x1_2 * wk[5];
                        }
                        {
                            __asm__ volatile("" ::: "memory");
                            const float *restrict row = src + (oh + 4) * 58;
                            const cnnc_v8 x0_0 = ((const cnnc_v8 *)(row + c0 + -1))[0];
                            const cnnc_v8 x1_0 = ((const cnnc_v8 *)(row + c0 + 7))[0];
                            a3_0 += x0_0 * wk[6];
                            a3_1 += x1_0 * wk[6];
                            const cnnc_v8 x0_1 = ((const cnnc_v8 *)(row + c0))[0];
                            const cnnc_v8 x1_1 = ((const cnnc_v8 *)(row + c0 + 8))[0];
                            a3_0 += x0_1 * wk[7];
                            a3_1 += x1_1 * wk[7];
                            const cnnc_v8 x0_2 = ((const cnnc_v8 *)(row + c0 + 1))[0];
                            const cnnc_v8 x1_2 = ((const cnnc_v8 *)(row + c0 + 9))[0];
                            a3_0 += x0_2 * wk[8];
                            a3_1 += x1_2 * wk[8];
                        }
                        {
                            cnnc_v8 y = a0_0;
                            y = cnnc_select8((cnnc_i8)(y < cnnc_splat8(0.0f)), cnnc_splat8(0.0f), y);
                            ((cnnc_v8 *)(dst + (oh * 58 + c0)))[0] = y;
                            __asm__ volatile("" ::: "memory");
                        }
                        {
                            cnnc_v8 y = a0_1;
                            y = cnnc_select8((cnnc_i8)(y < cnnc_splat8(0.0f)), cnnc_splat8(0.0f), y);
                            ((cnnc_v8 *)(dst + (oh * 58 + (c0 + 8))))[0] = y;
                            __asm__ volatile("" ::: "memory");
                        }
                        {
                            cnnc_v8 y = a1_0;
                            y = cnnc_select8((cnnc_i8)(y < cnnc_splat8(0.0f)), cnnc_splat8(0.0f), y);
                            ((cnnc_v8 *)(dst + ((oh + 1) * 58 + c0)))[0] = y;
                            __asm__ volatile("" ::: "memory");
                        }
                        {
                            cnnc_v8 y = a1_1;
                            y = cnnc_select8((cnnc_i8)(y < cnnc_splat8(0.0f)), cnnc_splat8(0.0f), y);
                            ((cnnc_v8 *)(dst + ((oh + 1) * 58 + (c0 + 8))))[0] = y;
                            __asm__ volatile("" ::: "memory");
                        }
                        {
                            cnnc_v8 y = a2_0;
                            y = cnnc_select8((cnnc_i8)(y < cnnc_splat8(0.0f)), cnnc_splat8(0.0f), y);
                            ((cnnc_v8 *)(dst + ((oh + 2) * 58 + c0)))[0] = y;
                            __asm__ volatile("" ::: "memory");
                        }
                        {
                            cnnc_v8 y = a2_1;
                            y = cnnc_select8((cnnc_i8)(y < cnnc_splat8(0.0f)), cnnc_splat8(0.0f), y);
                            ((cnnc_v8 *)(dst + ((oh + 2) * 58 + (c0 + 8))))[0] = y;
                            __asm__ volatile("" ::: "memory");
                        }
                        {
                            cnnc_v8 y = a3_0;
                            y = cnnc_select8((cnnc_i8)(y < cnnc_splat8(0.0f)), cnnc_splat8(0.0f), y);
                            ((cnnc_v8 *)(dst + ((oh + 3) * 58 + c0)))[0] = y;
                            __asm__ volatile("" ::: "memory");
                        }
                        {
                            cnnc_v8 y = a3_1;
                            y = cnnc_select8((cnnc_i8)(y < cnnc_splat8(0.0f)), cnnc_splat8(0.0f), y);
                            ((cnnc_v8 *)(dst + ((oh + 3) * 58 + (c0 + 8))))[0] = y;
                            __asm__ volatile("" ::: "memory");
                        }
                    }
                    {
                        const int64_t c0 = 48;
                        cnnc_v8 a0_0 = cnnc_splat8(bg);
                        cnnc_v8 a0_1 = cnnc_splat8(bg);
                        cnnc_v8 a1_0 = cnnc_splat8(bg);
                        cnnc_v8 a1_1 = cnnc_splat8(bg);
                        cnnc_v8 a2_0 = cnnc_splat8(bg);
                        cnnc_v8 a2_1 = cnnc_splat8(bg);
                        cnnc_v8 a3_0 = cnnc_splat8(bg);
                        cnnc_v8 a3_1 = cnnc_splat8(bg);
                        {
                            __asm__ volatile("" ::: "memory");
                            const float *restrict row = src + (oh + -1) * 58;
                            const cnnc_v8 x0_0 = ((const cnnc_v8 *)(row + 47))[0];
                            const cnnc_v8 x1_0 = __builtin_shufflevector(((const cnnc_v8 *)(row + 48))[0], __builtin_shufflevector(((const cnnc_v8 *)(row + 50))[0], cnnc_splat8(0.0f), 6, 7, 8, 8, 8, 8, 8, 8), 7, 8, 9, 10, 11, 12, 13, 14);
                            a0_0 += x0_0 * wk[0];
                            a0_1 += x1_0 * wk[0];
                            const cnnc_v8 x0_1 = ((const cnnc_v8 *)(row + 48))[0];
                            const cnnc_v8 x1_1 = __builtin_shufflevector(((const cnnc_v8 *)(row + 50))[0], cnnc_splat8(0.0f), 6, 7, 8, 8, 8, 8, 8, 8);
                            a0_0 += x0_1 * wk[1];
                            a0_1 += x1_1 * wk[1];
                            const cnnc_v8 x0_2 = ((const cnnc_v8 *)(row + 49))[0];
                            const cnnc_v8 x1_2 = __builtin_shufflevector(__builtin_shufflevector(((const cnnc_v8 *)(row + 50))[0], cnnc_splat8(0.0f), 6, 7, 8, 8, 8, 8, 8, 8), cnnc_splat8(0.0f), 1, 2, 3, 4, 5, 6, 7, 8);
                            a0_0 += x0_2 * wk[2];
                            a0_1 += x1_2 * wk[2];
                        }
                        {
                            __asm__ volatile("" ::: "memory");
                            const float *restrict row = src + oh * 58;
                            const cnnc_v8 x0_0 = ((const cnnc_v8 *)(row + 47))[0];
                            const cnnc_v8 x1_0 = __builtin_shufflevector(((const cnnc_v8 *)(row + 48))[0], __builtin_shufflevector(((const cnnc_v8 *)(row + 50))[0], cnnc_splat8(0.0f), 6, 7, 8, 8, 8, 8, 8, 8), 7, 8, 9, 10, 11, 12, 13, 14);
                            a0_0 += x0_0 * wk[3];
                            a0_1 += x1_0 * wk[3];
                            a1_0 += x0_0 * wk[0];
                            a1_1 += x1_0 * wk[0];
                            const cnnc_v8 x0_1 = ((const cnnc_v8 *)(row + 48))[0];
                            const cnnc_v8 x1_1 = __builtin_shufflevector(((const cnnc_v8 *)(row + 50))[0], cnnc_splat8(0.0f), 6, 7, 8, 8, 8, 8, 8, 8);
                            a0_0 += x0_1 * wk[4];
                            a0_1 += x1_1 * wk[4];
                            a1_0 += x0_1 * wk[1];
                            a1_1 += x1_1 * wk[1];
                            const cnnc_v8 x0_2 = ((const cnnc_v8 *)(row + 49))[0];
                            const cnnc_v8 x1_2 = __builtin_shufflevector(__builtin_shufflevector(((const cnnc_v8 *)(row + 50))[0], cnnc_splat8(0.0f), 6, 7, 8, 8, 8, 8, 8, 8), cnnc_splat8(0.0f), 1, 2, 3, 4, 5, 6, 7, 8);
                            a0_0 += x0_2 * wk[5];
                            a0_1 += x1_2 * wk[5];
                            a1_0 += x0_2 * wk[2];
                            a1_1 += x1_2 * wk[2];
                        }
                        {
                            __asm__ volatile("" ::: "memory");
                            const float *restrict row = src + (oh + 1) * 58;
                            const cnnc_v8 x0_0 = ((const cnnc_v8 *)(row + 47))[0];
                            const cnnc_v8 x1_0 = __builtin_shufflevector(((const cnnc_v8 *)(row + 48))[0], __builtin_shufflevector(((const cnnc_v8 *)(row + 50))[0], cnnc_splat8(0.0f), 6, 7, 8, 8, 8, 8, 8, 8), 7, 8, 9, 10, 11, 12, 13, 14);
                            a0_0 += x0_0 * wk[6];
                            a0_1 += x1_0 * wk[6];
                            a1_0 += x0_0 * wk[3];
                            a1_1 += x1_0 * wk[3];
                            a2_0 += x0_0 * wk[0];
                            a2_1 += x1_0 * wk[0];
                            const cnnc_v8 x0_1 = ((const cnnc_v8 *)(row + 48))[0];
                            const cnnc_v8 x1_1 = __builtin_shufflevector(((const cnnc_v8 *)(row + 50))[0], cnnc_splat8(0.0f), 6, 7, 8, 8, 8, 8, 8, 8);
                            a0_0 += x0_1 * wk[7];
                            a0_1 += x1_1 * wk[7];
                            a1_0 += x0_1 * wk[4];
                            a1_1 += x1_1 * wk[4];
                            a2_0 += x0_1 * wk[1];
                            a2_1 += x1_1 * wk[1];
                            const cnnc_v8 x0_2 = ((const cnnc_v8 *)(row + 49))[0];
                            const cnnc_v8 x1_2 = __builtin_shufflevector(__builtin_shufflevector(((const cnnc_v8 *)(row + 50))[0], cnnc_splat8(0.0f), 6, 7, 8, 8, 8, 8, 8, 8), cnnc_splat8(0.0f), 1, 2, 3, 4, 5, 6, 7, 8);
                            a0_0 += x0_2 * wk[8];
                            a0_1 += x1_2 * wk[8];
                            a1_0 += x0_2 * wk[5];
                            a1_1 += x1_2 * wk[5];
                            a2_0 += x0_2 * wk[2];
                            a2_1 += x1_2 * wk[2];
                        }
                        {
                            __asm__ volatile("" ::: "memory");
                            const float *restrict row = src + (oh + 2) * 58;
                            const cnnc_v8 x0_0 = ((const cnnc_v8 *)(row + 47))[0];
                            const cnnc_v8 x1_0 = __builtin_shufflevector(((const cnnc_v8 *)(row + 48))[0], __builtin_shufflevector(((const cnnc_v8 *)(row + 50))[0], cnnc_splat8(0.0f), 6, 7, 8, 8, 8, 8, 8, 8), 7, 8, 9, 10, 11, 12, 13, 14);
                            a1_0 += x0_0 * wk[6];
                            a1_1 += x1_0 * wk[6];
                            a2_0 += x0_0 * wk[3];
                            a2_1 += x1_0 * wk[3];
                            a3_0 += x0_0 * wk[0];
                            a3_1 += x1_0 * wk[0];
                            const cnnc_v8 x0_1 = ((const cnnc_v8 *)(row + 48))[0];
                            const cnnc_v8 x1_1 = __builtin_shufflevector(((const cnnc_v8 *)(row + 50))[0], cnnc_splat8(0.0f), 6, 7, 8, 8, 8, 8, 8, 8);
                            a1_0 += x0_1 * wk[7];
                            a1_1 += x1_1 * wk[7];
                            a2_0 += x0_1 * wk[4];
                            a2_1 += x1_1 * wk[4];
                            a3_0 += x0_1 * wk[1];
                            a3_1 += x1_1 * wk[1];
                            const cnnc_v8 x0_2 = ((const cnnc_v8 *)(row + 49))[0];
                            const cnnc_v8 x1_2 = __builtin_shufflevector(__builtin_shufflevector(((const cnnc_v8 *)(row + 50))[0], cnnc_splat8(0.0f), 6, 7, 8, 8, 8, 8, 8, 8), cnnc_splat8(0.0f), 1, 2, 3, 4, 5, 6, 7, 8);
                            a1_0 += x0_2 * wk[8];
                            a1_1 += x1_2 * wk[8];
                            a2_0 += x0_2 * wk[5];
                            a2_1 += x1_2 * wk[5];
                            a3_0 += x0_2 * wk[2];
                            a3_1 += x1_2 * wk[2];
                        }
                        {
                            __asm__ volatile("" ::: "memory");
                            const float *restrict row = src + (oh + 3) * 58;
                            const cnnc_v8 x0_0 = ((const cnnc_v8 *)(row + 47))[0];
                            const cnnc_v8 x1_0 = __builtin_shufflevector(((const cnnc_v8 *)(row + 48))[0], __builtin_shufflevector(((const cnnc_v8 *)(row + 50))[0], cnnc_splat8(0.0f), 6, 7, 8, 8, 8, 8, 8, 8), 7, 8, 9, 10, 11, 12, 13, 14);
                            a2_0 += x0_0 * wk[6];
                            a2_1 += x1_0 * wk[6];
                            a3_0 += x0_0 * wk[3];
                            a3_1 += x1_0 * wk[3];
                            const cnnc_v8 x0_1 = ((const cnnc_v8 *)(row + 48))[0];
                            const cnnc_v8 x1_1 = __builtin_shufflevector(((const cnnc_v8 *)(row + 50))[0], cnnc_splat8(0.0f), 6, 7, 8, 8, 8, 8, 8, 8);
                            a2_0 += x0_1 * wk[7];
                            a2_1 += x1_1 * wk[7];
                            a3_0 += x0_1 * wk[4];
                            a3_1 += x1_1 * wk[4];
                            const cnnc_v8 x0_2 = ((const cnnc_v8 *)(row + 49))[0];
                            const cnnc_v8 x1_2 = __builtin_shufflevector(__builtin_shufflevector(((const cnnc_v8 *)(row + 50))[0], cnnc_splat8(0.0f), 6, 7, 8, 8, 8, 8, 8, 8), cnnc_splat8(0.0f), 1, 2, 3, 4, 5, 6, 7, 8);
                            a2_0 += x0_2 * wk[8];
                            a2_1 += x1_2 * wk[8];
                            a3_0 += x0_2 * wk[5];
                            a3_1 += x1_2 * wk[5];
                        }
                        {
                            __asm__ volatile("" ::: "memory");
                            const float *restrict row = src + (oh + 4) * 58;
                            const cnnc_v8 x0_0 = ((const cnnc_v8 *)(row + 47))[0];
                            const cnnc_v8 x1_0 = __builtin_shufflevector(((const cnnc_v8 *)(row + 48))[0], __builtin_shufflevector(((const cnnc_v8 *)(row + 50))[0], cnnc_splat8(0.0f), 6, 7, 8, 8, 8, 8, 8, 8), 7, 8, 9, 10, 11, 12, 13, 14);
                            a3_0 += x0_0 * wk[6];
                            a3_1 += x1_0 * wk[6];
                            const cnnc_v8 x0_1 = ((const cnnc_v8 *)(row + 48))[0];
                            const cnnc_v8 x1_1 = __builtin_shufflevector(((const cnnc_v8 *)(row + 50))[0], cnnc_splat8(0.0f), 6, 7, 8, 8, 8, 8, 8, 8);
                            a3_0 += x0_1 * wk[7];
                            a3_1 += x1_1 * wk[7];
                            const cnnc_v8 x0_2 = ((const cnnc_v8 *)(row + 49))[0];
                            const cnnc_v8 x1_2 = __builtin_shufflevector(__builtin_shufflevector(((const cnnc_v8 *)(row + 50))[0], cnnc_splat8(0.0f), 6, 7, 8, 8, 8, 8, 8, 8), cnnc_splat8(0.0f), 1, 2, 3, 4, 5, 6, 7, 8);
                            a3_0 += x0_2 * wk[8];
                            a3_1 += x1_2 * wk[8];
                        }
                        {
                            cnnc_v8 y = a0_0;
                            y = cnnc_select8((cnnc_i8)(y < cnnc_splat8(0.0f)), cnnc_splat8(0.0f), y);
                            ((cnnc_v8 *)(dst + (oh * 58 + c0)))[0] = y;
                            __asm__ volatile("" ::: "memory");
                        }
                        {
                            cnnc_v8 y = a0_1;
                            y = cnnc_select8((cnnc_i8)(y < cnnc_splat8(0.0f)), cnnc_splat8(0.0f), y);
                            memcpy(dst + (oh * 58 + (c0 + 8)), &y, 8);
                            __asm__ volatile("" ::: "memory");
                        }
                        {
                            cnnc_v8 y = a1_0;
                            y = cnnc_select8((cnnc_i8)(y < cnnc_splat8(0.0f)), cnnc_splat8(0.0f), y);
                            ((cnnc_v8 *)(dst + ((oh + 1) * 58 + c0)))[0] = y;
                            __asm__ volatile("" ::: "memory");
                        }
                        {
                            cnnc_v8 y = a1_1;
                            y = cnnc_select8((cnnc_i8)(y < cnnc_splat8(0.0f)), cnnc_splat8(0.0f), y);
                            memcpy(dst + ((oh + 1) * 58 + (c0 + 8)), &y, 8);
                            __asm__ volatile("" ::: "memory");
                        }
                        {
                            cnnc_v8 y = a2_0;
                            y = cnnc_select8((cnnc_i8)(y < cnnc_splat8(0.0f)), cnnc_splat8(0.0f), y);
                            ((cnnc_v8 *)(dst + ((oh + 2) * 58 + c0)))[0] = y;
                            __asm__ volatile("" ::: "memory");
                        }
                        {
                            cnnc_v8 y = a2_1;
                            y = cnnc_select8((cnnc_i8)(y < cnnc_splat8(0.0f)), cnnc_splat8(0.0f), y);
                            memcpy(dst + ((oh + 2) * 58 + (c0 + 8)), &y, 8);
                            __asm__ volatile("" ::: "memory");
                        }
                        {
                            cnnc_v8 y = a3_0;
                            y = cnnc_select8((cnnc_i8)(y < cnnc_splat8(0.0f)), cnnc_splat8(0.0f), y);
                            ((cnnc_v8 *)(dst + ((oh + 3) * 58 + c0)))[0] = y;
                            __asm__ volatile("" ::: "memory");
                        }
                        {
                            cnnc_v8 y = a3_1;
                            y = cnnc_select8((cnnc_i8)(y < cnnc_splat8(0.0f)), cnnc_splat8(0.0f), y);
                            memcpy(dst + ((oh + 3) * 58 + (c0 + 8)), &y, 8);
                            __asm__ volatile("" ::: "memory");
                        }
                    }
                }
                {
                    const int64_t oh = 12;
                    {
                        const int64_t c0 = 0;
                        cnnc_v8 a0_0 = cnnc_splat8(bg);
                        cnnc_v8 a0_1 = cnnc_splat8(bg);
                        cnnc_v8 a1_0 = cnnc_splat8(bg);
                        cnnc_v8 a1_1 = cnnc_splat8(bg);
                        {
                            __asm__ volatile("" ::: "memory");
                            const float *restrict row = src + (oh + -1) * 58;
                            const cnnc_v8 x0_0 = __builtin_shufflevector(cnnc_splat8(0.0f), ((const cnnc_v8 *)row)[0], 7, 8, 9, 10, 11, 12, 13, 14);
                            const cnnc_v8 x1_0 = ((const cnnc_v8 *)(row + 7))[0];
                            a0_0 += x0_0 * wk[0];
                            a0_1 += x1_0 * wk[0];
                            const cnnc_v8 x0_1 = ((const cnnc_v8 *)row)[0];
                            const cnnc_v8 x1_1 = ((const cnnc_v8 *)(row + 8))[0];
                            a0_0 += x0_1 * wk[1];
                            a0_1 += x1_1 * wk[1];
                            const cnnc_v8 x0_2 = ((const cnnc_v8 *)(row + 1))[0];
                            const cnnc_v8 x1_2 = ((const cnnc_v8 *)(row + 9))[0];
                            a0_0 += x0_2 * wk[2];
                            a0_1 += x1_2 * wk[2];
                        }
                        {
                            __asm__ volatile("" ::: "memory");
                            const float *restrict row = src + oh * 58;
                            const cnnc_v8 x0_0 = __builtin_shufflevector(cnnc_splat8(0.0f), ((const cnnc_v8 *)row)[0], 7, 8, 9, 10, 11, 12, 13, 14);
                            const cnnc_v8 x1_0 = ((const cnnc_v8 *)(row + 7))[0];
                            a0_0 += x0_0 * wk[3];
                            a0_1 += x1_0 * wk[3];
                            a1_0 += x0_0 * wk[0];
                            a1_1 += x1_0 * wk[0];
                            const cnnc_v8 x0_1 = ((const cnnc_v8 *)row)[0];
                            const cnnc_v8 x1_1 = ((const cnnc_v8 *)(row + 8))[0];
                            a0_0 += x0_1 * wk[4];
                            a0_1 += x1_1 * wk[4];
                            a1_0 += x0_1 * wk[1];
                            a1_1 += x1_1 * wk[1];
                            const cnnc_v8 x0_2 = ((const cnnc_v8 *)(row + 1))[0];
                            const cnnc_v8 x1_2 = ((const cnnc_v8 *)(row + 9))[0];
                            a0_0 += x0_2 * wk[5];
                            a0_1 += x1_2 * wk[5];
                            a1_0 += x0_2 * wk[2];
                            a1_1 += x1_2 * wk[2];
                        }
                        {
                            __asm__ volatile("" ::: "memory");
                            const float *restrict row = src + (oh + 1) * 58;
                            const cnnc_v8 x0_0 = __builtin_shufflevector(cnnc_splat8(0.0f), ((const cnnc_v8 *)row)[0], 7, 8, 9, 10, 11, 12, 13, 14);
                            const cnnc_v8 x1_0 = ((const cnnc_v8 *)(row + 7))[0];
                            a0_0 += x0_0 * wk[6];
                            a0_1 += x1_0 * wk[6];
                            a1_0 += x0_0 * wk[3];
                            a1_1 += x1_0 * wk[3];
                            const cnnc_v8 x0_1 = ((const cnnc_v8 *)row)[0];
                            const cnnc_v8 x1_1 = ((const cnnc_v8 *)(row + 8))[0];
                            a0_0 += x0_1 * wk[7];
                            a0_1 += x1_1 * wk[7];
                            a1_0 += x0_1 * wk[4];
                            a1_1 += x1_1 * wk[4];
                            const cnnc_v8 x0_2 = ((const cnnc_v8 *)(row + 1))[0];
                            const cnnc_v8 x1_2 = ((const cnnc_v8 *)(row + 9))[0];
                            a0_0 += x0_2 * wk[8];
                            a0_1 += x1_2 * wk[8];
                            a1_0 += x0_2 * wk[5];
                            a1_1 += x1_2 * wk[5];
                        }
                        {
                            cnnc_v8 y = a0_0;
                            y = cnnc_select8((cnnc_i8)(y < cnnc_splat8(0.0f)), cnnc_splat8(0.0f), y);
                            ((cnnc_v8 *)(dst + (oh * 58 + c0)))[0] = y;
                            __asm__ volatile("" ::: "memory");
                        }
                        {
                            cnnc_v8 y = a0_1;
                            y = cnnc_select8((cnnc_i8)(y < cnnc_splat8(0.0f)), cnnc_splat8(0.0f), y);
                            ((cnnc_v8 *)(dst + (oh * 58 + (c0 + 8))))[0] = y;
                            __asm__ volatile("" ::: "memory");
                        }
                        {
                            cnnc_v8 y = a1_0;
                            y = cnnc_select8((cnnc_i8)(y < cnnc_splat8(0.0f)), cnnc_splat8(0.0f), y);
                            ((cnnc_v8 *)(dst + ((oh + 1) * 58 + c0)))[0] = y;
                            __asm__ volatile("" ::: "memory");
                        }
                        {
                            cnnc_v8 y = a1_1;
                            y = cnnc_select8((cnnc_i8)(y < cnnc_splat8(0.0f)), cnnc_splat8(0.0f), y);
                            ((cnnc_v8 *)(dst + ((oh + 1) * 58 + (c0 + 8))))[0] = y;
                            __asm__ volatile("" ::: "memory");
                        }
                    }
                    for (int64_t c0 = 16; c0 < 48; c0 += 16) {
                        cnnc_v8 a0_0 = cnnc_splat8(bg);
                        cnnc_v8 a0_1 = cnnc_splat8(bg);
                        cnnc_v8 a1_0 = cnnc_splat8(bg);
                        cnnc_v8 a1_1 = cnnc_splat8(bg);
                        {
                            __asm__ volatile("" ::: "memory");
                            const float *restrict row = src + (oh + -1) * 58;
                            const cnnc_v8 x0_0 = ((const cnnc_v8 *)(row + c0 + -1))[0];
                            const cnnc_v8 x1_0 = ((const cnnc_v8 *)(row + c0 + 7))[0];
                            a0_0 += x0_0 * wk[0];
                            a0_1 += x1_0 * wk[0];
                            const cnnc_v8 x0_1 = ((const cnnc_v8 *)(row + c0))[0];
                            const cnnc_v8 x1_1 = ((const cnnc_v8 *)(row + c0 + 8))[0];
                            a0_0 += x0_1 * wk[1];
                            a0_1 += x1_1 * wk[1];
                            const cnnc_v8 x0_2 = ((const cnnc_v8 *)(row + c0 + 1))[0];
                            const cnnc_v8 x1_2 = ((const cnnc_v8 *)(row + c0 + 9))[0];
                            a0_0 += x0_2 * wk[2];
                            a0_1 += x1_2 * wk[2];
                        }
                        {
                            __asm__ volatile("" ::: "memory");
                            const float *restrict row = src + oh * 58;
                            const cnnc_v8 x0_0 = ((const cnnc_v8 *)(row + c0 + -1))[0];
                            const cnnc_v8 x1_0 = ((const cnnc_v8 *)(row + c0 + 7))[0];
                            a0_0 += x0_0 * wk[3];
                            a0_1 += x1_0 * wk[3];
                            a1_0 += x0_0 * wk[0];
                            a1_1 += x1_0 * wk[0];
                            const cnnc_v8 x0_1 = ((const cnnc_v8 *)(row + c0))[0];
                            const cnnc_v8 x1_1 = ((const cnnc_v8 *)(row + c0 + 8))[0];
                            a0_0 += x0_1 * wk[4];
                            a0_1 += x1_1 * wk[4];
                            a1_0 += x0_1 * wk[1];
                            a1_1 += x1_1 * wk[1];
                            const cnnc_v8 x0_2 = ((const cnnc_v8 *)(row + c0 + 1))[0];
                            const cnnc_v8 x1_2 = ((const cnnc_v8 *)(row + c0 + 9))[0];
                            a0_0 += x0_2 * wk[5];
                            a0_1 += x1_2 * wk[5];
                            a1_0 += x0_2 * wk[2];
                            a1_1 += x1_2 * wk[2];
                        }
                        {
                            __asm__ volatile("" ::: "memory");
                            const float *restrict row = src + (oh + 1) * 58;
                            const cnnc_v8 x0_0 = ((const cnnc_v8 *)(row + c0 + -1))[0];
                            const cnnc_v8 x1_0 = ((const cnnc_v8 *)(row + c0 + 7))[0];
                            a0_0 += x0_0 * wk[6];
                            a0_1 += x1_0 * wk[6];
                            a1_0 += x0_0 * wk[3];
                            a1_1 += x1_0 * wk[3];
                            const cnnc_v8 x0_1 = ((const cnnc_v8 *)(row + c0))[0];
                            const cnnc_v8 x1_1 = ((const cnnc_v8 *)(row + c0 + 8))[0];
                            a0_0 += x0_1 * wk[7];
                            a0_1 += x1_1 * wk[7];
                            a1_0 += x0_1 * wk[4];
                            a1_1 += x1_1 * wk[4];
                            const cnnc_v8 x0_2 = ((const cnnc_v8 *)(row + c0 + 1))[0];
                            const cnnc_v8 x1_2 = ((const cnnc_v8 *)(row + c0 + 9))[0];
                            a0_0 += x0_2 * wk[8];
                            a0_1 += x1_2 * wk[8];
                            a1_0 += x0_2 * wk[5];
                            a1_1 += x1_2 * wk[5];
                        }
                        {
                            cnnc_v8 y = a0_0;
                            y = cnnc_select8((cnnc_i8)(y < cnnc_splat8(0.0f)), cnnc_splat8(0.0f), y);
                            ((cnnc_v8 *)(dst + (oh * 58 + c0)))[0] = y;
                            __asm__ volatile("" ::: "memory");
                        }
                        {
                            cnnc_v8 y = a0_1;
                            y = cnnc_select8((cnnc_i8)(y < cnnc_splat8(0.0f)), cnnc_splat8(0.0f), y);
                            ((cnnc_v8 *)(dst + (oh * 58 + (c0 + 8))))[0] = y;
                            __asm__ volatile("" ::: "memory");
                        }
                        {
                            cnnc_v8 y = a1_0;
                            y = cnnc_select8((cnnc_i8)(y < cnnc_splat8(0.0f)), cnnc_splat8(0.0f), y);
                            ((cnnc_v8 *)(dst + ((oh + 1) * 58 + c0)))[0] = y;
                            __asm__ volatile("" ::: "memory");
                        }
                        {
                            cnnc_v8 y = a1_1;
                            y = cnnc_select8((cnnc_i8)(y < cnnc_splat8(0.0f)), cnnc_splat8(0.0f), y);
                            ((cnnc_v8 *)(dst + ((oh + 1) * 58 + (c0 + 8))))[0] = y;
                            __asm__ volatile("" ::: "memory");
                        }
                    }
                    {
                        const int64_t c0 = 48;
                        cnnc_v8 a0_0 = cnnc_splat8(bg);
                        cnnc_v8 a0_1 = cnnc_splat8(bg);
                        cnnc_v8 a1_0 = cnnc_splat8(bg);
                        cnnc_v8 a1_1 = cnnc_splat8(bg);
                        {
                            __asm__ volatile("" ::: "memory");
                            const float *restrict row = src + (oh + -1) * 58;
                            const cnnc_v8 x0_0 = ((const cnnc_v8 *)(row + 47))[0];
                            const cnnc_v8 x1_0 = __builtin_shufflevector(((const cnnc_v8 *)(row + 48))[0], __builtin_shufflevector(((const cnnc_v8 *)(row + 50))[0], cnnc_splat8(0.0f), 6, 7, 8, 8, 8, 8, 8, 8), 7, 8, 9, 10, 11, 12, 13, 14);
                            a0_0 += x0_0 * wk[0];
                            a0_1 += x1_0 * wk[0];
                            const cnnc_v8 x0_1 = ((const cnnc_v8 *)(row + 48))[0];
                            const cnnc_v8 x1_1 = __builtin_shufflevector(((const cnnc_v8 *)(row + 50))[0], cnnc_splat8(0.0f), 6, 7, 8, 8, 8, 8, 8, 8);
                            a0_0 += x0_1 * wk[1];
                            a0_1 += x1_1 * wk[1];
                            const cnnc_v8 x0_2 = ((const cnnc_v8 *)(row + 49))[0];
                            const cnnc_v8 x1_2 = __builtin_shufflevector(__builtin_shufflevector(((const cnnc_v8 *)(row + 50))[0], cnnc_splat8(0.0f), 6, 7, 8, 8, 8, 8, 8, 8), cnnc_splat8(0.0f), 1, 2, 3, 4, 5, 6, 7, 8);
                            a0_0 += x0_2 * wk[2];
                            a0_1 += x1_2 * wk[2];
                        }
                        {
                            __asm__ volatile("" ::: "memory");
                            const float *restrict row = src + oh * 58;
                            const cnnc_v8 x0_0 = ((const cnnc_v8 *)(row + 47))[0];
                            const cnnc_v8 x1_0 = __builtin_shufflevector(((const cnnc_v8 *)(row + 48))[0], __builtin_shufflevector(((const cnnc_v8 *)(row + 50))[0], cnnc_splat8(0.0f), 6, 7, 8, 8, 8, 8, 8, 8), 7, 8, 9, 10, 11, 12, 13, 14);
                            a0_0 += x0_0 * wk[3];
                            a0_1 += x1_0 * wk[3];
                            a1_0 += x0_0 * wk[0];
                            a1_1 += x1_0 * wk[0];
                            const cnnc_v8 x0_1 = ((const cnnc_v8 *)(row + 48))[0];
                            const cnnc_v8 x1_1 = __builtin_shufflevector(((const cnnc_v8 *)(row + 50))[0], cnnc_splat8(0.0f), 6, 7, 8, 8, 8, 8, 8, 8);
                            a0_0 += x0_1 * wk[4];
                            a0_1 += x1_1 * wk[4];
                            a1_0 += x0_1 * wk[1];
                            a1_1 += x1_1 * wk[1];
                            const cnnc_v8 x0_2 = ((const cnnc_v8 *)(row + 49))[0];
                            const cnnc_v8 x1_2 = __builtin_shufflevector(__builtin_shufflevector(((const cnnc_v8 *)(row + 50))[0], cnnc_splat8(0.0f), 6, 7, 8, 8, 8, 8, 8, 8), cnnc_splat8(0.0f), 1, 2, 3, 4, 5, 6, 7, 8);
                            a0_0 += x0_2 * wk[5];
                            a0_1 += x1_2 * wk[5];
                            a1_0 += x0_2 * wk[2];
                            a1_1 += x1_2 * wk[2];
                        }
                        {
                            __asm__ volatile("" ::: "memory");
                            const float *restrict row = src + (oh + 1) * 58;
                            const cnnc_v8 x0_0 = ((const cnnc_v8 *)(row + 47))[0];
                            const cnnc_v8 x1_0 = __builtin_shufflevector(((const cnnc_v8 *)(row + 48))[0], __builtin_shufflevector(((const cnnc_v8 *)(row + 50))[0], cnnc_splat8(0.0f), 6, 7, 8, 8, 8, 8, 8, 8), 7, 8, 9, 10, 11, 12, 13, 14);
                            a0_0 += x0_0 * wk[6];
                            a0_1 += x1_0 * wk[6];
                            a1_0 += x0_0 * wk[3];
                            a1_1 += x1_0 * wk[3];
                            const cnnc_v8 x0_1 = ((const cnnc_v8 *)(row + 48))[0];
                            const cnnc_v8 x1_1 = __builtin_shufflevector(((const cnnc_v8 *)(row + 50))[0], cnnc_splat8(0.0f), 6, 7, 8, 8, 8, 8, 8, 8);
                            a0_0 += x0_1 * wk[7];
                            a0_1 += x1_1 * wk[7];
                            a1_0 += x0_1 * wk[4];
                            a1_1 += x1_1 * wk[4];
                            const cnnc_v8 x0_2 = ((const cnnc_v8 *)(row + 49))[0];
                            const cnnc_v8 x1_2 = __builtin_shufflevector(__builtin_shufflevector(((const cnnc_v8 *)(row + 50))[0], cnnc_splat8(0.0f), 6, 7, 8, 8, 8, 8, 8, 8), cnnc_splat8(0.0f), 1, 2, 3, 4, 5, 6, 7, 8);
                            a0_0 += x0_2 * wk[8];
                            a0_1 += x1_2 * wk[8];
                            a1_0 += x0_2 * wk[5];
                            a1_1 += x1_2 * wk[5];
                        }
                        {
                            cnnc_v8 y = a0_0;
                            y = cnnc_select8((cnnc_i8)(y < cnnc_splat8(0.0f)), cnnc_splat8(0.0f), y);
                            ((cnnc_v8 *)(dst + (oh * 58 + c0)))[0] = y;
                            __asm__ volatile("" ::: "memory");
                        }
                        {
                            cnnc_v8 y = a0_1;
                            y = cnnc_select8((cnnc_i8)(y < cnnc_splat8(0.0f)), cnnc_splat8(0.0f), y);
                            memcpy(dst + (oh * 58 + (c0 + 8)), &y, 8);
                            __asm__ volatile("" ::: "memory");
                        }
                        {
                            cnnc_v8 y = a1_0;
                            y = cnnc_select8((cnnc_i8)(y < cnnc_splat8(0.0f)), cnnc_splat8(0.0f), y);
                            ((cnnc_v8 *)(dst + ((oh + 1) * 58 + c0)))[0] = y;
                            __asm__ volatile("" ::: "memory");
                        }
                        {
                            cnnc_v8 y = a1_1;
                            y = cnnc_select8((cnnc_i8)(y < cnnc_splat8(0.0f)), cnnc_splat8(0.0f), y);
                            memcpy(dst + ((oh + 1) * 58 + (c0 + 8)), &y, 8);
                            __asm__ volatile("" ::: "memory");
                        }
                    }
                }
            }
        }
    } else {
        for (int64_t b = 0; b < n; b++) {
            for (int64_t g = 0; g < 8; g++) {
                const float *restrict src = in0 + (b * 8 + g) * 812;
                float *restrict dst = out + (b * 8 + g) * 812;
                const float *restrict wk = w + g * 9;
                const float bg = bias[g];
                {
                    const int64_t oh = 0;
                    {
                        const int64_t c0 = 0;
                        cnnc_v8 a0_0 = cnnc_splat8(bg);
                        cnnc_v8 a0_1 = cnnc_splat8(bg);
                        cnnc_v8 a1_0 = cnnc_splat8(bg);
                        cnnc_v8 a1_1 = cnnc_splat8(bg);
                        cnnc_v8 a2_0 = cnnc_splat8(bg);
                        cnnc_v8 a2_1 = cnnc_splat8(bg);
                        cnnc_v8 a3_0 = cnnc_splat8(bg);
                        cnnc_v8 a3_1 = cnnc_splat8(bg);
                        {
                            __asm__ volatile("" ::: "memory");
                            const float *restrict row = src + oh * 58;
                            const cnnc_v8 x0_0 = __builtin_shufflevector(cnnc_splat8(0.0f), ((const cnnc_v8 *)row)[0], 7, 8, 9, 10, 11, 12, 13, 14);
                            const cnnc_v8 x1_0 = ((const cnnc_v8 *)(row + 7))[0];
                            a0_0 += x0_0 * wk[3];
                            a0_1 += x1_0 * wk[3];
                            a1_0 += x0_0 * wk[0];
                            a1_1 += x1_0 * wk[0];
                            const cnnc_v8 x0_1 = ((const cnnc_v8 *)row)[0];
                            const cnnc_v8 x1_1 = ((const cnnc_v8 *)(row + 8))[0];
                            a0_0 += x0_1 * wk[4];
                            a0_1 += x1_1 * wk[4];
                            a1_0 += x0_1 * wk[1];
                            a1_1 += x1_1 * wk[1];
                            const cnnc_v8 x0_2 = ((const cnnc_v8 *)(row + 1))[0];
                            const cnnc_v8 x1_2 = ((const cnnc_v8 *)(row + 9))[0];
                            a0_0 += x0_2 * wk[5];
                            a0_1 += x1_2 * wk[5];
                            a1_0 += x0_2 * wk[2];
                            a1_1 += x1_2 * wk[2];
                        }
                        {
                            __asm__ volatile("" ::: "memory");
                            const float *restrict row = src + (oh + 1) * 58;
                            const cnnc_v8 x0_0 = __builtin_shufflevector(cnnc_splat8(0.0f), ((const cnnc_v8 *)row)[0], 7, 8, 9, 10, 11, 12, 13, 14);
                            const cnnc_v8 x1_0 = ((const cnnc_v8 *)(row + 7))[0];
                            a0_0 += x0_0 * wk[6];
                            a0_1 += x1_0 * wk[6];
                            a1_0 += x0_0 * wk[3];
                            a1_1 += x1_0 * wk[3];
                            a2_0 += x0_0 * wk[0];
                            a2_1 += x1_0 * wk[0];
                            const cnnc_v8 x0_1 = ((const cnnc_v8 *)row)[0];
                            const cnnc_v8 x1_1 = ((const cnnc_v8 *)(row + 8))[0];
                            a0_0 += x0_1 * wk[7];
                            a0_1 += x1_1 * wk[7];
                            a1_0 += x0_1 * wk[4];
                            a1_1 += x1_1 * wk[4];
                            a2_0 += x0_1 * wk[1];
                            a2_1 += x1_1 * wk[1];
                            const cnnc_v8 x0_2 = ((const cnnc_v8 *)(row + 1))[0];
                            const cnnc_v8 x1_2 = ((const cnnc_v8 *)(row + 9))[0];
                            a0_0 += x0_2 * wk[8];
                            a0_1 += x1_2 * wk[8];
                            a1_0 += x0_2 * wk[5];
                            a1_1 += x1_2 * wk[5];
                            a2_0 += x0_2 * wk[2];
                            a2_1 += x1_2 * wk[2];
                        }
                        {
                            __asm__ volatile("" ::: "memory");
                            const float *restrict row = src + (oh + 2) * 58;
                            const cnnc_v8 x0_0 = __builtin_shufflevector(cnnc_splat8(0.0f), ((const cnnc_v8 *)row)[0], 7, 8, 9, 10, 11, 12, 13, 14);
                            const cnnc_v8 x1_0 = ((const cnnc_v8 *)(row + 7))[0];
                            a1_0 += x0_0 * wk[6];
                            a1_1 += x1_0 * wk[6];
                            a2_0 += x0_0 * wk[3];
                            a2_1 += x1_0 * wk[3];
                            a3_0 += x0_0 * wk[0];
                            a3_1 += x1_0 * wk[0];
                            const cnnc_v8 x0_1 = ((const cnnc_v8 *)row)[0];
                            const cnnc_v8 x1_1 = ((const cnnc_v8 *)(row + 8))[0];
                            a1_0 += x0_1 * wk[7];
                            a1_1 += x1_1 * wk[7];
                            a2_0 += x0_1 * wk[4];
                            a2_1 += x1_1 * wk[4];
                            a3_0 += x0_1 * wk[1];
                            a3_1 += x1_1 * wk[1];
                            const cnnc_v8 x0_2 = ((const cnnc_v8 *)(row + 1))[0];
                            const cnnc_v8 x1_2 = ((const cnnc_v8 *)(row + 9))[0];
                            a1_0 += x0_2 * wk[8];
                            a1_1 += x1_2 * wk[8];
                            a2_0 += x0_2 * wk[5];
                            a2_1 += x1_2 * wk[5];
                            a3_0 += x0_2 * wk[2];
                            a3_1 += x1_2 * wk[2];
                        }
                        {
                            __asm__ volatile("" ::: "memory");
                            const float *restrict row = src + (oh + 3) * 58;
                            const cnnc_v8 x0_0 = __builtin_shufflevector(cnnc_splat8(0.0f), ((const cnnc_v8 *)row)[0], 7, 8, 9, 10, 11, 12, 13, 14);
                            const cnnc_v8 x1_0 = ((const cnnc_v8 *)(row + 7))[0];
                            a2_0 += x0_0 * wk[6];
                            a2_1 += x1_0 * wk[6];
                            a3_0 += x0_0 * wk[3];
                            a3_1 += x1_0 * wk[3];
                            const cnnc_v8 x0_1 = ((const cnnc_v8 *)row)[0];
                            const cnnc_v8 x1_1 = ((const cnnc_v8 *)(row + 8))[0];
                            a2_0 += x0_1 * wk[7];
                            a2_1 += x1_1 * wk[7];
                            a3_0 += x0_1 * wk[4];
                            a3_1 += x1_1 * wk[4];
                            const cnnc_v8 x0_2 = ((const cnnc_v8 *)(row + 1))[0];
                            const cnnc_v8 x1_2 = ((const cnnc_v8 *)(row + 9))[0];
                            a2_0 += x0_2 * wk[8];
                            a2_1 += x1_2 * wk[8];
                            a3_0 += x0_2 * wk[5];
                            a3_1 += x1_2 * wk[5];
                        }
                        {
                            __asm__ volatile("" ::: "memory");
                            const float *restrict row = src + (oh + 4) * 58;
                            const cnnc_v8 x0_0 = __builtin_shufflevector(cnnc_splat8(0.0f), ((const cnnc_v8 *)row)[0], 7, 8, 9, 10, 11, 12, 13, 14);
                            const cnnc_v8 x1_0 = ((const cnnc_v8 *)(row + 7))[0];
                            a3_0 += x0_0 * wk[6];
                            a3_1 += x1_0 * wk[6];
                            const cnnc_v8 x0_1 = ((const cnnc_v8 *)row)[0];
                            const cnnc_v8 x1_1 = ((const cnnc_v8 *)(row + 8))[0];
                            a3_0 += x0_1 * wk[7];
                            a3_1 += x1_1 * wk[7];
                            const cnnc_v8 x0_2 = ((const cnnc_v8 *)(row + 1))[0];
                            const cnnc_v8 x1_2 = ((const cnnc_v8 *)(row + 9))[0];
                            a3_0 += x0_2 * wk[8];
                            a3_1 += x1_2 * wk[8];
                        }
                        {
                            cnnc_v8 y = a0_0;
                            y = cnnc_select8((cnnc_i8)(y < cnnc_splat8(0.0f)), cnnc_splat8(0.0f), y);
                            ((cnnc_v8 *)(dst + (oh * 58 + c0)))[0] = y;
                            __asm__ volatile("" ::: "memory");
                        }
                        {
                            cnnc_v8 y = a0_1;
                            y = cnnc_select8((cnnc_i8)(y < cnnc_splat8(0.0f)), cnnc_splat8(0.0f), y);
                            ((cnnc_v8 *)(dst + (oh * 58 + (c0 + 8))))[0] = y;
                            __asm__ volatile("" ::: "memory");
                        }
                        {
                            cnnc_v8 y = a1_0;
                            y = cnnc_select8((cnnc_i8)(y < cnnc_splat8(0.0f)), cnnc_splat8(0.0f), y);
                            ((cnnc_v8 *)(dst + ((oh + 1) * 58 + c0)))[0] = y;
                            __asm__ volatile("" ::: "memory");
                        }
                        {
                            cnnc_v8 y = a1_1;
                            y = cnnc_select8((cnnc_i8)(y < cnnc_splat8(0.0f)), cnnc_splat8(0.0f), y);
                            ((cnnc_v8 *)(dst + ((oh + 1) * 58 + (c0 + 8))))[0] = y;
                            __asm__ volatile("" ::: "memory");
                        }
                        {
                            cnnc_v8 y = a2_0;
                            y = cnnc_select8((cnnc_i8)(y < cnnc_splat8(0.0f)), cnnc_splat8(0.0f), y);
                            ((cnnc_v8 *)(dst + ((oh + 2) * 58 + c0)))[0] = y;
                            __asm__ volatile("" ::: "memory");
                        }
                        {
                            cnnc_v8 y = a2_1;
                            y = cnnc_select8((cnnc_i8)(y < cnnc_splat8(0.0f)), cnnc_splat8(0.0f), y);
                            ((cnnc_v8 *)(dst + ((oh + 2) * 58 + (c0 + 8))))[0] = y;
                            __asm__ volatile("" ::: "memory");
                        }
                        {
                            cnnc_v8 y = a3_0;
                            y = cnnc_select8((cnnc_i8)(y < cnnc_splat8(0.0f)), cnnc_splat8(0.0f), y);
                            ((cnnc_v8 *)(dst + ((oh + 3) * 58 + c0)))[0] = y;
                            __asm__ volatile("" ::: "memory");
                        }
                        {
                            cnnc_v8 y = a3_1;
                            y = cnnc_select8((cnnc_i8)(y < cnnc_splat8(0.0f)), cnnc_splat8(0.0f), y);
                            ((cnnc_v8 *)(dst + ((oh + 3) * 58 + (c0 + 8))))[0] = y;
                            __asm__ volatile("" ::: "memory");
                        }
                    }
                    for (int64_t c0 = 16; c0 < 48; c0 += 16) {
                        cnnc_v8 a0_0 = cnnc_splat8(bg);
                        cnnc_v8 a0_1 = cnnc_splat8(bg);
                        cnnc_v8 a1_0 = cnnc_splat8(bg);
                        cnnc_v8 a1_1 = cnnc_splat8(bg);
                        cnnc_v8 a2_0 = cnnc_splat8(bg);
                        cnnc_v8 a2_1 = cnnc_splat8(bg);
                        cnnc_v8 a3_0 = cnnc_splat8(bg);
                        cnnc_v8 a3_1 = cnnc_splat8(bg);
                        {
                            __asm__ volatile("" ::: "memory");
                            const float *restrict row = src + oh * 58;
                            const cnnc_v8 x0_0 = ((const cnnc_v8 *)(row + c0 + -1))[0];
                            const cnnc_v8 x1_0 = ((const cnnc_v8 *)(row + c0 + 7))[0];
                            a0_0 += x0_0 * wk[3];
                            a0_1 += x1_0 * wk[3];
                            a1_0 += x0_0 * wk[0];
                            a1_1 += x1_0 * wk[0];
                            const cnnc_v8 x0_1 = ((const cnnc_v8 *)(row + c0))[0];
                            const cnnc_v8 x1_1 = ((const cnnc_v8 *)(row + c0 + 8))[0];
                            a0_0 += x0_1 * wk[4];
                            a0_1 += x1_1 * wk[4];
                            a1_0 += x0_1 * wk[1];
                            a1_1 += x1_1 * wk[1];
                            const cnnc_v8 x0_2 = ((const cnnc_v8 *)(row + c0 + 1))[0];
                            const cnnc_v8 x1_2 = ((const cnnc_v8 *)(row + c0 + 9))[0];
                            a0_0 += x0_2 * wk[5];
                            a0_1 += x1_2 * wk[5];
                            a1_0 += x0_2 * wk[2];
                            a1_1 += x1_2 * wk[2];
                        }
                        {
                            __asm__ volatile("" ::: "memory");
                            const float *restrict row = src + (oh + 1) * 58;
                            const cnnc_v8 x0_0 = ((const cnnc_v8 *)(row + c0 + -1))[0];
                            const cnnc_v8 x1_0 = ((const cnnc_v8 *)(row + c0 + 7))[0];
                            a0_0 += x0_0 * wk[6];
                            a0_1 += x1_0 * wk[6];
                            a1_0 += x0_0 * wk[3];
                            a1_1 += x1_0 * wk[3];
                            a2_0 += x0_0 * wk[0];
                            a2_1 += x1_0 * wk[0];
                            const cnnc_v8 x0_1 = ((const cnnc_v8 *)(row + c0))[0];
                            const cnnc_v8 x1_1 = ((const cnnc_v8 *)(row + c0 + 8))[0];
                            a0_0 += x0_1 * wk[7];
                            a0_1 += x1_1 * wk[7];
                            a1_0 += x0_1 * wk[4];
                            a1_1 += x1_1 * wk[4];
                            a2_0 += x0_1 * wk[1];
                            a2_1 += x1_1 * wk[1];
                            const cnnc_v8 x0_2 = ((const cnnc_v8 *)(row + c0 + 1))[0];
                            const cnnc_v8 x1_2 = ((const cnnc_v8 *)(row + c0 + 9))[0];
                            a0_0 += x0_2 * wk[8];
                            a0_1 += x1_2 * wk[8];
                            a1_0 += x0_2 * wk[5];
                            a1_1 += x1_2 * wk[5];
                            a2_0 += x0_2 * wk[2];
                            a2_1 += x1_2 * wk[2];
                        }
                        {
                            __asm__ volatile("" ::: "memory");
                            const float *restrict row = src + (oh + 2) * 58;
                            const cnnc_v8 x0_0 = ((const cnnc_v8 *)(row + c0 + -1))[0];
                            const cnnc_v8 x1_0 = ((const cnnc_v8 *)(row + c0 + 7))[0];
                            a1_0 += x0_0 * wk[6];
                            a1_1 += x1_0 * wk[6];
                            a2_0 += x0_0 * wk[3];
                            a2_1 += x1_0 * wk[3];
                            a3_0 += x0_0 * wk[0];
                            a3_1 += x1_0 * wk[0];
                            const cnnc_v8 x0_1 = ((const cnnc_v8 *)(row + c0))[0];
                            const cnnc_v8 x1_1 = ((const cnnc_v8 *)(row + c0 + 8))[0];
                            a1_0 += x0_1 * wk[7];
                            a1_1 += x1_1 * wk[7];
                            a2_0 += x0_1 * wk[4];
                            a2_1 += x1_1 * wk[4];
                            a3_0 += x0_1 * wk[1];
                            a3_1 += x1_1 * wk[1];
                            const cnnc_v8 x0_2 = ((const cnnc_v8 *)(row + c0 + 1))[0];
                            const cnnc_v8 x1_2 = ((const cnnc_v8 *)(row + c0 + 9))[0];
                            a1_0 += x0_2 * wk[8];
                            a1_1 += x1_2 * wk[8];
                            a2_0 += x0_2 * wk[5];
                            a2_1 += x1_2 * wk[5];
                            a3_0 += x0_2 * wk[2];
                            a3_1 += x1_2 * wk[2];
                        }
                        {
                            __asm__ volatile("" ::: "memory");
                            const float *restrict row = src + (oh + 3) * 58;
                            const cnnc_v8 x0_0 = ((const cnnc_v8 *)(row + c0 + -1))[0];
                            const cnnc_v8 x1_0 = ((const cnnc_v8 *)(row + c0 + 7))[0];
                            a2_0 += x0_0 * wk[6];
                            a2_1 += x1_0 * wk[6];
                            a3_0 += x0_0 * wk[3];
                            a3_1 += x1_0 * wk[3];
                            const cnnc_v8 x0_1 = ((const cnnc_v8 *)(row + c0))[0];
                            const cnnc_v8 x1_1 = ((const cnnc_v8 *)(row + c0 + 8))[0];
                            a2_0 += x0_1 * wk[7];
                            a2_1 += x1_1 * wk[7];
                            a3_0 += x0_1 * wk[4];
                            a3_1 += x1_1 * wk[4];
                            const cnnc_v8 x0_2 = ((const cnnc_v8 *)(row + c0 + 1))[0];
                            const cnnc_v8 x1_2 = ((const cnnc_v8 *)(row + c0 + 9))[0];
                            a2_0 += x0_2 * wk[8];
                            a2_1 += x1_2 * wk[8];
                            a3_0 += x0_2 * wk[5];
                            a3_1 += x1_2 * wk[5];
                        }
                        {
                            __asm__ volatile("" ::: "memory");
                            const float *restrict row = src + (oh + 4) * 58;
                            const cnnc_v8 x0_0 = ((const cnnc_v8 *)(row + c0 + -1))[0];
                            const cnnc_v8 x1_0 = ((const cnnc_v8 *)(row + c0 + 7))[0];
                            a3_0 += x0_0 * wk[6];
                            a3_1 += x1_0 * wk[6];
                            const cnnc_v8 x0_1 = ((const cnnc_v8 *)(row + c0))[0];
                            const cnnc_v8 x1_1 = ((const cnnc_v8 *)(row + c0 + 8))[0];
                            a3_0 += x0_1 * wk[7];
                            a3_1 += x1_1 * wk[7];
                            const cnnc_v8 x0_2 = ((const cnnc_v8 *)(row + c0 + 1))[0];
                            const cnnc_v8 x1_2 = ((const cnnc_v8 *)(row + c0 + 9))[0];
                            a3_0 += x0_2 * wk[8];
                            a3_1 += x1_2 * wk[8];
                        }
                        {
                            cnnc_v8 y = a0_0;
                            y = cnnc_select8((cnnc_i8)(y < cnnc_splat8(0.0f)), cnnc_splat8(0.0f), y);
                            ((cnnc_v8 *)(dst + (oh * 58 + c0)))[0] = y;
                            __asm__ volatile("" ::: "memory");
                        }
                        {
                            cnnc_v8 y = a0_1;
                            y = cnnc_select8((cnnc_i8)(y < cnnc_splat8(0.0f)), cnnc_splat8(0.0f), y);
                            ((cnnc_v8 *)(dst + (oh * 58 + (c0 + 8))))[0] = y;
                            __asm__ volatile("" ::: "memory");
                        }
                        {
                            cnnc_v8 y = a1_0;
                            y = cnnc_select8((cnnc_i8)(y < cnnc_splat8(0.0f)), cnnc_splat8(0.0f), y);
                            ((cnnc_v8 *)(dst + ((oh + 1) * 58 + c0)))[0] = y;
                            __asm__ volatile("" ::: "memory");
                        }
                        {
                            cnnc_v8 y = a1_1;
                            y = cnnc_select8((cnnc_i8)(y < cnnc_splat8(0.0f)), cnnc_splat8(0.0f), y);
                            ((cnnc_v8 *)(dst + ((oh + 1) * 58 + (c0 + 8))))[0] = y;
                            __asm__ volatile("" ::: "memory");
                        }
                        {
                            cnnc_v8 y = a2_0;
                            y = cnnc_select8((cnnc_i8)(y < cnnc_splat8(0.0f)), cnnc_splat8(0.0f), y);
                            ((cnnc_v8 *)(dst + ((oh + 2) * 58 + c0)))[0] = y;
                            __asm__ volatile("" ::: "memory");
                        }
                        {
                            cnnc_v8 y = a2_1;
                            y = cnnc_select8((cnnc_i8)(y < cnnc_splat8(0.0f)), cnnc_splat8(0.0f), y);
                            ((cnnc_v8 *)(dst + ((oh + 2) * 58 + (c0 + 8))))[0] = y;
                            __asm__ volatile("" ::: "memory");
                        }
                        {
                            cnnc_v8 y = a3_0;
                            y = cnnc_select8((cnnc_i8)(y < cnnc_splat8(0.0f)), cnnc_splat8(0.0f), y);
                            ((cnnc_v8 *)(dst + ((oh + 3) * 58 + c0)))[0] = y;
                            __asm__ volatile("" ::: "memory");
                        }
                        {
                            cnnc_v8 y = a3_1;
                            y = cnnc_select8((cnnc_i8)(y < cnnc_splat8(0.0f)), cnnc_splat8(0.0f), y);
                            ((cnnc_v8 *)(dst + ((oh + 3) * 58 + (c0 + 8))))[0] = y;
                            __asm__ volatile("" ::: "memory");
                        }
                    }
                    {
                        const int64_t c0 = 48;
                        cnnc_v8 a0_0 = cnnc_splat8(bg);
                        cnnc_v8 a0_1 = cnnc_splat8(bg);
                        cnnc_v8 a1_0 = cnnc_splat8(bg);
                        cnnc_v8 a1_1 = cnnc_splat8(bg);
                        cnnc_v8 a2_0 = cnnc_splat8(bg);
                        cnnc_v8 a2_1 = cnnc_splat8(bg);
                        cnnc_v8 a3_0 = cnnc_splat8(bg);
                        cnnc_v8 a3_1 = cnnc_splat8(bg);
                        {
                            __asm__ volatile("" ::: "memory");
                            const float *restrict row = src + oh * 58;
                            const cnnc_v8 x0_0 = ((const cnnc_v8 *)(row + 47))[0];
                            const cnnc_v8 x1_0 = __builtin_shufflevector(((const cnnc_v8 *)(row + 48))[0], __builtin_shufflevector(((const cnnc_v8 *)(row + 50))[0], cnnc_splat8(0.0f), 6, 7, 8, 8, 8, 8, 8, 8), 7, 8, 9, 10, 11, 12, 13, 14);
                            a0_0 += x0_0 * wk[3];
                            a0_1 += x1_0 * wk[3];
                            a1_0 += x0_0 * wk[0];
                            a1_1 += x1_0 * wk[0];
                            const cnnc_v8 x0_1 = ((const cnnc_v8 *)(row + 48))[0];
                            const cnnc_v8 x1_1 = __builtin_shufflevector(((const cnnc_v8 *)(row + 50))[0], cnnc_splat8(0.0f), 6, 7, 8, 8, 8, 8, 8, 8);
                            a0_0 += x0_1 * wk[4];
                            a0_1 += x1_1 * wk[4];
                            a1_0 += x0_1 * wk[1];
                            a1_1 += x1_1 * wk[1];
                            const cnnc_v8 x0_2 = ((const cnnc_v8 *)(row + 49))[0];
                            const cnnc_v8 x1_2 = __builtin_shufflevector(__builtin_shufflevector(((const cnnc_v8 *)(row + 50))[0], cnnc_splat8(0.0f), 6, 7, 8, 8, 8, 8, 8, 8), cnnc_splat8(0.0f), 1, 2, 3, 4, 5, 6, 7, 8);
                            a0_0 += x0_2 * wk[5];
                            a0_1 += x1_2 * wk[5];
                            a1_0 += x0_2 * wk[2];
                            a1_1 += x1_2 * wk[2];
                        }
                        {
                            __asm__ volatile("" ::: "memory");
                            const float *restrict row = src + (oh + 1) * 58;
                            const cnnc_v8 x0_0 = ((const cnnc_v8 *)(row + 47))[0];
                            const cnnc_v8 x1_0 = __builtin_shufflevector(((const cnnc_v8 *)(row + 48))[0], __builtin_shufflevector(((const cnnc_v8 *)(row + 50))[0], cnnc_splat8(0.0f), 6, 7, 8, 8, 8, 8, 8, 8), 7, 8, 9, 10, 11, 12, 13, 14);
                            a0_0 += x0_0 * wk[6];
                            a0_1 += x1_0 * wk[6];
                            a1_0 += x0_0 * wk[3];
                            a1_1 += x1_0 * wk[3];
                            a2_0 += x0_0 * wk[0];
                            a2_1 += x1_0 * wk[0];
                            const cnnc_v8 x0_1 = ((const cnnc_v8 *)(row + 48))[0];
                            const cnnc_v8 x1_1 = __builtin_shufflevector(((const cnnc_v8 *)(row + 50))[0], cnnc_splat8(0.0f), 6, 7, 8, 8, 8, 8, 8, 8);
                            a0_0 += x0_1 * wk[7];
                            a0_1 += x1_1 * wk[7];
                            a1_0 += x0_1 * wk[4];
                            a1_1 += x1_1 * wk[4];
                            a2_0 += x0_1 * wk[1];
                            a2_1 += x1_1 * wk[1];
                            const cnnc_v8 x0_2 = ((const cnnc_v8 *)(row + 49))[0];
                            const cnnc_v8 x1_2 = __builtin_shufflevector(__builtin_shufflevector(((const cnnc_v8 *)(row + 50))[0], cnnc_splat8(0.0f), 6, 7, 8, 8, 8, 8, 8, 8), cnnc_splat8(0.0f), 1, 2, 3, 4, 5, 6, 7, 8);
                            a0_0 += x0_2 * wk[8];
                            a0_1 += x1_2 * wk[8];
                            a1_0 += x0_2 * wk[5];
                            a1_1 += x1_2 * wk[5];
                            a2_0 += x0_2 * wk[2];
                            a2_1 += x1_2 * wk[2];
                        }
                        {
                            __asm__ volatile("" ::: "memory");
                            const float *restrict row = src + (oh + 2) * 58;
                            const cnnc_v8 x0_0 = ((const cnnc_v8 *)(row + 47))[0];
                            const cnnc_v8 x1_0 = __builtin_shufflevector(((const cnnc_v8 *)(row + 48))[0], __builtin_shufflevector(((const cnnc_v8 *)(row + 50))[0], cnnc_splat8(0.0f), 6, 7, 8, 8, 8, 8, 8, 8), 7, 8, 9, 10, 11, 12, 13, 14);
                            a1_0 += x0_0 * wk[6];
                            a1_1 += x1_0 * wk[6];
                            a2_0 += x0_0 * wk[3];
                            a2_1 += x1_0 * wk[3];
                            a3_0 += x0_0 * wk[0];
                            a3_1 += x1_0 * wk[0];
                            const cnnc_v8 x0_1 = ((const cnnc_v8 *)(row + 48))[0];
                            const cnnc_v8 x1_1 = __builtin_shufflevector(((const cnnc_v8 *)(row + 50))[0], cnnc_splat8(0.0f), 6, 7, 8, 8, 8, 8, 8, 8);
                            a1_0 += x0_1 * wk[7];
                            a1_1 += x1_1 * wk[7];
                            a2_0 += x0_1 * wk[4];
                            a2_1 += x1_1 * wk[4];
                            a3_0 += x0_1 * wk[1];
                            a3_1 += x1_1 * wk[1];
                            const cnnc_v8 x0_2 = ((const cnnc_v8 *)(row + 49))[0];
                            const cnnc_v8 x1_2 = __builtin_shufflevector(__builtin_shufflevector(((const cnnc_v8 *)(row + 50))[0], cnnc_splat8(0.0f), 6, 7, 8, 8, 8, 8, 8, 8), cnnc_splat8(0.0f), 1, 2, 3, 4, 5, 6, 7, 8);
                            a1_0 += x0_2 * wk[8];
                            a1_1 += x1_2 * wk[8];
                            a2_0 += x0_2 * wk[5];
                            a2_1 += x1_2 * wk[5];
                            a3_0 += x0_2 * wk[2];
                            a3_1 += x1_2 * wk[2];
                        }
                        {
                            __asm__ volatile("" ::: "memory");
                            const float *restrict row = src + (oh + 3) * 58;
                            const cnnc_v8 x0_0 = ((const cnnc_v8 *)(row + 47))[0];
                            const cnnc_v8 x1_0 = __builtin_shufflevector(((const cnnc_v8 *)(row + 48))[0], __builtin_shufflevector(((const cnnc_v8 *)(row + 50))[0], cnnc_splat8(0.0f), 6, 7, 8, 8, 8, 8, 8, 8), 7, 8, 9, 10, 11, 12, 13, 14);
                            a2_0 += x0_0 * wk[6];
                            a2_1 += x1_0 * wk[6];
                            a3_0 += x0_0 * wk[3];
                            a3_1 += x1_0 * wk[3];
                            const cnnc_v8 x0_1 = ((const cnnc_v8 *)(row + 48))[0];
                            const cnnc_v8 x1_1 = __builtin_shufflevector(((const cnnc_v8 *)(row + 50))[0], cnnc_splat8(0.0f), 6, 7, 8, 8, 8, 8, 8, 8);
                            a2_0 += x0_1 * wk[7];
                            a2_1 += x1_1 * wk[7];
                            a3_0 += x0_1 * wk[4];
                            a3_1 += x1_1 * wk[4];
                            const cnnc_v8 x0_2 = ((const cnnc_v8 *)(row + 49))[0];
                            const cnnc_v8 x1_2 = __builtin_shufflevector(__builtin_shufflevector(((const cnnc_v8 *)(row + 50))[0], cnnc_splat8(0.0f), 6, 7, 8, 8, 8, 8, 8, 8), cnnc_splat8(0.0f), 1, 2, 3, 4, 5, 6, 7, 8);
                            a2_0 += x0_2 * wk[8];
                            a2_1 += x1_2 * wk[8];
                            a3_0 += x0_2 * wk[5];
                            a3_1 += x1_2 * wk[5];
                        }
                        {
                            __asm__ volatile("" ::: "memory");
                            const float *restrict row = src + (oh + 4) * 58;
                            const cnnc_v8 x0_0 = ((const cnnc_v8 *)(row + 47))[0];
                            const cnnc_v8 x1_0 = __builtin_shufflevector(((const cnnc_v8 *)(row + 48))[0], __builtin_shufflevector(((const cnnc_v8 *)(row + 50))[0], cnnc_splat8(0.0f), 6, 7, 8, 8, 8, 8, 8, 8), 7, 8, 9, 10, 11, 12, 13, 14);
                            a3_0 += x0_0 * wk[6];
                            a3_1 += x1_0 * wk[6];
                            const cnnc_v8 x0_1 = ((const cnnc_v8 *)(row + 48))[0];
                            const cnnc_v8 x1_1 = __builtin_shufflevector(((const cnnc_v8 *)(row + 50))[0], cnnc_splat8(0.0f), 6, 7, 8, 8, 8, 8, 8, 8);
                            a3_0 += x0_1 * wk[7];
                            a3_1 += x1_1 * wk[7];
                            const cnnc_v8 x0_2 = ((const cnnc_v8 *)(row + 49))[0];
                            const cnnc_v8 x1_2 = __builtin_shufflevector(__builtin_shufflevector(((const cnnc_v8 *)(row + 50))[0], cnnc_splat8(0.0f), 6, 7, 8, 8, 8, 8, 8, 8), cnnc_splat8(0.0f), 1, 2, 3, 4, 5, 6, 7, 8);
                            a3_0 += x0_2 * wk[8];
                            a3_1 += x1_2 * wk[8];
                        }
                        {
                            cnnc_v8 y = a0_0;
                            y = cnnc_select8((cnnc_i8)(y < cnnc_splat8(0.0f)), cnnc_splat8(0.0f), y);
                            ((cnnc_v8 *)(dst + (oh * 58 + c0)))[0] = y;
                            __asm__ volatile("" ::: "memory");
                        }
                        {
                            cnnc_v8 y = a0_1;
                            y = cnnc_select8((cnnc_i8)(y < cnnc_splat8(0.0f)), cnnc_splat8(0.0f), y);
                            memcpy(dst + (oh * 58 + (c0 + 8)), &y, 8);
                            __asm__ volatile("" ::: "memory");
                        }
                        {
                            cnnc_v8 y = a1_0;
                            y = cnnc_select8((cnnc_i8)(y < cnnc_splat8(0.0f)), cnnc_splat8(0.0f), y);
                            ((cnnc_v8 *)(dst + ((oh + 1) * 58 + c0)))[0] = y;
                            __asm__ volatile("" ::: "memory");
                        }
                        {
                            cnnc_v8 y = a1_1;
                            y = cnnc_select8((cnnc_i8)(y < cnnc_splat8(0.0f)), cnnc_splat8(0.0f), y);
                            memcpy(dst + ((oh + 1) * 58 + (c0 + 8)), &y, 8);
                            __asm__ volatile("" ::: "memory");
                        }
                        {
                            cnnc_v8 y = a2_0;
                            y = cnnc_select8((cnnc_i8)(y < cnnc_splat8(0.0f)), cnnc_splat8(0.0f), y);
                            ((cnnc_v8 *)(dst + ((oh + 2) * 58 + c0)))[0] = y;
                            __asm__ volatile("" ::: "memory");
                        }
                        {
                            cnnc_v8 y = a2_1;
                            y = cnnc_select8((cnnc_i8)(y < cnnc_splat8(0.0f)), cnnc_splat8(0.0f), y);
                            memcpy(dst + ((oh + 2) * 58 + (c0 + 8)), &y, 8);
                            __asm__ volatile("" ::: "memory");
                        }
                        {
                            cnnc_v8 y = a3_0;
                            y = cnnc_select8((cnnc_i8)(y < cnnc_splat8(0.0f)), cnnc_splat8(0.0f), y);
                            ((cnnc_v8 *)(dst + ((oh + 3) * 58 + c0)))[0] = y;
                            __asm__ volatile("" ::: "memory");
                        }
                        {
                            cnnc_v8 y = a3_1;
                            y = cnnc_select8((cnnc_i8)(y < cnnc_splat8(0.0f)), cnnc_splat8(0.0f), y);
                            memcpy(dst + ((oh + 3) * 58 + (c0 + 8)), &y, 8);
                            __asm__ volatile("" ::: "memory");
                        }
                    }
                }
                for (int64_t oh = 4; oh < 12; oh += 4) {
                    {
                        const int64_t c0 = 0;
                        cnnc_v8 a0_0 = cnnc_splat8(bg);
                        cnnc_v8 a0_1 = cnnc_splat8(bg);
                        cnnc_v8 a1_0 = cnnc_splat8(bg);
                        cnnc_v8 a1_1 = cnnc_splat8(bg);
                        cnnc_v8 a2_0 = cnnc_splat8(bg);
                        cnnc_v8 a2_1 = cnnc_splat8(bg);
                        cnnc_v8 a3_0 = cnnc_splat8(bg);
                        cnnc_v8 a3_1 = cnnc_splat8(bg);
                        {
                            __asm__ volatile("" ::: "memory");
                            const float *restrict row = src + (oh + -1) * 58;
                            const cnnc_v8 x0_0 = __builtin_shufflevector(cnnc_splat8(0.0f), ((const cnnc_v8 *)row)[0], 7, 8, 9, 10, 11, 12, 13, 14);
                            const cnnc_v8 x1_0 = ((const cnnc_v8 *)(row + 7))[0];
                            a0_0 += x0_0 * wk[0];
                            a0_1 += x1_0 * wk[0];
                            const cnnc_v8 x0_1 = ((const cnnc_v8 *)row)[0];
                            const cnnc_v8 x1_1 = ((const cnnc_v8 *)(row + 8))[0];
                            a0_0 += x0_1 * wk[1];
                            a0_1 += x1_1 * wk[1];
                            const cnnc_v8 x0_2 = ((const cnnc_v8 *)(row + 1))[0];
                            const cnnc_v8 x1_2 = ((const cnnc_v8 *)(row + 9))[0];
                            a0_0 += x0_2 * wk[2];
                            a0_1 += x1_2 * wk[2];
                        }
                        {
                            __asm__ volatile("" ::: "memory");
                            const float *restrict row = src + oh * 58;
                            const cnnc_v8 x0_0 = __builtin_shufflevector(cnnc_splat8(0.0f), ((const cnnc_v8 *)row)[0], 7, 8, 9, 10, 11, 12, 13, 14);
                            const cnnc_v8 x1_0 = ((const cnnc_v8 *)(row + 7))[0];
                            a0_0 += x0_0 * wk[3];
                            a0_1 += x1_0 * wk[3];
                            a1_0 += x0_0 * wk[0];
                            a1_1 += x1_0 * wk[0];
                            const cnnc_v8 x0_1 = ((const cnnc_v8 *)row)[0];
                            const cnnc_v8 x1_1 = ((const cnnc_v8 *)(row + 8))[0];
                            a0_0 += x0_1 * wk[4];
                            a0_1 += x1_1 * wk[4];
                            a1_0 += x0_1 * wk[1];
                            a1_1 += x1_1 * wk[1];
                            const cnnc_v8 x0_2 = ((const cnnc_v8 *)(row + 1))[0];
                            const cnnc_v8 x1_2 = ((const cnnc_v8 *)(row + 9))[0];
                            a0_0 += x0_2 * wk[5];
                            a0_1 += x1_2 * wk[5];
                            a1_0 += x0_2 * wk[2];
                            a1_1 += x1_2 * wk[2];
                        }
                        {
                            __asm__ volatile("" ::: "memory");
                            const float *restrict row = src + (oh + 1) * 58;
                            const cnnc_v8 x0_0 = __builtin_shufflevector(cnnc_splat8(0.0f), ((const cnnc_v8 *)row)[0], 7, 8, 9, 10, 11, 12, 13, 14);
                            const cnnc_v8 x1_0 = ((const cnnc_v8 *)(row + 7))[0];
                            a0_0 += x0_0 * wk[6];
                            a0_1 += x1_0 * wk[6];
                            a1_0 += x0_0 * wk[3];
                            a1_1 += x1_0 * wk[3];
                            a2_0 += x0_0 * wk[0];
                            a2_1 += x1_0 * wk[0];
                            const cnnc_v8 x0_1 = ((const cnnc_v8 *)row)[0];
                            const cnnc_v8 x1_1 = ((const cnnc_v8 *)(row + 8))[0];
                            a0_0 += x0_1 * wk[7];
                            a0_1 += x1_1 * wk[7];
                            a1_0 += x0_1 * wk[4];
                            a1_1 += x1_1 * wk[4];
                            a2_0 += x0_1 * wk[1];
                            a2_1 += x1_1 * wk[1];
                            const cnnc_v8 x0_2 = ((const cnnc_v8 *)(row + 1))[0];
                            const cnnc_v8 x1_2 = ((const cnnc_v8 *)(row + 9))[0];
                            a0_0 += x0_2 * wk[8];
                            a0_1 += x1_2 * wk[8];
                            a1_0 += x0_2 * wk[5];
                            a1_1 += x1_2 * wk[5];
                            a2_0 += x0_2 * wk[2];
                            a2_1 += x1_2 * wk[2];
                        }
                        {
                            __asm__ volatile("" ::: "memory");
                            const float *restrict row = src + (oh + 2) * 58;
                            const cnnc_v8 x0_0 = __builtin_shufflevector(cnnc_splat8(0.0f), ((const cnnc_v8 *)row)[0], 7, 8, 9, 10, 11, 12, 13, 14);
                            const cnnc_v8 x1_0 = ((const cnnc_v8 *)(row + 7))[0];
                            a1_0 += x0_0 * wk[6];
                            a1_1 += x1_0 * wk[6];
                            a2_0 += x0_0 * wk[3];
                            a2_1 += x1_0 * wk[3];
                            a3_0 += x0_0 * wk[0];
                            a3_1 += x1_0 * wk[0];
                            const cnnc_v8 x0_1 = ((const cnnc_v8 *)row)[0];
                            const cnnc_v8 x1_1 = ((const cnnc_v8 *)(row + 8))[0];
                            a1_0 += x0_1 * wk[7];
                            a1_1 += x1_1 * wk[7];
                            a2_0 += x0_1 * wk[4];
                            a2_1 += x1_1 * wk[4];
                            a3_0 += x0_1 * wk[1];
                            a3_1 += x1_1 * wk[1];
                            const cnnc_v8 x0_2 = ((const cnnc_v8 *)(row + 1))[0];
                            const cnnc_v8 x1_2 = ((const cnnc_v8 *)(row + 9))[0];
                            a1_0 += x0_2 * wk[8];
                            a1_1 += x1_2 * wk[8];
                            a2_0 += x0_2 * wk[5];
                            a2_1 += x1_2 * wk[5];
                            a3_0 += x0_2 * wk[2];
                            a3_1 += x1_2 * wk[2];
                        }
                        {
                            __asm__ volatile("" ::: "memory");
                            const float *restrict row = src + (oh + 3) * 58;
                            const cnnc_v8 x0_0 = __builtin_shufflevector(cnnc_splat8(0.0f), ((const cnnc_v8 *)row)[0], 7, 8, 9, 10, 11, 12, 13, 14);
                            const cnnc_v8 x1_0 = ((const cnnc_v8 *)(row + 7))[0];
                            a2_0 += x0_0 * wk[6];
                            a2_1 += x1_0 * wk[6];
                            a3_0 += x0_0 * wk[3];
                            a3_1 += x1_0 * wk[3];
                            const cnnc_v8 x0_1 = ((const cnnc_v8 *)row)[0];
                            const cnnc_v8 x1_1 = ((const cnnc_v8 *)(row + 8))[0];
                            a2_0 += x0_1 * wk[7];
                            a2_1 += x1_1 * wk[7];
                            a3_0 += x0_1 * wk[4];
                            a3_1 += x1_1 * wk[4];
                            const cnnc_v8 x0_2 = ((const cnnc_v8 *)(row + 1))[0];
                            const cnnc_v8 x1_2 = ((const cnnc_v8 *)(row + 9))[0];
                            a2_0 += x0_2 * wk[8];
                            a2_1 += x1_2 * wk[8];
                            a3_0 += x0_2 * wk[5];
                            a3_1 += x1_2 * wk[5];
                        }
                        {
                            __asm__ volatile("" ::: "memory");
                            const float *restrict row = src + (oh + 4) * 58;
                            const cnnc_v8 x0_0 = __builtin_shufflevector(cnnc_splat8(0.0f), ((const cnnc_v8 *)row)[0], 7, 8, 9, 10, 11, 12, 13, 14);
                            const cnnc_v8 x1_0 = ((const cnnc_v8 *)(row + 7))[0];
                            a3_0 += x0_0 * wk[6];
                            a3_1 += x1_0 * wk[6];
                            const cnnc_v8 x0_1 = ((const cnnc_v8 *)row)[0];
                            const cnnc_v8 x1_1 = ((const cnnc_v8 *)(row + 8))[0];
                            a3_0 += x0_1 * wk[7];
                            a3_1 += x1_1 * wk[7];
                            const cnnc_v8 x0_2 = ((const cnnc_v8 *)(row + 1))[0];
                            const cnnc_v8 x1_2 = ((const cnnc_v8 *)(row + 9))[0];
                            a3_0 += x0_2 * wk[8];
                            a3_1 += x1_2 * wk[8];
                        }
                        {
                            cnnc_v8 y = a0_0;
                            y = cnnc_select8((cnnc_i8)(y < cnnc_splat8(0.0f)), cnnc_splat8(0.0f), y);
                            ((cnnc_v8 *)(dst + (oh * 58 + c0)))[0] = y;
                            __asm__ volatile("" ::: "memory");
                        }
                        {
                            cnnc_v8 y = a0_1;
                            y = cnnc_select8((cnnc_i8)(y < cnnc_splat8(0.0f)), cnnc_splat8(0.0f), y);
                            ((cnnc_v8 *)(dst + (oh * 58 + (c0 + 8))))[0] = y;
                            __asm__ volatile("" ::: "memory");
                        }
                        {
                            cnnc_v8 y = a1_0;
                            y = cnnc_select8((cnnc_i8)(y < cnnc_splat8(0.0f)), cnnc_splat8(0.0f), y);
                            ((cnnc_v8 *)(dst + ((oh + 1) * 58 + c0)))[0] = y;
                            __asm__ volatile("" ::: "memory");
                        }
                        {
                            cnnc_v8 y = a1_1;
                            y = cnnc_select8((cnnc_i8)(y < cnnc_splat8(0.0f)), cnnc_splat8(0.0f), y);
                            ((cnnc_v8 *)(dst + ((oh + 1) * 58 + (c0 + 8))))[0] = y;
                            __asm__ volatile("" ::: "memory");
                        }
                        {
                            cnnc_v8 y = a2_0;
                            y = cnnc_select8((cnnc_i8)(y < cnnc_splat8(0.0f)), cnnc_splat8(0.0f), y);
                            ((cnnc_v8 *)(dst + ((oh + 2) * 58 + c0)))[0] = y;
                            __asm__ volatile("" ::: "memory");
                        }
                        {
                            cnnc_v8 y = a2_1;
                            y = cnnc_select8((cnnc_i8)(y < cnnc_splat8(0.0f)), cnnc_splat8(0.0f), y);
                            ((cnnc_v8 *)(dst + ((oh + 2) * 58 + (c0 + 8))))[0] = y;
                            __asm__ volatile("" ::: "memory");
                        }
                        {
                            cnnc_v8 y = a3_0;
                            y = cnnc_select8((cnnc_i8)(y < cnnc_splat8(0.0f)), cnnc_splat8(0.0f), y);
                            ((cnnc_v8 *)(dst + ((oh + 3) * 58 + c0)))[0] = y;
                            __asm__ volatile("" ::: "memory");
                        }
                        {
                            cnnc_v8 y = a3_1;
                            y = cnnc_select8((cnnc_i8)(y < cnnc_splat8(0.0f)), cnnc_splat8(0.0f), y);
                            ((cnnc_v8 *)(dst + ((oh + 3) * 58 + (c0 + 8))))[0] = y;
                            __asm__ volatile("" ::: "memory");
                        }
                    }
                    for (int64_t c0 = 16; c0 < 48; c0 += 16) {
                        cnnc_v8 a0_0 = cnnc_splat8(bg);
                        cnnc_v8 a0_1 = cnnc_splat8(bg);
                        cnnc_v8 a1_0 = cnnc_splat8(bg);
                        cnnc_v8 a1_1 = cnnc_splat8(bg);
                        cnnc_v8 a2_0 = cnnc_splat8(bg);
                        cnnc_v8 a2_1 = cnnc_splat8(bg);
                        cnnc_v8 a3_0 = cnnc_splat8(bg);
                        cnnc_v8 a3_1 = cnnc_splat8(bg);
                        {
                            __asm__ volatile("" ::: "memory");
                            const float *restrict row = src + (oh + -1) * 58;
                            const cnnc_v8 x0_0 = ((const cnnc_v8 *)(row + c0 + -1))[0];
                            const cnnc_v8 x1_0 = ((const cnnc_v8 *)(row + c0 + 7))[0];
                            a0_0 += x0_0 * wk[0];
                            a0_1 += x1_0 * wk[0];
                            const cnnc_v8 x0_1 = ((const cnnc_v8 *)(row + c0))[0];
                            const cnnc_v8 x1_1 = ((const cnnc_v8 *)(row + c0 + 8))[0];
                            a0_0 += x0_1 * wk[1];
                            a0_1 += x1_1 * wk[1];
                            const cnnc_v8 x0_2 = ((const cnnc_v8 *)(row + c0 + 1))[0];
                            const cnnc_v8 x1_2 = ((const cnnc_v8 *)(row + c0 + 9))[0];
                            a0_0 += x0_2 * wk[2];
                            a0_1 += x1_2 * wk[2];
                        }
                        {
                            __asm__ volatile("" ::: "memory");
                            const float *restrict row = src + oh * 58;
                            const cnnc_v8 x0_0 = ((const cnnc_v8 *)(row + c0 + -1))[0];
                            const cnnc_v8 x1_0 = ((const cnnc_v8 *)(row + c0 + 7))[0];
                            a0_0 += x0_0 * wk[3];
                            a0_1 += x1_0 * wk[3];
                            a1_0 += x0_0 * wk[0];
                            a1_1 += x1_0 * wk[0];
                            const cnnc_v8 x0_1 = ((const cnnc_v8 *)(row + c0))[0];
                            const cnnc_v8 x1_1 = ((const cnnc_v8 *)(row + c0 + 8))[0];
                            a0_0 += x0_1 * wk[4];
                            a0_1 += x1_1 * wk[4];
                            a1_0 += x0_1 * wk[1];
                            a1_1 += x1_1 * wk[1];
                            const cnnc_v8 x0_2 = ((const cnnc_v8 *)(row + c0 + 1))[0];
                            const cnnc_v8 x1_2 = ((const cnnc_v8 *)(row + c0 + 9))[0];
                            a0_0 += x0_2 * wk[5];
                            a0_1 += x1_2 * wk[5];
                            a1_0 += x0_2 * wk[2];
                            a1_1 += x1_2 * wk[2];
                        }
                        {
                            __asm__ volatile("" ::: "memory");
                            const float *restrict row = src + (oh + 1) * 58;
                            const cnnc_v8 x0_0 = ((const cnnc_v8 *)(row + c0 + -1))[0];
                            const cnnc_v8 x1_0 = ((const cnnc_v8 *)(row + c0 + 7))[0];
                            a0_0 += x0_0 * wk[6];
                            a0_1 += x1_0 * wk[6];
                            a1_0 += x0_0 * wk[3];
                            a1_1 += x1_0 * wk[3];
                            a2_0 += x0_0 * wk[0];
                            a2_1 += x1_0 * wk[0];
                            const cnnc_v8 x0_1 = ((const cnnc_v8 *)(row + c0))[0];
                            const cnnc_v8 x1_1 = ((const cnnc_v8 *)(row + c0 + 8))[0];
                            a0_0 += x0_1 * wk[7];
                            a0_1 += x1_1 * wk[7];
                            a1_0 += x0_1 * wk[4];
                            a1_1 += x1_1 * wk[4];
                            a2_0 += x0_1 * wk[1];
                            a2_1 += x1_1 * wk[1];
                            const cnnc_v8 x0_2 = ((const cnnc_v8 *)(row + c0 + 1))[0];
                            const cnnc_v8 x1_2 = ((const cnnc_v8 *)(row + c0 + 9))[0];
                            a0_0 += x0_2 * wk[8];
                            a0_1 += x1_2 * wk[8];
                            a1_0 += x0_2 * wk[5];
                            a1_1 += x1_2 * wk[5];
                            a2_0 += x0_2 * wk[2];
                            a2_1 += x1_2 * wk[2];
                        }
                        {
                            __asm__ volatile("" ::: "memory");
                            const float *restrict row = src + (oh + 2) * 58;
                            const cnnc_v8 x0_0 = ((const cnnc_v8 *)(row + c0 + -1))[0];
                            const cnnc_v8 x1_0 = ((const cnnc_v8 *)(row + c0 + 7))[0];
                            a1_0 += x0_0 * wk[6];
                            a1_1 += x1_0 * wk[6];
                            a2_0 += x0_0 * wk[3];
                            a2_1 += x1_0 * wk[3];
                            a3_0 += x0_0 * wk[0];
                            a3_1 += x1_0 * wk[0];
                            const cnnc_v8 x0_1 = ((const cnnc_v8 *)(row + c0))[0];
                            const cnnc_v8 x1_1 = ((const cnnc_v8 *)(row + c0 + 8))[0];
                            a1_0 += x0_1 * wk[7];
                            a1_1 += x1_1 * wk[7];
                            a2_0 += x0_1 * wk[4];
                            a2_1 += x1_1 * wk[4];
                            a3_0 += x0_1 * wk[1];
                            a3_1 += x1_1 * wk[1];
                            const cnnc_v8 x0_2 = ((const cnnc_v8 *)(row + c0 + 1))[0];
                            const cnnc_v8 x1_2 = ((const cnnc_v8 *)(row + c0 + 9))[0];
                            a1_0 += x0_2 * wk[8];
                            a1_1 += x1_2 * wk[8];
                            a2_0 += x0_2 * wk[5];
                            a2_1 += x1_2 * wk[5];
                            a3_0 += x0_2 * wk[2];
                            a3_1 += x1_2 * wk[2];
                        }
                        {
                            __asm__ volatile("" ::: "memory");
                            const float *restrict row = src + (oh + 3) * 58;
                            const cnnc_v8 x0_0 = ((const cnnc_v8 *)(row + c0 + -1))[0];
                            const cnnc_v8 x1_0 = ((const cnnc_v8 *)(row + c0 + 7))[0];
                            a2_0 += x0_0 * wk[6];
                            a2_1 += x1_0 * wk[6];
                            a3_0 += x0_0 * wk[3];
                            a3_1 += x1_0 * wk[3];
                            const cnnc_v8 x0_1 = ((const cnnc_v8 *)(row + c0))[0];
                            const cnnc_v8 x1_1 = ((const cnnc_v8 *)(row + c0 + 8))[0];
                            a2_0 += x0_1 * wk[7];
                            a2_1 += x1_1 * wk[7];
                            a3_0 += x0_1 * wk[4];
                            a3_1 += x1_1 * wk[4];
                            const cnnc_v8 x0_2 = ((const cnnc_v8 *)(row + c0 + 1))[0];
                            const cnnc_v8 x1_2 = ((const cnnc_v8 *)(row + c0 + 9))[0];
                            a2_0 += x0_2 * wk[8];
                            a2_1 += x1_2 * wk[8];
                            a3_0 += x0_2 * wk[5];
                            a3_1 += x1_2 * wk[5];
                        }
                        {
                            __asm__ volatile("" ::: "memory");
                            const float *restrict row = src + (oh + 4) * 58;
                            const cnnc_v8 x0_0 = ((const cnnc_v8 *)(row + c0 + -1))[0];
                            const cnnc_v8 x1_0 = ((const cnnc_v8 *)(row + c0 + 7))[0];
                            a3_0 += x0_0 * wk[6];
                            a3_1 += x1_0 * wk[6];
                            const cnnc_v8 x0_1 = ((const cnnc_v8 *)(row + c0))[0];
                            const cnnc_v8 x1_1 = ((const cnnc_v8 *)(row + c0 + 8))[0];
                            a3_0 += x0_1 * wk[7];
                            a3_1 += x1_1 * wk[7];
                            const cnnc_v8 x0_2 = ((const cnnc_v8 *)(row + c0 + 1))[0];
                            const cnnc_v8 x1_2 = ((const cnnc_v8 *)(row + c0 + 9))[0];
                            a3_0 += x0_2 * wk[8];
                            a3_1 += x1_2 * wk[8];
                        }
                        {
                            cnnc_v8 y = a0_0;
                            y = cnnc_select8((cnnc_i8)(y < cnnc_splat8(0.0f)), cnnc_splat8(0.0f), y);
                            ((cnnc_v8 *)(dst + (oh * 58 + c0)))[0] = y;
                            __asm__ volatile("" ::: "memory");
                        }
                        {
                            cnnc_v8 y = a0_1;
                            y = cnnc_select8((cnnc_i8)(y < cnnc_splat8(0.0f)), cnnc_splat8(0.0f), y);
                            ((cnnc_v8 *)(dst + (oh * 58 + (c0 + 8))))[0] = y;
                            __asm__ volatile("" ::: "memory");
                        }
                        {
                            cnnc_v8 y = a1_0;
                            y = cnnc_select8((cnnc_i8)(y < cnnc_splat8(0.0f)), cnnc_splat8(0.0f), y);
                            ((cnnc_v8 *)(dst + ((oh + 1) * 58 + c0)))[0] = y;
                            __asm__ volatile("" ::: "memory");
                        }
                        {
                            cnnc_v8 y = a1_1;
                            y = cnnc_select8((cnnc_i8)(y < cnnc_splat8(0.0f)), cnnc_splat8(0.0f), y);
                            ((cnnc_v8 *)(dst + ((oh + 1) * 58 + (c0 + 8))))[0] = y;
                            __asm__ volatile("" ::: "memory");
                        }
                        {
                            cnnc_v8 y = a2_0;
                            y = cnnc_select8((cnnc_i8)(y < cnnc_splat8(0.0f)), cnnc_splat8(0.0f), y);
                            ((cnnc_v8 *)(dst + ((oh + 2) * 58 + c0)))[0] = y;
                            __asm__ volatile("" ::: "memory");
                        }
                        {
                            cnnc_v8 y = a2_1;
                            y = cnnc_select8((cnnc_i8)(y < cnnc_splat8(0.0f)), cnnc_splat8(0.0f), y);
                            ((cnnc_v8 *)(dst + ((oh + 2) * 58 + (c0 + 8))))[0] = y;
                            __asm__ volatile("" ::: "memory");
                        }
                        {
                            cnnc_v8 y = a3_0;
                            y = cnnc_select8((cnnc_i8)(y < cnnc_splat8(0.0f)), cnnc_splat8(0.0f), y);
                            ((cnnc_v8 *)(dst + ((oh + 3) * 58 + c0)))[0] = y;
                            __asm__ volatile("" ::: "memory");
                        }
                        {
                            cnnc_v8 y = a3_1;
                            y = cnnc_select8((cnnc_i8)(y < cnnc_splat8(0.0f)), cnnc_splat8(0.0f), y);
                            ((cnnc_v8 *)(dst + ((oh + 3) * 58 + (c0 + 8))))[0] = y;
                            __asm__ volatile("" ::: "memory");
                        }
                    }
                    {
                        const int64_t c0 = 48;
                        cnnc_v8 a0_0 = cnnc_splat8(bg);
                        cnnc_v8 a0_1 = cnnc_splat8(bg);
                        cnnc_v8 a1_0 = cnnc_splat8(bg);
                        cnnc_v8 a1_1 = cnnc_splat8(bg);
                        cnnc_v8 a2_0 = cnnc_splat8(bg);
                        cnnc_v8 a2_1 = cnnc_splat8(bg);
                        cnnc_v8 a3_0 = cnnc_splat8(bg);
                        cnnc_v8 a3_1 = cnnc_splat8(bg);
                        {
                            __asm__ volatile("" ::: "memory");
                            const float *restrict row = src + (oh + -1) * 58;
                            const cnnc_v8 x0_0 = ((const cnnc_v8 *)(row + 47))[0];
                            const cnnc_v8 x1_0 = __builtin_shufflevector(((const cnnc_v8 *)(row + 48))[0], __builtin_shufflevector(((const cnnc_v8 *)(row + 50))[0], cnnc_splat8(0.0f), 6, 7, 8, 8, 8, 8, 8, 8), 7, 8, 9, 10, 11, 12, 13, 14);
                            a0_0 += x0_0 * wk[0];
                            a0_1 += x1_0 * wk[0];
                            const cnnc_v8 x0_1 = ((const cnnc_v8 *)(row + 48))[0];
                            const cnnc_v8 x1_1 = __builtin_shufflevector(((const cnnc_v8 *)(row + 50))[0], cnnc_splat8(0.0f), 6, 7, 8, 8, 8, 8, 8, 8);
                            a0_0 += x0_1 * wk[1];
                            a0_1 += x1_1 * wk[1];
                            const cnnc_v8 x0_2 = ((const cnnc_v8 *)(row + 49))[0];
                            const cnnc_v8 x1_2 = __builtin_shufflevector(__builtin_shufflevector(((const cnnc_v8 *)(row + 50))[0], cnnc_splat8(0.0f), 6, 7, 8, 8, 8, 8, 8, 8), cnnc_splat8(0.0f), 1, 2, 3, 4, 5, 6, 7, 8);
                            a0_0 += x0_2 * wk[2];
                            a0_1 += x1_2 * wk[2];
                        }
                        {
                            __asm__ volatile("" ::: "memory");
                            const float *restrict row = src + oh * 58;
                            const cnnc_v8 x0_0 = ((const cnnc_v8 *)(row + 47))[0];
                            const cnnc_v8 x1_0 = __builtin_shufflevector(((const cnnc_v8 *)(row + 48))[0], __builtin_shufflevector(((const cnnc_v8 *)(row + 50))[0], cnnc_splat8(0.0f), 6, 7, 8, 8, 8, 8, 8, 8), 7, 8, 9, 10, 11, 12, 13, 14);
                            a0_0 += x0_0 * wk[3];
                            a0_1 += x1_0 * wk[3];
                            a1_0 += x0_0 * wk[0];
                            a1_1 += x1_0 * wk[0];
                            const cnnc_v8 x0_1 = ((const cnnc_v8 *)(row + 48))[0];
                            const cnnc_v8 x1_1 = __builtin_shufflevector(((const cnnc_v8 *)(row + 50))[0], cnnc_splat8(0.0f), 6, 7, 8, 8, 8, 8, 8, 8);
                            a0_0 += x0_1 * wk[4];
                            a0_1 += x1_1 * wk[4];
                            a1_0 += x0_1 * wk[1];
                            a1_1 += x1_1 * wk[1];
                            const cnnc_v8 x0_2 = ((const cnnc_v8 *)(row + 49))[0];
                            const cnnc_v8 x1_2 = __builtin_shufflevector(__builtin_shufflevector(((const cnnc_v8 *)(row + 50))[0], cnnc_splat8(0.0f), 6, 7, 8, 8, 8, 8, 8, 8), cnnc_splat8(0.0f), 1, 2, 3, 4, 5, 6, 7, 8);
                            a0_0 += x0_2 * wk[5];
                            a0_1 += x1_2 * wk[5];
                            a1_0 += x0_2 * wk[2];
                            a1_1 += x1_2 * wk[2];
                        }
                        {
                            __asm__ volatile("" ::: "memory");
                            const float *restrict row = src + (oh + 1) * 58;
                            const cnnc_v8 x0_0 = ((const cnnc_v8 *)(row + 47))[0];
                            const cnnc_v8 x1_0 = __builtin_shufflevector(((const cnnc_v8 *)(row + 48))[0], __builtin_shufflevector(((const cnnc_v8 *)(row + 50))[0], cnnc_splat8(0.0f), 6, 7, 8, 8, 8, 8, 8, 8), 7, 8, 9, 10, 11, 12, 13, 14);
                            a0_0 += x0_0 * wk[6];
                            a0_1 += x1_0 * wk[6];
                            a1_0 += x0_0 * wk[3];
                            a1_1 += x1_0 * wk[3];
                            a2_0 += x0_0 * wk[0];
                            a2_1 += x1_0 * wk[0];
                            const cnnc_v8 x0_1 = ((const cnnc_v8 *)(row + 48))[0];
                            const cnnc_v8 x1_1 = __builtin_shufflevector(((const cnnc_v8 *)(row + 50))[0], cnnc_splat8(0.0f), 6, 7, 8, 8, 8, 8, 8, 8);
                            a0_0 += x0_1 * wk[7];
                            a0_1 += x1_1 * wk[7];
                            a1_0 += x0_1 * wk[4];
                            a1_1 += x1_1 * wk[4];
                            a2_0 += x0_1 * wk[1];
                            a2_1 += x1_1 * wk[1];
                            const cnnc_v8 x0_2 = ((const cnnc_v8 *)(row + 49))[0];
                            const cnnc_v8 x1_2 = __builtin_shufflevector(__builtin_shufflevector(((const cnnc_v8 *)(row + 50))[0], cnnc_splat8(0.0f), 6, 7, 8, 8, 8, 8, 8, 8), cnnc_splat8(0.0f), 1, 2, 3, 4, 5, 6, 7, 8);
                            a0_0 += x0_2 * wk[8];
                            a0_1 += x1_2 * wk[8];
                            a1_0 += x0_2 * wk[5];
                            a1_1 += x1_2 * wk[5];
                            a2_0 += x0_2 * wk[2];
                            a2_1 += x1_2 * wk[2];
                        }
                        {
                            __asm__ volatile("" ::: "memory");
                            const float *restrict row = src + (oh + 2) * 58;
                            const cnnc_v8 x0_0 = ((const cnnc_v8 *)(row + 47))[0];
                            const cnnc_v8 x1_0 = __builtin_shufflevector(((const cnnc_v8 *)(row + 48))[0], __builtin_shufflevector(((const cnnc_v8 *)(row + 50))[0], cnnc_splat8(0.0f), 6, 7, 8, 8, 8, 8, 8, 8), 7, 8, 9, 10, 11, 12, 13, 14);
                            a1_0 += x0_0 * wk[6];
                            a1_1 += x1_0 * wk[6];
                            a2_0 += x0_0 * wk[3];
                            a2_1 += x1_0 * wk[3];
                            a3_0 += x0_0 * wk[0];
                            a3_1 += x1_0 * wk[0];
                            const cnnc_v8 x0_1 = ((const cnnc_v8 *)(row + 48))[0];
                            const cnnc_v8 x1_1 = __builtin_shufflevector(((const cnnc_v8 *)(row + 50))[0], cnnc_splat8(0.0f), 6, 7, 8, 8, 8, 8, 8, 8);
                            a1_0 += x0_1 * wk[7];
                            a1_1 += x1_1 * wk[7];
                            a2_0 += x0_1 * wk[4];
                            a2_1 += x1_1 * wk[4];
                            a3_0 += x0_1 * wk[1];
                            a3_1 += x1_1 * wk[1];
                            const cnnc_v8 x0_2 = ((const cnnc_v8 *)(row + 49))[0];
                            const cnnc_v8 x1_2 = __builtin_shufflevector(__builtin_shufflevector(((const cnnc_v8 *)(row + 50))[0], cnnc_splat8(0.0f), 6, 7, 8, 8, 8, 8, 8, 8), cnnc_splat8(0.0f), 1, 2, 3, 4, 5, 6, 7, 8);
                            a1_0 += x0_2 * wk[8];
                            a1_1 += x1_2 * wk[8];
                            a2_0 += x0_2 * wk[5];
                            a2_1 += x1_2 * wk[5];
                            a3_0 += x0_2 * wk[2];
                            a3_1 += x1_2 * wk[2];
                        }
                        {
                            __asm__ volatile("" ::: "memory");
                            const float *restrict row = src + (oh + 3) * 58;
                            const cnnc_v8 x0_0 = ((const cnnc_v8 *)(row + 47))[0];
                            const cnnc_v8 x1_0 = __builtin_shufflevector(((const cnnc_v8 *)(row + 48))[0], __builtin_shufflevector(((const cnnc_v8 *)(row + 50))[0], cnnc_splat8(0.0f), 6, 7, 8, 8, 8, 8, 8, 8), 7, 8, 9, 10, 11, 12, 13, 14);
                            a2_0 += x0_0 * wk[6];
                            a2_1 += x1_0 * wk[6];
                            a3_0 += x0_0 * wk[3];
                            a3_1 += x1_0 * wk[3];
                            const cnnc_v8 x0_1 = ((const cnnc_v8 *)(row + 48))[0];
                            const cnnc_v8 x1_1 = __builtin_shufflevector(((const cnnc_v8 *)(row + 50))[0], cnnc_splat8(0.0f), 6, 7, 8, 8, 8, 8, 8, 8);
                            a2_0 += x0_1 * wk[7];
                            a2_1 += x1_1 * wk[7];
                            a3_0 += x0_1 * wk[4];
                            a3_1 += x1_1 * wk[4];
                            const cnnc_v8 x0_2 = ((const cnnc_v8 *)(row + 49))[0];
                            const cnnc_v8 x1_2 = __builtin_shufflevector(__builtin_shufflevector(((const cnnc_v8 *)(row + 50))[0], cnnc_splat8(0.0f), 6, 7, 8, 8, 8, 8, 8, 8), cnnc_splat8(0.0f), 1, 2, 3, 4, 5, 6, 7, 8);
                            a2_0 += x0_2 * wk[8];
                            a2_1 += x1_2 * wk[8];
                            a3_0 += x0_2 * wk[5];
                            a3_1 += x1_2 * wk[5];
                        }
                        {
                            __asm__ volatile("" ::: "memory");
                            const float *restrict row = src + (oh + 4) * 58;
                            const cnnc_v8 x0_0 = ((const cnnc_v8 *)(row + 47))[0];
                            const cnnc_v8 x1_0 = __builtin_shufflevector(((const cnnc_v8 *)(row + 48))[0], __builtin_shufflevector(((const cnnc_v8 *)(row + 50))[0], cnnc_splat8(0.0f), 6, 7, 8, 8, 8, 8, 8, 8), 7, 8, 9, 10, 11, 12, 13, 14);
                            a3_0 += x0_0 * wk[6];
                            a3_1 += x1_0 * wk[6];
                            const cnnc_v8 x0_1 = ((const cnnc_v8 *)(row + 48))[0];
                            const cnnc_v8 x1_1 = __builtin_shufflevector(((const cnnc_v8 *)(row + 50))[0], cnnc_splat8(0.0f), 6, 7, 8, 8, 8, 8, 8, 8);
                            a3_0 += x0_1 * wk[7];
                            a3_1 += x1_1 * wk[7];
                            const cnnc_v8 x0_2 = ((const cnnc_v8 *)(row + 49))[0];
                            const cnnc_v8 x1_2 = __builtin_shufflevector(__builtin_shufflevector(((const cnnc_v8 *)(row + 50))[0], cnnc_splat8(0.0f), 6, 7, 8, 8, 8, 8, 8, 8), cnnc_splat8(0.0f), 1, 2, 3, 4, 5, 6, 7, 8);
                            a3_0 += x0_2 * wk[8];
                            a3_1 += x1_2 * wk[8];
                        }
                        {
                            cnnc_v8 y = a0_0;
                            y = cnnc_select8((cnnc_i8)(y < cnnc_splat8(0.0f)), cnnc_splat8(0.0f), y);
                            ((cnnc_v8 *)(dst + (oh * 58 + c0)))[0] = y;
                            __asm__ volatile("" ::: "memory");
                        }
                        {
                            cnnc_v8 y = a0_1;
                            y = cnnc_select8((cnnc_i8)(y < cnnc_splat8(0.0f)), cnnc_splat8(0.0f), y);
                            memcpy(dst + (oh * 58 + (c0 + 8)), &y, 8);
                            __asm__ volatile("" ::: "memory");
                        }
                        {
                            cnnc_v8 y = a1_0;
                            y = cnnc_select8((cnnc_i8)(y < cnnc_splat8(0.0f)), cnnc_splat8(0.0f), y);
                            ((cnnc_v8 *)(dst + ((oh + 1) * 58 + c0)))[0] = y;
                            __asm__ volatile("" ::: "memory");
                        }
                        {
                            cnnc_v8 y = a1_1;
                            y = cnnc_select8((cnnc_i8)(y < cnnc_splat8(0.0f)), cnnc_splat8(0.0f), y);
                            memcpy(dst + ((oh + 1) * 58 + (c0 + 8)), &y, 8);
                            __asm__ volatile("" ::: "memory");
                        }
                        {
                            cnnc_v8 y = a2_0;
                            y = cnnc_select8((cnnc_i8)(y < cnnc_splat8(0.0f)), cnnc_splat8(0.0f), y);
                            ((cnnc_v8 *)(dst + ((oh + 2) * 58 + c0)))[0] = y;
                            __asm__ volatile("" ::: "memory");
                        }
                        {
                            cnnc_v8 y = a2_1;
                            y = cnnc_select8((cnnc_i8)(y < cnnc_splat8(0.0f)), cnnc_splat8(0.0f), y);
                            memcpy(dst + ((oh + 2) * 58 + (c0 + 8)), &y, 8);
                            __asm__ volatile("" ::: "memory");
                        }
                        {
                            cnnc_v8 y = a3_0;
                            y = cnnc_select8((cnnc_i8)(y < cnnc_splat8(0.0f)), cnnc_splat8(0.0f), y);
                            ((cnnc_v8 *)(dst + ((oh + 3) * 58 + c0)))[0] = y;
                            __asm__ volatile("" ::: "memory");
                        }
                        {
                            cnnc_v8 y = a3_1;
                            y = cnnc_select8((cnnc_i8)(y < cnnc_splat8(0.0f)), cnnc_splat8(0.0f), y);
                            memcpy(dst + ((oh + 3) * 58 + (c0 + 8)), &y, 8);
                            __asm__ volatile("" ::: "memory");
                        }
                    }
                }
                {
                    const int64_t oh = 12;
                    {
                        const int64_t c0 = 0;
                        cnnc_v8 a0_0 = cnnc_splat8(bg);
                        cnnc_v8 a0_1 = cnnc_splat8(bg);
                        cnnc_v8 a1_0 = cnnc_splat8(bg);
                        cnnc_v8 a1_1 = cnnc_splat8(bg);
                        {
                            __asm__ volatile("" ::: "memory");
                            const float *restrict row = src + (oh + -1) * 58;
                            const cnnc_v8 x0_0 = __builtin_shufflevector(cnnc_splat8(0.0f), ((const cnnc_v8 *)row)[0], 7, 8, 9, 10, 11, 12, 13, 14);
                            const cnnc_v8 x1_0 = ((const cnnc_v8 *)(row + 7))[0];
                            a0_0 += x0_0 * wk[0];
                            a0_1 += x1_0 * wk[0];
                            const cnnc_v8 x0_1 = ((const cnnc_v8 *)row)[0];
                            const cnnc_v8 x1_1 = ((const cnnc_v8 *)(row + 8))[0];
                            a0_0 += x0_1 * wk[1];
                            a0_1 += x1_1 * wk[1];
                            const cnnc_v8 x0_2 = ((const cnnc_v8 *)(row + 1))[0];
                            const cnnc_v8 x1_2 = ((const cnnc_v8 *)(row + 9))[0];
                            a0_0 += x0_2 * wk[2];
                            a0_1 += x1_2 * wk[2];
                        }
                        {
                            __asm__ volatile("" ::: "memory");
                            const float *restrict row = src + oh * 58;
                            const cnnc_v8 x0_0 = __builtin_shufflevector(cnnc_splat8(0.0f), ((const cnnc_v8 *)row)[0], 7, 8, 9, 10, 11, 12, 13, 14);
                            const cnnc_v8 x1_0 = ((const cnnc_v8 *)(row + 7))[0];
                            a0_0 += x0_0 * wk[3];
                            a0_1 += x1_0 * wk[3];
                            a1_0 += x0_0 * wk[0];
                            a1_1 += x1_0 * wk[0];
                            const cnnc_v8 x0_1 = ((const cnnc_v8 *)row)[0];
                            const cnnc_v8 x1_1 = ((const cnnc_v8 *)(row + 8))[0];
                            a0_0 += x0_1 * wk[4];
                            a0_1 += x1_1 * wk[4];
                            a1_0 += x0_1 * wk[1];
                            a1_1 += x1_1 * wk[1];
                            const cnnc_v8 x0_2 = ((const cnnc_v8 *)(row + 1))[0];
                            const cnnc_v8 x1_2 = ((const cnnc_v8 *)(row + 9))[0];
                            a0_0 += x0_2 * wk[5];
                            a0_1 += x1_2 * wk[5];
                            a1_0 += x0_2 * wk[2];
                            a1_1 += x1_2 * wk[2];
                        }
                        {
                            __asm__ volatile("" ::: "memory");
                            const float *restrict row = src + (oh + 1) * 58;
                            const cnnc_v8 x0_0 = __builtin_shufflevector(cnnc_splat8(0.0f), ((const cnnc_v8 *)row)[0], 7, 8, 9, 10, 11, 12, 13, 14);
                            const cnnc_v8 x1_0 = ((const cnnc_v8 *)(row + 7))[0];
                            a0_0 += x0_0 * wk[6];
                            a0_1 += x1_0 * wk[6];
                            a1_0 += x0_0 * wk[3];
                            a1_1 += x1_0 * wk[3];
                            const cnnc_v8 x0_1 = ((const cnnc_v8 *)row)[0];
                            const cnnc_v8 x1_1 = ((const cnnc_v8 *)(row + 8))[0];
                            a0_0 += x0_1 * wk[7];
                            a0_1 += x1_1 * wk[7];
                            a1_0 += x0_1 * wk[4];
                            a1_1 += x1_1 * wk[4];
                            const cnnc_v8 x0_2 = ((const cnnc_v8 *)(row + 1))[0];
                            const cnnc_v8 x1_2 = ((const cnnc_v8 *)(row + 9))[0];
                            a0_0 += x0_2 * wk[8];
                            a0_1 += x1_2 * wk[8];
                            a1_0 += x0_2 * wk[5];
                            a1_1 += x1_2 * wk[5];
                        }
                        {
                            cnnc_v8 y = a0_0;
                            y = cnnc_select8((cnnc_i8)(y < cnnc_splat8(0.0f)), cnnc_splat8(0.0f), y);
                            ((cnnc_v8 *)(dst + (oh * 58 + c0)))[0] = y;
                            __asm__ volatile("" ::: "memory");
                        }
                        {
                            cnnc_v8 y = a0_1;
                            y = cnnc_select8((cnnc_i8)(y < cnnc_splat8(0.0f)), cnnc_splat8(0.0f), y);
                            ((cnnc_v8 *)(dst + (oh * 58 + (c0 + 8))))[0] = y;
                            __asm__ volatile("" ::: "memory");
                        }
                        {
                            cnnc_v8 y = a1_0;
                            y = cnnc_select8((cnnc_i8)(y < cnnc_splat8(0.0f)), cnnc_splat8(0.0f), y);
                            ((cnnc_v8 *)(dst + ((oh + 1) * 58 + c0)))[0] = y;
                            __asm__ volatile("" ::: "memory");
                        }
                        {
                            cnnc_v8 y = a1_1;
                            y = cnnc_select8((cnnc_i8)(y < cnnc_splat8(0.0f)), cnnc_splat8(0.0f), y);
                            ((cnnc_v8 *)(dst + ((oh + 1) * 58 + (c0 + 8))))[0] = y;
                            __asm__ volatile("" ::: "memory");
                        }
                    }
                    for (int64_t c0 = 16; c0 < 48; c0 += 16) {
                        cnnc_v8 a0_0 = cnnc_splat8(bg);
                        cnnc_v8 a0_1 = cnnc_splat8(bg);
                        cnnc_v8 a1_0 = cnnc_splat8(bg);
                        cnnc_v8 a1_1 = cnnc_splat8(bg);
                        {
                            __asm__ volatile("" ::: "memory");
                            const float *restrict row = src + (oh + -1) * 58;
                            const cnnc_v8 x0_0 = ((const cnnc_v8 *)(row + c0 + -1))[0];
                            const cnnc_v8 x1_0 = ((const cnnc_v8 *)(row + c0 + 7))[0];
                            a0_0 += x0_0 * wk[0];
                            a0_1 += x1_0 * wk[0];
                            const cnnc_v8 x0_1 = ((const cnnc_v8 *)(row + c0))[0];
                            const cnnc_v8 x1_1 = ((const cnnc_v8 *)(row + c0 + 8))[0];
                            a0_0 += x0_1 * wk[1];
                            a0_1 += x1_1 * wk[1];
                            const cnnc_v8 x0_2 = ((const cnnc_v8 *)(row + c0 + 1))[0];
                            const cnnc_v8 x1_2 = ((const cnnc_v8 *)(row + c0 + 9))[0];
                            a0_0 += x0_2 * wk[2];
                            a0_1 += x1_2 * wk[2];
                        }
                        {
                            __asm__ volatile("" ::: "memory");
                            const float *restrict row = src + oh * 58;
                            const cnnc_v8 x0_0 = ((const cnnc_v8 *)(row + c0 + -1))[0];
                            const cnnc_v8 x1_0 = ((const cnnc_v8 *)(row + c0 + 7))[0];
                            a0_0 += x0_0 * wk[3];
                            a0_1 += x1_0 * wk[3];
                            a1_0 += x0_0 * wk[0];
                            a1_1 += x1_0 * wk[0];
                            const cnnc_v8 x0_1 = ((const cnnc_v8 *)(row + c0))[0];
                            const cnnc_v8 x1_1 = ((const cnnc_v8 *)(row + c0 + 8))[0];
                            a0_0 += x0_1 * wk[4];
                            a0_1 += x1_1 * wk[4];
                            a1_0 += x0_1 * wk[1];
                            a1_1 += x1_1 * wk[1];
                            const cnnc_v8 x0_2 = ((const cnnc_v8 *)(row + c0 + 1))[0];
                            const cnnc_v8 x1_2 = ((const cnnc_v8 *)(row + c0 + 9))[0];
                            a0_0 += x0_2 * wk[5];
                            a0_1 += x1_2 * wk[5];
                            a1_0 += x0_2 * wk[2];
                            a1_1 += x1_2 * wk[2];
                        }
                        {
                            __asm__ volatile("" ::: "memory");
                            const float *restrict row = src + (oh + 1) * 58;
                            const cnnc_v8 x0_0 = ((const cnnc_v8 *)(row + c0 + -1))[0];
                            const cnnc_v8 x1_0 = ((const cnnc_v8 *)(row + c0 + 7))[0];
                            a0_0 += x0_0 * wk[6];
                            a0_1 += x1_0 * wk[6];
                            a1_0 += x0_0 * wk[3];
                            a1_1 += x1_0 * wk[3];
                            const cnnc_v8 x0_1 = ((const cnnc_v8 *)(row + c0))[0];
                            const cnnc_v8 x1_1 = ((const cnnc_v8 *)(row + c0 + 8))[0];
                            a0_0 += x0_1 * wk[7];
                            a0_1 += x1_1 * wk[7];
                            a1_0 += x0_1 * wk[4];
                            a1_1 += x1_1 * wk[4];
                            const cnnc_v8 x0_2 = ((const cnnc_v8 *)(row + c0 + 1))[0];
                            const cnnc_v8 x1_2 = ((const cnnc_v8 *)(row + c0 + 9))[0];
                            a0_0 += x0_2 * wk[8];
                            a0_1 += x1_2 * wk[8];
                            a1_0 += x0_2 * wk[5];
                            a1_1 += x1_2 * wk[5];
                        }
                        {
                            cnnc_v8 y = a0_0;
                            y = cnnc_select8((cnnc_i8)(y < cnnc_splat8(0.0f)), cnnc_splat8(0.0f), y);
                            ((cnnc_v8 *)(dst + (oh * 58 + c0)))[0] = y;
                            __asm__ volatile("" ::: "memory");
                        }
                        {
                            cnnc_v8 y = a0_1;
                            y = cnnc_select8((cnnc_i8)(y < cnnc_splat8(0.0f)), cnnc_splat8(0.0f), y);
                            ((cnnc_v8 *)(dst + (oh * 58 + (c0 + 8))))[0] = y;
                            __asm__ volatile("" ::: "memory");
                        }
                        {
                            cnnc_v8 y = a1_0;
                            y = cnnc_select8((cnnc_i8)(y < cnnc_splat8(0.0f)), cnnc_splat8(0.0f), y);
                            ((cnnc_v8 *)(dst + ((oh + 1) * 58 + c0)))[0] = y;
                            __asm__ volatile("" ::: "memory");
                        }
                        {
                            cnnc_v8 y = a1_1;
                            y = cnnc_select8((cnnc_i8)(y < cnnc_splat8(0.0f)), cnnc_splat8(0.0f), y);
                            ((cnnc_v8 *)(dst + ((oh + 1) * 58 + (c0 + 8))))[0] = y;
                            __asm__ volatile("" ::: "memory");
                        }
                    }
                    {
                        const int64_t c0 = 48;
                        cnnc_v8 a0_0 = cnnc_splat8(bg);
                        cnnc_v8 a0_1 = cnnc_splat8(bg);
                        cnnc_v8 a1_0 = cnnc_splat8(bg);
                        cnnc_v8 a1_1 = cnnc_splat8(bg);
                        {
                            __asm__ volatile("" ::: "memory");
                            const float *restrict row = src + (oh + -1) * 58;
                            const cnnc_v8 x0_0 = ((const cnnc_v8 *)(row + 47))[0];
                            const cnnc_v8 x1_0 = __builtin_shufflevector(((const cnnc_v8 *)(row + 48))[0], __builtin_shufflevector(((const cnnc_v8 *)(row + 50))[0], cnnc_splat8(0.0f), 6, 7, 8, 8, 8, 8, 8, 8), 7, 8, 9, 10, 11, 12, 13, 14);
                            a0_0 += x0_0 * wk[0];
                            a0_1 += x1_0 * wk[0];
                            const cnnc_v8 x0_1 = ((const cnnc_v8 *)(row + 48))[0];
                            const cnnc_v8 x1_1 = __builtin_shufflevector(((const cnnc_v8 *)(row + 50))[0], cnnc_splat8(0.0f), 6, 7, 8, 8, 8, 8, 8, 8);
                            a0_0 += x0_1 * wk[1];
                            a0_1 += x1_1 * wk[1];
                            const cnnc_v8 x0_2 = ((const cnnc_v8 *)(row + 49))[0];
                            const cnnc_v8 x1_2 = __builtin_shufflevector(__builtin_shufflevector(((const cnnc_v8 *)(row + 50))[0], cnnc_splat8(0.0f), 6, 7, 8, 8, 8, 8, 8, 8), cnnc_splat8(0.0f), 1, 2, 3, 4, 5, 6, 7, 8);
                            a0_0 += x0_2 * wk[2];
                            a0_1 += x1_2 * wk[2];
                        }
                        {
                            __asm__ volatile("" ::: "memory");
                            const float *restrict row = src + oh * 58;
                            const cnnc_v8 x0_0 = ((const cnnc_v8 *)(row + 47))[0];
                            const cnnc_v8 x1_0 = __builtin_shufflevector(((const cnnc_v8 *)(row + 48))[0], __builtin_shufflevector(((const cnnc_v8 *)(row + 50))[0], cnnc_splat8(0.0f), 6, 7, 8, 8, 8, 8, 8, 8), 7, 8, 9, 10, 11, 12, 13, 14);
                            a0_0 += x0_0 * wk[3];
                            a0_1 += x1_0 * wk[3];
                            a1_0 += x0_0 * wk[0];
                            a1_1 += x1_0 * wk[0];
                            const cnnc_v8 x0_1 = ((const cnnc_v8 *)(row + 48))[0];
                            const cnnc_v8 x1_1 = __builtin_shufflevector(((const cnnc_v8 *)(row + 50))[0], cnnc_splat8(0.0f), 6, 7, 8, 8, 8, 8, 8, 8);
                            a0_0 += x0_1 * wk[4];
                            a0_1 += x1_1 * wk[4];
                            a1_0 += x0_1 * wk[1];
                            a1_1 += x1_1 * wk[1];
                            const cnnc_v8 x0_2 = ((const cnnc_v8 *)(row + 49))[0];
                            const cnnc_v8 x1_2 = __builtin_shufflevector(__builtin_shufflevector(((const cnnc_v8 *)(row + 50))[0], cnnc_splat8(0.0f), 6, 7, 8, 8, 8, 8, 8, 8), cnnc_splat8(0.0f), 1, 2, 3, 4, 5, 6, 7, 8);
                            a0_0 += x0_2 * wk[5];
                            a0_1 += x1_2 * wk[5];
                            a1_0 += x0_2 * wk[2];
                            a1_1 += x1_2 * wk[2];
                        }
                        {
                            __asm__ volatile("" ::: "memory");
                            const float *restrict row = src + (oh + 1) * 58;
                            const cnnc_v8 x0_0 = ((const cnnc_v8 *)(row + 47))[0];
                            const cnnc_v8 x1_0 = __builtin_shufflevector(((const cnnc_v8 *)(row + 48))[0], __builtin_shufflevector(((const cnnc_v8 *)(row + 50))[0], cnnc_splat8(0.0f), 6, 7, 8, 8, 8, 8, 8, 8), 7, 8, 9, 10, 11, 12, 13, 14);
                            a0_0 += x0_0 * wk[6];
                            a0_1 += x1_0 * wk[6];
                            a1_0 += x0_0 * wk[3];
                            a1_1 += x1_0 * wk[3];
                            const cnnc_v8 x0_1 = ((const cnnc_v8 *)(row + 48))[0];
                            const cnnc_v8 x1_1 = __builtin_shufflevector(((const cnnc_v8 *)(row + 50))[0], cnnc_splat8(0.0f), 6, 7, 8, 8, 8, 8, 8, 8);
                            a0_0 += x0_1 * wk[7];
                            a0_1 += x1_1 * wk[7];
                            a1_0 += x0_1 * wk[4];
                            a1_1 += x1_1 * wk[4];
                            const cnnc_v8 x0_2 = ((const cnnc_v8 *)(row + 49))[0];
                            const cnnc_v8 x1_2 = __builtin_shufflevector(__builtin_shufflevector(((const cnnc_v8 *)(row + 50))[0], cnnc_splat8(0.0f), 6, 7, 8, 8, 8, 8, 8, 8), cnnc_splat8(0.0f), 1, 2, 3, 4, 5, 6, 7, 8);
                            a0_0 += x0_2 * wk[8];
                            a0_1 += x1_2 * wk[8];
                            a1_0 += x0_2 * wk[5];
                            a1_1 += x1_2 * wk[5];
                        }
                        {
                            cnnc_v8 y = a0_0;
                            y = cnnc_select8((cnnc_i8)(y < cnnc_splat8(0.0f)), cnnc_splat8(0.0f), y);
                            ((cnnc_v8 *)(dst + (oh * 58 + c0)))[0] = y;
                            __asm__ volatile("" ::: "memory");
                        }
                        {
                            cnnc_v8 y = a0_1;
                            y = cnnc_select8((cnnc_i8)(y < cnnc_splat8(0.0f)), cnnc_splat8(0.0f), y);
                            memcpy(dst + (oh * 58 + (c0 + 8)), &y, 8);
                            __asm__ volatile("" ::: "memory");
                        }
                        {
                            cnnc_v8 y = a1_0;
                            y = cnnc_select8((cnnc_i8)(y < cnnc_splat8(0.0f)), cnnc_splat8(0.0f), y);
                            ((cnnc_v8 *)(dst + ((oh + 1) * 58 + c0)))[0] = y;
                            __asm__ volatile("" ::: "memory");
                        }
                        {
                            cnnc_v8 y = a1_1;
                            y = cnnc_select8((cnnc_i8)(y < cnnc_splat8(0.0f)), cnnc_splat8(0.0f), y);
                            memcpy(dst + ((oh + 1) * 58 + (c0 + 8)), &y, 8);
                            __asm__ volatile("" ::: "memory");
                        }
                    }
                }
            }
        }
    }
}
