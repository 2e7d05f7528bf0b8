"""A table printed without ruling lines (or with horizontal rules only, or inside a bare frame) comes out as rows of
tab-separated cells on one column grid, as a ruled one does, so the table reader sees a table; prose beside it stays
prose. Written with reportlab's CID font (real CJK text, no ToUnicode map: pdfium reads it through the CMap)."""

from __future__ import annotations

import io
import sys

import pytest
from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

from budgetwh.ingest.pdf import convert_pdf

FONT = "STSong-Light"
ROWS = [
    ["功能分类科目编码", "", "", "功能分类科目名称", "合计", "基本支出", "项目支出"],
    ["类", "款", "项", "", "", "", ""],
    ["", "", "", "合计", "3,000.00", "1,000.00", "2,000.00"],
    ["201", "", "", "一般公共服务支出", "3,000.00", "1,000.00", "2,000.00"],
    ["201", "13", "", "商贸事务", "3,000.00", "1,000.00", "2,000.00"],
    ["201", "13", "01", "行政运行", "1,000.00", "1,000.00", ""],
    ["201", "13", "99", "其他商贸事务支出", "-2,000.00", "", "2,000.00"],
]
LEFTS = [40, 90, 130, 170, 470, 590, 710]  # where labels and headers start
RIGHTS = [None, None, None, None, 580, 700, 800]  # where figures end (right-aligned)
PROSE = "本单位2025年一般公共预算支出3,000.00元，比2024年预算增加1,000.00元，主要原因是业务量增加。"


def _pdf(rules: str, total_gap: float = 0.0) -> bytes:
    """`total_gap`: points of blank form left before the last row (a total printed at the foot of a form)."""
    pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pagesize=landscape(A4), invariant=1)
    width, height = landscape(A4)
    page.setFont(FONT, 16)
    page.drawCentredString(width / 2, height - 60, "2025年单位一般公共预算支出功能分类预算表")
    page.setFont(FONT, 10)
    page.drawString(40, height - 90, "编制单位：上海市普陀区测试中心")
    page.drawRightString(width - 40, height - 90, "单位：元")
    y = height - 120
    for number, row in enumerate(ROWS):
        if number == len(ROWS) - 1:
            y -= total_gap
        for column, cell in enumerate(row):
            if cell and RIGHTS[column] and number >= 2:
                page.drawRightString(RIGHTS[column], y, cell)
            elif cell:
                page.drawString(LEFTS[column], y, cell)
        if rules == "horizontal":
            page.line(36, y - 5, 806, y - 5)
        y -= 20
    if rules == "frame":
        page.rect(36, y + 15, 770, height - 105 - y - 15)
    page.drawString(40, y - 40, PROSE)
    page.showPage()
    page.save()
    return buffer.getvalue()


@pytest.mark.parametrize("rules", ["none", "horizontal", "frame"])
def test_an_unruled_table_is_read_as_a_table(rules: str) -> None:
    lines = convert_pdf(_pdf(rules), f"{rules}.pdf").text.split("\n")
    assert [line.split("\t") for line in lines if "\t" in line] == ROWS
    assert PROSE in lines
    assert "# 2025年单位一般公共预算支出功能分类预算表" in lines  # (the first heading of page 1)


def test_a_row_of_figures_far_below_the_rest_stays_in_the_table_when_it_stands_in_its_columns() -> None:
    """The last row printed at the foot of the form, 150 points below the others (blank rows between, drawn as no
    rule): its figures stand where the table's do, so it is the table's row, not prose (the 收入总计 row of a 收支总表
    printed without rules was lost so)."""
    lines = convert_pdf(_pdf("none", total_gap=150), "gap.pdf").text.split("\n")
    assert [line.split("\t") for line in lines if "\t" in line] == ROWS
    assert PROSE in lines


