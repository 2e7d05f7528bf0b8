"""`python -m budgetwh.bench.buildrun OUT.json`: one `budgetwh build` of the project at BUDGETWH_ROOT, run by the
build's own code (run_build with the stages `budgetwh build` runs), each stage wrapped to note its peak memory.

The bench starts this in a fresh process for every build it measures, so a build's memory is its own, and writes
what it saw to OUT.json: the exit code, the run record `budgetwh build` appended to logs/runs.jsonl (each stage's
seconds and detail), and each stage's peak resident memory (the build process and everything it started)."""

from __future__ import annotations

import json
import os
import sys
from dataclasses import fields
from pathlib import Path

from budgetwh.bench.measure import MemoryWatch
from budgetwh.build import BuildOptions, Layout, Stages, run_build
from budgetwh.build.layout import Candidate
from budgetwh.build.runlog import RUNLOG_NAME
from budgetwh.build.stages import Stage


def watched(stage: Stage, name: str, watch: MemoryWatch, peaks: dict[str, float]) -> Stage:
    """The stage itself; on the side, the peak memory while it ran."""

    def run(layout: Layout, cand: Candidate) -> str:
        watch.reset()
        try:
            return stage(layout, cand)
        finally:
            peaks[name] = round(watch.peak_mb, 1)

    return run


def last_run(logs: Path) -> dict:
    lines = (logs / RUNLOG_NAME).read_text(encoding="utf-8").splitlines()
    return json.loads(lines[-1]) if lines else {}


def main(argv: list[str] | None = None) -> int:
    out = Path((argv or sys.argv[1:])[0])
    layout = Layout.for_root()
    peaks: dict[str, float] = {}
    with MemoryWatch(os.getpid()) as watch:
        real = Stages()
        stages = Stages(**{f.name: watched(getattr(real, f.name), f.name, watch, peaks) for f in fields(Stages)})
        code = run_build(layout, BuildOptions(quiet=True, stages=stages))
    record = last_run(layout.logs)
    out.write_text(json.dumps({"exit_code": code, "run": record, "peak_mb": peaks}, ensure_ascii=False), "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
