"""Template variations real publishers print that the five source documents do not show: the national
template's table names (部门收支总表 …) with a form number in brackets, one code column, a 上年结转 column,
项目支出 before 基本支出, the 合计 row at the top, a 基本支出表 in 人员经费 / 公用经费 halves, contents and a
名词解释 that are no tables, a 单位预算 whose cover names its 预算主管部门 above its 预算单位, and prose worded
同比 … （增长 …%）. Each document is read with no registry row, as one nobody has seen (template_docs.py writes
them)."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest
import template_docs
from template_docs import line_of, parse

from budgetwh.ingest.layouts.budget.tables import classify as budget_kind
from budgetwh.ingest.layouts.budget.tables import parse_budget_tables
from budgetwh.ingest.layouts.final_accounts.tables import classify as final_kind
from budgetwh.ingest.layouts.final_accounts.tables import parse_final_accounts_tables
from budgetwh.ingest.reference import load_reference

ROOT = Path(__file__).resolve().parents[2]
T = "\t"
TABLE_CELLS = {
    "financial_summary": 6,
    "revenue": 20,
    "expenditure": 20,
    "appropriation_summary": 8,
    "general_public_functional": 20,
    "basic_economic": 10,
    "three_public": 6,
}


@pytest.fixture(scope="module")
def unregistered():
    return replace(load_reference(ROOT / "seeds" / "reference"), registry={})


def cells(items, line: int) -> list[tuple]:
    return [
        (i.cell_index, i.table_kind, i.row_label_raw, i.class_code, i.kind_code, i.item_code, i.column_path_raw,
         i.measure, i.amount_yuan)
        for i in items
        if i.source_line == line
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("title", "kind"),
    [
        ("部门收支总表", "financial_summary"),
        ("2025年部门收入总表", "revenue"),
        ("表3 部门支出总表", "expenditure"),
        ("财政拨款收支总表", "appropriation_summary"),
        ("2025年部门收支预算总表", "financial_summary"),
        ("一般公共预算支出表", "general_public_functional"),
        ("一般公共预算基本支出表", "basic_economic"),
        ("政府性基金预算支出表", "gov_fund_functional"),
        ("国有资本经营预算支出表", "state_capital_functional"),
        ("一般公共预算“三公”经费支出表", "three_public"),
        # a part of the spending or of the income stays another table
        ("项目支出总表", "other"),
        ("部门财政拨款收入总表", "other"),
    ],
)
def test_national_template_budget_titles(title, kind):
    assert budget_kind(title) == kind


def test_a_final_account_table_named_without_its_appropriation():
    assert final_kind("一般公共预算支出决算表") == "general_public_functional"
    assert final_kind("一般公共预算项目支出决算表") == "other"


def test_a_title_followed_by_its_form_number_in_brackets_is_its_table(text_rows):
    text = "\n".join(
        ["2025年部门收支总表（公开01表）", "单位：元", T.join(["项目", "预算数"]), T.join(["收入总计", "100"]), ""]
    )
    items = parse_budget_tables(text_rows(text, pdf=False), document_id="d", fiscal_year=2025, file_name="t.txt")
    assert [(i.table_name, i.table_kind, i.row_label_raw, i.amount_yuan) for i in items] == [
        ("2025年部门收支总表（公开01表）", "financial_summary", "收入总计", Decimal("100.00"))
    ]


LONG_TITLE = (
    "上海市某某区人民政府某某街道办事处（上海市某某区某某街道社区党群服务中心）"
    "2025年部门一般公共预算基本支出部门预算经济分类预算表"
)


@pytest.mark.parametrize(
    ("title_line", "title", "kind", "unit"),
    [
        # an agency's long name before the table's own name
        (LONG_TITLE, LONG_TITLE, "basic_economic", "元"),
        # the title in its grid's first row, with the form's number and the unit in cells of their own
        (T.join(["2025年部门收入预算总表", "", "公开02表", "单位：万元"]), "2025年部门收入预算总表", "revenue", "万元"),
        # the agency label and the unit on the title's line
        ("2025年部门收入预算总表    编制部门：某某局    单位：万元", "2025年部门收入预算总表", "revenue", "万元"),
    ],
    ids=["long agency", "grid row", "agency on the line"],
)
def test_a_title_sharing_its_line_or_long(text_rows, title_line, title, kind, unit):
    assert len(LONG_TITLE) > 60
    text = "\n".join([title_line, T.join(["项目", "预算数"]), T.join(["收入总计", "1.50"]), ""])
    items = parse_budget_tables(text_rows(text, pdf=False), document_id="d", fiscal_year=2025, file_name="t.txt")
    assert [(i.table_name, i.table_kind, i.source_unit, i.amount_raw) for i in items] == [(title, kind, unit, "1.50")]


def test_code_columns_headed_only_科目代码_and_科目(text_rows):
    text = "\n".join(
        [
            "2025年部门支出总表",
            "单位：元",
            T.join(["科目代码", "科目", "合计", "基本支出", "项目支出"]),
            T.join(["201", "一般公共服务支出", "300", "200", "100"]),
            T.join(["合计", "", "300", "200", "100"]),
            "",
        ]
    )
    items = parse_budget_tables(text_rows(text, pdf=False), document_id="d", fiscal_year=2025, file_name="t.txt")
    assert [(i.row_label_raw, i.class_code, i.measure, i.amount_raw) for i in items] == [
        ("一般公共服务支出", "201", "total", "300"),
        ("一般公共服务支出", "201", "basic", "200"),
        ("一般公共服务支出", "201", "project", "100"),
        ("合计", None, "total", "300"),
        ("合计", None, "basic", "200"),
        ("合计", None, "project", "100"),
    ]


def test_a_national_template_department_budget_gives_every_printed_cell(unregistered):
    text = template_docs.department_budget()
    extract = parse(text, unregistered)
    document = extract.document
    assert (document.doc_type, document.fiscal_year, document.agency_name, document.district_id) == (
        "department_budget",
        2025,
        template_docs.AGENCY,
        "jiading",
    )
    items = extract.line_items
    tables = [i for i in items if i.table_kind != "narrative"]
    assert Counter(i.table_kind for i in tables) == TABLE_CELLS
    # every figure the tables print (all with two decimals, codes with none), once (the two empty tables print
    # none); none from the contents or 名词解释
    printed = sum(1 for line in text.split("\n") if "\t" in line for c in line.split("\t") if "." in c)
    assert len(tables) == printed == sum(TABLE_CELLS.values())
    prose_start = line_of(text, "## 2025年部门预算编制说明")
    assert all(i.source_line > prose_start for i in items)
    assert {i.source_unit for i in items} == {"万元"}

    # 部门收入总表: the 合计 row at the top, one code column, a 上年结转 column
    assert cells(items, line_of(text, "\t合计\t1,200.00\t200.00")) == [
        (3, "revenue", "合计", None, None, None, "合计", "total", Decimal("12000000.00")),
        (4, "revenue", "合计", None, None, None, "上年结转", "opening_balance", Decimal("2000000.00")),
        (5, "revenue", "合计", None, None, None, "一般公共预算拨款收入", "general_public", Decimal("10000000.00")),
    ]
    assert cells(items, line_of(text, "2010102\t一般行政管理事务\t300.00\t200.00"))[1] == (
        4, "revenue", "一般行政管理事务", "201", "01", "02", "上年结转", "opening_balance", Decimal("2000000.00"),
    )  # fmt: skip
    # 部门支出总表: 项目支出 printed before 基本支出
    assert cells(items, line_of(text, "2010101\t行政运行\t600.00\t100.00")) == [
        (3, "expenditure", "行政运行", "201", "01", "01", "合计", "total", Decimal("6000000.00")),
        (4, "expenditure", "行政运行", "201", "01", "01", "项目支出", "project", Decimal("1000000.00")),
        (5, "expenditure", "行政运行", "201", "01", "01", "基本支出", "basic", Decimal("5000000.00")),
    ]
    # 一般公共预算支出表: codes printed with spaces in one column
    assert cells(items, line_of(text, "201 01 02\t")) == [
        (3, "general_public_functional", "一般行政管理事务", "201", "01", "02", "合计", "total", Decimal("1000000.00")),
        (5, "general_public_functional", "一般行政管理事务", "201", "01", "02", "项目支出", "project",
         Decimal("1000000.00")),
    ]  # fmt: skip
    # 一般公共预算基本支出表 in two halves: each amount takes the codes and the measure of its own half
    assert cells(items, line_of(text, "30101\t")) == [
        (3, "basic_economic", "基本工资", "301", "01", None, "人员经费/金额", "personnel", Decimal("4000000.00")),
        (6, "basic_economic", "办公费", "302", "01", None, "公用经费/金额", "public", Decimal("600000.00")),
    ]
    assert cells(items, line_of(text, "人员经费合计")) == [
        (3, "basic_economic", "人员经费合计", None, None, None, "人员经费/金额", "personnel", Decimal("7000000.00")),
        (6, "basic_economic", "公用经费合计", None, None, None, "公用经费/金额", "public", Decimal("1000000.00")),
    ]
    # the 三公 table: one row without label, its items are its columns
    assert [(i.column_path_raw, i.measure, i.amount_yuan) for i in tables if i.table_kind == "three_public"] == [
        ("合计", "total", Decimal("120000.00")),
        ("因公出国（境）费", "outbound_travel", Decimal("20000.00")),
        ("公务用车购置及运行费/小计", "official_vehicles", Decimal("60000.00")),
        ("公务用车购置及运行费/公务用车购置费", "vehicle_purchase", Decimal("0.00")),
        ("公务用车购置及运行费/公务用车运行费", "vehicle_operation", Decimal("60000.00")),
        ("公务接待费", "official_reception", Decimal("40000.00")),
    ]
    # the inconsistency it prints is kept as printed (a 合计 of 400.10 over rows adding to 400.00)
    assert cells(items, line_of(text, "\t合计\t1,200.00\t400.10"))[1][-1] == Decimal("4001000.00")


def test_narrative_worded_同比_with_the_percentage_in_brackets(unregistered):
    text = template_docs.department_budget()
    items = [i for i in parse(text, unregistered).line_items if i.table_kind == "narrative"]
    stated = [
        (i.row_label_raw, i.amount_yuan, i.stated_change_yuan, i.stated_change_pct, i.stated_direction,
         i.compare_basis, i.compare_fiscal_year, i.stated_share_pct, i.stated_reason_raw)
        for i in items
    ]  # fmt: skip
    assert stated == [
        ("收入预算", Decimal("12000000.00"), None, None, None, None, None, None, None),
        ("一般公共预算拨款收入", Decimal("10000000.00"), Decimal("1000000.00"), Decimal("11.11"), "increase",
         "prior_budget", 2024, None, None),
        ("上年结转", Decimal("2000000.00"), None, None, None, None, None, None, None),
        ("支出预算", Decimal("12000000.00"), None, None, None, None, None, None, None),
        ("基本支出", Decimal("8000000.00"), None, None, None, None, None, Decimal("66.67"), None),
        ("项目支出", Decimal("4000000.00"), Decimal("-500000.00"), Decimal("-11.11"), "decrease", "prior_budget",
         2024, None, "项目调整"),
        ("2025年“三公”经费预算数为", Decimal("125000.00"), None, None, "flat", "prior_budget", 2024, None, None),
    ]  # fmt: skip


def test_a_unit_budget_whose_cover_names_its_department_above_it(unregistered):
    """预算主管部门 names the unit's parent, not a second agency: the document is the 预算单位's."""
    text = template_docs.unit_budget()
    extract = parse(text, unregistered)
    document = extract.document
    assert (document.doc_type, document.fiscal_year, document.agency_name, document.district_id) == (
        "unit_budget",
        2025,
        template_docs.UNIT,
        "jiading",
    )
    assert Counter(i.table_kind for i in extract.line_items if i.table_kind != "narrative") == TABLE_CELLS


@pytest.mark.parametrize(
    "cover", ["# 上海市嘉定区示例局二〇二五年部门预算", "# 上海市嘉定区示例局\n\n## 二○二五年度部门预算"]
)
def test_a_cover_printing_its_year_in_chinese_numerals(unregistered, cover):
    text = template_docs.department_budget().replace(f"# {template_docs.AGENCY}2025年部门预算", cover, 1)
    assert cover in text
    document = parse(text, unregistered).document
    assert (document.doc_type, document.fiscal_year, document.agency_name, document.title_line) == (
        "department_budget",
        2025,
        template_docs.AGENCY,
        cover.count("\n") + 1,
    )


def test_a_final_account_whose_total_column_is_小计_under_本年支出(text_rows):
    """The national 决算 template heads the total column 本年支出/小计: the table's total (the column the budget
    line is read from), not a part of the spending."""
    text = "\n".join(
        [
            "一般公共预算财政拨款支出决算表（公开05表）",
            "单位：万元",
            T.join(["科目编码", "科目名称", "本年支出", "", ""]),
            T.join(["", "", "小计", "基本支出", "项目支出"]),
            T.join(["2010101", "行政运行", "1,511.89", "1,503.52", "8.37"]),
            T.join(["", "合计", "1,511.89", "1,503.52", "8.37"]),
            "",
        ]
    )
    rows = text_rows(text, pdf=False)
    items = parse_final_accounts_tables(rows, document_id="d", fiscal_year=2024, file_name="t.txt")
    assert [(i.table_kind, i.item_code, i.column_path_raw, i.measure, i.phase, i.amount_yuan) for i in items[:3]] == [
        ("general_public_functional", "01", "本年支出/小计", "total", "final_account", Decimal("15118900.00")),
        ("general_public_functional", "01", "本年支出/基本支出", "basic", "final_account", Decimal("15035200.00")),
        ("general_public_functional", "01", "本年支出/项目支出", "project", "final_account", Decimal("83700.00")),
    ]
    assert [i.measure for i in items[3:]] == ["total", "basic", "project"]


def test_figures_of_another_year_take_that_year(text_rows):
    """A 三公 table printing a row per year, a table printing last year's column beside this year's: each figure is
    of the year its row or column names (上年结转 is this year's money carried over, not last year's figure)."""
    by_row = "\n".join(
        [
            "一般公共预算“三公”经费支出表",
            "单位：万元",
            T.join(["项目", "合计", "因公出国（境）费", "公务接待费"]),
            T.join(["2024年预算数", "5.00", "2.00", "3.00"]),
            T.join(["2025年预算数", "4.00", "1.00", "3.00"]),
            "",
        ]
    )
    items = parse_budget_tables(text_rows(by_row, pdf=False), document_id="d", fiscal_year=2025, file_name="t.txt")
    assert [(i.fiscal_year, i.row_label_raw, i.measure, i.amount_raw) for i in items] == [
        (2024, "", "total", "5.00"),
        (2024, "", "outbound_travel", "2.00"),
        (2024, "", "official_reception", "3.00"),
        (2025, "", "total", "4.00"),
        (2025, "", "outbound_travel", "1.00"),
        (2025, "", "official_reception", "3.00"),
    ]
    by_column = "\n".join(
        [
            "2025年部门收入预算总表",
            "单位：元",
            T.join(["项目", "上年结转", "上年预算数", "本年预算数"]),
            T.join(["合计", "1", "2", "3"]),
            "",
        ]
    )
    items = parse_budget_tables(text_rows(by_column, pdf=False), document_id="d", fiscal_year=2025, file_name="t.txt")
    assert [(i.fiscal_year, i.column_path_raw, i.measure, i.amount_raw) for i in items] == [
        (2025, "上年结转", "opening_balance", "1"),
        (2024, "上年预算数", "total", "2"),
        (2025, "本年预算数", "total", "3"),
    ]


def test_a_national_template_final_account(unregistered):
    """A 部门决算 whose cover names the agency before the year and whose tables carry their form numbers: 收入支出决算表
    with 行次 and 栏次 (no figure from either), the total column 本年支出/小计, a 三公 table of 预算数 beside 决算数."""
    text = template_docs.final_accounts()
    extract = parse(text, unregistered)
    document = extract.document
    assert (document.doc_type, document.fiscal_year, document.agency_name) == (
        "department_final_accounts",
        2024,
        template_docs.AGENCY,
    )
    tables = [i for i in extract.line_items if i.table_kind != "narrative"]
    assert Counter(i.table_kind for i in tables) == {
        "income_expenditure_summary": 10,
        "revenue": 18,
        "general_public_functional": 18,
        "three_public": 6,
    }
    printed = sum(1 for line in text.split("\n") if "\t" in line for c in line.split("\t") if "." in c)
    assert len(tables) == printed
    assert cells(tables, line_of(text, "本年收入合计\t10")) == [
        (
            3,
            "income_expenditure_summary",
            "本年收入合计",
            None,
            None,
            None,
            "收入/金额",
            "total",
            Decimal("10500000.00"),
        ),
        (
            6,
            "income_expenditure_summary",
            "本年支出合计",
            None,
            None,
            None,
            "支出/金额",
            "total",
            Decimal("10500000.00"),
        ),
    ]
    assert cells(tables, line_of(text, "2080505\t机关事业单位基本养老保险缴费支出\t350.00")) == [
        (3, "revenue", "机关事业单位基本养老保险缴费支出", "208", "05", "05", "本年收入合计", "total",
         Decimal("3500000.00")),
        (4, "revenue", "机关事业单位基本养老保险缴费支出", "208", "05", "05", "财政拨款收入", "fiscal_appropriation",
         Decimal("3000000.00")),
        (5, "revenue", "机关事业单位基本养老保险缴费支出", "208", "05", "05", "事业收入", "business_income",
         Decimal("500000.00")),
    ]  # fmt: skip
    functional = [i for i in tables if i.table_kind == "general_public_functional" and i.measure == "total"]
    assert [(i.class_code, i.kind_code, i.item_code, i.amount_yuan) for i in functional] == [
        ("201", None, None, Decimal("7000000.00")),
        ("201", "01", None, Decimal("7000000.00")),
        ("201", "01", "01", Decimal("7000000.00")),
        ("208", None, None, Decimal("3000000.00")),
        ("208", "05", None, Decimal("3000000.00")),
        ("208", "05", "05", Decimal("3000000.00")),
        (None, None, None, Decimal("10000000.00")),
    ]
    assert [(i.measure, i.phase, i.amount_yuan) for i in tables if i.table_kind == "three_public"][:2] == [
        ("total", "budget", Decimal("50000.00")),
        ("total", "final_account", Decimal("40000.00")),
    ]
    rated = [i for i in extract.line_items if i.stated_rate_pct is not None]
    assert [(i.source_line, i.amount_yuan, i.phase, i.stated_rate_pct, i.stated_reason_raw) for i in rated] == [
        (line_of(text, "“一般公共服务支出（类）"), Decimal("7000000.00"), "final_account", Decimal("97.22"), "厉行节约")
    ]


def test_a_department_budget_whose_cover_names_one_of_its_units(unregistered):
    """A 部门预算 printing a 预算单位 under its 预算主管部门 is the department's: the unit is no second agency."""
    agency, unit = template_docs.AGENCY, template_docs.UNIT
    cover = f"# 上海市嘉定区2025年区级部门预算\n\n## 预算主管部门：{agency}\n\n## 预算单位：{unit}"
    text = template_docs.department_budget().replace(f"# {template_docs.AGENCY}2025年部门预算", cover, 1)
    document = parse(text, unregistered).document
    assert (document.doc_type, document.agency_name, document.title_line) == (
        "department_budget",
        template_docs.AGENCY,
        1,
    )


