"""Seeded stand-in values for the initializers of an ONNX model, bit for bit the same as
cnnc's importer generates them (Sources/CNNONNX/TensorDecoding.swift, `seededValue`), so a
model can be committed without its weights (docs/onnx.md, "Seeded weights").

The generator is the one of docs/seeded-weights.md (cnnc_tools/seeded.py):

    r_i = splitmix64((fnv1a64(name) ^ seed) + i),  u_i = (r_i >> 40) / 2^23 - 1  in [-1, 1)

with `name` the initializer's own name and i its flat (row-major, ONNX layout) index. The
rule f (computed in float64, rounded once to float32) depends on the initializer's first use
in graph order (nodes in order, then a node's inputs in index order; an Identity is not a use,
the uses of its output are, at their own positions):

    Conv / ConvTranspose input 1           weight  u * sqrt(3) * gain / sqrt(fan_in), fan_in = prod(shape[1:])
    Gemm input 1                            weight  fan_in = shape[1] if transB else shape[0]  (N of the [units, N] weight)
    MatMul input 1                          weight  fan_in = shape[0]
    Conv / ConvTranspose / Gemm bias, any other float   0.1 u
    BatchNormalization scale                1 + 0.1 u
    BatchNormalization B, input_mean        0.1 u
    BatchNormalization input_var            1 + 0.25 (u + 1)
    LayerNormalization / GroupNormalization / InstanceNormalization scale   1 + 0.1 u  (their bias: 0.1 u)
    PRelu slope                             0.25 + 0.05 u

A model input `name` is float32(u) of the tensor "input:<name>".
"""
import math

import numpy as np

from . import seeded as _zoo

DEFAULT_SEED, DEFAULT_GAIN, uniform, input_tensor = _zoo.DEFAULT_SEED, _zoo.DEFAULT_GAIN, _zoo.uniform, _zoo.input_tensor


# Normalisations with a learned affine (input 1 the scale, input 2 the bias).
NORM_OPS = ("LayerNormalization", "GroupNormalization", "InstanceNormalization")


def role_of(model, name):
    """(kind, fan_in) of initializer `name`: decided by its first use in graph order (nodes in
    order, a node's inputs in index order). Identity nodes are not uses: exporters share equal
    constants through them, so the uses of an Identity's output count, at their own positions."""
    dims = next(list(t.dims) for t in model.graph.initializer if t.name == name)
    values = {name}
    for node in model.graph.node:
        if node.op_type == "Identity" and node.input and node.input[0] in values:
            values.add(node.output[0])
            continue
        for k, inp in enumerate(node.input):
            if inp not in values:
                continue
            op = node.op_type
            attrs = {a.name: a for a in node.attribute}
            if op in ("Conv", "ConvTranspose") and k == 1:
                return "weight", int(np.prod(dims[1:], dtype=np.int64))
            if op == "Gemm" and k == 1:
                trans_b = attrs["transB"].i if "transB" in attrs else 0
                return "weight", int(dims[1] if trans_b else dims[0])
            if op == "MatMul" and k == 1:
                return "weight", int(dims[0])
            if op == "BatchNormalization" and k >= 1:
                return ("bn_scale", "bn_bias", "bn_mean", "bn_var")[k - 1], None
            if op == "PRelu" and k == 1:
                return "prelu", None
            if op in NORM_OPS and k == 1:
                return "norm_scale", None
            return "bias", None
    return "bias", None


def initializer_value(name, shape, kind, fan_in=None, seed=DEFAULT_SEED, gain=DEFAULT_GAIN):
    """float32 array of `shape` for the initializer `name` with the rule `kind`."""
    n = int(np.prod(shape, dtype=np.int64))
    u = uniform(name, n, seed)
    if kind == "weight":
        v = u * (math.sqrt(3.0) * gain / math.sqrt(float(max(fan_in, 1))))
    elif kind in ("bn_scale", "norm_scale"):
        v = 1.0 + 0.1 * u
    elif kind in ("bn_bias", "bn_mean", "bias"):
        v = 0.1 * u
    elif kind == "bn_var":
        v = 1.0 + 0.25 * (u + 1.0)
    elif kind == "prelu":
        v = 0.25 + 0.05 * u
    else:
        raise ValueError(kind)
    return v.astype(np.float32).reshape(shape)
