"""`budgetwh schedule`: run `budgetwh build` unattended on a plain Linux box, and know when there is nothing to do.

`--print-cron` prints a crontab line; `--print-systemd` prints a service and a timer unit (or writes them with
`--out DIR`). Both run `budgetwh build --quiet`, which prints nothing unless the build fails (so cron mails only
failures and the journal stays short) and appends one JSON line per run to logs/runs.jsonl. `--on-failure CMD` is
passed on to the build, which runs CMD through /bin/sh with BUDGETWH_EXIT_CODE, BUDGETWH_MESSAGE … set.

Whether a run has anything to do is the build's own decision (budgetwh.build.fingerprint)."""

from __future__ import annotations

import argparse
import shlex
import shutil
import sys
from pathlib import Path

from budgetwh import paths

UNIT_NAME = "budgetwh-build"
DEFAULT_CRON = "17 * * * *"  # hourly, off the top of the hour
DEFAULT_CALENDAR = "hourly"


def build_command(root: Path, on_failure: str | None) -> list[str]:
    argv = [str(Path(sys.executable).with_name("budgetwh")), "build", "--quiet"]
    if on_failure:
        argv += ["--on-failure", on_failure]
    return argv


def search_path() -> str:
    """cron and systemd start with a bare PATH; the pages build needs node and npm, dbt sits in the venv."""
    dirs = [str(Path(sys.executable).parent)]
    for tool in ("npm", "node", "git"):
        found = shutil.which(tool)
        if found:
            dirs.append(str(Path(found).parent))
    dirs += ["/usr/local/bin", "/usr/bin", "/bin"]
    return ":".join(dict.fromkeys(dirs))


def cron_text(root: Path, spec: str, on_failure: str | None) -> str:
    command = " ".join(shlex.quote(a) for a in build_command(root, on_failure))
    # In a crontab an unescaped % ends the command.
    where = shlex.quote(str(root))
    line = f"{spec} cd {where} && BUDGETWH_ROOT={where} PATH={shlex.quote(search_path())} {command}"
    line = line.replace("%", r"\%")
    return "\n".join(
        [
            "# budgetwh: rebuild the warehouse and pages; quiet unless the build fails (cron mails what it prints).",
            "# History: logs/runs.jsonl, one JSON line per run. Exit codes: README, section 'Exit codes'.",
            "# Install: (crontab -l 2>/dev/null; budgetwh schedule --print-cron) | crontab -",
            line,
            "",
        ]
    )


def _systemd_quote(arg: str) -> str:
    escaped = arg.replace("\\", "\\\\").replace('"', '\\"').replace("%", "%%").replace("$", "$$")
    return f'"{escaped}"'


def systemd_units(root: Path, on_calendar: str, on_failure: str | None, user: str | None) -> dict[str, str]:
    exec_start = " ".join(_systemd_quote(a) for a in build_command(root, on_failure))
    service = [
        "[Unit]",
        "Description=budgetwh: rebuild the budget warehouse and its pages",
        f"Documentation=file://{root}/README.md",
        "",
        "[Service]",
        "Type=oneshot",
        f"WorkingDirectory={root}",
        f"Environment={_systemd_quote('BUDGETWH_ROOT=' + str(root))} {_systemd_quote('PATH=' + search_path())}",
        f"ExecStart={exec_start}",
        "# 6 = another build (e.g. a manual `make run`) holds the lock, so this run did nothing: not a failure.",
        "SuccessExitStatus=6",
        "Nice=10",
        "IOSchedulingClass=best-effort",
        "IOSchedulingPriority=7",
        "TimeoutStartSec=2h",
    ]
    if user:
        service.append(f"User={user}")
    timer = [
        "[Unit]",
        "Description=budgetwh: scheduled warehouse build",
        "",
        "[Timer]",
        f"OnCalendar={on_calendar}",
        "Persistent=true",
        "RandomizedDelaySec=5min",
        f"Unit={UNIT_NAME}.service",
        "",
        "[Install]",
        "WantedBy=timers.target",
    ]
    return {f"{UNIT_NAME}.service": "\n".join(service) + "\n", f"{UNIT_NAME}.timer": "\n".join(timer) + "\n"}


def systemd_text(units: dict[str, str]) -> str:
    parts = [
        "# budgetwh: save as /etc/systemd/system/<name> (or write them with --out DIR), then:",
        f"#   systemctl daemon-reload && systemctl enable --now {UNIT_NAME}.timer",
        f"# Output goes to the journal (journalctl -u {UNIT_NAME}); history: logs/runs.jsonl.",
    ]
    for name, text in units.items():
        parts += [f"# ---- {name} ----", text]
    return "\n".join(parts)


def command(args: argparse.Namespace) -> int:
    root = paths.project_root()
    if args.print_cron:
        sys.stdout.write(cron_text(root, args.cron, args.on_failure))
        return 0
    units = systemd_units(root, args.on_calendar, args.on_failure, args.user)
    if args.out:
        args.out.mkdir(parents=True, exist_ok=True)
        for name, text in units.items():
            (args.out / name).write_text(text, encoding="utf-8")
            print(args.out / name)
    else:
        sys.stdout.write(systemd_text(units))
    return 0


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "schedule",
        help="print a crontab line or systemd units that run `budgetwh build` unattended",
        description=__doc__.split("\n\n")[0],
    )
    which = parser.add_mutually_exclusive_group(required=True)
    which.add_argument("--print-cron", action="store_true", help="print a crontab line")
    which.add_argument("--print-systemd", action="store_true", help="print a service and a timer unit")
    parser.add_argument(
        "--cron", default=DEFAULT_CRON, metavar="SPEC", help=f"cron schedule (default '{DEFAULT_CRON}')"
    )
    parser.add_argument(
        "--on-calendar",
        default=DEFAULT_CALENDAR,
        metavar="SPEC",
        help=f"systemd OnCalendar= (default '{DEFAULT_CALENDAR}')",
    )
    parser.add_argument("--on-failure", metavar="CMD", help="shell command the build runs when it fails (alerting)")
    parser.add_argument("--user", help="systemd User= to run the build as")
    parser.add_argument("--out", type=Path, metavar="DIR", help="with --print-systemd: write the unit files here")
    parser.set_defaults(func=command)
