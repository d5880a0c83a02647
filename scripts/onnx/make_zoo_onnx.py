#!/usr/bin/env python3
"""torchvision models as ONNX graphs without weights, with ONNX Runtime's outputs for seeded weights.

For each model: torch.onnx.export (TorchScript exporter, a fixed opset, batch symbolic; or, for
the *_dynamo models, the default exporter of current PyTorch: dynamo, its default opset,
external data, a dynamic batch dimension), then every parameter initializer (what Conv,
ConvTranspose, Gemm, MatMul, BatchNormalization, PRelu and the Layer/Group/Instance
normalisations read, and any other of the torch model's own tensors: layer scales, a Linear's
bias after a MatMul) is replaced by its seeded value (scripts/cnnc_tools/onnx_seeded.py, the rule cnnc's
importer implements) and ONNX Runtime (all optimisations off) runs the model on the seeded
input "input:image". Committed, in Tests/Goldens/onnx-zoo/<name>/:

    model.onnx    the graph; parameter initializers are EXTERNAL data in weights.bin,
                  which is not committed (cnnc's tests load with `seeded:` and regenerate it)
    output0.npy   ORT's output for the seeded weights and input (logits [1, 1000], or a
                  segmentation model's [1, 21, H, W])
    param_<rule>.npy  for each seeded rule the model uses, the smallest initializer with it,
                  as seeded.py makes it (the tests check cnnc's generator against it bit for bit)
    seed.json     seed, gain, opset, input and output, the tolerance and how it was chosen,
                  the output's figures that show it is not degenerate

Tolerance: the difference between two correct float32 evaluations of the network is
measured here as ORT with all optimisations off vs ORT with all on (fused conv+activation,
other kernels and summation orders); the tolerance is atol = 20x that difference, at least
1e-4 x the largest |logit|. Any wrong weight, layout or padding changes logits by far more.

Usage:  python3 scripts/onnx/make_zoo_onnx.py [--only NAME,...] [--weights-out DIR]
        --weights-out DIR also writes DIR/<name>/{model.onnx, weights.bin} (the full model).
Needs torch, torchvision, onnx, onnxruntime, numpy.
"""
import argparse
import io
import json
import os
import shutil
import sys
import tempfile
import time
import warnings

import numpy as np
import onnx
import onnxruntime as ort
import torch
import torchvision

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))  # scripts/: the cnnc_tools package
from cnnc_tools import onnx_seeded as seeded  # noqa: E402

warnings.filterwarnings("ignore")
torch.set_num_threads(1)
OUT = os.path.join(REPO, "Tests", "Goldens", "onnx-zoo")
SEED = 2026
INPUT = "image"
OUTPUT = "logits"

class Segmentation(torch.nn.Module):
    """torchvision's segmentation models return {"out": ...}; the graph's output is that tensor."""

    def __init__(self, model):
        super().__init__()
        self.model = model

    def forward(self, x):
        return self.model(x)["out"]


def tv(name, **kw):
    return lambda: getattr(torchvision.models, name)(weights=None, **kw)


def seg(name, **kw):
    return lambda: Segmentation(getattr(torchvision.models.segmentation, name)(weights=None, weights_backbone=None, **kw))


# name: Zoo(constructor, opset, gain, ...). The gain keeps the outputs O(1-10): BatchNormalization
# after a conv is folded into it by the exporter, so nothing renormalises the activations, and with
# sqrt(2) the residual streams of the ResNets grow (logits ~170 for resnet18, ~3800 for resnet50).
# With hardswish / SiLU and squeeze-and-excitation gates the activations shrink or grow
# geometrically with depth, and the useful range is narrow (MobileNetV3-Small: max |logit| 0.6 at
# gain sqrt 2, 1.4 at 1.55, 45 at 1.6); below it the outputs hardly depend on the input (the
# biases dominate), which output_stats() refuses.
# exporter "dynamo" is torch.onnx.export's default (dynamo=True, its own opset, external data);
# opset None there means the exporter's default.
class Zoo:
    def __init__(self, make, opset, gain, shape=(3, 224, 224), output=OUTPUT, exporter="torchscript"):
        self.make, self.opset, self.gain, self.shape, self.output, self.exporter = make, opset, gain, list(shape), output, exporter


