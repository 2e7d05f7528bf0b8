"""`budgetwh export --format fdp [--db PATH] OUT/`: write the marts as a Fiscal Data Package (a Frictionless Tabular
Data Package whose datapackage.json carries the fiscal model). The warehouse is opened read-only; OUT is replaced
whole (it must be empty, missing, or a package written before). Exit 2 for bad arguments (no warehouse, no marts,
OUT not a package folder), 1 for anything unexpected."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import duckdb

from budgetwh import paths
from budgetwh.cli_args import add_command, add_db_argument
from budgetwh.exitcodes import ExitCode
from budgetwh.export.package import DESCRIPTOR, ExportError, write_package

FORMATS = ("fdp",)


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = add_command(
        subparsers, "export", help="write the marts as a Fiscal Data Package (CSV + datapackage.json)", doc=__doc__
    )
    parser.add_argument("--format", choices=FORMATS, required=True, help="fdp: Frictionless Fiscal Data Package")
    add_db_argument(parser, read_only=True)
    parser.add_argument("out", type=Path, metavar="OUT", help="folder to write the package into")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    db = args.db or paths.warehouse_path()
    started = time.monotonic()
    try:
        summary = write_package(db, args.out)
    except ExportError as exc:
        print(f"budgetwh export: {exc}", file=sys.stderr)
        return int(ExitCode.USAGE)
    except (duckdb.Error, OSError) as exc:
        print(f"budgetwh export: {type(exc).__name__}: {exc}", file=sys.stderr)
        return int(ExitCode.UNEXPECTED)
    for note in summary.notes:
        print(f"budgetwh export: {note}", file=sys.stderr)
    rows = sum(summary.resources.values())
    print(
        f"export: {summary.out_dir / DESCRIPTOR} ({len(summary.resources)} resources, {rows} rows, "
        f"{time.monotonic() - started:.1f} s)"
    )
    return int(ExitCode.OK)
