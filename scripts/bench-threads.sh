#!/usr/bin/env bash
# Thread scaling of the whosaid binary on a many-core machine (BENCHMARKS.md, "Threads on 16
# cores"). Run it in a folder that holds:
#   whosaid-base, whosaid-new      two release binaries to compare (stripped copies travel well)
#   corpus.jsonl.gz                100 MB of recombined news as JSONL:
#                                  `cargo bench --bench scale --no-run`, then
#                                  `target/release/deps/scale-* --write-jsonl corpus.jsonl --mb 100`
#   names5000.csv.gz, names50000.csv.gz   gazetteers: `scale-* --write-gazetteer F --names N`
#   gnutime (optional)             a copy of GNU time, where the machine has no /usr/bin/time
# Writes one row per run to $OUT/results.txt (or ./results.txt): label, wall s, user s, sys s,
# peak RSS KB, after checking that 1 and 16 threads, and both binaries, give the same output.
set -u
cd "${1:-.}"
R=${OUT:-.}/results.txt
T=./gnutime; $T -f x true 2>/dev/null || T=/usr/bin/time
{ echo "# $(nproc) cores: $(grep -m1 'model name' /proc/cpuinfo)"; free -g | head -2; } > $R
gunzip -kf corpus.jsonl.gz names5000.csv.gz names50000.csv.gz
for i in 1 2 3 4 5 6 7 8 9 10; do cat corpus.jsonl; done > big.jsonl
ls -la corpus.jsonl big.jsonl >> $R
run() { local label=$1; shift; $T -f "$label %e %U %S %M" -o t.txt "$@" > o.jsonl 2>/dev/null; cat t.txt >> $R; }
for bin in base new; do
  for j in 1 2 4 8 16; do run "$bin 100MB 5000 j$j" ./whosaid-$bin extract --format jsonl --quiet -j$j --gazetteer names5000.csv corpus.jsonl; cp o.jsonl o-$bin-$j.jsonl; done
  cmp -s o-$bin-1.jsonl o-$bin-16.jsonl && echo "$bin: j1 and j16 output identical ($(wc -l < o-$bin-1.jsonl) records)" >> $R || echo "$bin: j1 and j16 DIFFER" >> $R
done
cmp -s o-base-1.jsonl o-new-1.jsonl && echo "base and new output identical" >> $R || echo "base and new output differ" >> $R
for j in 1 2 4 8 16; do run "new 1GB 5000 j$j" ./whosaid-new extract --format jsonl --quiet -j$j --gazetteer names5000.csv big.jsonl; done
for j in 1 16; do run "base 1GB 5000 j$j" ./whosaid-base extract --format jsonl --quiet -j$j --gazetteer names5000.csv big.jsonl; done
for j in 1 16; do run "new 1GB builtin j$j" ./whosaid-new extract --format jsonl --quiet -j$j big.jsonl; done
for j in 1 16; do run "new 1GB 50000 j$j" ./whosaid-new extract --format jsonl --quiet -j$j --gazetteer names50000.csv big.jsonl; done
for j in 1 16; do run "new 100MB 5000 csv j$j" ./whosaid-new extract --format csv --quiet -j$j --gazetteer names5000.csv corpus.jsonl; done
cat $R
