"""Fixtures shared by every test area: where the project is, and a fresh ingest of the real documents."""

from __future__ import annotations

import csv
import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

os.environ.setdefault("DO_NOT_TRACK", "1")
os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")
os.environ.setdefault("DBT_SEND_ANONYMOUS_USAGE_STATS", "false")


@pytest.fixture(scope="session")
def project_root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def raw_dir() -> Path:
    return ROOT / "data" / "raw"


@pytest.fixture(scope="session")
def reference_dir() -> Path:
    return ROOT / "seeds" / "reference"


def read_seed(folder: Path, name: str) -> list[dict[str, str]]:
    with (folder / f"{name}.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(name="read_seed", scope="session")
def read_seed_fixture():
    return read_seed


@pytest.fixture(scope="session")
def extracted_dir(tmp_path_factory, raw_dir, reference_dir) -> Path:
    """The seeds ingest writes from data/raw today, in a temporary folder (the committed seeds are not touched)."""
    from budgetwh.ingest.pipeline import run_ingest

    out = tmp_path_factory.mktemp("extracted") / "extracted"
    run_ingest(raw_dir, reference_dir, out)
    return out


@pytest.fixture(scope="session")
def seeds(extracted_dir) -> dict[str, list[dict[str, str]]]:
    return {
        name: read_seed(extracted_dir, name)
        for name in ("documents", "projects", "indicators", "line_items", "evaluations")
    }
