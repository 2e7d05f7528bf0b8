"""Argument pieces several subcommands share, written once: the subcommand parser itself (its module docstring as
the description, printed as written) and the `--db` option naming the warehouse file."""

from __future__ import annotations

import argparse
from pathlib import Path


def add_command(
    subparsers: argparse._SubParsersAction, name: str, *, help: str, doc: str | None
) -> argparse.ArgumentParser:
    """The parser of one subcommand: `help` in `budgetwh --help`, `doc` (the module docstring) in `budgetwh NAME
    --help`, its line breaks kept (they lay out usage lines and lists)."""
    return subparsers.add_parser(name, help=help, description=doc, formatter_class=argparse.RawDescriptionHelpFormatter)


def add_db_argument(parser: argparse.ArgumentParser, *, read_only: bool) -> None:
    """`--db PATH`, the warehouse file; None when absent, so the command resolves the default (BUDGETWH_DB, else
    data/warehouse.duckdb) at run time, after the environment is set."""
    opened = ", opened read-only" if read_only else ""
    parser.add_argument(
        "--db",
        type=Path,
        default=None,
        help=f"warehouse file{opened} (default: $BUDGETWH_DB or data/warehouse.duckdb)",
    )
