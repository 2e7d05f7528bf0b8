"""Ingest every file of the raw folder into the extracted seeds, all-or-nothing."""

from __future__ import annotations

import gc
import logging
import sys
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import astuple, dataclass, field
from operator import attrgetter
from pathlib import Path

from budgetwh.ingest.document import parse_document
from budgetwh.ingest.errors import IngestError
from budgetwh.ingest.reference import Reference, load_reference
from budgetwh.ingest.text.cache import DocumentCache
from budgetwh.ingest.text.cache import fingerprint as cache_fingerprint
from budgetwh.ingest.text.reading import read_document
from budgetwh.ingest.text.records import SEEDS, DocumentExtract
from budgetwh.ingest.text.writing import render_header, render_rows, write_converted, write_seeds

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
    cached: int = 0  # documents taken from the cache instead of parsed
    pdfs: int = 0  # PDF documents
    converted: int = 0  # PDFs converted in this run (the others' stored conversions were reused)


def raw_files(raw_dir: Path) -> list[Path]:
    if not raw_dir.is_dir():
        raise IngestError(str(raw_dir), "raw folder does not exist")
    files = sorted(p for p in raw_dir.iterdir() if p.is_file() and not p.name.startswith("."))
    if not files:
        raise IngestError(str(raw_dir), "raw folder holds no documents")
    return files


@dataclass(frozen=True)
class _Parsed:
    """What one worker sends back for one file: a read or parse error, or the document's seed rows already
    rendered as CSV (so only bytes cross the process boundary, and rendering runs in parallel too)."""

    file_name: str
    sha256: str | None = None
    byte_count: int = 0
    read_error: IngestError | None = None
    parse_error: IngestError | None = None
    summary: DocumentSummary | None = None
    csv_rows: dict[str, bytes] = field(default_factory=dict)
    row_counts: dict[str, int] = field(default_factory=dict)  # lines of csv_rows (counted here, in parallel)
    first_duplicate: dict[str, str] = field(default_factory=dict)  # seed → first id printed twice in this file
    cache_key: str | None = None
    from_cache: bool = False
    converted_text: bytes | None = None  # a PDF's converted text (UTF-8), stored beside the seeds
    converted_now: bool = False  # ... converted in this run


CHUNK_FILES = 8  # documents sent to a worker at a time

_reference: Reference | None = None
_cache: DocumentCache | None = None
_converted_dir: Path | None = None


def _set_reference(reference: Reference, cache: DocumentCache | None = None, converted_dir: Path | None = None) -> None:
    global _reference, _cache, _converted_dir
    _reference, _cache, _converted_dir = reference, cache, converted_dir


def _init_worker(reference: Reference, cache: DocumentCache | None, converted_dir: Path | None = None) -> None:
    """A worker process: its inherited objects are never garbage, and a document's rows and records are freed by
    reference counting (they hold no cycles), so the cycle collector is told to skip the former and run rarely:
    it took 3% of parsing."""
    gc.freeze()
    gc.set_threshold(20_000, 50, 1_000)
    _set_reference(reference, cache, converted_dir)


def _sorted_records(extract: DocumentExtract) -> dict[str, list]:
    """A document's records in seed order (the order the CSVs list them)."""
    by_line = attrgetter("source_line")
    return {
        "documents": [extract.document],
        "projects": sorted(extract.projects, key=by_line),
        "indicators": sorted(extract.indicators, key=by_line),
        "line_items": sorted(extract.line_items, key=attrgetter("source_line", "cell_index")),
        "evaluations": sorted(extract.evaluations, key=by_line),
    }


def _first_duplicate(ids: list[str]) -> str | None:
    if len(ids) == len(set(ids)):
        return None
    return next(i for i in ids if ids.count(i) > 1)


