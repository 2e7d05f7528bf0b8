"""PDF → text speed in pages per second per core (CPU time of this process, so other load on the machine does not
count against it): on real PDFs and on a synthetic corpus of ruled table pages written with pdfium's editor."""

from __future__ import annotations

import random
import time
from pathlib import Path

from budgetwh.ingest.pdf.convert import convert_pdf
from budgetwh.ingest.pdf.synthetic import table_page, write_pdf

GOAL_PAGES_PER_SECOND = 100.0


def _measure(documents: list[tuple[str, bytes]], repeats: int) -> dict[str, float]:
    """Best of `repeats` CPU-timed conversions of all documents (the best run is the one least disturbed)."""
    best = float("inf")
    pages = 0
    for _ in range(repeats):
        started = time.process_time()
        pages = sum(convert_pdf(data, name).page_count for name, data in documents)
        best = min(best, time.process_time() - started)
    return {
        "documents": len(documents),
        "pages": pages,
        "cpu_s": round(best, 3),
        "pages_per_s_per_core": round(pages / best, 1) if best > 0 else float("inf"),
    }


def synthetic_corpus(documents: int, pages_per_document: int = 3, seed: int = 0) -> list[tuple[str, bytes]]:
    """Budget-table-shaped PDFs: each page a ruled table of 20 coded rows of 7 columns under a title."""
    rng = random.Random(seed)
    corpus = []
    for index in range(documents):
        pages = []
        for page in range(pages_per_document):
            rows = [["Code", "", "", "Name", "Total", "Basic", "Project"]]
            for _ in range(20):
                total = rng.randrange(1, 10**9) / 100
                basic = round(total * rng.random(), 2)
                code = [str(rng.randrange(201, 230)), f"{rng.randrange(1, 99):02d}", f"{rng.randrange(1, 99):02d}"]
                rows.append([*code, "Item", f"{total:,.2f}", f"{basic:,.2f}", f"{total - basic:,.2f}"])
            pages.append(table_page(rows, [40, 40, 40, 220, 110, 110, 110], title=f"Table {index}.{page}"))
        corpus.append((f"synthetic_{index:04d}.pdf", write_pdf(pages)))
    return corpus


def bench_pdf(
    real_dirs: list[Path],
    *,
    corpus_dir: Path | None = None,
    ingest_cpu_s: float | None = None,
    synthetic_documents: int = 100,
    repeats: int = 3,
) -> dict[str, object]:
    """Pages/s per core on the PDFs of the first of `real_dirs` that holds any, and on a synthetic corpus: the PDFs
    of the benchmark's generated corpus (`corpus_dir`, the synthetic layouts rendered as PDFs) when it has any, else
    `synthetic_documents` ruled table documents. With `ingest_cpu_s` (that corpus's ingest: wall time × workers),
    the share of it that converting its PDFs costs."""
    result: dict[str, object] = {"goal_pages_per_s_per_core": GOAL_PAGES_PER_SECOND}
    for folder in real_dirs:
        files = sorted(folder.glob("*.pdf")) if folder.is_dir() else []
        if files:
            result["real"] = {"folder": str(folder), **_measure([(p.name, p.read_bytes()) for p in files], repeats)}
            break
    corpus_files = sorted(corpus_dir.glob("*.pdf")) if corpus_dir is not None and corpus_dir.is_dir() else []
    if corpus_files:
        measured = _measure([(p.name, p.read_bytes()) for p in corpus_files], 1)
        result["synthetic"] = {"folder": str(corpus_dir), **measured}
        if ingest_cpu_s:
            result["synthetic"]["share_of_ingest_cpu"] = round(measured["cpu_s"] / ingest_cpu_s, 3)
    else:
        result["synthetic"] = {"folder": None, **_measure(synthetic_corpus(synthetic_documents), repeats)}
    return result


def describe(result: dict[str, object]) -> list[str]:
    goal = result["goal_pages_per_s_per_core"]
    lines = []
    for key, label in (("real", "real PDFs"), ("synthetic", "synthetic PDFs")):
        if key in result:
            m = result[key]
            verdict = "meets" if m["pages_per_s_per_core"] >= goal else "BELOW"
            share = m.get("share_of_ingest_cpu")
            lines.append(
                f"PDF → text on {label}: {m['pages_per_s_per_core']} pages/s per core ({m['pages']} pages of "
                f"{m['documents']} documents in {m['cpu_s']} s CPU; {verdict} the goal of {goal:.0f})"
                + (f"; {share:.0%} of that corpus's ingest CPU" if share is not None else "")
            )
    return lines
