"""The package gives exactly what the command line writes: same records, keys, order, numbers."""

import json
import subprocess

import whosaid


def run_cli(binary, *args):
    out = subprocess.run([binary, *args], check=True, capture_output=True, text=True).stdout
    return [json.loads(line) for line in out.splitlines()]


def test_extract_equals_cli_jsonl(docs, whosaid_bin, corpus_dir):
    cli = run_cli(whosaid_bin, "extract", "--format", "jsonl", str(corpus_dir))
    records = whosaid.extract_many(docs)
    assert len(records) == len(cli) > 50
    assert records == cli
    assert [list(r) for r in records] == [list(r) for r in cli]  # key order too


def test_extract_all_equals_cli_jsonl(docs, whosaid_bin, corpus_dir):
    cli = run_cli(whosaid_bin, "extract", "--all", "--format", "jsonl", str(corpus_dir))
    assert whosaid.extract_many(docs, all=True) == cli


def test_compare_equals_cli_jsonl(docs, whosaid_bin, corpus_dir):
    cli = run_cli(whosaid_bin, "compare", "--format", "jsonl", str(corpus_dir))
    groups = whosaid.compare(whosaid.extract_many(docs))
    assert len(groups) == len(cli) > 0
    assert groups == cli


def test_compare_of_cli_records_equals_compare_of_python_records(docs, whosaid_bin, corpus_dir):
    cli_records = run_cli(whosaid_bin, "extract", "--format", "jsonl", str(corpus_dir))
    assert whosaid.compare(cli_records) == whosaid.compare(whosaid.extract_many(docs))
