"""Glyphs → lines of text: visual lines and their segments, paragraphs, headings and table rows."""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass

from budgetwh.ingest.pdf.glyphs import Glyph
from budgetwh.ingest.pdf.tables import Table

# a horizontal gap wider than this many glyph heights splits a visual line into separate text segments
SEGMENT_GAP = 2.5
# a gap between two non-CJK glyphs wider than this share of their height is a space
WORD_GAP = 0.22
# ... between CJK glyphs (letter-spaced headings like 目   录) a gap wider than this many heights is a space
CJK_GAP = 1.2


def is_cjk(char: str) -> bool:
    code = ord(char)
    return (
        0x4E00 <= code <= 0x9FFF
        or 0x3400 <= code <= 0x4DBF
        or 0x3000 <= code <= 0x303F
        or 0xFF00 <= code <= 0xFFEF
        or 0x2000 <= code <= 0x206F  # general punctuation: “ ” … — used as CJK punctuation here
        or 0xF900 <= code <= 0xFAFF
    )


def visual_lines(glyphs: list[Glyph]) -> list[list[Glyph]]:
    """Glyphs grouped into lines by baseline, top line first, each left to right."""
    ordered = sorted(glyphs, key=lambda g: -g.baseline)
    lines: list[list[Glyph]] = []
    line_base = 0.0
    line_size = 0.0
    for glyph in ordered:
        size = max(glyph.size, 1.0)
        if lines and line_base - glyph.baseline <= 0.45 * min(size, line_size):
            lines[-1].append(glyph)
        else:
            lines.append([glyph])
            line_base = glyph.baseline
            line_size = size
    for line in lines:
        line.sort(key=lambda g: (g.left, -g.baseline))
    return lines


_FIGURE_CHARS = frozenset("0123456789,.")
MIN_TRACKED_RUN = 3  # figure glyphs in a row before their common spacing is taken for the figure's tracking


def _tracking(glyphs: list[Glyph]) -> list[float]:
    """For each glyph, the spacing the run of figure glyphs it ends sets between its glyphs (0 elsewhere): a figure
    printed letter-spaced (a justified cell, a tracked font) has the same wide gap between every two digits, which is
    no space (`2 6 , 3 4 1 . 8 4` is 26,341.84); a space inside a figure (208 05 01) stays wider than the rest."""
    offsets = [0.0] * len(glyphs)
    start = 0
    for end in range(1, len(glyphs) + 1):
        if end < len(glyphs) and glyphs[end].char in _FIGURE_CHARS and glyphs[end - 1].char in _FIGURE_CHARS:
            continue
        if end - start >= MIN_TRACKED_RUN:
            least = min(glyphs[i].left - glyphs[i - 1].right for i in range(start + 1, end))
            if least > 0:
                offsets[start + 1 : end] = [least] * (end - start - 1)
        start = end
    return offsets


def _spaced(previous: Glyph, glyph: Glyph, tracking: float = 0.0) -> bool:
    """Whether a reader sees a space between two neighbouring glyphs of a line."""
    gap = glyph.left - previous.right - tracking
    size = max(min(glyph.size, previous.size), 1.0)
    if is_cjk(glyph.char) and is_cjk(previous.char):
        return gap > CJK_GAP * size
    return gap > WORD_GAP * size or (glyph.spaced and gap > 0)


def join_glyphs(glyphs: list[Glyph]) -> str:
    """The text of glyphs on one visual line (already in x order), spaces where the gap is one."""
    parts: list[str] = [glyphs[0].char] if glyphs else []
    tracking = _tracking(glyphs)
    for index in range(1, len(glyphs)):
        if _spaced(glyphs[index - 1], glyphs[index], tracking[index]):
            parts.append(" ")
        parts.append(glyphs[index].char)
    return "".join(parts)


def word_spans(glyphs: list[Glyph]) -> tuple[tuple[float, float], ...]:
    """(left, right) of each space-separated word of join_glyphs(glyphs), in order."""
    spans: list[tuple[float, float]] = []
    start = glyphs[0]
    tracking = _tracking(glyphs)
    for index in range(1, len(glyphs)):
        if _spaced(glyphs[index - 1], glyphs[index], tracking[index]):
            spans.append((start.left, glyphs[index - 1].right))
            start = glyphs[index]
    spans.append((start.left, glyphs[-1].right))
    return tuple(spans)


def join_wrapped(pieces: list[str]) -> str:
    """Wrapped pieces of one paragraph or cell: CJK on either side of the break joins with no space."""
    out = ""
    for piece in pieces:
        if not piece:
            continue
        if out and not (is_cjk(out[-1]) or is_cjk(piece[0])) and not out.endswith("-"):
            out += " "
        out += piece
    return out


@dataclass
class Segment:
    text: str
    left: float
    right: float
    top: float
    bottom: float
    baseline: float
    size: float
    alone: bool  # the only segment of its visual line
    line: int = 0  # the number of its visual line on the page (top first)
    # where each word of `text` (split at its spaces) is printed: cells of a dense table closer than a segment
    # break run together into one segment, and are told apart again at these places
    words: tuple[tuple[float, float], ...] = ()
    # ... and each of its characters (spaces aside), where a cell printed flush against the next runs into it
    edges: tuple[tuple[float, float], ...] = ()


