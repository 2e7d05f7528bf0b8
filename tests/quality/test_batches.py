"""The gate holds one mart's batch at a time while GX runs, and reports exactly what it reported holding them all."""

from __future__ import annotations

import contextlib
import gc
from pathlib import Path

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


def test_same_results_as_holding_every_batch(warehouse_copy, monkeypatch):
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
    all_held = run_checkpoint(warehouse_copy, RAW)
    assert not one_at_a_time.success
    assert {f.check for f in one_at_a_time.failures} >= {"annual_funds_yuan_le_total_funds_yuan", "operator_has_value"}
    assert one_at_a_time.failures == all_held.failures
    assert one_at_a_time.summary == all_held.summary
    assert one_at_a_time.expectations == all_held.expectations == 110
