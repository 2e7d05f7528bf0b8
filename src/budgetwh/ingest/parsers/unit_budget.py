"""单位预算 (unit budget): the standard budget tables, every amount cell with its codes and column meaning, the
narrative figures, and the project target forms printed at the end.

Tables are recognised by their printed titles (the standard names of a Shanghai unit budget), columns by their
printed headers, rows by their codes. A table must close with its 合计 row: a table without one means the file
was cut short."""

from __future__ import annotations

import re
from dataclasses import dataclass

from budgetwh.ingest.cells import LabelSet, Row, is_number, parse_amount, squash
from budgetwh.ingest.errors import IngestError
from budgetwh.ingest.narrative import parse_narrative_line
from budgetwh.ingest.records import LineItemRecord, row_id

# (title fragment, table_name, layout); checked in order, the most specific first.
TABLE_TITLES = (
    ("财务收支预算总表", "financial_summary", "two_sided"),
    ("财政拨款收支预算总表", "fiscal_appropriation_summary", "two_sided"),
    ("收入预算总表", "income_budget", "coded"),
    ("支出预算总表", "expenditure_budget", "coded"),
    ("一般公共预算支出功能分类预算表", "general_budget_functional", "coded"),
    ("政府性基金预算支出功能分类预算表", "government_fund_functional", "coded"),
    ("国有资本经营预算支出功能分类预算表", "state_capital_functional", "coded"),
    ("经济分类预算表", "general_budget_economic", "coded"),
    ("三公", "three_public_budget", "columns_are_items"),
)
MEASURES = {
    "合计": "total",
    "预算数": "total",
    "小计": "total",
    "基本支出": "basic",
    "项目支出": "project",
    "人员经费": "personnel",
    "公用经费": "public",
    "财政拨款收入": "fiscal_appropriation",
    "事业收入": "business_income",
    "事业单位经营收入": "operating_income",
    "其他收入": "other_income",
}
TOTAL_NAMES = {"合计", "总计", "收入总计", "支出总计"}
_TOTALS = LabelSet.of(*TOTAL_NAMES)
NO_CODES = (None, None, None)
CODE_HEADERS = {"类": "class_code", "款": "kind_code", "项": "item_code"}
_CODE = re.compile(r"^\d{2,3}$")
_UNIT = re.compile(r"单位[:：]\s*(万元|元)")


@dataclass(frozen=True)
class TableSection:
    table_name: str
    layout: str
    title_row: Row
    rows: list[Row]  # tabular rows of the section, in order
    unit: str


def find_table_sections(rows: list[Row]) -> list[TableSection]:
    sections: list[TableSection] = []
    headings = [i for i, row in enumerate(rows) if "#" in row.raw and row.raw.lstrip().startswith("#")]
    for number, at in enumerate(headings):
        title = rows[at].raw
        if not title.rstrip().endswith("表"):
            continue
        match = next(((name, layout) for frag, name, layout in TABLE_TITLES if frag in title), None)
        if match is None:
            continue
        end = headings[number + 1] if number + 1 < len(headings) else len(rows)
        body = rows[at + 1 : end]
        unit = next((m.group(1) for r in body if (m := _UNIT.search(r.raw))), "元")
        sections.append(TableSection(match[0], match[1], rows[at], [r for r in body if r.is_tabular], unit))
    return sections


def _measure_columns(header_rows: list[Row]) -> dict[int, tuple[str, str]]:
    """column → (measure, printed label), taking the deepest header row that names a measure in that column."""
    columns: dict[int, tuple[str, str]] = {}
    for row in header_rows:
        for index, cell in enumerate(row.cells):
            if squash(cell) in MEASURES:
                columns[index] = (MEASURES[squash(cell)], cell)
    return columns


def _require_closed(section: TableSection, file_name: str, last_line: int) -> None:
    closing = {"收入总计", "支出总计"}
    # (a row whose line the finder does not match has no cell that folds to a total name: nothing to fold)
    if not any(
        _TOTALS.finder.search(r.raw) and (squash(r.cell(0)) in TOTAL_NAMES or not r.squashed.isdisjoint(closing))
        for r in section.rows
    ):
        line = section.rows[-1].line if section.rows else section.title_row.line
        raise IngestError(
            file_name,
            f"table '{section.title_row.raw.strip('# ').strip()}' (line {section.title_row.line}) has no 合计 row "
            f"before line {min(line + 1, last_line)}: the document looks truncated",
            line,
        )