def segments(glyphs: list[Glyph]) -> list[Segment]:
    out: list[Segment] = []
    for number, line in enumerate(visual_lines(glyphs)):
        groups: list[list[Glyph]] = [[line[0]]]
        for glyph in line[1:]:
            previous = groups[-1][-1]
            size = max(min(glyph.size, previous.size), 1.0)
            if glyph.left - previous.right > SEGMENT_GAP * size and not _leader(previous, glyph):
                groups.append([glyph])
            else:
                groups[-1].append(glyph)
        for group in groups:
            sizes = sorted(g.size for g in group)
            out.append(
                Segment(
                    text=join_glyphs(group),
                    left=group[0].left,
                    right=group[-1].right,
                    top=max(g.top for g in group),
                    bottom=min(g.bottom for g in group),
                    baseline=max(g.baseline for g in group),
                    size=sizes[len(sizes) // 2],
                    alone=len(groups) == 1,
                    line=number,
                    words=word_spans(group),
                    edges=tuple((g.left, g.right) for g in group),
                )
            )
    return out


LEADERS = "…．.·"


def _leader(previous: Glyph, glyph: Glyph) -> bool:
    # a table of contents' dot leader runs up to its page number: keep it on the line
    return previous.char in LEADERS or glyph.char in LEADERS


def cell_text(glyphs: list[Glyph]) -> str:
    return join_wrapped([join_glyphs(line) for line in visual_lines(glyphs)])


def table_rows(table: Table) -> list[tuple[list[str], float]]:
    """Each grid row's cells (every column, merged cells at their anchor) and the row's top y; rows with no text
    are left out."""
    rows = []
    for r, row in enumerate(table.cells):
        texts = [cell_text(glyphs) if glyphs else "" for glyphs in row]
        if any(texts):
            rows.append((texts, table.ys[r]))
    return rows


# a running page number: - 3 -, 3 / 25, 第3页, 第3页 共25页, 3
_PAGE_NUMBER = re.compile(
    r"^(?:[-—–]\s*\d+\s*[-—–]|\d+\s*/\s*\d+|第\s*\d+\s*页(?:\s*[，,]?\s*共\s*\d+\s*页)?|\d{1,4})$"
)
# ... printed in the margin: this many of its heights clear of everything else on the page
PAGE_NUMBER_CLEARANCE = 1.5


def _margin_lines(glyphs: list[Glyph]) -> list[list[Glyph]]:
    """The page's top and foot lines where each stands clear of the rest by PAGE_NUMBER_CLEARANCE of its heights."""
    lines = visual_lines(glyphs)
    if len(lines) < 2:
        return []
    out = []
    for line, neighbour, top in ((lines[0], lines[1], True), (lines[-1], lines[-2], False)):
        clearance = PAGE_NUMBER_CLEARANCE * max(g.size for g in line)
        if top:
            clear = min(g.bottom for g in line) >= max(g.top for g in neighbour) + clearance
        else:
            clear = max(g.top for g in line) + clearance <= min(g.bottom for g in neighbour)
        if clear:
            out.append(line)
    return out


# a top or foot line printed alike (digits aside) on this share of the pages, and on 3 at least, runs on every page
RUNNING_SHARE = 0.5
MIN_RUNNING_PAGES = 3


def _small(lines: list[list[Glyph]], glyphs: list[Glyph]) -> list[list[Glyph]]:
    """The lines in print no larger than the page's body."""
    body = statistics.median(g.size for g in glyphs) if glyphs else 0.0
    return [line for line in lines if max(g.size for g in line) <= body]


def without_running_lines(pages: list[list[Glyph]]) -> list[list[Glyph]]:
    """Each page's glyphs without the running header or footer printed in its margin on most pages (the agency and
    the document's name above every page): read as text, it ran into the cover's title and stood between a table's
    rows on two pages."""
    # (small print only: a form's title printed at the top of every page, larger than the body, is the form's)
    margins = [_small(_margin_lines(glyphs), glyphs) for glyphs in pages]

    def key(line: list[Glyph]) -> str:
        return re.sub(r"\d+", "#", join_glyphs(line))

    counts: dict[str, int] = {}
    for lines in margins:
        for text in {key(line) for line in lines}:
            counts[text] = counts.get(text, 0) + 1
    running = {t for t, n in counts.items() if n >= MIN_RUNNING_PAGES and n >= RUNNING_SHARE * len(pages)}
    if not running:
        return pages
    out = []
    for glyphs, lines in zip(pages, margins, strict=True):
        drop = {id(g) for line in lines if key(line) in running for g in line}
        out.append([g for g in glyphs if id(g) not in drop] if drop else glyphs)
    return out


def without_page_numbers(glyphs: list[Glyph]) -> list[Glyph]:
    """The glyphs of a page without its running page number, the line at the very top or foot of the page holding
    nothing else, well clear of the rest: read as text, a number above the cover's title ran into it (`1 /
    22上海市普陀区…` stood for the agency) and a number between a table's rows on two pages parted them."""
    drop = {id(g) for line in _margin_lines(glyphs) if _PAGE_NUMBER.match(join_glyphs(line)) for g in line}
    return [g for g in glyphs if id(g) not in drop] if drop else glyphs
