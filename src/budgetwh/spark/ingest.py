"""`budgetwh ingest --engine spark`: the documents parsed as a Spark job, one task per batch of documents.

Parsing is a pure function of one document (budgetwh.ingest.pipeline._ingest_file), so only that step moves: the
driver lists the raw folder and loads the reference seeds exactly as local ingest does, each Spark task runs
`_ingest_file` over its batch, and the per-document results (CSV rows already rendered, or the file's error) come
back in file order to the same checks and the same all-or-nothing writer. The seeds are therefore byte for byte
those of `budgetwh ingest`, a bad document is refused with the same line, and nothing is written then.

The PDFs' converted texts are the content-addressed conversion cache shared between runs: a task reads a PDF's
stored conversion when its header names the same bytes and converter version (reading.py), and the driver writes
the texts beside the seeds, so a second run converts no PDF. The optional parse cache (`--cache`) works the same
way. Both are plain folders the tasks read, so on a cluster they, the raw folder and budgetwh itself must be
reachable from every executor (shared storage, the package installed on the workers).

The job uses RDDs (no Arrow, no DataFrame schema for a parse result), so it runs in local mode or against a
classic cluster master, not over Spark Connect. pyspark is imported only when this engine runs: the default local
ingest needs neither it nor Java."""

from __future__ import annotations

import logging
import math
import os
import shutil
from collections.abc import Iterable, Iterator
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from budgetwh.ingest import pipeline
from budgetwh.ingest.pipeline import IngestSummary, run_ingest
from budgetwh.ingest.reference import Reference
from budgetwh.ingest.text.cache import DocumentCache
from budgetwh.spark import workers_run_this_interpreter

if TYPE_CHECKING:
    from pyspark import Broadcast
    from pyspark.sql import SparkSession

# A Python task costs Spark a fixed start that outweighs parsing a document (here, in local mode on 2 busy cores, the
# ×10 corpus's 90 documents took 27 s in 45 tasks, 12.5 s in 12 and 3.5 s in 2; an empty task took the same ~0.6 s),
# so a task takes a batch of documents; a few tasks per core still let a core that finishes early take the next batch
# (a PDF costs more than a text); a batch's results stay a few MB (~20 MB for 256 documents at ×1000)
TASKS_PER_CORE = 4
MAX_BATCH_FILES = 256
MASTER_VARIABLE = "BUDGETWH_SPARK_MASTER"  # a cluster's master URL; unset: local mode with --jobs cores
SETUP = "make spark-setup installs the Spark engine's packages (requirements-spark.lock) and Java 17"


class SparkUnavailable(RuntimeError):
    """This machine lacks what the Spark engine needs (pyspark, Java): the environment's fault, not the input's."""


def check_environment() -> None:
    """Refuse in one line, before any work, when pyspark or Java is missing (pyspark's own failure without Java is
    a Java gateway traceback). The driver starts a JVM even against a cluster, so Java is needed everywhere."""
    try:
        import pyspark  # noqa: F401  (only whether it imports)
    except ModuleNotFoundError as exc:
        if exc.name is None or exc.name.split(".")[0] not in ("pyspark", "py4j"):
            raise
        raise SparkUnavailable(f"--engine spark needs {exc.name.split('.')[0]}, not installed here: {SETUP}") from exc
    java_home = os.environ.get("JAVA_HOME")
    java = Path(java_home, "bin", "java") if java_home else shutil.which("java")
    if java is None or not Path(java).is_file():
        where = "$JAVA_HOME/bin/java" if java_home else "java on the PATH"
        raise SparkUnavailable(f"--engine spark needs Java 17, and there is no {where}: {SETUP}")


def spark_session(jobs: int = 2, master: str | None = None) -> SparkSession:
    """The running session, or a new one: `master`, else $BUDGETWH_SPARK_MASTER, else local mode on `jobs` cores.
    The workers run this interpreter (the venv that holds budgetwh), and the web UI stays off (nobody looks at it
    in a batch run, and it takes a port)."""
    check_environment()
    workers_run_this_interpreter()
    from pyspark.sql import SparkSession

    master = master or os.environ.get(MASTER_VARIABLE) or f"local[{max(1, jobs)}]"
    if master.startswith("local"):
        os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")  # one machine: no guess at a network address
    builder = (
        SparkSession.builder.appName("budgetwh-ingest")
        .master(master)
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        # a parse result is a document's rendered CSV rows (~76 KB): ×100's results are 69 MB, ×1000's ~700 MB
        .config("spark.driver.maxResultSize", "2g")
    )
    session = builder.getOrCreate()
    session.sparkContext.setLogLevel("ERROR")
    # py4j logs each connection it opens and closes at INFO, the level of budgetwh ingest's own log lines
    logging.getLogger("py4j").setLevel(logging.WARNING)
    return session


def _parse_batch(
    shared: Broadcast[Reference], cache: DocumentCache | None, converted_dir: str | None, paths: Iterable[str]
) -> Iterator[pipeline._Parsed]:
    """One task: the documents of one batch through the same per-document step as local ingest."""
    pipeline._set_reference(shared.value, cache, None if converted_dir is None else Path(converted_dir))
    for path in paths:
        yield pipeline._ingest_file(Path(path))


def batch_count(files: int, cores: int, batch_files: int | None = None) -> int:
    """How many tasks parse `files` documents on `cores` cores (the cluster's, or local mode's): `batch_files` per
    task when given, else TASKS_PER_CORE per core with at most MAX_BATCH_FILES each, never an empty one."""
    if batch_files is not None:
        return max(1, math.ceil(files / max(1, batch_files)))
    return max(1, min(files, max(cores * TASKS_PER_CORE, math.ceil(files / MAX_BATCH_FILES))))


def parse_files_on_spark(
    files: list[Path],
    reference: Reference,
    *,
    jobs: int = 2,
    progress: bool = False,
    cache: DocumentCache | None = None,
    converted_dir: Path | None = None,
    master: str | None = None,
    batch_files: int | None = None,
) -> list[pipeline._Parsed]:
    """parse_files' contract on Spark: every file's result, in file order (collect keeps the partitions' order,
    and each partition keeps its files' order). `progress` is accepted for the same signature; Spark's own
    progress output is off."""
    session = spark_session(jobs, master)
    context = session.sparkContext
    shared = context.broadcast(reference)  # once per executor, not once per task
    paths = [str(p.resolve()) for p in files]
    batches = batch_count(len(paths), context.defaultParallelism, batch_files)
    folder = None if converted_dir is None else str(converted_dir.resolve())
    try:
        rdd = context.parallelize(paths, batches)
        return rdd.mapPartitions(partial(_parse_batch, shared, cache, folder)).collect()
    finally:
        shared.unpersist()


def run_ingest_on_spark(
    raw_dir: Path,
    reference_dir: Path,
    out_dir: Path,
    *,
    jobs: int = 2,
    cache_dir: Path | None = None,
    converted_dir: Path | None = None,
    master: str | None = None,
    batch_files: int | None = None,
) -> IngestSummary:
    """run_ingest with its parsing step on Spark: same inputs, same checks, same writer, same summary. Raises
    SparkUnavailable before reading anything when pyspark or Java is missing."""
    check_environment()
    parse = partial(parse_files_on_spark, master=master, batch_files=batch_files)
    # the tasks may run in another working directory: every folder they read is passed as an absolute path
    return run_ingest(
        raw_dir,
        reference_dir,
        out_dir,
        jobs=jobs,
        cache_dir=None if cache_dir is None else cache_dir.resolve(),
        converted_dir=None if converted_dir is None else converted_dir.resolve(),
        parse=parse,
    )
