"""Parse one document: the pure function at the centre of ingest (SourceText + Reference → DocumentExtract)."""

from __future__ import annotations

import re
from itertools import islice

from budgetwh.ingest import layout as layouts
from budgetwh.ingest.agency_names import agencies_named, same_agency
from budgetwh.ingest.errors import IngestError
from budgetwh.ingest.layouts.budget.narrative import parse_budget_narrative
from budgetwh.ingest.layouts.budget.tables import budget_sections, parse_budget_tables
from budgetwh.ingest.layouts.evaluation_results.parser import parse_evaluation_results
from budgetwh.ingest.layouts.final_accounts.narrative import parse_final_accounts_narrative
from budgetwh.ingest.layouts.final_accounts.tables import parse_final_accounts_tables
from budgetwh.ingest.layouts.table_sections import outside_sections
from budgetwh.ingest.layouts.target_forms.department import parse_department_forms
from budgetwh.ingest.layouts.target_forms.parser import parse_target_forms
from budgetwh.ingest.reference import Reference
from budgetwh.ingest.text.cells import Row, to_rows
from budgetwh.ingest.text.masking import mask_text
from budgetwh.ingest.text.reading import SourceText
from budgetwh.ingest.text.records import DocumentExtract, DocumentRecord

_HTML_TAG = re.compile(r"<[^>]+>")
_YEAR_IN_BRACKETS = re.compile(r"[（(]\s*(\d{4})\s*年度?\s*[)）]")
_YEAR = re.compile(r"(\d{4})\s*年")
_PARENT_LABEL = "预算主管部门"  # a 部门预算's agency, or the parent of a 单位预算's 预算单位
_UNIT_LABEL = "预算单位"
AGENCY_LABELS = (_PARENT_LABEL, _UNIT_LABEL, "编制单位", "编制部门")
_UNIT_KINDS = (layouts.UNIT_BUDGET, layouts.UNIT_FINAL_ACCOUNTS)
# labels a budget's or final account's cover may name its agency with (read among its first lines only: further on,
# a 单位名称 may list one of its units)
_COVER_LINE = re.compile(r"^(?:部门名称|单位名称|填报单位)\s*[:：]\s*(.+)$")
_AGENCY_LINE = re.compile(r"^(?:" + "|".join(AGENCY_LABELS) + r")\s*[:：]\s*(.+)$")
HEADER_LINES = 15
# Where a line carries both an agency label and, after a wide gap, the unit (编制部门：… 单位：元), the name ends there.
_AGENCY_END = re.compile(r"\s{2,}.*$|\s*单位[:：].*$")


def _clean_title(text: str) -> str:
    return _HTML_TAG.sub("", text).strip().lstrip("#").strip()


def _title(rows: list[Row], layout: str, reference: Reference) -> tuple[Row, tuple[str, int] | None]:
    """The title row, and the agency name printed with it: before the year in a budget's or final account's title
    (上海市普陀区财政局2024年度部门决算), or on the line above (a title printed on two lines, evaluation results)."""
    if layout in layouts.BUDGETS + layouts.FINAL_ACCOUNTS:
        stated = layouts.title_kind(rows)
        if stated is not None:
            row = stated.row
            if stated.named_line is not None and _names_agency(stated.named, reference):
                return row, (_agency_of_title(stated.named, reference), stated.named_line)
            header = layouts.header_rows(rows)
            at = header.index(row) if row in header else 0
            before = header[at - 1] if at > 0 else None
            if (
                before is not None
                and not before.is_tabular
                and not _YEAR.search(before.raw)
                and not re.search("[:：]", before.raw)
                and _names_agency(_clean_title(before.raw), reference)
            ):
                return row, (_clean_title(before.raw), before.line)
            return row, None
    non_blank = (r for r in rows if not r.is_blank and not r.raw.lstrip().startswith("<!--"))
    if layout == layouts.EVALUATION_RESULTS:
        non_blank = list(non_blank)
        for index, row in enumerate(non_blank):
            if "绩效评价结果" in row.raw:
                above = non_blank[index - 1] if index > 0 else None
                return row, (None if above is None else (above.raw.strip(), above.line))
        return non_blank[0], None
    return next(non_blank), None


