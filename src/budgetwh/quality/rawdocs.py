"""One pass over the raw documents for everything the gate needs from them: each document's fingerprint (sha256 of
its identity text and its line count, for dim_documents) and the person names it labels (for the personal-data
checks). At ×1000 that is 5,000 files and 141 MB, so each is read and decoded once."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from budgetwh.quality import personal


@dataclass(frozen=True)
class Fingerprint:
    sha256: str
    line_count: int


@dataclass(frozen=True)
class RawDocuments:
    directory: Path
    names: personal.PersonalNames
    fingerprints: dict[str, Fingerprint]  # by file name, for every *.txt of the directory

    def fingerprint(self, file_name: str) -> Fingerprint | None:
        """The fingerprint of directory/file_name, or None when there is no such file."""
        known = self.fingerprints.get(file_name)
        if known is not None:
            return known
        path = self.directory / file_name
        return fingerprint_of(text_of_document(path)) if path.is_file() else None


def text_of_document(path: Path) -> str:
    """A document's identity text: UTF-8 without BOM, LF line ends (the contract's sha256 is taken over it)."""
    text = path.read_bytes().decode("utf-8-sig")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def line_count(text: str) -> int:
    return text.count("\n") + (0 if text == "" or text.endswith("\n") else 1)


def fingerprint_of(text: str) -> Fingerprint:
    return Fingerprint(hashlib.sha256(text.encode("utf-8")).hexdigest(), line_count(text))


def scan(raw_dir: Path) -> RawDocuments:
    """Reads every raw_dir/*.txt once. The text is the one `personal.read_personal_names` reads (universal newlines
    after UTF-8 with an optional BOM), so the names found are the same."""
    paths = sorted(raw_dir.glob("*.txt"))
    names: set[str] = set()
    fingerprints: dict[str, Fingerprint] = {}
    for path in paths:
        text = text_of_document(path)
        fingerprints[path.name] = fingerprint_of(text)
        names |= personal.names_in_text(text)
    return RawDocuments(raw_dir, personal.PersonalNames(frozenset(names), len(paths)), fingerprints)
