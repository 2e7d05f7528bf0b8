"""Pages drawn in other geometries read as a viewer shows them: a landscape table drawn sideways on a portrait page
(turned upright by /Rotate 90 or 270), a /Rotate that turns upright text sideways, page boxes whose origin is not
(0, 0), a blank (textless) cover page before the text. Each is made from the committed two-page fixture (a real
table page and the next) and must give the same text as the file itself."""

from __future__ import annotations

import io
from collections.abc import Callable

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest
from pdf_support import FIXTURES

from budgetwh.ingest.pdf import convert_pdf

TWO_PAGES = FIXTURES / "two_pages.pdf"


def _body(text: str) -> list[str]:
    """The text without its first line (which names the sha256 of the bytes)."""
    return text.split("\n")[1:]


def _edited(edit: Callable[[pdfium.PdfPage], None]) -> bytes:
    document = pdfium.PdfDocument(TWO_PAGES.read_bytes())
    try:
        for page in document:
            edit(page)
            pdfium_c.FPDFPage_GenerateContent(page.raw)
        buffer = io.BytesIO()
        document.save(buffer)
        return buffer.getvalue()
    finally:
        document.close()


def _sideways(clockwise: bool) -> Callable[[pdfium.PdfPage], None]:
    """The content turned a quarter into a box of swapped sides; /Rotate turns it back for the viewer."""

    def edit(page: pdfium.PdfPage) -> None:
        left, bottom, right, top = page.get_mediabox()
        width, height = right - left, top - bottom
        # /Rotate 90 shows (x, y) at (y, width' - x): draw each point where that lands on its original place
        matrix = (0, 1, -1, 0, height, 0) if clockwise else (0, -1, 1, 0, 0, width)
        pdfium_c.FPDFPage_TransFormWithClip(page.raw, pdfium_c.FS_MATRIX(*matrix), None)
        page.set_mediabox(0, 0, height, width)
        page.set_cropbox(0, 0, height, width)
        page.set_rotation(90 if clockwise else 270)

    return edit


def _shifted(page: pdfium.PdfPage) -> None:
    """Page boxes and content moved together away from the origin (a box such as [-421 -297 421 297])."""
    left, bottom, right, top = page.get_mediabox()
    dx, dy = -(right - left) / 2 - left, -(top - bottom) / 2 - bottom
    pdfium_c.FPDFPage_TransFormWithClip(page.raw, pdfium_c.FS_MATRIX(1, 0, 0, 1, dx, dy), None)
    page.set_mediabox(left + dx, bottom + dy, right + dx, top + dy)
    page.set_cropbox(left + dx, bottom + dy, right + dx, top + dy)


@pytest.fixture(scope="module")
def as_published() -> list[str]:
    return _body(convert_pdf(TWO_PAGES.read_bytes(), "two_pages.pdf").text)


@pytest.mark.parametrize(
    "edit",
    [_sideways(clockwise=True), _sideways(clockwise=False), _shifted, lambda page: page.set_rotation(90)],
    ids=["drawn sideways, /Rotate 90", "drawn sideways, /Rotate 270", "boxes off the origin", "/Rotate alone"],
)
def test_a_page_reads_as_shown_whatever_its_geometry(edit, as_published) -> None:
    assert sum(line.count("\t") >= 6 for line in as_published) >= 20  # (the fixture is a table over two pages)
    assert _body(convert_pdf(_edited(edit), "edited.pdf").text) == as_published


def test_a_textless_cover_page_is_a_page_with_no_text() -> None:
    document = pdfium.PdfDocument(TWO_PAGES.read_bytes())
    try:
        document.new_page(595, 842, index=0)
        buffer = io.BytesIO()
        document.save(buffer)
    finally:
        document.close()
    result = convert_pdf(buffer.getvalue(), "with_cover.pdf")
    assert result.page_count == 3
    lines = result.text.split("\n")
    page_2 = lines.index("<!-- page 2 -->")
    assert lines[1:page_2] == ["", "<!-- page 1 -->", ""]
    assert lines[page_2 + 2] == "## 2025年预算单位财务收支预算总表"
    tables = [p for line, p in zip(lines, result.line_pages, strict=False) if line.count("\t") >= 6]
    assert tables and min(tables) == 2
