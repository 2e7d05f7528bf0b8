"""One pass over the raw documents gives each document's fingerprint and the same names as reading them apart."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

from budgetwh.quality import rawdocs
from budgetwh.quality.personal import read_personal_names

RAW = Path(__file__).resolve().parents[2] / "data" / "raw"


def test_scan_fingerprints_every_document_and_finds_the_names(tmp_path):
    raw = tmp_path / "raw"
    shutil.copytree(RAW, raw)
    first = sorted(raw.glob("*.txt"))[0]
    # The identity text drops a BOM and turns CRLF and CR into LF, so this copy fingerprints like the original.
    (raw / "crlf.txt").write_bytes(b"\xef\xbb\xbf" + first.read_bytes().replace(b"\n", b"\r\n"))
    scan = rawdocs.scan(raw)
    assert scan.names == read_personal_names(raw)
    assert sorted(scan.fingerprints) == sorted(p.name for p in raw.iterdir())
    text = first.read_text(encoding="utf-8")
    assert scan.fingerprints[first.name] == rawdocs.Fingerprint(
        hashlib.sha256(text.encode("utf-8")).hexdigest(), text.count("\n") + (0 if text.endswith("\n") else 1)
    )
    assert scan.fingerprints["crlf.txt"] == scan.fingerprints[first.name]


def test_a_pdf_is_fingerprinted_by_its_bytes_and_its_converted_text(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    pdf = next(RAW.glob("*.pdf"))
    shutil.copy(pdf, raw / pdf.name)
    converted = (RAW.parents[1] / "seeds" / "converted" / f"{pdf.name}.txt").read_text(encoding="utf-8")
    scan = rawdocs.scan(raw)  # no stored conversion beside this folder: converted again, to the same text
    assert scan.converted_dir is None
    assert scan.fingerprints[pdf.name] == rawdocs.Fingerprint(
        hashlib.sha256(pdf.read_bytes()).hexdigest(), rawdocs.line_count(converted)
    )


def test_fingerprint_of_a_file_outside_the_scan_is_read_on_demand(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "a.txt").write_text("一\n二", encoding="utf-8")
    scan = rawdocs.scan(raw)
    (raw / "b.TXT").write_text("一\n二\n", encoding="utf-8")
    assert set(scan.fingerprints) == {"a.txt"}
    assert scan.fingerprint("b.TXT") == rawdocs.Fingerprint(hashlib.sha256("一\n二\n".encode()).hexdigest(), 2)
    assert scan.fingerprint("b.TXT").line_count == scan.fingerprint("a.txt").line_count == 2
    assert scan.fingerprint("missing.txt") is None
