"""Helpers for the narrative tests: the converted texts of the five PDFs (seeds/converted) and the 2022 unit
budget (data/raw), read into rows the way ingest gives them to the layout parsers (with each line's PDF page)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from budgetwh.ingest.layouts.budget.narrative import parse_budget_narrative
from budgetwh.ingest.layouts.final_accounts.narrative import parse_final_accounts_narrative
from budgetwh.ingest.text.cells import Row, to_rows
from budgetwh.ingest.text.records import LineItemRecord

ROOT = Path(__file__).resolve().parents[2]
CONVERTED = ROOT / "seeds" / "converted"
_MARKER = re.compile(r"^<!-- page (\d+) -->$")
DOCUMENT_ID = "doc_narrative"


def text_rows(text: str, *, pdf: bool) -> list[Row]:
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    if not pdf:
        return to_rows(lines)
    pages, page = [], 1
    for line in lines:  # the page of a line is the last page marker above it (WAVE.md, converted text format)
        match = _MARKER.match(line)
        page = int(match.group(1)) if match else page
        pages.append(page)
    return to_rows(lines, pages)


def read_converted(pdf_name: str) -> list[Row]:
    path = CONVERTED / f"{pdf_name}.txt"
    if not path.exists():
        pytest.skip(f"{path.name} not converted yet")
    return text_rows(path.read_text(encoding="utf-8"), pdf=True)


def budget(pdf_name: str, year: int) -> list[LineItemRecord]:
    return parse_budget_narrative(
        read_converted(pdf_name), document_id=DOCUMENT_ID, fiscal_year=year, file_name=pdf_name
    )


def final_accounts(pdf_name: str, year: int) -> list[LineItemRecord]:
    return parse_final_accounts_narrative(
        read_converted(pdf_name), document_id=DOCUMENT_ID, fiscal_year=year, file_name=pdf_name
    )


def only(records: list[LineItemRecord], **where) -> LineItemRecord:
    """The one record whose fields equal `where` (item_name_raw may be given as a fragment: `item`)."""
    item = where.pop("item", None)
    found = [
        r
        for r in records
        if all(getattr(r, k) == v for k, v in where.items()) and (item is None or item in (r.item_name_raw or ""))
    ]
    assert len(found) == 1, (where, item, [r.line_item_id for r in found])
    return found[0]


def line_text(pdf_name: str, line: int) -> str:
    return (CONVERTED / f"{pdf_name}.txt").read_text(encoding="utf-8").split("\n")[line - 1]
