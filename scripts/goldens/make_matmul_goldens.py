#!/usr/bin/env python3
"""Write the MatMul golden cases into Tests/Goldens/onnx-matmul/.

Tiny ONNX models built with onnx.helper for the forms of MatMul that are not a dense layer
(a product by a constant matrix [K, units] is one, and the Gemm/MatMul goldens of
Tests/Goldens/onnx cover it): two tensors computed at run time, batch axes that broadcast,
constants of rank 1 and 3, a constant first operand, attention-shaped chains, with a free
batch N (the whole-tensor forms, 1-D operands included, are the ONNX node suite's
test_matmul_* cases), and a ConstantOfShape fill over the default weight limit. The inputs and the outputs of **ONNX Runtime** with every graph
optimisation disabled (never cnnc's). Negative cases hold a model cnnc must refuse and a
substring of its error.

Same layout as Tests/Goldens/onnx (read by the same Swift harness):

    Tests/Goldens/onnx-matmul/manifest.json
        [{"case", "opset", "atol", "rtol", "what", ["error"]}, ...]
    Tests/Goldens/onnx-matmul/<case>/model.onnx
    Tests/Goldens/onnx-matmul/<case>/input0.npy ...   float32 [N, ...]
    Tests/Goldens/onnx-matmul/<case>/output0.npy ...  float32

Deterministic (seed = crc32 of the case name, one thread); the folder is rewritten from
scratch. Needs only onnx, onnxruntime and numpy (pip install onnx onnxruntime numpy).

Usage:  python3 scripts/goldens/make_matmul_goldens.py [--out DIR]
"""
import os
import sys

import numpy as np
from onnx import helper as h
from onnx import numpy_helper as nph

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))  # scripts/: the cnnc_tools package
from cnnc_tools.onnx_kit import REPO, BATCH, case, negative, f32, main  # noqa: E402

DEFAULT_OUT = os.path.join(REPO, "Tests", "Goldens", "onnx-matmul")


def init(name, array):
    return nph.from_array(np.asarray(array, dtype=np.float32), name)


def mm(name="m"):
    return h.make_node("MatMul", ["x0", "x1"], ["y0"], name=name)


@case("computed_3d", 13, "MatMul of two computed tensors [N, 3, 4] @ [N, 4, 5]")
def _(rng):
    return [mm()], [], {"x0": f32(rng, BATCH, 3, 4), "x1": f32(rng, BATCH, 4, 5)}


@case("computed_bcast_5d", 13, "MatMul of computed [N, 2, 1, 3, 4] @ [N, 1, 3, 4, 6]: batch axes broadcast both ways")
def _(rng):
    return [mm()], [], {"x0": f32(rng, BATCH, 2, 1, 3, 4), "x1": f32(rng, BATCH, 1, 3, 4, 6)}


@case("computed_column", 13, "MatMul of computed [N, 2, 5, 7] @ [N, 2, 7, 1] (a column: one dot product per row)")
def _(rng):
    return [mm()], [], {"x0": f32(rng, BATCH, 2, 5, 7), "x1": f32(rng, BATCH, 2, 7, 1)}


@case("computed_long_k", 13, "MatMul of computed [N, 3, 70] @ [N, 70, 33] (K and P past a vector width, P odd)")
def _(rng):
    return [mm()], [], {"x0": f32(rng, BATCH, 3, 70), "x1": f32(rng, BATCH, 70, 33, scale=0.5)}


@case("constant_b_3d", 13, "MatMul of [N, 2, 4, 5] by a constant [2, 5, 3] (batched weights, one per position of axis 1)")
def _(rng):
    return [h.make_node("MatMul", ["x0", "w"], ["y0"], name="m")], [init("w", f32(rng, 2, 5, 3))], {"x0": f32(rng, BATCH, 2, 4, 5)}


@case("constant_b_leading_one", 13, "MatMul of [N, 4, 5] by a constant [1, 5, 3] (its axis 0 meets the batch: 1, dropped)")
def _(rng):
    return [h.make_node("MatMul", ["x0", "w"], ["y0"], name="m")], [init("w", f32(rng, 1, 5, 3))], {"x0": f32(rng, BATCH, 4, 5)}


@case("constant_b_vector", 13, "MatMul of [N, 4, 5] by a constant vector [5] (a column whose axis is dropped: [N, 4])")
def _(rng):
    return [h.make_node("MatMul", ["x0", "w"], ["y0"], name="m")], [init("w", f32(rng, 5))], {"x0": f32(rng, BATCH, 4, 5)}


