"""`make bench` / `budgetwh bench`: how cost grows from ×1 to ×1000 synthetic corpora. Not a test: it prints
ratios measured in one run on this machine and writes them to build/bench/ (JSON).

Per scale: synth → ingest (2 workers; MB/s, rows/s; checked against the manifest) → load (DuckDB's CSV reader into
raw.*) → dbt build without seeds (wall time split into models, tests and framework from run_results.json) →
the same compiled model SQL as one plain DuckDB script (no tests, one connection) → GX checkpoint → each dashboard
page's queries and a few analyst queries against the built warehouse → warehouse size; peak memory per stage (the
largest process). The Evidence site itself is built at ×1 and ×10 only (one page per project would mean tens of
thousands of pages at ×1000). At the largest scale it also measures what publishing costs: copying the warehouse
file, a reflink copy, and a rename (alternating two files)."""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import duckdb

from budgetwh import paths
from budgetwh.exitcodes import ExitCode
from budgetwh.ingest.pdf.speed import bench_pdf
from budgetwh.ingest.pdf.speed import describe as describe_pdf

TARGETS = {"ingest_mb_s": 20.0, "build_s": 60.0, "peak_mb": 4096.0, "query_ms": 200.0, "overhead_models": 2.0}
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


@dataclass
class Measured:
    seconds: float
    peak_mb: float
    returncode: int
    output: str
    cpu_s: float = 0.0  # user + system time of the process and its children


