"""The build's dbt stage runs `dbt build` and `dbt docs generate` in one dbt process (budgetwh.build.dbt_once): one
parse, and docs from the build's own compiled manifest. What target/ holds afterwards is what the two commands wrote."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from budgetwh.build import dbt_once, stages
from budgetwh.build.layout import Candidate, Layout
from budgetwh.exitcodes import ExitCode


def test_parse_and_docs_get_only_where_the_project_is():
    argv = ["--exclude-resource-type", "seed", "--project-dir", "/p", "--target", "dev", "--select", "x"]
    assert dbt_once._project_args(argv) == ["--project-dir", "/p", "--target", "dev"]
    assert dbt_once._project_args(["--select", "x"]) == []


def test_a_docs_failure_is_named_as_such(tmp_path, monkeypatch):
    layout = Layout.for_root(tmp_path)
    cand = Candidate(run_id="r", dir=tmp_path / "cand", pages=tmp_path / "pages")
    cand.dir.mkdir()
    (cand.dir / "dbt.log").write_text("12:00:00  Encountered an error: catalog query failed\n", encoding="utf-8")

    class Loaded:
        rows = {"documents": 1}
        seconds = 0.1

    monkeypatch.setattr("budgetwh.load.load_seeds", lambda *args, **kwargs: Loaded())
    monkeypatch.setattr(stages, "_run_dbt", lambda *args: dbt_once.DOCS_FAILED)
    with pytest.raises(stages.StageFailed) as raised:
        stages.stage_dbt(layout, cand)
    assert raised.value.code == ExitCode.MODEL_FAILURE
    assert raised.value.message == "dbt docs generate failed: 12:00:00  Encountered an error: catalog query failed"


def test_target_holds_the_build_results_compiled_code_and_the_catalog(built_project: Path):
    target = built_project / "data" / "state" / "last_build" / "target"
    manifest = json.loads((target / "manifest.json").read_text(encoding="utf-8"))
    results = json.loads((target / "run_results.json").read_text(encoding="utf-8"))["results"]
    catalog = json.loads((target / "catalog.json").read_text(encoding="utf-8"))
    # run_results.json is the build's (every model and data test), not a compile's written over it by the docs
    tests = {k for k, n in manifest["nodes"].items() if n["resource_type"] == "test"}
    models = {k for k, n in manifest["nodes"].items() if n["resource_type"] == "model"}
    ran = {r["unique_id"]: r["status"] for r in results}
    assert tests <= ran.keys() and models <= ran.keys()
    assert {ran[t] for t in tests} == {"pass"} and {ran[m] for m in models} == {"success"}
    # the docs' manifest carries the SQL the build compiled, and the catalog every mart's columns
    assert all(manifest["nodes"][m].get("compiled_code") for m in models)
    documents = catalog["nodes"]["model.budgetwh.dim_documents"]
    assert documents["metadata"]["schema"] == "marts"
    assert {"document_id", "sha256", "line_count"} <= documents["columns"].keys()
    assert (target / "index.html").stat().st_size > 0
