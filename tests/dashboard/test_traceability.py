"""What an analyst needs to trust a figure, in a real browser: every cited line opens its document at that line
(the document served by the site, masked), rows lead to their project, agency or document through real links, no
code or id is left where a person reads, every page has its own title, the overview's and the agency pages' money
equals the marts, one colour per district on every chart, tables fit a 390 px phone, filters live in the address,
and every page says when its data was built."""

from __future__ import annotations

import re
import urllib.request
from decimal import Decimal
from urllib.parse import urlsplit

import duckdb
import pytest
from dashboard_support import PageWatch
from playwright.sync_api import expect
from test_pages import every_page, slug, wan

SNAKE = re.compile(r"\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b")
IDS = re.compile(r"\bdoc_[0-9a-f]{6,}|\b[0-9a-f]{12,}\b|:L\d+")
DISTRICT_COLOURS = {"minhang": "#2563eb", "putuo": "#0d9488", "jiading": "#7c3aed"}


def agency_with_a_budget_table(marts: duckdb.DuckDBPyConnection) -> str:
    """The agency with the most 类/款/项 budget lines (the agency page's fullest table)."""
    return marts.execute(
        "select agency_id from marts.fct_budget_vs_execution where line_kind in ('functional_item', 'unit_total') "
        "group by agency_id order by count(*) desc, agency_id limit 1"
    ).fetchone()[0]


def all_pages(marts: duckdb.DuckDBPyConnection) -> dict[str, str]:
    agency = agency_with_a_budget_table(marts)
    return {
        **every_page(marts),
        "agencies": "/agencies/",
        "agency": f"/agencies/{agency}/",
        "documents": "/documents/",
    }


def fetch(url: str) -> tuple[int, str, str]:
    with urllib.request.urlopen(url) as response:
        body = response.read()
        return response.status, response.headers["Content-Type"], body.decode("utf-8", errors="replace")


def cited_line_text(base_url: str, href: str) -> str:
    """The text of the line a cite link points at, read from the document page the site serves."""
    parts = urlsplit(href)
    status, content_type, page = fetch(base_url + parts.path)
    assert status == 200 and content_type.startswith("text/html"), href
    match = re.search(rf"<div class=l id={re.escape(parts.fragment)}>(.*?)</div>", page)
    assert match, f"{href}: no line anchor {parts.fragment}"
    return re.sub(r"<[^>]+>", " ", match.group(1))


def links(watch: PageWatch, part: str) -> list[tuple[str, str]]:
    return watch.page.evaluate(
        """(part) => [...document.querySelectorAll('article a')]
            .filter(a => a.getAttribute('href')?.includes(part) && a.offsetParent !== null)
            .map(a => [a.getAttribute('href'), a.innerText.trim()])""",
        part,
    )


# ---------------------------------------------------------------------------------------------------------------
# Traceability


def test_a_project_cites_its_line_and_the_link_opens_the_document_there(
    watch: PageWatch, marts: duckdb.DuckDBPyConnection
) -> None:
    project_id, name, document_id, line, agency_id, agency = marts.execute(
        "select p.project_id, p.project_name, p.document_id, p.source_line, p.agency_id, a.agency_name "
        "from marts.dim_projects p join marts.dim_agencies a using (agency_id) "
        "order by p.indicator_count desc, p.project_id limit 1"
    ).fetchone()
    watch.open(f"/projects/{slug(project_id)}/")
    # the title follows the page's data (a project page is rendered in the browser once its query has answered)
    watch.page.wait_for_function("(name) => document.title.startsWith(name)", arg=name, timeout=30_000)
    assert watch.page.title().startswith(name)
    assert watch.page.locator(f'article a[href="/agencies/{agency_id}/"]', has_text=agency).count() >= 1
    assert watch.page.locator(f'article a[href="/documents/{document_id}/"]').count() >= 1
    cite = watch.page.get_by_test_id("project-cite")
    assert cite.get_attribute("href") == f"/documents/{document_id}/#L{line}"
    # every indicator row cites its own line, each inside the same document
    indicator_lines = [
        r[0]
        for r in marts.execute(
            "select source_line from marts.fct_indicators where project_id = ? order by source_line", [project_id]
        ).fetchall()
    ]
    cited = [href for href, _ in links(watch, "/documents/") if "#L" in href]
    assert {f"/documents/{document_id}/#L{n}" for n in indicator_lines} <= set(cited)
    cite.click()
    watch.page.wait_for_url(f"**/documents/{document_id}/#L{line}")
    target = watch.page.locator(":target")
    assert target.get_attribute("id") == f"L{line}"
    assert name in target.inner_text()
    assert target.evaluate("(el) => getComputedStyle(el).backgroundColor") != "rgba(0, 0, 0, 0)"  # highlighted
    assert watch.page.locator("a", has_text="文件 Documents").count() == 1
    watch.page.go_back()
    watch.page.wait_for_url(f"**/projects/{slug(project_id)}/")
    assert not watch.errors, "\n".join(watch.errors)


