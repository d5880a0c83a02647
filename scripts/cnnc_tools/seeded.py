"""Seeded stand-in weights: a deterministic generator of every parameter of a net.json
from the tensor's name and a seed, specified in docs/seeded-weights.md and implemented
bit for bit the same in Swift (Sources/CNNFrontend/SeededWeights.swift).

    r_i = splitmix64((fnv1a64(name) ^ seed) + i)          (all mod 2^64)
    u_i = float64(r_i >> 40) / 2^23 - 1.0                 (exact, in [-1, 1))
    v_i = float32(f(u_i))                                 (f in float64, one rounding)

Importable (no torch needed):

    from cnnc_tools.seeded import uniform, parameter, input_tensor, net_parameters
    params = net_parameters(json.load(open("net.json")), seed=2026, gain=2 ** 0.5)

or as a tool that writes the weights file a net.json names (scripts/zoo/seeded.py runs main):

    python3 scripts/zoo/seeded.py examples/resnet18/net.json [--seed 2026] [--gain G] [-o FILE]

(seed and gain default to the seed.json beside the net.json, if any).
"""
import json
import math
import os
import sys

import numpy as np

MASK64 = (1 << 64) - 1
FNV_OFFSET = 0xCBF29CE484222325
FNV_PRIME = 0x100000001B3
SM_GAMMA = 0x9E3779B97F4A7C15
SM_MUL1 = 0xBF58476D1CE4E5B9
SM_MUL2 = 0x94D049BB133111EB
DEFAULT_SEED = 2026
DEFAULT_GAIN = math.sqrt(2.0)
_CHUNK = 1 << 22  # elements per numpy pass (bounds memory for VGG-16's 102.8 M-element fc6)


def fnv1a64(text):
    """FNV-1a, 64 bit, over the UTF-8 bytes of `text`."""
    h = FNV_OFFSET
    for b in text.encode("utf-8"):
        h ^= b
        h = (h * FNV_PRIME) & MASK64
    return h


def splitmix64_scalar(z):
    """One splitmix64 output for the 64-bit integer z (reference implementation, Python ints)."""
    z = (z + SM_GAMMA) & MASK64
    z = ((z ^ (z >> 30)) * SM_MUL1) & MASK64
    z = ((z ^ (z >> 27)) * SM_MUL2) & MASK64
    return z ^ (z >> 31)


def _splitmix64(z):
    """Vectorised splitmix64 on a uint64 array (numpy wraps uint64 arithmetic mod 2^64)."""
    z = z + np.uint64(SM_GAMMA)
    z = (z ^ (z >> np.uint64(30))) * np.uint64(SM_MUL1)
    z = (z ^ (z >> np.uint64(27))) * np.uint64(SM_MUL2)
    return z ^ (z >> np.uint64(31))


def uniform(name, count, seed=DEFAULT_SEED):
    """u_0 .. u_{count-1} of tensor `name`: float64 multiples of 2^-23 in [-1, 1)."""
    base = np.uint64((fnv1a64(name) ^ (int(seed) & MASK64)) & MASK64)
    out = np.empty(count, dtype=np.float64)
    with np.errstate(over="ignore"):
        for start in range(0, count, _CHUNK):
            n = min(_CHUNK, count - start)
            i = np.arange(start, start + n, dtype=np.uint64)
            r = _splitmix64(i + base)
            out[start:start + n] = (r >> np.uint64(40)).astype(np.float64) / 8388608.0 - 1.0
    return out


def weight_scale(shape, gain):
    """sqrt(3) * gain / sqrt(fan_in), fan_in = product(shape[1:]), evaluated left to right in float64."""
    fan_in = int(np.prod(shape[1:], dtype=np.int64))
    return math.sqrt(3.0) * gain / math.sqrt(float(fan_in))