def _amount_item(
    *,
    document_id: str,
    row: Row,
    column: int,
    section: TableSection,
    table_name: str,
    measure: str,
    label: str,
    fiscal_year: int,
    file_name: str,
    item_name: str | None,
    row_level: str,
    codes: tuple[str | None, str | None, str | None],  # class, kind, item
) -> LineItemRecord:
    text = row.cells[column]
    if not is_number(text):
        raise IngestError(
            file_name,
            f"table '{section.table_name}': cell {column + 1} ('{text}') under '{label}' is not an amount",
            row.line,
        )
    amount = parse_amount(
        text,
        unit=section.unit,
        file_name=file_name,
        line=row.line,
        what=f"table '{section.table_name}' column '{label}'",
    )
    return LineItemRecord(
        line_item_id=row_id(document_id, row.line, column + 1),
        document_id=document_id,
        source_line=row.line,
        source_page=None,
        cell_index=column + 1,
        table_name=table_name,
        table_kind=section.table_name,
        row_label_raw=item_name,
        column_path_raw=label,
        class_code=codes[0],
        kind_code=codes[1],
        item_code=codes[2],
        item_name_raw=item_name,
        measure=measure,
        phase="budget",
        fiscal_year=fiscal_year,
        amount_yuan=amount,
        source_unit=section.unit,
        amount_raw=text,
        row_level=row_level,
        label_raw=label,
    )


def _is_data_row(row: Row) -> bool:
    first = row.cell(0)
    return bool(_CODE.match(first)) or squash(first) in TOTAL_NAMES


def parse_coded_table(
    section: TableSection, *, document_id: str, fiscal_year: int, file_name: str
) -> list[LineItemRecord]:
    first_data = next((i for i, r in enumerate(section.rows) if _is_data_row(r)), len(section.rows))
    header_rows = section.rows[:first_data]
    measures = _measure_columns(header_rows)
    if "total" not in {measure for measure, _ in measures.values()}:
        raise IngestError(
            file_name,
            f"table '{section.title_row.raw.strip('# ').strip()}' has no 合计 column: its total (the budget line) "
            f"cannot be read",
            header_rows[-1].line if header_rows else section.title_row.line,
        )
    code_columns = {
        i: CODE_HEADERS[squash(c)] for r in header_rows for i, c in enumerate(r.cells) if squash(c) in CODE_HEADERS
    }
    name_column = max(code_columns, default=-1) + 1
    measure_columns = sorted(measures.items())
    items: list[LineItemRecord] = []
    for row in section.rows[first_data:]:
        if not _is_data_row(row):
            continue
        printed = {field: (row.cell(i) or None) for i, field in code_columns.items()}
        if squash(row.cell(0)) in TOTAL_NAMES:
            row_level, item_name, codes = "total", row.cell(0), NO_CODES
        else:
            codes = (printed.get("class_code"), printed.get("kind_code"), printed.get("item_code"))
            row_level = "item" if codes[2] else "kind" if codes[1] else "class"
            item_name = row.cell(name_column) or None
        for column, (measure, label) in measure_columns:
            if column < len(row.cells) and row.cells[column]:
                items.append(
                    _amount_item(
                        document_id=document_id,
                        row=row,
                        column=column,
                        section=section,
                        table_name=section.table_name,
                        measure=measure,
                        label=label,
                        fiscal_year=fiscal_year,
                        file_name=file_name,
                        item_name=item_name,
                        row_level=row_level,
                        codes=codes,
                    )
                )
        extra = [
            i
            for i, c in enumerate(row.cells)
            if c and i not in measures and i not in code_columns and i != name_column and i != 0
        ]
        if extra:
            raise IngestError(
                file_name,
                f"table '{section.table_name}': cell {extra[0] + 1} ('{row.cells[extra[0]]}') is outside the "
                f"table's columns",
                row.line,
            )
    return items