NATIONAL_NAMES = {
    "财务收支预算总表": "部门收支总表",
    "收入预算总表": "部门收入总表",
    "支出预算总表": "部门支出总表",
    "财政拨款收支预算总表": "财政拨款收支总表",
    "一般公共预算支出功能分类预算表": "一般公共预算支出表",
    "政府性基金预算支出功能分类预算表": "政府性基金预算支出表",
    "国有资本经营预算支出功能分类预算表": "国有资本经营预算支出表",
    "一般公共预算基本支出部门预算经济分类预算表": "一般公共预算基本支出表",
    "“三公”经费和机关运行经费预算表": "一般公共预算“三公”经费支出表",
}


@pytest.mark.parametrize("name", ["putuo_wanli_2024_dept_budget.pdf.txt", "putuo_shangwu_2025_unit_budget.pdf.txt"])
def test_a_real_budget_with_its_tables_named_as_the_national_template(text_rows, name):
    """Each table title of a real 部门/单位预算 renamed as the national template names it, after the agency and with a
    form number (上海市…2024年部门收支总表（公开01表）): every cell comes out as before, of the same kind."""
    text = (ROOT / "seeds" / "converted" / name).read_text(encoding="utf-8")
    titles = re.compile(r"^## (?:\d{4}年)?(?:部门|预算单位|单位)?(" + "|".join(NATIONAL_NAMES) + r")$", re.MULTILINE)
    numbers = iter(range(1, 10))
    renamed = titles.sub(lambda m: f"## 上海市某某区某某局{NATIONAL_NAMES[m[1]]}（公开{next(numbers):02d}表）", text)
    assert next(numbers, None) is None  # all nine titles renamed

    def read(document: str) -> list[tuple]:
        rows = text_rows(document, pdf=True)
        items = parse_budget_tables(rows, document_id="d", fiscal_year=2025, file_name=name)
        return [(i.table_kind, i.source_line, i.cell_index, i.class_code, i.measure, i.amount_yuan) for i in items]

    before = read(text)
    assert len(before) > 200
    assert read(renamed) == before


