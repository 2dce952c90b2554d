"""whosaid.extract and extract_many: real attributions on invented texts, metadata, inputs."""

import pytest

import whosaid

OKAFOR = "“The bridge will reopen in May,” said Marta Okafor, the city’s transport director."

# (text, quote, kind, speaker, role, method, mention): one row per rule the extractor applies.
ROWS = [
    (OKAFOR, "The bridge will reopen in May,", "full", "Marta Okafor", "the city’s transport director",
     "apposition", "Marta Okafor"),
    ("Marta Okafor said the repairs were “on schedule and on budget.”", "on schedule and on budget.",
     "partial", "Marta Okafor", "", "explicit", "Marta Okafor"),
    ("“We have no comment,” a spokesman for the port authority said.", "We have no comment,", "full",
     "a spokesman for the port authority", "", "explicit", "a spokesman for the port authority"),
    ("Marta Okafor spoke first.\n\n“We will not raise fares,” she said.", "We will not raise fares,",
     "full", "Marta Okafor", "", "pronoun", "she"),
    ("“We urge restraint,” said Antony Blinken.", "We urge restraint,", "full", "Antony Blinken", "",
     "explicit", "Antony Blinken"),
]


@pytest.mark.parametrize("text,quote,kind,speaker,role,method,mention", ROWS)
def test_speaker_found(text, quote, kind, speaker, role, method, mention):
    [r] = whosaid.extract(text)
    got = (r["quote"], r["kind"], r["speaker"], r["role"], r["method"], r["mention"])
    assert got == (quote, kind, speaker, role, method, mention)
    assert text[r["start"]:r["end"]] == quote  # offsets are code points, as in Python strings
    assert 0 < r["confidence"] <= 1


def test_quote_continued_by_surname():
    first, second = whosaid.extract("“Prices will fall,” Okafor said. “Not this year, but next.”")
    assert (first["speaker"], first["method"]) == ("Okafor", "surname")
    assert (second["quote"], second["speaker"], second["method"]) == ("Not this year, but next.", "Okafor", "continuation")


def test_gazetteer_person_has_id_and_known_role():
    [r] = whosaid.extract("“We urge restraint,” said Antony Blinken.")
    assert r["speaker_id"] == "antony-blinken"
    assert r["known_role"].startswith("Secretary of State")


def test_scare_quotes_only_with_all():
    text = "The so-called “green corridor” opened on Monday."
    assert whosaid.extract(text) == []
    [r] = whosaid.extract(text, all=True)
    assert (r["quote"], r["speaker"], r["method"], r["confidence"]) == ("green corridor", "", "", 0.0)


def test_fields_in_output_order():
    [r] = whosaid.extract(OKAFOR)
    assert tuple(r) == whosaid.fields()
    assert whosaid.fields()[:6] == ("doc", "outlet", "paragraph", "start", "end", "quote")


def test_metadata_and_default_id():
    [r] = whosaid.extract(OKAFOR)
    assert (r["doc"], r["outlet"]) == ("1", "")
    [r] = whosaid.extract(OKAFOR, id="a7", outlet="The Harbour Gazette", date="2024-05-02",
                          url="https://example.org/a7", title="Bridge to reopen")
    assert (r["doc"], r["outlet"]) == ("a7", "The Harbour Gazette")


def test_outlet_detected_from_dateline():
    text = "LISBON (Reuters) - “The bridge will reopen in May,” said Marta Okafor."
    [r] = whosaid.extract(text)
    assert r["outlet"] == "Reuters"


def test_no_quotes_no_records():
    assert whosaid.extract("") == []
    assert whosaid.extract("The council met on Tuesday and approved the budget.") == []


def test_many_keeps_order_and_numbers_missing_ids():
    docs = [
        {"id": "b", "text": OKAFOR},
        {"text": "“Yes,” said Antony Blinken."},
        "“No,” said Marta Okafor.",
        {"id": None, "text": "Nothing quoted here."},
        {"id": 42, "text": OKAFOR, "outlet": float("nan")},
    ]
    records = whosaid.extract_many(docs)
    assert [(r["doc"], r["speaker"]) for r in records] == [
        ("b", "Marta Okafor"), ("2", "Antony Blinken"), ("3", "Marta Okafor"), ("42", "Marta Okafor"),
    ]
    assert records[3]["outlet"] == ""  # NaN (pandas' missing value) is no outlet


def test_many_equals_one_by_one_across_chunks_and_threads(docs):
    # 550 documents span two chunks of 512 in the Rust loop; generators are read lazily.
    many = [dict(d, id=f"{d['id']}-{i}") for i in range(110) for d in docs]
    expected = [r for d in many for r in whosaid.extract(d["text"], id=d["id"])]
    assert whosaid.extract_many(iter(many)) == expected
    assert whosaid.extract_many((d for d in many), threads=1) == expected


def test_many_accepts_mappings_with_get():
    class Article:
        def __init__(self, **fields):
            self.fields = fields

        def get(self, key):
            return self.fields.get(key)

    [r] = whosaid.extract_many([Article(id="m", text=OKAFOR, outlet="Gazette")])
    assert (r["doc"], r["outlet"], r["speaker"]) == ("m", "Gazette", "Marta Okafor")


@pytest.mark.parametrize(
    "docs,error,message",
    [
        ([{"id": "x"}], ValueError, "document 1: no `text`"),
        ([{"text": OKAFOR}, {"text": None}], ValueError, "document 2: no `text`"),
        ([{"text": 3}], TypeError, "document 1: `text` must be a string"),
        ([7], TypeError, "document 1: expected a dict"),
        (5, TypeError, "not iterable"),
        ("one text", TypeError, "for one text use whosaid.extract"),
    ],
)
def test_many_rejects_bad_documents(docs, error, message):
    with pytest.raises(error, match=message):
        whosaid.extract_many(docs)


def test_many_rejects_zero_threads():
    with pytest.raises(ValueError, match="threads"):
        whosaid.extract_many([OKAFOR], threads=0)


def test_keyword_only_metadata():
    with pytest.raises(TypeError):
        whosaid.extract(OKAFOR, "a1")  # id is keyword-only


def test_docstrings_present():
    for f in (whosaid.extract, whosaid.extract_many, whosaid.compare, whosaid.to_pandas, whosaid.Gazetteer):
        assert f.__doc__ and len(f.__doc__) > 80, f
