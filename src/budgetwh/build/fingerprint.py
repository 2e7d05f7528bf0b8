"""Whether a build has anything to do, and whether it may start from a copy of the live file.

A scheduled run with nothing new must cost next to nothing: the build compares a fingerprint of everything that
shapes its output (raw documents, reference and extracted seeds, models, macros, dbt tests, dbt/profile config, the
lock file of Python versions, the package's code, the report pages) with the one recorded at the last publish, and
checks that the live file is still the one it published."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
from dataclasses import asdict, dataclass, field
from pathlib import Path

from budgetwh.build.layout import Layout

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
# Generated or installed trees under those paths; skipped when git cannot tell us what is ignored.
SKIP_DIRS = {
    "node_modules",
    ".evidence",
    ".svelte-kit",
    "__pycache__",
    "uncommitted",
    ".pages-work",
    ".git",
}
# The published pages (the link and its versions), by path: a folder named build elsewhere (src/budgetwh/build) is code.
SKIP_PATHS = {"reports/build", "reports/builds"}
SKIP_SUFFIXES = (".pyc", ".parquet", ".duckdb", ".wal", ".egg-info")


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
            here = os.path.relpath(directory, root)
            dirs[:] = [
                d
                for d in dirs
                if d not in SKIP_DIRS
                and not d.endswith(".egg-info")
                and os.path.normpath(os.path.join(here, d)) not in SKIP_PATHS
            ]
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
