#!/usr/bin/env bash
# Process replay for refactors (issue 16): regenerate the C of every golden case and example
# with two builds of cnnc and compare them byte for byte.
#
#   scripts/replay-c.sh [--base REV | --old-cnnc PATH] [--examples] [--target T]
#
#   --base REV    the commit to compare with (default: HEAD~1); it is built in a temporary
#                 git worktree under .build/replay (kept between runs, so a second replay
#                 against the same commit only rebuilds what changed)
#   --old-cnnc PATH  compare with this cnnc binary instead of building one at REV
#   --examples    also the examples (seeded weights where they have none; slow in debug builds)
#   --target T    the target the C is generated for (default x86-64-v3, fixed so the replay
#                 means the same on every host)
#
# The cases: every net.json golden (Tests/Goldens/ops) and every ONNX golden model
# (Tests/Goldens/onnx*/*/model.onnx; a model both builds refuse with the same message counts as
# the same). Prints each case whose C differs (with the first differing lines) and exits 1 if any did.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
base="HEAD~1" examples=0 target="x86-64-v3" oldcnnc=""
while [ $# -gt 0 ]; do
    case "$1" in
        --base) base="$2"; shift 2 ;;
        --old-cnnc) oldcnnc="$2"; shift 2 ;;
        --examples) examples=1; shift ;;
        --target) target="$2"; shift 2 ;;
        -h|--help) sed -n '2,19p' "$0"; exit 0 ;;
        *) echo "error: unknown option '$1' (expected --base REV, --old-cnnc PATH, --examples or --target T)" >&2; exit 2 ;;
    esac
done
if [ -n "$oldcnnc" ]; then
    [ -x "$oldcnnc" ] || { echo "error: --old-cnnc '$oldcnnc' is not an executable" >&2; exit 2; }
    label="$oldcnnc"
    echo "== building cnnc at the working tree (old: $oldcnnc)"
    swift build --product cnnc >/dev/null
    old="$oldcnnc"
else
    rev=$(git rev-parse --verify "$base^{commit}") || { echo "error: '$base' is not a commit" >&2; exit 2; }
    label=${rev:0:10}
    tree=.build/replay/tree
    mkdir -p .build/replay
    if [ -d "$tree" ]; then git -C "$tree" checkout -q --detach "$rev"; else git worktree add -q --detach "$tree" "$rev"; fi
    echo "== building cnnc at ${rev:0:10} and at the working tree"
    (cd "$tree" && swift build --product cnnc >/dev/null)
    swift build --product cnnc >/dev/null
    old="$(cd "$tree" && swift build --show-bin-path)/cnnc"
fi
new="$(swift build --show-bin-path)/cnnc"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cases=(Tests/Goldens/ops/*/net.json Tests/Goldens/onnx*/*/model.onnx)
if [ $examples -eq 1 ]; then cases+=(examples/*/net.json); fi
changed=0 compared=0
for net in "${cases[@]}"; do
    name=$(dirname "$net"); name=${name#Tests/Goldens/}
    seeded=()
    # Examples without weights, or whose weights file is not in this checkout, get seeded weights.
    weights=$(sed -n 's/.*"weights" *: *"\([^"]*\)".*/\1/p' "$net" | head -1)
    if [ "${net#examples/}" != "$net" ] && { [ -z "$weights" ] || [ ! -e "$(dirname "$net")/$weights" ]; }; then seeded=(--seeded-weights 2026); fi
    for which in old new; do
        bin=$old; [ $which = new ] && bin=$new
        rm -rf "$work/$which"
        if ! "$bin" compile "$net" -o "$work/$which" --emit c --target "$target" --prefix replay "${seeded[@]}" >/dev/null 2>"$work/$which.err"; then
            [ "${net%model.onnx}" != "$net" ] || echo "$name: $which cnnc failed: $(head -1 "$work/$which.err")"
        fi
    done
    compared=$((compared + 1))
    if [ ! -e "$work/old/replay.c" ] && [ ! -e "$work/new/replay.c" ] && cmp -s "$work/old.err" "$work/new.err"; then
        continue  # refused by both, with the same message
    fi
    if ! cmp -s "$work/old/replay.c" "$work/new/replay.c"; then
        changed=$((changed + 1))
        echo "== $name: the C differs"
        diff "$work/old/replay.c" "$work/new/replay.c" | head -8 || true
    fi
done
echo "== $compared cases, $changed with different C (base $label, target $target)"
[ $changed -eq 0 ]
