#!/usr/bin/env python3
"""Checks that a workbook written by whosaid holds the same rows as its CSV output.

    python3 scripts/xlsx-check.py OUT.csv OUT.xlsx [SHEET]

Needs openpyxl (`pip install openpyxl` in a venv). Cells are compared as CSV text: an empty
cell is "", a boolean is `true`/`false`, and numbers are compared as numbers (a spreadsheet
keeps no difference between 1 and 1.0). Write the CSV
with `--no-csv-safe`, since the workbook needs no formula guard. Exits 1 on the first
difference, naming row and column.
"""
import csv
import sys

import openpyxl


def text(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def same(csv_cell, xlsx_cell):
    if csv_cell == xlsx_cell:
        return True
    try:
        return float(csv_cell) == float(xlsx_cell)
    except ValueError:
        return False


def main():
    csv_path, xlsx_path = sys.argv[1], sys.argv[2]
    with open(csv_path, newline="", encoding="utf-8-sig") as f:
        csv_rows = list(csv.reader(f))
    book = openpyxl.load_workbook(xlsx_path, read_only=True)
    sheet = book[sys.argv[3]] if len(sys.argv) > 3 else book.worksheets[0]
    xlsx_rows = [[text(v) for v in row] for row in sheet.iter_rows(values_only=True)]
    if len(csv_rows) != len(xlsx_rows):
        sys.exit(f"{len(csv_rows)} CSV rows but {len(xlsx_rows)} workbook rows")
    for i, (a, b) in enumerate(zip(csv_rows, xlsx_rows), 1):
        b = b + [""] * (len(a) - len(b))
        if len(a) != len(b) or not all(same(x, y) for x, y in zip(a, b)):
            for j, (x, y) in enumerate(zip(a, b)):
                if not same(x, y):
                    sys.exit(f"row {i}, column {csv_rows[0][j]}: CSV {x!r} vs workbook {y!r}")
            sys.exit(f"row {i}: {len(a)} CSV cells vs {len(b)}")
    print(f"{sheet.title}: {len(csv_rows) - 1} rows and the header equal in {csv_path} and {xlsx_path}")


if __name__ == "__main__":
    main()
