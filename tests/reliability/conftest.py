"""Fixtures for the reliability tests. Every test here works on its own copy of the project (raw documents, seeds,
models, reports …) in a temp directory, with BUDGETWH_ROOT pointing at it, so builds, swaps and failures never
touch the repository's own warehouse, seeds or pages."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from reliability_support import PRIVATE_VARIABLES, copy_project, run_budgetwh


@pytest.fixture(autouse=True)
def _no_private_paths(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in PRIVATE_VARIABLES:
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "project")


@pytest.fixture(scope="session")
def built_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A project copy with one real, complete `budgetwh build` done (ingest, dbt, checkpoint, pages, publish).
    Shared: tests that change it must work on `live_project` instead."""
    project = copy_project(tmp_path_factory.mktemp("built") / "project")
    proc = run_budgetwh(project, "build", timeout=3000)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return project


@pytest.fixture
def live_project(built_project: Path, tmp_path: Path) -> Path:
    """A private copy of the built project (timestamps kept, so its last build still counts as current)."""
    dest = tmp_path / "project"
    shutil.copytree(built_project, dest, symlinks=True)
    return dest
