"""Adding and removing documents incrementally gives exactly the marts of a full rebuild.

The per-document models are incremental (macros/incremental_by_document.sql): a run on a warehouse that already
holds some documents reads only the rows of new documents, and drops the rows of documents no longer extracted.
A model marked per-document that read another document's rows would make this test fail."""

from __future__ import annotations

import shutil
from pathlib import Path

from shared_builds import WAREHOUSE, dbt

from budgetwh.bench import compare_marts
from budgetwh.ingest.pipeline import run_ingest
from budgetwh.load import load_seeds
from budgetwh.synth.corpus import write_corpus


def _build(factory, project: Path, db: Path, raw: Path, reference: Path, work: Path, *dbt_args: str) -> str:
    """What `budgetwh build` does to a candidate: ingest, load the seeds with DuckDB, run the models (`dbt run`:
    models only, no seeds, no tests), from the session's parse of the project (shared_builds.dbt: each run would
    otherwise parse it again, which costs more than a run of this small corpus)."""
    run_ingest(raw, reference, work / "extracted")
    load_seeds(db, work / "extracted", reference, project_root=project)
    result = dbt(factory, db, work, "run", *dbt_args)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    return result.stdout


def _raw_folder(path: Path, files: list[Path]) -> Path:
    path.mkdir()
    for f in files:
        shutil.copy2(f, path / f.name)
    return path


def test_adding_and_removing_documents_incrementally_equals_a_full_rebuild(
    project_root, reference_dir, tmp_path, tmp_path_factory
):
    corpus = tmp_path / "corpus"
    write_corpus(corpus, scale=2, seed=8, reference_src=reference_dir)
    reference = corpus / "reference"
    files = sorted((corpus / "raw").iterdir())
    # one unit budget (tables, narrative, forms), one agency file of 54 forms and one evaluation results document
    # arrive later, and are withdrawn again after that
    late = [
        next(f for f in files if "unit_budget" in f.name),
        next(f for f in files if "targets_2023" in f.name),
        next(f for f in files if "evaluation" in f.name),
    ]
    early = _raw_folder(tmp_path / "raw-early", [f for f in files if f not in late])
    everything = corpus / "raw"

    # a full build of the early documents, kept aside: the reference for the withdrawal at the end
    incremental = tmp_path / "incremental" / WAREHOUSE
    incremental.parent.mkdir()
    _build(tmp_path_factory, project_root, incremental, early, reference, tmp_path / "run1")
    full_early = tmp_path / "full-early" / WAREHOUSE
    full_early.parent.mkdir()
    shutil.copy2(incremental, full_early)
    log = _build(tmp_path_factory, project_root, incremental, everything, reference, tmp_path / "run2")
    assert "incremental" in log  # dbt reports the per-document models as incremental on a second run

    full = tmp_path / "full" / WAREHOUSE
    full.parent.mkdir()
    _build(tmp_path_factory, project_root, full, everything, reference, tmp_path / "run3")
    differences = compare_marts(incremental, full)
    assert len(differences) >= 10
    assert {table: rows for table, rows in differences.items() if rows} == {}

    # the same warehouse, built up incrementally, loses the three documents again
    _build(tmp_path_factory, project_root, incremental, early, reference, tmp_path / "run4")
    differences = compare_marts(incremental, full_early)
    assert {table: rows for table, rows in differences.items() if rows} == {}
    assert compare_marts(full, full_early)["fct_consistency_checks"] > 0  # the withdrawal did change the marts
