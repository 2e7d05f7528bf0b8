"""The benchmark's PDF stage measures what it says (speed itself is not asserted: `make bench` reports it)."""

from __future__ import annotations

import shutil
from pathlib import Path

from pdf_support import FIXTURES

from budgetwh.bench.pdf_speed import bench_pdf, describe


def test_bench_pdf_counts_pages_of_real_and_synthetic_pdfs(tmp_path: Path) -> None:
    real_dir = tmp_path / "real"
    real_dir.mkdir()
    for name in ("a.pdf", "b.pdf"):
        shutil.copy(FIXTURES / "two_pages.pdf", real_dir / name)
    result = bench_pdf([tmp_path / "absent", real_dir], synthetic_documents=2, repeats=1)
    real, synthetic = result["real"], result["synthetic"]
    assert (real["folder"], real["documents"], real["pages"]) == (str(real_dir), 2, 4)
    assert (synthetic["documents"], synthetic["pages"]) == (2, 6)
    assert real["pages_per_s_per_core"] > 0 and synthetic["pages_per_s_per_core"] > 0
    lines = describe(result)
    assert lines[0].startswith("PDF → text on real PDFs: ") and "goal of 100" in lines[0]
