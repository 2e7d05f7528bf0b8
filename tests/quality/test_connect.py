"""The gate's read-only connection: a fixed cache share when it opens the file, and no refusal when this process
already holds the file open with other settings (DuckDB keeps one instance per file and process)."""

from pathlib import Path

import duckdb
import pytest

from budgetwh.quality.checkpoint import QualityError, _connect


@pytest.fixture
def warehouse(tmp_path: Path) -> Path:
    db = tmp_path / "warehouse.duckdb"
    with duckdb.connect(str(db)) as con:
        con.execute("create table t as select 42 as x")
    return db


def test_the_gate_opens_the_file_read_only_with_its_own_memory_limit(warehouse: Path) -> None:
    con = _connect(warehouse)
    assert con.execute("select x from t").fetchone() == (42,)
    assert con.execute("select current_setting('memory_limit')").fetchone()[0] == "488.2 MiB"  # 512 MB
    with pytest.raises(duckdb.Error, match="read-only"):
        con.execute("create table u as select 1")
    con.close()


def test_the_gate_joins_a_connection_this_process_already_holds(warehouse: Path) -> None:
    held = duckdb.connect(str(warehouse), read_only=True)  # e.g. a reader of the same candidate beside the gate
    con = _connect(warehouse)
    assert con.execute("select x from t").fetchone() == (42,)
    con.close()
    held.close()


def test_a_missing_warehouse_is_one_line_naming_it(tmp_path: Path) -> None:
    with pytest.raises(QualityError, match=r"nowhere\.duckdb: no warehouse file"):
        _connect(tmp_path / "nowhere.duckdb")
