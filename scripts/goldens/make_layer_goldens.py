#!/usr/bin/env python3
"""Per-layer goldens for `cnnc compile --all-layers` / `cnnc run --all-layers` / `cnnc verify --per-layer`.

Builds a small CNN as an ONNX graph with fixed seeded weights (node names differ from their
output tensors' names, so the tests check that layers are named by tensor), runs it in ONNX
Runtime with every intermediate tensor marked as an output (python/cnnc/reference.py), and
writes Tests/Goldens/layers/small_cnn/: model.onnx, input.npy, and the reference directory
ort/ (layers.json and one .npy per tensor). It also writes conv2_perturbed.onnx, the same model
with one weight of conv2 changed by 0.5, which `cnnc verify --per-layer --reference ort` must
name as the first diverging layer. Deterministic: rerunning rewrites the same files.

It also writes Tests/Goldens/layers/linear_bias/ (model.onnx, input.npy, ort/): two channels-last
linear layers exported as MatMul + Add, with an exported GELU between them, whose kernels must be
named by their last tensors, every other tensor fused; and Tests/Goldens/layers/convnext_block/:
ConvNeXt's block as torchvision exports it (transpose, layer norm, MLP, transpose back, layer
scale, residual), whose channels-last tensors `--all-layers` must return as ONNX has them.

    python3 scripts/goldens/make_layer_goldens.py
"""

import os
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, "python"))
from cnnc import reference  # noqa: E402

OUT = os.path.join(ROOT, "Tests", "Goldens", "layers", "small_cnn")


def small_cnn(rng):
    def weight(name, *shape, scale=0.3):
        return numpy_helper.from_array((rng.standard_normal(shape) * scale).astype(np.float32), name)

    inits = [
        weight("conv1.w", 4, 3, 3, 3), weight("conv1.b", 4),
        weight("conv2.w", 4, 4, 3, 3), weight("conv2.b", 4),
        numpy_helper.from_array((1 + 0.1 * rng.standard_normal(4)).astype(np.float32), "bn2.scale"),
        weight("bn2.bias", 4, scale=0.1), weight("bn2.mean", 4, scale=0.1),
        numpy_helper.from_array((1 + 0.2 * rng.random(4)).astype(np.float32), "bn2.var"),
        weight("fc.w", 5, 4), weight("fc.b", 5),
    ]
    nodes = [
        helper.make_node("Conv", ["image", "conv1.w", "conv1.b"], ["t_conv1"], name="conv1", pads=[1, 1, 1, 1]),
        helper.make_node("Relu", ["t_conv1"], ["t_relu1"], name="relu1"),
        helper.make_node("MaxPool", ["t_relu1"], ["t_pool1"], name="pool1", kernel_shape=[2, 2], strides=[2, 2]),
        helper.make_node("Conv", ["t_pool1", "conv2.w", "conv2.b"], ["t_conv2"], name="conv2", pads=[1, 1, 1, 1]),
        helper.make_node("BatchNormalization", ["t_conv2", "bn2.scale", "bn2.bias", "bn2.mean", "bn2.var"], ["t_bn2"], name="bn2"),
        helper.make_node("Add", ["t_bn2", "t_pool1"], ["t_add"], name="add"),
        helper.make_node("Relu", ["t_add"], ["t_relu2"], name="relu2"),
        helper.make_node("GlobalAveragePool", ["t_relu2"], ["t_gap"], name="gap"),
        helper.make_node("Flatten", ["t_gap"], ["t_flat"], name="flat"),
        helper.make_node("Gemm", ["t_flat", "fc.w", "fc.b"], ["logits"], name="fc", transB=1),
        helper.make_node("Softmax", ["logits"], ["prob"], name="softmax", axis=1),
    ]
    graph = helper.make_graph(
        nodes, "small_cnn",
        [helper.make_tensor_value_info("image", TensorProto.FLOAT, ["N", 3, 8, 8])],
        [helper.make_tensor_value_info("prob", TensorProto.FLOAT, ["N", 5])],
        inits)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)], producer_name="make_layer_goldens")
    model.ir_version = 8
    onnx.checker.check_model(model)
    return model


def exported_gelu(src, dst):
    """GELU as PyTorch exports it below opset 20, five nodes from `src` to `dst` that cnnc runs as
    one activation, and the three constants they read."""
    inits = [numpy_helper.from_array(np.array(2 ** 0.5, np.float32), "sqrt2"),
             numpy_helper.from_array(np.array(1, np.float32), "one"),
             numpy_helper.from_array(np.array(0.5, np.float32), "half")]
    nodes = [
        helper.make_node("Div", [src, "sqrt2"], ["t_div"], name="gelu_div"),
        helper.make_node("Erf", ["t_div"], ["t_erf"], name="gelu_erf"),
        helper.make_node("Add", ["t_erf", "one"], ["t_plus"], name="gelu_add"),
        helper.make_node("Mul", [src, "t_plus"], ["t_mul"], name="gelu_mul"),
        helper.make_node("Mul", ["t_mul", "half"], [dst], name="gelu_half"),
    ]
    return nodes, inits


