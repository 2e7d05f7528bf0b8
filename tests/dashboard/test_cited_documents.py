"""A cited figure names its document and opens it where the figure is printed, in a real browser: beside each cited
line the document's name, the line of the site's masked text, and, for a document converted from a PDF, the
published PDF at the page the line was printed on. Pages are checked against the converted text's own page markers
(seeds/converted/, not the models), and the PDF the link opens is the published file whose page prints the amount."""

from __future__ import annotations

import hashlib
import re
import urllib.request
from decimal import Decimal

import duckdb
from dashboard_support import ROOT, PageWatch
from test_pages import wan

PAGE_MARKER = re.compile(r"<!-- page (\d+) -->")


def page_of_line(file_name: str, line: int) -> int:
    """The page a line of a converted PDF sits on: the last page marker above it (WAVE's converted text format)."""
    text = (ROOT / "seeds" / "converted" / f"{file_name}.txt").read_text(encoding="utf-8").split("\n")
    pages = [int(m.group(1)) for row in text[:line] if (m := PAGE_MARKER.fullmatch(row.strip()))]
    assert pages, f"{file_name}: no page marker above line {line}"
    return pages[-1]


def fetch_bytes(url: str) -> tuple[str, bytes]:
    with urllib.request.urlopen(url) as response:
        return response.headers["Content-Type"], response.read()


def pdf_page_text(pdf: bytes, page: int) -> str:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(pdf)
    try:
        return document[page - 1].get_textpage().get_text_range()
    finally:
        document.close()


def printed_forms(yuan: Decimal) -> set[str]:
    """An amount as documents print it: 元 with separators (部门预算 tables) or 万元 (决算 tables, narratives)."""
    shown = wan(yuan)
    return {f"{yuan:,.0f}", shown, shown.replace(",", ""), shown.rstrip("0").rstrip(".")}


def cite_cells(watch: PageWatch, header: str) -> list[dict[str, object]]:
    """The 出处 cells of the visible table with a column titled `header`: their text and their links' hrefs."""
    watch.table(header)  # waits for the table: a page's queries answer one by one
    return watch.page.evaluate(
        """(header) => {
            const tables = [...document.querySelectorAll('table')].filter(t => t.offsetParent !== null);
            const table = tables.find(t => [...t.querySelectorAll('thead tr:last-child th')]
                .some(th => th.innerText.trim() === header));
            return [...table.querySelectorAll('td .cite')].map(c => ({
                text: c.innerText.trim(),
                line: c.querySelector('a.cite-line')?.getAttribute('href') ?? null,
                page: c.querySelector('a.cite-page')?.getAttribute('href') ?? null,
            }));
        }""",
        header,
    )


def pdf_agency(marts: duckdb.DuckDBPyConnection) -> str:
    """The agency with the most budget lines cited from a document converted from a PDF."""
    return marts.execute(
        "select b.agency_id from marts.fct_budget_vs_execution b join marts.dim_documents d using (document_id) "
        "where d.source_format = 'pdf' and b.line_kind in ('functional_item', 'unit_total') "
        "and b.budget_source_line is not null group by 1 order by count(*) desc, 1 limit 1"
    ).fetchone()[0]


def test_a_budget_line_from_a_pdf_names_its_document_and_opens_the_pdf_at_the_page_printing_it(
    watch: PageWatch, marts: duckdb.DuckDBPyConnection
) -> None:
    agency = pdf_agency(marts)
    expected = marts.execute(
        "select b.document_id, d.document_name, d.file_name, d.sha256, d.page_count, b.budget_source_line, "
        "b.budget_yuan from marts.fct_budget_vs_execution b join marts.dim_documents d using (document_id) "
        "where b.agency_id = ? and b.line_kind in ('functional_item', 'unit_total') and b.budget_yuan is not null "
        "and d.source_format = 'pdf' and b.budget_source_line is not null",
        [agency],
    ).fetchall()
    assert len(expected) >= 10, "the agency's budget table cites many lines of one PDF"
    watch.open(f"/agencies/{agency}/")
    cells: list[dict[str, object]] = []
    for _ in range(50):  # a long table renders its rows in steps
        cells = cite_cells(watch, "科目 Subject")
        if len(cells) >= len(expected):
            break
        watch.page.wait_for_timeout(200)
    by_line = {cell["line"]: cell for cell in cells}
    pdfs: dict[str, bytes] = {}
    for document_id, name, file_name, sha256, page_count, line, budget in expected:
        page = page_of_line(file_name, line)
        assert 1 <= page <= page_count
        cell = by_line[f"/documents/{document_id}/#L{line}"]
        assert cell["text"] == f"{name} · 第 {line} 行 · PDF 第 {page} 页"
        assert cell["page"] == f"/documents/{document_id}/{file_name}#page={page}"
        # the link opens the published PDF (the very bytes the warehouse read), whose page prints the amount
        if file_name not in pdfs:
            content_type, pdfs[file_name] = fetch_bytes(f"{watch.base_url}/documents/{document_id}/{file_name}")
            assert content_type == "application/pdf"
            assert hashlib.sha256(pdfs[file_name]).hexdigest() == sha256
        page_text = pdf_page_text(pdfs[file_name], page)
        assert any(form in page_text for form in printed_forms(budget)), (file_name, page, budget)
    assert not watch.errors, "\n".join(watch.errors)


