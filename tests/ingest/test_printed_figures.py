"""Figures as some publishers typeset them: full-width digits, a typographic minus, an accounting negative in
brackets. Each is the amount it shows, with the printed text kept in amount_raw; a bracketed numbering label such
as (1) stays a label. Read on the real 2022 unit budget with one table row's figures retyped."""

from __future__ import annotations

import hashlib
from decimal import Decimal
from pathlib import Path

import pytest

from budgetwh.ingest.document import parse_document
from budgetwh.ingest.reference import load_reference
from budgetwh.ingest.text.cells import is_number, parse_number
from budgetwh.ingest.text.reading import SourceText

ROOT = Path(__file__).resolve().parents[2]
DOCUMENT = ROOT / "data" / "raw" / "putuo_2022_city_operations_center_unit_budget.txt"
ROW = "208\t05\t\t行政事业单位养老支出\t1,669,955\t1,669,955\t"


@pytest.mark.parametrize(
    ("printed", "amount"),
    [
        ("１，６６９，９５５", Decimal("1669955.00")),
        ("(1,669,955)", Decimal("-1669955.00")),
        ("（1,669,955）", Decimal("-1669955.00")),
        ("−1,669,955", Decimal("-1669955.00")),
        ("－1,669,955.00", Decimal("-1669955.00")),
    ],
)
def test_a_retyped_figure_is_read_at_its_cell_with_its_printed_text(printed, amount):
    text = DOCUMENT.read_text(encoding="utf-8")
    retyped = text.replace(ROW, ROW.replace("1,669,955", printed, 1), 1)  # the first table printing the row
    line = text[: text.index(ROW)].count("\n") + 1
    source = SourceText(DOCUMENT.name, retyped, hashlib.sha256(retyped.encode()).hexdigest(), 0, False, False)
    parsed = parse_document(source, load_reference(ROOT / "seeds" / "reference"))
    original = parse_document(
        SourceText(DOCUMENT.name, text, hashlib.sha256(text.encode()).hexdigest(), 0, False, False),
        load_reference(ROOT / "seeds" / "reference"),
    )
    cells = {(i.source_line, i.cell_index): i for i in parsed.line_items}
    before = {(i.source_line, i.cell_index): i for i in original.line_items}
    assert cells.keys() == before.keys()  # the retyped cell is neither lost nor doubled
    retyped_cell = cells[(line, 5)]
    assert (retyped_cell.amount_raw, retyped_cell.amount_yuan) == (printed, amount)
    assert (retyped_cell.class_code, retyped_cell.kind_code) == ("208", "05")


@pytest.mark.parametrize("label", ["(1)", "（2）", "(一)", "1 669 955", "(12)"])
def test_a_numbering_label_or_a_spaced_figure_is_no_number(label):
    assert not is_number(label)


def test_a_bracketed_figure_with_decimals_is_negative():
    assert parse_number("(12.50)", file_name="f", line=1, what="x") == Decimal("-12.50")
