"""Shared fixtures: the repository's bundled corpus and the command-line binary to compare with."""

import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "tests" / "corpus"


def corpus_docs():
    """The bundled articles as `extract_many` documents, ids as the CLI names them (file stem)."""
    return [
        {"id": p.stem, "text": p.read_text(encoding="utf-8-sig")}
        for p in sorted(CORPUS.glob("*.txt"))
    ]


@pytest.fixture(scope="session")
def corpus_dir():
    return CORPUS


@pytest.fixture(scope="session")
def docs():
    found = corpus_docs()
    assert len(found) == 5, f"expected the five seed articles in {CORPUS}"
    return found


@pytest.fixture(scope="session")
def whosaid_bin():
    """The `whosaid` binary: $WHOSAID_BIN (CI sets it, and then it must exist), else a build in
    target/, else the one on PATH; the tests that need it are skipped when there is none."""
    env = os.environ.get("WHOSAID_BIN")
    if env:
        assert Path(env).is_file(), f"WHOSAID_BIN={env} does not exist"
        return env
    for profile in ("release", "debug"):
        candidate = ROOT / "target" / profile / "whosaid"
        if candidate.is_file():
            return str(candidate)
    on_path = shutil.which("whosaid")
    if on_path:
        return on_path
    pytest.skip("no whosaid binary (set WHOSAID_BIN or cargo build --release)")
