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


def test_a_final_account_against_its_own_years_budget_is_no_figure_of_its_own():
    # 比年初预算减少X万元 compares the year's outcome with the same year's budget: the contract's compare_basis
    # (prior_budget / prior_execution) is for other years, and the difference is no budget of its own
    text = HEADER + (
        "2025年度一般公共预算财政拨款支出决算为1,250.00万元，完成年初预算的99.96%，比年初预算减少0.50万元，"
        "下降0.04%。主要原因是节约支出。\n"
        "公务接待费支出决算为2.00万元，较年初预算增加0.10万元。\n"
    )
    records = parse_final_accounts_narrative(
        text_rows(text, pdf=True), document_id=DOCUMENT_ID, fiscal_year=2025, file_name="x.pdf"
    )
    assert [(r.source_line, r.phase, r.amount_yuan, r.stated_rate_pct, r.stated_change_yuan) for r in records] == [
        (3, "final_account", Decimal("12500000.00"), Decimal("99.96"), None),
        (4, "final_account", Decimal("20000.00"), None, None),
    ]
    assert records[0].stated_reason_raw == "节约支出"
