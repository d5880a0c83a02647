#!/usr/bin/env bash
# Process replay for refactors (issue 16): regenerate the C of every golden case and example
# with two builds of cnnc and compare them byte for byte.
#
#   scripts/replay-c.sh [--base REV] [--examples] [--target T]
#
#   --base REV    the commit to compare with (default: HEAD~1); it is built in a temporary
#                 git worktree under .build/replay (kept between runs, so a second replay
#                 against the same commit only rebuilds what changed)
#   --examples    also the examples (seeded weights where they have none; slow in debug builds)
#   --target T    the target the C is generated for (default x86-64-v3, fixed so the replay
#                 means the same on every host)
#
# Prints each case whose C differs (with the first differing lines) and exits 1 if any did.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
base="HEAD~1" examples=0 target="x86-64-v3"
while [ $# -gt 0 ]; do
    case "$1" in
        --base) base="$2"; shift 2 ;;
        --examples) examples=1; shift ;;
        --target) target="$2"; shift 2 ;;
        -h|--help) sed -n '2,14p' "$0"; exit 0 ;;
        *) echo "error: unknown option '$1' (expected --base REV, --examples or --target T)" >&2; exit 2 ;;
    esac
done
rev=$(git rev-parse --verify "$base^{commit}") || { echo "error: '$base' is not a commit" >&2; exit 2; }
tree=.build/replay/tree
mkdir -p .build/replay
if [ -d "$tree" ]; then git -C "$tree" checkout -q --detach "$rev"; else git worktree add -q --detach "$tree" "$rev"; fi
echo "== building cnnc at ${rev:0:10} and at the working tree"
(cd "$tree" && swift build --product cnnc >/dev/null)
swift build --product cnnc >/dev/null
old="$(cd "$tree" && swift build --show-bin-path)/cnnc"
new="$(swift build --show-bin-path)/cnnc"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cases=(Tests/Goldens/ops/*/net.json)
if [ $examples -eq 1 ]; then cases+=(examples/*/net.json); fi
changed=0 compared=0
for net in "${cases[@]}"; do
    name=$(basename "$(dirname "$net")")
    seeded=()
    # Examples without weights, or whose weights file is not in this checkout, get seeded weights.
    weights=$(sed -n 's/.*"weights" *: *"\([^"]*\)".*/\1/p' "$net" | head -1)
    if [ "${net#examples/}" != "$net" ] && { [ -z "$weights" ] || [ ! -e "$(dirname "$net")/$weights" ]; }; then seeded=(--seeded-weights 2026); fi
    for which in old new; do
        bin=$old; [ $which = new ] && bin=$new
        rm -rf "$work/$which"
        if ! "$bin" compile "$net" -o "$work/$which" --emit c --target "$target" --prefix replay "${seeded[@]}" >/dev/null 2>"$work/$which.err"; then
            echo "$name: $which cnnc failed: $(head -1 "$work/$which.err")"
        fi
    done
    compared=$((compared + 1))
    if ! cmp -s "$work/old/replay.c" "$work/new/replay.c"; then
        changed=$((changed + 1))
        echo "== $name: the C differs"
        diff "$work/old/replay.c" "$work/new/replay.c" | head -8 || true
    fi
done
echo "== $compared cases, $changed with different C (base ${rev:0:10}, target $target)"
[ $changed -eq 0 ]
