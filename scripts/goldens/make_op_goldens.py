#!/usr/bin/env python3
"""Write per-op golden test cases for cnnc into Tests/Goldens/ops/.

Every expected output comes from PyTorch (torch.nn.functional), never from
cnnc. The script contains a small reference interpreter of the version-1
network description (/work/shared/net-format.md, mirrored in docs/): it reads
back the net.json / weights.safetensors / input*.npy it has just written and
evaluates them with PyTorch, so the files are checked to round-trip exactly.

Deterministic: fixed per-case seeds (crc32 of the case name), float32, CPU,
one thread, deterministic algorithms. The output folder is deleted and
rewritten from scratch, so two runs produce identical bytes.

Usage:  python3 scripts/goldens/make_op_goldens.py [--out DIR]
"""
import argparse
import json
import math
import os
import shutil
import sys
import warnings
import zlib

import numpy as np
import torch
import torch.nn.functional as F
from safetensors.numpy import load_file as st_load, save_file as st_save

torch.set_num_threads(1)
torch.use_deterministic_algorithms(True)
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))  # scripts/: the cnnc_tools package

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DEFAULT_OUT = os.path.join(REPO, "Tests", "Goldens", "ops")
DEFAULT_BATCH = 2
ATOL, RTOL = 1e-5, 1e-4

from cnnc_tools.reference import (  # noqa: E402  (the reference interpreter: scripts/cnnc_tools/reference.py)
    resolve_padding, pad_arg, pool_general, pool, run_layer, layer_sources, evaluate,
)


# ----------------------------------------------------------------------------
# Case builder
# ----------------------------------------------------------------------------


