"""Compare what ingest extracted from a synthetic corpus with what its manifest says the documents contain.

Detailed manifests (×10 and below by default) are compared row by row and column by column; any manifest is
compared on per-document counts and sums, which is cheap enough to run after every ×1000 ingest in the
benchmark."""

from __future__ import annotations

import csv
from collections import defaultdict
from decimal import Decimal
from pathlib import Path
from typing import Any

from budgetwh.synth.builder import SEED_NAMES

ID_COLUMNS = {
    "projects": "project_id",
    "indicators": "indicator_id",
    "line_items": "line_item_id",
    "evaluations": "evaluation_id",
}
DOCUMENT_COLUMNS = (
    "document_id",
    "file_name",
    "sha256",
    "doc_type",
    "district_id",
    "fiscal_year",
    "agency_name",
    "line_count",
)


def _text(value: Any) -> str:
    """A manifest value as the seed CSV prints it."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _read(folder: Path, name: str) -> list[dict[str, str]]:
    with (folder / f"{name}.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def compare_rows(manifest: dict[str, Any], extracted_dir: Path, *, limit: int = 20) -> list[str]:
    """Every difference between the manifest's expected rows and the extracted seeds (empty list = identical)."""
    if not manifest.get("detail"):
        raise ValueError("the manifest lists no rows: generate it with --detail")
    problems: list[str] = []
    documents = {d["document_id"]: d for d in _read(extracted_dir, "documents")}
    for entry in manifest["documents"]:
        got = documents.pop(entry["document_id"], None)
        if got is None:
            problems.append(f"documents: {entry['file_name']} ({entry['document_id']}) not extracted")
            continue
        for column in DOCUMENT_COLUMNS:
            if got[column] != _text(entry[column]):
                problems.append(
                    f"documents {entry['file_name']}.{column}: expected {entry[column]!r}, got {got[column]!r}"
                )
    problems += [f"documents: unexpected {doc_id}" for doc_id in documents]
    for name in SEED_NAMES[1:]:
        key = ID_COLUMNS[name]
        extracted = {row[key]: row for row in _read(extracted_dir, name)}
        for entry in manifest["documents"]:
            for expected in entry["rows"][name]:
                got = extracted.pop(expected[key], None)
                if got is None:
                    problems.append(f"{name}: {expected[key]} ({entry['file_name']}) missing")
                    continue
                for column, value in expected.items():
                    if got.get(column) != _text(value):
                        problems.append(
                            f"{name} {expected[key]}.{column}: expected {_text(value)!r}, got {got.get(column)!r}"
                        )
        problems += [f"{name}: unexpected row {row_id}" for row_id in extracted]
        if len(problems) > limit:
            break
    return problems[:limit]


def compare_summaries(manifest: dict[str, Any], extracted_dir: Path) -> list[str]:
    """Per-document counts and amount sums: works on any manifest, detailed or not."""
    counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    sums: dict[str, Decimal] = defaultdict(Decimal)
    for name in SEED_NAMES[1:]:
        for row in _read(extracted_dir, name):
            counts[row["document_id"]][name] += 1
            if name == "line_items" and row["amount_yuan"]:
                sums[row["document_id"]] += Decimal(row["amount_yuan"])
    problems = []
    for entry in manifest["documents"]:
        doc_id = entry["document_id"]
        for name in SEED_NAMES[1:]:
            if counts[doc_id][name] != entry["counts"][name]:
                problems.append(
                    f"{entry['file_name']}: {name} expected {entry['counts'][name]}, got {counts[doc_id][name]}"
                )
        if f"{sums[doc_id]:.2f}" != entry["sums"]["line_items.amount_yuan"]:
            problems.append(
                f"{entry['file_name']}: line_items amount sum expected "
                f"{entry['sums']['line_items.amount_yuan']}, got {sums[doc_id]:.2f}"
            )
    return problems
