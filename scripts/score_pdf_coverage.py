"""Printed-cell coverage of PDFs without a hand-made truth: every amount a viewer sees in a table of each PDF of a
folder, looked for in line_items at (source_page, amount). The way held-out PDFs are scored, estimated on any PDF.

    .venv/bin/python scripts/score_pdf_coverage.py ../shared/sources/pdf            # against seeds/extracted
    .venv/bin/python scripts/score_pdf_coverage.py some/folder --ingest              # ingests the folder first
    .venv/bin/python scripts/score_pdf_coverage.py some/folder --ingest --min 95     # exit 1 below 95 %
    .venv/bin/python scripts/score_pdf_coverage.py /tmp/bare --ingest --truth ../shared/sources/pdf
                                  # PDFs whose rules were taken off (strip_pdf_rules.py), against the originals

With --ingest the folder's PDFs are ingested on their own (as in a fresh clone: the project's reference seeds, no
registry row needed) into a temporary folder; nothing of the project changes. Without it the line items are those
of --extracted (default seeds/extracted), matched to the PDFs by their sha256."""

from __future__ import annotations

import argparse
import csv
import hashlib
import shutil
import sys
import tempfile
from collections import Counter
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from budgetwh.ingest.errors import IngestError  # noqa: E402
from budgetwh.ingest.pdf.coverage import Coverage, TableItem, coverage, printed_amounts  # noqa: E402
from budgetwh.ingest.pipeline import run_ingest  # noqa: E402


def table_items(extracted: Path) -> dict[str, list[TableItem]]:
    """sha256 of each document → the line items of its tables (narrative figures left out)."""
    with (extracted / "documents.csv").open(encoding="utf-8", newline="") as handle:
        sha_of = {row["document_id"]: row["sha256"] for row in csv.DictReader(handle)}
    out: dict[str, list[TableItem]] = {}
    with (extracted / "line_items.csv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            if row["table_kind"] == "narrative" or not row["source_page"]:
                continue
            item = TableItem(
                page=int(row["source_page"]),
                value=Decimal(row["amount_raw"].replace(",", "")),
                unit=row["source_unit"],
                codes=row["class_code"] + row["kind_code"] + row["item_code"],
            )
            out.setdefault(sha_of[row["document_id"]], []).append(item)
    return out


_FUNDS = (
    "total_funds_yuan",
    "annual_funds_yuan",
    "fiscal_funds_yuan",
    "annual_fiscal_appropriation_yuan",
    "carryover_yuan",
    "other_funds_yuan",
)


def project_funds(extracted: Path) -> dict[str, Counter]:
    """sha256 of each document → the funds its project forms state (yuan → count)."""
    with (extracted / "documents.csv").open(encoding="utf-8", newline="") as handle:
        sha_of = {row["document_id"]: row["sha256"] for row in csv.DictReader(handle)}
    out: dict[str, Counter] = {}
    with (extracted / "projects.csv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            funds = out.setdefault(sha_of[row["document_id"]], Counter())
            funds.update(Decimal(row[name]) for name in _FUNDS if row.get(name))
    return out


def score(folder: Path, extracted: Path, truth: Path | None = None) -> list[Coverage]:
    """`truth`: a folder holding the same-named PDFs whose printed amounts are read instead (the ruled originals of
    PDFs whose rules were taken off: the same text on the same pages)."""
    items = table_items(extracted)
    funds = project_funds(extracted)
    results = []
    for path in sorted(folder.glob("*.pdf")):
        data = path.read_bytes()
        sha = hashlib.sha256(data).hexdigest()
        printed = printed_amounts((truth / path.name).read_bytes() if truth else data, path.name)
        results.append(coverage(path.name, printed, items.get(sha, []), funds.get(sha)))
    return results


def report(results: list[Coverage], *, misses: int) -> str:
    lines = []
    for result in results:
        lines.append(
            f"{result.file_name}: {result.printed} printed, {result.matched} matched, {len(result.missing)} missing, "
            f"{result.percent:.2f} %  (project form funds {len(result.in_projects)}, unit disagreements "
            f"{len(result.unit_disagreements)}, extra items {result.extra})"
        )
        lines.append(f"  codes: {result.code_matched} of {result.coded} amounts whose row prints its code agree")
        for amount in result.code_disagreements[:misses]:
            lines.append(f"  code: page {amount.page} '{amount.text}' printed beside code {amount.code!r}")
        for amount in result.missing[:misses]:
            lines.append(f"  missing: page {amount.page} '{amount.text}'")
        for amount in result.unit_disagreements[:misses]:
            lines.append(f"  unit: page {amount.page} '{amount.text}' printed under 单位：{amount.unit}")
    printed = sum(r.printed for r in results)
    matched = sum(r.matched for r in results)
    lines.append(f"all: {printed} printed, {matched} matched, {100.0 * matched / printed if printed else 100:.2f} %")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path, help="folder of PDFs")
    parser.add_argument("--extracted", type=Path, default=ROOT / "seeds" / "extracted")
    parser.add_argument("--ingest", action="store_true", help="ingest the folder first (into a temporary folder)")
    parser.add_argument("--misses", type=int, default=50, help="missing amounts listed per document")
    parser.add_argument("--truth", type=Path, help="read the printed amounts from the same-named PDFs here")
    parser.add_argument("--min", type=float, help="exit 1 when a document's coverage is below this percentage")
    args = parser.parse_args(argv)
    if args.ingest:
        with tempfile.TemporaryDirectory() as tmp:
            # the PDFs alone, copied flat into a raw folder of their own (as a held-out set is scored)
            raw, out = Path(tmp) / "raw", Path(tmp) / "extracted"
            raw.mkdir()
            for path in sorted(args.folder.glob("*.pdf")):
                shutil.copyfile(path, raw / path.name)
            try:
                run_ingest(raw, ROOT / "seeds" / "reference", out, converted_dir=Path(tmp) / "converted")
            except IngestError as exc:
                print(f"ingest refused the folder (exit 3 when scored): {exc}", file=sys.stderr)
                return 3
            results = score(raw, out, args.truth)
    else:
        results = score(args.folder, args.extracted, args.truth)
    print(report(results, misses=args.misses))
    if args.min is not None and any(r.percent < args.min for r in results):
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
