"""An optional cache of parsed documents, so a scheduled run that adds one document parses one document.

Parsing is a pure function of the document's text, its file name, its registry row, the reference seeds that
parsing reads (agencies, districts, indicator framework) and the ingest code. The cache key covers all of them, so
a hit is exactly what parsing would produce again, and any change to the code or to those seeds misses. Only
successful parses are kept (errors are always recomputed); every file is still read and checked (encoding, control
characters, duplicates) on every run. Entries are JSON (the document's rendered CSV rows and counts), written
atomically; `prune` drops those a successful run did not use."""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from dataclasses import asdict
from pathlib import Path
from typing import Any

# the reference seeds parse_document reads besides the registry (whose row for the document is in the key)
REFERENCE_INPUTS = ("agencies.csv", "districts.csv", "indicator_framework.csv")
# the code parsing runs: the whole ingest package (layouts, pdf, text), not only this folder
INGEST_PACKAGE = Path(__file__).resolve().parents[1]


def fingerprint(reference_dir: Path) -> str:
    """Digest of the ingest code and of the reference seeds parsing reads (not the registry: see `key`)."""
    digest = hashlib.sha256()
    for path in sorted(INGEST_PACKAGE.rglob("*.py")):
        digest.update(str(path.relative_to(INGEST_PACKAGE)).encode() + b"\0" + path.read_bytes() + b"\0")
    for name in REFERENCE_INPUTS:
        digest.update(name.encode() + b"\0" + (reference_dir / name).read_bytes() + b"\0")
    return digest.hexdigest()


class DocumentCache:
    def __init__(self, folder: Path, fingerprint: str) -> None:
        self.folder = folder
        self.fingerprint = fingerprint

    def key(self, text_sha256: str, file_name: str, registry_row: tuple | None) -> str:
        material = json.dumps([self.fingerprint, text_sha256, file_name, registry_row], ensure_ascii=False)
        return hashlib.sha256(material.encode("utf-8")).hexdigest()

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.json"

    def get(self, key: str) -> dict[str, Any] | None:
        try:
            data = json.loads(self._path(key).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        return data if data.get("key") == key else None

    def put(self, key: str, summary: Any, csv_rows: dict[str, bytes], first_duplicate: dict[str, str]) -> None:
        path = self._path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        entry = {
            "key": key,
            "summary": asdict(summary),
            "first_duplicate": first_duplicate,
            "csv_rows": {name: rows.decode("utf-8") for name, rows in csv_rows.items()},
        }
        handle, temporary = tempfile.mkstemp(prefix=".entry-", dir=path.parent)
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                json.dump(entry, out, ensure_ascii=False)
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise

    def prune(self, keep: set[str]) -> int:
        """Delete the entries not in `keep`; returns how many."""
        removed = 0
        for path in self.folder.glob("*/*.json"):
            if path.stem not in keep:
                path.unlink(missing_ok=True)
                removed += 1
        return removed
