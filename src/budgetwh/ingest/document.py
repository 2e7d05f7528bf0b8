"""Parse one document: the pure function at the centre of ingest (SourceText + Reference → DocumentExtract)."""

from __future__ import annotations

import re
from itertools import islice

from budgetwh.ingest import layout as layouts
from budgetwh.ingest.cells import Row, to_rows
from budgetwh.ingest.errors import IngestError
from budgetwh.ingest.masking import mask_text
from budgetwh.ingest.parsers.evaluation_results import parse_evaluation_results
from budgetwh.ingest.parsers.target_forms import parse_target_forms
from budgetwh.ingest.parsers.unit_budget import parse_unit_budget_narrative, parse_unit_budget_tables
from budgetwh.ingest.reading import SourceText
from budgetwh.ingest.records import DocumentExtract, DocumentRecord
from budgetwh.ingest.reference import Reference

_HTML_TAG = re.compile(r"<[^>]+>")
_YEAR_IN_BRACKETS = re.compile(r"[（(]\s*(\d{4})\s*年度?\s*[)）]")
_YEAR = re.compile(r"(\d{4})\s*年")
AGENCY_LABELS = ("预算单位", "编制单位", "编制部门")
_AGENCY_LINE = re.compile(r"^(?:" + "|".join(AGENCY_LABELS) + r")\s*[:：]\s*(.+)$")
HEADER_LINES = 15


def _clean_title(text: str) -> str:
    return _HTML_TAG.sub("", text).strip().lstrip("#").strip()


def _title(rows: list[Row], layout: str) -> tuple[Row, Row | None]:
    """The title row, and for evaluation results the agency line printed above it."""
    non_blank = (r for r in rows if not r.is_blank)
    if layout == layouts.EVALUATION_RESULTS:
        non_blank = list(non_blank)
        for index, row in enumerate(non_blank):
            if "绩效评价结果" in row.raw:
                return row, (non_blank[index - 1] if index > 0 else None)
        return non_blank[0], None
    return next(non_blank), None


def _stated_year(rows: list[Row], title: Row) -> tuple[int, int] | None:
    match = _YEAR.search(title.raw)
    if match and "申报表" not in title.raw:
        return int(match.group(1)), title.line
    for row in islice((r for r in rows if not r.is_blank), HEADER_LINES):
        match = _YEAR_IN_BRACKETS.search(row.raw)
        if match:
            return int(match.group(1)), row.line
    return None


def parse_document(source: SourceText, reference: Reference) -> DocumentExtract:
    file_name = source.file_name
    text = mask_text(source.text)
    lines = text.split("\n")
    if text.endswith("\n"):
        lines.pop()  # the same physical lines as source.lines
    rows = to_rows(lines)
    layout = layouts.detect_layout(rows, file_name, text)
    document_id = source.document_id
    title_row, agency_row = _title(rows, layout)
    stated = _stated_year(rows, title_row)
    # Structure is checked before the registry so that a damaged copy of a document is reported as damaged,
    # not merely as unregistered.
    entry = reference.registry.get(source.sha256)
    agency = reference.agencies[entry.agency_id] if entry else None
    year = stated[0] if stated else (entry.fiscal_year if entry else 0)
    default_agency = agency.agency_name if agency else ""

    # every agency name the document prints, with its line, checked against the registry's agency
    printed: list[tuple[str, int, str]] = []
    if agency_row is not None:
        printed.append((agency_row.raw.strip(), agency_row.line, "header"))
    # a line naming the agency starts with one of the labels: a document that prints none needs no line scanned
    for row in rows if any(label in text for label in AGENCY_LABELS) else ():
        match = None if row.is_tabular else _AGENCY_LINE.match(row.raw.strip())
        if match:
            printed.append((match.group(1).strip(), row.line, match.group(0).split("：")[0].split(":")[0]))

    projects, indicators, line_items, evaluations = [], [], [], []
    if layout == layouts.EVALUATION_RESULTS:
        projects, evaluations = parse_evaluation_results(
            rows,
            document_id=document_id,
            file_name=file_name,
            agency_name=printed[0][0] if printed else default_agency,
            full_text=source.text,
        )
    else:
        if layout == layouts.UNIT_BUDGET:
            line_items = parse_unit_budget_tables(
                rows, document_id=document_id, fiscal_year=year, file_name=file_name
            ) + parse_unit_budget_narrative(rows, document_id=document_id, fiscal_year=year, file_name=file_name)
        projects, indicators = parse_target_forms(
            rows,
            document_id=document_id,
            file_name=file_name,
            reference=reference,
            default_agency=printed[0][0] if printed else default_agency,
        )
        if layout == layouts.TARGET_FORMS and not projects:
            raise IngestError(file_name, "no project form (a row 项目名称 | <name>) found")
        seen = set(printed)  # membership in a set: a document of many forms made the list scan quadratic
        for project in projects:
            for value, role in ((project.agency_name, "实施单位"), (project.competent_dept_raw, "主管部门")):
                if value and (value, project.source_line, role) not in seen and value != default_agency:
                    entry_printed = (value, project.source_line, f"{role} of the form")
                    printed.append(entry_printed)
                    seen.add(entry_printed)

    if entry is None or agency is None:
        raise IngestError(
            file_name,
            f"not in seeds/reference/document_registry.csv (sha256 {source.sha256}): add a row stating its "
            f"district, fiscal year and agency",
        )
    if stated and stated[0] != entry.fiscal_year:
        raise IngestError(
            file_name,
            f"the document states fiscal year {stated[0]} but document_registry.csv says {entry.fiscal_year}",
            stated[1],
        )
    for name, line, role in printed:
        if not reference.agency_matches(agency.agency_id, name):
            raise IngestError(
                file_name,
                f"{role} '{name}' matches none of the printed names (aliases) of agency '{agency.agency_id}' "
                f"({agency.agency_name}) that document_registry.csv gives for this document: if it is the same "
                f"agency, add the name to its aliases in seeds/reference/agencies.csv",
                line,
            )

    named = reference.districts_named_in(" ".join([title_row.raw, *(n for n, _, _ in printed)]))
    if named and entry.district_id not in named:
        raise IngestError(
            file_name,
            f"the document names district(s) {', '.join(sorted(named))} but document_registry.csv says "
            f"{entry.district_id}",
            title_row.line,
        )
    document = DocumentRecord(
        document_id=document_id,
        file_name=file_name,
        sha256=source.sha256,
        doc_type=layout,
        title_raw=_clean_title(title_row.raw),
        district_id=entry.district_id,
        fiscal_year=entry.fiscal_year,
        agency_name=printed[0][0] if printed else default_agency,
        line_count=source.line_count,
        title_line=title_row.line,
        district_source="document" if named else "registry",
        agency_source="document" if printed else "registry",
    )
    return DocumentExtract(document, projects, indicators, line_items, evaluations)
