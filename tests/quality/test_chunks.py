"""The gate reads large marts in chunks of whole documents (or agencies) and combines the chunks' results: on a real
warehouse, every expectation's verdict and result are those of the mart validated whole, failing ones included."""

from __future__ import annotations

import json
import re
from pathlib import Path

import duckdb
import pandas as pd
from great_expectations.execution_engine import PandasExecutionEngine
from warehouse_support import execute

from budgetwh.quality import checkpoint, chunks, snapshot
from budgetwh.quality.catalogue import MARTS, mart

RAW = Path(__file__).resolve().parents[2] / "data" / "raw"
SMALL = 300  # rows per chunk: fct_consistency_checks (2,696 rows, 10 documents) and fct_indicators come in several


def test_chunks_cover_the_mart_in_its_order_and_keep_documents_whole(built):
    con = duckdb.connect(str(built.db), read_only=True)
    try:
        plan = chunks.plan(con, "marts.fct_consistency_checks", "document_id", SMALL)
        order = chunks.reading_order("document_id", mart("fct_consistency_checks").key)
        whole = snapshot.read(con, "marts", "fct_consistency_checks", order_by=order).frame
        parts = [
            snapshot.read(con, "marts", "fct_consistency_checks", where=c.where, order_by=order, start=c.start).frame
            for c in plan
        ]
        per_document = dict(
            con.sql("select document_id, count(*) from marts.fct_consistency_checks group by 1").fetchall()
        )
    finally:
        con.close()
    assert len(plan) > 3
    assert [c.start for c in plan] == [sum(c.rows for c in plan[:i]) for i in range(len(plan))]
    assert [len(p) for p in parts] == [c.rows for c in plan]
    for part in parts:  # whole documents, and no more than SMALL rows unless one document alone is larger
        documents = set(part["document_id"])
        assert sum(per_document[d] for d in documents) == len(part)
        assert len(part) <= SMALL or len(documents) == 1
    assert max(per_document.values()) > SMALL  # the case of a document larger than a chunk is exercised
    pd.testing.assert_frame_equal(pd.concat(parts), whole)


def test_a_suite_is_chunked_only_when_its_results_add_up():
    gx_dir = Path(__file__).resolve().parents[2] / "gx"
    chunked = {m.name for m in MARTS if chunks.chunk_column(gx_dir, m.name)}
    assert chunked == set(chunks.CHUNK_COLUMN)
    distinct_documents = [{"type": chunks.DISTINCT_COUNT, "kwargs": {"column": "document_id"}}]
    assert chunks.combinable(distinct_documents, "document_id")
    assert not chunks.combinable(distinct_documents, "agency_id")
    assert not chunks.combinable([{"type": "expect_column_sum_to_be_between", "kwargs": {"column": "n"}}], "x")
    assert not chunks.combinable([{"type": chunks.UNIQUE_TOGETHER, "kwargs": {"column_list": ["a", "b"]}}], "x")
    assert not chunks.combinable([{"type": "expect_column_values_to_be_between", "kwargs": {"mostly": 0.9}}], "x")


def _gx_results(monkeypatch) -> list:
    """Captures what GX returns to the gate (after the chunks' results are combined)."""
    captured = []
    original = checkpoint._run_gx

    def spy(*args, **kwargs):
        result = original(*args, **kwargs)
        captured.append(result)
        return result

    monkeypatch.setattr(checkpoint, "_run_gx", spy)
    return captured


def _by_expectation(gx_result) -> dict:
    out = {}
    for suite in gx_result.run_results.values():
        out[suite.suite_name] = (suite.success, dict(suite.statistics))
        for er in suite.results:
            config = er.expectation_config
            # as JSON text: an unexpected null is NaN, which never equals itself
            out[(suite.suite_name, config.meta.get("check"), config.type)] = (
                er.success,
                json.dumps(er.result, sort_keys=True, default=str),
            )
    return out


