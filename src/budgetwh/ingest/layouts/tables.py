"""A generic reader of the tabular sections of 部门/单位 预算 and 决算: every printed number becomes a line item with
its table, row label, codes and column path.

A table is found from its printed title (a line ending in 表 followed, within a few lines, by tabular rows). Its
header rows (those before the first row holding a number, a code or a total) give each column a path: a header cell
spreads over the columns to its right that are blank in its row, without leaving the span of the cell above it (a
merged cell sits at its first column). Columns whose path names a label (项目, 科目名称, 编码, 类/款/项) hold the row's
label and codes; the others hold amounts. A table printed in side-by-side halves repeats its label columns: each
amount takes its label and codes from the label columns nearest on its left, and its path starts with its half's
header. Measure and phase come from the column path.

What a family knows (which title is which table_kind, its default unit and phase) is given by the family modules;
nothing here knows a document."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from budgetwh.ingest.cells import CENT, WAN, Row, fold, is_number, parse_number, squash
from budgetwh.ingest.errors import IngestError
from budgetwh.ingest.records import LineItemRecord, row_id

OTHER = "other"
THREE_PUBLIC = "three_public"

# tables read by other parsers (the project target forms a budget prints at its end)
_NOT_OURS = ("绩效目标",)
_UNIT = re.compile(r"单位\s*[:：]\s*(万元|元)")
# lines between a title and its first row: 编制单位/编制部门/单位：元, a date, a page number
_PREAMBLE_LINES = 4
_SHORT_PROSE = 40  # a prose line this long or longer inside a table ends it (a note, the next paragraph)
_NOTE = re.compile(r"^\s*(?:注|说明|备注)\s*[:：0-9一二三四五六七八九十.、]")

# header words naming a label column (compared folded); 编码/名称 may be part of a longer header
_LABEL_EXACT = frozenset({"项目", "类", "款", "项", "序号", "行次", "栏次", "科目", "单位名称"})
# a row numbering the columns (栏次 1 2 3 …) is neither header nor figures
_COLUMN_NUMBERS = frozenset({"栏次", "行次"})
_LABEL_PARTS = ("科目名称", "科目编码", "编码", "名称")
_CODE_LEVEL = {"类": 0, "款": 1, "项": 2}

# a code alone in a cell, or codes with the name after them in one cell
_CODE_ONLY = re.compile(r"^\d{3}(?:\s+\d{1,2}){0,2}$|^\d{5}$|^\d{7}$|^\d{1,2}$")
_CODE_AND_NAME = re.compile(r"^[\[【]?(\d{3}(?:\s+\d{1,2}){1,2}|\d{7}|\d{5}|\d{3})[\]】]?\s*([^\d\s.,．、\]】].*)$")

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


@dataclass(frozen=True)
class Family:
    """What one family of documents contributes to the reader."""

    classify: Callable[[str], str]  # folded title → table_kind (`other` when unknown)
    default_unit: str  # the unit of a table that prints none
    default_phase: str  # the phase of a column whose path names none


@dataclass
class Section:
    title_row: Row
    title: str  # as printed, without the heading marks
    kind: str
    unit: str
    rows: list[Row]  # the table's rows (tabular lines with some text), in order
    notes: list[str]  # prose printed after the table, before the next one (注：本表为空表 …)


def _text(row: Row) -> str:
    return row.raw.strip().lstrip("#").strip()


def _is_heading(row: Row) -> bool:
    return row.raw.lstrip().startswith("#")


def _is_marker(row: Row) -> bool:
    return row.raw.lstrip().startswith("<!--")


# a title may end with its number or a continuation mark: …预算总表（续） / …决算表 表一
# a unit printed on the title's line: …预算总表  单位：元 / …决算表（单位：万元）
_TITLE_UNIT = re.compile(r"\s*[（(]?\s*(?:金额)?单位\s*[:：]\s*(?:万元|元)\s*[)）]?\s*$")
_TITLE_TAIL = re.compile(r"(?:\((?:续|续表)\)|表?[0-9一二三四五六七八九十]+)$")


def _title_text(row: Row) -> str | None:
    """The title a line prints, or None. A title may sit alone in the first row of its grid."""
    if row.is_tabular:
        filled = [c for c in row.cells if c]
        if len(filled) != 1:
            return None
        text = filled[0]
    else:
        text = _text(row)
    text = _TITLE_UNIT.sub("", text)
    if not 2 < len(text) <= 60:
        return None
    folded = fold(text)
    if folded.endswith("表") or ("表" in folded and _TITLE_TAIL.search(folded) and "表" in folded[-6:]):
        return text
    return None


def find_sections(rows: Sequence[Row], family: Family) -> list[Section]:
    """The tables of a document, each with the rows it prints. A title not followed by tabular rows within a few
    lines (a table of contents, a part heading such as 第二部分 …决算表) is no table. A title printed again over a
    table's continuation (the same title, or the same with 续) continues that table."""
    titles = [(i, text) for i, row in enumerate(rows) if "表" in row.raw and (text := _title_text(row))]
    sections: list[Section] = []
    for number, (at, title) in enumerate(titles):
        if any(word in title for word in _NOT_OURS):
            continue
        end = titles[number + 1][0] if number + 1 < len(titles) else len(rows)
        body = _table_rows(rows, at + 1, end)
        if body is None:
            continue
        table_rows, preamble, notes = body
        base = _TITLE_TAIL.sub("", fold(title)) if "续" in title else fold(title)
        if sections and fold(sections[-1].title) == base and not sections[-1].notes:
            sections[-1].rows.extend(table_rows)
            sections[-1].notes = notes
            continue
        printed = (rows[at].raw, *preamble)
        unit = next((m.group(1) for text in printed if (m := _UNIT.search(text))), family.default_unit)
        sections.append(Section(rows[at], title, family.classify(base), unit, table_rows, notes))
    return sections


