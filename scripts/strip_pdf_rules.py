"""A PDF as it would look typeset without ruling lines: every path object (rules, cell borders, frames) taken off
its pages, the text left where it is. For trying the converter's reading of tables without rules on real PDFs.
With --dashes N the rules are drawn again where they were, each as dashes N points long (a dashed or dotted border
written as separate short segments, as some publishers' tools do).

    .venv/bin/python scripts/strip_pdf_rules.py ../shared/sources/pdf /tmp/bare
    .venv/bin/python scripts/strip_pdf_rules.py ../shared/sources/pdf /tmp/dashed --dashes 3
    .venv/bin/python scripts/score_pdf_coverage.py /tmp/bare --ingest --truth ../shared/sources/pdf

The rewritten files are other documents (other bytes, other sha256); score them with --ingest."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from budgetwh.ingest.pdf.glyphs import Rule, read_page  # noqa: E402
from budgetwh.ingest.pdf.tables import find_tables  # noqa: E402

DASH_GAP = 1.5  # points between two dashes


def _rules(page: pdfium.PdfPage) -> list[Rule]:
    """The page's ruling lines as the converter sees them (collinear pieces joined)."""
    textpage = page.get_textpage()
    try:
        _, rules = read_page(page.raw, textpage.raw, page.get_cropbox())
    finally:
        textpage.close()
    return [rule for table in find_tables(rules) for rule in (*table.horizontals, *table.verticals)]


def _draw_dashes(page: pdfium.PdfPage, rule: Rule, dash: float) -> None:
    start = rule.lo
    while start < rule.hi:
        end = min(start + dash, rule.hi)
        ends = ((start, rule.pos), (end, rule.pos)) if rule.horizontal else ((rule.pos, start), (rule.pos, end))
        path = pdfium_c.FPDFPageObj_CreateNewPath(*ends[0])
        pdfium_c.FPDFPath_LineTo(path, *ends[1])
        pdfium_c.FPDFPath_SetDrawMode(path, pdfium_c.FPDF_FILLMODE_NONE, True)
        pdfium_c.FPDFPageObj_SetStrokeWidth(path, 0.5)
        pdfium_c.FPDFPageObj_SetStrokeColor(path, 0, 0, 0, 255)
        pdfium_c.FPDFPage_InsertObject(page.raw, path)
        start = end + DASH_GAP


def strip_rules(source: Path, target: Path, dashes: float | None = None) -> int:
    """Write `source` without its path objects to `target` (their rules drawn again as dashes `dashes` long when
    given); the number of objects taken off."""
    document = pdfium.PdfDocument(source)
    removed = 0
    try:
        for page in document:
            rules = _rules(page) if dashes else []
            paths = [obj for obj in page.get_objects(max_depth=1) if obj.type == pdfium_c.FPDF_PAGEOBJ_PATH]
            for obj in paths:
                page.remove_obj(obj)
                obj.close()
            removed += len(paths)
            for rule in rules:
                _draw_dashes(page, rule, dashes)
            page.gen_content()
        document.save(target)
    finally:
        document.close()
    return removed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("source", type=Path, help="folder of PDFs")
    parser.add_argument("target", type=Path, help="folder the stripped PDFs are written to (same names)")
    parser.add_argument("--dashes", type=float, help="draw the rules again as dashes this long (points)")
    args = parser.parse_args(argv)
    args.target.mkdir(parents=True, exist_ok=True)
    for path in sorted(args.source.glob("*.pdf")):
        print(f"{path.name}: {strip_rules(path, args.target / path.name, args.dashes)} path objects taken off")
    return 0


if __name__ == "__main__":
    sys.exit(main())
