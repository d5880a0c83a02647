/*
 * digits-c: runs the cnnc-compiled digits model from C, linked directly against
 * the library and calling the functions its generated header declares.
 *
 *   cnnc compile examples/digits/net.json -o build/libdigits.so --header build/digits.h
 *   clang -O2 main.c -Ibuild -Lbuild -ldigits -Wl,-rpath,build -o build/digits-c
 *   build/digits-c examples/digits/test_images.npy examples/digits/test_labels.npy
 *
 * With a third argument, PyTorch's probabilities (examples/digits/torch_probabilities.npy),
 * it also compares every probability: |got - expected| <= 1e-5 + 1e-4 |expected| (the tests'
 * tolerance), prints "probabilities match PyTorch" and fails with an `error:` line otherwise.
 * The same main.c is linked against the static library by examples/cmake-static.
 *
 * IMAGES and LABELS are float32 arrays, each either a .npy file ('<f4', C order)
 * or raw little-endian float32 (e.g. numpy's `a.astype('<f4').tofile(path)`):
 * N x 64 pixels ([N, 1, 8, 8]) and N labels.
 */
#include "digits.h" /* digits_create/run/destroy, digits_cnnc_model, and the ABI types */

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Reads a whole file; returns malloc'd bytes (NULL on error, with *size untouched). */
static unsigned char *read_file(const char *path, size_t *size) {
    FILE *file = fopen(path, "rb");
    if (!file) return NULL;
    unsigned char *bytes = NULL;
    long length = -1;
    if (fseek(file, 0, SEEK_END) == 0 && (length = ftell(file)) >= 0 && fseek(file, 0, SEEK_SET) == 0) {
        bytes = malloc(length > 0 ? (size_t)length : 1);
        if (bytes && fread(bytes, 1, (size_t)length, file) != (size_t)length) { free(bytes); bytes = NULL; }
    }
    fclose(file);
    if (bytes) *size = (size_t)length;
    return bytes;
}

/*
 * Reads float32 values from a .npy file ('<f4', C order, format 1.0-3.0) or a raw
 * float32 file. Returns malloc'd floats and sets *count; on error prints
 * "error: ..." and returns NULL. (Assumes a little-endian host, as x86-64 and arm64 are.)
 */
static float *read_floats(const char *path, size_t *count) {
    size_t size = 0, offset = 0, data_bytes;
    unsigned char *bytes = read_file(path, &size);
    if (!bytes) { fprintf(stderr, "error: %s: expected a readable file, got none\n", path); return NULL; }
    const char *problem = NULL;
    if (size >= 10 && memcmp(bytes, "\x93NUMPY", 6) == 0) {
        size_t length_size = bytes[6] == 1 ? 2 : 4; /* version 1.0: 2-byte header length; 2.0 and 3.0: 4 */
        size_t header_length = bytes[8] | (size_t)bytes[9] << 8;
        if (length_size == 4 && size >= 12) header_length |= (size_t)bytes[10] << 16 | (size_t)bytes[11] << 24;
        offset = 8 + length_size + header_length;
        if (offset > size) { problem = "a truncated .npy header"; goto fail; }
        /* The header is a Python dict: {'descr': '<f4', 'fortran_order': False, 'shape': (360, 1, 8, 8), } */
        char *header = calloc(header_length + 1, 1);
        if (header) memcpy(header, bytes + 8 + length_size, header_length);
        const char *shape = header ? strstr(header, "'shape':") : NULL;
        if (!header || !strstr(header, "'descr': '<f4'")) problem = "a .npy dtype other than '<f4' (float32)";
        else if (!strstr(header, "'fortran_order': False")) problem = "a Fortran-order .npy array";
        else if (!shape || !(shape = strchr(shape, '('))) problem = "a .npy header without a shape";
        else {
            size_t elements = 1; /* the product of the shape tuple's integers */
            for (const char *p = shape + 1; *p && *p != ')';) {
                char *end;
                long dimension = strtol(p, &end, 10);
                if (end == p) { p++; continue; } /* ',' */
                elements *= (size_t)dimension;
                p = end;
            }
            if (elements * 4 != size - offset) problem = "a .npy file whose data does not match its shape";
        }
        free(header);
        if (problem) goto fail;
    }
    data_bytes = size - offset;
    if (data_bytes % 4 != 0) { problem = "a size that is not a whole number of float32 values"; goto fail; }
    *count = data_bytes / 4;
    float *values = malloc(data_bytes > 0 ? data_bytes : 1);
    if (values) memcpy(values, bytes + offset, data_bytes);
    free(bytes);
    return values;
fail:
    fprintf(stderr, "error: %s: expected float32 data (.npy '<f4' or raw), got %s\n", path, problem);
    free(bytes);
    return NULL;
}

