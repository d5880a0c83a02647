#!/usr/bin/env python3
"""Write the elementwise golden cases into Tests/Goldens/onnx-elementwise/.

Tiny ONNX models built with onnx.helper for the unary activations and math ops (standalone,
fused after a Conv, Gemm, Add or BatchNormalization, and with NaN inputs), NaN and +-inf
through relu, clip, sigmoid, tanh, elu, leaky relu, hardswish, softmax and the max pools
(standalone and fused; see "NaN and infinities" below for the max pools), and the binary
ops with NumPy broadcasting (Add, Sub, Mul, Div, Pow, Max, Min, Sum on computed tensors and
constants, squeeze-and-excitation blocks, SiLU as exporters write it), the comparisons,
logical ops and Where (NaN and +-inf included, constant operands, a float-to-bool Cast), every
elementwise op on constants (folded at import), Pow by integer exponents and Clip with min
above max, plus the inputs and
the outputs of **ONNX Runtime** with every graph optimisation disabled (never cnnc's).
Negative cases hold a model cnnc must refuse and a substring of its error.

Same layout as Tests/Goldens/onnx (read by the same Swift harness):

    Tests/Goldens/onnx-elementwise/manifest.json
        [{"case", "opset", "atol", "rtol", "what", ["error"]}, ...]
    Tests/Goldens/onnx-elementwise/<case>/model.onnx
    Tests/Goldens/onnx-elementwise/<case>/input0.npy ...   float32 [N, ...]
    Tests/Goldens/onnx-elementwise/<case>/output0.npy ...  float32

Deterministic (seed = crc32 of the case name, one thread); the folder is rewritten from
scratch. Needs only onnx, onnxruntime and numpy (pip install onnx onnxruntime numpy);
tested with onnx 1.23, onnxruntime 1.32, numpy 2.4.

Usage:  python3 scripts/goldens/make_elementwise_goldens.py [--out DIR]
"""
import os
import sys

import numpy as np
import onnx
from onnx import TensorProto as T
from onnx import helper as h
from onnx import numpy_helper as nph

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))  # scripts/: the cnnc_tools package
from cnnc_tools.onnx_kit import REPO, ATOL, RTOL, BATCH, CASES, NEGATIVE, case, negative, f32, with_nans, model, ort_run, save_npy, main  # noqa: E402

DEFAULT_OUT = os.path.join(REPO, "Tests", "Goldens", "onnx-elementwise")


def init(name, array):
    return nph.from_array(np.asarray(array, dtype=np.float32), name)


# ----------------------------------------------------------------------------
# Unary activations and math ops
# ----------------------------------------------------------------------------

# (ONNX op, attributes, opset, how to make the input positive where the op needs it)
UNARY = [
    ("HardSwish", {}, 14, False),
    ("HardSigmoid", {}, 13, False),
    ("HardSigmoid", {"alpha": 1.0 / 6, "beta": 0.5}, 13, False),
    ("Gelu", {}, 20, False),
    ("Gelu", {"approximate": "tanh"}, 20, False),
    ("Mish", {}, 18, False),
    ("Softplus", {}, 13, False),
    ("Softsign", {}, 13, False),
    ("Selu", {}, 13, False),
    ("Selu", {"alpha": 1.5, "gamma": 1.2}, 13, False),
    ("Celu", {}, 13, False),
    ("Celu", {"alpha": 0.5}, 13, False),
    ("Exp", {}, 13, False),
    ("Log", {}, 13, True),
    ("Sqrt", {}, 13, True),
    ("Abs", {}, 13, False),
    ("Neg", {}, 13, False),
    ("Reciprocal", {}, 13, True),
    ("Erf", {}, 13, False),
    ("ThresholdedRelu", {}, 13, False),
    ("ThresholdedRelu", {"alpha": 0.25}, 13, False),
]


def unary_name(op, attrs):
    suffix = "".join(f"_{k}{v:g}" if isinstance(v, float) else f"_{v}" for k, v in sorted(attrs.items()))
    return op.lower() + suffix.replace(".", "p")


for _op, _attrs, _opset, _positive in UNARY:
    _name = unary_name(_op, _attrs)

    @case(f"{_name}_nan", _opset, f"{_op} {_attrs} standalone on [N, 3, 4, 5] with two NaN inputs")
    def _(rng, op=_op, attrs=_attrs, positive=_positive):
        x = f32(rng, BATCH, 3, 4, 5)
        if positive:
            x = np.abs(x) + np.float32(0.25)
        return [h.make_node(op, ["x0"], ["y0"], **attrs)], [], {"x0": with_nans(x)}

    @case(f"{_name}_conv", _opset, f"Conv 3->4 k3 pad 1 then {_op} {_attrs} (fused epilogue)")
    def _(rng, op=_op, attrs=_attrs, positive=_positive):
        w, b = f32(rng, 4, 3, 3, 3, scale=0.3), f32(rng, 4, scale=0.1)
        nodes = [h.make_node("Conv", ["x0", "w", "b"], ["c"], pads=[1, 1, 1, 1])]
        if positive:
            nodes += [h.make_node("Abs", ["c"], ["a"]), h.make_node(op, ["a"], ["y0"], **attrs)]
        else:
            nodes += [h.make_node(op, ["c"], ["y0"], **attrs)]
        return nodes, [init("w", w), init("b", b)], {"x0": f32(rng, BATCH, 3, 6, 16)}


