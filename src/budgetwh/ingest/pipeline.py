"""Ingest every file of the raw folder into the extracted seeds, all-or-nothing."""

from __future__ import annotations

import logging
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from budgetwh.ingest.document import parse_document
from budgetwh.ingest.errors import IngestError
from budgetwh.ingest.reading import SourceText, read_document
from budgetwh.ingest.records import SEEDS, DocumentExtract
from budgetwh.ingest.reference import Reference, load_reference
from budgetwh.ingest.writing import render_csv, write_seeds

log = logging.getLogger("budgetwh.ingest")


@dataclass(frozen=True)
class DocumentSummary:
    file_name: str
    document_id: str
    doc_type: str
    projects: int
    indicators: int
    line_items: int
    evaluations: int


@dataclass
class IngestSummary:
    documents: list[DocumentSummary] = field(default_factory=list)
    rows: dict[str, int] = field(default_factory=dict)
    changed: bool = False
    seconds: float = 0.0
    bytes_read: int = 0


def raw_files(raw_dir: Path) -> list[Path]:
    if not raw_dir.is_dir():
        raise IngestError(str(raw_dir), "raw folder does not exist")
    files = sorted(p for p in raw_dir.iterdir() if p.is_file() and not p.name.startswith("."))
    if not files:
        raise IngestError(str(raw_dir), "raw folder holds no documents")
    return files


def read_all(files: list[Path]) -> list[SourceText]:
    """Decode every file and refuse duplicates (same text under another name, or as a BOM/CRLF copy)."""
    sources: list[SourceText] = []
    seen: dict[str, str] = {}
    for path in files:
        source = read_document(path)
        if source.sha256 in seen:
            raise IngestError(
                path.name, f"duplicate of {seen[source.sha256]}: same text (sha256 {source.sha256[:12]}…)"
            )
        seen[source.sha256] = path.name
        sources.append(source)
    return sources


def _parse(args: tuple[SourceText, Reference]) -> DocumentExtract:
    return parse_document(*args)


def parse_all(
    sources: list[SourceText], reference: Reference, *, jobs: int = 1, progress: bool = False
) -> list[DocumentExtract]:
    work = [(source, reference) for source in sources]
    if jobs > 1 and len(work) > 1:
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            results = pool.map(_parse, work, chunksize=max(1, len(work) // (jobs * 4)))
            iterator = _progress(results, len(work), progress)
            return list(iterator)
    return list(_progress(map(_parse, work), len(work), progress))


def _progress(iterable, total: int, enabled: bool):
    if enabled and sys.stderr.isatty():
        from tqdm import tqdm

        bar = tqdm(total=total, unit="doc", desc="ingest", file=sys.stderr)
        rows = 0
        for extract in iterable:
            rows += len(extract.projects) + len(extract.indicators) + len(extract.line_items)
            bar.set_postfix(rows=rows)
            bar.update(1)
            yield extract
        bar.close()
        return
    for extract in iterable:
        doc = extract.document
        log.info(
            "%s: %s, %d projects, %d indicators, %d line items, %d evaluations",
            doc.file_name,
            doc.doc_type,
            len(extract.projects),
            len(extract.indicators),
            len(extract.line_items),
            len(extract.evaluations),
        )
        yield extract


def render_seeds(extracts: list[DocumentExtract]) -> dict[str, bytes]:
    extracts = sorted(extracts, key=lambda e: e.document.document_id)
    ordered = {
        "documents": [e.document for e in extracts],
        "projects": [r for e in extracts for r in sorted(e.projects, key=lambda r: r.source_line)],
        "indicators": [r for e in extracts for r in sorted(e.indicators, key=lambda r: r.source_line)],
        "line_items": [r for e in extracts for r in sorted(e.line_items, key=lambda r: (r.source_line, r.cell_index))],
        "evaluations": [r for e in extracts for r in sorted(e.evaluations, key=lambda r: r.source_line)],
    }
    for name, records in ordered.items():
        ids = [getattr(r, next(iter(SEEDS[name].__dataclass_fields__))) for r in records]
        if len(ids) != len(set(ids)):
            duplicate = next(i for i in ids if ids.count(i) > 1)
            raise IngestError(name, f"two rows share the id {duplicate}: a parser placed one line twice")
    return {name: render_csv(SEEDS[name], records) for name, records in ordered.items()}


def run_ingest(
    raw_dir: Path, reference_dir: Path, out_dir: Path, progress: bool = False, jobs: int = 1
) -> IngestSummary:
    started = time.perf_counter()
    files = raw_files(raw_dir)
    reference = load_reference(reference_dir)
    sources = read_all(files)
    extracts = parse_all(sources, reference, jobs=jobs, progress=progress)
    contents = render_seeds(extracts)
    changed = write_seeds(out_dir, contents)
    summary = IngestSummary(changed=changed, bytes_read=sum(s.byte_count for s in sources))
    for extract in sorted(extracts, key=lambda e: e.document.file_name):
        doc = extract.document
        summary.documents.append(
            DocumentSummary(
                doc.file_name,
                doc.document_id,
                doc.doc_type,
                len(extract.projects),
                len(extract.indicators),
                len(extract.line_items),
                len(extract.evaluations),
            )
        )
    summary.rows = {name: data.count(b"\n") - 1 for name, data in contents.items()}
    summary.seconds = time.perf_counter() - started
    return summary
