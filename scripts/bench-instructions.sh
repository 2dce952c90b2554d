#!/usr/bin/env bash
# What one-thread extraction costs, counted rather than timed: on a shared machine timings move
# by 20% between runs, so builds are compared by callgrind's counts (valgrind) on the scale
# bench's `--profile` run (5 MB of the bench corpus, 5,000 names), extraction only, less the
# one-time compilation of the outlet regexes that falls inside the first document:
#   instructions, simulated L1 misses (instruction and data; 32 KB), last-level misses (512 KB),
#   mispredicted branches, and estimated cycles = instructions + 10 × (L1 misses + mispredicted
#   branches) + 100 × last-level misses (`scripts/bench_summary.py counts`).
#
# Usage: scripts/bench-instructions.sh [BENCH_BINARY...]
#   With no argument, builds the scale bench of the working tree and counts it. Pass the bench
#   binaries of two builds (copies of target/release/deps/scale-*) to compare them.
# Environment: MB (default 5), NAMES (default 5000). Needs valgrind and python3.
set -euo pipefail
cd "$(dirname "$0")/.."
MB=${MB:-5}
NAMES=${NAMES:-5000}
TMP=$(mktemp -d "${TMPDIR:-/tmp}/whosaid-instr.XXXXXX")
trap 'rm -rf "$TMP"' EXIT

if [ $# -eq 0 ]; then
    bench=$(cargo bench --bench scale --no-run 2>&1 | sed -n 's/.*Executable .*(\(.*\)).*/\1/p')
    set -- "$bench"
fi

python3 scripts/bench_summary.py header
for bin in "$@"; do
    out=$TMP/callgrind.out
    valgrind --tool=callgrind --cache-sim=yes --branch-sim=yes \
        --I1=32768,8,64 --D1=32768,8,64 --LL=524288,8,64 \
        --toggle-collect='*Extractor::extract*' --callgrind-out-file="$out" \
        "$bin" --profile --names "$NAMES" --mb "$MB" >/dev/null 2>&1
    callgrind_annotate --inclusive=yes "$out" 2>/dev/null |
        python3 scripts/bench_summary.py counts "$(basename "$bin")" "outlet/compiled.rs:whosaid::outlet::compiled::Compiled::new"
done
