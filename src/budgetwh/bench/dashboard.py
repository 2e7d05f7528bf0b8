"""How fast the pages' queries answer on a built warehouse: each Evidence source materialised as `evidence sources`
does, then every page's queries run over those files as the browser does, and a few analyst queries on the
warehouse itself."""

from __future__ import annotations

import contextlib
import re
import tempfile
import time
from pathlib import Path
from typing import Any

import duckdb

from budgetwh.bench.targets import TARGETS

QUERY_GOAL_MS = TARGETS["dashboard_query_ms"].limit

ANALYST_QUERIES = {
    "projects and funds by district and year": """
        select district_id, fiscal_year, count(*) as projects, sum(annual_funds_yuan) / 1e4 as annual_funds_wan
        from marts.dim_projects group by all order by all""",
    "failing consistency checks by kind": """
        select check_name, likely_cause, count(*) as checks from marts.fct_consistency_checks
        where status = 'fail' group by all order by checks desc""",
    "target kinds by district and level 1": """
        select district_id, level1_code, target_kind, count(*) as indicators, avg(target_value) as mean_value
        from marts.fct_indicators group by all order by all""",
    "largest stated changes that disagree": """
        select * from marts.fct_yoy_changes where statement_agrees = false
        order by abs(change_pct) desc nulls last limit 50""",
    "execution rate by agency": """
        select agency_id, fiscal_year, sum(budget_yuan) as budget, sum(execution_yuan) as execution,
            sum(execution_yuan) / nullif(sum(budget_yuan), 0) as rate
        from marts.fct_budget_vs_execution group by all order by budget desc nulls last limit 100""",
    "one project with its indicators": """
        select p.project_name, i.level1, i.level2, i.indicator_name, i.target_raw
        from marts.dim_projects as p join marts.fct_indicators as i using (project_id)
        where p.project_id = (select max(project_id) from marts.dim_projects)""",
}


_SQL_BLOCK = re.compile(r"```sql\s+(\w+)\s*\n(.*?)```", re.S)
_DROPDOWN_DEFAULT = re.compile(r"<Dropdown\s+name=(\w+)[^>]*?defaultValue=\"([^\"]*)\"", re.S)
_FILTER_TAG = re.compile(r"<(FilterSelect|FilterText)\b([^>]*)>", re.S)
_DOWNLOAD_TAG = re.compile(r"<DownloadOnDemand\b([^>]*)>", re.S)
_REFERENCE = re.compile(r"\$\{\s*([\w.]+)\s*\}")
# What a page's own filter components publish before the reader touches them (reports/components/)
_FILTER_DEFAULTS = {"FilterSelect": "%", "FilterText": ""}
# The value <DownloadOnDemand> sets its request input to when the reader asks for the file
DOWNLOAD_REQUESTED = "requested"


def _attribute(attributes: str, name: str) -> str | None:
    match = re.search(rf"\b{name}=(?:\"([^\"]*)\"|(\w+))", attributes)
    return None if match is None else (match.group(1) if match.group(1) is not None else match.group(2))


def page_queries(pages_dir: Path) -> dict[str, dict[str, Any]]:
    """Each page's named SQL blocks, in page order, with the values its inputs hold when the page opens
    (`_inputs`) and the inputs that only a reader's click sets (`_on_demand`: a download's request)."""
    pages = {}
    for path in sorted(pages_dir.rglob("*.md")):
        text = path.read_text(encoding="utf-8")
        blocks = dict(_SQL_BLOCK.findall(text))
        if blocks:
            defaults = dict(_DROPDOWN_DEFAULT.findall(text))
            for component, attributes in _FILTER_TAG.findall(text):
                name = _attribute(attributes, "name")
                if name:
                    default = _attribute(attributes, "allValue") if component == "FilterSelect" else None
                    defaults[name] = default if default is not None else _FILTER_DEFAULTS[component]
            on_demand = {r for a in _DOWNLOAD_TAG.findall(text) if (r := _attribute(a, "request"))}
            pages[str(path.relative_to(pages_dir))] = {"_blocks": blocks, "_inputs": defaults, "_on_demand": on_demand}
    return pages


def resolve_query(
    sql: str, blocks: dict[str, str], inputs: dict[str, str], params: dict[str, str], depth: int = 0
) -> str:
    """A page query as Evidence compiles it: `${query}` inlined as a subquery, `${inputs.x.value}` and
    `${params.x}` replaced by their values (an input no component sets reads as '%', "no filter")."""

    def substitute(match: re.Match[str]) -> str:
        name = match.group(1)
        if name.startswith("params."):
            return params.get(name.split(".", 1)[1], "")
        if name.startswith("inputs."):
            return inputs.get(name.split(".")[1], "%")
        if name in blocks and depth < 10:
            return f"({resolve_query(blocks[name], blocks, inputs, params, depth + 1)})"
        raise KeyError(name)

    return _REFERENCE.sub(substitute, sql)


