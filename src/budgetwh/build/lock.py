"""One build at a time: an OS lock (flock) that the kernel releases when the holder exits, however it exits, so a
crash leaves no stale lock and a second run can say at once who holds it."""

from __future__ import annotations

import fcntl
import json
import os
from pathlib import Path

from budgetwh.build.runlog import utc_now


class Locked(Exception):
    pass


class BuildLock:
    """flock(2) on a file that is never deleted: the kernel drops the lock when the holder exits, however it exits.
    The file's text (who holds it) is informational only, for the message a refused run prints."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._fd: int | None = None

    def acquire(self, run_id: str) -> BuildLock:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)  # O_CLOEXEC by default: children do not inherit it
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 4096, 0).decode("utf-8", "replace").strip()
            os.close(fd)
            raise Locked(holder) from None
        os.ftruncate(fd, 0)
        info = {"pid": os.getpid(), "run_id": run_id, "since": utc_now()}
        os.pwrite(fd, (json.dumps(info) + "\n").encode(), 0)
        self._fd = fd
        return self

    def release(self) -> None:
        if self._fd is not None:
            os.close(self._fd)  # closing the descriptor releases the flock
            self._fd = None

    def __enter__(self) -> BuildLock:
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()


def describe_holder(holder: str) -> str:
    try:
        info = json.loads(holder)
        return f"pid {info['pid']}, run {info['run_id']}, since {info['since']}"
    except (ValueError, KeyError, TypeError):
        return "holder unknown"
