"""What each row of a table says: whether it is header, figures or a total, and its label, codes (类/款/项, printed
together, in their own columns or bare under the rows above) and level within one half of the table. The columns'
side (header paths, measures, halves) is table_columns.py."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from budgetwh.ingest.errors import IngestError
from budgetwh.ingest.layouts.table_columns import CODE_LEVEL, Segment
from budgetwh.ingest.layouts.table_sections import is_number_cell
from budgetwh.ingest.text.cells import Row, parse_number, squash

# a row numbering the columns (栏次 1 2 3 …) is neither header nor figures
_COLUMN_NUMBERS = frozenset({"栏次", "行次"})
# a code alone in a cell, or codes with the name after them in one cell
CODE_ONLY = re.compile(r"^\d{3}(?:\s+\d{1,2}){0,2}$|^\d{5}$|^\d{7}$|^\d{1,2}$")
_CODE_AND_NAME = re.compile(
    r"^[\[【]?(\d{3}(?:[\s.．]+\d{1,2}){1,2}|\d{7}|\d{5}|\d{3})[\]】]?\s*([^\d\s.,．、\]】].*)$"
)


def is_total_label(text: str) -> bool:
    folded = squash(text)
    return folded.endswith(("合计", "总计")) and len(folded) <= 12


def is_data_row(row: Row) -> bool:
    """A row of figures: it holds a number or a code, or is the table's total row (an empty table prints one)."""
    filled = [c for c in row.cells if c]
    if not filled:
        return False
    if any(is_number_cell(c) or _CODE_AND_NAME.match(c) for c in filled):
        return True
    return is_total_label(filled[0]) and all(is_total_label(c) for c in filled)


def numbers_columns(row: Row) -> bool:
    first = next((c for c in row.cells if c), "")
    return squash(first) in _COLUMN_NUMBERS


def closes(row: Row, is_data: bool) -> bool:
    """A total row: a total label first (an empty table's 合计 may share its line with header words), or anywhere
    on a row of figures (a 收支总表 closes each half: 收入总计 … 支出总计)."""
    filled = [c for c in row.cells if c]
    if not filled:
        return False
    return is_total_label(filled[0]) or (is_data and any(is_total_label(c) for c in filled))


def _split_code(text: str) -> list[str] | None:
    """`2080501` / `208 05 01` / `208.05.01` / `30101` / `208` → the code levels (class first); None when not a
    code."""
    parts = text.replace(".", " ").replace("．", " ").split()
    if len(parts) == 1:
        digits = parts[0]
        if len(digits) == 7:
            return [digits[:3], digits[3:5], digits[5:]]
        if len(digits) == 5:
            return [digits[:3], digits[3:]]
        if len(digits) == 3:
            return [digits]
        return None
    if len(parts[0]) != 3 or not all(1 <= len(p) <= 2 and p.isdigit() for p in parts[1:]):
        return None
    return [parts[0], *(p.zfill(2) for p in parts[1:])]


# a bare 款 or 项 code run into its name (01 人大事务), read as such only under a class
_BARE_AND_NAME = re.compile(r"^(\d{2})\s*([^\d\s.,．、%％].*)$")
# a code printed with points between its levels (201.01.01); with one point (201.01) it reads as a figure too, and
# is a code only where the row's name follows it
_DOTTED = re.compile(r"^\d{3}(?:[.．]\d{2}){1,2}$")


def _dotted_code(text: str, row: Row, column: int, columns: Sequence[int]) -> bool:
    if not _DOTTED.match(text):
        return False
    if text.count(".") + text.count("．") > 1:
        return True
    after = next((row.cell(c) for c in columns if c > column and row.cell(c)), "")
    return bool(after) and not is_number_cell(after)


@dataclass
class RowKey:
    label: str | None
    codes: tuple[str | None, str | None, str | None]
    level: str


