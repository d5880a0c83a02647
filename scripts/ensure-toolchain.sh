#!/usr/bin/env bash
# Installs what cnnc needs at run time on Debian/Ubuntu: clang and the LLVM OpenMP
# runtime. Does nothing when a C compiler that builds OpenMP code is already there.
set -euo pipefail

can_build_openmp() {
    local cc="${CC:-clang}"
    command -v "$cc" >/dev/null 2>&1 || return 1
    echo '#include <omp.h>
int f(void) { return omp_get_max_threads(); }' | "$cc" -fopenmp -x c -shared -fPIC -o /dev/null - >/dev/null 2>&1
}

if can_build_openmp; then
    exit 0
fi
echo "==> installing clang and libomp-dev (apt-get)"
command -v apt-get >/dev/null 2>&1 ||
    { echo "error: no C compiler with OpenMP found and apt-get is missing; install clang and the LLVM OpenMP runtime (libomp)" >&2; exit 1; }
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null 2>&1 || { echo "error: installing clang and libomp-dev needs root, and sudo is missing" >&2; exit 1; }
    SUDO="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq clang libomp-dev >/dev/null
can_build_openmp || { echo "error: clang with OpenMP still not usable after installing clang and libomp-dev" >&2; exit 1; }
