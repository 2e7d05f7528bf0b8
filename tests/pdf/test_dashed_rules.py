"""A table whose rules are drawn dashed or dotted, as separate segments shorter than a rule (some publishers' tools
draw every border so): the dashes of one line are one rule, and the table reads as the one drawn with solid rules.
Before, each dash was too short to count, a dash whose stroke made its bounds 4 points long counted alone, and the
broken grids that gave lost tables (the five real PDFs redrawn with 3-point dashes: 1,347 of 1,796 cells)."""

from __future__ import annotations

import sys

import pytest
from pdf_support import FIXTURES, ROOT

from budgetwh.ingest.pdf import convert_pdf

sys.path.insert(0, str(ROOT / "scripts"))
import strip_pdf_rules  # noqa: E402


def _body(text: str) -> list[str]:
    return text.split("\n")[1:]  # (line 1 names the sha256 of the bytes)


@pytest.mark.parametrize("dash", [3.0, 1.5, 1.0])
def test_a_real_table_redrawn_with_dashed_rules_reads_as_with_solid_ones(dash: float, tmp_path) -> None:
    source = FIXTURES / "two_pages.pdf"
    target = tmp_path / "dashed.pdf"
    assert strip_pdf_rules.strip_rules(source, target, dashes=dash) > 0
    solid = _body(convert_pdf(source.read_bytes(), "two_pages.pdf").text)
    dashed = _body(convert_pdf(target.read_bytes(), "dashed.pdf").text)
    assert sum(line.count("\t") >= 6 for line in solid) >= 20  # (a table over two pages)
    assert dashed == solid