@dataclass
class CodeTrail:
    """The codes of the rows above, for a row that prints only its own level's code: the last class and kind, the
    level of the last coded row, and the kind's first amount against the sum of its items so far (a bare `01` after
    an item is another item until the items add up to their kind, then a new kind)."""

    class_code: str | None = None
    kind_code: str | None = None
    level: int = -1
    kind_amount: Decimal | None = None
    items_sum: Decimal = Decimal(0)
    items: int = 0
    half_unit: Decimal = Decimal(0)
    deepest: int = 2  # 1 where the codes are 经济分类 (类 + 款, no 项)

    def bare_level(self, amount: Decimal | None) -> int | None:
        """The level (1 款, 2 项) of a bare code printed in a column that does not say its level."""
        if self.class_code is None or self.level < 0:
            return None
        if self.deepest == 1:
            return 1
        if self.level != 2 or self.kind_amount is None:
            return self.level + 1 if self.level < 2 else 2
        if not amount:
            return 2  # (a blank or zero row after an item is one more item)
        left = self.kind_amount - self.items_sum
        return 1 if abs(left) <= self.half_unit * self.items else 2

    def note(self, codes: Sequence[str | None], amount: Decimal | None, printed: str) -> None:
        if codes[0] is None:
            return
        self.class_code, self.kind_code = codes[0], codes[1]
        self.level = 2 if codes[2] else 1 if codes[1] else 0
        if self.level == 1:
            self.kind_amount, self.items_sum, self.items = amount, Decimal(0), 0
            decimals = len(printed.rpartition(".")[2]) if "." in printed else 0
            self.half_unit = Decimal(5) / Decimal(10) ** (decimals + 1)
        elif self.level == 2:
            self.items_sum += amount or 0
            self.items += 1


def _first_amount(row: Row, segment: Segment) -> tuple[Decimal | None, str]:
    """The row's first figure in the segment (its total), as a number and as printed."""
    for column in segment.amount_columns:
        text = row.cell(column)
        if text and is_number_cell(text):
            try:
                return parse_number(text, file_name="", line=0, what=""), text
            except IngestError:  # (a figure too long for any amount: refused where the cell is read)
                return None, text
    return None, ""


def _read_codes(codes: list[str | None], split: Sequence[str]) -> None:
    for offset, part in enumerate(split):
        codes[offset] = part


def row_key(
    row: Row,
    segment: Segment,
    code_levels: dict[int, int],
    trail: CodeTrail,
) -> tuple[RowKey, list[int]]:
    """The row's label and codes within one segment, and the label columns that hold amounts instead (a number
    that is no code, printed where a label was expected)."""
    codes: list[str | None] = [None, None, None]
    label: str | None = None
    stray: list[int] = []
    amount, printed = _first_amount(row, segment)
    for column in segment.label_columns:
        text = row.cell(column)
        if not text or squash(text) in CODE_LEVEL:  # 类/款/项 printed on a total row's line
            continue
        if CODE_ONLY.match(text) or _dotted_code(text, row, column, segment.label_columns):
            if len(text) <= 2:  # a 款 or 项 in its own column, or alone under its class
                level = code_levels.get(column)
                if not level:  # (no level over the column, or 类 over a code too short for a class)
                    level = (1 if codes[1] is None else 2) if codes[0] is not None else trail.bare_level(amount)
                if level is not None and level > 0:
                    codes[level] = text.zfill(2)
                    continue
            elif (split := _split_code(text)) is not None:
                _read_codes(codes, split)
                continue
        match = _CODE_AND_NAME.match(text)
        if match and (split := _split_code(match.group(1))) is not None:
            _read_codes(codes, split)
            label = label or match.group(2).strip()
            continue
        bare = _BARE_AND_NAME.match(text) if codes[0] is None else None
        if bare and (level := trail.bare_level(amount)) is not None:  # 01 人大事务 under its class
            codes[level] = bare.group(1)
            label = label or bare.group(2).strip()
            continue
        if is_number_cell(text) and ("," in text or "." in text):
            stray.append(column)
            continue
        if label is None and not text.isdigit():  # (a 序号 is no label)
            label = text
    # a 款 or 项 printed without the levels above it belongs to the last class (and kind) printed
    if codes[0] is None and (codes[1] or codes[2]):
        codes[0] = trail.class_code
        if codes[1] is None:
            codes[1] = trail.kind_code
    trail.note(codes, amount, printed)
    return RowKey(label, (codes[0], codes[1], codes[2]), _level(label, codes)), stray


def _level(label: str | None, codes: Sequence[str | None]) -> str:
    if label is not None and is_total_label(label) and not any(codes):
        return "total"
    if codes[2]:
        return "item"
    if codes[1]:
        return "kind"
    return "class" if codes[0] else "line"


def label_columns_from_data(data_rows: Sequence[Row], width: int) -> list[bool]:
    """Label columns of a table printed without header rows: those holding words, and the code columns left of
    them."""
    flags = [False] * width
    for row in data_rows:
        for column, text in enumerate(row.cells):
            if text and not is_number_cell(text) and not CODE_ONLY.match(text):
                flags[column] = True
    for row in data_rows:
        for column, text in enumerate(row.cells[:width]):
            if not text:
                continue
            if not CODE_ONLY.match(text):
                break  # the row's label: codes are printed before it
            flags[column] = True
    return flags
