"""Adding a document incrementally gives exactly the marts of a full rebuild.

Run on a copy of the dbt project whose per-document models are incremental (delete+insert by document, see
budgetwh.bench.prototype_incremental_project); the project's own models stay as the warehouse defines them. A model
listed as per-document that reads another document's rows would make this test fail."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from budgetwh.bench import compare_marts, prototype_incremental_project
from budgetwh.ingest.pipeline import run_ingest
from budgetwh.load import load_seeds
from budgetwh.synth.corpus import write_corpus


def _dbt_run(project: Path, db: Path, tmp: Path, *args: str) -> None:
    env = {
        **os.environ,
        "DO_NOT_TRACK": "1",
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
        "DBT_PROFILES_DIR": str(project),
        "BUDGETWH_DB": str(db),
        "DBT_TARGET_PATH": str(tmp / "target"),
        "DBT_LOG_PATH": str(tmp / "logs"),
    }
    dbt = Path(sys.executable).with_name("dbt")
    result = subprocess.run(
        [str(dbt), "run", "--project-dir", str(project), *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]


def test_adding_documents_incrementally_equals_a_full_rebuild(project_root, reference_dir, tmp_path):
    corpus = tmp_path / "corpus"
    write_corpus(corpus, scale=2, seed=8, reference_src=reference_dir)
    project = tmp_path / "project"
    changed = prototype_incremental_project(project_root, project)
    assert len(changed) >= 5
    files = sorted((corpus / "raw").iterdir())
    # one unit budget (tables, narrative, forms) and one agency file of 54 forms arrive later
    late = [next(f for f in files if "unit_budget" in f.name), next(f for f in files if "targets_2023" in f.name)]
    early = tmp_path / "raw-early"
    early.mkdir()
    for f in files:
        if f not in late:
            shutil.copy2(f, early / f.name)
    reference = corpus / "reference"

    incremental = tmp_path / "incremental" / "warehouse.duckdb"
    incremental.parent.mkdir()
    run_ingest(early, reference, tmp_path / "ex-early")
    load_seeds(incremental, tmp_path / "ex-early", reference, project_root=project)
    _dbt_run(project, incremental, tmp_path / "run1")
    run_ingest(corpus / "raw", reference, tmp_path / "ex-all")
    load_seeds(incremental, tmp_path / "ex-all", reference, project_root=project)
    _dbt_run(project, incremental, tmp_path / "run2")

    full = tmp_path / "full" / "warehouse.duckdb"
    full.parent.mkdir()
    load_seeds(full, tmp_path / "ex-all", reference, project_root=project)
    _dbt_run(project, full, tmp_path / "run3", "--full-refresh")

    differences = compare_marts(incremental, full)
    assert len(differences) >= 10
    assert {table: rows for table, rows in differences.items() if rows} == {}
