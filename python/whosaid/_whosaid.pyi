"""Type stubs of the native module `whosaid._whosaid` (Rust, PyO3)."""

from os import PathLike
from typing import Any, Dict, Iterable, List, Optional, Tuple, Union

_Record = Dict[str, Any]

__version__: str

class Gazetteer:
    """People, organisations and countries to recognise: the built-in gazetteer and extra
    CSV files (`id,name,kind,gender,surname,aliases,roles`, or `code,forms` for countries)."""

    def __init__(self, *paths: Union[str, PathLike[str]], builtin: bool = True) -> None: ...
    def __len__(self) -> int: ...
    @property
    def files(self) -> List[str]: ...
    def __reduce__(self) -> Tuple[Any, Tuple[List[str], bool]]: ...

def extract(
    text: str,
    *,
    id: Optional[str] = None,
    outlet: Optional[str] = None,
    date: Optional[str] = None,
    url: Optional[str] = None,
    title: Optional[str] = None,
    gazetteer: Optional[Gazetteer] = None,
    all: bool = False,
) -> List[_Record]:
    """Every quotation in one article, with its speaker (the CLI's JSONL records as dicts)."""

def extract_many(
    docs: Iterable[Any],
    threads: Optional[int] = None,
    *,
    gazetteer: Optional[Gazetteer] = None,
    all: bool = False,
) -> List[_Record]:
    """The quotations of many articles, extracted in parallel with the GIL released."""

def compare_json(
    records_json: str,
    *,
    min_similarity: float = 0.6,
    gazetteer: Optional[Gazetteer] = None,
    all: bool = False,
) -> List[_Record]:
    """Groups of quotes that report one statement, from a JSON array of records."""

def _gazetteer(files: List[str], builtin: bool) -> Gazetteer: ...
