"""Writes the small PDFs the bad-input corpus is made from, out of the real PDFs in ../shared/sources/pdf/ (run once
by hand; the outputs are committed, because the real PDFs are not part of this repository yet and the tools used
here, qpdf and a renderer, are not dependencies of the project):

    python tests/pdf/make_fixtures.py   # needs qpdf (apt-get install qpdf)

- two_pages.pdf: pages 9-10 of the 2025 unit budget (a table page and the next), as published;
- scanned.pdf: the same two pages rendered to grey images in a new PDF: what a scanner produces, no text layer;
- password.pdf: two_pages.pdf encrypted (AES-256) with a user password;
- prose_pages.pdf: pages 3-4 of the 2024 department budget (functions, organisation): real prose of the right
  publisher without the title or tables of a known layout.
tests/bad_inputs/make_corpus.py derives its PDF cases from these."""

from __future__ import annotations

import subprocess
import tempfile
from pathlib import Path

import pypdfium2 as pdfium

HERE = Path(__file__).resolve().parent / "fixtures"
SOURCES = Path(__file__).resolve().parents[3] / "shared" / "sources" / "pdf"
SOURCE = SOURCES / "putuo_shangwu_2025_unit_budget.pdf"
PAGES = "9-10"
PROSE_SOURCE = SOURCES / "putuo_wanli_2024_dept_budget.pdf"
PROSE_PAGES = "3-4"


def main() -> None:
    HERE.mkdir(exist_ok=True)
    two_pages = HERE / "two_pages.pdf"
    # --static-id keeps the output byte-identical from run to run
    subprocess.run(["qpdf", "--static-id", "--empty", "--pages", str(SOURCE), PAGES, "--", str(two_pages)], check=True)
    subprocess.run(
        [
            "qpdf",
            "--static-id",
            "--static-aes-iv",
            "--encrypt",
            "reader",
            "owner",
            "256",
            "--",
            str(two_pages),
            str(HERE / "password.pdf"),
        ],
        check=True,
    )
    subprocess.run(
        [
            "qpdf",
            "--static-id",
            "--empty",
            "--pages",
            str(PROSE_SOURCE),
            PROSE_PAGES,
            "--",
            str(HERE / "prose_pages.pdf"),
        ],
        check=True,
    )
    source = pdfium.PdfDocument(two_pages)
    scanned = pdfium.PdfDocument.new()
    for index in range(len(source)):
        page = source[index]
        width, height = page.get_size()
        bitmap = page.render(scale=0.5, grayscale=True)
        image = pdfium.PdfImage.new(scanned)
        image.set_bitmap(bitmap)
        image.set_matrix(pdfium.PdfMatrix().scale(width, height))
        new_page = scanned.new_page(width, height)
        new_page.insert_obj(image)
        new_page.gen_content()
    with tempfile.TemporaryDirectory() as tmp:
        raw = Path(tmp) / "scanned.pdf"
        scanned.save(raw)
        # qpdf rewrites it with compressed streams and a fixed id
        subprocess.run(
            ["qpdf", "--static-id", "--recompress-flate", "--compression-level=9", str(raw), str(HERE / "scanned.pdf")],
            check=True,
        )
    for path in sorted(HERE.glob("*.pdf")):
        print(f"{path.name}: {path.stat().st_size:,} bytes")


if __name__ == "__main__":
    main()
