"""The tables of the real 部门预算 / 单位预算 (converted PDFs and the 2022 text unit budget): every printed number a
line item, at its page, with its codes and column path."""

from __future__ import annotations

from collections import Counter, defaultdict
from decimal import Decimal

import pytest

WANLI = "seeds/converted/putuo_wanli_2024_dept_budget.pdf.txt"
QUFUBAN = "seeds/converted/putuo_qufuban_2025_dept_budget.pdf.txt"
SHANGWU = "seeds/converted/putuo_shangwu_2025_unit_budget.pdf.txt"
PUTUO_2022 = "data/raw/putuo_2022_city_operations_center_unit_budget.txt"


@pytest.mark.parametrize(
    ("document", "counts"),
    [
        (
            WANLI,
            {
                "financial_summary": 13,
                "revenue": 335,
                "expenditure": 201,
                "appropriation_summary": 22,
                "general_public_functional": 201,
                "basic_economic": 96,
                "three_public": 7,
            },
        ),
        (
            QUFUBAN,
            {
                "financial_summary": 8,
                "revenue": 42,
                "expenditure": 47,
                "appropriation_summary": 12,
                "general_public_functional": 47,
                "basic_economic": 61,
                "three_public": 4,
            },
        ),
        (
            SHANGWU,
            {
                "financial_summary": 24,
                "revenue": 62,
                "expenditure": 65,
                "appropriation_summary": 18,
                "general_public_functional": 65,
                "basic_economic": 63,
                "three_public": 3,
            },
        ),
        (
            PUTUO_2022,
            {
                "financial_summary": 16,
                "revenue": 30,
                "expenditure": 45,
                "general_public_functional": 34,
                "basic_economic": 69,
                "three_public": 6,
            },
        ),
    ],
)
def test_cells_per_table(items_of, document, counts):
    """Every printed number of each table (zeros included); the empty 政府性基金 / 国有资本经营 tables give none."""
    items = items_of(document)
    assert Counter(i.table_kind for i in items) == counts
    assert len({i.line_item_id for i in items}) == len(items)


@pytest.mark.parametrize("document", [WANLI, QUFUBAN, SHANGWU, PUTUO_2022])
def test_each_cell_is_the_number_printed_at_its_position(items_of, text_rows, project_root, document):
    path = project_root / document
    rows = text_rows(path.read_text(encoding="utf-8"), pdf=document.startswith("seeds/converted"))
    for item in items_of(document):
        row = rows[item.source_line - 1]
        assert row.cells[item.cell_index - 1] == item.amount_raw
        assert item.line_item_id == f"doc_test:L{item.source_line}:C{item.cell_index}"
        assert item.source_page == row.page


@pytest.mark.parametrize("document", [WANLI, QUFUBAN, SHANGWU, PUTUO_2022])
def test_parents_are_the_sum_of_their_children(items_of, document):
    """Yuan tables add exactly: 合计 = Σ 类, 类 = Σ 款, 款 = Σ 项, in every column of the functional tables."""
    sums: dict[tuple, Decimal] = defaultdict(Decimal)
    printed: dict[tuple, Decimal] = {}
    for i in items_of(document):
        if i.table_kind not in ("revenue", "expenditure", "general_public_functional"):
            continue
        column = (i.table_kind, i.column_path_raw)
        own = {"total": (), "class": (i.class_code,), "kind": (i.class_code, i.kind_code)}.get(i.row_level)
        if own is not None:
            printed[(column, own)] = i.amount_yuan
        parent = {"class": (), "kind": (i.class_code,), "item": (i.class_code, i.kind_code)}.get(i.row_level)
        if parent is not None:
            sums[(column, parent)] += i.amount_yuan
    assert len(sums) > 20
    assert {key: printed[key] for key in sums} == dict(sums)


