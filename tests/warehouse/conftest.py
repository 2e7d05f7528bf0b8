"""Fixtures for the warehouse tests: one real `dbt build` of the committed seeds and models into a temporary folder
(its own database, target and logs: never the live warehouse), opened read-only."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest

ROOT = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class Built:
    db: Path
    target: Path


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    out = tmp_path_factory.mktemp("warehouse")
    result = Built(out / "warehouse.duckdb", out / "target")
    env = dict(
        os.environ,
        BUDGETWH_DB=str(result.db),
        DBT_TARGET_PATH=str(result.target),
        DBT_LOG_PATH=str(out / "logs"),
        DBT_PROFILES_DIR=str(ROOT),
        DO_NOT_TRACK="1",
        DBT_SEND_ANONYMOUS_USAGE_STATS="false",
    )
    dbt = Path(sys.executable).with_name("dbt")
    proc = subprocess.run(
        [str(dbt), "build", "--project-dir", str(ROOT)], cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )
    assert proc.returncode == 0, f"dbt build failed:\n{proc.stdout[-4000:]}\n{proc.stderr[-2000:]}"
    return result


@pytest.fixture(scope="module")
def con(built: Built):
    connection = duckdb.connect(str(built.db), read_only=True)
    yield connection
    connection.close()


@pytest.fixture(scope="module")
def rows(con):
    """rows(sql, *params) -> list of dicts."""

    def run(sql: str, *params) -> list[dict]:
        cursor = con.execute(sql, list(params))
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, r, strict=True)) for r in cursor.fetchall()]

    return run


@pytest.fixture(scope="module")
def one(rows):
    """one(sql, *params) -> the single row as a dict (fails unless exactly one row)."""

    def run(sql: str, *params) -> dict:
        found = rows(sql, *params)
        assert len(found) == 1, f"expected one row, got {len(found)}: {sql} {params}"
        return found[0]

    return run