_SCOPE_WORDS = re.compile(r"(?:区级|市级|镇级)$")


def _agency_of_title(text: str, reference: Reference) -> str:
    """The agency a title prints around its year: without a trailing 区级 (上海市普陀区财政局 区级 → the bureau)."""
    return _SCOPE_WORDS.sub("", text).strip()


def _names_agency(text: str, reference: Reference) -> bool:
    """More than a place: 上海市普陀区 alone is where, not who."""
    rest = _SCOPE_WORDS.sub("", text).replace("上海市", "")
    for alias in sorted(reference.district_aliases, key=len, reverse=True):
        rest = rest.replace(alias, "")
    return len(rest.strip()) >= 2


def _stated_year(rows: list[Row], title: Row) -> tuple[int, int] | None:
    match = _YEAR.search(title.raw)
    if match and "申报表" not in title.raw:
        return int(match.group(1)), title.line
    stated = layouts.title_kind(rows)
    if stated is not None and stated.row is title:
        return stated.year, title.line
    for row in islice((r for r in rows if not r.is_blank), HEADER_LINES):
        match = _YEAR_IN_BRACKETS.search(row.raw)
        if match:
            return int(match.group(1)), row.line
    return None


def _printed_agencies(
    rows: list[Row], text: str, title_agency: tuple[str, int] | None, cover: list[Row]
) -> list[tuple[str, int, str]]:
    """Every agency name the document's own headers print, with its line and the label that introduced it; `cover`:
    the rows where a cover's own labels (部门名称：…) may name it too."""
    printed: list[tuple[str, int, str]] = []
    if title_agency is not None:
        printed.append((*title_agency, "header"))
    cover_lines = {row.line for row in cover if not row.is_tabular}
    # a line naming the agency starts with one of the labels: a document that prints none needs no line scanned
    for row in rows if cover_lines or any(label in text for label in AGENCY_LABELS) else ():
        if row.is_tabular:
            continue
        clean = row.raw.strip().lstrip("#").strip()
        match = _AGENCY_LINE.match(clean) or (_COVER_LINE.match(clean) if row.line in cover_lines else None)
        if match:
            role = re.split("[:：]", match.group(0))[0]
            # a line naming two agencies gives both: the header check refuses it
            printed += [(name, row.line, role) for name in agencies_named(_AGENCY_END.sub("", match.group(1)).strip())]
    return printed


def _own_agency(printed: list[tuple[str, int, str]], layout: str, reference: Reference) -> list[tuple[str, int, str]]:
    """A cover printing both a 预算主管部门 and a 预算单位 names the document's agency and one beside it: a 单位预算
    (or 单位决算) is the 预算单位's, the 主管部门 its parent (its tables may name the parent too, as 编制部门); a
    部门预算 is the 主管部门's, the 预算单位 one of its units. The other name is no second agency of the document."""
    units = [name for name, _, role in printed if role == _UNIT_LABEL]
    parents = [name for name, _, role in printed if role == _PARENT_LABEL]
    if not units or not parents:
        return printed
    own, other = (units, _PARENT_LABEL) if layout in _UNIT_KINDS else (parents, _UNIT_LABEL)
    others = parents if own is units else units
    return [
        entry
        for entry in printed
        if entry[2] != other
        and (
            any(same_agency(entry[0], name, reference) for name in own)
            or not any(same_agency(entry[0], name, reference) for name in others)
        )
    ]


