"""`budgetwh schedule`: run `budgetwh build` unattended on a plain Linux box, and know when there is nothing to do.

`--print-cron` prints a crontab line; `--print-systemd` prints a service and a timer unit (or writes them with
`--out DIR`). Both run `budgetwh build --quiet`, which prints nothing unless the build fails (so cron mails only
failures and the journal stays short) and appends one JSON line per run to logs/runs.jsonl. `--on-failure CMD` is
passed on to the build, which runs CMD through /bin/sh with BUDGETWH_EXIT_CODE, BUDGETWH_MESSAGE … set.

A scheduled run with nothing new must cost next to nothing: the build compares a fingerprint of everything that
shapes its output (raw documents, reference and extracted seeds, models, macros, dbt tests, dbt/profile config, the
lock file of Python versions, the package's code, the report pages) with the one recorded at the last publish, and
checks that the live file is still the one it published."""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shlex
import shutil
import subprocess
import sys
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from budgetwh import paths

if TYPE_CHECKING:
    from budgetwh.build import Layout

# Relative to the project root. Everything here shapes what a build publishes; nothing here is written by a build
# except seeds/extracted, which is fingerprinted separately after ingest.
FINGERPRINT_PATHS = (
    "data/raw",
    "seeds/reference",
    "models",
    "macros",
    "tests/dbt",
    "analyses",
    "snapshots",
    "dbt_project.yml",
    "profiles.yml",
    "requirements.lock",
    "pyproject.toml",
    "src/budgetwh",
    "reports",
    "gx",
)
EXTRACTED = "seeds/extracted"
# Generated or installed trees under those paths; skipped when git cannot tell us what is ignored.
SKIP_DIRS = {
    "node_modules",
    ".evidence",
    ".svelte-kit",
    "build",
    "builds",
    "__pycache__",
    "uncommitted",
    ".pages-work",
    ".git",
}
SKIP_SUFFIXES = (".pyc", ".parquet", ".duckdb", ".wal", ".egg-info")

UNIT_NAME = "budgetwh-build"
DEFAULT_CRON = "17 * * * *"  # hourly, off the top of the hour
DEFAULT_CALENDAR = "hourly"


# ---------------------------------------------------------------------------------------------------------------
# Fingerprints


def _listed_by_git(root: Path, rel_paths: tuple[str, ...]) -> list[str] | None:
    """Tracked plus untracked-but-not-ignored files: exactly what a person would commit, so build outputs and
    installed packages (all git-ignored) never make a run look changed. None outside a git work tree."""
    if not (root / ".git").exists() or shutil.which("git") is None:
        return None
    proc = subprocess.run(
        ["git", "-C", str(root), "ls-files", "-z", "--cached", "--others", "--exclude-standard", "--", *rel_paths],
        capture_output=True,
    )
    if proc.returncode != 0:
        return None
    return sorted(set(proc.stdout.decode("utf-8", "surrogateescape").split("\0")) - {""})


def _walked(root: Path, rel_paths: tuple[str, ...]) -> list[str]:
    found = []
    for rel in rel_paths:
        top = root / rel
        if top.is_file():
            found.append(rel)
            continue
        for directory, dirs, files in os.walk(top):
            dirs[:] = [d for d in dirs if d not in SKIP_DIRS and not d.endswith(".egg-info")]
            for name in files:
                if not name.endswith(SKIP_SUFFIXES):
                    found.append(os.path.relpath(os.path.join(directory, name), root))
    return sorted(found)


def fingerprint_files(root: Path, rel_paths: tuple[str, ...]) -> str:
    files = _listed_by_git(root, rel_paths)
    if files is None:
        files = _walked(root, rel_paths)
    digest = hashlib.sha256()
    for rel in files:
        path = root / rel
        if path.is_symlink() or not path.is_file():
            content = b"<missing>" if not path.exists() else b"<link>" + os.readlink(path).encode()
        else:
            content = hashlib.sha256(path.read_bytes()).digest()
        digest.update(rel.encode("utf-8", "surrogateescape") + b"\0" + content + b"\n")
    return digest.hexdigest()


def fingerprint_inputs(root: Path) -> str:
    return fingerprint_files(root, FINGERPRINT_PATHS)


def fingerprint_definitions(root: Path) -> str:
    """Everything but the raw documents: while this stays the same, the rows a document gives stay the same, so a
    build may keep the live warehouse's per-document rows and add only new documents (incremental models)."""
    return fingerprint_files(root, tuple(p for p in FINGERPRINT_PATHS if p != "data/raw"))


def fingerprint_extracted(extracted: Path) -> str:
    return fingerprint_files(extracted, (".",))


@dataclass
class BuildState:
    """What the last successful build published, in data/state/last_success.json."""

    run_id: str
    published_at: str
    inputs: str
    extracted: str
    live_db: str
    live_stat: list[int]
    pages: str = ""
    mart_rows: dict[str, int] = field(default_factory=dict)
    definitions: str = ""  # fingerprint_definitions at the time (empty in states written before it existed)

    @staticmethod
    def stat_of(path: Path) -> list[int]:
        # Size and mtime, not the inode: a project copied with its timestamps (cp -p, copytree) is still current.
        st = path.stat()
        return [st.st_size, st.st_mtime_ns]

    @classmethod
    def load(cls, path: Path) -> BuildState | None:
        try:
            return cls(**json.loads(path.read_text(encoding="utf-8")))
        except (OSError, ValueError, TypeError):
            return None

    def save(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(path.name + ".tmp")
        tmp.write_text(json.dumps(asdict(self), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        os.replace(tmp, path)

    def live_is_ours(self, layout: Layout) -> bool:
        """The live file is still the one this build published (nobody replaced or rebuilt it since)."""
        return (
            layout.show(layout.live_db) == self.live_db
            and layout.live_db.exists()
            and self.stat_of(layout.live_db) == self.live_stat
        )

    def is_current(self, layout: Layout, inputs: str) -> bool:
        """Same inputs, same extracted seeds, and the live file and pages are still the ones this build published."""
        if inputs != self.inputs or not self.live_is_ours(layout):
            return False
        if self.pages and layout.pages_link.resolve() != (layout.root / self.pages).resolve():
            return False
        return fingerprint_extracted(layout.extracted) == self.extracted


# ---------------------------------------------------------------------------------------------------------------
# Cron and systemd


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
