"""``cnnc.compare_layers``: a library's layers against reference ones, in the reference's order."""

import json
import os
from typing import NamedTuple, Optional

import numpy as np


class LayerResult(NamedTuple):
    """One reference layer: ``status`` is "pass", "fail", "fused" (computed inside the kernel of
    ``fused_into``, never written), "absent" (the library does not have it) or "shape" (sizes differ)."""
    name: str
    status: str
    max_abs_error: float = 0.0
    max_rel_error: float = 0.0
    out_of_tolerance: int = 0
    elements: int = 0
    fused_into: Optional[str] = None
    inputs: tuple = ()


class LayerComparison:
    """The result of ``compare_layers``: ``layers`` in reference order, ``first_failure`` (or None), ``passed``."""

    def __init__(self, layers):
        self.layers = layers
        self.first_failure = next((r for r in layers if r.status in ("fail", "shape")), None)
        self.passed = self.first_failure is None

    def __str__(self):
        lines = []
        width = min(max([len(r.name) for r in self.layers] + [5]), 48)
        for i, r in enumerate(self.layers):
            if r.status in ("pass", "fail"):
                what = f"{r.status.upper()}  max abs {r.max_abs_error:.3g}, max rel {r.max_rel_error:.3g}, {r.out_of_tolerance} of {r.elements} out of tolerance"
            elif r.status == "fused":
                what = f"fused into {r.fused_into}"
            elif r.status == "shape":
                what = "FAIL  element counts differ"
            else:
                what = "not in the library"
            lines.append(f"{i:4d}  {r.name[:width]:<{width}}  {what}")
        if self.first_failure:
            f = self.first_failure
            lines.append(f"first layer out of tolerance: {f.name}" + (f" (reads {', '.join(f.inputs)})" if f.inputs else ""))
        else:
            compared = [r for r in self.layers if r.status == "pass"]
            worst = max(compared, key=lambda r: r.max_abs_error, default=None)
            lines.append(f"passed: all {len(compared)} compared layers within tolerance"
                         + (f"; worst layer {worst.name}: max abs {worst.max_abs_error:.3g}" if worst else ""))
        return "\n".join(lines)


def _load(source):
    """(ordered dict name -> array or None for fused, {name: fused_into}, {name: inputs}) of a dict or a dump directory."""
    if isinstance(source, dict):
        return {k: np.asarray(v, dtype=np.float32) for k, v in source.items()}, {}, {}
    directory = os.fspath(source)
    manifest = os.path.join(directory, "layers.json")
    if not os.path.isfile(manifest):
        files = sorted(f for f in os.listdir(directory) if f.endswith(".npy"))
        return {f[:-4]: np.load(os.path.join(directory, f)) for f in files}, {}, {}
    with open(manifest) as f:
        entries = json.load(f)["layers"]
    arrays, fused, reads = {}, {}, {}
    for e in entries:
        if e.get("file"):
            if "/" in e["file"] or e["file"] == "..":
                raise ValueError(f"{manifest}: expected a file name inside the directory, got {e['file']!r}")
            arrays[e["name"]] = np.load(os.path.join(directory, e["file"]))
        elif e.get("fused_into"):
            fused[e["name"]] = e["fused_into"]
        reads[e["name"]] = tuple(e.get("inputs", ()))
    return arrays, fused, reads


def compare_layers(actual, reference, rtol=1e-4, atol=1e-5):
    """Compares every layer of ``reference`` with ``actual``, in the reference's order.

    ``actual``: a dict name -> array (``Model.run`` on a library compiled with
    ``all_layers=True``) or a directory written by ``cnnc run --all-layers DIR``.
    ``reference``: a dict or a directory in the same layout (``python -m cnnc.reference``
    for ONNX Runtime, scripts/torch_layer_hooks.py for PyTorch). An element is within
    tolerance when ``|a - r| <= atol + rtol * |r|``, as in ``cnnc verify``.
    """
    ours, fused, _ = _load(actual)
    theirs, _, reads = _load(reference)
    results = []
    for name, expected in theirs.items():
        inputs = reads.get(name, ())
        if name in fused:
            results.append(LayerResult(name, "fused", fused_into=fused[name], inputs=inputs))
            continue
        if name not in ours:
            results.append(LayerResult(name, "absent", inputs=inputs))
            continue
        a = np.asarray(ours[name], dtype=np.float64).ravel()
        e = np.asarray(expected, dtype=np.float64).ravel()
        if a.size != e.size:
            results.append(LayerResult(name, "shape", elements=e.size, inputs=inputs))
            continue
        with np.errstate(invalid="ignore"):
            error = np.where(a == e, 0.0, np.abs(a - e))
            error = np.where(np.isnan(error), np.inf, error)
            bad = int(np.count_nonzero(~(error <= atol + rtol * np.abs(e))))
            big = np.abs(e) > atol
            rel = float(np.max(error[big] / np.abs(e[big]))) if big.any() else 0.0
        results.append(LayerResult(name, "fail" if bad else "pass", float(error.max(initial=0.0)), rel, bad, int(e.size), inputs=inputs))
    return LayerComparison(results)
