#!/usr/bin/env bash
# The README's test command: installs clang + libomp if missing, then builds and runs every test.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash scripts/ensure-toolchain.sh
swift build --build-tests
swift test --skip-build "$@"
