"""The header fields of a performance-target form, found by their labels wherever the extraction put them (cells
shift left and right): funds, dates, names, the masked contact fields; the form's money unit."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from budgetwh.ingest.errors import IngestError
from budgetwh.ingest.text.cells import LabelSet, Row, fold, is_number, parse_amount, squash

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
    "年度资金总额": "annual_funds",  # the national template's 项目支出绩效目标表
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


@dataclass
class FormFields:
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


def parse_date(text: str, *, file_name: str, line: int, label: str) -> date:
    parsed = _date_of(text)
    if isinstance(parsed, date):
        return parsed
    raise IngestError(file_name, f"{label}: '{text}' {parsed}", line)


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


def scan_fields(rows: list[Row], fields_: FormFields, unit: str, file_name: str) -> None:
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


# a statement of the form's money unit: 金额单位：万元, a line 单位：万元 above the form, or 项目资金（万元）/ (元)
_UNIT_STATEMENT = re.compile(r"单位:(万元|元)|项目资金\((万元|元)\)")


def form_unit(rows: list[Row]) -> str:
    """The unit the statement nearest the form's money states (the rows run from above the form to its indicator
    table: the form's own statement comes after an earlier table's); 元 when none does."""
    for row in reversed(rows):
        if "元" not in row.raw:  # squash only drops spaces and folds punctuation: no 元, no unit statement
            continue
        found = _UNIT_STATEMENT.search(fold(row.raw))
        if found is not None:
            return found.group(1) or found.group(2)
    return "元"
