"""项目绩效目标申报表: project performance-target forms, alone (闵行) or inside a unit budget (普陀).

A form starts where a row prints 项目名称 followed by the name. Header fields are found by their labels wherever
the extraction put them (cells shift left and right), and the indicator table is read by meaning: label cells are
recognised through the indicator framework's vocabulary, the first other cell is the indicator, the next is its
target. Merged-down 一级/二级 cells are carried to every row below them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from functools import lru_cache

from budgetwh.ingest.cells import LabelSet, Row, fold, holding, is_number, parse_amount, squash
from budgetwh.ingest.errors import IngestError
from budgetwh.ingest.records import IndicatorRecord, ProjectRecord, row_id
from budgetwh.ingest.reference import LEVEL1_ONLY, NOT_A_LABEL, Reference

_ENUMERATOR = re.compile(r"^(?:[一二三四五六七八九十]+、|\([一二三四五六七八九十]+\)|\d+\.|其中:?)+")
_HTML_TAG = re.compile(r"<[^>]+>")
# a sign is captured so that a negative amount is refused, not silently skipped
_INLINE_PAIR = re.compile(r"([\u4e00-\u9fff]+)[:：]\s*(-?[0-9][0-9,]*(?:\.[0-9]+)?)")
_COLON = re.compile(r"[:：]")
_DATE = re.compile(r"^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$")

# label (squashed, enumerators removed) → project field
FUND_LABELS = {
    "项目资金总额": "total_funds",
    "项目总预算": "total_funds",
    "年度资金申请总额": "annual_funds",
    "当年预算": "annual_funds",
    "财政资金": "fiscal_funds",
    "当年财政拨款": "annual_fiscal_appropriation",
    "财政拨款": "annual_fiscal_appropriation",
    "上年结转资金": "carryover",
    "上年结转": "carryover",
    "其他资金": "other_funds",
}
TEXT_LABELS = {
    "项目性质": "project_nature_raw",
    "项目类别": "project_category_raw",
    "主管部门": "competent_dept_raw",
    "实施单位": "agency_name",
    "起始日期": "start_date",
    "开始日期": "start_date",
    "计划开始日期": "start_date",
    "结束日期": "end_date",
    "完成日期": "end_date",
    "计划完成日期": "end_date",
    "项目负责人": "owner_masked",
    "联系人": "contact_masked",
    "联系电话": "phone_masked",
}
PROJECT_NAME_LABEL = "项目名称"
TABLE_MARKERS = {"绩效指标", "绩效目标"}
LEVEL1_HEADERS = LabelSet.of("一级指标", "一级目标")
LEVEL3_HEADERS = LabelSet.of("三级指标", "三级目标")
TARGET_HEADER = re.compile(r"(目标值|指标值)")
REMARK_HEADER = "备注"
# A row naming one of these starts another table: the indicator table has ended.
TABLE_ENDERS = LabelSet.of("项目名称", "项目构成分解", "金额合计", "制度保障")


# Every label ends in one of these characters. Folding a cell (squash) only drops spaces, folds bracket and colon
# widths and trims trailing colons, so a cell whose last other character is not one of them (an amount, a date,
# most names) cannot be a label: checking that first spares folding the many value cells of each form.
_LABEL_ENDINGS = frozenset(label[-1] for label in (*FUND_LABELS, *TEXT_LABELS, PROJECT_NAME_LABEL))
assert not _LABEL_ENDINGS & set("()（）:："), "labels end in a character that folding leaves alone"
_MAY_END_LABEL = _LABEL_ENDINGS | set(":：")  # a cell's last character, when the cell may be a label


def _may_be_label(text: str) -> bool:
    for ch in reversed(text):
        if ch in _LABEL_ENDINGS:
            return True
        if not (ch.isspace() or ch in ":："):
            return False
    return False


def field_label(cell: str) -> str:
    return _ENUMERATOR.sub("", squash(cell))


@lru_cache(maxsize=1 << 14)  # the same label cells recur on every form
def label_of(cell: str) -> str | None:
    """The field label a cell prints (a key of FUND_LABELS or TEXT_LABELS, or 项目名称), or None."""
    if not _may_be_label(cell):
        return None
    label = field_label(cell)
    return label if label in FUND_LABELS or label in TEXT_LABELS or label == PROJECT_NAME_LABEL else None


def is_known_label(cell: str) -> bool:
    """A field label, also when its value follows in the same cell ("联系电话：139****8685")."""
    head = _COLON.split(cell, maxsplit=1)[0] if (":" in cell or "：" in cell) else cell
    return label_of(head) is not None


_PROJECT_NAME = LabelSet.of(PROJECT_NAME_LABEL)
# the first cell must squash to 项目名称, so the line must start with its characters (after any spaces)
_FORM_START = re.compile(r"\s*(?:" + _PROJECT_NAME.finder.pattern + ")")


def is_form_start(row: Row) -> bool:
    if not _FORM_START.match(row.raw) or "\t" not in row.raw:
        return False
    if squash(row.cell(0)) != PROJECT_NAME_LABEL:
        return False
    value = next((c for _, c in row.filled[1:]), "")
    return bool(value) and not is_known_label(value) and fold(value) not in {"项目内容", "项目明细"}


# a character every indicator-table header holds (tested first; "" if the labels shared none: every line holds it)
_HEADER_CHAR = (*LEVEL1_HEADERS.common, "")[0]


def is_indicator_header(row: Row) -> bool:
    return row.holds(LEVEL1_HEADERS) and row.holds(LEVEL3_HEADERS)


@dataclass
class _FormFields:
    values: dict[str, object] = field(default_factory=dict)
    raw: dict[str, str] = field(default_factory=dict)
    other_seen_on_row: int = 0

    def set_fund(
        self, name: str, text: str, *, unit: str, file_name: str, line: int, label: str, in_cell: bool = False
    ) -> None:
        # 其他资金 is printed twice on one row: first of the total, then of the annual request.
        if name == "other_funds" and not in_cell:
            self.other_seen_on_row += 1
            if self.other_seen_on_row == 2:
                name = "annual_other_funds"
            elif self.other_seen_on_row > 2:
                return
        if name in self.values:
            return
        self.values[name] = parse_amount(text, unit=unit, file_name=file_name, line=line, what=label)
        self.raw[name] = text


def _parse_date(text: str, *, file_name: str, line: int, label: str) -> date:
    parsed = _date_of(text)
    if isinstance(parsed, date):
        return parsed
    raise IngestError(file_name, f"{label}: '{text}' {parsed}", line)


@lru_cache(maxsize=1 << 10)  # forms of one year print the same few dates
def _date_of(text: str) -> date | str:
    """The date, or why the text is not one."""
    match = _DATE.match(text.strip())
    if not match:
        return "is not a date (expected YYYY-MM-DD)"
    year, month, day = (int(g) for g in match.groups())
    try:
        return date(year, month, day)
    except ValueError:
        return "is not a valid date"


def _scan_fields(rows: list[Row], fields_: _FormFields, unit: str, file_name: str) -> None:
    for row in rows:
        if "\t" not in row.raw:
            continue
        fields_.other_seen_on_row = 0
        filled = [cell for cell in row.cells if cell]
        for position, cell in enumerate(filled):
            # most cells are values: test their last character before anything else (see _LABEL_ENDINGS)
            label = label_of(cell) if cell[-1] in _MAY_END_LABEL else None
            fund = name = None
            if label is not None:
                fund = FUND_LABELS.get(label)
                name = TEXT_LABELS.get(label)
                # the next non-empty cell to the right, unless it is another label (then the field is blank)
                value = filled[position + 1] if position + 1 < len(filled) else None
                if value is not None and is_known_label(value):
                    value = None
            if fund is not None:
                if value is not None and is_number(value):
                    fields_.set_fund(fund, value, unit=unit, file_name=file_name, line=row.line, label=cell)
                elif value is None and fund == "other_funds":
                    fields_.other_seen_on_row += 1
                continue
            if name is not None:
                if value is not None and name not in fields_.values:
                    fields_.values[name] = value
                continue
            if ":" not in cell and "：" not in cell:
                continue
            # "联系电话：139****8685" or "一、项目总预算：171500" printed in one cell (sometimes inside HTML)
            for inline_label, number in _INLINE_PAIR.findall(_HTML_TAG.sub(" ", cell)):
                key = field_label(inline_label)
                if key in FUND_LABELS:
                    fields_.set_fund(
                        FUND_LABELS[key],
                        number,
                        unit=unit,
                        file_name=file_name,
                        line=row.line,
                        label=inline_label,
                        in_cell=True,
                    )
            if ("联系电话" in cell) and "phone_masked" not in fields_.values:
                after = _COLON.split(cell, maxsplit=1)
                if len(after) == 2 and after[1].strip():
                    fields_.values["phone_masked"] = after[1].strip()


def _header_columns(row: Row) -> dict[str, int | None]:
    name = target = remark = None
    for i, cell in enumerate(row.cells):
        key = squash(cell)
        if key in LEVEL3_HEADERS.labels and name is None:
            name = i
        elif TARGET_HEADER.search(key) and target is None:
            target = i
        elif key == REMARK_HEADER and remark is None:
            remark = i
    return {"name": name, "target": target, "remark": remark}


# A line this finds may end the table (a label of TABLE_ENDERS, or 申报表); the others cannot: one search decides
# for nearly every indicator row.
_MAY_END_TABLE = re.compile(TABLE_ENDERS.finder.pattern + "|申报表")


def _parse_indicator_table(
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
    is carried down to the rows below until another replaces it. (One loop, without a call per row: a ×1000
    corpus has three quarters of a million indicator rows.)"""
    header = _header_columns(rows[start])
    name_column, target_column, remark_column = header["name"], header["target"], header["remark"]
    if name_column is None or target_column is None:
        missing = "三级指标" if name_column is None else "目标值 (指标值)"
        raise IngestError(file_name, f"indicator table header has no {missing} column", rows[start].line)
    label_level = reference.label_level
    level1 = level2 = None  # the labels in force, printed on this row or carried from above
    indicators: list[IndicatorRecord] = []
    last_index = start
    for index in range(start + 1, len(rows)):
        row = rows[index]
        raw = row.raw
        if "\t" not in raw:  # not tabular: the table has ended
            break
        cells = row.cells
        filled = [i for i, c in enumerate(cells) if c]  # positions of the non-empty cells
        if not filled:  # a blank row ends the table too
            break
        # another table starts ("申报表" holds no tab or space, so it is in a cell exactly when it is in the line)
        if _MAY_END_TABLE.search(raw) is not None and (row.holds(TABLE_ENDERS) or "申报表" in raw):
            break
        last_index = index
        if filled[0] == 0 and squash(cells[0]) in TABLE_MARKERS:
            del filled[0]
        labels = 0
        while labels < len(filled) and label_level(cells[filled[labels]]) != NOT_A_LABEL:
            labels += 1
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
        name_position = filled[labels]
        target = remark = None
        if remark_column is not None and name_position == name_column:
            # An aligned row of a table with a 备注 column: trust positions, so a blank target stays blank.
            target = row.cell(target_column) or None
            remark = "\t".join([cells[i] for i in filled[labels + 1 :] if i > target_column]) or None
        elif labels + 1 < len(filled):
            target = cells[filled[labels + 1]]
            remark = "\t".join([cells[i] for i in filled[labels + 2 :]]) or None
        line = row.line
        indicators.append(
            IndicatorRecord(
                f"{document_id}:L{line}",  # row_id, spelled out
                project_id,
                document_id,
                line,
                level1,
                level2,
                cells[name_position],
                target,
                remark,
                len(indicators) + 1,
                not level1_printed,
                not level2_printed,
            )
        )
    if not indicators:
        raise IngestError(file_name, "indicator table has no indicator rows", rows[start].line)
    if at_document_end and last_index == len(rows) - 1 and indicators[-1].target_raw is None:
        raise IngestError(
            file_name,
            "the file ends inside an indicator table on a row without a target: the document looks truncated",
            rows[last_index].line,
        )
    return indicators


