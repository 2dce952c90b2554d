"""whosaid: who said what, in the news.

Every quotation in news articles with its speaker, the speaker's role and the cue verb that
links them, one record (a dict) per quote, with the same fields in the same order as
``whosaid extract --format jsonl``::

    >>> import whosaid
    >>> records = whosaid.extract("“We urge restraint,” said Antony Blinken.", id="a1")
    >>> records[0]["speaker"], records[0]["quote"]
    ('Antony Blinken', 'We urge restraint,')

- :func:`extract` one text; :func:`extract_many` many documents in parallel (GIL released);
- :func:`compare` groups the quotes of several documents that report one statement;
- :class:`Gazetteer` adds people and organisations from CSV files;
- :func:`to_pandas` makes a DataFrame (needs pandas);
- :mod:`whosaid.spark` runs the extraction inside Spark tasks (needs pyspark on the driver).
"""

from __future__ import annotations

import json
import math
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Dict, Iterable, List, Mapping, Optional, Tuple, Union

from ._whosaid import Gazetteer, __version__, extract
from ._whosaid import compare_json as _compare_json
from ._whosaid import extract_many as _extract_many

if TYPE_CHECKING:  # pragma: no cover
    import pandas

__all__ = [
    "Gazetteer",
    "Record",
    "__version__",
    "compare",
    "extract",
    "extract_many",
    "fields",
    "to_pandas",
]

#: One quote record (or one compare group): a dict with the keys of the command line's JSONL.
Record = Dict[str, Any]

#: A text, or a document with a ``text`` key and optional ``id``, ``outlet``, ``date``,
#: ``url``, ``title`` (a dict, a mapping or a PySpark ``Row``).
DocumentLike = Union[str, Mapping[str, Any], Any]

# A text whose one quote has every field filled: the record it gives names the fields.
_PROBE = "“We urge restraint,” said Antony Blinken."


def _is_dataframe(obj: Any) -> bool:
    return hasattr(obj, "to_dict") and hasattr(obj, "columns")


def extract_many(
    docs: Union[Iterable[DocumentLike], "pandas.DataFrame"],
    threads: Optional[int] = None,
    *,
    gazetteer: Optional[Gazetteer] = None,
    all: bool = False,
) -> List[Record]:
    """The quotations of many articles, extracted in parallel in Rust with the GIL released.

    ``docs`` is an iterable of dicts with a ``text`` key and optional ``id``, ``outlet``,
    ``date``, ``url``, ``title`` (the fields of a JSONL input line), of PySpark ``Row``s, of
    plain strings (texts), or a pandas DataFrame with those columns. A missing ``id`` is the
    item's 1-based position; missing values (``None``, NaN) count as absent.

    Returns one flat list of record dicts, as :func:`extract` gives them, in input order.
    ``threads`` is the number of worker threads (default: all cores); ``gazetteer`` adds
    people (see :class:`Gazetteer`); ``all=True`` also returns quoted spans with no speaker.
    An item without text raises ``ValueError`` naming its position.
    """
    if isinstance(docs, (str, bytes)):
        raise TypeError("extract_many takes an iterable of documents; for one text use whosaid.extract")
    if _is_dataframe(docs):
        docs = docs.to_dict("records")
    return _extract_many(docs, threads, gazetteer=gazetteer, all=all)


def _plain(record: Any) -> Dict[str, Any]:
    """A record as a JSON-ready dict: Rows and mappings become dicts, NaN becomes None."""
    if hasattr(record, "asDict"):
        record = record.asDict()
    return {k: None if isinstance(v, float) and math.isnan(v) else v for k, v in dict(record).items()}


def _json_default(value: Any) -> Any:
    # numpy scalars (a DataFrame's integers) know their Python value; anything else is text.
    if hasattr(value, "item"):
        return value.item()
    return str(value)


def compare(
    records: Union[Iterable[Mapping[str, Any]], "pandas.DataFrame"],
    *,
    min_similarity: float = 0.6,
    gazetteer: Optional[Gazetteer] = None,
    all: bool = False,
) -> List[Record]:
    """Groups the quotes of several documents that report the same statement.

    ``records`` are quote records as :func:`extract` or :func:`extract_many` give them (or a
    DataFrame of them, or the dicts of a JSONL file that ``whosaid extract --format jsonl``
    wrote). Only ``doc`` and ``quote`` are required. As with ``whosaid compare --records``,
    records without a speaker are left out unless ``all=True``.

    Returns a list of group dicts with the keys of ``whosaid compare --format jsonl``:
    ``id``, ``relation`` (identical, contains, variant, paraphrase), ``similarity``, ``flags``
    (wording, speaker_conflict, role_conflict), ``reference`` and ``members``, each member
    with its document, quote, speaker and word-level differences. Only groups with quotes from
    two documents or more are returned. ``min_similarity`` (0 to 1) is the least word-level
    similarity of two variants.
    """
    if _is_dataframe(records):
        records = records.to_dict("records")
    payload = json.dumps([_plain(r) for r in records], default=_json_default, allow_nan=False)
    return _compare_json(payload, min_similarity=min_similarity, gazetteer=gazetteer, all=all)


@lru_cache(maxsize=1)
def _probe() -> Record:
    meta = {"id": "probe", "outlet": "probe", "date": "2000-01-01", "url": "https://example.org/", "title": "probe"}
    return extract(_PROBE, **meta)[0]


def fields() -> Tuple[str, ...]:
    """The record fields, in output order (the CSV header, the JSONL keys)."""
    return tuple(_probe())


def to_pandas(records: Iterable[Mapping[str, Any]]) -> "pandas.DataFrame":
    """A pandas DataFrame of records, one row per quote, columns in output order.

    Needs pandas (``pip install pandas``). An empty list gives an empty frame with the
    record columns. Works for :func:`compare` groups too (then the columns are the group keys).
    """
    try:
        import pandas
    except ImportError as e:  # pragma: no cover - depends on the environment
        raise ImportError("whosaid.to_pandas needs pandas: pip install pandas") from e
    rows = [dict(r) for r in records]
    if not rows:
        return pandas.DataFrame(columns=list(fields()))
    return pandas.DataFrame.from_records(rows, columns=list(rows[0]))