@pytest.mark.parametrize(
    "between", ["## 公开03表", "公开03表", "## 编制部门：上海市某某区某某局", "## （按支出功能分类科目）"]
)
def test_a_line_between_the_title_and_its_table_that_belongs_to_it(text_rows, between):
    """The form number on a line of its own, or the agency or a subtitle centred (a heading to the converter): the
    table's preamble, neither a table of its own nor the end of this one."""
    text = "\n".join(
        ["## 2025年部门支出总表", between, "单位：元", T.join(["项目", "预算数"]), T.join(["支出总计", "100"]), ""]
    )
    items = parse_budget_tables(text_rows(text, pdf=False), document_id="d", fiscal_year=2025, file_name="t.txt")
    assert [(i.table_name, i.table_kind, i.row_label_raw, i.amount_raw) for i in items] == [
        ("2025年部门支出总表", "expenditure", "支出总计", "100")
    ]
    # a heading of the next part still ends the title's passage: no table follows it
    assert parse_budget_tables(
        text_rows(text.replace(between, "## 其他相关情况说明"), pdf=False), document_id="d", fiscal_year=2025,
        file_name="t.txt",
    ) == []  # fmt: skip


@pytest.mark.parametrize("label", ["部门名称", "单位名称", "填报单位"])
def test_a_cover_naming_its_agency_under_a_label_of_its_own(unregistered, label):
    """A 决算 whose cover prints the agency as 部门名称：… (its tables print no 编制部门 line) names its agency."""
    text = template_docs.final_accounts()
    assert "编制部门" in text
    text = text.replace(f"编制部门：{template_docs.AGENCY}", "").replace(
        f"# {template_docs.AGENCY}2024年度部门决算",
        f"# 上海市嘉定区2024年度部门决算\n\n## {label}：{template_docs.AGENCY}",
        1,
    )
    document = parse(text, unregistered).document
    assert (document.doc_type, document.fiscal_year, document.agency_name, document.agency_source) == (
        "department_final_accounts",
        2024,
        template_docs.AGENCY,
        "document",
    )


