"""部门整体支出绩效目标表: a department's performance targets for all its spending, printed in a budget beside (or
instead of) the project forms. It names no project (部门名称, not 项目名称), so it is no project form and gives no
`projects` row; its money (年度预算资金: 资金总额, 其中：财政拨款, 其他资金, 基本支出 …) is a table's amounts like any
other a budget prints: line items of an unknown table (`table_kind = other`, contract v2 Cells), each labelled by the
cell printed left of it and grouped under the form's row label above it (年度预算资金, a cell merged down). The
indicator table that follows holds targets, not money: it is left alone."""

from __future__ import annotations

import re

from budgetwh.ingest.layouts.table_columns import measure_of
from budgetwh.ingest.layouts.target_forms.fields import is_form_start
from budgetwh.ingest.layouts.target_forms.indicators import is_indicator_header
from budgetwh.ingest.text.cells import Row, fold, is_number, parse_signed_amount
from budgetwh.ingest.text.records import LineItemRecord, row_id

_TITLE = re.compile(r"整体(?:支出)?绩效目标")
_UNIT = re.compile(r"单位\s*[:：]\s*(万元|元)|[(（]\s*(万元|元)\s*[)）]")
# a label and its amount in one cell (资金总额：X,XXX.XX / 其中：财政拨款：X,XXX.XX万元)
_INLINE = re.compile(r"^(\D{1,20}?)\s*[:：]\s*(-?\d[\d,]*(?:\.\d+)?)\s*(万元|元)?$")
# ... whose label names money (not 年度：2025, 联系电话：…)
_MONEY_WORDS = ("资金", "金额", "拨款", "支出", "收入", "预算", "经费", "总额")
_PREAMBLE_LINES = 4  # lines between the title and the form (单位：万元, 编制部门：…)


def _title(row: Row) -> str | None:
    """The form's title as printed, when the row is one: a line (or a row of one cell) naming a department-wide
    performance target form."""
    filled = row.filled
    if len(filled) != 1:
        return None
    text = filled[0][1].lstrip("#").strip()
    return text if _TITLE.search(fold(text)) and len(text) <= 40 else None


def department_form_starts(rows: list[Row]) -> list[int]:
    """The rows that start a department-wide target form."""
    return [i for i, row in enumerate(rows) if "整体" in row.raw and _title(row) is not None]


def _form_rows(rows: list[Row], start: int) -> list[Row]:
    """The rows of the form's money part: its tabular rows after the title (and a few preamble lines), up to its
    indicator table, the next form or the first prose after them."""
    out: list[Row] = []
    skipped = 0
    for row in rows[start + 1 :]:
        if row.is_blank or row.raw.startswith("<!--"):
            continue
        if not row.is_tabular:
            skipped += 1
            if out or skipped > _PREAMBLE_LINES:
                break
            out.append(row)  # a preamble line: its 单位 is the form's
            continue
        if is_indicator_header(row) or is_form_start(row) or _title(row) is not None:
            break
        out.append(row)
    return out


def parse_department_forms(
    rows: list[Row], *, document_id: str, fiscal_year: int, file_name: str
) -> list[LineItemRecord]:
    """Every amount the department-wide target forms of a document print, as line items."""
    items: list[LineItemRecord] = []
    for start in department_form_starts(rows):
        title = _title(rows[start]) or ""
        body = _form_rows(rows, start)
        found = [m.group(1) or m.group(2) for r in (rows[start], *body) for m in _UNIT.finditer(fold(r.raw))]
        unit = found[0] if found else "元"
        group: str | None = None  # the row label in force (printed once over several rows, a merged cell)
        for row in body:
            if not row.is_tabular:
                continue
            filled = row.filled
            # a label in the form's first column with another label after it heads this row and those below
            if (
                len(filled) > 1
                and filled[0][0] == 0
                and not (is_number(filled[0][1]) or is_number(filled[1][1]) or _INLINE.match(filled[0][1].strip()))
            ):
                group = filled[0][1]
            label = ""  # the cell printed left of the amount that names it
            for index, cell in filled:
                text, unit_of = cell, unit
                pair = _INLINE.match(cell.strip())
                if pair is not None and any(word in pair.group(1) for word in _MONEY_WORDS):
                    label, text, unit_of = pair.group(1), pair.group(2), pair.group(3) or unit
                elif not is_number(cell):
                    label = label if index == 0 and cell == group else cell
                    continue
                items.append(
                    LineItemRecord(
                        line_item_id=row_id(document_id, row.line, index + 1),
                        document_id=document_id,
                        source_line=row.line,
                        source_page=row.page,
                        cell_index=index + 1,
                        table_name=title,
                        table_kind="other",
                        row_label_raw=label,
                        column_path_raw=group,
                        class_code=None,
                        kind_code=None,
                        item_code=None,
                        item_name_raw=label or None,
                        measure=measure_of((label,)),
                        phase="budget",
                        fiscal_year=fiscal_year,
                        amount_yuan=parse_signed_amount(
                            text, unit=unit_of, file_name=file_name, line=row.line, what=f"form '{title}' '{label}'"
                        ),
                        source_unit=unit_of,
                        amount_raw=text,
                        label_raw=label or None,
                    )
                )
    return items
