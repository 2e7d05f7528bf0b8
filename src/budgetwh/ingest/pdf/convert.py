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
from budgetwh.ingest.pdf.compose import (
    Segment,
    join_wrapped,
    segments,
    table_rows,
    without_page_numbers,
    without_running_lines,
)
from budgetwh.ingest.pdf.glyphs import Glyph, Rule, read_page, reading_turns, upright
from budgetwh.ingest.pdf.tables import Table, fill, find_tables
from budgetwh.ingest.pdf.unruled import unruled_tables

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
GRID_SNAP = 3.0  # points: the same rule position on two pages
MARGIN = 0.15  # share of the page width a centred heading keeps clear on each side
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
    # where a paragraph is printed across the page (a table's extent is its grid's)
    left: float = 0.0
    right: float = 0.0
    bottom: float = 0.0


def _paragraphs(
    segs: list[Segment], page_width: float, body_size: float, extent: tuple[float, float], cover: bool = False
) -> list[_Block]:
    alone = [s for s in segs if s.alone]
    if not segs:
        return []
    body_left = min((s.left for s in alone), default=min(s.left for s in segs))
    body_right = max((s.right for s in alone), default=max(s.right for s in segs))
    blocks: list[_Block] = []
    current: list[Segment] = []
    # on the first page the lines in its largest font are the document's title, however much of the page they fill
    title_size = 0.95 * max(s.size for s in segs) if cover else float("inf")

    def is_heading(seg: Segment) -> bool:
        return (seg.size >= title_size and _headline(seg.text)) or _is_heading(seg, page_width, extent, body_size)

    def flush() -> None:
        if not current:
            return
        first = current[0]
        text = join_wrapped([s.text for s in current])
        if all(s.alone and is_heading(s) for s in current):
            text = "## " + text
        blocks.append(
            _Block(
                first.top,
                [text],
                left=min(s.left for s in current),
                right=max(s.right for s in current),
                bottom=min(s.bottom for s in current),
            )
        )
        current.clear()

    for seg in segs:
        if current:
            last = current[-1]
            heading = is_heading(current[0])
            # a heading wrapped over two centred lines of one size is one heading
            wrapped_heading = (
                heading
                and last.alone
                and seg.alone
                and is_heading(seg)
                and abs(seg.size - last.size) <= 0.05 * last.size
                and 0 < last.baseline - seg.baseline <= 2.5 * last.size
            )
            continues = wrapped_heading or (
                last.alone
                and seg.alone
                and last.right >= body_right - 2.0 * last.size
                and seg.left <= body_left + 1.0 * seg.size
                and abs(seg.size - last.size) <= 0.15 * last.size
                and 0 < last.baseline - seg.baseline <= 2.4 * last.size
                and not heading
                and not last.text.endswith(LEADERS_END)
            )
            if not continues:
                flush()
        current.append(seg)
    flush()
    return blocks


def _headline(text: str) -> bool:
    """Short and with words in it (a lone number or page number is never a heading)."""
    return len(text) <= HEADING_MAX_CHARS and any(ch.isalpha() for ch in text)


def _is_heading(seg: Segment, page_width: float, extent: tuple[float, float], body_size: float) -> bool:
    """`extent`: the left and right edge of everything printed on the page (text and tables)."""
    if not _headline(seg.text):
        return False
    if seg.size >= HEADING_SIZE * body_size:
        return True
    centre = (seg.left + seg.right) / 2
    # centred on the page and clear of its margins and of the body's edges (a full justified line is centred too)
    left_gap, right_gap = seg.left - extent[0], extent[1] - seg.right
    return (
        abs(centre - page_width / 2) <= CENTRED * page_width
        and seg.left >= MARGIN * page_width
        and min(left_gap, right_gap) >= 3 * seg.size
        and abs(left_gap - right_gap) <= 2 * CENTRED * page_width
    )


