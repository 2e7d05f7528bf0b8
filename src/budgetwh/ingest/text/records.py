"""Rows of the extracted seeds. Field order is the CSV column order (the contract's columns first, additions after),
so the dataclasses are the single definition of each seed's shape.

The records are slotted and not frozen: a ×1000 corpus makes over a million of them, and a frozen dataclass sets
each field through a call to object.__setattr__ where a plain one stores it directly. Parsers never assign to a
record after building it."""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from datetime import date
from decimal import Decimal
from functools import cache

from budgetwh.ingest.text.cells import fmt_decimal


@dataclass(slots=True)
class DocumentRecord:
    document_id: str
    file_name: str
    sha256: str
    doc_type: str
    title_raw: str
    district_id: str
    fiscal_year: int
    agency_name: str
    line_count: int
    source_format: str = "text"  # text | pdf
    page_count: int | None = None  # pages of a PDF (None for text)
    title_line: int = 0
    district_source: str = "document"  # document | registry
    agency_source: str = "document"  # document | registry


@dataclass(slots=True)
class ProjectRecord:
    project_id: str
    document_id: str
    source_line: int
    agency_name: str | None
    competent_dept_raw: str | None
    project_name: str
    project_nature_raw: str | None = None
    project_category_raw: str | None = None
    start_date: date | None = None
    end_date: date | None = None
    total_funds_yuan: Decimal | None = None
    annual_funds_yuan: Decimal | None = None
    fiscal_funds_yuan: Decimal | None = None
    annual_fiscal_appropriation_yuan: Decimal | None = None
    carryover_yuan: Decimal | None = None
    other_funds_yuan: Decimal | None = None
    owner_masked: str | None = None
    annual_other_funds_yuan: Decimal | None = None
    total_funds_raw: str | None = None
    annual_funds_raw: str | None = None
    fiscal_funds_raw: str | None = None
    annual_fiscal_appropriation_raw: str | None = None
    carryover_raw: str | None = None
    other_funds_raw: str | None = None
    contact_masked: str | None = None
    phone_masked: str | None = None
    form_kind: str = "target_form"  # target_form | evaluation


@dataclass(slots=True)
class IndicatorRecord:
    indicator_id: str
    project_id: str
    document_id: str
    source_line: int
    level1_raw: str | None
    level2_raw: str | None
    indicator_name: str
    target_raw: str | None
    remark_raw: str | None
    row_position: int
    level1_is_carried: bool
    level2_is_carried: bool


@dataclass(slots=True)
class LineItemRecord:
    line_item_id: str
    document_id: str
    source_line: int
    source_page: int | None  # 1-based PDF page the amount is printed on (None for text documents)
    cell_index: int
    table_name: str  # the printed title (free text); `narrative` for prose
    table_kind: str  # the standard table (contract v2 enumeration), `other`, or `narrative`
    row_label_raw: str | None  # the row's label as printed (empty for single-row tables)
    column_path_raw: str | None  # the column's header path, upper levels first, joined by '/'
    class_code: str | None
    kind_code: str | None
    item_code: str | None
    item_name_raw: str | None
    measure: str
    phase: str
    fiscal_year: int
    amount_yuan: Decimal | None
    source_unit: str
    amount_raw: str
    stated_change_pct: Decimal | None = None
    stated_change_yuan: Decimal | None = None
    stated_direction: str | None = None
    compare_basis: str | None = None
    stated_rate_pct: Decimal | None = None  # a printed completion rate (完成年初预算的 Z %)
    stated_share_pct: Decimal | None = None  # a printed share (占 X %)
    stated_reason_raw: str | None = None  # the reason printed for a difference, as printed
    row_level: str = "line"
    label_raw: str | None = None
    quantity: Decimal | None = None
    quantity_unit: str | None = None
    compare_fiscal_year: int | None = None


@dataclass(slots=True)
class EvaluationRecord:
    evaluation_id: str
    project_id: str
    document_id: str
    source_line: int
    final_amount_yuan: Decimal | None
    score: Decimal | None
    grade_raw: str | None
    grade_scheme: str
    project_name: str
    final_amount_raw: str | None
    final_amount_line: int | None
    score_raw: str | None
    conclusion_raw: str | None


@dataclass
class DocumentExtract:
    """Everything one document yields; the pure output of parsing one document."""

    document: DocumentRecord
    projects: list[ProjectRecord] = field(default_factory=list)
    indicators: list[IndicatorRecord] = field(default_factory=list)
    line_items: list[LineItemRecord] = field(default_factory=list)
    evaluations: list[EvaluationRecord] = field(default_factory=list)


SEEDS = {
    "documents": DocumentRecord,
    "projects": ProjectRecord,
    "indicators": IndicatorRecord,
    "line_items": LineItemRecord,
    "evaluations": EvaluationRecord,
}


@cache  # asked for every document's rows; the answer never changes
def columns(record_type: type) -> tuple[str, ...]:
    return tuple(f.name for f in fields(record_type))


def to_csv_value(value: object) -> str:
    if value is None:
        return ""
    if type(value) is str:  # the common case first
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return fmt_decimal(value)
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def row_id(document_id: str, line: int, cell: int | None = None) -> str:
    return f"{document_id}:L{line}" + (f":C{cell}" if cell is not None else "")
