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
source "$(dirname "${BASH_SOURCE[0]}")/lib/apt-install.sh"
apt_install "clang, the LLVM OpenMP runtime and cmake" "${packages[@]}"
can_build_openmp || { echo "error: clang with OpenMP still not usable after installing clang and libomp-dev" >&2; exit 1; }
command -v cmake >/dev/null 2>&1 || { echo "error: cmake still missing after installing it" >&2; exit 1; }