def _page_blocks(glyphs: list[Glyph], tables: list[Table], page_width: float, cover: bool) -> list[_Block]:
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
    loose: list[Segment] = []  # text of a frame that held an unruled table, outside its rows
    for table in tables:
        if len(table.xs) == 2:
            # a frame with no inner column rules around a table printed without them: read as unruled
            framed, rest = unruled_tables(segments(inside[id(table)]))
            if framed:
                blocks.extend(_Block(top, [], None, rows) for top, rows in framed)
                loose.extend(rest)
                continue
        fill(table, inside[id(table)])
        rows = [cells for cells, _ in table_rows(table)]
        if rows:
            blocks.append(_Block(table.top, [], table, rows))
    unruled, free_segments = unruled_tables(segments(free))
    blocks.extend(_Block(top, [], None, rows) for top, rows in unruled)
    body_size = statistics.median(g.size for g in free) if free else 10.0
    lefts = [g.left for g in glyphs] + [t.left for t in tables]
    rights = [g.right for g in glyphs] + [t.right for t in tables]
    extent = (min(lefts, default=0.0), max(rights, default=page_width))
    blocks.extend(_paragraphs(free_segments, page_width, body_size, extent, cover))
    blocks.extend(_paragraphs(loose, page_width, body_size, extent, cover))
    return _reading_order(blocks)


# a title and unit line this far (points) above a table printed beside another belong to it alone
SIDE_TITLE_REACH = 72.0


def _beside(a: Table, b: Table) -> bool:
    """Two tables printed side by side: their heights overlap, their widths do not."""
    return a.bottom < b.top and b.bottom < a.top and (a.right <= b.left or b.right <= a.left)


def _reading_order(blocks: list[_Block]) -> list[_Block]:
    """Top to bottom; where tables stand side by side, each with the lines printed right above it (its title, its
    unit) as one column, the left one first: read by height alone, both titles came above both tables, so the
    first title had no table and the second both tables' rows."""
    tables = [b for b in blocks if b.table is not None]
    side = [b for b in tables if any(_beside(b.table, o.table) for o in tables if o is not b)]
    if not side:
        return sorted(blocks, key=lambda b: -b.top)
    head = max(b.top for b in side)
    order: dict[int, tuple[float, float, float]] = {}  # id(block) → its sort key
    for table in side:
        order[id(table)] = (-head - SIDE_TITLE_REACH, table.table.left, -table.top)
        for block in blocks:
            if (
                block.table is None
                and block.rows is None
                and table.top <= block.bottom
                and block.top <= table.top + SIDE_TITLE_REACH
                and table.table.left <= (block.left + block.right) / 2 <= table.table.right
            ):
                order[id(block)] = (-head - SIDE_TITLE_REACH, table.table.left, -block.top)
    return sorted(blocks, key=lambda b: order.get(id(b), (-b.top, 0.0, 0.0)))


def _continues(previous: Table, table: Table) -> list[int] | None:
    """When `table` (first on its page) continues `previous` (last on the page before): the column of `previous`
    each of its columns falls in. It continues when both span the same width and every rule position of `table` is
    one of `previous` (a continuation may draw fewer rules, e.g. a 合计 row merged across the code columns)."""
    if abs(previous.left - table.left) > GRID_SNAP or abs(previous.right - table.right) > GRID_SNAP:
        return None
    mapping = []
    for x in table.xs[:-1]:
        nearest = min(range(len(previous.xs) - 1), key=lambda i: abs(previous.xs[i] - x))
        if abs(previous.xs[nearest] - x) > GRID_SNAP:
            return None
        mapping.append(nearest)
    return mapping


def _regrid(rows: list[list[str]], mapping: list[int], width: int) -> list[list[str]]:
    out = []
    for cells in rows:
        placed = [""] * width
        for column, text in zip(mapping, cells, strict=True):
            placed[column] = text if not placed[column] else placed[column] + text
        out.append(placed)
    return out


@dataclass
class _OpenTable:
    """A table that ended a page: its grid, its first rows (a repeated header is a prefix of them) and the text
    lines printed right above it (its title, unit line), which a continuation page may repeat."""

    table: Table
    rows: list[list[str]]
    preamble: list[str]


