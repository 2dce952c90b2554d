"""The Spark check of scripts/spark-check.sh (run it through that script, which sets up the
environment): both Spark routes on the bundled corpus repeated N times, compared with a direct
run of the binary. Exits non-zero on any difference."""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def canonical(records):
    """Records in a fixed order, for comparing collections that Spark may reorder."""
    return sorted(records, key=lambda r: json.dumps(r, sort_keys=True, ensure_ascii=False))


def check(name, records, reference, fields):
    rows = [r.asDict() for r in records]
    ok = len(rows) == len(reference) and canonical(rows) == canonical(reference)
    ok = ok and all(list(r) == fields for r in rows)
    print(f"spark-check: {name}: {len(rows)} records, {'equal to' if ok else 'DIFFERENT from'} the direct run")
    if not ok:
        missing = [r for r in reference if r not in rows][:3]
        extra = [r for r in rows if r not in reference][:3]
        print(f"  first missing: {missing}\n  first extra: {extra}", file=sys.stderr)
    return ok


def jobs_in(sc, group, action):
    """Runs `action` under a job group and returns (its result, the number of Spark jobs it ran)."""
    sc.setJobGroup(group, group)
    try:
        result = action()
    finally:
        sc.setLocalProperty("spark.jobGroup.id", None)
    return result, len(sc.statusTracker().getJobIdsForGroup(group))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=300)
    parser.add_argument("--bin", default=str(ROOT / "target" / "release" / "whosaid"))
    args = parser.parse_args()
    binary = str(Path(args.bin).resolve())

    tmp = Path(tempfile.mkdtemp(prefix="whosaid-spark-"))
    articles_path = tmp / "articles.jsonl"
    texts = [(p.stem, p.read_text(encoding="utf-8-sig")) for p in sorted((ROOT / "tests" / "corpus").glob("*.txt"))]
    with articles_path.open("w", encoding="utf-8") as f:
        for i in range(args.repeat):
            for stem, text in texts:
                # `section` is a column whosaid does not read; there is no outlet/date/url/title.
                f.write(json.dumps({"id": f"{stem}#{i}", "section": "world", "text": text}, ensure_ascii=False) + "\n")
    print(f"spark-check: {args.repeat} x {len(texts)} = {args.repeat * len(texts)} articles, "
          f"{articles_path.stat().st_size / 1e6:.1f} MB")

    t = time.time()
    direct = subprocess.run([binary, "extract", "--format", "jsonl", "-j1", str(articles_path)],
                            check=True, capture_output=True, text=True).stdout
    reference = [json.loads(line) for line in direct.splitlines()]
    print(f"spark-check: direct run: {len(reference)} records in {time.time() - t:.1f} s")

    # The tasks' Python must have the package: this one (as PYSPARK_PYTHON says on a cluster).
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    from pyspark import SparkFiles
    from pyspark.sql import SparkSession

    import whosaid
    import whosaid.spark

    fields = list(whosaid.fields())
    spark = (SparkSession.builder.master("local[2]").appName("whosaid-spark-check")
             .config("spark.sql.files.maxPartitionBytes", 1 << 20)  # several tasks, not one
             .config("spark.ui.enabled", "false")
             .config("spark.ui.showConsoleProgress", "false")
             .getOrCreate())
    spark.sparkContext.setLogLevel("ERROR")
    sc = spark.sparkContext
    ok = True

    articles = spark.read.json(str(articles_path))
    print(f"spark-check: input columns {articles.columns}, {articles.rdd.getNumPartitions()} partitions")

    # Route 1: the Python package in the tasks.
    t = time.time()
    rows = articles.rdd.mapPartitions(whosaid.spark.extract_partition)
    quotes = spark.createDataFrame(rows, whosaid.spark.schema())
    ok &= check("route 1, rdd.mapPartitions(whosaid.spark.extract_partition)", quotes.collect(), reference, fields)
    print(f"  columns {quotes.columns == fields and 'in record order' or quotes.columns}, {time.time() - t:.1f} s")
    t = time.time()
    collected, jobs = jobs_in(sc, "helper", lambda: whosaid.spark.extract_dataframe(articles).collect())
    ok &= check("route 1, whosaid.spark.extract_dataframe(articles)", collected, reference, fields)
    print(f"  {jobs} Spark job(s), {time.time() - t:.1f} s")

    # Route 2: the binary under RDD.pipe, the README's code. In local mode the tasks run in the
    # driver's working directory, not where --files/addFile put the binary: SparkFiles.get
    # gives its path (the same for driver and tasks in local mode).
    sc.addFile(binary)
    command = f"{SparkFiles.get('whosaid')} extract - --format jsonl --quiet -j1"
    t = time.time()
    keep = [c for c in ("id", "text", "outlet", "date", "url", "title") if c in articles.columns]
    lines = articles.select(*keep).toJSON()
    piped = lines.pipe(command)
    read = spark.read.schema(whosaid.spark.schema_ddl()).json(piped)
    collected, jobs = jobs_in(sc, "pipe", read.collect)
    ok &= check(f"route 2, RDD.pipe(whosaid extract -) with selected columns {keep}", collected, reference, fields)
    ok &= jobs == 1
    print(f"  {jobs} Spark job(s) (the pipe ran once), columns {read.columns == fields and 'in record order' or read.columns}, "
          f"{time.time() - t:.1f} s")

    # What the README warns against: without a schema Spark runs the pipe once more to infer
    # one, and sorts the columns.
    inferred, jobs = jobs_in(sc, "inferred", lambda: spark.read.json(lines.pipe(command)))
    print(f"spark-check: for comparison, spark.read.json(pipe) without a schema: {jobs} job(s) before any "
          f"action (schema inference), columns sorted: {inferred.columns == sorted(fields)}")

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    if not all(column in readme for column in whosaid.spark.schema_ddl().split(", ")):
        print("spark-check: warning: README.md does not show the current schema_ddl()", file=sys.stderr)

    spark.stop()
    print("spark-check: " + ("both routes give the direct run's records" if ok else "FAILED"))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
