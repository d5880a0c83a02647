"""The reference interpreter of the version-1 network description (docs/net-format.md), written
with PyTorch ops (torch.nn.functional): the expected outputs of the op goldens
(scripts/goldens/make_op_goldens.py) and of the zoo (scripts/zoo/make_zoo.py) come from here,
never from cnnc.

    evaluate(net, file_params, inputs, dtype)  -> the outputs of a parsed net.json
    run_layer(layer, xs, getp)                 -> one layer

Callers fix torch to one thread and deterministic algorithms, as the golden scripts do.
"""
import math

import numpy as np
import torch
import torch.nn.functional as F

# ----------------------------------------------------------------------------
# Reference semantics of net-format.md, written with torch ops.
# ----------------------------------------------------------------------------

CONV = {"conv1d": 1, "conv2d": 2, "conv3d": 3}
CONVT = {"conv_transpose1d": 1, "conv_transpose2d": 2, "conv_transpose3d": 3}
MAXP = {"maxpool1d": 1, "maxpool2d": 2, "maxpool3d": 3}
AVGP = {"avgpool1d": 1, "avgpool2d": 2, "avgpool3d": 3}

# Allowed keys per op (besides name/op/input/inputs/params); used to catch typos here.
FIELDS = {
    **{k: {"filters", "kernel", "stride", "padding", "dilation", "groups", "bias", "activation"} for k in CONV},
    **{k: {"filters", "kernel", "stride", "padding", "output_padding", "dilation", "groups", "bias", "activation"}
       for k in CONVT},
    "dense": {"units", "bias", "activation"},
    "flatten": set(),
    **{k: {"size", "stride", "padding", "ceil_mode"} for k in MAXP},
    **{k: {"size", "stride", "padding", "ceil_mode", "count_include_pad"} for k in AVGP},
    "global_maxpool": set(), "global_avgpool": set(),
    "adaptive_avgpool2d": {"output"}, "adaptive_maxpool2d": {"output"},
    "relu": set(), "sigmoid": set(), "tanh": set(), "silu": set(),
    "leaky_relu": {"alpha"}, "elu": {"alpha"}, "prelu": set(),
    "clip": {"min", "max"}, "softmax": {"axis"},
    "batchnorm": {"epsilon"}, "lrn": {"size", "alpha", "beta", "k"},
    "dropout": {"rate"}, "add": {"activation"}, "concat": {"axis"},
    "upsample2d": {"scale", "mode"}, "pad": {"padding", "value"}, "bias": {"per"},
}


def per_dim(v, nd):
    """Integer-or-list field: one value for every spatial dimension, or a list of nd."""
    if isinstance(v, list):
        assert len(v) == nd, (v, nd)
        return [int(x) for x in v]
    return [int(v)] * nd


