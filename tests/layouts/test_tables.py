"""The generic table reader on small tables written here: each test prints one shape the family prints (or a
converter may produce) and checks the cells that come out."""

from __future__ import annotations

from decimal import Decimal

import pytest

from budgetwh.ingest.errors import IngestError
from budgetwh.ingest.layouts.budget.tables import classify as budget_kind
from budgetwh.ingest.layouts.budget.tables import parse_budget_tables
from budgetwh.ingest.layouts.final_accounts.tables import classify as final_kind
from budgetwh.ingest.layouts.final_accounts.tables import parse_final_accounts_tables
from budgetwh.ingest.layouts.table_columns import column_paths, measure_of, phase_of

T = "\t"


def lines(*rows: str) -> str:
    return "\n".join(rows) + "\n"


def budget(text_rows, text: str, *, pdf: bool = False):
    return parse_budget_tables(text_rows(text, pdf=pdf), document_id="d", fiscal_year=2025, file_name="t.txt")


def final(text_rows, text: str, *, pdf: bool = False):
    return parse_final_accounts_tables(text_rows(text, pdf=pdf), document_id="d", fiscal_year=2024, file_name="t.txt")


FUNCTIONAL = lines(
    "## 2025年部门一般公共预算支出功能分类预算表",
    "编制部门：某部门",
    "单位：元",
    T.join(["项目", "", "", "", "一般公共预算支出", "", ""]),
    T.join(["功能分类科目编码", "", "", "功能分类科目名称", "合计", "基本支出", "项目支出"]),
    T.join(["类", "款", "项", "", "", "", ""]),
    T.join(["208", "", "", "社会保障和就业支出", "300", "200", "100"]),
    T.join(["208", "05", "", "行政事业单位养老支出", "300", "200", "100"]),
    T.join(["208", "05", "01", "行政单位离退休", "300", "200", "100"]),
    T.join(["合计", "", "", "", "300", "200", "100"]),
)


def test_coded_table_cells(text_rows):
    items = budget(text_rows, FUNCTIONAL)
    assert len(items) == 12
    item = next(i for i in items if i.source_line == 9 and i.cell_index == 6)
    assert (item.line_item_id, item.table_name, item.table_kind) == (
        "d:L9:C6",
        "2025年部门一般公共预算支出功能分类预算表",
        "general_public_functional",
    )
    assert (item.class_code, item.kind_code, item.item_code, item.row_label_raw, item.row_level) == (
        "208",
        "05",
        "01",
        "行政单位离退休",
        "item",
    )
    assert (item.column_path_raw, item.measure, item.phase, item.amount_yuan, item.source_unit) == (
        "一般公共预算支出/基本支出",
        "basic",
        "budget",
        Decimal("200.00"),
        "元",
    )
    assert [i.row_level for i in items if i.cell_index == 5] == ["class", "kind", "item", "total"]
    assert all(i.source_page is None for i in items)


@pytest.mark.parametrize(
    "codes",
    [
        ["2080501", "", ""],  # one cell, 3+2+2
        ["208 05 01", "", ""],  # one cell, split by spaces
        ["208", "5", "1"],  # a code printed without its leading zero
    ],
)
def test_codes_printed_in_one_cell_or_without_zeros(text_rows, codes):
    text = FUNCTIONAL.replace(T.join(["208", "05", "01", "行政单位离退休"]), T.join([*codes, "行政单位离退休"]))
    item = next(i for i in budget(text_rows, text) if i.source_line == 9)
    assert (item.class_code, item.kind_code, item.item_code, item.row_label_raw) == (
        "208",
        "05",
        "01",
        "行政单位离退休",
    )


def test_code_and_name_in_one_cell_and_a_table_without_header_rows(text_rows):
    text = lines(
        "## 2025年部门一般公共预算支出功能分类预算表",
        "单位：万元",
        T.join(["2080501 行政单位离退休", "3.5"]),
        T.join(["合计", "3.5"]),
    )
    items = budget(text_rows, text)
    assert [(i.class_code, i.kind_code, i.item_code, i.row_label_raw, i.amount_yuan) for i in items] == [
        ("208", "05", "01", "行政单位离退休", Decimal("35000.00")),
        (None, None, None, "合计", Decimal("35000.00")),
    ]