SEG = (3, 128, 160)  # segmentation: H != W; the output is [N, 21, H, W], committed in full
MODELS = {
    "alexnet": Zoo(tv("alexnet"), 11, 2 ** 0.5),
    "vgg16": Zoo(tv("vgg16"), 13, 2 ** 0.5),
    "googlenet": Zoo(tv("googlenet", aux_logits=False, init_weights=False), 17, 2 ** 0.5),
    "resnet18": Zoo(tv("resnet18"), 13, 1.0),
    "resnet50": Zoo(tv("resnet50"), 17, 1.0),
    "densenet121": Zoo(tv("densenet121"), 21, 2 ** 0.5),
    "mobilenet_v2": Zoo(tv("mobilenet_v2"), 11, 2 ** 0.5),
    # issue 14: the modern families
    "efficientnet_b0": Zoo(tv("efficientnet_b0"), 17, 1.65),
    "mobilenet_v3_small": Zoo(tv("mobilenet_v3_small"), 17, 1.55),
    "mobilenet_v3_small_dynamo": Zoo(tv("mobilenet_v3_small"), None, 1.55, exporter="dynamo"),
    "mobilenet_v3_large": Zoo(tv("mobilenet_v3_large"), 13, 1.35),
    "regnet_y_400mf": Zoo(tv("regnet_y_400mf"), 17, 1.2),
    "shufflenet_v2_x1_0": Zoo(tv("shufflenet_v2_x1_0"), 18, 1.2),
    "convnext_tiny": Zoo(tv("convnext_tiny"), 17, 1.0),
    "mnasnet1_0": Zoo(tv("mnasnet1_0"), 13, 1.2),
    "squeezenet1_1": Zoo(tv("squeezenet1_1"), 11, 2 ** 0.5),
    "inception_v3": Zoo(tv("inception_v3", aux_logits=False, init_weights=False), 17, 2 ** 0.5, shape=(3, 299, 299)),
    "resnext50_32x4d": Zoo(tv("resnext50_32x4d"), 17, 1.0),
    "densenet169": Zoo(tv("densenet169"), 13, 2 ** 0.5),
    "fcn_resnet50": Zoo(seg("fcn_resnet50", aux_loss=False), 17, 1.0, SEG, "out"),
    "deeplabv3_resnet50": Zoo(seg("deeplabv3_resnet50", aux_loss=False), 17, 1.15, SEG, "out"),
    "lraspp_mobilenet_v3_large": Zoo(seg("lraspp_mobilenet_v3_large"), 17, 1.3, SEG, "out"),
}


def ort_run(model_bytes, feeds, optimized):
    so = ort.SessionOptions()
    so.graph_optimization_level = (ort.GraphOptimizationLevel.ORT_ENABLE_ALL if optimized
                                   else ort.GraphOptimizationLevel.ORT_DISABLE_ALL)
    return ort.InferenceSession(model_bytes, so, providers=["CPUExecutionProvider"]).run(None, feeds)


def export(name):
    """(ONNX model with its parameters inline, the torch model's state_dict names)."""
    z = MODELS[name]
    torch.manual_seed(0)
    model = z.make().eval()
    params = set(model.state_dict())
    if z.exporter == "dynamo":
        # The default exporter of current PyTorch: torch.onnx.export(model, args, path) with
        # dynamo=True, external_data=True, its own default opset; the batch is a dynamic dimension.
        # (Traced at batch 2: torch.export specialises a dimension of size 1.)
        x = torch.zeros(2, *z.shape)
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "model.onnx")
            torch.onnx.export(model, (x,), path, input_names=[INPUT], output_names=[z.output],
                              dynamic_shapes={"x": {0: torch.export.Dim("N", min=1, max=4096)}})
            return onnx.load(path), params
    x = torch.zeros(1, *z.shape)
    buf = io.BytesIO()
    torch.onnx.export(model, (x,), buf, input_names=[INPUT], output_names=[z.output], opset_version=z.opset,
                      dynamic_axes={INPUT: {0: "N"}, z.output: {0: "N"}}, do_constant_folding=True, dynamo=False)
    return onnx.load_from_string(buf.getvalue()), params


