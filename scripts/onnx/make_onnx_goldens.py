#!/usr/bin/env python3
"""Write the ONNX import golden cases into Tests/Goldens/onnx/.

Each case is a tiny ONNX model, exported from PyTorch (torch.onnx.export, the
TorchScript exporter, a fixed opset per case) or built with onnx.helper where
PyTorch does not emit the op or attribute, plus inputs and the outputs of
**ONNX Runtime** with every graph optimisation disabled (the reference
semantics of the ONNX spec, never cnnc's). Negative cases hold a model cnnc
must refuse and the substring its error must contain.

    Tests/Goldens/onnx/manifest.json
        [{"case", "opset", "atol", "rtol", "what", ["shapes"], ["error"]}, ...]
    Tests/Goldens/onnx/<case>/model.onnx
    Tests/Goldens/onnx/<case>/input0.npy ...   float32 [N, ...], in graph input order
    Tests/Goldens/onnx/<case>/output0.npy ...  float32, in graph output order

Deterministic (seed = crc32 of the case name, one thread); the folder is
rewritten from scratch. Needs torch, onnx, onnxruntime and numpy.

Usage:  python3 scripts/onnx/make_onnx_goldens.py [--out DIR]
"""
import argparse
import io
import json
import os
import shutil
import sys
import warnings
import zlib

import numpy as np
import onnx
import onnxruntime as ort
import torch
import torch.nn as nn
import torch.nn.functional as F
from onnx import TensorProto as T
from onnx import helper as h
from onnx import numpy_helper as nph

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))  # scripts/: the cnnc_tools package
from cnnc_tools import onnx_seeded as seeded  # noqa: E402

torch.set_num_threads(1)
warnings.filterwarnings("ignore")

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DEFAULT_OUT = os.path.join(REPO, "Tests", "Goldens", "onnx")
ATOL, RTOL = 1e-5, 1e-4
BATCH = 2

CASES = []  # (name, opset, what, make) with make(rng) -> (model, feeds, extra)


def seed_of(name):
    return zlib.crc32(name.encode())


def ort_run(model, feeds):
    """ONNX Runtime on CPU with every optimisation off: the reference semantics."""
    so = ort.SessionOptions()
    so.graph_optimization_level = ort.GraphOptimizationLevel.ORT_DISABLE_ALL
    so.intra_op_num_threads = 1
    s = ort.InferenceSession(model.SerializeToString(), so, providers=["CPUExecutionProvider"])
    return s.run(None, feeds)


def case(name, opset, what, **extra):
    def register(make):
        CASES.append((name, opset, what, make, extra))
        return make
    return register


# ----------------------------------------------------------------------------
# PyTorch-exported cases
# ----------------------------------------------------------------------------

def export(module, shapes, opset, rng, dynamic=True, randomize_bn=True):
    """torch.onnx.export (TorchScript exporter) of `module` in eval mode; inputs x0, x1...; batch symbolic 'N'."""
    torch.manual_seed(int(rng.integers(1 << 31)))
    module = module.eval()
    for m in module.modules():  # non-trivial batchnorm statistics
        if randomize_bn and isinstance(m, (nn.BatchNorm1d, nn.BatchNorm2d, nn.BatchNorm3d)):
            with torch.no_grad():
                m.running_mean.uniform_(-0.5, 0.5)
                m.running_var.uniform_(0.5, 1.5)
                m.weight.uniform_(0.5, 1.5)
                m.bias.uniform_(-0.5, 0.5)
    xs = [torch.from_numpy(rng.standard_normal([BATCH] + list(s)).astype(np.float32)) for s in shapes]
    names = [f"x{i}" for i in range(len(xs))]
    with torch.no_grad():
        outs = module(*xs)
    n_out = len(outs) if isinstance(outs, (tuple, list)) else 1
    onames = [f"y{i}" for i in range(n_out)]
    axes = {n: {0: "N"} for n in names + onames} if dynamic else None
    buf = io.BytesIO()
    torch.onnx.export(module, tuple(xs), buf, input_names=names, output_names=onames, opset_version=opset,
                      dynamic_axes=axes, do_constant_folding=True, dynamo=False)
    model = onnx.load_from_string(buf.getvalue())
    return model, {n: x.numpy() for n, x in zip(names, xs)}


class Seq(nn.Module):
    def __init__(self, *layers, fn=None):
        super().__init__()
        self.layers = nn.ModuleList(layers)
        self.fn = fn

    def forward(self, *xs):
        if self.fn is not None:
            return self.fn(self, *xs)
        x = xs[0]
        for l in self.layers:
            x = l(x)
        return x


class _Lazy:
    """L.Conv2d(3, 4, 3) is a recipe for nn.Conv2d(3, 4, 3), built only once the case's seed is set."""

    def __getattr__(self, name):
        return lambda *a, **k: (lambda: getattr(nn, name)(*a, **k))


L = _Lazy()


def lazy(cls, *a, **k):
    return lambda: cls(*a, **k)


def torch_case(name, opset, what, shapes, *layers, fn=None, dynamic=True, **extra):
    @case(name, opset, what, **extra)
    def make(rng):
        torch.manual_seed(seed_of(name))
        return export(Seq(*[build() for build in layers], fn=fn), shapes, opset, rng, dynamic=dynamic)


# Convolutions
torch_case("conv2d_basic", 11, "Conv 3->4 k3, bias", [[3, 7, 7]], L.Conv2d(3, 4, 3))
torch_case("conv2d_pads_stride_dilation", 13, "Conv stride 2, pads (1,2), dilation 2", [[3, 9, 10]],
           L.Conv2d(3, 4, 3, stride=2, padding=(1, 2), dilation=2))
