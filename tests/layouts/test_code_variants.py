"""How publishers print the 功能分类 codes beside a row's name, beyond the one code column and the 类 | 款 | 项
columns of the source documents: a bare 款 or 项 (`01`) under its class in one code column, the class code not
repeated in 类 | 款 | 项 columns, a 5- or 7-digit code under a 3-digit class, codes with points between their
levels (`201.01.01`). Each row must come out with its full code path (class, kind, item), whatever the printing.
And a table whose unit is printed above its title."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest

from budgetwh.ingest.layouts.budget.tables import parse_budget_tables
from budgetwh.ingest.layouts.final_accounts.tables import parse_final_accounts_tables

ROOT = Path(__file__).resolve().parents[2]

T = "\t"
HEADER = ["科目编码", "科目名称", "合计", "基本支出", "项目支出"]
# (class, kind, item, name, total): two kinds of one class, the first with two items (the second a blank one), the
# second with one; the 合计 last
TREE = [
    ("201", None, None, "一般公共服务支出", "330.00"),
    ("201", "01", None, "人大事务", "300.00"),
    ("201", "01", "01", "行政运行", "300.00"),
    ("201", "01", "02", "一般行政管理事务", "0.00"),
    ("201", "03", None, "政府办公厅(室)及相关机构事务", "30.00"),
    ("201", "03", "01", "行政运行", "30.00"),
    ("208", None, None, "社会保障和就业支出", "12.50"),
    ("208", "05", None, "行政事业单位养老支出", "12.50"),
    ("208", "05", "05", "机关事业单位基本养老保险缴费支出", "12.50"),
]


def _bare(cls, kind, item):
    return item or kind or cls


def _whole(cls, kind, item):
    return cls + (kind or "") + (item or "")


def _dotted(cls, kind, item):
    return ".".join(p for p in (cls, kind, item) if p)


def _spaced(cls, kind, item):
    return " ".join(p for p in (cls, kind, item) if p)


def _one_column(code_of) -> list[list[str]]:
    return [HEADER] + [[code_of(c, k, i), name, total, "", ""] for c, k, i, name, total in TREE]


def _split(repeat: bool) -> list[list[str]]:
    rows = [["类", "款", "项", "科目名称", "合计", "基本支出", "项目支出"]]
    for c, k, i, name, total in TREE:
        # without the repeat each row prints only its own level's code
        own = [c if k is None else "", k if i is None and k else "", i or ""]
        codes = [c, k or "", i or ""] if repeat else own
        rows.append([*codes, name, total, "", ""])
    return rows


VARIANTS = {
    "bare 款/项 in one column": _one_column(_bare),
    "5 and 7 digits": _one_column(_whole),
    "points between levels": _one_column(_dotted),
    "spaces between levels": _one_column(_spaced),
    "类|款|项 without the class repeated": _split(repeat=False),
    "类|款|项 with the class repeated": _split(repeat=True),
}


@pytest.mark.parametrize("rows", list(VARIANTS.values()), ids=list(VARIANTS))
def test_each_row_gets_its_full_code_path(text_rows, rows):
    width = len(rows[0])
    body = [*rows, ["合计", *[""] * (width - 4), "342.50", "", ""]]
    text = "\n".join(["2025年一般公共预算支出功能分类预算表", "单位：万元", *(T.join(r) for r in body), ""])
    items = parse_budget_tables(text_rows(text, pdf=False), document_id="d", fiscal_year=2025, file_name="t.txt")
    got = [(i.class_code, i.kind_code, i.item_code, i.row_label_raw, i.amount_raw, i.row_level) for i in items]
    levels = {0: "class", 1: "kind", 2: "item"}
    expected = [(c, k, i, name, total, levels[sum(1 for p in (k, i) if p)]) for c, k, i, name, total in TREE] + [
        (None, None, None, "合计", "342.50", "total")
    ]
    assert got == expected
    assert sum(i.amount_yuan for i in items if i.row_level == "item") == Decimal("3425000.00")


def test_a_figure_with_one_point_in_a_code_column_stays_a_figure(text_rows):
    """201.01 followed by figures (a row shifted into the code column) is an amount, not a code."""
    text = "\n".join(
        [
            "2025年一般公共预算支出功能分类预算表",
            "单位：万元",
            T.join(HEADER),
            T.join(["201", "一般公共服务支出", "201.01", "", ""]),
            T.join(["201.01", "", "201.01", "", ""]),
            T.join(["合计", "", "201.01", "", ""]),
            "",
        ]
    )
    items = parse_budget_tables(text_rows(text, pdf=False), document_id="d", fiscal_year=2025, file_name="t.txt")
    assert [(i.source_line, i.cell_index, i.amount_yuan) for i in items] == [
        (4, 3, Decimal("2010100.00")),
        (5, 1, Decimal("2010100.00")),
        (5, 3, Decimal("2010100.00")),
        (6, 3, Decimal("2010100.00")),
    ]


def test_a_unit_printed_above_the_title_is_the_tables(text_rows):
    """编制单位 and 单位：万元 printed before the title, the table right under it: the amounts are in 万元."""
    text = "\n".join(
        [
            "编制单位：某某局",
            "单位：万元",
            "## 2025年部门支出预算总表",
            T.join(HEADER),
            T.join(["201", "一般公共服务支出", "9.00", "5.00", "4.00"]),
            T.join(["合计", "", "9.00", "5.00", "4.00"]),
            "",
        ]
    )
    items = parse_budget_tables(text_rows(text, pdf=False), document_id="d", fiscal_year=2025, file_name="t.txt")
    assert [(i.source_line, i.source_unit, i.amount_yuan) for i in items] == [
        (5, "万元", Decimal("90000.00")),
        (5, "万元", Decimal("50000.00")),
        (5, "万元", Decimal("40000.00")),
        (6, "万元", Decimal("90000.00")),
        (6, "万元", Decimal("50000.00")),
        (6, "万元", Decimal("40000.00")),
    ]


def test_a_bare_code_run_into_its_name(text_rows):
    """One cell holds the code and the name (科目编码及名称): 201 一般公共服务支出, then 01 人大事务, 01 行政运行."""
    body = [["科目编码及名称", "合计", "基本支出", "项目支出"]]
    body += [[f"{_bare(c, k, i)} {name}", total, "", ""] for c, k, i, name, total in TREE]
    body += [["合计", "342.50", "", ""]]
    text = "\n".join(["2025年一般公共预算支出功能分类预算表", "单位：万元", *(T.join(r) for r in body), ""])
    items = parse_budget_tables(text_rows(text, pdf=False), document_id="d", fiscal_year=2025, file_name="t.txt")
    assert [(i.class_code, i.kind_code, i.item_code, i.row_label_raw) for i in items] == [
        (c, k, i, name) for c, k, i, name, _ in TREE
    ] + [(None, None, None, "合计")]


def test_bare_economic_codes_stop_at_the_kind(text_rows):
    """经济分类 codes are 类 + 款: a bare 款 after a 款 is the next 款, never a 项."""
    text = "\n".join(
        [
            "2025年一般公共预算基本支出经济分类预算表",
            "单位：万元",
            T.join(["经济分类科目编码", "经济分类科目名称", "合计", "人员经费", "公用经费"]),
            T.join(["301", "工资福利支出", "30.00", "30.00", ""]),
            T.join(["01", "基本工资", "20.00", "20.00", ""]),
            T.join(["02", "津贴补贴", "10.00", "10.00", ""]),
            T.join(["302", "商品和服务支出", "5.00", "", "5.00"]),
            T.join(["01", "办公费", "5.00", "", "5.00"]),
            T.join(["合计", "", "35.00", "30.00", "5.00"]),
            "",
        ]
    )
    items = parse_budget_tables(text_rows(text, pdf=False), document_id="d", fiscal_year=2025, file_name="t.txt")
    assert [
        (i.source_line, i.class_code, i.kind_code, i.item_code, i.row_level) for i in items if i.cell_index == 3
    ] == [
        (4, "301", None, None, "class"),
        (5, "301", "01", None, "kind"),
        (6, "301", "02", None, "kind"),
        (7, "302", None, None, "class"),
        (8, "302", "01", None, "kind"),
        (9, None, None, None, "total"),
    ]


CONVERTED = sorted(p.name for p in (ROOT / "seeds" / "converted").glob("*.pdf.txt"))
_CODES = re.compile(r"\d{3}\t(?:\d{2})?\t(?:\d{2})?\t")


def _own_level_only(line: str) -> str:
    """类 | 款 | 项 cells with only the row's own level printed (201 |  |, then  | 01 |, then  |  | 01)."""
    if not _CODES.match(line):
        return line
    cells = line.split("\t")
    if cells[1]:
        cells[0] = ""
    if cells[2]:
        cells[1] = ""
    return "\t".join(cells)


