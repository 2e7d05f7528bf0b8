"""The tables of the real 部门决算 (converted PDFs): every printed number a line item in yuan (the tables print 万元),
at its page, with its codes, column path and phase."""

from __future__ import annotations

from collections import Counter, defaultdict
from decimal import Decimal

import pytest

CZJ = "seeds/converted/putuo_czj_2024_final_accounts.pdf.txt"
SHGZB = "seeds/converted/putuo_shgzb_2024_final_accounts.pdf.txt"


@pytest.mark.parametrize(
    ("document", "counts"),
    [
        (
            CZJ,
            {
                "income_expenditure_summary": 12,
                "revenue": 45,
                "expenditure": 44,
                "appropriation_summary": 19,
                "general_public_functional": 44,
                "basic_economic": 29,
                "three_public": 2,
            },
        ),
        (
            # 三公, 政府性基金 and 国有资本经营 print no figure (故本表无数据): no rows, no error
            SHGZB,
            {
                "income_expenditure_summary": 9,
                "revenue": 36,
                "expenditure": 39,
                "appropriation_summary": 15,
                "general_public_functional": 39,
                "basic_economic": 67,
            },
        ),
    ],
)
def test_cells_per_table(items_of, document, counts):
    items = items_of(document)
    assert Counter(i.table_kind for i in items) == counts
    assert {i.source_unit for i in items} == {"万元"}


@pytest.mark.parametrize("document", [CZJ, SHGZB])
def test_each_cell_is_the_number_printed_at_its_position(items_of, text_rows, project_root, document):
    rows = text_rows((project_root / document).read_text(encoding="utf-8"), pdf=True)
    for item in items_of(document):
        row = rows[item.source_line - 1]
        assert row.cells[item.cell_index - 1] == item.amount_raw
        assert item.source_page == row.page
        assert item.amount_yuan == (Decimal(item.amount_raw.replace(",", "")) * 10000).quantize(Decimal("0.01"))


def test_czj_revenue_total_printed_beside_the_code_header(items_of):
    """The 收入决算表 prints its 合计 on the line of 类 | 款 | 项: a total row, not a header."""
    total = [
        (i.cell_index, i.source_page, i.row_label_raw, i.column_path_raw, i.measure, i.phase, i.amount_yuan)
        for i in items_of(CZJ)
        if i.table_kind == "revenue" and i.row_level == "total"
    ]
    assert total == [
        (5, 8, "合计", "本年收入合计", "total", "final_account", Decimal("29462500.00")),
        (
            6,
            8,
            "合计",
            "财政拨款收入",
            "fiscal_appropriation",
            "final_account",
            Decimal("29400500.00"),
        ),
        (11, 8, "合计", "其他收入", "other_income", "final_account", Decimal("62000.00")),
    ]


def test_basic_expenditure_halves_take_their_own_codes(items_of):
    czj = [
        (i.row_label_raw, i.class_code, i.kind_code, i.amount_yuan, i.row_level)
        for i in items_of(CZJ)
        if i.table_kind == "basic_economic" and (i.amount_raw in ("2,082.85", "171.07") or i.row_level == "total")
    ]
    assert czj == [
        ("工资福利支出", "301", None, Decimal("20828500.00"), "class"),
        ("商品和服务支出", "302", None, Decimal("1710700.00"), "class"),
        ("人员经费合计", None, None, Decimal("21522600.00"), "total"),
        ("公用经费合计", None, None, Decimal("1846500.00"), "total"),
    ]
    # codes printed in one cell (30101 → 301 / 01); a row printed in the right half only
    shgzb = [
        (i.cell_index, i.row_label_raw, i.class_code, i.kind_code, i.item_code, i.amount_raw)
        for i in items_of(SHGZB)
        if i.table_kind == "basic_economic" and i.row_label_raw in ("基本工资", "办公费", "其他商品和服务支出")
    ]
    assert shgzb == [
        (3, "基本工资", "301", "01", None, "14.12"),
        (6, "办公费", "302", "01", None, "3.78"),
        (6, "其他商品和服务支出", "302", "99", None, "0.20"),
    ]
    # the two halves add up to their own 合计 rows
    halves: dict[str, Decimal] = defaultdict(Decimal)
    for i in items_of(SHGZB):
        if i.table_kind == "basic_economic" and i.row_level == "class":
            halves["personnel" if i.class_code in ("301", "303") else "public"] += i.amount_yuan
    totals = {
        i.row_label_raw: i.amount_yuan
        for i in items_of(SHGZB)
        if i.table_kind == "basic_economic" and i.row_level == "total"
    }
    assert totals == {"人员经费合计": halves["personnel"], "公用经费合计": halves["public"]}


def test_three_public_budget_beside_final_account(items_of):
    items = [i for i in items_of(CZJ) if i.table_kind == "three_public"]
    assert [(i.cell_index, i.column_path_raw, i.item_name_raw, i.measure, i.phase, i.amount_yuan) for i in items] == [
        (1, "财政拨款“三公”经费/合计/预算数", "合计", "total", "budget", Decimal("9500.00")),
        (11, "财政拨款“三公”经费/公务接待费/预算数", "公务接待费", "official_reception", "budget", Decimal("9500.00")),
    ]
    assert {(i.row_label_raw, i.source_page) for i in items} == {("", 18)}


def test_functional_classes_against_the_printed_total(items_of):
    """Each class of the 一般公共预算财政拨款支出决算表 is the sum of its kinds; the 合计 the 财政局 prints is 0.01万
    below the sum of its classes (its rounding: a disagreement to report, not to smooth over)."""
    for document, gap in ((CZJ, Decimal("100.00")), (SHGZB, Decimal("0.00"))):
        items = [i for i in items_of(document) if i.table_kind == "general_public_functional" and i.measure == "total"]
        classes = sum(i.amount_yuan for i in items if i.row_level == "class")
        total = next(i.amount_yuan for i in items if i.row_level == "total")
        assert classes - total == gap
        for parent in (i for i in items if i.row_level == "class"):
            kinds = sum(i.amount_yuan for i in items if i.row_level == "kind" and i.class_code == parent.class_code)
            assert kinds == parent.amount_yuan
