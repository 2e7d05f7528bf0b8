"""The PDF → text figures (budgetwh.bench.pdf_speed) as a bench extension: pages/s per core on the real PDFs and
on the largest corpus's synthetic ones, with the share of that corpus's ingest they cost."""

from __future__ import annotations

from typing import Any

from budgetwh import paths
from budgetwh.bench.pdf_speed import bench_pdf, describe
from budgetwh.bench.registry import BenchContext


def pdf_figures(context: BenchContext) -> dict[str, Any]:
    largest = (context.results.get("results") or [{}])[-1]
    ingest_s = (largest.get("ingest") or {}).get("seconds")
    figures = bench_pdf(
        [paths.raw_dir(context.root), context.root.parent / "shared" / "sources" / "pdf"],
        corpus_dir=context.corpus / "raw" if context.corpus else None,
        ingest_cpu_s=ingest_s * context.jobs if ingest_s else None,
    )
    return {**figures, "lines": describe(figures)}
