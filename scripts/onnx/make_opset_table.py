#!/usr/bin/env python3
"""Write Tests/Goldens/onnx-opsets/history.json: how each ONNX op changed between opset 11 and the
newest opset the installed onnx package defines (onnx.defs.onnx_opset_version()).

For every op of the default domain, the schema versions (since_version) in 12..newest, each with
what changed against the previous version, read from the schemas:

    {"newest": 28, "onnx": "1.23.2", "ops": {"Conv": {"first": 1, "changes": [
        {"since": 22, "kind": "types", "what": "types +bfloat16"}]}, ...}}

kind "types": only the allowed element types changed (a float32 model means the same); any
other kind ("attributes", "inputs", "outputs", "doc": the version moved without a visible
schema difference, i.e. a change in the text of the spec) is a possible change of meaning that
a person must review. OpsetTableTests checks that every change of every op the importer handles
is either "types" or carries a review note in the test, and that the importer reads opsets up
to "newest".

Deterministic. Usage:  python3 scripts/onnx/make_opset_table.py
"""
import json
import os

import onnx
import onnx.defs

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(REPO, "Tests", "Goldens", "onnx-opsets", "history.json")
FLOOR = 11


def schema(op, version):
    try:
        return onnx.defs.get_schema(op, max_inclusive_version=version, domain="")
    except onnx.defs.SchemaError:
        return None


def describe(s):
    attributes = {name: (int(a.type), a.default_value.SerializeToString(), a.required) for name, a in s.attributes.items()}
    inputs = [(i.name, int(i.option)) for i in s.inputs]
    outputs = [(o.name, int(o.option)) for o in s.outputs]
    types = set(t for c in s.type_constraints for t in c.allowed_type_strs)
    return attributes, inputs, outputs, types


def change(old, new):
    a1, i1, o1, t1 = describe(old)
    a2, i2, o2, t2 = describe(new)
    parts, kind = [], None
    if a1 != a2:
        added, removed = sorted(set(a2) - set(a1)), sorted(set(a1) - set(a2))
        changed = sorted(k for k in set(a1) & set(a2) if a1[k] != a2[k])
        parts.append("attributes" + "".join(f" +{k}" for k in added) + "".join(f" -{k}" for k in removed)
                     + "".join(f" ~{k}" for k in changed))
        kind = kind or "attributes"
    if i1 != i2:
        parts.append(f"inputs {[n for n, _ in i1]} -> {[n for n, _ in i2]}" if [n for n, _ in i1] != [n for n, _ in i2]
                     else "inputs: optionality changed")
        kind = kind or "inputs"
    if o1 != o2:
        parts.append(f"outputs {[n for n, _ in o1]} -> {[n for n, _ in o2]}")
        kind = kind or "outputs"
    if t1 != t2:
        short = lambda t: t.replace("tensor(", "").replace(")", "")
        parts.append("types" + "".join(f" +{short(t)}" for t in sorted(t2 - t1)) + "".join(f" -{short(t)}" for t in sorted(t1 - t2)))
        kind = kind or "types"
    if kind is None:
        parts.append("no schema difference (the spec's text changed)")
        kind = "doc"
    return kind, "; ".join(parts)


def main():
    newest = onnx.defs.onnx_opset_version()
    ops = {}
    for op in sorted({s.name for s in onnx.defs.get_all_schemas_with_history() if s.domain == ""}):
        first = next((v for v in range(1, newest + 1) if schema(op, v) is not None), None)
        if first is None:
            continue
        first = schema(op, first).since_version
        changes = []
        previous = schema(op, FLOOR)
        for version in range(FLOOR + 1, newest + 1):
            current = schema(op, version)
            if current is None or (previous is not None and current.since_version == previous.since_version):
                continue
            if previous is not None:
                kind, what = change(previous, current)
                changes.append({"since": current.since_version, "kind": kind, "what": what})
            previous = current
        ops[op] = {"first": first, "changes": changes}
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w") as f:
        json.dump({"newest": newest, "onnx": onnx.__version__, "ops": ops}, f, indent=1, sort_keys=True)
        f.write("\n")
    print(f"wrote {OUT}: {len(ops)} ops, opsets {FLOOR} to {newest}")


if __name__ == "__main__":
    main()