torch_case("conv2d_groups", 17, "Conv group 2, pads 1", [[4, 6, 6]], L.Conv2d(4, 6, 3, padding=1, groups=2))
torch_case("conv2d_depthwise_nobias", 21, "depthwise Conv group 4, no bias", [[4, 6, 6]],
           L.Conv2d(4, 4, 3, padding=1, groups=4, bias=False))
torch_case("conv2d_same_torch", 17, "Conv padding='same' k4 (exported as explicit asymmetric pads)", [[3, 7, 7]],
           L.Conv2d(3, 2, 4, padding="same"))
torch_case("conv1d", 13, "Conv 1-D stride 2 pads 1", [[3, 11]], L.Conv1d(3, 5, 3, stride=2, padding=1))
torch_case("conv3d", 17, "Conv 3-D pads 1", [[2, 4, 5, 5]], L.Conv3d(2, 3, 3, padding=1))
torch_case("conv_transpose2d", 11, "ConvTranspose stride 2 pads 1 output_padding 1", [[4, 4, 4]],
           L.ConvTranspose2d(4, 3, 3, stride=2, padding=1, output_padding=1))
torch_case("conv_transpose2d_groups_dilation", 17, "ConvTranspose group 2 dilation 2 stride 2", [[4, 3, 3]],
           L.ConvTranspose2d(4, 6, 3, stride=2, groups=2, dilation=2))
torch_case("conv_transpose1d", 21, "ConvTranspose 1-D stride 3 no bias", [[2, 5]],
           L.ConvTranspose1d(2, 3, 4, stride=3, bias=False))

# Pools
torch_case("maxpool2d_pads", 11, "MaxPool k3 s2 pads 1", [[3, 9, 9]], L.MaxPool2d(3, 2, 1))
torch_case("maxpool2d_ceil", 13, "MaxPool k3 s2 ceil_mode", [[2, 8, 8]], L.MaxPool2d(3, 2, ceil_mode=True))
torch_case("maxpool1d", 17, "MaxPool 1-D k2", [[3, 9]], L.MaxPool1d(2))
torch_case("avgpool2d_include_pad", 11, "AveragePool k3 s2 pads 1 count_include_pad=1", [[3, 9, 9]],
           L.AvgPool2d(3, 2, 1))
torch_case("avgpool2d_exclude_pad_ceil", 13, "AveragePool k3 s2 pads 1 ceil_mode count_include_pad=0", [[2, 8, 8]],
           L.AvgPool2d(3, 2, 1, ceil_mode=True, count_include_pad=False))
torch_case("avgpool3d", 17, "AveragePool 3-D k2", [[2, 4, 4, 4]], L.AvgPool3d(2))
torch_case("global_avgpool", 13, "GlobalAveragePool (adaptive_avg_pool2d 1)", [[3, 5, 6]], L.AdaptiveAvgPool2d(1))
torch_case("reduce_mean_spatial", 13, "x.mean((2, 3)) (ReduceMean keepdims 0) then Gemm", [[3, 4, 5]], L.Linear(3, 2),
           fn=lambda s, x: s.layers[0](x.mean((2, 3))))
torch_case("reduce_mean_keepdim_18", 18, "x.mean((2, 3), keepdim=True) at opset 18 (axes as an input)", [[3, 4, 5]],
           fn=lambda s, x: x.mean((-2, -1), keepdim=True))
torch_case("reduce_max_spatial", 21, "x.amax(2) of [N, C, L] (ReduceMax)", [[3, 6]], fn=lambda s, x: x.amax(2))
torch_case("global_maxpool", 21, "GlobalMaxPool (adaptive_max_pool2d 1)", [[3, 5, 6]], L.AdaptiveMaxPool2d(1))

# Dense and flatten
torch_case("linear_view_flatten", 11, "x.view(x.size(0), -1) (Shape, Gather, Unsqueeze, Concat, Reshape) then Gemm",
           [[2, 3, 3]], L.Linear(18, 5), fn=lambda s, x: s.layers[0](x.view(x.size(0), -1)))
torch_case("linear_reshape_flatten_13", 13, "x.reshape(x.shape[0], -1) folded at opset 13, then Gemm without bias",
           [[2, 3, 3]], L.Linear(18, 4, bias=False), fn=lambda s, x: s.layers[0](x.reshape(x.shape[0], -1)))
torch_case("linear_flatten_op", 21, "torch.flatten(x, 1) (Flatten) then Gemm", [[3, 2, 2]], L.Linear(12, 3),
           fn=lambda s, x: s.layers[0](torch.flatten(x, 1)))
torch_case("linear_fixed_batch", 17, "fixed batch 2 (no dynamic axes): Reshape to a constant [2, -1]", [[3, 2, 2]],
           L.Linear(12, 3), fn=lambda s, x: s.layers[0](x.view(2, -1)), dynamic=False)

# Activations
torch_case("relu", 11, "Relu after Conv", [[2, 5, 5]], L.Conv2d(2, 3, 1), L.ReLU())
torch_case("leaky_relu", 11, "LeakyRelu alpha 0.2", [[3, 4, 4]], L.LeakyReLU(0.2))
torch_case("prelu_channel", 13, "PRelu per channel (slope [C,1,1])", [[3, 4, 4]], L.PReLU(3, init=0.3))
torch_case("prelu_single", 17, "PRelu one slope", [[3, 4, 4]], L.PReLU(1, init=0.1))
torch_case("prelu_flat", 21, "PRelu per channel on a flat tensor", [[6]], L.PReLU(6, init=0.2))
torch_case("elu", 21, "Elu alpha 0.7", [[3, 4, 4]], L.ELU(0.7))
torch_case("sigmoid", 13, "Sigmoid", [[3, 4, 4]], L.Sigmoid())
torch_case("tanh", 17, "Tanh", [[3, 4, 4]], L.Tanh())
torch_case("clip_relu6", 11, "ReLU6: Clip with min and max inputs", [[3, 4, 4]], L.ReLU6())
torch_case("clip_hardtanh", 13, "Hardtanh(-0.5, 0.8): Clip", [[3, 4, 4]], L.Hardtanh(-0.5, 0.8))
torch_case("clip_min_only", 17, "clamp(min=0.1): Clip with only min", [[3, 4, 4]], fn=lambda s, x: torch.clamp(x, min=0.1))
torch_case("softmax_flat_11", 11, "Softmax axis 1 on [N, C] (opset 11 coerces to 2-D)", [[10]], L.Softmax(dim=1))
torch_case("softmax_channel_13", 13, "Softmax dim 1 of [N, C, H, W]", [[4, 3, 3]], L.Softmax(dim=1))
torch_case("softmax_last_21", 21, "Softmax dim -1 of [N, C, L]", [[3, 5]], L.Softmax(dim=-1))

