"""The printed-cell coverage estimate (scripts/score_pdf_coverage.py): the amounts a viewer sees in a PDF's tables,
codes and column numbers left out, found again in line_items at (page, amount); on the five real PDFs every one is
in the committed seeds."""

from __future__ import annotations

import sys
from collections import Counter
from decimal import Decimal

import pytest
from pdf_support import REAL_PDFS, ROOT, real_pdf

from budgetwh.ingest.pdf.coverage import PrintedAmount, TableItem, coverage, printed_amounts, table_amounts
from budgetwh.synth.blocks import Column, Heading, Key, Table
from budgetwh.synth.pdf import render_pdf

sys.path.insert(0, str(ROOT / "scripts"))
import score_pdf_coverage  # noqa: E402

# amounts printed in the tables of each real PDF (counted by hand on the pages for the three-public table and
# the code columns, which the estimate must leave out)
PRINTED = {
    "putuo_czj_2024_final_accounts.pdf": 195,
    "putuo_qufuban_2025_dept_budget.pdf": 221,
    "putuo_shangwu_2025_unit_budget.pdf": 300,
    "putuo_shgzb_2024_final_accounts.pdf": 205,
    "putuo_wanli_2024_dept_budget.pdf": 875,
}


def test_codes_numbering_and_labels_are_no_amounts() -> None:
    rows = [
        ["功能分类科目编码", "", "", "科目名称", "合计", "基本支出"],
        ["类", "款", "项", "", "", ""],
        ["栏次", "", "", "", "1", "2"],
        ["201", "", "", "一般公共服务支出", "2,932,700", "0"],
        ["201", "05", "07", "专项普查活动", "257,700", "500"],
        ["合计", "", "", "", "3,190,400", "500"],
    ]
    assert table_amounts(rows) == [
        ("2,932,700", "201"),
        ("0", "201"),
        ("257,700", "2010507"),
        ("500", "2010507"),
        ("3,190,400", ""),
        ("500", ""),
    ]
    # a one-row table printing small whole amounts (三公 in 万元): each after an amount, none before words
    assert [a for a, _ in table_amounts([["47.91", "0", "1.35", "25", "21.56"]])] == [
        "47.91",
        "0",
        "1.35",
        "25",
        "21.56",
    ]
    # side-by-side halves of economic codes: a code before its name is no amount even right of an amount, and
    # each half's amounts take its own code; a numbered label (1、…) is no code; a 行次 is neither
    halves = [["301", "2", "津贴补贴", "12.50", "302", "商品和服务支出", "3.00"]]
    assert table_amounts(halves) == [("12.50", "30102"), ("3.00", "302")]
    numbered = [["项目", "行次", "金额", "项目", "金额"], ["1、一般公共预算资金", "3", "9.00", "30201 办公费", "4.00"]]
    assert table_amounts(numbered) == [("9.00", ""), ("4.00", "30201")]
    # a row printing only the 款 and 项 (its class on a row above): code unknown
    assert table_amounts([["", "05", "01", "行政单位离退休", "1.00"]]) == [("1.00", None)]


def _long_table() -> Table:
    """A 万元 table of coded rows long enough to run over two pages (its header repeated on the second)."""
    table = Table(
        "支出决算表",
        "expenditure",
        "万元",
        ["编制单位：某某单位", "单位：万元"],
        [["科目编码", "科目名称", "合计", "基本支出"], ["栏次", "", "1", "2"]],
        {2: Column("合计", "final_account"), 3: Column("基本支出", "final_account")},
    )
    for number in range(60):
        code = f"2{number:02d}0101"
        table.add([code, f"支出{number}", f"{number * 101:,}.25", "0" if number % 3 else "7"], Key(f"支出{number}"))
    table.add(["合计", "", "9,999.00", "140"], Key("合计", level="total"))
    return table


def test_every_table_amount_is_found_with_its_page_and_unit_and_a_miss_is_named() -> None:
    data, pages, places = render_pdf(
        [Heading("某某单位2024年度单位决算", title=True), _long_table()], title="t", fiscal_year=2024
    )
    assert pages == 2
    printed = printed_amounts(data, "t.pdf")
    # what the viewer shows is what the table holds, page by page: no code, no column number
    assert [(a.page, a.text) for a in printed] == [(page, row["amount_raw"]) for page, row in places]
    assert [a.code for a in printed[:4]] == ["2000101", "2000101", "2010101", "2010101"]
    assert {a.unit for a in printed} == {"万元"}  # the second page states none: the table's unit carries over
    items = [TableItem(a.page, a.value, "万元", a.code or "") for a in printed]
    dropped = items.pop(5)
    items[7] = TableItem(items[7].page, items[7].value, "元", items[7].codes)
    items[9] = TableItem(items[9].page, items[9].value, "万元", "2050102")  # read under the wrong codes
    result = coverage("t.pdf", printed, items)
    assert (result.printed, result.matched, result.extra) == (len(printed), len(printed) - 1, 0)
    assert [(a.page, a.value) for a in result.missing] == [(dropped.page, dropped.value)]
    assert [a.text for a in result.unit_disagreements] == [printed[8].text]
    assert (result.coded, result.code_matched) == (len(printed) - 1, len(printed) - 2)
    assert [(a.text, a.code) for a in result.code_disagreements] == [(printed[10].text, "2050101")]


@pytest.mark.parametrize("name", REAL_PDFS)
def test_every_amount_the_real_pdfs_print_is_a_line_item_at_its_page_and_codes(name: str, tmp_path) -> None:
    (tmp_path / name).write_bytes(real_pdf(name))
    (found,) = score_pdf_coverage.score(tmp_path, ROOT / "seeds" / "extracted")
    assert (found.printed, found.matched, found.missing, found.unit_disagreements) == (
        PRINTED[name],
        PRINTED[name],
        [],
        [],
    )
    assert found.code_matched == found.coded >= PRINTED[name] - 1 and found.code_disagreements == []


def test_a_project_form_s_funds_are_counted_apart_not_as_missing() -> None:
    printed = [
        PrintedAmount(3, "1,200.50", Decimal("1200.50"), "万元"),
        PrintedAmount(9, "5,077,345", Decimal("5077345"), "元"),
        PrintedAmount(9, "5,077,345", Decimal("5077345"), "元"),
        PrintedAmount(9, "12.00", Decimal("12.00"), "万元"),
    ]
    items = [TableItem(3, Decimal("1200.50"), "万元")]
    result = coverage("f.pdf", printed, items, Counter({Decimal("5077345"): 1, Decimal("120000"): 1}))
    assert [(a.page, a.text) for a in result.in_projects] == [(9, "5,077,345"), (9, "12.00")]
    assert [(a.page, a.text) for a in result.missing] == [(9, "5,077,345")]
    assert (result.printed, result.matched, round(result.percent, 2)) == (4, 1, 50.0)
