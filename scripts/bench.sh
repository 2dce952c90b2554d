#!/usr/bin/env bash
# The throughput figures of BENCHMARKS.md, in one run:
#   1. benches/scale.rs on a corpus of MB megabytes (library: bare AC scan, mentions, extract on
#      one thread and on every core, gazetteers of 200, 5,000 and 50,000 names);
#   2. the real binary, end to end on the same corpus as a JSONL file (reading, parsing, batching,
#      extraction, JSONL writing to /dev/null): one thread and all cores, built-in and 5,000 names;
#   3. peak resident memory of the binary on BIG_MB megabytes (default 1 GB) of JSONL;
#   4. streaming: `whosaid extract -` answers each line before the next one arrives.
#
# Usage: scripts/bench.sh [MB] [BIG_MB]      (defaults 200 and 1024)
# Needs /usr/bin/time (Debian package `time`) and the shared corpus next to the repository
# (../shared/corpus); the corpora are written to a temporary folder and removed at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
MB=${1:-200}
BIG_MB=${2:-1024}
TMP=$(mktemp -d "${TMPDIR:-/tmp}/whosaid-bench.XXXXXX")
trap 'rm -rf "$TMP"' EXIT

# Copies of the binaries, so that editing the sources during a long run changes nothing.
cargo build --release --quiet
cp target/release/whosaid "$TMP/whosaid"
SCALE=$(cargo bench --bench scale --no-run 2>&1 | sed -n 's/.*Executable .*(\(.*\)).*/\1/p')
cp "$SCALE" "$TMP/scale"
BIN=$TMP/whosaid
scale() { "$TMP/scale" "$@"; }

echo "# whosaid throughput, $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "## Library (benches/scale.rs, ${MB} MB)"
echo
scale --mb "$MB"

scale --write-jsonl "$TMP/corpus.jsonl" --mb "$MB" 2>"$TMP/corpus.log"
scale --write-gazetteer "$TMP/names5000.csv" --names 5000 2>/dev/null
BYTES=$(stat -c %s "$TMP/corpus.jsonl")
WORDS=$(sed -n 's/.* MB, \([0-9]*\) words.*/\1/p' "$TMP/corpus.log")

# run LABEL INPUT_BYTES INPUT_WORDS COMMAND...: one row with wall and CPU throughput, peak RSS.
run() {
    local label=$1 bytes=$2 words=$3
    shift 3
    /usr/bin/time -v "$@" >/dev/null 2>"$TMP/time.txt"
    awk -v label="$label" -v bytes="$bytes" -v words="$words" '
        /Elapsed \(wall clock\)/ { n = split($NF, p, ":"); wall = 0; for (i = 1; i <= n; i++) wall = wall * 60 + p[i] }
        /User time \(seconds\)/ { cpu += $NF }
        /System time \(seconds\)/ { cpu += $NF }
        /Maximum resident set size/ { rss = $NF / 1024 }
        END {
            printf "| %s | %.1f s | %.1f MB/s (%.2f M words/s) | %.1f s | %.1f MB/s | %.0f MB |\n",
                label, wall, bytes / 1e6 / wall, words / 1e6 / wall, cpu, bytes / 1e6 / cpu, rss
        }' "$TMP/time.txt"
}

echo
echo "## Binary, end to end (${MB} MB of JSONL: $(( BYTES / 1000000 )) MB on disk, output JSONL to /dev/null)"
echo
echo "| run | wall | throughput (wall) | CPU (user+sys) | throughput per CPU-second | peak RSS |"
echo "|---|---:|---:|---:|---:|---:|"
run "built-in gazetteer, -j1" "$BYTES" "$WORDS" $BIN extract -q -j1 --format jsonl "$TMP/corpus.jsonl"
run "built-in gazetteer, all cores" "$BYTES" "$WORDS" $BIN extract -q --format jsonl "$TMP/corpus.jsonl"
run "5,000 names, -j1" "$BYTES" "$WORDS" \
    $BIN extract -q -j1 --format jsonl --gazetteer "$TMP/names5000.csv" "$TMP/corpus.jsonl"
run "5,000 names, all cores" "$BYTES" "$WORDS" \
    $BIN extract -q --format jsonl --gazetteer "$TMP/names5000.csv" "$TMP/corpus.jsonl"
run "built-in, all cores, from standard input" "$BYTES" "$WORDS" \
    sh -c "$BIN extract -q --format jsonl - < '$TMP/corpus.jsonl'"
rm -f "$TMP/corpus.jsonl"

echo
echo "## Peak memory on ${BIG_MB} MB"
echo
scale --write-jsonl "$TMP/big.jsonl" --mb "$BIG_MB" 2>"$TMP/big.log"
BIG_BYTES=$(stat -c %s "$TMP/big.jsonl")
BIG_WORDS=$(sed -n 's/.* MB, \([0-9]*\) words.*/\1/p' "$TMP/big.log")
echo "| run | wall | throughput (wall) | CPU (user+sys) | throughput per CPU-second | peak RSS |"
echo "|---|---:|---:|---:|---:|---:|"
run "$(( BIG_BYTES / 1000000 )) MB JSONL file, all cores" "$BIG_BYTES" "$BIG_WORDS" \
    $BIN extract -q --format jsonl "$TMP/big.jsonl"
rm -f "$TMP/big.jsonl"

echo
echo "## Streaming: three JSONL lines, two seconds apart, through \`whosaid extract -\`"
echo
line() { printf '{"id": "%s", "text": "\\u201cWe will keep talking,\\u201d said Antony Blinken."}\n' "$1"; }
start=$(date +%s.%N)
{ line first; sleep 2; line second; sleep 2; line third; } |
    $BIN extract - --format jsonl |
    while IFS= read -r record; do
        printf -- '- %.1f s: %s\n' "$(awk -v a="$(date +%s.%N)" -v b="$start" "BEGIN { print a - b }")" "$(echo "$record" | cut -c1-60)"
    done
