"""whosaid.to_pandas: one row per quote, columns in output order (pandas is optional)."""

import pytest

import whosaid

pandas = pytest.importorskip("pandas")


def test_dataframe_of_corpus_groups_by_speaker(docs):
    frame = whosaid.to_pandas(whosaid.extract_many(docs))
    assert list(frame.columns) == list(whosaid.fields())
    by_speaker = frame.groupby("speaker").size().sort_values(ascending=False)
    assert by_speaker.index[0] == "Wang Yi"
    assert by_speaker.sum() == len(frame)
    assert set(frame["doc"]) == {d["id"] for d in docs}


def test_empty_records_keep_the_columns():
    frame = whosaid.to_pandas([])
    assert frame.empty and list(frame.columns) == list(whosaid.fields())


def test_extract_many_reads_a_dataframe(docs):
    frame = pandas.DataFrame(docs)
    assert whosaid.extract_many(frame) == whosaid.extract_many(docs)