def run_measured(command: list[str], *, env: dict[str, str], cwd: Path, log: Path) -> Measured:
    """Run a child process; wall time and the peak resident memory of it and its children (os.wait4)."""
    log.parent.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    with log.open("w", encoding="utf-8") as handle:
        process = subprocess.Popen(command, cwd=cwd, env=env, stdout=handle, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    return Measured(
        seconds,
        usage.ru_maxrss / 1024,
        process.returncode,
        log.read_text(encoding="utf-8")[-4000:],
        usage.ru_utime + usage.ru_stime,
    )


def _python(code: str) -> list[str]:
    return [sys.executable, "-c", code]


def _env(root: Path, db: Path, work: Path) -> dict[str, str]:
    return {
        **os.environ,
        "DO_NOT_TRACK": "1",
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
        "GX_ANALYTICS_ENABLED": "false",
        "DBT_PROFILES_DIR": str(root),
        "BUDGETWH_DB": str(db),
        "DBT_TARGET_PATH": str(work / "target"),
        "DBT_LOG_PATH": str(work / "logs"),
        "PYTHONPATH": str(root / "src"),
    }


def _union_seconds(intervals: list[tuple[float, float]]) -> float:
    total, end = 0.0, float("-inf")
    for start, stop in sorted(intervals):
        if stop <= end:
            continue
        total += stop - max(start, end)
        end = stop
    return total


def split_dbt_timing(run_results: Path) -> dict[str, Any]:
    """Busy wall time of models and of tests (union of their execution intervals) from run_results.json."""
    data = json.loads(run_results.read_text(encoding="utf-8"))
    spans: dict[str, list[tuple[float, float]]] = {"model": [], "test": []}
    statuses: dict[str, int] = {}
    for result in data["results"]:
        kind = "test" if result["unique_id"].startswith(("test.", "unit_test.")) else "model"
        statuses[result["status"]] = statuses.get(result["status"], 0) + 1
        for step in result.get("timing", []):
            if step.get("name") == "execute" and step.get("started_at") and step.get("completed_at"):
                spans[kind].append(
                    (
                        datetime.fromisoformat(step["started_at"].replace("Z", "+00:00")).timestamp(),
                        datetime.fromisoformat(step["completed_at"].replace("Z", "+00:00")).timestamp(),
                    )
                )
    return {
        "models_s": _union_seconds(spans["model"]),
        "tests_s": _union_seconds(spans["test"]),
        "busy_s": _union_seconds(spans["model"] + spans["test"]),
        "nodes": len(data["results"]),
        "statuses": statuses,
        "elapsed_s": data.get("elapsed_time"),
    }


def plain_sql_script(manifest_path: Path) -> list[tuple[str, str]]:
    """The compiled model SQL of the last dbt run as (name, statement) in dependency order: what the build does
    without dbt (no tests, no contracts, ephemeral models already inlined by the compiler)."""
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    models = {
        uid: node
        for uid, node in manifest["nodes"].items()
        if node["resource_type"] == "model" and node.get("compiled_code")
    }
    order: list[str] = []
    seen: set[str] = set()

    def visit(uid: str) -> None:
        if uid in seen or uid not in models:
            return
        seen.add(uid)
        for parent in models[uid]["depends_on"]["nodes"]:
            visit(parent)
        order.append(uid)

    for uid in sorted(models):
        visit(uid)
    statements = []
    for uid in order:
        node = models[uid]
        materialized = node["config"].get("materialized", "view")
        if materialized == "ephemeral":
            continue
        kind = "view" if materialized == "view" else "table"
        relation = f"{node['schema']}.{node.get('alias') or node['name']}"
        statements.append(
            (
                node["name"],
                f"create schema if not exists {node['schema']};\n"
                f"create or replace {kind} {relation} as (\n{node['compiled_code']}\n)",
            )
        )
    return statements


def run_plain_sql(db: Path, statements: list[tuple[str, str]]) -> float:
    started = time.perf_counter()
    with duckdb.connect(str(db)) as connection:
        for _, sql in statements:
            connection.execute(sql)
    return time.perf_counter() - started


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


def _resolve(sql: str, blocks: dict[str, str], inputs: dict[str, str], params: dict[str, str], depth: int = 0) -> str:
    """A page query as Evidence compiles it: `${query}` inlined as a subquery, `${inputs.x.value}` and
    `${params.x}` replaced by their values (an input no component sets reads as '%', "no filter")."""

    def substitute(match: re.Match[str]) -> str:
        name = match.group(1)
        if name.startswith("params."):
            return params.get(name.split(".", 1)[1], "")
        if name.startswith("inputs."):
            return inputs.get(name.split(".")[1], "%")
        if name in blocks and depth < 10:
            return f"({_resolve(blocks[name], blocks, inputs, params, depth + 1)})"
        raise KeyError(name)

    return _REFERENCE.sub(substitute, sql)


def time_pages(db: Path, reports: Path) -> dict[str, Any]:
    """Materialise the Evidence sources from the warehouse as `evidence sources` does (each source query run once in
    native DuckDB and written to a ZSTD parquet file, in the query's row order), then run every page's queries over
    those files as the browser does (views over the parquet files): time per source, per query and per page.

    Queries that run when a page opens (or a filter changes) are `queries`; a query gated by a download's request
    input runs only when the reader clicks the download, and is timed under `on_demand` with that input set and the
    filters at their defaults (the largest file the page offers)."""
    result: dict[str, Any] = {"sources": {}, "pages": {}}
    sources_dir = next((p for p in sorted((reports / "sources").glob("*")) if p.is_dir()), None)
    if sources_dir is None:
        return {"skipped": "no reports/sources/<name>/"}
    catalog = sources_dir.name
    with tempfile.TemporaryDirectory(prefix="budgetwh-pages-") as parquet_dir, duckdb.connect() as con:
        # the warehouse read-only as the default catalog (sources name marts.*), the sources in memory beside it
        literal = str(db).replace("'", "''")
        con.execute(f"attach '{literal}' as built_warehouse (read_only)")
        con.execute("use built_warehouse")
        con.execute(f"attach ':memory:' as {catalog}")
        for path in sorted(sources_dir.glob("*.sql")):
            parquet = (Path(parquet_dir) / f"{path.stem}.parquet").as_posix().replace("'", "''")
            sql = path.read_text(encoding="utf-8").strip().rstrip(";")
            started = time.perf_counter()
            try:
                con.execute(f"copy (\n{sql}\n) to '{parquet}' (format parquet, codec 'zstd')")
                result["sources"][path.stem] = round((time.perf_counter() - started) * 1000, 1)
                con.execute(f"create view {catalog}.main.{path.stem} as select * from read_parquet('{parquet}')")
            except duckdb.Error as exc:
                result["sources"][path.stem] = f"error: {str(exc).splitlines()[0][:160]}"
        params = {}
        with contextlib.suppress(duckdb.Error):
            params["project"] = con.execute(f"select max(project_slug) from {catalog}.projects").fetchone()[0] or ""
        with contextlib.suppress(duckdb.Error):
            params["group"] = con.execute(f"select max(project_group) from {catalog}.projects").fetchone()[0] or ""
        for page, info in page_queries(reports / "pages").items():
            blocks, inputs, on_demand = info["_blocks"], info["_inputs"], info["_on_demand"]
            requested = {**inputs, **{name: DOWNLOAD_REQUESTED for name in on_demand}}
            timings: dict[str, Any] = {}
            downloads: dict[str, Any] = {}
            for name, sql in blocks.items():
                try:
                    statement = _resolve(sql, blocks, inputs, params)
                    gated = _resolve(sql, blocks, requested, params) != statement
                    if gated:
                        statement = _resolve(sql, blocks, requested, params)
                    started = time.perf_counter()
                    con.execute(statement).fetchall()
                    elapsed: Any = round((time.perf_counter() - started) * 1000, 1)
                except (duckdb.Error, KeyError) as exc:
                    gated = False
                    elapsed = f"error: {str(exc).splitlines()[0][:160]}"
                (downloads if gated else timings)[name] = elapsed
            numbers = [v for v in timings.values() if isinstance(v, float)]
            result["pages"][page] = {
                "queries": timings,
                "total_ms": round(sum(numbers), 1),
                "max_ms": max(numbers, default=None),
                "errors": len(timings) - len(numbers) + sum(not isinstance(v, float) for v in downloads.values()),
            }
            if downloads:
                result["pages"][page]["on_demand"] = downloads
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


def measure_publish(db: Path, work: Path) -> dict[str, Any]:
    """What replacing the live warehouse with a candidate costs at this size: a full copy, a reflink copy (when the
    filesystem shares blocks), and a rename (the candidate is a second file that takes the live name)."""
    size = db.stat().st_size
    out: dict[str, Any] = {"bytes": size}
    copy = work / "publish-copy.duckdb"
    started = time.perf_counter()
    shutil.copyfile(db, copy)
    with open(copy, "rb+") as handle:
        os.fsync(handle.fileno())
    out["copy_s"] = round(time.perf_counter() - started, 3)
    out["copy_gb_s"] = round(size / 1e9 / max(out["copy_s"], 1e-9), 2)
    reflink = work / "publish-reflink.duckdb"
    started = time.perf_counter()
    done = subprocess.run(["cp", "--reflink=always", str(db), str(reflink)], capture_output=True, text=True)
    out["reflink_s"] = round(time.perf_counter() - started, 3) if done.returncode == 0 else None
    out["reflink_note"] = "" if done.returncode == 0 else done.stderr.strip()[:160]
    started = time.perf_counter()
    os.replace(copy, work / "publish-live.duckdb")
    fd = os.open(work, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
    out["rename_s"] = round(time.perf_counter() - started, 6)
    for leftover in (work / "publish-live.duckdb", reflink):
        leftover.unlink(missing_ok=True)
    return out


def compare_marts(left: Path, right: Path) -> dict[str, int]:
    """Rows of each marts table present in one warehouse and not the other (0 everywhere = identical marts)."""
    differences = {}
    with duckdb.connect() as con:
        con.execute(f"attach '{left}' as left_w (read_only)")
        con.execute(f"attach '{right}' as right_w (read_only)")
        tables = [
            r[0]
            for r in con.execute(
                "select table_name from duckdb_tables() where database_name = 'right_w' and schema_name = 'marts'"
            ).fetchall()
        ]
        for table in sorted(tables):
            count = 0
            for a, b in (("left_w", "right_w"), ("right_w", "left_w")):
                count += con.execute(
                    f"select count(*) from (select * from {a}.marts.{table} except all select * from {b}.marts.{table})"
                ).fetchone()[0]
            differences[table] = count
    return differences


def incremental_models(root: Path) -> list[str]:
    """The models that grow by document (materialized incremental in models/)."""
    found = []
    for path in sorted((root / "models").rglob("*.sql")):
        if re.search(r"materialized\s*=\s*'incremental'", path.read_text(encoding="utf-8")):
            found.append(path.stem)
    return found


def measure_incremental(corpus: Path, full_db: Path, root: Path, *, jobs: int) -> dict[str, Any]:
    """Add one document to a warehouse built from all the others, as `budgetwh build` does when only documents
    changed: copy the warehouse, ingest (cached documents are not parsed again), load, and a dbt run in which the
    per-document models read only the new document; then compare every mart with the full build."""
    from budgetwh.atomic import clone_file
    from budgetwh.load import load_seeds

    work = corpus / "incremental"
    if work.exists():
        shutil.rmtree(work)
    raw_before = work / "raw-before"
    raw_before.mkdir(parents=True)
    files = sorted((corpus / "raw").iterdir())
    added = next((f for f in reversed(files) if "unit_budget" in f.name), files[-1])
    for f in files:
        if f != added:
            os.link(f, raw_before / f.name)
    before_db = work / "before" / full_db.name
    before_db.parent.mkdir()
    db = work / "warehouse" / full_db.name
    db.parent.mkdir()
    dbt = shutil.which("dbt", path=str(Path(sys.executable).parent)) or "dbt"
    ingest_code = (
        "import json,sys; from pathlib import Path; from budgetwh.ingest.pipeline import run_ingest; "
        "s = run_ingest(Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3]), jobs=int(sys.argv[4]), "
        "cache_dir=Path(sys.argv[5])); print(json.dumps({'seconds': s.seconds, 'cached': s.cached}))"
    )
    cache, reference = work / "ingest-cache", corpus / "reference"
    out: dict[str, Any] = {"incremental_models": incremental_models(root), "added_document": added.name}

    def ingest(name: str, raw: Path, extracted: Path) -> bool:
        command = [sys.executable, "-c", ingest_code, str(raw), str(reference), str(extracted), str(jobs), str(cache)]
        result = run_measured(command, env=_env(root, db, work), cwd=root, log=work / "logs" / f"{name}.log")
        out[f"{name}_s"] = round(result.seconds, 2)
        if result.returncode != 0:
            out["error"] = f"{name}: {result.output[-400:]}"
            return False
        out[f"{name}_cached"] = json.loads(result.output.strip().splitlines()[-1])["cached"]
        return True

    def dbt_run(name: str, target: Path) -> bool:
        command = [dbt, "run", "--project-dir", str(root)]
        result = run_measured(command, env=_env(root, target, work / name), cwd=root, log=work / "logs" / f"{name}.log")
        out[f"{name}_s"] = round(result.seconds, 2)
        if result.returncode != 0:
            out["error"] = f"{name}: {result.output[-400:]}"
        return result.returncode == 0

    if not ingest("ingest_before", raw_before, work / "ex-before"):
        return out
    load_seeds(before_db, work / "ex-before", reference, project_root=root)
    if not dbt_run("dbt_run_before", before_db):
        return out
    started = time.perf_counter()
    out["clone"] = clone_file(before_db, db)
    out["clone_s"] = round(time.perf_counter() - started, 2)
    if not ingest("ingest_after", corpus / "raw", work / "ex-after"):
        return out
    started = time.perf_counter()
    load_seeds(db, work / "ex-after", reference, project_root=root)
    out["load_after_s"] = round(time.perf_counter() - started, 2)
    if not dbt_run("dbt_run_incremental", db):
        return out
    out["marts_differing_rows"] = compare_marts(db, full_db)
    out["equal_to_full_build"] = not any(out["marts_differing_rows"].values())
    return out


def bench_scale(
    scale: int, *, work: Path, root: Path, seed: int, jobs: int, pages: bool, incremental: bool = False
) -> dict[str, Any]:
    from budgetwh.synth.check import compare_summaries
    from budgetwh.synth.corpus import write_corpus

    out: dict[str, Any] = {"scale": scale}
    corpus = work / f"x{scale}"
    db = corpus / "warehouse.duckdb"
    env = _env(root, db, corpus)
    started = time.perf_counter()
    manifest = write_corpus(
        corpus, scale=scale, seed=seed, reference_src=root / "seeds" / "reference", detail=False, jobs=jobs
    )
    out["synth_s"] = round(time.perf_counter() - started, 2)
    totals = manifest["totals"]
    out["corpus"] = {k: totals[k] for k in ("documents", "bytes", "projects", "indicators", "line_items")}
    peaks: dict[str, float] = {}

    extracted = corpus / "extracted"
    ingest = run_measured(
        _python(
            "import json,sys; from pathlib import Path; from budgetwh.ingest.pipeline import run_ingest; "
            f"s = run_ingest(Path({str(corpus / 'raw')!r}), Path({str(corpus / 'reference')!r}), "
            f"Path({str(extracted)!r}), jobs={jobs}); "
            "print(json.dumps({'seconds': s.seconds, 'bytes': s.bytes_read, 'rows': sum(s.rows.values())}))"
        ),
        env=env,
        cwd=root,
        log=corpus / "logs" / "ingest.log",
    )
    peaks["ingest"] = ingest.peak_mb
    if ingest.returncode != 0:
        out["ingest"] = {"error": ingest.output[-600:]}
        return out
    stats = json.loads(ingest.output.strip().splitlines()[-1])
    out["ingest"] = {
        "wall_s": round(ingest.seconds, 2),
        "seconds": round(stats["seconds"], 2),
        "mb_s": round(stats["bytes"] / 1e6 / stats["seconds"], 2),
        "rows_s": round(stats["rows"] / stats["seconds"]),
        "rows": stats["rows"],
        "matches_manifest": compare_summaries(manifest, extracted) == [],
        "cpu_s": round(ingest.cpu_s, 2),
        # what the same work gives on `jobs` otherwise idle cores (the machine may be shared while benchmarking)
        "mb_s_idle_cores": round(stats["bytes"] / 1e6 / (ingest.cpu_s / jobs), 2),
    }

    for leftover in (db, db.with_suffix(".duckdb.wal")):
        leftover.unlink(missing_ok=True)
    load = run_measured(
        [
            sys.executable,
            "-m",
            "budgetwh.cli",
            "load",
            "--db",
            str(db),
            "--extracted",
            str(extracted),
            "--reference",
            str(corpus / "reference"),
        ],
        env=env,
        cwd=root,
        log=corpus / "logs" / "load.log",
    )
    peaks["load"] = load.peak_mb
    out["load"] = {"seconds": round(load.seconds, 2), "ok": load.returncode == 0}
    if load.returncode != 0:
        out["load"]["error"] = load.output[-600:]
        return out
    # compiled SQL names the catalog after the file's stem, so the plain run's copy keeps the name
    raw_only = corpus / "plain" / db.name
    raw_only.parent.mkdir(exist_ok=True)
    shutil.copyfile(db, raw_only)

    dbt = shutil.which("dbt", path=str(Path(sys.executable).parent)) or "dbt"
    build = run_measured(
        [dbt, "build", "--exclude-resource-type", "seed"], env=env, cwd=root, log=corpus / "logs" / "dbt-build.log"
    )
    peaks["dbt"] = build.peak_mb
    out["dbt"] = {"wall_s": round(build.seconds, 2), "ok": build.returncode == 0, "cpu_s": round(build.cpu_s, 2)}
    run_results = corpus / "target" / "run_results.json"
    if run_results.exists():
        out["dbt"].update(
            {k: (round(v, 2) if isinstance(v, float) else v) for k, v in split_dbt_timing(run_results).items()}
        )
        out["dbt"]["framework_s"] = round(build.seconds - out["dbt"]["busy_s"], 2)
    out["build_s"] = round(out["load"]["seconds"] + build.seconds, 2)

    manifest_json = corpus / "target" / "manifest.json"
    if manifest_json.exists():
        statements = plain_sql_script(manifest_json)
        try:
            plain = run_plain_sql(raw_only, statements)
            out["plain_sql"] = {"seconds": round(plain, 2), "models": len(statements)}
            out["plain_sql"]["dbt_build_ratio"] = round(build.seconds / plain, 2)
            if out["dbt"].get("models_s"):
                out["plain_sql"]["dbt_models_ratio"] = round(out["dbt"]["models_s"] / plain, 2)
        except duckdb.Error as exc:
            out["plain_sql"] = {"error": str(exc).splitlines()[0][:300]}
    raw_only.unlink(missing_ok=True)

    if (root / "src" / "budgetwh" / "quality" / "checkpoint.py").exists():
        check = run_measured(
            _python(
                "from pathlib import Path; from budgetwh.quality.checkpoint import run_checkpoint; "
                f"r = run_checkpoint(Path({str(db)!r}), Path({str(corpus / 'raw')!r})); "
                "print('success' if r.success else 'failed', r.summary)"
            ),
            env=env,
            cwd=root,
            log=corpus / "logs" / "checkpoint.log",
        )
        peaks["checkpoint"] = check.peak_mb
        out["checkpoint"] = {
            "seconds": round(check.seconds, 2),
            "ok": check.returncode == 0,
            "result": check.output.strip().splitlines()[0][:300] if check.output.strip() else "",
        }

    out["warehouse_mb"] = round(sum(p.stat().st_size for p in corpus.glob("warehouse.duckdb*")) / 1e6, 1)
    if incremental and run_results.exists():
        out["incremental"] = measure_incremental(corpus, db, root, jobs=jobs)
    out["dashboard"] = time_pages(db, root / "reports")
    out["analyst_queries_ms"] = time_analyst_queries(db)
    if pages and scale <= 10:
        site = run_measured(
            _python(
                "from pathlib import Path; from budgetwh.pages import build_site; "
                f"build_site(Path({str(db)!r}), Path({str(corpus / 'site')!r}))"
            ),
            env=env,
            cwd=root,
            log=corpus / "logs" / "pages.log",
        )
        peaks["pages"] = site.peak_mb
        out["pages_site"] = {"seconds": round(site.seconds, 1), "ok": site.returncode == 0}
    out["peak_mb"] = {k: round(v) for k, v in peaks.items()}
    return out


def _fmt(value: Any, digits: int = 2) -> str:
    if value is None:
        return "—"
    if isinstance(value, float):
        return f"{value:.{digits}f}"
    return str(value)


def render_table(results: list[dict[str, Any]]) -> str:
    def dash(r: dict[str, Any]) -> tuple[Any, Any, int]:
        pages = r.get("dashboard", {}).get("pages", {})
        worst = max((p["max_ms"] for p in pages.values() if p.get("max_ms") is not None), default=None)
        over = sum(
            1 for p in pages.values() for v in p["queries"].values() if isinstance(v, float) and v > TARGETS["query_ms"]
        )
        errors = sum(p["errors"] for p in pages.values())
        return worst, over, errors

    rows = [
        ("documents / MB", lambda r: f"{r['corpus']['documents']} / {r['corpus']['bytes'] / 1e6:.1f}"),
        (
            "projects / indicators / line items",
            lambda r: f"{r['corpus']['projects']} / {r['corpus']['indicators']} / {r['corpus']['line_items']}",
        ),
        ("ingest MB/s (target ≥ 20 at ×1000)", lambda r: _fmt(r.get("ingest", {}).get("mb_s"))),
        ("ingest MB/s, CPU-normalised to idle cores", lambda r: _fmt(r.get("ingest", {}).get("mb_s_idle_cores"))),
        ("ingest rows/s", lambda r: _fmt(r.get("ingest", {}).get("rows_s"))),
        ("ingest = manifest", lambda r: _fmt(r.get("ingest", {}).get("matches_manifest"))),
        ("load s (CSV reader → raw.*)", lambda r: _fmt(r.get("load", {}).get("seconds"))),
        ("dbt build s (wall)", lambda r: _fmt(r.get("dbt", {}).get("wall_s"))),
        ("  models s", lambda r: _fmt(r.get("dbt", {}).get("models_s"))),
        ("  tests s", lambda r: _fmt(r.get("dbt", {}).get("tests_s"))),
        ("  framework s (startup, parse, gaps)", lambda r: _fmt(r.get("dbt", {}).get("framework_s"))),
        ("  dbt ok / nodes", lambda r: f"{_fmt(r.get('dbt', {}).get('ok'))} / {_fmt(r.get('dbt', {}).get('nodes'))}"),
        ("full build s = load + dbt (target ≤ 60)", lambda r: _fmt(r.get("build_s"))),
        ("plain SQL s (same models, one connection)", lambda r: _fmt(r.get("plain_sql", {}).get("seconds"))),
        ("dbt build ÷ plain SQL", lambda r: _fmt(r.get("plain_sql", {}).get("dbt_build_ratio"))),
        ("dbt models ÷ plain SQL (aim ≤ 2)", lambda r: _fmt(r.get("plain_sql", {}).get("dbt_models_ratio"))),
        ("GX checkpoint s", lambda r: _fmt(r.get("checkpoint", {}).get("seconds"))),
        ("peak memory MB (largest stage)", lambda r: _fmt(max(r.get("peak_mb", {}).values(), default=None))),
        ("warehouse MB", lambda r: _fmt(r.get("warehouse_mb"), 1)),
        ("slowest dashboard query ms (target ≤ 200)", lambda r: _fmt(dash(r)[0], 1)),
        ("dashboard queries over 200 ms / failing", lambda r: f"{dash(r)[1]} / {dash(r)[2]}"),
        (
            "slowest analyst query ms",
            lambda r: _fmt(
                max((v for v in r.get("analyst_queries_ms", {}).values() if isinstance(v, float)), default=None), 1
            ),
        ),
        ("Evidence site build s", lambda r: _fmt(r.get("pages_site", {}).get("seconds"), 1)),
    ]
    header = ["measure"] + [f"×{r['scale']}" for r in results]
    body = []
    for label, getter in rows:
        cells = []
        for r in results:
            try:
                cells.append(getter(r))
            except (KeyError, TypeError, ValueError):
                cells.append("—")
        body.append([label, *cells])
    widths = [max(len(str(row[i])) for row in [header, *body]) for i in range(len(header))]
    lines = [
        "  ".join(
            str(c).ljust(w) if i == 0 else str(c).rjust(w) for i, (c, w) in enumerate(zip(row, widths, strict=True))
        )
        for row in [header, *body]
    ]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def ratios(results: list[dict[str, Any]]) -> list[str]:
    """Growth between consecutive scales, measured in this run (cost ratio ÷ size ratio: 1.0 = linear)."""
    lines = []
    for small, large in zip(results, results[1:], strict=False):
        factor = large["scale"] / small["scale"]
        parts = []
        for label, get in (
            ("ingest", lambda r: r["ingest"]["seconds"]),
            ("load", lambda r: r["load"]["seconds"]),
            ("dbt build", lambda r: r["dbt"]["wall_s"]),
            ("dbt models", lambda r: r["dbt"]["models_s"]),
            ("plain SQL", lambda r: r["plain_sql"]["seconds"]),
            ("warehouse", lambda r: r["warehouse_mb"]),
        ):
            try:
                parts.append(f"{label} ×{get(large) / get(small):.1f}")
            except (KeyError, TypeError, ZeroDivisionError):
                parts.append(f"{label} —")
        lines.append(f"×{small['scale']} → ×{large['scale']} (data ×{factor:g}): " + ", ".join(parts))
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="budgetwh bench", description=__doc__)
    _add_arguments(parser)
    return run(parser.parse_args(argv))


def _add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--scales",
        default=os.environ.get("BENCH_SCALES", "1,10,100"),
        help="comma-separated scales (default 1,10,100; BENCH_SCALES)",
    )
    parser.add_argument(
        "--full",
        action="store_true",
        default=os.environ.get("BENCH_FULL", "") not in ("", "0"),
        help="add ×1000 (BENCH_FULL=1)",
    )
    parser.add_argument("--work", type=Path, default=None, help="working folder (default build/bench/work)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--jobs", type=int, default=2, help="ingest workers (the target is for 2 cores)")
    parser.add_argument("--no-pages", dest="pages", action="store_false", help="skip the Evidence site builds")
    parser.add_argument(
        "--no-incremental",
        dest="incremental",
        action="store_false",
        help="skip adding one document, at the largest scale, to a warehouse of all the others as `budgetwh build` "
        "does (copy, cached ingest, load, incremental per-document models) and comparing its marts with the full build",
    )


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("bench", help="benchmark ×1 … ×1000 synthetic corpora (see make bench)")
    _add_arguments(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    root = paths.project_root()
    scales = sorted({int(s) for s in str(args.scales).split(",") if s.strip()} | ({1000} if args.full else set()))
    work = (args.work or root / "build" / "bench" / "work").absolute()
    work.mkdir(parents=True, exist_ok=True)
    load_at_start = os.getloadavg()
    results = []
    for scale in scales:
        print(f"bench: ×{scale} …", file=sys.stderr, flush=True)
        results.append(
            bench_scale(
                scale,
                work=work,
                root=root,
                seed=args.seed,
                jobs=args.jobs,
                pages=args.pages,
                incremental=args.incremental and scale == max(scales),
            )
        )
    largest = results[-1]
    db = work / f"x{largest['scale']}" / "warehouse.duckdb"
    if db.exists():
        largest["publish"] = measure_publish(db, work / f"x{largest['scale']}")
    print("bench: PDF → text …", file=sys.stderr, flush=True)
    ingest_wall = (largest.get("ingest") or {}).get("wall_s")
    pdf = bench_pdf(
        [paths.raw_dir(root), root.parent / "shared" / "sources" / "pdf"],
        corpus_dir=work / f"x{largest['scale']}" / "raw",
        ingest_cpu_s=ingest_wall * args.jobs if ingest_wall else None,
    )
    report = {
        "measured_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": {
            "cpus": os.cpu_count(),
            "python": sys.version.split()[0],
            "duckdb": duckdb.__version__,
            "load_average_at_start": load_at_start,
            "load_average_at_end": os.getloadavg(),
        },
        "targets": TARGETS,
        "results": results,
        "ratios": ratios(results),
        "pdf": pdf,
    }
    out_dir = root / "build" / "bench"
    out_dir.mkdir(parents=True, exist_ok=True)
    stamp = report["measured_at"].replace(":", "").replace("-", "")
    text = json.dumps(report, ensure_ascii=False, indent=1)
    (out_dir / f"bench-{stamp}.json").write_text(text, encoding="utf-8")
    (out_dir / "latest.json").write_text(text, encoding="utf-8")
    print(render_table(results))
    print()
    for line in report["ratios"]:
        print(line)
    if "publish" in largest:
        p = largest["publish"]
        print(
            f"publish at ×{largest['scale']} ({p['bytes'] / 1e6:.0f} MB): copy {p['copy_s']} s "
            f"({p['copy_gb_s']} GB/s), reflink {p['reflink_s'] if p['reflink_s'] is not None else 'unsupported'}"
            f", rename {p['rename_s'] * 1000:.2f} ms"
        )
    if "incremental" in largest:
        inc = largest["incremental"]
        if "error" in inc:
            print(f"incremental: {inc['error']}")
        else:
            print(
                f"add one document at ×{largest['scale']} ({len(inc['incremental_models'])} incremental "
                f"per-document models): {inc['clone']} of the warehouse {inc['clone_s']} s; ingest "
                f"{inc['ingest_after_s']} s ({inc['ingest_after_cached']} documents cached) vs "
                f"{largest['ingest']['wall_s']} s cold; load {inc['load_after_s']} s; dbt run "
                f"{inc['dbt_run_incremental_s']} s vs {inc['dbt_run_before_s']} s full; marts equal to the full "
                f"build: {inc['equal_to_full_build']}"
            )
    for line in describe_pdf(pdf):
        print(line)
    print(f"load average {load_at_start[0]:.1f} at start, {os.getloadavg()[0]:.1f} at end ({os.cpu_count()} cpus)")
    print(f"\nJSON: {out_dir / 'latest.json'}")
    return int(ExitCode.OK)


if __name__ == "__main__":
    sys.exit(main())