@case("hardswish_gemm", 14, "Gemm 10->6 then HardSwish (dense epilogue)")
def _(rng):
    nodes = [h.make_node("Gemm", ["x0", "w", "b"], ["g"], transB=1), h.make_node("HardSwish", ["g"], ["y0"])]
    return nodes, [init("w", f32(rng, 6, 10, scale=0.5)), init("b", f32(rng, 6, scale=0.1))], {"x0": f32(rng, BATCH, 10)}


@case("gelu_add", 20, "Add of two tensors then Gelu (add epilogue)")
def _(rng):
    nodes = [h.make_node("Add", ["x0", "x1"], ["s"]), h.make_node("Gelu", ["s"], ["y0"])]
    return nodes, [], {"x0": f32(rng, BATCH, 3, 4, 4), "x1": f32(rng, BATCH, 3, 4, 4)}


@case("mish_batchnorm", 18, "standalone BatchNormalization then Mish (batchnorm epilogue)")
def _(rng):
    c = 3
    inits = [init("s", 1 + 0.2 * rng.standard_normal(c)), init("bb", 0.1 * rng.standard_normal(c)),
             init("m", 0.1 * rng.standard_normal(c)), init("v", 1 + 0.5 * rng.random(c))]
    nodes = [h.make_node("BatchNormalization", ["x0", "s", "bb", "m", "v"], ["n"]), h.make_node("Mish", ["n"], ["y0"])]
    return nodes, inits, {"x0": f32(rng, BATCH, c, 4, 4)}


# ----------------------------------------------------------------------------
# Binary ops with broadcasting
# ----------------------------------------------------------------------------

def two(op, a, b, positive_b=False, opset=13, what=None):
    name = f"{op.lower()}_{'x'.join(map(str, a[1:]))}_by_{'x'.join(map(str, b[1:]))}"

    @case(name, opset, what or f"{op} of computed [N, {a[1:]}] and [N, {b[1:]}]")
    def _(rng):
        y = f32(rng, *b)
        if positive_b:
            y = np.abs(y) + np.float32(0.5)
        return [h.make_node(op, ["x0", "x1"], ["y0"])], [], {"x0": f32(rng, *a), "x1": y}


two("Mul", (BATCH, 4, 5, 6), (BATCH, 4, 1, 1), what="Mul [N, C, H, W] by [N, C, 1, 1] (a squeeze-and-excitation scale)")
two("Sub", (BATCH, 3, 4, 5), (BATCH, 1, 4, 1))
two("Div", (BATCH, 3, 1, 5), (BATCH, 1, 4, 1), positive_b=True, what="Div where both operands broadcast: [N, 3, 1, 5] / [N, 1, 4, 1]")
two("Add", (BATCH, 3, 4, 5), (BATCH, 3, 1, 5))
two("Mul", (BATCH, 10), (BATCH, 1))
two("Mul", (BATCH, 3, 4, 5), (BATCH, 3, 4, 5), what="Mul of equal shapes")
two("Max", (BATCH, 3, 4, 5), (BATCH, 3, 1, 5))
two("Min", (BATCH, 3, 4, 5), (BATCH, 1, 1, 5))
two("Sub", (BATCH, 2, 3, 4, 5), (BATCH, 2, 1, 4, 1), what="Sub of 5-D tensors [N, 2, 3, 4, 5] - [N, 2, 1, 4, 1]")


@case("pow_computed", 13, "Pow of a positive tensor to a computed exponent, broadcast [N, 3, 4] ^ [N, 1, 4]")
def _(rng):
    base = np.abs(f32(rng, BATCH, 3, 4)) + np.float32(0.1)
    return [h.make_node("Pow", ["x0", "x1"], ["y0"])], [], {"x0": base, "x1": f32(rng, BATCH, 1, 4, scale=1.0)}


@case("pow_square_constant", 13, "Pow(x, 2) with a scalar constant exponent")
def _(rng):
    return [h.make_node("Pow", ["x0", "e"], ["y0"])], [init("e", np.float32(2.0))], {"x0": f32(rng, BATCH, 3, 4, 4)}


@case("max_min_nan", 13, "Max then Min of tensors with NaNs (NaN from either side propagates, as numpy and PyTorch do)")
def _(rng):
    nodes = [h.make_node("Max", ["x0", "x1"], ["m"]), h.make_node("Min", ["m", "x1"], ["y0"])]
    return nodes, [], {"x0": with_nans(f32(rng, BATCH, 3, 4)), "x1": f32(rng, BATCH, 3, 4)}


@case("normalize_constants", 13, "(x - mean) / std with constants [1, 3, 1, 1] (input normalisation)")
def _(rng):
    nodes = [h.make_node("Sub", ["x0", "mean"], ["d"]), h.make_node("Div", ["d", "std"], ["y0"])]
    inits = [init("mean", np.array([0.485, 0.456, 0.406]).reshape(1, 3, 1, 1)),
             init("std", np.array([0.229, 0.224, 0.225]).reshape(1, 3, 1, 1))]
    return nodes, inits, {"x0": rng.random((BATCH, 3, 4, 5)).astype(np.float32)}


@case("constant_first", 13, "1 - x, then 2 / that, then a per-position constant minus it (constants as first operands)")
def _(rng):
    nodes = [h.make_node("Sub", ["one", "x0"], ["a"]), h.make_node("Div", ["two", "a"], ["b"]),
             h.make_node("Sub", ["pos", "b"], ["y0"])]
    inits = [init("one", np.float32(1)), init("two", np.float32(2)), init("pos", f32(rng, 4, 5))]
    return nodes, inits, {"x0": -np.abs(f32(rng, BATCH, 3, 4, 5)) - np.float32(0.5)}