# Normalisation
torch_case("batchnorm2d", 11, "BatchNormalization (inference) after Conv", [[3, 5, 5]], L.Conv2d(3, 4, 3),
           L.BatchNorm2d(4, eps=1e-3))
torch_case("batchnorm1d_flat", 17, "BatchNormalization on a flat tensor after Gemm", [[6]], L.Linear(6, 4),
           L.BatchNorm1d(4))

# Add, concat, resize, pad
class AddParam(nn.Module):
    def __init__(self, shape):
        super().__init__()
        self.p = nn.Parameter(torch.randn(*shape))

    def forward(self, x):
        return x + self.p


torch_case("add_residual", 11, "Add of two tensors (residual)", [[3, 5, 5]], L.Conv2d(3, 3, 3, padding=1),
           fn=lambda s, x: torch.relu(s.layers[0](x) + x))
torch_case("add_bias_channel", 13, "Add of a constant [C,1,1]: bias per channel", [[3, 4, 4]], lazy(AddParam, [3, 1, 1]))
torch_case("add_bias_position", 17, "Add of a constant [C,H,W]: bias per position", [[3, 4, 4]], lazy(AddParam, [3, 4, 4]))
torch_case("add_bias_row", 21, "Add of a constant [W] (broadcast): bias per position", [[3, 4, 4]], lazy(AddParam, [4]))
torch_case("add_two_inputs", 13, "Add of two model inputs", [[3, 4], [3, 4]], fn=lambda s, a, b: a + b)
torch_case("concat_channels", 11, "Concat on channels of two convs", [[3, 5, 5]], L.Conv2d(3, 2, 1), L.Conv2d(3, 4, 3, padding=1),
           fn=lambda s, x: torch.cat([s.layers[0](x), s.layers[1](x)], 1))
torch_case("concat_height", 17, "Concat on axis 2", [[2, 3, 4], [2, 5, 4]], fn=lambda s, a, b: torch.cat([a, b], 2))
torch_case("upsample_nearest_11", 11, "interpolate nearest scale 2 (Resize asymmetric/floor)", [[2, 3, 4]],
           fn=lambda s, x: F.interpolate(x, scale_factor=2, mode="nearest"))
torch_case("upsample_nearest_2x3", 13, "interpolate nearest scale (2, 3)", [[2, 3, 4]],
           fn=lambda s, x: F.interpolate(x, scale_factor=(2, 3), mode="nearest"))
torch_case("upsample_nearest_size", 11, "interpolate nearest size=(6, 8) (sizes from Shape/Slice/Concat)", [[2, 3, 4]],
           fn=lambda s, x: F.interpolate(x, size=(6, 8), mode="nearest"))
torch_case("upsample_bilinear_17", 17, "interpolate bilinear scale 2 align_corners=False (pytorch_half_pixel)", [[2, 3, 4]],
           fn=lambda s, x: F.interpolate(x, scale_factor=2, mode="bilinear", align_corners=False))
torch_case("upsample_bilinear_21", 21, "interpolate bilinear scale (3, 2)", [[2, 3, 3]],
           fn=lambda s, x: F.interpolate(x, scale_factor=(3, 2), mode="bilinear", align_corners=False))
torch_case("pad_constant", 11, "F.pad (1, 2, 0, 3) value 1.5", [[2, 3, 4]], fn=lambda s, x: F.pad(x, (1, 2, 0, 3), value=1.5))
torch_case("pad_zero_21", 21, "F.pad (2, 2, 1, 1) zeros then Conv", [[2, 3, 4]], L.Conv2d(2, 2, 3),
           fn=lambda s, x: s.layers[0](F.pad(x, (2, 2, 1, 1))))
torch_case("two_outputs", 13, "two graph outputs (a conv and its relu)", [[2, 4, 4]], L.Conv2d(2, 3, 3),
           fn=lambda s, x: (s.layers[0](x), torch.relu(s.layers[0](x))))


class MiniNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.c1 = nn.Conv2d(3, 8, 3, padding=1)
        self.bn = nn.BatchNorm2d(8)
        self.c2 = nn.Conv2d(8, 8, 3, padding=1, groups=2)
        self.fc = nn.Linear(8 * 4 * 4, 10)
        self.drop = nn.Dropout(0.3)

    def forward(self, x):
        x = F.max_pool2d(F.relu(self.bn(self.c1(x))), 2)
        x = F.relu(self.c2(x) + x)
        x = self.drop(x.flatten(1))
        return F.softmax(self.fc(x), dim=1)


@case("mininet_13", 13, "a small CNN: conv, bn, relu, maxpool, grouped conv, residual, flatten, dropout, gemm, softmax")
def _(rng):
    torch.manual_seed(seed_of("mininet_13"))
    return export(MiniNet(), [[3, 8, 8]], 13, rng)


# ----------------------------------------------------------------------------
# Hand-built cases (onnx.helper): ops and attributes PyTorch does not emit
# ----------------------------------------------------------------------------

