"""The Spark engine: the same work as the default DuckDB path, run on Apache Spark (local mode here, a cluster
elsewhere). pyspark is imported only inside this package's functions, so the default path needs neither it nor
Java."""

import os
import sys


def workers_run_this_interpreter() -> None:
    """Spark starts its Python workers with $PYSPARK_PYTHON (else the python3 on the PATH, which may not hold
    budgetwh), read once when a session starts: set it before any session of this process starts, whichever part of
    the package (ingest's job, or dbt-spark's session for a build) starts one first. A user's own setting wins."""
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