# Ops whose float inputs are parameters (weights, biases, norm affines): an initializer any of them
# reads is seeded. So is any other float initializer that is one of the torch model's own tensors
# (ConvNeXt's layer scale, read by a Mul; a Linear's bias after a MatMul, read by an Add).
# Everything else (clip bounds, Resize scales, the constants of x * 1/6...) keeps its value.
PARAMETER_OPS = {"Conv", "ConvTranspose", "Gemm", "MatMul", "BatchNormalization", "PRelu",
                 "LayerNormalization", "GroupNormalization", "InstanceNormalization"}


def seed_parameters(model, gain, torch_names):
    """Replaces every parameter initializer by its seeded value; returns their names, and for
    each rule used, the smallest initializer with it: (name, kind, fan_in, value)."""
    replaced, smallest = [], {}
    for t in model.graph.initializer:
        if t.data_type != onnx.TensorProto.FLOAT:
            continue
        consumers = {n.op_type for n in model.graph.node if t.name in n.input}
        if not (consumers & PARAMETER_OPS or t.name in torch_names):
            continue  # small constants (clip bounds, scales) stay inline with their own values
        kind, fan_in = seeded.role_of(model, t.name)
        value = seeded.initializer_value(t.name, list(t.dims), kind, fan_in, SEED, gain)
        t.ClearField("float_data")
        t.raw_data = value.tobytes()
        replaced.append(t.name)
        if kind not in smallest or value.size < smallest[kind][3].size:
            smallest[kind] = (t.name, kind, fan_in, value)
    return replaced, smallest


def externalize(model, names):
    """Moves the named initializers' data to weights.bin (offsets recorded); returns the bytes."""
    blob = bytearray()
    for t in model.graph.initializer:
        if t.name not in names:
            continue
        data = t.raw_data
        while len(blob) % 64:
            blob.append(0)
        offset = len(blob)
        blob += data
        t.ClearField("raw_data")
        t.data_location = onnx.TensorProto.EXTERNAL
        del t.external_data[:]
        for k, v in (("location", "weights.bin"), ("offset", str(offset)), ("length", str(len(data)))):
            e = t.external_data.add()
            e.key, e.value = k, v
    return bytes(blob)


