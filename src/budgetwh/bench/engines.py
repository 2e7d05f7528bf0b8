"""Ingest on both engines as a bench extension (registry.py): one scale's corpus ingested by local worker processes
and by a Spark job in local mode on the same cores, side by side, with whether their seeds are byte for byte the
same. On one machine Spark is expected to be slower (a JVM, Python workers of its own, results collected through the
driver); the figure says by how much, and how its cost grows with the corpus. Not measured, with the reason, when
pyspark or Java is missing or above MAX_SCALE."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from budgetwh.bench.registry import BenchContext
from budgetwh.ingest.pipeline import run_ingest
from budgetwh.spark.ingest import SparkUnavailable, check_environment, run_ingest_on_spark, spark_session

# ×1000's parse results (~100 MB of CSV rows) all come back through the driver, and the run doubles the scale's
# ingest time: the engines' comparison needs two scales, not the largest
MAX_SCALE = 100


def _written(seeds: Path) -> dict[str, bytes]:
    """The seeds and the converted texts beside them, by relative path."""
    return {str(p.relative_to(seeds.parent)): p.read_bytes() for p in sorted(seeds.parent.rglob("*")) if p.is_file()}


def bench_ingest(context: BenchContext) -> dict[str, Any]:
    if context.corpus is None or (context.scale or 0) > MAX_SCALE:
        return {"lines": [f"not measured above ×{MAX_SCALE}"], "skipped": True}
    try:
        check_environment()
    except SparkUnavailable as exc:
        return {"lines": [f"not measured: {exc}"], "skipped": True}
    raw, reference = context.corpus / "raw", context.corpus / "reference"
    local = run_ingest(raw, reference, context.scratch / "local" / "extracted", jobs=context.jobs)
    started = time.perf_counter()
    session = spark_session(context.jobs)  # a JVM's start, reported apart: a cluster pays it once, not per run
    session_s = time.perf_counter() - started
    try:
        spark = run_ingest_on_spark(raw, reference, context.scratch / "spark" / "extracted", jobs=context.jobs)
    finally:
        session.stop()
    same = _written(context.scratch / "local" / "extracted") == _written(context.scratch / "spark" / "extracted")
    figures = {
        "documents": len(local.documents),
        "local_s": round(local.seconds, 2),
        "spark_s": round(spark.seconds, 2),
        "spark_session_s": round(session_s, 2),
        "byte_identical": same,
    }
    ratio = spark.seconds / local.seconds if local.seconds else float("nan")
    line = (
        f"{figures['documents']} documents: local {figures['local_s']} s, Spark {figures['spark_s']} s "
        f"(×{ratio:.1f}; its session's start {figures['spark_session_s']} s more) on {context.jobs} cores; "
        f"seeds {'byte-identical' if same else 'DIFFER'}"
    )
    return {**figures, "seconds": figures["spark_s"], "lines": [line]}
