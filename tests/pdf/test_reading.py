"""A PDF as a raw document: recognised by its bytes, identified by their sha256, its converted text stored beside
the seeds and reused while it names the same bytes and converter version."""

from __future__ import annotations

import hashlib
import shutil
from dataclasses import replace
from pathlib import Path

import pytest
from pdf_support import FIXTURES, ROOT

from budgetwh.ingest.errors import IngestError
from budgetwh.ingest.pdf import CONVERTER_VERSION
from budgetwh.ingest.pipeline import parse_files
from budgetwh.ingest.reference import load_reference
from budgetwh.ingest.text.reading import decode_document, read_document
from budgetwh.ingest.text.writing import write_converted

TWO_PAGES = FIXTURES / "two_pages.pdf"


def test_a_pdf_is_recognised_by_its_bytes_not_its_name(tmp_path: Path) -> None:
    data = TWO_PAGES.read_bytes()
    source = decode_document("budget.txt", data)  # a misleading name changes nothing
    sha = hashlib.sha256(data).hexdigest()
    assert (source.source_format, source.page_count, source.sha256, source.byte_count) == ("pdf", 2, sha, len(data))
    assert source.document_id == "doc_" + sha[:12]
    assert source.converted and not source.had_bom and not source.had_crlf
    assert len(source.line_pages) == source.line_count == len(source.lines)
    assert source.lines[0].startswith(f"<!-- converted from PDF by budgetwh ({CONVERTER_VERSION}): sha256 {sha}")
    assert source.line_pages[source.lines.index("<!-- page 2 -->")] == 2
    text = read_document(ROOT / "data" / "raw" / "putuo_2022_city_operations_center_unit_budget.txt")
    assert (text.source_format, text.page_count, text.line_pages) == ("text", None, None)


def test_the_stored_conversion_is_reused_only_while_it_names_the_same_bytes_and_version(tmp_path: Path) -> None:
    pdf = tmp_path / "raw" / "budget.pdf"
    pdf.parent.mkdir()
    shutil.copy(TWO_PAGES, pdf)
    converted = tmp_path / "converted"
    first = read_document(pdf, converted)
    assert first.converted  # nothing stored yet
    write_converted(converted, {pdf.name: first.text.encode("utf-8")})
    assert (converted / "budget.pdf.txt").read_text(encoding="utf-8") == first.text
    again = read_document(pdf, converted)
    assert not again.converted and again == replace(first, converted=False)
    # another converter version, or other bytes under the same name: converted again
    stored = converted / "budget.pdf.txt"
    stored.write_text(first.text.replace(CONVERTER_VERSION, "pdf-text v0", 1), encoding="utf-8")
    assert read_document(pdf, converted).converted
    stored.write_text(first.text, encoding="utf-8")
    pdf.write_bytes(TWO_PAGES.read_bytes() + b"\n%%EOF\n")  # an (empty) incremental update: new bytes
    assert read_document(pdf, converted).converted


def test_converted_texts_are_written_all_or_nothing_and_stale_ones_removed(tmp_path: Path) -> None:
    folder = tmp_path / "converted"
    assert write_converted(folder, {"a.pdf": b"A\n", "b.pdf": b"B\n"})
    (folder / "README.md").write_text("kept", encoding="utf-8")
    assert not write_converted(folder, {"a.pdf": b"A\n", "b.pdf": b"B\n"})  # unchanged: not rewritten
    assert write_converted(folder, {"a.pdf": b"A2\n"})
    assert sorted(p.name for p in folder.iterdir()) == ["README.md", "a.pdf.txt"]
    assert (folder / "a.pdf.txt").read_bytes() == b"A2\n"
    assert not list(tmp_path.glob(".converted.*"))


def test_a_worker_hands_back_the_converted_text_and_says_whether_it_converted(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy(TWO_PAGES, raw / "budget.pdf")
    reference = load_reference(ROOT / "seeds" / "reference")
    converted = tmp_path / "converted"
    (first,) = parse_files([raw / "budget.pdf"], reference, converted_dir=converted)
    assert first.converted_now and first.converted_text.startswith(b"<!-- converted from PDF")
    assert first.read_error is None
    write_converted(converted, {"budget.pdf": first.converted_text})
    (second,) = parse_files([raw / "budget.pdf"], reference, converted_dir=converted)
    assert not second.converted_now and second.converted_text == first.converted_text


@pytest.mark.parametrize(
    ("fixture", "message"),
    [
        ("scanned.pdf", "x.pdf: no text layer on pages 1–2: scanned? OCR is not supported"),
        ("password.pdf", "x.pdf: PDF is password-protected: publish or save it without a password"),
    ],
)
def test_a_bad_pdf_is_one_clear_line(fixture: str, message: str) -> None:
    with pytest.raises(IngestError) as caught:
        decode_document("x.pdf", (FIXTURES / fixture).read_bytes())
    assert str(caught.value) == message


def test_a_truncated_or_corrupt_pdf_is_one_clear_line() -> None:
    data = TWO_PAGES.read_bytes()
    with pytest.raises(IngestError, match=r"^x.pdf: truncated PDF \(no %%EOF end marker\): the file was cut short$"):
        decode_document("x.pdf", data[: len(data) // 2])
    with pytest.raises(IngestError, match=r"^x.pdf: corrupt PDF: it cannot be opened \(data format error\)$"):
        decode_document("x.pdf", data[: len(data) // 2] + b"\n%%EOF\n")
