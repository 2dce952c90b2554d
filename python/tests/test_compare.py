"""whosaid.compare: groups of one statement across documents, as `whosaid compare` makes them."""

import pytest

import whosaid

A = "“We will not raise the bus fares this year,” said Marta Okafor, the transport director."
B = "Marta Okafor said: “We won’t raise the fares this year.”"
C = "“Our budget is balanced,” said Luis Brandt."


def test_variant_reports_of_one_statement_are_grouped():
    records = whosaid.extract_many([{"id": "a", "text": A, "outlet": "Gazette"}, {"id": "b", "text": B}, {"id": "c", "text": C}])
    [group] = whosaid.compare(records)
    assert group["relation"] == "variant"
    assert "wording" in group["flags"]
    assert sorted(m["doc"] for m in group["members"]) == ["a", "b"]
    assert {m["speaker"] for m in group["members"]} == {"Marta Okafor"}


def test_one_document_makes_no_group():
    assert whosaid.compare(whosaid.extract_many([A, A])) != []  # ids "1" and "2"
    assert whosaid.compare(whosaid.extract(A, id="only")) == []


def test_records_without_speaker_only_with_all():
    # Long enough to group without a speaker (a short quote joins only its own speaker's).
    quote = {"quote": "a fair deal for every rider on every bus line in the city", "speaker": ""}
    records = [dict(quote, doc="a"), dict(quote, doc="b")]
    assert whosaid.compare(records) == []
    [group] = whosaid.compare(records, all=True)
    assert group["relation"] == "identical"


def test_lenient_records_from_a_table():
    # Read back from a CSV, missing values are None or NaN and numbers may be floats.
    records = [
        {"doc": "a", "quote": "We will not raise the fares", "speaker": "Ana Ruiz", "start": 3.0, "role": float("nan")},
        {"doc": "b", "quote": "We won't raise the fares", "speaker": "Ana Ruiz", "role": None},
    ]
    [group] = whosaid.compare(records)
    assert group["relation"] == "identical"  # contractions are normalised


def test_bad_records_raise():
    with pytest.raises(ValueError, match="record:2: missing `doc`"):
        whosaid.compare([{"doc": "a", "quote": "x", "speaker": "S"}, {"quote": "y"}])
    with pytest.raises(ValueError, match="min_similarity"):
        whosaid.compare([], min_similarity=2)


def test_dataframe_in():
    pandas = pytest.importorskip("pandas")
    records = whosaid.extract_many([{"id": "a", "text": A}, {"id": "b", "text": B}])
    frame = pandas.DataFrame(records)
    assert whosaid.compare(frame) == whosaid.compare(records)