def output_stats(y, y_other):
    """Checks the reference output is usable: finite, O(1-10), not degenerate; returns its figures.
    `y_other` is the output for another input (seed + 1)."""
    y = y.astype(np.float64)
    if not np.all(np.isfinite(y)):
        raise SystemExit("non-finite outputs: change the gain")
    scale = float(np.abs(y).max())
    # Spread across the outputs of one sample (classes, or classes x pixels), relative to the largest:
    # a network whose blocks add nothing, or that saturates, gives almost the same value everywhere.
    spread = float(y.std() / scale) if scale > 0 else 0.0
    # And the outputs must depend on the input: with too small a gain, activations die out with depth
    # and the outputs are the last layers' biases. On uniform-noise inputs, global pooling leaves
    # a few percent of difference between two inputs (resnet18: 0.038); the tolerance is 1e-4.
    sensitivity = float(np.abs(y - y_other).max() / scale) if scale > 0 else 0.0
    if not (0.5 <= scale <= 100 and spread >= 0.05 and sensitivity >= 0.005):
        raise SystemExit(f"degenerate outputs: max |y| {scale:.3g}, std / max {spread:.3g}, "
                         f"input sensitivity {sensitivity:.3g}; change the gain")
    stats = {"max_abs_output": scale, "std_over_max": float(f"{spread:.3g}"),
             "input_sensitivity": float(f"{sensitivity:.3g}")}
    if y.ndim == 4:  # segmentation: the per-pixel class must vary over the image, too
        stats["pixel_classes"] = int(len(np.unique(y.argmax(axis=1))))
    return stats


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--only")
    ap.add_argument("--weights-out")
    a = ap.parse_args()
    names = a.only.split(",") if a.only else list(MODELS)
    for name in names:
        z = MODELS[name]
        t0 = time.time()
        model, torch_names = export(name)
        opset = next(o.version for o in model.opset_import if o.domain in ("", "ai.onnx"))
        replaced, smallest = seed_parameters(model, z.gain, torch_names)
        shape = [1] + z.shape
        x = seeded.input_tensor(INPUT, shape, SEED)
        full = model.SerializeToString()
        (y,) = ort_run(full, {INPUT: x}, optimized=False)
        (y_opt,) = ort_run(full, {INPUT: x}, optimized=True)
        (y_other,) = ort_run(full, {INPUT: seeded.input_tensor(INPUT, shape, SEED + 1)}, optimized=True)
        noise = float(np.abs(y - y_opt).max())
        stats = output_stats(y, y_other)
        scale = stats["max_abs_output"]
        atol = max(20 * noise, 1e-4 * scale)
        blob = externalize(model, set(replaced))
        directory = os.path.join(OUT, name)
        if os.path.isdir(directory):
            shutil.rmtree(directory)
        os.makedirs(directory)
        onnx.save_model(model, os.path.join(directory, "model.onnx"))
        np.save(os.path.join(directory, "output0.npy"), y.astype(np.float32), allow_pickle=False)
        checks = []
        for kind, (tname, _, fan_in, value) in sorted(smallest.items()):
            np.save(os.path.join(directory, f"param_{kind}.npy"), value, allow_pickle=False)
            checks.append({"initializer": tname, "rule": kind, "fan_in": fan_in, "file": f"param_{kind}.npy"})
        ops = sorted({n.op_type for n in model.graph.node})
        exporter = ("torch.onnx.export default exporter (dynamo=True, external data, dynamic batch)" if z.exporter == "dynamo"
                    else "torch.onnx.export (TorchScript exporter)")
        info = {
            "model": name, "source": f"torchvision {torchvision.__version__} {name.removesuffix('_dynamo')}, {exporter}, torch {torch.__version__.split('+')[0]}",
            "opset": opset, "seed": SEED, "gain": z.gain, "input": INPUT, "input_shape": shape,
            "output": z.output, "output_shape": list(y.shape),
            "atol": float(f"{atol:.3g}"), "rtol": 0.0,
            "max_abs_logit": scale, "ort_optimized_vs_unoptimized_max_diff": noise, **stats,
            "parameters": int(len(blob) // 4), "ops": ops, "seeded_checks": checks,
        }
        with open(os.path.join(directory, "seed.json"), "w") as f:
            json.dump(info, f, indent=2)
            f.write("\n")
        if a.weights_out:
            full_dir = os.path.join(a.weights_out, name)
            os.makedirs(full_dir, exist_ok=True)
            onnx.save_model(model, os.path.join(full_dir, "model.onnx"))
            with open(os.path.join(full_dir, "weights.bin"), "wb") as f:
                f.write(blob)
        size = os.path.getsize(os.path.join(directory, "model.onnx"))
        print(f"{name}: opset {opset}, {len(model.graph.node)} nodes, graph {size / 1024:.0f} KiB, "
              f"{len(blob) / 4e6:.1f} M parameters, max |y| {scale:.3g}, {stats}, ORT opt diff {noise:.2e}, atol {atol:.2e}, "
              f"ops {ops} ({time.time() - t0:.0f} s)", flush=True)


if __name__ == "__main__":
    main()
