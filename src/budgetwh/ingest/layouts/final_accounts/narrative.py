"""The prose of a Shanghai 部门决算 / 单位决算 (决算情况说明, in 万元): per 项 the 年初预算 (or 全年预算, an adjusted
budget) and the 决算数 with the printed completion rate on the 决算 figure and the reason for the difference; totals
compared with last year's 决算 (money and %), shares, 三公 and 机关运行经费 budget against actual."""

from __future__ import annotations

from budgetwh.ingest.layouts.narrative import parse_narrative_rows
from budgetwh.ingest.layouts.narrative_words import FINAL_ACCOUNTS
from budgetwh.ingest.text.cells import Row
from budgetwh.ingest.text.records import LineItemRecord


def parse_final_accounts_narrative(
    rows: list[Row], *, document_id: str, fiscal_year: int, file_name: str
) -> list[LineItemRecord]:
    return parse_narrative_rows(
        rows, wording=FINAL_ACCOUNTS, document_id=document_id, fiscal_year=fiscal_year, file_name=file_name
    )
