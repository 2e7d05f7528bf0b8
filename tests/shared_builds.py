"""Expensive things the tests build once per session and share: one real `dbt build` of the committed seeds and one
real `budgetwh build` of a project copy. Under pytest-xdist every worker is a process of its own with its own
session fixtures, so a build is made by the first worker that asks for it, in a folder beside the workers' temp
folders, under a file lock; the others wait for it and read the same folder. A build that failed is not tried again
by the next worker: it fails with the first one's error. (A module of its own, not conftest.py, so every test
folder's conftest can import it by name.)"""

from __future__ import annotations

import fcntl
import os
import shutil
import traceback
from collections.abc import Callable
from pathlib import Path

import pytest

DONE = ".built"
FAILED = ".failed"


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
