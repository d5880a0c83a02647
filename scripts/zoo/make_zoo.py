#!/usr/bin/env python3
"""Full-size golden tests for the course's networks, with seeded weights (nothing big committed).

For each network: writes examples/<name>/net.json (readable, one layer per line), seed.json,
README.md, expected.npy and expected_logits.npy. The weights and the input come from the
seeded generator (scripts/cnnc_tools/seeded.py, specified in docs/seeded-weights.md), so a test
re-creates them from seed.json; PyTorch's outputs (float32, CPU, batch 1) are the goldens.

Checks made on every run:
- the PyTorch model (torchvision's where it exists) gets every parameter and float buffer
  from the seeded tensors through the layer -> module map, and the counts match net.json's;
- an independent reader of net.json (the torch-functional interpreter of
  scripts/goldens/make_op_goldens.py) evaluated on the same weights agrees with the model,
  in float64 to ~1e-12 (so net.json is a faithful transcription) and in float32;
- the float32 goldens sit well inside the chosen tolerance around the float64 result.

Usage:  python3 scripts/zoo/make_zoo.py [--only NAME[,NAME...]] [--weights-out DIR] [--stats]
        --weights-out DIR also writes DIR/<name>/{net.json,weights.safetensors} (for cnnc compile).
Needs torch, torchvision, numpy, safetensors.
"""
import argparse
import json
import math
import os
import shutil
import sys
import time
import warnings

import numpy as np
import torch
import torch.nn.functional as F

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)  # nets.py, readme_text.py: the zoo's own modules
sys.path.insert(0, os.path.dirname(HERE))  # scripts/: the cnnc_tools package

import nets  # noqa: E402
from cnnc_tools import reference as REF  # noqa: E402  (the interpreter the op goldens use)
from cnnc_tools import seeded  # noqa: E402
from cnnc_tools.netjson import write_net_json  # noqa: E402


torch.set_num_threads(1)
torch.use_deterministic_algorithms(True)

SEED = 2026
# One gain per network (the He factor of every conv / dense weight); see each README.
GAINS = {name: math.sqrt(2.0) for name in nets.BUILDERS}
GAINS["resnet50"] = 1.25  # sqrt(2) grows the residual stream to logits ~170 (softmax one-hot); 1.25: ~15

PUBLISHED = {
    "alexnet": ("~60 M (the paper: \"60 million parameters\"); 62,378,344 for the single-tower form, "
                "60,965,224 for the paper's two-GPU form with grouped conv2/4/5",
                "not given in the paper; ~0.72 GMAC for the grouped two-GPU form, ~1.14 GMAC single-tower"),
    "vgg16": ("138,357,544 (torchvision; the paper's Table 2: 138 M)", "15.47 GMAC (torchvision: \"15.47 GFLOPS\")"),
    "googlenet": ("6,624,904 (torchvision, without the auxiliary heads); the paper's Table 1 sums to ~6.8 M",
                  "1.50 GMAC (torchvision: \"1.5 GFLOPS\"; the paper: \"1.5 billion multiply-adds\")"),
    "resnet18": ("11,689,512 (torchvision: 11.7 M)", "1.81 GMAC (torchvision: \"1.81 GFLOPS\"; the paper: 1.8e9 FLOPs)"),
    "resnet50": ("25,557,032 (torchvision: 25.6 M)",
                 "4.09 GMAC (torchvision: \"4.09 GFLOPS\"; the paper's v1, stride on the first 1x1: 3.8e9)"),
    "densenet121": ("7,978,856 (torchvision: 8.0 M)", "2.83 GMAC (torchvision: \"2.83 GFLOPS\"; the paper: ~2.9e9)"),
    "unet": ("none (a scaled-down UNet; the paper's 4-pooling, 64-channel net has ~31 M)",
             "perf-notes lists 4.61 GFLOP = 2.30 GMAC for a 3-level, 32-channel, 128x128 UNet"),
    "alphago-policy": ("not given in the paper; 3,882,793 by counting (k = 192)",
                       "perf-notes lists 2.80 GFLOP = 1.40 GMAC"),
    "mobilenetv2": ("3,504,872 (torchvision: 3.5 M; the paper's Table: 3.4 M)",
                    "0.30 GMAC (torchvision: \"0.30 GFLOPS\"; the paper: 300 M multiply-adds)"),
}


