"""`budgetwh build`: the one command a person (`make run`) or a scheduler runs.

The command line of budgetwh.build: options in, exit code out; the run itself is budgetwh.build.run."""

from __future__ import annotations

import argparse
import signal

from budgetwh.build.layout import Layout
from budgetwh.build.publish import KEEP_FAILED_CANDIDATES, KEEP_PAGE_VERSIONS
from budgetwh.build.run import BuildOptions, run_build
from budgetwh.exitcodes import ExitCode


def terminate_as_interrupt(signum: int, _frame: object) -> None:
    # systemd stops a unit with SIGTERM: unwind like Ctrl-C so the seeds are put back and the run is logged.
    raise KeyboardInterrupt(f"signal {signum}")


def command(args: argparse.Namespace) -> int:
    signal.signal(signal.SIGTERM, terminate_as_interrupt)
    layout = Layout.for_root()
    options = BuildOptions(
        force=args.force,
        quiet=args.quiet,
        on_failure=args.on_failure,
        keep_failed=args.keep_failed,
        keep_pages=args.keep_pages,
    )
    return run_build(layout, options)


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "build",
        help="ingest, build, check and publish the warehouse and pages atomically",
        description=__doc__.split("\n\n")[0],
        epilog="exit codes: "
        + ", ".join(f"{int(c)} {c.name}" for c in ExitCode)
        + ". History: logs/runs.jsonl (one JSON line per run).",
    )
    parser.add_argument(
        "--force",
        action="store_true",
        help="rebuild from an empty warehouse even if nothing changed (by default a build whose models, reference "
        "seeds and code are those of the live warehouse starts from a copy of it and adds only new documents)",
    )
    parser.add_argument("--quiet", action="store_true", help="print nothing unless the build fails (for cron)")
    parser.add_argument("--on-failure", metavar="CMD", help="shell command to run when the build fails (alerting)")
    parser.add_argument(
        "--keep-failed",
        type=int,
        default=KEEP_FAILED_CANDIDATES,
        metavar="N",
        help=f"failed candidates kept in data/candidates/ (default {KEEP_FAILED_CANDIDATES})",
    )
    parser.add_argument(
        "--keep-pages",
        type=int,
        default=KEEP_PAGE_VERSIONS,
        metavar="N",
        help=f"page versions kept in reports/builds/ (default {KEEP_PAGE_VERSIONS})",
    )
    parser.set_defaults(func=command)
