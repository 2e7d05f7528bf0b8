"""Seed CSVs out, all-or-nothing: the five files are written to a sibling temporary directory and swapped in with
renames, so a failure at any point leaves the previous seeds exactly as they were. Unchanged content is not
rewritten at all, which keeps re-runs byte-identical and `make` timestamps quiet."""

from __future__ import annotations

import csv
import io
import os
import shutil
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import fields
from functools import cache
from pathlib import Path

from budgetwh.ingest.records import SEEDS, columns, to_csv_value

# How a column's value becomes CSV text, by its declared type; any other type goes through to_csv_value.
_TEXT_OF = {
    "str": "r.{0}",
    "str | None": "('' if r.{0} is None else r.{0})",
    "int": "str(r.{0})",
    "int | None": "('' if r.{0} is None else str(r.{0}))",
}


@cache
def _text_fields(record_type: type) -> Callable[[object], tuple[str, ...]]:
    """A function from a record to its CSV fields as text, built once per seed from the declared column types: a
    ×1000 run renders over a million rows, and one generated expression per record costs a third of converting
    value by value. A value whose type does not match its declaration fails loudly (join refuses it) rather than
    being written differently."""
    parts = [
        _TEXT_OF.get(str(f.type), "('' if r.{0} is None else convert(r.{0}))").format(f.name)
        for f in fields(record_type)
    ]
    return eval(f"lambda r: ({', '.join(parts)},)", {"convert": to_csv_value})  # noqa: S307 (our own field names)


def render_csv(record_type: type, records: Iterable[object]) -> bytes:
    return render_header(record_type) + render_rows(record_type, records)


def render_header(record_type: type) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerow(columns(record_type))
    return buffer.getvalue().encode("utf-8")


def render_rows(record_type: type, records: Iterable[object]) -> bytes:
    """The records' CSV lines without the header (each document renders its own rows, in parallel). A row with no
    delimiter, quote or line end inside a field is its fields joined by commas, exactly what csv writes for it;
    only the rare other rows go through csv for quoting."""
    text_fields = _text_fields(record_type)
    commas = len(columns(record_type)) - 1
    lines = []
    quoted = None
    for record in records:
        values = text_fields(record)
        line = ",".join(values)
        if line.count(",") != commas or '"' in line or "\n" in line or "\r" in line:
            if quoted is None:
                buffer = io.StringIO()
                quoted = csv.writer(buffer, lineterminator="\n")
            buffer.seek(0)
            buffer.truncate()
            quoted.writerow(values)
            line = buffer.getvalue()[:-1]
        lines.append(line)
    if not lines:
        return b""
    lines.append("")
    return "\n".join(lines).encode("utf-8")


def _recover_interrupted_swap(out_dir: Path) -> None:
    """A crash between the two renames leaves only the old directory: put it back before anything else."""
    leftovers = sorted(out_dir.parent.glob(f".{out_dir.name}.old-*"))
    if not out_dir.exists() and leftovers:
        os.rename(leftovers[-1], out_dir)
        leftovers = leftovers[:-1]
    for stale in leftovers + sorted(out_dir.parent.glob(f".{out_dir.name}.new-*")):
        shutil.rmtree(stale, ignore_errors=True)


def write_seeds(out_dir: Path, contents: dict[str, bytes]) -> bool:
    """Replace out_dir's seed files with `contents` (seed name → bytes). Returns False when nothing changed."""
    assert set(contents) == set(SEEDS)
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    _recover_interrupted_swap(out_dir)
    current = {name: (out_dir / f"{name}.csv") for name in contents}
    if all(p.exists() and p.read_bytes() == contents[n] for n, p in current.items()):
        return False
    staging = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.new-", dir=out_dir.parent))
    try:
        if out_dir.exists():
            # keep anything else that lives beside the seeds (e.g. a README or properties file)
            for item in out_dir.iterdir():
                if item.suffix != ".csv" or item.stem not in contents:
                    target = staging / item.name
                    shutil.copytree(item, target) if item.is_dir() else shutil.copy2(item, target)
        for name, data in contents.items():
            with open(staging / f"{name}.csv", "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
        previous = out_dir.parent / f".{out_dir.name}.old-{os.getpid()}"
        if out_dir.exists():
            os.rename(out_dir, previous)
        os.rename(staging, out_dir)
        if previous.exists():
            shutil.rmtree(previous)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return True
