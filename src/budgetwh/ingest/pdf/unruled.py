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

from budgetwh.ingest.pdf.compose import Segment
from budgetwh.ingest.pdf.wrapped import join_wrapped_rows

_FIGURE = re.compile(r"^-?(?:\d{1,3}(?:,\d{3})+|\d+)\.\d+$|^-?\d{1,3}(?:,\d{3})+$")
MIN_FIGURE_ROWS = 2  # rows holding a figure, each beside at least one other segment
MIN_LONE_ROW_FIGURES = 2  # ... or one row of figures alone under its header holding this many
MAX_HEADER_ROWS = 4
# a table of one row (三公) may have a header of 4 levels whose cells merged over two levels are centred between
# them: up to this many visual lines, further apart than rows are
MAX_LONE_HEADER_ROWS = 6
ALIGNED = 1.0  # points: two cells starting this close start in one column
FLUSH_GAP = 0.3  # glyph heights: two cells typeset flush leave at least this gap between them
MAX_HEADER_CELL = 12  # characters: a header cell is a few words (a longer line alone is prose or a title)
# a line this far below the one above it (in its own heights) no longer belongs to the same table
ROW_GAP = 2.6
LONE_HEADER_GAP = 3.5
# a header cell centred over columns: its centre this close to theirs (share of the narrowest column's width)
CENTRED_HEADER = 0.25


def _split_figures(line: list[Segment]) -> list[Segment]:
    """Cells a segment runs together (columns closer than a segment break, as in a dense table): split at each
    space beside a figure, each piece where its words are printed."""
    out: list[Segment] = []
    for seg in line:
        words = seg.text.split(" ")
        if len(words) < 2 or not any(_FIGURE.match(w) for w in words):
            out.append(seg)
            continue
        pieces: list[list[int]] = [[0]]  # word indexes of each piece
        for index, word in enumerate(words[1:], start=1):
            if _FIGURE.match(word) or _FIGURE.match(words[pieces[-1][-1]]):
                pieces.append([index])
            else:
                pieces[-1].append(index)
        if len(pieces) == 1:
            out.append(seg)
            continue
        out.extend(_cut(seg, words, piece[0], piece[-1]) for piece in pieces)
    return out


def _cut(seg: Segment, words: list[str], first: int, last: int) -> Segment:
    """The words first..last of a segment as a segment of their own, where they are printed."""
    at = sum(len(w) for w in words[:first])
    chars = sum(len(w) for w in words[first : last + 1])
    return replace(
        seg,
        text=" ".join(words[first : last + 1]),
        left=seg.words[first][0],
        right=seg.words[last][1],
        alone=False,
        words=seg.words[first : last + 1],
        edges=seg.edges[at : at + chars],
    )


def _at_columns(seg: Segment, columns: list[tuple[float, float]]) -> list[Segment]:
    """A header segment running over the start of a column cut there: cells typeset flush left in their column,
    closer than a segment break (因公出国(境)费 | 公务接待费 | 公务用车购置及运行费), start exactly where the column's
    figures do. A header centred over its columns (right-aligned figures) starts nowhere exact and stays whole."""
    text = seg.text.replace(" ", "")
    if len(seg.edges) != len(text) or _FIGURE.match(text):
        return [seg]
    starts = [left for left, _ in columns[1:]]
    gap = FLUSH_GAP * seg.size  # between the last glyph of one cell and the first of the next (none inside a word)
    cuts = [
        i
        for i in range(1, len(text))
        if seg.edges[i][0] - seg.edges[i - 1][1] > gap and any(abs(seg.edges[i][0] - x) <= ALIGNED for x in starts)
    ]
    if not cuts:
        return [seg]
    out = []
    for a, b in zip([0, *cuts], [*cuts, len(text)], strict=True):
        left, right = seg.edges[a][0], seg.edges[b - 1][1]
        out.append(replace(seg, text=text[a:b], left=left, right=right, words=((left, right),), edges=seg.edges[a:b]))
    return out


def _words(line: list[Segment]) -> list[Segment]:
    """A table line's segments cut at every space: inside a table a space is a gap between cells closer than a
    segment break (a 款 code beside its 项 code and name) as often as one inside a cell, and the cells' words fall in
    one column of the table when they are one cell."""
    out: list[Segment] = []
    for seg in line:
        texts = seg.text.split(" ")
        if len(texts) != len(seg.words) or len(texts) < 2:
            out.append(seg)
            continue
        out.extend(_cut(seg, texts, index, index) for index in range(len(texts)))
    return out


def _is_figure_row(line: list[Segment]) -> bool:
    return len(line) >= 2 and any(_FIGURE.match(s.text.replace(" ", "")) for s in line[1:])


def _is_header_line(line: list[Segment], first_row: list[Segment]) -> bool:
    """A line right above a table's first row of figures that heads its columns: several cells, or one short cell
    (a header row whose other cells are merged from above) in the rows' type size, never a `单位：元` line or a
    title."""
    if any("：" in s.text or ":" in s.text for s in line):
        return False
    if len(line) >= 2:
        return True
    (seg,) = line
    size = max(s.size for s in first_row)
    return len(seg.text) <= MAX_HEADER_CELL and seg.size <= 1.1 * size


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


