#!/usr/bin/env python3
"""Build the LeNet-5 and Keras-MNIST reference nets with PyTorch's default
(seeded) initialisation and write examples/lenet5/ and examples/keras-mnist/:
net.json, <name>.safetensors, input.npy ([2, ...], seeded normal),
expected.npy (PyTorch's output, [2, 10]) and README.md.

    python3 scripts/examples/make_reference_nets.py [--out examples]
"""
import argparse
import os
import sys

import numpy as np
import torch
import torch.nn as nn

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))  # scripts/: the cnnc_tools package
from cnnc_tools.netjson import save_safetensors, write_net_json  # noqa: E402

SEED = 1998
BATCH = 2

LENET5 = {
    "version": 1,
    "name": "lenet5",
    "inputs": [{"name": "image", "shape": [1, 32, 32]}],
    "weights": "lenet5.safetensors",
    "layers": [
        {"name": "c1", "op": "conv2d", "filters": 6, "kernel": 5, "activation": "tanh"},
        {"name": "s2", "op": "avgpool2d", "size": 2},
        {"name": "c3", "op": "conv2d", "filters": 16, "kernel": 5, "activation": "tanh"},
        {"name": "s4", "op": "avgpool2d", "size": 2},
        {"name": "flat", "op": "flatten"},
        {"name": "f5", "op": "dense", "units": 120, "activation": "tanh"},
        {"name": "f6", "op": "dense", "units": 84, "activation": "tanh"},
        {"name": "out", "op": "dense", "units": 10},
        {"name": "prob", "op": "softmax"},
    ],
    "outputs": ["prob"],
}

KERAS_MNIST = {
    "version": 1,
    "name": "keras-mnist",
    "inputs": [{"name": "image", "shape": [1, 28, 28]}],
    "weights": "keras-mnist.safetensors",
    "layers": [
        {"name": "conv1", "op": "conv2d", "filters": 25, "kernel": 3, "activation": "relu"},
        {"name": "pool1", "op": "maxpool2d", "size": 2},
        {"name": "conv2", "op": "conv2d", "filters": 50, "kernel": 3, "activation": "relu"},
        {"name": "pool2", "op": "maxpool2d", "size": 2},
        {"name": "flatten", "op": "flatten"},
        {"name": "dense1", "op": "dense", "units": 100, "activation": "relu"},
        {"name": "dense2", "op": "dense", "units": 10},
        {"name": "softmax", "op": "softmax"},
    ],
}

ACT = {"tanh": nn.Tanh, "relu": nn.ReLU}


