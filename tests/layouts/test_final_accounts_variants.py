"""决算 tables as other years and districts print them: the 年初预算数 / 调整预算数 / 决算数 column families side
by side (each with 合计 / 基本支出 / 项目支出 under it, or one column), and a completion-rate column
(决算数为年初预算数的%, 完成率) whose figures are percentages, not money: each rate goes to the row's 决算数 as
stated_rate_pct; a change-rate column (增减率%) gives no row either."""

from __future__ import annotations

from decimal import Decimal

from budgetwh.ingest.layouts.final_accounts.tables import classify as final_kind
from budgetwh.ingest.layouts.final_accounts.tables import parse_final_accounts_tables

T = "\t"


def _read(text_rows, title: str, rows: list[list[str]]):
    text = "\n".join([title, "单位：万元", *(T.join(r) for r in rows), ""])
    return parse_final_accounts_tables(text_rows(text, pdf=False), document_id="d", fiscal_year=2023, file_name="t.txt")


def test_budget_adjusted_and_final_column_families(text_rows):
    items = _read(
        text_rows,
        "一般公共预算财政拨款支出决算表",
        [
            ["项目", "", "年初预算数", "", "", "调整预算数", "决算数", "", ""],
            ["科目编码", "科目名称", "合计", "基本支出", "项目支出", "", "合计", "基本支出", "项目支出"],
            ["2010101", "行政运行", "100.00", "60.00", "40.00", "110.00", "105.00", "60.00", "45.00"],
            ["", "合计", "100.00", "60.00", "40.00", "110.00", "105.00", "60.00", "45.00"],
        ],
    )
    row = [(i.column_path_raw, i.measure, i.phase, i.amount_yuan) for i in items if i.source_line == 5]
    assert row == [
        ("年初预算数/合计", "total", "budget", Decimal("1000000.00")),
        ("年初预算数/基本支出", "basic", "budget", Decimal("600000.00")),
        ("年初预算数/项目支出", "project", "budget", Decimal("400000.00")),
        ("调整预算数", "total", "adjusted_budget", Decimal("1100000.00")),
        ("决算数/合计", "total", "final_account", Decimal("1050000.00")),
        ("决算数/基本支出", "basic", "final_account", Decimal("600000.00")),
        ("决算数/项目支出", "project", "final_account", Decimal("450000.00")),
    ]
    assert {(i.class_code, i.kind_code, i.item_code) for i in items if i.source_line == 5} == {("201", "01", "01")}


def test_a_completion_rate_column_is_no_money(text_rows):
    items = _read(
        text_rows,
        "一般公共预算财政拨款支出决算表",
        [
            ["科目编码", "科目名称", "年初预算数", "决算数", "决算数为年初预算数的%"],
            ["201", "一般公共服务支出", "100.00", "97.00", "97.00%"],
            ["2010101", "行政运行", "100.00", "97.00", "97"],
            ["", "合计", "120.00", "97.00", "80.83"],
        ],
    )
    assert [(i.source_line, i.cell_index, i.phase, i.amount_yuan, i.stated_rate_pct) for i in items] == [
        (4, 3, "budget", Decimal("1000000.00"), None),
        (4, 4, "final_account", Decimal("970000.00"), Decimal("97.00")),
        (5, 3, "budget", Decimal("1000000.00"), None),
        (5, 4, "final_account", Decimal("970000.00"), Decimal("97.00")),
        (6, 3, "budget", Decimal("1200000.00"), None),
        (6, 4, "final_account", Decimal("970000.00"), Decimal("80.83")),
    ]


def test_a_change_rate_column_is_no_money(text_rows):
    items = _read(
        text_rows,
        "收入决算表",
        [
            ["项目", "本年决算数", "上年决算数", "增减率（%）"],
            ["财政拨款收入", "110.00", "100.00", "10.00"],
            ["合计", "110.00", "100.00", "10.00"],
        ],
    )
    assert [(i.source_line, i.cell_index, i.fiscal_year, i.amount_yuan) for i in items] == [
        (4, 2, 2023, Decimal("1100000.00")),
        (4, 3, 2022, Decimal("1000000.00")),
        (5, 2, 2023, Decimal("1100000.00")),
        (5, 3, 2022, Decimal("1000000.00")),
    ]


def test_a_three_public_table_printed_one_item_a_row(text_rows):
    """Older 三公 tables print 预算数 | 决算数 columns and one item a row: each figure is its row's item."""
    items = _read(
        text_rows,
        "财政拨款“三公”经费支出决算表",
        [
            ["项目", "预算数", "决算数"],
            ["合计", "5.00", "4.00"],
            ["1、因公出国（境）费", "2.00", "1.00"],
            ["2、公务用车购置及运行费", "0.00", "0.00"],
            ["其中：（1）公务用车购置费", "0.00", "0.00"],
            ["3、公务接待费", "3.00", "3.00"],
        ],
    )
    assert [(i.source_line, i.row_label_raw, i.measure, i.phase, i.amount_yuan, i.row_level) for i in items] == [
        (4, "合计", "total", "budget", Decimal("50000.00"), "total"),
        (4, "合计", "total", "final_account", Decimal("40000.00"), "total"),
        (5, "1、因公出国（境）费", "outbound_travel", "budget", Decimal("20000.00"), "line"),
        (5, "1、因公出国（境）费", "outbound_travel", "final_account", Decimal("10000.00"), "line"),
        (6, "2、公务用车购置及运行费", "official_vehicles", "budget", Decimal("0.00"), "line"),
        (6, "2、公务用车购置及运行费", "official_vehicles", "final_account", Decimal("0.00"), "line"),
        (7, "其中：（1）公务用车购置费", "vehicle_purchase", "budget", Decimal("0.00"), "line"),
        (7, "其中：（1）公务用车购置费", "vehicle_purchase", "final_account", Decimal("0.00"), "line"),
        (8, "3、公务接待费", "official_reception", "budget", Decimal("30000.00"), "line"),
        (8, "3、公务接待费", "official_reception", "final_account", Decimal("30000.00"), "line"),
    ]


def test_收支_for_收入支出_in_a_final_accounts_title():
    assert final_kind("部门收支决算总表") == "income_expenditure_summary"
    assert final_kind("2023年度财政拨款收支决算总表") == "appropriation_summary"