def _close(above: list[Segment], line: list[Segment]) -> bool:
    """Whether `line` is near enough below `above` to be the table's next row."""
    return above[0].baseline - line[0].baseline <= ROW_GAP * max(above[0].size, line[0].size)


def _figure_edges(lines: list[list[Segment]]) -> list[float]:
    """The left and right edges of the figures of some table lines."""
    return [x for line in lines for seg in line if _FIGURE.match(seg.text) for x in (seg.left, seg.right)]


def _follows(lines: list[list[Segment]], start: int, at: int) -> bool:
    """Whether lines[at] is the next row of the table of lines[start:at]: close below the line above, or a row of
    figures standing in the table's figure columns further down (a total row printed below the blank rows of a
    form: nothing printed in between)."""
    if _close(lines[at - 1], lines[at]):
        return True
    if not _is_figure_row(lines[at]):
        return False
    edges = _figure_edges(lines[start:at])
    own = [seg for seg in lines[at] if _FIGURE.match(seg.text)]
    return all(
        any(abs(seg.left - x) <= ALIGNED for x in edges) or any(abs(seg.right - x) <= ALIGNED for x in edges)
        for seg in own
    )


def _table_end(lines: list[list[Segment]], start: int) -> tuple[int, int]:
    """(end, rows of figures) of the table whose first row of figures is lines[start]. Its rows run on while each
    follows the one above; a row with a label only (a class with no amount: 七、文化旅游体育与传媒支出) is one of
    them when it starts where a cell of the table does and a row of figures follows it."""
    end, figures = start, 0
    while end < len(lines):
        if end > start and not _follows(lines, start, end):
            break
        if _is_figure_row(lines[end]):
            figures += 1
            end += 1
            continue
        if len(lines[end]) >= 2:
            end += 1
            continue
        lefts = [seg.left for line in lines[start:end] for seg in line]
        after = end
        while (
            after < len(lines)
            and len(lines[after]) == 1
            and any(abs(lines[after][0].left - left) <= ALIGNED for left in lefts)
            and _close(lines[after - 1], lines[after])
        ):
            after += 1
        if after == end or after == len(lines) or not _follows(lines, start, after):
            break
        if not _is_figure_row(lines[after]):
            break
        end = after
    return end, figures


def _lone_row(lines: list[list[Segment]], start: int, end: int) -> bool:
    """Whether lines[start] is the one row of a table of one row: figures only, no row label (a 三公 table's row),
    several of them, and no other row of figures right after it (a row of a table whose wrapped cells cut it into
    lines of their own is followed by the next)."""
    row = lines[start]
    return (
        all(_FIGURE.match(seg.text) or seg.text.isdigit() for seg in row)
        and sum(bool(_FIGURE.match(seg.text)) for seg in row) >= MIN_LONE_ROW_FIGURES
        and not any(_is_figure_row(line) for line in lines[end : end + 2])
    )


def _header_start(lines: list[list[Segment]], start: int, most: int = MAX_HEADER_ROWS, gap: float = ROW_GAP) -> int:
    header = start
    while (
        header > 0
        and start - header < most
        and _is_header_line(lines[header - 1], lines[start])
        and lines[header - 1][0].baseline - lines[header][0].baseline
        <= gap * max(lines[header - 1][0].size, lines[header][0].size)
    ):
        header -= 1
    return header


def _header_columns(block: list[list[Segment]]) -> list[tuple[float, float]] | None:
    """The columns of a table of one row of figures under a header whose lowest level heads every column (预算数 |
    决算数 under each 三公 heading): one per cell of the header line with the most cells, each reaching halfway to
    its neighbours; None unless every figure of the row stands under a cell of its own."""
    figures = [line for line in block if _is_figure_row(line)]
    header = [[cell for seg in line for cell in _at_gaps(seg)] for line in block[: block.index(figures[0])]]
    if not header:
        return None
    lowest = sorted(max(header, key=len), key=lambda seg: seg.left)
    values = [seg for seg in figures[0] if _FIGURE.match(seg.text)]
    if len(lowest) < 2 or len(lowest) < len(figures[0]):
        return None
    edges = [min(seg.left for line in block for seg in line)]
    edges += [(a.right + b.left) / 2 for a, b in zip(lowest, lowest[1:], strict=False)]
    edges.append(max(seg.right for line in block for seg in line))
    columns = list(zip(edges, edges[1:], strict=False))
    placed = [_column_under(seg, columns) for seg in values]
    if len(set(placed)) != len(placed):
        return None
    return columns


def _at_gaps(seg: Segment) -> list[Segment]:
    """A header segment cut wherever its glyphs stand apart (cells typeset flush left in narrow columns run into one
    segment: 预算数决算数预算数…; a header word is printed solid)."""
    text = seg.text.replace(" ", "")
    if len(seg.edges) != len(text):
        return [seg]
    gap = FLUSH_GAP * seg.size
    cuts = [i for i in range(1, len(text)) if seg.edges[i][0] - seg.edges[i - 1][1] > gap]
    out = []
    for a, b in zip([0, *cuts], [*cuts, len(text)], strict=True):
        left, right = seg.edges[a][0], seg.edges[b - 1][1]
        out.append(replace(seg, text=text[a:b], left=left, right=right, words=((left, right),), edges=seg.edges[a:b]))
    return out


