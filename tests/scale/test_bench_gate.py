"""The quality gate measured alone (budgetwh.bench.gate): `budgetwh check` in a process of its own on the bench
project's warehouse, its figures where the ×3000 memory goal reads them."""

from __future__ import annotations

from pathlib import Path

from budgetwh.bench.gate import gate_alone
from budgetwh.bench.project import make_project
from budgetwh.bench.targets import compare


def test_a_gate_that_cannot_run_keeps_its_line_and_its_goal_is_not_measured(tmp_path, project_root: Path):
    project = make_project(project_root, tmp_path / "project", project_root / "seeds" / "reference")
    db = project / "data" / "warehouse.duckdb"
    db.write_bytes(b"")  # the gate reads the raw folder first: empty, so it refuses before opening the file
    figures = gate_alone(project, db)
    assert figures["exit_code"] == 2
    assert figures["error"].endswith("no raw documents to read personal names from")
    assert figures["peak_mb"] > 0 and figures["seconds"] > 0
    assert not (project.parent / "gate-alone-docs").exists()
    by_key = {c.key: c for c in compare({"results": [{"scale": 3000, "gate_alone": figures}]})}
    assert by_key["gate_x3000_mb"].measured is None
    assert by_key["gate_x3000_mb"].reason.endswith("no raw documents to read personal names from")


def test_the_gate_goal_reads_the_gate_alone_not_the_builds_stage():
    build = {"stage_peak_mb": {"checkpoint": 3900.0, "pages": 3900.0}}  # the gate's stage shares the site's memory
    report = {"results": [{"scale": 3000, "build": build, "gate_alone": {"exit_code": 0, "peak_mb": 900.0}}]}
    gate = next(c for c in compare(report) if c.key == "gate_x3000_mb")
    assert gate.measured == 900.0 and gate.verdict == "meets"