def _table_rows(rows: Sequence[Row], start: int, end: int) -> tuple[list[Row], list[str], list[str]] | None:
    """(table rows, the texts printed between the title and the table, the prose after it), or None when no table
    follows the title."""
    preamble: list[str] = []
    table: list[Row] = []
    notes: list[str] = []
    page_top = False  # only blank lines since the last page marker
    for index in range(start, end):
        row = rows[index]
        if row.is_blank or _is_marker(row):
            page_top = page_top or _is_marker(row)
            continue
        at_page_top, page_top = page_top, False
        if notes:
            if _is_heading(row) or row.is_tabular:
                break
            notes.append(row.raw.strip())
            continue
        if row.is_tabular:
            if not table:
                # a unit printed inside the grid's first row (some converters keep it there)
                preamble.extend(c for c in row.cells if _UNIT.search(c))
            table.append(row)
            continue
        text = row.raw.strip()
        if _is_heading(row):
            if table and at_page_top and _tabular_follows(rows, index + 1, end):
                continue  # a running header printed at the top of every page, inside a table that goes on
            break
        if not table:
            preamble.append(text)
            if len(preamble) > _PREAMBLE_LINES:
                return None
            continue
        if _NOTE.match(text) or len(text) >= _SHORT_PROSE:
            notes.append(text)
            continue
        # a short line inside a table: a page number or a repeated 单位：元 (nothing to read), or a row the
        # converter could not set on the grid (a 合计 row alone on a page): its words and figures become cells
        loose = _loose_row(row)
        if loose is not None:
            table.append(loose)
    if not table:
        return None
    return table, preamble, notes


def _tabular_follows(rows: Sequence[Row], start: int, end: int) -> bool:
    row = next((r for r in rows[start:end] if not r.is_blank and not _is_marker(r)), None)
    return row is not None and row.is_tabular


def _loose_row(row: Row) -> Row | None:
    """A prose line that holds a label and figures (合计 1,234,567 …), as a row of cells; None for anything else."""
    words = row.raw.split()
    numbers = [w for w in words if _is_number_cell(w)]
    if not numbers or _UNIT.search(row.raw) or not words or _is_number_cell(words[0]):
        return None
    first = next(i for i, w in enumerate(words) if _is_number_cell(w))
    if any(not _is_number_cell(w) for w in words[first:]):
        return None
    return Row(line=row.line, raw=row.raw, cells=("".join(words[:first]), *words[first:]), page=row.page)


# ---------------------------------------------------------------------------------------------------- columns


def _is_number_cell(text: str) -> bool:
    return bool(text) and text[-1].isdigit() and is_number(text)


def _is_total_label(text: str) -> bool:
    folded = squash(text)
    return folded.endswith(("合计", "总计")) and len(folded) <= 12


def _is_data_row(row: Row) -> bool:
    """A row of figures: it holds a number or a code, or is the table's total row (an empty table prints one)."""
    filled = [c for c in row.cells if c]
    if not filled:
        return False
    if any(_is_number_cell(c) or _CODE_AND_NAME.match(c) for c in filled):
        return True
    return _is_total_label(filled[0]) and all(_is_total_label(c) for c in filled)


