#!/usr/bin/env bash
# Formats the Swift sources with `swift format` and the checked-in .swift-format configuration.
#
#   scripts/format.sh            rewrite the files in place
#   scripts/format.sh --check    change nothing; list the files the formatter would change and
#                                exit 1 if there is any
#   scripts/format.sh [--check] PATH...   only these files or folders
#
# Covered: Package.swift and every .swift file under Sources, Runtime, Tests, examples and Fuzz,
# except generated code (Sources/CNNONNX/Generated, from scripts/onnx/generate-proto.sh).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
check=0
if [ "${1:-}" = "--check" ]; then check=1; shift; fi
case "${1:-}" in -h|--help) sed -n '2,10p' "$0"; exit 0 ;; -*) echo "error: unknown option '$1' (expected --check or paths)" >&2; exit 2 ;; esac
roots=("$@")
[ ${#roots[@]} -gt 0 ] || roots=(Package.swift Sources Runtime Tests examples Fuzz)
files=()
while IFS= read -r -d '' f; do files+=("$f"); done < <(
    find "${roots[@]}" -name '*.swift' -not -path 'Sources/CNNONNX/Generated/*' -not -path '*/.build/*' -not -path '*/.build-*/*' -print0 | sort -z)
[ ${#files[@]} -gt 0 ] || { echo "error: no Swift files under ${roots[*]}" >&2; exit 2; }
if [ $check -eq 0 ]; then
    swift format format --configuration .swift-format --in-place --parallel "${files[@]}"
    exit 0
fi
copy=$(mktemp -d)
trap 'rm -rf "$copy"' EXIT
for f in "${files[@]}"; do mkdir -p "$copy/$(dirname "$f")"; cp "$f" "$copy/$f"; done
(cd "$copy" && swift format format --configuration "$OLDPWD/.swift-format" --in-place --parallel "${files[@]}")
changed=0 lines=0
for f in "${files[@]}"; do
    if ! cmp -s "$f" "$copy/$f"; then
        n=$(diff "$f" "$copy/$f" | grep -c '^[<>]' || true)
        echo "$f: $n lines differ"
        changed=$((changed + 1)) lines=$((lines + n))
    fi
done
if [ $changed -gt 0 ]; then
    echo "error: $changed of ${#files[@]} Swift files are not formatted ($lines lines differ, counting both sides); run scripts/format.sh" >&2
    exit 1
fi
echo "all ${#files[@]} Swift files are formatted"