@pytest.mark.parametrize(
    ("title", "header"),
    [
        ("## 2025年部门支出总表", ["项目", "合计（万元）"]),
        ("## 2025年部门支出总表（万元）", ["项目", "合计"]),
        ("## 2025年部门支出总表\n单位：人民币万元", ["项目", "合计"]),
    ],
    ids=["header cell", "title in brackets", "人民币万元"],
)
def test_a_unit_printed_in_a_header_cell_or_in_brackets(text_rows, title, header):
    text = "\n".join([title, T.join(header), T.join(["支出总计", "1.5"]), ""])
    items = parse_budget_tables(text_rows(text, pdf=False), document_id="d", fiscal_year=2025, file_name="t.txt")
    assert [(i.table_kind, i.source_unit, i.amount_raw, i.amount_yuan) for i in items] == [
        ("expenditure", "万元", "1.5", Decimal("15000.00"))
    ]


@pytest.mark.parametrize(
    ("cover", "agency"),
    [
        ("# 上海市嘉定区江桥镇人民政府2025年部门预算", "上海市嘉定区江桥镇人民政府"),
        (
            "# 上海市嘉定区2025年镇级部门预算\n\n## 预算主管部门：上海市嘉定区江桥镇人民政府",
            "上海市嘉定区江桥镇人民政府",
        ),
        (
            "# 上海市嘉定区2025年区级部门预算\n\n## 预算主管部门：上海市嘉定区人民政府新成路街道办事处",
            "上海市嘉定区人民政府新成路街道办事处",
        ),
    ],  # fmt: skip
    ids=["town in the title", "镇级", "street"],
)
def test_town_and_street_agencies(unregistered, cover, agency):
    text = template_docs.department_budget().replace(f"# {template_docs.AGENCY}2025年部门预算", cover, 1)
    text = text.replace(f"编制部门：{template_docs.AGENCY}", f"编制部门：{agency}")
    document = parse(text, unregistered).document
    assert (document.doc_type, document.fiscal_year, document.agency_name, document.district_id) == (
        "department_budget",
        2025,
        agency,
        "jiading",
    )


