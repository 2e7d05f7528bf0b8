"""One real `dbt build` of the committed seeds and models (not the data tests: see _build) into a temporary folder,
shared by the warehouse, quality, conventions and export tests of a session (every worker's conftest calls
`dbt_build`; shared_builds makes it once, from the session's parse of the project)."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from shared_builds import WAREHOUSE, dbt, once  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class Built:
    db: Path
    target: Path  # dbt's target/ (manifest.json, run_results.json)


def dbt_build(factory: pytest.TempPathFactory) -> Built:
    """The session's one `dbt build` (<shared temp>/dbt-build), made by whichever worker asks first."""
    out = once(factory, "dbt-build", lambda folder: _build(factory, folder))
    return Built(out / WAREHOUSE, out / "target")


def _build(factory: pytest.TempPathFactory, out: Path) -> None:
    # Seeds and models: dbt's data and unit tests (735 + 14, ~25 s of CPU) run in the session's `budgetwh build` of
    # a project copy (tests/conftest.py built_project), whose dbt stage fails the build on any of them and whose
    # success test_end_to_end asserts; they are not run twice.
    proc = dbt(
        factory,
        out / WAREHOUSE,
        out,
        "build",
        "--exclude-resource-type",
        "test",
        "--exclude-resource-type",
        "unit_test",
    )
    assert proc.returncode == 0, f"dbt build failed:\n{proc.stdout[-4000:]}\n{proc.stderr[-2000:]}"


def execute(db: Path, *statements: str) -> None:
    con = duckdb.connect(str(db))
    try:
        for sql in statements:
            con.execute(sql)
    finally:
        con.close()
