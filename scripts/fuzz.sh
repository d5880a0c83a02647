#!/usr/bin/env bash
# Fuzzes cnnc's readers of untrusted input with libFuzzer (Fuzz/, Sources/CNNFuzzTargets).
#
#   scripts/fuzz.sh [--seconds N] [--jobs-dir DIR] [TARGET...]
#
# Targets: description onnx safetensors npy elf descriptor (default: all). Each runs for N seconds
# (default 60) from its seed corpus (the committed examples and golden cases, Fuzz/corpus/TARGET) with
# a fixed libFuzzer seed, under AddressSanitizer. A crash, timeout or out-of-memory fails the script
# (LeakSanitizer is off: it misreads Swift's lazily made globals, whose pointers hide in enum payloads,
# as leaks; the generated C is leak-checked by SanitizerTests); the input is kept in Fuzz/.work/findings/ — add it to Fuzz/regressions/TARGET/ (the replay
# test runs every file there) once fixed. The last line per target gives executions and coverage.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
root=$PWD
seconds=60
targets=()
while [ $# -gt 0 ]; do
    case "$1" in
        --seconds) seconds="$2"; shift 2 ;;
        -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
        -*) echo "error: unknown option '$1' (expected --seconds N or target names)" >&2; exit 2 ;;
        *) targets+=("$1"); shift ;;
    esac
done
[ ${#targets[@]} -gt 0 ] || targets=(description onnx safetensors npy elf descriptor)

bash scripts/ensure-toolchain.sh
echo "== building the harness (release, -sanitize=fuzzer,address)"
build=(swift build --package-path Fuzz -c release -Xswiftc -sanitize=fuzzer,address)
if ! "${build[@]}" --product cnnc-fuzz >"Fuzz/.build-fuzz.log" 2>&1; then
    grep -E 'error' "Fuzz/.build-fuzz.log" | head -20 >&2
    echo "error: the fuzz harness did not build (the whole log: Fuzz/.build-fuzz.log)" >&2
    exit 1
fi
harness="$("${build[@]}" --show-bin-path)/cnnc-fuzz"

work=Fuzz/.work
rm -rf "$work"
mkdir -p "$work/findings"
summary=()
failed=0
for target in "${targets[@]}"; do
    corpus="$work/corpus-$target"
    mkdir -p "$corpus"
    CNNC_FUZZ_TARGET=$target CNNC_FUZZ_ROOT="$root" CNNC_FUZZ_COPY_SEEDS_TO="$corpus" "$harness" >/dev/null 2>&1
    if [ "$target" = elf ]; then
        # The ELF target's seed is a real library: LeNet-5 compiled by the cnnc of the main build.
        cnnc_bin="$(swift build --show-bin-path)/cnnc"
        [ -x "$cnnc_bin" ] || swift build --product cnnc >/dev/null
        "$cnnc_bin" compile examples/lenet5/net.json -o "$work/lenet5.so" >/dev/null
        cp "$work/lenet5.so" "$corpus/seed-lenet5.so"
    fi
    case "$target" in
        descriptor) max_len=512 ;;
        npy) max_len=16384 ;;
        onnx) max_len=131072 ;;
        *) max_len=65536 ;;
    esac
    seeds=$(ls "$corpus" | wc -l)
    log="$work/$target.log"
    echo "== $target: $seeds seeds, ${seconds}s"
    status=0
    CNNC_FUZZ_TARGET=$target ASAN_OPTIONS=detect_leaks=0 "$harness" "$corpus" \
        -seed=1 -detect_leaks=0 -max_total_time="$seconds" -max_len=$max_len -timeout=20 -rss_limit_mb=3072 \
        -print_final_stats=1 -artifact_prefix="$work/findings/$target-" >"$log" 2>&1 || status=$?
    execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | tail -1 | grep -o '[0-9]*$' || echo '?')
    cov=$(grep -o 'cov: [0-9]* ft: [0-9]*' "$log" | tail -1 || echo 'cov: ? ft: ?')
    if [ $status -ne 0 ]; then
        failed=1
        echo "   FAILED (exit $status): see $log and $work/findings/"
        grep -m3 -E 'ERROR|SUMMARY|Fatal error|deadly signal|Test unit written' "$log" | sed 's/^/   /' || true
    fi
    summary+=("$(printf '%-12s %10s executions   %-22s %s' "$target" "$execs" "$cov" "$([ $status -eq 0 ] && echo ok || echo FAILED)")")
done
echo "== summary (${seconds}s per target, libFuzzer -seed=1)"
printf '%s\n' "${summary[@]}"
exit $failed
