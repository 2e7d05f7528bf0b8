"""The indicator table of a performance-target form, read by meaning: label cells are recognised through the
indicator framework's vocabulary, the first other cell is the indicator, the next is its target. Merged-down
一级/二级 cells are carried to every row below them."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from budgetwh.ingest.errors import IngestError
from budgetwh.ingest.reference import LEVEL1_ONLY, NOT_A_LABEL, Reference
from budgetwh.ingest.text.cells import LabelSet, Row, squash
from budgetwh.ingest.text.records import IndicatorRecord

TABLE_MARKERS = {"绩效指标", "绩效目标"}
LEVEL1_HEADERS = LabelSet.of("一级指标", "一级目标")
LEVEL3_HEADERS = LabelSet.of("三级指标", "三级目标")
TARGET_HEADER = re.compile(r"(目标值|指标值)")
REMARK_HEADER = "备注"
# A row naming one of these starts another table: the indicator table has ended.
TABLE_ENDERS = LabelSet.of("项目名称", "项目构成分解", "金额合计", "制度保障")

# a character every indicator-table header holds (tested first; "" if the labels shared none: every line holds it)
HEADER_CHAR = (*LEVEL1_HEADERS.common, "")[0]


def is_indicator_header(row: Row) -> bool:
    return row.holds(LEVEL1_HEADERS) and row.holds(LEVEL3_HEADERS)


@dataclass(frozen=True)
class _Header:
    """The columns of the indicator name, its target and the 备注 (None: the table has no 备注 column)."""

    name: int
    target: int
    remark: int | None


def _header(row: Row, file_name: str) -> _Header:
    name = target = remark = None
    for i, cell in enumerate(row.cells):
        key = squash(cell)
        if key in LEVEL3_HEADERS.labels and name is None:
            name = i
        elif TARGET_HEADER.search(key) and target is None:
            target = i
        elif key == REMARK_HEADER and remark is None:
            remark = i
    if name is None or target is None:
        missing = "三级指标" if name is None else "目标值 (指标值)"
        raise IngestError(file_name, f"indicator table header has no {missing} column", row.line)
    return _Header(name=name, target=target, remark=remark)


# A line this finds may end the table (a label of TABLE_ENDERS, or 申报表); the others cannot: one search decides
# for nearly every indicator row.
_MAY_END_TABLE = re.compile(TABLE_ENDERS.finder.pattern + "|申报表")


def _table_rows(rows: list[Row], start: int) -> Iterator[tuple[int, list[int]]]:
    """The rows below the header at `start`, each with the positions of its non-empty cells, up to the first that
    ends the table: a row without a tab, a blank row, or one that starts another table."""
    for index in range(start + 1, len(rows)):
        row = rows[index]
        raw = row.raw
        if "\t" not in raw:
            return
        filled = [i for i, c in enumerate(row.cells) if c]
        if not filled:
            return
        # ("申报表" holds no tab or space, so it is in a cell exactly when it is in the line)
        if _MAY_END_TABLE.search(raw) is not None and (row.holds(TABLE_ENDERS) or "申报表" in raw):
            return
        yield index, filled


def _leading_labels(cells: tuple[str, ...], filled: list[int], label_level: Callable[[str], int]) -> int:
    """How many of the row's first filled cells are labels: a level-1 label and a level-2 one at most, and only the
    first may be a level-1-only label. A cell past them that spells a label word (满意度, a level-1 label of the
    2020 forms, used as a level-3 indicator's name) is the indicator, not a third label."""
    labels = 0
    while labels < min(2, len(filled)):
        level = label_level(cells[filled[labels]])
        if level == NOT_A_LABEL or (labels and level == LEVEL1_ONLY):
            break
        labels += 1
    return labels


def _target_and_remark(row: Row, filled: list[int], labels: int, header: _Header) -> tuple[str | None, str | None]:
    cells = row.cells
    if header.remark is not None and filled[labels] == header.name:
        # An aligned row of a table with a 备注 column: trust positions, so a blank target stays blank.
        remark = "\t".join([cells[i] for i in filled[labels + 1 :] if i > header.target]) or None
        return row.cell(header.target) or None, remark
    if labels + 1 < len(filled):
        return cells[filled[labels + 1]], "\t".join([cells[i] for i in filled[labels + 2 :]]) or None
    return None, None


def parse_indicator_table(
    rows: list[Row],
    start: int,
    *,
    project_id: str,
    document_id: str,
    reference: Reference,
    file_name: str,
    at_document_end: bool,
) -> list[IndicatorRecord]:
    """The indicator rows below the header at `start`, each placed by meaning: the label cells lead the row (a
    level-1 label, a level-2 label, or both), the first other cell is the indicator, the next its target. A label
    is carried down to the rows below until another replaces it."""
    header = _header(rows[start], file_name)
    label_level = reference.label_level
    level1 = level2 = None  # the labels in force, printed on this row or carried from above
    indicators: list[IndicatorRecord] = []
    last_index = start
    for index, filled in _table_rows(rows, start):
        row = rows[index]
        cells = row.cells
        last_index = index
        if filled[0] == 0 and squash(cells[0]) in TABLE_MARKERS:
            del filled[0]
        labels = _leading_labels(cells, filled, label_level)
        level1_printed = level2_printed = False
        if labels >= 2:
            level1, level2 = cells[filled[0]], cells[filled[1]]
            level1_printed = level2_printed = True
        elif labels == 1:
            label = cells[filled[0]]
            if label_level(label) == LEVEL1_ONLY:
                level1, level2 = label, None
                level1_printed = True
            else:
                level2 = label
                level2_printed = True
        if labels == len(filled):
            continue  # a row that only prints labels
        target, remark = _target_and_remark(row, filled, labels, header)
        indicators.append(
            IndicatorRecord(
                indicator_id=f"{document_id}:L{row.line}",  # row_id, spelled out
                project_id=project_id,
                document_id=document_id,
                source_line=row.line,
                level1_raw=level1,
                level2_raw=level2,
                indicator_name=cells[filled[labels]],
                target_raw=target,
                remark_raw=remark,
                row_position=len(indicators) + 1,
                level1_is_carried=not level1_printed,
                level2_is_carried=not level2_printed,
            )
        )
    _check_complete(indicators, rows, start, last_index, file_name, at_document_end)
    return indicators


def _check_complete(
    indicators: list[IndicatorRecord], rows: list[Row], start: int, last: int, file_name: str, at_document_end: bool
) -> None:
    if not indicators:
        raise IngestError(file_name, "indicator table has no indicator rows", rows[start].line)
    if at_document_end and last == len(rows) - 1 and indicators[-1].target_raw is None:
        raise IngestError(
            file_name,
            "the file ends inside an indicator table on a row without a target: the document looks truncated",
            rows[last].line,
        )