def parameter(layer, pname, op, shape, seed=DEFAULT_SEED, gain=DEFAULT_GAIN):
    """float32 array of parameter `pname` (of a layer called `layer` whose op is `op`) with `shape`."""
    n = int(np.prod(shape, dtype=np.int64))
    u = uniform(f"{layer}.{pname}", n, seed)
    if op == "batchnorm":
        if pname == "weight":
            v = 1.0 + 0.1 * u
        elif pname in ("bias", "running_mean"):
            v = 0.1 * u
        elif pname == "running_var":
            v = 1.0 + 0.25 * (u + 1.0)
        else:
            raise ValueError(f"batchnorm has no parameter {pname}")
    elif op == "prelu":
        v = 0.25 + 0.05 * u
    elif pname == "weight" and len(shape) >= 2:  # conv, conv_transpose, dense
        v = u * weight_scale(shape, gain)
    elif pname == "bias":  # bias of conv / conv_transpose / dense, and the bias op
        v = 0.1 * u
    else:
        raise ValueError(f"no seeded rule for {op}.{pname} {shape}")
    return v.astype(np.float32).reshape(shape)


def input_tensor(name, shape, seed=DEFAULT_SEED):
    """Model input `name` with the batched shape [N, ...]: float32(u) of tensor 'input:<name>'."""
    n = int(np.prod(shape, dtype=np.int64))
    return uniform("input:" + name, n, seed).astype(np.float32).reshape(shape)


# ----------------------------------------------------------------------------
# Parameter shapes of a net.json (version 1), by per-sample shape inference.
# ----------------------------------------------------------------------------

_CONV = {"conv1d": 1, "conv2d": 2, "conv3d": 3}
_CONVT = {"conv_transpose1d": 1, "conv_transpose2d": 2, "conv_transpose3d": 3}
_POOL = {f"{k}pool{d}d": d for k in ("max", "avg") for d in (1, 2, 3)}


def _per_dim(v, nd):
    return [int(x) for x in v] if isinstance(v, list) else [int(v)] * nd


