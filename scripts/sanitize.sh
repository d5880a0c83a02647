#!/usr/bin/env bash
# Sanitizer runs (docs/fuzzing.md).
#
#   scripts/sanitize.sh            the Swift runtime under ThreadSanitizer: concurrent sessions,
#                                  loads and runs of compiled libraries (Fuzz/Sources/runtime-tsan)
#   scripts/sanitize.sh --all      also every golden case's generated C under ASan + UBSan
#                                  (SanitizerTests with CNNC_SANITIZE_ALL=1; `swift test` runs a subset)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
all=0
case "${1:-}" in
    --all) all=1 ;;
    "") ;;
    -h|--help) sed -n '2,8p' "$0"; exit 0 ;;
    *) echo "error: unknown option '$1' (expected --all)" >&2; exit 2 ;;
esac
bash scripts/ensure-toolchain.sh
swift build --product cnnc >/dev/null
cnnc="$(swift build --show-bin-path)/cnnc"

echo "== building runtime-tsan (--sanitize=thread)"
swift build --package-path Fuzz --scratch-path Fuzz/.build-tsan --sanitize=thread --product runtime-tsan >/dev/null
tsan="Fuzz/.build-tsan/debug/runtime-tsan"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# LeNet-5 (one input, one output) and a golden case with two outputs.
for net in examples/lenet5/net.json Tests/Goldens/ops/two_outputs/net.json Tests/Goldens/ops/conv3x3_winograd_bn_residual/net.json; do
    name=$(basename "$(dirname "$net")")
    "$cnnc" compile "$net" -o "$work/$name.so" --target x86-64-v3 >/dev/null
    echo "== runtime-tsan $name"
    TSAN_OPTIONS="halt_on_error=1:exitcode=66:suppressions=$PWD/Fuzz/tsan.supp" "$tsan" "$work/$name.so" 20
done
# Winograd weights transformed by the first session (--winograd-weights at-load): sessions
# created at once race to it; one transforms, the others wait.
"$cnnc" compile Tests/Goldens/ops/conv3x3_winograd_tile_bn_residual/net.json -o "$work/at_load.so" --target x86-64-v3 --winograd-weights at-load >/dev/null
echo "== runtime-tsan at_load"
TSAN_OPTIONS="halt_on_error=1:exitcode=66:suppressions=$PWD/Fuzz/tsan.supp" "$tsan" "$work/at_load.so" 20

if [ $all -eq 1 ]; then
    echo "== every golden case under ASan + UBSan"
    swift build --build-tests >/dev/null
    CNNC_SANITIZE_ALL=1 swift test --skip-build --filter SanitizerTests
fi
