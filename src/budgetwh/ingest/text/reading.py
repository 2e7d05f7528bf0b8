"""Bytes → text. A text document's identity is its text, not its bytes: a BOM or CRLF copy decodes to the same text
and therefore the same sha256 (the contract's rule), while anything that is not clean UTF-8 text is refused with the
line where it goes wrong. A PDF (recognised by its first bytes, never by its name) is identified by the sha256 of its
bytes and read as its converted text, taken from the stored conversion when that names the same bytes and converter
version, converted otherwise."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from budgetwh.ingest.errors import IngestError
from budgetwh.ingest.pdf import CONVERTER_VERSION, convert_pdf, line_pages_of
from budgetwh.ingest.pdf.convert import HEADER

BOM = "\ufeff"
# A PDF table extract has short lines; a line this long is a corrupt or non-tabular file, not a document.
MAX_LINE_CHARS = 100_000
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f]")  # after line ends are normalised: every C0 control but tab and LF
# The same controls as bytes of the file (CR aside: it becomes a line end). In UTF-8 a byte below 0x80 is always
# that ASCII character, so the file holds one exactly when its text does; deleting them from the bytes is a far
# cheaper test than searching the text (the text is searched only to report where).
_CONTROL_BYTES = bytes(b for b in range(0x20) if b not in b"\t\n\r")
_BLANK = re.compile(b"[ \t\r\n\xef\xbb\xbf]*")  # what an empty file may hold


@dataclass(frozen=True)
class SourceText:
    file_name: str
    text: str  # decoded, BOM removed, line ends normalised to LF
    sha256: str  # over `text` encoded as UTF-8
    byte_count: int
    had_bom: bool
    had_crlf: bool
    source_format: str = "text"  # text | pdf
    page_count: int | None = None  # pages of a PDF
    line_pages: list[int] | None = None  # a PDF's page of every line of `text` (None for a text document)
    converted: bool = False  # the PDF was converted in this read (not taken from the stored conversion)

    @cached_property
    def lines(self) -> list[str]:
        """Physical lines, 1-based by position + 1; a last line without a newline still counts."""
        parts = self.text.split("\n")
        if self.text.endswith("\n"):
            parts.pop()
        return parts

    @property
    def line_count(self) -> int:
        """len(self.lines), counted without splitting the text."""
        return self.text.count("\n") + (0 if self.text.endswith("\n") else 1)

    @property
    def document_id(self) -> str:
        return "doc_" + self.sha256[:12]


def _line_of_offset(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


PDF_MAGIC = b"%PDF-"


def converted_path(converted_dir: Path, file_name: str) -> Path:
    """Where a PDF's converted text is kept: beside the seeds, named after the PDF."""
    return converted_dir / f"{file_name}.txt"


def _stored_conversion(converted_dir: Path | None, file_name: str, sha256: str) -> str | None:
    """The stored converted text of these bytes by this converter version, or None."""
    if converted_dir is None:
        return None
    try:
        text = converted_path(converted_dir, file_name).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    header = HEADER.match(text)
    if header is None or header["sha256"] != sha256 or header["version"] != CONVERTER_VERSION:
        return None
    return text


def read_pdf(file_name: str, data: bytes, converted_dir: Path | None = None) -> SourceText:
    sha256 = hashlib.sha256(data).hexdigest()
    text = _stored_conversion(converted_dir, file_name, sha256)
    if text is not None:
        page_count = int(HEADER.match(text)["pages"])
        line_pages = line_pages_of(text)
        converted = False
    else:
        result = convert_pdf(data, file_name)
        text, page_count, line_pages, converted = result.text, result.page_count, result.line_pages, True
    return SourceText(
        file_name,
        text,
        sha256,
        len(data),
        had_bom=False,
        had_crlf=False,
        source_format="pdf",
        page_count=page_count,
        line_pages=line_pages,
        converted=converted,
    )


def decode_document(file_name: str, data: bytes, converted_dir: Path | None = None) -> SourceText:
    """Decode one raw document or raise IngestError naming the file (and line) and what is wrong. A PDF's stored
    conversion is looked for in `converted_dir`."""
    if data.startswith(PDF_MAGIC):
        return read_pdf(file_name, data, converted_dir)
    if _BLANK.fullmatch(data):
        raise IngestError(file_name, "file is empty: nothing to ingest")
    for mark, name in ((b"\xff\xfe", "UTF-16 little-endian"), (b"\xfe\xff", "UTF-16 big-endian")):
        if data.startswith(mark):
            raise IngestError(
                file_name, f"{name} text (byte order mark {mark.hex(' ').upper()}): re-save the file as UTF-8", 1
            )
    nul = data.find(b"\x00")
    if nul >= 0:
        raise IngestError(
            file_name,
            f"binary content (NUL byte at byte offset {nul}): not a text extract of a document",
            _line_of_offset(data, nul),
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = _line_of_offset(data, exc.start)
        hint = ""
        try:
            data.decode("gb18030")
            hint = " (it decodes as GBK/GB18030: re-save the file as UTF-8)"
        except UnicodeDecodeError:
            pass
        raise IngestError(file_name, f"not valid UTF-8 at byte offset {exc.start}{hint}", line) from None
    had_bom = text.startswith(BOM)
    if had_bom:
        text = text[len(BOM) :]
    had_crlf = b"\r" in data  # (the same test as on the text: a CR byte is always a CR in UTF-8; bytes scan faster)
    if had_crlf:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    control = _CONTROL.search(text) if len(data.translate(None, _CONTROL_BYTES)) != len(data) else None
    control_line = text.count("\n", 0, control.start()) + 1 if control else None
    # a text no longer than the limit has no line over it; otherwise find the first bad line only if there is one
    lines = text.split("\n") if control_line is not None or len(text) > MAX_LINE_CHARS else []
    if control_line is None and max(map(len, lines), default=0) <= MAX_LINE_CHARS:
        lines = []  # nothing to report: skip the line-by-line search for the first bad line
    for number, line in enumerate(lines, start=1):
        if len(line) > MAX_LINE_CHARS:
            raise IngestError(
                file_name,
                f"line is {len(line):,} characters long (limit {MAX_LINE_CHARS:,}): not a table extract",
                number,
            )
        if number == control_line:
            bad = control.group()
            raise IngestError(file_name, f"control character U+{ord(bad):04X} in text: not a text extract", number)
    # the text's UTF-8 is the file's bytes unless a BOM or CR was taken out (decoding strict UTF-8 round-trips)
    digest = hashlib.sha256(text.encode("utf-8") if had_bom or had_crlf else data).hexdigest()
    return SourceText(file_name, text, digest, len(data), had_bom, had_crlf)


def read_document(path: Path, converted_dir: Path | None = None) -> SourceText:
    return decode_document(path.name, path.read_bytes(), converted_dir)
