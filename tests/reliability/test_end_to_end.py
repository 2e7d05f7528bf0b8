"""The real `budgetwh build` (ingest, dbt, GX checkpoint, Evidence pages, publish) on a project copy: what it
publishes, what it logs, what a scheduled run with nothing new does, and what a real model failure leaves."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest
from reliability_support import REPO, LiveState, run_budgetwh, runs

from budgetwh.build import Layout, wal_path
from budgetwh.exitcodes import ExitCode

CONTRACT_MARTS = {
    "dim_districts",
    "dim_documents",
    "dim_agencies",
    "dim_projects",
    "fct_indicators",
    "fct_budget_vs_execution",
    "fct_yoy_changes",
    "fct_project_scores",
    "fct_score_distribution",
    "fct_score_summary",
    "fct_consistency_checks",
}
CHECK_CONTRACT = REPO.parent / "shared" / "tools" / "check_contract.py"


def test_the_build_publishes_a_complete_warehouse_and_site(built_project: Path) -> None:
    layout = Layout.for_root(built_project)
    (run,) = runs(built_project)
    assert (run["result"], run["exit_code"], run["exit_name"]) == ("published", 0, "OK")
    assert [(s["name"], s["status"]) for s in run["stages"]] == [
        ("ingest", "ok"),
        ("dbt", "ok"),
        ("checkpoint", "ok"),
        ("pages", "ok"),
        ("publish", "ok"),
    ]
    detail = run["stages"][0]["detail"]
    assert detail.startswith("10 documents → 10 documents, 67 projects, 776 indicators, 2359 line_items")
    assert set(run["mart_rows"]) >= CONTRACT_MARTS
    assert run["mart_rows"]["dim_documents"] == 10 and run["mart_rows"]["fct_indicators"] == 776
    assert run["mart_rows"]["dim_districts"] == 16  # every Shanghai district is in the reference seed
    assert run["checks_failed"] == []
    # the live file is complete on its own and opens read-only
    assert not wal_path(layout.live_db).exists()
    con = duckdb.connect(str(layout.live_db), read_only=True)
    try:
        assert con.execute("select count(*) from marts.dim_projects").fetchone()[0] == 67
    finally:
        con.close()
    # pages: the link points at this run's version
    assert os.readlink(layout.pages_link) == f"builds/{run['run_id']}"
    assert (layout.pages_link / "index.html").is_file()
    # what the live build was made with, for whoever asks
    artefacts = layout.last_build_artefacts
    assert (artefacts / "target" / "run_results.json").is_file()
    assert (artefacts / "target" / "index.html").is_file() and (artefacts / "target" / "catalog.json").is_file()
    assert (artefacts / "gx-docs" / "index.html").is_file()
    assert not any(layout.candidates.iterdir())


@pytest.mark.skipif(not CHECK_CONTRACT.exists(), reason=f"{CHECK_CONTRACT} is not beside the repository")
def test_the_published_warehouse_meets_the_contract(built_project: Path) -> None:
    proc = subprocess.run(
        [sys.executable, str(CHECK_CONTRACT), str(Layout.for_root(built_project).live_db)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_the_scheduled_command_with_nothing_new_finishes_at_once(live_project: Path) -> None:
    line = next(
        ln for ln in run_budgetwh(live_project, "schedule", "--print-cron").stdout.splitlines() if ln[:1].isdigit()
    )
    before = LiveState(live_project)
    ran = subprocess.run(
        ["/bin/sh", "-c", line.split(None, 5)[5].replace("\\%", "%")],
        cwd="/",
        env={"HOME": "/tmp", "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert (ran.returncode, ran.stdout, ran.stderr) == (0, "", "")
    run = runs(live_project)[-1]
    assert run["result"] == "unchanged" and run["stages"] == []
    assert run["message"].startswith(f"nothing changed since run {runs(live_project)[0]['run_id']}")
    assert LiveState(live_project) == before
    # and said plainly to a person
    proc = run_budgetwh(live_project, "build")
    assert proc.returncode == 0 and "nothing changed since run" in proc.stdout


def test_a_real_model_failure_exits_4_and_publishes_nothing(built_project: Path, failed_project: Path) -> None:
    """The session's one failed build (shared with test_personal_data): the built project plus a singular dbt test
    that returns a row, built again."""
    before = LiveState(built_project)
    live_project = failed_project
    run = runs(live_project)[-1]
    assert (run["result"], run["exit_code"], run["exit_name"]) == ("failed", ExitCode.MODEL_FAILURE, "MODEL_FAILURE")
    assert run["checks_failed"] == ["test.budgetwh.reliability_always_fails"]
    assert run["message"].startswith("dbt build failed: 1 of ")
    assert "(test.budgetwh.reliability_always_fails); see data/candidates/" in run["message"]
    assert LiveState(live_project) == before
    kept = live_project / run["candidate"]
    assert (kept / "dbt.log").is_file() and (kept / "target" / "run_results.json").is_file()
    assert (kept / "warehouse.duckdb").is_file()  # the failed candidate, for diagnosis
