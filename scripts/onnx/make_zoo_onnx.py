#!/usr/bin/env python3
"""torchvision models as ONNX graphs without weights, with ONNX Runtime's outputs for seeded weights.

For each model: torch.onnx.export (TorchScript exporter, a fixed opset, batch symbolic),
then every parameter initializer (what Conv, ConvTranspose, Gemm, MatMul, BatchNormalization
and PRelu read) is replaced by its seeded value (scripts/onnx/seeded.py, the rule cnnc's
importer implements) and ONNX Runtime (all optimisations off) runs the model on the seeded
input "input:image". Committed, in Tests/Goldens/onnx-zoo/<name>/:

    model.onnx    the graph; parameter initializers are EXTERNAL data in weights.bin,
                  which is not committed (cnnc's tests load with `seeded:` and regenerate it)
    output0.npy   ORT's logits [1, 1000] for the seeded weights and input
    seed.json     seed, gain, opset, the tolerance and how it was chosen

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
import warnings

import numpy as np
import onnx
import onnxruntime as ort
import torch
import torchvision

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)
import seeded  # noqa: E402  (scripts/onnx/seeded.py)

warnings.filterwarnings("ignore")
torch.set_num_threads(1)
OUT = os.path.join(REPO, "Tests", "Goldens", "onnx-zoo")
SEED = 2026
INPUT = "image"
OUTPUT = "logits"

# name: (constructor, opset, gain). The gain keeps the logits O(1-10): BatchNormalization after a
# conv is folded into it by the exporter, so nothing renormalises the activations, and with
# sqrt(2) the residual streams of the ResNets grow (logits ~170 for resnet18, ~3800 for resnet50).
MODELS = {
    "alexnet": (lambda: torchvision.models.alexnet(weights=None), 11, 2 ** 0.5),
    "vgg16": (lambda: torchvision.models.vgg16(weights=None), 13, 2 ** 0.5),
    "googlenet": (lambda: torchvision.models.googlenet(weights=None, aux_logits=False, init_weights=False), 17, 2 ** 0.5),
    "resnet18": (lambda: torchvision.models.resnet18(weights=None), 13, 1.0),
    "resnet50": (lambda: torchvision.models.resnet50(weights=None), 17, 1.0),
    "densenet121": (lambda: torchvision.models.densenet121(weights=None), 21, 2 ** 0.5),
    "mobilenet_v2": (lambda: torchvision.models.mobilenet_v2(weights=None), 11, 2 ** 0.5),
}


def ort_run(model_bytes, feeds, optimized):
    so = ort.SessionOptions()
    so.graph_optimization_level = (ort.GraphOptimizationLevel.ORT_ENABLE_ALL if optimized
                                   else ort.GraphOptimizationLevel.ORT_DISABLE_ALL)
    return ort.InferenceSession(model_bytes, so, providers=["CPUExecutionProvider"]).run(None, feeds)


def export(name):
    make, opset, gain = MODELS[name]
    torch.manual_seed(0)
    model = make().eval()
    x = torch.zeros(1, 3, 224, 224)
    buf = io.BytesIO()
    torch.onnx.export(model, (x,), buf, input_names=[INPUT], output_names=[OUTPUT], opset_version=opset,
                      dynamic_axes={INPUT: {0: "N"}, OUTPUT: {0: "N"}}, do_constant_folding=True, dynamo=False)
    return onnx.load_from_string(buf.getvalue()), opset, gain


def seed_parameters(model, gain):
    """Replaces every parameter initializer by its seeded value; returns their names."""
    replaced = []
    for t in model.graph.initializer:
        if t.data_type != onnx.TensorProto.FLOAT:
            continue
        kind, fan_in = seeded.role_of(model, t.name)
        consumers = [n.op_type for n in model.graph.node if t.name in n.input]
        if not set(consumers) & {"Conv", "ConvTranspose", "Gemm", "MatMul", "BatchNormalization", "PRelu"}:
            continue  # small constants (clip bounds, scales) stay inline with their own values
        value = seeded.initializer_value(t.name, list(t.dims), kind, fan_in, SEED, gain)
        t.ClearField("float_data")
        t.raw_data = value.tobytes()
        replaced.append(t.name)
    return replaced


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


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--only")
    ap.add_argument("--weights-out")
    a = ap.parse_args()
    names = a.only.split(",") if a.only else list(MODELS)
    for name in names:
        model, opset, gain = export(name)
        replaced = seed_parameters(model, gain)
        x = seeded.input_tensor(INPUT, [1, 3, 224, 224], SEED)
        full = model.SerializeToString()
        (y,) = ort_run(full, {INPUT: x}, optimized=False)
        (y_opt,) = ort_run(full, {INPUT: x}, optimized=True)
        noise = float(np.abs(y - y_opt).max())
        scale = float(np.abs(y).max())
        atol = max(20 * noise, 1e-4 * scale)
        blob = externalize(model, set(replaced))
        directory = os.path.join(OUT, name)
        if os.path.isdir(directory):
            shutil.rmtree(directory)
        os.makedirs(directory)
        onnx.save_model(model, os.path.join(directory, "model.onnx"))
        np.save(os.path.join(directory, "output0.npy"), y.astype(np.float32), allow_pickle=False)
        ops = sorted({n.op_type for n in model.graph.node})
        info = {
            "model": name, "source": f"torchvision {torchvision.__version__} {name}, torch.onnx.export (TorchScript exporter)",
            "opset": opset, "seed": SEED, "gain": gain, "input": INPUT, "input_shape": [1, 3, 224, 224],
            "atol": float(f"{atol:.3g}"), "rtol": 0.0,
            "max_abs_logit": scale, "ort_optimized_vs_unoptimized_max_diff": noise,
            "parameters": int(len(blob) // 4), "ops": ops,
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
              f"{len(blob) / 4e6:.1f} M parameters, max |logit| {scale:.3g}, ORT opt diff {noise:.2e}, atol {atol:.2e}, ops {ops}")


if __name__ == "__main__":
    main()
