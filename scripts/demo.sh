#!/usr/bin/env bash
# The whole demo in one command: builds cnnc, compiles the bundled digits CNN
# (examples/digits) into a shared library, and classifies its 360 held-out test
# images with the Swift app in examples/swift-app, checking the accuracy equals
# PyTorch's. Needs Swift 6; installs clang and libomp-dev with apt-get if no
# clang with OpenMP is found. Runs from any directory.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
started=$SECONDS
step() { printf '==> %s\n' "$*"; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

# Runs swift build quietly: its last line on success, everything on failure.
swift_build() {
    local log
    if ! log=$(swift build "$@" 2>&1); then
        printf '%s\n' "$log" >&2
        die "swift build $* failed"
    fi
    printf '    %s\n' "${log##*$'\n'}"
}

command -v swift >/dev/null 2>&1 ||
    die "swift not found on PATH; install Swift 6 (https://www.swift.org/install/linux/) and run this again"

# cnnc compiles the generated C with clang -fopenmp; install clang and libomp-dev if needed.
bash scripts/ensure-toolchain.sh
step "C compiler with OpenMP: ${CC:-$(command -v clang)}"

# A debug build: about 4x faster to build from scratch than release, and the model's
# kernels are compiled by clang -O3 either way.
step "building cnnc and digits-demo (swift build)"
swift_build --product cnnc
swift_build --product digits-demo
bin=$(swift build --show-bin-path)

step "compiling examples/digits/net.json -> .build/demo/libdigits.so"
mkdir -p .build/demo
"$bin/cnnc" compile examples/digits/net.json -o .build/demo/libdigits.so --header .build/demo/digits.h

step "classifying the test images with digits-demo"
"$bin/digits-demo" .build/demo/libdigits.so examples/digits/test_images.npy examples/digits/test_labels.npy \
    --expected-accuracy examples/digits/torch_accuracy.json

step "done in $((SECONDS - started))s"