# ----------------------------------------------------------------------------
# Evaluation
# ----------------------------------------------------------------------------

def run_reader(net, params, inputs, dtype, want, stats=None):
    """Evaluate net.json with the op goldens' torch-functional reader; returns {layer: tensor}."""
    env = {spec["name"]: torch.from_numpy(a).to(dtype) for spec, a in zip(net["inputs"], inputs)}
    used = set()
    prev = net["inputs"][0]["name"]
    for L in net["layers"]:
        xs = [env[s] for s in REF.layer_sources(L, prev)]

        def getp(pname, shape, kind, _L=L):
            full = f"{_L['name']}.{pname}"
            a = params[full]
            if shape is not None:
                assert list(a.shape) == list(shape), (full, a.shape, shape)
            used.add(full)
            return torch.from_numpy(a).to(dtype)

        with torch.no_grad():
            env[L["name"]] = REF.run_layer(L, xs, getp)
        if stats is not None:
            y = env[L["name"]]
            stats.append((L["name"], L["op"], float(y.std()), float(y.abs().max())))
        prev = L["name"]
    assert used == set(params), f"unused tensors: {sorted(set(params) - used)[:5]}"
    return {w: env[w] for w in want}


def assign(model, params, torch_map):
    """Copy every seeded tensor into the model by name; every parameter and float buffer must be hit."""
    inv = {v: k for k, v in torch_map.items()}
    assert len(inv) == len(torch_map), "two layers map to one module"
    sd = model.state_dict()
    used = set()
    with torch.no_grad():
        for key, t in sd.items():
            if key.endswith("num_batches_tracked"):
                continue  # an integer counter, unused in eval mode
            module, pname = key.rsplit(".", 1)
            assert module in inv, f"torch tensor {key} has no net.json layer"
            name = f"{inv[module]}.{pname}"
            assert name in params, f"torch tensor {key} -> {name}: not a net.json parameter"
            src = torch.from_numpy(params[name])
            assert tuple(src.shape) == tuple(t.shape), (key, src.shape, t.shape)
            t.copy_(src)
            used.add(name)
    assert used == set(params), f"net.json tensors without a torch tensor: {sorted(set(params) - used)[:5]}"
    n_torch = sum(p.numel() for p in model.parameters())
    n_buf = sum(b.numel() for k, b in model.named_buffers() if b.is_floating_point())
    n_net = sum(a.size for a in params.values())
    assert n_torch + n_buf == n_net, (n_torch, n_buf, n_net)
    return n_torch


def torch_forward(model, x, dtype, spec):
    model = model.to(dtype).eval()
    with torch.no_grad():
        y = model(torch.from_numpy(x).to(dtype))
    if spec.logits is None:
        return {spec.final: y}
    return {spec.logits: y, spec.final: F.softmax(y, dim=1)}


# Winograd F(4x4, 3x3) (Lavin & Gray 2016) in float32, the fast 3x3 algorithm perf-notes suggests:
# the tolerances must leave room for its larger rounding error.
_BT = torch.tensor([[4, 0, -5, 0, 1, 0], [0, -4, -4, 1, 1, 0], [0, 4, -4, -1, 1, 0],
                    [0, -2, -1, 2, 1, 0], [0, 2, -1, -2, 1, 0], [0, 4, 0, -5, 0, 1]], dtype=torch.float64)
_G = torch.tensor([[1 / 4, 0, 0], [-1 / 6, -1 / 6, -1 / 6], [-1 / 6, 1 / 6, -1 / 6],
                   [1 / 24, 1 / 12, 1 / 6], [1 / 24, -1 / 12, 1 / 6], [0, 0, 1]], dtype=torch.float64)
_AT = torch.tensor([[1, 1, 1, 1, 1, 0], [0, 1, -1, 2, -2, 0], [0, 1, 1, 4, 4, 0], [0, 1, -1, 8, -8, 1]],
                   dtype=torch.float64)