def make_model(nodes, inputs, outputs, inits, opset):
    """inputs/outputs: [(name, shape)] with None or a string for symbolic dimensions."""
    g = h.make_graph(nodes, "g",
                     [h.make_tensor_value_info(n, T.FLOAT, s) for n, s in inputs],
                     [h.make_tensor_value_info(n, T.FLOAT, None) for n in outputs],
                     inits)
    ops = [h.make_opsetid("", opset)]
    m = h.make_model(g, opset_imports=ops, ir_version=h.find_min_ir_version_for(ops), producer_name="cnnc-goldens")
    # ONNX Runtime validates the model when it runs it (outputs here have no declared shape).
    return m


def f32(rng, *shape, scale=1.0):
    return (rng.standard_normal(shape) * scale).astype(np.float32)


def init(name, array):
    return nph.from_array(np.asarray(array), name)


def hand(name, opset, what, in_shapes, **extra):
    """Decorator: fn(rng) -> (nodes, inits, outputs); inputs named x0, x1... with batch 'N'."""
    def register(fn):
        @case(name, opset, what, **extra)
        def make(rng):
            nodes, inits, outputs = fn(rng)
            ins = [(f"x{i}", ["N"] + list(s)) for i, s in enumerate(in_shapes)]
            m = make_model(nodes, ins, outputs, inits, opset)
            fixed = extra.get("shapes", {})
            feeds = {f"x{i}": f32(rng, BATCH, *(fixed[f"x{i}"][1:] if f"x{i}" in fixed else s)) for i, s in enumerate(in_shapes)}
            return m, feeds
        return make
    return register


def conv_case(name, opset, what, shape, w_shape, **attrs):
    @hand(name, opset, what, [shape])
    def _(rng):
        return ([h.make_node("Conv", ["x0", "w", "b"], ["y0"], name="conv", **attrs)],
                [init("w", f32(rng, *w_shape, scale=0.3)), init("b", f32(rng, w_shape[0]))], ["y0"])


conv_case("conv_same_upper", 13, "Conv auto_pad SAME_UPPER stride 2 k4 on 7x8", [3, 7, 8], [4, 3, 4, 4],
          auto_pad="SAME_UPPER", strides=[2, 2])
conv_case("conv_same_lower", 17, "Conv auto_pad SAME_LOWER stride 2 k4 on 7x8 (extra padding at the beginning)", [3, 7, 8],
          [4, 3, 4, 4], auto_pad="SAME_LOWER", strides=[2, 2])
conv_case("conv_same_lower_k2", 21, "Conv auto_pad SAME_LOWER k2 stride 1 (pads (1, 0))", [2, 6, 5], [3, 2, 2, 2],
          auto_pad="SAME_LOWER")
conv_case("conv_valid_autopad", 11, "Conv auto_pad VALID, kernel_shape given", [2, 6, 5], [3, 2, 3, 2],
          auto_pad="VALID", kernel_shape=[3, 2])
conv_case("conv_asymmetric_pads", 13, "Conv explicit pads begin (0,2) end (1,0)", [2, 5, 5], [3, 2, 3, 3], pads=[0, 2, 1, 0])


@hand("conv_mul_add_per_channel", 13, "Conv, then Mul and Add by [1, C, 1, 1] constants and Relu (a batchnorm as "
      "TensorFlow exports it; cnnc folds both into the conv)", [[3, 6, 5]])
def _(rng):
    return ([h.make_node("Conv", ["x0", "w", "b"], ["c"], name="conv", pads=[1, 1, 1, 1]),
             h.make_node("Mul", ["c", "k"], ["m"], name="scale"),
             h.make_node("Add", ["m", "s"], ["a"], name="shift"),
             h.make_node("Relu", ["a"], ["y0"], name="relu")],
            [init("w", f32(rng, 4, 3, 3, 3, scale=0.3)), init("b", f32(rng, 4)),
             init("k", f32(rng, 1, 4, 1, 1)), init("s", f32(rng, 1, 4, 1, 1))], ["y0"])


@hand("conv_scalar_mul", 13, "Conv without bias, then Mul by a scalar constant (folds into the conv's weights)", [[2, 5, 5]])
def _(rng):
    return ([h.make_node("Conv", ["x0", "w"], ["c"], name="conv"),
             h.make_node("Mul", ["c", "k"], ["y0"], name="scale")],
            [init("w", f32(rng, 3, 2, 1, 1)), init("k", np.array(0.37, dtype=np.float32))], ["y0"])


def convt_case(name, opset, what, shape, w_shape, **attrs):
    @hand(name, opset, what, [shape])
    def _(rng):
        return ([h.make_node("ConvTranspose", ["x0", "w", "b"], ["y0"], name="deconv", **attrs)],
                [init("w", f32(rng, *w_shape, scale=0.3)), init("b", f32(rng, w_shape[1]))], ["y0"])


convt_case("convtranspose_output_shape", 13, "ConvTranspose output_shape [9, 10] stride 2", [3, 4, 5], [3, 2, 3, 3],
           strides=[2, 2], output_shape=[9, 10])
convt_case("convtranspose_same_upper", 17, "ConvTranspose auto_pad SAME_UPPER stride 2 k4 (output = 2x input, pads 1 each side)",
           [3, 4, 5], [3, 2, 4, 4], strides=[2, 2], auto_pad="SAME_UPPER")
convt_case("convtranspose_same_lower", 21, "ConvTranspose auto_pad SAME_LOWER stride 2 k3 (odd total padding at the beginning)",
           [3, 4, 5], [3, 2, 3, 3], strides=[2, 2], auto_pad="SAME_LOWER")
convt_case("convtranspose_asymmetric_pads", 21, "ConvTranspose pads begin (2,1) end (1,0)", [3, 4, 4], [3, 2, 3, 3],
           strides=[2, 2], pads=[2, 1, 1, 0])
convt_case("convtranspose_same_upper_odd", 17, "ConvTranspose auto_pad SAME_UPPER stride 2 k3 (odd total padding: the extra cropped at the end)",
           [3, 4, 5], [3, 2, 3, 3], strides=[2, 2], auto_pad="SAME_UPPER")
