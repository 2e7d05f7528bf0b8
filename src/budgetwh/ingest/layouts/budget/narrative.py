"""The prose of a Shanghai 部门预算 / 单位预算 (预算编制说明, 其他相关情况说明, 项目经费情况说明): every printed figure
with this year's budget against last year's budget or 执行数 as the text states it (signed change, basis, year), the
per-项 paragraphs with their subject path, shares, and the reasons printed for a change. The 2022 unit budget's
prose can also be read line by line (parse_unit_budget_narrative), which gives the same rows for it."""

from __future__ import annotations

from budgetwh.ingest.layouts.narrative import parse_narrative_line, parse_narrative_rows
from budgetwh.ingest.layouts.narrative_words import BUDGET
from budgetwh.ingest.text.cells import Row
from budgetwh.ingest.text.records import LineItemRecord


def parse_budget_narrative(
    rows: list[Row], *, document_id: str, fiscal_year: int, file_name: str
) -> list[LineItemRecord]:
    return parse_narrative_rows(
        rows, wording=BUDGET, document_id=document_id, fiscal_year=fiscal_year, file_name=file_name
    )


def parse_unit_budget_narrative(
    rows: list[Row], *, document_id: str, fiscal_year: int, file_name: str
) -> list[LineItemRecord]:
    """The figures of every prose line read on its own (no paragraph joined across lines)."""
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
