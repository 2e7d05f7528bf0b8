from __future__ import annotations

import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
SOURCES = ROOT.parent / "shared" / "sources" / "pdf"  # the real PDFs as published (outside the repository)
FIXTURES = HERE / "fixtures"
CONVERTED = ROOT / "seeds" / "converted"

sys.path.insert(0, str(HERE))

REAL_PDFS = sorted(p.name for p in SOURCES.glob("*.pdf")) if SOURCES.is_dir() else []


def real_pdf(name: str) -> bytes:
    path = SOURCES / name
    if not path.exists():
        pytest.skip(f"{path} not present")
    return path.read_bytes()
