"""单位预算 (unit budget): its tables are read by the budget layout (layouts/budget/tables.py); what stays here is
the narrative figures of the 2022 text layout."""

from __future__ import annotations

from budgetwh.ingest.cells import Row
from budgetwh.ingest.layouts.budget.tables import parse_budget_tables
from budgetwh.ingest.narrative import parse_narrative_line
from budgetwh.ingest.records import LineItemRecord

parse_unit_budget_tables = parse_budget_tables


def parse_unit_budget_narrative(
    rows: list[Row], *, document_id: str, fiscal_year: int, file_name: str
) -> list[LineItemRecord]:
    items: list[LineItemRecord] = []
    for row in rows:
        text = row.raw.strip()
        if row.is_tabular or not text or text.startswith(("#", "-")):
            continue
        items.extend(
            parse_narrative_line(
                text, line=row.line, document_id=document_id, fiscal_year=fiscal_year, file_name=file_name
            )
        )
    return items
