"""Reading a mart with repeated strings shared gives the frame a plain `select *` gives, in less memory."""

from __future__ import annotations

import duckdb
import pandas as pd
import pytest

from budgetwh.quality import snapshot
from budgetwh.quality.catalogue import MARTS


@pytest.fixture(scope="module")
def con(built):
    connection = duckdb.connect(str(built.db), read_only=True)
    yield connection
    connection.close()


@pytest.mark.parametrize("name", [m.name for m in MARTS])
def test_equal_to_a_plain_read(con, name):
    ours = snapshot.read_table(con, "marts", name)
    plain = snapshot.plain_dtypes(con.sql(f"select * from marts.{name}").df())
    assert list(ours.columns) == list(plain.columns)
    assert list(ours.dtypes) == list(plain.dtypes)
    pd.testing.assert_frame_equal(ours, plain, check_exact=True)


def test_repeated_values_are_listed_once(con):
    # What sharing gives the gate: the distinct values of a repeated column, each once, for the personal-data search
    # (derived.add_personal_data_columns) to look at instead of every cell. Not object identity: pandas 3 keeps the
    # column as Arrow strings, so each value read from it is a new object whose id may be reused at once (the former
    # id count passed or failed by chance).
    table = snapshot.read(con, "marts", "fct_indicators")
    level = table.frame["level1_code"].dropna()
    assert 1 < level.nunique() < len(level) / 10
    assert sorted(table.distinct_values["level1_code"]) == sorted(level.unique())
    # ids are unique: read as they are, not listed
    assert table.frame["indicator_id"].is_unique
    assert "indicator_id" not in table.distinct_values


def test_a_subset_of_columns_in_the_order_asked(con):
    frame = snapshot.read_table(con, "marts", "fct_project_scores", ["score", "district_id"])
    assert list(frame.columns) == ["score", "district_id"]
    assert len(frame) == con.sql("select count(*) from marts.fct_project_scores").fetchone()[0]


def test_nulls_empty_strings_and_quotes_survive_the_enum_read():
    with duckdb.connect() as memory:
        memory.execute("create schema s")
        memory.execute(
            "create table s.t as select"
            " (case i % 4 when 0 then null when 1 then '' when 2 then 'it''s' else '\"a\"' end) as v, i"
            " from range(40) r(i)"
        )
        ours = snapshot.read_table(memory, "s", "t")
        pd.testing.assert_frame_equal(ours, memory.sql("select * from s.t").df(), check_exact=True)
        assert ours["v"].isna().sum() == 10 and (ours["v"] == "").sum() == 10