def test_amounts_in_wan_yuan_with_four_decimals(text_rows):
    """万元 printed to four decimals (to the yuan): exact yuan, the printed text kept."""
    text = "\n".join(
        [
            "一般公共预算支出表",
            "单位：万元",
            T.join(["科目编码", "科目名称", "合计", "基本支出", "项目支出"]),
            T.join(["2010101", "行政运行", "1,234.5678", "1,000.0001", "234.5677"]),
            T.join(["", "合计", "1,234.5678", "1,000.0001", "234.5677"]),
            "",
        ]
    )
    items = parse_budget_tables(text_rows(text, pdf=False), document_id="d", fiscal_year=2025, file_name="t.txt")
    assert [(i.row_level, i.measure, i.amount_raw, i.amount_yuan) for i in items] == [
        ("item", "total", "1,234.5678", Decimal("12345678.00")),
        ("item", "basic", "1,000.0001", Decimal("10000001.00")),
        ("item", "project", "234.5677", Decimal("2345677.00")),
        ("total", "total", "1,234.5678", Decimal("12345678.00")),
        ("total", "basic", "1,000.0001", Decimal("10000001.00")),
        ("total", "project", "234.5677", Decimal("2345677.00")),
    ]


def test_a_title_wrapped_over_two_lines(text_rows):
    """A long title the PDF wraps (two centred lines, two headings to the converter): named by both lines."""
    text = "\n".join(
        [
            "## 上海市某某区人民政府某某街道办事处2025年部门一般公共预算基本支出",
            "## 部门预算经济分类预算表",
            "单位：元",
            T.join(["经济分类科目编码", "经济分类科目名称", "合计", "人员经费", "公用经费"]),
            T.join(["30101", "基本工资", "10", "10", ""]),
            T.join(["合计", "", "10", "10", ""]),
            "",
        ]
    )
    items = parse_budget_tables(text_rows(text, pdf=False), document_id="d", fiscal_year=2025, file_name="t.txt")
    assert {(i.table_name, i.table_kind) for i in items} == {
        ("上海市某某区人民政府某某街道办事处2025年部门一般公共预算基本支出部门预算经济分类预算表", "basic_economic")
    }
    assert [(i.class_code, i.kind_code, i.measure, i.amount_raw) for i in items] == [
        ("301", "01", "total", "10"),
        ("301", "01", "personnel", "10"),
        (None, None, "total", "10"),
        (None, None, "personnel", "10"),
    ]


