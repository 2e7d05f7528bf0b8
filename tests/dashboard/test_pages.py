"""The built Evidence site in a real browser (Debian's Chromium, through Playwright): every page loads without an
error, shows its coverage line and draws its charts, each with a CSV download; the figures on the pages equal the
marts they come from; the indicators' filters change the rows; a project page opens from its link; and nothing the
site ships (HTML, JSON, Arrow and parquet files) holds a phone number, a masked name or a name from the raw forms."""

from __future__ import annotations

import csv
import html
import io
import json
import re
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import duckdb
import pytest
from dashboard_support import ROOT, PageWatch

PAGES = {
    "overview": "/",
    "budget-vs-execution": "/budget-vs-execution/",
    "yoy-changes": "/yoy-changes/",
    "scores": "/scores/",
    "indicators": "/indicators/",
    "projects": "/projects/",
    "data-quality": "/data-quality/",
    "glossary": "/glossary/",
}


def wan(yuan: Decimal | None) -> str:
    """How the pages print an amount: 万元 with thousands separators and two decimals; '-' when there is none."""
    if yuan is None:
        return "-"
    return f"{(Decimal(yuan) / 10000).quantize(Decimal('0.01'), rounding=ROUND_HALF_UP):,.2f}"


def slug(project_id: str) -> str:
    return project_id.replace(":", "-")


def project_with_most_indicators(marts: duckdb.DuckDBPyConnection) -> tuple[str, str, int, Decimal]:
    return marts.execute(
        "select project_id, project_name, indicator_count, annual_funds_yuan from marts.dim_projects "
        "order by indicator_count desc, project_id limit 1"
    ).fetchone()


# ---------------------------------------------------------------------------------------------------------------
# Every page


def every_page(marts: duckdb.DuckDBPyConnection) -> dict[str, str]:
    project_id = project_with_most_indicators(marts)[0]
    evaluated = marts.execute(
        "select project_id from marts.fct_project_scores where score_kind = 'published_evaluation' "
        "order by project_id limit 1"
    ).fetchone()[0]
    district, year = marts.execute(
        "select district_id, fiscal_year from marts.dim_projects where project_id = ?", [project_id]
    ).fetchone()
    return {
        **PAGES,
        "project": f"/projects/{slug(project_id)}/",
        "project-evaluated": f"/projects/{slug(evaluated)}/",
        "projects-of-a-district-year": f"/projects/by/{district}-{year}/",
    }


def test_every_page_loads_draws_and_offers_downloads(watch: PageWatch, marts: duckdb.DuckDBPyConnection) -> None:
    problems = []
    for name, path in every_page(marts).items():
        watch.open(path)
        page = watch.page
        watch.screenshot(name)
        heading = page.locator("article h1").first.inner_text().strip()
        coverage = page.get_by_test_id("coverage")
        body = page.locator("article").inner_text()
        charts = page.locator("[_echarts_instance_]")
        downloads = page.get_by_text(re.compile("下载(图表数据|表格|筛选结果)"))
        if not heading:
            problems.append(f"{path}: no heading")
        expected_words = "行" if name.startswith("project-") or name == "project" else "份文件"
        if coverage.count() != 1 or expected_words not in coverage.inner_text():
            problems.append(f"{path}: no coverage line naming its documents")
        if re.search(r"\bError\b|Missing Manifest|No records", body):
            problems.append(f"{path}: an error message on the page: {body[:300]}")
        if downloads.count() < charts.count():
            problems.append(f"{path}: {charts.count()} charts but {downloads.count()} downloads")
        for i in range(charts.count()):
            coloured = (
                charts.nth(i)
                .locator("canvas")
                .first.evaluate(
                    """(canvas) => {
                    const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
                    let n = 0;
                    for (let p = 0; p < data.length; p += 4) {
                        const [r, g, b, a] = [data[p], data[p + 1], data[p + 2], data[p + 3]];
                        if (a > 200 && Math.max(r, g, b) - Math.min(r, g, b) > 60) n++;  // saturated: a bar, not text
                    }
                    return n;
                }"""
                )
            )
            if coloured < 200:
                problems.append(f"{path}: chart {i + 1} draws nothing ({coloured} coloured pixels)")
    assert not problems, "\n".join(problems)
    assert not watch.errors, "\n".join(watch.errors)
    assert not watch.external, f"requests leaving localhost: {watch.external[:5]}"