def _padding(p, nd, I, K, S, D):
    if p == "valid":
        return [0] * nd, [0] * nd
    if p == "same":
        tot = [max((-(-i // s) - 1) * s + d * (k - 1) + 1 - i, 0) for i, k, s, d in zip(I, K, S, D)]
        return [t // 2 for t in tot], [t - t // 2 for t in tot]
    if p == "full":
        v = [d * (k - 1) for k, d in zip(K, D)]
        return v, list(v)
    if isinstance(p, dict):
        return _per_dim(p["begin"], nd), _per_dim(p["end"], nd)
    v = _per_dim(p, nd)
    return v, list(v)


def _pool_out(i, k, s, b, e, ceil_mode):
    L = i + b + e
    if ceil_mode:
        o = -(-(L - k) // s) + 1
        if (o - 1) * s >= i + b:
            o -= 1
        return o
    return (L - k) // s + 1


def layer_shapes(net):
    """Yield (layer, input shapes, output shape, [(param, shape)], MACs) per layer, per sample."""
    shapes = {i["name"]: list(i["shape"]) for i in net["inputs"]}
    prev = net["inputs"][0]["name"]
    for L in net["layers"]:
        op = L["op"]
        srcs = L.get("inputs") or [L.get("input", prev)]
        ins = [shapes[s] for s in srcs]
        x = ins[0]
        params, macs = [], 0
        if op in _CONV or op in _CONVT:
            nd = _CONV.get(op) or _CONVT[op]
            C, I = x[0], x[1:]
            F, g = int(L["filters"]), int(L.get("groups", 1))
            K = _per_dim(L["kernel"], nd)
            S = _per_dim(L.get("stride", 1), nd)
            D = _per_dim(L.get("dilation", 1), nd)
            if op in _CONV:
                pb, pe = _padding(L.get("padding", "valid"), nd, I, K, S, D)
                O = [(i + b + e - d * (k - 1) - 1) // s + 1 for i, b, e, d, k, s in zip(I, pb, pe, D, K, S)]
                params.append(("weight", [F, C // g] + K))
                macs = F * int(np.prod(O)) * (C // g) * int(np.prod(K))
            else:
                P = _per_dim(L.get("padding", 0), nd)
                OP = _per_dim(L.get("output_padding", 0), nd)
                O = [(i - 1) * s - 2 * p + d * (k - 1) + o + 1 for i, s, p, d, k, o in zip(I, S, P, D, K, OP)]
                params.append(("weight", [C, F // g] + K))
                macs = int(np.prod(I)) * C * (F // g) * int(np.prod(K))
            if L.get("bias", True):
                params.append(("bias", [F]))
            out = [F] + O
        elif op == "dense":
            U, N = int(L["units"]), int(np.prod(x))
            params.append(("weight", [U, N]))
            if L.get("bias", True):
                params.append(("bias", [U]))
            out, macs = [U], U * N
        elif op == "flatten":
            out = [int(np.prod(x))]
        elif op in _POOL:
            nd = _POOL[op]
            K = _per_dim(L["size"], nd)
            S = _per_dim(L.get("stride", L["size"]), nd)
            pb, pe = _padding(L.get("padding", "valid"), nd, x[1:], K, S, [1] * nd)
            out = [x[0]] + [_pool_out(i, k, s, b, e, bool(L.get("ceil_mode", False)))
                            for i, k, s, b, e in zip(x[1:], K, S, pb, pe)]
        elif op in ("global_maxpool", "global_avgpool"):
            out = [x[0]] + [1] * (len(x) - 1)
        elif op in ("adaptive_avgpool2d", "adaptive_maxpool2d"):
            out = [x[0]] + list(L["output"])
        elif op == "batchnorm":
            params += [(p, [x[0]]) for p in ("weight", "bias", "running_mean", "running_var")]
            out = x
        elif op == "prelu":
            params.append(("slope", [x[0]]))  # the seeded rule uses the per-channel form
            out = x
        elif op == "bias":
            params.append(("bias", [x[0]] if L.get("per", "channel") == "channel" else list(x)))
            out = x
        elif op == "concat":
            ax = int(L.get("axis", 0))
            out = list(x)
            out[ax] = sum(s[ax] for s in ins)
        elif op == "upsample2d":
            sh, sw = _per_dim(L.get("scale", 2), 2)
            out = [x[0], x[1] * sh, x[2] * sw]
        elif op == "pad":
            pb, pe = _padding(L["padding"], len(x) - 1, None, None, None, None)
            out = [x[0]] + [i + b + e for i, b, e in zip(x[1:], pb, pe)]
        elif op in ("relu", "sigmoid", "tanh", "leaky_relu", "elu", "clip", "softmax", "lrn", "dropout", "add"):
            out = x
        else:
            raise ValueError(f"unknown op {op}")
        shapes[L["name"]] = out
        prev = L["name"]
        yield L, ins, out, params, macs


def net_parameters(net, seed=DEFAULT_SEED, gain=DEFAULT_GAIN):
    """Every file parameter of `net` (layers without inline `params`): {tensor name: float32 array}."""
    out = {}
    for L, _, _, params, _ in layer_shapes(net):
        for pname, shape in params:
            if pname in L.get("params", {}):
                continue
            out[f"{L['name']}.{pname}"] = parameter(L["name"], pname, L["op"], shape, seed, gain)
    return out


def main(argv):
    import argparse
    ap = argparse.ArgumentParser(description="Write the seeded weights file of a net.json.")
    ap.add_argument("net")
    ap.add_argument("--seed", type=int)
    ap.add_argument("--gain", type=float)
    ap.add_argument("-o", "--out", help="default: the net.json's `weights` path")
    a = ap.parse_args(argv)
    net = json.load(open(a.net, encoding="utf-8"))
    cfg_path = os.path.join(os.path.dirname(os.path.abspath(a.net)), "seed.json")
    cfg = json.load(open(cfg_path)) if os.path.exists(cfg_path) else {}
    seed = a.seed if a.seed is not None else cfg.get("seed", DEFAULT_SEED)
    gain = a.gain if a.gain is not None else cfg.get("gain", DEFAULT_GAIN)
    out = a.out or os.path.join(os.path.dirname(os.path.abspath(a.net)), net["weights"])
    from safetensors.numpy import save_file
    tensors = net_parameters(net, seed, gain)
    save_file(tensors, out)
    print(f"{out}: {len(tensors)} tensors, {sum(t.size for t in tensors.values()):,} floats (seed {seed}, gain {gain!r})")


if __name__ == "__main__":
    main(sys.argv[1:])
