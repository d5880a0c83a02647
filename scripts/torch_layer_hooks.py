#!/usr/bin/env python3
"""Per-layer reference outputs from PyTorch, for `cnnc verify NET --per-layer --reference DIR`.

Registers a forward hook on every named leaf module of a PyTorch model, runs one batch, and
writes DIR/layers.json plus one .npy per module (the layout `cnnc run --all-layers` writes).
Each module's file is named by its module path (e.g. `features.0`); give your net.json layers
the same names (or pass --rename old=new) so cnnc can match them.

UNTESTED HERE: torch is not installed in cnnc's CI, so this script has never been run by the
test suite; it is deliberately short. Usage, from Python:

    from torch_layer_hooks import dump_layers
    dump_layers(model, torch.from_numpy(np.load("x.npy")), "reference_dir")

or from the command line with a module that builds the model:

    python3 scripts/torch_layer_hooks.py mypackage.models:make_net x.npy reference_dir [--weights w.pt]
"""

import argparse
import importlib
import json
import os

import numpy as np


def dump_layers(model, x, directory, rename=None):
    import torch

    rename = rename or {}
    model.eval()
    captured = []
    handles = []
    for name, module in model.named_modules():
        if not name or any(True for _ in module.children()):
            continue  # the root and containers: only leaf modules are layers

        def hook(module, inputs, output, name=name):
            if isinstance(output, torch.Tensor) and output.is_floating_point():
                captured.append((rename.get(name, name), output.detach().float().cpu().numpy()))

        handles.append(module.register_forward_hook(hook))
    try:
        with torch.no_grad():
            model(x)
    finally:
        for h in handles:
            h.remove()
    os.makedirs(directory, exist_ok=True)
    entries, seen = [], set()
    for position, (name, value) in enumerate(captured):
        if name in seen:
            continue  # a module called twice: its first call is kept
        seen.add(name)
        safe = "".join(c if (c.isascii() and (c.isalnum() or c in "._-")) else "_" for c in name[:80])
        file = f"{position:04d}_{safe}.npy"
        np.save(os.path.join(directory, file), value)
        entries.append({"name": name, "file": file, "shape": list(value.shape)})
    with open(os.path.join(directory, "layers.json"), "w") as f:
        json.dump({"model": type(model).__name__, "batch": int(x.shape[0]), "layers": entries}, f, indent=1)
    return [e["name"] for e in entries]


def main():
    import torch

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("factory", help="module:function that returns the model")
    parser.add_argument("input", help="the input batch as .npy")
    parser.add_argument("directory")
    parser.add_argument("--weights", help="a state_dict saved with torch.save")
    parser.add_argument("--rename", action="append", default=[], help="OLD=NEW: write module OLD as layer NEW")
    args = parser.parse_args()
    module, _, function = args.factory.partition(":")
    model = getattr(importlib.import_module(module), function)()
    if args.weights:
        model.load_state_dict(torch.load(args.weights, map_location="cpu"))
    rename = dict(r.split("=", 1) for r in args.rename)
    names = dump_layers(model, torch.from_numpy(np.load(args.input)), args.directory, rename)
    print(f"wrote {len(names)} layers to {args.directory}")


if __name__ == "__main__":
    main()
