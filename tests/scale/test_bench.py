"""The benchmark's own arithmetic and plumbing (it times nothing here): dbt's node intervals become busy time,
compiled models replay in dependency order, and every dashboard query can be resolved into plain SQL."""

from __future__ import annotations

import json
from pathlib import Path

from budgetwh.bench import page_queries, plain_sql_script, resolve_query, split_dbt_timing, union_seconds


def test_overlapping_intervals_count_once():
    assert union_seconds([(0.0, 2.0), (1.0, 3.0), (5.0, 6.0), (5.5, 5.7)]) == 4.0
    assert union_seconds([]) == 0.0


def test_run_results_split_into_models_and_tests(tmp_path):
    def node(uid, start, stop, status="success"):
        return {
            "unique_id": uid,
            "status": status,
            "timing": [
                {"name": "compile", "started_at": "2024-01-01T00:00:00Z", "completed_at": "2024-01-01T00:00:00Z"},
                {
                    "name": "execute",
                    "started_at": f"2024-01-01T00:00:{start:02d}Z",
                    "completed_at": f"2024-01-01T00:00:{stop:02d}Z",
                },
            ],
        }

    results = {
        "elapsed_time": 12.0,
        "results": [
            node("model.p.a", 0, 4),
            node("model.p.b", 2, 6),
            node("test.p.t1", 6, 9, "pass"),
            node("unit_test.p.u", 8, 10, "pass"),
        ],
    }
    path = tmp_path / "run_results.json"
    path.write_text(json.dumps(results), encoding="utf-8")
    split = split_dbt_timing(path)
    assert (split["models_s"], split["tests_s"], split["busy_s"]) == (6.0, 4.0, 10.0)
    assert split["statuses"] == {"success": 2, "pass": 2}


def test_compiled_models_replay_parents_first(tmp_path):
    def model(name, parents, materialized="table", schema="marts"):
        return {
            "resource_type": "model",
            "name": name,
            "schema": schema,
            "alias": name,
            "config": {"materialized": materialized},
            "compiled_code": f"select 1 as {name}",
            "depends_on": {"nodes": [f"model.p.{p}" for p in parents]},
        }

    nodes = {
        "model.p.fct": model("fct", ["int", "stg"]),
        "model.p.int": model("int", ["stg", "eph"], schema="intermediate"),
        "model.p.eph": model("eph", ["stg"], materialized="ephemeral"),
        "model.p.stg": model("stg", [], materialized="view", schema="staging"),
        "seed.p.raw": {"resource_type": "seed"},
    }
    path = tmp_path / "manifest.json"
    path.write_text(json.dumps({"nodes": nodes}), encoding="utf-8")
    statements = plain_sql_script(path)
    assert [name for name, _ in statements] == ["stg", "int", "fct"]
    assert "create or replace view staging.stg as" in statements[0][1]
    assert "create or replace table marts.fct as" in statements[2][1]


def test_every_dashboard_query_resolves_to_plain_sql(project_root: Path):
    pages = page_queries(project_root / "reports" / "pages")
    assert pages, "reports/pages has pages with SQL blocks"
    for page, info in pages.items():
        for name, sql in info["_blocks"].items():
            resolved = resolve_query(sql, info["_blocks"], info["_inputs"], {"project": "doc_x-L1"})
            assert "${" not in resolved, f"{page} {name}"


def test_the_per_document_models_are_the_incremental_ones(project_root: Path):
    from budgetwh.bench import incremental_models

    found = incremental_models(project_root)
    assert "fct_indicators" in found and "fct_consistency_checks" in found
    # and the converse: a model that reads only the new documents' rows is one that keeps the others'
    reading_new = {p.stem for p in (project_root / "models").rglob("*.sql") if "new_documents_only(" in p.read_text()}
    assert reading_new and reading_new <= set(found)
    # per_document_config() is the config of the per-document models: grown by delete+insert, and a withdrawn
    # document's rows dropped after each run
    macro = (project_root / "macros" / "incremental_by_document.sql").read_text(encoding="utf-8")
    per_document = macro[macro.index("macro per_document_config") :]
    assert "incremental_strategy='delete+insert'" in per_document and "drop_removed_documents(" in per_document
    for model in found:
        sql = next((project_root / "models").rglob(f"{model}.sql")).read_text(encoding="utf-8")
        # fct_consistency_checks also rebuilds a document whose partner (its Y−1 or budget document) is new
        reads_new = "new_documents_only(" in sql or "int_document_partners_listed" in sql
        configured = "per_document_config(" in sql or (
            "incremental_strategy='delete+insert'" in sql and "drop_removed_documents(" in sql
        )
        assert configured and reads_new
