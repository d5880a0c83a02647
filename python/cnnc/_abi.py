"""ctypes mirrors of ``Runtime/CModelABI/include/cnnc_abi.h`` (ABI version 1, revision 1)."""

import ctypes
from ctypes import POINTER, c_char_p, c_double, c_int, c_int32, c_int64, c_uint32, c_uint64, c_void_p

ABI_VERSION = 1
ABI_REVISION = 1
OK = 0
UNSUPPORTED_CPU = 3


class TensorDesc(ctypes.Structure):
    """``cnnc_tensor_desc``: a name and a per-sample shape."""
    _fields_ = [
        ("name", c_char_p),
        ("rank", c_uint32),
        ("shape", POINTER(c_int64)),
        ("element_count", c_int64),
    ]


class KernelDesc(ctypes.Structure):
    """``cnnc_kernel_desc``: one generated kernel, for profiling."""
    _fields_ = [
        ("name", c_char_p),
        ("op", c_char_p),
        ("layers", c_char_p),
        ("flops_per_sample", c_uint64),
    ]


# CFUNCTYPE (not PYFUNCTYPE): ctypes releases the GIL for the duration of each call.
CreateFunction = ctypes.CFUNCTYPE(c_int, c_int64, c_int32, POINTER(c_void_p))
RunFunction = ctypes.CFUNCTYPE(c_int, c_void_p, c_int64, POINTER(c_void_p), POINTER(c_void_p))
DestroyFunction = ctypes.CFUNCTYPE(None, c_void_p)
StatusMessageFunction = ctypes.CFUNCTYPE(c_char_p, c_int)
RunProfiledFunction = ctypes.CFUNCTYPE(c_int, c_void_p, c_int64, POINTER(c_void_p), POINTER(c_void_p), POINTER(c_double))
FMAPeakFunction = ctypes.CFUNCTYPE(c_double, c_int32, c_double)


class ModelDesc(ctypes.Structure):
    """``cnnc_model_desc``: the self-description ``<prefix>_cnnc_model()`` returns."""
    _fields_ = [
        ("abi_version", c_uint32),
        ("input_count", c_uint32),
        ("output_count", c_uint32),
        ("abi_revision", c_uint32),
        ("name", c_char_p),
        ("prefix", c_char_p),
        ("inputs", POINTER(TensorDesc)),
        ("outputs", POINTER(TensorDesc)),
        ("workspace_bytes_per_sample", c_uint64),
        ("create", CreateFunction),
        ("run", RunFunction),
        ("destroy", DestroyFunction),
        ("status_message", StatusMessageFunction),
        ("flops_per_sample", c_uint64),
        ("kernel_count", c_uint32),
        ("reserved2", c_uint32),
        ("kernels", POINTER(KernelDesc)),
        ("run_profiled", RunProfiledFunction),
        ("fma_peak_gflops", FMAPeakFunction),
    ]


class ModelDescR1(ctypes.Structure):
    """``cnnc_model_desc`` of revision 1 and later: adds ``required_cpu_features``.

    Read through this type only when ``abi_revision >= 1``: older descriptors end before it.
    """
    _fields_ = ModelDesc._fields_ + [
        ("required_cpu_features", c_char_p),
    ]
