#!/usr/bin/env bash
# Installs what the ARM64 tests need on Debian/Ubuntu (docs/targets.md): the cross gcc, the
# ARM64 C library and libgomp to link against, and qemu-user to run the result on x86-64.
# Does nothing when they are all there.
set -euo pipefail

have_all() {
    command -v aarch64-linux-gnu-gcc >/dev/null 2>&1 && command -v qemu-aarch64 >/dev/null 2>&1 &&
        [ -e /usr/aarch64-linux-gnu/lib/libgomp.so.1 ] && [ -e /usr/aarch64-linux-gnu/lib/libc.so.6 ]
}

if have_all; then
    exit 0
fi
source "$(dirname "${BASH_SOURCE[0]}")/lib/apt-install.sh"
apt_install "the ARM64 cross toolchain and qemu-user" gcc-aarch64-linux-gnu libc6-dev-arm64-cross libgomp1-arm64-cross qemu-user
have_all || { echo "error: the ARM64 cross toolchain is still incomplete after apt-get install" >&2; exit 1; }
