"""How the bench measures a process: wall time, CPU time, and the peak memory of it and all its descendants.

Peak memory is sampled from /proc (the resident set of every process in the tree, summed) instead of taken from
`getrusage`: on Linux a child's `ru_maxrss` starts at its parent's size when it was forked (exec keeps the larger of
the two), so every stage started by a large bench process would report the bench's own size."""

from __future__ import annotations

import os
import subprocess
import threading
import time
from dataclasses import dataclass
from pathlib import Path

SAMPLE_SECONDS = 0.1
_PAGE_MB = os.sysconf("SC_PAGE_SIZE") / 2**20


@dataclass(frozen=True)
class Measured:
    seconds: float
    peak_mb: float
    returncode: int
    output: str  # the end of what the process printed
    cpu_s: float = 0.0  # user + system time of the process and its children


def _parents() -> dict[int, int]:
    """pid → parent pid of every process now alive."""
    found = {}
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                with open(f"/proc/{entry.name}/stat", "rb") as handle:
                    stat = handle.read()
            except OSError:
                continue  # it ended while we looked
            # the command name (field 2) may hold spaces and parentheses: split after its closing one
            found[int(entry.name)] = int(stat[stat.rindex(b")") + 2 :].split()[1])
    return found


def _resident_mb(pid: int) -> float:
    try:
        with open(f"/proc/{pid}/statm", "rb") as handle:
            return int(handle.read().split()[1]) * _PAGE_MB
    except (OSError, IndexError, ValueError):
        return 0.0


def _descendants(root_pid: int, parents: dict[int, int]) -> set[int]:
    tree, frontier = {root_pid}, [root_pid]
    while frontier:
        parent = frontier.pop()
        children = [pid for pid, ppid in parents.items() if ppid == parent and pid not in tree]
        tree.update(children)
        frontier.extend(children)
    return tree


def tree_resident_mb(root_pid: int) -> float:
    """Resident memory of a process and all its descendants now, in MiB."""
    return sum(_resident_mb(pid) for pid in _descendants(root_pid, _parents()))


def _command_line(pid: int) -> str:
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as handle:
            return handle.read().replace(b"\0", b" ").decode("utf-8", "replace")
    except OSError:
        return ""


def part_of(command_line: str) -> str:
    """Which part of a build a process started by the build belongs to, by its command line: dbt's own process
    (budgetwh.build.dbt_once), the site (Node: npm, Evidence, Vite), or any other helper process."""
    if "budgetwh.build.dbt_once" in command_line or "/dbt " in command_line:
        return "dbt"
    if any(word in command_line for word in ("node", "npm", "evidence", "vite")):
        return "site"
    return "other"


def resident_by_part(root_pid: int) -> dict[str, float]:
    """Resident memory now of the process itself ("self") and of each part its children and their descendants
    belong to (part_of), in MiB: a stage's peak split by who held it (e.g. dbt beside the site's compile)."""
    parents = _parents()
    parts = {"self": _resident_mb(root_pid)}
    for child in (pid for pid, ppid in parents.items() if ppid == root_pid):
        part = part_of(_command_line(child))
        parts[part] = parts.get(part, 0.0) + sum(_resident_mb(pid) for pid in _descendants(child, parents))
    return parts


class MemoryWatch:
    """Samples a process tree's resident memory in a background thread; `peak_mb` since the last `reset()`."""

    def __init__(self, pid: int, every: float = SAMPLE_SECONDS) -> None:
        self.pid, self.every = pid, every
        self.peak_mb = 0.0
        self.part_peak_mb: dict[str, float] = {}  # the peak of each part (resident_by_part) on its own
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def _sample(self) -> None:
        while not self._stop.is_set():
            self._take()
            self._stop.wait(self.every)

    def _take(self) -> None:
        parts = resident_by_part(self.pid)
        self.peak_mb = max(self.peak_mb, sum(parts.values()))
        for part, mb in parts.items():
            self.part_peak_mb[part] = max(self.part_peak_mb.get(part, 0.0), mb)

    def reset(self) -> None:
        self.peak_mb, self.part_peak_mb = 0.0, {}
        self._take()

    def __enter__(self) -> MemoryWatch:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def run_measured(command: list[str], *, env: dict[str, str], cwd: Path, log: Path) -> Measured:
    """Run a child process with its output in `log`; wall time, CPU time and the peak memory of its tree."""
    log.parent.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    with log.open("w", encoding="utf-8") as handle:
        process = subprocess.Popen(command, cwd=cwd, env=env, stdout=handle, stderr=subprocess.STDOUT)
        with MemoryWatch(process.pid) as watch:
            _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    return Measured(
        seconds=seconds,
        peak_mb=watch.peak_mb,
        returncode=os.waitstatus_to_exitcode(status),
        output=log.read_text(encoding="utf-8", errors="replace")[-4000:],
        cpu_s=usage.ru_utime + usage.ru_stime,
    )
