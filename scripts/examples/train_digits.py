#!/usr/bin/env python3
"""Train the bundled `digits` demo CNN and write examples/digits/.

Deterministic: fixed seeds, torch.use_deterministic_algorithms(True), one
thread, CPU only. Data: scikit-learn's bundled 8x8 digits (no download).

    python3 scripts/examples/train_digits.py [--out examples/digits]
"""
import argparse
import json
import os
import random
import sys

import numpy as np
import torch
import torch.nn as nn
from sklearn.datasets import load_digits

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))  # scripts/: the cnnc_tools package
from cnnc_tools.netjson import save_safetensors, write_net_json  # noqa: E402

SEED = 20240601
TEST_SIZE = 360
EPOCHS = 40
BATCH = 64
LR = 2e-3

NET = {
    "version": 1,
    "name": "digits",
    "inputs": [{"name": "image", "shape": [1, 8, 8]}],
    "weights": "digits.safetensors",
    "layers": [
        {"name": "conv1", "op": "conv2d", "filters": 16, "kernel": 3, "padding": "same", "activation": "relu"},
        {"name": "pool1", "op": "maxpool2d", "size": 2},
        {"name": "conv2", "op": "conv2d", "filters": 32, "kernel": 3, "padding": "same", "activation": "relu"},
        {"name": "pool2", "op": "maxpool2d", "size": 2},
        {"name": "flatten", "op": "flatten"},
        {"name": "fc1", "op": "dense", "units": 64, "activation": "relu"},
        {"name": "dropout", "op": "dropout", "rate": 0.25},
        {"name": "fc2", "op": "dense", "units": 10},
        {"name": "probabilities", "op": "softmax"},
    ],
}

README = """# digits — the bundled demo model

A small CNN that classifies scikit-learn's bundled 8x8 handwritten digits
(`sklearn.datasets.load_digits`: 1,797 images, 16 grey levels, from the UCI
"Optical Recognition of Handwritten Digits" set; no download needed).

| layer | op | output shape |
| --- | --- | --- |
| image | input | [1, 8, 8] |
| conv1 | conv2d 16 x 3x3, padding "same", relu | [16, 8, 8] |
| pool1 | maxpool2d 2 | [16, 4, 4] |
| conv2 | conv2d 32 x 3x3, padding "same", relu | [32, 4, 4] |
| pool2 | maxpool2d 2 | [32, 2, 2] |
| flatten | flatten | [128] |
| fc1 | dense 64, relu | [64] |
| dropout | dropout 0.25 (identity at inference) | [64] |
| fc2 | dense 10 | [10] |
| probabilities | softmax | [10] |

{params:,} parameters. Pixels are scaled to [0, 1] (value / 16).

Training: PyTorch, Adam (lr {lr}), batch {batch}, {epochs} epochs, cross-entropy,
on {ntrain} images; {ntest} images (chosen by a seeded permutation, seed {seed})
are held out as the test set. Seeded, `torch.use_deterministic_algorithms(True)`,
one CPU thread:

    python3 scripts/examples/train_digits.py

Test accuracy (PyTorch, eval mode): **{correct}/{ntest} = {acc:.2%}**.

Files:
- `net.json` — the network (net.json version 1); output: the softmax probabilities
- `digits.safetensors` — `conv1/conv2/fc1/fc2` `.weight`/`.bias`, F32, PyTorch layouts
- `test_images.npy` — float32 `[{ntest}, 1, 8, 8]`, the held-out images
- `test_labels.npy` — float32 `[{ntest}]`, the true digit of each image
- `torch_probabilities.npy` — float32 `[{ntest}, 10]`, PyTorch's output on the test set
- `torch_accuracy.json` — correct / total / accuracy of PyTorch's argmax

`python3 scripts/examples/check_examples.py` re-runs net.json + weights with the
reference interpreter of the op goldens (float64) against these files.
"""


