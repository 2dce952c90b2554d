#!/usr/bin/env bash
# What one-thread extraction costs, counted rather than timed: on a shared machine timings move
# by 20% between runs, so builds are compared by callgrind's counts (valgrind) on the scale
# bench's `--profile` run (5 MB of the bench corpus, 5,000 names), extraction only, less the
# one-time compilation of the outlet regexes that falls inside the first document:
#   instructions, simulated L1 misses (instruction and data; 32 KB), last-level misses (512 KB),
#   mispredicted branches, and estimated cycles = instructions + 10 × (L1 misses + mispredicted
#   branches) + 100 × last-level misses.
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

echo "| build | instructions | L1 misses | last-level misses | mispredicted | estimated cycles |"
echo "|---|---:|---:|---:|---:|---:|"
for bin in "$@"; do
    out=$TMP/callgrind.out
    valgrind --tool=callgrind --cache-sim=yes --branch-sim=yes \
        --I1=32768,8,64 --D1=32768,8,64 --LL=524288,8,64 \
        --toggle-collect='*Extractor::extract*' --callgrind-out-file="$out" \
        "$bin" --profile --names "$NAMES" --mb "$MB" >/dev/null 2>&1
    callgrind_annotate --inclusive=yes "$out" 2>/dev/null | python3 -c '
import re, sys
label = sys.argv[1]
def events(line):
    fields = re.sub(r"\([^)]*\)", "", line).split()[:13]
    return [0 if f == "." else int(f.replace(",", "")) for f in fields]
total = regex = None
for line in sys.stdin:
    if "PROGRAM TOTALS" in line:
        total = events(line)
    elif regex is None and "regex::regex::string::Regex::new [" in line:
        regex = events(line)
ir, _, _, i1, d1r, d1w, llir, lldr, lldw, _, bcm, _, bim = (
    t - r for t, r in zip(total, regex or [0] * 13))
l1, ll, mis = i1 + d1r + d1w, llir + lldr + lldw, bcm + bim
cycles = ir + 10 * (l1 + mis) + 100 * ll
print(f"| {label} | {ir / 1e6:,.1f} M | {l1 / 1e6:.2f} M | {ll / 1e6:.2f} M | {mis / 1e6:.2f} M | {cycles / 1e6:,.1f} M |")
' "$(basename "$bin")"
done