def _numbers_columns(row: Row) -> bool:
    first = next((c for c in row.cells if c), "")
    return squash(first) in _COLUMN_NUMBERS


def _closes(row: Row, is_data: bool) -> bool:
    """A total row: a total label first (an empty table's 合计 may share its line with header words), or anywhere
    on a row of figures (a 收支总表 closes each half: 收入总计 … 支出总计)."""
    filled = [c for c in row.cells if c]
    if not filled:
        return False
    return _is_total_label(filled[0]) or (is_data and any(_is_total_label(c) for c in filled))


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


def _is_label_path(path: Sequence[str]) -> bool:
    for part in path:
        folded = squash(part)
        if folded in _LABEL_EXACT or folded.endswith("项目") or any(p in folded for p in _LABEL_PARTS):
            return True
    return False


@lru_cache(maxsize=1 << 10)
def measure_of(path: tuple[str, ...]) -> str:
    """The measure a column holds, read from its deepest header word that names one; phase words (预算数, 决算数)
    and 小计 defer to the level above; 合计/总计 say total."""
    for part in reversed(path):
        folded = fold(part)
        if folded.endswith(("合计", "总计")):
            return "total"
        for word, measure in _MEASURES:
            if word in folded:
                return measure
    return "total"


@lru_cache(maxsize=1 << 10)
def phase_of(path: tuple[str, ...], default: str) -> str:
    for part in reversed(path):
        folded = fold(part)
        for word, phase in _PHASE_WORDS:
            if word in folded:
                return phase
    return default


# ---------------------------------------------------------------------------------------------------- amounts


@lru_cache(maxsize=1 << 12)
def _yuan(text: str, unit: str) -> Decimal | None:
    try:
        value = parse_number(text, file_name="", line=0, what="")
    except IngestError:
        return None
    return (value * WAN if unit == "万元" else value).quantize(CENT)


def _amount(text: str, unit: str, *, file_name: str, line: int, what: str) -> Decimal:
    yuan = _yuan(text, unit)
    if yuan is None:  # parse_number says what is wrong
        parse_number(text, file_name=file_name, line=line, what=what)
        raise IngestError(file_name, f"{what}: '{text}' is not an amount", line)
    return yuan


def _split_code(text: str) -> list[str] | None:
    """`2080501` / `208 05 01` / `30101` / `208` → the code levels (class first); None when not a code."""
    parts = text.split()
    if len(parts) == 1:
        digits = parts[0]
        if len(digits) == 7:
            return [digits[:3], digits[3:5], digits[5:]]
        if len(digits) == 5:
            return [digits[:3], digits[3:]]
        if len(digits) == 3:
            return [digits]
        return None
    if len(parts[0]) != 3 or not all(1 <= len(p) <= 2 for p in parts[1:]):
        return None
    return [parts[0], *(p.zfill(2) for p in parts[1:])]


@dataclass
class _Segment:
    """A half of a table: its label columns and the amount columns that take their labels from them."""

    label_columns: list[int]
    amount_columns: list[int]


def _segments(label_flags: Sequence[bool]) -> list[_Segment]:
    segments: list[_Segment] = []
    for column, is_label in enumerate(label_flags):
        if is_label:
            if not segments or segments[-1].amount_columns:
                segments.append(_Segment([], []))
            segments[-1].label_columns.append(column)
        else:
            if not segments:
                segments.append(_Segment([], []))
            segments[-1].amount_columns.append(column)
    return segments


@dataclass
class _RowKey:
    label: str | None
    codes: tuple[str | None, str | None, str | None]
    level: str


