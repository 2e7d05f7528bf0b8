"""`budgetwh spark-build`: the warehouse built on Spark (the same dbt models and tests as `budgetwh build`, whose
DuckDB warehouse it leaves alone), with the marts written as Parquet. Needs `make spark-setup` (pyspark, dbt-spark)
and Java 17."""

from __future__ import annotations

import argparse
import importlib.util
import shutil
import sys
from pathlib import Path

from budgetwh import paths
from budgetwh.exitcodes import ExitCode
from budgetwh.load import LoadError


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "spark-build",
        help="build and test the same dbt models on Spark (local mode) and write the marts as Parquet",
        description=__doc__.split("\n\n")[0],
    )
    parser.add_argument("--extracted", type=Path, help="extracted seeds folder (default seeds/extracted)")
    parser.add_argument("--reference", type=Path, help="reference seeds folder (default seeds/reference)")
    parser.add_argument(
        "--out",
        type=Path,
        default=Path("build/spark"),
        help="folder for the Parquet seeds, Spark's warehouse, the marts (marts/<name>/) and dbt's logs "
        "(default build/spark; replaced whole)",
    )
    parser.set_defaults(func=run)


def missing_requirement() -> str | None:
    """What the Spark engine lacks on this machine, as one line, or None."""
    if importlib.util.find_spec("pyspark") is None or importlib.util.find_spec("dbt.adapters.spark") is None:
        return "pyspark and dbt-spark are not installed (make spark-setup installs requirements-spark.lock)"
    if shutil.which("java") is None:
        return "Java is not on PATH (the Spark engine needs Java 17: apt-get install openjdk-17-jre-headless)"
    return None


def run(args: argparse.Namespace) -> int:
    missing = missing_requirement()
    if missing:
        print(f"budgetwh spark-build: error: {missing}", file=sys.stderr)
        return int(ExitCode.USAGE)
    from budgetwh.spark.warehouse import SparkBuildError, build_on_spark  # noqa: PLC0415  (pyspark inside)

    root = paths.project_root()
    try:
        built = build_on_spark(
            root,
            args.extracted or paths.extracted_seeds_dir(root),
            args.reference or paths.reference_seeds_dir(root),
            args.out,
        )
    except LoadError as exc:
        print(f"budgetwh spark-build: error: {exc}", file=sys.stderr)
        return int(ExitCode.BAD_INPUT)
    except SparkBuildError as exc:
        print(f"budgetwh spark-build: error: {exc}", file=sys.stderr)
        return int(ExitCode.MODEL_FAILURE)
    nodes = ", ".join(f"{n} {kind}s" for kind, n in sorted(built.nodes.items()))
    print(
        f"budgetwh spark-build: {sum(built.seeds.values())} seed rows; dbt build ok on Spark ({nodes}); "
        f"{len(built.marts)} marts as Parquet in {args.out / 'marts'} ({built.seconds:.0f} s)"
    )
    return int(ExitCode.OK)
