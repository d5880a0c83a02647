#!/usr/bin/env python3
"""Write the ONNX project's own test cases for CNN ops into Tests/Goldens/onnx-node/.

Three suites, all from the installed `onnx` package (tested with onnx 1.23.2), none computed
by cnnc:

  node/               the node test cases of every CNN op, from their definitions in
                      `onnx.backend.test.case.node` (model + inputs + expected outputs, the
                      expected outputs computed by the case definitions' NumPy code), including
                      the `_expanded` cases (the op's function body as a graph of primitive ops),
                      whose activations and outputs are float32 (cases of integer, bool, double
                      or 16-bit float data test other types than a float32 CNN's; cases.json
                      lists them under "excluded").
                      Inputs that an op reads as weights or settings (Conv W/B, BatchNormalization
                      scale/B/mean/var, Gemm B/C, MatMul B, PRelu slope, Resize roi/scales/sizes,
                      Pad pads/value/axes, Reshape shape, Slice starts/ends/axes/steps, ...) become
                      initializers, since an ahead-of-time compiler specialises on them.
  pytorch-converted/  the package's data/pytorch-converted cases whose ops are CNN ops (opset 6
                      to 12), converted to opset 11 with onnx.version_converter when older
                      (cnnc reads opsets 11 and up); expected outputs as shipped.
  light/              the package's model-zoo graphs (data/light, opset 9: weights replaced by
                      ConstantOfShape fills), converted to opset 11; the input is the one onnx's
                      backend runner feeds them (arange(n) / n in the input's shape), the
                      expected output the shipped light_*_output_0.pb.

For the converted suites the script checks with ONNX Runtime that the converted model still
gives the shipped outputs (within the case's tolerance), so a converter bug cannot turn into a
wrong golden.

The data (6.6 MB of small files) is not committed: scripts/test.sh generates it into
.build/onnx-node before the Swift tests (about 30 s; skipped when the folder is current), and
ONNXNodeSuiteTests reads it from there (or from $CNNC_ONNX_NODE_DATA). Layout, what
`cnnc verify MODEL --cases DIR` reads:
    .build/onnx-node/cases.json        {"onnx", "stamp", "cases": [{"suite", "case", "op", "opset",
                                        "rtol", "atol", "initializers", ["note"]}, ...]}
    .build/onnx-node/<suite>/<case>/model.onnx
    .build/onnx-node/<suite>/<case>/test_data_set_0/input_K.pb, output_K.pb

The committed manifest Tests/Goldens/onnx-node/expected.json is the ratchet: what cnnc does
with each case today (passes, or refuses with this error). It is rewritten only when asked.

Deterministic: NumPy's global generator is seeded before the case definitions run, the folder
is replaced as a whole, and onnx must be exactly ONNX_VERSION (the case names are its).
Needs onnx, onnxruntime (to check the converted models) and numpy.

    python3 scripts/onnx/make_node_tests.py                    # (re)generate the cases
    python3 scripts/onnx/make_node_tests.py --update-manifest  # then run cnnc over every case and
                                                               # rewrite expected.json (review the diff)
"""
import argparse
import glob
import hashlib
import json
import os
import shutil
import subprocess
import sys

import numpy as np
import onnx
from onnx import numpy_helper, version_converter

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DEFAULT_OUT = os.path.join(REPO, ".build", "onnx-node")
MANIFEST = os.path.join(REPO, "Tests", "Goldens", "onnx-node", "expected.json")
ONNX_VERSION = "1.23.2"  # the case definitions (and so the manifest's case names) are this version's
ONNX_DATA = os.path.join(os.path.dirname(onnx.__file__), "backend", "test", "data")
CONVERT_TO = 11

