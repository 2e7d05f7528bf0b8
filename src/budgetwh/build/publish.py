"""Publishing a candidate that passed every stage, and putting things back when one did not.

The live warehouse is replaced by one rename of the finished candidate file, the pages by one symlink flip; the
extracted seeds (rewritten in place by ingest, since dbt reads them from seeds/) are saved before a run and restored
after a failure. Old candidates and page versions are pruned to a few."""

from __future__ import annotations

import fcntl
import os
import shutil
from pathlib import Path

from budgetwh.atomic import flip_symlink, fsync, replace
from budgetwh.build.layout import Candidate, Layout, wal_path
from budgetwh.build.stages import StageFailed
from budgetwh.exitcodes import ExitCode

KEEP_FAILED_CANDIDATES = 5
KEEP_PAGE_VERSIONS = 3  # the live one and the two before it (a reader may be mid-way through an older page)


def finalize_candidate(db: Path) -> None:
    """Fold the WAL into the file: the live file must be complete on its own, since a reader opening it never
    replays anything, and a WAL left beside a renamed file would belong to the wrong database."""
    import duckdb

    con = duckdb.connect(str(db))
    try:
        con.execute("checkpoint")
    finally:
        con.close()
    if wal_path(db).exists():
        raise RuntimeError(f"{db}: a WAL is still there after CHECKPOINT; is another process writing to it?")
    fsync(db)


def mart_row_counts(db: Path) -> dict[str, int]:
    import duckdb

    con = duckdb.connect(str(db), read_only=True)
    try:
        tables = [
            r[0]
            for r in con.execute(
                "select table_name from information_schema.tables where table_schema = 'marts' order by table_name"
            ).fetchall()
        ]
        return {t: con.execute(f'select count(*) from marts."{t}"').fetchone()[0] for t in tables}
    finally:
        con.close()


def live_has_writer(db: Path) -> bool:
    """True while some process has the live file open read-write (DuckDB holds an fcntl write lock then). Its WAL
    would sit beside the file we rename in, so we refuse to publish rather than risk it."""
    if not db.exists():
        return False
    fd = os.open(db, os.O_RDONLY)
    try:
        fcntl.lockf(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
        return False
    except OSError:
        return True
    finally:
        os.close(fd)  # also drops our shared lock


def publish(layout: Layout, cand: Candidate) -> None:
    if live_has_writer(layout.live_db):
        raise StageFailed(
            ExitCode.UNEXPECTED,
            f"{layout.show(layout.live_db)} is open read-write in another process; analysts must open it "
            "read-only (duckdb -readonly); nothing was published",
        )
    stale_wal = wal_path(layout.live_db)
    if stale_wal.exists():  # left by a writer that crashed; it describes the old file, never the new one
        os.replace(stale_wal, cand.dir / "stale-live.wal")
    layout.live_db.parent.mkdir(parents=True, exist_ok=True)
    replace(cand.db, layout.live_db)
    if cand.pages.is_dir():
        flip_symlink(layout.pages_link, cand.pages, layout.pages_versions / f"legacy-{cand.run_id}")


# ---------------------------------------------------------------------------------------------------------------
# Extracted seeds: regenerated in place (dbt reads them from seeds/), put back if the build fails


def _csvs(directory: Path) -> list[Path]:
    return sorted(directory.glob("*.csv")) if directory.is_dir() else []


def save_seeds(layout: Layout, cand: Candidate) -> None:
    cand.seeds_before.mkdir(parents=True, exist_ok=True)
    for path in _csvs(layout.extracted):
        shutil.copy2(path, cand.seeds_before / path.name)


def restore_seeds(layout: Layout, cand: Candidate) -> bool:
    """Put back the seeds of the live warehouse; keep what this run extracted beside the candidate. Each file is
    replaced by a rename, so a reader of seeds/ never sees half a file. Returns whether anything changed."""
    before = {p.name: p for p in _csvs(cand.seeds_before)}
    now = {p.name: p for p in _csvs(layout.extracted)}
    if {n: p.read_bytes() for n, p in before.items()} == {n: p.read_bytes() for n, p in now.items()}:
        return False
    cand.seeds_extracted.mkdir(parents=True, exist_ok=True)
    for name, path in now.items():
        shutil.copy2(path, cand.seeds_extracted / name)
        if name not in before:
            path.unlink()
    for name, path in before.items():
        tmp = layout.extracted / f".{name}.restore"
        shutil.copy2(path, tmp)
        os.replace(tmp, layout.extracted / name)
    return True


# ---------------------------------------------------------------------------------------------------------------
# Retention


def prune_candidates(layout: Layout, keep: int) -> None:
    if not layout.candidates.is_dir():
        return
    dirs = sorted((d for d in layout.candidates.iterdir() if d.is_dir()), key=lambda d: d.name)
    for old in dirs[: max(0, len(dirs) - keep)]:
        shutil.rmtree(old, ignore_errors=True)


def prune_page_versions(layout: Layout, keep: int) -> None:
    if not layout.pages_versions.is_dir():
        return
    live = layout.pages_link.resolve() if layout.pages_link.is_symlink() else None
    dirs = sorted((d for d in layout.pages_versions.iterdir() if d.is_dir()), key=lambda d: d.name)
    others = [d for d in dirs if d.resolve() != live]
    for old in others[: max(0, len(others) - (keep - 1))]:
        shutil.rmtree(old, ignore_errors=True)


def keep_artefacts_of_live_build(layout: Layout, cand: Candidate) -> None:
    """The dbt target/ (run_results, manifest, docs) and GX Data Docs of the build now live, for whoever asks
    what is published. Swapped in by renames; the previous build's copy is dropped."""
    dest = layout.last_build_artefacts
    dest.parent.mkdir(parents=True, exist_ok=True)
    shutil.rmtree(cand.seeds_before, ignore_errors=True)  # the seeds of a build no longer live
    old = dest.with_name(dest.name + ".old")
    shutil.rmtree(old, ignore_errors=True)
    if dest.exists():
        os.replace(dest, old)
    os.replace(cand.dir, dest)
    shutil.rmtree(old, ignore_errors=True)