def test_stated_changes_cite_the_line_that_states_them(watch: PageWatch, marts: duckdb.DuckDBPyConnection) -> None:
    watch.open("/yoy-changes/")
    rows = marts.execute(
        "select line_name, amount_yuan, document_id, source_line from marts.fct_yoy_changes"
    ).fetchall()
    assert rows
    cited = {href for href, _ in links(watch, "/documents/")}
    shown = 0
    for line_name, amount, document_id, line in rows:
        href = f"/documents/{document_id}/#L{line}"
        if href not in cited:
            continue  # the table shows its first page of rows
        text = cited_line_text(watch.base_url, href)
        # as documents print it: 0.26万元, 0万元, 15621.11万元 (no separators), or in 元
        printed = {wan(amount), wan(amount).rstrip("0").rstrip("."), wan(amount).replace(",", ""), f"{amount:,.0f}"}
        assert line_name in text and any(p in text for p in printed), (href, text[:200])
        shown += 1
    assert shown >= min(len(rows), 10)


def test_an_agency_page_lists_its_budget_with_each_amount_on_its_cited_line(
    watch: PageWatch, marts: duckdb.DuckDBPyConnection
) -> None:
    agency = agency_with_a_budget_table(marts)
    name, documents, projects = marts.execute(
        "select a.agency_name, (select count(*) from marts.dim_documents d where d.agency_id = a.agency_id), "
        "(select count(*) from marts.dim_projects p where p.agency_id = a.agency_id) "
        "from marts.dim_agencies a where a.agency_id = ?",
        [agency],
    ).fetchone()
    watch.open(f"/agencies/{agency}/")
    assert watch.page.locator("article h1").first.inner_text().strip() == name
    # the title follows the page's data (a project page is rendered in the browser once its query has answered)
    watch.page.wait_for_function("(name) => document.title.startsWith(name)", arg=name, timeout=30_000)
    assert watch.page.title().startswith(name)
    assert watch.page.get_by_test_id("crumbs").inner_text().split("›")[1].strip() == "单位 Agencies"
    expected = marts.execute(
        "select fiscal_year, concat_ws(' ', class_code, kind_code, item_code), line_name, budget_yuan, "
        "document_id, budget_source_line "
        "from marts.fct_budget_vs_execution where agency_id = ? "
        "and line_kind in ('functional_item', 'unit_total') and budget_yuan is not null",
        [agency],
    ).fetchall()
    shown: list[dict[str, str]] = []
    for _ in range(50):  # a long table renders its rows in steps
        shown = watch.table("科目 Subject")
        if len(shown) >= len(expected):
            break
        watch.page.wait_for_timeout(200)
    assert len(shown) == len(expected) > 0
    by_name = {(r["年度 Year"], r["代码 Code"], r["科目 Subject"].strip()): r for r in shown}
    cites = dict((text, href) for href, text in links(watch, "/documents/"))
    for year, code, line_name, budget, document_id, line in expected:
        row = by_name[(str(year), code, line_name)]
        assert row["预算 Budget (万元)"] == wan(budget), line_name
        href = f"/documents/{document_id}/#L{line}"
        assert cites.get(row["出处 Source"]) == href or href in {h for h, _ in links(watch, "/documents/")}
        text = cited_line_text(watch.base_url, href)
        assert f"{budget:,.0f}" in text or wan(budget) in text, (href, text)
    assert len(watch.table("格式 Format")) == documents
    project_rows = watch.page.locator("h2", has_text="项目 Projects").count()
    assert project_rows == 1
    if projects:
        first = marts.execute(
            "select project_id, project_name from marts.dim_projects where agency_id = ? "
            "order by fiscal_year desc, project_name limit 1",
            [agency],
        ).fetchone()
        link = watch.page.locator(f'article a[href="/projects/{slug(first[0])}/"]').first
        assert link.inner_text().strip() == first[1]
    assert not watch.errors, "\n".join(watch.errors)


