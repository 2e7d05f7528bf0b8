"""`budgetwh check [--db PATH] [--raw DIR] [--docs DIR | --no-docs]`: run the quality gate on a built warehouse.

Exit 0 when every expectation passes, 5 (QUALITY_GATE) when any fails, with a summary naming the mart, the check
and the offending rows; 2 when the warehouse, the raw documents or the Data Docs assets are missing."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from budgetwh import paths
from budgetwh.cli_args import add_command, add_db_argument
from budgetwh.exitcodes import ExitCode

DEFAULT_DOCS = Path("build") / "data-docs"


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = add_command(
        subparsers,
        "check",
        help="run the Great Expectations quality gate on the marts (exit 5 on failure)",
        doc=__doc__,
    )
    add_db_argument(parser, read_only=False)
    parser.add_argument(
        "--raw", type=Path, default=None, help="raw documents, read for personal names (default: data/raw)"
    )
    docs = parser.add_mutually_exclusive_group()
    docs.add_argument("--docs", type=Path, default=None, help=f"where to write Data Docs (default: {DEFAULT_DOCS})")
    docs.add_argument("--no-docs", action="store_true", help="skip Data Docs")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from budgetwh.quality.checkpoint import QualityError, run_checkpoint
    from budgetwh.quality.datadocs import DataDocsError

    root = paths.project_root()
    db = args.db or paths.warehouse_path(root)
    raw = args.raw or paths.raw_dir(root)
    docs = None if args.no_docs else (args.docs or root / DEFAULT_DOCS)
    try:
        result = run_checkpoint(db, raw, data_docs_dir=docs)
    except (QualityError, DataDocsError) as exc:
        print(f"budgetwh check: {exc}", file=sys.stderr)
        return int(ExitCode.USAGE)
    stream = sys.stdout if result.success else sys.stderr
    verdict = "passed" if result.success else "FAILED"
    print(f"quality gate {verdict}: {result.summary}", file=stream)
    if result.data_docs_index is not None:
        print(f"Data Docs: {result.data_docs_index}", file=stream)
    return int(ExitCode.OK if result.success else ExitCode.QUALITY_GATE)
