"""`budgetwh ingest`: parse data/raw/ into seeds/extracted/. Exit 3 (BAD_INPUT) with one clear line on bad input;
the previous seeds are then untouched."""

from __future__ import annotations

import argparse
import logging
import os
import sys
from pathlib import Path

from budgetwh import paths
from budgetwh.exitcodes import ExitCode
from budgetwh.ingest.errors import IngestError
from budgetwh.ingest.pipeline import run_ingest
from budgetwh.spark.ingest import SparkUnavailable, run_ingest_on_spark  # imports no pyspark: that is done on use


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("ingest", help="parse the raw documents into seeds/extracted/")
    parser.add_argument("--raw", type=Path, help="folder of raw documents (default data/raw)")
    parser.add_argument("--reference", type=Path, help="reference seeds folder (default seeds/reference)")
    parser.add_argument("--out", type=Path, help="output folder for the extracted seeds (default seeds/extracted)")
    parser.add_argument("--jobs", type=int, default=min(4, os.cpu_count() or 1), help="parallel parsers")
    parser.add_argument(
        "--cache", type=Path, help="reuse documents parsed before (same text, name, registry row, seeds, code)"
    )
    parser.add_argument(
        "--engine",
        choices=("local", "spark"),
        default="local",
        help="where documents are parsed: worker processes here, or a Spark job (needs pyspark and Java; same seeds)",
    )
    parser.set_defaults(func=run)


def _ingest(args: argparse.Namespace, root: Path):
    """The run on the chosen engine (pyspark is imported only when Spark runs)."""
    options = {"jobs": args.jobs, "cache_dir": args.cache}
    folders = (
        args.raw or paths.raw_dir(root),
        args.reference or paths.reference_seeds_dir(root),
        args.out or paths.extracted_seeds_dir(root),
    )
    if args.engine == "spark":
        return run_ingest_on_spark(*folders, **options)
    return run_ingest(*folders, progress=True, **options)


def run(args: argparse.Namespace) -> int:
    logging.basicConfig(level=logging.INFO, format="ingest: %(message)s", stream=sys.stderr)
    root = paths.project_root()
    try:
        summary = _ingest(args, root)
    except IngestError as exc:
        print(f"budgetwh ingest: error: {exc}", file=sys.stderr)
        return int(ExitCode.BAD_INPUT)
    except SparkUnavailable as exc:  # the environment, not the input: pyspark and Java are installed only for Spark
        print(f"budgetwh ingest: error: {exc}", file=sys.stderr)
        return int(ExitCode.UNEXPECTED)
    rows = ", ".join(f"{count} {name}" for name, count in summary.rows.items())
    state = "written" if summary.changed else "unchanged"
    if args.cache is not None:
        state += f", {summary.cached} of {len(summary.documents)} documents from the cache"
    if summary.pdfs:
        state += f", {summary.converted} of {summary.pdfs} PDFs converted"
    print(f"budgetwh ingest: {len(summary.documents)} documents → {rows} ({state}, {summary.seconds:.2f}s)")
    return int(ExitCode.OK)
