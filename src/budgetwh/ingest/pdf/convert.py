"""PDF bytes → the converted text ingest reads (the format is in the wave spec / README): a pure function of the
bytes, so the text can be cached by their sha256 and committed beside the seeds."""

from __future__ import annotations

import hashlib
import re
import statistics
from dataclasses import dataclass

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from budgetwh.ingest.errors import IngestError
from budgetwh.ingest.pdf.compose import Segment, is_cjk, join_wrapped, segments, table_rows
from budgetwh.ingest.pdf.glyphs import Glyph, read_page
from budgetwh.ingest.pdf.tables import Table, fill, find_tables

CONVERTER_VERSION = "pdf-text v1"
HEADER = re.compile(
    r"<!-- converted from PDF by budgetwh \((?P<version>[^)]*)\): "
    r"sha256 (?P<sha256>[0-9a-f]{64}), (?P<pages>\d+) pages -->"
)
PAGE_MARKER = re.compile(r"<!-- page (\d+) -->")

# a heading is a short line in a font this much larger than the page's body text ...
HEADING_SIZE = 1.15
# ... or centred (its centre this close to the page's, as a share of the page width) and well clear of the margin
CENTRED = 0.06
HEADING_MAX_CHARS = 60
# a line ending in a dot leader is a table-of-contents entry, never wrapped into the next
LEADERS_END = ("…", "．", "..", "·")


@dataclass(frozen=True)
class ConvertedPdf:
    file_name: str
    sha256: str  # of the PDF bytes
    page_count: int
    text: str  # ends with a newline
    line_pages: list[int]  # the page of every line of `text` (1-based), line 1 (the header) on page 1


def header_line(sha256: str, page_count: int) -> str:
    return f"<!-- converted from PDF by budgetwh ({CONVERTER_VERSION}): sha256 {sha256}, {page_count} pages -->"


def line_pages_of(text: str) -> list[int]:
    """The page of each line of a converted text, from its page markers (for a text read back from disk)."""
    pages = []
    page = 1
    for line in text.split("\n")[:-1] if text.endswith("\n") else text.split("\n"):
        match = PAGE_MARKER.fullmatch(line)
        if match:
            page = int(match.group(1))
        pages.append(page)
    return pages


def _page_ranges(pages: list[int]) -> str:
    ranges: list[list[int]] = []
    for page in pages:
        if ranges and page == ranges[-1][1] + 1:
            ranges[-1][1] = page
        else:
            ranges.append([page, page])
    return ", ".join(f"{a}–{b}" if b > a else str(a) for a, b in ranges)


def open_pdf(data: bytes, file_name: str) -> pdfium.PdfDocument:
    if not data.startswith(b"%PDF-"):
        raise IngestError(file_name, "not a PDF (does not start with %PDF-)")
    # a PDF ends with %%EOF (an incremental update appends another): without one the file was cut short, and
    # pdfium would repair what is left and read fewer pages without saying so
    if b"%%EOF" not in data[-2048:]:
        raise IngestError(file_name, "truncated PDF (no %%EOF end marker): the file was cut short")
    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if exc.err_code == pdfium_c.FPDF_ERR_PASSWORD:
            raise IngestError(file_name, "PDF is password-protected: publish or save it without a password") from None
        detail = str(exc).rsplit("PDFium: ", 1)[-1].rstrip(").").lower() or "unreadable"
        raise IngestError(file_name, f"corrupt PDF: it cannot be opened ({detail})") from None


@dataclass
class _Block:
    top: float
    lines: list[str]
    table: Table | None = None
    rows: list[list[str]] | None = None


def _paragraphs(segs: list[Segment], page_width: float, body_size: float) -> list[_Block]:
    alone = [s for s in segs if s.alone]
    if not segs:
        return []
    body_left = min((s.left for s in alone), default=min(s.left for s in segs))
    body_right = max((s.right for s in alone), default=max(s.right for s in segs))
    blocks: list[_Block] = []
    current: list[Segment] = []

    def flush() -> None:
        if not current:
            return
        first = current[0]
        text = join_wrapped([s.text for s in current])
        if len(current) == 1 and first.alone and _is_heading(first, page_width, body_left, body_size):
            text = "## " + text
        blocks.append(_Block(first.top, [text]))
        current.clear()

    for seg in segs:
        if current:
            last = current[-1]
            continues = (
                last.alone
                and seg.alone
                and last.right >= body_right - 2.0 * last.size
                and seg.left <= body_left + 1.0 * seg.size
                and abs(seg.size - last.size) <= 0.15 * last.size
                and 0 < last.baseline - seg.baseline <= 2.4 * last.size
                and not _is_heading(current[0], page_width, body_left, body_size)
                and not last.text.endswith(LEADERS_END)
            )
            if not continues:
                flush()
        current.append(seg)
    flush()
    return blocks


