"""Per-layer reference outputs from ONNX Runtime, for ``cnnc verify --per-layer``.

``python3 -m cnnc.reference model.onnx --input [NAME=]x.npy ... --output-dir DIR`` runs the
model in ONNX Runtime with every node's output tensor marked as a graph output and writes
one .npy per tensor into DIR, plus ``layers.json``: the tensors in graph order, each with its
file, shape, op type and the tensors it reads. This is the layout ``cnnc run --all-layers``
writes, so the two directories compare name by name. Needs ``pip install ./python[onnxruntime]``.
"""

import argparse
import json
import os
import sys

import numpy as np

from ._files import write_atomically


def _safe_file_name(name, position):
    safe = "".join(c if (c.isascii() and (c.isalnum() or c in "._-")) else "_" for c in name[:80])
    return f"{position:04d}_{safe}.npy"


def _require_onnxruntime():
    try:
        import onnx  # noqa: F401
        import onnxruntime  # noqa: F401
    except ImportError as error:
        raise SystemExit(f"error: the per-layer reference needs onnx and onnxruntime ({error}); install them with `pip install './python[onnxruntime]'` (or `pip install onnx onnxruntime`)")


def run_layers(model_path, inputs):
    """Runs ``model_path`` in ONNX Runtime on ``inputs`` (name -> array) and returns
    ``[(tensor name, array, op type, [input tensor names])]`` for every float node output in graph order."""
    _require_onnxruntime()
    import onnx
    import onnxruntime

    model = onnx.load(model_path)
    graph = model.graph
    declared = {o.name for o in graph.output}
    initializers = {i.name for i in graph.initializer}
    layers = []
    constant = set(initializers)
    for node in graph.node:
        # A node that reads only constants (Constant, an Identity of a weight) computes no layer.
        if all(i in constant for i in node.input if i):
            constant.update(o for o in node.output if o)
            continue
        for name in node.output:
            if not name:
                continue
            layers.append((name, node.op_type, [i for i in node.input if i and i not in constant]))
            if name not in declared:
                graph.output.append(onnx.ValueInfoProto(name=name))
                declared.add(name)
    options = onnxruntime.SessionOptions()
    options.log_severity_level = 3
    session = onnxruntime.InferenceSession(model.SerializeToString(), options, providers=["CPUExecutionProvider"])
    names = [o.name for o in session.get_outputs()]
    values = dict(zip(names, session.run(names, inputs)))
    result = []
    for name, op, reads in layers:
        value = values.get(name)
        if value is None or not np.issubdtype(np.asarray(value).dtype, np.floating):
            continue
        result.append((name, np.asarray(value, dtype=np.float32), op, reads))
    return result


def write_layers(layers, directory, model_name=""):
    """Writes ``run_layers``' result into ``directory`` (one .npy per tensor and layers.json)."""
    os.makedirs(directory, exist_ok=True)
    entries = []
    for position, (name, value, op, reads) in enumerate(layers):
        file = _safe_file_name(name, position)
        write_atomically(os.path.join(directory, file), lambda f, value=value: np.save(f, value))
        entries.append({"name": name, "file": file, "shape": list(value.shape), "op": op, "inputs": reads})
    manifest = {"model": model_name, "batch": int(layers[0][1].shape[0]) if layers and layers[0][1].ndim else 1, "layers": entries}
    write_atomically(os.path.join(directory, "layers.json"), lambda f: (json.dump(manifest, f, indent=1), f.write("\n")), text=True)


def _bind_inputs(arguments, model_path):
    import onnx

    model = onnx.load(model_path, load_external_data=False)
    initializers = {i.name for i in model.graph.initializer}
    names = [i.name for i in model.graph.input if i.name not in initializers]
    inputs = {}
    for argument in arguments:
        name, sep, file = argument.partition("=")
        if not sep or name not in names:
            if len(names) != 1:
                raise SystemExit(f"error: {model_path}: expected --input NAME=FILE.npy with NAME one of {', '.join(names)}, got '{argument}'")
            name, file = names[0], argument
        inputs[name] = np.load(file).astype(np.float32)
    missing = [n for n in names if n not in inputs]
    if missing:
        raise SystemExit(f"error: {model_path}: expected every input to be given, missing: {', '.join(missing)}")
    return inputs


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python3 -m cnnc.reference", description=__doc__.split("\n\n")[1])
    parser.add_argument("model", help="the ONNX model")
    parser.add_argument("--input", action="append", default=[], help="a model input as [NAME=]FILE.npy")
    parser.add_argument("--output-dir", required=True, help="where to write the per-layer .npy files and layers.json")
    args = parser.parse_args(argv)
    _require_onnxruntime()
    inputs = _bind_inputs(args.input, args.model)
    layers = run_layers(args.model, inputs)
    write_layers(layers, args.output_dir, os.path.basename(args.model))
    return 0


if __name__ == "__main__":
    sys.exit(main())
