"""One scale of the bench: write a synthetic corpus, build it with `budgetwh build` in a project of its own, and
read off what the build and its products cost: each stage's seconds and peak memory, ingest throughput, dbt's
busy time, the pages' queries, the site a reader loads, the quality gate run alone; at the largest scale also one
document removed and added again (the incremental path), its marts compared with the full build's."""

from __future__ import annotations

import os
import shutil
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from budgetwh.atomic import clone_file
from budgetwh.bench import registry
from budgetwh.bench.buildrun import NO_SITE
from budgetwh.bench.dashboard import time_analyst_queries, time_pages
from budgetwh.bench.dbt_timing import plain_sql_script, run_plain_sql, split_dbt_timing
from budgetwh.bench.gate import gate_alone
from budgetwh.bench.measure import Measured
from budgetwh.bench.project import add_documents, fresh_clone, make_project, run_build_measured
from budgetwh.bench.site import measure_site
from budgetwh.bench.warehouse import compare_marts


def build_figures(measured: Measured, seen: dict[str, Any]) -> dict[str, Any]:
    """A build's figures: its `seconds` as logs/runs.jsonl has them, each stage's seconds and peak memory, and the
    process's own wall and CPU time; a failed build keeps its message."""
    run = seen.get("run") or {}
    stage_peaks = dict(seen.get("peak_mb") or {})
    stages = {s["name"]: s for s in run.get("stages", [])}
    skipped = stages.get("pages", {}).get("detail") == NO_SITE
    if skipped:  # a site left out took no time and no memory: its goals say "not measured", never "meets"
        stages.pop("pages")
        stage_peaks.pop("pages", None)
    figures: dict[str, Any] = {
        "exit_code": seen.get("exit_code", measured.returncode),
        "result": run.get("result"),
        "seconds": run.get("seconds"),
        "wall_s": round(measured.seconds, 2),
        "cpu_s": round(measured.cpu_s, 2),
        "stage_seconds": {name: s["seconds"] for name, s in stages.items()},
        "stage_peak_mb": stage_peaks,
        # each stage's peak split by who held it: the build process ("self"), dbt, the site's Node processes
        "stage_part_peak_mb": {k: v for k, v in (seen.get("part_peak_mb") or {}).items() if k in stage_peaks},
        "peak_mb": round(max([measured.peak_mb, *stage_peaks.values()]), 1),
    }
    if skipped:
        figures["site_skipped"] = NO_SITE
    if figures["exit_code"] != 0:
        figures["error"] = run.get("message") or measured.output[-600:]
    return figures


def _synthesise(corpus: Path, scale: int, seed: int, jobs: int, root: Path) -> tuple[dict[str, Any], dict[str, Any]]:
    from budgetwh.synth.corpus import write_corpus

    started = time.perf_counter()
    manifest = write_corpus(
        corpus, scale=scale, seed=seed, reference_src=root / "seeds" / "reference", detail=False, jobs=jobs
    )
    totals = manifest["totals"]
    figures = {k: totals[k] for k in ("documents", "bytes", "projects", "indicators", "line_items")}
    return manifest, {**figures, "synth_s": round(time.perf_counter() - started, 2)}


def ingest_figures(build: dict[str, Any], corpus_bytes: int, manifest: dict[str, Any], extracted: Path) -> dict:
    from budgetwh.synth.check import compare_summaries

    seconds = build["stage_seconds"].get("ingest")
    if not seconds:
        return {}
    return {
        "seconds": seconds,
        "mb_s": round(corpus_bytes / 1e6 / seconds, 2),
        "peak_mb": build["stage_peak_mb"].get("ingest"),
        "matches_manifest": compare_summaries(manifest, extracted) == [],
    }


def _plain_sql(project: Path, target: Path) -> dict[str, Any]:
    """The models' compiled SQL run as one plain DuckDB script on a file holding only the loaded seeds."""
    from budgetwh.load import load_seeds

    raw_only = project.parent / "plain" / "warehouse.duckdb"  # compiled SQL names the catalog after the stem
    shutil.rmtree(raw_only.parent, ignore_errors=True)
    raw_only.parent.mkdir(parents=True)
    load_seeds(raw_only, project / "seeds" / "extracted", project / "seeds" / "reference", project_root=project)
    statements = plain_sql_script(target / "manifest.json")
    seconds = run_plain_sql(raw_only, statements)
    shutil.rmtree(raw_only.parent, ignore_errors=True)
    return {"seconds": round(seconds, 2), "models": len(statements)}


