"""The 2022 unit budget (a text document): its narrative rows stay what the committed seed holds, whichever entry
point reads them (the unit budget parser line by line, or the budget layout's paragraph reader); only the contract's
version 2 columns may add to them."""

from __future__ import annotations

import csv
import hashlib
from decimal import Decimal

import pytest
from narrative_docs import ROOT, only, text_rows

from budgetwh.ingest.layouts.budget.narrative import parse_budget_narrative, parse_unit_budget_narrative
from budgetwh.ingest.text.records import to_csv_value

RAW = ROOT / "data" / "raw" / "putuo_2022_city_operations_center_unit_budget.txt"
SEED = ROOT / "seeds" / "extracted" / "line_items.csv"
# contract version 2 (and later) columns: free to gain values
NEW_COLUMNS = {
    "source_page",
    "table_kind",
    "row_label_raw",
    "column_path_raw",
    "stated_rate_pct",
    "stated_share_pct",
    "stated_reason_raw",
}


@pytest.fixture(scope="module")
def committed() -> list[dict[str, str]]:
    with SEED.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    # document_id: doc_ + the first 12 hex of the sha256 of the text (marts.md, Conventions)
    document_id = "doc_" + hashlib.sha256(RAW.read_text(encoding="utf-8").encode("utf-8")).hexdigest()[:12]
    return [r for r in rows if r["document_id"] == document_id and r["table_name"] == "narrative"]


@pytest.fixture(scope="module")
def rows():
    return text_rows(RAW.read_text(encoding="utf-8"), pdf=False)


@pytest.mark.parametrize("parse", [parse_budget_narrative, parse_unit_budget_narrative])
def test_narrative_rows_unchanged(parse, rows, committed):
    document_id = committed[0]["document_id"]
    records = parse(rows, document_id=document_id, fiscal_year=2022, file_name=RAW.name)
    columns = [c for c in committed[0] if c not in NEW_COLUMNS]
    got = [{c: to_csv_value(getattr(r, c)) for c in columns} for r in records]
    want = [{c: r[c] for c in columns} for r in committed]
    assert len(got) == len(want) == 44
    assert got == want


def test_reasons_and_pages(rows, committed):
    document_id = committed[0]["document_id"]
    records = parse_budget_narrative(rows, document_id=document_id, fiscal_year=2022, file_name=RAW.name)
    by_id = {r.line_item_id.split(":", 1)[1]: r for r in records}
    # "财政拨款收入支出减少的主要原因是…" is a paragraph of its own: it explains the three decreases stated before it
    reason = "项目及人员增减变动"
    assert [k for k, r in by_id.items() if r.stated_reason_raw == reason] == ["L55:C2", "L57:C2", "L57:C3", "L71:C3"]
    assert by_id["L57:C4"].stated_reason_raw is None  # 与2021年预算持平: nothing decreased
    item = by_id["L63:C3"]
    assert (item.stated_change_pct, item.stated_direction, item.compare_basis) == (
        Decimal("-94.00"),
        "decrease",
        "prior_execution",
    )
    assert item.stated_reason_raw == "人员增减及项目变动"
    assert only(records, amount_raw="0.68万元").stated_reason_raw == "厉行节约"
    assert {r.source_page for r in records} == {None}  # a text document has no pages
    assert {r.table_kind for r in records} == {"narrative"}
    assert sum(r.stated_reason_raw is not None for r in records) == 12
