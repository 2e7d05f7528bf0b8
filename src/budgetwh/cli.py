"""The `budgetwh` command. Thin on purpose: each subcommand lives in its own module, which adds its
parser here and does its work in plain functions that tests call directly."""

from __future__ import annotations

import argparse
import importlib
import sys

from budgetwh.exitcodes import ExitCode

# Each module exposes `register(subparsers)`, which adds one subcommand and sets `func` on it.
SUBCOMMAND_MODULES = [
    "budgetwh.ingest.command",
    "budgetwh.build",
    "budgetwh.schedule",
    "budgetwh.quality.command",
    "budgetwh.pages",
    "budgetwh.synth.command",
    "budgetwh.load",
    "budgetwh.bench",
    "budgetwh.export.command",
    "budgetwh.spark.command",
]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="budgetwh", description=__doc__)
    subparsers = parser.add_subparsers(dest="command", required=True)
    for name in SUBCOMMAND_MODULES:
        importlib.import_module(name).register(subparsers)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args.func(args))
    except KeyboardInterrupt:
        print("budgetwh: interrupted", file=sys.stderr)
        return int(ExitCode.UNEXPECTED)


if __name__ == "__main__":
    sys.exit(main())