def parse_two_sided_table(
    section: TableSection, *, document_id: str, fiscal_year: int, file_name: str
) -> list[LineItemRecord]:
    """财务收支预算总表: income on the left (项目 | 预算数), expenditure on the right (项目 | 合计 | … columns)."""
    header_rows = [
        r
        for r in section.rows
        if not any(is_number(c) for c in r.cells)
        and not any(squash(c).startswith(("一、", "二、", "三、", "四、")) for c in r.cells)
    ]
    sides_row = next((r for r in header_rows if [squash(c) for c in r.cells].count("项目") >= 2), None)
    if sides_row is None:
        raise IngestError(
            file_name, f"table '{section.table_name}': no 项目 | 预算数 | 项目 header row", section.title_row.line
        )
    split = [i for i, c in enumerate(sides_row.cells) if squash(c) == "项目"][1]
    measures = _measure_columns([r for r in header_rows if r.line >= sides_row.line])
    items: list[LineItemRecord] = []
    for row in section.rows:
        if row in header_rows:
            continue
        for side, name_column, table_name in (
            ("income", 0, f"{section.table_name}_income"),
            ("expenditure", split, f"{section.table_name}_expenditure"),
        ):
            item_name = row.cell(name_column) or None
            row_level = "total" if item_name and squash(item_name) in TOTAL_NAMES else "line"
            lo, hi = (0, split) if side == "income" else (split, len(row.cells))
            for column in range(lo, hi):
                if column == name_column or not row.cell(column):
                    continue
                measure, label = measures.get(column, (None, None))
                if measure is None:
                    raise IngestError(
                        file_name,
                        f"table '{section.table_name}': cell {column + 1} ('{row.cells[column]}') has no column header",
                        row.line,
                    )
                items.append(
                    _amount_item(
                        document_id=document_id,
                        row=row,
                        column=column,
                        section=section,
                        table_name=table_name,
                        measure=measure,
                        label=label,
                        fiscal_year=fiscal_year,
                        file_name=file_name,
                        item_name=item_name,
                        row_level=row_level,
                        codes=NO_CODES,
                    )
                )
    return items


def parse_columns_are_items_table(
    section: TableSection, *, document_id: str, fiscal_year: int, file_name: str
) -> list[LineItemRecord]:
    """三公 table: one row of figures; each column is an item named by its header path (公务用车购置及运行费/购置费)."""
    header_rows = [r for r in section.rows if not any(is_number(c) for c in r.cells)]
    data_rows = [r for r in section.rows if r not in header_rows]
    paths: dict[int, list[str]] = {}
    for row in header_rows[1:]:  # the first header row is the table-wide title (…预算数)
        for index, cell in enumerate(row.cells):
            if cell:
                paths.setdefault(index, []).append(cell)
    # a merged header spans the columns to its right until the next printed header on the same row
    for row in header_rows[1:-1]:
        for index, cell in enumerate(row.cells):
            if cell:
                for right in range(index + 1, max(paths, default=0) + 1):
                    if right < len(row.cells) and row.cells[right]:
                        break
                    if right in paths and cell not in paths[right]:
                        paths[right].insert(0, cell)
    items: list[LineItemRecord] = []
    for row in data_rows:
        for column, cell in enumerate(row.cells):
            if not cell:
                continue
            path = paths.get(column)
            if not path:
                raise IngestError(
                    file_name,
                    f"table '{section.table_name}': cell {column + 1} ('{cell}') has no column header",
                    row.line,
                )
            label = path[-1]
            row_level = "total" if squash(label) == "合计" else "line"
            items.append(
                _amount_item(
                    document_id=document_id,
                    row=row,
                    column=column,
                    section=section,
                    table_name=section.table_name,
                    measure="total",
                    label=label,
                    fiscal_year=fiscal_year,
                    file_name=file_name,
                    item_name="/".join(path),
                    row_level=row_level,
                    codes=NO_CODES,
                )
            )
    return items


PARSERS = {
    "coded": parse_coded_table,
    "two_sided": parse_two_sided_table,
    "columns_are_items": parse_columns_are_items_table,
}


def parse_unit_budget_tables(
    rows: list[Row], *, document_id: str, fiscal_year: int, file_name: str
) -> list[LineItemRecord]:
    items: list[LineItemRecord] = []
    for section in find_table_sections(rows):
        if section.layout != "columns_are_items":
            _require_closed(section, file_name, len(rows))
        items.extend(
            PARSERS[section.layout](section, document_id=document_id, fiscal_year=fiscal_year, file_name=file_name)
        )
    return items


def parse_unit_budget_narrative(
    rows: list[Row], *, document_id: str, fiscal_year: int, file_name: str
) -> list[LineItemRecord]:
    items: list[LineItemRecord] = []
    for row in rows:
        text = row.raw.strip()
        if row.is_tabular or not text or text.startswith(("#", "-")):
            continue
        items.extend(
            parse_narrative_line(
                text, line=row.line, document_id=document_id, fiscal_year=fiscal_year, file_name=file_name
            )
        )
    return items
