"""The parse cache's key covers all the code parsing runs: the cache lives in ingest/text/, the parsers in
ingest/layouts/ and ingest/pdf/, and a changed parser must miss every entry parsed by the old one."""

from __future__ import annotations

import shutil
from pathlib import Path

import budgetwh.ingest
from budgetwh.ingest.text import cache

ROOT = Path(__file__).resolve().parents[2]
REFERENCE = ROOT / "seeds" / "reference"


def test_the_fingerprint_reads_the_whole_ingest_package_not_only_the_text_layer():
    assert Path(budgetwh.ingest.__file__).resolve().parent == cache.INGEST_PACKAGE
    hashed = {p.relative_to(cache.INGEST_PACKAGE).as_posix() for p in cache.INGEST_PACKAGE.rglob("*.py")}
    assert {"document.py", "layout.py", "layouts/budget/tables.py", "pdf/convert.py", "text/cells.py"} <= hashed


def test_editing_a_layout_parser_changes_the_fingerprint(tmp_path, monkeypatch):
    copy = tmp_path / "ingest"
    shutil.copytree(cache.INGEST_PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(cache, "INGEST_PACKAGE", copy)
    before = cache.fingerprint(REFERENCE)
    assert cache.fingerprint(REFERENCE) == before  # the same code and seeds give the same key
    parser = copy / "layouts" / "budget" / "tables.py"
    parser.write_text(parser.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    assert cache.fingerprint(REFERENCE) != before
