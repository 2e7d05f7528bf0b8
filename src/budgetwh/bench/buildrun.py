"""`python -m budgetwh.bench.buildrun OUT.json`: one `budgetwh build` of the project at BUDGETWH_ROOT, run by the
build's own code (run_build with the stages `budgetwh build` runs), each stage wrapped to note its peak memory.

The bench starts this in a fresh process for every build it measures, so a build's memory is its own, and writes
what it saw to OUT.json: the exit code, the run record `budgetwh build` appended to logs/runs.jsonl (each stage's
seconds and detail), and each stage's peak resident memory (the build process and everything it started), also
split by part (the build process, dbt, the site's Node processes)."""

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

NO_SITE = "site not built (BENCH_SITE=0)"


class Watched:
    """A stage as the build runs it, noting on the side its peak memory (the build's whole process tree) and that
    peak split by part (the build process itself, dbt, the site's Node processes). Any other attribute is the
    stage's own: the pages stage's start, stop and gate_closed are how the build compiles the site beside dbt and
    the gate, so the bench measures the build as it runs (a plain wrapper would hide them and serialise the site)."""

    def __init__(self, stage: Stage, name: str, watch: MemoryWatch, seen: dict[str, dict]) -> None:
        self.stage, self.name, self.watch, self.seen = stage, name, watch, seen

    def __call__(self, layout: Layout, cand: Candidate) -> str:
        self.watch.reset()
        try:
            return self.stage(layout, cand)
        finally:
            self.seen["peak_mb"][self.name] = round(self.watch.peak_mb, 1)
            self.seen["part_peak_mb"][self.name] = {k: round(v, 1) for k, v in self.watch.part_peak_mb.items()}

    def __getattr__(self, attribute: str) -> object:
        return getattr(self.stage, attribute)


def no_site(layout: Layout, cand: Candidate) -> str:
    """The pages stage when the bench is told not to build the site (BENCH_SITE=0): nothing is written, so the
    build publishes the warehouse and leaves the pages as they were."""
    return NO_SITE


def bench_stages(watch: MemoryWatch, seen: dict[str, dict], build_site: bool) -> Stages:
    real = Stages() if build_site else Stages(pages=no_site)
    return Stages(**{f.name: Watched(getattr(real, f.name), f.name, watch, seen) for f in fields(Stages)})


def last_run(logs: Path) -> dict:
    lines = (logs / RUNLOG_NAME).read_text(encoding="utf-8").splitlines()
    return json.loads(lines[-1]) if lines else {}


def main(argv: list[str] | None = None) -> int:
    out = Path((argv or sys.argv[1:])[0])
    layout = Layout.for_root()
    seen: dict[str, dict] = {"peak_mb": {}, "part_peak_mb": {}}
    with MemoryWatch(os.getpid()) as watch:
        stages = bench_stages(watch, seen, os.environ.get("BENCH_SITE", "1") != "0")
        code = run_build(layout, BuildOptions(quiet=True, stages=stages))
    record = last_run(layout.logs)
    out.write_text(json.dumps({"exit_code": code, "run": record, **seen}, ensure_ascii=False), "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
