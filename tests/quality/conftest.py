"""Fixtures for the quality-gate tests: the session's real dbt build, and private copies of its warehouse for tests
that corrupt it."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
from warehouse_support import Built, execute

from budgetwh.quality.checkpoint import CheckpointResult, run_checkpoint
from budgetwh.quality.personal import read_personal_names


@pytest.fixture(scope="session")
def built(dbt_built: Built) -> Built:
    return dbt_built


@pytest.fixture
def warehouse_copy(built: Built, tmp_path: Path) -> Path:
    """A private copy of the built warehouse, for tests that corrupt it."""
    dest = tmp_path / "warehouse.duckdb"
    shutil.copy2(built.db, dest)
    return dest


@dataclass(frozen=True)
class FailingCheck:
    result: CheckpointResult
    docs: Path
    phone: str
    name: str


@pytest.fixture(scope="session")
def failing_check(built: Built, tmp_path_factory: pytest.TempPathFactory) -> FailingCheck:
    """The gate run, with Data Docs, on a copy whose marts hold a phone number and one of the names the raw forms
    print (on a blank-target indicator row, so a non-personal check quotes the cell too) and a negative amount."""
    root = Path(__file__).resolve().parents[2]
    work = tmp_path_factory.mktemp("failing-check")
    db = work / "warehouse.duckdb"
    shutil.copy2(built.db, db)
    name = sorted(read_personal_names(root / "data" / "raw").names)[0]
    phone = "13912345678"
    execute(
        db,
        f"update marts.dim_projects set project_name = project_name || ' 联系电话{phone}'"
        " where project_id = (select min(project_id) from marts.dim_projects)",
        f"update marts.fct_indicators set target_raw = '负责人{name}'"
        " where indicator_id = (select min(indicator_id) from marts.fct_indicators where is_blank)",
        "update marts.dim_projects set total_funds_yuan = -1"
        " where project_id = (select max(project_id) from marts.dim_projects)",
    )
    result = run_checkpoint(db, root / "data" / "raw", data_docs_dir=work / "docs")
    return FailingCheck(result, work / "docs", phone, name)
