"""Running page numbers (- 3 -, 3 / 25, 3) printed at the top or foot of every page, clear of the rest, and a
running header or footer printed alike (numbers aside) in the margin of most pages, are no text of the document: the
converted text is the one of the same PDF without them. Before, a number above the
cover's title ran into it and the real 2025 department budget was refused (exit 3: `预算主管部门 names
'上海市普陀区人民政府办公室' but line 5 names '1 / 22上海市普陀区'`)."""

from __future__ import annotations

import ctypes
import io

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest
from pdf_support import FIXTURES, real_pdf

from budgetwh.ingest.pdf import convert_pdf
from budgetwh.ingest.pdf.synthetic import _widestring

STYLES = {
    "dashes at the foot, n / m at the top": lambda page, pages: [("- {} -", "foot"), ("{} / {}", "top")],
    "n / m at the foot": lambda page, pages: [("{} / {}", "foot")],
    "a bare number at the foot": lambda page, pages: [("{}", "foot")],
    "a running header": lambda page, pages: [("Budget disclosure, document of {1} pages", "top")],
    "a running footer with its page number": lambda page, pages: [("Budget disclosure {1}, page {0}", "foot")],
}


def _numbered(data: bytes, style: str) -> bytes:
    document = pdfium.PdfDocument(data)
    try:
        count = len(document)
        for index, page in enumerate(document):
            left, bottom, right, top = page.get_cropbox()
            for pattern, where in STYLES[style](index, count):
                obj = pdfium_c.FPDFPageObj_NewTextObj(document.raw, b"Helvetica", ctypes.c_float(9))
                text = pattern.format(index + 1, count)
                pdfium_c.FPDFText_SetText(obj, _widestring(text))
                pdfium_c.FPDFPageObj_SetFillColor(obj, 0, 0, 0, 255)
                y = bottom + 20 if where == "foot" else top - 20
                pdfium_c.FPDFPageObj_Transform(obj, 1, 0, 0, 1, (left + right) / 2 - 10, y)
                pdfium_c.FPDFPage_InsertObject(page.raw, obj)
            pdfium_c.FPDFPage_GenerateContent(page.raw)
        buffer = io.BytesIO()
        document.save(buffer)
        return buffer.getvalue()
    finally:
        document.close()


def _body(data: bytes) -> list[str]:
    return convert_pdf(data, "x.pdf").text.split("\n")[1:]  # (line 1 names the sha256 of the bytes)


@pytest.mark.parametrize("style", [name for name in STYLES if "running" not in name])
def test_page_numbers_are_left_out_of_a_table_over_two_pages(style: str) -> None:
    data = (FIXTURES / "two_pages.pdf").read_bytes()
    plain = _body(data)
    assert sum(line.count("\t") >= 6 for line in plain) >= 20  # (a table over two pages)
    assert _body(_numbered(data, style)) == plain


def test_a_page_number_above_the_cover_s_title_is_left_out() -> None:
    data = real_pdf("putuo_qufuban_2025_dept_budget.pdf")
    assert _body(_numbered(data, "dashes at the foot, n / m at the top")) == _body(data)


@pytest.mark.parametrize("style", ["a running header", "a running footer with its page number"])
def test_a_running_header_or_footer_is_left_out(style: str) -> None:
    """Before, such a line was text of every page (the five real PDFs with 'Budget disclosure 2025' above every
    page: ingest refused them, exit 3, the header read with the cover's title as a second agency)."""
    data = real_pdf("putuo_qufuban_2025_dept_budget.pdf")
    assert _body(_numbered(data, style)) == _body(data)


def test_a_title_printed_at_the_top_of_every_page_stays() -> None:
    """A form per page, each under the same title at the top, clear of the rest: larger than the body, the title
    is the form's and stays (a running line is small print)."""
    from budgetwh.ingest.pdf.synthetic import Page, Text, write_pdf

    pages = [
        Page(
            texts=[Text(300, 540, "Project targets", size=18)]
            + [Text(60, 480 - 20 * row, f"Indicator {row} of form {number}: 95") for row in range(6)],
        )
        for number in range(1, 5)
    ]
    lines = convert_pdf(write_pdf(pages), "forms.pdf").text.split("\n")
    assert sum(line.lstrip("# ") == "Project targets" for line in lines) == 4
