"""One real `dbt build` of the committed seeds and models into a temporary folder, shared by the quality and the
conventions tests of a session (both conftests call `dbt_build` with pytest's base temp folder)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import duckdb

ROOT = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class Built:
    db: Path
    target: Path  # dbt's target/ (manifest.json, run_results.json)


def dbt_build(base: Path) -> Built:
    """Builds once per session into <basetemp>/dbt-build; the conventions tests reuse the same folder."""
    out = base / "dbt-build"
    built = Built(out / "warehouse.duckdb", out / "target")
    if (out / "ok").exists():
        return built
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    env = dict(
        os.environ,
        BUDGETWH_DB=str(built.db),
        DBT_TARGET_PATH=str(built.target),
        DBT_LOG_PATH=str(out / "logs"),
        DBT_PROFILES_DIR=str(ROOT),
        DO_NOT_TRACK="1",
        DBT_SEND_ANONYMOUS_USAGE_STATS="false",
    )
    dbt = Path(sys.executable).with_name("dbt")
    proc = subprocess.run(
        [str(dbt), "build", "--project-dir", str(ROOT)], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert proc.returncode == 0, f"dbt build failed:\n{proc.stdout[-4000:]}\n{proc.stderr[-2000:]}"
    (out / "ok").touch()
    return built


def execute(db: Path, *statements: str) -> None:
    con = duckdb.connect(str(db))
    try:
        for sql in statements:
            con.execute(sql)
    finally:
        con.close()
