#!/usr/bin/env python3
"""Write the data movement golden cases into Tests/Goldens/onnx-movement/.

Tiny ONNX models built with onnx.helper for the ops that only move data, on tensors computed
at run time: Reshape (0 and -1, per-sample ranks 1 to 5), Flatten, Squeeze, Unsqueeze,
Transpose (per-sample ranks 2 to 5, tile edges, a large one), Slice (negative indices and
steps, clamping, a step on the innermost axis, the whole batch), Split (attribute, input,
opset 18's num_outputs with an uneven last chunk, equal parts), DepthToSpace (DCR, CRD),
SpaceToDepth, ShuffleNet's channel shuffle between two convs, and ShuffleNetV2's whole units
(split, branch, concat, shuffle; a stride-2 unit with both branches), plus the inputs and
the outputs of **ONNX Runtime** with every graph optimisation disabled (never cnnc's).
Negative cases hold a model cnnc must refuse and a substring of its error.

Same layout as Tests/Goldens/onnx (read by the same Swift harness):

    Tests/Goldens/onnx-movement/manifest.json
        [{"case", "opset", "atol", "rtol", "what", ["error"]}, ...]
    Tests/Goldens/onnx-movement/<case>/model.onnx
    Tests/Goldens/onnx-movement/<case>/input0.npy ...   float32 [N, ...]
    Tests/Goldens/onnx-movement/<case>/output0.npy ...  float32

Deterministic (seed = crc32 of the case name, one thread); the folder is rewritten from
scratch. Needs only onnx, onnxruntime and numpy (pip install onnx onnxruntime numpy);
tested with onnx 1.23, onnxruntime 1.32, numpy 2.4.

Usage:  python3 scripts/goldens/make_movement_goldens.py [--out DIR]
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

DEFAULT_OUT = os.path.join(REPO, "Tests", "Goldens", "onnx-movement")
BIG = 2**63 - 1


def init(name, array):
    return nph.from_array(np.asarray(array, dtype=np.float32), name)


def ints(name, values):
    return nph.from_array(np.asarray(values, dtype=np.int64), name)


def one(node_list, inits, x):
    return node_list, inits, {"x0": x}, ["y0"]


# ----------------------------------------------------------------------------
# Reshape, Flatten, Squeeze, Unsqueeze
# ----------------------------------------------------------------------------

@case("reshape_0_and_minus1", 13, "Reshape [N,4,6,5] to [0, 12, -1] (0 copies the batch, -1 infers 10)")
def _(rng):
    return one([h.make_node("Reshape", ["x0", "s"], ["y0"])], [ints("s", [0, 12, -1])], f32(rng, BATCH, 4, 6, 5))


@case("reshape_copy_inner_dim", 14, "Reshape [N,3,4,5] to [0, 0, -1] with allowzero=0 (0 copies a per-sample size)")
def _(rng):
    return one([h.make_node("Reshape", ["x0", "s"], ["y0"], allowzero=0)], [ints("s", [0, 0, -1])], f32(rng, BATCH, 3, 4, 5))


@case("reshape_to_rank5", 13, "Reshape [N,6,4,5] to [-1, 2, 3, 4, 5] (the batch inferred, per-sample rank 4 to 4, then Relu)")
def _(rng):
    return one([h.make_node("Reshape", ["x0", "s"], ["r"]), h.make_node("Relu", ["r"], ["y0"])],
               [ints("s", [-1, 2, 3, 4, 5])], f32(rng, BATCH, 6, 4, 5))


@case("reshape_rank1_to_rank5", 13, "Reshape [N,120] to [N,1,2,3,4,5] (per-sample rank 1 to 5) then a Transpose")
def _(rng):
    return one([h.make_node("Reshape", ["x0", "s"], ["r"]), h.make_node("Transpose", ["r"], ["y0"], perm=[0, 5, 2, 3, 4, 1])],
               [ints("s", [0, 1, 2, 3, 4, 5])], f32(rng, BATCH, 120))


@case("reshape_from_shape_ops", 13, "Reshape to Concat(Shape(x)[0], [2, 30]): the batch symbolic as exporters write it")
def _(rng):
    nodes = [
        h.make_node("Shape", ["x0"], ["sh"]),
        h.make_node("Gather", ["sh", "zero"], ["n"], axis=0),
        h.make_node("Unsqueeze", ["n", "ax"], ["n1"]),
        h.make_node("Concat", ["n1", "rest"], ["s"], axis=0),
        h.make_node("Reshape", ["x0", "s"], ["y0"]),
    ]
    return one(nodes, [ints("zero", 0), ints("ax", [0]), ints("rest", [2, 30])], f32(rng, BATCH, 3, 4, 5))


@case("squeeze_unsqueeze", 13, "Squeeze axes [2] of [N,3,1,5], then Unsqueeze axes [-1, 1]: [N,1,3,5,1]")
def _(rng):
    nodes = [h.make_node("Squeeze", ["x0", "a"], ["s"]), h.make_node("Unsqueeze", ["s", "b"], ["y0"])]
    return one(nodes, [ints("a", [2]), ints("b", [-1, 1])], f32(rng, BATCH, 3, 1, 5))


@case("squeeze_opset11", 11, "Squeeze with the axes attribute (opset 11), axis -1 of [N,4,3,1]")
def _(rng):
    return one([h.make_node("Squeeze", ["x0"], ["y0"], axes=[-1])], [], f32(rng, BATCH, 4, 3, 1))


# ----------------------------------------------------------------------------
# Transpose
# ----------------------------------------------------------------------------

for _name, _shape, _perm in [
    ("transpose_rank2", (BATCH, 37, 23), [0, 2, 1]),
    ("transpose_rank3_to_nhwc", (BATCH, 5, 6, 7), [0, 2, 3, 1]),
    ("transpose_rank3_from_nhwc", (BATCH, 6, 7, 5), [0, 3, 1, 2]),
    ("transpose_rank3_keeps_inner", (BATCH, 4, 6, 9), [0, 2, 1, 3]),
    ("transpose_rank4", (BATCH, 2, 3, 4, 5), [0, 4, 2, 1, 3]),
    ("transpose_rank5", (BATCH, 2, 3, 2, 4, 3), [0, 5, 3, 1, 4, 2]),
    ("transpose_large_nhwc", (1, 32, 36, 36), [0, 2, 3, 1]),
]:
    @case(_name, 13, f"Transpose {list(_shape[1:])} per sample, perm {_perm}")
    def _(rng, shape=_shape, perm=_perm):
        return one([h.make_node("Transpose", ["x0"], ["y0"], perm=perm)], [], f32(rng, *shape))


@case("transpose_conv_nhwc_input", 13, "An NHWC input: Transpose [0,3,1,2] then Conv 3->4 k3")
def _(rng):
    w, b = f32(rng, 4, 3, 3, 3, scale=0.3), f32(rng, 4, scale=0.1)
    nodes = [h.make_node("Transpose", ["x0"], ["t"], perm=[0, 3, 1, 2]), h.make_node("Conv", ["t", "w", "b"], ["y0"], pads=[1, 1, 1, 1])]
    return one(nodes, [init("w", w), init("b", b)], f32(rng, BATCH, 9, 11, 3))


# ----------------------------------------------------------------------------
# Slice
# ----------------------------------------------------------------------------

def slice_case(name, shape, starts, ends, axes=None, steps=None, opset=13):
    @case(name, opset, f"Slice {list(shape[1:])} per sample: starts {starts}, ends {ends}, axes {axes}, steps {steps}")
    def _(rng):
        inputs = ["x0", "st", "en"] + (["ax"] if axes is not None or steps is not None else []) + (["sp"] if steps is not None else [])
        inits = [ints("st", starts), ints("en", ends)]
        if axes is not None or steps is not None:
            inits.append(ints("ax", axes if axes is not None else list(range(len(starts)))))
        if steps is not None:
            inits.append(ints("sp", steps))
        return one([h.make_node("Slice", inputs, ["y0"])], inits, f32(rng, *shape))


slice_case("slice_two_axes", (BATCH, 6, 8, 10), [1, 2], [5, -1], [1, 3])
slice_case("slice_negative_steps", (BATCH, 6, 8, 10), [-1, 7], [-100, 0], [2, -1], [-1, -2])
slice_case("slice_step_innermost", (BATCH, 4, 5, 20), [1], [BIG], [3], [3])
slice_case("slice_clamped", (BATCH, 4, 5, 6), [-1000, 2], [BIG, 1000], [1, 2])
slice_case("slice_whole_batch", (BATCH, 6, 7), [0, 1], [BIG, 5], [0, 2])
slice_case("slice_rank2_default_axes", (BATCH, 9, 7), [0, 2, 1], [BIG, 8, 6])
slice_case("slice_rank5_reverse", (BATCH, 2, 3, 4, 3, 5), [-1, 4], [-BIG - 1, 0], [-1, 1], [-2, -1])
slice_case("slice_opset11", (BATCH, 8, 6), [1], [7], [1], [2], opset=11)


# ----------------------------------------------------------------------------
# Split
# ----------------------------------------------------------------------------

@case("split_attribute", 11, "Split axis 1 with the split attribute [2, 4] (opset 11), then Relu on each")
def _(rng):
    nodes = [h.make_node("Split", ["x0"], ["a", "b"], axis=1, split=[2, 4]), h.make_node("Relu", ["a"], ["y0"]), h.make_node("Relu", ["b"], ["y1"])]
    return nodes, [], {"x0": f32(rng, BATCH, 6, 5, 4)}, ["y0", "y1"]


@case("split_input_last_axis", 13, "Split axis -1 with the split input [1, 2, 3] (opset 13)")
def _(rng):
    return [h.make_node("Split", ["x0", "s"], ["y0", "y1", "y2"], axis=-1)], [ints("s", [1, 2, 3])], {"x0": f32(rng, BATCH, 3, 4, 6)}, ["y0", "y1", "y2"]


@case("split_num_outputs_uneven", 18, "Split axis 2 of size 8 with num_outputs 3 (opset 18): chunks 3, 3, 2")
def _(rng):
    return [h.make_node("Split", ["x0"], ["y0", "y1", "y2"], axis=2, num_outputs=3)], [], {"x0": f32(rng, BATCH, 3, 8, 5)}, ["y0", "y1", "y2"]


@case("split_equal_default", 13, "Split axis 1 into two equal parts (no split input), then Add of the halves")
def _(rng):
    nodes = [h.make_node("Split", ["x0"], ["a", "b"], axis=1), h.make_node("Add", ["a", "b"], ["y0"])]
    return one(nodes, [], f32(rng, BATCH, 8, 3, 3))


# ----------------------------------------------------------------------------
# DepthToSpace, SpaceToDepth
# ----------------------------------------------------------------------------

@case("depth_to_space_dcr", 13, "DepthToSpace blocksize 2, mode DCR (the default) on [N,12,3,5]")
def _(rng):
    return one([h.make_node("DepthToSpace", ["x0"], ["y0"], blocksize=2)], [], f32(rng, BATCH, 12, 3, 5))


@case("depth_to_space_crd", 13, "DepthToSpace blocksize 3, mode CRD (PyTorch's pixel_shuffle) on [N,18,4,3]")
def _(rng):
    return one([h.make_node("DepthToSpace", ["x0"], ["y0"], blocksize=3, mode="CRD")], [], f32(rng, BATCH, 18, 4, 3))


@case("space_to_depth", 13, "SpaceToDepth blocksize 2 on [N,3,6,8]")
def _(rng):
    return one([h.make_node("SpaceToDepth", ["x0"], ["y0"], blocksize=2)], [], f32(rng, BATCH, 3, 6, 8))


@case("space_to_depth_crd", 28, "SpaceToDepth blocksize 2, mode CRD (opset 28; PyTorch's pixel_unshuffle) on [N,3,6,8]")
def _(rng):
    return one([h.make_node("SpaceToDepth", ["x0"], ["y0"], blocksize=2, mode="CRD")], [], f32(rng, BATCH, 3, 6, 8))


@case("space_to_depth_dcr_opset28", 28, "SpaceToDepth blocksize 3, mode DCR given (opset 28) on [N,2,6,9]")
def _(rng):
    return one([h.make_node("SpaceToDepth", ["x0"], ["y0"], blocksize=3, mode="DCR")], [], f32(rng, BATCH, 2, 6, 9))


@case("space_to_depth_crd_round_trip", 28, "SpaceToDepth 2 CRD then DepthToSpace 2 CRD (the identity), then Relu")
def _(rng):
    nodes = [h.make_node("SpaceToDepth", ["x0"], ["s"], blocksize=2, mode="CRD"), h.make_node("DepthToSpace", ["s"], ["d"], blocksize=2, mode="CRD"),
             h.make_node("Relu", ["d"], ["y0"])]
    return one(nodes, [], f32(rng, BATCH, 2, 4, 6))


def reference_post(name, m, feeds, outs):
    """The opset-28 SpaceToDepth cases: ONNX Runtime's outputs, which must equal the onnx reference implementation's."""
    if name in ("space_to_depth_crd", "space_to_depth_dcr_opset28", "space_to_depth_crd_round_trip"):
        from onnx.reference import ReferenceEvaluator
        for o, r in zip(outs, ReferenceEvaluator(m).run(None, feeds)):
            if o.shape != r.shape or not np.array_equal(o, r):
                raise SystemExit(f"error: {name}: ONNX Runtime and the onnx reference differ")
    return outs


@case("space_to_depth_round_trip", 13, "SpaceToDepth 2 then DepthToSpace 2 DCR (the identity), then Relu")
def _(rng):
    nodes = [h.make_node("SpaceToDepth", ["x0"], ["s"], blocksize=2), h.make_node("DepthToSpace", ["s"], ["d"], blocksize=2), h.make_node("Relu", ["d"], ["y0"])]
    return one(nodes, [], f32(rng, BATCH, 2, 4, 6))


# ----------------------------------------------------------------------------
# Channel shuffle and ShuffleNetV2 units
# ----------------------------------------------------------------------------

def shuffle(prefix, x, channels, groups, h_, w_):
    """The channel shuffle as torchvision writes it and torch.onnx exports it."""
    nodes = [
        h.make_node("Reshape", [x, f"{prefix}_s1"], [f"{prefix}_r1"]),
        h.make_node("Transpose", [f"{prefix}_r1"], [f"{prefix}_t"], perm=[0, 2, 1, 3, 4]),
        h.make_node("Reshape", [f"{prefix}_t", f"{prefix}_s2"], [f"{prefix}_out"]),
    ]
    inits = [ints(f"{prefix}_s1", [0, groups, channels // groups, h_, w_]), ints(f"{prefix}_s2", [0, -1, h_, w_])]
    return nodes, inits, f"{prefix}_out"


def conv_bn_relu(rng, prefix, x, cin, cout, k=1, stride=1, groups=1, relu=True):
    w = f32(rng, cout, cin // groups, k, k, scale=0.4)
    nodes = [
        h.make_node("Conv", [x, f"{prefix}_w"], [f"{prefix}_c"], kernel_shape=[k, k], pads=[k // 2] * 4, strides=[stride] * 2, group=groups),
        h.make_node("BatchNormalization", [f"{prefix}_c", f"{prefix}_g", f"{prefix}_b", f"{prefix}_m", f"{prefix}_v"], [f"{prefix}_bn"]),
    ]
    inits = [init(f"{prefix}_w", w), init(f"{prefix}_g", 1 + 0.1 * f32(rng, cout)), init(f"{prefix}_b", 0.1 * f32(rng, cout)),
             init(f"{prefix}_m", 0.1 * f32(rng, cout)), init(f"{prefix}_v", 0.5 + np.abs(f32(rng, cout)))]
    out = f"{prefix}_bn"
    if relu:
        nodes.append(h.make_node("Relu", [out], [f"{prefix}_relu"]))
        out = f"{prefix}_relu"
    return nodes, inits, out


@case("conv_shuffle_conv", 13, "Conv 4->6 k1, channel shuffle of 3 groups, Conv 6->5 k3")
def _(rng):
    w1, w2 = f32(rng, 6, 4, 1, 1, scale=0.4), f32(rng, 5, 6, 3, 3, scale=0.3)
    nodes = [h.make_node("Conv", ["x0", "w1"], ["c1"])]
    sn, si, s = shuffle("sh", "c1", 6, 3, 7, 8)
    nodes += sn + [h.make_node("Conv", [s, "w2"], ["y0"], pads=[1, 1, 1, 1])]
    return one(nodes, [init("w1", w1), init("w2", w2)] + si, f32(rng, BATCH, 4, 7, 8))


@case("shufflenet_v2_units", 17, "ShuffleNetV2: a stride-2 unit (both branches) then a stride-1 unit (Split, branch, Concat, shuffle)")
def _(rng):
    nodes, inits = [], []
    # Stride 2, 4 -> 8 channels: branch1 = dw3x3 s2 + bn, 1x1 + bn + relu; branch2 = 1x1 + relu, dw3x3 s2, 1x1 + relu.
    for part in [conv_bn_relu(rng, "b1dw", "x0", 4, 4, 3, 2, 4, relu=False)]:
        nodes += part[0]; inits += part[1]
    n, i, b1 = conv_bn_relu(rng, "b1pw", "b1dw_bn", 4, 4)
    nodes += n; inits += i
    n, i, a = conv_bn_relu(rng, "b2a", "x0", 4, 4)
    nodes += n; inits += i
    n, i, b = conv_bn_relu(rng, "b2b", a, 4, 4, 3, 2, 4, relu=False)
    nodes += n; inits += i
    n, i, b2 = conv_bn_relu(rng, "b2c", b, 4, 4)
    nodes += n; inits += i
    nodes.append(h.make_node("Concat", [b1, b2], ["cat1"], axis=1))
    n, i, s1 = shuffle("u1", "cat1", 8, 2, 5, 6)
    nodes += n; inits += i
    # Stride 1: x1, x2 = chunk(2); branch2(x2); concat; shuffle.
    nodes.append(h.make_node("Split", [s1, "halves"], ["x1", "x2"], axis=1))
    inits.append(ints("halves", [4, 4]))
    n, i, a = conv_bn_relu(rng, "c2a", "x2", 4, 4)
    nodes += n; inits += i
    n, i, b = conv_bn_relu(rng, "c2b", a, 4, 4, 3, 1, 4, relu=False)
    nodes += n; inits += i
    n, i, c = conv_bn_relu(rng, "c2c", b, 4, 4)
    nodes += n; inits += i
    nodes.append(h.make_node("Concat", ["x1", c], ["cat2"], axis=1))
    n, i, s2 = shuffle("u2", "cat2", 8, 2, 5, 6)
    nodes += n; inits += i
    nodes.append(h.make_node("Identity", [s2], ["y0"]))
    return one(nodes, inits, f32(rng, BATCH, 4, 10, 12))


# ----------------------------------------------------------------------------
# Errors
# ----------------------------------------------------------------------------

@negative("transpose_moves_batch", 13, "Transpose perm [1, 0, 2, 3] moves the batch axis", "moves the batch axis")
def _():
    return [h.make_node("Transpose", ["x0"], ["y0"], perm=[1, 0, 2, 3])], [], [("x0", (1, 3, 4, 5))], ["y0"]


@negative("transpose_bad_perm", 13, "Transpose perm [0, 1, 1, 2] is not a permutation", "expected perm to be a permutation of 0..<4")
def _():
    return [h.make_node("Transpose", ["x0"], ["y0"], perm=[0, 1, 1, 2])], [], [("x0", (1, 3, 4, 5))], ["y0"]


@negative("reshape_count_mismatch", 13, "Reshape 60 values per sample to [0, 7, 8]", "cannot reshape 60 values per sample")
def _():
    return [h.make_node("Reshape", ["x0", "s"], ["y0"])], [ints("s", [0, 7, 8])], [("x0", (1, 3, 4, 5))], ["y0"]


@negative("slice_of_batch", 13, "Slice of axis 0 (the batch) from 1 to 2", "unsupported slice of axis 0 (the batch)")
def _():
    return [h.make_node("Slice", ["x0", "st", "en", "ax"], ["y0"])], [ints("st", [1]), ints("en", [2]), ints("ax", [0])], [("x0", (2, 3, 4))], ["y0"]


@negative("split_of_batch", 13, "Split of axis 0 (the batch)", "unsupported split of axis 0 (the batch)")
def _():
    return [h.make_node("Split", ["x0"], ["y0", "y1"], axis=0)], [], [("x0", (2, 3, 4))], ["y0", "y1"]


@negative("depth_to_space_channels", 13, "DepthToSpace blocksize 2 on 6 channels", "with C divisible by blocksize^2 (4)")
def _():
    return [h.make_node("DepthToSpace", ["x0"], ["y0"], blocksize=2)], [], [("x0", (1, 6, 4, 4))], ["y0"]


@negative("slice_empty", 13, "Slice that selects nothing (start 3, end 1, step 1)", "expected a non-empty slice")
def _():
    return [h.make_node("Slice", ["x0", "st", "en", "ax"], ["y0"])], [ints("st", [3]), ints("en", [1]), ints("ax", [1])], [("x0", (1, 5, 4))], ["y0"]


if __name__ == "__main__":
    sys.exit(main(__doc__, DEFAULT_OUT, post=reference_post))
