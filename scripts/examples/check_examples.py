#!/usr/bin/env python3
"""Re-runs every small example's net.json + safetensors with the reference interpreter of the
net.json format (scripts/cnnc_tools/reference.py, the one the op goldens come from; float64)
and compares with the PyTorch outputs committed beside it, so a layout or naming mistake in the
examples shows up without the compiler.

    python3 scripts/examples/check_examples.py
"""
import json
import os
import sys

import numpy as np
import torch
from safetensors.numpy import load_file

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))  # scripts/: the cnnc_tools package
from cnnc_tools.reference import evaluate  # noqa: E402


def run(net_path, x):
    net = json.load(open(net_path))
    wts = load_file(os.path.join(os.path.dirname(net_path), net["weights"]))
    assert all(t.dtype == np.float32 for t in wts.values())
    (y,) = evaluate(net, wts, [x.astype(np.float32)], torch.float64)  # every tensor of the file used, once
    return y.numpy()


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
        print(f"{name}: {x.shape} -> {got.shape}, max |reference - torch| = {err:.2e}")
        ok &= err < 1e-5 and got.shape == y.shape
        if name == "digits":
            labels = np.load(os.path.join(d, "test_labels.npy"))
            acc = json.load(open(os.path.join(d, "torch_accuracy.json")))
            correct = int((got.argmax(1) == labels).sum())
            print(f"  reference accuracy {correct}/{len(labels)}; torch_accuracy.json {acc}")
            ok &= correct == acc["correct"]
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