class Builder:
    def __init__(self, name, batch):
        self.name = name
        self.batch = batch
        self.g = torch.Generator().manual_seed(zlib.crc32(name.encode()))
        self.inputs = []       # json specs
        self.input_arrays = []
        self.layers = []
        self.file_params = {}  # tensor name -> float32 array
        self.use_file = False
        self.out_names = None
        self.env = {}          # float64 values for shape inference while building
        self.prev = None

    # random helpers (float32 results)
    def randn(self, shape, scale=1.0, offset=0.0):
        return (torch.randn(shape, generator=self.g, dtype=torch.float32) * scale + offset).float()

    def uniform(self, shape, lo, hi):
        return (torch.rand(shape, generator=self.g, dtype=torch.float32) * (hi - lo) + lo).float()

    def input(self, name, shape, scale=1.0, offset=0.0):
        self.inputs.append({"name": name, "shape": list(shape)})
        a = self.randn([self.batch] + list(shape), scale, offset).numpy()
        self.input_arrays.append(a)
        self.env[name] = torch.from_numpy(a).double()
        if self.prev is None:
            self.prev = name

    def weights_file(self):
        self.use_file = True

    def outputs(self, names):
        self.out_names = list(names)

    def make_param(self, kind, shape, layer):
        if kind == "conv_w":
            fan = int(np.prod(shape[1:]))
            return self.randn(shape, 1.0 / math.sqrt(fan))
        if kind == "convt_w":
            groups = int(layer.get("groups", 1))
            fan = (shape[0] // groups) * int(np.prod(shape[2:]))
            stride = layer.get("stride", 1)
            taps = int(np.prod(stride)) if isinstance(stride, list) else stride ** (len(shape) - 2)
            return self.randn(shape, math.sqrt(taps / fan))
        if kind == "dense_w":
            return self.randn(shape, 1.0 / math.sqrt(shape[1]))
        if kind == "bias":
            return self.randn(shape, 0.2)
        if kind == "bias_op":
            return self.randn(shape, 0.5)
        if kind == "bn_gamma":
            return self.uniform(shape, 0.5, 1.5)
        if kind == "bn_beta":
            return self.randn(shape, 0.2)
        if kind == "bn_mean":
            return self.randn(shape, 0.3)
        if kind == "bn_var":
            return self.uniform(shape, 0.5, 2.0)
        raise ValueError(kind)

    def L(self, name, op, store=None, slope_shape=None, **fields):
        """Add a layer. store: None (file if weights_file() else inline), "inline", "file",
        or "both" (the file gets a decoy of the right shape, the inline value wins); or a dict
        giving one of those per parameter."""
        layer = {"name": name, "op": op}
        layer.update(fields)
        default_store = "file" if self.use_file else "inline"
        inline = {}
        x_in = [self.env[s] for s in layer_sources(layer, self.prev)]

        def getp(pname, shape, kind):
            if kind == "slope":
                shape = slope_shape
                t = self.uniform(shape, 0.05, 0.5)
            else:
                t = self.make_param(kind, shape, layer)
            a = t.numpy().astype(np.float32)
            full = f"{name}.{pname}"
            where = (store.get(pname) if isinstance(store, dict) else store) or default_store
            if where in ("inline", "both"):
                inline[pname] = a
            if where in ("file", "both"):
                self.file_params[full] = (a * np.float32(-3.0) + np.float32(0.75)) if where == "both" else a
            return torch.from_numpy(a).double()

        self.env[name] = run_layer(layer, x_in, getp)
        if inline:
            layer["params"] = {k: v.tolist() for k, v in inline.items()}
        self.layers.append(layer)
        self.prev = name
        return name

    def net_json(self):
        net = {"version": 1, "name": self.name, "inputs": self.inputs}
        if self.file_params:
            net["weights"] = "weights.safetensors"
        net["layers"] = self.layers
        if self.out_names is not None:
            net["outputs"] = self.out_names
        return net


def dumps(v):
    # Python floats are written with repr(), the shortest string that round-trips; the values
    # are float32 numbers widened to double, so parsing them as double then narrowing is exact.
    return json.dumps(v, separators=(", ", ": "), ensure_ascii=False, allow_nan=False)


def write_net_json(path, net):
    lines = ["{"]
    items = list(net.items())
    for i, (k, v) in enumerate(items):
        comma = "," if i < len(items) - 1 else ""
        if k == "layers":
            lines.append('  "layers": [')
            for j, layer in enumerate(v):
                lines.append("    " + dumps(layer) + ("," if j < len(v) - 1 else ""))
            lines.append("  ]" + comma)
        else:
            lines.append(f"  {dumps(k)}: {dumps(v)}{comma}")
    lines.append("}")
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")


# ----------------------------------------------------------------------------
# Cases
# ----------------------------------------------------------------------------

CASES = []


def case(name, what, batch=DEFAULT_BATCH, atol=ATOL, rtol=RTOL):
    def deco(fn):
        assert name not in [c[0] for c in CASES], name
        CASES.append((name, what, batch, atol, rtol, fn))
        return fn
    return deco


def simple(name, what, shape, op, batch=DEFAULT_BATCH, in_scale=1.0, in_offset=0.0, store=None,
           slope_shape=None, file=False, **fields):
    """One input, one layer."""
    def fn(b):
        b.input("x", shape, in_scale, in_offset)
        if file:
            b.weights_file()
        b.L("y", op, store=store, slope_shape=slope_shape, **fields)
    case(name, what, batch)(fn)


# --- convolutions -----------------------------------------------------------
simple("conv1d_default", "conv1d, only filters+kernel (valid, stride 1, bias)", [3, 11], "conv1d", filters=4, kernel=3)
simple("conv2d_default", "conv2d, only filters+kernel (valid, stride 1, bias)", [3, 9, 9], "conv2d", filters=4, kernel=3)
simple("conv3d_default", "conv3d, only filters+kernel (valid, stride 1, bias)", [2, 5, 6, 7], "conv3d", filters=3, kernel=3)
simple("conv1d_same_stride2", "conv1d padding same, stride 2, kernel 4 on L=9: pads (1,2)", [2, 9], "conv1d",
       filters=3, kernel=4, stride=2, padding="same")
simple("conv1d_full", "conv1d padding full (K-1 each side)", [2, 6], "conv1d", filters=3, kernel=3, padding="full")
simple("conv3d_same_stride_list", "conv3d padding same with stride [1,2,2], odd sizes", [2, 5, 7, 6], "conv3d",
       filters=2, kernel=3, stride=[1, 2, 2], padding="same")
simple("conv2d_stride2", "conv2d stride 2 (integer), valid, 9x9", [3, 9, 9], "conv2d", filters=4, kernel=3, stride=2)
simple("conv2d_stride_list", "conv2d stride [2,1]", [3, 9, 8], "conv2d", filters=4, kernel=3, stride=[2, 1])
simple("conv2d_same_stride1_k4x3", "conv2d same, stride 1, kernel [4,3]: H pads (1,2) extra at end, W (1,1)",
       [3, 7, 8], "conv2d", filters=4, kernel=[4, 3], padding="same")
simple("conv2d_same_stride2_odd", "conv2d same stride 2 on 9x10: H out 5 pads (1,1), W out 5 pads (0,1)",
       [3, 9, 10], "conv2d", filters=4, kernel=3, stride=2, padding="same")
simple("conv2d_same_stride2_k4", "conv2d same stride 2 kernel 4 on 7x7: out 4, pads (1,2)",
       [2, 7, 7], "conv2d", filters=3, kernel=4, stride=2, padding="same")
simple("conv2d_same_stride2_dilation2", "conv2d same, stride 2, dilation 2 on 8x8: pads (1,2)",
       [2, 8, 8], "conv2d", filters=3, kernel=3, stride=2, dilation=2, padding="same")
simple("conv2d_full", "conv2d padding full: d(K-1)=2 each side, 6x6 -> 8x8", [2, 6, 6], "conv2d",
       filters=3, kernel=3, padding="full")
simple("conv2d_padding_int", "conv2d padding 1 (integer)", [3, 7, 7], "conv2d", filters=4, kernel=3, padding=1)
simple("conv2d_padding_list", "conv2d padding [2,0]", [3, 7, 7], "conv2d", filters=4, kernel=3, padding=[2, 0])
simple("conv2d_padding_begin_end", "conv2d padding {begin:[0,2], end:[1,0]} (asymmetric)", [3, 7, 7], "conv2d",
       filters=4, kernel=3, padding={"begin": [0, 2], "end": [1, 0]})
simple("conv2d_dilation2", "conv2d dilation 2 (valid)", [3, 9, 9], "conv2d", filters=4, kernel=3, dilation=2)
simple("conv2d_dilation_list_full", "conv2d dilation [2,1] with padding full: pads 4 (H) and 2 (W)",
       [2, 6, 6], "conv2d", filters=3, kernel=3, dilation=[2, 1], padding="full")
simple("conv2d_groups2", "conv2d groups 2, 4 -> 6 channels", [4, 7, 7], "conv2d", filters=6, kernel=3, groups=2)
simple("conv2d_depthwise", "depthwise conv2d: groups = channels = filters = 4, padding 1", [4, 7, 7], "conv2d",
       filters=4, kernel=3, groups=4, padding=1)
simple("conv2d_depthwise_mult2", "depthwise conv2d with multiplier 2: groups 4, filters 8", [4, 7, 7], "conv2d",
       filters=8, kernel=3, groups=4)
simple("conv2d_1x1", "pointwise 1x1 conv2d, 5 -> 3 channels", [5, 6, 6], "conv2d", filters=3, kernel=1)
simple("conv2d_no_bias", "conv2d bias false (only weight is a parameter)", [3, 7, 7], "conv2d",
       filters=4, kernel=3, bias=False)
simple("conv2d_kernel_list", "conv2d kernel [3,1]", [3, 7, 6], "conv2d", filters=4, kernel=[3, 1])
for act in ["relu", "sigmoid", "tanh", "elu", "leaky_relu"]:
    simple(f"conv2d_act_{act}", f"conv2d with activation \"{act}\" (string form, default alpha)", [3, 7, 7],
           "conv2d", in_scale=2.0, filters=4, kernel=3, padding=1, activation=act)
simple("conv2d_act_leaky_relu_obj", "conv2d activation object {op: leaky_relu, alpha: 0.1}", [3, 7, 7], "conv2d",
       in_scale=2.0, filters=4, kernel=3, activation={"op": "leaky_relu", "alpha": 0.1})
simple("conv2d_act_elu_obj", "conv2d activation object {op: elu, alpha: 0.5}", [3, 7, 7], "conv2d",
       in_scale=2.0, filters=4, kernel=3, activation={"op": "elu", "alpha": 0.5})
simple("conv1d_act_relu_batch1", "conv1d stride 2 padding 1 with relu, batch 1", [3, 10], "conv1d", batch=1,
       filters=4, kernel=3, stride=2, padding=1, activation="relu")

# --- transposed convolutions ------------------------------------------------
simple("conv_transpose1d_default", "conv_transpose1d defaults (stride 1, padding 0)", [3, 6], "conv_transpose1d",
       filters=2, kernel=3)
simple("conv_transpose2d_default", "conv_transpose2d defaults", [3, 5, 5], "conv_transpose2d", filters=2, kernel=3)
simple("conv_transpose3d_default", "conv_transpose3d defaults", [2, 3, 4, 4], "conv_transpose3d", filters=2, kernel=2)
simple("conv_transpose2d_stride2", "conv_transpose2d stride 2 (5 -> 11)", [3, 5, 5], "conv_transpose2d",
       filters=2, kernel=3, stride=2)
simple("conv_transpose2d_s2_p1_op1", "conv_transpose2d stride 2 padding 1 output_padding 1 (5 -> 10)",
       [3, 5, 5], "conv_transpose2d", filters=2, kernel=3, stride=2, padding=1, output_padding=1)
simple("conv_transpose2d_dilation2", "conv_transpose2d dilation 2", [3, 4, 4], "conv_transpose2d",
       filters=2, kernel=3, dilation=2)
simple("conv_transpose2d_groups2", "conv_transpose2d groups 2, 4 -> 6 channels (weight [4,3,k,k])", [4, 4, 4],
       "conv_transpose2d", filters=6, kernel=3, groups=2)
simple("conv_transpose2d_no_bias_relu", "conv_transpose2d bias false, activation relu, stride 2",
       [3, 4, 4], "conv_transpose2d", filters=3, kernel=2, stride=2, bias=False, activation="relu")
simple("conv_transpose2d_lists", "conv_transpose2d kernel [3,2] stride [2,1] padding [1,0] output_padding [1,0]",
       [3, 4, 5], "conv_transpose2d", filters=2, kernel=[3, 2], stride=[2, 1], padding=[1, 0], output_padding=[1, 0])
simple("conv_transpose2d_all", "conv_transpose2d stride 2 padding 1 output_padding 1 dilation 2 groups 2, "
       "leaky_relu object", [4, 4, 4], "conv_transpose2d", filters=4, kernel=3, stride=2, padding=1,
       output_padding=1, dilation=2, groups=2, activation={"op": "leaky_relu", "alpha": 0.1})

# --- dense / flatten --------------------------------------------------------
simple("dense_default", "dense on a flat [12] input with bias", [12], "dense", units=5)
simple("dense_no_bias", "dense bias false", [12], "dense", units=5, bias=False)
simple("dense_act_tanh", "dense activation tanh", [12], "dense", in_scale=2.0, units=5, activation="tanh")
simple("dense_act_leaky_obj", "dense activation {op: leaky_relu, alpha: 0.2}", [12], "dense", units=6,
       activation={"op": "leaky_relu", "alpha": 0.2})
simple("flatten_chw", "flatten [3,4,5] -> [60], channel-major order", [3, 4, 5], "flatten")


@case("flatten_dense", "flatten [3,4,5] then dense 6 relu (dense reads the channel-major flat vector)")
def _(b):
    b.input("x", [3, 4, 5])
    b.L("flat", "flatten")
    b.L("fc", "dense", units=6, activation="relu")


# --- pools ------------------------------------------------------------------
simple("maxpool1d_default", "maxpool1d size 2 (stride = size), L=11 drops the last cell", [3, 11], "maxpool1d", size=2)
simple("maxpool2d_default", "maxpool2d size 2 on 9x8 (floor)", [3, 9, 8], "maxpool2d", size=2)
simple("maxpool3d_default", "maxpool3d size 2", [2, 4, 5, 6], "maxpool3d", size=2)
simple("avgpool1d_default", "avgpool1d size 3 on L=10", [3, 10], "avgpool1d", size=3)
simple("avgpool2d_default", "avgpool2d size 2 on 9x9", [3, 9, 9], "avgpool2d", size=2)
simple("avgpool3d_default", "avgpool3d size 2", [2, 4, 5, 6], "avgpool3d", size=2)
simple("maxpool2d_size3_stride1", "maxpool2d size 3 stride 1 (overlapping)", [2, 6, 6], "maxpool2d", size=3, stride=1)
simple("maxpool2d_stride_gt_size", "maxpool2d size 2 stride 3 (gaps)", [2, 8, 8], "maxpool2d", size=2, stride=3)
simple("maxpool2d_lists", "maxpool2d size [2,3] stride [2,1]", [2, 7, 7], "maxpool2d", size=[2, 3], stride=[2, 1])
simple("avgpool2d_size3_stride2", "avgpool2d size 3 stride 2", [2, 9, 8], "avgpool2d", size=3, stride=2)
simple("maxpool2d_padding1", "maxpool2d size 3 stride 2 padding 1 (pads are -inf)", [2, 8, 7], "maxpool2d",
       in_scale=1.0, size=3, stride=2, padding=1)
simple("maxpool2d_padding1_negative", "maxpool2d padding 1 on all-negative input (padding must be -inf, not 0)",
       [2, 6, 6], "maxpool2d", in_scale=0.5, in_offset=-3.0, size=2, stride=2, padding=1)
simple("avgpool2d_padding1", "avgpool2d size 3 stride 2 padding 1, count_include_pad default false",
       [2, 8, 7], "avgpool2d", size=3, stride=2, padding=1)
simple("avgpool2d_padding1_include_pad", "avgpool2d size 3 stride 2 padding 1, count_include_pad true",
       [2, 8, 7], "avgpool2d", size=3, stride=2, padding=1, count_include_pad=True)
simple("maxpool2d_same", "maxpool2d same size 3 stride 2 on 8x9: H pads (0,1), W pads (1,1)", [2, 8, 9],
       "maxpool2d", size=3, stride=2, padding="same")
simple("maxpool2d_same_stride1", "maxpool2d same size 2 stride 1: pads (0,1) at the end", [2, 5, 6],
       "maxpool2d", size=2, stride=1, padding="same")
simple("maxpool2d_3x3_stride1_pad1_negative", "GoogLeNet's branch pool: maxpool2d size 3 stride 1 padding 1 on "
       "28x28 all-negative input (cnnc's two flat passes; padding must be -inf)", [3, 28, 28], "maxpool2d",
       in_scale=0.5, in_offset=-3.0, size=3, stride=1, padding=1)
simple("maxpool2d_5x3_stride1_asymmetric", "maxpool2d size [5,3] stride 1 padding {begin:[2,0], end:[1,2]} on 9x11: "
       "edge rows at both ends, edge columns only at the right", [3, 9, 11], "maxpool2d", size=[5, 3], stride=1,
       padding={"begin": [2, 0], "end": [1, 2]})
simple("maxpool1d_3_stride1_pad1", "maxpool1d size 3 stride 1 padding 1 on L=20", [4, 20], "maxpool1d", size=3,
       stride=1, padding=1)
simple("avgpool2d_same", "avgpool2d same size 3 stride 2 on 8x9, padding excluded from the divisor", [2, 8, 9],
       "avgpool2d", size=3, stride=2, padding="same")
simple("avgpool2d_same_include_pad", "avgpool2d same size 3 stride 2 on 8x9, count_include_pad true", [2, 8, 9],
       "avgpool2d", size=3, stride=2, padding="same", count_include_pad=True)
simple("avgpool1d_same", "avgpool1d same size 2 stride 1 on L=7: pads (0,1)", [3, 7], "avgpool1d",
       size=2, stride=1, padding="same")
simple("maxpool2d_full", "maxpool2d padding full (K-1 = 2 each side, -inf)", [2, 5, 5], "maxpool2d",
       size=3, stride=2, padding="full")
simple("avgpool2d_begin_end", "avgpool2d padding {begin:[1,0], end:[0,2]}, pad excluded", [2, 6, 5], "avgpool2d",
       size=2, stride=2, padding={"begin": [1, 0], "end": [0, 2]})
simple("avgpool2d_begin_end_include_pad", "avgpool2d padding {begin:[1,0], end:[0,2]}, count_include_pad true",
       [2, 6, 5], "avgpool2d", size=2, stride=2, padding={"begin": [1, 0], "end": [0, 2]}, count_include_pad=True)
simple("maxpool3d_padding1", "maxpool3d size 3 stride 2 padding 1", [2, 5, 5, 4], "maxpool3d",
       size=3, stride=2, padding=1)
simple("maxpool2d_ceil", "maxpool2d size 3 stride 2 ceil_mode on 6x5: H 3 (last window past the input), W 2",
       [2, 6, 5], "maxpool2d", size=3, stride=2, ceil_mode=True)
simple("maxpool2d_ceil_pad_drop", "maxpool2d size 2 padding 1 ceil_mode on 5x7: ceil gives 4x5 but the last "
       "windows start in the end padding and are dropped -> 3x4", [2, 5, 7], "maxpool2d", size=2, padding=1,
       ceil_mode=True)
simple("avgpool2d_ceil", "avgpool2d size 3 stride 2 ceil_mode on 6x5: last H window has 2 cells, divisor 2",
       [2, 6, 5], "avgpool2d", size=3, stride=2, ceil_mode=True)
simple("avgpool2d_ceil_pad1", "avgpool2d size 3 stride 2 padding 1 ceil_mode, pad excluded", [2, 6, 7],
       "avgpool2d", size=3, stride=2, padding=1, ceil_mode=True)
simple("avgpool2d_ceil_pad1_include_pad", "avgpool2d size 3 s2 p1 ceil_mode count_include_pad true: divisor "
       "counts padding but not cells past the padded input", [2, 6, 7], "avgpool2d", size=3, stride=2, padding=1,
       ceil_mode=True, count_include_pad=True)
simple("avgpool1d_ceil_pad_drop_include_pad", "avgpool1d size 2 padding 1 ceil_mode count_include_pad true on L=7:"
       " dropped last window", [2, 7], "avgpool1d", size=2, padding=1, ceil_mode=True, count_include_pad=True)
simple("maxpool1d_ceil_begin_end", "maxpool1d size 3 stride 2 padding {begin:[2],end:[0]} ceil_mode on L=8 "
       "(asymmetric; drop rule uses I + begin)", [2, 8], "maxpool1d", size=3, stride=2,
       padding={"begin": [2], "end": [0]}, ceil_mode=True)

# --- global / adaptive pools ------------------------------------------------
simple("global_maxpool2d", "global_maxpool [3,5,6] -> [3,1,1]", [3, 5, 6], "global_maxpool")
simple("global_avgpool2d", "global_avgpool [3,5,6] -> [3,1,1]", [3, 5, 6], "global_avgpool")
simple("global_avgpool1d", "global_avgpool on 1-D [4,7] -> [4,1]", [4, 7], "global_avgpool")
simple("global_maxpool1d", "global_maxpool on 1-D [4,7] -> [4,1]", [4, 7], "global_maxpool")
simple("global_avgpool3d", "global_avgpool on [2,3,4,5] -> [2,1,1,1]", [2, 3, 4, 5], "global_avgpool")
simple("adaptive_avgpool2d_7x5_to_3x2", "adaptive_avgpool2d 7x5 -> [3,2] (overlapping uneven bins)", [3, 7, 5],
       "adaptive_avgpool2d", output=[3, 2])
simple("adaptive_maxpool2d_7x5_to_3x2", "adaptive_maxpool2d 7x5 -> [3,2]", [3, 7, 5], "adaptive_maxpool2d",
       output=[3, 2])
simple("adaptive_avgpool2d_to_1x1", "adaptive_avgpool2d 6x5 -> [1,1]", [3, 6, 5], "adaptive_avgpool2d", output=[1, 1])
simple("adaptive_maxpool2d_grow", "adaptive_maxpool2d 3x4 -> [5,6] (output larger than input; same bin formula)",
       [2, 3, 4], "adaptive_maxpool2d", output=[5, 6])

# --- activations ------------------------------------------------------------
simple("relu", "relu on [3,5,5]", [3, 5, 5], "relu")
simple("sigmoid", "sigmoid on [3,5,5], inputs scaled x3", [3, 5, 5], "sigmoid", in_scale=3.0)
simple("tanh", "tanh on [3,5,5], inputs scaled x2", [3, 5, 5], "tanh", in_scale=2.0)
simple("leaky_relu_default", "leaky_relu default alpha 0.01", [3, 5, 5], "leaky_relu")
simple("leaky_relu_alpha", "leaky_relu alpha 0.2", [3, 5, 5], "leaky_relu", alpha=0.2)
simple("elu_default", "elu default alpha 1.0", [3, 5, 5], "elu", in_scale=2.0)
simple("elu_alpha", "elu alpha 0.3", [3, 5, 5], "elu", in_scale=2.0, alpha=0.3)
simple("prelu_per_channel", "prelu slope [C]=[3] on [3,5,5]", [3, 5, 5], "prelu", slope_shape=[3])
simple("prelu_single", "prelu slope [1] shared by all channels", [3, 5, 5], "prelu", slope_shape=[1])
simple("prelu_1d", "prelu slope [4] on 1-D [4,6]", [4, 6], "prelu", slope_shape=[4])
simple("clip_relu6", "clip 0..6 (relu6), inputs scaled x4 to hit both bounds", [3, 5, 5], "clip", in_scale=4.0,
       min=0, max=6)
simple("clip_range", "clip -0.5..0.25 (float bounds)", [3, 5, 5], "clip", min=-0.5, max=0.25)
simple("softmax_flat", "softmax on a flat [10] vector (axis default 0)", [10], "softmax", in_scale=2.0)
simple("softmax_axis0_chw", "softmax default axis 0 on [4,3,3] = across channels", [4, 3, 3], "softmax", in_scale=2.0)
simple("softmax_axis2_chw", "softmax axis 2 on [2,3,5] = along W (torch dim 3)", [2, 3, 5], "softmax",
       in_scale=2.0, axis=2)
simple("softmax_axis1_cl", "softmax axis 1 on 1-D [3,6] = along L", [3, 6], "softmax", in_scale=2.0, axis=1)

# --- normalisation / dropout ------------------------------------------------
simple("batchnorm_standalone", "batchnorm directly on an input (nothing to fold into)", [3, 5, 5], "batchnorm")
simple("batchnorm_epsilon", "batchnorm epsilon 1e-3", [3, 5, 5], "batchnorm", epsilon=1e-3)
simple("batchnorm_1d", "batchnorm on 1-D [4,6]", [4, 6], "batchnorm")
simple("lrn_default", "lrn defaults (size 5, alpha 1e-4, beta 0.75, k 1) on [7,4,4]; input x20 so the "
       "normalisation is visible (values up to ~60, rtol covers)", [7, 4, 4], "lrn", in_scale=20.0)
simple("lrn_custom", "lrn size 3 alpha 0.5 beta 0.6 k 2.0 on [5,3,4]", [5, 3, 4], "lrn", size=3, alpha=0.5,
       beta=0.6, k=2.0)
simple("lrn_beta_half", "lrn beta 0.5 (cnnc: a square root instead of powf) over 300 positions (two blocks)",
       [6, 15, 20], "lrn", in_scale=5.0, size=3, alpha=0.3, beta=0.5, k=1.0)
simple("lrn_beta_one", "lrn beta 1 (cnnc: a plain division)", [4, 3, 5], "lrn", in_scale=5.0, size=5, alpha=0.2, beta=1.0,
       k=1.5)
simple("dropout", "dropout rate 0.5 = identity at inference", [3, 4, 4], "dropout", rate=0.5)


@case("batchnorm_relu_clip_standalone", "batchnorm -> relu -> clip on an input: one fused elementwise kernel")
def _(b):
    b.input("x", [3, 5, 6], 2.0)
    b.L("bn", "batchnorm")
    b.L("act", "relu")
    b.L("cap", "clip", min=0.0, max=1.5)


@case("conv_relu_batchnorm_sigmoid", "conv relu -> batchnorm (cannot fold after the relu) -> sigmoid (fused into it)")
def _(b):
    b.input("x", [3, 6, 6])
    b.L("conv", "conv2d", filters=4, kernel=3, activation="relu")
    b.L("bn", "batchnorm")
    b.L("sig", "sigmoid")


@case("conv_batchnorm", "conv2d (with bias) -> batchnorm: foldable")
def _(b):
    b.input("x", [3, 7, 7])
    b.L("conv", "conv2d", filters=4, kernel=3)
    b.L("bn", "batchnorm")


@case("conv_nobias_batchnorm_eps", "conv2d bias false -> batchnorm epsilon 1e-3: foldable")
def _(b):
    b.input("x", [3, 7, 7])
    b.L("conv", "conv2d", filters=4, kernel=3, padding="same", bias=False)
    b.L("bn", "batchnorm", epsilon=1e-3)


# --- windows of more than 25 taps: cnnc loops over kernel rows ---------------
simple("conv2d_7x7_stride2_stem", "7x7 stride-2 conv, padding 3, 3 -> 20 channels (a ResNet-style first layer)",
       [3, 20, 22], "conv2d", file=True, filters=20, kernel=7, stride=2, padding=3, activation="relu")
simple("conv2d_6x5_dilated_strided", "kernel [6,5] (30 taps), dilation [2,1], stride [2,3], padding 2",
       [2, 19, 17], "conv2d", file=True, filters=5, kernel=[6, 5], dilation=[2, 1], stride=[2, 3], padding=2)


# --- 3x3 stride-1 convs with >= 16 channels: cnnc runs these as row Winograd F(4,3) ---
simple("conv3x3_winograd_same_relu", "Winograd-sized conv: 16 -> 16, padding same, relu; 13 rows (not a multiple "
       "of 4)", [16, 13, 11], "conv2d", file=True, filters=16, kernel=3, padding="same", activation="relu")
simple("conv3x3_winograd_valid_tail", "Winograd-sized conv: 20 -> 27 (a narrower last block of channels), valid",
       [20, 10, 18], "conv2d", file=True, filters=27, kernel=3)
simple("conv3x3_winograd_asymmetric", "Winograd-sized conv: padding {begin:[0,2], end:[2,1]}, 17 filters, no bias",
       [16, 9, 12], "conv2d", file=True, filters=17, kernel=3, padding={"begin": [0, 2], "end": [2, 1]}, bias=False)
simple("conv3x3_winograd_19x19_lean_tile", "Winograd-sized conv 16 -> 24 on AlphaGo's 19x19 board, padding 1: 105 "
       "wide positions per plane, so the GEMM takes a 7-vector x 3-channel tile", [16, 19, 19], "conv2d", file=True,
       filters=24, kernel=3, padding=1, activation="relu")
simple("conv3x3_winograd_uneven_tasks", "Winograd-sized conv on 27x62: 7 tiles of rows in two tasks, 4 and 3",
       [16, 27, 62], "conv2d", file=True, filters=16, kernel=3, padding=1)
simple("conv3x3_winograd_32x32_balanced", "Winograd-sized conv on 32x32 (UNet's third level): 8 tiles of rows in two "
       "tasks of 4", [16, 32, 32], "conv2d", file=True, filters=20, kernel=3, padding=1, activation="relu")
simple("conv3x3_winograd_chunks", "Winograd-sized conv on 22x62: several tasks of tile rows",
       [16, 22, 62], "conv2d", file=True, filters=16, kernel=3, padding=1, activation="leaky_relu")


def conv_bn_residual(name, what, shape, kernel, **conv):
    """conv (no bias, as many filters as input channels) -> batchnorm -> add(block input) -> relu."""
    def fn(b):
        b.input("x", shape)
        b.weights_file()
        b.L("conv", "conv2d", filters=shape[0], kernel=kernel, bias=False, **conv)
        b.L("bn", "batchnorm")
        b.L("sum", "add", inputs=["bn", "x"])
        b.L("out", "relu")
    case(name, what)(fn)


conv_bn_residual("conv3x3_winograd_bn_residual", "Winograd-sized conv -> batchnorm -> add(block input) -> relu (all fused)",
                 [16, 12, 12], 3, padding="same")

# --- tile Winograd F(4x4,3x3): 3x3 stride-1 convs on larger planes -----------
simple("conv3x3_winograd_tile_edges", "tile Winograd: 16 -> 32, padding same, relu on 26x22 (edge tiles in both "
       "directions; two tasks of 4 and 3 tile rows)", [16, 26, 22], "conv2d", file=True, filters=32, kernel=3,
       padding="same", activation="relu")
simple("conv3x3_winograd_tile_narrow_block", "tile Winograd: 16 -> 24, valid on 24x24 (one vector of channels, the "
       "last block 8 wide)", [16, 24, 24], "conv2d", file=True, filters=24, kernel=3)
simple("conv3x3_winograd_tile_chunks", "tile Winograd: 24 -> 16, valid on 42x62 (tasks of 5 tile rows in chunks "
       "of one row)", [24, 42, 62], "conv2d", batch=1, file=True, filters=16, kernel=3, activation="sigmoid")
simple("conv3x3_winograd_tile_weights_at_run_time", "tile Winograd on a small plane: 64 -> 128, padding 1 on 13x13 "
       "(transformed weights over 1 MB: the kernel transforms the direct ones per block, in chunks of 32 input "
       "channels)", [64, 13, 13], "conv2d", batch=1, file=True, filters=128, kernel=3, padding=1, activation="relu")
conv_bn_residual("conv3x3_winograd_tile_bn_residual", "tile Winograd conv -> batchnorm -> add(block input) -> relu "
                 "(all fused) on 24x24", [16, 24, 24], 3, padding="same")


@case("conv3x3_winograd_maxpool", "Winograd-sized conv relu -> maxpool2d 2 (fused pool)")
def _(b):
    b.input("x", [16, 14, 14])
    b.weights_file()
    b.L("conv", "conv2d", filters=32, kernel=3, padding=1, activation="relu")
    b.L("pool", "maxpool2d", size=2)


@case("conv3x3_winograd_avgpool_odd", "Winograd-sized conv -> avgpool2d 2 on 15x15 (the last conv row is dropped)")
def _(b):
    b.input("x", [16, 15, 15])
    b.weights_file()
    b.L("conv", "conv2d", filters=16, kernel=3, padding=1)
    b.L("pool", "avgpool2d", size=2)


# --- convs whose rows would carry many padding columns: cnnc copies the input once per kernel column ---
simple("conv5x5_column_copies", "AlexNet-style 5x5 conv, padding 2 on 27x27: 24 -> 20 (a narrower last block), "
       "relu; 27 output columns for 31 padded ones, so the kernel copies the input per kernel column",
       [24, 27, 27], "conv2d", batch=1, file=True, filters=20, kernel=5, padding=2, activation="relu")
simple("conv_column_copies_strided_dilated", "3x3 conv, dilation 2, stride 2, padding 2 on 21x21: column copies "
       "of a strided input (each copy takes every other column from its own offset)",
       [8, 21, 21], "conv2d", file=True, filters=12, kernel=3, stride=2, dilation=2, padding=2)
simple("conv1d_column_copies", "conv1d kernel 7, padding 3 on length 44 (50 padded columns for 44): column copies "
       "in one dimension", [16, 44], "conv1d", file=True, filters=16, kernel=7, padding=3, activation="relu")

simple("conv3x3_stride2_phase_shuffles", "3x3 conv, stride 2, padding 1 on 56x56 (29 columns per phase row): the "
       "copy splits each row into its two column phases with vector shuffles, the last partial vector through a buffer",
       [6, 56, 56], "conv2d", batch=1, file=True, filters=8, kernel=3, stride=2, padding=1)

simple("conv1x1_chunks_outer", "1x1 conv 480 -> 20 channels, relu, on 17x17 (555 KB of input: on AVX2 the tasks "
       "run chunk by chunk of positions, every block of output channels of a chunk before the next)", [480, 17, 17],
       "conv2d", batch=1, file=True, filters=20, kernel=1, activation="relu")

simple("conv1x1_packed_groups", "grouped 1x1 conv: 128 -> 48 channels in 2 groups on 20x20, relu, batch 3: on AVX2 "
       "each chunk of 128 positions of a group's 64 channels is packed tile by tile before its 4 blocks of outputs "
       "(400 positions: a last chunk of one tile)", [128, 20, 20], "conv2d", batch=3, file=True, filters=48, kernel=1,
       groups=2, activation="relu")

@case("conv3x3_stride2_channel_row_tails", "3x3 stride-2 convs 48 -> 32 -> 48 channels, 28x28 -> 14x14 -> 7x7, relu: "
      "on AVX2 channel tiles of 5 positions x 2 vectors, each row ending with a tile of 4 (14 columns) or 2 (7 columns)")
def _(b):
    b.input("x", [48, 28, 28])
    b.weights_file()
    b.L("a", "conv2d", filters=32, kernel=3, stride=2, padding=1, activation="relu")
    b.L("b", "conv2d", filters=48, kernel=3, stride=2, padding=1, activation="relu")

simple("conv5x5_column_copies_31x31", "5x5 conv 16 -> 24 channels, padding 2, relu, on 31x31 (961 positions: on AVX2 "
       "too many for channel tiles, which take conv5x5_column_copies' 27x27): 31 output columns for 35 padded ones, so the "
       "kernel copies the input per kernel column on every target", [16, 31, 31], "conv2d", batch=2, file=True, filters=24,
       kernel=5, padding=2, activation="relu")


# --- epilogues in registers: tiles whose positions are the output's own offsets store from registers ---
@case("conv1x1_registers_relu6_tail", "MobileNet-style expand: 1x1 conv 24 -> 40 -> clip 0..6 (relu6, fused) on "
      "15x15: full tiles apply the clip as vectors and store from registers, the last partial tile goes through the "
      "scalar epilogue")
def _(b):
    b.input("x", [24, 15, 15], scale=4.0)
    b.weights_file()
    b.L("conv", "conv2d", filters=40, kernel=1)
    b.L("relu6", "clip", min=0, max=6)


simple("conv1x1_registers_leaky", "1x1 conv 16 -> 20 (a narrower last block of channels), leaky relu 0.2, on 12x20: "
       "leaky relu as a vector select", [16, 12, 20], "conv2d", in_scale=2.0, file=True, filters=20, kernel=1,
       activation={"op": "leaky_relu", "alpha": 0.2})
conv_bn_residual("conv1x1_registers_bn_residual", "1x1 conv -> batchnorm -> add(block input) -> relu, 48 channels on "
                 "13x13: the residual is added as vectors", [48, 13, 13], 1)
simple("conv1x1_registers_groups", "grouped 1x1 conv: 24 -> 36 channels in 3 groups on 9x10, relu: each group's "
       "tiles store from registers at their group's channel offset", [24, 9, 10], "conv2d", in_scale=2.0, file=True,
       filters=36, kernel=1, groups=3, activation="relu")


@case("conv1x1_registers_depthwise", "depthwise 1x1 conv (a per-channel scale and bias), 16 channels on 20x20 -> "
      "clip 0..6: a plane per task, stored from registers")
def _(b):
    b.input("x", [16, 20, 20], scale=4.0)
    b.weights_file()
    b.L("dw", "conv2d", filters=16, kernel=1, groups=16)
    b.L("relu6", "clip", min=0, max=6)


# --- depthwise convs with a plane per task: chunks of whole rows ---
@case("conv_depthwise_row_chunks", "MobileNet-style depthwise 3x3, padding 1, 8 channels on 70x66 -> clip 0..6: "
      "rows of 68 positions, at most 4096 a chunk, so each plane runs as two chunks of whole rows (60 and 10)")
def _(b):
    b.input("x", [8, 70, 66], scale=4.0)
    b.weights_file()
    b.L("dw", "conv2d", filters=8, kernel=3, groups=8, padding=1)
    b.L("relu6", "clip", min=0, max=6)


simple("conv_depthwise_stride2_whole_plane", "depthwise 3x3, stride 2, padding 1, 16 channels on 29x29, relu: "
       "the whole plane is one chunk", [16, 29, 29], "conv2d", file=True, filters=16, kernel=3, groups=16,
       stride=2, padding=1, activation="relu")

conv_bn_residual("conv_depthwise_rows_residual", "depthwise 3x3 -> batchnorm -> add(block input) -> relu, 12 channels "
                 "on 14x14: each whole row's epilogue runs as vectors, the residual loaded as vectors, the last vector "
                 "running into the next rows; the plane's last rows take the scalar loop", [12, 14, 14], 3,
                 padding=1, groups=12)
simple("conv_depthwise_rows_narrow", "depthwise 3x3, padding 1, 16 channels on 7x9, leaky relu 0.1: rows of 9 "
       "(under a 16-lane vector; each row's vector epilogue writes into the next row, which is stored after it)",
       [16, 7, 9], "conv2d", file=True, filters=16, kernel=3, groups=16, padding=1,
       activation={"op": "leaky_relu", "alpha": 0.1})
simple("conv_depthwise_silu_rows_stride2", "EfficientNet-style depthwise 3x3, stride 2, padding 1, 8 channels on "
       "32x64 -> 16x32, SiLU: rows of whole vectors on 8 and 16 lanes, so the store applies the SiLU to each row "
       "as vectors (not the micro-kernel); the 8 KB planes are copied in the input's row order",
       [8, 32, 64], "conv2d", batch=1, file=True, filters=8, kernel=3, groups=8, stride=2, padding=1, activation="silu")
simple("conv1d_depthwise_rows_short_plane", "depthwise conv1d k3 padding 1, 8 channels of length 20, relu: a plane "
       "shorter than one row's vectors on 16 and 8 lanes keeps the scalar epilogue; 4 lanes fill it exactly",
       [8, 20], "conv1d", file=True, filters=8, kernel=3, groups=8, padding=1, activation="relu")

# --- stride-1 depthwise convs read where they lie (depthwise-direct, AVX2) ---
@case("conv_depthwise_direct_edges", "depthwise 3x3, padding 1, 8 channels on 14x58 -> clip 0..6: tiles of 4 "
      "rows x 2 vectors on 8 lanes, the inside ones as loops over rows and columns, the edge rows and columns "
      "written out; the row's last vector holds 2 columns", batch=1)
def _(b):
    b.input("x", [8, 14, 58], scale=4.0)
    b.weights_file()
    b.L("dw", "conv2d", filters=8, kernel=3, groups=8, padding=1)
    b.L("relu6", "clip", min=0, max=6)


simple("conv_depthwise_direct_5x5_silu", "EfficientNet-style depthwise 5x5, padding 2, 16 channels on 13x28, SiLU: "
       "column taps 2 either side shuffled in against zero, rows of 3.5 vectors, a last band of one row",
       [16, 13, 28], "conv2d", batch=1, file=True, filters=16, kernel=5, groups=16, padding=2, activation="silu")
simple("conv_depthwise_direct_7x7_narrow", "ConvNeXt-style depthwise 7x7, padding 3, 8 channels on 12x12: "
       "every tile is at an edge, column taps 3 either side", [8, 12, 12], "conv2d", file=True, filters=8,
       kernel=7, groups=8, padding=3)
simple("conv_depthwise_direct_valid_asymmetric", "depthwise 3x3, padding {begin [2, 0], end [0, 1]}, 8 channels on "
       "9x19 -> 9x18: input rows and columns differ from the output's", [8, 9, 19], "conv2d", file=True, filters=8,
       kernel=3, groups=8, padding={"begin": [2, 0], "end": [0, 1]}, activation="sigmoid")
simple("conv_depthwise_direct_stride2_same", "depthwise 3x3, stride 2, padding same, 8 channels on 20x37 -> 10x19, "
       "relu: pads (0, 1) rows and (1, 1) columns; each tap's vector the even or odd lanes of two loads, the row's "
       "first and last ones shuffled in against zero", [8, 20, 37], "conv2d", file=True, filters=8, kernel=3,
       groups=8, stride=2, padding="same", activation="relu")
simple("conv_depthwise_direct_5x5_stride2", "EfficientNet-style depthwise 5x5, stride 2, padding 2, 8 channels on "
       "23x45 -> 12x23, SiLU: three pairs of loads a row (columns from -2, 0 and +2), the row's first and last "
       "ones shuffled in against zero, a last band and a last tile of part vectors", [8, 23, 45], "conv2d",
       file=True, filters=8, kernel=5, groups=8, stride=2, padding=2, activation="silu")
simple("conv_depthwise_direct_7x7_plane", "EfficientNet-style depthwise 5x5, padding 2, 16 channels on 7x7, SiLU: "
       "rows under a vector on 8 lanes, read in part (nothing past a row's 7 floats), in tiles of 8 rows",
       [16, 7, 7], "conv2d", file=True, filters=16, kernel=5, groups=16, padding=2, activation="silu")
conv_bn_residual("conv_depthwise_direct_residual", "depthwise 3x3 -> batchnorm -> add(block input) -> relu, 8 "
                 "channels on 10x16: the add loads whole vectors of rows of whole vectors", [8, 10, 16], 3,
                 padding=1, groups=8)

simple("conv1x1_stride2_phase_shuffles", "ResNet-style downsample: 1x1 conv, stride 2 on 8x40x40 (20 columns): the "
       "copy keeps only the even columns of each row, split out with shuffles", [8, 40, 40], "conv2d", batch=1,
       file=True, filters=16, kernel=1, stride=2)
simple("conv7x7_stride4_phase_shuffles", "a first layer with stride 4: 7x7 conv on 3x63x63 (16 columns per phase "
       "row): the copy splits rows into four column phases with shuffles", [3, 63, 63], "conv2d", batch=1,
       file=True, filters=10, kernel=7, stride=4, activation="relu")


@case("conv5x5_column_copies_maxpool", "5x5 conv relu -> maxpool2d 3 stride 2 (fused) on 19x19 with column copies")
def _(b):
    b.input("x", [12, 19, 19])
    b.weights_file()
    b.L("conv", "conv2d", filters=16, kernel=5, padding=2, activation="relu")
    b.L("pool", "maxpool2d", size=3, stride=2)


# --- one-channel first layers: cnnc copies the plane per task and, on several threads, splits its rows ---
@case("conv_one_channel_tanh_avgpool", "LeNet-style first layer: 1 -> 5 channels, 3x3 padding 1 on 20x20, tanh, "
      "avgpool2d 2 (fused; the activation runs over whole padded rows)")
def _(b):
    b.input("x", [1, 20, 20])
    b.L("conv", "conv2d", filters=5, kernel=3, padding=1, activation="tanh")
    b.L("pool", "avgpool2d", size=2)


simple("dense_70_units_groups", "dense 37 -> 70 units, sigmoid: five blocks of 16 units, accumulated four at a time "
       "(the second group padded with zero blocks)", [37], "dense", units=70, activation="sigmoid")


# --- average pools after 1x1 convs: cnnc pools first, then runs the conv on the pooled plane ---
@case("transition_bn_relu_conv1x1_avgpool", "DenseNet transition: batchnorm relu -> 1x1 conv 24 -> 12 (no bias) "
      "-> avgpool2d 2 (hoisted before the conv)")
def _(b):
    b.input("x", [24, 10, 10])
    b.weights_file()
    b.L("norm", "batchnorm")
    b.L("relu", "relu")
    b.L("conv", "conv2d", filters=12, kernel=1, bias=False)
    b.L("pool", "avgpool2d", size=2)


@case("conv1x1_bias_avgpool_overlapping", "1x1 conv 20 -> 36 with bias -> avgpool2d size 3 stride 2 on 11x9 "
      "(overlapping windows, hoisted)")
def _(b):
    b.input("x", [20, 11, 9])
    b.weights_file()
    b.L("conv", "conv2d", filters=36, kernel=1)
    b.L("pool", "avgpool2d", size=3, stride=2)


@case("conv1d_1x1_avgpool", "conv1d kernel 1, 6 -> 18 -> avgpool1d 2 on L=13 (hoisted; the last element dropped)")
def _(b):
    b.input("x", [6, 13])
    b.L("conv", "conv1d", filters=18, kernel=1)
    b.L("pool", "avgpool1d", size=2)


@case("conv1x1_avgpool_padded_include", "1x1 conv 8 -> 16 -> avgpool2d 3 stride 2 padding 1 count_include_pad: "
      "not hoisted (padded cells would scale the bias)")
def _(b):
    b.input("x", [8, 9, 9])
    b.L("conv", "conv2d", filters=16, kernel=1)
    b.L("pool", "avgpool2d", size=3, stride=2, padding=1, count_include_pad=True)


# --- convs on small planes with long reductions: cnnc puts output channels across the lanes ---
simple("conv_small_plane_1x1", "1x1 conv on a 7x7 plane, 128 -> 92 channels (the last block part full), relu",
       [128, 7, 7], "conv2d", file=True, filters=92, kernel=1, activation="relu")
simple("conv_small_plane_stride2", "3x3 stride-2 conv 16 -> 92 onto a 7x7 plane, padding 1", [16, 14, 14], "conv2d",
       file=True, filters=92, kernel=3, stride=2, padding=1)
simple("conv_small_plane_5x5_rect", "5x5 conv 8 -> 60 on a 6x10 plane, padding 2, sigmoid", [8, 6, 10], "conv2d",
       file=True, filters=60, kernel=5, padding=2, activation="sigmoid")


conv_bn_residual("conv_small_plane_residual", "1x1 conv on 7x7, 144 -> 144 channels, batchnorm, add(block input), relu (fused)",
                 [144, 7, 7], 1)



# 1x1 convs read in place (their input is not the caller's buffer): channel tiles run across rows.
@case("conv_small_plane_flat_tails", "relu -> 1x1 conv 128 -> 64 on 11x11, relu: the conv reads its input in place, "
      "so its channel tiles run across row ends; tasks of 2 rows and of 1 row end in narrower tiles of different "
      "widths")
def _(b):
    b.input("x", [128, 11, 11])
    b.weights_file()
    b.L("pre", "relu")
    b.L("conv", "conv2d", filters=64, kernel=1, activation="relu")


@case("conv_small_plane_flat_residual", "relu -> 1x1 conv 144 -> 144 on 7x7 -> batchnorm -> add(relu output) -> "
      "relu: channel tiles across row ends, with the residual add")
def _(b):
    b.input("x", [144, 7, 7])
    b.weights_file()
    b.L("pre", "relu")
    b.L("conv", "conv2d", filters=144, kernel=1, bias=False)
    b.L("bn", "batchnorm")
    b.L("sum", "add", inputs=["bn", "pre"])
    b.L("out", "relu")

# --- merge / resize / pad / bias --------------------------------------------
@case("add2_inputs", "add of the two network inputs (also: two inputs)")
def _(b):
    b.input("a", [3, 4, 4])
    b.input("b", [3, 4, 4])
    b.L("sum", "add", inputs=["a", "b"])


@case("add3", "add of 3 tensors (an input and two convs of it)")
def _(b):
    b.input("x", [3, 5, 5])
    b.L("c1", "conv2d", filters=3, kernel=3, padding=1)
    b.L("c2", "conv2d", input="x", filters=3, kernel=1)
    b.L("sum", "add", inputs=["x", "c1", "c2"])


@case("add_act_relu", "add with activation relu")
def _(b):
    b.input("a", [3, 4, 4])
    b.input("b", [3, 4, 4])
    b.L("sum", "add", inputs=["a", "b"], activation="relu")


@case("add_act_obj", "add with activation object {op: leaky_relu, alpha: 0.1} on 1-D tensors")
def _(b):
    b.input("a", [3, 6])
    b.input("b", [3, 6])
    b.L("sum", "add", inputs=["b", "a"], activation={"op": "leaky_relu", "alpha": 0.1})


@case("concat_axis0_three", "concat axis 0 (default) of three tensors with 3, 1 and 2 channels")
def _(b):
    b.input("x", [2, 5, 5])
    b.L("c3", "conv2d", filters=3, kernel=3, padding=1)
    b.L("c1", "conv2d", input="x", filters=1, kernel=1)
    b.L("cat", "concat", inputs=["c3", "c1", "x"])


@case("concat_axis1", "concat axis 1 (H) of [2,3,4] and [2,5,4]")
def _(b):
    b.input("a", [2, 3, 4])
    b.input("b", [2, 5, 4])
    b.L("cat", "concat", inputs=["a", "b"], axis=1)


@case("concat_flat", "concat of two flat vectors [5] and [3]")
def _(b):
    b.input("a", [5])
    b.input("b", [3])
    b.L("cat", "concat", inputs=["a", "b"])


simple("upsample2d_nearest", "upsample2d default (nearest, scale 2)", [2, 3, 4], "upsample2d")
simple("upsample2d_nearest_2x3", "upsample2d nearest scale [2,3]", [2, 3, 4], "upsample2d", scale=[2, 3])
simple("upsample2d_nearest_3", "upsample2d nearest scale 3 (integer)", [2, 3, 3], "upsample2d", scale=3,
       mode="nearest")
simple("upsample2d_bilinear", "upsample2d bilinear scale 2, half-pixel centres, align_corners false", [2, 4, 5],
       "upsample2d", scale=2, mode="bilinear")
simple("upsample2d_bilinear_2x3", "upsample2d bilinear scale [2,3]", [2, 3, 4], "upsample2d", scale=[2, 3],
       mode="bilinear")
simple("pad_int", "pad op padding 1, value default 0", [2, 4, 4], "pad", padding=1)
simple("pad_begin_end_value", "pad op {begin:[0,2], end:[1,0]} value 1.5", [2, 4, 4], "pad",
       padding={"begin": [0, 2], "end": [1, 0]}, value=1.5)
simple("pad_1d_list", "pad op on 1-D [3,5] padding [2] value -1", [3, 5], "pad", padding=[2], value=-1.0)
simple("bias_channel", "bias op per channel (default): bias [C]", [3, 4, 5], "bias")
simple("bias_position", "bias op per position: bias [3,4,5] (full per-sample shape)", [3, 4, 5], "bias",
       per="position")


# --- graph features ---------------------------------------------------------
@case("two_inputs", "two inputs: first layer reads the first input implicitly, another reads input 2 by name")
def _(b):
    b.input("img", [2, 5, 5])
    b.input("aux", [3, 3, 3])
    b.L("c", "conv2d", filters=3, kernel=3)
    b.L("d", "relu", input="aux")
    b.L("s", "add", inputs=["c", "d"])


@case("two_outputs", "outputs field lists an inner layer and the last layer (output0 = inner)")
def _(b):
    b.input("x", [3, 6, 6])
    b.L("conv", "conv2d", filters=4, kernel=3, activation="relu")
    b.L("pool", "maxpool2d", size=2)
    b.L("flat", "flatten")
    b.L("fc", "dense", units=3)
    b.outputs(["conv", "fc"])


@case("outputs_reversed", "outputs in reverse file order [last, inner]: output0 = last layer")
def _(b):
    b.input("x", [3, 5, 5])
    b.L("a", "conv2d", filters=2, kernel=3)
    b.L("b", "sigmoid")
    b.outputs(["b", "a"])


@case("outputs_inner_only", "outputs names only an inner layer; the layers after it are dead")
def _(b):
    b.input("x", [3, 5, 5])
    b.L("a", "conv2d", filters=2, kernel=3, activation="tanh")
    b.L("b", "conv2d", filters=2, kernel=1)
    b.L("c", "relu")
    b.outputs(["a"])


@case("input_by_name", "a layer reads an earlier layer (not the previous one) by `input`")
def _(b):
    b.input("x", [3, 6, 6])
    b.L("a", "conv2d", filters=3, kernel=3, padding="same")
    b.L("b", "relu")
    b.L("c", "sigmoid", input="a")
    b.L("d", "add", inputs=["b", "c"])


@case("residual_block", "conv -> relu -> conv -> add(block input) -> relu")
def _(b):
    b.input("x", [4, 6, 6])
    b.L("conv1", "conv2d", filters=4, kernel=3, padding=1, activation="relu")
    b.L("conv2", "conv2d", filters=4, kernel=3, padding="same")
    b.L("sum", "add", inputs=["conv2", "x"])
    b.L("out", "relu")


@case("conv_relu_maxpool", "conv2d -> relu layer -> maxpool2d (fusion candidate)")
def _(b):
    b.input("x", [3, 8, 8])
    b.L("conv", "conv2d", filters=4, kernel=3)
    b.L("act", "relu")
    b.L("pool", "maxpool2d", size=2)


@case("conv_bn_relu_maxpool", "conv2d -> batchnorm -> relu -> maxpool2d")
def _(b):
    b.input("x", [3, 8, 8])
    b.L("conv", "conv2d", filters=4, kernel=3, padding=1)
    b.L("bn", "batchnorm")
    b.L("act", "relu")
    b.L("pool", "maxpool2d", size=2)


@case("conv_relu_maxpool_wide_rows", "conv2d 3 -> 6, 3x3, relu -> maxpool2d 2 on 28x39: 19 pooled columns, "
      "fused, pooled in vectors of columns with a partial last one on every target")
def _(b):
    b.input("x", [3, 30, 41])
    b.L("conv", "conv2d", filters=6, kernel=3, activation="relu")
    b.L("pool", "maxpool2d", size=2)


@case("conv_tanh_avgpool_rows_padded", "conv2d 2 -> 5, 3x3 padding 1, tanh -> avgpool2d 2 stride 2 padding "
      "{begin:[1,0], end:[1,0]} on 20x36, pad excluded: fused, the first and last pooled rows average 2 values")
def _(b):
    b.input("x", [2, 20, 36])
    b.L("conv", "conv2d", filters=5, kernel=3, padding=1, activation="tanh")
    b.L("pool", "avgpool2d", size=2, stride=2, padding={"begin": [1, 0], "end": [1, 0]})


@case("dead_layer_and_dropout", "an unused (dead) conv layer and a dropout between two live layers")
def _(b):
    b.input("x", [3, 6, 6])
    b.L("conv", "conv2d", filters=4, kernel=3, activation="relu")
    b.L("dead", "conv2d", filters=2, kernel=1)
    b.L("drop", "dropout", input="conv", rate=0.5)
    b.L("pool", "avgpool2d", size=2)


@case("odd_names", "names with spaces, dots, slashes, unicode and ones that collide after sanitising")
def _(b):
    b.input("in put/0", [2, 5, 5])
    b.L("conv.1 (3x3)", "conv2d", filters=2, kernel=3, padding=1)
    b.L("a-b", "relu")
    b.L("a_b", "sigmoid", input="conv.1 (3x3)")
    b.L("sümme ✓", "add", inputs=["a-b", "a_b"])


@case("batch1_conv_pool", "conv -> maxpool with batch 1", batch=1)
def _(b):
    b.input("x", [3, 7, 7])
    b.L("conv", "conv2d", filters=4, kernel=3, padding="same", activation="relu")
    b.L("pool", "maxpool2d", size=2, padding="same")


@case("batch3_dense_softmax", "flatten -> dense -> softmax with batch 3", batch=3)
def _(b):
    b.input("x", [2, 3, 3])
    b.L("flat", "flatten")
    b.L("fc", "dense", units=4)
    b.L("prob", "softmax")


# --- weights from a safetensors file ----------------------------------------
@case("weights_file_conv_dense", "all parameters from weights.safetensors: conv, batchnorm, prelu, dense, bias")
def _(b):
    b.input("x", [3, 6, 6])
    b.weights_file()
    b.L("conv", "conv2d", filters=4, kernel=3)
    b.L("bn", "batchnorm")
    b.L("act", "prelu", slope_shape=[4])
    b.L("pb", "bias", per="position")
    b.L("flat", "flatten")
    b.L("fc", "dense", units=3)


@case("weights_file_inline_override", "conv.weight is in weights.safetensors (a decoy) and inline (wins); conv.bias"
      " only in the file; fc.bias only inline; the rest from the file")
def _(b):
    b.input("x", [2, 5, 5])
    b.weights_file()
    b.L("conv", "conv2d", store={"weight": "both"}, filters=3, kernel=3)
    b.L("pool", "global_avgpool")
    b.L("flat", "flatten")
    b.L("fc", "dense", store={"bias": "inline"}, units=4)
    b.L("out", "bias")


# --- small networks (weights in safetensors) --------------------------------
@case("net_mini_lenet", "mini LeNet: conv5 tanh, avgpool, conv3 tanh, avgpool, flatten, dense x2, softmax")
def _(b):
    b.input("image", [1, 16, 16])
    b.weights_file()
    b.L("c1", "conv2d", filters=4, kernel=5, activation="tanh")
    b.L("s2", "avgpool2d", size=2)
    b.L("c3", "conv2d", filters=8, kernel=3, activation="tanh")
    b.L("s4", "avgpool2d", size=2)
    b.L("flat", "flatten")
    b.L("f5", "dense", units=16, activation="tanh")
    b.L("out", "dense", units=10)
    b.L("prob", "softmax")


@case("net_mini_inception", "mini inception block: 1x1 / 1x1->3x3 / 1x1->5x5 / maxpool->1x1 branches, concat")
def _(b):
    b.input("x", [4, 8, 8])
    b.weights_file()
    b.L("b1", "conv2d", input="x", filters=3, kernel=1, activation="relu")
    b.L("b2r", "conv2d", input="x", filters=2, kernel=1, activation="relu")
    b.L("b2", "conv2d", filters=3, kernel=3, padding="same", activation="relu")
    b.L("b3r", "conv2d", input="x", filters=2, kernel=1, activation="relu")
    b.L("b3", "conv2d", filters=2, kernel=5, padding="same", activation="relu")
    b.L("b4p", "maxpool2d", input="x", size=3, stride=1, padding="same")
    b.L("b4", "conv2d", filters=2, kernel=1, activation="relu")
    b.L("cat", "concat", inputs=["b1", "b2", "b3", "b4"])


@case("net_mini_unet", "mini UNet level: conv, conv, maxpool, conv, conv_transpose2d s2, skip concat, conv, "
      "1x1 sigmoid; two outputs")
def _(b):
    b.input("x", [2, 8, 8])
    b.weights_file()
    b.L("e1", "conv2d", filters=4, kernel=3, padding="same", activation="relu")
    b.L("e2", "conv2d", filters=4, kernel=3, padding="same", activation="relu")
    b.L("down", "maxpool2d", size=2)
    b.L("mid", "conv2d", filters=8, kernel=3, padding=1, activation="relu")
    b.L("up", "conv_transpose2d", filters=4, kernel=2, stride=2)
    b.L("skip", "concat", inputs=["up", "e2"])
    b.L("d1", "conv2d", filters=4, kernel=3, padding="same", activation="relu")
    b.L("mask", "conv2d", filters=1, kernel=1, activation="sigmoid")
    b.outputs(["mask", "mid"])


# ----------------------------------------------------------------------------
# Self-checks of the reference helpers against native PyTorch
# ----------------------------------------------------------------------------


def self_check():
    g = torch.Generator().manual_seed(1234)
    n = 0
    for nd in (1, 2, 3):
        for _ in range(60):
            I = [int(torch.randint(3, 9, (1,), generator=g)) for _ in range(nd)]
            K = [int(torch.randint(1, 4, (1,), generator=g)) for _ in range(nd)]
            S = [int(torch.randint(1, 4, (1,), generator=g)) for _ in range(nd)]
            P = [int(torch.randint(0, k // 2 + 1, (1,), generator=g)) for k in K]
            x = torch.randn([2, 2] + I, generator=g, dtype=torch.float64)
            for ceil_mode in (False, True):
                m = [F.max_pool1d, F.max_pool2d, F.max_pool3d][nd - 1](x, K, S, P, ceil_mode=ceil_mode)
                assert torch.equal(m, pool_general(x, "max", nd, K, S, P, P, ceil_mode, False))
                for inc in (False, True):
                    a = [F.avg_pool1d, F.avg_pool2d, F.avg_pool3d][nd - 1](
                        x, K, S, P, ceil_mode=ceil_mode, count_include_pad=inc)
                    b = pool_general(x, "avg", nd, K, S, P, P, ceil_mode, inc)
                    assert a.shape == b.shape and torch.allclose(a, b, rtol=1e-12, atol=1e-12), (nd, I, K, S, P)
                    n += 1
    # "same" with stride 1 and odd kernel agrees with PyTorch's padding="same" for convolutions
    x = torch.randn(2, 3, 7, 8, generator=g, dtype=torch.float64)
    w = torch.randn(4, 3, 4, 3, generator=g, dtype=torch.float64)
    pb, pe = resolve_padding("same", 2, [7, 8], [4, 3], [1, 1], [1, 1])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # PyTorch notes that even kernels need a padded copy
        ref = F.conv2d(x, w, padding="same")
    assert torch.allclose(F.conv2d(F.pad(x, pad_arg(pb, pe)), w), ref)
    return n


# ----------------------------------------------------------------------------
# Main
# ----------------------------------------------------------------------------


def within(a, ref, atol, rtol):
    return bool(np.all(np.abs(a.astype(np.float64) - ref) <= atol + rtol * np.abs(ref)))


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", default=DEFAULT_OUT)
    args = ap.parse_args()
    out_root = os.path.abspath(args.out)

    nchecks = self_check()
    if os.path.isdir(out_root):
        shutil.rmtree(out_root)
    os.makedirs(out_root)

    manifest = []
    for name, what, batch, atol, rtol, fn in CASES:
        b = Builder(name, batch)
        fn(b)
        d = os.path.join(out_root, name)
        os.makedirs(d)
        net = b.net_json()
        write_net_json(os.path.join(d, "net.json"), net)
        if b.file_params:
            st_save({k: np.ascontiguousarray(v, dtype=np.float32) for k, v in sorted(b.file_params.items())},
                    os.path.join(d, "weights.safetensors"))
        for i, a in enumerate(b.input_arrays):
            np.save(os.path.join(d, f"input{i}.npy"), np.ascontiguousarray(a, dtype=np.float32))

        # Golden: re-read the files just written and evaluate them with PyTorch in float32.
        with open(os.path.join(d, "net.json"), encoding="utf-8") as f:
            net_rt = json.load(f)
        fp = st_load(os.path.join(d, net_rt["weights"])) if "weights" in net_rt else {}
        ins = [np.load(os.path.join(d, f"input{i}.npy")) for i in range(len(net_rt["inputs"]))]
        outs32 = evaluate(net_rt, fp, ins, torch.float32)
        outs64 = evaluate(net_rt, fp, ins, torch.float64)
        for i, (o32, o64) in enumerate(zip(outs32, outs64)):
            a = np.ascontiguousarray(o32.numpy(), dtype=np.float32)
            ref = o64.numpy()
            assert np.all(np.isfinite(a)), name
            # The float32 golden must sit well inside the tolerance around the exact (float64) result,
            # so any correct float32 implementation passes.
            assert within(a, ref, atol / 4, rtol / 4), f"{name}: float32 vs float64 gap too large for tolerance"
            np.save(os.path.join(d, f"output{i}.npy"), a)
        manifest.append({"case": name, "atol": atol, "rtol": rtol, "what": what})

    with open(os.path.join(out_root, "manifest.json"), "w", encoding="utf-8") as f:
        f.write("[\n" + ",\n".join("  " + dumps(m) for m in manifest) + "\n]\n")
    total = sum(os.path.getsize(os.path.join(r, f)) for r, _, fs in os.walk(out_root) for f in fs)
    print(f"wrote {len(manifest)} cases to {out_root} ({total} bytes); {nchecks} pooling self-checks passed")


if __name__ == "__main__":
    main()