def test_economic_codes_split_three_plus_two(text_rows):
    text = lines(
        "## 2025年部门一般公共预算基本支出部门预算经济分类预算表",
        "单位：元",
        T.join(["项目", "", "一般公共预算基本支出", "", ""]),
        T.join(["经济分类科目编码", "", "经济分类科目名称", "合计", "人员经费", "公用经费"]),
        T.join(["类", "款", "", "", "", ""]),
        T.join(["30101", "", "基本工资", "10", "10", ""]),
        T.join(["301", "2", "津贴补贴", "5", "5", ""]),
        T.join(["合计", "", "", "15", "15", ""]),
    )
    items = budget(text_rows, text)
    assert [(i.class_code, i.kind_code, i.item_code, i.measure) for i in items if i.source_line in (6, 7)] == [
        ("301", "01", None, "total"),
        ("301", "01", None, "personnel"),
        ("301", "02", None, "total"),
        ("301", "02", None, "personnel"),
    ]
    assert {i.table_kind for i in items} == {"basic_economic"}


def test_merged_headers_spread_over_their_columns_and_halves_keep_their_labels(text_rows):
    text = lines(
        "## 2025年部门财务收支预算总表",
        "单位：元",
        T.join(["本年收入", "", "本年支出", "", "", "", ""]),
        T.join(["项目", "预算数", "项目", "预算数", "", "", ""]),
        T.join(["", "", "", "合计", "基本支出", "", "项目支出"]),
        T.join(["", "", "", "", "人员经费", "公用经费", ""]),
        T.join(["一、财政拨款收入", "100", "一、一般公共服务支出", "100", "60", "10", "30"]),
        T.join(["收入总计", "100", "支出总计", "100", "60", "10", "30"]),
    )
    items = budget(text_rows, text)
    first = [(i.row_label_raw, i.column_path_raw, i.measure, i.row_level) for i in items if i.source_line == 7]
    assert first == [
        ("一、财政拨款收入", "本年收入/预算数", "total", "line"),
        ("一、一般公共服务支出", "本年支出/预算数/合计", "total", "line"),
        ("一、一般公共服务支出", "本年支出/预算数/基本支出/人员经费", "personnel", "line"),
        ("一、一般公共服务支出", "本年支出/预算数/基本支出/公用经费", "public", "line"),
        ("一、一般公共服务支出", "本年支出/预算数/项目支出", "project", "line"),
    ]
    assert [i.row_label_raw for i in items if i.source_line == 8] == ["收入总计", *["支出总计"] * 4]
    assert {i.table_kind for i in items} == {"financial_summary"}


def test_a_merged_cell_stays_under_its_upper_cell(text_rows):
    header = [
        ["财政拨款“三公”经费", "", "", "", "", "", "", "", "", "", "", ""],
        ["合计", "", "因公出国（境）费", "", "公务用车购置及运行费", "", "", "", "", "", "公务接待费", ""],
        ["", "", "", "", "小计", "", "公务用车购置费", "", "公务用车运行费", "", "", ""],
        ["预算数", "决算数"] * 6,
    ]
    paths = column_paths(text_rows(lines(*(T.join(r) for r in header)), pdf=False), 12)
    assert "/".join(paths[9]) == "财政拨款“三公”经费/公务用车购置及运行费/公务用车运行费/决算数"
    assert "/".join(paths[10]) == "财政拨款“三公”经费/公务接待费/预算数"
    assert measure_of(tuple(paths[9])) == "vehicle_operation"
    assert measure_of(tuple(paths[5])) == "official_vehicles"  # 小计 is the parent's total
    assert (phase_of(tuple(paths[10]), "final_account"), phase_of(tuple(paths[11]), "final_account")) == (
        "budget",
        "final_account",
    )


def test_three_public_is_one_row_without_label(text_rows):
    text = lines(
        "## 2025年部门“三公”经费和机关运行经费预算表",
        "单位:万元",
        T.join(["“三公”经费预算数", "", "", "", "", "", "机关运行经费预算数"]),
        T.join(["合计", "因公出国(境)费", "公务接待费", "公务用车购置及运行费", "", "", ""]),
        T.join(["", "", "", "小计", "购置费", "运行费", ""]),
        T.join(["1.00", "", "1.00", "", "", "", "171.01"]),
    )
    items = budget(text_rows, text)
    assert [(i.row_label_raw, i.item_name_raw, i.measure, i.amount_yuan, i.row_level) for i in items] == [
        ("", "合计", "total", Decimal("10000.00"), "total"),
        ("", "公务接待费", "official_reception", Decimal("10000.00"), "line"),
        ("", "机关运行经费预算数", "office_operation", Decimal("1710100.00"), "line"),
    ]