def linear_bias(rng):
    """Channels-last linear layers as PyTorch exports them: MatMul then Add of the bias, and GELU as
    five nodes. cnnc folds the Add into the MatMul's kernel, which then writes the Add's tensor, not
    the MatMul's, and the GELU into the first linear's kernel: every one of those tensors is fused."""
    def weight(name, *shape):
        return numpy_helper.from_array((rng.standard_normal(shape) * 0.5).astype(np.float32), name)

    gelu, gelu_inits = exported_gelu("t_lin1", "t_gelu")
    inits = [weight("fc1.w", 4, 5), weight("fc1.b", 5), weight("fc2.w", 5, 3), weight("fc2.b", 3)] + gelu_inits
    nodes = [
        helper.make_node("MatMul", ["image", "fc1.w"], ["t_mm1"], name="fc1"),
        helper.make_node("Add", ["t_mm1", "fc1.b"], ["t_lin1"], name="fc1_bias"),
    ] + gelu + [
        helper.make_node("MatMul", ["t_gelu", "fc2.w"], ["t_mm2"], name="fc2"),
        helper.make_node("Add", ["t_mm2", "fc2.b"], ["t_lin2"], name="fc2_bias"),
        helper.make_node("Transpose", ["t_lin2"], ["out"], name="to_nchw", perm=[0, 3, 1, 2]),
    ]
    graph = helper.make_graph(
        nodes, "linear_bias",
        [helper.make_tensor_value_info("image", TensorProto.FLOAT, ["N", 2, 3, 4])],
        [helper.make_tensor_value_info("out", TensorProto.FLOAT, ["N", 3, 2, 3])],
        inits)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)], producer_name="make_layer_goldens")
    model.ir_version = 8
    onnx.checker.check_model(model)
    return model


def convnext_block(rng):
    """ConvNeXt's block as torchvision exports it: Transpose to channels-last, LayerNormalization,
    MatMul + Add, GELU as five nodes, MatMul + Add, Transpose back, layer scale, residual Add.
    cnnc plans it channels-first with no transpose, except with --all-layers, where every
    tensor between the transposes is returned in the layout ONNX gives it."""
    def weight(name, *shape, scale=0.5):
        return numpy_helper.from_array((rng.standard_normal(shape) * scale).astype(np.float32), name)

    c = 8
    inits = [numpy_helper.from_array((1 + 0.1 * rng.standard_normal(c)).astype(np.float32), "ln.s"),
             weight("ln.b", c, scale=0.1), weight("fc1.w", c, 4 * c), weight("fc1.b", 4 * c),
             weight("fc2.w", 4 * c, c), weight("fc2.b", c), weight("gamma", c, 1, 1)]
    gelu, gelu_inits = exported_gelu("t_lin1", "t_gelu")
    inits += gelu_inits
    nodes = [
        helper.make_node("Transpose", ["image"], ["t_nhwc"], name="to_nhwc", perm=[0, 2, 3, 1]),
        helper.make_node("LayerNormalization", ["t_nhwc", "ln.s", "ln.b"], ["t_ln"], name="ln", axis=-1, epsilon=1e-6),
        helper.make_node("MatMul", ["t_ln", "fc1.w"], ["t_mm1"], name="fc1"),
        helper.make_node("Add", ["t_mm1", "fc1.b"], ["t_lin1"], name="fc1_bias"),
    ] + gelu + [
        helper.make_node("MatMul", ["t_gelu", "fc2.w"], ["t_mm2"], name="fc2"),
        helper.make_node("Add", ["t_mm2", "fc2.b"], ["t_lin2"], name="fc2_bias"),
        helper.make_node("Transpose", ["t_lin2"], ["t_nchw"], name="to_nchw", perm=[0, 3, 1, 2]),
        helper.make_node("Mul", ["gamma", "t_nchw"], ["t_scaled"], name="layer_scale"),
        helper.make_node("Add", ["t_scaled", "image"], ["out"], name="residual"),
    ]
    graph = helper.make_graph(
        nodes, "convnext_block",
        [helper.make_tensor_value_info("image", TensorProto.FLOAT, ["N", c, 4, 5])],
        [helper.make_tensor_value_info("out", TensorProto.FLOAT, ["N", c, 4, 5])],
        inits)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)], producer_name="make_layer_goldens")
    model.ir_version = 8
    onnx.checker.check_model(model)
    return model


def write_case(model, out, image):
    os.makedirs(out, exist_ok=True)
    path = os.path.join(out, "model.onnx")
    onnx.save(model, path)
    np.save(os.path.join(out, "input.npy"), image)
    layers = reference.run_layers(path, {"image": image})
    reference.write_layers(layers, os.path.join(out, "ort"), "model.onnx")
    print(f"wrote {out}: {len(layers)} layers")


def main():
    rng = np.random.default_rng(17)
    model = small_cnn(rng)
    os.makedirs(OUT, exist_ok=True)
    path = os.path.join(OUT, "model.onnx")
    onnx.save(model, path)
    image = rng.standard_normal((2, 3, 8, 8)).astype(np.float32)
    np.save(os.path.join(OUT, "input.npy"), image)
    layers = reference.run_layers(path, {"image": image})
    reference.write_layers(layers, os.path.join(OUT, "ort"), "model.onnx")
    for init in model.graph.initializer:
        if init.name == "conv2.w":
            w = numpy_helper.to_array(init).copy()
            w[1, 2, 1, 1] += 0.5
            init.CopyFrom(numpy_helper.from_array(w, "conv2.w"))
    onnx.save(model, os.path.join(OUT, "conv2_perturbed.onnx"))
    print(f"wrote {OUT}: {len(layers)} layers")
    rng = np.random.default_rng(23)
    write_case(linear_bias(rng), os.path.join(os.path.dirname(OUT), "linear_bias"),
               rng.standard_normal((2, 2, 3, 4)).astype(np.float32))
    rng = np.random.default_rng(29)
    write_case(convnext_block(rng), os.path.join(os.path.dirname(OUT), "convnext_block"),
               rng.standard_normal((2, 8, 4, 5)).astype(np.float32))


if __name__ == "__main__":
    main()
