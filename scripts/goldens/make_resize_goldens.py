#!/usr/bin/env python3
"""Write the pad, resize and pooling-variant golden cases into Tests/Goldens/onnx-resize/.

Tiny ONNX models built with onnx.helper: Resize in every mode (nearest with each nearest_mode,
linear, cubic with cubic_coeff_a and exclude_outside) and every coordinate_transformation_mode,
upsampling and downsampling by non-integer scales, to explicit sizes (with each
keep_aspect_ratio_policy), antialias 1 when downsampling (checked against the onnx reference
implementation as well), on 1-D, 2-D and 3-D inputs, with `axes`, tf_crop_and_resize with a
roi and an extrapolation value, and the torchvision segmentation-head shapes (bilinear to an
explicit size, a 1x1 pooling branch resized to HxW); Pad in constant, reflect, edge and wrap
modes on spatial and channel axes, negative pads (crops), `axes`; MaxPool with dilations (1-D
to 3-D, ceil_mode, pads), AveragePool with dilations (opset 19) and count_include_pad, LpPool and
GlobalLpPool. The inputs and the outputs of **ONNX Runtime** with every graph optimisation
disabled (never cnnc's). Negative cases hold a model cnnc must refuse and a substring of its error.

Same layout as Tests/Goldens/onnx-elementwise (read by the same Swift harness):

    Tests/Goldens/onnx-resize/manifest.json
        [{"case", "opset", "atol", "rtol", "what", ["error"]}, ...]
    Tests/Goldens/onnx-resize/<case>/model.onnx
    Tests/Goldens/onnx-resize/<case>/input0.npy     float32 [N, ...]
    Tests/Goldens/onnx-resize/<case>/output0.npy    float32

Deterministic (seed = crc32 of the case name, one thread); the folder is rewritten from
scratch. Needs only onnx, onnxruntime and numpy; tested with onnx 1.23, onnxruntime 1.32,
numpy 2.4.

Usage:  python3 scripts/goldens/make_resize_goldens.py [--out DIR]
"""
import os
import sys

import numpy as np
import onnx
from onnx import TensorProto as T
from onnx import helper as h
from onnx import numpy_helper as nph

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))  # scripts/: the cnnc_tools package
from cnnc_tools.onnx_kit import REPO, ATOL, RTOL, BATCH, CASES, NEGATIVE, case, negative, f32, model, ort_run, save_npy, main  # noqa: E402

DEFAULT_OUT = os.path.join(REPO, "Tests", "Goldens", "onnx-resize")


