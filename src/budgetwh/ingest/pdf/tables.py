"""Tables from ruling lines: the rules that touch each other form one table; its distinct rule positions form the
column and row grid, and a grid boundary with no rule drawn along it is a merged cell."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field

from budgetwh.ingest.pdf.glyphs import MIN_RULE_LENGTH, Glyph, Rule

# rules this close (points) are one position; segments on one position this close are one segment
SNAP = 2.0
JOIN_GAP = 2.5
# ... or this close when one of them is a dash (a border drawn dashed or dotted: the gaps are the pattern's, and a
# merged cell's gap in a rule is a cell wide)
DASH_GAP = 4.5


@dataclass
class Table:
    xs: list[float]  # column boundaries, left to right
    ys: list[float]  # row boundaries, top to bottom (descending PDF y)
    horizontals: list[Rule]
    verticals: list[Rule]
    cells: list[list[list[Glyph]]] = field(default_factory=list)  # [row][column] → glyphs (merged: at the anchor)
    anchor: dict[tuple[int, int], tuple[int, int]] = field(default_factory=dict)

    @property
    def left(self) -> float:
        return self.xs[0]

    @property
    def right(self) -> float:
        return self.xs[-1]

    @property
    def top(self) -> float:
        return self.ys[0]

    @property
    def bottom(self) -> float:
        return self.ys[-1]

    def contains(self, x: float, y: float) -> bool:
        return self.xs[0] - 1 <= x <= self.xs[-1] + 1 and self.ys[-1] - 1 <= y <= self.ys[0] + 1

    def locate(self, x: float, y: float) -> tuple[int, int]:
        column = min(max(bisect_right(self.xs, x) - 1, 0), len(self.xs) - 2)
        # ys descend: count boundaries above y
        row = 0
        while row < len(self.ys) - 2 and y < self.ys[row + 1]:
            row += 1
        return row, column


def _cluster(values: list[float]) -> list[float]:
    out: list[list[float]] = []
    for value in sorted(values):
        if out and value - out[-1][-1] <= SNAP:
            out[-1].append(value)
        else:
            out.append([value])
    return [sum(group) / len(group) for group in out]


def _merge(rules: list[Rule], horizontal: bool) -> list[Rule]:
    """Collinear overlapping or touching segments become one (office suites draw every cell edge separately)."""
    chosen = sorted((r for r in rules if r.horizontal == horizontal), key=lambda r: (r.pos, r.lo))
    lines: list[list[Rule]] = []
    for rule in chosen:
        if lines and rule.pos - lines[-1][0].pos <= SNAP:
            lines[-1].append(rule)
        else:
            lines.append([rule])
    merged: list[Rule] = []
    for group in lines:
        pos = sum(r.pos for r in group) / len(group)
        spans = sorted((r.lo, r.hi) for r in group)
        lo, hi = spans[0]
        last = hi - lo  # the length of the piece that ends the line so far
        for a, b in spans[1:]:
            dash = last < MIN_RULE_LENGTH or b - a < MIN_RULE_LENGTH
            if a <= hi + (DASH_GAP if dash else JOIN_GAP):
                if b > hi:
                    hi, last = b, b - a
            else:
                merged.append(Rule(horizontal, pos, lo, hi))
                lo, hi, last = a, b, b - a
        merged.append(Rule(horizontal, pos, lo, hi))
    # a dash that joined no other is no rule (a hyphen, a tick)
    return [rule for rule in merged if rule.hi - rule.lo >= MIN_RULE_LENGTH]


def _touch(h: Rule, v: Rule) -> bool:
    return h.lo - SNAP <= v.pos <= h.hi + SNAP and v.lo - SNAP <= h.pos <= v.hi + SNAP


def find_tables(rules: list[Rule]) -> list[Table]:
    horizontals = _merge(rules, True)
    verticals = _merge(rules, False)
    parent = list(range(len(horizontals) + len(verticals)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, h in enumerate(horizontals):
        for j, v in enumerate(verticals):
            if _touch(h, v):
                a, b = find(i), find(len(horizontals) + j)
                if a != b:
                    parent[a] = b
    groups: dict[int, tuple[list[Rule], list[Rule]]] = {}
    for i, h in enumerate(horizontals):
        groups.setdefault(find(i), ([], []))[0].append(h)
    for j, v in enumerate(verticals):
        groups.setdefault(find(len(horizontals) + j), ([], []))[1].append(v)
    tables = []
    for hs, vs in groups.values():
        if len(hs) < 2 or len(vs) < 2:
            continue
        xs = _cluster([v.pos for v in vs])
        ys = sorted(_cluster([h.pos for h in hs]), reverse=True)
        if len(xs) < 2 or len(ys) < 2:
            continue
        tables.append(Table(xs, ys, hs, vs))
    tables.sort(key=lambda t: (-t.top, t.left))
    return tables


def _has_vertical(table: Table, x: float, y: float) -> bool:
    return any(abs(v.pos - x) <= SNAP and v.lo - SNAP <= y <= v.hi + SNAP for v in table.verticals)


def _has_horizontal(table: Table, y: float, x: float) -> bool:
    return any(abs(h.pos - y) <= SNAP and h.lo - SNAP <= x <= h.hi + SNAP for h in table.horizontals)


def fill(table: Table, glyphs: list[Glyph]) -> None:
    """Merge grid cells that no rule separates and put each glyph into the cell its centre falls in."""
    rows, columns = len(table.ys) - 1, len(table.xs) - 1
    anchor: dict[tuple[int, int], tuple[int, int]] = {}
    for r in range(rows):
        mid_y = (table.ys[r] + table.ys[r + 1]) / 2
        for c in range(columns):
            mid_x = (table.xs[c] + table.xs[c + 1]) / 2
            here = (r, c)
            if c > 0 and not _has_vertical(table, table.xs[c], mid_y):
                here = anchor[(r, c - 1)]
            if r > 0 and not _has_horizontal(table, table.ys[r], mid_x):
                above = anchor[(r - 1, c)]
                # a cell merged both ways keeps the top-left anchor
                if here == (r, c) or above[0] < here[0] or (above[0] == here[0] and above[1] < here[1]):
                    here = above
            anchor[(r, c)] = here
    table.anchor = anchor
    table.cells = [[[] for _ in range(columns)] for _ in range(rows)]
    for glyph in glyphs:
        r, c = table.locate(glyph.cx, glyph.cy)
        ar, ac = anchor[(r, c)]
        table.cells[ar][ac].append(glyph)
