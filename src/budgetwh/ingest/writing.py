"""Seed CSVs out, all-or-nothing: the five files are written to a sibling temporary directory and swapped in with
renames, so a failure at any point leaves the previous seeds exactly as they were. Unchanged content is not
rewritten at all, which keeps re-runs byte-identical and `make` timestamps quiet."""

from __future__ import annotations

import csv
import io
import os
import shutil
import tempfile
from collections.abc import Iterable
from pathlib import Path

from budgetwh.ingest.records import SEEDS, columns, to_csv_value


def render_csv(record_type: type, records: Iterable[object]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    names = columns(record_type)
    writer.writerow(names)
    for record in records:
        writer.writerow([to_csv_value(getattr(record, name)) for name in names])
    return buffer.getvalue().encode("utf-8")


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
