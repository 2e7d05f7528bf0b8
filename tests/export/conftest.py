"""Fixtures for the export tests: the session's real dbt build of the committed seeds (shared with the warehouse,
quality and conventions tests; opened read-only, never the live data/warehouse.duckdb) and the Fiscal Data Package
written from it."""

from __future__ import annotations

import sys
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "quality"))
from warehouse_support import Built  # noqa: E402

from budgetwh.export import ExportSummary, write_package  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
CREATED = datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)


@pytest.fixture(scope="session")
def warehouse(dbt_built: Built) -> Path:
    return dbt_built.db


@pytest.fixture(scope="session")
def exported(warehouse: Path, tmp_path_factory: pytest.TempPathFactory) -> ExportSummary:
    return write_package(warehouse, tmp_path_factory.mktemp("fdp") / "package", created=CREATED)


@pytest.fixture(scope="session")
def descriptor_path(exported: ExportSummary) -> Path:
    return exported.out_dir / "datapackage.json"


@pytest.fixture(scope="session")
def mart_sql(warehouse: Path):
    """mart_sql(sql) -> all rows, on the scratch warehouse opened read-only."""
    con = duckdb.connect(str(warehouse), read_only=True)

    def run(sql: str) -> list[tuple]:
        return con.execute(sql).fetchall()

    yield run
    con.close()
