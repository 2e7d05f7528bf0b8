"""Synthetic PDFs written with pdfium's own editor: for the converter's tests (cases the real PDFs do not show, such
as a fake-bold double strike or text outside the page) and for the speed benchmark (a corpus of any size). Not used
by ingest itself."""

from __future__ import annotations

import ctypes
import io
from dataclasses import dataclass, field

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

A4_LANDSCAPE = (842.0, 595.0)


@dataclass
class Text:
    x: float
    y: float  # baseline
    text: str
    size: float = 10.0
    render_mode: int = 0  # 3: invisible


@dataclass
class Line:
    x1: float
    y1: float
    x2: float
    y2: float
    width: float = 0.75


@dataclass
class Page:
    texts: list[Text] = field(default_factory=list)
    lines: list[Line] = field(default_factory=list)
    clip: tuple[float, float, float, float] | None = None  # a clip rectangle laid over everything on the page
    size: tuple[float, float] = A4_LANDSCAPE


def _widestring(text: str):
    data = text.encode("utf-16-le") + b"\0\0"
    return ctypes.cast(ctypes.create_string_buffer(data, len(data)), ctypes.POINTER(pdfium_c.FPDF_WCHAR))


def write_pdf(pages: list[Page]) -> bytes:
    document = pdfium.PdfDocument.new()
    try:
        for spec in pages:
            page = document.new_page(*spec.size)
            for text in spec.texts:
                obj = pdfium_c.FPDFPageObj_NewTextObj(document.raw, b"Helvetica", ctypes.c_float(text.size))
                pdfium_c.FPDFText_SetText(obj, _widestring(text.text))
                pdfium_c.FPDFTextObj_SetTextRenderMode(obj, text.render_mode)
                pdfium_c.FPDFPageObj_SetFillColor(obj, 0, 0, 0, 255)
                pdfium_c.FPDFPageObj_Transform(obj, 1, 0, 0, 1, text.x, text.y)
                pdfium_c.FPDFPage_InsertObject(page.raw, obj)
            for line in spec.lines:
                path = pdfium_c.FPDFPageObj_CreateNewPath(line.x1, line.y1)
                pdfium_c.FPDFPath_LineTo(path, line.x2, line.y2)
                pdfium_c.FPDFPath_SetDrawMode(path, pdfium_c.FPDF_FILLMODE_NONE, True)
                pdfium_c.FPDFPageObj_SetStrokeWidth(path, ctypes.c_float(line.width))
                pdfium_c.FPDFPageObj_SetStrokeColor(path, 0, 0, 0, 255)
                pdfium_c.FPDFPage_InsertObject(page.raw, path)
            pdfium_c.FPDFPage_GenerateContent(page.raw)
            if spec.clip is not None:  # (after the content is generated, which would drop it)
                clip = pdfium_c.FPDF_CreateClipPath(*spec.clip)
                pdfium_c.FPDFPage_InsertClipPath(page.raw, clip)
                pdfium_c.FPDF_DestroyClipPath(clip)
            page.close()
        buffer = io.BytesIO()
        document.save(buffer)
        return buffer.getvalue()
    finally:
        document.close()


def table_page(rows: list[list[str]], widths: list[float], *, title: str = "", top: float = 540.0) -> Page:
    """A ruled table (every cell edge drawn) under a centred title: the shape of a budget table page."""
    page = Page()
    left, row_height = 40.0, 18.0
    xs = [left]
    for width in widths:
        xs.append(xs[-1] + width)
    if title:
        page.texts.append(Text(A4_LANDSCAPE[0] / 2 - 3 * len(title), top + 20, title, size=14))
    ys = [top - i * row_height for i in range(len(rows) + 1)]
    for y in ys:
        page.lines.append(Line(xs[0], y, xs[-1], y))
    for x in xs:
        page.lines.append(Line(x, ys[0], x, ys[-1]))
    for r, cells in enumerate(rows):
        for c, cell in enumerate(cells):
            if cell:
                page.texts.append(Text(xs[c] + 3, ys[r] - row_height + 5, cell))
    return page