def _row_key(
    row: Row,
    segment: _Segment,
    code_levels: dict[int, int],
    last: list[str | None],
) -> tuple[_RowKey, list[int]]:
    """The row's label and codes within one segment, and the label columns that hold amounts instead (a number
    that is no code, printed where a label was expected)."""
    codes: list[str | None] = [None, None, None]
    label: str | None = None
    stray: list[int] = []
    for column in segment.label_columns:
        text = row.cell(column)
        if not text or squash(text) in _CODE_LEVEL:  # 类/款/项 printed on a total row's line
            continue
        if _CODE_ONLY.match(text):
            if len(text) <= 2:  # a 款 or 项 in its own column
                level = code_levels.get(column)
                if level is None and codes[0] is not None:
                    level = 1 if codes[1] is None else 2
                if level is not None and level > 0:
                    codes[level] = text.zfill(2)
                    continue
            elif (split := _split_code(text)) is not None:
                for offset, part in enumerate(split):
                    codes[offset] = part
                continue
        match = _CODE_AND_NAME.match(text)
        if match and (split := _split_code(match.group(1))) is not None:
            for offset, part in enumerate(split):
                codes[offset] = part
            label = label or match.group(2).strip()
            continue
        if _is_number_cell(text) and ("," in text or "." in text):
            stray.append(column)
            continue
        if label is None and not text.isdigit():  # (a 序号 is no label)
            label = text
    # a 款 or 项 printed without the levels above it belongs to the last class (and kind) printed
    if codes[0] is None and (codes[1] or codes[2]):
        codes[0] = last[0]
        if codes[1] is None:
            codes[1] = last[1]
    if codes[0] is not None:
        last[0], last[1] = codes[0], codes[1]
    if label is not None and _is_total_label(label) and not any(codes):
        level = "total"
    elif codes[2]:
        level = "item"
    elif codes[1]:
        level = "kind"
    elif codes[0]:
        level = "class"
    else:
        level = "line"
    return _RowKey(label, (codes[0], codes[1], codes[2]), level), stray


def _aligned(row: Row, width: int, label_flags: Sequence[bool]) -> tuple[Row, list[int] | None]:
    """A row printed on a grid of its own (a 合计 row alone on a page can come out with fewer cells than its table,
    its figures under the label columns) is set on the table's grid again, its figures right-aligned; with the
    positions of its cells as printed (the cells' ids keep those). Other rows are returned as they are."""
    cells = row.cells
    shift = width - len(cells)
    if shift <= 0:
        return row, None
    first = next((i for i, c in enumerate(cells) if c), None)
    if first is None or _CODE_ONLY.match(cells[first]) or _is_number_cell(cells[first]):
        return row, None
    if not any(label_flags[i] and _is_number_cell(c) for i, c in enumerate(cells) if i > first):
        return row, None
    aligned = [""] * width
    origin = list(range(width))
    aligned[first] = cells[first]
    for index in range(first + 1, len(cells)):
        aligned[index + shift] = cells[index]
        origin[index + shift] = index
    return Row(line=row.line, raw=row.raw, cells=tuple(aligned), page=row.page), origin


def _stated_empty(section: Section, data_rows: Sequence[Row]) -> bool:
    """A table that prints no figure and says below it that it is empty (本表为空表, 故本表无数据)."""
    if any(_is_number_cell(c) for row in data_rows for c in row.cells):
        return False
    return any("空表" in note or "无数据" in note or "无" in note[:40] for note in section.notes)


def _label_columns_from_data(data_rows: Sequence[Row], width: int) -> list[bool]:
    """Label columns of a table printed without header rows: those holding words, and the code columns left of
    them."""
    flags = [False] * width
    for row in data_rows:
        for column, text in enumerate(row.cells):
            if text and not _is_number_cell(text) and not _CODE_ONLY.match(text):
                flags[column] = True
    for row in data_rows:
        for column, text in enumerate(row.cells[:width]):
            if not text:
                continue
            if not _CODE_ONLY.match(text):
                break  # the row's label: codes are printed before it
            flags[column] = True
    return flags


def _three_public_name(path: Sequence[str]) -> str:
    """The item a 三公 column holds: its path without the table-wide header and the 预算数/决算数 level."""
    parts = [p for p in path if "三公" not in p and not fold(p).endswith(("预算数", "决算数"))]
    return "/".join(parts) if parts else "/".join(path)