def _parse_content(
    layout: str,
    rows: list[Row],
    *,
    document_id: str,
    year: int,
    file_name: str,
    source_text: str,
    reference: Reference,
    default_agency: str,
) -> tuple[list, list, list, list]:
    """projects, indicators, line items and evaluations of one document, by its layout."""
    projects, indicators, line_items, evaluations = [], [], [], []
    form_rows = rows
    if layout == layouts.EVALUATION_RESULTS:
        projects, evaluations = parse_evaluation_results(
            rows, document_id=document_id, file_name=file_name, agency_name=default_agency, full_text=source_text
        )
        return projects, indicators, line_items, evaluations
    if layout in layouts.BUDGETS:
        sections = budget_sections(rows)
        line_items = parse_budget_tables(
            rows, document_id=document_id, fiscal_year=year, file_name=file_name, sections=sections
        ) + parse_budget_narrative(rows, document_id=document_id, fiscal_year=year, file_name=file_name)
        # the project forms a budget may print at its end are read outside its tables: a 项目名称 | 金额 header of a
        # 项目支出表 starts no form (which would then be refused for lacking its indicator table)
        form_rows = outside_sections(rows, sections)
    elif layout in layouts.FINAL_ACCOUNTS:
        line_items = parse_final_accounts_tables(
            rows, document_id=document_id, fiscal_year=year, file_name=file_name
        ) + parse_final_accounts_narrative(rows, document_id=document_id, fiscal_year=year, file_name=file_name)
        return projects, indicators, line_items, evaluations
    projects, indicators = parse_target_forms(
        form_rows, document_id=document_id, file_name=file_name, reference=reference, default_agency=default_agency
    )
    # a 部门整体支出绩效目标表 names no project: its money is line items (layouts/target_forms/department.py)
    line_items += parse_department_forms(form_rows, document_id=document_id, fiscal_year=year, file_name=file_name)
    if layout == layouts.TARGET_FORMS and not projects:
        raise IngestError(file_name, "no project form (a row 项目名称 | <name>) found")
    return projects, indicators, line_items, evaluations


def _district_of(reference: Reference, header: str, text: str) -> str | None:
    """The district a budget or final account names in its title and agency lines: the one named first there (an
    agency's own name may hold a place that is also a district's short name); where they name none (a title
    printing the agency without its district), the district the document names most often."""
    named = [
        (header.find(alias), -len(alias), district)
        for alias, district in reference.district_aliases.items()
        if alias in header
    ]
    if named:
        return min(named)[2]
    counts: dict[str, int] = {}
    for alias, district in reference.district_aliases.items():
        if alias.endswith("区"):
            counts[district] = counts.get(district, 0) + text.count(alias)
    best = max(counts.items(), key=lambda kv: kv[1], default=(None, 0))
    return best[0] if best[1] > 0 else None


def _needs_row(file_name: str, sha256: str, what: str) -> IngestError:
    return IngestError(
        file_name,
        f"not in seeds/reference/document_registry.csv (sha256 {sha256}): add a row stating its district, fiscal "
        f"year and agency (the document itself states no {what})",
    )


