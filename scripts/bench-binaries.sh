#!/usr/bin/env bash
# Two release binaries compared end to end (`whosaid extract -j1 --format jsonl` on one input):
# for builds that differ in how they are compiled rather than in their code, such as main's and
# the profile-guided one (`scripts/build-pgo.sh`), which the scale bench cannot tell apart.
#
# Timed: both binaries run at the same moment, one per core, and swap cores every round (see
# `scripts/bench-pair.sh` for why); each round gives the two CPU times (user + system), and the
# two outputs are compared (a difference fails the script). With COUNT=1, each binary is also
# counted once by callgrind with cache and branch simulation over the whole run (start-up,
# reading, extraction, writing; a 5 MB input takes a few minutes). `scripts/bench_summary.py`
# prints both: the speed ratio over the rounds, and the counts with estimated cycles.
#
# Usage: scripts/bench-binaries.sh OLD_BIN NEW_BIN INPUT [ROUNDS] [EXTRACT_ARGS...]
#   e.g. scripts/bench-binaries.sh target/release/whosaid target/pgo/whosaid corpus.jsonl 12
#        --gazetteer people.csv
#   ROUNDS defaults to 12. Needs taskset, /usr/bin/time, python3 and two cores; valgrind for
#   COUNT=1.
set -euo pipefail
here=$(dirname "$0")
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
python3 "$here/bench_summary.py" ratios s < "$tmp/rows"
echo "outputs the same in every round"

[ "${COUNT:-0}" = 1 ] || exit 0
echo
python3 "$here/bench_summary.py" header
for bin in "$old" "$new"; do
    valgrind --tool=callgrind --cache-sim=yes --branch-sim=yes \
        --I1=32768,8,64 --D1=32768,8,64 --LL=524288,8,64 --callgrind-out-file="$tmp/callgrind.out" \
        "$bin" extract -q -j1 --format jsonl "$@" "$input" >/dev/null 2>&1 || true
    callgrind_annotate --inclusive=yes "$tmp/callgrind.out" 2>/dev/null |
        python3 "$here/bench_summary.py" counts "$bin"
done