def test_a_real_one_row_three_public_table_without_rules_reads_under_its_lowest_header_cells(tmp_path) -> None:
    """The 三公 page of a real 决算 with its rules taken off: one row of two figures under a header of four levels
    (six visual lines, the cells merged over two levels centred between them) whose lowest cells head every column.
    The two figures stand under 合计/预算数 and 公务接待费/预算数 (the row was read as two lone paragraphs before)."""
    import pypdfium2 as pdfium
    from pdf_support import ROOT, real_pdf

    sys.path.insert(0, str(ROOT / "scripts"))
    import strip_pdf_rules

    source = tmp_path / "czj.pdf"
    source.write_bytes(real_pdf("putuo_czj_2024_final_accounts.pdf"))
    bare = tmp_path / "bare.pdf"
    strip_pdf_rules.strip_rules(source, bare)
    page = pdfium.PdfDocument.new()
    page.import_pages(pdfium.PdfDocument(bare), [17])
    buffer = io.BytesIO()
    page.save(buffer)
    rows = [line.split("\t") for line in convert_pdf(buffer.getvalue(), "p18.pdf").text.split("\n") if "\t" in line]
    blank = [""] * 12

    def row(**cells: str) -> list[str]:
        out = list(blank)
        for column, text in cells.items():
            out[int(column[1:])] = text
        return out

    # each header cell at the first column it heads, as the ruled table has it (the cells merged over two levels
    # are lines of their own, printed between the levels)
    assert rows == [
        row(c0="财政拨款“三公”经费"),
        row(c4="公务用车购置及运行费"),
        row(c0="合计", c2="因公出国（境）费"),
        row(c4="小计", c8="公务用车运行费", c10="公务接待费"),
        row(c6="公务用车购置费"),
        ["预算数", "决算数"] * 6,
        row(c0="0.95", c10="0.95"),
    ]


WRAPPED_ROWS = [
    ["功能分类科目编码", "", "", "功能分类科目名称", "合计", "基本支出", "项目支出"],
    ["类", "款", "项", "", "", "", ""],
    ["", "", "", "合计", "3,000.00", "1,000.00", "2,000.00"],
    ["208", "", "", "社会保障和就业支出", "3,000.00", "1,000.00", "2,000.00"],
    ["208", "05", "", "行政事业单位养老支出", "3,000.00", "1,000.00", "2,000.00"],
    ["208", "05", "05", "机关事业单位基本养老保险缴费支出", "1,000.00", "1,000.00", ""],
    ["208", "05", "06", "机关事业单位职业年金缴费支出", "2,000.00", "", "2,000.00"],
    ["七、文化旅游体育与传媒支出", "", "", "", "", "", ""],
    ["", "", "", "合计", "3,000.00", "1,000.00", "2,000.00"],
]
WRAP_AT = 10  # characters of a name on its cell's first line


def test_names_wrapped_over_two_lines_in_an_unruled_table_are_one_cell() -> None:
    """A name longer than its cell printed over two lines centred on its row (half a line above and below the
    figures and codes), a row of a label only (a class with no amount) a whole row apart: each wrapped name is one
    cell of its row, as a ruled cell's lines are (each line was a row of its own before, the code row without its
    name), and the label-only row stays a row."""
    pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pagesize=landscape(A4), invariant=1)
    width, height = landscape(A4)
    page.setFont(FONT, 16)
    page.drawCentredString(width / 2, height - 60, "2025年单位一般公共预算支出功能分类预算表")
    page.setFont(FONT, 10)
    y = height - 120
    for number, row in enumerate(WRAPPED_ROWS):
        for column, cell in enumerate(row):
            if cell and RIGHTS[column] and number >= 2:
                page.drawRightString(RIGHTS[column], y, cell)
            elif column == 3 and len(cell) > WRAP_AT:
                page.drawString(LEFTS[column], y + 6, cell[:WRAP_AT])
                page.drawString(LEFTS[column], y - 6, cell[WRAP_AT:])
            elif cell:
                page.drawString(LEFTS[column], y, cell)
        y -= 24
    page.showPage()
    page.save()
    lines = convert_pdf(buffer.getvalue(), "wrapped.pdf").text.split("\n")
    assert [line.split("\t") for line in lines if "\t" in line] == WRAPPED_ROWS