def parse_document(source: SourceText, reference: Reference) -> DocumentExtract:
    file_name = source.file_name
    text = mask_text(source.text)
    lines = text.split("\n")
    if text.endswith("\n"):
        lines.pop()  # the same physical lines as source.lines
    rows = to_rows(lines, source.line_pages)
    layout = layouts.detect_layout(rows, file_name, text)
    document_id = source.document_id
    title_row, title_agency = _title(rows, layout, reference)
    stated = _stated_year(rows, title_row)
    # Structure is checked before the registry so that a damaged copy of a document is reported as damaged,
    # not merely as unregistered.
    entry = reference.registry.get(source.sha256)
    agency = reference.agencies[entry.agency_id] if entry else None
    cover = layouts.header_rows(rows) if layout in layouts.BUDGETS + layouts.FINAL_ACCOUNTS else []
    every_printed = _printed_agencies(rows, text, title_agency, cover)
    printed = _own_agency(every_printed, layout, reference)
    if layout in layouts.BUDGETS + layouts.FINAL_ACCOUNTS:
        _check_header(
            file_name, title_row, stated is not None or entry is not None, (every_printed, printed), reference
        )
    year = stated[0] if stated else (entry.fiscal_year if entry else 0)
    default_agency = printed[0][0] if printed else (agency.agency_name if agency else "")
    projects, indicators, line_items, evaluations = _parse_content(
        layout,
        rows,
        document_id=document_id,
        year=year,
        file_name=file_name,
        source_text=source.text,
        reference=reference,
        default_agency=default_agency,
    )
    # identity comes from the title and header lines only; the names forms print are checked against the registry
    header_text = " ".join([title_row.raw, *(n for n, _, _ in printed)])
    header_named = reference.districts_named_in(header_text)
    header_printed = bool(printed)
    printed += _names_forms_print(projects, printed, default_agency)
    named = reference.districts_named_in(" ".join([title_row.raw, *(n for n, _, _ in printed)]))
    if entry is not None and agency is not None:
        _check_registry(file_name, entry, agency, reference, stated, printed, named, title_row)
        district_id, fiscal_year = entry.district_id, entry.fiscal_year
    else:
        if stated is None:
            raise _needs_row(file_name, source.sha256, "fiscal year")
        district_id = (
            _district_of(reference, header_text, text)
            if layout in layouts.BUDGETS + layouts.FINAL_ACCOUNTS
            else (next(iter(header_named)) if len(header_named) == 1 else None)
        )
        if district_id is None:
            what = "district" if not header_named else "single district (it names several)"
            raise _needs_row(file_name, source.sha256, what)
        if not header_printed:
            raise _needs_row(file_name, source.sha256, "agency")
        fiscal_year = stated[0]
    document = DocumentRecord(
        document_id=document_id,
        file_name=file_name,
        sha256=source.sha256,
        doc_type=layout,
        title_raw=_clean_title(title_row.raw),
        district_id=district_id,
        fiscal_year=fiscal_year,
        agency_name=printed[0][0] if printed else default_agency,
        line_count=source.line_count,
        source_format=source.source_format,
        page_count=source.page_count,
        title_line=title_row.line,
        district_source="document" if named else "registry",
        agency_source="document" if printed else "registry",
    )
    return DocumentExtract(document, projects, indicators, line_items, evaluations)


def _check_header(
    file_name: str,
    title_row: Row,
    has_year: bool,
    printed: tuple[list[tuple[str, int, str]], list[tuple[str, int, str]]],
    reference: Reference,
) -> None:
    """A budget or final account states its year in its title (or its registry row does), and its headers name one
    agency: anything else is a damaged document, refused before the registry is consulted. `printed`: every name
    the headers print, and those naming the document's own agency."""
    if not has_year:
        raise IngestError(
            file_name,
            f"the title '{_clean_title(title_row.raw)}' states no fiscal year (e.g. 2025年区级部门预算): the "
            f"document looks damaged",
            title_row.line,
        )
    every, own = printed
    # one line naming two agencies is refused whichever role it prints them under
    for (first, line, role), (second, next_line, next_role) in zip(every, every[1:], strict=False):
        if (line, role) == (next_line, next_role):
            raise IngestError(
                file_name, f"{role} names two agencies, '{first}' and '{second}': one document is one agency's", line
            )
    for name, line, role in own[1:]:
        if not same_agency(own[0][0], name, reference):
            raise IngestError(
                file_name,
                f"{role} names '{name}' but line {own[0][1]} names '{own[0][0]}': one document is one agency's",
                line,
            )


def _names_forms_print(
    projects: list, printed: list[tuple[str, int, str]], default_agency: str
) -> list[tuple[str, int, str]]:
    """The agency names a document's target forms print (实施单位, 主管部门), each place once: the registry's agency
    must answer to them too."""
    seen = set(printed)  # membership in a set: a document of many forms made the list scan quadratic
    found: list[tuple[str, int, str]] = []
    for project in projects:
        if project.form_kind != "target_form":
            continue
        for value, role in ((project.agency_name, "实施单位"), (project.competent_dept_raw, "主管部门")):
            if value and (value, project.source_line, role) not in seen and value != default_agency:
                entry_printed = (value, project.source_line, f"{role} of the form")
                found.append(entry_printed)
                seen.add(entry_printed)
    return found


def _check_registry(file_name, entry, agency, reference, stated, printed, named, title_row) -> None:
    """A registered document must agree with what the person stated: its year, district and agency names."""
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
    if named and entry.district_id not in named:
        raise IngestError(
            file_name,
            f"the document names district(s) {', '.join(sorted(named))} but document_registry.csv says "
            f"{entry.district_id}",
            title_row.line,
        )
