#!/usr/bin/env bash
# Two release binaries compared end to end (`whosaid extract -j1 --format jsonl` on one input):
# for builds that differ in how they are compiled rather than in their code, such as main's and
# the profile-guided one (`scripts/build-pgo.sh`), which the scale bench cannot tell apart.
#
# Timed: both binaries run at the same moment, one per core, and swap cores every round (see
# `scripts/bench-pair.sh` for why); each round gives OLD ÷ NEW of CPU time (user + system), and
# the two outputs are compared (a difference fails the script). With COUNT=1, each binary is
# also counted once by callgrind with cache and branch simulation over the whole run (start-up,
# reading, extraction, writing): instructions, L1 misses (instruction misses in brackets),
# last-level misses, mispredicted branches and estimated cycles, as in
# `scripts/bench-instructions.sh` (a 5 MB input takes a few minutes).
#
# Usage: scripts/bench-binaries.sh OLD_BIN NEW_BIN INPUT [ROUNDS] [EXTRACT_ARGS...]
#   e.g. scripts/bench-binaries.sh target/release/whosaid target/pgo/whosaid corpus.jsonl 12
#        --gazetteer people.csv
#   ROUNDS defaults to 12. Needs taskset, /usr/bin/time, python3 and two cores; valgrind for
#   COUNT=1.
set -euo pipefail
old=$1
new=$2
input=$3
rounds=${4:-12}
shift $(($# < 4 ? $# : 4))
for f in "$old" "$new"; do
    [ -x "$f" ] || { echo "bench-binaries: $f: not an executable" >&2; exit 2; }
done
[ -r "$input" ] || { echo "bench-binaries: $input: cannot read it" >&2; exit 2; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/whosaid-binaries.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

run() { # CORE BINARY NAME EXTRACT_ARGS...
    local core=$1 bin=$2 name=$3
    shift 3
    /usr/bin/time -f "%U %S" -o "$tmp/$name.time" taskset -c "$core" "$bin" extract -q -j1 \
        --format jsonl "$@" "$input" > "$tmp/$name.jsonl" 2>/dev/null || [ $? -eq 1 ]
}
for r in $(seq "$rounds"); do
    if [ $((r % 2)) = 1 ]; then c_old=0 c_new=1; else c_old=1 c_new=0; fi
    run $c_old "$old" old "$@" &
    p_old=$!
    run $c_new "$new" new "$@" &
    wait $! "$p_old"
    if ! cmp -s "$tmp/old.jsonl" "$tmp/new.jsonl"; then
        echo "bench-binaries: round $r: the two outputs differ" >&2
        exit 1
    fi
    echo "$(awk '{ print $1 + $2 }' "$tmp/old.time") $(awk '{ print $1 + $2 }' "$tmp/new.time")" >> "$tmp/rows"
done
python3 -c '
import math, statistics, sys
rows = [tuple(map(float, line.split())) for line in sys.stdin]
ratios = [old / new for old, new in rows]
gm = lambda xs: math.exp(sum(map(math.log, xs)) / len(xs))
print("old/new CPU seconds per round:", " ".join(f"{o:.2f}/{n:.2f}" for o, n in rows))
print(f"old ÷ new CPU time: geometric mean {gm(ratios):.3f}, median {statistics.median(ratios):.3f} "
      f"(old on core 0: {gm(ratios[0::2]):.3f}; on core 1: {gm(ratios[1::2]):.3f}); outputs the same")' < "$tmp/rows"

[ "${COUNT:-0}" = 1 ] || exit 0
echo
echo "| build | instructions | L1 misses (instruction) | last-level misses | mispredicted | estimated cycles |"
echo "|---|---:|---:|---:|---:|---:|"
for bin in "$old" "$new"; do
    valgrind --tool=callgrind --cache-sim=yes --branch-sim=yes \
        --I1=32768,8,64 --D1=32768,8,64 --LL=524288,8,64 --callgrind-out-file="$tmp/callgrind.out" \
        "$bin" extract -q -j1 --format jsonl "$@" "$input" >/dev/null 2>&1 || true
    callgrind_annotate "$tmp/callgrind.out" 2>/dev/null | python3 -c '
import re, sys
for line in sys.stdin:
    if "PROGRAM TOTALS" in line:
        fields = re.sub(r"\([^)]*\)", "", line).split()[:13]
        ir, _, _, i1, d1r, d1w, llir, lldr, lldw, _, bcm, _, bim = (
            0 if f == "." else int(f.replace(",", "")) for f in fields)
        l1, ll, mis = i1 + d1r + d1w, llir + lldr + lldw, bcm + bim
        cycles = ir + 10 * (l1 + mis) + 100 * ll
        print(f"| {sys.argv[1]} | {ir / 1e6:,.1f} M | {l1 / 1e6:.2f} M ({i1 / 1e6:.2f} M) "
              f"| {ll / 1e6:.2f} M | {mis / 1e6:.2f} M | {cycles / 1e6:,.1f} M |")
' "$bin"
done