def test_chunked_results_equal_the_whole_marts(warehouse_copy, monkeypatch):
    last = "(select max(document_id) from marts.fct_consistency_checks)"
    execute(
        warehouse_copy,
        # a per-row failure in the last chunk and one in the first
        f"update marts.fct_consistency_checks set likely_cause = 'x' where status = 'pass' and document_id = {last}",
        "update marts.fct_consistency_checks set likely_cause = 'y' where check_id in (select check_id from"
        " marts.fct_consistency_checks where status = 'pass' and document_id > (select min(document_id)"
        " from marts.fct_consistency_checks) order by document_id, check_id limit 2)",
        # counts that add up over chunks: one document fewer, one indicator fewer
        "delete from marts.fct_consistency_checks where document_id ="
        " (select min(document_id) from marts.fct_consistency_checks)",
        "delete from marts.fct_indicators where indicator_id = (select max(indicator_id) from marts.fct_indicators)",
        "update marts.fct_indicators set target_value = null where indicator_id in (select indicator_id from"
        " marts.fct_indicators where target_operator is not null order by indicator_id desc limit 3)",
    )
    captured = _gx_results(monkeypatch)
    loads = []
    original_load = PandasExecutionEngine.load_batch_data
    monkeypatch.setattr(
        PandasExecutionEngine,
        "load_batch_data",
        lambda self, batch_id, data: loads.append(batch_id) or original_load(self, batch_id, data),
    )
    whole = checkpoint.run_checkpoint(warehouse_copy, RAW)
    loads_whole = len(loads)
    monkeypatch.setenv("BUDGETWH_GATE_CHUNK_ROWS", str(SMALL))
    chunked = checkpoint.run_checkpoint(warehouse_copy, RAW)

    assert loads_whole == len(MARTS) and len(loads) - loads_whole > len(MARTS) + 5  # the chunks were validated
    assert not whole.success and not chunked.success
    assert {f.check for f in whole.failures} >= {
        "pass_has_no_cause",
        "rows_match_rows_raw_indicators",
        "operator_has_value",
    }
    pass_no_cause = next(f for f in whole.failures if f.check == "pass_has_no_cause")
    assert "likely_cause='y'" in pass_no_cause.detail
    assert whole.summary == chunked.summary
    assert whole.failures == chunked.failures
    assert _by_expectation(captured[0]) == _by_expectation(captured[1])
    distinct = next(
        er
        for s in captured[1].run_results.values()
        for er in s.results
        if er.expectation_config.type == chunks.DISTINCT_COUNT
    )
    assert not distinct.success and distinct.result["observed_value"] == 9  # 10 documents, one deleted


def _page_text(docs: Path, mart_name: str) -> str:
    """The text of a mart's validation page, without what differs between two runs of the same data (times, the
    temporary folder, and the fingerprint of the frame GX was first handed)."""
    (page,) = docs.glob(f"validations/{mart_name}/**/*.html")
    html = re.sub(r"<(script|style).*?</\1>", "", page.read_text(encoding="utf-8"), flags=re.S)
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))
    text = re.sub(r"\d{4}-\d\d-\d\dT[\d:.]+Z|\d{8}T\d{6}\.\d+Z|budgetwh-check-\w+", "", text)
    return re.sub(r"pandas_data_fingerprint [0-9a-f]{32}", "", text)


def test_data_docs_show_the_whole_marts_results(warehouse_copy, tmp_path, monkeypatch):
    execute(
        warehouse_copy,
        "update marts.fct_consistency_checks set likely_cause = 'x' where status = 'pass'"
        " and document_id = (select max(document_id) from marts.fct_consistency_checks)",
    )
    runs = ("whole", "chunked")
    whole = checkpoint.run_checkpoint(warehouse_copy, RAW, data_docs_dir=tmp_path / "whole")
    monkeypatch.setenv("BUDGETWH_GATE_CHUNK_ROWS", str(SMALL))
    chunked = checkpoint.run_checkpoint(warehouse_copy, RAW, data_docs_dir=tmp_path / "chunked")
    assert [f.check for f in whole.failures] == [f.check for f in chunked.failures] == ["pass_has_no_cause"]
    pages = {d: sorted(p.relative_to(tmp_path / d).parts[:2] for p in (tmp_path / d).rglob("*.html")) for d in runs}
    assert pages["whole"] == pages["chunked"]  # no page for a chunk's own validation
    for name in ("fct_consistency_checks", "fct_indicators"):
        page = _page_text(tmp_path / "chunked", name)
        assert page == _page_text(tmp_path / "whole", name)
    assert "likely_cause" in _page_text(tmp_path / "chunked", "fct_consistency_checks")
