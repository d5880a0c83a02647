/*
 * npy_runner: runs a cnnc model library on .npy inputs and writes .npy outputs, with nothing
 * but the C library and the model's ABI. Cross-compiled for ARM64 and run under qemu-aarch64
 * by the tests (Tests/CNNCompilerTests/AArch64Tests.swift), which compare its outputs with the
 * goldens; any other machine can use it the same way.
 *
 *   npy_runner LIB PREFIX IN0.npy [IN1.npy ...] -- OUT0.npy [OUT1.npy ...]
 *
 * Inputs are float32, C order, [N, ...per-sample shape]; outputs are written [N, ...].
 * Exit 0 on success, 1 with an "error:" line otherwise.
 */
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cnnc_abi.h"

static int fail(const char *what, const char *detail) {
    fprintf(stderr, "error: %s%s%s\n", what, detail ? ": " : "", detail ? detail : "");
    return 1;
}

/* Reads a little-endian float32 C-order .npy (versions 1-3): its first dimension and data. */
static float *read_npy(const char *path, int64_t *first_dim, int64_t *count) {
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    unsigned char magic[8];
    float *data = NULL;
    char *header = NULL;
    if (fread(magic, 1, 8, f) != 8 || memcmp(magic, "\x93NUMPY", 6) != 0) goto done;
    size_t header_len = 0;
    unsigned char len[4] = {0};
    if (magic[6] == 1) {
        if (fread(len, 1, 2, f) != 2) goto done;
        header_len = len[0] | (size_t)len[1] << 8;
    } else {
        if (fread(len, 1, 4, f) != 4) goto done;
        header_len = len[0] | (size_t)len[1] << 8 | (size_t)len[2] << 16 | (size_t)len[3] << 24;
    }
    header = calloc(header_len + 1, 1);
    if (!header || fread(header, 1, header_len, f) != header_len) goto done;
    if (!strstr(header, "'<f4'") || strstr(header, "'fortran_order': True")) goto done;
    char *shape = strstr(header, "'shape': (");
    if (!shape) goto done;
    shape += strlen("'shape': (");
    int64_t n = 1, first = -1;
    while (*shape && *shape != ')') {
        char *end;
        long long dim = strtoll(shape, &end, 10);
        if (end == shape) break;
        if (first < 0) first = dim;
        n *= dim;
        shape = end;
        while (*shape == ',' || *shape == ' ') shape++;
    }
    if (first < 0) first = 1; /* a 0-d array */
    data = malloc((size_t)(n > 0 ? n : 1) * sizeof(float));
    if (!data || fread(data, sizeof(float), (size_t)n, f) != (size_t)n) { free(data); data = NULL; goto done; }
    *first_dim = first;
    *count = n;
done:
    free(header);
    fclose(f);
    return data;
}

static int write_npy(const char *path, const float *data, int64_t batch, const cnnc_tensor_desc *t) {
    char header[512];
    int k = snprintf(header, sizeof header, "{'descr': '<f4', 'fortran_order': False, 'shape': (%lld,", (long long)batch);
    for (uint32_t i = 0; i < t->rank; i++) k += snprintf(header + k, sizeof header - k, " %lld,", (long long)t->shape[i]);
    k += snprintf(header + k, sizeof header - k, "), }");
    /* Pad with spaces to a multiple of 64 bytes including the 10-byte preamble and the newline. */
    while ((10 + k + 1) % 64 != 0) header[k++] = ' ';
    header[k++] = '\n';
    FILE *f = fopen(path, "wb");
    if (!f) return 0;
    unsigned char preamble[10] = {0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0, (unsigned char)(k & 0xff), (unsigned char)(k >> 8)};
    size_t n = (size_t)(batch * t->element_count);
    int ok = fwrite(preamble, 1, 10, f) == 10 && fwrite(header, 1, (size_t)k, f) == (size_t)k && fwrite(data, sizeof(float), n, f) == n;
    return fclose(f) == 0 && ok;
}

int main(int argc, char **argv) {
    if (argc < 4) return fail("usage: npy_runner LIB PREFIX IN.npy... -- OUT.npy...", NULL);
    void *lib = dlopen(argv[1], RTLD_NOW | RTLD_LOCAL);
    if (!lib) return fail("cannot load the library", dlerror());
    char symbol[256];
    snprintf(symbol, sizeof symbol, "%s_cnnc_model", argv[2]);
    const cnnc_model_desc *(*describe)(void) = (const cnnc_model_desc *(*)(void))dlsym(lib, symbol);
    if (!describe) return fail("no descriptor function", symbol);
    const cnnc_model_desc *m = describe();
    if (!m || m->abi_version != CNNC_ABI_VERSION) return fail("expected a cnnc model of ABI version 1", symbol);
    int sep = 3;
    while (sep < argc && strcmp(argv[sep], "--") != 0) sep++;
    if (sep - 3 != (int)m->input_count || argc - sep - 1 != (int)m->output_count) return fail("expected one .npy per input and per output", NULL);
    const float *inputs[64];
    float *outputs[64];
    int64_t batch = -1;
    for (uint32_t i = 0; i < m->input_count; i++) {
        int64_t first = 0, count = 0;
        float *data = read_npy(argv[3 + i], &first, &count);
        if (!data) return fail("expected a float32 C-order .npy", argv[3 + i]);
        int64_t n = count / m->inputs[i].element_count;
        if (n * m->inputs[i].element_count != count || (batch >= 0 && n != batch)) return fail("expected [N, ...per-sample shape] with one N for all inputs", argv[3 + i]);
        batch = n;
        inputs[i] = data;
    }
    for (uint32_t j = 0; j < m->output_count; j++) {
        outputs[j] = malloc((size_t)(batch * m->outputs[j].element_count) * sizeof(float));
        if (!outputs[j]) return fail("out of memory", NULL);
    }
    cnnc_context *ctx = NULL;
    int status = m->create(batch, 0, &ctx);
    if (status != CNNC_OK) return fail("create failed", m->status_message(status));
    status = m->run(ctx, batch, inputs, outputs);
    if (status != CNNC_OK) return fail("run failed", m->status_message(status));
    for (uint32_t j = 0; j < m->output_count; j++) {
        if (!write_npy(argv[sep + 1 + j], outputs[j], batch, &m->outputs[j])) return fail("cannot write", argv[sep + 1 + j]);
    }
    m->destroy(ctx);
    return 0;
}