def _preamble(blocks: list[_Block]) -> list[str]:
    """The text lines between the last table of the page and whatever precedes them."""
    lines: list[str] = []
    for block in reversed(blocks[:-1]):
        if block.table is not None:
            break
        lines = block.lines + lines
    return lines


def _continue(open_table: _OpenTable, blocks: list[_Block]) -> bool:
    """When the page's first table continues `open_table` and nothing but a repeat of its title lines comes before
    it: take those lines out, put the table on the open table's grid without its repeated header rows, and make it
    the page's first block."""
    first = next((i for i, b in enumerate(blocks) if b.table is not None), None)
    if first is None:
        return False
    preamble = {line.lstrip("# ") for line in open_table.preamble}  # (page 1's title is "# ", its repeat "## ")
    if any(line.lstrip("# ") not in preamble for block in blocks[:first] for line in block.lines):
        return False
    block = blocks[first]
    mapping = _continues(open_table.table, block.table)
    if mapping is None:
        return False
    rows = _regrid(block.rows, mapping, len(open_table.table.xs) - 1)
    header = open_table.rows
    repeated = 0
    while repeated < min(len(header), len(rows) - 1) and rows[repeated] == header[repeated]:
        repeated += 1
    block.rows = rows[repeated:]
    block.table = open_table.table  # the grid stays the first page's, so a third page maps onto it too
    del blocks[:first]
    return True


def _read(document: pdfium.PdfDocument, index: int) -> tuple[list[Glyph], list[Rule], float]:
    """A page's glyphs and rules as shown (upright, its page number left out) and its width as shown."""
    page = document[index]
    textpage = page.get_textpage()
    try:
        crop = page.get_cropbox()
        glyphs, rules = read_page(page.raw, textpage.raw, crop)
        turns = reading_turns(glyphs)
        glyphs, rules = upright(glyphs, rules, turns, crop)
        return without_page_numbers(glyphs), rules, crop[2] - crop[0] if turns % 2 == 0 else crop[3] - crop[1]
    finally:
        textpage.close()
        page.close()


def convert_pdf(data: bytes, file_name: str) -> ConvertedPdf:
    """Convert a PDF's bytes; raise IngestError (naming the file) for a PDF that cannot be read as text."""
    sha256 = hashlib.sha256(data).hexdigest()
    document = open_pdf(data, file_name)
    try:
        page_count = len(document)
        lines: list[str] = [header_line(sha256, page_count)]
        pages: list[int] = [1]
        textless: list[int] = []
        open_table: _OpenTable | None = None  # the table that ended the previous page
        read = [_read(document, index) for index in range(page_count)]
        texts = without_running_lines([glyphs for glyphs, _, _ in read])
        for index, (glyphs, (_, rules, width)) in enumerate(zip(texts, read, strict=True)):
            number = index + 1
            if not glyphs:
                textless.append(number)
            blocks = _page_blocks(glyphs, find_tables(rules), width, cover=number == 1)
            continued = open_table is not None and _continue(open_table, blocks)
            if not continued and lines[-1] != "":
                lines.append("")
                pages.append(pages[-1])
            lines.append(f"<!-- page {number} -->")
            pages.append(number)
            if number == 1:
                title = next((b for b in blocks if b.rows is None and b.lines[0].startswith("## ")), None)
                if title is not None:
                    title.lines[0] = title.lines[0][1:]  # the document's title: "# "
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
            if blocks and blocks[-1].table is not None:
                if not (continued and len(blocks) == 1):
                    open_table = _OpenTable(blocks[-1].table, blocks[-1].rows, _preamble(blocks))
            else:
                open_table = None
        if len(textless) == page_count:
            raise IngestError(
                file_name, f"no text layer on pages {_page_ranges(textless)}: scanned? OCR is not supported"
            )
    finally:
        document.close()
    return ConvertedPdf(file_name, sha256, page_count, "\n".join(lines) + "\n", pages)