def test_wanli_cells(items_of):
    items = items_of(WANLI)
    # the 收入预算总表's 合计 row, printed alone at the top of its last page
    total = [
        (i.source_page, i.cell_index, i.column_path_raw, i.measure, i.amount_raw, i.amount_yuan)
        for i in items
        if i.table_kind == "revenue" and i.row_level == "total"
    ]
    assert total == [
        (15, 5, "收入预算/合计", "total", "156,211,123", Decimal("156211123.00")),
        (15, 6, "收入预算/财政拨款收入", "fiscal_appropriation", "156,211,123", Decimal("156211123.00")),
        (15, 7, "收入预算/事业收入", "business_income", "0", Decimal("0.00")),
        (15, 8, "收入预算/事业单位经营收入", "operating_income", "0", Decimal("0.00")),
        (15, 9, "收入预算/其他收入", "other_income", "0", Decimal("0.00")),
    ]
    # 经济分类 printed `301 | 2`: 3+2, the 款 with its leading zero
    allowance = [
        (i.class_code, i.kind_code, i.item_code, i.measure, i.amount_yuan)
        for i in items
        if i.table_kind == "basic_economic" and i.row_label_raw == "津贴补贴"
    ]
    assert allowance == [
        ("301", "02", None, "total", Decimal("16623810.00")),
        ("301", "02", None, "personnel", Decimal("16623810.00")),
        ("301", "02", None, "public", Decimal("0.00")),
    ]
    # the 三公 table prints figures above a note calling it empty: the figures are facts
    three_public = [
        (i.item_name_raw, i.amount_raw, i.amount_yuan, i.source_unit, i.source_page)
        for i in items
        if i.table_kind == "three_public"
    ]
    assert three_public[0] == ("合计", "47.91", Decimal("479100.00"), "万元", 31)
    assert three_public[-1] == ("2024年机关运行经费预算数", "443.18", Decimal("4431800.00"), "万元", 31)
    assert {i.row_label_raw for i in items if i.table_kind == "three_public"} == {""}
    # the functional table runs over five pages; its rows keep their own page
    functional = [i for i in items if i.table_kind == "general_public_functional" and i.measure == "total"]
    assert Counter(i.source_page for i in functional) == {22: 13, 23: 16, 24: 16, 25: 16, 26: 6}


def test_shangwu_financial_summary_halves(items_of):
    items = items_of(SHANGWU)
    assert [
        (i.row_label_raw, i.column_path_raw, i.measure, i.amount_yuan)
        for i in items
        if i.table_kind == "financial_summary" and i.row_label_raw in ("一、财政拨款收入", "一、一般公共服务支出")
    ] == [
        ("一、财政拨款收入", "本年收入/预算数", "total", Decimal("371514655.00")),
        ("一、一般公共服务支出", "本年支出/预算数/合计", "total", Decimal("21601733.00")),
        ("一、一般公共服务支出", "本年支出/预算数/基本支出/人员经费", "personnel", Decimal("10823891.00")),
        ("一、一般公共服务支出", "本年支出/预算数/基本支出/公用经费", "public", Decimal("1467842.00")),
        ("一、一般公共服务支出", "本年支出/预算数/项目支出", "project", Decimal("9310000.00")),
    ]
    assert {i.table_name for i in items if i.table_kind == "financial_summary"} == {"2025年预算单位财务收支预算总表"}
    assert {i.phase for i in items} == {"budget"}


def test_functional_total_equals_the_appropriation_total(items_of):
    """The 财政拨款 total is the same in the 收支总表 and the functional table (one figure read from two tables)."""
    for document in (WANLI, QUFUBAN, SHANGWU):
        items = items_of(document)
        functional = {
            i.amount_yuan
            for i in items
            if i.table_kind == "general_public_functional" and i.row_level == "total" and i.measure == "total"
        }
        appropriation = {
            i.amount_yuan
            for i in items
            if i.table_kind == "appropriation_summary"
            and i.row_level == "total"
            and i.column_path_raw.endswith("/合计")
        }
        assert len(functional) == 1
        assert functional == appropriation