def test_project_pages_open_from_their_address_without_being_prerendered(
    site: Path, watch: PageWatch, marts: duckdb.DuckDBPyConnection
) -> None:
    """A page per project is not prerendered (×1000 would be 67,000 pages): the server answers a project's address
    with the app's fallback page, which renders the project in the browser."""
    ids = [r[0] for r in marts.execute("select project_id from marts.dim_projects order by project_id").fetchall()]
    prerendered = [i for i in ids if (site / "projects" / slug(i) / "index.html").is_file()]
    assert ids and not prerendered and (site / "404.html").is_file()
    sample = marts.execute(
        "select project_id, project_name from marts.dim_projects where project_id in (?, ?, ?)",
        [ids[0], ids[-1], ids[len(ids) // 2]],
    ).fetchall()
    for project_id, name in sample:
        watch.open(f"/projects/{slug(project_id)}/")
        assert watch.page.locator("article h1").first.inner_text().strip() == name
        assert watch.page.title().startswith(name)
    watch.open("/projects/no-such-project/")
    assert "没有这个项目" in watch.page.locator("article h1").first.inner_text()
    assert not watch.errors, "\n".join(watch.errors)


# ---------------------------------------------------------------------------------------------------------------
# Figures equal the marts


def test_overview_projects_and_annual_funds_equal_the_marts(watch: PageWatch, marts: duckdb.DuckDBPyConnection) -> None:
    watch.open("/")
    side_by_side = {row["区 District"]: row for row in watch.table("English")}
    expected = marts.execute(
        """select z.district_name_zh, count(distinct p.project_id), count(distinct d.document_id),
               (select count(*) from marts.fct_indicators i where i.district_id = z.district_id)
           from marts.dim_districts z
           join marts.dim_documents d on d.district_id = z.district_id
           left join marts.dim_projects p on p.district_id = z.district_id
           group by z.district_id, z.district_name_zh"""
    ).fetchall()
    assert len(side_by_side) == len(expected) == 3  # districts with documents; the others are named below it
    without = [
        n
        for (n,) in marts.execute(
            "select district_name_zh from marts.dim_districts where district_id not in "
            "(select district_id from marts.dim_documents) order by district_name_en"
        ).fetchall()
    ]
    if without:
        line = "暂无文件的区 Districts without any document yet：" + "、".join(without)
        assert watch.page.get_by_text(line).count() == 1
    for name, projects, documents, indicators in expected:
        row = side_by_side[name]
        assert row["项目 Projects"] == f"{projects:,}", name
        assert row["文件 Documents"] == f"{documents:,}", name
        assert row["绩效指标 Indicators"] == f"{indicators:,}", name

    shown = {(r["区 District"], r["年度 Year"]): r for r in watch.table("年度资金 Annual funds (万元)")}
    funds = marts.execute(
        """select z.district_name_zh, p.fiscal_year, count(*), sum(p.annual_funds_yuan)
           from marts.dim_projects p join marts.dim_districts z using (district_id)
           group by all"""
    ).fetchall()
    assert len(shown) == len(funds)
    for name, year, projects, annual in funds:
        row = shown[(name, str(year))]
        assert row["项目 Projects"] == str(projects)
        assert row["年度资金 Annual funds (万元)"] == wan(annual), (name, year)
    assert any(annual is not None and annual > 10_000_000 for *_, annual in funds)  # separators are exercised


def test_budget_vs_execution_says_no_data_yet_per_district(watch: PageWatch, marts: duckdb.DuckDBPyConnection) -> None:
    watch.open("/budget-vs-execution/")
    status = {r["区 District"]: r for r in watch.table("执行 Execution")}
    per_district = marts.execute(
        """select z.district_name_zh, count(b.budget_yuan),
               count(b.execution_yuan) + count(b.prior_year_execution_yuan)
           from marts.dim_districts z left join marts.fct_budget_vs_execution b using (district_id)
           group by all"""
    ).fetchall()
    for name, budget_lines, execution_lines in per_district:
        assert ("暂无数据" in status[name]["预算 Budget"]) == (budget_lines == 0), name
        assert ("暂无数据" in status[name]["执行 Execution"]) == (execution_lines == 0), name
    assert any(execution == 0 for *_, execution in per_district), "the data has a district without execution"
    rates = marts.execute("select count(execution_rate) from marts.fct_budget_vs_execution").fetchone()[0]
    same_year = watch.page.locator("h2", has_text="同年执行率").locator("xpath=following-sibling::p[1]").inner_text()
    assert ("暂无数据" in same_year) == (rates == 0)


def test_yoy_disagreements_are_listed_first(watch: PageWatch, marts: duckdb.DuckDBPyConnection) -> None:
    watch.open("/yoy-changes/")
    disagree, total = marts.execute(
        "select count(*) filter (where statement_agrees = false), count(*) from marts.fct_yoy_changes"
    ).fetchone()
    assert disagree > 0
    counts = {r["核对结果 Check"]: r["行 Lines"] for r in watch.table("核对结果 Check")}
    assert counts["✗ 不一致 disagrees"] == str(disagree)
    assert sum(int(v) for v in counts.values()) == total
    assert watch.page.get_by_text(f"{disagree} 处文字说明与数字不符").count() == 1
    first = watch.table("核对 Check")[0]
    assert first["核对 Check"] == "✗ 不一致 disagrees"
    line = marts.execute(
        "select line_name, change_pct, stated_change_pct from marts.fct_yoy_changes where statement_agrees = false "
        "order by line_name limit 1"
    ).fetchone()
    listed = watch.table("所述方向 Stated direction")
    # percentage points as printed (22.6 means 22.6 %), never read as a fraction
    assert any(
        r["项目 Line"] == line[0]
        and r["计算变化 Computed (%)"] == f"{line[1]:,.2f}"
        and r["所述变化 Stated (%)"] == format(float(line[2]), "g")
        for r in listed
    ), listed


def test_scores_keep_published_and_computed_apart(watch: PageWatch, marts: duckdb.DuckDBPyConnection) -> None:
    watch.open("/scores/")
    published = marts.execute(
        "select p.project_name, s.score, s.grade from marts.fct_project_scores s join marts.dim_projects p "
        "using (project_id) where s.score_kind = 'published_evaluation'"
    ).fetchall()
    shown = watch.table("等次方案 Scheme")  # the published scores' table
    assert {(r["项目 Project"], r["得分 Score"], r["等次 Grade"]) for r in shown} == {
        (name, f"{score:,.2f}", grade) for name, score, grade in published
    }
    titles = [t.inner_text() for t in watch.page.locator("h2, h3").all()]
    assert any("公布的绩效评价得分" in t for t in titles) and any("目标质量分" in t for t in titles)
    # one chart per kind of score (and its grades), never one chart holding both
    assert watch.page.locator("[_echarts_instance_]").count() == 4
    tq_grades = {
        g
        for (g,) in marts.execute(
            "select distinct grade from marts.fct_project_scores where score_kind = 'target_quality'"
        ).fetchall()
    }
    assert tq_grades and tq_grades.isdisjoint({"优", "良", "中", "差"})
    summary = {(r["区"], r["年度"]): r for r in watch.table("中位数 Median")}
    for district, year, n, median in marts.execute(
        "select z.district_name_zh, s.fiscal_year, s.project_count, s.median_score from marts.fct_score_summary s "
        "join marts.dim_districts z using (district_id) where s.score_kind = 'target_quality'"
    ).fetchall():
        assert summary[(district, str(year))]["项目 Projects"] == str(n)
        assert summary[(district, str(year))]["中位数 Median"] == f"{median:,.1f}"


def test_data_quality_lists_failing_checks_first(watch: PageWatch, marts: duckdb.DuckDBPyConnection) -> None:
    watch.open("/data-quality/")
    failing = marts.execute("select count(*) from marts.fct_consistency_checks where status = 'fail'").fetchone()[0]
    assert failing > 0
    counts = {r["结果 Status"]: r["检查 Checks"] for r in watch.table("检查 Checks")}
    assert counts["✗ 不一致 fail"] == f"{failing:,}"  # in full: Evidence would print 2.98k
    rows = watch.table("可能原因 Likely cause")
    assert rows[0]["结果 Status"] == "✗ 不一致 fail" and " · 第 " in rows[0]["出处 Source"]
    listed, passing, not_applicable = marts.execute(
        "select count(*) filter (where status <> 'pass'), count(*) filter (where status = 'pass'), "
        "count(*) filter (where status = 'not_applicable') from marts.fct_consistency_checks"
    ).fetchone()
    assert passing > 0 and not_applicable > 0
    # passing checks are counted (the status table above), not listed: the list holds the others, failing first
    assert counts["✓ 一致 pass"] == f"{passing:,}"
    wait_for_count(watch, "check-count", listed)
    options = watch.page.get_by_label("结果 Status").locator("option").all_inner_texts()
    assert [o.strip() for o in options] == [
        "不一致与不适用 Failing and not applicable",
        "✗ 不一致 fail",
        "— 不适用 not applicable",
    ]
    # the table lists the first 500 of them; the filters narrow what it lists
    choose(watch, "结果 Status", "— 不适用 not applicable")
    wait_for_count(watch, "check-count", not_applicable)
    settled_table(watch, "可能原因 Likely cause", "结果 Status", {"— 不适用 not applicable"})
    assert not watch.errors, "\n".join(watch.errors)


# ---------------------------------------------------------------------------------------------------------------
# Interaction


def wait_for_count(watch: PageWatch, test_id: str, expected: int) -> None:
    """A count the page states (with thousands separators) settles once DuckDB-WASM has rerun its query with the
    filters' values."""
    try:
        watch.page.wait_for_function(
            "([id, n]) => document.querySelector(`[data-testid=${id}] strong`)?.innerText === n",
            arg=[test_id, f"{expected:,}"],
            timeout=15_000,
        )
    except Exception:  # noqa: BLE001 (report what the page shows instead of a bare timeout)
        shown = watch.page.get_by_test_id(test_id).inner_text()
        pytest.fail(f"expected {expected:,}, the page shows: {shown}")


def wait_for_indicator_count(watch: PageWatch, expected: int) -> None:
    wait_for_count(watch, "indicator-count", expected)


def settled_table(watch: PageWatch, header: str, column: str, expected: set[str]) -> list[dict[str, str]]:
    """The table's rows once its query has rerun with the filters' values: a count and a table are separate
    queries (the count reads per-filter totals), so the table may settle a moment after the count."""
    rows: list[dict[str, str]] = []
    for _ in range(75):
        rows = watch.table(header)
        if rows and {r[column] for r in rows} == expected:
            return rows
        watch.page.wait_for_timeout(200)
    pytest.fail(f"the table's {column} never became {expected}: {sorted({r[column] for r in rows})}")


TARGET_KIND_LABELS = {
    "percent": "百分比 percent",
    "count": "数量 count",
    "amount": "金额 amount",
    "measure": "计量 measure",
    "score": "分值 score",
    "duration": "期限 duration",
    "date": "日期 date",
    "qualitative": "定性 qualitative",
    "blank": "空白 blank",
}


def choose(watch: PageWatch, filter_title: str, option: str) -> None:
    watch.page.get_by_label(filter_title).select_option(label=option)


def test_indicator_filters_change_the_rows(watch: PageWatch, marts: duckdb.DuckDBPyConnection) -> None:
    watch.open("/indicators/")
    total = marts.execute("select count(*) from marts.fct_indicators").fetchone()[0]
    wait_for_indicator_count(watch, total)
    district, in_district = marts.execute(
        "select z.district_name_zh, count(*) from marts.fct_indicators i "
        "join marts.dim_districts z using (district_id) group by all order by count(*) limit 1"
    ).fetchone()
    assert 0 < in_district < total
    choose(watch, "区 District", district)
    wait_for_indicator_count(watch, in_district)
    settled_table(watch, "目标原文 Printed target", "区", {district})

    kind, in_both = marts.execute(
        "select i.target_kind, count(*) from marts.fct_indicators i join marts.dim_districts z using (district_id) "
        "where z.district_name_zh = ? group by all order by count(*) desc, i.target_kind limit 1",
        [district],
    ).fetchone()
    if in_both < in_district:
        choose(watch, "目标类型 Target kind", TARGET_KIND_LABELS[kind])
        wait_for_indicator_count(watch, in_both)
        settled_table(watch, "目标原文 Printed target", "类型 Kind", {TARGET_KIND_LABELS[kind]})
    watch.screenshot("indicators-filtered")
    assert not watch.errors, "\n".join(watch.errors)


def test_indicator_table_lists_the_first_rows_and_the_download_holds_them_all(
    watch: PageWatch, marts: duckdb.DuckDBPyConnection
) -> None:
    """The table stops at 500 rows and says so; the download runs its query on the click and saves every row that
    matches the filters, in the table's order."""
    watch.open("/indicators/")
    total = marts.execute("select count(*) from marts.fct_indicators").fetchone()[0]
    wait_for_indicator_count(watch, total)
    assert total > 500, "the ×1 data is larger than one table: the note below is exercised"
    assert "前 500 条" in watch.page.get_by_test_id("indicator-count").inner_text()

    district, expected = marts.execute(
        "select z.district_name_zh, count(*) from marts.fct_indicators i "
        "join marts.dim_districts z using (district_id) group by all order by count(*) limit 1"
    ).fetchone()
    choose(watch, "区 District", district)
    wait_for_indicator_count(watch, expected)
    with watch.page.expect_download(timeout=30_000) as download:
        watch.page.get_by_role("button", name=re.compile("下载筛选结果")).click()
    text = Path(download.value.path()).read_text(encoding="utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == expected
    assert {r["district_name_zh"] for r in rows} == {district}
    first = marts.execute(
        "select i.target_raw from marts.fct_indicators i join marts.dim_districts z using (district_id) "
        "join marts.dim_projects p using (project_id) where z.district_name_zh = ? "
        "order by p.project_name, p.project_id, i.source_line limit 1",
        [district],
    ).fetchone()[0]
    assert rows[0]["target_raw"] == (first or "")
    # the button is ready for the next file, and the page raised nothing
    watch.page.get_by_role("button", name=re.compile("下载筛选结果")).wait_for()
    assert not watch.errors, "\n".join(watch.errors)


def test_project_search_runs_over_every_project(watch: PageWatch, marts: duckdb.DuckDBPyConnection) -> None:
    watch.open("/projects/")
    total = marts.execute("select count(*) from marts.dim_projects").fetchone()[0]
    wait_for_count(watch, "project-count", total)
    word = marts.execute(
        "select substr(project_name, 1, 2) from marts.dim_projects group by 1 having count(*) > 1 "
        "order by count(*), 1 limit 1"
    ).fetchone()[0]
    names = [
        n
        for (n,) in marts.execute(
            "select project_name from marts.dim_projects where contains(lower(project_name), lower(?))", [word]
        ).fetchall()
    ]
    matching = len(names)
    assert 0 < matching < total
    watch.page.get_by_label("项目名称包含 Project name contains").fill(word)
    wait_for_count(watch, "project-count", matching)
    rows = settled_table(watch, "指标 Indicators", "项目 Project", set(names))
    assert len(rows) == matching
    watch.page.get_by_label("项目名称包含 Project name contains").fill("没有这个项目'")  # a quote stays a literal
    wait_for_count(watch, "project-count", 0)
    assert not watch.errors, "\n".join(watch.errors)


def test_a_project_page_opens_from_its_link(watch: PageWatch, marts: duckdb.DuckDBPyConnection) -> None:
    project_id, name, indicators, annual = project_with_most_indicators(marts)
    district, district_zh, year, in_group = marts.execute(
        "select p.district_id, z.district_name_zh, p.fiscal_year, "
        "(select count(*) from marts.dim_projects q where q.district_id = p.district_id "
        "and q.fiscal_year = p.fiscal_year) "
        "from marts.dim_projects p join marts.dim_districts z using (district_id) where p.project_id = ?",
        [project_id],
    ).fetchone()
    # /projects/ lists every district-year; its page lists every project of it
    watch.open("/projects/")
    watch.page.locator(f'a[href="/projects/by/{district}-{year}/"]').click()
    watch.page.wait_for_url(f"**/projects/by/{district}-{year}/")
    watch.page.wait_for_load_state("networkidle")
    assert watch.page.locator("article h1").first.inner_text().strip().startswith(f"{district_zh} {year}")
    assert watch.page.locator(".project-list a").count() == in_group
    watch.page.locator(f'.project-list a[href="/projects/{slug(project_id)}/"]').click()
    watch.page.wait_for_url(f"**/projects/{slug(project_id)}/")
    watch.page.wait_for_load_state("networkidle")
    watch.page.wait_for_function("() => !document.querySelector('[data-testid=loading]')")
    assert watch.page.locator("article h1").first.inner_text().strip() == name
    assert len(watch.table("目标原文 Printed target")) == indicators
    funds = {r["项目 Item"]: r["金额 Amount (万元)"] for r in watch.table("项目 Item")}
    assert funds["年度资金申请总额 Annual funds requested"] == wan(annual)
    first_target = marts.execute(
        "select target_raw from marts.fct_indicators where project_id = ? order by source_line limit 1", [project_id]
    ).fetchone()[0]
    assert watch.table("目标原文 Printed target")[0]["目标原文 Printed target"] == (first_target or "-")
    assert not watch.errors, "\n".join(watch.errors)


# ---------------------------------------------------------------------------------------------------------------
# No personal data in what the site ships

MOBILE = re.compile(r"(?<![0-9A-Fa-f.])1[3-9][0-9]{9}(?![0-9A-Fa-f.])")
MASKED_NAME = re.compile(r"[\u4e00-\u9fff]\*")
PERSON_LABEL = re.compile(r"^(项目负责人|联系人|填报人|经办人|单位负责人|填报单位负责人)\s*[:：]?\s*(.*)$")


def names_in_raw_forms() -> set[str]:
    """The people the raw forms name (after a person label, in the same cell or the next non-empty one), found here
    without the ingest's code."""
    names = set()
    for path in (ROOT / "data" / "raw").glob("*.txt"):
        for line in path.read_text(encoding="utf-8").splitlines():
            cells = [c.strip() for c in line.split("\t")]
            for i, cell in enumerate(cells):
                match = PERSON_LABEL.match(cell)
                if match:
                    value = match.group(2).strip() or next((c for c in cells[i + 1 :] if c), "")
                    if re.fullmatch(r"[\u4e00-\u9fff]{2,4}", value):
                        names.add(value)
    return names


def shipped_text(site: Path) -> dict[str, str]:
    """Every HTML, JSON and Arrow file as text (with \\u escapes and HTML entities decoded), every parquet file's
    cells read through DuckDB."""
    texts = {}
    for path in sorted(site.rglob("*")):
        if not path.is_file():
            continue
        rel = str(path.relative_to(site))
        if path.suffix in (".html", ".json", ".arrow"):
            text = path.read_bytes().decode("utf-8", errors="replace")
            text = re.sub(r"\\u([0-9a-fA-F]{4})", lambda m: chr(int(m.group(1), 16)), text)
            texts[rel] = html.unescape(text)
        elif path.suffix == ".parquet":
            con = duckdb.connect()
            rows = con.execute("select * from read_parquet(?)", [str(path)]).fetchall()
            columns = [d[0] for d in con.description]
            con.close()
            texts[rel] = json.dumps([columns, *rows], ensure_ascii=False, default=str)
    return texts


def test_no_personal_data_in_the_built_site(site: Path) -> None:
    names = names_in_raw_forms()
    raw = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "data" / "raw").glob("*.txt"))
    assert names and MOBILE.search(raw), "the raw forms name people and phones: the checks below can find them"
    texts = shipped_text(site)
    assert sum(rel.endswith(".parquet") for rel in texts) >= 10 and sum(rel.endswith(".html") for rel in texts) >= 10
    leaks = []
    for rel, text in texts.items():
        leaks += [f"{rel}: phone {m}" for m in MOBILE.findall(text)]
        leaks += [f"{rel}: masked name {m}" for m in MASKED_NAME.findall(text)]
        leaks += [f"{rel}: a name from the raw forms" for name in names if name in text]
        if rel.endswith(".parquet") and re.search(r'"[a-z_]*(owner|phone|contact|mobile)[a-z_]*"', text[:2000]):
            leaks.append(f"{rel}: a personal-data column")
    assert not leaks, "\n".join(leaks[:20])


@pytest.mark.parametrize("pattern", [MOBILE, MASKED_NAME])
def test_the_personal_data_patterns_find_what_they_look_for(pattern: re.Pattern) -> None:
    sample = "联系电话\t13912345678\t项目负责人\t李*"
    assert pattern.search(sample)
