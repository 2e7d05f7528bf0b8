"""Narrative figures of the real 部门预算 / 单位预算 PDFs (converted text): totals against last year's budget, the
per-项 paragraphs (budget, last year's 执行数, the stated change and its reason), 三公, 机关运行经费,
project notes."""

from __future__ import annotations

from collections import Counter
from decimal import Decimal

from narrative_docs import budget, only

WANLI = "putuo_wanli_2024_dept_budget.pdf"
QUFUBAN = "putuo_qufuban_2025_dept_budget.pdf"
SHANGWU = "putuo_shangwu_2025_unit_budget.pdf"


def test_counts_per_document():
    assert len(budget(WANLI, 2024)) == 129
    assert len(budget(QUFUBAN, 2025)) == 38
    assert len(budget(SHANGWU, 2025)) == 41


def test_totals_against_last_years_budget():
    records = budget(WANLI, 2024)
    income = only(records, row_label_raw="财政拨款收入")
    assert (income.amount_yuan, income.amount_raw, income.phase, income.fiscal_year) == (
        Decimal("156211100.00"),
        "15621.11万元",
        "budget",
        2024,
    )
    assert (income.stated_change_yuan, income.stated_direction, income.compare_basis, income.compare_fiscal_year) == (
        Decimal("-8767500.00"),
        "decrease",
        "prior_budget",
        2023,
    )
    assert income.source_page == 6
    # "财政拨款收入支出减少的主要原因是项目调整。" (a paragraph of its own) explains the three decreases before it
    assert [r.row_label_raw for r in records if r.stated_reason_raw == "项目调整" and r.stated_change_yuan] == [
        "财政拨款收入",
        "财政拨款支出预算",
        "一般公共预算拨款支出预算",
    ]
    fund = only(records, row_label_raw="政府性基金拨款支出预算")
    assert (fund.amount_yuan, fund.stated_direction, fund.stated_reason_raw) == (Decimal("0.00"), "flat", None)


def test_per_item_paragraph():
    records = budget(WANLI, 2024)
    path = "一般公共服务支出（类）统计信息事务（款）专项普查活动（项）"
    items = [r for r in records if r.item_name_raw == path]
    assert [(r.cell_index, r.amount_raw, r.phase, r.fiscal_year) for r in items] == [
        (1, "25.77万元", "budget", 2024),
        (2, "60.13万元", "execution", 2023),
        (3, "25.77万元", "budget", 2024),
    ]
    stated = items[2]
    assert (stated.stated_change_pct, stated.stated_direction, stated.compare_basis, stated.compare_fiscal_year) == (
        Decimal("-57.14"),
        "decrease",
        "prior_execution",
        2023,
    )
    assert stated.stated_reason_raw == "项目调整"
    assert {r.source_page for r in items} == {6}
    assert {r.source_line for r in items} == {items[0].source_line}
    # 33 per-项 paragraphs, three figures each; 比2023年预算执行数持平 is a flat statement
    per_item = [r for r in records if (r.item_name_raw or "").endswith("（项）")]
    assert len(per_item) == 99
    assert Counter(r.stated_direction for r in per_item if r.stated_direction) == {
        "increase": 18,
        "decrease": 10,
        "flat": 5,
    }
    assert all(r.stated_reason_raw for r in per_item if r.stated_direction)
    housing = only(records, item="住房公积金（项）", cell_index=3)
    assert (housing.amount_raw, housing.stated_change_pct) == ("352.67万元", Decimal("0.53"))  # 350.35 in the title
    assert only(records, item="住房公积金（项）", cell_index=3).source_page == 9


def test_three_public_and_other_statements():
    records = budget(WANLI, 2024)
    total = only(records, row_label_raw="2024年“三公”经费预算数为")
    assert (total.amount_yuan, total.stated_change_yuan, total.stated_direction, total.source_page) == (
        Decimal("479100.00"),
        Decimal("250000.00"),
        "increase",
        32,
    )
    purchase = only(records, row_label_raw="公务用车购置费")
    assert (purchase.amount_yuan, purchase.stated_change_yuan, purchase.stated_reason_raw) == (
        Decimal("250000.00"),
        Decimal("250000.00"),
        "购置公务用车",
    )
    running = only(records, row_label_raw="公务用车运行费")
    assert (running.stated_direction, running.stated_reason_raw) == ("flat", "公务车用车运行费保持不变")
    operations = only(records, item="机关运行经费预算")
    assert (operations.amount_yuan, operations.phase) == (Decimal("4431800.00"), "budget")
    quarters = [r for r in records if (r.row_label_raw or "").endswith("季度用款计划")]
    assert [(r.cell_index, r.amount_yuan, r.source_page) for r in quarters] == [
        (n, Decimal("1580500.00"), 33) for n in (1, 2, 3, 4)
    ]


def test_subject_printed_with_dashes_and_mixed_brackets():
    records = budget(QUFUBAN, 2025)
    item = only(records, item="其他政府办公厅（室）及相关机构事务支出")
    assert (
        item.item_name_raw == "一般公共服务支出-政府办公厅（室）及相关机构事务-其他政府办公厅（室）及相关机构事务支出"
    )
    assert (item.amount_yuan, item.amount_raw, item.phase, item.source_page) == (
        Decimal("20120000.00"),
        "2,012万元",
        "budget",
        6,
    )
    assert len([r for r in records if (r.item_name_raw or "").count("-") == 2]) == 12
    three_public = only(records, row_label_raw="2025年“三公”经费预算数为")
    assert (three_public.amount_yuan, three_public.stated_direction, three_public.compare_fiscal_year) == (
        Decimal("8675000.00"),
        "flat",
        2024,
    )

    unit = budget(SHANGWU, 2025)
    assert only(unit, item="住房保障支出（类)住房改革支出（款)购房补贴（项）").amount_raw == "148.80万元"
    assert len([r for r in unit if (r.item_name_raw or "").endswith("（项）")]) == 16


def test_paragraph_cut_in_two_lines():
    # "…财政拨款收入37,151.47万元，比2024年预算执行数增加" | "24,558.18万元；事业收入…": one paragraph
    records = budget(SHANGWU, 2025)
    income = only(records, row_label_raw="财政拨款收入")
    assert (income.stated_change_yuan, income.compare_basis, income.compare_fiscal_year) == (
        Decimal("245581800.00"),
        "prior_execution",
        2024,
    )
    assert income.stated_reason_raw == "政策资金项目预算增加，根据实际工作安排编制预算"
    other = only(records, row_label_raw="其他收入")
    assert (other.source_line, other.cell_index) == (income.source_line + 2, 3)
