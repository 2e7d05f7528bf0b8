"""Rows of a table printed without rules whose cells wrap over two or more lines: each line of a wrapped cell is a
visual line of its own (above and below the row's figures when the cell is centred, below them when it is set at
the top), which the column reading gives as a row of its own. A line of text without figures this close to a row
of figures is part of that row, as the lines of a ruled cell are: a cell's lines stand closer than its rows do.
(A line set at the top of its cell, the figures on its first line, is left a row of its own: its next lines are as
far below as a row is in a tight table.)"""

from __future__ import annotations

import re

from budgetwh.ingest.pdf.compose import join_wrapped

# a line without figures nearer a row of figures than this many of its glyph heights belongs to it (the lines of a
# cell centred on its row stand half a line above and below the figures; a row of a label only, such as a class
# with no amount, stands a whole row apart: 1.5 heights or more)
FRAGMENT = 0.8


_FIGURE = re.compile(r"^-?[\d,]+(?:\.\d+)?$")
_CODE = re.compile(r"^\d+(?: \d+)*(?= |$)")


def _cell(parts: list[str], own: int) -> str:
    """The lines of one cell, top first (`own`: the index of the line holding the row's figures): CJK joined with no
    space. A code the row's line starts with (201 32, printed left of a name whose lines stand above and below it)
    leads the cell."""
    code = _CODE.match(parts[own])
    if code:
        parts = [*parts[:own], parts[own][code.end() :].strip(), *parts[own + 1 :]]
    text = join_wrapped(parts)
    if code:
        return f"{code.group()} {text}" if text else code.group()
    return text


def join_wrapped_rows(
    rows: list[list[str]], baselines: list[float], sizes: list[float], figures: list[bool]
) -> list[list[str]]:
    """`rows`: the cells of each visual line of a table (header first), `baselines` and `sizes` their heights on the
    page and glyph heights, `figures` whether each is a row of figures. Lines before the first row of figures are
    the header's."""
    lines = [i for i, figure in enumerate(figures) if figure]
    owner: dict[int, int] = {}  # line → the row of figures it belongs to
    for index in range(lines[0] + 1 if lines else len(rows), len(rows)):
        if figures[index]:
            continue
        nearest = min(lines, key=lambda line: abs(baselines[line] - baselines[index]))
        # (a line whose text falls on a figure of the row is no part of its cells: the columns were misread)
        clear = not any(text and _FIGURE.match(rows[nearest][c]) for c, text in enumerate(rows[index]))
        if clear and abs(baselines[nearest] - baselines[index]) < FRAGMENT * sizes[index]:
            owner[index] = nearest
    if not owner:
        return rows
    members: dict[int, list[int]] = {line: [line] for line in lines}
    for index, line in owner.items():
        members[line].append(index)
    out: list[list[str]] = []
    for index, cells in enumerate(rows):
        if index in owner:
            continue
        if index not in members or len(members[index]) == 1:
            out.append(cells)
            continue
        parts = sorted(members[index], key=lambda i: -baselines[i])  # top line first
        own = parts.index(index)
        out.append([_cell([rows[part][column] for part in parts], own) for column in range(len(cells))])
    return out