def test_empty_table_gives_no_rows(text_rows):
    text = lines(
        "## 2025年部门政府性基金预算支出功能分类预算表",
        "单位：元",
        T.join(["项目", "", "", "", "政府性基金预算支出", "", ""]),
        T.join(["功能分类科目编码", "", "", "功能分类科目名称", "合计", "基本支出", "项目支出"]),
        T.join(["类", "款", "项", "", "", "", ""]),
        T.join(["合计", "", "", "", "", "", ""]),
        "注:本部门2025年无政府性基金预算财政拨款安排的预算，故本表为空表。",
    )
    assert budget(text_rows, text) == []
    # a 决算 whose empty table prints its 合计 on the header's line, and says it has no data
    empty_final = lines(
        "## 政府性基金预算财政拨款收入支出决算表",
        "单位：万元",
        T.join(["项目", "", "年初结转和结余", "本年收入", "本年支出", "", "", "年末结转和结余"]),
        T.join(["功能分类科目编码", "科目名称", "", "", "", "", "", ""]),
        T.join(["合计", "", "", "", "合计", "基本支出", "项目支出", ""]),
        "说明：本部门本年度没有政府性基金预算财政拨款收入和支出，故本表无数据。",
    )
    assert final(text_rows, empty_final) == []
    # the same table ending the document with its header only (no 合计 row, no note): empty, not cut short
    header_only = lines(*empty_final.split("\n")[:4])
    assert header_only.count("\t") > 10 and "合计" not in header_only
    assert final(text_rows, header_only) == []
    # ... but a row of figures and no 合计 after it: cut short
    with pytest.raises(IngestError, match="has no 合计 row before line 5: the document looks truncated"):
        final(
            text_rows,
            lines(*empty_final.split("\n")[:4], T.join(["201", "一般公共服务支出", "1.00", "", "", "", "", ""])),
        )


def test_a_table_cut_short_is_refused_with_its_title_and_line(text_rows):
    cut = FUNCTIONAL.split("合计\t\t\t\t300")[0]
    with pytest.raises(IngestError) as caught:
        budget(text_rows, cut)
    assert str(caught.value) == (
        "t.txt:9: table '2025年部门一般公共预算支出功能分类预算表' (line 1) has no 合计 row before line 9: the "
        "document looks truncated"
    )


def test_a_table_without_total_in_the_middle_is_read_as_printed(text_rows):
    """Only the table a file ends in can have been cut short: one without its 合计 row followed by another table is
    an unusual layout, and its cells are still rows (a document of a known family is never refused for it)."""
    cut = FUNCTIONAL.split("合计\t\t\t\t300")[0]
    items = budget(text_rows, cut + FUNCTIONAL.replace("2025年部门一般公共预算", "2025年部门政府性基金预算"))
    first = [i for i in items if i.table_kind == "general_public_functional"]
    assert [(i.class_code, i.kind_code, i.amount_raw) for i in first][:3] == [
        ("208", None, "300"),
        ("208", None, "200"),
        ("208", None, "100"),
    ]
    assert len(first) == 9 and {i.table_kind for i in items} == {"general_public_functional", "gov_fund_functional"}


def test_an_unknown_table_is_kept_as_other_and_never_refused(text_rows):
    text = lines(
        "## 2025年部门政府采购预算表",
        "单位：元",
        T.join(["序号", "采购项目", "金额"]),
        T.join(["1", "办公设备", "5,000.50"]),
    )
    items = budget(text_rows, text)
    assert [(i.table_kind, i.row_label_raw, i.column_path_raw, i.amount_yuan) for i in items] == [
        ("other", "办公设备", "金额", Decimal("5000.50"))
    ]


def test_final_accounts_figures_in_wan_yuan_negative_included(text_rows):
    text = lines(
        "## 一般公共预算财政拨款支出决算表",
        "单位：万元",
        T.join(["项目", "", "", "", "合计", "基本支出", "项目支出"]),
        T.join(["支出功能分类科目编码", "", "", "科目名称", "", "", ""]),
        T.join(["类", "款", "项", "", "", "", ""]),
        T.join(["201", "06", "01", "行政运行", "1,511.89", "1,503.52", "-8.37"]),
        T.join(["", "", "", "合计", "1,511.89", "1,503.52", "-8.37"]),
    )
    items = final(text_rows, text)
    negative = next(i for i in items if i.source_line == 6 and i.measure == "project")
    assert (negative.amount_raw, negative.amount_yuan, negative.phase, negative.source_unit) == (
        "-8.37",
        Decimal("-83700.00"),
        "final_account",
        "万元",
    )
    assert next(i for i in items if i.cell_index == 5).amount_yuan == Decimal("15118900.00")