def _ingest_file(path: Path) -> _Parsed:
    """Read, parse and render one file: the pure per-document step that runs in the worker processes."""
    assert _reference is not None
    try:
        source = read_document(path, _converted_dir)
    except IngestError as exc:
        return _Parsed(path.name, read_error=exc)
    pdf = {}
    if source.source_format == "pdf":
        pdf = {"converted_text": source.text.encode("utf-8"), "converted_now": source.converted}
    key = None
    if _cache is not None:
        entry = _reference.registry.get(source.sha256)
        key = _cache.key(source.sha256, path.name, None if entry is None else list(astuple(entry)))
        hit = _cache.get(key)
        if hit is not None:
            cached = {name: rows.encode("utf-8") for name, rows in hit["csv_rows"].items()}
            return _Parsed(
                path.name,
                source.sha256,
                source.byte_count,
                summary=DocumentSummary(**hit["summary"]),
                csv_rows=cached,
                row_counts={name: rows.count(b"\n") for name, rows in cached.items()},
                first_duplicate=hit["first_duplicate"],
                cache_key=key,
                from_cache=True,
                **pdf,
            )
    try:
        extract = parse_document(source, _reference)
    except IngestError as exc:
        return _Parsed(path.name, source.sha256, source.byte_count, parse_error=exc, **pdf)
    records = _sorted_records(extract)
    duplicates = {}
    for name, rows in records.items():
        id_column = next(iter(SEEDS[name].__dataclass_fields__))
        duplicate = _first_duplicate(list(map(attrgetter(id_column), rows)))
        if duplicate is not None:
            duplicates[name] = duplicate
    doc = extract.document
    summary = DocumentSummary(
        doc.file_name,
        doc.document_id,
        doc.doc_type,
        len(extract.projects),
        len(extract.indicators),
        len(extract.line_items),
        len(extract.evaluations),
    )
    csv_rows = {name: render_rows(SEEDS[name], rows) for name, rows in records.items()}
    if _cache is not None and key is not None:
        _cache.put(key, summary, csv_rows, duplicates)
    return _Parsed(
        path.name,
        source.sha256,
        source.byte_count,
        summary=summary,
        csv_rows=csv_rows,
        row_counts={name: rows.count(b"\n") for name, rows in csv_rows.items()},
        first_duplicate=duplicates,
        cache_key=key,
        **pdf,
    )