# The CNN ops of issue 14 and those cnnc handles, with the inputs each reads as weights or
# settings (input index -> made an initializer).
CNN_OPS = {
    "Conv": {1, 2}, "ConvTranspose": {1, 2},
    "MaxPool": set(), "AveragePool": set(), "LpPool": set(),
    "GlobalAveragePool": set(), "GlobalMaxPool": set(), "GlobalLpPool": set(),
    "BatchNormalization": {1, 2, 3, 4}, "InstanceNormalization": {1, 2},
    "LayerNormalization": {1, 2}, "GroupNormalization": {1, 2}, "LRN": set(),
    "Relu": set(), "LeakyRelu": set(), "PRelu": {1}, "Elu": set(), "Selu": set(), "Celu": set(),
    "Sigmoid": set(), "HardSigmoid": set(), "HardSwish": set(), "Tanh": set(), "Softplus": set(),
    "Softsign": set(), "Mish": set(), "Gelu": set(), "ThresholdedRelu": set(), "Swish": set(),
    "Exp": set(), "Log": set(), "Sqrt": set(), "Abs": set(), "Neg": set(), "Reciprocal": set(),
    "Erf": set(), "Clip": {1, 2},
    "Add": set(), "Sub": set(), "Mul": set(), "Div": set(), "Pow": set(),
    "Max": set(), "Min": set(), "Sum": set(), "Mean": set(),
    "ReduceMean": {1}, "ReduceMax": {1}, "ReduceMin": {1}, "ReduceSum": {1}, "ReduceL2": {1},
    "Softmax": set(), "LogSoftmax": set(),
    "Gemm": {1, 2}, "MatMul": {1},
    "Flatten": set(), "Reshape": {1}, "Transpose": set(), "Squeeze": {1}, "Unsqueeze": {1},
    "Split": {1}, "Slice": {1, 2, 3, 4}, "Concat": set(), "Pad": {1, 2, 3},
    "Resize": {1, 2, 3}, "Upsample": {1}, "DepthToSpace": set(), "SpaceToDepth": set(),
    "Dropout": {1, 2}, "Identity": set(),
}
# Ops that may appear beside CNN ops in a pytorch-converted case.
HELPER_OPS = {"Constant"}


def write_case(directory, model, inputs, outputs):
    """model.onnx + test_data_set_0 with input_K.pb (graph inputs that are not initializers) and output_K.pb."""
    os.makedirs(os.path.join(directory, "test_data_set_0"))
    with open(os.path.join(directory, "model.onnx"), "wb") as f:
        f.write(model.SerializeToString())
    for prefix, tensors in (("input", inputs), ("output", outputs)):
        for k, tensor in enumerate(tensors):
            with open(os.path.join(directory, "test_data_set_0", f"{prefix}_{k}.pb"), "wb") as f:
                f.write(tensor.SerializeToString())


def as_tensor(value, name):
    if isinstance(value, onnx.TensorProto):
        t = onnx.TensorProto()
        t.CopyFrom(value)
        t.name = name
        return t
    return numpy_helper.from_array(np.asarray(value), name)


def node_cases(excluded):
    """The node suite: every case of a CNN op, weights moved into initializers."""
    np.random.seed(0)
    from onnx.backend.test.case import node as node_cases_module
    cases = node_cases_module.collect_testcases()
    by_name = {c.name: c for c in cases if "_expanded" not in c.name}
    base_op = {name: c.model.graph.node[0].op_type for name, c in by_name.items()}
    out = []
    for case in cases:
        base = case.name.split("_expanded")[0]
        op = base_op.get(base)
        if op not in CNN_OPS:
            continue
        model = onnx.ModelProto()
        model.CopyFrom(case.model)
        (inputs, outputs), = case.data_sets
        graph = model.graph
        # The op's node (the first node for a single-node case; for an expanded case the graph
        # inputs are the op's inputs, in the op's order, with absent optional inputs skipped).
        present = list(by_name[base].model.graph.node[0].input)
        weight_names = {name for k, name in enumerate(present) if k in CNN_OPS[op] and name}
        kept_info, kept_values, initializers = [], [], []
        for info, value in zip(list(graph.input), inputs):
            is_float = info.type.tensor_type.elem_type in (onnx.TensorProto.FLOAT, onnx.TensorProto.DOUBLE)
            if info.name in weight_names or not is_float and info.name in set(present[1:]):
                initializers.append(as_tensor(value, info.name))
            else:
                kept_info.append(info)
                kept_values.append(as_tensor(value, info.name))
        del graph.input[:]
        graph.input.extend(kept_info)
        graph.initializer.extend(initializers)
        out_tensors = [as_tensor(v, info.name) for info, v in zip(graph.output, outputs)]
        if any(t.data_type != onnx.TensorProto.FLOAT for t in kept_values + out_tensors):
            excluded.append(case.name)  # integer, bool, double or 16-bit float data: not a float32 CNN's
            continue
        out.append(("node", case.name, op, model, kept_values, out_tensors, case.rtol, case.atol,
                    sorted(t.name for t in initializers)))
    return out


