"""Fixtures for the export tests: a scratch warehouse (the session's dbt build when one exists, else a copy of the
live data/warehouse.duckdb, else a new dbt build into pytest's temp folder; never the live file itself) and the
Fiscal Data Package written from it. The live warehouse is the one the project resolves ($BUDGETWH_DB, else
data/warehouse.duckdb)."""

from __future__ import annotations

import shutil
import sys
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "quality"))
from warehouse_support import dbt_build  # noqa: E402

from budgetwh import paths  # noqa: E402
from budgetwh.export import ExportSummary, write_package  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
CREATED = datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)


@pytest.fixture(scope="session")
def warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.getbasetemp()
    if (base / "dbt-build" / "ok").exists():
        return dbt_build(base).db
    live = paths.warehouse_path(ROOT)
    if live.is_file():
        copy = tmp_path_factory.mktemp("live-copy") / "warehouse.duckdb"
        shutil.copy2(live, copy)
        wal = live.with_name(live.name + ".wal")
        if wal.is_file():
            shutil.copy2(wal, copy.with_name(copy.name + ".wal"))
        return copy
    return dbt_build(base).db


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