def parse_files(
    files: list[Path],
    reference: Reference,
    *,
    jobs: int = 1,
    progress: bool = False,
    cache: DocumentCache | None = None,
    converted_dir: Path | None = None,
) -> list[_Parsed]:
    """Every file through `_ingest_file`, in file order; documents are independent, so they run in parallel."""
    if jobs > 1 and len(files) > 1:
        with ProcessPoolExecutor(
            max_workers=jobs, initializer=_init_worker, initargs=(reference, cache, converted_dir)
        ) as pool:
            # Small chunks keep both workers busy to the end (a large last chunk leaves one idle while the other
            # finishes it); a chunk of a few documents still amortises the round trip to the worker.
            results = pool.map(_ingest_file, files, chunksize=max(1, min(CHUNK_FILES, len(files) // (jobs * 8))))
            return list(_progress_bar(results, len(files), progress))
    _set_reference(reference, cache, converted_dir)
    return list(_progress_bar(map(_ingest_file, files), len(files), progress))


def _progress_bar(iterable, total: int, enabled: bool):
    if not (enabled and sys.stderr.isatty()):
        yield from iterable
        return
    from tqdm import tqdm

    bar = tqdm(total=total, unit="doc", desc="ingest", file=sys.stderr)
    rows = 0
    for parsed in iterable:
        if parsed.summary is not None:
            rows += parsed.summary.projects + parsed.summary.indicators + parsed.summary.line_items
        bar.set_postfix(rows=rows)
        bar.update(1)
        yield parsed
    bar.close()


def check_files(parsed: list[_Parsed], *, progress: bool = False) -> None:
    """Raise the error a file-by-file run would meet first: unreadable files and duplicates (same text under
    another name, or as a BOM/CRLF copy) before any parse error, each in file order."""
    seen: dict[str, str] = {}
    for item in parsed:
        if item.read_error is not None:
            raise item.read_error
        if item.sha256 in seen:
            raise IngestError(
                item.file_name, f"duplicate of {seen[item.sha256]}: same text (sha256 {item.sha256[:12]}…)"
            )
        seen[item.sha256] = item.file_name
    for item in parsed:
        if item.parse_error is not None:
            raise item.parse_error
        if not (progress and sys.stderr.isatty()):  # the progress bar stands in for the log lines
            doc = item.summary
            log.info(
                "%s: %s, %d projects, %d indicators, %d line items, %d evaluations",
                doc.file_name,
                doc.doc_type,
                doc.projects,
                doc.indicators,
                doc.line_items,
                doc.evaluations,
            )


def render_seeds(parsed: list[_Parsed]) -> dict[str, bytes]:
    """The five CSVs: documents in document_id order, each document's rows in source order."""
    by_id = sorted(parsed, key=lambda p: p.summary.document_id)
    ids = [p.summary.document_id for p in by_id]
    duplicate = _first_duplicate(ids)
    if duplicate is not None:
        raise IngestError("documents", f"two rows share the id {duplicate}: a parser placed one line twice")
    # Row ids start with their document's id, so with distinct documents a repeated id can only come from within
    # one document.
    for name in SEEDS:
        for item in by_id:
            if name in item.first_duplicate:
                raise IngestError(
                    name, f"two rows share the id {item.first_duplicate[name]}: a parser placed one line twice"
                )
    # one join per seed (header + rows + header would copy the seed's hundred megabytes at ×1000 twice)
    return {
        name: b"".join([render_header(record), *(p.csv_rows[name] for p in by_id)]) for name, record in SEEDS.items()
    }


def run_ingest(
    raw_dir: Path,
    reference_dir: Path,
    out_dir: Path,
    progress: bool = False,
    jobs: int = 1,
    cache_dir: Path | None = None,
    converted_dir: Path | None = None,
    parse: Callable[..., list[_Parsed]] = parse_files,
) -> IngestSummary:
    """Parse every file of raw_dir into the five seed CSVs of out_dir, all-or-nothing. With `cache_dir`, documents
    parsed before (same text, name, registry row, reference seeds and code) are taken from the cache. The converted
    texts of the PDFs are kept in `converted_dir` (default: `converted` beside out_dir), written with the seeds
    and only after every document parsed; a PDF whose stored conversion names its bytes is not converted again.
    `parse` runs `_ingest_file` over the files (parse_files' signature, results in file order): here or on
    another engine (budgetwh.spark.ingest); everything before and after it is the same for every engine."""
    if converted_dir is None:
        converted_dir = out_dir.parent / "converted"
    started = time.perf_counter()
    files = raw_files(raw_dir)
    reference = load_reference(reference_dir)
    cache = DocumentCache(cache_dir, cache_fingerprint(reference_dir)) if cache_dir is not None else None
    parsed = parse(files, reference, jobs=jobs, progress=progress, cache=cache, converted_dir=converted_dir)
    check_files(parsed, progress=progress)
    contents = render_seeds(parsed)
    converted = {p.file_name: p.converted_text for p in parsed if p.converted_text is not None}
    # the conversions first: they are a pure function of the PDFs, so seeds that cite their lines never exist
    # without them (a crash in between leaves texts the next run writes again byte for byte)
    changed = write_converted(converted_dir, converted)
    changed = write_seeds(out_dir, contents) or changed
    if cache is not None:
        cache.prune({p.cache_key for p in parsed if p.cache_key})
    summary = IngestSummary(changed=changed, bytes_read=sum(p.byte_count for p in parsed))
    summary.cached = sum(1 for p in parsed if p.from_cache)
    summary.pdfs = len(converted)
    summary.converted = sum(1 for p in parsed if p.converted_now)
    summary.documents = sorted((p.summary for p in parsed), key=lambda d: d.file_name)
    summary.rows = {name: sum(p.row_counts[name] for p in parsed) for name in contents}
    summary.seconds = time.perf_counter() - started
    return summary
