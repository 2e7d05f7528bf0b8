"""Two ruled tables printed side by side on one page, each under its own title and unit line: each title and unit
come out right above their own table's rows (the left table first), not both titles above both tables, which gave
the first title no table and the second both tables' rows."""

from __future__ import annotations

import io

from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

from budgetwh.ingest.pdf import convert_pdf

FONT = "STSong-Light"
LEFT = (
    "2025年单位政府性基金预算支出功能分类预算表",
    [
        ["功能分类科目", "合计", "基本支出", "项目支出"],
        ["合计", "1,200.00", "", "1,200.00"],
        ["城乡社区支出", "1,200.00", "", "1,200.00"],
    ],
)
RIGHT = (
    "2025年单位国有资本经营预算支出功能分类预算表",
    [
        ["功能分类科目", "合计", "基本支出", "项目支出"],
        ["合计", "300.00", "", "300.00"],
        ["其他支出", "300.00", "", "300.00"],
    ],
)
WIDTHS = [110, 55, 55, 55]


def _table(page: canvas.Canvas, x: float, top: float, title: str, rows: list[list[str]]) -> None:
    width = sum(WIDTHS)
    page.setFont(FONT, 12)
    page.drawCentredString(x + width / 2, top + 40, title)
    page.setFont(FONT, 9)
    page.drawRightString(x + width, top + 8, "单位：万元")
    y = top
    for row in rows:
        page.line(x, y, x + width, y)
        at = x
        for cell, cell_width in zip(row, WIDTHS, strict=True):
            page.line(at, y, at, y - 20)
            if cell:
                page.drawString(at + 3, y - 14, cell)
            at += cell_width
        page.line(at, y, at, y - 20)
        y -= 20
    page.line(x, y, x + width, y)


def _pdf() -> bytes:
    pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    buffer = io.BytesIO()
    width, height = landscape(A4)
    page = canvas.Canvas(buffer, pagesize=(width, height), invariant=1)
    page.setFont(FONT, 10)
    page.drawString(40, height - 50, "编制单位：上海市普陀区测试中心")
    _table(page, 40, height - 140, *LEFT)
    _table(page, 40 + sum(WIDTHS) + 60, height - 140, *RIGHT)
    page.drawString(40, height - 260, "注：本单位无相关支出的表不列示。")
    page.showPage()
    page.save()
    return buffer.getvalue()


def test_two_tables_side_by_side_each_come_under_their_own_title() -> None:
    lines = [line.removeprefix("## ") for line in convert_pdf(_pdf(), "side.pdf").text.split("\n")[3:] if line]
    assert lines == [
        "编制单位：上海市普陀区测试中心",
        LEFT[0],
        "单位：万元",
        *("\t".join(row) for row in LEFT[1]),
        RIGHT[0],
        "单位：万元",
        *("\t".join(row) for row in RIGHT[1]),
        "注：本单位无相关支出的表不列示。",
    ]