def test_failed_checks_cite_their_document_lines(watch: PageWatch, marts: duckdb.DuckDBPyConnection) -> None:
    watch.open("/data-quality/")
    rows = watch.table("可能原因 Likely cause")
    first = marts.execute(
        "select document_id, source_lines from marts.fct_consistency_checks where status = 'fail' "
        "order by check_name, document_id, check_id limit 1"
    ).fetchone()
    # the document's name, then the lines (test_cited_documents checks the name and the page)
    assert rows[0]["出处 Source"].split(" · ")[1] == "第 " + first[1].replace(",", "、") + " 行"
    hrefs = [href for href, _ in links(watch, "/documents/") if "#L" in href]  # lines (pages: test_cited_documents)
    assert f"/documents/{first[0]}/#L{first[1].split(',')[0]}" in hrefs
    for href in sorted(set(hrefs))[:20]:
        cited_line_text(watch.base_url, href)  # every cited line exists in its document


def test_every_document_has_a_page_and_the_index_links_it(watch: PageWatch, marts: duckdb.DuckDBPyConnection) -> None:
    documents = marts.execute("select document_id, line_count from marts.dim_documents").fetchall()
    watch.open("/documents/")
    hrefs = {href for href, _ in links(watch, "/documents/doc_")}
    for document_id, line_count in documents:
        assert f"/documents/{document_id}/" in hrefs
        status, _, page = fetch(f"{watch.base_url}/documents/{document_id}/")
        assert status == 200 and page.count("<div class=l id=L") == line_count, document_id


# ---------------------------------------------------------------------------------------------------------------
# Words a person reads


def test_no_code_or_id_in_the_text_a_person_reads_and_each_page_has_its_title(
    watch: PageWatch, marts: duckdb.DuckDBPyConnection
) -> None:
    problems = []
    titles = {}
    for name, path in all_pages(marts).items():
        watch.open(path)
        # the text is read once every table and chart has its data (not while one is a loading placeholder)
        watch.page.wait_for_function("() => !document.querySelector('article .animate-pulse')", timeout=60_000)
        text = watch.page.evaluate("() => document.body.innerText")
        problems += [f"{path}: snake_case '{m}'" for m in sorted(set(SNAKE.findall(text)))]
        problems += [f"{path}: id '{m}'" for m in sorted(set(IDS.findall(text)))]
        titles[path] = watch.page.title()
        stamp = watch.page.get_by_test_id("data-as-of")
        if stamp.count() != 1 or not re.search(r"\d{4}-\d\d-\d\d \d\d:\d\d UTC", stamp.inner_text()):
            problems.append(f"{path}: no data-as-of stamp")
        if name not in ("overview",) and watch.page.get_by_test_id("crumbs").count() != 1:
            problems.append(f"{path}: no breadcrumb")
    duplicated = {t for t in titles.values() if list(titles.values()).count(t) > 1}
    problems += [f"{p}: title '{t}' shared with another page" for p, t in titles.items() if t in duplicated]
    problems += [f"{p}: Evidence's default title" for p, t in titles.items() if t.strip() in ("", "Evidence")]
    assert not problems, "\n".join(problems)


# ---------------------------------------------------------------------------------------------------------------
# Figures equal the marts


