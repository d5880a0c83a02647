#!/usr/bin/env python3
"""Run the zoo's full-size goldens through a cnnc binary, from Python (a local check; the Swift
tests do the same in CI from docs/seeded-weights.md).

For each examples/<name>/ with a seed.json: writes the seeded weights and input to a work folder,
copies net.json there with every layer of seed.json's "outputs" listed as an output (so the
logits are returned too), compiles it with `cnnc compile`, runs it with `cnnc run`, and compares
each expected file with its atol / rtol.

    python3 scripts/zoo/check_cnnc.py [--cnnc .build/release/cnnc] [--only NAME,...] [--work DIR]

Needs numpy and safetensors only (no torch).
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
import time

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))  # scripts/: the cnnc_tools package
from cnnc_tools import seeded  # noqa: E402


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cnnc", default=os.path.join(REPO, ".build", "release", "cnnc"))
    ap.add_argument("--only")
    ap.add_argument("--work", help="default: a temporary folder, deleted after")
    ap.add_argument("--threads", type=int, default=0)
    a = ap.parse_args()
    ex = os.path.join(REPO, "examples")
    names = a.only.split(",") if a.only else sorted(n for n in os.listdir(ex)
                                                     if os.path.exists(os.path.join(ex, n, "seed.json")))
    tmp = None if a.work else tempfile.TemporaryDirectory()
    work = a.work or tmp.name
    passed = failed = 0
    for name in names:
        d, w = os.path.join(ex, name), os.path.join(work, name)
        os.makedirs(w, exist_ok=True)
        cfg = json.load(open(os.path.join(d, "seed.json")))
        net = json.load(open(os.path.join(d, "net.json")))
        net["outputs"] = list(dict.fromkeys([o["layer"] for o in cfg["outputs"].values()] + net["outputs"]))
        with open(os.path.join(w, "net.json"), "w") as f:
            json.dump(net, f)
        from safetensors.numpy import save_file
        save_file(seeded.net_parameters(net, cfg["seed"], cfg["gain"]), os.path.join(w, net["weights"]))
        run = [a.cnnc, "run", os.path.join(w, "lib.so")]
        if a.threads:
            run += ["--threads", str(a.threads)]
        for iname, shape in cfg["inputs"].items():
            np.save(os.path.join(w, f"in_{iname}.npy"), seeded.input_tensor(iname, shape, cfg["seed"]))
            run += ["--input", f"{iname}={os.path.join(w, f'in_{iname}.npy')}"]
        for fname, o in cfg["outputs"].items():
            run += ["--output", f"{o['layer']}={os.path.join(w, 'got_' + fname)}"]
        t0 = time.time()
        subprocess.run([a.cnnc, "compile", os.path.join(w, "net.json"), "-o", os.path.join(w, "lib.so")], check=True)
        t1 = time.time()
        subprocess.run(run, check=True)
        for fname, o in cfg["outputs"].items():
            exp = np.load(os.path.join(d, fname))
            got = np.load(os.path.join(w, "got_" + fname))
            err = np.abs(got.astype(np.float64) - exp)
            ok = got.shape == exp.shape and bool(np.all(err <= o["atol"] + o["rtol"] * np.abs(exp)))
            worst = float((err / (o["atol"] + o["rtol"] * np.abs(exp))).max()) if got.shape == exp.shape else float("inf")
            print(f"{'ok  ' if ok else 'FAIL'} {name:15s} {fname:20s} max |err| {err.max():.2e} "
                  f"(worst err / tolerance {worst:.3f}); compile {t1 - t0:.1f} s", flush=True)
            passed, failed = passed + ok, failed + (not ok)
    print(f"{passed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
