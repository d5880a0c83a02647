#!/usr/bin/env python3
"""Writes the seeded weights file a net.json names (docs/seeded-weights.md); the generator is
scripts/cnnc_tools/seeded.py.

    python3 scripts/zoo/seeded.py examples/resnet18/net.json [--seed 2026] [--gain G] [-o FILE]

(seed and gain default to the seed.json beside the net.json, if any).
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))  # scripts/: the cnnc_tools package
from cnnc_tools.seeded import main  # noqa: E402

if __name__ == "__main__":
    main(sys.argv[1:])
