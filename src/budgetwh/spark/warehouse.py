"""The warehouse built on Spark: the same dbt models as the DuckDB path, with dbt-spark's `spark` target (profiles.yml:
`method: session`, PySpark in local mode inside this process).

1. The seeds are read by DuckDB's CSV reader exactly as `budgetwh load` reads them (budgetwh.load: the seed
   properties' column types) and written as Parquet, so both engines start from the same typed rows; a CSV read by
   Spark's own reader would differ (empty strings, number formats) before any model runs. `dbt seed` is not used:
   it sends every row through agate and INSERT statements, minutes for the ×10 corpus's 25,000 rows on Spark.
2. `dbt run-operation create_parquet_seed_tables` makes raw.<seed> tables over those files, then `dbt build
   --target spark` builds and tests every model, in this process: one JVM and one parse for both (the Spark
   catalog is in memory, so the tables live as long as the session).
3. Each mart is written as Parquet (one folder per mart) under <out>/marts/.

pyspark and dbt-spark are imported only here, inside functions (make spark-setup installs them)."""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import duckdb

from budgetwh.load import DBT_ARGS_WITHOUT_SEEDS, load_seeds
from budgetwh.spark import workers_run_this_interpreter

# What no engine but DuckDB runs (see README, "Engines"): selected out by tag, never deleted.
DUCKDB_ONLY = ("--exclude", "tag:duckdb_only")
MART_SCHEMA = "marts"


class SparkBuildError(Exception):
    """The Spark build did not succeed (the message names the failed nodes and the log)."""


@dataclass(frozen=True)
class SparkBuild:
    seeds: dict[str, int]  # rows loaded per seed
    marts: dict[str, Path]  # Parquet folder per mart
    nodes: dict[str, int]  # dbt results per kind (model, test, unit_test)
    seconds: float


def write_seeds_as_parquet(extracted: Path, reference: Path, out: Path, *, project_root: Path) -> dict[str, int]:
    """<out>/<seed>/part-0.parquet for every seed, typed by the seed properties (DuckDB's CSV reader, as `load`)."""
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="budgetwh-seeds-") as scratch:
        db = Path(scratch) / "seeds.duckdb"
        rows = load_seeds(db, extracted, reference, project_root=project_root).rows
        connection = duckdb.connect(str(db))
        try:
            for name in rows:
                folder = out / name
                shutil.rmtree(folder, ignore_errors=True)
                folder.mkdir()
                target = str(folder / "part-0.parquet").replace("'", "''")
                connection.execute(f"copy raw.{name} to '{target}' (format parquet)")
        finally:
            connection.close()
    return rows


@contextmanager
def _environment(**values: str) -> Iterator[None]:
    """profiles.yml reads the Spark folder from the environment; put back what was there after the build."""
    before = {key: os.environ.get(key) for key in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for key, value in before.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def _invoke(runner: object, args: list[str], log: Path) -> list[dict]:
    result = runner.invoke(args)  # type: ignore[attr-defined]
    if result.exception is not None:
        raise SparkBuildError(f"dbt {args[0]} on Spark could not run: {result.exception}; see {log}")
    # a build's results carry their node, a run-operation's only its id
    outcomes = [
        {"unique_id": r.node.unique_id if hasattr(r, "node") else r.unique_id, "status": str(r.status)}
        for r in getattr(result.result, "results", None) or []
    ]
    failed = [o["unique_id"] for o in outcomes if o["status"] in ("error", "fail", "runtime error")]
    if not result.success:
        names = ", ".join(failed[:5]) + (" …" if len(failed) > 5 else "")
        raise SparkBuildError(f"dbt {args[0]} on Spark failed: {len(failed)} nodes failed ({names}); see {log}")
    return outcomes


def build_on_spark(project_root: Path, extracted: Path, reference: Path, out: Path) -> SparkBuild:
    """Build, test and export the warehouse on Spark into <out> (replaced whole: seeds/, warehouse/, marts/, dbt/)."""
    from dbt.cli.main import dbtRunner  # noqa: PLC0415  (only with make spark-setup)
    from pyspark.sql import SparkSession  # noqa: PLC0415

    workers_run_this_interpreter()
    started = time.perf_counter()
    out = out.resolve()
    for part in ("seeds", "warehouse", "marts", "dbt"):
        shutil.rmtree(out / part, ignore_errors=True)
    seeds = write_seeds_as_parquet(extracted, reference, out / "seeds", project_root=project_root)
    log = out / "dbt" / "logs" / "dbt.log"
    common = ["--project-dir", str(project_root), "--profiles-dir", str(project_root), "--target", "spark"]
    with _environment(
        BUDGETWH_SPARK_DIR=str(out),
        DBT_TARGET_PATH=str(out / "dbt" / "target"),
        DBT_LOG_PATH=str(out / "dbt" / "logs"),
        DO_NOT_TRACK="1",
        DBT_SEND_ANONYMOUS_USAGE_STATS="false",
    ):
        runner = dbtRunner()
        seed_args = {"folder": str(out / "seeds"), "names": sorted(seeds)}
        _invoke(runner, ["run-operation", "create_parquet_seed_tables", "--args", repr(seed_args), *common], log)
        outcomes = _invoke(runner, ["build", *DBT_ARGS_WITHOUT_SEEDS, *DUCKDB_ONLY, *common], log)
        spark = SparkSession.builder.getOrCreate()  # the session dbt-spark started in this process
        marts = {}
        for row in spark.sql(f"show tables in {MART_SCHEMA}").collect():
            folder = out / "marts" / row.tableName
            spark.table(f"{MART_SCHEMA}.{row.tableName}").coalesce(1).write.mode("overwrite").parquet(str(folder))
            marts[row.tableName] = folder
    nodes: dict[str, int] = {}
    for outcome in outcomes:
        kind = outcome["unique_id"].split(".", 1)[0]
        nodes[kind] = nodes.get(kind, 0) + 1
    return SparkBuild(seeds=seeds, marts=marts, nodes=nodes, seconds=time.perf_counter() - started)
