#!/usr/bin/env python3
"""Checks scripts/torch_layer_hooks.py end to end on the LeNet-5 example, against cnnc.

PyTorch is the reference here: the LeNet-5 example's weights are PyTorch's seeded default
initialisation (make_reference_nets.py), so rebuilding the net with the same seed gives the
same modules. The check:
1. the rebuilt net reproduces examples/lenet5/expected.npy (so it is the example's network);
2. dump_layers with the net.json layer names writes one .npy per layer and what each reads, and
   `cnnc verify examples/lenet5/net.json --per-layer --reference DIR` passes (exit 0);
3. with one weight of c3 changed in PyTorch only, the same command exits 1 and names s4 (whose
   kernel holds c3) as the first layer out of tolerance, and c3 itself with --no-fuse;
4. asking for a module the net lacks is a ValueError naming it.

It needs torch, which cnnc's CI does not install (its Linux wheels pull in gigabytes of CUDA
libraries): run it with bench/compare's venv, which has torch:

    .build/bench-venv/bin/python scripts/examples/check_torch_layer_hooks.py --cnnc .build/debug/cnnc
"""
import argparse
import collections
import os
import subprocess
import sys
import tempfile

import numpy as np
import torch

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(ROOT, "scripts"))
from make_reference_nets import LENET5, SEED, build  # noqa: E402
from torch_layer_hooks import dump_layers  # noqa: E402


def verify(cnnc, reference, *options):
    example = os.path.join(ROOT, "examples", "lenet5")
    return subprocess.run(
        [cnnc, "verify", os.path.join(example, "net.json"), "--input", os.path.join(example, "input.npy"),
         "--per-layer", "--reference", reference, *options],
        capture_output=True, text=True)


def expect_failure(result, first):
    print(result.stdout)
    assert result.returncode == 1, f"expected exit 1 with a changed c3 weight, got {result.returncode}:\n{result.stderr}"
    assert f"first layer out of tolerance: {first}\n" in result.stdout, result.stdout


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cnnc", default=os.path.join(ROOT, ".build", "debug", "cnnc"))
    args = parser.parse_args()
    torch.manual_seed(SEED)
    modules, _ = build(LENET5)
    net = torch.nn.Sequential(collections.OrderedDict(modules.items())).eval()
    x = torch.from_numpy(np.load(os.path.join(ROOT, "examples", "lenet5", "input.npy")))
    expected = np.load(os.path.join(ROOT, "examples", "lenet5", "expected.npy"))
    with torch.no_grad():
        got = net(x).numpy()
    assert np.array_equal(got, expected), f"the rebuilt LeNet-5 is not the example's: max diff {np.abs(got - expected).max()}"
    layers = [layer["name"] for layer in LENET5["layers"]]

    with tempfile.TemporaryDirectory() as work:
        good = os.path.join(work, "good")
        written = dump_layers(net, x, good, modules=layers)
        assert written == layers, written
        result = verify(args.cnnc, good)
        print(result.stdout)
        assert result.returncode == 0, f"verify against PyTorch's layers failed ({result.returncode}):\n{result.stderr}"
        assert "passed:" in result.stdout, result.stdout

        with torch.no_grad():
            net.c3[0].weight[3, 2, 1, 1] += 0.5
        bad = os.path.join(work, "bad")
        dump_layers(net, x, bad, modules=layers)
        # Fused, c3 runs inside s4's kernel, so s4 is the first layer compared that differs, and
        # the report names what s4's kernel reads, from the inputs dump_layers recorded.
        fused = verify(args.cnnc, bad)
        expect_failure(fused, "s4")
        assert "it reads (through the layers fused into its kernel):\n    c3: fused into s4\n    s2: PASS" in fused.stdout, fused.stdout
        # With --no-fuse every layer is compared, and c3 itself is named.
        expect_failure(verify(args.cnnc, bad, "--no-fuse"), "c3")

        try:
            dump_layers(net, x, os.path.join(work, "none"), modules=["c1", "c9"])
        except ValueError as error:
            assert "'c9'" in str(error), error
        else:
            raise AssertionError("a module the net lacks was accepted")
    print("torch_layer_hooks: LeNet-5 layers match cnnc; a changed c3 weight is found at c3")


if __name__ == "__main__":
    main()