def ort_outputs(model, feeds):
    import onnxruntime as ort
    options = ort.SessionOptions()
    options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_DISABLE_ALL
    options.intra_op_num_threads = 1
    session = ort.InferenceSession(model.SerializeToString(), options, providers=["CPUExecutionProvider"])
    return session.run(None, feeds)


def converted(model, name, feeds, expected, rtol, atol, notes):
    """The model at opset 11 when older, if ONNX Runtime gives the shipped outputs on the converted model
    (within the case's tolerance); else the original model, with the reason in `notes`."""
    opset = next(o.version for o in model.opset_import if o.domain in ("", "ai.onnx"))
    if opset >= CONVERT_TO:
        return model
    try:
        result = version_converter.convert_version(model, CONVERT_TO)
        actual = ort_outputs(result, feeds)
    except Exception as error:  # the converter or ONNX Runtime refuses the converted model
        notes[name] = f"kept at opset {opset}: conversion to {CONVERT_TO} fails ({str(error).splitlines()[0][:200]})"
        return model
    for a, e in zip(actual, expected):
        if a.shape != e.shape or not np.allclose(a, e, rtol=rtol, atol=atol):
            notes[name] = f"kept at opset {opset}: ONNX Runtime on the model converted to {CONVERT_TO} differs from the shipped output"
            return model
    return result


def pytorch_converted_cases(notes):
    out = []
    for directory in sorted(glob.glob(os.path.join(ONNX_DATA, "pytorch-converted", "test_*"))):
        name = os.path.basename(directory)
        model = onnx.load(os.path.join(directory, "model.onnx"))
        ops = {n.op_type for n in model.graph.node}
        if not ops <= set(CNN_OPS) | HELPER_OPS:
            continue
        data = os.path.join(directory, "test_data_set_0")
        inputs = [onnx.load_tensor(p) for p in sorted(glob.glob(os.path.join(data, "input_*.pb")))]
        outputs = [onnx.load_tensor(p) for p in sorted(glob.glob(os.path.join(data, "output_*.pb")))]
        initialized = {t.name for t in model.graph.initializer}
        graph_inputs = [i.name for i in model.graph.input if i.name not in initialized]
        # The shipped .pb files may leave the tensor name empty: name them after the graph input / output.
        for tensor, input_name in zip(inputs, graph_inputs):
            tensor.name = input_name
        for tensor, output in zip(outputs, model.graph.output):
            tensor.name = output.name
        feeds = {t.name: numpy_helper.to_array(t) for t in inputs}
        expected = [numpy_helper.to_array(t) for t in outputs]
        model = converted(model, name, feeds, expected, 1e-3, 1e-7, notes)
        out.append(("pytorch-converted", name, "+".join(sorted(ops)), model, inputs, outputs, 1e-3, 1e-7, []))
    return out


