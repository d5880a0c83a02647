/// The model ABI header, embedded so generated code and headers need no file from the
/// source tree. `Runtime/CModelABI/include/cnnc_abi.h` is the same text; a test keeps them equal.
public enum ABIHeader {
    /// The ABI version generated libraries declare.
    public static let version = 1
    /// The full text of `cnnc_abi.h`.
    public static let text = #"""
/*
 * cnnc model ABI, version 1.
 *
 * Every library built by `cnnc compile` exports one descriptor function,
 * `<prefix>_cnnc_model`, returning a pointer to a static `cnnc_model_desc`,
 * plus the prefixed functions the descriptor points at. Nothing else is
 * exported, so several models can live in one process or one link.
 *
 * Contexts own all memory a run needs (the activation arena); `run` never
 * allocates and touches no global mutable state, so runs on different
 * contexts may proceed in parallel threads. Errors are status codes.
 */
#ifndef CNNC_ABI_H
#define CNNC_ABI_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define CNNC_ABI_VERSION 1u
/* Fields appended within version 1; a library states its revision in abi_revision
   (libraries from before revisions existed have 0 there). 1: required_cpu_features. */
#define CNNC_ABI_REVISION 1u

/** Status codes returned by create and run. */
enum cnnc_status {
    CNNC_OK = 0,
    /** A null pointer or a batch/thread count below its minimum. */
    CNNC_ERROR_INVALID_ARGUMENT = 1,
    /** The context's arena could not be allocated. */
    CNNC_ERROR_OUT_OF_MEMORY = 2,
    /** The CPU lacks a feature the library's code needs (see required_cpu_features). */
    CNNC_ERROR_UNSUPPORTED_CPU = 3,
};

/** One model input or output: its name and per-sample shape (no batch dimension). */
typedef struct cnnc_tensor_desc {
    const char *name;        /* the original name, as a NUL-terminated UTF-8 string */
    uint32_t rank;           /* number of per-sample dimensions */
    const int64_t *shape;    /* rank entries */
    int64_t element_count;   /* product of shape: floats per sample */
} cnnc_tensor_desc;

/** One generated kernel (a fused group of layers), for profiling. */
typedef struct cnnc_kernel_desc {
    const char *name;          /* the kernel's C function name */
    const char *op;            /* its op, e.g. "conv2d" */
    const char *layers;        /* the description layers it computes, joined by " + " */
    uint64_t flops_per_sample; /* approximate floating-point operations per sample */
} cnnc_kernel_desc;

/** Opaque per-caller state: the arena and the thread count. */
typedef struct cnnc_context cnnc_context;

/** The self-description every library exports through `<prefix>_cnnc_model()`. */
typedef struct cnnc_model_desc {
    uint32_t abi_version;            /* CNNC_ABI_VERSION the library was built for */
    uint32_t input_count;
    uint32_t output_count;
    uint32_t abi_revision;           /* CNNC_ABI_REVISION the library was built for (0: none) */
    const char *name;                /* the model's name from its description */
    const char *prefix;              /* the C prefix of every exported symbol */
    const cnnc_tensor_desc *inputs;  /* input_count entries, in description order */
    const cnnc_tensor_desc *outputs; /* output_count entries, in description order */
    uint64_t workspace_bytes_per_sample; /* arena bytes per sample of max_batch */
    /* Makes a context able to run up to max_batch samples per internal step
       (larger batches run in chunks). threads <= 0 means OpenMP's default. */
    int (*create)(int64_t max_batch, int32_t threads, cnnc_context **out);
    /* Runs `batch` samples. inputs[i] holds batch * inputs[i].element_count
       floats (C order); outputs[i] receives batch * outputs[i].element_count. */
    int (*run)(cnnc_context *ctx, int64_t batch, const float *const *inputs, float *const *outputs);
    void (*destroy)(cnnc_context *ctx);
    /* A static English description of a status code. */
    const char *(*status_message)(int status);
    /* Approximate floating-point operations for one sample (multiply-adds count
       two), for benchmarks' GFLOP/s. */
    uint64_t flops_per_sample;
    /* The kernels in run order, for profiling. */
    uint32_t kernel_count;
    uint32_t reserved2;
    const cnnc_kernel_desc *kernels;
    /* Like run, and adds each kernel's wall time in seconds to kernel_seconds[k]
       (kernel_count entries). */
    int (*run_profiled)(cnnc_context *ctx, int64_t batch, const float *const *inputs, float *const *outputs,
                        double *kernel_seconds);
    /* Measures the FMA throughput this library's code can reach, in GFLOP/s, on `threads`
       threads (<= 0: OpenMP's default) for about `seconds`: the peak its kernels approach. */
    double (*fma_peak_gflops)(int32_t threads, double seconds);
    /* Revision 1 and later (check abi_revision >= 1 before reading): the CPU features the
       code this descriptor runs needs, as /proc/cpuinfo names them, separated by spaces
       ("" for none). A multi-target library returns the descriptor of the code it chose for
       this CPU; on a CPU without one of these features, create returns
       CNNC_ERROR_UNSUPPORTED_CPU and a loader should refuse the library, naming it. */
    const char *required_cpu_features;
} cnnc_model_desc;

#ifdef __cplusplus
}
#endif

#endif /* CNNC_ABI_H */
"""#
}
