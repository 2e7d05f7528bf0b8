"""Tables of the real documents read by the layout parsers straight from their text (converted PDFs in
seeds/converted, the 2022 unit budget in data/raw), without the rest of ingest."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from budgetwh.ingest.layouts.budget.tables import parse_budget_tables
from budgetwh.ingest.layouts.final_accounts.tables import parse_final_accounts_tables
from budgetwh.ingest.pdf import line_pages_of
from budgetwh.ingest.text.cells import Row, to_rows
from budgetwh.ingest.text.records import LineItemRecord

ROOT = Path(__file__).resolve().parents[2]
DOCUMENT_ID = "doc_test"


def rows_of_text(text: str, *, pdf: bool) -> list[Row]:
    lines = text.split("\n")
    if text.endswith("\n"):
        lines.pop()
    return to_rows(lines, line_pages_of(text) if pdf else None)


@cache
def _items(relative: str) -> tuple[LineItemRecord, ...]:
    path = ROOT / relative
    text = path.read_text(encoding="utf-8")
    rows = rows_of_text(text, pdf=path.parent.name == "converted")
    parse = parse_final_accounts_tables if "final_accounts" in path.name else parse_budget_tables
    return tuple(parse(rows, document_id=DOCUMENT_ID, fiscal_year=2024, file_name=path.name))


@pytest.fixture(scope="session")
def items_of():
    """items_of('seeds/converted/x.pdf.txt') → the document's table line items (read once per session)."""
    return _items


@pytest.fixture(scope="session")
def text_rows():
    return rows_of_text
