"""A build starts dbt from the parse of the build before it (budgetwh.build.stages.reuse_parse): every candidate
has its own folder, database and target/, yet dbt must see the same connection from one candidate to the next, or
it parses the whole project again."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

from budgetwh.build.layout import Candidate, Layout
from budgetwh.build.stages import PARSED_ROOT, PARTIAL_PARSE, dbt_environment, reuse_parse


def _candidate(layout: Layout, run_id: str) -> Candidate:
    cand = Candidate(run_id=run_id, dir=layout.candidates / run_id, pages=layout.pages_versions / run_id)
    cand.dir.mkdir(parents=True)
    return cand


def _parse(layout: Layout, cand: Candidate) -> dict:
    """`dbt parse` as the build's dbt stage runs dbt for this candidate; dbt's own account of what it parsed."""
    reuse_parse(layout, cand)
    proc = subprocess.run(
        [str(Path(sys.executable).parent / "dbt"), "parse", "--project-dir", str(layout.root)],
        cwd=cand.dir,
        env=dbt_environment(layout, cand),
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]
    return json.loads((cand.dbt_target / "perf_info.json").read_text(encoding="utf-8"))


def _publish_target(layout: Layout, cand: Candidate) -> None:
    """What publishing leaves for the next build: the candidate's target/ as the live build's."""
    layout.last_build_artefacts.mkdir(parents=True, exist_ok=True)
    shutil.move(str(cand.dbt_target), str(layout.last_build_artefacts / "target"))


def test_the_next_candidate_parses_nothing_again(project: Path) -> None:
    layout = Layout.for_root(project)
    first_cand = _candidate(layout, "first")
    first = _parse(layout, first_cand)
    assert first["path_count"] > 100 and first["parsed_path_count"] == first["path_count"]
    _publish_target(layout, first_cand)

    second_cand = _candidate(layout, "second")
    second = _parse(layout, second_cand)
    assert (second_cand.dbt_target / PARTIAL_PARSE).is_file()
    assert second["path_count"] == first["path_count"]
    assert second["parsed_path_count"] == 0  # with an absolute database path it was every file again


def test_a_parse_made_in_another_project_folder_is_not_reused(tmp_path: Path) -> None:
    layout = Layout.for_root(tmp_path / "project")
    saved = layout.last_build_artefacts / "target"
    saved.mkdir(parents=True)
    (saved / PARTIAL_PARSE).write_bytes(b"parse")
    (saved / PARSED_ROOT).write_text(str(tmp_path / "original"), encoding="utf-8")
    cand = _candidate(layout, "copy")
    assert reuse_parse(layout, cand) is False
    assert not (cand.dbt_target / PARTIAL_PARSE).exists()
    assert (cand.dbt_target / PARSED_ROOT).read_text(encoding="utf-8") == str((tmp_path / "project").resolve())

    (saved / PARSED_ROOT).write_text(str((tmp_path / "project").resolve()), encoding="utf-8")
    again = _candidate(layout, "same-folder")
    assert reuse_parse(layout, again) is True
    assert (again.dbt_target / PARTIAL_PARSE).read_bytes() == b"parse"


def test_no_saved_parse_means_a_full_parse(tmp_path: Path) -> None:
    layout = Layout.for_root(tmp_path / "project")
    cand = _candidate(layout, "fresh")
    assert reuse_parse(layout, cand) is False
    assert sorted(p.name for p in cand.dbt_target.iterdir()) == [PARSED_ROOT]
