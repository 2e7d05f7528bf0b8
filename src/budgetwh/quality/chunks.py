"""The gate reads a large mart in chunks and validates each chunk on its own, so that its memory stays bounded by the
chunk size, not the warehouse's size; the chunks' results are combined into the result GX gives for the whole mart.

A mart is read in the order of its chunk column and then its key, which is the same order whether it is read whole or
in chunks; a chunk is a run of whole groups of that column (every row of a document, say) of at most `max_rows` rows
(a group larger than that is one chunk by itself), and each chunk's frame is indexed by its rows' places in the whole
order. Results can be combined only when every expectation of the mart's suite is decided by its rows one by one (the
per-row expectations: counts add up, the first unexpected rows are the first chunks' ones), by a count that adds up
over chunks (rows, distinct values of the chunk column), or by the column names alone; a mart whose suite holds any
other expectation, or a derived column computed across rows of different groups, is read whole
(tests/quality/test_chunks.py compares both ways on a real warehouse, a failing expectation included)."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

import duckdb

# The gate reads a mart in chunks of at most this many rows (BUDGETWH_GATE_CHUNK_ROWS overrides it, for tests).
CHUNK_ROWS = 200_000

# The column whose groups a mart's chunks keep whole: every cross-row rule of the mart's suite and of its qa_*
# columns stays within one group of it (a document's grade order, a unique key that names the agency and year).
# A mart not listed is read whole; the dimensions and the score marts are small at any scale.
CHUNK_COLUMN = {
    "fct_consistency_checks": "document_id",
    "fct_indicators": "document_id",
    "fct_yoy_changes": "document_id",
    "fct_project_scores": "document_id",
    "fct_budget_vs_execution": "agency_id",
}

# Expectations decided row by row: their counts add up over chunks.
PER_ROW = frozenset(
    {
        "expect_column_values_to_be_between",
        "expect_column_values_to_be_null",
        "expect_column_values_to_not_be_null",
        "expect_column_values_to_match_regex",
        "expect_column_values_to_be_in_set",
        "expect_column_values_to_not_be_in_set",
        "expect_column_pair_values_to_be_equal",
        "expect_column_pair_values_a_to_be_greater_than_b",
        "expect_column_pair_values_to_be_in_set",
    }
)
ROW_COUNT = "expect_table_row_count_to_equal"
DISTINCT_COUNT = "expect_column_unique_value_count_to_be_between"
UNIQUE_TOGETHER = "expect_compound_columns_to_be_unique"
COLUMN_NAMES = "expect_table_columns_to_match_set"


def chunk_rows() -> int:
    return int(os.environ.get("BUDGETWH_GATE_CHUNK_ROWS") or CHUNK_ROWS)


def combinable(expectations: list[dict], column: str) -> bool:
    """Whether chunks cut along `column` can decide every expectation of a suite as the whole mart would."""
    for e in expectations:
        kind, kwargs = e["type"], e["kwargs"]
        if kwargs.get("mostly", 1) != 1:
            return False
        if kind in PER_ROW or kind in (ROW_COUNT, COLUMN_NAMES):
            continue
        if kind == DISTINCT_COUNT and kwargs.get("column") == column:
            continue  # a value of the chunk column is in one chunk only
        if kind == UNIQUE_TOGETHER and column in kwargs.get("column_list", []):
            continue  # two rows of one key have the same chunk column, so they are in the same chunk
        return False
    return True


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _literal(value: object) -> str:
    if isinstance(value, int | float):
        return repr(value)
    return "'" + str(value).replace("'", "''") + "'"


@dataclass(frozen=True)
class Chunk:
    """Rows `start` … `start + rows - 1` of the mart in its reading order: those whose chunk column lies between
    `low` and `high` (the last chunk also holds the rows where it is null)."""

    start: int
    rows: int
    where: str | None  # None: the whole mart


def reading_order(column: str | None, key: tuple[str, ...]) -> list[str]:
    """The columns a mart is read in the order of: its chunk column, then its key (nulls last)."""
    return ([column] if column else []) + [c for c in key if c != column]


def plan(con: duckdb.DuckDBPyConnection, relation: str, column: str | None, max_rows: int) -> list[Chunk]:
    """The chunks of a mart: one when it is not chunked or not larger than `max_rows`."""
    total = con.sql(f"select count(*) from {relation}").fetchone()[0]
    if column is None or total <= max_rows:
        return [Chunk(start=0, rows=total, where=None)]
    groups = con.sql(f"select {_quote(column)}, count(*) from {relation} group by 1 order by 1 nulls last").fetchall()
    chunks: list[Chunk] = []
    start, rows, low, high = 0, 0, None, None
    for value, n in groups:
        if rows and rows + n > max_rows:
            chunks.append(Chunk(start, rows, _between(column, low, high, nulls=False)))
            start, rows, low = start + rows, 0, None
        if value is None:
            high, rows = high, rows + n  # nulls come last: they join the last chunk
            continue
        low = value if low is None else low
        high, rows = value, rows + n
    chunks.append(Chunk(start, rows, _between(column, low, high, nulls=True)))
    return chunks


def _between(column: str, low: object, high: object, nulls: bool) -> str:
    q = _quote(column)
    inside = f"{q} between {_literal(low)} and {_literal(high)}" if low is not None else "false"
    return f"({inside} or {q} is null)" if nulls else inside


def suite_of(gx_dir: Path, name: str) -> list[dict]:
    return json.loads((gx_dir / "expectations" / f"{name}.json").read_text(encoding="utf-8"))["expectations"]


def chunk_column(gx_dir: Path, name: str) -> str | None:
    """The column a mart is chunked along, or None when it is read whole."""
    column = CHUNK_COLUMN.get(name)
    if column is None or not combinable(suite_of(gx_dir, name), column):
        return None
    return column


# --- combining the chunks' results -----------------------------------------------------------------------------------


def _resolved(value: object, params: dict[str, object]) -> object:
    if isinstance(value, dict) and "$PARAMETER" in value:
        return params.get(value["$PARAMETER"])
    return value


def _count_success(kind: str, kwargs: dict, observed: int, params: dict[str, object]) -> bool:
    if kind == ROW_COUNT:
        return observed == _resolved(kwargs.get("value"), params)
    low, high = _resolved(kwargs.get("min_value"), params), _resolved(kwargs.get("max_value"), params)
    return (low is None or observed >= low) and (high is None or observed <= high)


def _per_row(results: list, result_format: dict) -> tuple[bool, dict]:
    """GX's own formatting (_format_map_output) of the chunks' counts and first unexpected rows, taken in order."""
    from great_expectations.expectations.expectation import _format_map_output

    parts = [r.result or {} for r in results]
    element = sum(p.get("element_count") or 0 for p in parts)
    missing = None if any("missing_count" not in p for p in parts) else sum(p["missing_count"] for p in parts)
    indices = [p.get("partial_unexpected_index_list") for p in parts]
    formatted = _format_map_output(
        result_format=result_format,
        success=all(r.success for r in results),
        element_count=element,
        nonnull_count=None if missing is None else element - missing,
        unexpected_count=sum(p.get("unexpected_count") or 0 for p in parts),
        unexpected_list=[v for p in parts for v in p.get("partial_unexpected_list") or []],
        unexpected_index_list=None if None in indices else [i for part in indices for i in part],
        unexpected_index_column_names=parts[0].get("unexpected_index_column_names"),
    )
    return formatted["success"], formatted["result"]


def combine_expectation(results: list, params: dict[str, object], result_format: dict) -> None:
    """Makes results[0], the first chunk's result of one expectation, the result of the whole mart."""
    first = results[0]
    raised = next((r for r in results if r.exception_info and _raised(r.exception_info)), None)
    if raised is not None or len(results) == 1:
        if raised is not None and raised is not first:
            first.success, first.result, first.exception_info = raised.success, raised.result, raised.exception_info
        return
    config = first.expectation_config
    kind = config.type
    if kind == COLUMN_NAMES:
        first.success = all(r.success for r in results)  # the same names in every chunk
    elif kind in (ROW_COUNT, DISTINCT_COUNT):
        observed = sum(int(r.result["observed_value"]) for r in results)
        first.result = {**first.result, "observed_value": observed}
        first.success = _count_success(kind, config.kwargs, observed, params)
    elif kind in PER_ROW or kind == UNIQUE_TOGETHER:
        first.success, first.result = _per_row(results, result_format)
    else:  # chunk_column() lets no other expectation through; fail loudly rather than guess
        raise ValueError(f"{kind}: no rule to combine its results over chunks")


def _raised(info: object) -> bool:
    if not isinstance(info, dict):
        return False
    entries = [info] if "raised_exception" in info else [v for v in info.values() if isinstance(v, dict)]
    return any(e.get("raised_exception") for e in entries)


def combine_suite(suite_results: list, params: dict[str, object], result_format: object) -> None:
    """Makes suite_results[0] (the first chunk's validation of a mart) the validation of the whole mart."""
    from great_expectations.expectations.expectation_configuration import parse_result_format
    from great_expectations.validator.validator import calc_validation_statistics

    parsed = parse_result_format(result_format)
    first = suite_results[0]
    for j, result in enumerate(first.results):
        combine_expectation([result] + [s.results[j] for s in suite_results[1:]], params, parsed)
    statistics = calc_validation_statistics(first.results)  # as GX's validator computes them
    first.success = statistics.success
    first.statistics.update(
        evaluated_expectations=statistics.evaluated_expectations,
        successful_expectations=statistics.successful_expectations,
        unsuccessful_expectations=statistics.unsuccessful_expectations,
        success_percent=statistics.success_percent,
    )
