"""The gate holds one mart's batch at a time while GX runs, and of it only the columns the suite reads; it reports
exactly what it reported holding every batch whole."""

from __future__ import annotations

import contextlib
import gc
import json
from pathlib import Path

import pandas as pd
from great_expectations.execution_engine import PandasExecutionEngine
from warehouse_support import execute

from budgetwh.quality import batches, checkpoint
from budgetwh.quality.catalogue import MARTS
from budgetwh.quality.checkpoint import run_checkpoint

RAW = Path(__file__).resolve().parents[2] / "data" / "raw"


def batches_alive() -> int:
    """Batches held by every pandas engine in the process, found without the module under test."""
    gc.collect()
    engines = [o for o in gc.get_objects() if isinstance(o, PandasExecutionEngine)]
    return sum(len(e.batch_manager.batch_data_cache) for e in engines)


def test_one_batch_held_at_a_time_and_none_after(built, monkeypatch):
    held_before_each_load = []
    original = PandasExecutionEngine.load_batch_data

    def spy(self, batch_id, batch_data):  # what the gate's wrapper hands on to, after it dropped older batches
        held_before_each_load.append(batches_alive())
        return original(self, batch_id, batch_data)

    monkeypatch.setattr(PandasExecutionEngine, "load_batch_data", spy)
    result = run_checkpoint(built.db, RAW)
    assert result.success, result.summary
    assert len(held_before_each_load) == len(MARTS)  # one batch per mart, each loaded once
    assert held_before_each_load == [0] * len(MARTS)
    assert batches_alive() == batches.loaded_batches() == 0
    assert PandasExecutionEngine.load_batch_data is spy  # put back as it was found


def test_same_results_as_holding_every_batch_whole(warehouse_copy, monkeypatch):
    execute(
        warehouse_copy,
        "update marts.dim_projects set annual_funds_yuan = total_funds_yuan + 1"
        " where project_id in (select project_id from marts.dim_projects order by project_id limit 3)",
        "update marts.fct_indicators set target_value = null"
        " where indicator_id in (select indicator_id from marts.fct_indicators"
        " where target_operator is not null order by indicator_id limit 2)",
        "delete from marts.fct_consistency_checks"
        " where check_id = (select min(check_id) from marts.fct_consistency_checks)",
    )
    one_at_a_time = run_checkpoint(warehouse_copy, RAW)
    monkeypatch.setattr(checkpoint.batches, "one_batch_at_a_time", contextlib.nullcontext)
    monkeypatch.setattr(checkpoint.batches, "slim", lambda frame, keep: frame)
    all_held = run_checkpoint(warehouse_copy, RAW)
    assert not one_at_a_time.success
    assert {f.check for f in one_at_a_time.failures} >= {"annual_funds_yuan_le_total_funds_yuan", "operator_has_value"}
    assert one_at_a_time.failures == all_held.failures
    assert one_at_a_time.summary == all_held.summary
    assert one_at_a_time.expectations == all_held.expectations == 110


def test_the_columns_a_suite_reads():
    root = Path(__file__).resolve().parents[2]
    read = batches.suite_columns(root / "gx" / "expectations" / "fct_consistency_checks.json")
    suite = json.loads((root / "gx" / "expectations" / "fct_consistency_checks.json").read_text(encoding="utf-8"))
    contract = next(e for e in suite["expectations"] if e["type"] == "expect_table_columns_to_match_set")
    # the row condition's column (status), pairs and single columns; not the description nor the raw amounts
    assert {"status", "likely_cause", "source_lines", "document_id", "qa_difference_error"} <= read
    assert not {"description", "check_name", "expected_value", "actual_value"} & read
    assert set(contract["kwargs"]["column_set"]) - read == {
        "actual_value",
        "check_id",
        "check_name",
        "description",
        "difference",
        "expected_value",
        "tolerance",
    }


def test_slim_keeps_names_order_and_read_columns():
    frame = pd.DataFrame({"id": ["a", "b", "c"], "long": ["x" * 50, None, "y"], "n": [1.5, None, 3.0]})
    slimmed = batches.slim(frame, {"id", "n"})
    assert list(slimmed.columns) == ["id", "long", "n"]
    assert slimmed["id"].tolist() == ["a", "b", "c"] and slimmed["n"].equals(frame["n"])
    assert slimmed["long"].isna().all() and slimmed["long"].memory_usage(index=False, deep=True) < 200
    assert slimmed.index.equals(frame.index)