class Digits(nn.Module):
    def __init__(self):
        super().__init__()
        # "same" with stride 1 and a 3x3 kernel == symmetric padding 1.
        self.conv1 = nn.Conv2d(1, 16, 3, padding=1)
        self.conv2 = nn.Conv2d(16, 32, 3, padding=1)
        self.fc1 = nn.Linear(32 * 2 * 2, 64)
        self.dropout = nn.Dropout(0.25)
        self.fc2 = nn.Linear(64, 10)

    def forward(self, x):
        x = torch.max_pool2d(torch.relu(self.conv1(x)), 2)
        x = torch.max_pool2d(torch.relu(self.conv2(x)), 2)
        x = torch.flatten(x, 1)
        x = self.dropout(torch.relu(self.fc1(x)))
        return torch.softmax(self.fc2(x), dim=1)  # the logits path is used for training


def logits(model, x):
    x = torch.max_pool2d(torch.relu(model.conv1(x)), 2)
    x = torch.max_pool2d(torch.relu(model.conv2(x)), 2)
    x = torch.flatten(x, 1)
    x = model.dropout(torch.relu(model.fc1(x)))
    return model.fc2(x)


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default=os.path.join(here, "..", "..", "examples", "digits"))
    args = ap.parse_args()
    out = os.path.normpath(args.out)
    os.makedirs(out, exist_ok=True)

    random.seed(SEED)
    np.random.seed(SEED)
    torch.manual_seed(SEED)
    torch.set_num_threads(1)
    torch.use_deterministic_algorithms(True)

    digits = load_digits()
    x = (digits.images.astype(np.float32) / 16.0)[:, None, :, :]  # [1797, 1, 8, 8]
    y = digits.target.astype(np.int64)
    perm = np.random.RandomState(SEED).permutation(len(x))
    test_idx, train_idx = np.sort(perm[:TEST_SIZE]), perm[TEST_SIZE:]
    x_train, y_train = torch.from_numpy(x[train_idx]), torch.from_numpy(y[train_idx])
    x_test, y_test = x[test_idx], y[test_idx]

    model = Digits()
    opt = torch.optim.Adam(model.parameters(), lr=LR)
    loss_fn = nn.CrossEntropyLoss()
    gen = torch.Generator().manual_seed(SEED)
    for epoch in range(EPOCHS):
        model.train()
        order = torch.randperm(len(x_train), generator=gen)
        total = 0.0
        for i in range(0, len(order), BATCH):
            idx = order[i:i + BATCH]
            opt.zero_grad()
            loss = loss_fn(logits(model, x_train[idx]), y_train[idx])
            loss.backward()
            opt.step()
            total += loss.item() * len(idx)
        if epoch % 10 == 9 or epoch == EPOCHS - 1:
            print(f"epoch {epoch + 1}: train loss {total / len(x_train):.4f}")

    model.eval()
    with torch.no_grad():
        probs = model(torch.from_numpy(x_test)).numpy().astype(np.float32)
    pred = probs.argmax(axis=1)
    correct = int((pred == y_test).sum())
    total = len(y_test)
    print(f"test accuracy: {correct}/{total} = {correct / total:.4f}")

    tensors = {
        f"{name}.{p}": t.detach().contiguous().clone()
        for name in ("conv1", "conv2", "fc1", "fc2")
        for p, t in getattr(model, name).named_parameters()
    }
    save_safetensors(os.path.join(out, "digits.safetensors"), tensors)
    write_net_json(os.path.join(out, "net.json"), NET)
    np.save(os.path.join(out, "test_images.npy"), np.ascontiguousarray(x_test, dtype=np.float32))
    np.save(os.path.join(out, "test_labels.npy"), y_test.astype(np.float32))
    np.save(os.path.join(out, "torch_probabilities.npy"), probs)
    with open(os.path.join(out, "torch_accuracy.json"), "w") as f:
        json.dump({"correct": correct, "total": total, "accuracy": correct / total}, f)
        f.write("\n")
    with open(os.path.join(out, "README.md"), "w") as f:
        f.write(README.format(params=sum(t.numel() for t in tensors.values()), lr=LR, batch=BATCH,
                              epochs=EPOCHS, ntrain=len(x_train), ntest=total, seed=SEED,
                              correct=correct, acc=correct / total))


if __name__ == "__main__":
    main()
