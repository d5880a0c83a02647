"""What the ONNX golden scripts share (make_elementwise/movement/norm/resize_goldens.py).

Each script registers its cases with `case` / `negative` (decorators on a `make` function),
then calls `main(__doc__, DEFAULT_OUT)`: every case's model is written with its seeded inputs
and ONNX Runtime's outputs (all graph optimisations off, one thread), every negative case's
model alone, and a manifest. A case's `make(rng)` returns (nodes, initializers, {input: array})
and optionally the output names (default "y0"); a negative case's `make()` returns (nodes,
initializers, [(input, shape)]) and optionally the output names. The rng is seeded from the
case's name, so every case is deterministic and independent of the others.
"""
import argparse
import json
import os
import shutil
import zlib

import numpy as np
import onnx
import onnxruntime as ort
from onnx import TensorProto as T
from onnx import helper as h

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
ATOL, RTOL = 1e-5, 1e-4
BATCH = 2

CASES = []  # (name, opset, what, make, (atol, rtol))
NEGATIVE = []  # (name, opset, what, error, make)


def case(name, opset, what, atol=ATOL, rtol=RTOL):
    def register(make):
        CASES.append((name, opset, what, make, (atol, rtol)))
        return make
    return register


def negative(name, opset, what, error):
    def register(make):
        NEGATIVE.append((name, opset, what, error, make))
        return make
    return register


def f32(rng, *shape, scale=2.0):
    return (rng.standard_normal(shape) * scale).astype(np.float32)


def with_nans(x):
    """Two NaNs, at fixed places (the first element and one further on), to check they propagate."""
    x = x.copy()
    x.flat[0] = np.nan
    x.flat[x.size // 2 + 1] = np.nan
    return x


def model(nodes, inputs, inits, opset, outputs=("y0",)):
    g = h.make_graph(nodes, "g", [h.make_tensor_value_info(n, T.FLOAT, ["N"] + list(s[1:])) for n, s in inputs],
                     [h.make_tensor_value_info(o, T.FLOAT, None) for o in outputs], inits)
    ops = [h.make_opsetid("", opset)]
    return h.make_model(g, opset_imports=ops, ir_version=h.find_min_ir_version_for(ops), producer_name="cnnc-goldens")


def ort_run(m, feeds):
    so = ort.SessionOptions()
    so.graph_optimization_level = ort.GraphOptimizationLevel.ORT_DISABLE_ALL
    so.intra_op_num_threads = 1
    s = ort.InferenceSession(m.SerializeToString(), so, providers=["CPUExecutionProvider"])
    return s.run(None, feeds)


def save_npy(path, array):
    np.save(path, np.ascontiguousarray(array, dtype=np.float32))


def main(doc, default_out, post=None):
    """Writes every registered case into --out (default `default_out`), replacing it.
    `post(name, model, feeds, outputs)` may replace ONNX Runtime's outputs of a case."""
    ap = argparse.ArgumentParser(description=doc, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", default=default_out)
    a = ap.parse_args()
    if os.path.isdir(a.out):
        shutil.rmtree(a.out)
    os.makedirs(a.out)
    manifest = []
    names = set()
    for name, opset, what, make, (atol, rtol) in CASES:
        assert name not in names, name
        names.add(name)
        rng = np.random.default_rng(zlib.crc32(name.encode()))
        made = make(rng)
        nodes, inits, feeds = made[:3]
        m = model(nodes, [(k, v.shape) for k, v in feeds.items()], inits, opset, *made[3:])
        outs = ort_run(m, feeds)
        if post:
            outs = post(name, m, feeds, outs)
        directory = os.path.join(a.out, name)
        os.makedirs(directory)
        onnx.save_model(m, os.path.join(directory, "model.onnx"))
        for i, k in enumerate(feeds):
            save_npy(os.path.join(directory, f"input{i}.npy"), feeds[k])
        for i, o in enumerate(outs):
            save_npy(os.path.join(directory, f"output{i}.npy"), o)
        manifest.append({"case": name, "opset": opset, "atol": atol, "rtol": rtol, "what": what})
    for name, opset, what, error, make in NEGATIVE:
        assert name not in names, name
        names.add(name)
        made = make()
        nodes, inits, inputs = made[:3]
        m = model(nodes, inputs, inits, opset, *made[3:])
        directory = os.path.join(a.out, name)
        os.makedirs(directory)
        onnx.save_model(m, os.path.join(directory, "model.onnx"))
        manifest.append({"case": name, "opset": opset, "what": what, "error": error})
    with open(os.path.join(a.out, "manifest.json"), "w") as f:
        f.write("[\n" + ",\n".join("  " + json.dumps(e) for e in manifest) + "\n]\n")
    total = sum(os.path.getsize(os.path.join(d, x)) for d, _, fs in os.walk(a.out) for x in fs)
    print(f"{a.out}: {len(CASES)} cases, {len(NEGATIVE)} negative cases, {total / 1024:.0f} KiB")