def _bare_in_first(line: str) -> str:
    """The row's own code alone in the first code column (01 under 201), the other two left blank."""
    if not _CODES.match(line):
        return line
    cells = line.split("\t")
    return "\t".join([cells[2] or cells[1] or cells[0], "", "", *cells[3:]])


def _dotted_in_first(line: str) -> str:
    """The row's whole code with points between its levels (201.13.01) in the first code column."""
    if not _CODES.match(line):
        return line
    cells = line.split("\t")
    return "\t".join([".".join(c for c in cells[:3] if c), "", "", *cells[3:]])


@pytest.mark.parametrize(
    "reprint",
    [_own_level_only, _bare_in_first, _dotted_in_first],
    ids=["own level only", "bare in first", "dotted in first"],
)
@pytest.mark.parametrize("name", CONVERTED)
def test_the_real_tables_reprinted_with_bare_codes_keep_every_code(text_rows, name, reprint):
    """Every real document's tables, their codes reprinted without the levels above them: each cell keeps its
    class, kind and item (the 功能分类 tables 3+2+2, the 经济分类 ones 3+2)."""
    text = (ROOT / "seeds" / "converted" / name).read_text(encoding="utf-8")
    parse = parse_final_accounts_tables if "final_accounts" in name else parse_budget_tables

    def cells(printed: str) -> set[tuple]:
        rows = text_rows(printed, pdf=True)
        return {
            (i.source_line, i.cell_index, i.class_code, i.kind_code, i.item_code, i.amount_yuan)
            for i in parse(rows, document_id="d", fiscal_year=2024, file_name=name)
        }

    printed = cells(text)
    assert sum(1 for c in printed if c[4]) > 20  # cells of 项 rows are there to lose
    assert cells("\n".join(reprint(line) for line in text.split("\n"))) == printed
