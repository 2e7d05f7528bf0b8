"""Where things live. Every path can be moved with an environment variable so tests and
scheduled runs can work on copies without touching the live project."""

from __future__ import annotations

import os
from pathlib import Path


def project_root() -> Path:
    env = os.environ.get("BUDGETWH_ROOT")
    if env:
        return Path(env).resolve()
    here = Path.cwd().resolve()
    for candidate in (here, *here.parents):
        if (candidate / "dbt_project.yml").exists() and (candidate / "src" / "budgetwh").exists():
            return candidate
    return Path(__file__).resolve().parents[2]


def raw_dir(root: Path | None = None) -> Path:
    return (root or project_root()) / "data" / "raw"


def extracted_seeds_dir(root: Path | None = None) -> Path:
    return (root or project_root()) / "seeds" / "extracted"


def reference_seeds_dir(root: Path | None = None) -> Path:
    return (root or project_root()) / "seeds" / "reference"


def warehouse_path(root: Path | None = None) -> Path:
    env = os.environ.get("BUDGETWH_DB")
    if env:
        return Path(env).resolve()
    return (root or project_root()) / "data" / "warehouse.duckdb"
