#!/usr/bin/env bash
# The scaling table of BENCHMARKS.md: the release binary end to end (reading JSONL, extraction,
# JSONL written to a file) on the bench corpus, for each thread count, on MB megabytes and on
# ten times that, with the built-in gazetteer (949 names) and with 5,000 and 50,000 names; wall
# time, MB/s, speed-up over one thread, CPU time and peak RSS, one run each. Every run's output
# is checked against the one-thread run of the same input and gazetteer.
#
# Usage: scripts/bench-scaling.sh [THREADS...]   (default: 1, 2, 4, … up to the core count; the
#   first count given is the one speed-ups are taken over)
# Environment: MB (default 100), BIG (default 10: the large input is BIG copies of the corpus),
#              NAMES (default "builtin 5000 50000"), BIN (the binary to measure; default: a
#              release build of the working tree, e.g. BIN=target/pgo/whosaid from
#              scripts/build-pgo.sh).
# Needs /usr/bin/time and the shared corpus next to the repository (../shared/corpus). The
# inputs are written to a temporary folder and removed at the end.
set -euo pipefail
BIN=${BIN:+$(realpath "$BIN")}
cd "$(dirname "$0")/.."
MB=${MB:-100}
BIG=${BIG:-10}
NAMES=${NAMES:-builtin 5000 50000}
if [ $# -eq 0 ]; then
    threads=""
    for ((j = 1; j <= $(nproc); j *= 2)); do threads="$threads $j"; done
    set -- $threads
fi
TMP=$(mktemp -d "${TMPDIR:-/tmp}/whosaid-scaling.XXXXXX")
trap 'rm -rf "$TMP"' EXIT

if [ -n "${BIN:-}" ]; then
    cp "$BIN" "$TMP/whosaid"
else
    cargo build --release --quiet
    cp target/release/whosaid "$TMP/whosaid"
fi
SCALE=$(cargo bench --bench scale --no-run 2>&1 | sed -n 's/.*Executable .*(\(.*\)).*/\1/p')
"$SCALE" --write-jsonl "$TMP/small.jsonl" --mb "$MB" 2>/dev/null
for _ in $(seq "$BIG"); do cat "$TMP/small.jsonl"; done > "$TMP/big.jsonl"
for n in $NAMES; do
    [ "$n" = builtin ] || "$SCALE" --write-gazetteer "$TMP/names$n.csv" --names "$n" 2>/dev/null
done

echo "# $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| input | names | threads | wall | MB/s | speed-up | CPU (user + sys) | peak RSS | output |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|---|"
for input in small big; do
    bytes=$(stat -c %s "$TMP/$input.jsonl")
    mb=$(awk -v b="$bytes" 'BEGIN { printf "%.0f MB", b / 1e6 }')
    for n in $NAMES; do
        gaz=()
        [ "$n" = builtin ] || gaz=(--gazetteer "$TMP/names$n.csv")
        label=$n
        [ "$n" = builtin ] && label="built-in (949)" || label=$(echo "$n" | sed ':a;s/\B[0-9]\{3\}\>/,&/;ta')
        one=""
        for j in "$@"; do
            /usr/bin/time -f "%e %U %S %M" -o "$TMP/time" \
                "$TMP/whosaid" extract -q --format jsonl -j"$j" "${gaz[@]}" -o "$TMP/out.jsonl" "$TMP/$input.jsonl"
            read -r wall user sys rss < "$TMP/time"
            sum=$(md5sum < "$TMP/out.jsonl" | cut -c1-8)
            [ -n "$one" ] || { one=$wall; first=$sum; }
            same="same as 1 thread"
            [ "$j" = "$1" ] && same="$(wc -l < "$TMP/out.jsonl") records"
            [ "$sum" = "$first" ] || same="**differs**"
            awk -v mb="$mb" -v n="$label" -v j="$j" -v w="$wall" -v u="$user" -v s="$sys" -v r="$rss" \
                -v b="$bytes" -v one="$one" -v same="$same" 'BEGIN {
                printf "| %s | %s | %d | %.1f s | %.1f | %.2f× | %.1f s | %.0f MB | %s |\n",
                    mb, n, j, w, b / 1e6 / w, one / w, u + s, r / 1024, same }'
        done
    done
done
