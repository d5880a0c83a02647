#!/usr/bin/env python3
"""Write the normalisation, reduction, softmax and linear golden cases into Tests/Goldens/onnx-norm/.

Tiny ONNX models built with onnx.helper: every Reduce* op (several axes, negative ones,
keepdims both ways, axes as an attribute and as an input, noop_with_empty_axes, ranks 2 to 5
per sample, NaN inputs), Softmax and LogSoftmax on any axis, LayerNormalization (any axis,
Scale broadcast, no B), InstanceNormalization, GroupNormalization (opset 18's per-group and
opset 21's per-channel scale and bias), MatMul of a rank-3/4 activation by a constant (with
the Add after it folded as bias and a Gelu after that), and a ConvNeXt block written
channels-last (LayerNormalization over the last axis, Linear, Gelu, Linear, layer scale,
residual) plus LayerNormalization over the channels of a channels-first tensor; with the
inputs and the outputs of **ONNX Runtime** with every graph optimisation disabled (never
cnnc's). Negative cases hold a model cnnc must refuse and a substring of its error.

Same layout as Tests/Goldens/onnx (read by the same Swift harness):

    Tests/Goldens/onnx-norm/manifest.json
        [{"case", "opset", "atol", "rtol", "what", ["error"]}, ...]
    Tests/Goldens/onnx-norm/<case>/model.onnx
    Tests/Goldens/onnx-norm/<case>/input0.npy ...   float32 [N, ...]
    Tests/Goldens/onnx-norm/<case>/output0.npy      float32

Deterministic (seed = crc32 of the case name, one thread); the folder is rewritten from
scratch. Needs only onnx, onnxruntime and numpy; tested with onnx 1.23, onnxruntime 1.32,
numpy 2.4.

Usage:  python3 scripts/goldens/make_norm_goldens.py [--out DIR]
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

DEFAULT_OUT = os.path.join(REPO, "Tests", "Goldens", "onnx-norm")


def init(name, array, dtype=np.float32):
    return nph.from_array(np.asarray(array, dtype=dtype), name)


def dims(shape):
    return "x".join(map(str, shape))


# ----------------------------------------------------------------------------
# Reductions
# ----------------------------------------------------------------------------

REDUCE = ["ReduceMean", "ReduceSum", "ReduceMax", "ReduceMin", "ReduceL1", "ReduceL2", "ReduceSumSquare",
          "ReduceLogSumExp", "ReduceProd"]


def axes_input_since(op):
    return 13 if op == "ReduceSum" else 18


def reduce_node(op, axes, keepdims, opset, inits, noop=None):
    """The Reduce node with axes as an attribute (before the op's axes-input opset) or as input 1."""
    attrs = {"keepdims": keepdims}
    if noop is not None:
        attrs["noop_with_empty_axes"] = noop
    if opset >= axes_input_since(op):
        if axes is None:
            return h.make_node(op, ["x0"], ["y0"], **attrs)
        inits.append(init("axes", axes, np.int64))
        return h.make_node(op, ["x0", "axes"], ["y0"], **attrs)
    if axes is not None:
        attrs["axes"] = axes
    return h.make_node(op, ["x0"], ["y0"], **attrs)


def reduce_case(op, shape, axes, keepdims, opset, nans=False, positive=False):
    name = f"{op[6:].lower()}_{dims(shape[1:])}_axes{'_'.join(str(a).replace('-', 'm') for a in axes)}_k{keepdims}_o{opset}" + ("_nan" if nans else "")

    @case(name, opset, f"{op} of [N, {dims(shape[1:])}] over axes {axes}, keepdims {keepdims}" + (" with two NaN inputs" if nans else ""))
    def _(rng):
        # ReduceProd: values near 1 so the product stays in range.
        x = (1 + 0.3 * rng.standard_normal(shape)).astype(np.float32) if positive else f32(rng, *shape)
        inits = []
        node = reduce_node(op, axes, keepdims, opset, inits)
        return [node], inits, {"x0": with_nans(x) if nans else x}


for _op in REDUCE:
    _new = axes_input_since(_op)
    _old = 13 if _op != "ReduceSum" else 11
    _pos = _op == "ReduceProd"
    reduce_case(_op, (BATCH, 3, 4, 5), [1], 1, _new, positive=_pos)
    reduce_case(_op, (BATCH, 3, 4, 5), [-1], 0, _old, positive=_pos)
    reduce_case(_op, (BATCH, 3, 4, 5), [1, 3], 1, _old, positive=_pos)
    reduce_case(_op, (BATCH, 3, 4, 5), [2, 3], 0, _new, positive=_pos)
    reduce_case(_op, (BATCH, 3, 4, 5), [-2], 1, _new, positive=_pos)
    reduce_case(_op, (BATCH, 3, 4, 5), [1, 2, 3], 0, _new, positive=_pos)
    reduce_case(_op, (BATCH, 37), [1], 1, _new, positive=_pos)
    reduce_case(_op, (BATCH, 2, 3, 4, 5), [2, 4], 0, _new, positive=_pos)
    reduce_case(_op, (BATCH, 3, 4, 5), [2], 1, _new, nans=True, positive=_pos)
# Long contiguous reductions and wide inner runs (more than one 64-position chunk).
reduce_case("ReduceMean", (BATCH, 3, 100, 70), [2], 1, 18)
reduce_case("ReduceSum", (BATCH, 3, 7, 300), [3], 0, 13)
reduce_case("ReduceMax", (BATCH, 2, 3, 5, 9), [1, 3], 1, 18)


@case("reducemean_noop_empty_axes", 18, "ReduceMean without axes and noop_with_empty_axes=1 (the identity), then Relu")
def _(rng):
    nodes = [h.make_node("ReduceMean", ["x0"], ["r"], noop_with_empty_axes=1), h.make_node("Relu", ["r"], ["y0"])]
    return nodes, [], {"x0": f32(rng, BATCH, 3, 4)}


@case("reducemean_spatial_pool", 13, "ReduceMean over [2, 3] keepdims 1 (the global pool fast path), squeeze-and-excitation style Mul after it")
def _(rng):
    nodes = [h.make_node("ReduceMean", ["x0"], ["m"], axes=[2, 3], keepdims=1), h.make_node("Mul", ["x0", "m"], ["y0"])]
    return nodes, [], {"x0": f32(rng, BATCH, 4, 5, 6)}


# ----------------------------------------------------------------------------
# Softmax and LogSoftmax
# ----------------------------------------------------------------------------

def softmax_case(op, shape, axis, opset=13, nans=False):
    name = f"{op.lower()}_{dims(shape[1:])}_axis{str(axis).replace('-', 'm')}_o{opset}" + ("_nan" if nans else "")

    @case(name, opset, f"{op} of [N, {dims(shape[1:])}] on axis {axis}" + (" with two NaN inputs" if nans else ""))
    def _(rng):
        x = f32(rng, *shape)
        return [h.make_node(op, ["x0"], ["y0"], axis=axis)], [], {"x0": with_nans(x) if nans else x}


for _op in ["Softmax", "LogSoftmax"]:
    softmax_case(_op, (BATCH, 3, 4, 5), 1)
    softmax_case(_op, (BATCH, 3, 4, 5), 2)
    softmax_case(_op, (BATCH, 3, 4, 5), -1)
    softmax_case(_op, (BATCH, 10), -1)
    softmax_case(_op, (BATCH, 2, 3, 4, 5), 3)
    softmax_case(_op, (BATCH, 3, 4, 5), -3, nans=True)
    softmax_case(_op, (BATCH, 10), 1, opset=11)
    softmax_case(_op, (BATCH, 3, 1, 1), 1, opset=11)


# ----------------------------------------------------------------------------
# Normalisation
# ----------------------------------------------------------------------------

def layernorm_case(shape, axis, opset=17, scale_shape=None, bias=True, nans=False, eps=None):
    name = f"layernorm_{dims(shape[1:])}_axis{str(axis).replace('-', 'm')}" + ("_nobias" if not bias else "") + \
        (f"_scale{dims(scale_shape)}" if scale_shape is not None else "") + ("_nan" if nans else "")

    @case(name, opset, f"LayerNormalization of [N, {dims(shape[1:])}] from axis {axis}" + (f", Scale {scale_shape}" if scale_shape else "") +
          ("" if bias else ", no B") + (" with two NaN inputs" if nans else ""))
    def _(rng):
        normalized = list(shape[axis:] if axis >= 0 else shape[len(shape) + axis:])
        s = scale_shape if scale_shape is not None else normalized
        inits = [init("scale", 1 + 0.3 * rng.standard_normal(s))]
        ins = ["x0", "scale"]
        if bias:
            inits.append(init("b", 0.2 * rng.standard_normal(normalized)))
            ins.append("b")
        attrs = {"axis": axis}
        if eps is not None:
            attrs["epsilon"] = eps
        x = f32(rng, *shape) + np.float32(0.5)
        return [h.make_node("LayerNormalization", ins, ["y0"], **attrs)], inits, {"x0": with_nans(x) if nans else x}


layernorm_case((BATCH, 3, 4, 8), -1)
layernorm_case((BATCH, 3, 4, 8), 2)
layernorm_case((BATCH, 3, 4, 8), 1)
layernorm_case((BATCH, 3, 4, 8), -2, eps=1e-3)
layernorm_case((BATCH, 16), -1)
layernorm_case((BATCH, 40), 1, bias=False)
layernorm_case((BATCH, 2, 3, 4, 5), 3)
layernorm_case((BATCH, 5, 6, 7), 2, scale_shape=[1, 7])
layernorm_case((BATCH, 7, 7, 96), -1)
layernorm_case((BATCH, 3, 4, 8), -1, nans=True)


def instancenorm_case(shape, nans=False):
    @case(f"instancenorm_{dims(shape[1:])}" + ("_nan" if nans else ""), 13,
          f"InstanceNormalization of [N, {dims(shape[1:])}]" + (" with two NaN inputs" if nans else ""))
    def _(rng):
        c = shape[1]
        inits = [init("s", 1 + 0.3 * rng.standard_normal(c)), init("b", 0.2 * rng.standard_normal(c))]
        x = f32(rng, *shape)
        return [h.make_node("InstanceNormalization", ["x0", "s", "b"], ["y0"], epsilon=1e-4)], inits, {"x0": with_nans(x) if nans else x}


instancenorm_case((BATCH, 3, 4, 5))
instancenorm_case((BATCH, 4, 37))
instancenorm_case((BATCH, 2, 3, 4, 5))
instancenorm_case((BATCH, 3, 4, 5), nans=True)


def groupnorm_case(shape, groups, opset, nans=False):
    @case(f"groupnorm_{dims(shape[1:])}_g{groups}_o{opset}" + ("_nan" if nans else ""), opset,
          f"GroupNormalization of [N, {dims(shape[1:])}] in {groups} groups, opset {opset} (scale and bias per {'group' if opset < 21 else 'channel'})" +
          (" with two NaN inputs" if nans else ""))
    def _(rng):
        n = groups if opset < 21 else shape[1]
        inits = [init("s", 1 + 0.3 * rng.standard_normal(n)), init("b", 0.2 * rng.standard_normal(n))]
        x = f32(rng, *shape)
        return [h.make_node("GroupNormalization", ["x0", "s", "b"], ["y0"], num_groups=groups)], inits, {"x0": with_nans(x) if nans else x}


groupnorm_case((BATCH, 6, 4, 5), 3, 21)
groupnorm_case((BATCH, 6, 4, 5), 2, 18)
groupnorm_case((BATCH, 8, 10), 8, 21)
groupnorm_case((BATCH, 4, 3, 3, 3), 1, 21)
groupnorm_case((BATCH, 6, 4, 5), 3, 21, nans=True)


# ----------------------------------------------------------------------------
# MatMul on any rank, and ConvNeXt
# ----------------------------------------------------------------------------

@case("matmul_4x5x6_by_6x7_add", 13, "MatMul [N, 4, 5, 6] x [6, 7] then Add [7] (a linear layer with bias)")
def _(rng):
    nodes = [h.make_node("MatMul", ["x0", "w"], ["m"]), h.make_node("Add", ["m", "b"], ["y0"])]
    return nodes, [init("w", f32(rng, 6, 7, scale=0.4)), init("b", f32(rng, 7, scale=0.1))], {"x0": f32(rng, BATCH, 4, 5, 6)}


@case("matmul_8x6_by_6x3", 13, "MatMul [N, 8, 6] x [6, 3] (no bias)")
def _(rng):
    return [h.make_node("MatMul", ["x0", "w"], ["y0"])], [init("w", f32(rng, 6, 3, scale=0.4))], {"x0": f32(rng, BATCH, 8, 6)}


@case("matmul_3x5x40_by_40x37_add_gelu", 20, "MatMul [N, 3, 5, 40] x [40, 37], Add [1, 37], Gelu (fused epilogue)")
def _(rng):
    nodes = [h.make_node("MatMul", ["x0", "w"], ["m"]), h.make_node("Add", ["b", "m"], ["a"]), h.make_node("Gelu", ["a"], ["y0"])]
    return nodes, [init("w", f32(rng, 40, 37, scale=0.2)), init("b", f32(rng, 1, 37, scale=0.1))], {"x0": f32(rng, BATCH, 3, 5, 40)}


@case("gemm_10_by_10x6_add", 13, "MatMul [N, 10] x [10, 6] then Add (a dense layer, as before)")
def _(rng):
    nodes = [h.make_node("MatMul", ["x0", "w"], ["m"]), h.make_node("Add", ["m", "b"], ["y0"])]
    return nodes, [init("w", f32(rng, 10, 6, scale=0.4)), init("b", f32(rng, 6, scale=0.1))], {"x0": f32(rng, BATCH, 10)}


def convnext_block(rng, c, gelu_op):
    """ConvNeXt's block after its depthwise conv, channels-last as torchvision computes it between
    its two permutes: LayerNorm(C), Linear(C, 4C), GELU, Linear(4C, C), layer scale, residual."""
    inits = [init("ln_s", 1 + 0.1 * rng.standard_normal(c)), init("ln_b", 0.1 * rng.standard_normal(c)),
             init("w1", f32(rng, c, 4 * c, scale=1 / np.sqrt(c))), init("b1", f32(rng, 4 * c, scale=0.1)),
             init("w2", f32(rng, 4 * c, c, scale=1 / np.sqrt(4 * c))), init("b2", f32(rng, c, scale=0.1)),
             init("gamma", 0.5 + 0.1 * rng.standard_normal(c))]
    nodes = [h.make_node("LayerNormalization", ["x0", "ln_s", "ln_b"], ["ln"], axis=-1, epsilon=1e-6),
             h.make_node("MatMul", ["ln", "w1"], ["m1"]), h.make_node("Add", ["m1", "b1"], ["a1"])]
    if gelu_op:
        nodes.append(h.make_node("Gelu", ["a1"], ["g"]))
    else:
        # GELU as torch.onnx exports it below opset 20: x * 0.5 * (1 + erf(x / sqrt 2)).
        inits += [init("sqrt2", np.sqrt(2.0)), init("one", 1.0), init("half", 0.5)]
        nodes += [h.make_node("Div", ["a1", "sqrt2"], ["d"]), h.make_node("Erf", ["d"], ["e"]),
                  h.make_node("Add", ["e", "one"], ["e1"]), h.make_node("Mul", ["a1", "e1"], ["p"]),
                  h.make_node("Mul", ["p", "half"], ["g"])]
    nodes += [h.make_node("MatMul", ["g", "w2"], ["m2"]), h.make_node("Add", ["m2", "b2"], ["a2"]),
              h.make_node("Mul", ["a2", "gamma"], ["s"]), h.make_node("Add", ["s", "x0"], ["y0"])]
    return nodes, inits


@case("convnext_block_channels_last", 20, "ConvNeXt block channels-last on [N, 7, 7, 32]: LayerNorm, Linear 32->128, Gelu, Linear 128->32, layer scale, residual")
def _(rng):
    nodes, inits = convnext_block(rng, 32, True)
    return nodes, inits, {"x0": f32(rng, BATCH, 7, 7, 32, scale=1.0)}


@case("convnext_block_erf_gelu", 17, "ConvNeXt block channels-last on [N, 6, 6, 24] with GELU written with Erf (opset 17)")
def _(rng):
    nodes, inits = convnext_block(rng, 24, False)
    return nodes, inits, {"x0": f32(rng, BATCH, 6, 6, 24, scale=1.0)}


@case("convnext_block_torchvision", 17, "ConvNeXt block as torchvision exports it on [N, 16, 6, 6]: depthwise Conv 7x7, Transpose to channels-last, LayerNorm, Linear 16->64, GELU with Erf, Linear 64->16, Transpose back, layer scale [C, 1, 1], residual (planned channels-first: no transpose)")
def _(rng):
    c = 16
    inits = [init("dw", f32(rng, c, 1, 7, 7, scale=0.2)), init("dwb", f32(rng, c, scale=0.1)),
             init("ln_s", 1 + 0.1 * rng.standard_normal(c)), init("ln_b", 0.1 * rng.standard_normal(c)),
             init("w1", f32(rng, c, 4 * c, scale=1 / np.sqrt(c))), init("b1", f32(rng, 4 * c, scale=0.1)),
             init("w2", f32(rng, 4 * c, c, scale=1 / np.sqrt(4 * c))), init("b2", f32(rng, c, scale=0.1)),
             init("gamma", (0.5 + 0.1 * rng.standard_normal(c)).reshape(c, 1, 1)),
             init("sqrt2", np.sqrt(2.0)), init("one", 1.0), init("half", 0.5)]
    nodes = [h.make_node("Conv", ["x0", "dw", "dwb"], ["d0"], kernel_shape=[7, 7], pads=[3, 3, 3, 3], group=c),
             h.make_node("Transpose", ["d0"], ["t0"], perm=[0, 2, 3, 1]),
             h.make_node("LayerNormalization", ["t0", "ln_s", "ln_b"], ["ln"], axis=-1, epsilon=1e-6),
             h.make_node("MatMul", ["ln", "w1"], ["m1"]), h.make_node("Add", ["m1", "b1"], ["a1"]),
             h.make_node("Div", ["a1", "sqrt2"], ["d"]), h.make_node("Erf", ["d"], ["e"]),
             h.make_node("Add", ["e", "one"], ["e1"]), h.make_node("Mul", ["a1", "e1"], ["p"]),
             h.make_node("Mul", ["p", "half"], ["g"]),
             h.make_node("MatMul", ["g", "w2"], ["m2"]), h.make_node("Add", ["m2", "b2"], ["a2"]),
             h.make_node("Transpose", ["a2"], ["t1"], perm=[0, 3, 1, 2]),
             h.make_node("Mul", ["gamma", "t1"], ["s"]), h.make_node("Add", ["s", "x0"], ["y0"])]
    return nodes, inits, {"x0": f32(rng, BATCH, c, 6, 6, scale=1.0)}


@case("convnext_stem", 17, "ConvNeXt's stem: Conv 3->16 k4 s4, LayerNormalization over the channels of [C, H, W] (axis 1 of a [N, C, 1, 1]-wide... here [N, 16, 5, 5] normalised from axis 1)")
def _(rng):
    inits = [init("w", f32(rng, 16, 3, 4, 4, scale=0.2)), init("b", f32(rng, 16, scale=0.1)),
             init("s", 1 + 0.1 * rng.standard_normal((16, 5, 5))), init("bb", 0.1 * rng.standard_normal((16, 5, 5)))]
    nodes = [h.make_node("Conv", ["x0", "w", "b"], ["c"], kernel_shape=[4, 4], strides=[4, 4]),
             h.make_node("LayerNormalization", ["c", "s", "bb"], ["y0"], axis=1, epsilon=1e-6)]
    return nodes, inits, {"x0": f32(rng, BATCH, 3, 20, 20)}


@case("convnext_layernorm2d_exported", 17, "ConvNeXt's LayerNorm2d as torchvision exports it: Conv 3->16 k4 s4, Transpose to channels-last, LayerNormalization(axis=-1), Transpose back (folded into one layer norm over the channels)")
def _(rng):
    inits = [init("w", f32(rng, 16, 3, 4, 4, scale=0.2)), init("b", f32(rng, 16, scale=0.1)),
             init("s", 1 + 0.1 * rng.standard_normal(16)), init("bb", 0.1 * rng.standard_normal(16))]
    nodes = [h.make_node("Conv", ["x0", "w", "b"], ["c"], kernel_shape=[4, 4], strides=[4, 4]),
             h.make_node("Transpose", ["c"], ["t"], perm=[0, 2, 3, 1]),
             h.make_node("LayerNormalization", ["t", "s", "bb"], ["n"], axis=-1, epsilon=1e-6),
             h.make_node("Transpose", ["n"], ["y0"], perm=[0, 3, 1, 2])]
    return nodes, inits, {"x0": f32(rng, BATCH, 3, 24, 20)}


# ----------------------------------------------------------------------------
# Refused
# ----------------------------------------------------------------------------

@negative("neg_reduce_batch", 18, "ReduceSum over the batch axis", "(ReduceSum): unsupported reduction over the batch axis 0")
def _():
    return [h.make_node("ReduceSum", ["x0", "axes"], ["y0"], name="r")], [init("axes", [0, 1], np.int64)], [("x0", (1, 3, 4))]


@negative("neg_reduce_all", 18, "ReduceMean without axes (every axis, the batch too)", "(ReduceMean): unsupported reduction over every axis, the batch axis 0 included")
def _():
    return [h.make_node("ReduceMean", ["x0"], ["y0"], name="r")], [], [("x0", (1, 3, 4))]


@negative("neg_reduce_axis_range", 13, "ReduceMax over axis 4 of a rank-4 tensor", "(ReduceMax): expected axes in -4..<4, got 4")
def _():
    return [h.make_node("ReduceMax", ["x0"], ["y0"], name="r", axes=[4])], [], [("x0", (1, 3, 4, 5))]


@negative("neg_reduce_axes_attribute_18", 18, "ReduceL2 with an axes attribute in opset 18", "(ReduceL2): unsupported attribute axes in opset 18 (from opset 18 the axes are input 1)")
def _():
    return [h.make_node("ReduceL2", ["x0"], ["y0"], name="r", axes=[1])], [], [("x0", (1, 3, 4, 5))]


@negative("neg_layernorm_batch", 17, "LayerNormalization from axis 0", "(LayerNormalization): unsupported axis 0 (a layer norm across the batch)")
def _():
    return [h.make_node("LayerNormalization", ["x0", "s"], ["y0"], name="ln", axis=0)], [init("s", np.ones((1, 3, 4)))], [("x0", (1, 3, 4))]


@negative("neg_layernorm_scale", 17, "LayerNormalization with a Scale that does not broadcast", "(LayerNormalization): expected Scale of shape [4] (or one that broadcasts to it), got [3]")
def _():
    return [h.make_node("LayerNormalization", ["x0", "s"], ["y0"], name="ln", axis=-1)], [init("s", np.ones(3))], [("x0", (1, 3, 4))]


@negative("neg_groupnorm_groups", 21, "GroupNormalization with 4 groups of 6 channels", "(GroupNormalization): expected num_groups dividing the 6 channels, got 4")
def _():
    return ([h.make_node("GroupNormalization", ["x0", "s", "b"], ["y0"], name="gn", num_groups=4)],
            [init("s", np.ones(6)), init("b", np.zeros(6))], [("x0", (1, 6, 4))])


@negative("neg_groupnorm_18_per_channel", 18, "GroupNormalization opset 18 with per-channel scale", "(GroupNormalization): expected scale of shape [num_groups] = [2] in opset 18 (per channel [C] from opset 21), got [6]")
def _():
    return ([h.make_node("GroupNormalization", ["x0", "s", "b"], ["y0"], name="gn", num_groups=2)],
            [init("s", np.ones(6)), init("b", np.zeros(6))], [("x0", (1, 6, 4))])


@negative("neg_matmul_k_mismatch", 13, "MatMul [N, 3, 4] by [5, 2]", "(MatMul): expected A [N, ..., 5] to match B [5, 2], got [N, 3, 4]")
def _():
    return [h.make_node("MatMul", ["x0", "w"], ["y0"], name="mm")], [init("w", np.ones((5, 2)))], [("x0", (1, 3, 4))]


@negative("neg_logsoftmax_batch", 13, "LogSoftmax on axis 0", "(LogSoftmax): unsupported axis 0 (a log-softmax across the batch)")
def _():
    return [h.make_node("LogSoftmax", ["x0"], ["y0"], name="ls", axis=0)], [], [("x0", (1, 3, 4))]


@negative("neg_softmax_coerced", 11, "Softmax opset 11 on axis 1 of [N, 3, 4] (the coerced 2-D form over two axes)", "(Softmax): unsupported axis 1 in opset 11: the softmax runs over the flattened dimensions [3, 4]")
def _():
    return [h.make_node("Softmax", ["x0"], ["y0"], name="sm", axis=1)], [], [("x0", (1, 3, 4))]


if __name__ == "__main__":
    sys.exit(main(__doc__, DEFAULT_OUT))