def test_overview_money_per_district_and_year_equals_the_marts(
    watch: PageWatch, marts: duckdb.DuckDBPyConnection
) -> None:
    expected = marts.execute(
        """with per_agency as (
               select district_id, fiscal_year, agency_id,
                   coalesce(sum(budget_yuan) filter (where line_kind = 'unit_total'),
                            sum(budget_yuan) filter (where line_kind = 'functional_item' and kind_code is null))
                       as budget,
                   coalesce(sum(execution_yuan) filter (where line_kind = 'unit_total'
                                and execution_phase = 'final_account'),
                            sum(execution_yuan) filter (where line_kind = 'functional_item' and kind_code is null
                                and execution_phase = 'final_account')) as executed
               from marts.fct_budget_vs_execution
               where line_kind in ('unit_total', 'functional_item')
               group by all)
           select z.district_name_zh, a.fiscal_year, sum(a.budget), sum(a.executed)
           from per_agency a join marts.dim_districts z using (district_id)
           group by all having sum(a.budget) is not null or sum(a.executed) is not null"""
    ).fetchall()
    assert expected, "the data has budget lines: the table below is exercised"
    watch.open("/")
    shown = {(r["区 District"], r["年度 Year"]): r for r in watch.table("决算 Executed (万元)")}
    assert len(shown) == len(expected)
    for district, year, budget, executed in expected:
        row = shown[(district, str(year))]
        assert row["预算 Budget (万元)"] == wan(budget)
        assert row["决算 Executed (万元)"] == wan(executed)
    # the 类 rows of the drill-down add up to 100 % of each district-year
    classes = watch.table("占合计 Of total")
    total = marts.execute(
        "select sum(budget_yuan) from marts.fct_budget_vs_execution "
        "where line_kind = 'functional_item' and kind_code is null"
    ).fetchone()[0]
    shown_total = sum(Decimal(r["预算 Budget (万元)"].replace(",", "")) for r in classes)
    assert abs(shown_total - Decimal(wan(total).replace(",", ""))) <= Decimal("0.005") * len(classes)
    for scope in {r["区和年度"] for r in classes}:  # the 类 of each district and year make up its whole
        in_scope = [r for r in classes if r["区和年度"] == scope]
        shares = sum(float(r["占合计 Of total"].rstrip("%")) for r in in_scope)
        assert shares == pytest.approx(100, abs=0.05 * len(in_scope)), scope
    assert all(r["科目代码 Code"].isdigit() and len(r["科目代码 Code"]) == 3 for r in classes)


def test_the_drill_down_opens_a_class_and_keeps_it_in_the_address(
    watch: PageWatch, marts: duckdb.DuckDBPyConnection
) -> None:
    district, year, class_code, lines = marts.execute(
        "select district_id, fiscal_year, class_code, count(distinct (kind_code, item_code)) "
        "from marts.fct_budget_vs_execution where line_kind = 'functional_item' "
        "group by all order by sum(budget_yuan) desc, 1, 2, 3 limit 1"
    ).fetchone()
    watch.open("/")
    watch.page.get_by_label("区和年度 District and year").select_option(value=f"{district}-{year}")
    watch.page.wait_for_timeout(500)  # the class options follow the chosen district and year
    watch.page.get_by_label("类 Class").select_option(value=class_code)
    watch.page.wait_for_url(re.compile(rf"drill_class={class_code}"))
    rows: list[dict[str, str]] = []
    for _ in range(50):
        rows = watch.table("占上级 Of parent")
        if rows and all(r["科目代码 Code"].startswith(class_code) for r in rows) and len(rows) > 1:
            break
        watch.page.wait_for_timeout(200)
    assert len(rows) == lines  # the 类 itself (no 款), then each 款 and 项 under it, summed over its agencies
    assert rows[0]["占上级 Of parent"] == rows[0]["占合计 Of total"]  # a 类's parent is the total
    url = watch.page.url
    watch.page.goto(url, wait_until="networkidle")  # the address alone restores the view
    # the class options arrive with their query's answer (seconds on a loaded machine): the value is waited for
    expect(watch.page.get_by_label("类 Class")).to_have_value(class_code, timeout=30_000)
    assert not watch.errors, "\n".join(watch.errors)


def test_the_overview_never_says_no_data_while_the_drill_down_is_computed(
    base_url: str, marts: duckdb.DuckDBPyConnection
) -> None:
    """The drill-down follows its filters, so the browser computes it after the page opens: the page as served (and
    as a reader sees it first) says it is computing, never that there is no functional table, when there is one."""
    lines = marts.execute(
        "select count(*) from marts.fct_budget_vs_execution where line_kind = 'functional_item'"
    ).fetchone()[0]
    assert lines > 0
    status, _, page = fetch(base_url + "/")
    assert status == 200
    assert "没有功能分类预算表" not in page
    assert 'data-testid="drill-loading"' in page


def test_filters_live_in_the_address(watch: PageWatch, marts: duckdb.DuckDBPyConnection) -> None:
    district, zh, count = marts.execute(
        "select i.district_id, z.district_name_zh, count(*) from marts.fct_indicators i "
        "join marts.dim_districts z using (district_id) group by all order by count(*) limit 1"
    ).fetchone()
    watch.open(f"/indicators/?district={district}")
    assert watch.page.get_by_label("区 District").input_value() == district
    watch.page.wait_for_function(
        "(n) => document.querySelector('[data-testid=indicator-count] strong')?.innerText === n", arg=f"{count:,}"
    )
    watch.page.get_by_label("区 District").select_option(label="全部区 All districts")
    watch.page.wait_for_url(re.compile(r"/indicators/$"))