def build(net):
    """PyTorch module list for the (small) subset of net.json used here,
    plus per-layer output shapes, parameter counts and MACs."""
    shape = list(net["inputs"][0]["shape"])
    mods, rows = nn.ModuleDict(), []
    for L in net["layers"]:
        op, name = L["op"], L["name"]
        params = macs = 0
        if op == "conv2d":
            c, h, w = shape
            k, f = L["kernel"], L["filters"]
            conv = nn.Conv2d(c, f, k)
            seq = [conv] + ([ACT[L["activation"]]()] if "activation" in L else [])
            mods[name] = nn.Sequential(*seq)
            shape = [f, h - k + 1, w - k + 1]
            params = sum(p.numel() for p in conv.parameters())
            macs = f * shape[1] * shape[2] * c * k * k
        elif op in ("maxpool2d", "avgpool2d"):
            s = L["size"]
            mods[name] = (nn.MaxPool2d if op == "maxpool2d" else nn.AvgPool2d)(s)
            shape = [shape[0], shape[1] // s, shape[2] // s]
        elif op == "flatten":
            mods[name] = nn.Flatten()
            shape = [int(np.prod(shape))]
        elif op == "dense":
            lin = nn.Linear(shape[0], L["units"])
            seq = [lin] + ([ACT[L["activation"]]()] if "activation" in L else [])
            mods[name] = nn.Sequential(*seq)
            params = sum(p.numel() for p in lin.parameters())
            macs = shape[0] * L["units"]
            shape = [L["units"]]
        elif op == "softmax":
            mods[name] = nn.Softmax(dim=1)
        else:
            raise ValueError(op)
        rows.append((name, op, list(shape), params, macs))
    return mods, rows


def forward(mods, x):
    for m in mods.values():
        x = m(x)
    return x


README_LENET5 = """# LeNet-5

LeNet-5 from Y. LeCun, L. Bottou, Y. Bengio and P. Haffner, "Gradient-based
learning applied to document recognition", Proc. IEEE 86(11), 1998 — written
exactly as the example in the net.json contract (`/work/shared/net-format.md`).

It is the common modern simplification, not the 1998 original: every C3 map
sees all 6 S2 maps (the paper connects each C3 map to a subset, 1,516
parameters); S2/S4 are plain average pools (the paper's subsampling layers have
a trainable coefficient and bias per map, 12 + 32 parameters); C5 is a dense
layer on the flattened 16x5x5 (equivalent for a 32x32 input); tanh instead of
the scaled 1.7159 tanh(2/3 a); the output is a dense layer + softmax instead of
the Euclidean RBF units. The paper's trainable parameters: C1 156, S2 12,
C3 1,516, S4 32, C5 48,120, F6 10,164 = 60,000 (the paper's "60,000"; the RBF
layer's 84x10 codes are fixed, not trained).

{table}
"""

README_KERAS = """# keras-mnist

The classic small Keras MNIST convnet as taught in course material
(`Conv2D(25, 3, relu) -> MaxPool(2) -> Conv2D(50, 3, relu) -> MaxPool(2) ->
Flatten -> Dense(100, relu) -> Dense(10, softmax)`, 28x28x1 input, "valid"
padding), written channels-first in net.json. Keras' `model.summary()` for this
architecture reports 137,660 trainable parameters (250 + 11,300 + 125,100 +
1,010); this net has the same count (PyTorch and Keras count conv/dense
parameters identically; only the layouts differ, and here they are PyTorch's).
The second pool floors 11 to 5 (Keras' and PyTorch's default).

{table}
"""

COMMON = """Weights are PyTorch's default initialisation with `torch.manual_seed({seed})`
(untrained): the example checks numerics, not accuracy.

Files:
- `net.json` — the network (net.json version 1)
- `{weights}` — parameters `<layer>.weight` / `<layer>.bias`, F32, PyTorch layouts
- `input.npy` — float32 `{ishape}`, seeded standard normal
- `expected.npy` — float32 `{oshape}`, PyTorch's output for `input.npy`

Regenerate (deterministic): `python3 scripts/examples/make_reference_nets.py`
"""


def table(net, rows):
    total_p = sum(r[3] for r in rows)
    total_m = sum(r[4] for r in rows)
    ishape = net["inputs"][0]["shape"]
    out = [
        f"Parameters: {total_p:,} (this net). MACs per sample: {total_m:,} "
        "(conv and dense multiply-accumulates).",
        "",
        "| layer | op | output shape | parameters | MACs |",
        "| --- | --- | --- | ---: | ---: |",
        f"| {net['inputs'][0]['name']} | input | {ishape} | | |",
    ]
    for name, op, shape, p, m in rows:
        out.append(f"| {name} | {op} | {shape} | {p:,} | {m:,} |" if p else f"| {name} | {op} | {shape} | | |")
    out.append(f"| **total** | | | **{total_p:,}** | **{total_m:,}** |")
    return "\n".join(out)


def make(net, readme, outdir, seed):
    os.makedirs(outdir, exist_ok=True)
    torch.manual_seed(seed)
    mods, rows = build(net)
    mods.eval()
    x = torch.randn([BATCH] + net["inputs"][0]["shape"], generator=torch.Generator().manual_seed(seed + 1))
    with torch.no_grad():
        y = forward(mods, x)
    tensors = {}
    for name, m in mods.items():
        layer = m[0] if isinstance(m, nn.Sequential) else m
        for p, t in layer.named_parameters():
            tensors[f"{name}.{p}"] = t.detach().contiguous().clone()
    save_safetensors(os.path.join(outdir, net["weights"]), tensors)
    write_net_json(os.path.join(outdir, "net.json"), net)
    np.save(os.path.join(outdir, "input.npy"), x.numpy().astype(np.float32))
    np.save(os.path.join(outdir, "expected.npy"), y.numpy().astype(np.float32))
    text = readme.format(table=table(net, rows)) + "\n" + COMMON.format(
        seed=seed, weights=net["weights"], ishape=list(x.shape), oshape=list(y.shape))
    with open(os.path.join(outdir, "README.md"), "w") as f:
        f.write(text)
    print(f"{net['name']}: params {sum(r[3] for r in rows):,}, MACs {sum(r[4] for r in rows):,}, "
          f"output {list(y.shape)}")


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default=os.path.join(here, "..", "..", "examples"))
    args = ap.parse_args()
    out = os.path.normpath(args.out)
    torch.set_num_threads(1)
    torch.use_deterministic_algorithms(True)
    make(LENET5, README_LENET5, os.path.join(out, "lenet5"), SEED)
    make(KERAS_MNIST, README_KERAS, os.path.join(out, "keras-mnist"), SEED + 100)


if __name__ == "__main__":
    main()
