"""Fixtures for the conventions tests: dbt's manifest and the warehouse of the session's real dbt build (shared with
tests/quality, whose support module builds it once)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "quality"))
from warehouse_support import Built  # noqa: E402


@pytest.fixture(scope="session")
def built(dbt_built: Built) -> Built:
    return dbt_built


@pytest.fixture(scope="session")
def manifest(built: Built) -> dict:
    return json.loads((built.target / "manifest.json").read_text(encoding="utf-8"))
