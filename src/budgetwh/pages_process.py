"""The Evidence site's compile as a background process that waits for the data (budgetwh.pages drives it).

Most of `evidence build:strict` is Vite compiling the pages and Evidence's components (the server bundle, then the
browser bundle), which never reads the data: only copying static/ (the data's parquet files) and prerendering do.
`SiteCompile.start` runs the compile at once in a work copy that has no data yet, with the Vite configuration
reports/vite.budgetwh.config.js, whose plugin holds the browser bundle, every module transformed and nothing
written, until `release()` writes `go` into the hold file; `wait()` then waits for the rest (prerender, adapter).
So `budgetwh build` compiles the site while dbt and the quality gate work on the warehouse, and the site is still
built from the finished warehouse only. `stop()` ends the process group (a failed run, or anything that stops the
build) and is a no-op after `wait()`."""

from __future__ import annotations

import fcntl
import hashlib
import os
import signal
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

LOG_TAIL_LINES = 40
VITE_CONFIG = "vite.budgetwh.config.js"  # in the work copy's root; Evidence runs Vite in .evidence/template
HOLD_FILE = ".budgetwh-hold"
STOP_GRACE_SECONDS = 10
LOCK_STAMP = ".budgetwh-package-lock.sha256"  # in node_modules: the lock it was installed from
NPM_CI_TIMEOUT = 1800


class PagesError(Exception):
    """The site could not be built; str() says which step failed and why."""


def build_env() -> dict[str, str]:
    # A stray EVIDENCE_SOURCE__* variable would override connection.yaml and point the site at another database.
    env = {k: v for k, v in os.environ.items() if not k.startswith("EVIDENCE_") and not k.startswith("VITE_")}
    env.update(DO_NOT_TRACK="1", SEND_ANONYMOUS_USAGE_STATS="no", NO_COLOR="1", FORCE_COLOR="0")
    env.setdefault("NODE_OPTIONS", "--max-old-space-size=4096")
    return env


def tail(log: Path) -> str:
    lines = log.read_text(encoding="utf-8", errors="replace").splitlines() if log.exists() else []
    return "\n".join(lines[-LOG_TAIL_LINES:])


def run_step(cmd: list[str], cwd: Path, env: dict[str, str], log: Path, step: str, timeout: float) -> None:
    with open(log, "a", encoding="utf-8") as out:
        out.write(f"\n$ {' '.join(cmd)}   (in {cwd})\n")
        out.flush()
        try:
            proc = subprocess.run(cmd, cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT, timeout=timeout)
        except FileNotFoundError as exc:
            raise PagesError(f"{step}: {exc.filename} not found (is Node.js installed?)") from exc
        except subprocess.TimeoutExpired as exc:
            raise PagesError(f"{step} did not finish in {timeout:.0f} s; log: {log}") from exc
    if proc.returncode != 0:
        raise PagesError(f"{step} failed (exit {proc.returncode}); log: {log}\n{tail(log)}")


@dataclass
class SiteCompile:
    """`npm run build:strict` in `work`, started by `start` and held before it needs the data."""

    work: Path
    log: Path
    process: subprocess.Popen | None = None
    started: float = field(default_factory=time.monotonic)
    finished: bool = False

    STEP = "npm run build:strict"

    @property
    def hold_file(self) -> Path:
        return self.work / HOLD_FILE

    @classmethod
    def start(cls, work: Path, env: dict[str, str], log: Path) -> SiteCompile:
        compile_ = cls(work=work, log=log)
        env = dict(env, BUDGETWH_PAGES_HOLD=str(compile_.hold_file), BUDGETWH_PAGES_HOLDER_PID=str(os.getpid()))
        cmd = ["npm", "run", "build:strict", "--", "--config", f"../../{VITE_CONFIG}"]
        with open(log, "a", encoding="utf-8") as out:
            out.write(f"\n$ {' '.join(cmd)}   (in {work}; held until the data is in place)\n")
            out.flush()
            try:
                # its own process group, so that stop() ends npm, Evidence's CLI and Vite together
                compile_.process = subprocess.Popen(
                    cmd, cwd=work, env=env, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                    start_new_session=True,
                )  # fmt: skip
            except FileNotFoundError as exc:
                raise PagesError(f"{cls.STEP}: {exc.filename} not found (is Node.js installed?)") from exc
        return compile_

    def release(self) -> None:
        """The data is in place: let the browser bundle be written and the pages prerendered."""
        tmp = self.hold_file.with_name(HOLD_FILE + ".tmp")
        tmp.write_text("go\n", encoding="utf-8")
        os.replace(tmp, self.hold_file)  # the plugin never reads half a word

    def wait(self, timeout: float) -> None:
        assert self.process is not None
        remaining = max(1.0, timeout - (time.monotonic() - self.started))
        try:
            code = self.process.wait(timeout=remaining)
        except subprocess.TimeoutExpired as exc:
            self.stop()
            raise PagesError(f"{self.STEP} did not finish in {timeout:.0f} s; log: {self.log}") from exc
        self.finished = True
        if code != 0:
            raise PagesError(f"{self.STEP} failed (exit {code}); log: {self.log}\n{tail(self.log)}")

    def stop(self) -> None:
        """End the compile if it still runs (SIGTERM to its group, SIGKILL after a grace period). The whole group,
        even when npm itself has exited: Vite runs in a grandchild."""
        if self.process is None or self.finished:
            return
        for sig in (signal.SIGTERM, signal.SIGKILL):
            try:
                os.killpg(self.process.pid, sig)
            except ProcessLookupError:
                return
            try:
                self.process.wait(timeout=STOP_GRACE_SECONDS)
                return
            except subprocess.TimeoutExpired:
                continue


# ---------------------------------------------------------------------------------------------------------------
# node_modules: installed with `npm ci` only when missing or installed from another package-lock.json


def _lock_digest(reports: Path) -> str:
    return hashlib.sha256((reports / "package-lock.json").read_bytes()).hexdigest()


@contextmanager
def _file_lock(path: Path) -> Iterator[None]:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def node_modules_current(reports: Path) -> bool:
    stamp = reports / "node_modules" / LOCK_STAMP
    return stamp.is_file() and stamp.read_text(encoding="utf-8").strip() == _lock_digest(reports)


def ensure_node_modules(reports: Path, env: dict[str, str], log: Path) -> bool:
    """Run `npm ci` when node_modules is missing or stale; True when it ran."""
    with _file_lock(reports / ".pages-work" / "npm-ci.lock"):
        if node_modules_current(reports):
            return False
        run_step(
            ["npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"], reports, env, log, "npm ci", NPM_CI_TIMEOUT
        )
        (reports / "node_modules" / LOCK_STAMP).write_text(_lock_digest(reports) + "\n", encoding="utf-8")
        return True
