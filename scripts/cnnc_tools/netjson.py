"""Shared helpers for the example scripts: compact, stable net.json writing."""
import json
import os


def write_net_json(path, net):
    """Write net.json with one layer per line (as in the contract's example)."""
    lines = ["{"]
    items = list(net.items())
    for i, (k, v) in enumerate(items):
        comma = "," if i < len(items) - 1 else ""
        if k == "layers":
            lines.append('  "layers": [')
            for j, layer in enumerate(v):
                lc = "," if j < len(v) - 1 else ""
                lines.append("    " + json.dumps(layer, separators=(", ", ": ")) + lc)
            lines.append("  ]" + comma)
        else:
            lines.append(f"  {json.dumps(k)}: {json.dumps(v, separators=(', ', ': '))}{comma}")
    lines.append("}")
    with open(path, "w") as f:
        f.write("\n".join(lines) + "\n")
    json.loads(open(path).read())  # sanity: still valid JSON


def save_safetensors(path, tensors):
    from safetensors.torch import save_file
    save_file(tensors, path)
    os.chmod(path, 0o644)
