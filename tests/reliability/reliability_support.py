"""Helpers for the reliability tests: project copies, running the CLI, what "unchanged" means, and fakes for the
expensive stages. (A module of its own, not conftest.py, so tests and helper scripts can import it by name.)"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from budgetwh.build import Candidate, Layout
from budgetwh.exitcodes import ExitCode

REPO = Path(__file__).resolve().parents[2]
BUDGETWH = str(Path(sys.executable).with_name("budgetwh"))
GIT_ENV = {
    "GIT_AUTHOR_NAME": "test",
    "GIT_AUTHOR_EMAIL": "test@example.invalid",
    "GIT_COMMITTER_NAME": "test",
    "GIT_COMMITTER_EMAIL": "test@example.invalid",
}
# Variables a developer may have set for their own work that must not leak into a test project's builds.
PRIVATE_VARIABLES = ("BUDGETWH_DB", "BUDGETWH_ROOT", "DBT_TARGET_PATH", "DBT_LOG_PATH")


def git(project: Path, *args: str) -> str:
    proc = subprocess.run(
        ["git", "-C", str(project), *args], capture_output=True, text=True, env={**os.environ, **GIT_ENV}, check=True
    )
    return proc.stdout


def copy_project(dest: Path) -> Path:
    """What a clone of the repository would hold (tracked and not-ignored files of the work tree, so pieces others
    are still writing are included), minus the Python tests, as a fresh git repository; node_modules is linked,
    not copied."""
    listed = subprocess.run(
        ["git", "-C", str(REPO), "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        capture_output=True,
        check=True,
    ).stdout.decode()
    for rel in filter(None, listed.split("\0")):
        if rel.startswith("tests/") and not rel.startswith("tests/dbt/") or "node_modules/" in rel:
            continue
        source = REPO / rel
        if not source.is_file():
            continue
        target = dest / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, target)
        target.chmod(0o644)
    for modules in ("reports/node_modules", "gx/vendor/node_modules"):  # installed by `make setup`, git-ignored
        if (REPO / modules).is_dir():
            (dest / modules).parent.mkdir(parents=True, exist_ok=True)
            (dest / modules).symlink_to(REPO / modules)
    subprocess.run(["git", "init", "-q", str(dest)], check=True)
    git(dest, "add", "-A")
    git(dest, "commit", "-q", "-m", "copy of the project")
    return dest


def run_budgetwh(project: Path, *args: str, timeout: float = 1800, **env: str) -> subprocess.CompletedProcess:
    full_env = {k: v for k, v in os.environ.items() if k not in PRIVATE_VARIABLES}
    full_env.update(BUDGETWH_ROOT=str(project), **env)
    return subprocess.run([BUDGETWH, *args], cwd=project, env=full_env, capture_output=True, text=True, timeout=timeout)


def built_project(factory) -> Path:
    """The session's one project copy with a real, complete `budgetwh build` done (ingest, dbt, checkpoint, pages,
    publish), made once by whichever worker asks first (shared_builds). Shared and read-only: copy it to change it."""
    return _once(factory, "built-project", _build_project) / "project"


def failed_project(factory) -> Path:
    """The built project plus a failing singular dbt test and the build that fails on it (exit 4): dbt has loaded
    every seed and built every model, the candidate is kept for diagnosis. Made once per session; read-only."""
    built = built_project(factory)
    return _once(factory, "failed-project", lambda out: _fail_build(built, out)) / "project"


FAILING_TEST = "-- a failing singular test, so this build fails after dbt has loaded every seed\nselect 1 as failure\n"


def _build_project(out: Path) -> None:
    project = copy_project(out / "project")
    proc = run_budgetwh(project, "build", timeout=3000)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def _fail_build(built: Path, out: Path) -> None:
    project = out / "project"
    shutil.copytree(built, project, symlinks=True)
    (project / "tests" / "dbt").mkdir(parents=True, exist_ok=True)
    (project / "tests" / "dbt" / "reliability_always_fails.sql").write_text(FAILING_TEST, encoding="utf-8")
    proc = run_budgetwh(project, "build", timeout=1800)
    assert proc.returncode == ExitCode.MODEL_FAILURE, proc.stdout + proc.stderr


def _once(factory, name: str, build) -> Path:
    # imported here: helper scripts run in subprocesses import this module without tests/ on their path
    sys.path.insert(0, str(REPO / "tests"))
    from shared_builds import once

    return once(factory, name, build)


def sha256_file(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def tree_bytes(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def runs(project: Path) -> list[dict]:
    path = project / "logs" / "runs.jsonl"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()] if path.exists() else []


class LiveState:
    """Everything a failed build must leave exactly as it was."""

    def __init__(self, project: Path) -> None:
        layout = Layout.for_root(project)
        self.warehouse = sha256_file(layout.live_db) if layout.live_db.exists() else None
        self.wal = layout.live_db.with_name(layout.live_db.name + ".wal").exists()
        self.seeds = tree_bytes(project / "seeds")
        self.pages_link = os.readlink(layout.pages_link) if layout.pages_link.is_symlink() else None
        self.pages = tree_bytes(layout.pages_link) if layout.pages_link.is_dir() else {}

    def __eq__(self, other: object) -> bool:
        return isinstance(other, LiveState) and vars(self) == vars(other)

    def __repr__(self) -> str:
        return f"LiveState(warehouse={self.warehouse}, pages_link={self.pages_link}, seeds={len(self.seeds)} files)"


# ---------------------------------------------------------------------------------------------------------------
# Fakes for the expensive stages, for tests of the orchestration itself. They do real work of the same shape: the
# fake dbt writes a DuckDB file with a `marts` schema made from the extracted seeds, so different documents give
# different warehouses.


def fake_dbt(layout: Layout, cand: Candidate) -> str:
    import duckdb

    con = duckdb.connect(str(cand.db))
    con.execute("create schema if not exists marts")
    for name in ("documents", "projects", "indicators"):
        csv_path = layout.extracted / f"{name}.csv"
        con.execute(
            f"create or replace table marts.fake_{name} as select * from read_csv('{csv_path}', all_varchar = true)"
        )
    con.close()
    return "fake dbt: marts from the extracted seeds"


def fake_checkpoint(layout: Layout, cand: Candidate) -> str:
    return "fake checkpoint: nothing checked"


def fake_pages(layout: Layout, cand: Candidate) -> str:
    import duckdb

    con = duckdb.connect(str(cand.db), read_only=True)
    (documents,) = con.execute("select count(*) from marts.fake_documents").fetchone()
    con.close()
    cand.pages.mkdir(parents=True)
    (cand.pages / "index.html").write_text(f"<p>{documents} documents</p>\n", encoding="utf-8")
    return "fake pages"