# ---------------------------------------------------------------------------------------------------------------
# Design


COLOURS_IN_CANVAS = """(canvas, palette) => {
    const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
    const counts = Object.fromEntries(Object.keys(palette).map(k => [k, 0]));
    const rgb = Object.fromEntries(Object.entries(palette).map(([k, hex]) =>
        [k, [1, 3, 5].map(i => parseInt(hex.slice(i, i + 2), 16))]));
    for (let p = 0; p < data.length; p += 4) {
        if (data[p + 3] < 250) continue;
        for (const [k, [r, g, b]] of Object.entries(rgb)) {
            if (Math.abs(data[p] - r) + Math.abs(data[p + 1] - g) + Math.abs(data[p + 2] - b) < 12) counts[k]++;
        }
    }
    return counts;
}"""


def chart_colours(watch: PageWatch) -> list[set[str]]:
    charts = watch.page.locator("[_echarts_instance_] canvas")
    found = []
    for i in range(charts.count()):
        counts = charts.nth(i).evaluate(COLOURS_IN_CANVAS, DISTRICT_COLOURS)
        found.append({k for k, n in counts.items() if n > 40})
    return found


def test_each_district_keeps_its_colour_on_every_chart(watch: PageWatch, marts: duckdb.DuckDBPyConnection) -> None:
    with_funds = {
        d
        for (d,) in marts.execute(
            "select distinct district_id from marts.dim_projects where annual_funds_yuan is not null"
        ).fetchall()
    }
    with_budget = {
        d
        for (d,) in marts.execute(
            "select distinct district_id from marts.fct_budget_vs_execution where line_kind = 'functional_item'"
        ).fetchall()
    }
    with_targets = {
        d
        for (d,) in marts.execute(
            "select distinct district_id from marts.fct_project_scores where score_kind = 'target_quality'"
        ).fetchall()
    }
    assert len(with_funds) >= 2, "two districts share a chart: their colours are compared"
    watch.open("/")
    # the drill-down's chart draws once its filters' queries have answered in the browser (it is not prerendered)
    watch.page.wait_for_function(
        "() => [...document.querySelectorAll('[_echarts_instance_] canvas')].filter(c => c.width > 0).length >= 3",
        timeout=30_000,
    )
    watch.page.wait_for_timeout(500)
    money, drill, funds = chart_colours(watch)
    assert money == with_budget and drill == with_budget and funds == with_funds
    watch.open("/scores/")
    colours = chart_colours(watch)
    assert with_targets in colours  # the target-quality charts: each district in its own colour
    assert all(found <= set(DISTRICT_COLOURS) for found in colours)


def test_failing_checks_are_drawn_in_the_warning_colour(watch: PageWatch) -> None:
    watch.open("/data-quality/")
    canvas = watch.page.locator("[_echarts_instance_] canvas").first
    counts = canvas.evaluate(COLOURS_IN_CANVAS, {"fail": "#dc2626", "pass_blue": "#2563eb"})
    assert counts["fail"] > 40 and counts["pass_blue"] == 0


PHONE_PAGES = [
    "overview",
    "budget-vs-execution",
    "yoy-changes",
    "scores",
    "indicators",
    "projects",
    "data-quality",
    "glossary",
    "project",
    "project-evaluated",
    "projects-of-a-district-year",
    "agencies",
    "agency",
    "documents",
]
# at 1440 px the pages whose tables are widest (many columns, long text): the 1440 px table must not scroll either
WIDE_PAGES = ["budget-vs-execution", "yoy-changes", "data-quality", "agency", "indicators"]


