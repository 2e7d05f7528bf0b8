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
nothing here knows a document. Tables are found by table_sections.py, their rows and columns read by
table_columns.py and table_rows.py; here each printed number becomes its line item."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from budgetwh.ingest.errors import IngestError
from budgetwh.ingest.layouts.table_columns import (
    CODE_LEVEL,
    column_measure,
    column_paths,
    is_label_path,
    measure_of,
    phase_of,
    segments_of,
    year_of,
)
from budgetwh.ingest.layouts.table_rows import (
    CODE_ONLY,
    CodeTrail,
    RowKey,
    closes,
    is_data_row,
    is_total_label,
    label_columns_from_data,
    numbers_columns,
    row_key,
)
from budgetwh.ingest.layouts.table_sections import OTHER, Family, Section, find_sections, is_marker, is_number_cell
from budgetwh.ingest.text.cells import CENT, Row, fold, is_number, parse_number, parse_signed_amount, squash
from budgetwh.ingest.text.records import LineItemRecord, row_id

THREE_PUBLIC = "three_public"
_NUMBERING = frozenset({"行次", "序号"})


def _aligned(row: Row, width: int, label_flags: Sequence[bool]) -> tuple[Row, list[int] | None]:
    """A row printed on a grid of its own (a 合计 row alone on a page can come out with fewer cells than its table,
    its figures under the label columns) is set on the table's grid again, its figures right-aligned; with the
    positions of its cells as printed (the cells' ids keep those). Other rows are returned as they are."""
    cells = row.cells
    shift = width - len(cells)
    if shift <= 0:
        return row, None
    first = next((i for i, c in enumerate(cells) if c), None)
    if first is None or CODE_ONLY.match(cells[first]) or is_number_cell(cells[first]):
        return row, None
    if not any(label_flags[i] and is_number_cell(c) for i, c in enumerate(cells) if i > first):
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
    if any(is_number_cell(c) for row in data_rows for c in row.cells):
        return False
    return any("空表" in note or "无数据" in note or "无" in note[:40] for note in section.notes)


def _figures(text: str) -> list[str]:
    """The figures of a cell that prints several side by side (38,838,151 15,117,793), else []."""
    words = text.split()
    if len(words) < 2 or not all(is_number_cell(w) for w in words) or not any("," in w or "." in w for w in words):
        return []
    return words


def _spread_figures(rows: list[Row], first_data: int) -> list[Row]:
    """A table whose columns stood too close for the converter to tell apart prints several figures in one cell:
    each column holding such cells is spread over as many columns as its most figures, in every row (a header cell
    of as many words is spread with it), so that each figure is a cell of its own on one grid."""
    spread: dict[int, int] = {}
    for row in rows[first_data:]:
        for column, text in enumerate(row.cells):
            count = len(_figures(text))
            if count > spread.get(column, 1):
                spread[column] = count
    if not spread:
        return rows
    out = []
    for index, row in enumerate(rows):
        cells: list[str] = []
        for column, text in enumerate(row.cells):
            width = spread.get(column)
            if width is None:
                cells.append(text)
                continue
            words = text.split()
            parts = _figures(text) or (words if index < first_data and len(words) == width else [text])
            cells.extend(parts + [""] * (width - len(parts)))
        out.append(Row(line=row.line, raw=row.raw, cells=tuple(cells), page=row.page))
    return out


# a 款 (and 项) run into the name after it: 03 政府办公厅(室)及相关机构事务, 03 01 行政运行
_GLUED = re.compile(r"^(\d{1,2}(?:\s+\d{1,2})?)\s+([^\d\s.,．、].*)$")
_CLASS = re.compile(r"^\d{3}$")


def _unglued(row: Row) -> Row:
    """For reading the row's codes: a row that prints its class code first and the 款 (and 项) run into the name in
    the next cell (columns too close for the converter to tell apart) reads as the code printed before its name."""
    filled = row.filled
    if len(filled) < 2 or not _CLASS.match(filled[0][1]):
        return row
    match = _GLUED.match(filled[1][1])
    if match is None:
        return row
    cells = list(row.cells)
    cells[filled[1][0]] = f"{filled[0][1]} {match.group(1)} {match.group(2)}"
    return Row(line=row.line, raw=row.raw, cells=tuple(cells), page=row.page)


def _numbering_columns(paths: Sequence[Sequence[str]]) -> set[int]:
    """Columns whose own header is 行次 / 序号: the row's number, never one of its codes (a 行次 1, 2, … beside
    the codes would otherwise be read as a 款 or 项)."""
    return {column for column, path in enumerate(paths) if path and squash(path[-1]) in _NUMBERING}


def _without(row: Row, columns: set[int]) -> Row:
    """The row without the numbers of its numbering columns (a 合计 printed there stays: it labels the row)."""
    if not columns or not any(row.cell(c).isdigit() for c in columns):
        return row
    cells = tuple("" if index in columns and text.isdigit() else text for index, text in enumerate(row.cells))
    return Row(line=row.line, raw=row.raw, cells=cells, page=row.page)


# a column of percentages (完成率, 决算数为年初预算数的%, 增减率%): no money; a completion rate qualifies the row's
# 决算数 (stated_rate_pct), other percentages (a change, a share) are read from the amounts they derive from
_PERCENT = re.compile(r"%|％|率|比例|比重")
_RATE = re.compile(r"完成|执行率|为.*的")