def winograd_conv2d(x, w, b=None, stride=1, padding=0, dilation=1, groups=1, _conv=F.conv2d):
    s, d = torch.nn.modules.utils._pair(stride), torch.nn.modules.utils._pair(dilation)
    if x.dtype != torch.float32 or tuple(w.shape[2:]) != (3, 3) or s != (1, 1) or d != (1, 1) or groups != 1 \
            or isinstance(padding, str):
        return _conv(x, w, b, stride, padding, dilation, groups)
    p = torch.nn.modules.utils._pair(padding)
    n, c, h, wd = x.shape
    oh, ow = h + 2 * p[0] - 2, wd + 2 * p[1] - 2
    th, tw = -(-oh // 4), -(-ow // 4)
    xp = F.pad(x, (p[1], p[1] + tw * 4 - ow, p[0], p[0] + th * 4 - oh))
    tiles = xp.unfold(2, 6, 4).unfold(3, 6, 4)                       # n c th tw 6 6
    bt, at = _BT.float(), _AT.float()
    v = torch.einsum("ai,nctuij,bj->nctuab", bt, tiles, bt)
    u = torch.einsum("ai,fcij,bj->fcab", _G, w.double(), _G).float()  # weights transformed once, exactly
    m = torch.einsum("fcab,nctuab->nftuab", u, v)
    y = torch.einsum("ia,nftuab,jb->nftuij", at, m, at)             # n f th tw 4 4
    y = y.permute(0, 1, 2, 4, 3, 5).reshape(n, w.shape[0], th * 4, tw * 4)[:, :, :oh, :ow]
    return y + b.reshape(1, -1, 1, 1) if b is not None else y.contiguous()


def run_reader_winograd(net, params, inputs, want):
    orig = F.conv2d
    F.conv2d = lambda *a, **k: winograd_conv2d(*a, _conv=orig, **k)
    try:
        return run_reader(net, params, inputs, torch.float32, want)
    finally:
        F.conv2d = orig


# ----------------------------------------------------------------------------
# Tolerances
# ----------------------------------------------------------------------------

MARGIN = 16  # tolerance / observed float32 error


def nice_up(v):
    """Smallest 1, 2 or 5 x 10^k at or above v."""
    e = math.floor(math.log10(v))
    for m in (1, 2, 5, 10):
        if m * 10 ** e >= v * (1 - 1e-12):
            return float(f"{m}e{e}") if m < 10 else float(f"1e{e + 1}")


FLOOR = 1e-4  # atol floor for logits / maps, relative to the largest |value|


def pick_tolerance(errs, y64, kind, logits_atol=None):
    """(atol, rtol, largest float32 error seen) for |got - exp| <= atol + rtol * |exp|.

    errs: |float32 - float64| arrays from the float32 evaluations made (PyTorch's model, the net.json
    reader with oneDNN on and off, and the reader with every 3x3 stride-1 conv done by Winograd).
    logits / maps: a float32 network's error scales with the size of its activations, not with each
    element, so atol carries it alone: MARGIN x the largest error seen, and at least FLOOR x max |value|
    (room for other correct orders and algorithms); rtol = 0 (it would only loosen the large ones).
    probabilities: p_i = exp(z_i) / sum exp(z) has relative error dz_i - sum_j p_j dz_j, at most
    2 x the logits' error, so rtol = 2 x the logits' atol; atol = 1e-7 (far below 1 / classes)."""
    err = max(float(e.max()) for e in errs)
    if kind == "prob":
        return 1e-7, nice_up(2 * logits_atol), err
    return nice_up(max(MARGIN * err, FLOOR * float(np.abs(y64).max()))), 0.0, err


def within(a, ref, atol, rtol):
    return bool(np.all(np.abs(a.astype(np.float64) - ref) <= atol + rtol * np.abs(ref)))


# ----------------------------------------------------------------------------
# Main
# ----------------------------------------------------------------------------

def fmt_int(n):
    return f"{n:,}"


def make(name, args):
    t0 = time.time()
    spec = nets.BUILDERS[name]()
    d = os.path.join(REPO, "examples", name)
    os.makedirs(d, exist_ok=True)
    write_net_json(os.path.join(d, "net.json"), spec.net)
    with open(os.path.join(d, "net.json"), encoding="utf-8") as f:
        net = json.load(f)
    assert net == json.loads(json.dumps(spec.net)), "net.json does not round-trip"
    gain = GAINS[name]

    # Parameter shapes, counts and MACs (per sample) from the description.
    rows = list(seeded.layer_shapes(net))
    n_params = sum(int(np.prod(s)) for _, _, _, ps, _ in rows for _, s in ps)
    n_trainable = sum(int(np.prod(s)) for _, _, _, ps, _ in rows for p, s in ps
                      if p not in ("running_mean", "running_var"))
    macs = sum(m for *_, m in rows)
    out_shape = {L["name"]: o for L, _, o, _, _ in rows}

    params = seeded.net_parameters(net, SEED, gain)
    assert sum(a.size for a in params.values()) == n_params
    in_spec = net["inputs"][0]
    x = seeded.input_tensor(in_spec["name"], [1] + in_spec["shape"], SEED)
    t_gen = time.time() - t0

    model = spec.model()
    n_torch = assign(model, params, spec.torch_map)
    assert n_torch == n_trainable, (n_torch, n_trainable)
    want = [w for w in (spec.logits, spec.final) if w is not None]
    t32 = {k: v.numpy().copy() for k, v in torch_forward(model, x, torch.float32, spec).items()}
    t64 = {k: v.numpy().copy() for k, v in torch_forward(model, x, torch.float64, spec).items()}
    del model
    stats = []
    r64 = {k: v.numpy() for k, v in run_reader(net, params, [x], torch.float64, want, stats).items()}
    r32 = {k: v.numpy() for k, v in run_reader(net, params, [x], torch.float32, want).items()}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "TF32 acceleration on top of oneDNN is available for Intel GPUs"
        with torch.backends.mkldnn.flags(enabled=False):  # another float32 summation order
            n32 = {k: v.numpy() for k, v in run_reader(net, params, [x], torch.float32, want).items()}
    w32 = {k: v.numpy() for k, v in run_reader_winograd(net, params, [x], want).items()}

    checks = {}
    for w in want:
        assert t32[w].shape == tuple([1] + out_shape[w]), (w, t32[w].shape, out_shape[w])
        s = float(np.abs(t64[w]).max())
        checks[w] = dict(
            reader64=float(np.abs(r64[w] - t64[w]).max()) / s,   # transcription check
            reader32=float(np.abs(r32[w].astype(np.float64) - t64[w]).max()) / s,
            torch32=float(np.abs(t32[w].astype(np.float64) - t64[w]).max()) / s,
            nodnnl32=float(np.abs(n32[w].astype(np.float64) - t64[w]).max()) / s,
            winograd32=float(np.abs(w32[w].astype(np.float64) - t64[w]).max()) / s)
        assert checks[w]["reader64"] < 1e-10, (name, w, checks[w])
        assert np.all(np.isfinite(t32[w]))

    files = {}
    tol = {}
    def errs(w):
        return [np.abs(a[w].astype(np.float64) - t64[w]) for a in (t32, r32, n32, w32)]

    if spec.logits is not None:
        files["expected_logits.npy"] = spec.logits
        files["expected.npy"] = spec.final
        tol["expected_logits.npy"] = pick_tolerance(errs(spec.logits), t64[spec.logits], "logits")
        tol["expected.npy"] = pick_tolerance(errs(spec.final), t64[spec.final], "prob",
                                             tol["expected_logits.npy"][0])
    else:
        files["expected.npy"] = spec.final
        tol["expected.npy"] = pick_tolerance(errs(spec.final), t64[spec.final], "map")
    for fname, layer in files.items():
        atol, rtol = tol[fname][:2]
        # the float32 golden must sit within a MARGIN-th of the tolerance (as the op goldens' quarter)
        for other in (t32, r32, n32, w32):  # every float32 evaluation well inside (the op goldens use a quarter)
            assert within(other[layer], t64[layer], atol / 4, rtol / 4), (name, fname)
        np.save(os.path.join(d, fname), np.ascontiguousarray(t32[layer], dtype=np.float32))
    for stale in ("expected_logits.npy",):
        if stale not in files and os.path.exists(os.path.join(d, stale)):
            os.remove(os.path.join(d, stale))

    cfg = {"seed": SEED, "gain": gain, "inputs": {in_spec["name"]: [1] + in_spec["shape"]},
           "atol": tol["expected.npy"][0], "rtol": tol["expected.npy"][1],
           "outputs": {f: {"layer": l, "atol": tol[f][0], "rtol": tol[f][1]} for f, l in files.items()},
           "param_sum": float(sum(np.sum(params[k], dtype=np.float64) for k in sorted(params))),
           "param_abs_sum": float(sum(np.sum(np.abs(params[k]), dtype=np.float64) for k in sorted(params)))}
    with open(os.path.join(d, "seed.json"), "w", encoding="utf-8") as f:
        f.write(dumps_seed(cfg))

    info = dict(name=name, spec=spec, net=net, rows=rows, n_params=n_params, n_trainable=n_trainable,
                macs=macs, gain=gain, stats=stats, checks=checks, tol=tol, files=files, t32=t32, t64=t64)
    with open(os.path.join(d, "README.md"), "w", encoding="utf-8") as f:
        f.write(readme(info))

    if args.weights_out:
        wd = os.path.join(os.path.abspath(args.weights_out), name)
        os.makedirs(wd, exist_ok=True)
        shutil.copyfile(os.path.join(d, "net.json"), os.path.join(wd, "net.json"))
        from safetensors.numpy import save_file
        save_file({k: params[k] for k in sorted(params)}, os.path.join(wd, "weights.safetensors"))
        np.save(os.path.join(wd, "input.npy"), x)

    if args.stats:
        for s in stats:
            print(f"    {s[0]:48s} {s[1]:18s} std {s[2]:10.4g} max {s[3]:10.4g}")
    dt = time.time() - t0
    acts = [s[2] for s in stats if s[1] not in ("softmax",)]
    print(f"{name}: {fmt_int(n_trainable)} params (+{fmt_int(n_params - n_trainable)} BN stats), "
          f"{macs / 1e9:.3f} GMAC, gain {gain:.4g}; activation std {min(acts):.3g}..{max(acts):.3g}; "
          + "; ".join(f"{f}: atol {tol[f][0]:g} rtol {tol[f][1]:g} (f32 err {tol[f][2]:.2g})" for f in files)
          + "; " + ", ".join(f"{w}: reader64 {c['reader64']:.1e} reader32 {c['reader32']:.1e} "
                              f"torch32 {c['torch32']:.1e} no-onednn32 {c['nodnnl32']:.1e} winograd32 {c['winograd32']:.1e}"
                              for w, c in checks.items())
          + f"; {dt:.1f} s (weights {t_gen:.1f} s)", flush=True)
    return dt


def dumps_seed(cfg):
    lines = ["{"]
    items = list(cfg.items())
    for i, (k, v) in enumerate(items):
        comma = "," if i < len(items) - 1 else ""
        if k == "outputs":
            lines.append('  "outputs": {')
            sub = list(v.items())
            for j, (f, o) in enumerate(sub):
                lines.append(f"    {json.dumps(f)}: {json.dumps(o)}" + ("," if j < len(sub) - 1 else ""))
            lines.append("  }" + comma)
        else:
            lines.append(f"  {json.dumps(k)}: {json.dumps(v)}{comma}")
    lines.append("}")
    return "\n".join(lines) + "\n"


def readme(info):
    from readme_text import render
    return render(info, PUBLISHED[info["name"]], MARGIN)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--only", help="comma-separated names: " + ", ".join(nets.BUILDERS))
    ap.add_argument("--weights-out", help="also write DIR/<name>/{net.json,weights.safetensors,input.npy}")
    ap.add_argument("--stats", action="store_true", help="print every layer's output std and max |x|")
    args = ap.parse_args()
    names = args.only.split(",") if args.only else list(nets.BUILDERS)
    for n in names:
        if n not in nets.BUILDERS:
            sys.exit(f"unknown network {n!r}; one of {', '.join(nets.BUILDERS)}")
    t0 = time.time()
    for n in names:
        make(n, args)
    print(f"done: {len(names)} networks in {time.time() - t0:.1f} s")


if __name__ == "__main__":
    main()
