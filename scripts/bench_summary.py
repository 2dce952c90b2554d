#!/usr/bin/env python3
"""What the bench scripts print from their measurements, defined once.

  bench_summary.py ratios UNIT
      Reads "OLD NEW" rows on stdin, one per round of a side-by-side run whose rounds swap the
      two cores (`bench-pair.sh`, `bench-binaries.sh`): speeds when UNIT is "MB/s", times when
      it is "s". Prints the rounds, then the new build's speed over the old one's: geometric
      mean, median, and the geometric mean of the rounds with the old build on each core.

  bench_summary.py header
  bench_summary.py counts LABEL [LESS]
      `header` prints the head of the counts table; `counts` reads `callgrind_annotate
      --inclusive=yes` on stdin (a run with `--cache-sim=yes --branch-sim=yes`) and prints its
      row: instructions, first-level misses (instruction misses in brackets), last-level misses,
      mispredicted branches, and estimated cycles = instructions + 10 × (first-level misses +
      mispredicted branches) + 100 × last-level misses. With LESS, the inclusive cost of the
      first function whose line holds LESS is left out (a one-time cost inside the measured
      part, such as compiling a regex).
"""

import math
import re
import statistics
import sys


def geometric_mean(xs):
    return math.exp(sum(map(math.log, xs)) / len(xs))


def ratios(unit):
    rows = [tuple(map(float, line.split())) for line in sys.stdin if line.strip()]
    # Each ratio is new's speed over old's: a time is the inverse of a speed.
    speedups = [new / old if unit == "MB/s" else old / new for old, new in rows]
    print(f"old/new {unit} per round:", " ".join(f"{o:.2f}/{n:.2f}" for o, n in rows))
    print(
        f"new's speed ÷ old's: geometric mean {geometric_mean(speedups):.3f}, "
        f"median {statistics.median(speedups):.3f} (old on core 0: "
        f"{geometric_mean(speedups[0::2]):.3f}; on core 1: {geometric_mean(speedups[1::2]):.3f})"
    )


def events(line):
    """The 13 event counts of a callgrind_annotate line (Ir Dr Dw I1mr D1mr D1mw ILmr DLmr DLmw
    Bc Bcm Bi Bim), "." read as 0 and the percentages dropped."""
    fields = re.sub(r"\([^)]*\)", "", line).split()[:13]
    return [0 if f == "." else int(f.replace(",", "")) for f in fields]


def header():
    print("| build | instructions | L1 misses (instruction) | last-level misses | mispredicted "
          "| estimated cycles |")
    print("|---|---:|---:|---:|---:|---:|")


def counts(label, less=None):
    total = left_out = None
    for line in sys.stdin:
        if "PROGRAM TOTALS" in line:
            total = events(line)
        elif less and left_out is None and less in line:
            left_out = events(line)
    if total is None:
        sys.exit(f"bench_summary.py: no PROGRAM TOTALS line for {label}")
    if less and left_out is None:
        # A renamed function would leave its cost in silently: the counts would not compare.
        sys.exit(f"bench_summary.py: no line holds {less!r} for {label}")
    ir, _, _, i1, d1r, d1w, llir, lldr, lldw, _, bcm, _, bim = (
        t - r for t, r in zip(total, left_out or [0] * 13))
    l1, ll, mispredicted = i1 + d1r + d1w, llir + lldr + lldw, bcm + bim
    cycles = ir + 10 * (l1 + mispredicted) + 100 * ll
    print(f"| {label} | {ir / 1e6:,.1f} M | {l1 / 1e6:.2f} M ({i1 / 1e6:.2f} M) | {ll / 1e6:.2f} M "
          f"| {mispredicted / 1e6:.2f} M | {cycles / 1e6:,.1f} M |")


if __name__ == "__main__":
    command, args = sys.argv[1], sys.argv[2:]
    if command == "ratios":
        ratios(*args)
    elif command == "header":
        header()
    elif command == "counts":
        counts(*args)
    else:
        sys.exit(f"bench_summary.py: unknown command {command}")
