"""Blocks → PDF bytes (reportlab), the way the real disclosures are typeset: centred titles, body paragraphs,
tables drawn cell by cell with ruling lines on one column grid, a table longer than the page continued with its
header rows repeated. Returns beside the bytes the page of every expected line item and narrative figure, so the
manifest can say where ingest must find them (lines are the converter's business)."""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from budgetwh.synth.blocks import Block, Heading, PageBreak, Para, Table

FONT_FILE = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"
FONT = "WenQuanYiMicroHei"
PAGE_W, PAGE_H = 595.27, 841.89  # A4
LEFT, RIGHT, TOP, BOTTOM = 56.0, 56.0, 64.0, 56.0
BODY, TITLE, HEADING, NOTE = 10.5, 20.0, 14.0, 9.0
TABLE_FONT, MIN_TABLE_FONT = 8.0, 4.5
PAD = 3.0


@cache
def _font() -> str:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    pdfmetrics.registerFont(TTFont(FONT, FONT_FILE, subfontIndex=0))
    return FONT


def _width(text: str, size: float) -> float:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    return stringWidth(text, _font(), size)


def _wrap(text: str, size: float, width: float, indent: float) -> list[str]:
    """Lines of a paragraph, the first `indent` narrower; a line breaks only beside a CJK character, so no number
    or word is cut in two."""
    lines: list[str] = []
    start = 0
    while start < len(text):
        end, last_break = start, None
        room = width - (0 if lines else indent)
        while end < len(text) and _width(text[start : end + 1], size) <= room:
            end += 1
            if end < len(text) and (ord(text[end]) > 0x2E80 or ord(text[end - 1]) > 0x2E80):
                last_break = end
        if end >= len(text):
            lines.append(text[start:])
            break
        cut = last_break if last_break and last_break > start else end
        lines.append(text[start:cut])
        start = cut
    return lines


@dataclass
class _Pages:
    canvas: Any
    page: int = 1
    y: float = PAGE_H - TOP
    blank: bool = True
    places: list[tuple[int, dict[str, Any]]] = field(default_factory=list)

    def new_page(self) -> None:
        self.canvas.showPage()
        self.page += 1
        self.y = PAGE_H - TOP
        self.blank = True

    def need(self, height: float) -> None:
        if self.y - height < BOTTOM and not self.blank:
            self.new_page()

    def text(self, text: str, size: float, *, centred: bool = False, x: float = LEFT, justify: float = 0) -> None:
        """`justify`: the width a wrapped line is spread to (its last character at the right margin, as typeset
        prose is, which is how a reader tells a wrapped line from a paragraph's end)."""
        self.canvas.setFont(_font(), size)
        if centred:
            self.canvas.drawCentredString(PAGE_W / 2, self.y - size, text)
        elif justify and len(text) > 1:
            line = self.canvas.beginText(x, self.y - size)
            line.setFont(_font(), size)
            line.setCharSpace((justify - _width(text, size)) / (len(text) - 1))
            line.textOut(text)
            self.canvas.drawText(line)
        else:
            self.canvas.drawString(x, self.y - size, text)
        self.y -= size * 1.6
        self.blank = False


def _table_font(table: Table, width: float) -> tuple[float, list[float]]:
    columns = [0.0] * table.width
    for row in [*table.header, *(r.cells for r in table.rows)]:
        for index, cell in enumerate(row):
            columns[index] = max(columns[index], _width(cell, TABLE_FONT) + 2 * PAD, 14.0)
    total = sum(columns)
    if total <= width:
        return TABLE_FONT, columns
    scale = width / total
    size = max(MIN_TABLE_FONT, TABLE_FONT * scale)
    return size, [c * scale for c in columns]


def _draw_row(pages: _Pages, cells: list[str], widths: list[float], size: float, height: float, x0: float) -> None:
    canvas = pages.canvas
    top, bottom = pages.y, pages.y - height
    canvas.setLineWidth(0.5)
    canvas.line(x0, top, x0 + sum(widths), top)
    canvas.line(x0, bottom, x0 + sum(widths), bottom)
    x = x0
    canvas.setFont(_font(), size)
    for cell, width in zip(cells, widths, strict=True):
        canvas.line(x, top, x, bottom)
        if cell:
            fit = size
            while fit > MIN_TABLE_FONT and _width(cell, fit) > width - 2 * PAD:
                fit -= 0.25
            canvas.setFont(_font(), fit)
            canvas.drawString(x + PAD, bottom + (height - fit) / 2 + fit * 0.15, cell)
            canvas.setFont(_font(), size)
        x += width
    canvas.line(x, top, x, bottom)
    pages.y = bottom
    pages.blank = False


def _table(pages: _Pages, table: Table, fiscal_year: int) -> None:
    pages.need(HEADING * 2 + 60)
    pages.text(table.title, HEADING, centred=True)
    for line in table.preamble:
        pages.text(line, NOTE)
    size, widths = _table_font(table, PAGE_W - LEFT - RIGHT)
    height = size * 2.0
    x0 = (PAGE_W - sum(widths)) / 2
    for header in table.header:
        _draw_row(pages, header, widths, size, height, x0)
    for row in table.rows:
        if pages.y - height < BOTTOM:
            pages.new_page()
            for header in table.header:
                _draw_row(pages, header, widths, size, height, x0)
        _draw_row(pages, row.cells, widths, size, height, x0)
        for column in range(table.width):
            item = table.expected(row, column, fiscal_year)
            if item is not None:
                pages.places.append((pages.page, {"kind": "line_items", **item}))
    pages.y -= NOTE
    for note in table.notes:
        pages.text(note, NOTE)


def render_pdf(blocks: list[Block], *, title: str, fiscal_year: int) -> tuple[bytes, int, list[tuple[int, dict]]]:
    """(PDF bytes, page count, [(page, expected row or figure)]); the same blocks give the same bytes."""
    from reportlab.pdfgen.canvas import Canvas

    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(PAGE_W, PAGE_H), invariant=1, pageCompression=1)
    canvas.setTitle(title)
    pages = _Pages(canvas)
    for block in blocks:
        if isinstance(block, PageBreak):
            if not pages.blank:
                pages.new_page()
        elif isinstance(block, Heading):
            size = TITLE if block.title else HEADING
            pages.need(size * 2)
            if block.title:
                pages.y -= size * 2
            pages.text(block.text, size, centred=True)
        elif isinstance(block, Para):
            # the first line indented two characters, as Chinese prose is set: a reader tells a new paragraph by it
            lines = _wrap(block.text, BODY, PAGE_W - LEFT - RIGHT, 2 * BODY)
            pages.need(len(lines) * BODY * 1.6)
            for figure in block.figures:
                pages.places.append((pages.page, {"kind": "statements", **figure}))
            for number, line in enumerate(lines):
                indent = 0 if number else 2 * BODY
                width = PAGE_W - LEFT - RIGHT - indent if number < len(lines) - 1 else 0
                pages.text(line, BODY, x=LEFT + indent, justify=width)
            pages.y -= BODY * 0.4
        else:
            _table(pages, block, fiscal_year)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue(), pages.page, pages.places
