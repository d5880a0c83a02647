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
echo "==> installing the ARM64 cross toolchain and qemu-user (apt-get)"
command -v apt-get >/dev/null 2>&1 ||
    { echo "error: the ARM64 tests need aarch64-linux-gnu-gcc, the arm64 libc and libgomp, and qemu-aarch64; apt-get is missing to install them" >&2; exit 1; }
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null 2>&1 || { echo "error: installing the ARM64 cross toolchain needs root, and sudo is missing" >&2; exit 1; }
    SUDO="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq -o DPkg::Lock::Timeout=600 gcc-aarch64-linux-gnu libc6-dev-arm64-cross libgomp1-arm64-cross qemu-user >/dev/null
have_all || { echo "error: the ARM64 cross toolchain is still incomplete after apt-get install" >&2; exit 1; }
