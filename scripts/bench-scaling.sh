#!/usr/bin/env bash
# The scaling table of BENCHMARKS.md: the release binary end to end (reading JSONL, extraction,
# JSONL written to a file) on the bench corpus, for each thread count, on MB megabytes and on
# ten times that, with the built-in gazetteer (949 names) and with 5,000 and 50,000 names; wall
# time, MB/s, speed-up over the first thread count, CPU time and peak RSS, one run each. Every
# run's output is checked against the first run of the same input and gazetteer, whose record
# count and md5 are shown (to compare two binaries' tables).
#
# Usage: scripts/bench-scaling.sh [THREADS...]   (default: 1, 2, 4, … up to the core count)
# Environment: MB (default 100), BIG (default 10: the large input is BIG copies of the corpus),
#   NAMES (default "builtin 5000 50000"), BIN (the binary to measure; default: a release build
#   of the working tree, e.g. BIN=target/pgo/whosaid from scripts/build-pgo.sh), INPUTS (below).
# Needs /usr/bin/time and cargo, and the shared corpus next to the repository (../shared/corpus)
# for the bench to build the inputs in a temporary folder, removed at the end.
#
# On a lent machine without cargo or the corpus, INPUTS=DIR takes everything from a folder made
# here: the binary (DIR/whosaid, unless BIN), DIR/corpus.jsonl and DIR/names5000.csv,
# DIR/names50000.csv (each may be gzipped; `cargo bench --bench scale --no-run`, then
# `target/release/deps/scale-* --write-jsonl corpus.jsonl --mb 100` and `--write-gazetteer
# namesN.csv --names N`), and DIR/gnutime, a copy of GNU time, where the machine has none.
set -euo pipefail
BIN=${BIN:+$(realpath "$BIN")}
INPUTS=${INPUTS:+$(realpath "$INPUTS")}
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

TIME=/usr/bin/time
if [ -n "${INPUTS:-}" ]; then
    # Copied (or unpacked) out of the folder: the inputs are read, never changed.
    take() { if [ -e "$INPUTS/$1.gz" ]; then gunzip -c "$INPUTS/$1.gz" > "$TMP/$2"; else cp "$INPUTS/$1" "$TMP/$2"; fi; }
    cp "${BIN:-$INPUTS/whosaid}" "$TMP/whosaid"
    take corpus.jsonl small.jsonl
    for n in $NAMES; do
        [ "$n" = builtin ] || take "names$n.csv" "names$n.csv"
    done
    if [ -x "$INPUTS/gnutime" ]; then TIME=$INPUTS/gnutime; fi
else
    if [ -n "${BIN:-}" ]; then
        cp "$BIN" "$TMP/whosaid"
    else
        cargo build --release --quiet
        cp target/release/whosaid "$TMP/whosaid"
    fi
    SCALE=$(cargo bench --bench scale --no-run 2>&1 | sed -n 's/.*Executable .*(\(.*\)).*/\1/p')
    "$SCALE" --write-jsonl "$TMP/small.jsonl" --mb "$MB" 2>/dev/null
    for n in $NAMES; do
        [ "$n" = builtin ] || "$SCALE" --write-gazetteer "$TMP/names$n.csv" --names "$n" 2>/dev/null
    done
fi
for _ in $(seq "$BIG"); do cat "$TMP/small.jsonl"; done > "$TMP/big.jsonl"

echo "# $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| input | names | threads | wall | MB/s | speed-up | CPU (user + sys) | peak RSS | output |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|---|"
for input in small big; do
    bytes=$(stat -c %s "$TMP/$input.jsonl")
    mb=$(awk -v b="$bytes" 'BEGIN { printf "%.0f MB", b / 1e6 }')
    for n in $NAMES; do
        if [ "$n" = builtin ]; then
            gaz=() label="built-in (949)"
        else
            gaz=(--gazetteer "$TMP/names$n.csv") label=$(echo "$n" | sed ':a;s/\B[0-9]\{3\}\>/,&/;ta')
        fi
        one=""
        for j in "$@"; do
            "$TIME" -f "%e %U %S %M" -o "$TMP/time" \
                "$TMP/whosaid" extract -q --format jsonl -j"$j" "${gaz[@]}" -o "$TMP/out.jsonl" "$TMP/$input.jsonl"
            read -r wall user sys rss < "$TMP/time"
            sum=$(md5sum < "$TMP/out.jsonl" | cut -c1-8)
            if [ -z "$one" ]; then
                one=$wall first=$sum same="$(wc -l < "$TMP/out.jsonl") records, md5 $sum"
            elif [ "$sum" = "$first" ]; then
                same="same as -j$1"
            else
                same="**differs**"
            fi
            awk -v mb="$mb" -v n="$label" -v j="$j" -v w="$wall" -v u="$user" -v s="$sys" -v r="$rss" \
                -v b="$bytes" -v one="$one" -v same="$same" 'BEGIN {
                printf "| %s | %s | %d | %.1f s | %.1f | %.2f× | %.1f s | %.0f MB | %s |\n",
                    mb, n, j, w, b / 1e6 / w, one / w, u + s, r / 1024, same }'
        done
    done
done