@case("mul_constant_grows", 13, "Mul of [N, 1, 4, 4] by a constant [1, 3, 1, 1]: the constant widens the output to 3 channels")
def _(rng):
    return [h.make_node("Mul", ["x0", "c"], ["y0"])], [init("c", f32(rng, 1, 3, 1, 1))], {"x0": f32(rng, BATCH, 1, 4, 4)}


@case("add_constant_grows", 13, "Add of [N, 1, 4, 4] and a constant [3, 1, 1] (not a bias: it widens the output)")
def _(rng):
    return [h.make_node("Add", ["x0", "c"], ["y0"])], [init("c", f32(rng, 3, 1, 1))], {"x0": f32(rng, BATCH, 1, 4, 4)}


@case("sum_three", 13, "Sum of three tensors, the last [N, 3, 1, 1]")
def _(rng):
    nodes = [h.make_node("Sum", ["x0", "x1", "x2"], ["y0"])]
    return nodes, [], {"x0": f32(rng, BATCH, 3, 4, 4), "x1": f32(rng, BATCH, 3, 4, 4), "x2": f32(rng, BATCH, 3, 1, 1)}


@case("silu_exported", 13, "Conv then x * Sigmoid(x), as PyTorch exports SiLU")
def _(rng):
    nodes = [h.make_node("Conv", ["x0", "w", "b"], ["c"], pads=[1, 1, 1, 1]), h.make_node("Sigmoid", ["c"], ["s"]),
             h.make_node("Mul", ["c", "s"], ["y0"])]
    return nodes, [init("w", f32(rng, 4, 3, 3, 3, scale=0.3)), init("b", f32(rng, 4, scale=0.1))], {"x0": f32(rng, BATCH, 3, 6, 16)}


@case("hardswish_exported_13", 13, "Conv then x * HardSigmoid(x; 1/6, 0.5), as PyTorch exports hardswish before opset 14")
def _(rng):
    nodes = [h.make_node("Conv", ["x0", "w", "b"], ["c"], pads=[1, 1, 1, 1]),
             h.make_node("HardSigmoid", ["c"], ["s"], alpha=1.0 / 6, beta=0.5), h.make_node("Mul", ["s", "c"], ["y0"])]
    return nodes, [init("w", f32(rng, 4, 3, 3, 3, scale=0.3)), init("b", f32(rng, 4, scale=0.1))], {"x0": f32(rng, BATCH, 3, 6, 16)}


def se_gate(rng, c, r, gate, gate_attrs):
    """The gate of an SE block on "xr" ([N, c, H, W]) into "s" ([N, c, 1, 1]): GlobalAveragePool ->
    Conv 1x1 (c -> r) -> Relu -> Conv 1x1 (r -> c) -> gate; its nodes and initializers (w1, b1, w2, b2)."""
    nodes = [
        h.make_node("GlobalAveragePool", ["xr"], ["p"]),
        h.make_node("Conv", ["p", "w1", "b1"], ["q"]),
        h.make_node("Relu", ["q"], ["qr"]),
        h.make_node("Conv", ["qr", "w2", "b2"], ["z"]),
        h.make_node(gate, ["z"], ["s"], **gate_attrs),
    ]
    inits = [init("w1", f32(rng, r, c, 1, 1, scale=0.5)), init("b1", f32(rng, r, scale=0.1)),
             init("w2", f32(rng, c, r, 1, 1, scale=0.5)), init("b2", f32(rng, c, scale=0.1))]
    return nodes, inits


def se_block(rng, gate, gate_attrs):
    """Conv -> Relu -> [GlobalAveragePool -> Conv 1x1 -> Relu -> Conv 1x1 -> gate] -> Mul with the block input."""
    c, r = 8, 4
    first = [init("w0", f32(rng, c, c, 3, 3, scale=0.2)), init("b0", f32(rng, c, scale=0.1))]
    gate_nodes, gate_inits = se_gate(rng, c, r, gate, gate_attrs)
    nodes = [
        h.make_node("Conv", ["x0", "w0", "b0"], ["x"], pads=[1, 1, 1, 1]),
        h.make_node("Relu", ["x"], ["xr"]),
    ] + gate_nodes + [h.make_node("Mul", ["xr", "s"], ["y0"])]
    return nodes, first + gate_inits, {"x0": f32(rng, BATCH, c, 5, 5, scale=1.0)}


@case("se_block_hardsigmoid", 13, "squeeze-and-excitation (MobileNetV3): pool, 1x1 conv, relu, 1x1 conv, HardSigmoid(1/6, 0.5), Mul")
def _(rng):
    return se_block(rng, "HardSigmoid", {"alpha": 1.0 / 6, "beta": 0.5})


@case("se_block_sigmoid", 13, "squeeze-and-excitation (EfficientNet): pool, 1x1 conv, relu, 1x1 conv, Sigmoid, Mul")
def _(rng):
    return se_block(rng, "Sigmoid", {})