/* Prints one input or output as the descriptor gives it: name and per-sample shape. */
static void print_tensor(const char *role, const cnnc_tensor_desc *tensor) {
    printf("  %s %s [", role, tensor->name);
    for (uint32_t d = 0; d < tensor->rank; d++) printf(d ? ", %lld" : "%lld", (long long)tensor->shape[d]);
    printf("] (%lld floats per sample)\n", (long long)tensor->element_count);
}

int main(int argc, char **argv) {
    if (argc != 3 && argc != 4) {
        fprintf(stderr, "usage: %s IMAGES(.npy|.f32) LABELS(.npy|.f32) [EXPECTED_PROBABILITIES(.npy|.f32)]\n", argv[0]);
        return 1;
    }

    /* The descriptor describes the model: check it matches the header we compiled against. */
    const cnnc_model_desc *model = digits_cnnc_model();
    if (model->abi_version != CNNC_ABI_VERSION) {
        fprintf(stderr, "error: expected cnnc ABI version %u, got %u (rebuild the library)\n", CNNC_ABI_VERSION, model->abi_version);
        return 1;
    }
    printf("model '%s' (symbol prefix %s_), %llu workspace bytes per sample\n", model->name, model->prefix,
           (unsigned long long)model->workspace_bytes_per_sample);
    print_tensor("input ", &model->inputs[0]);
    print_tensor("output", &model->outputs[0]);
    const size_t pixels = (size_t)model->inputs[0].element_count, classes = (size_t)model->outputs[0].element_count;

    size_t pixel_count = 0, label_count = 0;
    float *images = read_floats(argv[1], &pixel_count);
    float *labels = images ? read_floats(argv[2], &label_count) : NULL;
    if (!labels) { free(images); return 1; }
    const size_t n = pixel_count / pixels;
    if (n == 0 || pixel_count % pixels != 0 || label_count != n) {
        fprintf(stderr, "error: expected N x %zu pixels and N labels, got %zu pixels and %zu labels\n", pixels, pixel_count,
                label_count);
        free(images);
        free(labels);
        return 1;
    }
    float *probabilities = malloc(n * classes * sizeof(float));

    /* One context for the whole test set (its arena is sized for n samples), one run. */
    cnnc_context *context = NULL;
    int status = digits_create((int64_t)n, /* threads: OpenMP's default */ 0, &context);
    if (status == CNNC_OK) {
        const float *inputs[DIGITS_INPUT_COUNT] = {images};
        float *outputs[DIGITS_OUTPUT_COUNT] = {probabilities};
        status = digits_run(context, (int64_t)n, inputs, outputs);
        digits_destroy(context);
    }
    if (status != CNNC_OK) {
        fprintf(stderr, "error: the model failed with status %d: %s\n", status, digits_status_message(status));
        free(images);
        free(labels);
        free(probabilities);
        return 1;
    }

    size_t correct = 0;
    printf("image  predicted  confidence  label\n");
    for (size_t i = 0; i < n; i++) {
        const float *row = probabilities + i * classes;
        size_t best = 0;
        for (size_t c = 1; c < classes; c++) if (row[c] > row[best]) best = c;
        const int label = (int)labels[i];
        correct += (size_t)label == best;
        if (i < 8) printf("%5zu %10zu %10.2f%% %6d%s\n", i, best, 100.0 * row[best], label, (size_t)label == best ? "" : "  (wrong)");
    }
    printf("accuracy: %zu/%zu (%.2f%%)\n", correct, n, 100.0 * (double)correct / (double)n);

    int failed = 0;
    if (argc == 4) {
        size_t expected_count = 0;
        float *expected = read_floats(argv[3], &expected_count);
        if (!expected) {
            failed = 1;
        } else if (expected_count != n * classes) {
            fprintf(stderr, "error: %s: expected %zu x %zu probabilities, got %zu values\n", argv[3], n, classes, expected_count);
            failed = 1;
        } else {
            size_t worst = 0;
            double worst_excess = -1, worst_error = 0;
            for (size_t i = 0; i < n * classes; i++) {
                const double error = fabs((double)probabilities[i] - (double)expected[i]);
                const double excess = error - (1e-5 + 1e-4 * fabs((double)expected[i]));
                if (error > worst_error) worst_error = error;
                if (excess > worst_excess) { worst_excess = excess; worst = i; }
            }
            if (worst_excess > 0) {
                fprintf(stderr, "error: %s: expected probability %zu within 1e-5 + 1e-4 |expected| of %.9g, got %.9g\n", argv[3], worst,
                        (double)expected[worst], (double)probabilities[worst]);
                failed = 1;
            } else {
                printf("probabilities match PyTorch (max abs error %.3g)\n", worst_error);
            }
        }
        free(expected);
    }

    free(images);
    free(labels);
    free(probabilities);
    return failed;
}
