"""Holds one mart's batch at a time while GX runs the checkpoint.

GX 1.x keeps every batch a checkpoint loads: each validation definition's datasource has its own execution engine,
and its batch manager keeps the Batch and its data (the whole mart as a pandas frame) until the checkpoint ends. The
gate's memory was therefore the sum of all marts, growing with the data. The validations of a checkpoint run one
after the other, each on its own batch, so when GX loads the next batch, no later step reads the previous one: within
`one_batch_at_a_time()`, loading a batch into a pandas engine drops every batch loaded before it, in any engine. The
peak becomes the largest mart (with GX's work on it) instead of all of them; every result is the same, since each
validation only ever reads its own batch (tests/quality/test_batches.py)."""

from __future__ import annotations

import gc
import weakref
from collections.abc import Iterator
from contextlib import contextmanager

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