convt_case("convtranspose_more_end_pads", 21, "ConvTranspose pads begin (0,1) end (2,2) dilation 2 (more cropped at the end)", [3, 4, 4], [3, 4, 3, 3],
           strides=[2, 1], dilations=[2, 1], pads=[0, 1, 2, 2])
convt_case("convtranspose_same_upper_1d", 22, "ConvTranspose 1-D auto_pad SAME_UPPER stride 2 k3 dilation 2 (odd total 3)", [2, 5], [2, 3, 3],
           strides=[2], dilations=[2], auto_pad="SAME_UPPER")
convt_case("convtranspose_output_padding", 11, "ConvTranspose stride 3 output_padding (2, 1)", [2, 3, 3], [2, 2, 2, 2],
           strides=[3, 3], output_padding=[2, 1])


@hand("lrn", 13, "LRN size 3 alpha 1e-2 beta 0.6 bias 2 (PyTorch exports LocalResponseNorm as a decomposition)", [[6, 4, 4]])
def _(rng):
    return [h.make_node("LRN", ["x0"], ["y0"], size=3, alpha=1e-2, beta=0.6, bias=2.0)], [], ["y0"]


@hand("lrn_defaults", 17, "LRN size 5 with default alpha, beta and bias", [[7, 3, 3]])
def _(rng):
    return [h.make_node("LRN", ["x0"], ["y0"], size=5)], [], ["y0"]


@hand("maxpool_same_upper", 11, "MaxPool auto_pad SAME_UPPER k3 s2", [[2, 7, 6]])
def _(rng):
    return [h.make_node("MaxPool", ["x0"], ["y0"], kernel_shape=[3, 3], strides=[2, 2], auto_pad="SAME_UPPER")], [], ["y0"]


@hand("avgpool_same_lower_include_pad", 13, "AveragePool auto_pad SAME_LOWER k2 s1 count_include_pad=1", [[2, 5, 5]])
def _(rng):
    return [h.make_node("AveragePool", ["x0"], ["y0"], kernel_shape=[2, 2], auto_pad="SAME_LOWER", count_include_pad=1)], [], ["y0"]


@hand("gemm_alpha_beta_transb0", 11, "Gemm alpha 0.5 beta 2 transB=0 (B is [K, units]), C [units]", [[6]])
def _(rng):
    return ([h.make_node("Gemm", ["x0", "B", "C"], ["y0"], alpha=0.5, beta=2.0)],
            [init("B", f32(rng, 6, 4)), init("C", f32(rng, 4))], ["y0"])


@hand("gemm_transb1_c_row", 17, "Gemm transB=1 alpha 1.5, C [1, units]", [[6]])
def _(rng):
    return ([h.make_node("Gemm", ["x0", "B", "C"], ["y0"], transB=1, alpha=1.5)],
            [init("B", f32(rng, 4, 6)), init("C", f32(rng, 1, 4))], ["y0"])


@hand("gemm_no_c_scalar_c", 13, "Gemm without C, then Gemm with a scalar C", [[6]])
def _(rng):
    return ([h.make_node("Gemm", ["x0", "B"], ["h"], transB=1),
             h.make_node("Gemm", ["h", "B2", "C2"], ["y0"], beta=0.5)],
            [init("B", f32(rng, 5, 6)), init("B2", f32(rng, 5, 3)), init("C2", np.array([0.7], np.float32))], ["y0"])


@hand("matmul_add", 13, "MatMul then Add of a vector (one dense layer with bias)", [[6]])
def _(rng):
    return ([h.make_node("MatMul", ["x0", "W"], ["m"], name="fc"), h.make_node("Add", ["m", "b"], ["y0"], name="fc_bias")],
            [init("W", f32(rng, 6, 4)), init("b", f32(rng, 4))], ["y0"])


@hand("matmul_only", 17, "MatMul without bias, then Relu", [[5]])
def _(rng):
    return ([h.make_node("MatMul", ["x0", "W"], ["m"]), h.make_node("Relu", ["m"], ["y0"])], [init("W", f32(rng, 5, 3))], ["y0"])


@hand("softmax_axis1_old_trailing_ones", 11, "Softmax opset 11 axis 1 on [N, C, 1, 1] (same as over C)", [[5, 1, 1]])
def _(rng):
    return [h.make_node("Softmax", ["x0"], ["y0"], axis=1)], [], ["y0"]


@hand("softmax_default_axis_old", 11, "Softmax opset 11 default axis 1 on [N, C]", [[7]])
def _(rng):
    return [h.make_node("Softmax", ["x0"], ["y0"])], [], ["y0"]


@hand("softmax_last_axis_old", 11, "Softmax opset 11 axis -1 on [N, C, H, W] (only W is flattened)", [[2, 3, 4]])
def _(rng):
    return [h.make_node("Softmax", ["x0"], ["y0"], axis=-1)], [], ["y0"]


@hand("softmax_axis2_new", 21, "Softmax opset 21 axis 2 of [N, C, H, W]", [[2, 3, 4]])
def _(rng):
    return [h.make_node("Softmax", ["x0"], ["y0"], axis=2)], [], ["y0"]


@hand("clip_max_only_11", 11, "Clip opset 11 with max only (min input empty)", [[3, 4]])
def _(rng):
    return [h.make_node("Clip", ["x0", "", "mx"], ["y0"])], [init("mx", np.array(0.25, np.float32))], ["y0"]


@hand("dropout_attr_11", 11, "Dropout opset 11 (ratio attribute) is the identity", [[3, 4]])
def _(rng):
    return [h.make_node("Dropout", ["x0"], ["d"], ratio=0.3), h.make_node("Relu", ["d"], ["y0"])], [], ["y0"]


