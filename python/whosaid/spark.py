"""whosaid in Spark: the extraction runs inside each task, in Python, with no binary to ship.

Every executor needs the ``whosaid`` package (``pip install`` it on the nodes, or ship a
packed virtual environment with ``spark.archives``); the driver also needs pyspark::

    import whosaid.spark
    articles = spark.read.json("news/*.jsonl")             # id, text, outlet, date, url, title
    quotes = whosaid.spark.extract_dataframe(articles)      # one row per quote, schema()
    # or, with the RDD API:
    rows = articles.rdd.mapPartitions(whosaid.spark.extract_partition)
    quotes = spark.createDataFrame(rows, whosaid.spark.schema())

``python -m whosaid.spark`` prints :func:`schema_ddl`, the schema as a DDL string, for
``spark.read.schema(...).json(...)`` over the output of the ``RDD.pipe`` route.
"""

from __future__ import annotations

from itertools import islice
from typing import TYPE_CHECKING, Any, Iterable, Iterator, Optional

import whosaid

if TYPE_CHECKING:  # pragma: no cover
    from pyspark.sql import DataFrame
    from pyspark.sql.types import StructType

__all__ = ["extract_dataframe", "extract_partition", "schema", "schema_ddl"]

#: Input columns that the extractor reads; any other column is ignored.
INPUT_COLUMNS = ("id", "text", "outlet", "date", "url", "title")

# Documents per call into Rust: the records of a partition come out as they are made.
_BATCH = 256


def extract_partition(
    rows: Iterable[Any],
    threads: int = 1,
    gazetteer: Optional[whosaid.Gazetteer] = None,
    all: bool = False,
) -> Iterator[whosaid.Record]:
    """The quote records of one partition, for ``rdd.mapPartitions(extract_partition)``.

    ``rows`` are PySpark ``Row``s (or dicts) with a ``text`` field and optional ``id``,
    ``outlet``, ``date``, ``url``, ``title``; other fields are ignored. A row without text
    (null, or no such column) is skipped, as ``whosaid extract -`` skips such a line; a row
    without id gets ``row:N``, its 1-based position in the partition. Yields one dict per
    quote, with the fields of :func:`schema` in order, batch by batch as they are made.
    ``threads=1`` because Spark already runs one task per core. For other settings, bind them
    first: ``mapPartitions(functools.partial(extract_partition, gazetteer=g))`` (the
    gazetteer's files must then be readable on the executors: build it inside the task).
    """
    batch = []
    for n, row in enumerate(rows, 1):
        doc = _as_dict(row)
        if doc.get("text") is None:
            continue
        if doc.get("id") is None or doc.get("id") == "":
            doc["id"] = f"row:{n}"
        batch.append(doc)
        if len(batch) == _BATCH:
            yield from whosaid.extract_many(batch, threads, gazetteer=gazetteer, all=all)
            batch = []
    if batch:
        yield from whosaid.extract_many(batch, threads, gazetteer=gazetteer, all=all)


def _as_dict(row: Any) -> dict:
    if hasattr(row, "asDict"):
        row = row.asDict()
    return {k: row[k] for k in INPUT_COLUMNS if k in row}


def _spark_type(value: Any) -> Any:
    from pyspark.sql.types import DoubleType, LongType, StringType

    if isinstance(value, bool):  # pragma: no cover - no boolean field today
        from pyspark.sql.types import BooleanType

        return BooleanType()
    if isinstance(value, int):
        return LongType()
    if isinstance(value, float):
        return DoubleType()
    return StringType()


def schema() -> "StructType":
    """The output schema: one column per record field, in output order.

    Built from a record that the extractor makes (every field filled), so it follows the
    record type: whole numbers are ``long``, ``confidence`` is ``double``, the rest strings.
    Every column is nullable (absent values are empty strings today, but records read back
    from elsewhere may hold nulls). Pass it to ``spark.createDataFrame(rows, schema())`` or
    ``spark.read.schema(schema()).json(...)``: an explicit schema keeps the columns in record
    order and spares Spark a pass over the data to infer one.
    """
    from pyspark.sql.types import StructField, StructType

    probe = whosaid._probe()
    return StructType([StructField(name, _spark_type(value), True) for name, value in probe.items()])


def schema_ddl() -> str:
    """The output schema as a Spark DDL string (``doc STRING, outlet STRING, ...``), usable
    without pyspark installed, for ``spark.read.schema(DDL).json(...)``."""
    names = {int: "BIGINT", float: "DOUBLE", str: "STRING"}
    probe = whosaid._probe()
    return ", ".join(f"`{k}` {names.get(type(v), 'STRING')}" for k, v in probe.items())


def extract_dataframe(
    articles: "DataFrame",
    gazetteer: Optional[whosaid.Gazetteer] = None,
    all: bool = False,
) -> "DataFrame":
    """A DataFrame of quotes (columns :func:`schema`) from a DataFrame of articles.

    ``articles`` needs a ``text`` column; ``id``, ``outlet``, ``date``, ``url`` and ``title``
    are used when present, other columns are ignored (only the used ones are read). Nothing is
    computed until an action (``write``, ``count``) runs, and then the extraction runs once.
    """
    if "text" not in articles.columns:
        raise ValueError(f"the articles have no `text` column (columns: {', '.join(articles.columns)})")
    used = [c for c in INPUT_COLUMNS if c in articles.columns]
    rows = articles.select(*used).rdd.mapPartitions(
        lambda part: extract_partition(part, 1, gazetteer, all)
    )
    return articles.sparkSession.createDataFrame(rows, schema())


if __name__ == "__main__":
    print(schema_ddl())
