"""Downloads give data, not markup, in a real browser: a table's CSV holds its amounts in 元 (the pages print 万元)
and its citation as plain columns (document name, line, page, the site's addresses written out whole), never the
HTML cell a page prints; a table that prints such a cell offers no download of its own query."""

from __future__ import annotations

import csv
import io
import re
from decimal import Decimal
from pathlib import Path

import duckdb
from dashboard_support import PageWatch
from test_cited_documents import page_of_line, pdf_agency

BUDGET_TABLE_HEADER = [
    "fiscal_year",
    "subject_code",
    "line_name",
    "budget_yuan",
    "execution_yuan",
    "execution_rate",
    "budget_document_name",
    "budget_source_line",
    "budget_source_page",
    "budget_cite_url",
    "budget_page_url",
    "execution_document_name",
    "execution_source_line",
    "execution_source_page",
    "execution_cite_url",
    "execution_page_url",
]
MARKUP = re.compile(r"<[a-z/][^>]*>|&(?:amp|lt|gt|quot);")


def download(watch: PageWatch, name: str, nth: int = 0) -> list[list[str]]:
    """Click the nth download button named `name` and read the file it saves (header row first)."""
    with watch.page.expect_download(timeout=60_000) as saved:
        watch.page.get_by_role("button", name=name, exact=True).nth(nth).click()
    text = Path(saved.value.path()).read_text(encoding="utf-8-sig")
    return list(csv.reader(io.StringIO(text)))


def plain(rows: list[list[str]]) -> list[str]:
    """The problems of a downloaded file: markup in a cell, 万元 or HTML columns."""
    header = rows[0]
    problems = [f"column {c}" for c in header if c.endswith(("_html", "_wan")) or c == "cite_label"]
    problems += [f"cell {cell[:60]!r}" for row in rows[1:] for cell in row if MARKUP.search(cell)]
    return problems


def test_an_agency_budget_download_holds_yuan_and_plain_citations(
    watch: PageWatch, marts: duckdb.DuckDBPyConnection
) -> None:
    agency = pdf_agency(marts)
    lines = marts.execute(
        "select count(*) from marts.fct_budget_vs_execution "
        "where agency_id = ? and line_kind in ('functional_item', 'unit_total')",
        [agency],
    ).fetchone()[0]
    # the line with the largest budget printed in a PDF: its row in the file, cell by cell
    subject, name, budget, document_id, line, document_name, file_name = marts.execute(
        "select coalesce(b.class_code || coalesce(b.kind_code, '') || coalesce(b.item_code, ''), ''), b.line_name, "
        "b.budget_yuan, b.document_id, b.budget_source_line, d.document_name, d.file_name "
        "from marts.fct_budget_vs_execution b join marts.dim_documents d using (document_id) "
        "where b.agency_id = ? and b.line_kind = 'functional_item' and d.source_format = 'pdf' "
        "and b.budget_source_line is not null order by b.budget_yuan desc, b.line_id limit 1",
        [agency],
    ).fetchone()
    page = page_of_line(file_name, line)
    watch.open(f"/agencies/{agency}/")
    watch.table("科目 Subject")
    # the table's own download (its query carries the HTML cell) is switched off: hovering shows no button
    table = watch.page.locator("table:visible", has=watch.page.get_by_text("科目 Subject", exact=True)).first
    table.hover()
    watch.page.wait_for_timeout(400)
    assert watch.page.locator(".download-button:visible").count() == 0

    rows = download(watch, "下载表格 Download CSV")
    assert rows[0] == BUDGET_TABLE_HEADER
    assert len(rows) - 1 == lines
    assert plain(rows) == []
    records = [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]
    matching = [r for r in records if r["budget_source_line"] == str(line) and r["line_name"] == name]
    assert len(matching) == 1, (line, name)
    row = matching[0]
    assert Decimal(row["budget_yuan"]) == budget
    assert row["subject_code"].replace(" ", "") == subject
    assert row["budget_document_name"] == document_name
    assert row["budget_source_page"] == str(page)
    assert row["budget_cite_url"] == f"{watch.base_url}/documents/{document_id}/#L{line}"
    assert row["budget_page_url"] == f"{watch.base_url}/documents/{document_id}/{file_name}#page={page}"
    assert not watch.errors, "\n".join(watch.errors)