@hand("dropout_input_13", 13, "Dropout opset 13 (ratio and training_mode inputs) is the identity", [[3, 4]])
def _(rng):
    return ([h.make_node("Dropout", ["x0", "r", "t"], ["d"]), h.make_node("Sigmoid", ["d"], ["y0"])],
            [init("r", np.array(0.4, np.float32)), init("t", np.array(False))], ["y0"])


@hand("identity_chain", 13, "Identity in the middle and as the graph output", [[3, 4, 4]])
def _(rng):
    return ([h.make_node("Identity", ["x0"], ["i"]), h.make_node("Tanh", ["i"], ["t"]), h.make_node("Identity", ["t"], ["y0"])], [], ["y0"])


@hand("resize_nearest_half_pixel", 13, "Resize nearest half_pixel round_prefer_floor (the defaults) scale 3", [[2, 3, 4]])
def _(rng):
    return ([h.make_node("Resize", ["x0", "", "s"], ["y0"], mode="nearest")],
            [init("s", np.array([1, 1, 3, 3], np.float32))], ["y0"])


@hand("resize_linear_axes_18", 18, "Resize linear half_pixel with axes [2, 3] and sizes (opset 18)", [[2, 3, 4]])
def _(rng):
    return ([h.make_node("Resize", ["x0", "", "", "sz"], ["y0"], mode="linear", axes=[2, 3])],
            [init("sz", np.array([6, 8], np.int64))], ["y0"])


@hand("resize_identity", 13, "Resize with scales all 1 is the identity", [[2, 3, 4]])
def _(rng):
    return ([h.make_node("Resize", ["x0", "", "s"], ["r"], mode="linear"), h.make_node("Relu", ["r"], ["y0"])],
            [init("s", np.array([1, 1, 1, 1], np.float32))], ["y0"])


@hand("pad_axes_18", 18, "Pad opset 18 with axes [2, 3] and constant_value -1", [[2, 3, 3]])
def _(rng):
    return ([h.make_node("Pad", ["x0", "p", "v", "ax"], ["y0"], mode="constant")],
            [init("p", np.array([1, 0, 2, 1], np.int64)), init("v", np.array(-1.0, np.float32)),
             init("ax", np.array([2, 3], np.int64))], ["y0"])


@hand("reshape_minus1_first", 13, "Reshape to [-1, 12] (the batch inferred)", [[3, 2, 2]])
def _(rng):
    return ([h.make_node("Reshape", ["x0", "s"], ["f"]), h.make_node("Gemm", ["f", "B"], ["y0"], transB=1)],
            [init("s", np.array([-1, 12], np.int64)), init("B", f32(rng, 3, 12))], ["y0"])


@hand("reshape_zero_copy", 17, "Reshape to [0, -1] (0 copies the batch), Squeeze/Unsqueeze of constants", [[3, 2, 2]])
def _(rng):
    return ([h.make_node("Constant", [], ["c"], value=nph.from_array(np.array([0, -1], np.int64))),
             h.make_node("Unsqueeze", ["c", "ax0"], ["cu"]), h.make_node("Squeeze", ["cu", "ax0"], ["cs"]),
             h.make_node("Reshape", ["x0", "cs"], ["y0"])],
            [init("ax0", np.array([0], np.int64))], ["y0"])


@hand("squeeze_after_global_pool", 13, "GlobalAveragePool then Squeeze axes [2, 3] (as tf2onnx emits), then MatMul", [[4, 3, 3]])
def _(rng):
    return ([h.make_node("GlobalAveragePool", ["x0"], ["g"]), h.make_node("Squeeze", ["g", "ax"], ["s"]),
             h.make_node("MatMul", ["s", "W"], ["y0"])],
            [init("ax", np.array([2, 3], np.int64)), init("W", f32(rng, 4, 2))], ["y0"])


@hand("constant_node_weight", 13, "Conv whose weight and bias are Constant nodes", [[2, 4, 4]])
def _(rng):
    return ([h.make_node("Constant", [], ["w"], value=nph.from_array(f32(rng, 3, 2, 3, 3, scale=0.3))),
             h.make_node("Constant", [], ["b"], value_floats=[0.1, -0.2, 0.3]),
             h.make_node("Conv", ["x0", "w", "b"], ["y0"])], [], ["y0"])


@hand("float_data_initializers", 11, "initializers in float_data and int64_data (not raw_data)", [[2, 3, 3]])
def _(rng):
    w = f32(rng, 3, 18)
    return ([h.make_node("Reshape", ["x0", "s"], ["f"]), h.make_node("Gemm", ["f", "w"], ["y0"], transB=1)],
            [h.make_tensor("w", T.FLOAT, [3, 18], w.flatten().tolist()),
             h.make_tensor("s", T.INT64, [2], [0, -1])], ["y0"])


@hand("bias_scalar_add", 21, "Add of a scalar constant (a bias of the same value per channel)", [[3, 4]])
def _(rng):
    return [h.make_node("Add", ["c", "x0"], ["y0"])], [init("c", np.array(0.75, np.float32))], ["y0"]


@hand("globalmaxpool_1d", 13, "GlobalMaxPool on [N, C, L] then Flatten", [[3, 7]])
def _(rng):
    return [h.make_node("GlobalMaxPool", ["x0"], ["g"]), h.make_node("Flatten", ["g"], ["y0"])], [], ["y0"]


@hand("symbolic_dims_with_shape", 13, "input [N, 2, H, W] with --shape x0=1x2x5x5", [[2, "H", "W"]], shapes={"x0": [1, 2, 5, 5]})
def _(rng):
    return ([h.make_node("Conv", ["x0", "w"], ["y0"], pads=[1, 1, 1, 1])], [init("w", f32(rng, 3, 2, 3, 3))], ["y0"])


