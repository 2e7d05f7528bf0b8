"""Tables printed without ruling lines (or with horizontal rules only): lines whose text segments, split at wide
gaps, stand in columns shared with the lines around them. Without this a row came out as one line per cell (or
the whole table as one paragraph), and the table reader saw no table.

Columns are the gaps that run down the whole block: the x ranges that no segment of a row of figures covers. A
header segment spanning several columns (基本支出 over 人员经费 | 公用经费) sits at the first column it covers, as
a merged cell of a ruled table does."""

from __future__ import annotations

import re
from dataclasses import replace
from itertools import groupby

from budgetwh.ingest.pdf.compose import Segment, is_cjk

_FIGURE = re.compile(r"^-?(?:\d{1,3}(?:,\d{3})+|\d+)\.\d+$|^-?\d{1,3}(?:,\d{3})+$")
MIN_FIGURE_ROWS = 2  # rows holding a figure, each beside at least one other segment
MAX_HEADER_ROWS = 4
# a line this far below the one above it (in its own heights) no longer belongs to the same table
ROW_GAP = 2.6


def _width(text: str) -> int:
    """A text's width in digit widths: a CJK character is about two."""
    return sum(2 if is_cjk(ch) else 1 for ch in text)


def _split_figures(line: list[Segment]) -> list[Segment]:
    """Cells a segment runs together (columns closer than a segment break, as in a dense table): split at each
    space beside a figure, each piece placed by its share of the segment's width."""
    out: list[Segment] = []
    for seg in line:
        words = seg.text.split(" ")
        if len(words) < 2 or not any(_FIGURE.match(w) for w in words):
            out.append(seg)
            continue
        pieces: list[str] = [words[0]]
        for word in words[1:]:
            if _FIGURE.match(word) or _FIGURE.match(pieces[-1]):
                pieces.append(word)
            else:
                pieces[-1] = f"{pieces[-1]} {word}"
        if len(pieces) == 1:
            out.append(seg)
            continue
        step = (seg.right - seg.left) / max(_width(seg.text), 1)
        at = 0
        for piece in pieces:
            left = seg.left + at * step
            out.append(replace(seg, text=piece, left=left, right=left + _width(piece) * step, alone=False))
            at += _width(piece) + 1
    return out


def _is_figure_row(line: list[Segment]) -> bool:
    return len(line) >= 2 and any(_FIGURE.match(s.text.replace(" ", "")) for s in line[1:])


def _columns(rows: list[list[Segment]]) -> list[tuple[float, float]]:
    spans = sorted((s.left, s.right) for line in rows for s in line)
    columns: list[list[float]] = []
    for left, right in spans:
        if columns and left <= columns[-1][1] + 1.0:
            columns[-1][1] = max(columns[-1][1], right)
        else:
            columns.append([left, right])
    return [(a, b) for a, b in columns]


def _column_of(seg: Segment, columns: list[tuple[float, float]]) -> int:
    for index, (left, right) in enumerate(columns):
        if seg.left <= right and seg.right >= left:
            return index
    # in the gap between two columns (a header centred over a column of right-aligned figures): the column whose
    # right edge is the first at or right of the segment's centre
    centre = (seg.left + seg.right) / 2
    return next((i for i, (_, right) in enumerate(columns) if right >= centre), len(columns) - 1)


def unruled_tables(segs: list[Segment]) -> tuple[list[tuple[float, list[list[str]]]], list[Segment]]:
    """(top, rows of cells) of each table found among the text segments outside ruled tables (in the order
    `segments` gives them), and the segments left over."""
    if not any(not s.alone for s in segs):
        return [], segs  # every line is one segment: prose only
    lines = [_split_figures(list(group)) for _, group in groupby(segs, key=lambda s: s.line)]
    found: list[tuple[int, int]] = []  # [start, end) line ranges
    index = 0
    while index < len(lines):
        if not _is_figure_row(lines[index]):
            index += 1
            continue
        start = end = index
        figures = 0
        while end < len(lines):
            line = lines[end]
            if end > start:
                above = lines[end - 1][0]
                if above.baseline - line[0].baseline > ROW_GAP * max(above.size, line[0].size):
                    break
            if _is_figure_row(line):
                figures += 1
            elif len(line) < 2:
                break
            end += 1
        if figures >= MIN_FIGURE_ROWS:
            header = start
            while (
                header > 0
                and start - header < MAX_HEADER_ROWS
                and len(lines[header - 1]) >= 2
                and not any("：" in s.text or ":" in s.text for s in lines[header - 1])
                and lines[header - 1][0].baseline - lines[header][0].baseline
                <= ROW_GAP * max(lines[header - 1][0].size, lines[header][0].size)
            ):
                header -= 1
            found.append((header, end))
        index = max(end, index + 1)
    if not found:
        return [], segs
    tables: list[tuple[float, list[list[str]]]] = []
    taken: set[int] = set()  # lines read into a table
    for start, end in found:
        block = lines[start:end]
        columns = _columns([line for line in block if _is_figure_row(line)])
        if len(columns) < 2:
            continue
        rows: list[list[str]] = []
        for line in block:
            cells = [""] * len(columns)
            for seg in line:
                column = _column_of(seg, columns)
                cells[column] = f"{cells[column]} {seg.text}" if cells[column] else seg.text
            rows.append(cells)
        tables.append((max(s.top for s in block[0]), rows))
        taken.update(range(start, end))
    left = [seg for number, line in enumerate(lines) if number not in taken for seg in line]
    return tables, left
