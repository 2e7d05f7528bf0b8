"""What GX holds in memory while it runs the checkpoint: one mart's batch at a time, and of that mart only the
columns its suite reads.

GX 1.x keeps every batch a checkpoint loads: each validation definition's datasource has its own execution engine,
and its batch manager keeps the Batch and its data (the whole mart as a pandas frame) until the checkpoint ends. The
gate's memory was therefore the sum of all marts, growing with the data. The validations of a checkpoint run one
after the other, each on its own batch, so when GX loads the next batch, no later step reads the previous one: within
`one_batch_at_a_time()`, loading a batch into a pandas engine drops every batch loaded before it, in any engine. The
peak becomes the largest mart (with GX's work on it) instead of all of them; every result is the same, since each
validation only ever reads its own batch (tests/quality/test_batches.py)."""

from __future__ import annotations

import gc
import json
import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import numpy as np
import pandas as pd

_engines: weakref.WeakSet = weakref.WeakSet()


def _drop_batches(engine: object, keep: str | None) -> int:
    manager = engine._batch_manager  # type: ignore[attr-defined]
    dropped = [b for b in manager._batch_data_cache if b != keep]
    for batch_id in dropped:
        del manager._batch_data_cache[batch_id]
    for batch_id in [b for b in manager._batch_cache if b != keep]:
        del manager._batch_cache[batch_id]
    return len(dropped)


def loaded_batches() -> int:
    """How many batches the pandas engines seen in `one_batch_at_a_time()` still hold (for tests)."""
    return sum(len(e._batch_manager._batch_data_cache) for e in list(_engines))


@contextmanager
def one_batch_at_a_time() -> Iterator[None]:
    from great_expectations.execution_engine import PandasExecutionEngine

    original = PandasExecutionEngine.load_batch_data

    def load_batch_data(self, batch_id, batch_data):
        dropped = sum(_drop_batches(engine, batch_id if engine is self else None) for engine in list(_engines))
        if dropped:
            gc.collect()  # GX's objects refer to each other: free the frame now, before the next one is read
        _engines.add(self)
        return original(self, batch_id, batch_data)

    PandasExecutionEngine.load_batch_data = load_batch_data
    try:
        yield
    finally:
        PandasExecutionEngine.load_batch_data = original
        for engine in list(_engines):  # the last batch too: the checkpoint has finished with it
            _drop_batches(engine, None)
        gc.collect()


# ---------------------------------------------------------------------------------------------------------------
# The columns GX reads. A suite reads a mart's columns by name (an expectation's column, column pair or column list,
# and the columns of its row condition); the contract check reads only the names of all of them. The frame handed
# to GX keeps every column name, in order, but a column no expectation reads (and that is not part of the mart's
# key, which a failure quotes) is handed over as an all-null categorical of one byte a row: long texts such as a
# check's description never reach GX, nor the copies it makes of the frame for each row condition.

_COLUMN_KEYS = ("column", "column_A", "column_B")


def columns_read(kwargs: object, found: set[str] | None = None) -> set[str]:
    """The column names an expectation's kwargs (as stored in gx/expectations/*.json) read."""
    found = set() if found is None else found
    if isinstance(kwargs, dict):
        for key, value in kwargs.items():
            if key in _COLUMN_KEYS and isinstance(value, str):
                found.add(value)
            elif key == "column" and isinstance(value, dict) and isinstance(value.get("name"), str):
                found.add(value["name"])  # a row condition's column
            elif key == "column_list" and isinstance(value, list):
                found.update(v for v in value if isinstance(v, str))
            else:
                columns_read(value, found)
    elif isinstance(kwargs, list):
        for value in kwargs:
            columns_read(value, found)
    return found


def suite_columns(suite_file: Path) -> set[str]:
    suite = json.loads(suite_file.read_text(encoding="utf-8"))
    found: set[str] = set()
    for expectation in suite["expectations"]:
        columns_read(expectation["kwargs"], found)
    return found


def slim(frame: pd.DataFrame, keep: set[str]) -> pd.DataFrame:
    """The frame with every column not in `keep` replaced by an all-null one-byte categorical, names in order."""
    if frame.empty:
        return frame
    nulls = pd.Categorical.from_codes(np.full(len(frame), -1, dtype=np.int8), categories=pd.Index([], dtype=object))
    return pd.DataFrame(
        {c: (frame[c] if c in keep else pd.Series(nulls, index=frame.index, copy=False)) for c in frame.columns},
        index=frame.index,
    )
