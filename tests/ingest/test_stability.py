"""Ids are document-local and output is deterministic: two runs give identical bytes, and removing one document
changes no other document's rows."""

from __future__ import annotations

import shutil

from budgetwh.ingest.pipeline import run_ingest

SEEDS = ("documents", "projects", "indicators", "line_items", "evaluations")


def test_two_runs_give_identical_bytes(tmp_path, raw_dir, reference_dir, extracted_dir):
    out = tmp_path / "extracted"
    first = run_ingest(raw_dir, reference_dir, out, jobs=2)
    assert first.changed is True
    second = run_ingest(raw_dir, reference_dir, out)
    assert second.changed is False
    for name in SEEDS:
        assert (out / f"{name}.csv").read_bytes() == (extracted_dir / f"{name}.csv").read_bytes()


def test_committed_seeds_are_what_ingest_writes(project_root, extracted_dir):
    for name in SEEDS:
        committed = project_root / "seeds" / "extracted" / f"{name}.csv"
        assert committed.read_bytes() == (extracted_dir / f"{name}.csv").read_bytes(), (
            f"seeds/extracted/{name}.csv is stale: run `make ingest` and commit the diff"
        )


def test_removing_a_document_changes_no_other_rows(tmp_path, raw_dir, reference_dir, seeds, read_seed):
    raw = tmp_path / "raw"
    shutil.copytree(raw_dir, raw)
    removed = "minhang_2020_face_recognition_project_perf_targets.txt"
    removed_id = next(d["document_id"] for d in seeds["documents"] if d["file_name"] == removed)
    (raw / removed).unlink()
    out = tmp_path / "extracted"
    run_ingest(raw, reference_dir, out)
    for name in SEEDS:
        without = read_seed(out, name)
        expected = [r for r in seeds[name] if r["document_id"] != removed_id]
        assert without == expected, name
    assert any(r["document_id"] == removed_id for r in seeds["indicators"])