def read_table(
    section: Section,
    family: Family,
    *,
    document_id: str,
    fiscal_year: int,
    file_name: str,
    last_line: int,
    ends_document: bool = True,
) -> list[LineItemRecord]:
    """`ends_document`: no table follows this one. Only such a table can have been cut short by a truncated file; a
    table without a 合计 row in the middle of a document is an unusual layout, read as printed."""
    rows = [row for row in section.rows if not _numbers_columns(row)]
    first_data = next((i for i, row in enumerate(rows) if _is_data_row(row)), len(rows))
    header_rows, data_rows = rows[:first_data], rows[first_data:]
    if (
        ends_document
        and section.kind not in (OTHER, THREE_PUBLIC)
        and not any(_closes(row, index >= first_data) for index, row in enumerate(rows))
        and not _stated_empty(section, data_rows)
    ):
        last = rows[-1].line if rows else section.title_row.line
        raise IngestError(
            file_name,
            f"table '{section.title}' (line {section.title_row.line}) has no 合计 row before line "
            f"{min(last + 1, last_line)}: the document looks truncated",
            last,
        )
    width = max((len(row.cells) for row in rows), default=0)
    paths = column_paths(header_rows, width)
    label_flags = [_is_label_path(path) for path in paths]
    if not any(label_flags) and section.kind != THREE_PUBLIC:
        label_flags = _label_columns_from_data(data_rows, width)
    # 类/款/项 over the code columns, from the header or from a data row that prints them (a 决算 prints them on
    # its 合计 row's line)
    code_levels: dict[int, int] = {}
    for row in rows:
        for column, text in enumerate(row.cells):
            level = _CODE_LEVEL.get(squash(text)) if text else None
            if level is not None:
                code_levels[column] = level
                if column < width:
                    label_flags[column] = True
    segments = _segments(label_flags)
    halves = sum(1 for s in segments if s.label_columns) > 1
    items: list[LineItemRecord] = []
    last_codes: list[list[str | None]] = [[None, None] for _ in segments]
    for printed in data_rows:
        row, origin = _aligned(printed, width, label_flags) if not halves else (printed, None)
        for number, segment in enumerate(segments):
            key, stray = _row_key(row, segment, code_levels, last_codes[number])
            for column in sorted([*segment.amount_columns, *stray]):
                text = row.cell(column)
                if not _is_number_cell(text):
                    continue
                items.append(
                    _item(
                        section,
                        family,
                        row=row,
                        column=column,
                        cell=origin[column] if origin else column,
                        path=tuple(paths[column]) if column < width else (),
                        key=key,
                        halves=halves,
                        document_id=document_id,
                        fiscal_year=fiscal_year,
                        file_name=file_name,
                    )
                )
    return items


def _item(
    section: Section,
    family: Family,
    *,
    row: Row,
    column: int,
    cell: int,
    path: tuple[str, ...],
    key: _RowKey,
    halves: bool,
    document_id: str,
    fiscal_year: int,
    file_name: str,
) -> LineItemRecord:
    text = row.cells[column]
    leaf = path[-1] if path else ""
    amount = _amount(
        text, section.unit, file_name=file_name, line=row.line, what=f"table '{section.kind}' column '{leaf}'"
    )
    # a half's own header (本年收入, 财政拨款支出) says which side, not what the column measures
    measure = measure_of(path[1:] if halves and len(path) > 1 else path)
    single_row = not any(key.codes) and key.label is None
    if section.kind == THREE_PUBLIC or single_row:
        row_label, item_name = "", _three_public_name(path) if section.kind == THREE_PUBLIC else None
        level = "total" if measure == "total" else "line"
    else:
        row_label, item_name, level = key.label, key.label, key.level
    return LineItemRecord(
        line_item_id=row_id(document_id, row.line, cell + 1),
        document_id=document_id,
        source_line=row.line,
        source_page=row.page,
        cell_index=cell + 1,
        table_name=section.title,
        table_kind=section.kind,
        row_label_raw=row_label,
        column_path_raw="/".join(path) if path else None,
        class_code=key.codes[0],
        kind_code=key.codes[1],
        item_code=key.codes[2],
        item_name_raw=item_name,
        measure=measure,
        phase=phase_of(path, family.default_phase),
        fiscal_year=fiscal_year,
        amount_yuan=amount,
        source_unit=section.unit,
        amount_raw=text,
        row_level=level,
        label_raw=leaf or None,
    )


def _ends_text(rows: Sequence[Row], section: Section) -> bool:
    """The table is the last thing the text prints: no note and no line after its last row (a file cut short ends
    inside its last table; a table followed by anything was printed whole, whatever it lacks)."""
    if section.notes:
        return False
    last = section.rows[-1].line if section.rows else section.title_row.line
    after = rows[last:] if last <= len(rows) and rows[last - 1].line == last else [r for r in rows if r.line > last]
    return all(r.is_blank or _is_marker(r) for r in after)


def parse_tables(
    rows: Sequence[Row], family: Family, *, document_id: str, fiscal_year: int, file_name: str
) -> list[LineItemRecord]:
    items: list[LineItemRecord] = []
    sections = find_sections(rows, family)
    for number, section in enumerate(sections, start=1):
        items.extend(
            read_table(
                section,
                family,
                document_id=document_id,
                fiscal_year=fiscal_year,
                file_name=file_name,
                last_line=len(rows),
                ends_document=number == len(sections) and _ends_text(rows, section),
            )
        )
    return items