def _percent_kind(path: Sequence[str]) -> str | None:
    header = "".join(path)
    if not _PERCENT.search(header):
        return None
    return "rate" if _RATE.search(header) else "other"


def _with_rates(
    made: list[LineItemRecord], row: Row, columns: Sequence[int], percents: dict[int, str]
) -> list[LineItemRecord]:
    """The row's items, its 决算 total (else its last figure before the rate) carrying the rate printed beside it."""
    for column in columns:
        text = row.cell(column).rstrip("%％")
        if percents.get(column) != "rate" or not is_number(text):
            continue
        before = [i for i in made if i.cell_index <= column]
        target = next((i for i in reversed(before) if i.phase == "final_account" and i.measure == "total"), None)
        target = target or (before[-1] if before else None)
        if target is not None and target.stated_rate_pct is None:
            rate = parse_number(text, file_name="", line=row.line, what="").quantize(CENT)
            made[made.index(target)] = replace(target, stated_rate_pct=rate)
    return made


def _names_three_public_item(label: str) -> bool:
    """A 三公 row label naming an item or the total (not a year's row: 2024年预算数)."""
    return is_total_label(label) or measure_of((label,)) != "total"


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
    rows = [row for row in section.rows if not numbers_columns(row)]
    first_data = next((i for i, row in enumerate(rows) if is_data_row(row)), len(rows))
    rows = _spread_figures(rows, first_data)
    header_rows, data_rows = rows[:first_data], rows[first_data:]
    # a table that prints no row of figures at all (its header, perhaps a blank 合计) is an empty table, whatever
    # note it has or lacks: a file cut short ends inside its figures
    if (
        ends_document
        and data_rows
        and section.kind not in (OTHER, THREE_PUBLIC)
        and not any(closes(row, index >= first_data) for index, row in enumerate(rows))
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
    label_flags = [is_label_path(path) for path in paths]
    if not any(label_flags) and section.kind != THREE_PUBLIC:
        label_flags = label_columns_from_data(data_rows, width)
    # 类/款/项 over the code columns, from the header or from a data row that prints them (a 决算 prints them on
    # its 合计 row's line)
    code_levels = _code_levels(rows, width, label_flags)
    segments = segments_of(label_flags)
    halves = sum(1 for s in segments if s.label_columns) > 1
    numbering = _numbering_columns(paths)
    percents = {column: _percent_kind(path) for column, path in enumerate(paths) if _percent_kind(path)}
    items: list[LineItemRecord] = []
    # (经济分类 codes stop at the 款: a bare code after a 款 is the next 款)
    economic = section.kind == "basic_economic" or any("经济分类" in part for path in paths for part in path)
    trails = [CodeTrail(deepest=1 if economic else 2) for _ in segments]
    for printed in data_rows:
        row, origin = _aligned(printed, width, label_flags) if not halves else (printed, None)
        keyed = _unglued(_without(row, numbering))
        for number, segment in enumerate(segments):
            key, stray = row_key(keyed, segment, code_levels, trails[number])
            made: list[LineItemRecord] = []
            for column in sorted([*segment.amount_columns, *stray]):
                text = row.cell(column)
                if not is_number_cell(text) or column in percents:
                    continue
                made.append(
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
            items.extend(_with_rates(made, row, segment.amount_columns, percents))
    return items


def _code_levels(rows: Sequence[Row], width: int, label_flags: list[bool]) -> dict[int, int]:
    """Column → its code level, where a cell prints 类 / 款 / 项 over it (those columns are label columns)."""
    code_levels: dict[int, int] = {}
    for row in rows:
        for column, text in enumerate(row.cells):
            level = CODE_LEVEL.get(squash(text)) if text else None
            if level is not None:
                code_levels[column] = level
                if column < width:
                    label_flags[column] = True
    return code_levels


def _item(
    section: Section,
    family: Family,
    *,
    row: Row,
    column: int,
    cell: int,
    path: tuple[str, ...],
    key: RowKey,
    halves: bool,
    document_id: str,
    fiscal_year: int,
    file_name: str,
) -> LineItemRecord:
    text = row.cells[column]
    leaf = path[-1] if path else ""
    amount = parse_signed_amount(
        text, unit=section.unit, file_name=file_name, line=row.line, what=f"table '{section.kind}' column '{leaf}'"
    )
    measure = column_measure(path, halves)
    single_row = not any(key.codes) and key.label is None
    # a 三公 table may print a row per year (2024年预算数 / 2025年预算数) beside its items
    year = year_of((*path, key.label) if section.kind == THREE_PUBLIC and key.label else path, fiscal_year)
    if section.kind == THREE_PUBLIC and key.label and _names_three_public_item(key.label):
        # a 三公 table printed one item a row (合计 / 1、因公出国（境）费 …) under 预算数 | 决算数 columns
        measure = measure_of((*path, key.label))
        row_label, item_name = key.label, key.label
        level = "total" if measure == "total" else "line"
    elif section.kind == THREE_PUBLIC or single_row:
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
        fiscal_year=year,
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
    return all(r.is_blank or is_marker(r) for r in after)


def parse_tables(
    rows: Sequence[Row],
    family: Family,
    *,
    document_id: str,
    fiscal_year: int,
    file_name: str,
    sections: list[Section] | None = None,
) -> list[LineItemRecord]:
    """`sections`: the document's tables when the caller has found them already (find_sections)."""
    items: list[LineItemRecord] = []
    if sections is None:
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
