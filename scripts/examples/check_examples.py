#!/usr/bin/env python3
"""Independent NumPy interpreter for the net.json subset used by the examples;
checks every example's net.json + safetensors against PyTorch's outputs, so a
layout or naming mistake in the examples shows up without the compiler.

    python3 scripts/examples/check_examples.py
"""
import json
import os
import sys

import numpy as np
from safetensors.numpy import load_file


def pads(L, I, K, S):
    p = L.get("padding", "valid")
    if p == "valid":
        return 0, 0
    if p == "same":
        total = max((-(-I // S) - 1) * S + K - I, 0)
        return total // 2, total - total // 2
    if isinstance(p, int):
        return p, p
    raise ValueError(p)


def conv2d(x, w, b, L):
    n, c, h, wd = x.shape
    f, _, k, _ = w.shape
    s = L.get("stride", 1)
    (pt, pb), (pl, pr) = pads(L, h, k, s), pads(L, wd, k, s)
    x = np.pad(x, ((0, 0), (0, 0), (pt, pb), (pl, pr)))
    oh, ow = (x.shape[2] - k) // s + 1, (x.shape[3] - k) // s + 1
    out = np.zeros((n, f, oh, ow), np.float64)
    for i in range(k):
        for j in range(k):
            patch = x[:, :, i:i + s * oh:s, j:j + s * ow:s]  # n c oh ow
            out += np.einsum("nchw,fc->nfhw", patch, w[:, :, i, j])
    return out + b[None, :, None, None]


def pool(x, L, fn):
    s = L["size"]
    n, c, h, w = x.shape
    oh, ow = h // s, w // s
    x = x[:, :, :oh * s, :ow * s].reshape(n, c, oh, s, ow, s)
    return fn(x, axis=(3, 5))


ACT = {"relu": lambda v: np.maximum(v, 0), "tanh": np.tanh, None: lambda v: v}


def run(net_path, x):
    net = json.load(open(net_path))
    wts = load_file(os.path.join(os.path.dirname(net_path), net["weights"]))
    used = set()
    x = x.astype(np.float64)

    def P(layer, p):
        used.add(f"{layer}.{p}")
        return wts[f"{layer}.{p}"].astype(np.float64)

    for L in net["layers"]:
        op, nm = L["op"], L["name"]
        if op == "conv2d":
            x = ACT[L.get("activation")](conv2d(x, P(nm, "weight"), P(nm, "bias"), L))
        elif op == "dense":
            x = ACT[L.get("activation")](x @ P(nm, "weight").T + P(nm, "bias"))
        elif op == "maxpool2d":
            x = pool(x, L, np.max)
        elif op == "avgpool2d":
            x = pool(x, L, np.mean)
        elif op == "flatten":
            x = x.reshape(x.shape[0], -1)
        elif op == "dropout":
            pass
        elif op == "softmax":
            e = np.exp(x - x.max(axis=1, keepdims=True))
            x = e / e.sum(axis=1, keepdims=True)
        else:
            raise ValueError(op)
    assert used == set(wts), f"unused/missing tensors: {set(wts) ^ used}"
    assert all(t.dtype == np.float32 for t in wts.values())
    return x


def main():
    root = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "examples"))
    ok = True
    cases = [("digits", "test_images.npy", "torch_probabilities.npy"),
             ("lenet5", "input.npy", "expected.npy"),
             ("keras-mnist", "input.npy", "expected.npy")]
    for name, xi, yo in cases:
        d = os.path.join(root, name)
        x, y = np.load(os.path.join(d, xi)), np.load(os.path.join(d, yo))
        got = run(os.path.join(d, "net.json"), x)
        err = float(np.abs(got - y).max())
        print(f"{name}: {x.shape} -> {got.shape}, max |numpy - torch| = {err:.2e}")
        ok &= err < 1e-5 and got.shape == y.shape
        if name == "digits":
            labels = np.load(os.path.join(d, "test_labels.npy"))
            acc = json.load(open(os.path.join(d, "torch_accuracy.json")))
            correct = int((got.argmax(1) == labels).sum())
            print(f"  numpy accuracy {correct}/{len(labels)}; torch_accuracy.json {acc}")
            ok &= correct == acc["correct"]
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
