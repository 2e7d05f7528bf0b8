"""The quality gate's cost on its own: `budgetwh check` on a built warehouse, in a process of its own.

In `budgetwh build` the site is built while the gate runs (build/run.py), so the build's checkpoint stage shares
its peak memory with Node's site build and its seconds with the other core; the gate's memory goal (issue 16:
≤ 2 GB at ×3000) is about the gate alone, which this measures: same warehouse, same raw documents, same Data Docs
written (to a scratch folder), the environment of a build."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path
from typing import Any

from budgetwh.bench.measure import run_measured
from budgetwh.bench.project import build_environment


def gate_alone(project: Path, db: Path) -> dict[str, Any]:
    """Seconds, CPU and peak memory of the gate run alone on `db` (the raw documents of `project`); a gate that
    fails or cannot run keeps the end of what it printed."""
    docs = project.parent / "gate-alone-docs"
    shutil.rmtree(docs, ignore_errors=True)
    command = [sys.executable, "-m", "budgetwh.cli", "check", "--db", str(db), "--raw", str(project / "data" / "raw")]
    measured = run_measured(
        [*command, "--docs", str(docs)],
        env=build_environment(project),
        cwd=project,
        log=project / "logs" / "bench-gate-alone.log",
    )
    shutil.rmtree(docs, ignore_errors=True)
    out: dict[str, Any] = {
        "exit_code": measured.returncode,
        "seconds": round(measured.seconds, 2),
        "cpu_s": round(measured.cpu_s, 2),
        "peak_mb": round(measured.peak_mb, 1),
    }
    if measured.returncode != 0:
        out["error"] = _verdict_line(measured.output) or f"budgetwh check exited {measured.returncode}"
    return out


def _verdict_line(output: str) -> str:
    """The line `budgetwh check` gives its verdict or refusal on (the failures it lists follow it), else its last."""
    lines = [line.strip() for line in output.splitlines() if line.strip()]
    said = [line for line in lines if line.startswith(("quality gate FAILED", "budgetwh check:"))]
    return (said or lines or [""])[-1][:400]