def light_cases(notes):
    from onnx.backend.test.case import model as model_cases_module
    tolerances = {c.model_name: (c.rtol, c.atol) for c in model_cases_module.collect_testcases() if c.kind == "real"}
    out = []
    for path in sorted(glob.glob(os.path.join(ONNX_DATA, "light", "light_*.onnx"))):
        model_name = os.path.basename(path)[len("light_"):-len(".onnx")]
        model = onnx.load(path)
        rtol, atol = tolerances[model_name]
        initialized = {t.name for t in model.graph.initializer}
        inputs = []
        for info in model.graph.input:
            if info.name in initialized:
                continue
            # onnx's backend runner (generate_dummy_data, random=False): arange(n) / n, symbolic dimensions as 1.
            shape = tuple(d.dim_value if d.HasField("dim_value") else 1 for d in info.type.tensor_type.shape.dim)
            n = int(np.prod(shape))
            inputs.append(numpy_helper.from_array((np.arange(n).reshape(shape) / n).astype(np.float32), info.name))
        outputs = []
        for k, info in enumerate(model.graph.output):
            tensor = onnx.load_tensor(path[:-len(".onnx")] + f"_output_{k}.pb")
            tensor.name = info.name
            outputs.append(tensor)
        feeds = {t.name: numpy_helper.to_array(t) for t in inputs}
        model = converted(model, "test_" + model_name, feeds, [numpy_helper.to_array(t) for t in outputs], rtol, atol, notes)
        name = "test_" + model_name
        out.append(("light", name, "model", model, inputs, outputs, rtol, atol, []))
    return out


def stamp():
    """What the generated data depends on: this script and the onnx version."""
    with open(os.path.abspath(__file__), "rb") as f:
        return hashlib.sha256(f.read()).hexdigest() + " onnx " + onnx.__version__


def generate(out):
    if onnx.__version__ != ONNX_VERSION:
        raise SystemExit(f"error: expected onnx {ONNX_VERSION} (the manifest's case names are its), got {onnx.__version__}: "
                         f"pip install onnx=={ONNX_VERSION}")
    notes, excluded = {}, []
    cases = node_cases(excluded) + pytorch_converted_cases(notes) + light_cases(notes)
    partial = out + ".partial"
    shutil.rmtree(partial, ignore_errors=True)
    index = []
    for suite, name, op, model, inputs, outputs, rtol, atol, initializers in sorted(cases, key=lambda c: (c[0], c[1])):
        write_case(os.path.join(partial, suite, name), model, inputs, outputs)
        opset = next(o.version for o in model.opset_import if o.domain in ("", "ai.onnx"))
        entry = {"suite": suite, "case": name, "op": op, "opset": opset, "rtol": rtol, "atol": atol,
                 "initializers": initializers}
        if name in notes:
            entry["note"] = notes[name]
        index.append(entry)
    with open(os.path.join(partial, "cases.json"), "w") as f:
        json.dump({"onnx": onnx.__version__, "stamp": stamp(), "cases": index, "excluded": sorted(excluded)}, f, indent=1, sort_keys=True)
        f.write("\n")
    # Replace the whole folder at once: a reader never sees half a suite.
    shutil.rmtree(out, ignore_errors=True)
    os.rename(partial, out)
    counts = {s: sum(1 for c in index if c["suite"] == s) for s in ("node", "pytorch-converted", "light")}
    print(f"wrote {len(index)} cases to {out}: {counts}; {len(excluded)} node cases of other data types left out")


def is_current(out):
    try:
        with open(os.path.join(out, "cases.json")) as f:
            return json.load(f).get("stamp") == stamp()
    except (OSError, ValueError):
        return False


def update_manifest(out):
    """Runs the suite test in record mode: it rewrites expected.json with what cnnc does today."""
    env = dict(os.environ, CNNC_RECORD_ONNX_NODE_MANIFEST="1", CNNC_ONNX_NODE_DATA=out)
    subprocess.run(["swift", "build", "--build-tests"], cwd=REPO, check=True)
    subprocess.run(["swift", "test", "--skip-build", "--filter", "ONNXNodeSuiteTests"], cwd=REPO, env=env, check=True)
    print("rewrote Tests/Goldens/onnx-node/expected.json; review it with git diff")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", default=DEFAULT_OUT, help="where to write the cases (default: .build/onnx-node)")
    parser.add_argument("--if-stale", action="store_true",
                        help="do nothing when OUT holds the cases of this script and onnx version")
    parser.add_argument("--update-manifest", action="store_true",
                        help="then re-run cnnc over every case and rewrite Tests/Goldens/onnx-node/expected.json")
    args = parser.parse_args()
    out = os.path.abspath(args.out)
    if args.if_stale and is_current(out):
        print(f"{out} is up to date")
    else:
        generate(out)
    if args.update_manifest:
        update_manifest(out)


if __name__ == "__main__":
    sys.exit(main())