def first_line_pages(marts: duckdb.DuckDBPyConnection) -> set[tuple[str, int]]:
    """The lines of a converted PDF that print an amount (a line item): lines whose page the pages always link (a
    line between two of them on one page is linked to that page too; any other opens the PDF without a page)."""
    return set(
        marts.execute(
            "select distinct document_id, source_line from staging.stg_extracted__line_items "
            "where source_page is not null"
        ).fetchall()
    )


UNKNOWN_PAGE = " · PDF 原件 Published PDF"


def expected_check_cite(name: str, file_name: str, source_lines: str, source_format: str, shown: str) -> str:
    """What a check's 出处 cell must say: its document, its lines and, for a PDF, the page of the first cited line
    (from the converted text's markers) or, where the cell gives no page, the PDF without one."""
    first = int(source_lines.split(",")[0])
    text = f"{name} · 第 {source_lines.replace(',', '、')} 行"
    if source_format != "pdf":
        return text
    return text + (UNKNOWN_PAGE if shown.endswith(UNKNOWN_PAGE) else f" · PDF 第 {page_of_line(file_name, first)} 页")


def test_failed_checks_name_their_document_beside_the_cited_lines(
    watch: PageWatch, marts: duckdb.DuckDBPyConnection
) -> None:
    printed = first_line_pages(marts)
    # the data-quality page: the first failing check (its list order) names its document
    name, file_name, document_id, source_lines, source_format = marts.execute(
        "select d.document_name, d.file_name, c.document_id, c.source_lines, d.source_format "
        "from marts.fct_consistency_checks c join marts.dim_documents d using (document_id) "
        "where c.status = 'fail' order by c.check_name, c.document_id, c.check_id limit 1"
    ).fetchone()
    watch.open("/data-quality/")
    watch.table("可能原因 Likely cause")
    first = int(source_lines.split(",")[0])
    shown = cite_cells(watch, "可能原因 Likely cause")[0]["text"]
    assert shown == expected_check_cite(name, file_name, source_lines, source_format, shown)
    if (document_id, first) in printed:
        assert not shown.endswith(UNKNOWN_PAGE)
    # an agency whose documents are PDFs: every failed check names its document, and its page where one is known
    agency = pdf_agency(marts)
    failed = marts.execute(
        "select d.document_name, d.file_name, c.document_id, c.source_lines, d.source_format "
        "from marts.fct_consistency_checks c join marts.dim_documents d using (document_id) "
        "where d.agency_id = ? and c.status = 'fail' and c.source_lines <> ''",
        [agency],
    ).fetchall()
    assert failed, "the PDF agency's documents fail checks: the table below is exercised"
    watch.open(f"/agencies/{agency}/")
    cells = cite_cells(watch, "可能原因 Likely cause")
    assert len(cells) == min(len(failed), 25)  # the table's first page
    for cell in cells:
        document_id, first = re.fullmatch(r"/documents/([^/]+)/#L(\d+)", cell["line"]).groups()
        candidates = [row for row in failed if row[2] == document_id and row[3].split(",")[0] == first]
        assert candidates, cell
        name, file_name, _, lines, source_format = candidates[0]
        assert cell["text"] == expected_check_cite(name, file_name, lines, source_format, cell["text"])
        assert cell["page"] is not None  # every line of a PDF links the PDF, at its page where it is known
        if (document_id, int(first)) in printed:
            assert not cell["text"].endswith(UNKNOWN_PAGE)
    assert any(" · PDF 第 " in cell["text"] for cell in cells)
    assert not watch.errors, "\n".join(watch.errors)