def _materialise_sources(con: duckdb.DuckDBPyConnection, sources_dir: Path, parquet_dir: Path) -> dict[str, Any]:
    """Each source query run once in native DuckDB into a ZSTD parquet file (in the query's row order), then a view
    over it in the sources' catalog: milliseconds per source, or its error."""
    timings: dict[str, Any] = {}
    catalog = sources_dir.name
    for path in sorted(sources_dir.glob("*.sql")):
        parquet = (parquet_dir / f"{path.stem}.parquet").as_posix().replace("'", "''")
        sql = path.read_text(encoding="utf-8").strip().rstrip(";")
        started = time.perf_counter()
        try:
            con.execute(f"copy (\n{sql}\n) to '{parquet}' (format parquet, codec 'zstd')")
            timings[path.stem] = round((time.perf_counter() - started) * 1000, 1)
            con.execute(f"create view {catalog}.main.{path.stem} as select * from read_parquet('{parquet}')")
        except duckdb.Error as exc:
            timings[path.stem] = f"error: {str(exc).splitlines()[0][:160]}"
    return timings


def _time_page(con: duckdb.DuckDBPyConnection, info: dict[str, Any], params: dict[str, str]) -> dict[str, Any]:
    """One page's queries with its inputs at their defaults; a query gated by a download's request input is timed
    under `on_demand` with that input set (the largest file the page offers)."""
    blocks, inputs = info["_blocks"], info["_inputs"]
    requested = {**inputs, **{name: DOWNLOAD_REQUESTED for name in info["_on_demand"]}}
    timings: dict[str, Any] = {}
    downloads: dict[str, Any] = {}
    for name, sql in blocks.items():
        try:
            statement = resolve_query(sql, blocks, inputs, params)
            gated = resolve_query(sql, blocks, requested, params) != statement
            if gated:
                statement = resolve_query(sql, blocks, requested, params)
            started = time.perf_counter()
            con.execute(statement).fetchall()
            elapsed: Any = round((time.perf_counter() - started) * 1000, 1)
        except (duckdb.Error, KeyError) as exc:
            gated = False
            elapsed = f"error: {str(exc).splitlines()[0][:160]}"
        (downloads if gated else timings)[name] = elapsed
    numbers = [v for v in timings.values() if isinstance(v, float)]
    page = {
        "queries": timings,
        "total_ms": round(sum(numbers), 1),
        "max_ms": max(numbers, default=None),
        "errors": len(timings) - len(numbers) + sum(not isinstance(v, float) for v in downloads.values()),
    }
    if downloads:
        page["on_demand"] = downloads
    return page


def time_pages(db: Path, reports: Path) -> dict[str, Any]:
    """Materialise the Evidence sources from the warehouse as `evidence sources` does, then run every page's queries
    over those files as the browser does (views over the parquet files): time per source, per query and per page,
    and the slowest query of all."""
    sources_dir = next((p for p in sorted((reports / "sources").glob("*")) if p.is_dir()), None)
    if sources_dir is None:
        return {"skipped": "no reports/sources/<name>/"}
    catalog = sources_dir.name
    result: dict[str, Any] = {"pages": {}}
    with tempfile.TemporaryDirectory(prefix="budgetwh-pages-") as parquet_dir, duckdb.connect() as con:
        # the warehouse read-only as the default catalog (sources name marts.*), the sources in memory beside it
        con.execute(f"attach '{str(db).replace(chr(39), chr(39) * 2)}' as built_warehouse (read_only)")
        con.execute("use built_warehouse")
        con.execute(f"attach ':memory:' as {catalog}")
        result["sources"] = _materialise_sources(con, sources_dir, Path(parquet_dir))
        params = {}
        for param, column in (("project", "project_slug"), ("group", "project_group")):
            with contextlib.suppress(duckdb.Error):
                params[param] = con.execute(f"select max({column}) from {catalog}.projects").fetchone()[0] or ""
        for page, info in page_queries(reports / "pages").items():
            result["pages"][page] = _time_page(con, info, params)
    maxima = [p["max_ms"] for p in result["pages"].values() if p.get("max_ms") is not None]
    result["slowest_ms"] = max(maxima, default=None)
    result["over_goal"] = sum(
        1 for p in result["pages"].values() for v in p["queries"].values() if isinstance(v, float) and v > QUERY_GOAL_MS
    )
    result["errors"] = sum(p["errors"] for p in result["pages"].values())
    return result


def time_analyst_queries(db: Path) -> dict[str, Any]:
    timings: dict[str, Any] = {}
    with duckdb.connect(str(db), read_only=True) as con:
        for name, sql in ANALYST_QUERIES.items():
            try:
                started = time.perf_counter()
                con.execute(sql).fetchall()
                timings[name] = round((time.perf_counter() - started) * 1000, 1)
            except duckdb.Error as exc:
                timings[name] = f"error: {str(exc).splitlines()[0][:160]}"
    return timings