@case("constant_a", 13, "MatMul of a constant [3, 4] by computed [N, 2, 4, 6] (the constant is the first operand)")
def _(rng):
    return [h.make_node("MatMul", ["w", "x0"], ["y0"], name="m")], [init("w", f32(rng, 3, 4))], {"x0": f32(rng, BATCH, 2, 4, 6)}


@case("attention", 13, "softmax(Q @ K') @ V with Q, K' and V computed: [N, 2, 5, 8] @ [N, 2, 8, 5], Softmax(-1), @ [N, 2, 5, 8]")
def _(rng):
    nodes = [
        h.make_node("MatMul", ["x0", "x1"], ["s"], name="scores"),
        h.make_node("Softmax", ["s"], ["p"], axis=-1),
        h.make_node("MatMul", ["p", "x2"], ["y0"], name="mix"),
    ]
    return nodes, [], {"x0": f32(rng, BATCH, 2, 5, 8, scale=0.5), "x1": f32(rng, BATCH, 2, 8, 5, scale=0.5), "x2": f32(rng, BATCH, 2, 5, 8)}


@case("linear_then_computed", 13, "MatMul by a constant [6, 4] (a linear layer), Relu, then MatMul of that by a computed [N, 4, 3]")
def _(rng):
    nodes = [
        h.make_node("MatMul", ["x0", "w"], ["l"], name="lin"),
        h.make_node("Relu", ["l"], ["r"]),
        h.make_node("MatMul", ["r", "x1"], ["y0"], name="m"),
    ]
    return nodes, [init("w", f32(rng, 6, 4))], {"x0": f32(rng, BATCH, 5, 6), "x1": f32(rng, BATCH, 4, 3)}


@negative("neg_k_mismatch", 13, "MatMul of [N, 3, 4] and [N, 5, 2]: K differs",
          "(MatMul): expected the last dimension of A to equal the second to last dimension of B for matmul (K), got A [3, 4] and B [5, 2] (4 against 5)")
def _():
    return [mm()], [], [("x0", (1, 3, 4)), ("x1", (1, 5, 2))]


@negative("neg_batch_mismatch", 13, "MatMul of [N, 2, 3, 4] and [N, 3, 4, 5]: batch axes 2 and 3 do not broadcast",
          "(MatMul): expected shapes that broadcast (equal sizes or 1, aligned at the last dimension) for matmul (the batch dimensions before the last two), got [2] and [3]")
def _():
    return [mm()], [], [("x0", (1, 2, 3, 4)), ("x1", (1, 3, 4, 5))]


@negative("neg_rank_6", 13, "MatMul of rank-7 tensors (6 axes per sample)",
          "(MatMul): expected operands of rank 1 to 5 for matmul, got [1, 1, 1, 1, 3, 4] and [1, 1, 1, 1, 4, 2]")
def _():
    return [mm()], [], [("x0", (1, 1, 1, 1, 1, 3, 4)), ("x1", (1, 1, 1, 1, 1, 4, 2))]


@negative("neg_batch_is_a_row", 13, "MatMul of computed [N, 4] by computed [N, 4, 3]: the batch of A would be its matrix rows",
          "(MatMul): unsupported A of shape [N, 4] against B of rank 3")
def _():
    return [mm()], [], [("x0", (1, 4)), ("x1", (1, 4, 3))]


@negative("neg_constant_across_batch", 13, "MatMul of [N, 4, 5] by a constant [2, 5, 3]: its axis 0 would meet the batch",
          "(MatMul): unsupported constant B of shape [2, 5, 3] (its axis 0 meets the batch; only 1 there)")
def _():
    return [h.make_node("MatMul", ["x0", "w"], ["y0"], name="m")], [init("w", np.ones((2, 5, 3)))], [("x0", (1, 4, 5))]


@negative("neg_constant_of_shape_too_big", 13, "MatMul by a ConstantOfShape fill of [2^20, 2^20] (4 TiB): over --limit weight-bytes, refused before it is allocated",
          "(ConstantOfShape): expected a fill of at most 17179869184 bytes (--limit weight-bytes=N raises it), got shape [1048576, 1048576] (4398046511104 bytes)")
def _():
    shape = nph.from_array(np.array([1 << 20, 1 << 20], dtype=np.int64), "shape")
    fill = h.make_tensor("value", 1, [1], [0.02])
    return ([h.make_node("ConstantOfShape", ["shape"], ["w"], name="fill", value=fill), h.make_node("MatMul", ["x0", "w"], ["y0"], name="m")],
            [shape], [("x0", (1, 4, 1 << 20))])


if __name__ == "__main__":
    sys.exit(main(__doc__, DEFAULT_OUT))
