#!/usr/bin/env bash
# Installs what cnnc needs at run time on Debian/Ubuntu: clang and the LLVM OpenMP
# runtime; and, for the deploy examples' tests, cmake. Does nothing when they are already there.
set -euo pipefail

can_build_openmp() {
    local cc="${CC:-clang}"
    command -v "$cc" >/dev/null 2>&1 || return 1
    echo '#include <omp.h>
int f(void) { return omp_get_max_threads(); }' | "$cc" -fopenmp -x c -shared -fPIC -o /dev/null - >/dev/null 2>&1
}

packages=()
can_build_openmp || packages+=(clang libomp-dev)
# The CMake example (examples/cmake-static) is built by the tests. Installing it costs about
# 73 s here (apt-get update + install, 2 busy cores; docs/deploy.md).
command -v cmake >/dev/null 2>&1 || packages+=(cmake)
if [ ${#packages[@]} -eq 0 ]; then
    exit 0
fi
echo "==> installing ${packages[*]} (apt-get)"
command -v apt-get >/dev/null 2>&1 ||
    { echo "error: ${packages[*]} missing and apt-get is missing; install clang, the LLVM OpenMP runtime (libomp) and cmake" >&2; exit 1; }
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null 2>&1 || { echo "error: installing ${packages[*]} needs root, and sudo is missing" >&2; exit 1; }
    SUDO="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq "${packages[@]}" >/dev/null
can_build_openmp || { echo "error: clang with OpenMP still not usable after installing clang and libomp-dev" >&2; exit 1; }
command -v cmake >/dev/null 2>&1 || { echo "error: cmake still missing after installing it" >&2; exit 1; }