def test_a_total_row_set_on_a_grid_of_its_own_is_realigned(text_rows):
    text = FUNCTIONAL.replace(T.join(["合计", "", "", "", "300", "200", "100"]), "<!-- page 3 -->\n合计\t300\t200\t100")
    text = "<!-- page 2 -->\n" + text
    items = budget(text_rows, text, pdf=True)
    total = [(i.cell_index, i.column_path_raw, i.source_page) for i in items if i.row_level == "total"]
    assert total == [
        (2, "一般公共预算支出/合计", 3),
        (3, "一般公共预算支出/基本支出", 3),
        (4, "一般公共预算支出/项目支出", 3),
    ]


def test_a_repeated_title_continues_its_table(text_rows):
    first, second = FUNCTIONAL.split(T.join(["208", "05", "01"]))
    text = first + "## 2025年部门一般公共预算支出功能分类预算表（续）\n" + T.join(["208", "05", "01"]) + second
    items = budget(text_rows, text)
    assert len(items) == 12
    assert {i.table_name for i in items} == {"2025年部门一般公共预算支出功能分类预算表"}


@pytest.mark.parametrize(
    ("title", "kind"),
    [
        ("2024年部门财务收支预算总表", "financial_summary"),
        ("2025年预算单位收入预算总表", "revenue"),
        ("2022年单位支出预算总表", "expenditure"),
        ("2024年部门财政拨款收支预算总表", "appropriation_summary"),
        ("2025年部门一般公共预算支出功能分类预算表", "general_public_functional"),
        ("2022年单位政府性基金预算支出功能分类预算表", "gov_fund_functional"),
        ("2025年预算单位国有资本经营预算支出功能分类预算表", "state_capital_functional"),
        ("2024年部门一般公共预算基本支出部门预算经济分类预算表", "basic_economic"),
        ("部门“三公”经费和机关运行经费预算表", "three_public"),
        ("2024年部门政府采购预算表", "other"),
        # numbered, or worded as other years print them (功能分类 / 经济分类 left out)
        ("表1：2024年部门财务收支预算总表", "financial_summary"),
        ("2023年政府性基金预算支出预算表", "gov_fund_functional"),
        ("2024年一般公共预算支出预算表", "general_public_functional"),
        ("2024年一般公共预算基本支出表", "basic_economic"),
        ("2024年一般公共预算项目支出预算表", "other"),
        ("2024年部门项目支出预算表", "other"),
        ("2024年部门财政拨款支出预算表", "other"),
    ],
)
def test_budget_titles(title, kind):
    assert budget_kind(title) == kind


@pytest.mark.parametrize(
    ("title", "kind"),
    [
        ("收入支出决算总表", "income_expenditure_summary"),
        ("收入决算表", "revenue"),
        ("支出决算表", "expenditure"),
        ("财政拨款收入支出决算总表", "appropriation_summary"),
        ("一般公共预算财政拨款支出决算表", "general_public_functional"),
        ("一般公共预算财政拨款基本支出决算表", "basic_economic"),
        ("财政拨款“三公”经费支出决算表", "three_public"),
        ("政府性基金预算财政拨款收入支出决算表", "gov_fund"),
        ("国有资本经营预算财政拨款收入支出决算表", "state_capital"),
        ("某局2024年度部门收入决算表", "revenue"),
        ("一般公共预算财政拨款项目支出决算表", "other"),
        # numbered, or naming the agency before the table's name
        ("表一 收入决算表", "revenue"),
        ("附表2：支出决算表", "expenditure"),
        ("（三）支出决算表", "expenditure"),
        ("上海市徐汇区教育局收入决算表", "revenue"),
        ("表一：收入支出决算表", "income_expenditure_summary"),
        ("财政拨款收入支出决算表", "appropriation_summary"),
        ("其他收入决算表", "other"),
        ("项目支出决算表", "other"),
    ],
)
def test_final_accounts_titles(title, kind):
    assert final_kind(title) == kind


def test_a_unit_printed_on_the_title_line(text_rows):
    text = FUNCTIONAL.replace(
        "## 2025年部门一般公共预算支出功能分类预算表", "2025年部门一般公共预算支出功能分类预算表    单位：万元"
    )
    text = text.replace("单位：元\n", "")
    items = budget(text_rows, text)
    assert {(i.table_name, i.source_unit) for i in items} == {("2025年部门一般公共预算支出功能分类预算表", "万元")}
    assert sum(i.amount_yuan for i in items if i.row_level == "total") == Decimal("6000000.00")


