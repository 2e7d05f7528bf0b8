"""Expensive things the tests build once per session and share: one real `dbt build` of the committed seeds and one
real `budgetwh build` of a project copy. Under pytest-xdist every worker is a process of its own with its own
session fixtures, so a build is made by the first worker that asks for it, in a folder beside the workers' temp
folders, under a file lock; the others wait for it and read the same folder. A build that failed is not tried again
by the next worker: it fails with the first one's error. (A module of its own, not conftest.py, so every test
folder's conftest can import it by name.)

Also dbt's parse of the project, once per session (`dbt()`): every dbt command a test runs starts from it.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import subprocess
import sys
import traceback
from collections.abc import Callable
from pathlib import Path

import pytest

DONE = ".built"
FAILED = ".failed"
ROOT = Path(__file__).resolve().parents[1]
# The name every test warehouse that dbt builds has (see dbt()).
WAREHOUSE = "warehouse.duckdb"


def shared_root(factory: pytest.TempPathFactory) -> Path:
    """The session's temp folder that every worker sees: the parent of a worker's own (xdist gives each worker
    <session>/popen-gwN), else pytest's base temp folder."""
    base = factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


def once(factory: pytest.TempPathFactory, name: str, build: Callable[[Path], None]) -> Path:
    """The folder <shared>/<name>, made by build(folder) exactly once per session whichever worker asks first."""
    root = shared_root(factory)
    out = root / name
    with (root / f"{name}.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes, also when the process dies
        if (root / f"{name}{FAILED}").exists():
            pytest.fail(f"{name} failed to build earlier in this session:\n" + (root / f"{name}{FAILED}").read_text())
        if not (out / DONE).exists():
            shutil.rmtree(out, ignore_errors=True)
            out.mkdir(parents=True)
            try:
                build(out)
            except BaseException as exc:
                text = str(exc) if isinstance(exc, AssertionError) else traceback.format_exc()
                (root / f"{name}{FAILED}").write_text(text[-8000:], encoding="utf-8")
                raise
            (out / DONE).touch()
    return out


def dbt(factory: pytest.TempPathFactory, db: Path, work: Path, *args: str, timeout: float = 900):
    """`dbt <args>` of the project on the warehouse db (named WAREHOUSE), its target/ and logs/ in work, starting
    from the session's parse (partial_parse.msgpack, copied into work/target). dbt parses the whole project again
    unless the profile's connection is the one it parsed with, and that names the database file as the profile
    gives it: so dbt runs in db's folder with BUDGETWH_DB=WAREHOUSE, the same for every test. A full parse costs
    ~10 s of CPU, one from the saved parse ~3.5 s (the start-up of dbt). Returns the finished process."""
    assert db.name == WAREHOUSE, f"dbt(): the warehouse must be named {WAREHOUSE}, not {db.name}"
    parsed = once(factory, "dbt-parse", _parse) / "target" / "partial_parse.msgpack"
    (work / "target").mkdir(parents=True, exist_ok=True)
    shutil.copyfile(parsed, work / "target" / "partial_parse.msgpack")
    return _run_dbt(db.parent, work, [*args], timeout)


def _parse(out: Path) -> None:
    proc = _run_dbt(out, out, ["parse"], 900)
    assert proc.returncode == 0, f"dbt parse failed:\n{proc.stdout[-4000:]}\n{proc.stderr[-2000:]}"


def _run_dbt(folder: Path, work: Path, args: list[str], timeout: float) -> subprocess.CompletedProcess:
    env = dict(
        os.environ,
        BUDGETWH_DB=WAREHOUSE,
        DBT_TARGET_PATH=str(work / "target"),
        DBT_LOG_PATH=str(work / "logs"),
        DBT_PROFILES_DIR=str(ROOT),
        DO_NOT_TRACK="1",
        DBT_SEND_ANONYMOUS_USAGE_STATS="false",
    )
    command = [str(Path(sys.executable).with_name("dbt")), *args, "--project-dir", str(ROOT)]
    folder.mkdir(parents=True, exist_ok=True)
    return subprocess.run(command, cwd=folder, env=env, capture_output=True, text=True, timeout=timeout, check=False)