def se_project(rng, c, hw, gate, gate_attrs, out, residual, scale_first):
    """A 1x1 conv, then an SE block whose gated tensor feeds a 1x1 projection (MobileNetV3,
    EfficientNet, RegNetY):
    cnnc applies the gate as the projection reads its input channels (fuse-input-scale)."""
    r = max(2, c // 4)
    gated = ["s", "xr"] if scale_first else ["xr", "s"]
    first = [init("w0", f32(rng, c, c, 1, 1, scale=0.2)), init("b0", f32(rng, c, scale=0.1))]
    gate_nodes, gate_inits = se_gate(rng, c, r, gate, gate_attrs)
    nodes = [
        h.make_node("Conv", ["x0", "w0", "b0"], ["x"]),
        h.make_node("Relu", ["x"], ["xr"]),
    ] + gate_nodes + [
        h.make_node("Mul", gated, ["m"]),
        h.make_node("Conv", ["m", "w3", "b3"], ["y"] if residual else ["y0"]),
    ]
    if residual:
        nodes.append(h.make_node("Add", ["y", "x0"], ["y0"]))
    last = [init("w3", f32(rng, out, c, 1, 1, scale=0.3)), init("b3", f32(rng, out, scale=0.1))]
    return nodes, first + gate_inits + last, {"x0": f32(rng, BATCH, c, hw[0], hw[1], scale=1.0)}


@case("se_project_small", 13, "SE block (Sigmoid gate) into a 1x1 projection with a residual add, 8 channels on 5x5")
def _(rng):
    return se_project(rng, 8, (5, 5), "Sigmoid", {}, out=8, residual=True, scale_first=False)


@case("se_project_wide", 13, "SE block (HardSigmoid gate, Mul(gate, x)) into a 1x1 projection 16 -> 24 on 12x20")
def _(rng):
    return se_project(rng, 16, (12, 20), "HardSigmoid", {"alpha": 1.0 / 6, "beta": 0.5}, out=24, residual=False, scale_first=True)


@case("se_project_deep", 13, "SE block (Sigmoid gate) into a 1x1 projection 128 -> 64 on 4x4")
def _(rng):
    return se_project(rng, 128, (4, 4), "Sigmoid", {}, out=64, residual=False, scale_first=False)


@case("se_project_plane", 13, "SE block (Sigmoid gate) into a 1x1 projection 128 -> 48 on 8x8 (on AVX2 channel tiles that scale the weights, the input being larger)")
def _(rng):
    return se_project(rng, 128, (8, 8), "Sigmoid", {}, out=48, residual=False, scale_first=False)


# Input normalisation folded into the first conv (fold-input-normalization): the border pixels of
# a padded conv are where a wrongly folded shift would show.
MEAN = np.array([0.485, 0.456, 0.406]).reshape(1, 3, 1, 1)
STD = np.array([0.229, 0.224, 0.225]).reshape(1, 3, 1, 1)


def normalize_conv(rng, pads, strides):
    nodes = [h.make_node("Sub", ["x0", "mean"], ["d"]), h.make_node("Div", ["d", "std"], ["n"]),
             h.make_node("Conv", ["n", "w", "b"], ["y0"], pads=pads, strides=strides)]
    inits = [init("mean", MEAN), init("std", STD), init("w", f32(rng, 8, 3, 3, 3, scale=0.3)), init("b", f32(rng, 8, scale=0.1))]
    return nodes, inits, {"x0": rng.random((BATCH, 3, 9, 12)).astype(np.float32)}


@case("normalize_conv_padded", 13, "(x - mean) / std then Conv 3->8 k3 stride 2 pad 1 (the division folds, the shift cannot: borders)")
def _(rng):
    return normalize_conv(rng, [1, 1, 1, 1], [2, 2])


@case("normalize_conv_valid", 13, "(x - mean) / std then Conv 3->8 k3 without padding (both fold into the conv)")
def _(rng):
    return normalize_conv(rng, [0, 0, 0, 0], [1, 1])


@case("scale255_conv_padded", 13, "x / 255 then Conv 3->8 k3 pad 1 (a scale folds whatever the padding)")
def _(rng):
    nodes = [h.make_node("Div", ["x0", "k"], ["n"]), h.make_node("Conv", ["n", "w", "b"], ["y0"], pads=[1, 1, 1, 1])]
    inits = [init("k", np.float32(255)), init("w", f32(rng, 8, 3, 3, 3, scale=0.3)), init("b", f32(rng, 8, scale=0.1))]
    return nodes, inits, {"x0": np.floor(rng.random((BATCH, 3, 7, 10)) * 256).astype(np.float32)}


# The vector forms of GELU, SiLU, sigmoid and tanh in a conv's register epilogue: a 1x1 conv on
# 5x7 positions (no padding columns; the last tile partial on every vector width).
def conv1x1_then(rng, act_nodes):
    nodes = [h.make_node("Conv", ["x0", "w", "b"], ["c"])] + act_nodes
    inits = [init("w", f32(rng, 24, 16, 1, 1, scale=0.4)), init("b", f32(rng, 24, scale=0.1))]
    return nodes, inits, {"x0": f32(rng, BATCH, 16, 5, 7)}


@case("gelu_conv1x1_registers", 20, "Conv 1x1 16->24 then Gelu (erf form, vector epilogue)")
def _(rng):
    return conv1x1_then(rng, [h.make_node("Gelu", ["c"], ["y0"])])


@case("gelu_tanh_conv1x1_registers", 20, "Conv 1x1 16->24 then Gelu (tanh form, vector epilogue)")
def _(rng):
    return conv1x1_then(rng, [h.make_node("Gelu", ["c"], ["y0"], approximate="tanh")])


@case("silu_conv1x1_registers", 13, "Conv 1x1 16->24 then x * Sigmoid(x) (SiLU, vector epilogue)")
def _(rng):
    return conv1x1_then(rng, [h.make_node("Sigmoid", ["c"], ["s"]), h.make_node("Mul", ["c", "s"], ["y0"])])


for _op, _attrs, _opset in [("Mish", {}, 18), ("Softplus", {}, 13), ("Selu", {}, 13), ("Celu", {"alpha": 0.5}, 13)]:
    @case(f"{unary_name(_op, _attrs)}_conv1x1_registers", _opset, f"Conv 1x1 16->24 then {_op} {_attrs} (vector epilogue, partial last tile)")
    def _(rng, op=_op, attrs=_attrs):
        return conv1x1_then(rng, [h.make_node(op, ["c"], ["y0"], **attrs)])


@case("sigmoid_tanh_conv1x1_registers", 13, "Conv 1x1 16->24 then Tanh then Sigmoid (vector epilogue)")
def _(rng):
    return conv1x1_then(rng, [h.make_node("Tanh", ["c"], ["t"]), h.make_node("Sigmoid", ["t"], ["y0"])])


def exported_gelu(src):
    """GELU as PyTorch exports it before opset 20: (x * (erf(x / sqrt 2) + 1)) * 0.5."""
    return [h.make_node("Div", [src, "sqrt2"], ["gd"]), h.make_node("Erf", ["gd"], ["ge"]),
            h.make_node("Add", ["ge", "one"], ["ga"]), h.make_node("Mul", [src, "ga"], ["gm"]),
            h.make_node("Mul", ["gm", "half"], ["y0"])], [init("sqrt2", np.float32(np.sqrt(2))), init("one", np.float32(1)), init("half", np.float32(0.5))]


@case("gelu_exported_gemm", 17, "Gemm 10->20 then GELU as exported before opset 20 (one gelu, in the dense layer's vector epilogue)")
def _(rng):
    gelu, consts = exported_gelu("g")
    nodes = [h.make_node("Gemm", ["x0", "w", "b"], ["g"], transB=1)] + gelu
    return nodes, [init("w", f32(rng, 20, 10, scale=0.5)), init("b", f32(rng, 20, scale=0.1))] + consts, {"x0": f32(rng, BATCH, 10)}


@case("gelu_exported_linear", 17, "MatMul [N, 6, 16] x [16, 40] + bias then exported GELU (ConvNeXt's MLP, rows of a linear layer)")
def _(rng):
    gelu, consts = exported_gelu("g")
    nodes = [h.make_node("MatMul", ["x0", "w"], ["m"]), h.make_node("Add", ["m", "b"], ["g"])] + gelu
    return nodes, [init("w", f32(rng, 16, 40, scale=0.4)), init("b", f32(rng, 40, scale=0.1))] + consts, {"x0": f32(rng, BATCH, 6, 16)}


@case("gelu_standalone_long", 20, "Gelu standalone on [N, 5, 7, 9] with NaNs (vectors of 16 and a scalar tail)")
def _(rng):
    return [h.make_node("Gelu", ["x0"], ["y0"])], [], {"x0": with_nans(f32(rng, BATCH, 5, 7, 9, scale=3.0))}


# ----------------------------------------------------------------------------
# NaN and infinities, as PyTorch treats them
# ----------------------------------------------------------------------------
# Inputs hold NaN, +inf and -inf. ONNX Runtime's values are PyTorch's for every op here except
# the max pools: ORT (and onnx.reference) let a NaN through only when it happens to be the last
# of its window, while PyTorch's max pools (and np.max) return NaN for any window holding one.
# For those cases (`pytorch_max_pool=True`) the expected values are ORT's with NaN wherever the
# window holds a NaN, which ORT itself finds: the same MaxPool run on isnan(pool input) as 0/1.

def with_specials(x):
    """NaN, +inf and -inf at fixed places (two NaNs, one of each infinity)."""
    x = x.copy()
    n = x.size
    x.flat[0] = np.nan
    x.flat[n // 3] = np.inf
    x.flat[n // 2 + 1] = np.nan
    x.flat[2 * n // 3] = -np.inf
    return x


PYTORCH_MAX_POOL = set()


SPECIAL_UNARY = [
    ("Relu", {}, 13),
    ("Sigmoid", {}, 13),
    ("Tanh", {}, 13),
    ("Elu", {}, 13),
    ("Elu", {"alpha": 0.5}, 13),
    ("LeakyRelu", {}, 13),
    ("LeakyRelu", {"alpha": 0.2}, 13),
    ("HardSwish", {}, 14),
    ("HardSigmoid", {}, 13),
    ("Softsign", {}, 13),
    ("Softplus", {}, 13),
    ("Mish", {}, 18),
    ("Selu", {}, 13),
    ("Celu", {"alpha": 0.5}, 13),
    ("Gelu", {}, 20),
    ("Gelu", {"approximate": "tanh"}, 20),
]

for _op, _attrs, _opset in SPECIAL_UNARY:
    @case(f"{unary_name(_op, _attrs)}_specials", _opset, f"{_op} {_attrs} standalone on [N, 3, 4, 6] holding NaN, +inf and -inf")
    def _(rng, op=_op, attrs=_attrs):
        return [h.make_node(op, ["x0"], ["y0"], **attrs)], [], {"x0": with_specials(f32(rng, BATCH, 3, 4, 6))}


@case("clip_specials", 13, "Clip(-1, 1) standalone on [N, 3, 4, 6] holding NaN, +inf and -inf")
def _(rng):
    nodes = [h.make_node("Clip", ["x0", "lo", "hi"], ["y0"])]
    return nodes, [init("lo", np.float32(-1)), init("hi", np.float32(1))], {"x0": with_specials(f32(rng, BATCH, 3, 4, 6))}


def conv1x1(rng, act_nodes, cin=3, cout=4):
    w, b = f32(rng, cout, cin, 1, 1, scale=0.5), f32(rng, cout, scale=0.1)
    return [h.make_node("Conv", ["x0", "w", "b"], ["c"])] + act_nodes, [init("w", w), init("b", b)]


@case("conv_relu_specials", 13, "Conv 1x1 3->4 then Relu (fused epilogue), input holding NaN, +inf and -inf")
def _(rng):
    nodes, inits = conv1x1(rng, [h.make_node("Relu", ["c"], ["y0"])])
    return nodes, inits, {"x0": with_specials(f32(rng, BATCH, 3, 4, 6))}


@case("conv_relu6_specials", 13, "Conv 1x1 3->4 then Clip(0, 6) (relu6, fused epilogue), input holding NaN, +inf and -inf")
def _(rng):
    nodes, inits = conv1x1(rng, [h.make_node("Clip", ["c", "lo", "hi"], ["y0"])])
    return nodes, inits + [init("lo", np.float32(0)), init("hi", np.float32(6))], {"x0": with_specials(f32(rng, BATCH, 3, 4, 6))}


@case("conv5_relu_nan", 13, "Conv 5x5 pad 2 3->8 then Relu (tiled conv epilogue), input holding two NaNs")
def _(rng):
    w, b = f32(rng, 8, 3, 5, 5, scale=0.2), f32(rng, 8, scale=0.1)
    nodes = [h.make_node("Conv", ["x0", "w", "b"], ["c"], pads=[2, 2, 2, 2]), h.make_node("Relu", ["c"], ["y0"])]
    return nodes, [init("w", w), init("b", b)], {"x0": with_nans(f32(rng, BATCH, 3, 12, 16))}


@case("gemm_relu_nan", 13, "Gemm 10->6 then Relu (dense epilogue), input holding two NaNs")
def _(rng):
    nodes = [h.make_node("Gemm", ["x0", "w", "b"], ["g"], transB=1), h.make_node("Relu", ["g"], ["y0"])]
    return nodes, [init("w", f32(rng, 6, 10, scale=0.5)), init("b", f32(rng, 6, scale=0.1))], {"x0": with_nans(f32(rng, BATCH, 10))}


@case("softmax_specials", 13, "Softmax over [N, 10]: row 0 holds a NaN (all NaN), row 1 a -inf (its entry 0)")
def _(rng):
    x = f32(rng, BATCH, 10)
    x[0, 3] = np.nan
    x[1, 5] = -np.inf
    return [h.make_node("Softmax", ["x0"], ["y0"], axis=1)], [], {"x0": x}


@case("softmax_pos_inf", 13, "Softmax over [N, 10] with a +inf in row 0 (inf - inf: all NaN, as PyTorch) and none in row 1")
def _(rng):
    x = f32(rng, BATCH, 10)
    x[0, 7] = np.inf
    return [h.make_node("Softmax", ["x0"], ["y0"], axis=1)], [], {"x0": x}


def pytorch_max_pool(name, opset, what):
    PYTORCH_MAX_POOL.add(name)
    return case(name, opset, what)


@pytorch_max_pool("maxpool_specials", 13, "MaxPool 2x2 stride 2 on [N, 3, 4, 6] holding NaN, +inf and -inf (NaN propagates, as PyTorch)")
def _(rng):
    return [h.make_node("MaxPool", ["x0"], ["y0"], kernel_shape=[2, 2], strides=[2, 2])], [], {"x0": with_specials(f32(rng, BATCH, 3, 4, 6))}


@pytorch_max_pool("maxpool_3x3_pad_specials", 13, "MaxPool 3x3 stride 1 pad 1 on [N, 3, 8, 8] holding NaN, +inf and -inf (NaN propagates, as PyTorch)")
def _(rng):
    return ([h.make_node("MaxPool", ["x0"], ["y0"], kernel_shape=[3, 3], strides=[1, 1], pads=[1, 1, 1, 1])], [],
            {"x0": with_specials(f32(rng, BATCH, 3, 8, 8))})


@pytorch_max_pool("globalmaxpool_specials", 13, "GlobalMaxPool on [N, 3, 4, 6] holding NaN, +inf and -inf (NaN propagates, as PyTorch)")
def _(rng):
    return [h.make_node("GlobalMaxPool", ["x0"], ["y0"])], [], {"x0": with_specials(f32(rng, BATCH, 3, 4, 6))}


@pytorch_max_pool("conv_relu_maxpool_nan", 13, "Conv 1x1 3->4, Relu, MaxPool 2x2 stride 2 (all fused into the conv), input holding two NaNs")
def _(rng):
    nodes, inits = conv1x1(rng, [h.make_node("Relu", ["c"], ["r"]),
                                 h.make_node("MaxPool", ["r"], ["y0"], kernel_shape=[2, 2], strides=[2, 2])])
    return nodes, inits, {"x0": with_nans(f32(rng, BATCH, 3, 4, 6))}


def with_pytorch_max_pool(m, feeds, outs):
    """ORT's output of `m`, whose last node is a max pool, with NaN wherever the pool's window holds a NaN."""
    pool = m.graph.node[-1]
    assert pool.op_type in ("MaxPool", "GlobalMaxPool") and pool.output[0] == "y0", pool
    probe = onnx.ModelProto()
    probe.CopyFrom(m)
    probe.graph.output.append(h.make_tensor_value_info(pool.input[0], T.FLOAT, None))
    pool_input = ort_run(probe, feeds)[-1]
    mask_graph = h.make_graph([pool], "mask", [h.make_tensor_value_info(pool.input[0], T.FLOAT, None)],
                              [h.make_tensor_value_info("y0", T.FLOAT, None)])
    mask_model = h.make_model(mask_graph, opset_imports=m.opset_import, ir_version=m.ir_version)
    has_nan = ort_run(mask_model, {pool.input[0]: np.isnan(pool_input).astype(np.float32)})[0]
    return [np.where(has_nan > 0, np.float32(np.nan), outs[0]).astype(np.float32)]


# ----------------------------------------------------------------------------
# Comparisons, logical ops and Where; folding of any elementwise op on constants
# ----------------------------------------------------------------------------

def halves(rng, *shape):
    """Values on a 0.5 grid, so that operands compare equal in places."""
    return (np.round(f32(rng, *shape) * 2) / 2).astype(np.float32)


for _op in ["Less", "LessOrEqual", "Greater", "GreaterOrEqual", "Equal"]:
    @case(f"{_op.lower()}_broadcast", 16, f"Cast(float) of {_op} of [N, 3, 4, 5] and [N, 3, 1, 5] on a 0.5 grid holding NaN and +-inf")
    def _(rng, op=_op):
        nodes = [h.make_node(op, ["x0", "x1"], ["m"]), h.make_node("Cast", ["m"], ["y0"], to=T.FLOAT)]
        return nodes, [], {"x0": with_specials(halves(rng, BATCH, 3, 4, 5)), "x1": halves(rng, BATCH, 3, 1, 5)}


@case("logical_ops", 16, "And, Or, Xor and Not of Less(x0, 0) and Greater(0.5, x1) (a constant first), summed as floats")
def _(rng):
    nodes = [h.make_node("Less", ["x0", "zero"], ["a"]), h.make_node("Greater", ["half", "x1"], ["b"]),
             h.make_node("And", ["a", "b"], ["p"]), h.make_node("Or", ["a", "b"], ["q"]), h.make_node("Xor", ["a", "b"], ["r"]),
             h.make_node("Not", ["p"], ["np"]), h.make_node("Cast", ["np"], ["pf"], to=T.FLOAT),
             h.make_node("Cast", ["q"], ["qf"], to=T.FLOAT), h.make_node("Cast", ["r"], ["rf"], to=T.FLOAT),
             h.make_node("Mul", ["qf", "two"], ["q2"]), h.make_node("Mul", ["rf", "four"], ["r4"]),
             h.make_node("Sum", ["pf", "q2", "r4"], ["y0"])]
    inits = [init("zero", np.float32(0)), init("half", np.float32(0.5)), init("two", np.float32(2)), init("four", np.float32(4))]
    return nodes, inits, {"x0": with_specials(f32(rng, BATCH, 3, 4, 5)), "x1": f32(rng, BATCH, 3, 4, 1)}


@case("where_elu_specials", 16, "Where(Less(x, 0), Exp(x) - 1, x), the expanded Elu, on [N, 3, 4, 6] holding NaN and +-inf (Less(NaN, 0) is false: NaN stays)")
def _(rng):
    nodes = [h.make_node("Less", ["x0", "zero"], ["neg"]), h.make_node("Exp", ["x0"], ["e"]),
             h.make_node("Sub", ["e", "one"], ["em1"]), h.make_node("Where", ["neg", "em1", "x0"], ["y0"])]
    return nodes, [init("zero", np.float32(0)), init("one", np.float32(1))], {"x0": with_specials(f32(rng, BATCH, 3, 4, 6))}


@case("where_broadcast3", 16, "Where of three computed operands that all broadcast: [N, 1, 4, 1] < 0 ? [N, 3, 1, 5] : [N, 1, 1, 5]")
def _(rng):
    nodes = [h.make_node("Less", ["x0", "zero"], ["c"]), h.make_node("Where", ["c", "x1", "x2"], ["y0"])]
    return nodes, [init("zero", np.float32(0))], {"x0": f32(rng, BATCH, 1, 4, 1), "x1": f32(rng, BATCH, 3, 1, 5), "x2": f32(rng, BATCH, 1, 1, 5)}


@case("where_constants", 16, "Where(Greater(x0, c [3, 1, 1]), 0, x1) and Where(Cast(x1, bool), x0, per-position constant), constant branches and a float-to-bool Cast")
def _(rng):
    nodes = [h.make_node("Greater", ["x0", "c"], ["g"]), h.make_node("Where", ["g", "zero", "x1"], ["w"]),
             h.make_node("Cast", ["x1"], ["b"], to=T.BOOL), h.make_node("Where", ["b", "x0", "k"], ["v"]),
             h.make_node("Add", ["w", "v"], ["y0"])]
    x1 = halves(rng, BATCH, 3, 4, 5)
    x1.flat[3] = np.nan
    inits = [init("c", np.array([-0.5, 0, 0.5]).reshape(3, 1, 1)), init("zero", np.float32(0)), init("k", f32(rng, 1, 3, 4, 5))]
    return nodes, inits, {"x0": f32(rng, BATCH, 3, 4, 5), "x1": x1}


@case("fold_constant_ops", 16, "x * Sqrt(2) + Exp(Neg(c)) + Where(Less(c, 0.25), Erf(c), Tanh(c)) + Pow(c, 2) + Max(c, -c): every op on constants, folded")
def _(rng):
    nodes = [h.make_node("Sqrt", ["two"], ["s"]), h.make_node("Mul", ["x0", "s"], ["xs"]),
             h.make_node("Neg", ["c"], ["nc"]), h.make_node("Exp", ["nc"], ["e"]),
             h.make_node("Less", ["c", "quarter"], ["l"]), h.make_node("Erf", ["c"], ["er"]), h.make_node("Tanh", ["c"], ["th"]),
             h.make_node("Where", ["l", "er", "th"], ["w"]), h.make_node("Pow", ["c", "two"], ["p"]), h.make_node("Max", ["c", "nc"], ["m"]),
             h.make_node("Sum", ["e", "w", "p", "m"], ["k"]), h.make_node("Add", ["xs", "k"], ["y0"])]
    inits = [init("two", np.float32(2)), init("quarter", np.float32(0.25)), init("c", f32(rng, 1, 3, 1, 1, scale=0.5))]
    return nodes, inits, {"x0": f32(rng, BATCH, 3, 2, 2)}


@case("pow_int_exponents", 13, "Pow(x, int64 exponents [2, 3, -1, 0]) along the last axis (exponents converted to float exactly)")
def _(rng):
    nodes = [h.make_node("Pow", ["x0", "e"], ["y0"])]
    return nodes, [nph.from_array(np.array([2, 3, -1, 0], dtype=np.int64), "e")], {"x0": f32(rng, BATCH, 3, 4)}


@case("clip_min_above_max", 13, "Clip(x, 1, -1) on values holding NaN and +-inf: max everywhere (NaN stays), as ONNX Runtime and numpy.clip")
def _(rng):
    nodes = [h.make_node("Clip", ["x0", "lo", "hi"], ["y0"])]
    return nodes, [init("lo", np.float32(1)), init("hi", np.float32(-1))], {"x0": with_specials(f32(rng, BATCH, 3, 4, 6))}


# ----------------------------------------------------------------------------
# Refused
# ----------------------------------------------------------------------------

@negative("neg_broadcast_mismatch", 13, "Mul of [N, 3, 4, 5] and [N, 2, 1, 1]",
          "(Mul): expected shapes that broadcast (equal sizes or 1, aligned at the last dimension) for mul, got [3, 4, 5] and [2, 1, 1] (3 against 2 in dimension 3 from the last)")
def _():
    return [h.make_node("Mul", ["x0", "x1"], ["y0"], name="m")], [], [("x0", (1, 3, 4, 5)), ("x1", (1, 2, 1, 1))]


@negative("neg_broadcast_ranks", 13, "Add of computed tensors of ranks 4 and 2",
          "(Add): unsupported broadcast of [N, 3, 4, 5] and [N, 5] computed at run time")
def _():
    return [h.make_node("Add", ["x0", "x1"], ["y0"], name="a")], [], [("x0", (1, 3, 4, 5)), ("x1", (1, 5))]


@negative("neg_constant_across_batch", 13, "Mul by a constant with a batch dimension of 2",
          "(Mul): unsupported constant of shape [2, 3, 1, 1] against [N, 3, 4, 5]: it would broadcast across the batch")
def _():
    return [h.make_node("Mul", ["x0", "c"], ["y0"], name="m")], [init("c", np.ones((2, 3, 1, 1)))], [("x0", (1, 3, 4, 5))]


@negative("neg_where_float_condition", 16, "Where with a float condition",
          "(Where): expected the condition (input 0) to be a boolean (the result of a comparison, And, Or, Xor or Not), got the float tensor 'x0'")
def _():
    return [h.make_node("Where", ["x0", "x1", "x1"], ["y0"], name="w")], [], [("x0", (1, 3, 4, 5)), ("x1", (1, 3, 4, 5))]


@negative("neg_where_broadcast", 16, "Where of [N, 3, 4, 5] < 0 with branches [N, 2, 1, 1] and [N, 3, 4, 5]",
          "(Where): expected shapes that broadcast (equal sizes or 1, aligned at the last dimension) for where, got [3, 4, 5] and [2, 1, 1]")
def _():
    nodes = [h.make_node("Less", ["x0", "zero"], ["c"], name="l"), h.make_node("Where", ["c", "x1", "x0"], ["y0"], name="w")]
    return nodes, [init("zero", np.float32(0))], [("x0", (1, 3, 4, 5)), ("x1", (1, 2, 1, 1))]


@negative("neg_and_float", 16, "And of two float tensors",
          "(And): expected input 0 to be a boolean (the result of a comparison, And, Or, Xor or Not), got the float tensor 'x0'")
def _():
    return [h.make_node("And", ["x0", "x1"], ["y0"], name="a")], [], [("x0", (1, 3, 4, 5)), ("x1", (1, 3, 4, 5))]


@negative("neg_pow_inexact_exponent", 13, "Pow by an int64 exponent 2^24 + 1, which has no exact float32",
          "(Pow): unsupported integer exponent 16777217: it has no exact float32 value")
def _():
    return [h.make_node("Pow", ["x0", "e"], ["y0"], name="p")], [nph.from_array(np.array([16777217], dtype=np.int64), "e")], [("x0", (1, 3, 4, 5))]


def pytorch_max_pool(name, m, feeds, outs):
    return with_pytorch_max_pool(m, feeds, outs) if name in PYTORCH_MAX_POOL else outs


if __name__ == "__main__":
    sys.exit(main(__doc__, DEFAULT_OUT, post=pytorch_max_pool))
