"""A PDF as it would look typeset without ruling lines: every path object (rules, cell borders, frames) taken off
its pages, the text left where it is. For trying the converter's reading of tables without rules on real PDFs.

    .venv/bin/python scripts/strip_pdf_rules.py ../shared/sources/pdf /tmp/bare
    .venv/bin/python scripts/score_pdf_coverage.py /tmp/bare --ingest

The stripped files are other documents (other bytes, other sha256); score them with --ingest."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c


def strip_rules(source: Path, target: Path) -> int:
    """Write `source` without its path objects to `target`; the number of objects taken off."""
    document = pdfium.PdfDocument(source)
    removed = 0
    try:
        for page in document:
            paths = [obj for obj in page.get_objects(max_depth=1) if obj.type == pdfium_c.FPDF_PAGEOBJ_PATH]
            for obj in paths:
                page.remove_obj(obj)
                obj.close()
            removed += len(paths)
            page.gen_content()
        document.save(target)
    finally:
        document.close()
    return removed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("source", type=Path, help="folder of PDFs")
    parser.add_argument("target", type=Path, help="folder the stripped PDFs are written to (same names)")
    args = parser.parse_args(argv)
    args.target.mkdir(parents=True, exist_ok=True)
    for path in sorted(args.source.glob("*.pdf")):
        print(f"{path.name}: {strip_rules(path, args.target / path.name)} path objects taken off")
    return 0


if __name__ == "__main__":
    sys.exit(main())