@case("upsample_nearest_deprecated", 11,
      "Upsample nearest scales [1,1,2,3] (deprecated op; ONNX Runtime rejects it at opset >= 10, so the golden is ORT's "
      "output for the equivalent Resize nearest asymmetric/floor)")
def _(rng):
    ins = [("x0", ["N", 2, 3, 4])]
    scales = init("s", np.array([1, 1, 2, 3], np.float32))
    up = h.make_graph([h.make_node("Upsample", ["x0", "s"], ["y0"], mode="nearest")], "g",
                      [h.make_tensor_value_info("x0", T.FLOAT, ins[0][1])], [h.make_tensor_value_info("y0", T.FLOAT, None)], [scales])
    ops = [h.make_opsetid("", 11)]
    model = h.make_model(up, opset_imports=ops, ir_version=h.find_min_ir_version_for(ops), producer_name="cnnc-goldens")
    reference = make_model([h.make_node("Resize", ["x0", "roi", "s"], ["y0"], mode="nearest",
                                        coordinate_transformation_mode="asymmetric", nearest_mode="floor")],
                           ins, ["y0"], [scales, init("roi", np.zeros([0], np.float32))], 11)
    feeds = {"x0": f32(rng, BATCH, 2, 3, 4)}
    return model, feeds, {"reference": reference}


@case("external_data", 13, "initializers stored as external data (weights.bin beside the model)")
def _(rng):
    nodes = [h.make_node("Conv", ["x0", "w", "b"], ["c"], pads=[1, 1, 1, 1]), h.make_node("Relu", ["c"], ["y0"])]
    m = make_model(nodes, [("x0", ["N", 3, 4, 4])], ["y0"], [init("w", f32(rng, 4, 3, 3, 3, scale=0.3)), init("b", f32(rng, 4))], 13)
    return m, {"x0": f32(rng, BATCH, 3, 4, 4)}, {"external": True}


SEEDED = {"seed": 2026, "gain": 2 ** 0.5}


@case("seeded_external", 13,
      "every seeded rule: all initializers are EXTERNAL in a weights.bin that is not committed; the values are the "
      "seeded generator's (scripts/onnx/seeded.py), param_<name>.npy holds each for a bit-exact check", seeded=SEEDED)
def _(rng):
    shapes = {"w": [4, 3, 3, 3], "b": [4], "s": [4], "bb": [4], "v": [4], "slope": [4, 1, 1], "wt": [4, 2, 2, 2], "bt": [2],
              "B": [200, 6], "C": [6], "W": [6, 3], "bias": [3]}
    nodes = [h.make_node("Conv", ["x0", "w", "b"], ["c"], name="conv", pads=[1, 1, 1, 1]),
             h.make_node("Identity", ["bb"], ["m"], name="share"),
             h.make_node("BatchNormalization", ["c", "s", "bb", "m", "v"], ["n"], name="bn"),
             h.make_node("PRelu", ["n", "slope"], ["p"], name="prelu"),
             h.make_node("ConvTranspose", ["p", "wt", "bt"], ["t"], name="deconv", strides=[2, 2]),
             h.make_node("Flatten", ["t"], ["f"], name="flat"),
             h.make_node("Gemm", ["f", "B", "C"], ["g"], name="gemm"),
             h.make_node("MatMul", ["g", "W"], ["mm"], name="matmul"),
             h.make_node("Add", ["mm", "bias"], ["y0"], name="add")]
    g = h.make_graph(nodes, "g", [h.make_tensor_value_info("x0", T.FLOAT, ["N", 3, 5, 5])],
                     [h.make_tensor_value_info("y0", T.FLOAT, None)],
                     [init(n, np.zeros(shape, np.float32)) for n, shape in shapes.items()])
    ops = [h.make_opsetid("", 13)]
    model = h.make_model(g, opset_imports=ops, ir_version=h.find_min_ir_version_for(ops), producer_name="cnnc-goldens")
    values = {}
    for t in model.graph.initializer:
        kind, fan_in = seeded.role_of(model, t.name)
        values[t.name] = seeded.initializer_value(t.name, list(t.dims), kind, fan_in, SEEDED["seed"], SEEDED["gain"])
        t.raw_data = values[t.name].tobytes()
    reference = onnx.ModelProto()
    reference.CopyFrom(model)
    offset = 0
    for t in model.graph.initializer:  # external data in a file that is never written
        n = len(t.raw_data)
        t.ClearField("raw_data")
        t.data_location = T.EXTERNAL
        for k, v in (("location", "weights.bin"), ("offset", str(offset)), ("length", str(n))):
            e = t.external_data.add()
            e.key, e.value = k, v
        offset += n
    feeds = {"x0": seeded.input_tensor("x0", [BATCH, 3, 5, 5], SEEDED["seed"])}
    return model, feeds, {"reference": reference, "files": {f"param_{k}.npy": v for k, v in values.items()}}


# ----------------------------------------------------------------------------
# Negative cases: cnnc must refuse these with an error containing `error`
# ----------------------------------------------------------------------------

NEGATIVE = []


def negative(name, opset, what, error, in_shape=(3, 4, 4), raw_opset=False):
    def register(fn):
        NEGATIVE.append((name, opset, what, error, fn, in_shape, raw_opset))
        return fn
    return register


@negative("neg_unsupported_op", 13, "an op cnnc does not support (Hardmax)", "node 1 'hm' (Hardmax): unsupported op Hardmax (supported ops: ")
def _(rng):
    return [h.make_node("Relu", ["x0"], ["r"], name="r"), h.make_node("Hardmax", ["r"], ["y0"], name="hm")], []


@negative("neg_gemm_transa", 13, "Gemm transA=1", "(Gemm): unsupported transA 1", in_shape=(6,))
def _(rng):
    return [h.make_node("Gemm", ["x0", "B"], ["y0"], transA=1)], [init("B", f32(rng, 6, 3))]