def test_the_year_over_year_page_names_each_cited_document(watch: PageWatch, marts: duckdb.DuckDBPyConnection) -> None:
    """Every stated change listed (the table's first page) names its document; a PDF's cites its page."""
    printed = first_line_pages(marts)
    names = dict(marts.execute("select document_id, document_name from marts.dim_documents").fetchall())
    files = dict(marts.execute("select document_id, file_name from marts.dim_documents").fetchall())
    watch.open("/yoy-changes/")
    cells = cite_cells(watch, "比较基础 Basis")
    assert cells
    pdf_cells = 0
    for cell in cells:
        document_id, line = re.fullmatch(r"/documents/([^/]+)/#L(\d+)", cell["line"]).groups()
        text = f"{names[document_id]} · 第 {line} 行"
        if (document_id, int(line)) in printed:
            page = page_of_line(files[document_id], int(line))
            text += f" · PDF 第 {page} 页"
            assert cell["page"] == f"/documents/{document_id}/{files[document_id]}#page={page}"
            pdf_cells += 1
        elif files[document_id].lower().endswith(".pdf"):
            # a stated change prints its amounts: its line is a line item, so its page is known
            raise AssertionError(f"{cell}: a PDF line without a line item")
        assert cell["text"] == text
    assert pdf_cells > 0
    assert not watch.errors, "\n".join(watch.errors)


def test_indicator_rows_name_the_document_of_their_line(watch: PageWatch, marts: duckdb.DuckDBPyConnection) -> None:
    """The indicators page lists many projects' forms: each row's source names its form (a text document: no page)."""
    cited = {
        (f"/documents/{document_id}/#L{line}", f"{name} · 第 {line} 行")
        for document_id, line, name in marts.execute(
            "select i.document_id, i.source_line, d.document_name from marts.fct_indicators i "
            "join marts.dim_documents d using (document_id)"
        ).fetchall()
    }
    watch.open("/indicators/")
    cells = cite_cells(watch, "指标 Indicator")
    assert len(cells) == min(25, len(cited))  # the table's first page
    assert {(cell["line"], cell["text"]) for cell in cells} <= cited
    assert all(cell["page"] is None for cell in cells)
    assert not watch.errors, "\n".join(watch.errors)


def test_a_cited_line_without_an_amount_still_opens_its_document_and_the_pdf(
    watch: PageWatch, marts: duckdb.DuckDBPyConnection
) -> None:
    """A check citing a line that prints no amount (an empty table's check cites its document's title): the line
    opens in the site's text and the PDF opens too, at the line's page where it is known, else as published."""
    printed = first_line_pages(marts)
    cited = [
        row
        for row in marts.execute(
            # with its place in the data-quality table filtered to its check (the table's first page shows 25; it
            # lists the checks that did not pass, as rpt_consistency_checks holds them)
            "select c.check_name, c.document_id, c.source_lines, d.document_name, d.file_name, d.sha256, r.place "
            "from marts.fct_consistency_checks c join marts.dim_documents d using (document_id) "
            "join (select check_id, row_number() over (partition by check_name order by list_order) as place "
            "from reporting.rpt_consistency_checks) r using (check_id) "
            "where d.source_format = 'pdf' and c.source_lines <> '' order by c.check_name, c.document_id, c.check_id"
        ).fetchall()
        if (row[1], int(row[2].split(",")[0])) not in printed and row[6] <= 25
    ]
    assert cited, "some check cites a PDF line that prints no amount: the case is exercised"
    check_name, document_id, source_lines, name, file_name, sha256, _ = cited[0]
    first = int(source_lines.split(",")[0])
    watch.open(f"/data-quality/?check_name={check_name}")
    watch.table("可能原因 Likely cause")
    line_href = f"/documents/{document_id}/#L{first}"
    cells = [c for c in cite_cells(watch, "可能原因 Likely cause") if c["line"] == line_href]
    assert cells, (check_name, document_id, first)
    cell = cells[0]
    assert cell["page"] in (
        f"/documents/{document_id}/{file_name}",
        f"/documents/{document_id}/{file_name}#page={page_of_line(file_name, first)}",
    )
    assert cell["text"] == expected_check_cite(name, file_name, source_lines, "pdf", cell["text"])
    content_type, pdf = fetch_bytes(watch.base_url + cell["page"].split("#")[0])
    assert content_type == "application/pdf" and hashlib.sha256(pdf).hexdigest() == sha256
    with urllib.request.urlopen(watch.base_url + f"/documents/{document_id}/") as response:
        assert f"<div class=l id=L{first}>" in response.read().decode("utf-8")
    assert not watch.errors, "\n".join(watch.errors)
