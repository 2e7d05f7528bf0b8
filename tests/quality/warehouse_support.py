"""One real `dbt build` of the committed seeds and models into a temporary folder, shared by the warehouse, quality,
conventions and export tests of a session (every worker's conftest calls `dbt_build`; shared_builds makes it once)."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from shared_builds import once  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class Built:
    db: Path
    target: Path  # dbt's target/ (manifest.json, run_results.json)


def dbt_build(factory: pytest.TempPathFactory) -> Built:
    """The session's one `dbt build` (<shared temp>/dbt-build), made by whichever worker asks first."""
    out = once(factory, "dbt-build", _build)
    return Built(out / "warehouse.duckdb", out / "target")


def _build(out: Path) -> None:
    env = dict(
        os.environ,
        BUDGETWH_DB=str(out / "warehouse.duckdb"),
        DBT_TARGET_PATH=str(out / "target"),
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


def execute(db: Path, *statements: str) -> None:
    con = duckdb.connect(str(db))
    try:
        for sql in statements:
            con.execute(sql)
    finally:
        con.close()
