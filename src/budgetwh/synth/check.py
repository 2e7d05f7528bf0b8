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
    "source_format",
    "page_count",
)
# a PDF's lines are the converter's: its rows are matched by page, table, codes, column and amount
PAGE_KEY = (
    "source_page",
    "table_kind",
    "row_label_raw",
    "class_code",
    "kind_code",
    "item_code",
    "cell_index",
    "amount_yuan",
)
NARRATIVE = "narrative"


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
            if column in entry and got.get(column, "") != _text(entry[column]):
                problems.append(
                    f"documents {entry['file_name']}.{column}: expected {entry[column]!r}, got {got[column]!r}"
                )
    problems += [f"documents: unexpected {doc_id}" for doc_id in documents]
    series = [e for e in manifest["documents"] if e.get("self_identified")]
    for name in SEED_NAMES[1:]:
        key = ID_COLUMNS[name]
        extracted = {row[key]: row for row in _read(extracted_dir, name)}
        if name == "line_items":
            problems += _compare_series(series, extracted)
        for entry in manifest["documents"]:
            if entry.get("source_format") == "pdf":
                continue
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


def _compare_series(entries: list[dict[str, Any]], extracted: dict[str, dict[str, str]]) -> list[str]:
    """Budget-series documents: PDF table rows matched by page (and popped), narrative figures found at their line
    (text) or page (PDF); the narrative rows themselves are the narrative reader's to shape, so any extra ones of
    these documents are not reported."""
    problems: list[str] = []
    by_document: dict[str, list[dict[str, str]]] = defaultdict(list)
    for row in extracted.values():
        by_document[row["document_id"]].append(row)
    for entry in entries:
        rows = by_document.get(entry["document_id"], [])
        for row in rows:
            if row["table_kind"] == NARRATIVE:
                extracted.pop(row["line_item_id"], None)
        if entry.get("source_format") == "pdf":
            got = defaultdict(list)
            for row in rows:
                if row["table_kind"] != NARRATIVE:
                    got[tuple(row.get(c, "") for c in PAGE_KEY)].append(row)
            for expected in entry["rows"]["line_items"]:
                found = got.get(tuple(_text(expected[c]) for c in PAGE_KEY))
                if not found:
                    problems.append(f"line_items {entry['file_name']} p{expected['source_page']}: {expected} missing")
                    continue
                row = found.pop()
                extracted.pop(row["line_item_id"], None)
                for column, value in expected.items():
                    if column != "document_id" and row.get(column) != _text(value):
                        got_value = row.get(column)
                        problems.append(
                            f"line_items {row['line_item_id']}.{column}: expected {_text(value)!r}, got {got_value!r}"
                        )
    return problems


def compare_statements(manifest: dict[str, Any], extracted_dir: Path, *, limit: int = 20) -> list[str]:
    """The narrative figures of the budget-series documents that ingest did not read as listed (amount, phase,
    codes and stated rate at the figure's line or page, its stated change on a row of that line or page)."""
    by_document: dict[str, list[dict[str, str]]] = defaultdict(list)
    for row in _read(extracted_dir, "line_items"):
        if row["table_kind"] == NARRATIVE:
            by_document[row["document_id"]].append(row)
    problems: list[str] = []
    for entry in manifest["documents"]:
        if entry.get("self_identified"):
            problems += _compare_statements(entry, by_document.get(entry["document_id"], []))
    return problems[:limit]


def _compare_statements(entry: dict[str, Any], rows: list[dict[str, str]]) -> list[str]:
    where = "source_page" if entry.get("source_format") == "pdf" else "source_line"
    narrative: dict[str, list[dict[str, str]]] = defaultdict(list)
    for row in rows:
        if row["table_kind"] == NARRATIVE:
            narrative[row[where]].append(row)
    problems = []
    for figure in entry["rows"].get("statements", []):
        at = narrative.get(_text(figure[where]), [])
        matches = [r for r in at if r["amount_yuan"] == figure["amount_yuan"]]
        if "phase" in figure:
            matches = [r for r in matches if r["phase"] == figure["phase"]]
        if "codes" in figure:  # a reader may leave the name path to be resolved to codes downstream
            matches = [
                r
                for r in matches
                if not r["class_code"] or [r["class_code"], r["kind_code"], r["item_code"]] == figure["codes"]
            ]
        if "stated_rate_pct" in figure:
            matches = [
                r
                for r in matches
                if r["stated_rate_pct"] and Decimal(r["stated_rate_pct"]) == Decimal(figure["stated_rate_pct"])
            ]
        if not matches:
            problems.append(f"statements {entry['file_name']} {where} {figure[where]}: {figure} not read")
            continue
        change = figure.get("stated_change_yuan")
        if change is not None and not any(_states_change(r, Decimal(change)) for r in at):
            problems.append(f"statements {entry['file_name']} {where} {figure[where]}: change {change} not read")
    return problems


def _states_change(row: dict[str, str], change: Decimal) -> bool:
    """The row states the change: its amount, or 持平 for none (the reader keeps 持平 as a direction, printing no
    amount, and the warehouse reads it as such)."""
    if row["stated_change_yuan"]:
        return abs(Decimal(row["stated_change_yuan"])) == change
    return change == 0 and row["stated_direction"] == "flat"


def compare_summaries(manifest: dict[str, Any], extracted_dir: Path) -> list[str]:
    """Per-document counts and amount sums: works on any manifest, detailed or not."""
    series = {e["document_id"] for e in manifest["documents"] if e.get("self_identified")}
    counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    sums: dict[str, Decimal] = defaultdict(Decimal)
    for name in SEED_NAMES[1:]:
        for row in _read(extracted_dir, name):
            if name == "line_items" and row["document_id"] in series and row["table_kind"] == NARRATIVE:
                continue  # a series document's manifest counts its table rows; its figures are checked by rows
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
