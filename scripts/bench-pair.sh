#!/usr/bin/env bash
# Two builds timed at the same moment: on a shared machine one-thread timings move by 20% or
# more between runs, and its two cores differ in speed by up to 40% at one moment, so the two
# bench binaries run side by side, one per core, and swap cores every round. Each round gives
# the ratio NEW ÷ OLD of extraction MB per CPU-second (the scale bench's `--profile` run); the
# geometric mean over rounds cancels the load that varies in time and, by the swaps, the
# difference between the cores. The same build against itself gave 0.962 in one run of 20
# rounds: differences of a few percent are not resolved.
#
# Usage: scripts/bench-pair.sh OLD_BENCH NEW_BENCH [ROUNDS] [MB] [NAMES]
#   OLD_BENCH, NEW_BENCH: copies of target/release/deps/scale-* (`cargo bench --bench scale
#   --no-run`) of the two builds. Defaults: 20 rounds, 10 MB, 5,000 names. Needs taskset and
#   python3 and two cores.
set -euo pipefail
old=$1
new=$2
rounds=${3:-20}
mb=${4:-10}
names=${5:-5000}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/whosaid-pair.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
speed() { grep -o '[0-9.]* MB/s' "$1" | cut -d' ' -f1; }
for r in $(seq "$rounds"); do
    if [ $((r % 2)) = 1 ]; then c_old=0 c_new=1; else c_old=1 c_new=0; fi
    taskset -c $c_old "$old" --profile --names "$names" --mb "$mb" >"$tmp/old" 2>&1 &
    taskset -c $c_new "$new" --profile --names "$names" --mb "$mb" >"$tmp/new" 2>&1 &
    wait
    echo "$(speed "$tmp/old") $(speed "$tmp/new")"
done | python3 "$(dirname "$0")/bench_summary.py" ratios MB/s