def one_document(project: Path, files: list[Path], full_db: Path, site: bool = True) -> dict[str, Any]:
    """Remove one document from the built project and build; add it back and build: both go the incremental way
    (a copy of the live warehouse, only the changed document's rows), and the marts must equal the full build's."""
    full_copy = project.parent / "full-build.duckdb"
    full_copy.unlink(missing_ok=True)
    clone_file(full_db, full_copy)
    added = next((f for f in reversed(files) if "unit_budget" in f.name), files[-1])
    (project / "data" / "raw" / added.name).unlink()
    out: dict[str, Any] = {"document": added.name}
    out["remove"] = build_figures(*run_build_measured(project, "remove-one", sys.executable, site=site))
    add_documents(project, [added])
    out["add"] = build_figures(*run_build_measured(project, "add-one", sys.executable, site=site))
    if out["add"]["exit_code"] == 0:
        out["marts_differing_rows"] = compare_marts(full_db, full_copy)
        out["equal_to_full_build"] = not any(out["marts_differing_rows"].values())
    full_copy.unlink(missing_ok=True)
    return out


def _guarded(measure: Callable[..., dict[str, Any]], *args: Any) -> dict[str, Any]:
    """A product's figures, or its failure as the report's error (the goals then say "not measured" with it): a
    bug in one measurement must not cost the figures of the builds measured before it."""
    try:
        return measure(*args)
    except Exception as exc:  # noqa: BLE001 - reported, never hidden
        return {"error": f"{type(exc).__name__}: {exc}"[:400]}


def bench_scale(
    scale: int,
    *,
    work: Path,
    root: Path,
    seed: int,
    jobs: int,
    incremental: bool = False,
    plain_sql: bool = False,
    site: bool = True,
    save: Callable[[dict[str, Any]], None] = lambda out: None,
) -> dict[str, Any]:
    """The figures of one scale; `save` is handed them after each step, so that a step that fails or a run that
    is stopped (a ×1000 run takes hours) keeps what the steps before it measured."""
    corpus = work / f"x{scale}"
    manifest, totals = _synthesise(corpus, scale, seed, jobs, root)
    out: dict[str, Any] = {"scale": scale, "corpus": totals}
    save(out)
    files = sorted((corpus / "raw").iterdir())
    project = make_project(root, corpus / "project", corpus / "reference")
    add_documents(project, files)
    print(f"bench: ×{scale} build …", file=sys.stderr, flush=True)
    out["build"] = build_figures(*run_build_measured(project, "full", sys.executable, site=site))
    save(out)
    if out["build"]["exit_code"] != 0:
        return out
    db = project / "data" / "warehouse.duckdb"
    target = project / "data" / "state" / "last_build" / "target"
    out["ingest"] = ingest_figures(out["build"], totals["bytes"], manifest, project / "seeds" / "extracted")
    if (target / "run_results.json").exists():
        out["dbt"] = split_dbt_timing(target / "run_results.json")
    out["warehouse_mb"] = round(db.stat().st_size / 1e6, 1)
    out["dashboard"] = _guarded(time_pages, db, root / "reports")
    out["analyst_queries_ms"] = time_analyst_queries(db)
    if site:
        print(f"bench: ×{scale} site in the browser …", file=sys.stderr, flush=True)
        out["site"] = _guarded(measure_site, project / "reports" / "build", db)
    save(out)
    print(f"bench: ×{scale} quality gate alone …", file=sys.stderr, flush=True)
    out["gate_alone"] = _guarded(gate_alone, project, db)
    save(out)
    if plain_sql and (target / "manifest.json").exists():
        out["plain_sql"] = _plain_sql(project, target)
    context = registry.BenchContext(
        root=root,
        scratch=corpus / "extensions",
        jobs=jobs,
        scale=scale,
        corpus=corpus,
        warehouse=db,
        project=project,
        results=out,
    )
    out["extensions"] = registry.run_all(True, context)
    if incremental:
        print(f"bench: ×{scale} one document removed and added …", file=sys.stderr, flush=True)
        out["one_document"] = _guarded(one_document, project, files, db, site)
        save(out)
    return out


def fresh_build(root: Path, work: Path) -> dict[str, Any]:
    """The first `budgetwh build` of a fresh clone: this project's raw documents, reference seeds and the seeds a
    clone holds (the extracted CSVs and the PDFs' converted texts are committed), no warehouse, no ingest cache, no
    state (set-up such as `npm ci` excluded: node_modules is shared)."""
    project = fresh_clone(root, work / "fresh" / "project")
    print("bench: first build of a fresh clone …", file=sys.stderr, flush=True)
    figures = build_figures(*run_build_measured(project, "fresh", sys.executable))
    figures["documents"] = len(os.listdir(project / "data" / "raw"))
    return figures
