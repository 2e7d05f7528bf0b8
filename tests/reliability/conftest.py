"""Fixtures for the reliability tests. Every test here works on its own copy of the project (raw documents, seeds,
models, reports …) in a temp directory, with BUDGETWH_ROOT pointing at it, so builds, swaps and failures never
touch the repository's own warehouse, seeds or pages."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from reliability_support import PRIVATE_VARIABLES, copy_project


@pytest.fixture(autouse=True)
def _no_private_paths(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in PRIVATE_VARIABLES:
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "project")


@pytest.fixture
def live_project(built_project: Path, tmp_path: Path) -> Path:
    """A private copy of the session's built project (tests/conftest.py; timestamps kept, so its last build still
    counts as current)."""
    dest = tmp_path / "project"
    shutil.copytree(built_project, dest, symlinks=True)
    return dest
