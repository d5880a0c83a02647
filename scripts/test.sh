#!/usr/bin/env bash
# The README's test command: installs clang + libomp (chromium for the HTML report's browser
# test, the aarch64 cross toolchain and qemu-user for the ARM64 tests) if missing, then builds
# and runs every test.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash scripts/ensure-toolchain.sh
bash scripts/ensure-chromium.sh
bash scripts/ensure-cross-toolchain.sh   # ARM64 tests: cross gcc + qemu-user (docs/targets.md)
# The Python package (docs/python.md) is installed into a venv under .build before the Swift
# tests: the same venv generates the ONNX project's test cases that ONNXNodeSuiteTests reads
# (docs/onnx.md, "The ONNX project's tests").
venv=.build/python-venv
[ -x "$venv/bin/python3" ] || python3 -m venv --system-site-packages "$venv"
if "$venv/bin/python3" -c 'import setuptools, wheel, sys; sys.exit(int(setuptools.__version__.split(".")[0]) < 61)' 2>/dev/null; then
    isolation=--no-build-isolation   # build with the setuptools and wheel at hand: no download
else
    isolation=
fi
# With the onnxruntime extra (onnx, onnxruntime) for the per-layer tests and ray[data] for the
# Ray example's test. Measured on a fresh venv without a pip cache, on the 2-core dev machine
# under load: numpy + onnx + onnxruntime + pytest 80 s, then ray[data] 171 s; nothing when present.
# onnx is pinned: the ONNX node suite's manifest names the cases of that version.
"$venv/bin/python3" -m pip install --quiet $isolation './python[onnxruntime]' onnx==1.23.2 numpy pytest 'ray[data]'
# The ONNX project's node, PyTorch-converted and model-zoo cases for CNN ops, into .build/onnx-node
# (6.6 MB; about 30 s, nothing when already current).
"$venv/bin/python3" scripts/onnx/make_node_tests.py --if-stale
# The Swift sources stay formatted with the checked-in .swift-format (scripts/format.sh rewrites
# them; about 20 s).
bash scripts/format.sh --check
swift build --build-tests
swift test --skip-build "$@"

# The Python package's tests against the cnnc just built. pytest's exit status is the script's
# (set -e); a run that collects no tests exits 5, so it fails too.
CNNC="$(swift build --show-bin-path)/cnnc" "$venv/bin/python3" -m pytest python/tests -q -p no:cacheprovider

# Fuzzing and sanitizers (docs/fuzzing.md): every fuzz target for 30 s from its seeds, and the
# Swift runtime's concurrent sessions under ThreadSanitizer (the generated C under ASan and UBSan
# is SanitizerTests, above). Skipped when arguments select tests (`scripts/test.sh --filter X`).
if [ $# -eq 0 ]; then
    bash scripts/fuzz.sh --seconds 30
    bash scripts/sanitize.sh
fi