def resolve_padding(p, nd, I, K, S, D):
    """(begin, end) per spatial dimension for conv/pool `padding`."""
    if p == "valid":
        return [0] * nd, [0] * nd
    if p == "same":
        pb, pe = [], []
        for i, k, s, d in zip(I, K, S, D):
            out = -(-i // s)  # ceil(I/S)
            total = max((out - 1) * s + d * (k - 1) + 1 - i, 0)
            pb.append(total // 2)
            pe.append(total - total // 2)  # extra element at the end (TensorFlow)
        return pb, pe
    if p == "full":
        v = [d * (k - 1) for k, d in zip(K, D)]
        return v, list(v)
    if isinstance(p, dict):
        assert set(p) == {"begin", "end"}, p
        return per_dim(p["begin"], nd), per_dim(p["end"], nd)
    v = per_dim(p, nd)
    return v, list(v)


def pad_arg(pb, pe):
    """F.pad argument: last dimension first."""
    out = []
    for b, e in zip(reversed(pb), reversed(pe)):
        out += [b, e]
    return out


def apply_activation(x, act):
    if act is None:
        return x
    if isinstance(act, dict):
        op, fields = act["op"], {k: v for k, v in act.items() if k != "op"}
    else:
        op, fields = act, {}
    assert set(fields) <= {"alpha"}, act
    if op == "relu":
        return F.relu(x)
    if op == "sigmoid":
        return torch.sigmoid(x)
    if op == "tanh":
        return torch.tanh(x)
    if op == "silu":
        return F.silu(x)
    if op == "elu":
        return F.elu(x, alpha=float(fields.get("alpha", 1.0)))
    if op == "leaky_relu":
        return F.leaky_relu(x, negative_slope=float(fields.get("alpha", 0.01)))
    raise ValueError(f"unknown activation {act!r}")


def pool_output_size(i, k, s, pb, pe, ceil_mode):
    L = i + pb + pe
    if ceil_mode:
        o = -(-(L - k) // s) + 1
        if (o - 1) * s >= i + pb:  # last window would start in the end padding: drop it (PyTorch)
            o -= 1
    else:
        o = (L - k) // s + 1
    return o


def window_sum(x, nd, K, S):
    """Sum over each (valid, floor-mode) window, via avg_pool with divisor_override=1."""
    if nd == 1:
        return F.avg_pool2d(x.unsqueeze(-1), (K[0], 1), (S[0], 1), divisor_override=1).squeeze(-1)
    fn = F.avg_pool2d if nd == 2 else F.avg_pool3d
    return fn(x, K, S, divisor_override=1)


def pool_general(x, kind, nd, K, S, pb, pe, ceil_mode, include_pad):
    """Pooling with arbitrary (asymmetric) padding, written from the contract's words."""
    I = list(x.shape[2:])
    out = [pool_output_size(i, k, s, b, e, ceil_mode) for i, k, s, b, e in zip(I, K, S, pb, pe)]
    extra = [max(0, (o - 1) * s + k - (i + b + e)) for o, s, k, i, b, e in zip(out, S, K, I, pb, pe)]
    pe_x = [e + x_ for e, x_ in zip(pe, extra)]
    if kind == "max":
        xp = F.pad(x, pad_arg(pb, pe_x), value=-math.inf)
        y = [F.max_pool1d, F.max_pool2d, F.max_pool3d][nd - 1](xp, K, S)
    else:
        xp = F.pad(x, pad_arg(pb, pe_x), value=0.0)
        ssum = window_sum(xp, nd, K, S)
        if include_pad:  # cells of the padded input count; cells past it never do
            m = torch.ones([1, 1] + [i + b + e for i, b, e in zip(I, pb, pe)], dtype=x.dtype)
            m = F.pad(m, pad_arg([0] * nd, extra), value=0.0)
        else:
            m = F.pad(torch.ones([1, 1] + I, dtype=x.dtype), pad_arg(pb, pe_x), value=0.0)
        y = ssum / window_sum(m, nd, K, S)
    sl = (slice(None), slice(None)) + tuple(slice(0, o) for o in out)
    return y[sl].contiguous()


def pool(x, kind, nd, layer):
    I = list(x.shape[2:])
    K = per_dim(layer["size"], nd)
    S = per_dim(layer.get("stride", layer["size"]), nd)
    pb, pe = resolve_padding(layer.get("padding", "valid"), nd, I, K, S, [1] * nd)
    ceil_mode = bool(layer.get("ceil_mode", False))
    include_pad = bool(layer.get("count_include_pad", False))
    native_ok = pb == pe and all(2 * p <= k for p, k in zip(pb, K))
    if not native_ok:
        return pool_general(x, kind, nd, K, S, pb, pe, ceil_mode, include_pad)
    if kind == "max":
        fn = [F.max_pool1d, F.max_pool2d, F.max_pool3d][nd - 1]
        return fn(x, K, S, pb, dilation=1, ceil_mode=ceil_mode)
    fn = [F.avg_pool1d, F.avg_pool2d, F.avg_pool3d][nd - 1]
    return fn(x, K, S, pb, ceil_mode=ceil_mode, count_include_pad=include_pad)


def run_layer(layer, xs, getp):
    """Evaluate one layer. xs: list of batched input tensors. getp(param, shape, kind) -> tensor."""
    op = layer["op"]
    extra = set(layer) - {"name", "op", "input", "inputs", "params"} - FIELDS[op]
    assert not extra, f"unknown keys {extra} in {layer['name']}"
    x = xs[0]
    if op not in ("add", "concat"):
        assert len(xs) == 1
    if op in CONV:
        nd = CONV[op]
        assert x.dim() == nd + 2
        C, I = x.shape[1], list(x.shape[2:])
        f, g = int(layer["filters"]), int(layer.get("groups", 1))
        K = per_dim(layer["kernel"], nd)
        S = per_dim(layer.get("stride", 1), nd)
        D = per_dim(layer.get("dilation", 1), nd)
        assert C % g == 0 and f % g == 0
        w = getp("weight", [f, C // g] + K, "conv_w")
        b = getp("bias", [f], "bias") if layer.get("bias", True) else None
        pb, pe = resolve_padding(layer.get("padding", "valid"), nd, I, K, S, D)
        fn = [F.conv1d, F.conv2d, F.conv3d][nd - 1]
        if pb == pe:
            y = fn(x, w, b, S, pb, D, g)
        else:
            y = fn(F.pad(x, pad_arg(pb, pe)), w, b, S, 0, D, g)
        exp = [(i + p + q - d * (k - 1) - 1) // s + 1 for i, p, q, d, k, s in zip(I, pb, pe, D, K, S)]
        assert list(y.shape[2:]) == exp, (y.shape, exp)
        return apply_activation(y, layer.get("activation"))
    if op in CONVT:
        nd = CONVT[op]
        assert x.dim() == nd + 2
        C, I = x.shape[1], list(x.shape[2:])
        f, g = int(layer["filters"]), int(layer.get("groups", 1))
        K = per_dim(layer["kernel"], nd)
        S = per_dim(layer.get("stride", 1), nd)
        P = per_dim(layer.get("padding", 0), nd)
        OP = per_dim(layer.get("output_padding", 0), nd)
        D = per_dim(layer.get("dilation", 1), nd)
        assert C % g == 0 and f % g == 0
        w = getp("weight", [C, f // g] + K, "convt_w")
        b = getp("bias", [f], "bias") if layer.get("bias", True) else None
        fn = [F.conv_transpose1d, F.conv_transpose2d, F.conv_transpose3d][nd - 1]
        y = fn(x, w, b, S, P, OP, g, D)
        exp = [(i - 1) * s - 2 * p + d * (k - 1) + o + 1 for i, s, p, d, k, o in zip(I, S, P, D, K, OP)]
        assert list(y.shape[2:]) == exp, (y.shape, exp)
        return apply_activation(y, layer.get("activation"))
    if op == "dense":
        assert x.dim() == 2, "dense needs a flat input"
        u = int(layer["units"])
        w = getp("weight", [u, x.shape[1]], "dense_w")
        b = getp("bias", [u], "bias") if layer.get("bias", True) else None
        return apply_activation(F.linear(x, w, b), layer.get("activation"))
    if op == "flatten":
        return x.reshape(x.shape[0], -1)  # channel-major (row-major over [C, H, W])
    if op in MAXP:
        assert x.dim() == MAXP[op] + 2
        return pool(x, "max", MAXP[op], layer)
    if op in AVGP:
        assert x.dim() == AVGP[op] + 2
        return pool(x, "avg", AVGP[op], layer)
    if op == "global_maxpool":
        return x.amax(dim=tuple(range(2, x.dim())), keepdim=True)
    if op == "global_avgpool":
        return x.mean(dim=tuple(range(2, x.dim())), keepdim=True)
    if op == "adaptive_avgpool2d":
        return F.adaptive_avg_pool2d(x, layer["output"])
    if op == "adaptive_maxpool2d":
        return F.adaptive_max_pool2d(x, layer["output"])
    if op == "relu":
        return F.relu(x)
    if op == "sigmoid":
        return torch.sigmoid(x)
    if op == "tanh":
        return torch.tanh(x)
    if op == "silu":
        return F.silu(x)
    if op == "leaky_relu":
        return F.leaky_relu(x, float(layer.get("alpha", 0.01)))
    if op == "elu":
        return F.elu(x, float(layer.get("alpha", 1.0)))
    if op == "prelu":
        slope = getp("slope", None, "slope")  # [C] or [1]; shape chosen by the case
        assert slope.dim() == 1 and slope.shape[0] in (1, x.shape[1])
        return F.prelu(x, slope)
    if op == "clip":
        return torch.clamp(x, float(layer["min"]), float(layer["max"]))
    if op == "softmax":
        return F.softmax(x, dim=int(layer.get("axis", 0)) + 1)
    if op == "batchnorm":
        C = x.shape[1]
        w = getp("weight", [C], "bn_gamma")
        b = getp("bias", [C], "bn_beta")
        rm = getp("running_mean", [C], "bn_mean")
        rv = getp("running_var", [C], "bn_var")
        return F.batch_norm(x, rm, rv, w, b, training=False, eps=float(layer.get("epsilon", 1e-5)))
    if op == "lrn":
        return F.local_response_norm(x, int(layer.get("size", 5)), float(layer.get("alpha", 1e-4)),
                                     float(layer.get("beta", 0.75)), float(layer.get("k", 1.0)))
    if op == "dropout":
        assert "rate" in layer
        return x
    if op == "add":
        y = xs[0]
        for t in xs[1:]:
            assert t.shape == y.shape
            y = y + t
        return apply_activation(y, layer.get("activation"))
    if op == "concat":
        return torch.cat(xs, dim=int(layer.get("axis", 0)) + 1)
    if op == "upsample2d":
        sh, sw = per_dim(layer.get("scale", 2), 2)
        mode = layer.get("mode", "nearest")
        assert x.dim() == 4
        if mode == "nearest":
            y = F.interpolate(x, scale_factor=(float(sh), float(sw)), mode="nearest")
            H, W = x.shape[2], x.shape[3]
            ih = torch.arange(H * sh) // sh  # source index floor(i / scale)
            iw = torch.arange(W * sw) // sw
            assert torch.equal(y, x[:, :, ih][:, :, :, iw])
            return y
        assert mode == "bilinear"
        return F.interpolate(x, scale_factor=(float(sh), float(sw)), mode="bilinear", align_corners=False)
    if op == "pad":
        nd = x.dim() - 2
        pb, pe = resolve_padding(layer["padding"], nd, None, None, None, None)
        return F.pad(x, pad_arg(pb, pe), value=float(layer.get("value", 0.0)))
    if op == "bias":
        per = layer.get("per", "channel")
        if per == "channel":
            b = getp("bias", [x.shape[1]], "bias_op")
            return x + b.reshape([1, -1] + [1] * (x.dim() - 2))
        assert per == "position"
        b = getp("bias", list(x.shape[1:]), "bias_op")
        return x + b.unsqueeze(0)
    raise ValueError(f"unknown op {op}")


def layer_sources(layer, prev):
    if "inputs" in layer:
        return list(layer["inputs"])
    if "input" in layer:
        return [layer["input"]]
    return [prev]


def evaluate(net, file_params, inputs, dtype):
    """Evaluate a parsed net.json with inline params and file params. Returns output tensors."""
    env = {}
    for spec, arr in zip(net["inputs"], inputs):
        assert list(arr.shape[1:]) == spec["shape"]
        env[spec["name"]] = torch.from_numpy(arr).to(dtype)
    used_file = set()
    prev = net["inputs"][0]["name"]
    for layer in net["layers"]:
        name = layer["name"]
        assert name not in env, f"duplicate name {name}"
        xs = [env[s] for s in layer_sources(layer, prev)]  # KeyError = not defined above
        inline = layer.get("params", {})
        used_inline = set()

        def getp(pname, shape, kind):
            full = f"{name}.{pname}"
            if pname in inline:
                a = np.array(inline[pname], dtype=np.float64)
                a32 = a.astype(np.float32)
                assert np.array_equal(a32.astype(np.float64), a), f"{full}: inline value not exactly float32"
                used_inline.add(pname)
                if full in file_params:
                    used_file.add(full)
            else:
                a32 = file_params[full]
                assert a32.dtype == np.float32
                used_file.add(full)
            if shape is not None:
                assert list(a32.shape) == list(shape), (full, a32.shape, shape)
            return torch.from_numpy(np.ascontiguousarray(a32)).to(dtype)

        env[name] = run_layer(layer, xs, getp)
        assert set(inline) == used_inline, f"extra inline params in {name}"
        prev = name
    assert set(file_params) == used_file, f"extra file tensors {set(file_params) - used_file}"
    outs = net.get("outputs", [net["layers"][-1]["name"]])
    layer_names = {l["name"] for l in net["layers"]}
    assert all(o in layer_names for o in outs)
    return [env[o] for o in outs]
