#!/usr/bin/env python3
"""Per-layer reference outputs from PyTorch, for `cnnc verify NET --per-layer --reference DIR`.

Registers a forward hook on every named leaf module of a PyTorch model (or on the modules
named with --module, containers included), runs one batch, and writes DIR/layers.json plus one
.npy per module (the layout `cnnc run --all-layers` writes). layers.json lists the hooked
modules each one read (a tensor made outside a hooked module, by a functional call in a
forward method, is not traced back). Each module's file is named by its
module path (e.g. `features.0`); give your net.json layers the same names (or pass
--rename old=new) so cnnc can match them. A net.json layer with a fused activation
(`"activation": "relu"` on a conv) is a conv module followed by an activation module in
PyTorch: name the container that holds both (an `nn.Sequential`) with --module.

Checked by scripts/examples/check_torch_layer_hooks.py against the LeNet-5 example (it needs
torch, which cnnc's CI does not install: run it with bench/compare's venv). Usage, from Python:

    from torch_layer_hooks import dump_layers
    dump_layers(model, torch.from_numpy(np.load("x.npy")), "reference_dir")

or from the command line with a module that builds the model:

    python3 scripts/torch_layer_hooks.py mypackage.models:make_net x.npy reference_dir \
        [--weights w.pt] [--module NAME ...] [--rename OLD=NEW ...]
"""

import argparse
import importlib
import json
import os
import sys

import numpy as np


def dump_layers(model, x, directory, rename=None, modules=None):
    """Runs `model` on `x` and writes each hooked module's output into `directory`.

    `modules` names the modules to hook (any depth, containers included); by default every leaf
    module is hooked. Returns the layer names written, in the order they ran.
    """
    import torch

    rename = rename or {}
    model.eval()
    named = dict(model.named_modules())
    if modules is None:
        # The root and containers are not layers: only leaf modules are.
        chosen = [n for n, m in named.items() if n and not any(True for _ in m.children())]
    else:
        missing = [n for n in modules if n not in named or not n]
        if missing:
            raise ValueError(
                f"no module named {', '.join(repr(n) for n in missing)} in {type(model).__name__}; "
                f"expected one of {', '.join(n for n in named if n)}")
        chosen = list(modules)
    captured = []
    handles = []
    # Which hooked module produced each tensor, so each layer can list the layers it reads (cnnc
    # verify names them when a layer fails). The tensors are kept alive for the run, so their ids
    # are not reused.
    producers, alive = {}, []
    for name in chosen:
        module = named[name]

        def hook(module, inputs, output, name=name):
            if isinstance(output, torch.Tensor) and output.is_floating_point():
                reads = [producers[id(t)] for t in inputs if isinstance(t, torch.Tensor) and id(t) in producers]
                layer = rename.get(name, name)
                # A copy: a later in-place module (nn.ReLU(inplace=True)) must not change it.
                captured.append((layer, output.detach().float().cpu().numpy().copy(), reads))
                producers[id(output)] = layer
                alive.append(output)

        handles.append(module.register_forward_hook(hook))
    try:
        with torch.no_grad():
            model(x)
    finally:
        for h in handles:
            h.remove()
    os.makedirs(directory, exist_ok=True)
    entries, seen = [], set()
    for position, (name, value, reads) in enumerate(captured):
        if name in seen:
            continue  # a module called twice: its first call is kept
        seen.add(name)
        safe = "".join(c if (c.isascii() and (c.isalnum() or c in "._-")) else "_" for c in name[:80])
        file = f"{position:04d}_{safe}.npy"
        np.save(os.path.join(directory, file), value)
        entries.append({"name": name, "file": file, "shape": list(value.shape), "inputs": reads})
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
    parser.add_argument("--module", action="append", help="hook the module NAME (repeatable; default: every leaf)")
    args = parser.parse_args()
    module, _, function = args.factory.partition(":")
    model = getattr(importlib.import_module(module), function)()
    if args.weights:
        model.load_state_dict(torch.load(args.weights, map_location="cpu"))
    rename = dict(r.split("=", 1) for r in args.rename)
    try:
        names = dump_layers(model, torch.from_numpy(np.load(args.input)), args.directory, rename, args.module)
    except ValueError as error:
        sys.exit(f"error: {error}")
    print(f"wrote {len(names)} layers to {args.directory}")


if __name__ == "__main__":
    main()