CONVERTED = ROOT / "seeds" / "converted"


@pytest.mark.parametrize(
    ("name", "cover", "expected"),
    [
        (
            "putuo_qufuban_2025_dept_budget.pdf.txt",
            "# 上海市普陀区2025年区级部门预算\n\n## 预算主管部门：上海市普陀区人民政府办公室",
            ("department_budget", 2025, "上海市普陀区人民政府办公室"),
        ),
        (
            "putuo_czj_2024_final_accounts.pdf.txt",
            "# 上海市普陀区财政局2024年度部门决算",
            ("department_final_accounts", 2024, "上海市普陀区财政局"),
        ),
    ],
    ids=["budget", "final accounts"],
)
def test_a_document_whose_cover_prints_no_text(unregistered, name, cover, expected):
    """A cover printed as an image gives no title line: the document is known by the heading of a part that states
    its kind and year (2025年部门预算编制说明, 第二部分…2024年度部门决算表), its agency by that heading or its
    tables, and every cell is read as with the cover (the contents' 8．2025年部门…预算表 names a table, not the
    document)."""
    text = (CONVERTED / name).read_text(encoding="utf-8")
    assert cover in text
    with_cover = parse(text, unregistered)
    without = parse(text.replace(cover, "", 1), unregistered)
    document = without.document
    assert (document.doc_type, document.fiscal_year, document.agency_name, document.district_id) == (
        *expected,
        "putuo",
    )
    assert len(without.line_items) == len(with_cover.line_items) > 200
