"""The code the scripts under scripts/ share, as one importable package.

The scripts stay where they are (scripts/goldens, scripts/onnx, scripts/zoo, scripts/examples)
and import from here after putting scripts/ on the path (`sys.path.insert(0, <scripts>)`),
never from each other by file path:

    seeded        the seeded stand-in weights of a net.json (docs/seeded-weights.md)
    onnx_seeded   the same for an ONNX model's initializers (the rules of cnnc's importer)
    netjson       net.json writing (one layer per line) and safetensors saving
    onnx_kit      the case registry, model builder and writer of the ONNX golden scripts
    reference     the reference interpreter of net.json (PyTorch ops) the op goldens and the
                  zoo are computed with

None of it is needed to build or test cnnc.
"""
import os

SCRIPTS = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
REPO = os.path.dirname(SCRIPTS)
