#!/usr/bin/env bash
# A release binary built with profile-guided optimisation, for long runs (millions of articles):
# the same code and the same output as `cargo build --release`, laid out and inlined by the
# branches a training run took. BENCHMARKS.md ("Sixteenth session") has what it gains.
#
# Usage: scripts/build-pgo.sh [TRAINING_INPUT...]
#   TRAINING_INPUT: files or folders `whosaid extract` reads, read ROUNDS times; default: the
#   bundled articles (tests/corpus, tests/web), which trained as well as the 924 PolNEAR
#   development articles did when measured on general news neither had seen.
# Environment: ROUNDS (default 40); OUT (default target/pgo/whosaid in the repository);
#   TRAIN_ARGS (more arguments of the training runs, e.g. "--gazetteer people.csv" to train
#   with the gazetteer you use).
#
# Three steps, about two release builds' time: an instrumented build (target/pgo/gen), the
# training run, which writes raw profiles, and the optimised build (target/pgo/use) from the
# merged profile. Needs `llvm-profdata` of the compiler's LLVM: `rustup component add
# llvm-tools` provides it (done here when rustup is present). The binary is then checked against
# a plain release build on the training input: identical output, or the script fails.
set -euo pipefail
here=$(pwd)
ROUNDS=${ROUNDS:-40}
read -r -a train_args <<< "${TRAIN_ARGS:-}"
absolute() { case $1 in /*) echo "$1" ;; *) echo "$here/$1" ;; esac; }
inputs=()
for input in "$@"; do
    [ -e "$input" ] || { echo "build-pgo: no such input: $input" >&2; exit 2; }
    inputs+=("$(absolute "$input")")
done
[ -z "${OUT:-}" ] || OUT=$(absolute "$OUT")
cd "$(dirname "$0")/.."
root=$(pwd)
OUT=${OUT:-$root/target/pgo/whosaid}
plain=${CARGO_TARGET_DIR:-target}/release/whosaid
[ ${#inputs[@]} -gt 0 ] || inputs=(tests/corpus tests/web)
set -- "${inputs[@]}"

sysroot=$(rustc --print sysroot)
host=$(rustc -vV | sed -n 's/^host: //p')
profdata="$sysroot/lib/rustlib/$host/bin/llvm-profdata"
if [ ! -x "$profdata" ] && command -v rustup >/dev/null; then
    rustup component add llvm-tools >/dev/null
fi
if [ ! -x "$profdata" ]; then
    echo "build-pgo: $profdata not found (rustup component add llvm-tools)" >&2
    exit 2
fi

profiles="$root/target/pgo/profiles"
rm -rf "$profiles" "$root"/target/pgo/merged-*.profdata
mkdir -p "$profiles"

echo "build-pgo: 1/3 instrumented build" >&2
RUSTFLAGS="-Cprofile-generate=$profiles" CARGO_TARGET_DIR=target/pgo/gen \
    cargo build --release --locked --quiet --bin whosaid

echo "build-pgo: 2/3 training on $* ($ROUNDS rounds)" >&2
for _ in $(seq "$ROUNDS"); do
    target/pgo/gen/release/whosaid extract -q -j1 --all --format jsonl "${train_args[@]}" "$@" > /dev/null || [ $? -eq 1 ]
done
"$profdata" merge -o "$profiles/merged.profdata" "$profiles"
# Named by its content: cargo rebuilds when the flags change, not when a file they name does.
merged="$root/target/pgo/merged-$(md5sum < "$profiles/merged.profdata" | cut -c1-16).profdata"
mv "$profiles/merged.profdata" "$merged"

echo "build-pgo: 3/3 optimised build" >&2
RUSTFLAGS="-Cprofile-use=$merged" CARGO_TARGET_DIR=target/pgo/use \
    cargo build --release --locked --quiet --bin whosaid
mkdir -p "$(dirname "$OUT")"
cp target/pgo/use/release/whosaid "$OUT"

# The optimised binary must say exactly what the plain one says (exit status 1 only means some
# input was skipped, and is the same for both).
cargo build --release --locked --quiet --bin whosaid
check() {
    "$1" extract -q -j1 --all --format jsonl "${train_args[@]}" "${@:3}" > "$2" 2>/dev/null || [ $? -eq 1 ]
}
check "$plain" "$profiles/plain.jsonl" "$@"
check "$OUT" "$profiles/pgo.jsonl" "$@"
if ! cmp -s "$profiles/plain.jsonl" "$profiles/pgo.jsonl"; then
    echo "build-pgo: $OUT's output differs from $plain's" >&2
    exit 1
fi
echo "build-pgo: ${OUT#"$here"/} (output identical to $plain's on the training input)" >&2
