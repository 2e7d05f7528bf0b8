"""Analysts keep querying while builds run and swap: reader processes with read-only connections (reconnecting for
every query, holding a connection across swaps, and the duckdb shell) loop over every mart while builds replace
the warehouse. Every query must succeed and return the state of one published build, never a mix.

Two runs: many quick swaps with fakes for dbt/checkpoint/pages (the swap is the real one, in both directions), and a
real build (ingest, dbt, quality gate) whose candidate is written while the readers hold the live file."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import duckdb
from reliability_reader import signature
from reliability_support import REPO, fake_checkpoint, fake_dbt, fake_pages, runs

from budgetwh.build import BuildOptions, Candidate, Layout, Stages, run_build
from budgetwh.exitcodes import ExitCode

READER = Path(__file__).with_name("reliability_reader.py")
MODES = ("reconnect", "reconnect", "hold", "cli")
# Between a reader's queries. Many quick swaps: queries as often as the readers can, to meet a swap mid-query. A real
# build: the CPU a query takes, the build lacks on two cores (four readers 50 ms apart took 160 s of CPU through one
# real build on a loaded machine, the duckdb shell's processes a quarter of it), so they query every half second:
# still hundreds of queries, and the holding reader's connection is kept across the swap.
QUICK_PAUSE, REAL_BUILD_PAUSE = 0.05, 0.5
SCHOOL = "minhang_2020_school_video_network_project_perf_targets.txt"


def live_signature(project: Path) -> str:
    con = duckdb.connect(str(Layout.for_root(project).live_db), read_only=True)
    try:
        return signature(con)
    finally:
        con.close()


def toggle_document(project: Path) -> None:
    """Alternate between four and five documents, so consecutive builds publish different states."""
    path = project / "data" / "raw" / SCHOOL
    if path.exists():
        path.unlink()
    else:
        shutil.copyfile(REPO / "data" / "raw" / SCHOOL, path)


def run_readers_during(
    project: Path, tmp_path: Path, builds: int, build: Callable[[], int], pause: float
) -> tuple[list, set]:
    published = {live_signature(project)}
    stop = tmp_path / "stop"
    db = str(Layout.for_root(project).live_db)
    readers = [
        subprocess.Popen(
            [sys.executable, str(READER), db, str(stop), mode, str(pause)], stdout=subprocess.PIPE, text=True
        )
        for mode in MODES
    ]
    try:
        time.sleep(1.0)  # let every reader be mid-loop before the first swap
        for _ in range(builds):
            toggle_document(project)
            assert build() == ExitCode.OK, runs(project)[-1]
            published.add(live_signature(project))
            time.sleep(max(0.3, 4 * pause))  # some queries on each published state
    finally:
        stop.touch()
        results = [json.loads(r.communicate(timeout=120)[0]) for r in readers]
    return results, published


def check(results: list[dict], published: set[str], builds: int) -> None:
    assert len(published) == 2  # four documents or five
    seen: Counter[str] = Counter()
    for result in results:
        assert result["errors"] == [], result
        assert result["queries"] > 0
        assert set(result["states"]) <= published, (result["states"], published)
        seen.update(result["states"])
    reconnecting = [r for r in results if r["mode"] == "reconnect"]
    assert all(len(r["states"]) == 2 for r in reconnecting), reconnecting  # they did see the swaps
    print(
        f"\n{sum(seen.values())} queries by {len(results)} readers during {builds} builds: "
        f"{sum(len(r['errors']) for r in results)} errors, states seen {dict(seen)}"
    )


def test_readers_during_many_quick_swaps(project: Path, tmp_path: Path) -> None:
    layout = Layout.for_root(project)
    options = BuildOptions(quiet=True, stages=Stages(dbt=fake_dbt, checkpoint=fake_checkpoint, pages=fake_pages))
    assert run_build(layout, options) == ExitCode.OK
    results, published = run_readers_during(project, tmp_path, 12, lambda: run_build(layout, options), QUICK_PAUSE)
    check(results, published, 12)


def test_readers_during_real_builds(live_project: Path, tmp_path: Path) -> None:
    """The real ingest, dbt build and quality gate write the candidate; the pages are faked here (they do not touch
    the warehouse, and building them takes minutes: the full pipeline is test_end_to_end's). One real build: the
    readers see the state before it and the state it publishes, and nothing else; swaps back and forth, many of
    them, are the quick test's (the same publish code, with fakes for the slow stages)."""
    layout = Layout.for_root(live_project)
    options = BuildOptions(quiet=True, stages=Stages(pages=fake_pages_from_marts))
    results, published = run_readers_during(
        live_project, tmp_path, 1, lambda: run_build(layout, options), REAL_BUILD_PAUSE
    )
    check(results, published, 1)
    (run,) = runs(live_project)[1:]  # the session's build, then this one
    assert run["result"] == "published"
    # only a document changed: the candidate started as a copy of the live file (incremental models)
    assert [s["name"] for s in run["stages"]] == ["clone", "ingest", "dbt", "checkpoint", "pages", "publish"]


def fake_pages_from_marts(layout: Layout, cand: Candidate) -> str:
    con = duckdb.connect(str(cand.db), read_only=True)
    (projects,) = con.execute("select count(*) from marts.dim_projects").fetchone()
    con.close()
    cand.pages.mkdir(parents=True)
    (cand.pages / "index.html").write_text(f"<p>{projects} projects</p>\n", encoding="utf-8")
    return "pages faked"
