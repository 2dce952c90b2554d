"""whosaid.spark without a cluster: the partition helper on plain rows, and the schema."""

import subprocess
import sys

import pytest

import whosaid
import whosaid.spark as ws

TEXT = "“The bridge will reopen in May,” said Marta Okafor."


def test_partition_equals_extract_many(docs):
    rows = [dict(d, extra="ignored") for d in docs] * 60  # 300 rows: two batches
    assert list(ws.extract_partition(iter(rows))) == whosaid.extract_many(docs) * 60


def test_partition_skips_rows_without_text_and_numbers_missing_ids():
    rows = [{"id": None, "text": TEXT}, {"id": "x"}, {"text": None}, {"text": TEXT, "id": "b"}, {"text": TEXT}]
    assert [r["doc"] for r in ws.extract_partition(rows)] == ["row:1", "b", "row:5"]


def test_partition_is_lazy():
    def rows():
        yield {"id": "a", "text": TEXT}
        raise AssertionError("read past the first batch")

    gen = ws.extract_partition(rows())
    assert gen is not None  # nothing read until iterated


def test_schema_ddl_names_every_field_in_order():
    ddl = ws.schema_ddl()
    assert [part.split()[0].strip("`") for part in ddl.split(", ")] == list(whosaid.fields())
    assert "`start` BIGINT" in ddl and "`confidence` DOUBLE" in ddl
    out = subprocess.run([sys.executable, "-m", "whosaid.spark"], check=True, capture_output=True, text=True)
    assert out.stdout.strip() == ddl


def test_schema_struct_type():
    types = pytest.importorskip("pyspark.sql.types")
    schema = ws.schema()
    assert schema.fieldNames() == list(whosaid.fields())
    assert schema["paragraph"].dataType == types.LongType()
    assert schema["confidence"].dataType == types.DoubleType()
    assert all(f.nullable for f in schema.fields)
