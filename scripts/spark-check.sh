#!/usr/bin/env bash
# Both Spark routes of README.md, for real, in PySpark local mode: the bundled corpus
# (tests/corpus) repeated REPEAT times (default 300) as a JSONL file of articles with `id`,
# `text` and a column whosaid does not read, through
#   1. the Python package: rdd.mapPartitions(whosaid.spark.extract_partition) and
#      whosaid.spark.extract_dataframe, no binary;
#   2. the binary under RDD.pipe, with the README's code (existing columns only, an explicit
#      schema, the binary shipped with addFile as --files does),
# and fails unless each gives the same records, field for field, as a direct
# `whosaid extract --format jsonl` of the same file.
#
# Needs java (Debian's default-jre-headless is installed when it is missing and we are root)
# and PyPI for pyspark. The virtual environment is kept in VENV (default target/pyvenv), so a
# second run installs nothing.
#
# Usage: scripts/spark-check.sh [REPEAT]
set -euo pipefail
cd "$(dirname "$0")/.."
REPEAT=${1:-300}
VENV=${VENV:-target/pyvenv}

if ! command -v java >/dev/null; then
    echo "spark-check: installing a Java runtime (default-jre-headless)"
    if [ "$(id -u)" -ne 0 ]; then
        echo "spark-check: java is missing; install default-jre-headless (Debian) first" >&2
        exit 1
    fi
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends default-jre-headless >/dev/null
fi
java -version 2>&1 | head -1

start=$(date +%s)
scripts/python-venv.sh "$VENV" pyspark
cargo build --release --locked --quiet --bin whosaid
echo "spark-check: set-up took $(($(date +%s) - start)) s"

start=$(date +%s)
"$VENV/bin/python" scripts/spark_check.py --repeat "$REPEAT" --bin target/release/whosaid
echo "spark-check: the check took $(($(date +%s) - start)) s"
