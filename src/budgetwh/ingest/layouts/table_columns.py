"""What the rows and columns of a table say: which rows are header, figures or totals; each column's header path (a
merged header cell spreads over the blank cells to its right under the same upper cells) and, read from it, whether
the column holds labels or amounts and which measure and phase its amounts are; each row's label, codes (类/款/项)
and level within its half of the table (a table printed in side-by-side halves repeats its label columns)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from budgetwh.ingest.errors import IngestError
from budgetwh.ingest.layouts.table_sections import is_number_cell
from budgetwh.ingest.text.cells import Row, parse_number, squash

# header words naming a label column (compared folded); 编码/名称 may be part of a longer header
_LABEL_EXACT = frozenset({"项目", "类", "款", "项", "序号", "行次", "栏次", "科目", "单位名称"})
# a row numbering the columns (栏次 1 2 3 …) is neither header nor figures
_COLUMN_NUMBERS = frozenset({"栏次", "行次"})
_LABEL_PARTS = ("科目", "编码", "代码", "名称")
CODE_LEVEL = {"类": 0, "款": 1, "项": 2}

# a code alone in a cell, or codes with the name after them in one cell
CODE_ONLY = re.compile(r"^\d{3}(?:\s+\d{1,2}){0,2}$|^\d{5}$|^\d{7}$|^\d{1,2}$")
_CODE_AND_NAME = re.compile(
    r"^[\[【]?(\d{3}(?:[\s.．]+\d{1,2}){1,2}|\d{7}|\d{5}|\d{3})[\]】]?\s*([^\d\s.,．、\]】].*)$"
)

# measure from a header word, matched by substring, the most specific first
_MEASURES = (
    ("人员经费", "personnel"),
    ("公用经费", "public"),
    ("基本支出", "basic"),
    ("项目支出", "project"),
    ("上缴上级", "remittance_to_higher"),
    ("对附属单位补助", "subsidy_to_affiliates"),
    ("附属单位上缴", "affiliated_remittance"),
    ("上级补助", "higher_subsidy"),
    ("事业单位经营", "operating_income"),
    ("经营收入", "operating_income"),
    ("经营支出", "operating_expenditure"),
    ("事业收入", "business_income"),
    ("其他收入", "other_income"),
    ("年初结转", "opening_balance"),
    ("上年结转", "opening_balance"),  # a budget's carry-over from the year before (上年结转 / 上年结转结余)
    ("结转下年", "closing_balance"),
    ("年末结转", "closing_balance"),
    ("结余分配", "surplus_distribution"),
    ("非财政拨款结余", "non_appropriation_surplus"),
    ("因公出国", "outbound_travel"),
    ("公务用车购置及运行", "official_vehicles"),
    ("购置费", "vehicle_purchase"),
    ("运行费", "vehicle_operation"),
    ("运行维护", "vehicle_operation"),
    ("公务接待", "official_reception"),
    ("机关运行经费", "office_operation"),
    ("一般公共预算", "general_public"),
    ("政府性基金", "gov_fund"),
    ("国有资本经营", "state_capital"),
    ("财政拨款", "fiscal_appropriation"),
    ("本年收入", "revenue"),
    ("本年支出", "expenditure"),
)
# header words that say the phase (and not the measure): the measure is then read from the level above
_PHASE_WORDS = (
    ("决算", "final_account"),
    ("调整预算", "adjusted_budget"),
    ("全年预算", "adjusted_budget"),
    ("执行", "execution"),
    ("年初预算", "budget"),
    ("预算数", "budget"),
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


def column_paths(header_rows: Sequence[Row], width: int) -> list[list[str]]:
    """Each column's header path, upper levels first. A header cell covers the blank cells to its right in its row
    that lie under the same upper cells (a merged header is printed at its first column)."""
    paths: list[list[str]] = [[] for _ in range(width)]
    owners: list[tuple[int, ...]] = [() for _ in range(width)]  # the upper cells covering each column
    for level, row in enumerate(header_rows):
        cells = [row.cell(i) for i in range(width)]
        covered: list[int] = [-1] * width
        for column in range(width):
            if cells[column]:
                covered[column] = column
            elif column > 0 and covered[column - 1] >= 0 and owners[column] == owners[column - 1]:
                covered[column] = covered[column - 1]
        for column in range(width):
            if covered[column] >= 0:
                paths[column].append(cells[covered[column]])
        owners = [owner + ((level, covered[column]),) for column, owner in enumerate(owners)]
    return paths


def is_label_path(path: Sequence[str]) -> bool:
    for part in path:
        folded = squash(part)
        if folded in _LABEL_EXACT or folded.endswith("项目") or any(p in folded for p in _LABEL_PARTS):
            return True
    return False


# groups whose 小计 is a table's total (本年支出: 小计 | 基本支出 | 项目支出), not the total of one part of it
_WHOLE_GROUPS = frozenset({"revenue", "expenditure"})


def measure_of(path: tuple[str, ...]) -> str:
    """The measure a column holds, read from its deepest header word that names one; phase words (预算数, 决算数)
    and 小计 defer to the level above (公务用车购置及运行费/小计), except under 本年收入 / 本年支出 where 小计 is the
    total; 合计/总计 say total."""
    if len(path) > 1 and squash(path[-1]) == "小计" and measure_of(path[:-1]) in _WHOLE_GROUPS:
        return "total"
    for part in reversed(path):
        folded = squash(part)
        if folded.endswith(("合计", "总计")):
            return "total"
        for word, measure in _MEASURES:
            if word in folded:
                return measure
    return "total"


# what the header of a table's half may measure: a 基本支出表 printed as a 人员经费 half beside a 公用经费 half
_HALF_MEASURES = frozenset({"personnel", "public", "basic", "project"})


def column_measure(path: tuple[str, ...], halves: bool) -> str:
    """The measure of a column. In a table printed in halves the half's own header (本年收入, 财政拨款支出) says
    which side, not what the column measures, unless it names a part of the spending (人员经费 | 公用经费 halves,
    each column only 金额 under it)."""
    if not halves or len(path) < 2:
        return measure_of(path)
    own = measure_of(path[1:])
    if own == "total" and not any(squash(part).endswith(("合计", "总计")) for part in path[1:]):
        side = measure_of(path[:1])
        if side in _HALF_MEASURES:
            return side
    return own


_YEAR = re.compile(r"(\d{4})\s*年")
# a header naming last year's figure (上年预算数, 上年执行数); 上年结转 is this year's money carried over
_LAST_YEAR = re.compile(r"上一?年度?(?:预算|执行|决算)")


def year_of(texts: Sequence[str], default: int) -> int:
    """The year a column (or a 三公 table's row) names for its figures (2024年预算数 beside 2025年预算数, 上年预算数),
    else the document's."""
    for text in reversed(texts):
        match = _YEAR.search(text)
        if match:
            return int(match.group(1))
        if _LAST_YEAR.search(squash(text)):
            return default - 1
    return default


def phase_of(path: tuple[str, ...], default: str) -> str:
    for part in reversed(path):
        folded = squash(part)
        for word, phase in _PHASE_WORDS:
            if word in folded:
                return phase
    return default


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
class Segment:
    """A half of a table: its label columns and the amount columns that take their labels from them."""

    label_columns: list[int]
    amount_columns: list[int]


def segments_of(label_flags: Sequence[bool]) -> list[Segment]:
    segments: list[Segment] = []
    for column, is_label in enumerate(label_flags):
        if is_label:
            if not segments or segments[-1].amount_columns:
                segments.append(Segment([], []))
            segments[-1].label_columns.append(column)
        else:
            if not segments:
                segments.append(Segment([], []))
            segments[-1].amount_columns.append(column)
    return segments


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
