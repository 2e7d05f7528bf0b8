"""One pass over the raw documents for everything the gate needs from them: each document's fingerprint (its sha256 and
line count, for dim_documents) and the person names it labels (for the personal-data checks). Documents are read exactly
as ingest reads them (budgetwh.ingest.text.reading: text identity, a PDF by its bytes with its converted text), so the
gate and ingest agree on what a document is. At ×1000 that is 5,000 files and 141 MB, so each is read once."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from budgetwh.ingest.pipeline import raw_files
from budgetwh.ingest.text.reading import SourceText, read_document
from budgetwh.quality import personal


@dataclass(frozen=True)
class Fingerprint:
    sha256: str
    line_count: int


@dataclass(frozen=True)
class RawDocuments:
    directory: Path
    converted_dir: Path | None
    names: personal.PersonalNames
    fingerprints: dict[str, Fingerprint]  # by file name, for every document of the directory

    def fingerprint(self, file_name: str) -> Fingerprint | None:
        """The fingerprint of directory/file_name, or None when there is no such file."""
        known = self.fingerprints.get(file_name)
        if known is not None:
            return known
        path = self.directory / file_name
        return fingerprint_of(read_document(path, self.converted_dir)) if path.is_file() else None


def line_count(text: str) -> int:
    return text.count("\n") + (0 if text == "" or text.endswith("\n") else 1)


def fingerprint_of(source: SourceText) -> Fingerprint:
    return Fingerprint(source.sha256, source.line_count)


def default_converted_dir(raw_dir: Path) -> Path | None:
    """seeds/converted of the project whose data/raw this is (where ingest keeps the PDFs' texts), if there is one."""
    converted = raw_dir.resolve().parent.parent / "seeds" / "converted"
    return converted if converted.is_dir() else None


def scan(raw_dir: Path, converted_dir: Path | None = None) -> RawDocuments:
    """Reads every document of raw_dir once (the files ingest reads). A PDF whose converted text is not stored in
    `converted_dir` (default: the project's seeds/converted) is converted again."""
    converted_dir = converted_dir or default_converted_dir(raw_dir)
    names: set[str] = set()
    fingerprints: dict[str, Fingerprint] = {}
    paths = raw_files(raw_dir) if raw_dir.is_dir() and any(raw_dir.iterdir()) else []
    for path in paths:
        source = read_document(path, converted_dir)
        fingerprints[path.name] = fingerprint_of(source)
        names |= personal.names_in_text(source.text)
    return RawDocuments(raw_dir, converted_dir, personal.PersonalNames(frozenset(names), len(paths)), fingerprints)