def _column_headed(seg: Segment, columns: list[tuple[float, float]], others: list[Segment]) -> int:
    """The first column a header cell heads. A cell centred over several columns (merged: 公务用车购置及运行费 over
    小计 | 购置费 | 运行费, each over 预算数 | 决算数) heads the widest run of columns it is centred on whose edges cut
    through no other header cell and which holds no other cell of its line nor a cell printed above that belongs
    elsewhere; a cell centred on none (typeset flush left) heads the first column it reaches."""
    centre = (seg.left + seg.right) / 2
    tolerance = CENTRED_HEADER * min(right - left for left, right in columns)

    def cuts(edge: float) -> bool:
        return any(other.left + 1.0 < edge < other.right - 1.0 for other in others)

    def shared(left: float, right: float) -> bool:  # with another cell of its line
        return any(o.line == seg.line and o.left < right and o.right > left for o in others)

    def orphans(left: float, right: float) -> bool:
        # a cell printed above inside the run that no run around this one is centred on (因公出国（境）费 inside a
        # run of 小计 too wide): the run would put a cell of another branch under this one
        return any(
            o.line < seg.line
            and left - 1.0 <= o.left
            and o.right <= right + 1.0
            and not any(
                abs((a + b) / 2 - (o.left + o.right) / 2) <= tolerance
                for a, _ in columns
                if a <= left
                for _, b in columns
                if b >= right
            )
            for o in others
        )

    best: tuple[int, int] | None = None
    for first in range(len(columns)):
        left = columns[first][0]
        if left > seg.left + 1.0 or cuts(left):
            continue
        for last in range(len(columns) - 1, first - 1, -1):
            right = columns[last][1]
            if right < seg.right - 1.0:
                break
            if (
                abs((left + right) / 2 - centre) <= tolerance
                and not cuts(right)
                and not shared(left, right)
                and not orphans(left, right)
            ):
                if best is None or last - first > best[1] - best[0]:
                    best = (first, last)
                break
    return best[0] if best is not None else _column_of(seg, columns)


def _column_under(seg: Segment, columns: list[tuple[float, float]]) -> int:
    """The column a figure stands in: the one its centre falls in (a right-aligned figure wider than its header's
    reach crosses into the column to its left)."""
    centre = (seg.left + seg.right) / 2
    return next((i for i, (_, right) in enumerate(columns) if centre <= right), len(columns) - 1)


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
        start = index
        end, figures = _table_end(lines, start)
        header = _header_start(lines, start)
        # one row of figures under its header is a table of its own (a 三公 table)
        single = figures == 1 and header < start and _lone_row(lines, start, end)
        if single:
            header = _header_start(lines, start, MAX_LONE_HEADER_ROWS, LONE_HEADER_GAP)
        if figures >= MIN_FIGURE_ROWS or single:
            found.append((header, end))
        index = max(end, index + 1)
    if not found:
        return [], segs
    tables: list[tuple[float, list[list[str]]]] = []
    taken: set[int] = set()  # lines read into a table
    for start, end in found:
        block = [_words(line) for line in lines[start:end]]
        columns = _columns([line for line in block if _is_figure_row(line)])
        if len(columns) < 2:
            continue
        cut = [[piece for whole in line for piece in _at_columns(whole, columns)] for line in block]
        by_header = False
        if sum(map(_is_figure_row, block)) == 1 and any(
            not any(seg.left <= right and seg.right >= left for left, right in columns) for line in cut for seg in line
        ):
            # a table of one row with a header cell over no figure (a column left blank): its columns cannot be
            # told from that row, only from its header's lowest cells; without them a cell read under the wrong
            # header would be a wrong fact, and the table is left unread
            columns = _header_columns(block)
            if columns is None:
                continue
            cut = [[cell for seg in line for cell in _at_gaps(seg)] for line in block]
            by_header = True
        rows: list[list[str]] = []
        for line in cut:
            cells = [""] * len(columns)
            for seg in line:
                if not by_header:
                    column = _column_of(seg, columns)
                elif _FIGURE.match(seg.text):
                    column = _column_under(seg, columns)
                else:
                    column = _column_headed(seg, columns, [other for row in cut for other in row if other is not seg])
                cells[column] = f"{cells[column]} {seg.text}" if cells[column] else seg.text
            rows.append(cells)
        rows = join_wrapped_rows(
            rows,
            [line[0].baseline for line in block],
            [min(seg.size for seg in line) for line in block],
            [_is_figure_row(line) for line in block],
        )
        tables.append((max(s.top for s in block[0]), rows))
        taken.update(range(start, end))
    left = [seg for number, line in enumerate(lines) if number not in taken for seg in line]
    return tables, left
