"""The vectorised column_pair_values.in_set gives GX's own answer, row for row, on the cases that matter."""

from __future__ import annotations

import inspect

import numpy as np
import pandas as pd
import pytest
from great_expectations.execution_engine import PandasExecutionEngine
from great_expectations.expectations.metrics.column_pair_map_metrics.column_pair_values_in_set import (
    ColumnPairValuesInSet,
)
from great_expectations.expectations.registry import get_metric_provider

from budgetwh.quality import metrics

PAIRS = [("产出指标", "output"), ("效益指标", "outcome"), (None, "cost"), (1, 2)]


def gx_in_set(a: pd.Series, b: pd.Series, pairs) -> pd.Series:
    """GX's implementation itself (the function under its metric decorators)."""
    return inspect.unwrap(ColumnPairValuesInSet._pandas)(ColumnPairValuesInSet, a, b, value_pairs_set=pairs)


LABELS = ["产出指标", "产出指标", "效益指标", None, np.nan, "x", None]
CODES = ["output", "outcome", "outcome", "cost", "cost", None, None]


@pytest.mark.parametrize(
    ("a", "b", "dtype"),
    [(LABELS, CODES, "str"), (LABELS, CODES, object), ([1, 1, 2, None], [2, 3, 2, 2], object)],
)
def test_same_rows_expected_as_gx(a, b, dtype):
    left, right = pd.Series(a, dtype=dtype), pd.Series(b, dtype=dtype)
    for pairs in (PAIRS, None):
        ours = metrics.in_set_mask(left, right, pairs)
        assert ours.tolist() == gx_in_set(left, right, pairs).tolist()
        assert ours.index.equals(left.index)
    assert not metrics.in_set_mask(left, right, PAIRS).all()  # the cases include rows outside the set


def test_install_replaces_the_pandas_provider_only():
    metrics.install()
    metrics.install()  # idempotent
    provider_class, _ = get_metric_provider("column_pair_values.in_set.condition", PandasExecutionEngine())
    assert provider_class is not ColumnPairValuesInSet and issubclass(provider_class, ColumnPairValuesInSet)