@negative("neg_softmax_old_axis", 11, "Softmax opset 11 axis 1 over C*H*W", "unsupported axis 1 in opset 11")
def _(rng):
    return [h.make_node("Softmax", ["x0"], ["y0"], axis=1)], []


@negative("neg_batchnorm_training_free_batch", 15, "BatchNormalization training_mode 1 with a free batch (the statistics span the batch)",
          "(BatchNormalization): unsupported training_mode 1 with a free batch")
def _(rng):
    return [h.make_node("BatchNormalization", ["x0", "s", "b", "m", "v"], ["y0"], training_mode=1)], \
        [init("s", f32(rng, 3)), init("b", f32(rng, 3)), init("m", f32(rng, 3)), init("v", np.abs(f32(rng, 3)) + 0.5)]


@negative("neg_dropout_training", 13, "Dropout in training mode with ratio 0.3 (random)",
          "(Dropout): unsupported training_mode true with ratio 0.3 (only inference, or ratio 0)")
def _(rng):
    return [h.make_node("Dropout", ["x0", "r", "t"], ["y0"])], [nph.from_array(np.array(0.3, dtype=np.float32), "r"), nph.from_array(np.array(True), "t")]


@negative("neg_convtranspose_same_negative_total", 17, "ConvTranspose SAME_UPPER, kernel 2 below stride 3 (negative total padding)",
          "(ConvTranspose): unsupported auto_pad SAME_UPPER with a negative total padding (-1)", in_shape=(1, 5))
def _(rng):
    return [h.make_node("ConvTranspose", ["x0", "w"], ["y0"], auto_pad="SAME_UPPER", strides=[3])], [init("w", f32(rng, 1, 1, 2))]


@negative("neg_unknown_attribute", 13, "Conv with an attribute cnnc does not know", "unsupported attribute 'future_option'")
def _(rng):
    return [h.make_node("Conv", ["x0", "w"], ["y0"], future_option=1)], [init("w", f32(rng, 2, 3, 1, 1))]



@negative("neg_symbolic_dim", 13, "input with a symbolic height and no --shape", "--shape x0=1x3x<H>x<W>", in_shape=(3, "H", "W"))
def _(rng):
    return [h.make_node("Relu", ["x0"], ["y0"])], []


@negative("neg_opset_9", 9, "a model of opset 9", "expected ONNX opset 11 to 28, got opset 9", raw_opset=True)
def _(rng):
    return [h.make_node("Relu", ["x0"], ["y0"])], []


@negative("neg_reduce_channels", 13, "ReduceMean over the batch and the channels", "(ReduceMean): unsupported reduction over the batch axis 0 (axes [0, 1])")
def _(rng):
    return [h.make_node("ReduceMean", ["x0"], ["y0"], axes=[0, 1])], []


# ----------------------------------------------------------------------------

def save_npy(path, a):
    np.save(path, np.ascontiguousarray(a, dtype=np.float32), allow_pickle=False)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", default=DEFAULT_OUT)
    a = ap.parse_args()
    if os.path.isdir(a.out):
        shutil.rmtree(a.out)
    os.makedirs(a.out)
    manifest = []
    names = set()
    for name, opset, what, make, extra in CASES:
        assert name not in names, name
        names.add(name)
        rng = np.random.default_rng(seed_of(name))
        made = make(rng)
        model, feeds = made[0], made[1]
        more = made[2] if len(made) > 2 else {}
        assert any(o.domain in ("", "ai.onnx") and o.version == opset for o in model.opset_import), (name, model.opset_import)
        directory = os.path.join(a.out, name)
        os.makedirs(directory)
        reference = more.get("reference", model)
        outs = ort_run(reference, feeds)
        if more.get("external"):
            onnx.save_model(model, os.path.join(directory, "model.onnx"), save_as_external_data=True,
                            all_tensors_to_one_file=True, location="weights.bin", size_threshold=0)
        else:
            onnx.save_model(model, os.path.join(directory, "model.onnx"))
        for i, inp in enumerate(model.graph.input):
            if inp.name in feeds:
                save_npy(os.path.join(directory, f"input{i}.npy"), feeds[inp.name])
        for i, o in enumerate(outs):
            save_npy(os.path.join(directory, f"output{i}.npy"), o)
        for file, value in more.get("files", {}).items():
            save_npy(os.path.join(directory, file), value)
        entry = {"case": name, "opset": opset, "atol": ATOL, "rtol": RTOL, "what": what}
        for key in ("shapes", "seeded"):
            if key in extra:
                entry[key] = extra[key]
        manifest.append(entry)
    for name, opset, what, error, fn, in_shape, raw in NEGATIVE:
        assert name not in names, name
        names.add(name)
        rng = np.random.default_rng(seed_of(name))
        nodes, inits = fn(rng)
        ins = [("x0", ["N"] + list(in_shape))]
        g = h.make_graph(nodes, "g", [h.make_tensor_value_info(n, T.FLOAT, s) for n, s in ins],
                         [h.make_tensor_value_info("y0", T.FLOAT, None)], inits)
        ops = [h.make_opsetid("", opset)]
        m = h.make_model(g, opset_imports=ops, ir_version=h.find_min_ir_version_for(ops), producer_name="cnnc-goldens")
        directory = os.path.join(a.out, name)
        os.makedirs(directory)
        onnx.save_model(m, os.path.join(directory, "model.onnx"))
        manifest.append({"case": name, "opset": opset, "what": what, "error": error})
    with open(os.path.join(a.out, "manifest.json"), "w") as f:
        f.write("[\n" + ",\n".join("  " + json.dumps(e) for e in manifest) + "\n]\n")
    total = sum(os.path.getsize(os.path.join(d, x)) for d, _, fs in os.walk(a.out) for x in fs)
    print(f"{a.out}: {len(CASES)} cases, {len(NEGATIVE)} negative cases, {total / 1024:.0f} KiB")


if __name__ == "__main__":
    sys.exit(main())
