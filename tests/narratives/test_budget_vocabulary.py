"""Prose of the family that the real documents do not print: totals in 亿元, and the 支出预算 / 基本支出 / 项目支出
phrases with the phase after the measure (基本支出预算X万元) and their shares and changes."""

from __future__ import annotations

from decimal import Decimal

from narrative_docs import DOCUMENT_ID, text_rows

from budgetwh.ingest.layouts.budget.narrative import parse_budget_narrative
from budgetwh.ingest.layouts.final_accounts.narrative import parse_final_accounts_narrative

HEADER = "<!-- converted from PDF by budgetwh (pdf-text v1): sha256 00, 2 pages -->\n<!-- page 1 -->\n"


def _fields(records):
    return [
        (r.source_line, r.cell_index, r.measure, r.amount_yuan, r.source_unit, r.stated_change_yuan,
         r.stated_change_pct, r.stated_share_pct)
        for r in records
    ]  # fmt: skip


def test_budget_totals_in_亿元_and_the_spending_phrases():
    text = HEADER + (
        "2026年，某局收入预算1.25亿元，比2025年预算增加0.15亿元，增长13.64%。\n"
        "支出预算12,500.00万元，比上年增加1,500.00万元，增长13.64%。其中：基本支出8,000.00万元，占64.00%；"
        "项目支出4,500.00万元，占36.00%。\n"
        "基本支出预算8,000.00万元，比上年预算增加500.00万元；项目支出预算4,500.00万元，比上年预算减少100.00万元。\n"
    )
    records = parse_budget_narrative(
        text_rows(text, pdf=True), document_id=DOCUMENT_ID, fiscal_year=2026, file_name="x.pdf"
    )
    assert _fields(records) == [
        (3, 1, "total", Decimal("125000000.00"), "亿元", Decimal("15000000.00"), Decimal("13.64"), None),
        (4, 1, "total", Decimal("125000000.00"), "万元", Decimal("15000000.00"), Decimal("13.64"), None),
        (4, 2, "basic", Decimal("80000000.00"), "万元", None, None, Decimal("64.00")),
        (4, 3, "project", Decimal("45000000.00"), "万元", None, None, Decimal("36.00")),
        (5, 1, "basic", Decimal("80000000.00"), "万元", Decimal("5000000.00"), None, None),
        (5, 2, "project", Decimal("45000000.00"), "万元", Decimal("-1000000.00"), None, None),
    ]
    assert {r.compare_fiscal_year for r in records if r.stated_change_yuan} == {2025}


def test_final_accounts_totals_in_亿元():
    text = HEADER + "2025年度收入总计1.50亿元，支出总计1.48亿元。与2024年度相比，收入、支出总计各减少0.02亿元。\n"
    records = parse_final_accounts_narrative(
        text_rows(text, pdf=True), document_id=DOCUMENT_ID, fiscal_year=2025, file_name="x.pdf"
    )
    assert [(r.cell_index, r.phase, r.amount_yuan, r.amount_raw, r.stated_change_yuan) for r in records] == [
        (1, "final_account", Decimal("150000000.00"), "1.50亿元", None),
        (2, "final_account", Decimal("148000000.00"), "1.48亿元", Decimal("-2000000.00")),
    ]
