"""Fixtures for the warehouse tests: the session's one real `dbt build` of the committed seeds and models into a
temporary folder (its own database, target and logs: never the live warehouse; shared with the quality, conventions
and export tests), opened read-only."""

from __future__ import annotations

import sys
from pathlib import Path

import duckdb
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "quality"))
from warehouse_support import Built  # noqa: E402


@pytest.fixture(scope="session")
def built(dbt_built: Built) -> Built:
    return dbt_built


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