@pytest.mark.parametrize(
    ("width", "name"), [(390, name) for name in PHONE_PAGES] + [(1440, name) for name in WIDE_PAGES]
)
def test_no_value_is_cut_off(browser, base_url: str, marts: duckdb.DuckDBPyConnection, width: int, name: str) -> None:
    context = browser.new_context(viewport={"width": width, "height": 844}, device_scale_factor=1)
    page = context.new_page()
    watch = PageWatch(page, base_url)
    watch.open(all_pages(marts)[name])
    # a table or chart whose query is still answering is a grey placeholder (Evidence's "Loading..."): wait for them,
    # so the values are measured, not the placeholders
    page.wait_for_function("() => !document.querySelector('article .animate-pulse')", timeout=60_000)
    page.wait_for_timeout(300)
    watch.screenshot(f"{width}-{name}")
    report = page.evaluate(
        """() => {
            const problems = [];
            if (document.documentElement.scrollWidth > window.innerWidth + 1)
                problems.push('the page scrolls sideways: ' + document.documentElement.scrollWidth);
            for (const table of document.querySelectorAll('article table')) {
                const box = table.closest('.table-container') ?? table.parentElement;
                const head = [...table.querySelectorAll('th')].map(th => th.textContent.trim()).join(' | ');
                if (box.scrollWidth > box.clientWidth + 1)
                    problems.push(`table [${head.slice(0, 60)}] is wider than the screen`);
                for (const td of table.querySelectorAll('td')) {
                    const text = td.innerText.trim();
                    if (!text || td.offsetParent === null) continue;
                    const rect = td.getBoundingClientRect();
                    if (rect.right > window.innerWidth + 1 || rect.left < -1)
                        problems.push(`cell "${text.slice(0, 30)}" [${head.slice(0, 40)}] is off screen`);
                    else if (td.scrollWidth > td.clientWidth + 1)
                        problems.push(`cell "${text.slice(0, 30)}" [${head.slice(0, 40)}] is cut off`);
                }
            }
            return problems;
        }"""
    )
    context.close()
    assert not report, "\n".join(report[:15])


def test_a_page_without_a_large_table_moves_under_8_mb(browser, base_url: str) -> None:
    """Cold load of the glossary (DuckDB-WASM included): the server sends the gzip copies `budgetwh pages` writes."""
    context = browser.new_context()
    page = context.new_page()
    responses = []
    page.on("response", lambda r: responses.append((r.url, r.headers.get("content-length"), r.headers)))
    page.goto(base_url + "/glossary/", wait_until="networkidle")
    context.close()
    moved = sum(int(length or 0) for _, length, _ in responses)
    wasm = [headers for url, _, headers in responses if url.endswith(".wasm")]
    assert wasm and all(h.get("content-encoding") == "gzip" for h in wasm)
    assert moved < 8_000_000, f"{moved:,} bytes"


def test_every_chart_says_what_it_covers() -> None:
    """A chart's subtitle says what its bars count (which documents, whose figures, computed or published)."""
    from dashboard_support import ROOT

    charts = []
    for page in sorted((ROOT / "reports" / "pages").rglob("*.md")):
        for chart in re.findall(r"<BarChart\b.*?/>", page.read_text(encoding="utf-8"), re.S):
            charts.append((page.name, bool(re.search(r"\n\s*subtitle=", chart))))
    assert len(charts) >= 12 and all(has for _, has in charts), [name for name, has in charts if not has]


def test_every_cited_line_on_every_page_opens_its_document_there(
    watch: PageWatch, marts: duckdb.DuckDBPyConnection
) -> None:
    """Every link into a document on every page (a table's first page of rows): the document page it opens has the
    line's anchor, and a PDF link opens the published PDF at a page the PDF has."""
    page_counts = dict(marts.execute("select document_id, page_count from marts.dim_documents").fetchall())
    documents: dict[str, str] = {}
    pdfs: dict[str, tuple[int, str]] = {}
    lines = pdf_pages = 0
    problems = []
    for path in all_pages(marts).values():
        watch.open(path)
        for href, _ in links(watch, "/documents/doc_"):
            parts = urlsplit(href)
            document_id = parts.path.split("/")[2]
            if parts.path.endswith("/"):
                if parts.path not in documents:
                    documents[parts.path] = fetch(watch.base_url + parts.path)[2]
                if parts.fragment and f"<div class=l id={parts.fragment}>" not in documents[parts.path]:
                    problems.append(f"{path}: {href} has no such line")
                lines += 1
            else:
                if parts.path not in pdfs:  # each PDF is fetched once
                    pdfs[parts.path] = fetch(watch.base_url + parts.path)[:2]
                status, content_type = pdfs[parts.path]
                page = re.fullmatch(r"page=(\d+)", parts.fragment)
                if status != 200 or content_type != "application/pdf":
                    problems.append(f"{path}: {href} is not the PDF")
                elif page and not 1 <= int(page.group(1)) <= page_counts[document_id]:
                    problems.append(f"{path}: {href} is beyond the PDF's {page_counts[document_id]} pages")
                pdf_pages += 1
    assert lines >= 200 and pdf_pages >= 20 and not problems, (lines, pdf_pages, problems[:10])
