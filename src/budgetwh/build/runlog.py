"""The run log: one JSON line per `budgetwh build` in `logs/runs.jsonl`, so a scheduler's history lives in one
place that `tail`, `jq` or DuckDB (`read_json('logs/runs.jsonl')`) can read.

Each line is written once, at the end of a run, in a single `write` on a file opened with O_APPEND, so lines from
two processes (a build and a run refused by the lock) never interleave. Rotation (size-based, a few numbered
generations like logrotate's) happens only while the build lock is held."""

from __future__ import annotations

import json
import os
import socket
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from budgetwh.ingest.text.masking import mask_mobile

RUNLOG_NAME = "runs.jsonl"
DEFAULT_MAX_BYTES = 1_000_000  # about 500 runs a generation
DEFAULT_KEEP = 5  # runs.jsonl.1 … runs.jsonl.5


# Messages quoted into the log may come from a document's text; a mobile number must never be among them.
# (Ingest masks personal data in what it extracts; the log applies the very same rule, as defence in depth.)
def redact(text: str) -> str:
    return mask_mobile(text)


def utc_now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


@dataclass
class StageRecord:
    name: str
    status: str  # ok | failed | skipped
    seconds: float
    detail: str = ""


@dataclass
class RunRecord:
    run_id: str
    started_at: str
    ended_at: str = ""
    seconds: float = 0.0
    result: str = ""  # published | unchanged | failed | locked
    exit_code: int = 0
    exit_name: str = ""
    stages: list[StageRecord] = field(default_factory=list)
    mart_rows: dict[str, int] = field(default_factory=dict)
    checks_failed: list[str] = field(default_factory=list)
    message: str = ""
    fingerprint: str = ""
    candidate: str = ""  # where a failed candidate was kept
    alert: dict[str, object] = field(default_factory=dict)
    host: str = field(default_factory=socket.gethostname)
    pid: int = field(default_factory=os.getpid)

    def to_json(self) -> str:
        data = asdict(self)
        data["message"] = redact(self.message)
        data["checks_failed"] = [redact(c) for c in self.checks_failed]
        for stage in data["stages"]:
            stage["detail"] = redact(stage["detail"])
        return json.dumps(data, ensure_ascii=False, sort_keys=False)


class RunTimer:
    """Collects a run's record while it goes; `stage()` times one stage and notes how it ended."""

    def __init__(self, run_id: str) -> None:
        self.record = RunRecord(run_id=run_id, started_at=utc_now())
        self._t0 = time.monotonic()

    @contextmanager
    def stage(self, name: str) -> Iterator[StageRecord]:
        entry = StageRecord(name=name, status="ok", seconds=0.0)
        t0 = time.monotonic()
        try:
            yield entry
        except BaseException:
            entry.status = "failed"
            raise
        finally:
            entry.seconds = round(time.monotonic() - t0, 3)
            self.record.stages.append(entry)

    def finish(self, result: str, exit_code: int, exit_name: str) -> RunRecord:
        self.record.result = result
        self.record.exit_code = exit_code
        self.record.exit_name = exit_name
        self.record.ended_at = utc_now()
        self.record.seconds = round(time.monotonic() - self._t0, 3)
        return self.record


def append(log_dir: Path, record: RunRecord) -> Path:
    log_dir.mkdir(parents=True, exist_ok=True)
    path = log_dir / RUNLOG_NAME
    line = (record.to_json() + "\n").encode("utf-8")
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
    try:
        os.write(fd, line)
    finally:
        os.close(fd)
    return path


def rotate(log_dir: Path, max_bytes: int = DEFAULT_MAX_BYTES, keep: int = DEFAULT_KEEP) -> bool:
    """Shift runs.jsonl → .1 → .2 … when it has grown past max_bytes; the oldest generation is dropped.
    Call only while holding the build lock."""
    path = log_dir / RUNLOG_NAME
    if not path.exists() or path.stat().st_size < max_bytes:
        return False
    oldest = log_dir / f"{RUNLOG_NAME}.{keep}"
    oldest.unlink(missing_ok=True)
    for n in range(keep - 1, 0, -1):
        older = log_dir / f"{RUNLOG_NAME}.{n}"
        if older.exists():
            os.replace(older, log_dir / f"{RUNLOG_NAME}.{n + 1}")
    os.replace(path, log_dir / f"{RUNLOG_NAME}.1")
    return True


def read(log_dir: Path) -> list[dict]:
    """Every run still on disk, oldest first (rotated generations included)."""
    rotated = [p for p in log_dir.glob(f"{RUNLOG_NAME}.*") if p.suffix[1:].isdigit()]
    paths = sorted(rotated, key=lambda p: -int(p.suffix[1:])) + [log_dir / RUNLOG_NAME]
    runs = []
    for path in paths:
        if path.exists():
            runs.extend(json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line)
    return runs