def test_a_unit_line_read_as_a_heading_is_the_table_s_preamble(text_rows):
    """Over a table printed without rules the converter may take the centred 编制部门 / 单位 line for a heading: the
    table is still read, in that unit."""
    assert "\n单位：元\n" in FUNCTIONAL
    text = FUNCTIONAL.replace("\n单位：元\n", "\n## 编制部门：某某部门单位：万元\n")
    items = budget(text_rows, text)
    assert len(items) == len(budget(text_rows, FUNCTIONAL)) > 0
    assert {i.source_unit for i in items} == {"万元"}


def test_a_row_numbering_the_columns_is_no_figure(text_rows):
    text = lines(
        "## 收入支出决算总表",
        "单位：万元",
        T.join(["收入", "", "", "支出", "", ""]),
        T.join(["项目", "行次", "决算数", "项目", "行次", "决算数"]),
        T.join(["栏次", "", "1", "栏次", "", "2"]),
        T.join(["一、一般公共预算财政拨款收入", "1", "2,940.05", "一、一般公共服务支出", "32", "2,106.66"]),
        T.join(["总计", "30", "2,940.05", "总计", "64", "2,106.66"]),
    )
    items = final(text_rows, text)
    assert [(i.row_label_raw, i.column_path_raw, i.amount_raw) for i in items] == [
        ("一、一般公共预算财政拨款收入", "收入/决算数", "2,940.05"),
        ("一、一般公共服务支出", "支出/决算数", "2,106.66"),
        ("总计", "收入/决算数", "2,940.05"),
        ("总计", "支出/决算数", "2,106.66"),
    ]


def test_a_running_page_header_does_not_cut_a_table(text_rows):
    first, second = FUNCTIONAL.split(T.join(["208", "05", "01"]))
    text = first + "<!-- page 2 -->\n\n## 某部门2025年部门预算\n\n" + T.join(["208", "05", "01"]) + second
    assert len(budget(text_rows, text)) == 12


def test_figures_run_together_in_one_cell_are_spread_over_columns(text_rows):
    """Columns too close for the converter to tell apart (a table printed without rules): one cell holds several
    figures, and its header cell as many words; a 款 runs into its name. Each figure is a cell of its own, under its
    own header, with the row's codes."""
    text = lines(
        "## 2024年部门支出预算总表",
        "单位：元",
        T.join(["项目", "", "支出预算"]),
        T.join(["功能分类科目编码", "功能分类科目名称", "合计 基本支出 项目支出"]),
        T.join(["201", "一般公共服务支出", "38,838,151 15,117,793 23,720,358"]),
        T.join(["201", "03 政府办公厅(室)及相关机构事务", "14,142,253 0 14,142,253"]),
        T.join(["合计", "", "38,838,151 15,117,793 23,720,358"]),
    )
    items = budget(text_rows, text)
    assert [(i.class_code, i.kind_code, i.measure, i.amount_raw, i.cell_index) for i in items] == [
        ("201", None, "total", "38,838,151", 3),
        ("201", None, "basic", "15,117,793", 4),
        ("201", None, "project", "23,720,358", 5),
        ("201", "03", "total", "14,142,253", 3),
        ("201", "03", "basic", "0", 4),
        ("201", "03", "project", "14,142,253", 5),
        (None, None, "total", "38,838,151", 3),
        (None, None, "basic", "15,117,793", 4),
        (None, None, "project", "23,720,358", 5),
    ]
    assert items[1].column_path_raw == "支出预算/基本支出"
    # the 款 run into its name (03 政府办公厅…) after the class cell is read as the code before the name
    assert (items[3].row_label_raw, items[3].row_level) == ("政府办公厅(室)及相关机构事务", "kind")


def test_header_words_on_lines_of_their_own_do_not_hide_the_table(text_rows):
    """Over a table printed without rules the converter may give the header's words as short lines of their own
    between the title and the rows: the table is still read (a longer line there still means no table follows)."""
    rows = [
        T.join(["201", "一般公共服务支出", "29.75", "29.75"]),
        T.join(["合计", "", "29.75", "29.75"]),
    ]
    words = ["本年收入合计财政拨款收入", "项目", "科目名称", "支出功能分类", "科目编码"]
    items = final(text_rows, lines("## 收入决算表", "单位：万元", *words, *rows))
    assert [(i.class_code, i.amount_yuan) for i in items] == [
        ("201", Decimal("297500.00")),
        ("201", Decimal("297500.00")),
        (None, Decimal("297500.00")),
        (None, Decimal("297500.00")),
    ]
    prose = ["本表反映单位本年度取得的各项收入情况，按支出功能分类科目列示。"] * 5
    assert final(text_rows, lines("## 收入决算表", "单位：万元", *prose, *rows)) == []
