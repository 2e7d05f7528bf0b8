"""Reads a mart into the pandas frame that GX validates, holding as little memory as the frame allows.

DuckDB hands each VARCHAR cell to pandas as its own Python string: 0.78 million indicator rows × 17 text columns made
13 million strings and 1.4 GB, although most columns repeat a handful of values (district, level, unit, operator).
A column with few distinct values is therefore read as an ENUM (pandas receives codes and one string per value)
and expanded to the ordinary string column, whose cells then share one string object per value: the same frame,
equal cell for cell to a plain `select *` (tests/quality/test_snapshot.py), in a quarter of the memory."""

from __future__ import annotations

from dataclasses import dataclass

import duckdb
import numpy as np
import pandas as pd

# A column is read through an ENUM when it has at most this share of distinct values; ids stay plain strings.
SHARED_VALUES_MAX_DISTINCT_SHARE = 0.5


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def columns_of(con: duckdb.DuckDBPyConnection, schema: str, table: str) -> list[tuple[str, str]]:
    """(name, DuckDB type) of each column, in table order."""
    return con.execute(
        "select column_name, data_type from information_schema.columns"
        " where table_schema = ? and table_name = ? order by ordinal_position",
        [schema, table],
    ).fetchall()


def plain_dtypes(frame: pd.DataFrame) -> pd.DataFrame:
    """DuckDB hands nullable integers and booleans to pandas as extension types holding pd.NA, which GX's column
    comparisons cannot order ("boolean value of NA is ambiguous"); use NaN-able floats and plain objects."""
    for column, dtype in frame.dtypes.items():
        if isinstance(dtype, pd.BooleanDtype):
            frame[column] = frame[column].astype(object).where(frame[column].notna(), None)
        elif pd.api.types.is_extension_array_dtype(dtype) and pd.api.types.is_integer_dtype(dtype):
            frame[column] = frame[column].astype("float64")
    return frame


def _shared_value_columns(con: duckdb.DuckDBPyConnection, relation: str, text_columns: list[str]) -> list[str]:
    if not text_columns:
        return []
    counts = con.sql(
        f"select count(*), {', '.join(f'approx_count_distinct({_quote(c)})' for c in text_columns)} from {relation}"
    ).fetchone()
    rows, distinct = counts[0], counts[1:]
    return [c for c, n in zip(text_columns, distinct, strict=True) if 0 < n <= rows * SHARED_VALUES_MAX_DISTINCT_SHARE]


@dataclass(frozen=True)
class Table:
    frame: pd.DataFrame
    # The distinct non-null values of each column read through an ENUM: what a per-value search (personal data)
    # needs to look at, instead of every cell.
    distinct_values: dict[str, np.ndarray]


def read_table(
    con: duckdb.DuckDBPyConnection, schema: str, table: str, columns: list[str] | None = None
) -> pd.DataFrame:
    """`select <columns> from schema.table` as pandas, repeated strings shared. Types as a plain read gives them,
    after `plain_dtypes`."""
    return read(con, schema, table, columns).frame


def read(
    con: duckdb.DuckDBPyConnection,
    schema: str,
    table: str,
    columns: list[str] | None = None,
    where: str | None = None,
    order_by: list[str] | None = None,
    start: int = 0,
) -> Table:
    """`read_table`, with the distinct values of the columns whose strings are shared; optionally only the rows
    `where` holds, ordered by the columns `order_by` names (nulls last), indexed from `start` (a chunk of a mart:
    budgetwh.quality.chunks)."""
    relation = f"{_quote(schema)}.{_quote(table)}"
    if where is not None:
        relation = f"(select * from {relation} where {where})"
    described = columns_of(con, schema, table)
    if columns is not None:
        types = dict(described)
        described = [(c, types[c]) for c in columns]
    names = [c for c, _ in described]
    shared = _shared_value_columns(con, relation, [c for c, t in described if t == "VARCHAR"])
    selected = []
    for i, column in enumerate(names):
        if column in shared:
            enum = f"budgetwh_qa_values_{i}"
            con.execute(
                f"create or replace temp type {enum} as enum"
                f" (select distinct {_quote(column)} from {relation} where {_quote(column)} is not null)"
            )
            selected.append(f"{_quote(column)}::{enum} as {_quote(column)}")
        else:
            selected.append(_quote(column))
    # Ordered by the table's own values (a column read through an ENUM would sort by its codes under its name).
    order = f" order by {', '.join(f'budgetwh_rows.{_quote(c)} nulls last' for c in order_by)}" if order_by else ""
    frame = con.sql(f"select {', '.join(selected)} from {relation} as budgetwh_rows{order}").df()
    if start:
        frame.index = pd.RangeIndex(start, start + len(frame))
    distinct = {}
    for column in shared:
        categories = frame[column].array
        distinct[column] = np.asarray(categories.categories, dtype=object)
        values = distinct[column].take(categories.codes)
        values[categories.codes < 0] = None
        # Inferred like DuckDB's own conversion of a VARCHAR column (pandas' string dtype), one object per value.
        frame[column] = pd.Series(values, index=frame.index)
    return Table(plain_dtypes(frame), distinct)