def _is_heading(seg: Segment, page_width: float, body_left: float, body_size: float) -> bool:
    if len(seg.text) > HEADING_MAX_CHARS or not any(is_cjk(ch) and ch.isalpha() for ch in seg.text):
        return False
    if seg.size >= HEADING_SIZE * body_size:
        return True
    centre = (seg.left + seg.right) / 2
    return abs(centre - page_width / 2) <= CENTRED * page_width and seg.left >= body_left + 4 * seg.size


def _page_blocks(glyphs: list[Glyph], tables: list[Table], page_width: float) -> list[_Block]:
    free: list[Glyph] = []
    inside: dict[int, list[Glyph]] = {id(t): [] for t in tables}
    for glyph in glyphs:
        for table in tables:
            if table.contains(glyph.cx, glyph.cy):
                inside[id(table)].append(glyph)
                break
        else:
            free.append(glyph)
    blocks: list[_Block] = []
    for table in tables:
        fill(table, inside[id(table)])
        rows = [cells for cells, _ in table_rows(table)]
        if rows:
            blocks.append(_Block(table.top, [], table, rows))
    body_size = statistics.median(g.size for g in free) if free else 10.0
    blocks.extend(_paragraphs(segments(free), page_width, body_size))
    blocks.sort(key=lambda b: -b.top)
    return blocks


def _same_grid(a: Table, b: Table) -> bool:
    return len(a.xs) == len(b.xs) and all(abs(x - y) <= 3.0 for x, y in zip(a.xs, b.xs, strict=True))


def convert_pdf(data: bytes, file_name: str) -> ConvertedPdf:
    """Convert a PDF's bytes; raise IngestError (naming the file) for a PDF that cannot be read as text."""
    sha256 = hashlib.sha256(data).hexdigest()
    document = open_pdf(data, file_name)
    try:
        page_count = len(document)
        lines: list[str] = [header_line(sha256, page_count)]
        pages: list[int] = [1]
        textless: list[int] = []
        previous_table: tuple[Table, list[list[str]]] | None = None  # the last block of the previous page
        for index in range(page_count):
            number = index + 1
            page = document[index]
            textpage = page.get_textpage()
            try:
                crop = page.get_cropbox()
                glyphs, rules = read_page(page.raw, textpage.raw, crop)
                width = page.get_width()
            finally:
                textpage.close()
                page.close()
            if not glyphs:
                textless.append(number)
            blocks = _page_blocks(glyphs, find_tables(rules), width)
            continued = (
                previous_table is not None
                and blocks
                and blocks[0].table is not None
                and _same_grid(previous_table[0], blocks[0].table)
            )
            if continued:
                header = previous_table[1]
                rows = blocks[0].rows
                repeated = 0
                while repeated < min(len(header), len(rows) - 1) and rows[repeated] == header[repeated]:
                    repeated += 1
                blocks[0].rows = rows[repeated:]
                previous_table = (blocks[0].table, header)
            else:
                if lines[-1] != "":
                    lines.append("")
                    pages.append(pages[-1])
            lines.append(f"<!-- page {number} -->")
            pages.append(number)
            for position, block in enumerate(blocks):
                if not (continued and position == 0):
                    lines.append("")
                    pages.append(number)
                if block.rows is not None:
                    lines.extend("\t".join(cells) for cells in block.rows)
                    pages.extend([number] * len(block.rows))
                else:
                    lines.extend(block.lines)
                    pages.extend([number] * len(block.lines))
            if not continued:
                previous_table = None
            if blocks and blocks[-1].table is not None:
                if not (continued and len(blocks) == 1):
                    previous_table = (blocks[-1].table, blocks[-1].rows)
            elif blocks:
                previous_table = None
        if len(textless) == page_count:
            raise IngestError(
                file_name, f"no text layer on pages {_page_ranges(textless)}: scanned? OCR is not supported"
            )
    finally:
        document.close()
    return ConvertedPdf(file_name, sha256, page_count, "\n".join(lines) + "\n", pages)