def _form_unit(rows: list[Row]) -> str:
    for row in rows:
        if "万" not in row.raw:  # squash only drops spaces and folds punctuation: no 万, no 万元
            continue
        text = fold(row.raw)
        if "万元" in text and ("金额单位" in text or "项目资金(万元)" in text):
            return "万元"
    return "元"


def parse_target_forms(
    rows: list[Row],
    *,
    document_id: str,
    file_name: str,
    reference: Reference,
    default_agency: str,
) -> tuple[list[ProjectRecord], list[IndicatorRecord]]:
    # (a line without the label's last character cannot start a form: testing it spares the match for most)
    starts = [i for i in holding(rows, PROJECT_NAME_LABEL[-1]) if is_form_start(rows[i])]
    projects: list[ProjectRecord] = []
    indicators: list[IndicatorRecord] = []
    for number, start in enumerate(starts):
        end = starts[number + 1] if number + 1 < len(starts) else len(rows)
        form_rows = rows[start:end]
        header_at = next((i for i in holding(form_rows, _HEADER_CHAR) if is_indicator_header(form_rows[i])), None)
        start_row = rows[start]
        project_name = next(c for _, c in start_row.filled[1:])
        if header_at is None:
            raise IngestError(file_name, f"project form '{project_name}' has no indicator table", start_row.line)
        project_id = row_id(document_id, start_row.line)
        fields_ = _FormFields()
        unit = _form_unit(rows[max(0, start - 12) : start + header_at])
        _scan_fields(form_rows[:header_at], fields_, unit, file_name)
        values = fields_.values
        for key in ("start_date", "end_date"):
            if key in values:
                values[key] = _parse_date(str(values[key]), file_name=file_name, line=start_row.line, label=key)
        project_indicators = _parse_indicator_table(
            rows,
            start + header_at,
            project_id=project_id,
            document_id=document_id,
            reference=reference,
            file_name=file_name,
            at_document_end=(end == len(rows)),
        )
        funds: dict[str, Decimal | None] = {
            k: values.get(k)
            for k in (
                "total_funds",
                "annual_funds",
                "fiscal_funds",
                "annual_fiscal_appropriation",
                "carryover",
                "other_funds",
                "annual_other_funds",
            )
        }
        projects.append(
            ProjectRecord(
                project_id=project_id,
                document_id=document_id,
                source_line=start_row.line,
                agency_name=values.get("agency_name") or default_agency,
                competent_dept_raw=values.get("competent_dept_raw"),
                project_name=project_name,
                project_nature_raw=values.get("project_nature_raw"),
                project_category_raw=values.get("project_category_raw"),
                start_date=values.get("start_date"),
                end_date=values.get("end_date"),
                total_funds_yuan=funds["total_funds"],
                annual_funds_yuan=funds["annual_funds"],
                fiscal_funds_yuan=funds["fiscal_funds"],
                annual_fiscal_appropriation_yuan=funds["annual_fiscal_appropriation"],
                carryover_yuan=funds["carryover"],
                other_funds_yuan=funds["other_funds"],
                owner_masked=values.get("owner_masked"),
                annual_other_funds_yuan=funds["annual_other_funds"],
                total_funds_raw=fields_.raw.get("total_funds"),
                annual_funds_raw=fields_.raw.get("annual_funds"),
                fiscal_funds_raw=fields_.raw.get("fiscal_funds"),
                annual_fiscal_appropriation_raw=fields_.raw.get("annual_fiscal_appropriation"),
                carryover_raw=fields_.raw.get("carryover"),
                other_funds_raw=fields_.raw.get("other_funds"),
                contact_masked=values.get("contact_masked"),
                phone_masked=values.get("phone_masked"),
            )
        )
        indicators.extend(project_indicators)
    return projects, indicators
