"""The same dbt models on Spark give the same marts as on DuckDB: the ×10 synthetic corpus is ingested once, built
with the default DuckDB target and with `budgetwh spark-build` (dbt-spark, PySpark in local mode: seeds as Parquet,
every model and data test, the marts written as Parquet), and every mart is compared row for row, sorted, after each
Spark column is cast to the DuckDB column's type. Needs pyspark, dbt-spark and Java: `make test-spark`."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from budgetwh.build.stages import tool_environment
from budgetwh.ingest.pipeline import run_ingest
from budgetwh.load import load_seeds
from budgetwh.synth.corpus import write_corpus

pytestmark = pytest.mark.spark

pytest.importorskip("pyspark", reason="the Spark engine's tests need pyspark (requirements-spark.lock)")
pytest.importorskip("dbt.adapters.spark", reason="the Spark engine's tests need dbt-spark (requirements-spark.lock)")

from budgetwh.spark.warehouse import build_on_spark  # noqa: E402  (only with pyspark)

ROOT = Path(__file__).resolve().parents[2]
SCALE, SEED = 10, 7


# Spark's name for each DuckDB type the marts use: a mart column must have the same type on both engines.
@pytest.fixture(scope="module")
def seeds(tmp_path_factory, reference_dir) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("spark_dbt")
    write_corpus(folder / "corpus", scale=SCALE, seed=SEED, reference_src=reference_dir, jobs=2)
    reference = folder / "corpus" / "reference"
    run_ingest(folder / "corpus" / "raw", reference, folder / "extracted", jobs=2)
    return folder / "extracted", reference


@pytest.fixture(scope="module")
def duckdb_marts(seeds, tmp_path_factory) -> Path:
    """The default target's warehouse of the corpus (models only: `make test` runs DuckDB's data tests)."""
    folder = tmp_path_factory.mktemp("duckdb")
    db = folder / "warehouse.duckdb"
    load_seeds(db, *seeds, project_root=ROOT)
    env = tool_environment(
        BUDGETWH_DB=str(db), DBT_TARGET_PATH=str(folder / "target"), DBT_LOG_PATH=str(folder / "logs")
    )
    dbt = Path(sys.executable).with_name("dbt")
    done = subprocess.run(
        [str(dbt), "run", "--project-dir", str(ROOT), "--profiles-dir", str(ROOT)],  # run builds no seeds
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stdout[-3000:]
    return db


@pytest.fixture(scope="module")
def spark_build(seeds, tmp_path_factory):
    return build_on_spark(ROOT, *seeds, tmp_path_factory.mktemp("spark"))


def _columns(connection: duckdb.DuckDBPyConnection, mart: str) -> list[tuple[str, str]]:
    return connection.execute(
        "select column_name, data_type from information_schema.columns "
        "where table_schema = 'marts' and table_name = ? order by ordinal_position",
        [mart],
    ).fetchall()


def test_spark_builds_and_tests_every_model(spark_build):
    assert spark_build.seeds["line_items"] > 15000 and spark_build.seeds["documents"] == 90
    assert spark_build.nodes["model"] >= 60
    assert spark_build.nodes["test"] >= 500  # the data tests ran on Spark, and passed (else build_on_spark raises)


def test_every_mart_is_row_for_row_equal_on_both_engines(duckdb_marts, spark_build):
    connection = duckdb.connect(str(duckdb_marts), read_only=True)
    try:
        listed = connection.execute("select table_name from duckdb_tables() where schema_name = 'marts'").fetchall()
        marts = sorted(r[0] for r in listed)
        assert marts == sorted(spark_build.marts)
        assert len(marts) == 11
        total = 0
        for mart in marts:
            columns = _columns(connection, mart)
            files = str(spark_build.marts[mart] / "*.parquet")
            spark_columns = connection.execute(f"describe select * from read_parquet('{files}')").fetchall()
            assert [c[0] for c in spark_columns] == [c[0] for c in columns], mart
            # Spark's Parquet, read by DuckDB, has the mart's types: both engines cast to the contract's types
            assert [c[1] for c in spark_columns] == [c[1] for c in columns], mart
            casts = ", ".join(f'cast("{name}" as {duck_type}) as "{name}"' for name, duck_type in columns)
            on_duckdb = connection.execute(f"select * from marts.{mart} order by all").fetchall()
            on_spark = connection.execute(f"select {casts} from read_parquet('{files}') order by all").fetchall()
            assert len(on_spark) == len(on_duckdb), mart
            differing = [(d, s) for d, s in zip(on_duckdb, on_spark, strict=True) if d != s]
            assert not differing, f"{mart}: {len(differing)} rows differ, first {differing[:2]}"
            total += len(on_duckdb)
        assert total > 20000  # the corpus's marts are not empty: 670 projects, 8133 indicators, their checks
    finally:
        connection.close()