def with_nans(x):
    x = x.copy()
    x.flat[0] = np.nan
    x.flat[x.size // 2 + 1] = np.nan
    return x


def floats(name, values):
    return nph.from_array(np.asarray(values, dtype=np.float32), name)


def int64s(name, values):
    return nph.from_array(np.asarray(values, dtype=np.int64), name)


def resize(x_shape, scales=None, sizes=None, roi=None, nan=False, **attrs):
    """One Resize on an input of x_shape (batch first) by scales or sizes."""
    def make(rng):
        # An empty roi when there is none (opset 11 and 12 require the input).
        inits, inputs = [floats("roi", roi if roi is not None else [])], ["x0", "roi", "", ""]
        nodes = []
        if scales is not None:
            inits.append(floats("scales", scales))
            inputs[2] = "scales"
        elif "axes" in attrs:
            inits.append(int64s("sizes", sizes))
            inputs[3] = "sizes"
        else:
            nodes, inits = sizes_like_pytorch(sizes, x_shape, inits)
            inputs[3] = "sizes"
        while inputs[-1] == "":
            inputs.pop()
        x = f32(rng, *x_shape)
        return nodes + [h.make_node("Resize", inputs, ["y0"], **attrs)], inits, {"x0": with_nans(x) if nan else x}
    return make


def sizes_like_pytorch(sizes, x_shape, inits, source="x0"):
    """`sizes` as torch.onnx.export computes it: the leading sizes of the input (the batch
    and, when kept, the channels) from Shape and Slice, concatenated with the constant rest."""
    keep = 2 if sizes[1] == x_shape[1] else 1
    nodes = [h.make_node("Shape", [source], ["shape"]),
             h.make_node("Slice", ["shape", "lead_start", "lead_end"], ["lead"]),
             h.make_node("Concat", ["lead", "rest"], ["sizes"], axis=0)]
    return nodes, inits + [int64s("lead_start", [0]), int64s("lead_end", [keep]), int64s("rest", sizes[keep:])]


def scale_name(v):
    return f"{v:g}".replace(".", "p")


# ----------------------------------------------------------------------------
# Resize: every mode x coordinate mode, up and down by non-integer scales
# ----------------------------------------------------------------------------

# (mode, opset): tf_half_pixel_for_nn exists only in opset 11 and 12, half_pixel_symmetric from 19.
COORDINATES = [("half_pixel", 13), ("half_pixel_symmetric", 19), ("pytorch_half_pixel", 13), ("align_corners", 13), ("asymmetric", 13), ("tf_half_pixel_for_nn", 11)]
# Scales without exact ties at the rounding of nearest (ties: the nearest_mode cases below).
UP, DOWN = [1, 1, 1.7, 2.3], [1, 1, 0.65, 0.45]

for _coord, _opset in COORDINATES:
    for _dir, _scales in (("up", UP), ("down", DOWN)):
        case(f"nearest_{_coord}_{_dir}", _opset, f"Resize nearest round_prefer_floor, {_coord}, scales {_scales} on [N, 3, 7, 9]")(
            resize((BATCH, 3, 7, 9), scales=_scales, mode="nearest", coordinate_transformation_mode=_coord))
        if _coord != "tf_half_pixel_for_nn":
            case(f"linear_{_coord}_{_dir}", _opset, f"Resize linear, {_coord}, scales {_scales} on [N, 3, 7, 9]")(
                resize((BATCH, 3, 7, 9), scales=_scales, mode="linear", coordinate_transformation_mode=_coord))
            case(f"cubic_{_coord}_{_dir}", _opset, f"Resize cubic a=-0.75, {_coord}, scales {_scales} on [N, 3, 7, 9]")(
                resize((BATCH, 3, 7, 9), scales=_scales, mode="cubic", coordinate_transformation_mode=_coord))

for _rounding in ["round_prefer_floor", "round_prefer_ceil", "floor", "ceil"]:
    for _dir, _scales in (("up", [1, 1, 2.5, 1.5]), ("down", [1, 1, 0.5, 0.75])):
        case(f"nearest_{_rounding}_{_dir}", 19, f"Resize nearest {_rounding}, half_pixel, scales {_scales} (ties) on [N, 2, 6, 8]")(
            resize((BATCH, 2, 6, 8), scales=_scales, mode="nearest", nearest_mode=_rounding))
    case(f"nearest_{_rounding}_asymmetric", 13, f"Resize nearest {_rounding}, asymmetric, scales 1.5 x 0.75 on [N, 2, 6, 8]")(
        resize((BATCH, 2, 6, 8), scales=[1, 1, 1.5, 0.75], mode="nearest", nearest_mode=_rounding, coordinate_transformation_mode="asymmetric"))

for _a, _exclude in ((-0.5, 0), (-0.75, 1), (-0.5, 1)):
    for _dir, _scales in (("up", UP), ("down", DOWN)):
        case(f"cubic_a{scale_name(-_a)}_exclude{_exclude}_{_dir}", 13, f"Resize cubic a={_a} exclude_outside={_exclude}, half_pixel, scales {_scales}")(
            resize((BATCH, 3, 7, 9), scales=_scales, mode="cubic", cubic_coeff_a=_a, exclude_outside=_exclude))

# tf_crop_and_resize: a region of the input, with cells outside the input extrapolated.
for _mode in ["nearest", "linear", "cubic"]:
    case(f"{_mode}_tf_crop_and_resize", 13, f"Resize {_mode} tf_crop_and_resize, roi inside, sizes [5, 7]")(
        resize((BATCH, 2, 8, 10), sizes=[BATCH, 2, 5, 7], roi=[0, 0, 0.2, 0.1, 1, 1, 0.8, 0.7], mode=_mode, coordinate_transformation_mode="tf_crop_and_resize"))
    case(f"{_mode}_tf_crop_and_resize_extrapolate", 13, f"Resize {_mode} tf_crop_and_resize, roi past the input, extrapolation_value 7.5")(
        resize((BATCH, 2, 6, 6), sizes=[BATCH, 2, 5, 4], roi=[0, 0, -0.3, 0.4, 1, 1, 1.2, 1.3], mode=_mode,
               coordinate_transformation_mode="tf_crop_and_resize", extrapolation_value=7.5))

# Ranks: 1-D (linear on [N, C, L]), 3-D (trilinear and nearest on [N, C, D, H, W]), odd sizes.
case("linear_1d_up", 13, "Resize linear on [N, 3, 11], scale 1.6")(resize((BATCH, 3, 11), scales=[1, 1, 1.6], mode="linear"))
case("nearest_1d_down", 13, "Resize nearest on [N, 3, 11], scale 0.55")(resize((BATCH, 3, 11), scales=[1, 1, 0.55], mode="nearest"))
case("linear_3d_trilinear", 13, "Resize linear (trilinear) on [N, 2, 3, 5, 7] to [4, 8, 5]")(
    resize((BATCH, 2, 3, 5, 7), sizes=[BATCH, 2, 4, 8, 5], mode="linear"))
case("linear_3d_align_corners", 13, "Resize linear align_corners on [N, 2, 3, 5, 7], scales 2, 1.4, 0.7")(
    resize((BATCH, 2, 3, 5, 7), scales=[1, 1, 2, 1.4, 0.7], mode="linear", coordinate_transformation_mode="align_corners"))
case("nearest_3d", 13, "Resize nearest on [N, 2, 3, 5, 7], scales 1.5, 0.6, 2")(
    resize((BATCH, 2, 3, 5, 7), scales=[1, 1, 1.5, 0.6, 2], mode="nearest"))
case("nearest_channels", 13, "Resize nearest of the channel axis too, [N, 4, 5, 6] to [6, 3, 6]")(
    resize((BATCH, 4, 5, 6), sizes=[BATCH, 6, 3, 6], mode="nearest"))
case("linear_odd_sizes", 13, "Resize linear half_pixel, [N, 3, 13, 17] to [5, 31]")(
    resize((BATCH, 3, 13, 17), sizes=[BATCH, 3, 5, 31], mode="linear"))

# Sizes with keep_aspect_ratio_policy and axes (opset 18).
for _policy in ["not_larger", "not_smaller"]:
    case(f"linear_keep_aspect_{_policy}", 18, f"Resize linear, sizes [10, 10] on axes [2, 3] with keep_aspect_ratio_policy {_policy} on [N, 2, 6, 9]")(
        resize((BATCH, 2, 6, 9), sizes=[10, 10], axes=[2, 3], mode="linear", keep_aspect_ratio_policy=_policy))
case("linear_axes_scales", 18, "Resize linear, scales [1.5] on axes [-1] of [N, 2, 5, 6]")(
    resize((BATCH, 2, 5, 6), scales=[1.5], axes=[-1], mode="linear"))
case("linear_antialias_up", 18, "Resize linear with antialias 1 when upsampling (no effect), scales 1.5 x 2.2")(
    resize((BATCH, 2, 5, 6), scales=[1, 1, 1.5, 2.2], mode="linear", antialias=1))

# antialias 1 when downsampling (opset 18): the filter stretched by 1 / scale, weights renormalised.
# ONNX Runtime's outputs, checked against the onnx reference implementation (`antialias_post`).
ANTIALIAS = []
for _name, _what, _shape, _kw in [
    ("linear_antialias_down", "scales 0.6 x 0.45 on [N, 2, 9, 11]", (BATCH, 2, 9, 11), dict(scales=[1, 1, 0.6, 0.45], mode="linear")),
    ("cubic_antialias_down", "scales 0.6 x 0.45 on [N, 2, 9, 11]", (BATCH, 2, 9, 11), dict(scales=[1, 1, 0.6, 0.45], mode="cubic")),
    ("linear_antialias_sizes", "to sizes [4, 3] from [N, 3, 13, 10]", (BATCH, 3, 13, 10), dict(sizes=[BATCH, 3, 4, 3], mode="linear")),
    ("cubic_antialias_wide", "scale 0.2 on W of [N, 2, 5, 23] (20 taps a cell: a loop over the taps)", (BATCH, 2, 5, 23), dict(scales=[1, 1, 1, 0.2], mode="cubic")),
    ("cubic_antialias_exclude_outside", "exclude_outside, cubic_coeff_a -0.5, scales 0.7 x 0.5 on [N, 2, 8, 10]", (BATCH, 2, 8, 10),
     dict(scales=[1, 1, 0.7, 0.5], mode="cubic", exclude_outside=1, cubic_coeff_a=-0.5)),
    ("linear_antialias_mixed", "scales 0.4 down and 1.6 up on [N, 2, 10, 5]", (BATCH, 2, 10, 5), dict(scales=[1, 1, 0.4, 1.6], mode="linear")),
    ("linear_antialias_align_corners", "align_corners, scales 0.5 x 0.5 on [N, 2, 8, 8]", (BATCH, 2, 8, 8),
     dict(scales=[1, 1, 0.5, 0.5], mode="linear", coordinate_transformation_mode="align_corners")),
    ("linear_antialias_1d", "scale 0.3 on [N, 3, 20]", (BATCH, 3, 20), dict(scales=[1, 1, 0.3], mode="linear")),
    ("linear_antialias_3d", "scales 0.5, 0.7, 0.4 on [N, 2, 6, 7, 10]", (BATCH, 2, 6, 7, 10), dict(scales=[1, 1, 0.5, 0.7, 0.4], mode="linear")),
]:
    ANTIALIAS.append(_name)
    case(_name, 18, f"Resize {_kw['mode']} with antialias 1, {_what}")(resize(_shape, antialias=1, **_kw))


def antialias_post(name, m, feeds, outs):
    """The antialias cases: ONNX Runtime's outputs, which must agree with the onnx reference implementation's."""
    if name in ANTIALIAS:
        from onnx.reference import ReferenceEvaluator
        ref = ReferenceEvaluator(m).run(None, feeds)
        for o, r in zip(outs, ref):
            if not np.allclose(o, r, atol=ATOL, rtol=RTOL):
                raise SystemExit(f"error: {name}: ONNX Runtime and the onnx reference differ by up to {np.abs(o - r).max()}")
    return outs

# NaN: nearest copies it where its source is picked.
case("nearest_nan", 13, "Resize nearest, scales 1.5 x 0.8 with two NaN inputs")(
    resize((BATCH, 2, 6, 8), scales=[1, 1, 1.5, 0.8], mode="nearest", nan=True))
case("linear_nan", 13, "Resize linear, scales 1.7 with two NaN inputs (every output reading one is NaN)")(
    resize((BATCH, 2, 6, 8), scales=[1, 1, 1.7, 1.7], mode="linear", nan=True))

# The integer fast path still holds (upsample2d).
case("nearest_integer_fast", 13, "Resize nearest asymmetric floor x2 x3 (the upsample2d path)")(
    resize((BATCH, 3, 5, 4), scales=[1, 1, 2, 3], mode="nearest", coordinate_transformation_mode="asymmetric", nearest_mode="floor"))


# Segmentation heads as torchvision exports them (opset 17): bilinear align_corners=False to an explicit size.
@case("seg_head_bilinear_to_size", 17, "FCN/DeepLabV3 head: Conv 8->5 k1 on [N, 8, 7, 9], Resize linear pytorch_half_pixel to the input's 57 x 71")
def _(rng):
    w, b = f32(rng, 5, 8, 1, 1, scale=0.3), f32(rng, 5, scale=0.1)
    sizing, inits = sizes_like_pytorch([BATCH, 5, 57, 71], (BATCH, 5), [floats("w", w), floats("b", b)], source="c")
    nodes = [h.make_node("Conv", ["x0", "w", "b"], ["c"])] + sizing + [
        h.make_node("Resize", ["c", "", "", "sizes"], ["y0"], mode="linear", coordinate_transformation_mode="pytorch_half_pixel")]
    return nodes, inits, {"x0": f32(rng, BATCH, 8, 7, 9)}


@case("seg_aspp_pooling", 17, "ASPP pooling branch: GlobalAveragePool, Conv 1x1, Relu, Resize bilinear 1x1 to 9 x 11, Concat with the input")
def _(rng):
    w = f32(rng, 4, 6, 1, 1, scale=0.3)
    sizing, inits = sizes_like_pytorch([BATCH, 4, 9, 11], (BATCH, 4), [floats("w", w)], source="r")
    nodes = [h.make_node("GlobalAveragePool", ["x0"], ["g"]),
             h.make_node("Conv", ["g", "w"], ["c"]),
             h.make_node("Relu", ["c"], ["r"])] + sizing + [
             h.make_node("Resize", ["r", "", "", "sizes"], ["u"], mode="linear", coordinate_transformation_mode="pytorch_half_pixel"),
             h.make_node("Concat", ["x0", "u"], ["y0"], axis=1)]
    return nodes, inits, {"x0": f32(rng, BATCH, 6, 9, 11)}


# ----------------------------------------------------------------------------
# Pad
# ----------------------------------------------------------------------------

def pad(x_shape, pads, mode="constant", value=None, axes=None, nan=False):
    def make(rng):
        inits = [int64s("pads", pads)]
        inputs = ["x0", "pads"]
        if value is not None:
            inits.append(floats("value", value))
            inputs.append("value")
        if axes is not None:
            inputs += [""] * (3 - len(inputs)) + ["axes"]
            inits.append(int64s("axes", axes))
        x = f32(rng, *x_shape)
        return [h.make_node("Pad", inputs, ["y0"], mode=mode)], inits, {"x0": with_nans(x) if nan else x}
    return make


for _mode in ["constant", "reflect", "edge", "wrap"]:
    _opset = 19 if _mode == "wrap" else 13
    case(f"pad_{_mode}_spatial", _opset, f"Pad {_mode} of H and W, pads begin [1, 2] end [3, 1], on [N, 3, 5, 6]")(
        pad((BATCH, 3, 5, 6), [0, 0, 1, 2, 0, 0, 3, 1], _mode, value=1.5 if _mode == "constant" else None))
    case(f"pad_{_mode}_channels", _opset, f"Pad {_mode} of the channels and W, on [N, 4, 3, 5]")(
        pad((BATCH, 4, 3, 5), [0, 2, 0, 1, 0, 1, 0, 2], _mode))
    case(f"pad_{_mode}_crop", _opset, f"Pad {_mode} with negative pads (crop) and padding, on [N, 3, 6, 7]")(
        pad((BATCH, 3, 6, 7), [0, 0, -2, 2, 0, 0, 1, -3], _mode))
    case(f"pad_{_mode}_1d", _opset, f"Pad {_mode} of L, on [N, 3, 8]")(pad((BATCH, 3, 8), [0, 0, 3, 0, 0, 2], _mode))
    case(f"pad_{_mode}_3d", _opset, f"Pad {_mode} of D, H, W, on [N, 2, 3, 4, 5]")(
        pad((BATCH, 2, 3, 4, 5), [0, 0, 1, 2, 0, 0, 0, 2, 1, 3], _mode))
case("pad_constant_flat", 13, "Pad constant of a flat [N, 10] tensor, value -2")(pad((BATCH, 10), [0, 3, 0, 2], value=-2.0))
case("pad_reflect_axes", 18, "Pad reflect with axes [-1, 2] on [N, 3, 5, 6]")(pad((BATCH, 3, 5, 6), [2, 1, 3, 2], "reflect", axes=[-1, 2]))
case("pad_edge_nan", 13, "Pad edge with two NaN inputs")(pad((BATCH, 2, 4, 5), [0, 0, 2, 2, 0, 0, 2, 2], "edge", nan=True))
case("pad_wrap_large", 19, "Pad wrap by more than the axis (3 + 5 on a width of 4)")(pad((BATCH, 2, 3, 4), [0, 0, 0, 3, 0, 0, 0, 5], "wrap"))


@case("pad_then_conv", 13, "Pad reflect 1, then Conv 3->4 k3 (the ResNet-style reflection pad of style nets)")
def _(rng):
    w = f32(rng, 4, 3, 3, 3, scale=0.3)
    nodes = [h.make_node("Pad", ["x0", "pads"], ["p"], mode="reflect"), h.make_node("Conv", ["p", "w"], ["y0"])]
    return nodes, [int64s("pads", [0, 0, 1, 1, 0, 0, 1, 1]), floats("w", w)], {"x0": f32(rng, BATCH, 3, 8, 9)}


# ----------------------------------------------------------------------------
# Pools: dilations, LpPool
# ----------------------------------------------------------------------------

def pool(op, x_shape, nan=False, **attrs):
    def make(rng):
        x = f32(rng, *x_shape)
        return [h.make_node(op, ["x0"], ["y0"], **attrs)], [], {"x0": with_nans(x) if nan else x}
    return make


case("maxpool_dilated_1d", 13, "MaxPool k3 dilation 2 stride 1 on [N, 3, 12]")(pool("MaxPool", (BATCH, 3, 12), kernel_shape=[3], dilations=[2]))
case("maxpool_dilated_2d", 13, "MaxPool k3 dilation 2 stride 2 pads 2 on [N, 3, 11, 10]")(
    pool("MaxPool", (BATCH, 3, 11, 10), kernel_shape=[3, 3], dilations=[2, 2], strides=[2, 2], pads=[2, 2, 2, 2]))
case("maxpool_dilated_2d_ceil", 13, "MaxPool k2x3 dilation 3x2 stride 2 ceil_mode on [N, 2, 10, 11]")(
    pool("MaxPool", (BATCH, 2, 10, 11), kernel_shape=[2, 3], dilations=[3, 2], strides=[2, 2], ceil_mode=1))
case("maxpool_dilated_3d", 13, "MaxPool k2 dilation 2 pads 1 on [N, 2, 6, 7, 8]")(
    pool("MaxPool", (BATCH, 2, 6, 7, 8), kernel_shape=[2, 2, 2], dilations=[2, 2, 2], pads=[1, 1, 1, 1, 1, 1]))
case("maxpool_dilated_nan", 13, "MaxPool k3 dilation 2 with two NaN inputs")(
    pool("MaxPool", (BATCH, 2, 8, 8), nan=True, kernel_shape=[3, 3], dilations=[2, 2]))
case("avgpool_dilated", 19, "AveragePool k3 dilation 2 stride 2 pads 1 (opset 19) on [N, 3, 11, 10]")(
    pool("AveragePool", (BATCH, 3, 11, 10), kernel_shape=[3, 3], dilations=[2, 2], strides=[2, 2], pads=[1, 1, 1, 1]))
case("avgpool_dilated_include_pad", 19, "AveragePool k3 dilation 2 pads 2 count_include_pad (opset 19)")(
    pool("AveragePool", (BATCH, 3, 9, 10), kernel_shape=[3, 3], dilations=[2, 2], pads=[2, 2, 2, 2], count_include_pad=1))
case("avgpool_ceil_include_pad", 13, "AveragePool k3 stride 2 pads 1 ceil_mode count_include_pad")(
    pool("AveragePool", (BATCH, 3, 10, 9), kernel_shape=[3, 3], strides=[2, 2], pads=[1, 1, 1, 1], ceil_mode=1, count_include_pad=1))
case("lppool_p2_2d", 13, "LpPool p=2 k3 stride 2 pads 1 on [N, 3, 9, 10]")(
    pool("LpPool", (BATCH, 3, 9, 10), kernel_shape=[3, 3], strides=[2, 2], pads=[1, 1, 1, 1], p=2))
case("lppool_p1_1d", 13, "LpPool p=1 k4 stride 3 on [N, 3, 14]")(pool("LpPool", (BATCH, 3, 14), kernel_shape=[4], strides=[3], p=1))
case("lppool_p3_3d", 13, "LpPool p=3 k2 on [N, 2, 4, 5, 6]")(pool("LpPool", (BATCH, 2, 4, 5, 6), kernel_shape=[2, 2, 2], p=3))
case("lppool_dilated_ceil", 18, "LpPool p=2 k2 dilation 2 stride 2 ceil_mode (opset 18) on [N, 2, 9, 8]")(
    pool("LpPool", (BATCH, 2, 9, 8), kernel_shape=[2, 2], dilations=[2, 2], strides=[2, 2], ceil_mode=1, p=2))
case("global_lppool_p2", 13, "GlobalLpPool p=2 on [N, 4, 5, 6]")(pool("GlobalLpPool", (BATCH, 4, 5, 6), p=2))
case("global_lppool_p3", 13, "GlobalLpPool p=3 on [N, 3, 7]")(pool("GlobalLpPool", (BATCH, 3, 7), p=3))


# ----------------------------------------------------------------------------
# Refused: a clear error
# ----------------------------------------------------------------------------

def neg_resize(inits, x_shape=(1, 2, 6, 6), inputs=("x0", "", "scales"), **attrs):
    return lambda: ([h.make_node("Resize", list(inputs), ["y0"], **attrs)], inits, [("x0", x_shape)])


negative("antialias_bad_value", 18, "Resize linear with antialias 2", "expected antialias 0 or 1, got 2")(
    neg_resize([floats("scales", [1, 1, 0.5, 0.5])], mode="linear", antialias=2))
negative("antialias_too_wide", 18, "Resize cubic with antialias and a filter over 4096 taps wide", "unsupported antialiased resize with scale")(
    neg_resize([floats("scales", [1, 1, 1, 0.0004])], x_shape=(1, 1, 2, 5000), mode="cubic", antialias=1))
negative("batch_scale", 13, "Resize of the batch axis", "unsupported scale 2.0 of the batch axis")(
    neg_resize([floats("scales", [2, 1, 1, 1])], mode="nearest"))
negative("crop_without_roi", 13, "tf_crop_and_resize without a roi", "expected a roi (input 1) for coordinate_transformation_mode tf_crop_and_resize")(
    neg_resize([floats("scales", [1, 1, 2, 2])], mode="linear", coordinate_transformation_mode="tf_crop_and_resize"))
negative("resize_bad_mode", 13, "Resize with an unknown mode", "unsupported mode \"area\" (supported: nearest, linear, cubic)")(
    neg_resize([floats("scales", [1, 1, 2, 2])], mode="area"))
negative("resize_no_scales", 13, "Resize with neither scales nor sizes", "expected scales (input 2) or sizes (input 3), got neither")(
    neg_resize([], inputs=("x0",), mode="nearest"))
negative("pad_reflect_too_large", 13, "Pad reflect by as much as the axis", "expected reflect padding smaller than the axis (4 cells on axis 2 of [2, 3, 4])")(
    lambda: ([h.make_node("Pad", ["x0", "pads"], ["y0"], mode="reflect")], [int64s("pads", [0, 0, 0, 4, 0, 0, 0, 0])], [("x0", (1, 2, 3, 4))]))
negative("pad_crop_everything", 13, "Pad cropping a whole axis", "expected cropping that keeps at least one cell of axis 1 of [2, 3, 4]")(
    lambda: ([h.make_node("Pad", ["x0", "pads"], ["y0"])], [int64s("pads", [0, 0, -2, 0, 0, 0, -1, 0])], [("x0", (1, 2, 3, 4))]))
negative("pad_batch", 13, "Pad of the batch axis", "unsupported padding of the batch axis")(
    lambda: ([h.make_node("Pad", ["x0", "pads"], ["y0"])], [int64s("pads", [1, 0, 0, 0, 0, 0, 0, 0])], [("x0", (1, 2, 3, 4))]))
negative("lppool_p0", 13, "LpPool with p 0", "expected p from 1 to 64, got 0")(
    lambda: ([h.make_node("LpPool", ["x0"], ["y0"], kernel_shape=[2, 2], p=0)], [], [("x0", (1, 2, 4, 4))]))


if __name__ == "__main__":
    sys.exit(main(__doc__, DEFAULT_OUT, post=antialias_post))
