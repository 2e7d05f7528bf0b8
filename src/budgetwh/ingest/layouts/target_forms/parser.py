"""项目绩效目标申报表: project performance-target forms, alone (闵行) or inside a unit budget (普陀).

A form starts where a row prints 项目名称 followed by the name and runs to the next form. Its header fields are
found by their labels wherever the extraction put them (fields.py), its indicator table is read by meaning
(indicators.py)."""

from __future__ import annotations

from budgetwh.ingest.errors import IngestError
from budgetwh.ingest.layouts.target_forms.fields import (
    PROJECT_NAME_LABEL,
    FormFields,
    form_unit,
    is_form_start,
    parse_date,
    scan_fields,
)
from budgetwh.ingest.layouts.target_forms.indicators import HEADER_CHAR, is_indicator_header, parse_indicator_table
from budgetwh.ingest.reference import Reference
from budgetwh.ingest.text.cells import Row, holding
from budgetwh.ingest.text.records import IndicatorRecord, ProjectRecord, row_id


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
        header_at = next((i for i in holding(form_rows, HEADER_CHAR) if is_indicator_header(form_rows[i])), None)
        start_row = rows[start]
        project_name = next(c for _, c in start_row.filled[1:])
        if header_at is None:
            raise IngestError(file_name, f"project form '{project_name}' has no indicator table", start_row.line)
        project_id = row_id(document_id, start_row.line)
        fields_ = FormFields()
        unit = form_unit(rows[max(0, start - 12) : start + header_at])
        scan_fields(form_rows[:header_at], fields_, unit, file_name)
        values = fields_.values
        for key in ("start_date", "end_date"):
            if key in values:
                values[key] = parse_date(str(values[key]), file_name=file_name, line=start_row.line, label=key)
        project_indicators = parse_indicator_table(
            rows,
            start + header_at,
            project_id=project_id,
            document_id=document_id,
            reference=reference,
            file_name=file_name,
            at_document_end=(end == len(rows)),
        )
        projects.append(_project(fields_, project_id, document_id, start_row.line, project_name, default_agency))
        indicators.extend(project_indicators)
    return projects, indicators


FUNDS = ("total_funds", "annual_funds", "fiscal_funds", "annual_fiscal_appropriation", "carryover", "other_funds")
TEXTS = ("competent_dept_raw", "project_nature_raw", "project_category_raw", "start_date", "end_date")
MASKED = ("owner_masked", "contact_masked", "phone_masked")


def _project(
    fields_: FormFields, project_id: str, document_id: str, line: int, project_name: str, default_agency: str
) -> ProjectRecord:
    """The form's record: each amount as read (yuan) and as printed (raw); annual 其他资金 has no raw column."""
    values = fields_.values
    return ProjectRecord(
        project_id=project_id,
        document_id=document_id,
        source_line=line,
        agency_name=values.get("agency_name") or default_agency,
        project_name=project_name,
        annual_other_funds_yuan=values.get("annual_other_funds"),
        **{name: values.get(name) for name in (*TEXTS, *MASKED)},
        **{f"{name}_yuan": values.get(name) for name in FUNDS},
        **{f"{name}_raw": fields_.raw.get(name) for name in FUNDS},
    )
