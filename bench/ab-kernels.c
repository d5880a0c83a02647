/* Paired per-kernel A/B timing of two cnnc libraries of the same network, in one process.
 *
 *   clang -O2 bench/ab-kernels.c -o .build/ab-kernels -ldl
 *   .build/ab-kernels A.so B.so [--threads T] [--threads-b T] [--rounds R] [--all]
 *
 * Each round runs A and B once each (the order alternating from round to round) through the
 * descriptor's run_profiled, on the same seeded random input, and records every kernel's time.
 * Per kernel it prints A's and B's medians and the median over rounds of B/A taken pair by pair:
 * a slow spell of a shared host then slows both sides of a pair, where separate runs of
 * `cnnc bench` minutes apart differ by 10-30% on their own. `--threads-b` gives B its own
 * thread count (the same library as A and B, 1 and 2 threads: each kernel's scaling). Without
 * `--all`, kernels under 0.05 ms on both sides are left out. The libraries must have the same
 * kernels (the same network and fusion); their symbols stay apart (RTLD_LOCAL).
 * Exit status 2 on bad arguments or a library that does not load. */
#include <dlfcn.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../Runtime/CModelABI/include/cnnc_abi.h"

static int compare_doubles(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static double median(const double *values, int n) {
    double *sorted = malloc((size_t)n * sizeof *sorted);
    memcpy(sorted, values, (size_t)n * sizeof *sorted);
    qsort(sorted, (size_t)n, sizeof *sorted, compare_doubles);
    double m = n % 2 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    free(sorted);
    return m;
}

typedef struct {
    const cnnc_model_desc *model;
    cnnc_context *context;
    float **inputs, **outputs;
} side;

static int open_side(const char *path, int threads, side *s) {
    void *handle = dlopen(path, RTLD_NOW | RTLD_LOCAL);
    if (!handle) {
        fprintf(stderr, "error: %s: %s\n", path, dlerror());
        return 0;
    }
    /* The descriptor function is `<prefix>_cnnc_model`: the one defined dynamic symbol with that
       suffix (as the runtime finds it), listed here by nm. */
    char command[4200], symbol[512] = "";
    snprintf(command, sizeof command, "nm -D --defined-only '%s' 2>/dev/null", path);
    FILE *nm = strchr(path, '\'') ? NULL : popen(command, "r");
    char line[1024];
    while (nm && fgets(line, sizeof line, nm)) {
        char *name = strrchr(line, ' ');
        if (!name) continue;
        name[strcspn(name, "\n")] = 0;
        size_t length = strlen(++name);
        if (length > 11 && !strcmp(name + length - 11, "_cnnc_model") && length < sizeof symbol) strcpy(symbol, name);
    }
    if (nm) pclose(nm);
    const cnnc_model_desc *(*entry)(void) = *symbol ? (const cnnc_model_desc *(*)(void))dlsym(handle, symbol) : NULL;
    if (!entry) {
        fprintf(stderr, "error: %s: no <prefix>_cnnc_model function among its dynamic symbols (not a cnnc library?)\n", path);
        return 0;
    }
    s->model = entry();
    if (!s->model || !s->model->run_profiled) {
        fprintf(stderr, "error: %s: its descriptor has no run_profiled\n", path);
        return 0;
    }
    int status = s->model->create(1, threads, &s->context);
    if (status != CNNC_OK) {
        fprintf(stderr, "error: %s: create failed: %s\n", path, s->model->status_message(status));
        return 0;
    }
    s->inputs = calloc(s->model->input_count, sizeof *s->inputs);
    s->outputs = calloc(s->model->output_count, sizeof *s->outputs);
    uint64_t state = 0x9E3779B97F4A7C15ull;
    for (uint32_t i = 0; i < s->model->input_count; i++) {
        int64_t count = s->model->inputs[i].element_count;
        s->inputs[i] = malloc((size_t)count * sizeof(float));
        for (int64_t k = 0; k < count; k++) {
            state = state * 6364136223846793005ull + 1442695040888963407ull;
            s->inputs[i][k] = (float)((state >> 40) & 0xFFFF) / 65536.0f - 0.5f;
        }
    }
    for (uint32_t i = 0; i < s->model->output_count; i++)
        s->outputs[i] = malloc((size_t)s->model->outputs[i].element_count * sizeof(float));
    return 1;
}

static void run(side *s, double *seconds) {
    memset(seconds, 0, s->model->kernel_count * sizeof *seconds);
    s->model->run_profiled(s->context, 1, (const float *const *)s->inputs, s->outputs, seconds);
}

int main(int argc, char **argv) {
    const char *paths[2] = {NULL, NULL};
    int threads = 1, threads_b = -1, rounds = 30, all = 0;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--threads") && i + 1 < argc) threads = atoi(argv[++i]);
        else if (!strcmp(argv[i], "--threads-b") && i + 1 < argc) threads_b = atoi(argv[++i]);
        else if (!strcmp(argv[i], "--rounds") && i + 1 < argc) rounds = atoi(argv[++i]);
        else if (!strcmp(argv[i], "--all")) all = 1;
        else if (!paths[0]) paths[0] = argv[i];
        else if (!paths[1]) paths[1] = argv[i];
        else {
            fprintf(stderr, "error: unexpected argument %s\n", argv[i]);
            return 2;
        }
    }
    if (!paths[1] || threads < 1 || rounds < 1) {
        fprintf(stderr, "usage: ab-kernels A.so B.so [--threads T] [--threads-b T] [--rounds R] [--all]\n");
        return 2;
    }
    side sides[2];
    if (!open_side(paths[0], threads, &sides[0]) || !open_side(paths[1], threads_b > 0 ? threads_b : threads, &sides[1])) return 2;
    uint32_t kernels = sides[0].model->kernel_count;
    if (sides[1].model->kernel_count != kernels) {
        fprintf(stderr, "error: %s has %u kernels, %s %u: not the same network\n", paths[0], kernels, paths[1],
                sides[1].model->kernel_count);
        return 2;
    }
    /* times[side][kernel * rounds + round] in ms; the last "kernel" is the sum. */
    double *times[2], *seconds = calloc(kernels, sizeof *seconds);
    for (int s = 0; s < 2; s++) times[s] = calloc((size_t)(kernels + 1) * (size_t)rounds, sizeof(double));
    for (int warm = 0; warm < 3; warm++)
        for (int s = 0; s < 2; s++) run(&sides[s], seconds);
    for (int r = 0; r < rounds; r++) {
        for (int o = 0; o < 2; o++) {
            int s = (r + o) % 2;
            run(&sides[s], seconds);
            double sum = 0;
            for (uint32_t k = 0; k < kernels; k++) {
                times[s][(size_t)k * rounds + r] = seconds[k] * 1e3;
                sum += seconds[k] * 1e3;
            }
            times[s][(size_t)kernels * rounds + r] = sum;
        }
    }
    double *ratio = malloc((size_t)rounds * sizeof *ratio);
    printf("A: %s (%d threads)\nB: %s (%d threads)\n%4s %-12s %9s %9s %7s  %s\n", paths[0], threads, paths[1],
           threads_b > 0 ? threads_b : threads, "#", "op", "A ms", "B ms", "B/A", "layers");
    for (uint32_t k = 0; k <= kernels; k++) {
        const double *a = times[0] + (size_t)k * rounds, *b = times[1] + (size_t)k * rounds;
        for (int r = 0; r < rounds; r++) ratio[r] = a[r] > 0 ? b[r] / a[r] : 1;
        double ma = median(a, rounds), mb = median(b, rounds), mr = median(ratio, rounds);
        if (k == kernels)
            printf("%4s %-12s %9.3f %9.3f %7.3f  (B/A: the median of the %d pairs' ratios)\n", "sum", "", ma, mb, mr, rounds);
        else if (all || ma >= 0.05 || mb >= 0.05)
            printf("%4u %-12s %9.3f %9.3f %7.3f  %s\n", k, sides[0].model->kernels[k].op, ma, mb, mr, sides[0].model->kernels[k].layers);
    }
    return 0;
}