def test_large_table_downloads_hold_every_row_in_yuan_without_markup(
    watch: PageWatch, marts: duckdb.DuckDBPyConnection
) -> None:
    """The year-over-year file: one row per line of the mart, amounts in 元 and the document of each line by name."""
    expected = marts.execute(
        "select y.document_id, y.source_line, y.amount_yuan, d.document_name from marts.fct_yoy_changes y "
        "join marts.dim_documents d using (document_id)"
    ).fetchall()
    watch.open("/yoy-changes/")
    watch.table("比较基础 Basis")
    rows = download(watch, "下载表格 Download all lines (CSV)")
    assert plain(rows) == []
    header = rows[0]
    for column in ("amount_yuan", "prior_amount_yuan", "document_name", "source_line", "source_page", "cite_url"):
        assert column in header
    records = [dict(zip(header, row, strict=True)) for row in rows[1:]]
    assert len(records) == len(expected)
    shown = {
        (r["cite_url"], Decimal(r["amount_yuan"]) if r["amount_yuan"] else None, r["document_name"]) for r in records
    }
    assert shown == {
        (f"{watch.base_url}/documents/{document_id}/#L{line}", amount, name)
        for document_id, line, amount, name in expected
    }
    assert not watch.errors, "\n".join(watch.errors)


def test_failed_check_downloads_cite_plain_lines(watch: PageWatch, marts: duckdb.DuckDBPyConnection) -> None:
    """The data-quality file (filtered to failures): the values the checks compared, in the unit they compared."""
    failing = marts.execute("select count(*) from marts.fct_consistency_checks where status = 'fail'").fetchone()[0]
    check_id, expected, actual, source_lines, document_name = marts.execute(
        "select c.check_id, c.expected_value, c.actual_value, c.source_lines, d.document_name "
        "from marts.fct_consistency_checks c join marts.dim_documents d using (document_id) "
        "where c.status = 'fail' order by c.check_name, c.document_id, c.check_id limit 1"
    ).fetchone()
    watch.open("/data-quality/?check_status=fail")
    watch.page.wait_for_function(
        "(n) => document.querySelector('[data-testid=check-count] strong')?.innerText.replace(/,/g, '') == String(n)",
        arg=failing,
        timeout=30_000,
    )
    rows = download(watch, "下载表格 Download all matching checks (CSV)")
    assert plain(rows) == []
    records = {r["check_id"]: r for r in (dict(zip(rows[0], row, strict=True)) for row in rows[1:])}
    assert len(records) == failing and {r["status"] for r in records.values()} == {"fail"}
    row = records[check_id]
    assert Decimal(row["expected_value"]) == expected and Decimal(row["actual_value"]) == actual
    assert row["source_lines"] == source_lines and row["document_name"] == document_name
    assert not watch.errors, "\n".join(watch.errors)


def test_no_table_offers_its_html_or_wan_query_as_a_download() -> None:
    """Every DataTable whose query selects an HTML cell or 万元 amounts has its own download switched off (the page
    offers a download query in 元 beside it)."""
    from dashboard_support import ROOT

    problems = []
    checked = 0
    for page in sorted((ROOT / "reports" / "pages").rglob("*.md")):
        text = page.read_text(encoding="utf-8")
        queries = dict(re.findall(r"```sql (\w+)\n(.*?)```", text, re.S))
        for name, attributes in re.findall(r"<DataTable data=\{(\w+)\}([^>]*)>", text):
            query = queries.get(name, "")
            if re.search(r"\w+_html\b|\w+_wan\b", query):
                checked += 1
                if "downloadable=false" not in attributes:
                    problems.append(f"{page.name}: {name}")
    assert checked >= 20 and not problems, problems


def test_units_are_stated_wan_on_the_pages_and_yuan_in_the_table_downloads() -> None:
    """Every 万元 column and chart says 万元 in its title; no table download query selects a 万元 column."""
    from dashboard_support import ROOT

    problems = []
    columns = downloads = 0
    for page in sorted((ROOT / "reports" / "pages").rglob("*.md")):
        text = page.read_text(encoding="utf-8")
        for column, title in re.findall(r'<Column id=(\w+_wan)\b[^>]*?title="([^"]*)"', text):
            columns += 1
            if "万元" not in title:
                problems.append(f"{page.name}: column {column} titled {title!r}")
        for chart in re.findall(r"<BarChart\b.*?/>", text, re.S):
            if re.search(r"\n\s*y=\w+_wan\b", chart) and "万元" not in chart:
                problems.append(f"{page.name}: a 万元 chart without 万元 in its title")
        for name, query in re.findall(r"```sql (\w+_download)\n(.*?)```", text, re.S):
            downloads += 1
            if re.search(r"\w+_wan\b|\w+_html\b", query):
                problems.append(f"{page.name}: {name} selects 万元 or HTML")
    assert columns >= 30 and downloads >= 25 and not problems, problems
